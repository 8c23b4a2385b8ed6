"""The ``reckon`` command: a thin Typer shell over the stages' service functions.

Each stage adds its commands from its own module here (``register``, ``names``, ``link``, ``estimate``,
``histories``, ``news``, ``sanctions``, ``web``) so that no stage edits another's file.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

# Importing this package loads nothing but os and sys: Typer, Rich and the messages come with the first
# _build(). A worker process that multiprocessing spawns from the ``reckon`` console script runs that
# script again as ``__mp_main__`` before its target, and the script's one import is this package; with
# the app built at import time every such worker (the import's reader, each histories build worker) loaded
# Typer and Rich for nothing (0.09 s of CPU of the reader's 0.3 s start). ``python -m reckon`` is not run
# again (multiprocessing skips a package's ``__main__``).
_app: typer.Typer | None = None


def _build() -> typer.Typer:
    """The app with every stage's commands, added once per process: a second round of ``register`` calls
    would add each command again, and Typer turns every registration into a Click command on each run,
    so a process that runs many commands (the test suite runs them in-process) would pay more on every
    run (200 builds made one run cost 48 s of CPU instead of 0.02 s)."""
    global _app
    if _app is not None:
        return _app
    import typer

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
    from reckon.cli.common import export_app, messages_in_terminal_language
    from reckon.i18n import N_

    app = typer.Typer(
        name="reckon",
        help=N_("Count the persecuted, estimate the undocumented, hold the responsible to account."),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    app.callback()(messages_in_terminal_language)
    helptext.install()   # --help pages in the language of the CLI's messages
    for module in (register, names, link, estimate, histories, news, sanctions, web, judges, security):
        module.register(app)
    app.add_typer(export_app, name="export")
    _app = app
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
    from reckon import i18n
    from reckon.cli.common import err_console, error_message
    from reckon.errors import ReckonError

    app = _build()
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
