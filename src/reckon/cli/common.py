"""What every command shares: finding the workspace, printing rows, progress, and clean errors.

Commands hold no logic: they parse options, call a stage's service function and print its result.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from reckon import cells, i18n
from reckon.config import Workspace, find_workspace, settings
from reckon.errors import EstimateRefused, ReckonError
from reckon.i18n import N_
from reckon.progress import Progress as StepProgress

console = Console()
err_console = Console(stderr=True)

# Sub-apps that several stages add commands to.
export_app = typer.Typer(help=N_("Export register contents (records, links, officials ...)."), no_args_is_help=True)

WorkspaceOption = typer.Option(
    None, "--workspace", "-w", envvar="RECKON_WORKSPACE",
    help=N_("Workspace folder (default: the current folder or a parent holding reckon.toml)."),
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


FormatOption = typer.Option(Format.table, "--format", "-f", help=N_("How to print the rows."))


def _context():
    try:  # typer 0.2x runs its own copy of click
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - other typer versions
        from click import get_current_context
    return get_current_context(silent=True)


def messages_in_terminal_language(ctx: typer.Context) -> None:
    # The app's callback (no docstring: Typer would show it as the app's help). The command's messages are
    # in the terminal's language (reckon.i18n.cli_language) for as long as it runs; a command that opens a
    # workspace falls back on the workspace's default (workspace below).
    ctx.with_resource(i18n.use(i18n.cli_language()))


def workspace(path: Path | None, *, any_schema: bool = False) -> Workspace:
    """The command's workspace, remembered for this invocation only: its exports are sealed and audited.

    A database an older reckon made is refused with the way to upgrade it, except by the commands that must
    work on it before the upgrade (``any_schema``: backup and restore)."""
    ws = find_workspace(path)
    if not any_schema:
        from reckon.store.db import check_schema

        check_schema(ws.database_url)
    ctx = _context()
    if ctx is not None:
        ctx.meta["reckon.workspace"] = ws
    if i18n.terminal_language() is None:  # a terminal that names no language: the workspace's default
        i18n.set_language(i18n.cli_language(str(settings(ws, "web").get("language") or "")))
    return ws


def _current() -> Workspace | None:
    ctx = _context()
    return ctx.meta.get("reckon.workspace") if ctx is not None else None


def audit_cli(ws: Workspace, action: str, *, target_type: str | None = None, target_ids: Sequence[int] = (),
              **details: Any) -> None:
    """Record a CLI read of personal data, an export or a backup, as the web app records its reads."""
    from reckon.store.audit import audit
    from reckon.store.db import session_scope

    with session_scope(ws.database_url) as s:
        audit(s, action, target_type=target_type, target_ids=target_ids, **details)


def emit_rows(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: Format | str = Format.table,
              *, title: str | None = None, out: Path | None = None, empty: str | None = None,
              days: Collection[str] = ()) -> int:
    """Print rows as a Rich table, CSV or JSON lines (to ``out`` if given); returns the row count.

    ``empty``: the line a terminal table prints instead of an empty table (say why there is nothing, and
    what to run); csv and jsonl stay empty, since programs read them. ``days``: columns of days reckon read
    itself, which a terminal table writes as the locale does (:func:`shown`); csv and jsonl keep ISO."""
    fmt = Format(fmt)
    count = 0
    if fmt is Format.table and out is None:
        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(i18n.column(col), overflow="fold")
        for row in rows:
            # Text, not markup: cells hold data such as "[A*B][C]" that Rich would read as tags.
            table.add_row(*[Text(_cut(shown(col, row)) if col in PROSE_COLUMNS else shown(col, row, days))
                            for col in columns])
            count += 1
        if count == 0 and empty:
            console.print(Text(empty))
        else:
            console.print(table)
        _audited(count, None)
        return count
    handle = io.StringIO() if out else sys.stdout
    if fmt is Format.csv or fmt is Format.table:
        writer = cells.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cells.csv_cell(row.get(col)) for col in columns])
            count += 1
    else:
        for row in rows:
            handle.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, default=str))
            handle.write("\n")
            count += 1
    _audited(count, out)
    if out:
        from reckon.secure import write_output

        assert isinstance(handle, io.StringIO)
        write_output(out, handle.getvalue().encode("utf-8"), _current())
    return count


# Columns of running text (a quoted sentence, an article's title): a terminal table shows each on one line,
# cut with "…", so that one long sentence does not fold a row into thirty lines on an 80-column terminal;
# csv and jsonl (and --out) keep the whole text.
PROSE_COLUMNS = frozenset({"quoted_sentence", "title"})
PROSE_WIDTH = 60


def _cut(text: str) -> str:
    """Running text cut at a word before ``PROSE_WIDTH`` characters, with "…" where it was cut."""
    if len(text) <= PROSE_WIDTH:
        return text
    head = text[:PROSE_WIDTH - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[PROSE_WIDTH // 2:] else head).rstrip(" ,;:") + "…"

# Columns whose values are codes the data carries (statuses, kinds, categories): a terminal table says them
# in words through reckon.i18n.LABELS; csv and jsonl keep the codes.
CODED_COLUMNS = frozenset({"kind", "status", "sex", "qualifier", "category", "case_kind", "decision", "role",
                           "method", "mode", "engine", "action", "sex_hint", "stratum", "model"})


_DAY = re.compile(r"\d{4}(?:-\d\d){0,2}")   # an ISO day, or a partial one ("2024-03", "2024")

_MOMENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d[.\d]*(?:[+-]\d\d:\d\d|Z)?")


def shown(col: str, row: Mapping[str, Any], days: Collection[str] = ()) -> str:
    """One cell of a terminal table in the current language: codes in words, regions and districts by their
    gazetteer names, yes/no for flags, decimals as the locale writes them; anything else as its text.

    A day stays as the lists write it ("2024-03-04": a documenter compares it with the list), except in the
    columns ``days`` names: days reckon read itself (an article's date, a figure's "as of"), written as the
    locale writes a day ("16 верасня 2024"), as the web pages and `reckon news extract` do."""
    from reckon.places import REGIONS, district_label, region_label

    value = row.get(col)
    lang = i18n.current()
    if col == "region" and row.get("region_code"):
        return region_label(row["region_code"], lang)
    if isinstance(value, str) and value in REGIONS:   # a region's code (a record's, a stratum's)
        return region_label(value, lang)
    if col == "district" and row.get("district_id"):
        return district_label(row["district_id"], lang)
    if col in ("language", "lang") and value in i18n.NAMES:   # a language's code: its own name
        return i18n.NAMES[value]
    if isinstance(value, bool):
        return i18n.gettext("yes") if value else i18n.gettext("no")
    if isinstance(value, datetime) or (isinstance(value, str) and _MOMENT.fullmatch(value)):
        return i18n.day(value)   # a moment (a login, an estimate's run) as the locale writes it, to the minute
    if col in days and isinstance(value, str) and _DAY.fullmatch(value):
        return i18n.day(value)
    if isinstance(value, float):
        return i18n.decimal(value)
    if col == "role" and isinstance(value, str):
        return i18n.role_label(value)
    if col in CODED_COLUMNS and isinstance(value, str):
        return i18n.label(value)
    if col == "reason" and isinstance(value, str):   # a quarantined row's, as the reader wrote it in English
        from reckon.said_errors import reason

        return reason(value)
    return cells.text(value)


def command_words(ctx: Any) -> str:
    """"reckon judges", "reckon news import": the command's words, never its arguments. From the chain of
    contexts, not the command path, whose first word is the program as started ("python -m reckon" gave
    "reckon -m reckon judges")."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["reckon", *reversed(names)])


