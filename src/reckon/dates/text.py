"""Dates in running text: "March 4", "4 March 2024", "August 9, 2020", "4 сакавіка 2024", "17 сентября",
"17.08.2022", "today".

News dates often lack the year ("As of March 4"); :func:`resolve` completes them from the publication
date, taking the previous year when the day would otherwise lie well after publication. Finders yield
``(start, end, iso)`` so callers can also keep numbers inside dates from being read as counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from reckon.dates.months import CYR_MONTH_PATTERN, EN_MONTH_PATTERN, EN_MONTHS, month_number

__all__ = ["iso", "parse_iso", "resolve", "find_date", "iter_dates", "iter_cyr_dates", "date_spans",
           "latest_year"]

_MON = EN_MONTH_PATTERN
MONTH_DAY_RE = re.compile(rf"\b(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
DAY_MONTH_RE = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
MONTH_YEAR_RE = re.compile(rf"\b(?P<mon>{_MON})\s+(?P<year>(?:19|20)\d\d)\b")
NUMERIC_RE = re.compile(r"\b(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b")
ISO_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d{2})-(?P<day>\d{2})\b")
RELATIVE_RE = re.compile(r"\b(?P<rel>today|yesterday|this (?:morning|afternoon|evening|week))\b", re.IGNORECASE)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "as of Monday", "on Sunday": in news, the latest such day not after publication
WEEKDAY_RE = re.compile(r"\b(?:[Oo]n|[Aa]s of|[Aa]s at|[Bb]y|[Ll]ast)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# "by the end of 2023": the year's last day
END_OF_YEAR_RE = re.compile(r"\b(?:the\s+)?end\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# Russian and Belarusian: "4 сакавіка 2024 г.", "17 сентября", "04.03.2024"
CYR_DATE_RE = re.compile(
    rf"(?<![\d.])(?P<day>\d{{1,2}})\s+{CYR_MONTH_PATTERN}(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:г\.|года|году|год))?)?(?!\w)",
    re.IGNORECASE)
# a page's stamp with an abbreviated month, always with its year: "29 сен 2020, 17:16", "5 дек. 2023"
CYR_ABBR_DATE_RE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\s+(?P<mon>янв|фев|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек|"
                              r"студз|крас|чэрв|ліп|жн|вер|кастр|ліст|снеж)\.?\s+(?P<year>(?:19|20)\d\d)(?!\d)",
                              re.IGNORECASE)
CYR_NUMERIC_RE = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?!\d)")

Found = tuple[int, int, str | None]


def iso(year: int, month: int, day: int) -> str | None:
    """The ISO text of a day, or None when it does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_iso(text: str | None) -> date | None:
    """A YYYY-MM-DD string (or its prefix of a datetime) as a date, else None."""
    if not text:
        return None
    m = re.match(r"\s*((?:1[89]|20)\d\d)-(\d{1,2})-(\d{1,2})", str(text))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(month: int, day: int, year: int | None, published: date | None,
            fallback_year: int | None = None) -> str | None:
    """Complete a month-day with a year: the one written, else the publication's (or the previous one)."""
    if year is None:
        if published is not None:
            year = published.year
            candidate = _safe(year, month, day)
            if candidate and candidate > published + timedelta(days=31):
                year -= 1
        elif fallback_year is not None:
            year = fallback_year
        else:
            return None
    return iso(year, month, day)


def find_date(text: str, published: date | None = None, fallback_year: int | None = None) -> str | None:
    """The first date written in ``text``, resolved to ISO (relative words against ``published``)."""
    hits = iter_dates(text, published, fallback_year)
    return hits[0][2] if hits else None


def iter_dates(text: str, published: date | None = None, fallback_year: int | None = None) -> list[Found]:
    """(start, end, iso) of every English or numeric date in ``text``, in order; unresolvable ones give
    iso None."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx in (ISO_RE, NUMERIC_RE):
        for m in rx.finditer(text):
            if free(*m.span()):
                value = iso(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
                found.append((m.start(), m.end(), value))
                taken.append(m.span())
    for rx in (MONTH_DAY_RE, DAY_MONTH_RE):
        for m in rx.finditer(text):
            if not free(*m.span()):
                continue
            mon = EN_MONTHS[m.group("mon").rstrip(".").lower()]
            year = int(m.group("year")) if m.group("year") else None
            value = resolve(mon, int(m.group("day")), year, published, fallback_year)
            found.append((m.start(), m.end(), value))
            taken.append(m.span())
    for m in RELATIVE_RE.finditer(text):
        if not free(*m.span()):
            continue
        value = None
        if published is not None:
            delta = 1 if m.group("rel").lower() == "yesterday" else 0
            value = (published - timedelta(days=delta)).isoformat()
        found.append((m.start(), m.end(), value))
    for m in WEEKDAY_RE.finditer(text):
        a = m.start("wd")
        if not free(a, m.end()):
            continue
        value = None
        if published is not None:
            back = (published.weekday() - WEEKDAYS.index(m.group("wd").lower())) % 7
            value = (published - timedelta(days=back)).isoformat()
        found.append((a, m.end(), value))
    for m in END_OF_YEAR_RE.finditer(text):
        if free(*m.span()):
            found.append((m.start(), m.end(), iso(int(m.group("year")), 12, 31)))
    found.sort()
    return found


def iter_cyr_dates(text: str, published: date | None = None, fallback_year: int | None = None) -> Iterator[Found]:
    """(start, end, ISO date or None) for every "4 сакавіка 2024" / "17 сентября" / "04.03.2024" in ``text``."""
    for m in CYR_DATE_RE.finditer(text):
        mon = month_number(m.group("mon"))
        if mon is None:
            continue
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        yield m.start(), m.end(), (iso(year, mon, day) if year else resolve(mon, day, None, published, fallback_year))
    for m in CYR_ABBR_DATE_RE.finditer(text):
        mon = month_number(m.group("mon"))
        if mon is not None:
            yield m.start(), m.end(), iso(int(m.group("year")), mon, int(m.group("day")))
    for m in CYR_NUMERIC_RE.finditer(text):
        yield m.start(), m.end(), iso(int(m.group("year")), int(m.group("mon")), int(m.group("day")))


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dates and month-years (numbers inside them are never counts)."""
    spans = [(s, e) for s, e, _ in iter_dates(text)]
    spans += [m.span() for m in MONTH_YEAR_RE.finditer(text)]
    return spans


def latest_year(text: str) -> int | None:
    """The latest year written in a full date or month-year: a stand-in when publication is unknown."""
    years = [int(m.group("year")) for rx in (ISO_RE, NUMERIC_RE, MONTH_YEAR_RE) for m in rx.finditer(text)]
    years += [int(m.group("year")) for m in MONTH_DAY_RE.finditer(text) if m.group("year")]
    return max(years) if years else None
