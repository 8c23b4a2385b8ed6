"""reckon.dates: partial dates of lists and dates in running text, by examples and properties over every
valid day, in be/ru/en."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.dates import DateError, PartialDate, clean, is_partial_iso, parse_partial_date, partial_year
from reckon.dates.text import iter_cyr_dates, iter_dates


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


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet="0123456789./- \t", min_size=1, max_size=14), st.sampled_from(["dmy", "mdy"]))
def test_digits_and_separators_parse_as_with_a_trailing_year_word(text: str, order: str) -> None:
    """Text of digits and separators skips the search for trailing words ("г.", times of day), which
    cannot change it: it must read exactly as the same text with such a word, which goes the long way."""
    from reckon.dates import partial

    partial._parse.cache_clear()

    def read(value: str) -> str | None | tuple[str, str]:
        try:
            return parse_partial_date(value, order)
        except DateError as exc:
            return ("error", str(exc))

    short = read(text)
    if not text.strip():
        assert short is None
        return
    assert read(text + " г.") == short
    assert read(text + " 10:15") == short


# --- the value type ----------------------------------------------------------------------------------

@settings(deadline=None)
@given(DAYS, st.sampled_from(["year", "month", "day"]))
def test_partial_date_round_trips_through_its_text(day: date, precision: str) -> None:
    value = PartialDate(day.year, None if precision == "year" else day.month,
                        day.day if precision == "day" else None)
    assert value.precision == precision
    assert PartialDate.from_iso(value.iso) == value
    assert PartialDate.parse(str(value)) == value
    assert value.first_day() <= day <= value.last_day()
    assert is_partial_iso(value.iso)


def test_partial_date_bounds_and_immutability() -> None:
    feb = PartialDate(2024, 2)
    assert (feb.first_day(), feb.last_day()) == (date(2024, 2, 1), date(2024, 2, 29))
    assert (PartialDate(2023).first_day(), PartialDate(2023).last_day()) == (date(2023, 1, 1), date(2023, 12, 31))
    with pytest.raises(AttributeError):
        feb.year = 2025  # type: ignore[misc]
    for bad in [(2023, 2, 29), (2023, 13), (2023, None, 5), (0,)]:
        with pytest.raises(DateError):
            PartialDate(*bad)  # type: ignore[arg-type]


@settings(deadline=None)
@given(st.one_of(st.none(), st.text(max_size=30), st.integers(-5000, 5000), st.dates()))
def test_clean_never_raises_and_agrees_with_the_parser(value: object) -> None:
    try:
        expected = parse_partial_date(value)
    except DateError:
        expected = None
    assert clean(value) == expected
    cleaned = PartialDate.clean(value)
    assert (cleaned.iso if cleaned else None) == expected


# --- written months in be / ru / en, every case form ---------------------------------------------------
MONTH_WORDS = {
    1: ["January", "Jan", "января", "январь", "студзеня", "студзень"],
    2: ["February", "Feb.", "февраля", "лютага", "люты"],
    3: ["March", "марта", "март", "сакавіка", "сакавік"],
    4: ["April", "апреля", "красавіка"],
    5: ["May", "мая", "май", "траўня", "травень"],
    6: ["June", "июня", "чэрвеня"],
    7: ["July", "июля", "ліпеня"],
    8: ["August", "Aug", "августа", "жніўня"],
    9: ["September", "Sept", "сентября", "верасня"],
    10: ["October", "Oct", "октября", "кастрычніка"],
    11: ["November", "ноября", "лістапада"],
    12: ["December", "декабря", "снежня", "снежань"],
}


@settings(deadline=None)
@given(DAYS, st.data())
def test_written_dates_in_three_languages(day: date, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(MONTH_WORDS[day.month]))
    assert parse_partial_date(f"{day.day} {word} {day.year}") == day.isoformat()
    assert parse_partial_date(f"{word} {day.year}") == f"{day.year}-{day.month:02d}"
    if word[0].isascii():
        assert parse_partial_date(f"{word} {day.day}, {day.year}") == day.isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4 сакавіка 2024", "2024-03-04"), ("Oct 6, 2022", "2022-10-06"), ("17.08.2024", "2024-08-17"),
     ("2021-05", "2021-05"), ("2021", "2021"), ("1 марта 2023 г.", "2023-03-01"), ("у траўні 2024", None)],
)
def test_brief_examples(text: str, expected: str | None) -> None:
    assert clean(text) == expected


# --- dates in running text ---------------------------------------------------------------------------

def test_cyrillic_dates_in_text_resolve_a_missing_year_from_publication() -> None:
    text = "Па стане на 4 сакавіка 2024 г. — 100 чалавек; 1 марта их было 90; 5 траўня ўжо 80."
    found = [v for _, _, v in iter_cyr_dates(text, published=date(2024, 6, 1))]
    assert found == ["2024-03-04", "2024-03-01", "2024-05-05"]


@settings(deadline=None)
@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2040, 12, 31)), st.data())
def test_every_written_day_is_found_in_text(day: date, data: st.DataObject) -> None:
    word = data.draw(st.sampled_from(MONTH_WORDS[day.month]))
    text = f"Сказали, что {day.day} {word} {day.year} было так."
    finder = iter_dates if word[0].isascii() else iter_cyr_dates
    assert [v for _, _, v in finder(text)] == [day.isoformat()]
