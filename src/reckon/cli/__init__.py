"""The ``reckon`` command: a thin Typer shell over the stages' service functions.

Each stage adds its commands from its own module here (``register``, ``names``, ``link``, ``estimate``,
``histories``, ``news``, ``sanctions``, ``web``) so that no stage edits another's file.
"""

from __future__ import annotations

import os
import sys

import typer

from reckon.cli.common import err_console, export_app
from reckon.errors import ReckonError

app = typer.Typer(
    name="reckon",
    help="Count the persecuted, estimate the undocumented, hold the responsible to account.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _build() -> typer.Typer:
    from reckon.cli import estimate, histories, judges, link, names, news, register, sanctions, security, web

    for module in (register, names, link, estimate, histories, news, sanctions, web, judges, security):
        module.register(app)
    app.add_typer(export_app, name="export")
    return app


def main() -> None:
    """Entry point: Click's standalone mode handles usage errors; reckon's own errors print cleanly."""
    _build()
    os.umask(0o077)  # every file reckon writes is its owner's only (0600), every folder 0700
    try:
        app()
    except ReckonError as exc:
        from rich.text import Text

        err_console.print(Text.assemble(("error: ", "bold red"), str(exc)))
        sys.exit(exc.exit_code)
