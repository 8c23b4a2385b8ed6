"""Can these lists serve as capture–recapture systems? Checks made before estimating, in plain words.

Multiple-systems estimation infers the people no list saw from how the lists overlap. That only means
something when the lists are samples of **one population** (same kind of case, same period, same
place), when they **overlap enough** for the overlap to be measured, when no list was **drawn from
another** (a copy adds no independent sighting), and when each **stratum** has enough persons. Two lists
of different populations (administrative cases and political prisoners, say) overlap little because
they count different people, and the estimator reads that as a huge dark figure.

Each check gives :class:`Finding` s: a *refusal* (reckon does not estimate, unless forced, and then the
estimate is not publishable) or a *caution* (the estimate stands, with the warning beside it). Messages
are written for a journalist: no codes, counts and list names only, never a person's data. Each message
is a :class:`~reckon.estimate.notes.Note` (a code and parameters), said in the reader's language where
shown.

This module is pure: the service reads the register into :class:`ListProfile` s and a capture table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from reckon.dates import DateError, PartialDate
from reckon.estimate.notes import Note, note
from reckon.i18n import _, day, number, use

__all__ = ["Finding", "ListProfile", "check_lists", "check_overlap", "check_population", "check_strata",
           "data_window", "describe_window"]

MIN_PERSONS = 50  # fewer persons in a table (or stratum): refuse
MIN_OVERLAP = 10  # fewer persons on two or more lists: refuse (the interval spans an order of magnitude)
WARN_OVERLAP = 20  # a pair of lists sharing fewer persons: caution
CONTAINED = 0.98  # share of a list's persons also on one other list: "drawn from it"
WARN_CONTAINED = 0.90
MIN_CONTAINED_SIZE = 10  # below this a list's containment is chance, not construction
KIND_SHARE = 0.8  # a list is "of administrative cases" when this share of its classified records are
MIN_CLASSIFIED = 0.5  # ... and at least this share of its records can be classified at all
MIN_FIELD_SHARE = 0.5  # a status/region mix is compared only for lists that fill the field this often
FAR_MIX = 0.5  # total-variation distance between two mixes above which they are called different
TAIL = 0.05  # date windows run from the 5th to the 95th percentile: one odd date does not widen them

# statuses as the checks group them (a list's own codes to the words of reckon.estimate.notes.WORDS)
STATUS_WORDS = {"in_custody": "in_custody", "released": "released", "persecuted": "persecuted",
                "former": "released", "active": "in_custody", "np": "persecuted"}


@dataclass(frozen=True)
class Finding:
    """One check's outcome. ``refuse`` findings stop the estimate unless forced."""

    check: str  # overlap | population | containment | strata
    message: Note
    refuse: bool = False


@dataclass(frozen=True)
class ListProfile:
    """What a list says about the population it covers (from its current records)."""

    name: str
    records: int
    statuses: Mapping[str, int] = field(default_factory=dict)  # status -> records
    regions: Mapping[str, int] = field(default_factory=dict)
    kinds: Mapping[str, int] = field(default_factory=dict)  # "administrative" | "criminal" -> records
    dates: tuple[str, ...] = ()  # ISO detention dates (possibly partial), sorted

    def window(self) -> tuple[str, str] | None:
        """The central 90 % of the list's detention dates (first, last) as ISO dates."""
        days = sorted(d for d in (_day(x) for x in self.dates) if d is not None)
        if not days:
            return None
        lo = days[int(TAIL * (len(days) - 1))]
        hi = days[int(round((1 - TAIL) * (len(days) - 1)))]
        return lo.isoformat(), hi.isoformat()

    def kind(self) -> str | None:
        """"administrative" or "criminal" when the list is clearly of one kind of case, else None."""
        classified = sum(self.kinds.values())
        if not self.records or classified < MIN_CLASSIFIED * self.records:
            return None
        for kind, n in self.kinds.items():
            if n >= KIND_SHARE * classified:
                return kind
        return None


def _day(text: str | None) -> date | None:
    """A partial ISO date as its first day ("2020" → 1 January 2020), or None."""
    if not text:
        return None
    try:
        return PartialDate.from_iso(text[:10]).first_day()
    except DateError:
        return None


# ---- overlap and containment (any capture table) ------------------------------------------------------

