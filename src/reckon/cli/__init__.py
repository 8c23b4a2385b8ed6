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
from reckon.i18n import N_

app = typer.Typer(
    name="reckon",
    help=N_("Count the persecuted, estimate the undocumented, hold the responsible to account."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _messages(ctx: typer.Context) -> None:
    # The command's messages are in the terminal's language (reckon.i18n.cli_language) for as long as it
    # runs; a command that opens a workspace falls back on the workspace's default (cli.common.workspace).
    ctx.with_resource(i18n.use(i18n.cli_language()))


_built = False


def _build() -> typer.Typer:
    """The app with every stage's commands, added once per process: a second round of ``register`` calls
    would add each command again, and Typer turns every registration into a Click command on each run,
    so a process that runs many commands (the test suite runs them in-process) would pay more on every
    run (200 builds made one run cost 48 s of CPU instead of 0.02 s)."""
    global _built
    if _built:
        return app
    from reckon.cli import (
        estimate,
        helptext,
        histories,
        judges,
        link,
        names,
        news,
        register,
        sanctions,
        security,
        web,
    )

    helptext.install()   # --help pages in the language of the CLI's messages
    for module in (register, names, link, estimate, histories, news, sanctions, web, judges, security):
        module.register(app)
    app.add_typer(export_app, name="export")
    _built = True
    return app


def _click_errors() -> tuple[type[BaseException], type[BaseException]]:
    """Click's usage-error and abort classes, as the Click Typer runs defines them."""
    try:  # typer 0.2x runs its own copy of click
        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort
    except ImportError:  # pragma: no cover - other typer versions
        from click.exceptions import Abort, ClickException  # type: ignore[assignment]
    return ClickException, Abort


def main() -> None:
    """Entry point: usage errors print as Click would, in the terminal's language (:mod:`reckon.cli.usage`);
    every other error prints as one line without a traceback or the data behind it (see
    :func:`reckon.cli.common.error_message`)."""
    _build()
    os.umask(0o077)  # every file reckon writes is its owner's only (0600), every folder 0700
    usage_error, abort = _click_errors()
    try:
        code = app(standalone_mode=False)
    except usage_error as exc:
        from reckon.cli import usage

        with i18n.use(i18n.cli_language()):
            usage.show(exc, err_console)
        sys.exit(getattr(exc, "exit_code", 2))
    except abort:
        from reckon.cli import usage

        with i18n.use(i18n.cli_language()):
            usage.aborted(err_console)
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("RECKON_DEBUG") and not isinstance(exc, ReckonError):
            raise
        from rich.text import Text

        with i18n.use(i18n.cli_language()):
            message, code = error_message(exc)
            err_console.print(Text.assemble((i18n.gettext("error: "), "bold red"), message))
        sys.exit(code)
    sys.exit(code if isinstance(code, int) else 0)
