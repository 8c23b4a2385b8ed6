"""Partial dates as registers write them: "1975", "05.1975", "5.5.1975", "1975-05-05", "17 мая 1996 г.".

Registers often know only the year or the month of a birth or a detention, so reckon stores dates as
*partial ISO strings*: ``"1975"``, ``"1975-05"`` or ``"1975-05-05"``. Dropping what is unknown is better
than inventing a day.

Day/month order: ISO ``YYYY-MM-DD`` is always year-month-day. For ``A.B.YYYY`` (any of ``. / -`` as the
separator) a part above 12 decides the order; when both could be a month the caller's ``order`` decides
("dmy", the European and post-Soviet default, or "mdy"). An impossible date (31.02.2020, month 13, day 0)
raises :class:`DateError` so the row goes to quarantine instead of being stored wrong.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from functools import lru_cache

__all__ = ["DateError", "parse_partial_date", "partial_year", "ORDERS"]

ORDERS = ("dmy", "mdy")
MIN_YEAR = 1800
MAX_YEAR = 2200
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DateError(ValueError):
    """The text is not a date reckon can read, or names a day that does not exist."""


# Month names (nominative and genitive) in English, Russian and Belarusian, lower case; prefixes of at
# least three letters are accepted for the English ones ("Sept", "Oct").
_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january январь января янв студзень студзеня студз",
        "february февраль февраля фев лют люты лютага",
        "march март марта сакавік сакавіка сак",
        "april апрель апреля апр красавік красавіка крас",
        "may май мая травень траўня мая",
        "june июнь июня чэрвень чэрвеня чэрв",
        "july июль июля ліпень ліпеня ліп",
        "august август августа авг жнівень жніўня жн",
        "september сентябрь сентября сен сент верасень верасня вер",
        "october октябрь октября окт кастрычнік кастрычніка кастр",
        "november ноябрь ноября ноя лістапад лістапада ліст",
        "december декабрь декабря дек снежань снежня снеж",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num
_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
       "november", "december"]

_SEP = r"[./\-\s]"
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_YMD = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_RE_YM = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})$")
_RE_MY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{4}})$")
_RE_ABY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_RE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RE_WORDS = re.compile(r"^(?:(\d{1,2})\s*)?([^\W\d_]+)\.?,?\s*(?:(\d{1,2}),?\s+)?(\d{4})$")
# Trailing words that mean "year" / "year of birth" and times of day that spreadsheets append.
_RE_NOISE = re.compile(
    r"(\s*(г\.?\s*р\.?|гг?\.?|года?|гада|год|р\.?|y\.?|yr\.?)\s*$)|"
    r"([tT ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$)",
    re.IGNORECASE,
)


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
    if not 1 <= month <= 12:
        raise DateError("month is not 1-12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError("day does not exist in that month")
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(year: int, month: int) -> str:
    _check_year(year)
    if month == 0:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateError("month is not 1-12")
    return f"{year:04d}-{month:02d}"


def _two_digit_year(yy: int) -> int:
    """'75' is 1975 and '05' is 2005: a two-digit year not after this year's is this century's."""
    this = date.today().year
    century = this - this % 100
    return century + yy if yy <= this % 100 else century - 100 + yy


def _month_from_word(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) >= 3:
        for num, name in enumerate(_EN, start=1):
            if name.startswith(word):
                return num
    return None


@lru_cache(maxsize=65536)
def _parse(text: str, order: str) -> str | None:
    s = text.strip()
    if not s:
        return None
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
        month = _month_from_word(m[2])
        if month is None:
            raise DateError("not a date")
        day = m[1] or m[3]
        year = int(m[4])
        return _full(year, month, int(day)) if day else _month(year, month)
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


def partial_year(partial: str | None) -> int | None:
    """The year of a partial ISO date (``"1975-05"`` -> 1975)."""
    return int(partial[:4]) if partial else None


def is_partial_iso(text: str) -> bool:
    """True for the strings :func:`parse_partial_date` returns."""
    return bool(_ISO_PARTIAL.match(text))