def check_overlap(lists: Sequence[str], patterns: np.ndarray, counts: np.ndarray, *,
                  where: str = "") -> list[Finding]:
    """Enough persons, enough overlap, no list inside another. ``patterns`` are distinct 0/1 rows with
    their ``counts`` (a capture table); ``where`` names a stratum in the messages."""
    pats = np.asarray(patterns, dtype=np.int64)
    cnt = np.asarray(counts, dtype=np.int64)
    seen = pats.any(axis=1)
    pats, cnt = pats[seen], cnt[seen]
    n = int(cnt.sum())
    out: list[Finding] = []
    if n < MIN_PERSONS:
        out.append(Finding("strata", note("too_few_persons", n=n, where=where, min=MIN_PERSONS), refuse=True))
    multi = int(cnt[pats.sum(axis=1) >= 2].sum())
    if multi < MIN_OVERLAP:
        out.append(Finding("overlap", note("little_overlap", n=multi, where=where, min=MIN_OVERLAP), refuse=True))
    sizes = (pats * cnt[:, None]).sum(axis=0)
    k = len(lists)
    sparse: list[tuple[str, str, int]] = []
    for a in range(k):
        for b in range(a + 1, k):
            both = int(cnt[(pats[:, a] == 1) & (pats[:, b] == 1)].sum())
            if both < WARN_OVERLAP:
                sparse.append((lists[a], lists[b], both))
            for inner, outer in ((a, b), (b, a)):
                size = int(sizes[inner])
                if size < MIN_CONTAINED_SIZE or sizes[outer] < size or (sizes[outer] == size and inner > outer):
                    continue
                share = both / size
                if share >= WARN_CONTAINED:
                    refuse = share >= CONTAINED
                    out.append(Finding("containment", note("contained" if refuse else "nearly_contained",
                                                           both=both, size=size, inner=lists[inner],
                                                           outer=lists[outer], where=where), refuse=refuse))
    if multi >= MIN_OVERLAP and sparse:
        if k == 2:
            first, second, both = sparse[0]
            out.append(Finding("overlap", note("pair_sparse", first=first, second=second, n=both, where=where)))
        else:
            out.append(Finding("overlap", note("pairs_sparse", sparse=len(sparse), pairs=k * (k - 1) // 2,
                                               min=WARN_OVERLAP, where=where, shown=[list(p) for p in sparse[:5]],
                                               more=max(0, len(sparse) - 5))))
    return out


# ---- one population -----------------------------------------------------------------------------------

