"""What every command shares: finding the workspace, printing rows, progress, and clean errors.

Commands hold no logic: they parse options, call a stage's service function and print its result.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from reckon.config import Workspace, find_workspace
from reckon.errors import ReckonError

console = Console()
err_console = Console(stderr=True)

# Sub-apps that several stages add commands to.
export_app = typer.Typer(help="Export register contents (records, links, officials ...).", no_args_is_help=True)

WorkspaceOption = typer.Option(
    None, "--workspace", "-w", envvar="RECKON_WORKSPACE",
    help="Workspace folder (default: the current folder or a parent holding reckon.toml).",
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


FormatOption = typer.Option(Format.table, "--format", "-f", help="How to print the rows.")


def workspace(path: Path | None) -> Workspace:
    return find_workspace(path)


def emit_rows(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: Format | str = Format.table,
              *, title: str | None = None, out: Path | None = None) -> int:
    """Print rows as a Rich table, CSV or JSON lines (to ``out`` if given); returns the row count."""
    fmt = Format(fmt)
    count = 0
    if fmt is Format.table and out is None:
        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for row in rows:
            # Text, not markup: cells hold data such as "[A*B][C]" that Rich would read as tags.
            table.add_row(*[Text(_cell(row.get(col))) for col in columns])
            count += 1
        console.print(table)
        return count
    handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt is Format.csv or fmt is Format.table:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(col)) for col in columns])
                count += 1
        else:
            for row in rows:
                handle.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, default=str))
                handle.write("\n")
                count += 1
    finally:
        if out:
            handle.close()
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def progress() -> Progress:
    """The one progress bar style for long operations (drawn on stderr, so stdout stays clean)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err_console, transient=False)


def error_message(exc: BaseException) -> tuple[str, int]:
    """What the command line prints for an error that ended a command, and the exit code.

    reckon's own errors print as they are (they name file, row and field, never personal data). A
    database error prints its kind and the server's first line, never its parameters (row values). Any
    other exception prints its type only: its message may quote data (a name in a ValueError); set
    RECKON_DEBUG=1 to get the traceback instead.
    """
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):
        from reckon.store.db import database_error

        exc = database_error(exc)
    if isinstance(exc, ReckonError):
        return str(exc), exc.exit_code
    if isinstance(exc, MemoryError):
        return "out of memory; try a smaller file or a machine with more memory", 70
    return (f"unexpected {type(exc).__name__}; nothing of the data is shown here. Run again with RECKON_DEBUG=1 "
            "for the traceback and report it", 70)
