"""Partial dates for officials and sanctions ("1975", "1975-05", "1975-05-05").

The register's parser (``reckon.ingest.dates.parse_partial_date``) is used when it is installed, so lists
and sanctions read dates the same way; until then a thin local parser covers the forms sanctions lists use
(ISO, day.month.year, month.year, year, and "a / b" alternatives where the first is taken).
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[./\s-]+(\d{1,2})[./\s-]+(\d{4})$")
_MY = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SPLIT = re.compile(r"\s*(?:/|;|,|\bor\b|\bили\b|\bабо\b)\s*")


def _valid(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1800 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        date(y, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _local_parse(text: str) -> str | None:
    t = text.strip().rstrip(".")
    if not t:
        return None
    if m := _ISO.match(t):
        y, mo, d = m.groups()
        return _valid(int(y), int(mo) if mo else None, int(d) if d else None)
    if m := _DMY.match(t):
        d, mo, y = m.groups()
        return _valid(int(y), int(mo), int(d))
    if m := _MY.match(t):
        mo, y = m.groups()
        return _valid(int(y), int(mo))
    return None


def _ingest_parser():
    try:
        from reckon.ingest.dates import parse_partial_date  # type: ignore[import-not-found]
    except Exception:  # the register stage may not be installed yet
        return None
    return parse_partial_date


def parse_date(text: str | None) -> str | None:
    """The first partial ISO date in ``text`` (alternatives like "1964 / 1965" give the first), or None."""
    dates = parse_dates(text)
    return dates[0] if dates else None


def parse_dates(text: str | None) -> list[str]:
    """Every partial ISO date in ``text``, in order, without repeats."""
    if text is None:
        return []
    text = str(text).strip()
    if not text:
        return []
    ingest = _ingest_parser()
    out: list[str] = []
    for part in [text, *_SPLIT.split(text)] if _SPLIT.search(text) else [text]:
        value = None
        if ingest is not None:
            try:
                value = ingest(part)
            except Exception:
                value = None
        if value is None:
            value = _local_parse(part)
        if value and value not in out:
            out.append(value)
            if part == text:  # the whole text was one date
                break
    return out


def relation(a: str | None, b: str | None) -> str:
    """How two partial dates relate: ``exact`` (same full day), ``compatible`` (one refines the other,
    e.g. "1975" and "1975-05-05", or the same year-month), ``conflict``, or ``unknown`` (one missing)."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "exact" if len(a) == 10 else "compatible"
    if a.startswith(b) or b.startswith(a):
        return "compatible"
    return "conflict"


def is_past(value: str | None, today: date | None = None) -> bool:
    """True when a partial date lies wholly before ``today`` (an end date that has passed)."""
    if not value:
        return False
    today = today or date.today()
    iso = today.isoformat()
    return value < iso[: len(value)]
