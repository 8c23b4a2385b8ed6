"""Typed errors shared by every stage.

Each error says what went wrong *and what to do*; messages never contain personal data (names, birth
dates), only files, row numbers, field names and counts.
"""

from __future__ import annotations


class ReckonError(Exception):
    """Base of every error reckon raises on purpose; the CLI prints it without a traceback."""

    exit_code = 1


class WorkspaceError(ReckonError):
    """No workspace where one was expected, or a broken one."""


class InputError(ReckonError):
    """Bad input data: names the file, row and field where known."""

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(
            part for part in (
                f"file {file}" if file else "",
                f"row {row}" if row is not None else "",
                f"field {field!r}" if field else "",
            ) if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.row, self.field = file, row, field


class ConfigError(ReckonError):
    """Bad settings, options or mapping files."""


class BusyError(ReckonError):
    """Another writer holds the workspace (an import, a link run) longer than we would wait."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class StoreError(ReckonError):
    """The database refused an operation; the message names the table or constraint, never the values."""
