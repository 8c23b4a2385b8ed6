"""Small-cell suppression for published aggregates: hide counts of 1..k-1 people, and enough others that
no hidden count can be recomputed from what is shown.

Pure functions, no database. A table is a set of non-negative integer *entries* (cells and their totals)
tied by *equations* "these parts add up to that total". Primary suppression hides every entry with
0 < value < k. Secondary suppression then repeats until no hidden entry is *determined* by the shown ones:
an entry is determined when every solution of the equations gives it the same value, i.e. when its
coordinate is zero in every null-space vector of the equations restricted to the hidden entries. For each
determined entry we hide one more entry of an equation it takes part in (the smallest shown one that
leaves it undetermined, interior cells before totals, so the least information is lost). This is exact for linear (differencing) attacks,
which is what "totals cannot reveal them" means; zeros stay shown, as structural zeros usually are.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

K_DEFAULT = 5
TOTAL = "Total"


@dataclass(frozen=True)
class Suppressed:
    """Result of :func:`suppress`: shown values (None where hidden) and why each entry was hidden."""

    values: dict[Hashable, int | None]
    primary: frozenset[Hashable]
    secondary: frozenset[Hashable]
    k: int

    @property
    def hidden(self) -> frozenset[Hashable]:
        return self.primary | self.secondary


def _determined(hidden: list[Hashable], equations: Sequence[Sequence[tuple[Hashable, int]]]) -> list[Hashable]:
    """Hidden entries whose value follows from the shown ones through the equations."""
    if not hidden:
        return []
    index = {key: i for i, key in enumerate(hidden)}
    rows = []
    for eq in equations:
        row = np.zeros(len(hidden))
        for key, coef in eq:
            if key in index:
                row[index[key]] += coef
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.vstack(rows)
    # Null space of A: x_i is determined iff the i-th coordinate of every null vector is zero.
    _, s, vt = np.linalg.svd(a)
    rank = int((s > 1e-9 * max(1.0, s.max())).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return list(hidden)
    norms = np.linalg.norm(null, axis=0)
    return [key for key, n in zip(hidden, norms, strict=True) if n < 1e-9]


def _protector(key: Hashable, candidates: list[Hashable], hidden: list[Hashable],
               equations: Sequence[Sequence[tuple[Hashable, int]]]) -> Hashable:
    """The cheapest candidate whose hiding leaves ``key`` undetermined, else the cheapest one.

    Without the look-ahead the cheapest entry can be one that another equation pins down at once (in a
    table of one row every column total equals its cell), so the greedy loop went on hiding cell after
    cell of the row: on a register whose records all share one region, every status count was hidden
    although two small ones and their column totals were enough."""
    for other in candidates:
        if key not in _determined([*hidden, other], equations):
            return other
    return candidates[0]


def suppress(values: Mapping[Hashable, int], equations: Sequence[Sequence[tuple[Hashable, int]]],
             *, k: int = K_DEFAULT, totals: frozenset[Hashable] | set[Hashable] = frozenset()) -> Suppressed:
    """Suppress entries of ``values`` tied by ``equations`` (each a list of (entry, coefficient) summing
    to zero, e.g. [(a, 1), (b, 1), (total, -1)]). ``totals`` are preferred last for secondary hiding."""
    for key, v in values.items():
        if v < 0:
            raise ValueError(f"counts must be non-negative (entry {key!r} is {v})")
    if k < 1:
        raise ValueError("k must be at least 1")
    primary = {key for key, v in values.items() if 0 < v < k}
    secondary: set[Hashable] = set()
    order = {key: i for i, key in enumerate(values)}
    eq_of: dict[Hashable, list[int]] = {}
    for i, eq in enumerate(equations):
        for key, _ in eq:
            eq_of.setdefault(key, []).append(i)
    while True:
        hidden = sorted(primary | secondary, key=order.__getitem__)
        determined = _determined(hidden, equations)
        if not determined:
            break
        grew = False
        for key in determined:
            candidates = sorted(
                {other for ei in eq_of.get(key, []) for other, _ in equations[ei]
                 if other not in primary and other not in secondary and other != key},
                key=lambda o: (o in totals, values[o] == 0, values[o], order[o]))
            if candidates:
                secondary.add(_protector(key, candidates, hidden, equations))
                grew = True
                break  # one at a time: the cheapest protection, then look again
        if not grew:
            break  # everything around is hidden already; nothing more can be done
    shown = {key: (None if key in primary or key in secondary else v) for key, v in values.items()}
    return Suppressed(values=shown, primary=frozenset(primary), secondary=frozenset(secondary), k=k)


@dataclass(frozen=True)
class Table:
    """A two-way table of counts with row, column and grand totals, after suppression."""

    rows: list[str]
    cols: list[str]
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None]
    col_totals: dict[str, int | None]
    total: int | None
    hidden: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    k: int = K_DEFAULT

    def to_dict(self) -> dict:
        return {
            "rows": self.rows, "cols": self.cols, "k": self.k,
            "cells": [[self.cells[(r, c)] for c in self.cols] for r in self.rows],
            "row_totals": [self.row_totals[r] for r in self.rows],
            "col_totals": [self.col_totals[c] for c in self.cols],
            "total": self.total,
        }


def suppress_table(counts: Mapping[tuple[str, str], int], rows: Sequence[str] | None = None,
                   cols: Sequence[str] | None = None, *, k: int = K_DEFAULT) -> Table:
    """Suppress a two-way table (missing cells count as 0) together with its margins."""
    return suppress_published(counts, rows, cols, k=k)[0]


def suppress_published(counts: Mapping[tuple[str, str], int], rows: Sequence[str] | None = None,
                       cols: Sequence[str] | None = None, breakdowns: Mapping[str, Mapping[str, int]] | None = None,
                       *, k: int = K_DEFAULT) -> tuple[Table, dict[str, Series]]:
    """Suppress a two-way table and other one-way breakdowns of the same population *jointly*.

    Published side by side, they share the grand total, so they must be protected as one system: a
    year hidden in one breakdown must not be recoverable through the total the table shows. Each
    breakdown must add up to the table's grand total.
    """
    rows = list(rows) if rows is not None else sorted({r for r, _ in counts})
    cols = list(cols) if cols is not None else sorted({c for _, c in counts})
    breakdowns = breakdowns or {}
    values: dict[Hashable, int] = {}
    for r in rows:
        for c in cols:
            values[(r, c)] = int(counts.get((r, c), 0))
    for r in rows:
        values[(r, TOTAL)] = sum(values[(r, c)] for c in cols)
    for c in cols:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    grand = (TOTAL, TOTAL)
    values[grand] = sum(values[(r, TOTAL)] for r in rows)
    equations = []
    for r in [*rows, TOTAL]:
        equations.append([*(((r, c), 1) for c in cols), ((r, TOTAL), -1)])
    for c in [*cols, TOTAL]:
        equations.append([*(((r, c), 1) for r in rows), ((TOTAL, c), -1)])
    for name, series in breakdowns.items():
        if sum(int(v) for v in series.values()) != values[grand]:
            raise ValueError(f"breakdown {name!r} does not add up to the table's total")
        keys = []
        for label, v in series.items():
            values[("__series__", name, label)] = int(v)
            keys.append(("__series__", name, label))
        equations.append([*((key, 1) for key in keys), (grand, -1)])
    totals = {(r, TOTAL) for r in rows} | {(TOTAL, c) for c in cols} | {grand}
    result = suppress(values, equations, k=k, totals=totals)
    v = result.values
    table = Table(
        rows=rows, cols=cols,
        cells={(r, c): v[(r, c)] for r in rows for c in cols},
        row_totals={r: v[(r, TOTAL)] for r in rows},
        col_totals={c: v[(TOTAL, c)] for c in cols},
        total=v[grand],
        hidden=frozenset(result.hidden), k=k,
    )
    out = {name: Series(labels=list(series), counts={label: v[("__series__", name, label)] for label in series},
                        total=v[grand], k=k)
           for name, series in breakdowns.items()}
    return table, out


@dataclass(frozen=True)
class Series:
    """A one-way breakdown (e.g. by region) with its total, after suppression."""

    labels: list[str]
    counts: dict[str, int | None]
    total: int | None
    k: int = K_DEFAULT

    def to_dict(self) -> dict:
        return {"labels": self.labels, "counts": [self.counts[x] for x in self.labels], "total": self.total,
                "k": self.k}


def suppress_series(counts: Mapping[str, int], labels: Sequence[str] | None = None, *,
                    k: int = K_DEFAULT) -> Series:
    """Suppress a one-way breakdown and its total: a lone small category is protected by a second one."""
    labels = list(labels) if labels is not None else list(counts)
    values: dict[Hashable, int] = {label: int(counts.get(label, 0)) for label in labels}
    key_total = ("__total__",)
    values[key_total] = sum(values[label] for label in labels)
    equations = [[*((label, 1) for label in labels), (key_total, -1)]]
    result = suppress(values, equations, k=k, totals={key_total})
    return Series(labels=labels, counts={label: result.values[label] for label in labels},
                  total=result.values[key_total], k=k)


def suppress_breakdown(count: int, by: Mapping[str, int], *, additive: bool,
                       k: int = K_DEFAULT) -> tuple[int | None, dict[str, int | None]]:
    """A count and its breakdown (e.g. persons held, per region), suppressed: every entry below k hidden
    (None), and, when the breakdown adds up to the count (``additive``), enough others that no hidden
    one can be recomputed. One function for every published count by key (``/api/count``, the
    dashboard's region table), so that the same numbers are hidden the same way wherever they appear:
    two suppressions of one column that broke a tie differently would together reveal a hidden cell."""
    cells: dict[Hashable, int] = {("by", key): int(n) for key, n in by.items()}
    values: dict[Hashable, int] = {("count",): int(count), **cells}
    equations = [[*((c, 1) for c in cells), (("count",), -1)]] if additive and cells else []
    hidden = suppress(values, equations, k=k, totals={("count",)}).hidden
    return (None if ("count",) in hidden else count,
            {key: None if ("by", key) in hidden else n for key, n in by.items()})
