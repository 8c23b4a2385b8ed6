"""What the store cannot hold, found before the database sees it: the promise holds on SQLite and PostgreSQL.

SQLite keeps almost anything; PostgreSQL refuses a NUL character in text, ``NaN`` in JSON, text past a
column's length and invalid Unicode (a lone surrogate), and its error carries the rows' values. So an
import checks each row here first: a row holding such a value is quarantined with the column and the
reason, and its raw row is kept in a form every store holds (:func:`safe_raw`), never dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from reckon.ingest.mapper import Problem, Spread
from reckon.store.shapes import RECORD_LENGTHS

# Register fields with a length limit in the store (the record table's String(n) columns).
LIMITS: dict[str, int] = RECORD_LENGTHS
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def _reason(value: Any) -> str | None:
    """Why ``value`` (a cell, possibly nested JSON) cannot be stored as it is, or None."""
    if isinstance(value, str):
        found = _UNSAFE.search(value)
        if found is None:
            return None
        ch = found.group()
        if ch == "\x00":
            return "holds a NUL character, which the store cannot keep (kept as \\x00 in the raw row)"
        if "\udc00" <= ch <= "\udcff":
            return "holds bytes that are not text in the file's encoding (kept as \\xNN in the raw row)"
        return "holds a lone UTF-16 surrogate, which is not text (kept as \\uNNNN in the raw row)"
    if isinstance(value, float) and not math.isfinite(value):
        return f"holds {value!r}, which is not a number the store can keep (kept as text in the raw row)"
    if isinstance(value, dict):
        value = list(value.keys()) + list(value.values())
    if isinstance(value, list | tuple):
        for v in value:
            why = _reason(v)
            if why:
                return why
    return None


def unstorable(values: Mapping[str, Any]) -> list[Problem]:
    """The cells of one raw row that no store can hold as they are, with the reason (none for most rows)."""
    out = []
    for column, value in values.items():
        why = _reason(value) or _reason(column)
        if why:
            out.append(Problem(column, why))
    return out


def too_long(mapped: Mapping[str, list[Any]], source_columns: Mapping[str, str]) -> dict[int, list[Problem]]:
    """Rows (by index in the batch) whose mapped fields are longer than the store's columns.

    One ``max`` over each column of the batch finds whether any row is too long; only then are rows
    looked at one by one, so a normal batch costs a few C-level passes.
    """
    out: dict[int, list[Problem]] = {}
    for fname, col in mapped.items():
        limit = LIMITS.get(fname)
        if limit is None or not col or not isinstance(next((v for v in col if v is not None), ""), str):
            continue
        distinct = col.values if isinstance(col, Spread) else col  # each value once, when known
        if max(map(len, filter(None, distinct)), default=0) <= limit:
            continue
        for i, v in enumerate(col):
            if v is not None and len(v) > limit:
                out.setdefault(i, []).append(Problem(
                    source_columns.get(fname, fname),
                    f"{len(v):,} characters for {fname}, more than the store's {limit:,}; shorten it"))
    return out


def safe_raw(values: Any) -> Any:
    """``values`` with what no store can hold written out visibly: NUL as ``\\x00``, undecodable bytes as
    ``\\xNN``, lone surrogates as ``\\uNNNN``, NaN and infinities as text."""
    if isinstance(values, str):
        return _UNSAFE.sub(_visible, values) if _UNSAFE.search(values) else values
    if isinstance(values, float) and not math.isfinite(values):
        return repr(values)
    if isinstance(values, dict):
        return {safe_raw(str(k)): safe_raw(v) for k, v in values.items()}
    if isinstance(values, list | tuple):
        return [safe_raw(v) for v in values]
    return values


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\x00":
        return "\\x00"
    if "\udc00" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return f"\\u{ord(ch):04x}"


def first_column(targets: Sequence[tuple[str, str]]) -> dict[str, str]:
    """field -> the first source column mapped to it, from (column, field) pairs."""
    out: dict[str, str] = {}
    for column, field in targets:
        out.setdefault(field, column)
    return out
