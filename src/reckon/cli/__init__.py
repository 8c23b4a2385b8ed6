"""The ``reckon`` command: a thin Typer shell over the stages' service functions.

Each stage adds its commands from its own module here (``register``, ``names``, ``link``, ``estimate``,
``news``, ``sanctions``, ``web``) so that no stage edits another's file.
"""

from __future__ import annotations

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
    from reckon.cli import estimate, link, names, news, register, sanctions, web

    for module in (register, names, link, estimate, news, sanctions, web):
        module.register(app)
    app.add_typer(export_app, name="export")
    return app


def main() -> None:
    _build()
    try:
        app(standalone_mode=False)
    except ReckonError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("aborted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
