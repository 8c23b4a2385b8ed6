"""Multiple-systems estimation as a service: on a CSV capture table, or on the linked persons of a workspace.

:func:`run_method` dispatches one table to an estimator (``loglinear``, ``stepwise``, ``dga``, ``lcmcr``)
and rejects options the method does not use. :func:`estimate_workspace` builds capture histories from
the register: every *current* record with a ``person_id`` (filled by ``reckon link``) marks its person as
seen by its source, one list per source (or the ones chosen); persons are put in strata by an attribute
read from their records (``region``, ``year`` of first detention, ``sex``, ...) and the method runs on
the whole table and on each stratum, with a warning where a stratum is too thin to say much.
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from reckon.errors import ConfigError, InputError, ReckonError, WorkspaceError
from reckon.estimate.result import EstimateResult, json_safe
from reckon.estimate.table import CaptureTable

__all__ = [
    "METHODS",
    "STRATA",
    "CaptureData",
    "StratumEstimate",
    "WorkspaceEstimate",
    "capture_data",
    "estimate_table_file",
    "estimate_workspace",
    "run_method",
]

METHODS = ("loglinear", "stepwise", "dga", "lcmcr")

# Options each method takes (names as the service functions take them).
METHOD_OPTIONS: dict[str, set[str]] = {
    "loglinear": {"criterion", "max_order", "interval", "level", "n_boot", "seed", "model", "ntop"},
    "stepwise": {"pthresh", "interval", "n_boot", "seed", "level"},
    "dga": {"delta", "level", "prior"},
    "lcmcr": {"classes", "burn_in", "samples", "thinning", "chains", "seed", "level", "workers"},
}
_FLAG = {"classes": "--classes", "n_boot": "--n-boot", "max_order": "--max-order", "burn_in": "--burn-in"}

# Person attributes usable as strata, and how each is read from the person's records.
STRATA = ("region", "year", "sex", "status", "locality", "decade")

THIN_PERSONS = 50  # below this many persons a stratum estimate is flagged as thin
THIN_OVERLAP = 5  # ... or below this many persons on two or more lists


def _flag(name: str) -> str:
    return _FLAG.get(name, "--" + name.replace("_", "-"))


def _load(module: str, attr: str, method: str) -> Callable[..., EstimateResult]:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("reckon"):
            raise ConfigError(f"the {method} method is not available in this installation ({module} is missing)") from None
        raise
    fn = getattr(mod, attr, None)
    if fn is None:
        raise ConfigError(f"the {method} method is not available in this installation ({module}.{attr} is missing)")
    return fn


def run_method(table: CaptureTable, method: str = "loglinear", *,
               progress: Callable[[int, int], None] | None = None, **options: Any) -> EstimateResult:
    """Run one estimator on ``table``. Options left at ``None`` take the method's defaults; an option
    the method does not use is an error (so ``--delta`` with ``loglinear`` does not pass silently)."""
    method = str(method).lower()
    if method not in METHODS:
        raise ConfigError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    given = {k: v for k, v in options.items() if v is not None}
    unused = sorted(set(given) - METHOD_OPTIONS[method])
    if unused:
        owners = {name: [m for m in METHODS if name in METHOD_OPTIONS[m]] for name in unused}
        parts = [f"{_flag(n)} (for {', '.join(owners[n]) or 'no method'})" for n in unused]
        raise ConfigError(f"the {method} method does not take {', '.join(parts)}")
    if method == "loglinear":
        from reckon.estimate.loglinear import estimate_loglinear

        return estimate_loglinear(table, **given)
    if method == "stepwise":
        from reckon.estimate.stepwise import estimate_stepwise

        return estimate_stepwise(table, **given)
    if method == "dga":
        fn = _load("reckon.estimate.dga", "estimate_dga", "dga")
        return fn(table, **given)
    fn = _load("reckon.estimate.lcmcr", "estimate_lcmcr", "lcmcr")
    if "classes" in given:
        given["K"] = given.pop("classes")
    if progress is not None:
        given["progress"] = progress
    return fn(table, **given)


def estimate_table_file(path: str | Path, method: str = "loglinear", *, lists: Sequence[str] | None = None,
                        progress: Callable[[int, int], None] | None = None, **options: Any) -> EstimateResult:
    """Read a capture table (0/1 list columns + ``count``, or per-individual rows) and estimate."""
    table = CaptureTable.from_csv(path)
    if lists:
        table = table.collapse(lists)
    return run_method(table, method, progress=progress, **options)


# ---- workspace ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaptureData:
    """Who was seen by which list, read from a workspace: one capture pattern per linked person."""

    lists: tuple[str, ...]  # list (source) names, in the order of the pattern bits
    patterns: np.ndarray  # persons × lists, 0/1
    strata: tuple[str, ...] | None  # the stratum of each person (None without --by)
    by: str | None
    records: int  # current linked records used
    unlinked: int  # current records without a person (left out)
    sources_left_out: tuple[str, ...] = ()

    @property
    def persons(self) -> int:
        return int(self.patterns.shape[0])

    def table(self, mask: np.ndarray | None = None, *, source: str = "workspace") -> CaptureTable:
        pats = self.patterns if mask is None else self.patterns[mask]
        seen = pats.any(axis=1)
        pats = pats[seen]
        if pats.shape[0] == 0:
            raise InputError("no linked person in this selection", file=source)
        uniq, counts = np.unique(pats, axis=0, return_counts=True)
        return CaptureTable(self.lists, uniq, counts, source=source)


def _year(value: str | None) -> str | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return value[:4]
    return None


def _mode(values: Iterable[str]) -> str | None:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)


def capture_data(workspace: Any, *, lists: Sequence[str] | None = None, by: str | None = None) -> CaptureData:
    """Capture histories of the linked persons of a workspace (a :class:`reckon.config.Workspace` or a
    database URL): one list per source (or the ``lists`` named), strata by ``by``."""
    from sqlalchemy import func, select

    from reckon.store.db import session_scope
    from reckon.store.models import Record, Source

    if by is not None and by not in STRATA:
        raise ConfigError(f"unknown stratum {by!r}; choose one of {', '.join(STRATA)}")
    url = workspace if isinstance(workspace, str) else workspace.database_url
    with session_scope(url) as session:
        # Corrections (kind "manual") are no list: a person corrected by hand was not "captured" again.
        sources = [name for (name,) in session.execute(select(Source.name).where(Source.kind != "manual")
                                                       .order_by(Source.id))]
        n_current = session.scalar(select(func.count()).select_from(Record).where(Record.is_current.is_(True))) or 0
        rows = session.execute(
            select(Record.person_id, Source.name, Record.region, Record.sex, Record.detention_date,
                   Record.status, Record.locality, Record.birth_year)
            .join(Source, Source.id == Record.source_id)
            .where(Record.is_current.is_(True), Record.person_id.is_not(None))
            .order_by(Record.person_id, Record.id)
        ).all()
    if not sources or n_current == 0:
        raise WorkspaceError("the workspace has no records yet: import lists with `reckon import`, then run "
                             "`reckon link`")
    if not rows:
        raise WorkspaceError(f"none of the {n_current:,} current records is linked to a person yet: run "
                             "`reckon link` first")
    if lists:
        chosen = [name.strip() for name in lists if name.strip()]
        unknown = [name for name in chosen if name not in sources]
        if unknown:
            raise ConfigError(f"no source named {', '.join(map(repr, unknown))}; sources are {', '.join(sources)}")
        if len(set(chosen)) < len(chosen):
            raise ConfigError("a list is named twice in --lists")
    else:
        seen_sources = {r[1] for r in rows}
        chosen = [name for name in sources if name in seen_sources]
    if len(chosen) < 2:
        raise InputError(
            "estimation needs at least two lists with linked persons; "
            + (f"only {chosen[0]!r} has any" if chosen else "none has any"), file="workspace")
    index = {name: j for j, name in enumerate(chosen)}
    people: dict[int, dict[str, Any]] = defaultdict(lambda: {"lists": set(), "attrs": defaultdict(list)})
    used_records = 0
    for person_id, source, region, sex, detention, status, locality, birth_year in rows:
        if source not in index:
            continue
        used_records += 1
        p = people[person_id]
        p["lists"].add(index[source])
        a = p["attrs"]
        a["region"].append(region)
        a["sex"].append(sex)
        a["year"].append(_year(detention))
        a["status"].append(status)
        a["locality"].append(locality)
        a["decade"].append(f"{(int(birth_year) // 10) * 10}s" if birth_year else None)
    ids = sorted(people)
    patterns = np.zeros((len(ids), len(chosen)), dtype=np.int8)
    strata: list[str] = []
    for i, pid in enumerate(ids):
        for j in people[pid]["lists"]:
            patterns[i, j] = 1
        if by is not None:
            values = people[pid]["attrs"][by]
            if by == "year":
                years = [v for v in values if v]
                strata.append(min(years) if years else "unknown")
            else:
                strata.append(_mode(values) or "unknown")
    left_out = tuple(name for name in sources if name not in index)
    return CaptureData(lists=tuple(chosen), patterns=patterns, strata=tuple(strata) if by else None, by=by,
                       records=used_records, unlinked=int(n_current) - len(rows), sources_left_out=left_out)


@dataclass(frozen=True)
class StratumEstimate:
    """The estimate for one stratum (``result`` is None where it could not be made: see ``warnings``)."""

    value: str
    persons: int
    lists: tuple[str, ...]
    result: EstimateResult | None
    warnings: tuple[str, ...] = ()

    @property
    def thin(self) -> bool:
        return any(w.startswith("thin") for w in self.warnings)

    def to_dict(self) -> dict[str, Any]:
        return {"stratum": self.value, "persons": self.persons, "lists": list(self.lists),
                "thin": self.thin, "warnings": list(self.warnings),
                "result": self.result.to_dict() if self.result is not None else None}


@dataclass(frozen=True)
class WorkspaceEstimate:
    method: str
    by: str | None
    lists: tuple[str, ...]
    total: EstimateResult
    strata: tuple[StratumEstimate, ...] = ()
    warnings: tuple[str, ...] = ()
    persons: int = 0
    records: int = 0
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def strata_sum(self) -> float | None:
        """Sum of the stratum estimates (None unless every stratum has one)."""
        if not self.strata or any(s.result is None for s in self.strata):
            return None
        return float(sum(s.result.estimate for s in self.strata if s.result is not None))

    def rows(self) -> list[dict[str, Any]]:
        """One row per stratum and one for the total, for printing."""
        out = []
        for s in self.strata:
            r = s.result
            out.append({"stratum": s.value, "observed": s.persons,
                        "estimate": _round(r.estimate) if r else None,
                        "lower": _round(r.lower) if r else None, "upper": _round(r.upper) if r else None,
                        "model": r.model if r else None, "warnings": list(s.warnings)})
        t = self.total
        out.append({"stratum": "total", "observed": t.observed, "estimate": _round(t.estimate),
                    "lower": _round(t.lower), "upper": _round(t.upper), "model": t.model,
                    "warnings": list(t.warnings)})
        return out

    def to_dict(self) -> dict[str, Any]:
        return json_safe({
            "method": self.method, "by": self.by, "lists": list(self.lists), "persons": self.persons,
            "records": self.records, "settings": self.settings, "warnings": list(self.warnings),
            "total": self.total.to_dict(), "strata": [s.to_dict() for s in self.strata],
            "strata_sum": self.strata_sum,
        })


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return round(float(value), 1)


def _check_table(table: CaptureTable) -> list[str]:
    """Why a table is thin (warnings), or raise InputError when nothing can be estimated from it."""
    multi = int(table.counts[table.patterns.sum(axis=1) >= 2].sum())
    if multi == 0:
        raise InputError("no person is on two lists: the lists do not overlap, so the number unseen cannot be "
                         "estimated", file=table.source)
    out = []
    if table.n_observed < THIN_PERSONS:
        out.append(f"thin: only {table.n_observed} persons (fewer than {THIN_PERSONS}); the estimate is "
                   "very uncertain")
    elif multi < THIN_OVERLAP:
        out.append(f"thin: only {multi} persons are on more than one list")
    return out


def _stratum_table(data: CaptureData, mask: np.ndarray, name: str) -> tuple[CaptureTable, list[str]]:
    pats = data.patterns[mask]
    present = [j for j in range(len(data.lists)) if pats[:, j].any()]
    notes = []
    if len(present) < 2:
        raise InputError(f"only {len(present)} list saw anyone here" if present else "nobody here", file=name)
    if len(present) < len(data.lists):
        missing = [data.lists[j] for j in range(len(data.lists)) if j not in present]
        notes.append(f"list{'s' if len(missing) > 1 else ''} {', '.join(missing)} saw nobody here; estimated "
                     "with the others")
    table = data.table(mask, source=name)
    if len(present) < len(data.lists):
        table = table.collapse([data.lists[j] for j in present])
    return table, notes


def estimate_workspace(workspace: Any, *, method: str = "loglinear", by: str | None = None,
                       lists: Sequence[str] | None = None, progress: Callable[[int, int], None] | None = None,
                       **options: Any) -> WorkspaceEstimate:
    """Estimate on the linked persons of a workspace, in total and per stratum of ``by``.

    ``progress(done, total)`` is called after each stratum. Options go to the method (see
    :func:`run_method`); every stratum uses the same ones (and the same seed).
    """
    data = capture_data(workspace, lists=lists, by=by)
    warnings: list[str] = []
    if data.unlinked:
        warnings.append(f"{data.unlinked:,} current record{'s are' if data.unlinked != 1 else ' is'} not linked "
                        "to a person and left out")
    if data.sources_left_out and lists:
        warnings.append(f"sources not in --lists left out: {', '.join(data.sources_left_out)}")
    total_table = data.table(source="workspace")
    total_notes = _check_table(total_table)
    strata_values: list[str] = []
    if by is not None and data.strata is not None:
        strata_values = sorted(set(data.strata), key=lambda v: (v == "unknown", v))
    steps = len(strata_values) + 1
    total = run_method(total_table, method, **options)
    if total_notes:
        total = _with_warnings(total, total_notes)
    if progress:
        progress(1, steps)
    results: list[StratumEstimate] = []
    if strata_values:
        labels = np.array(data.strata)
        for i, value in enumerate(strata_values, start=2):
            mask = labels == value
            persons = int(mask.sum())
            name = f"{by}={value}"
            notes: list[str] = []
            result = None
            table_lists: tuple[str, ...] = ()
            try:
                table, notes = _stratum_table(data, mask, name)
                table_lists = table.lists
                notes += _check_table(table)
                result = run_method(table, method, **options)
            except ReckonError as exc:
                notes.append(f"no estimate: {exc}")
            results.append(StratumEstimate(value=value, persons=persons, lists=table_lists, result=result,
                                           warnings=tuple(notes)))
            if progress:
                progress(i, steps)
        if "unknown" in strata_values:
            n_unknown = next(s.persons for s in results if s.value == "unknown")
            who = "1 person has" if n_unknown == 1 else f"{n_unknown:,} persons have"
            warnings.append(f"{who} no {by} in any record (stratum 'unknown')")
        thin = [s.value for s in results if s.thin or s.result is None]
        if thin:
            warnings.append(f"{len(thin)} of {len(results)} strata are thin or could not be estimated: "
                            f"{', '.join(thin[:10])}{' ...' if len(thin) > 10 else ''}")
    settings = {"method": method, "by": by, "lists": list(data.lists),
                **{k: v for k, v in options.items() if v is not None}}
    return WorkspaceEstimate(method=method, by=by, lists=data.lists, total=total, strata=tuple(results),
                             warnings=tuple(warnings), persons=data.persons, records=data.records,
                             settings=settings)


def _with_warnings(result: EstimateResult, notes: Sequence[str]) -> EstimateResult:
    from dataclasses import replace

    return replace(result, warnings=(*result.warnings, *notes))
