"""What every list reader yields and shares: the row and the opened file (:class:`SourceRow`,
:class:`TableReader`), the limits a file is held to, header cleaning and cell values. The text readers
(:mod:`reckon.ingest.readers`) and the workbook readers (:mod:`reckon.ingest.workbooks`) both build on it,
so neither has to import the other's module."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from reckon.errors import N_, InputError
from reckon.ingest.encoding import has_escaped

# Limits on what one file may hold, each refused with a one-line error naming the file and row: a list
# has tens of columns and cells of a few hundred characters; past these the file is broken or hostile.
MAX_COLUMNS = 2000
MAX_FIELD_CHARS = 4 * 2**20
MAX_JSON_DEPTH = 100  # nesting inside one row; Python's decoder itself gives up near 1,000



# What a reader says of a row whose cells do not fit the header (a warning, or why it is quarantined). Stored
# in English as written; reckon.said_errors.reason says them in the reader's language, so they are templates here.
SHORT_ROW = N_("cells missing: %(missing)s; cells in the row: %(cells)s, in the header: %(width)s (the last fields "
               "are left empty); check the row")
LONG_ROW = N_("cells in the row: %(cells)s, in the header: %(width)s; check quoting")
LONG_SHEET_ROW = N_("filled cells in the row: %(cells)s, in the header: %(width)s")
ROW_MESSAGES = (SHORT_ROW, LONG_ROW, LONG_SHEET_ROW)


@dataclass
class SourceRow:
    """One row as read: the cell values by header (verbatim text for CSV), and where it came from."""

    number: int
    values: dict[str, Any]
    problem: str | None = None
    """Why the row cannot be kept as it is: it is quarantined whole."""
    warning: str | None = None
    """What the reader had to make up to keep the row (cells missing at its end, stored empty): the row
    is stored, and the import's report names the row and the reason (refused under ``--strict``)."""


@dataclass
class TableReader:
    """An opened list file. Iterate it once for its rows; ``bytes_read`` tracks progress."""

    path: Path
    format: str
    headers: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    size: int = 0
    encoding_note: str | None = None  # said when a code page was guessed (letters depend on the guess)
    _rows: Iterator[SourceRow] | None = field(default=None, repr=False)
    _pos: Any = field(default=None, repr=False)
    _close: Any = field(default=None, repr=False)

    @property
    def bytes_read(self) -> int:
        try:
            return int(self._pos()) if self._pos else 0
        except (OSError, ValueError):
            return self.size

    def __iter__(self) -> Iterator[SourceRow]:
        assert self._rows is not None
        return self._rows

    def close(self) -> None:
        if self._close:
            self._close()
            self._close = None

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clean_headers(headers: list[Any], path: Path | None = None) -> list[str]:
    """Header cells as unique column names: blanks become ``column_N``, a repeated name ``name_2``,
    ``name_3`` ... skipping any name the header already uses (``ФИО, ФИО_2, ФИО`` gives ``ФИО_3`` for the
    third), so every cell keeps its own column and no value overwrites another."""
    if path is not None and len(headers) > MAX_COLUMNS:
        raise InputError.of(N_("the header has %(n)s columns, more than the %(max)s a list may have; check the "
                               "delimiter"), file=path.name, row=1, n=len(headers), max=MAX_COLUMNS)
    names = []
    for i, h in enumerate(headers, start=1):
        name = re.sub(r"\s+", " ", str(h if h is not None else "").replace("\ufeff", "")).strip()
        if path is not None and ("\x00" in name or has_escaped(name)):
            raise InputError.of(N_("the header row holds NUL bytes or bytes that are not text: this looks like a "
                                   "binary file, not a list"), file=path.name, row=1)
        names.append(name or f"column_{i}")
    taken = set(names)
    out: list[str] = []
    used: set[str] = set()
    for name in names:
        if name in used:
            n = 2
            while f"{name}_{n}" in taken:
                n += 1
            name = f"{name}_{n}"
            taken.add(name)
        used.add(name)
        out.append(name)
    return out


def scalar(value: Any) -> Any:
    """JSON/XLSX cell -> what the raw row keeps: text and numbers as they are, dates as ISO text."""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict | list) and depth(value) > MAX_JSON_DEPTH:
        raise TooDeep
    return value


class TooDeep(Exception):
    """A row's value nested past MAX_JSON_DEPTH (turned into an InputError naming the row)."""


def depth(value: Any) -> int:
    """How deep ``value`` nests, without recursion (a hostile file may nest thousands deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if d > MAX_JSON_DEPTH:
            return d
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values() if isinstance(x, dict | list))
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v if isinstance(x, dict | list))
    return deepest
