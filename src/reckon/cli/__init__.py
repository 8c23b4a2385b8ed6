"""The ``reckon`` command: a thin Typer shell over the stages' service functions.

Each stage adds its commands from its own module here (``register``, ``names``, ``link``, ``estimate``,
``histories``, ``news``, ``sanctions``, ``web``) so that no stage edits another's file.
"""

from __future__ import annotations

import os
import sys

import typer

from reckon import i18n
from reckon.cli.common import err_console, error_message, export_app
from reckon.errors import ReckonError

app = typer.Typer(
    name="reckon",
    help="Count the persecuted, estimate the undocumented, hold the responsible to account.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _messages(ctx: typer.Context) -> None:
    # The command's messages are in the terminal's language (reckon.i18n.cli_language) for as long as it
    # runs; a command that opens a workspace falls back on the workspace's default (cli.common.workspace).
    ctx.with_resource(i18n.use(i18n.cli_language()))


def _build() -> typer.Typer:
    from reckon.cli import estimate, histories, judges, link, names, news, register, sanctions, security, web

    for module in (register, names, link, estimate, histories, news, sanctions, web, judges, security):
        module.register(app)
    app.add_typer(export_app, name="export")
    return app


def main() -> None:
    """Entry point: Click's standalone mode handles usage errors; every other error prints as one line
    without a traceback or the data behind it (see :func:`reckon.cli.common.error_message`)."""
    _build()
    os.umask(0o077)  # every file reckon writes is its owner's only (0600), every folder 0700
    try:
        app()
    except Exception as exc:
        if os.environ.get("RECKON_DEBUG") and not isinstance(exc, ReckonError):
            raise
        from rich.text import Text

        with i18n.use(i18n.cli_language()):
            message, code = error_message(exc)
            err_console.print(Text.assemble((i18n.gettext("error: "), "bold red"), message))
        sys.exit(code)

