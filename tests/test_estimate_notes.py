"""An estimate's warnings are stored as a message code and parameters and said in the reader's language
(issue 18): in Belarusian, Russian and English from the same stored row; a row stored before codes (plain
English text) is still shown as it was stored."""

from __future__ import annotations

import json
import re

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from reckon import i18n
from reckon.estimate.checks import ListProfile, check_overlap, check_population
from reckon.estimate.notes import MESSAGES, Note, note, shown, shown_in, text
from reckon.jsonable import jsonable


def test_a_note_is_its_english_text_and_keeps_its_code() -> None:
    n = note("unlinked", n=1405)
    assert isinstance(n, str) and n == "1,405 current records are not linked to a person and left out"
    assert n.to_dict() == {"code": "unlinked", "params": {"n": 1405}, "text": str(n)}
    assert jsonable([n]) == [n.to_dict()]                    # stored as its dict, never as bare text
    assert json.loads(json.dumps(jsonable({"w": [n]})))["w"][0]["code"] == "unlinked"


def test_a_warning_in_each_language() -> None:
    refusal = note("not_publishable", reason=note("different_kinds", a="admin", kind_a="administrative", a_kind=490,
                                                  a_records=500, b="prisoners", kind_b="criminal", b_kind=98,
                                                  b_records=100))
    stored = json.loads(json.dumps(jsonable(refusal)))        # as a database row gives it back
    with i18n.use("be"):
        said = text(stored)
        assert said.startswith("не для публікацыі: спіс admin складаецца з адміністрацыйных спраў (490 з 500 запісаў)")
        assert "крымінальных спраў" in said
    with i18n.use("ru"):
        assert text(stored).startswith("не для публикации: список admin состоит из административных дел")
    with i18n.use("en"):
        assert text(stored) == str(refusal)
        assert text(stored).startswith("not publishable: list admin is of administrative cases (490 of 500 records)")


def test_plural_forms_and_dates_follow_the_language() -> None:
    for n, be in ((1, "асоба"), (3, "асобы"), (7, "асоб"), (21, "асоба"), (1405, "асоб")):
        with i18n.use("be"):
            assert f"толькі {i18n.number(n)} {be} (менш за 50)" in text(note("thin_persons", n=n, min=50))
    apart = note("periods_apart", a="A", a_from="2020-08-09", a_to="2020-12-31", b="B", b_from="2021-03-04",
                 b_to="2022-01-01")
    assert "from 9 August 2020 to 31 December 2020" in apart
    with i18n.use("be"):
        assert "з 9 жніўня 2020 па 31 снежня 2020" in text(apart)


def test_an_old_row_of_plain_text_is_shown_as_stored() -> None:
    with i18n.use("be"):
        assert text("only 4 persons are on any list") == "only 4 persons are on any list"
        assert text({"code": "no_such_code", "params": {}, "text": "kept"}) == "kept"
        assert shown("plain") == {"code": None, "params": {}, "text": "plain"}
        est = shown_in({"warnings": ["plain", note("thin_overlap", n=2).to_dict()],
                        "strata": [{"warnings": [note("no_estimate", reason="nobody here")]}]})
        assert est["warnings"][1]["code"] == "thin_overlap" and "малая група" in est["warnings"][1]["text"]
        assert est["strata"][0]["warnings"][0]["text"] == "ацэнкі няма: nobody here"


def test_the_estimators_give_notes() -> None:
    from reckon.estimate.loglinear import estimate_loglinear
    from reckon.estimate.table import CaptureTable

    table = CaptureTable.from_counts({"100": 30, "010": 25, "001": 20, "110": 3, "101": 2, "011": 1}, ["A", "B", "C"])
    result = estimate_loglinear(table, max_order=5, interval="none")
    codes = [getattr(w, "code", None) for w in result.warnings]
    assert "max_order_reduced" in codes and None not in codes
    reduced = result.warnings[codes.index("max_order_reduced")]
    assert "max order 5 reduced to 2" in reduced
    with i18n.use("be"):
        assert text(reduced.to_dict()).startswith("найбольшы парадак 5 зніжаны да 2")
    with i18n.use("ru"):
        assert text(note("chains_disagree", rhat=1.07, limit=1.01)).startswith("цепи расходятся (R-hat для N = 1,07")


