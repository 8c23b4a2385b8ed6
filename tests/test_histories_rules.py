"""The status rules of docs/histories.md on made-up persons, with property-based tests (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reckon.histories.derive import derive
from reckon.histories.intervals import OPEN, bounds, complement, intersect, union
from reckon.histories.model import RecordFacts

D0 = date(2019, 1, 1)


def rec(rid: int = 1, source: str = "list_a", **kw) -> RecordFacts:
    return RecordFacts(id=rid, source=source, **kw)


def days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def partial_of(d: date, precision: int) -> str:
    return d.isoformat()[: (4, 7, 10)[precision]]


# ---------------------------------------------------------------------------------------------- examples


def test_held_exactly_between_detention_and_release() -> None:
    h = derive([rec(detention_date="2021-03-04", release_date="2021-03-20", status="released")])
    assert h.state_on("in_custody", date(2021, 3, 3).toordinal()) is False
    assert h.state_on("in_custody", date(2021, 3, 4).toordinal()) is True
    assert h.state_on("in_custody", date(2021, 3, 19).toordinal()) is True
    assert h.state_on("in_custody", date(2021, 3, 20).toordinal()) is False
    assert h.state_on("released", date(2021, 3, 20).toordinal()) is True
    assert h.state_on("persecuted", date(2021, 3, 4).toordinal()) is True
    assert h.state_on("persecuted", date(2021, 3, 3).toordinal()) is False


def test_partial_detention_is_undetermined_within_its_month() -> None:
    h = derive([rec(detention_date="2021-05", release_date="2021-09-01")])
    assert h.state_on("in_custody", date(2021, 4, 30).toordinal()) is False
    assert h.state_on("in_custody", date(2021, 5, 15).toordinal()) is None
    assert h.state_on("in_custody", date(2021, 5, 31).toordinal()) is True
    assert h.state_on("in_custody", date(2021, 9, 1).toordinal()) is False


def test_sources_that_disagree_give_a_disputed_date_never_an_average() -> None:
    h = derive([rec(1, "list_a", detention_date="2021-03-01", release_date="2021-06-01"),
                rec(2, "list_b", detention_date="2021-03-11")])
    det = [e for e in h.events if e.kind == "detention"]
    assert len(det) == 1 and det[0].date is None
    assert [a["date"] for a in det[0].alternatives] == ["2021-03-01", "2021-03-11"]
    assert [a["record_ids"] for a in det[0].alternatives] == [[1], [2]]
    assert h.conflicts == det
    assert h.state_on("in_custody", date(2021, 3, 5).toordinal()) is None   # held by one source, not the other
    assert h.state_on("in_custody", date(2021, 3, 11).toordinal()) is True


def test_compatible_partial_and_full_dates_are_no_conflict() -> None:
    h = derive([rec(1, "a", detention_date="2021-03-01"), rec(2, "b", detention_date="2021-03"),
                rec(3, "c", detention_date="2021")])
    det = [e for e in h.events if e.kind == "detention"][0]
    assert det.date == "2021-03-01" and not det.alternatives and det.record_ids == [1, 2, 3]


def test_political_prisoner_needs_custody_and_recognition_and_np_is_not_recognised() -> None:
    held = dict(detention_date="2021-01-10", status="in_custody", articles=("Art. 342",))
    on_list = derive([rec(political_prisoner_list=True, list_date="2022-01-01", **held)])
    assert on_list.state_on("political_prisoner", date(2021, 12, 31).toordinal()) is False  # not yet listed
    assert on_list.state_on("political_prisoner", date(2022, 1, 1).toordinal()) is True     # from the list date
    dated = derive([rec(political_prisoner_list=True, list_date="2022-01-01",
                        extra={"recognition_date": "2021-02"}, **held)])
    assert dated.state_on("political_prisoner", date(2021, 2, 10).toordinal()) is None
    assert dated.state_on("political_prisoner", date(2021, 3, 1).toordinal()) is True
    np_status = dict(held, status="persecuted")
    assert derive([rec(political_prisoner_list=True, list_date="2021-01-01", **np_status)]).state_on(
        "political_prisoner", date(2022, 1, 1).toordinal()) is False
    news = derive([rec(1, "a", list_date="2022-01-01", **held), rec(2, "press", extra={"declared_political_prisoner": True,
                                                               "declared_on": "2021-04-02"})])
    assert news.state_on("political_prisoner", date(2021, 4, 1).toordinal()) is False
    assert news.state_on("political_prisoner", date(2021, 4, 2).toordinal()) is True
    rec_ev = [e for e in news.events if e.kind == "recognition"][0]
    assert rec_ev.details["by"] == "news" and rec_ev.record_ids == [2]


def test_list_status_bounds_an_unknown_release() -> None:
    """'former' on a list dated 2022-01-01 with no release date: released on some day before it."""
    h = derive([rec(detention_date="2021-01-10", status="released", list_date="2022-01-01")])
    assert h.state_on("in_custody", date(2021, 1, 10).toordinal()) is True
    assert h.state_on("in_custody", date(2021, 6, 1).toordinal()) is None
    assert h.state_on("in_custody", date(2022, 1, 1).toordinal()) is False
    assert h.state_on("released", date(2022, 1, 1).toordinal()) is True
    still = derive([rec(detention_date="2021-01-10", status="in_custody", list_date="2022-01-01")])
    assert still.state_on("in_custody", date(2022, 1, 1).toordinal()) is True
    assert still.state_on("in_custody", date(2022, 6, 1).toordinal()) is None


def test_admin_and_criminal_cases_of_one_person_stay_apart() -> None:
    h = derive([rec(1, "admin", detention_date="2020-09-27", articles=("23.34 ч.1 КаАП",),
                    extra={"court_date": "2020-09-28"}),
                rec(2, "pp", detention_date="2020-09-27", articles=("Part 1 of Art. 293",), status="in_custody")])
    kinds = sorted({(e.case_no, e.details.get("case_kind")) for e in h.events if e.case_no})
    assert kinds == [(1, "admin"), (2, "criminal")] or kinds == [(1, "criminal"), (2, "admin")]
    assert h.keys["article"] == ["BY-CAO-23.34", "BY-CC-293"]


def test_a_list_never_merges_its_own_two_rows_into_one_case() -> None:
    h = derive([rec(1, "admin", detention_date="2020-10-01", release_date="2020-10-02"),
                rec(2, "admin", detention_date="2020-10-20", release_date="2020-10-21")])
    assert not h.conflicts
    assert h.state_on("in_custody", date(2020, 10, 10).toordinal()) is False
    assert h.state_on("in_custody", date(2020, 10, 20).toordinal()) is True


def test_every_event_names_its_records_and_fields() -> None:
    h = derive([rec(7, detention_date="2021-01-10", release_date="2021-02-01", articles=("Art. 342",),
                    extra={"judge": "Judge A", "court": "Court B", "verdict_date": "2021-01-30"})])
    for e in h.events:
        assert e.record_ids == [7] and e.fields, e
    verdict = [e for e in h.events if e.kind == "verdict"][0]
    assert verdict.details["judge_key"] == "Judge A" and verdict.fields == ["verdict_date"]


# ---------------------------------------------------------------------------------------------- properties

dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 31))


@given(dates, st.integers(min_value=1, max_value=800))
@settings(max_examples=60, deadline=None)
def test_property_fully_dated_custody_holds_exactly_on_the_days_between(det: date, length: int) -> None:
    rel = det + timedelta(days=length)
    h = derive([rec(detention_date=det.isoformat(), release_date=rel.isoformat())])
    for d in (det - timedelta(days=1), det, det + timedelta(days=length // 2), rel - timedelta(days=1), rel,
              rel + timedelta(days=3)):
        assert h.state_on("in_custody", d.toordinal()) is (det <= d < rel)
        assert h.state_on("released", d.toordinal()) is (d >= rel)


def _states(det: str, rel: str | None, on: date) -> bool | None:
    h = derive([rec(detention_date=det, release_date=rel)])
    return h.state_on("in_custody", on.toordinal())


@given(dates, st.integers(min_value=1, max_value=500), st.integers(0, 2), st.integers(0, 2),
       st.integers(min_value=-400, max_value=900))
@settings(max_examples=60, deadline=None)
@example(date(2020, 12, 31), 1, 0, 2, 0)
def test_property_refining_a_partial_date_never_flips_a_determined_state(det: date, length: int, p_det: int,
                                                                          p_rel: int, offset: int) -> None:
    rel = det + timedelta(days=length)
    on = det + timedelta(days=offset)
    coarse = _states(partial_of(det, p_det), partial_of(rel, p_rel), on)
    fine = _states(det.isoformat(), rel.isoformat(), on)
    assert fine is not None
    if coarse is not None:
        assert coarse == fine


@given(dates, st.integers(min_value=1, max_value=400), st.integers(0, 1), st.integers(0, 1),
       st.integers(min_value=-40, max_value=500))
@settings(max_examples=40, deadline=None)
def test_property_undetermined_iff_the_state_differs_across_readings(det: date, length: int, p_det: int,
                                                                     p_rel: int, offset: int) -> None:
    """Brute force over every day a partial detention and release can be (month or year precision)."""
    det_text, rel_text = partial_of(det, p_det), partial_of(det + timedelta(days=length), p_rel)
    on = det + timedelta(days=offset)
    got = _states(det_text, rel_text, on)
    (dl, dh), (rl, rh) = bounds(det_text), bounds(rel_text)
    seen = set()
    for d in range(dl, dh + 1):
        for r in (rl, rh):                    # the state is monotone in the release day: its ends suffice
            seen.add(d <= on.toordinal() < r)
    want = seen.pop() if len(seen) == 1 else None
    assert got == want


interval_sets = st.lists(st.tuples(st.integers(1, 200), st.integers(1, 60)), max_size=6).map(
    lambda xs: union((a, a + n) for a, n in xs))


@given(interval_sets, interval_sets, st.integers(1, 300))
@settings(max_examples=100, deadline=None)
def test_property_interval_sets_behave_as_sets_of_days(a, b, d: int) -> None:
    def has(ivs, x):
        return any(lo <= x < hi for lo, hi in ivs)

    assert has(intersect(a, b), d) == (has(a, d) and has(b, d))
    assert has(union(a + b), d) == (has(a, d) or has(b, d))
    assert has(complement(a), d) == (not has(a, d))
    assert complement(complement(a)) == a
    assert all(hi <= OPEN for _, hi in complement(a))


@given(st.tuples(st.integers(1, 120), st.integers(1, 120)), st.tuples(st.integers(1, 120), st.integers(1, 120)))
@settings(max_examples=200, deadline=None)
def test_property_one_interval_shortcuts_give_what_the_general_path_gives(x, y) -> None:
    # union and intersect take a shortcut for one interval (most persons); the result must be the same
    # list as the general merge gives (a generator always takes the general path), empty intervals too
    assert union([x]) == union(iter([x]))
    a, b = union([x]), union([y])
    days = {d for d in range(1, 125) if any(lo <= d < hi for lo, hi in a) and any(lo <= d < hi for lo, hi in b)}
    got = intersect(a, b)
    assert {d for d in range(1, 125) if any(lo <= d < hi for lo, hi in got)} == days
    assert got == ([(min(days), max(days) + 1)] if days else [])


@given(st.lists(st.sampled_from(["male", "female", "m", None]), max_size=8))
def test_the_most_common_value_is_counters_first_of_equals(values) -> None:
    """A person's sex and birth year are the value most of their records give, the first seen on a tie:
    the count written for speed must pick what collections.Counter picks."""
    from collections import Counter

    from reckon.histories.derive import _most_common

    got = [v for v in values if v]
    expected = Counter(got).most_common(1)[0][0] if got else None
    assert _most_common(got) == expected   # (a list: derive gathers the values first)


def test_sex_and_birth_year_of_records_that_disagree_follow_the_majority_then_the_first() -> None:
    recs = [rec(1, sex="female", birth_date="1990"), rec(2, "list_b", sex="male", birth_date="1991"),
            rec(3, "list_c", sex="male", birth_date="1990-05")]
    d = derive(recs)
    assert d.keys["sex"] == ["male"] and d.birth_year == 1990
    assert derive(recs[:2]).keys["sex"] == ["female"]