def _audited(count: int, out: Path | None) -> None:
    """A listing or export from a workspace is an audited read (the command, never its arguments)."""
    ws, ctx = _current(), _context()
    if ws is None or ctx is None or ctx.params.get("dry_run"):  # a dry run shows the file, writes nothing
        return
    command = command_words(ctx)
    audit_cli(ws, "cli.export" if out else "cli.read", command=command, rows=count,
              **({"file": out.name} if out else {}))




def progress() -> Progress:
    """The one progress bar style for long operations (drawn on stderr, so stdout stays clean)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, transient=False)


def drawn_on(bar: Progress, description: str) -> StepProgress:
    """The one progress shape (:mod:`reckon.progress`) drawn on a Rich bar: a line per step the operation
    names (``message``), else one line called ``description``."""
    tasks: dict[str, Any] = {}

    from reckon.said_errors import waiting

    def update(done: int, total: int | None = None, message: str = "") -> None:
        # a stage's step, catalogued (N_) where named; a wait behind another writer (store.locks) said too
        label = waiting(message) if message else description
        if label not in tasks:
            tasks[label] = bar.add_task(label, total=total)
        bar.update(tasks[label], completed=done, total=total)

    return update


def error_message(exc: BaseException) -> tuple[str, int]:
    """What the command line prints for an error that ended a command, and the exit code.

    reckon's own errors print as they are (they name file, row and field, never personal data). A
    database error prints its kind and the server's first line, never its parameters (row values). Any
    other exception prints its type only: its message may quote data (a name in a ValueError); set
    RECKON_DEBUG=1 to get the traceback instead.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from reckon.store.db import database_error, public_message

    if isinstance(exc, SQLAlchemyError):
        exc = database_error(exc)
    if isinstance(exc, EstimateRefused):  # its reasons are warnings with codes: said in the terminal's language
        from reckon.estimate.notes import text

        reasons = "\n".join(f"- {text(r)}" for r in exc.reasons)
        return (i18n.gettext("reckon will not estimate on these lists:") + f"\n{reasons}\n"
                + i18n.gettext("Estimate on lists of one population, or force it (--force, or the box on the web "
                               "app's estimates page): the estimate is then marked not publishable."),
                exc.exit_code)
    if isinstance(exc, ReckonError):  # in the terminal's language when catalogued
        from reckon.said_errors import in_words

        return i18n.said(in_words(exc)), exc.exit_code
    # out of memory, or an unexpected error by its type only (its message may quote data)
    from reckon.store.words import ENDED

    return i18n.said_from(public_message(exc), ENDED), 70


def show_demo(item: Any) -> None:
    """Print what a demo step shows: a line with its markup, or a table through :func:`emit_rows`."""
    from reckon.demo import Table

    if isinstance(item, Table):
        emit_rows(item.rows, item.columns, Format.table, title=item.title)
    else:
        console.print(item, highlight=False)
