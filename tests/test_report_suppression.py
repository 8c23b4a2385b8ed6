"""Small-cell suppression: examples worked by hand, and properties checked against an independent
attacker — exact rational linear algebra over the shown values (sympy-free: fractions), which tries to
recompute every hidden cell from the published rows, columns and totals."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.suppression import TOTAL, suppress_series, suppress_table


def _rref_determined(unknowns: list, equations: list[dict]) -> set:
    """Unknowns whose value is fixed by the equations (Gauss–Jordan over fractions, independent of numpy).

    Each equation maps unknown -> coefficient plus the key "=" -> constant.
    """
    rows = [[Fraction(eq.get(u, 0)) for u in unknowns] + [Fraction(eq.get("=", 0))] for eq in equations]
    n = len(unknowns)
    pivots = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        pv = rows[r][c]
        rows[r] = [x / pv for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, c))
        r += 1
    fixed = set()
    for row_i, c in pivots:
        if all(rows[row_i][j] == 0 for j in range(n) if j != c):
            fixed.add(unknowns[c])
    return fixed


def attacker_table(t) -> set:
    """Hidden entries of a suppressed two-way table an attacker can recompute exactly."""
    entries = {}
    for r in t.rows:
        for c in t.cols:
            entries[(r, c)] = t.cells[(r, c)]
        entries[(r, TOTAL)] = t.row_totals[r]
    for c in t.cols:
        entries[(TOTAL, c)] = t.col_totals[c]
    entries[(TOTAL, TOTAL)] = t.total
    unknowns = [k for k, v in entries.items() if v is None]
    eqs = []
    for r in [*t.rows, TOTAL]:
        eq: dict = {"=": 0}
        for key, coef in [*(((r, c), 1) for c in t.cols), ((r, TOTAL), -1)]:
            if entries[key] is None:
                eq[key] = eq.get(key, 0) + coef
            else:
                eq["="] -= coef * entries[key]
        eqs.append(eq)
    for c in [*t.cols, TOTAL]:
        eq = {"=": 0}
        for key, coef in [*(((r, c), 1) for r in t.rows), ((TOTAL, c), -1)]:
            if entries[key] is None:
                eq[key] = eq.get(key, 0) + coef
            else:
                eq["="] -= coef * entries[key]
        eqs.append(eq)
    return _rref_determined(unknowns, eqs) if unknowns else set()


def test_lone_small_cell_in_a_row_gets_a_partner() -> None:
    counts = {("Minsk", "in_custody"): 40, ("Minsk", "released"): 3, ("Minsk", "wanted"): 20,
              ("Brest", "in_custody"): 12, ("Brest", "released"): 9, ("Brest", "wanted"): 15}
    t = suppress_table(counts, ["Minsk", "Brest"], ["in_custody", "released", "wanted"])
    assert t.cells[("Minsk", "released")] is None  # primary: 3 < 5
    # Without more hiding, Minsk's total minus its other cells would give 3 back.
    assert attacker_table(t) == set()
    hidden = [key for key, v in t.cells.items() if v is None]
    assert len(hidden) >= 4  # a rectangle: two rows × two columns
    assert t.total == 99  # the grand total stays shown when it reveals nothing


def test_nothing_small_nothing_hidden() -> None:
    t = suppress_table({("a", "x"): 5, ("a", "y"): 7, ("b", "x"): 10, ("b", "y"): 0})
    assert all(v is not None for v in t.cells.values())
    assert t.total == 22 and t.row_totals == {"a": 12, "b": 10}


def test_small_total_is_hidden_too() -> None:
    t = suppress_table({("a", "x"): 2, ("a", "y"): 1, ("b", "x"): 30, ("b", "y"): 40})
    assert t.row_totals["a"] is None
    assert attacker_table(t) == set()


def test_series_single_small_category_is_protected() -> None:
    s = suppress_series({"Minsk": 120, "Hrodna": 2, "Brest": 17, "Homiel": 30})
    assert s.counts["Hrodna"] is None
    hidden = [k for k, v in s.counts.items() if v is None]
    assert len(hidden) >= 2 or s.total is None
    assert s.counts["Brest"] is None  # the smallest safe category is the cheapest partner
    assert s.counts["Minsk"] == 120


def test_series_zero_cells_shown() -> None:
    s = suppress_series({"a": 0, "b": 12})
    assert s.counts == {"a": 0, "b": 12} and s.total == 12


def test_negative_counts_refused() -> None:
    with pytest.raises(ValueError):
        suppress_series({"a": -1})


counts_2d = st.integers(min_value=1, max_value=4).flatmap(
    lambda nr: st.integers(min_value=1, max_value=4).flatmap(
        lambda nc: st.lists(st.one_of(st.integers(0, 6), st.integers(0, 200)), min_size=nr * nc, max_size=nr * nc)
        .map(lambda vals: (nr, nc, vals))))


@settings(max_examples=150, deadline=None)
@given(counts_2d)
def test_no_hidden_cell_can_be_recomputed(data) -> None:
    nr, nc, vals = data
    rows = [f"r{i}" for i in range(nr)]
    cols = [f"c{j}" for j in range(nc)]
    counts = {(rows[i], cols[j]): vals[i * nc + j] for i in range(nr) for j in range(nc)}
    t = suppress_table(counts, rows, cols, k=5)
    # 1. every small cell (1..4), margins included, is hidden
    for (r, c), v in counts.items():
        if 0 < v < 5:
            assert t.cells[(r, c)] is None
    for r in rows:
        total = sum(counts[(r, c)] for c in cols)
        if 0 < total < 5:
            assert t.row_totals[r] is None
    # 2. what is shown is true
    for key, v in t.cells.items():
        assert v is None or v == counts[key]
    # 3. no hidden cell can be recomputed from the shown ones (exact arithmetic, independent solver)
    assert attacker_table(t) == set()


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 50), min_size=1, max_size=8))
def test_series_never_reveals_a_small_count(counts) -> None:
    s = suppress_series(counts)
    shown = {k: v for k, v in s.counts.items() if v is not None}
    hidden = [k for k, v in s.counts.items() if v is None]
    for k, v in counts.items():
        if 0 < v < 5:
            assert s.counts[k] is None
    if s.total is not None and len(hidden) == 1:
        pytest.fail(f"the total and the other categories reveal {hidden[0]!r}")
    assert all(counts[k] == v for k, v in shown.items())


@settings(max_examples=80, deadline=None)
@given(counts_2d, st.lists(st.integers(0, 40), min_size=1, max_size=4))
def test_table_and_breakdown_published_together_reveal_nothing(data, year_weights) -> None:
    """A breakdown by year beside the table: hidden years cannot be recovered through the shared total."""
    from reckon.suppression import suppress_published

    nr, nc, vals = data
    rows = [f"r{i}" for i in range(nr)]
    cols = [f"c{j}" for j in range(nc)]
    counts = {(rows[i], cols[j]): vals[i * nc + j] for i in range(nr) for j in range(nc)}
    total = sum(vals)
    # split the total over years, deterministically from the drawn weights
    years = {}
    left = total
    for i, w in enumerate(year_weights[:-1]):
        take = min(left, w)
        years[f"y{i}"] = take
        left -= take
    years[f"y{len(year_weights) - 1}"] = left
    t, series = suppress_published(counts, rows, cols, {"by_year": years})
    s = series["by_year"]
    for label, v in years.items():
        if 0 < v < 5:
            assert s.counts[label] is None
    # the attacker knows the table (with its total) and the year breakdown with the same total
    shown_total = t.total
    hidden_years = [lab for lab, v in s.counts.items() if v is None]
    if shown_total is not None:
        assert len(hidden_years) != 1, "one hidden year = total minus the shown years"
    assert attacker_table(t) == set()
    assert not (shown_total is None and not hidden_years), "the shown years add up to the hidden total"
