"""Partial dates as lists write them: "1975", "05.1975", "5.5.1975", "1975-05-05", "17 мая 1996 г.".

Registers often know only the year or the month of a birth or a detention, so reckon stores dates as
*partial ISO strings*: ``"1975"``, ``"1975-05"`` or ``"1975-05-05"``. Dropping what is unknown is better
than inventing a day. :class:`PartialDate` is the value behind such a string.

Day/month order: ISO ``YYYY-MM-DD`` is always year-month-day. For ``A.B.YYYY`` (any of ``. / -`` as the
separator) a part above 12 decides the order; when both could be a month the caller's ``order`` decides
("dmy", the European and post-Soviet default, or "mdy"). An impossible date (31.02.2020, month 13, day 0)
raises :class:`DateError` from :func:`parse_partial_date` so an imported row goes to quarantine instead
of being stored wrong; :func:`clean` gives None instead, for callers that only want a date if there is one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from reckon.dates.months import month_number

__all__ = ["DateError", "PartialDate", "ORDERS", "parse_partial_date", "clean", "partial_year",
           "is_partial_iso", "parse_date", "parse_dates", "relation", "is_past"]

ORDERS = ("dmy", "mdy")
MIN_YEAR = 1800
MAX_YEAR = 2200
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO_LOOSE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateError(ValueError):
    """The text is not a date reckon can read, or names a day that does not exist."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day; immutable, and valid once built.

    ``PartialDate(1975)`` is 1975, ``PartialDate(1975, 5)`` May 1975. Its text form (``str()`` and
    ``.iso``) is what the store holds.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError("year outside 1-9999")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError("month is not 1-12")
        if self.day is not None and not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise DateError("day does not exist in that month")

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso

    @property
    def precision(self) -> str:
        """"year", "month" or "day"."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    def first_day(self) -> date:
        """The earliest day the date can mean (1 January for a year)."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest day the date can mean (31 December for a year, the month's last for a month)."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """The value of a stored partial ISO string ("1975", "1975-05", "1975-05-05")."""
        m = _ISO_LOOSE.match(str(text).strip())
        if not m:
            raise DateError("not a partial ISO date")
        y, mo, d = (int(g) if g else None for g in m.groups())
        return cls(y, mo, d)  # type: ignore[arg-type]

    @classmethod
    def parse(cls, value: object, order: str = "dmy", formats: tuple[str, ...] = ()) -> PartialDate | None:
        """:func:`parse_partial_date` as a value: None for blank, :class:`DateError` for a non-date."""
        text = parse_partial_date(value, order, formats)
        return None if text is None else cls.from_iso(text)

    @classmethod
    def clean(cls, value: object, order: str = "dmy") -> PartialDate | None:
        """The date written in ``value``, or None when there is none (never raises on bad text)."""
        text = clean(value, order)
        return None if text is None else cls.from_iso(text)


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year outside {MIN_YEAR}-{MAX_YEAR}")
    return year


def _full(year: int, month: int, day: int) -> str:
    _check_year(year)
    # Registers write an unknown day or month as zeros: "00.05.1975" is May 1975, "00.00.1975" is 1975.
    if day == 0 and month == 0:
        return f"{year:04d}"
    if day == 0:
        return _month(year, month)
    if 1 <= month <= 12 and 1 <= day <= 28:  # a day every month has: no calendar needed (most dates)
        return f"{year:04d}-{month:02d}-{day:02d}"
    return PartialDate(year, month, day).iso


def _month(year: int, month: int) -> str:
    _check_year(year)
    if month == 0:
        return f"{year:04d}"
    return PartialDate(year, month).iso


def _two_digit_year(yy: int) -> int:
    """'75' is 1975 and '05' is 2005: a two-digit year not after this year's is this century's."""
    this = date.today().year
    century = this - this % 100
    return century + yy if yy <= this % 100 else century - 100 + yy


