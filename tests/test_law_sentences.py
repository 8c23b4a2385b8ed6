"""Sentences as lists write them: examples in be/ru/en, generated terms and fines, the real lists."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import shared_path
from reckon.law import Sentence, parse_sentence
from reckon.law.sentences import KINDS, REGIMES


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("4 1/2 years", "imprisonment in a medium-security penal colony"),
         {"kind": "colony", "regime": "medium", "years": 4, "months": 6}),
        (("13 years", "imprisonment in a high security prison"), {"kind": "prison", "years": 13}),
        (("19 months",), {"months": 19, "years": 0}),
        (("15 сут.",), {"kind": "arrest", "days": 15}),
        (("", "20 б.в.540,00 руб."),
         {"kind": "fine", "fine_amount": 540.0, "fine_currency": "BYN", "fine_base_units": 20}),
        (("50 б.в.1 350,00 руб.",), {"fine_amount": 1350.0, "fine_base_units": 50}),
        (("штраф 30 базовых величин",), {"kind": "fine", "fine_amount": 30, "fine_currency": "BV"}),
        (("restricted freedom without being sent to an open-type institution",), {"kind": "home_confinement"}),
        (("хатняя хімія",), {"kind": "home_confinement"}),
        (("домашняя химия", "2 года"), {"kind": "home_confinement", "years": 2}),
        (("3 years", 'restricted freedom in an open penal facility ("khimiya")'),
         {"kind": "restricted_freedom", "years": 3}),
        (("2 years", "suspended imprisonment"), {"kind": "suspended", "suspended": True, "years": 2}),
        (("3 года лишения свободы условно",), {"kind": "suspended", "suspended": True}),
        (("адтэрміноўка",), {"kind": "suspended", "suspended": True}),
        (("лишение свободы в колонии общего режима", "5 лет"),
         {"kind": "colony", "regime": "general", "years": 5}),
        (("пожизненное лишение свободы",), {"kind": "colony", "life": True, "regime": "special"}),
        (("2 г. 6 мес. колонии усиленного режима",), {"kind": "colony", "regime": "medium", "years": 2,
                                                      "months": 6}),
        (("паўтара года хіміі",), {"kind": "restricted_freedom", "years": 1, "months": 6}),
        (("6 гадоў калоніі ўзмоцненага рэжыму",), {"kind": "colony", "regime": "medium", "years": 6}),
        (("1 год 3 месяцы ИК строгого режима",), {"kind": "colony", "regime": "high", "years": 1, "months": 3}),
        (("колония-поселение", "1 год"), {"kind": "colony", "regime": "colony_settlement"}),
        (("2 года исправительных работ",), {"kind": "corrective_labour", "years": 2}),
        (("arrest for 10 days",), {"kind": "arrest", "days": 10}),
        (("fine of 1500 RUB",), {"kind": "fine", "fine_amount": 1500.0, "fine_currency": "RUB"}),
        (("штраф 1000 российских рублей",), {"fine_amount": 1000.0, "fine_currency": "RUB"}),
        (("штраф 300 белорусских рублей",), {"fine_amount": 300.0, "fine_currency": "BYN"}),
        (("два года",), {"years": 2}),
        (("двадцать пять лет колонии строгого режима",), {"years": 25, "regime": "high"}),
        (("тры гады хіміі",), {"kind": "restricted_freedom", "years": 3}),
        (("one year and six months", "penal colony"), {"kind": "colony", "years": 1, "months": 6}),
        (("ограничение свободы на 2 года без направления в ИУОТ",), {"kind": "home_confinement", "years": 2}),
        (("15 сут. + 20 б.в.",), {"kind": "arrest", "days": 15, "fine_base_units": 20}),
        (("3 years of imprisonment, suspended for 2 years",), {"kind": "suspended", "years": 3}),
    ],
)
def test_examples(cells: tuple[str, ...], expected: dict[str, object]) -> None:
    got = parse_sentence(*cells)
    assert got is not None
    for field, value in expected.items():
        assert getattr(got, field) == value, (field, got)


def test_nothing_known_is_none_and_roubles_follow_the_country() -> None:
    assert parse_sentence() is None
    assert parse_sentence(None, "", "  ") is None
    assert parse_sentence("released awaiting trial") is None
    assert parse_sentence("500 руб.", jurisdiction="RU").fine_currency == "RUB"
    assert parse_sentence("500 руб.").fine_currency == "BYN"


def test_term_and_end() -> None:
    s = parse_sentence("4 1/2 years", "colony")
    assert s.term_days == 4 * 365 + 6 * 30 and s.custodial
    assert s.end_from(date(2020, 9, 30)) == date(2025, 3, 30)
    assert Sentence("arrest", days=15).end_from(date(2020, 12, 20)) == date(2021, 1, 4)
    assert parse_sentence("2 years", "suspended imprisonment").custodial is False
    assert Sentence("colony", life=True).term_days is None


_UNITS = {
    "en": (("year", "years"), ("month", "months"), ("day", "days")),
    "ru": (("год", "лет"), ("месяц", "месяцев"), ("сутки", "суток")),
    "be": (("год", "гадоў"), ("месяц", "месяцаў"), ("дзень", "дзён")),
}


@given(st.integers(0, 25), st.integers(0, 11), st.integers(0, 29), st.sampled_from(sorted(_UNITS)),
       st.sampled_from((" ", ", ", " and ")))
@example(0, 0, 1, "ru", " ")
@example(20, 11, 29, "be", ", ")
def test_terms_round_trip(years: int, months: int, days: int, lang: str, sep: str) -> None:
    units = _UNITS[lang]
    pieces = [f"{n} {units[i][0] if n == 1 else units[i][1]}"
              for i, n in enumerate((years, months, days)) if n]
    got = parse_sentence(sep.join(pieces), "лишение свободы")
    if not pieces:
        assert got is None or got.term_days is None
        return
    assert (got.years, got.months, got.days) == (years, months, days)


@given(st.integers(1, 200), st.integers(1, 99_999), st.integers(0, 99),
       st.sampled_from(("{u} б.в.{a} руб.", "{u} б.в. {a} руб.", "штраф {u} базовых величин ({a} руб.)",
                        "fine of {u} base units, {a} BYN")))
def test_fines_round_trip(units: int, whole: int, cents: int, form: str) -> None:
    amount = f"{whole:,}".replace(",", " ") + f",{cents:02d}"
    if "BYN" in form:
        amount = f"{whole}.{cents:02d}"
    got = parse_sentence(form.format(u=units, a=amount))
    assert got.kind == "fine" and got.fine_base_units == units
    assert got.fine_amount == pytest.approx(whole + cents / 100) and got.fine_currency == "BYN"


@given(st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=3))
@example(["½ years", "1/0 years"])
@example(["4 9/0 years"])
def test_never_raises(cells: list[str | None]) -> None:
    got = parse_sentence(*cells)
    if got is not None:
        assert got.kind in KINDS and (got.regime is None or got.regime in REGIMES)


def _rows(name: str) -> list[dict[str, str]]:
    with shared_path("eval", "lists", name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_sentence_on_the_real_lists_parses() -> None:
    admin = [r for r in _rows("viasna_admin_cases_2020_sample.csv") if (r["arrest"] + r["fine"]).strip()]
    assert len(admin) == 500
    for row in admin:
        got = parse_sentence(row["arrest"], row["fine"])
        if row["arrest"].strip():
            assert got.kind == "arrest" and got.days == int(row["arrest"].split()[0]), row["arrest"]
        if row["fine"].strip():
            assert got.fine_base_units == int(row["fine"].split()[0]), row["fine"]
            assert got.fine_currency == ("BYN" if "руб" in row["fine"] else "BV")
    prisoners = [r for r in _rows("viasna_political_prisoners_sample.csv") if (r["decision"] + r["penalty"]).strip()]
    assert len(prisoners) == 17
    kinds = [parse_sentence(r["decision"], r["penalty"]).kind for r in prisoners]
    assert all(k in KINDS for k in kinds)
    for row, kind in zip(prisoners, kinds, strict=True):
        penalty = row["penalty"]
        want = ("home_confinement" if "home" in penalty else "restricted_freedom" if "restricted" in penalty
                else "suspended" if "suspended" in penalty else "prison" if re.search(r"\bprison\b", penalty)
                else "colony" if "colony" in penalty else "other")
        assert kind == want, (row["decision"], penalty)
        if row["decision"]:
            assert parse_sentence(row["decision"], penalty).term_days
