"""Days as integers, partial dates as day bounds, and sets of disjoint day intervals.

Why: a count on a date has to be a sum over precomputed intervals (a million records in under a second),
and a partial date ("2021", "2021-05") has to stay a range of days rather than become a guessed day. Days
are proleptic ordinals (``date.toordinal``); an interval ``(lo, hi)`` holds the days ``lo <= D < hi``;
``OPEN`` is the end of a state that has not ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from reckon.dates import DateError, PartialDate

__all__ = ["OPEN", "FIRST", "Bounds", "bounds", "day", "iso", "union", "intersect", "complement", "holds", "Ends", "counts_on"]

FIRST = 1
OPEN = date.max.toordinal() + 1
Bounds = tuple[int, int]   # first and last possible day, both inclusive
Intervals = list[tuple[int, int]]


@lru_cache(maxsize=65_536)
def bounds(partial: str | None) -> Bounds | None:
    """The first and last day a partial ISO date can mean ("2021-02" -> 1 and 28 February 2021)."""
    if not partial:
        return None
    try:
        value = PartialDate.from_iso(partial)
    except DateError:
        return None
    return value.first_day().toordinal(), value.last_day().toordinal()


def day(value: date | str) -> int:
    """A full date (or ISO text) as a day number."""
    return (value if isinstance(value, date) else date.fromisoformat(value)).toordinal()


def iso(ordinal: int | None) -> str | None:
    if ordinal is None or ordinal >= OPEN or ordinal < FIRST:
        return None
    return date.fromordinal(ordinal).isoformat()


def union(items: Iterable[tuple[int, int]]) -> Intervals:
    """Sorted, disjoint, non-touching intervals covering the same days."""
    if type(items) is list and len(items) < 2:   # most persons: one interval or none, nothing to merge
        if not items:
            return []
        lo, hi = items[0]
        return [(lo, hi)] if lo < hi else []
    out: Intervals = []
    for lo, hi in sorted([i for i in items if i[0] < i[1]]):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def intersect(a: Intervals, b: Intervals) -> Intervals:
    """Days in both (inputs disjoint and sorted, as :func:`union` returns them)."""
    if not a or not b:
        return []
    if len(a) == 1 and len(b) == 1:   # most persons: one interval each (no max/min calls: a third faster)
        (alo, ahi), (blo, bhi) = a[0], b[0]
        lo = alo if alo > blo else blo
        hi = ahi if ahi < bhi else bhi
        return [(lo, hi)] if lo < hi else []
    out: Intervals = []
    i = j = 0
    na, nb = len(a), len(b)
    while i < na and j < nb:
        alo, ahi = a[i]
        blo, bhi = b[j]
        lo = alo if alo > blo else blo
        hi = ahi if ahi < bhi else bhi
        if lo < hi:
            out.append((lo, hi))
        if ahi < bhi:
            i += 1
        else:
            j += 1
    return out


def complement(a: Intervals) -> Intervals:
    """Days not in ``a`` between FIRST and OPEN."""
    out: Intervals = []
    cur = FIRST
    for lo, hi in a:
        if lo > cur:
            out.append((cur, lo))
        if hi > cur:
            cur = hi
    if cur < OPEN:
        out.append((cur, OPEN))
    return out


def holds(a: Intervals, d: int) -> bool:
    return any(lo <= d < hi for lo, hi in a)


# per sure flag: (starts, stops), each a list of (day, how many intervals begin or end that day)
Ends = dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]]


def counts_on(ends: Ends, days: list[int]) -> dict[bool, list[int]]:
    """Per sure flag, the count on each day: intervals begun on or before it minus those ended on or
    before it (a subject's intervals of a state are disjoint; ``[lo, hi)`` holds D when lo <= D < hi)."""
    import numpy as np

    points = np.array(days, dtype=np.int64)
    out: dict[bool, list[int]] = {}
    for sure in (True, False):
        total = np.zeros(len(points), dtype=np.int64)
        for pairs, sign in zip(ends.get(sure, ([], [])), (1, -1), strict=True):
            if not pairs:
                continue
            arr = np.array(sorted(pairs), dtype=np.int64)
            cum = np.cumsum(arr[:, 1])
            idx = np.searchsorted(arr[:, 0], points, side="right")
            total += sign * np.where(idx > 0, cum[np.maximum(idx - 1, 0)], 0)
        out[sure] = [int(x) for x in total]
    return out