_SEP = r"[./\-\s]"
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_YMD = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_RE_YM = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})$")
_RE_MY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{4}})$")
_RE_ABY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_RE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Text of digits and separators only, which _RE_NOISE cannot change (each of its words has a letter, its
# times a colon): most dates of a list, spared that search (a third of a date's parse).
_DIGITS_ONLY = re.compile(r"[\d./\-\s]+")
_RE_WORDS = re.compile(r"^(?:(\d{1,2})\s*)?([^\W\d_]+)\.?,?\s*(?:(\d{1,2}),?\s+)?(\d{4})$")
# Trailing words that mean "year" / "year of birth" and times of day that spreadsheets append.
_RE_NOISE = re.compile(
    r"(\s*(г\.?\s*р\.?|гг?\.?|года?|гада|год|р\.?|y\.?|yr\.?)\s*$)|"
    r"([tT ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$)",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def _parse(text: str, order: str) -> str | None:
    s = text.strip()
    if not s:
        return None
    if not _DIGITS_ONLY.fullmatch(s):
        s = _RE_NOISE.sub("", s).strip()
        if not s:
            raise DateError("not a date")
    if m := _RE_YEAR.match(s):
        return f"{_check_year(int(m[1])):04d}"
    if m := _RE_YMD.match(s):
        return _full(int(m[1]), int(m[2]), int(m[3]))
    if m := _RE_COMPACT.match(s):
        return _full(int(m[1]), int(m[2]), int(m[3]))
    if m := _RE_YM.match(s):
        return _month(int(m[1]), int(m[2]))
    if m := _RE_MY.match(s):
        return _month(int(m[2]), int(m[1]))
    if m := _RE_ABY.match(s):
        a, b = int(m[1]), int(m[2])
        year = int(m[3]) if len(m[3]) == 4 else _two_digit_year(int(m[3]))
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif order == "mdy":
            day, month = b, a
        else:
            day, month = a, b
        return _full(year, month, day)
    if m := _RE_WORDS.match(s):
        named = month_number(m[2])
        if named is None:
            raise DateError("not a date")
        written_day = m[1] or m[3]
        return _full(int(m[4]), named, int(written_day)) if written_day else _month(int(m[4]), named)
    raise DateError("not a date")


def parse_partial_date(value: object, order: str = "dmy", formats: tuple[str, ...] = ()) -> str | None:
    """Read a date of any precision and return it as ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

    ``None`` or blank text gives ``None`` (unknown is not an error). ``formats`` are ``strptime``
    formats tried first (from a mapping file); they always give a full date. Raises :class:`DateError`
    when the text is not a date or the date cannot exist.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _full(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{_check_year(value):04d}"
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    text = str(value)
    for fmt in formats:
        try:
            parsed = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return _full(parsed.year, parsed.month, parsed.day)
    return _parse(text, order)


def clean(value: object, order: str = "dmy") -> str | None:
    """:func:`parse_partial_date`, but None instead of :class:`DateError` for text that is no date."""
    try:
        return parse_partial_date(value, order)
    except DateError:
        return None


def partial_year(partial: str | None) -> int | None:
    """The year of a partial ISO date (``"1975-05"`` -> 1975)."""
    return int(partial[:4]) if partial else None


def is_partial_iso(text: str) -> bool:
    """True for the strings :func:`parse_partial_date` returns."""
    return bool(_ISO_PARTIAL.match(text))


# --- several dates in one field, as sanctions lists write them ("1964 / 1965", "5. 5. 1975.") ------------
_SPLIT = re.compile(r"\s*(?:/|;|,|\bor\b|\bили\b|\bабо\b)\s*")
_LOOSE_DMY = re.compile(r"^(\d{1,2})[./\s-]+(\d{1,2})[./\s-]+(\d{4})$")
_LOOSE_MY = re.compile(r"^(\d{1,2})[./](\d{4})$")


def _loose(text: str) -> str | None:
    """The second reading for list text the strict parser refuses: a trailing period, runs of separators."""
    t = text.strip().rstrip(".")
    m = _ISO_LOOSE.match(t)
    parts = m.groups() if m else None
    if parts is None and (m := _LOOSE_DMY.match(t)):
        parts = (m[3], m[2], m[1])
    if parts is None and (m := _LOOSE_MY.match(t)):
        parts = (m[2], m[1], None)
    if parts is None or not 1800 <= int(parts[0]) <= 2100:
        return None
    try:
        return PartialDate(*(int(p) if p else None for p in parts)).iso  # type: ignore[arg-type]
    except DateError:
        return None


def parse_dates(text: str | None) -> list[str]:
    """Every partial ISO date in ``text``, in order, without repeats (alternatives "a / b" give both)."""
    if text is None:
        return []
    text = str(text).strip()
    if not text:
        return []
    out: list[str] = []
    for part in [text, *_SPLIT.split(text)] if _SPLIT.search(text) else [text]:
        try:
            value = parse_partial_date(part)
        except DateError:
            value = None
        if value is None:
            value = _loose(part)
        if value and value not in out:
            out.append(value)
            if part == text:  # the whole text was one date
                break
    return out


def parse_date(text: str | None) -> str | None:
    """The first partial ISO date in ``text`` (alternatives like "1964 / 1965" give the first), or None."""
    dates = parse_dates(text)
    return dates[0] if dates else None


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
    return value < today.isoformat()[: len(value)]
