"""Dates, one library for the whole package: partial dates of lists and dates in running text.

Pure (no database, no I/O). :mod:`reckon.dates.partial` reads a date of any precision from a register
field ("1975", "05.1975", "17 мая 1996 г.") into a :class:`PartialDate` or its partial ISO text;
:mod:`reckon.dates.text` finds dates in news text in English, Russian and Belarusian; both read month
names from the one table in :mod:`reckon.dates.months`.
"""

from reckon.dates.months import month_number
from reckon.dates.partial import (
    ORDERS,
    DateError,
    PartialDate,
    clean,
    is_partial_iso,
    is_past,
    parse_date,
    parse_dates,
    parse_partial_date,
    partial_year,
    relation,
)

__all__ = ["ORDERS", "DateError", "PartialDate", "clean", "is_past", "is_partial_iso", "month_number",
           "parse_date", "parse_dates", "parse_partial_date", "partial_year", "relation"]