def _tvd(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    ta, tb = sum(a.values()), sum(b.values())
    keys = set(a) | set(b)
    return 0.5 * sum(abs(a.get(k, 0) / ta - b.get(k, 0) / tb) for k in keys)


def _filled(p: ListProfile, mix: Mapping[str, int]) -> bool:
    return p.records > 0 and sum(mix.values()) >= MIN_FIELD_SHARE * p.records


def _top(mix: Mapping[str, int], words: Mapping[str, str] | None = None, n: int = 3) -> list[list[object]]:
    """The ``n`` largest shares of a mix as [[word code or value, percent], ...]."""
    total = sum(mix.values())
    return [[(words or {}).get(k, k), round(100 * v / total)] for k, v in Counter(mix).most_common(n)]


def check_population(profiles: Sequence[ListProfile]) -> list[Finding]:
    """Are the lists of one population: the same kind of case, status, period and place?"""
    out: list[Finding] = []
    for i, a in enumerate(profiles):
        for b in profiles[i + 1:]:
            out += _pair_population(a, b)
    return out


def _pair_population(a: ListProfile, b: ListProfile) -> list[Finding]:
    out: list[Finding] = []
    ka, kb = a.kind(), b.kind()
    if ka and kb and ka != kb:
        out.append(Finding("population", note("different_kinds", a=a.name, kind_a=ka, a_kind=a.kinds[ka],
                                              a_records=a.records, b=b.name, kind_b=kb, b_kind=b.kinds[kb],
                                              b_records=b.records), refuse=True))
    if _filled(a, a.statuses) and _filled(b, b.statuses):
        sa = {STATUS_WORDS.get(k, k) for k in a.statuses}
        sb = {STATUS_WORDS.get(k, k) for k in b.statuses}
        if not sa & sb:
            out.append(Finding("population", note("disjoint_statuses", a=a.name, statuses_a=sorted(sa), b=b.name,
                                                  statuses_b=sorted(sb)), refuse=True))
        elif _tvd(a.statuses, b.statuses) > FAR_MIX:
            out.append(Finding("population", note("status_mix", a=a.name, b=b.name,
                                                  mix_a=_top(a.statuses, STATUS_WORDS),
                                                  mix_b=_top(b.statuses, STATUS_WORDS))))
    wa, wb = a.window(), b.window()
    if wa and wb:
        start, end = max(wa[0], wb[0]), min(wa[1], wb[1])
        if start > end:
            out.append(Finding("population", note("periods_apart", a=a.name, a_from=wa[0], a_to=wa[1], b=b.name,
                                                  b_from=wb[0], b_to=wb[1]), refuse=True))
        else:
            span = min(_days(wa), _days(wb))
            if span > 0 and _days((start, end)) < 0.5 * span:
                out.append(Finding("population", note("periods_differ", a=a.name, a_from=wa[0], a_to=wa[1],
                                                      b=b.name, b_from=wb[0], b_to=wb[1])))
    if _filled(a, a.regions) and _filled(b, b.regions):
        if not set(a.regions) & set(b.regions):
            out.append(Finding("population", note("no_common_region", a=a.name, b=b.name), refuse=True))
        elif _tvd(a.regions, b.regions) > FAR_MIX:
            out.append(Finding("population", note("region_mix", a=a.name, b=b.name, mix_a=_top(a.regions),
                                                  mix_b=_top(b.regions))))
    return out


def _days(window: tuple[str, str]) -> int:
    return (date.fromisoformat(window[1]) - date.fromisoformat(window[0])).days


# ---- strata -------------------------------------------------------------------------------------------

def check_strata(by: str, tables: Mapping[str, tuple[Sequence[str], np.ndarray, np.ndarray]]) -> list[Finding]:
    """Each stratum needs enough persons and overlap of its own: one refusal naming the thin strata."""
    thin = []
    for value, (lists, pats, counts) in tables.items():
        if len(lists) < 2 or any(f.refuse for f in check_overlap(lists, pats, counts)):
            thin.append(value)
    if not thin:
        return []
    return [Finding("strata", note("thin_groups", thin=len(thin), groups=len(tables), by=by, shown=thin[:10],
                                   more=max(0, len(thin) - 10)), refuse=True)]


def check_lists(lists: Sequence[str], patterns: np.ndarray, counts: np.ndarray,
                profiles: Sequence[ListProfile] = ()) -> list[Finding]:
    """Every check that needs no strata: overlap, containment, one population."""
    return [*check_overlap(lists, patterns, counts), *check_population(profiles)]


# ---- data window --------------------------------------------------------------------------------------

def data_window(profiles: Sequence[ListProfile], imported_until: str | None = None) -> dict[str, object]:
    """The period the lists' data describe: first and last detention date over all lists (and each list's
    central window), and the date the lists were last imported."""
    days = sorted(d for p in profiles for d in (_day(x) for x in p.dates) if d is not None)
    records = sum(p.records for p in profiles)
    out: dict[str, object] = {
        "first": days[0].isoformat() if days else None,
        "last": days[-1].isoformat() if days else None,
        "records_with_date": len(days), "records": records,
        "lists_as_of": imported_until,
        "per_list": {p.name: list(w) if (w := p.window()) else None for p in profiles},
    }
    with use("en"):  # stored in English beside its fields; shown from the fields in the reader's language
        out["text"] = describe_window(out)
    return out


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


def describe_window(window: Mapping[str, object]) -> str:
    """The data window in one sentence of the language in force (the web pages' words), e.g. "The lists
    record detentions from 2 March 2020 to 18 May 2022 (1,200 of 1,250 records give a date); lists as
    imported on 6 December 2026."."""
    first, last = window.get("first"), window.get("last")
    parts = []
    if isinstance(first, str) and isinstance(last, str):
        parts.append(_("The lists record detentions from %(first)s to %(last)s (%(dated)s of %(records)s records "
                       "give a date)") % {"first": day(first), "last": day(last),
                                          "dated": number(_int(window.get("records_with_date"))),
                                          "records": number(_int(window.get("records")))})
    else:
        parts.append(_("The lists give no detention dates"))
    as_of = window.get("lists_as_of")
    if isinstance(as_of, str) and as_of:
        parts.append(_("lists as imported on %(when)s") % {"when": day(as_of[:10])})
    return "; ".join(parts) + "."
