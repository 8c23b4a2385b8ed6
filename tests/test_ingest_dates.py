"""Partial dates: examples from real registers, and properties over every valid day."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest.dates import DateError, is_partial_iso, parse_partial_date, partial_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1975", "1975"),
        ("05.1975", "1975-05"),
        ("5.1975", "1975-05"),
        ("1975-05", "1975-05"),
        ("5.5.1975", "1975-05-05"),
        ("05.05.1975", "1975-05-05"),
        ("1975-05-05", "1975-05-05"),
        ("17.05.1996", "1996-05-17"),
        ("2020-10-02", "2020-10-02"),
        ("2020-10-02T00:00:00", "2020-10-02"),
        ("2020-10-02 13:45:00", "2020-10-02"),
        ("20201002", "2020-10-02"),
        ("1975 г.", "1975"),
        ("1975 г.р.", "1975"),
        ("1975 года", "1975"),
        ("17 мая 1996", "1996-05-17"),
        ("17 траўня 1996 г.", "1996-05-17"),
        ("May 1975", "1975-05"),
        ("5 May 1975", "1975-05-05"),
        ("May 5, 1975", "1975-05-05"),
        ("сакавік 2021", "2021-03"),
        ("00.05.1975", "1975-05"),
        ("00.00.1975", "1975"),
        ("13/05/1975", "1975-05-13"),  # a part above 12 is the day
        ("05/13/1975", "1975-05-13"),  # ... whichever side it is on
        ("  1975-05-05 ", "1975-05-05"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_examples(text: str | None, expected: str | None) -> None:
    assert parse_partial_date(text) == expected


def test_ambiguous_order_follows_the_setting() -> None:
    assert parse_partial_date("01.02.1990") == "1990-02-01"
    assert parse_partial_date("01.02.1990", order="mdy") == "1990-01-02"


def test_two_digit_year_pivots_on_this_year() -> None:
    this = date.today().year % 100
    assert parse_partial_date(f"01.02.{this:02d}") == f"{2000 + this}-02-01"
    assert parse_partial_date("01.02.75") == "1975-02-01"


def test_explicit_formats_come_first() -> None:
    assert parse_partial_date("1990|02|01", formats=("%Y|%m|%d",)) == "1990-02-01"


def test_dates_and_years_given_as_values() -> None:
    assert parse_partial_date(date(1975, 5, 5)) == "1975-05-05"
    assert parse_partial_date(1975) == "1975"


@pytest.mark.parametrize(
    "text",
    ["31.02.2020", "29.02.2021", "2020-13-01", "32.01.2020", "2020-00-05", "05.00.1975", "1975-02-30",
     "13.13.1975", "0001", "9999-01-01", "yesterday", "1975-05-05-05", "12/31", "мая", "31 June 2020"],
)
def test_impossible_or_unreadable_dates_raise(text: str) -> None:
    with pytest.raises(DateError):
        parse_partial_date(text)


def test_error_messages_hold_no_date() -> None:
    with pytest.raises(DateError) as err:
        parse_partial_date("31.02.1975")
    assert "1975" not in str(err.value) and "31" not in str(err.value)


DAYS = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))
FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%d-%m-%Y"]


@settings(deadline=None)
@given(DAYS, st.sampled_from(FORMATS))
def test_every_day_round_trips_in_every_format(day: date, fmt: str) -> None:
    assert parse_partial_date(day.strftime(fmt)) == day.isoformat()


@settings(deadline=None)
@given(DAYS)
def test_unpadded_day_and_month_round_trip(day: date) -> None:
    assert parse_partial_date(f"{day.day}.{day.month}.{day.year}") == day.isoformat()


@settings(deadline=None)
@given(DAYS)
def test_mdy_order_round_trips(day: date) -> None:
    assert parse_partial_date(day.strftime("%m/%d/%Y"), order="mdy") == day.isoformat()


@settings(deadline=None)
@given(DAYS)
def test_month_precision(day: date) -> None:
    expected = f"{day.year:04d}-{day.month:02d}"
    assert parse_partial_date(day.strftime("%m.%Y")) == expected
    assert parse_partial_date(day.strftime("%Y-%m")) == expected
    assert partial_year(expected) == day.year


@settings(deadline=None)
@given(st.integers(1800, 2200))
def test_year_precision(year: int) -> None:
    assert parse_partial_date(str(year)) == str(year)


@settings(deadline=None)
@given(st.integers(1850, 2150), st.integers(1, 12), st.integers(29, 31))
def test_days_past_the_end_of_a_month_are_rejected(year: int, month: int, day: int) -> None:
    try:
        date(year, month, day)
    except ValueError:
        with pytest.raises(DateError):
            parse_partial_date(f"{day:02d}.{month:02d}.{year}")
    else:
        assert parse_partial_date(f"{day:02d}.{month:02d}.{year}") == f"{year}-{month:02d}-{day:02d}"


@settings(deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_valid_partial_date_or_date_error(text: str) -> None:
    try:
        out = parse_partial_date(text)
    except DateError:
        return
    if out is None:
        assert not text.strip()
        return
    assert is_partial_iso(out)
    parts = [int(p) for p in out.split("-")]
    if len(parts) == 3:
        date(*parts)  # exists
    if len(parts) >= 2:
        assert 1 <= parts[1] <= 12
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", out)