def test_the_checks_give_notes() -> None:
    pats = np.array([[1, 0], [0, 1], [1, 1]])
    found = check_overlap(["A", "B"], pats, np.array([3, 2, 1]), where="region=north")
    assert [f.message.code for f in found] == ["too_few_persons", "little_overlap"]
    assert found[0].message.startswith("only 6 persons in region=north are on any list")
    a = ListProfile("A", 100, regions={"Minsk": 100})
    b = ListProfile("B", 100, regions={"Brest": 100})
    (region,) = check_population([a, b])
    with i18n.use("ru"):
        assert text(region.message) == ("у списков A и B нет ни одного общего региона: они охватывают разные "
                                        "места")


COUNTS = ("n", "min", "thin", "groups", "strata", "sparse", "pairs", "both", "size", "a_kind", "a_records", "b_kind",
          "b_records", "fitted", "total", "asked", "max", "k", "empty", "cells", "top", "ess", "limit", "level")
PARAMS = st.dictionaries(st.sampled_from(COUNTS), st.integers(min_value=0, max_value=10**7))


@given(st.sampled_from(sorted(MESSAGES)), PARAMS, st.sampled_from(i18n.LANGUAGES))
def test_every_message_says_itself_in_every_language(code: str, numbers: dict, lang: str) -> None:
    params: dict = {"a": "A", "b": "B", "first": "A", "second": "B", "inner": "A", "outer": "B", "by": "region",
                    "kind_a": "administrative", "kind_b": "criminal", "statuses_a": ["released"],
                    "statuses_b": ["in_custody"], "mix_a": [["released", 60]], "mix_b": [["Minsk", 40]],
                    "a_from": "2020-01-01", "a_to": "2020-02-01", "b_from": "2020-03", "b_to": "2021",
                    "shown": ["north"], "lists": ["A"], "sources": ["C"], "reason": note("thin_overlap", n=1),
                    "more": 0, "where": "", "term": "A:B", "criterion": "AIC", "share": 12.5, "rhat": 1.07}
    params.update({k: 1 for k in COUNTS})
    params.update(numbers)
    n = Note(code, params)
    with i18n.use(lang):
        said = text(n.to_dict())
    assert said and "%(" not in said and "{" not in said
    if lang != "en":
        assert said != str(n) or not re.search(r"[a-z]{4} [a-z]{4}", str(n))


def test_a_stored_warning_renders_in_be_and_en_on_the_page(tmp_path) -> None:
    """A row of a real workspace (SQLite) holding a coded warning and an old plain one, read back through the
    service and drawn by the template every surface shares (estimates page, dashboard, report)."""
    from reckon.config import init_workspace
    from reckon.services.estimate import list_estimates
    from reckon.store.db import dispose_engines, session_scope
    from reckon.store.estimates import save_estimate
    from reckon.web.deps import templates

    ws = init_workspace(tmp_path / "ws")
    warnings = [note("not_publishable", reason=note("no_common_region", a="A", b="B")), "an old warning, as stored"]
    with session_scope(ws.database_url) as session:
        save_estimate(session, actor="cli:tester", origin="cli", method="loglinear", lists=["A", "B"],
                      persons=120, observed=120, estimate=300.0, lower=200.0, upper=500.0,
                      warnings=jsonable(warnings), publishable=False, forced=True, data_window={},
                      capture_table={"lists": ["A", "B"], "patterns": [], "counts": []}, result={})
    (stored,) = list_estimates(ws)
    dispose_engines()
    assert stored["warnings"][0]["code"] == "not_publishable"
    page = templates.env.from_string('{% from "_estimates.html" import estimate_list %}{{ estimate_list(e) }}')
    with i18n.use("be"):
        be = page.render(e=[stored])
    with i18n.use("en"):
        en = page.render(e=[stored])
    assert "не для публікацыі: у спісаў A і B няма ніводнага агульнага рэгіёна" in be
    assert "not publishable: lists A and B share no region" in en and "share no region" not in be
    assert "an old warning, as stored" in be and "an old warning, as stored" in en
