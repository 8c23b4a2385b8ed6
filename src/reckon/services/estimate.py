"""Multiple-systems estimation as a service: on a CSV capture table, or on the linked persons of a workspace.

:func:`run_method` dispatches one table to an estimator (``loglinear``, ``stepwise``, ``dga``, ``lcmcr``)
and rejects options the method does not use. :func:`estimate_workspace` builds capture histories from
the register: every *current* record with a ``person_id`` (filled by ``reckon link``) marks its person as
seen by its source, one list per source (or the ones chosen); persons are put in strata by an attribute
read from their records (``region``, ``year`` of first detention, ``sex``, ...) and the method runs on
the whole table and on each stratum, with a warning where a stratum is too thin to say much.

Before estimating on a workspace, :mod:`reckon.estimate.checks` asks whether the lists can serve as
capture–recapture systems (overlap, one population, no list drawn from another, enough persons per
stratum); a failed check refuses with its reason (:class:`~reckon.errors.EstimateRefused`) unless
``force``, which estimates and marks the result not publishable. Every workspace estimate is stored
(``reckon.store.estimates``) with its capture table, settings, warnings and data window, and
:func:`list_estimates` is what the CLI, the web app and the report show.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from reckon.errors import N_, ConfigError, EstimateRefused, InputError, ReckonError, WorkspaceError
from reckon.estimate import METHODS, estimator
from reckon.estimate.checks import (
    Finding,
    ListProfile,
    check_lists,
    check_strata,
    data_window,
    describe_window,
)
from reckon.estimate.notes import note
from reckon.estimate.notes import text as said
from reckon.estimate.result import EstimateResult
from reckon.estimate.table import CaptureTable
from reckon.jsonable import jsonable
from reckon.progress import Progress

__all__ = [
    "METHODS",
    "STRATA",
    "CaptureData",
    "StratumEstimate",
    "WorkspaceEstimate",
    "capture_data",
    "estimate_table_file",
    "estimate_workspace",
    "list_estimates",
    "list_profiles",
    "run_method",
]


# Options each method takes (names as the service functions take them).
METHOD_OPTIONS: dict[str, set[str]] = {
    "loglinear": {"criterion", "max_order", "interval", "level", "n_boot", "seed", "model", "ntop"},
    "stepwise": {"pthresh", "interval", "n_boot", "seed", "level"},
    "dga": {"delta", "level", "prior"},
    "lcmcr": {"classes", "burn_in", "samples", "thinning", "chains", "seed", "level", "workers"},
}
_FLAG = {"classes": "--classes", "n_boot": "--n-boot", "max_order": "--max-order", "burn_in": "--burn-in"}

# Person attributes usable as strata, and how each is read from the person's records.
# Source kinds that are capture systems by default: a list documents persons one by one (so does a court's
# list of cases); news reports people a list already holds, and counting them as a list would make the
# lists look less independent than they are. Other kinds count only when --lists names them, with a warning.
CAPTURE_KINDS = frozenset({"list", "court"})
STRATA = ("region", "year", "sex", "status", "locality", "decade")

THIN_PERSONS = 50  # below this many persons a stratum estimate is flagged as thin
THIN_OVERLAP = 5  # ... or below this many persons on two or more lists


def _flag(name: str) -> str:
    return _FLAG.get(name, "--" + name.replace("_", "-"))


def run_method(table: CaptureTable, method: str = "loglinear", *,
               progress: Progress | None = None, **options: Any) -> EstimateResult:
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
    fn = estimator(method)
    if method == "lcmcr":
        if "classes" in given:
            given["K"] = given.pop("classes")
        if progress is not None:
            given["progress"] = progress
    return fn(table, **given)


def estimate_table_file(path: str | Path, method: str = "loglinear", *, lists: Sequence[str] | None = None,
                        progress: Progress | None = None, force: bool = False,
                        **options: Any) -> EstimateResult:
    """Read a capture table (0/1 list columns + ``count``, or per-individual rows) and estimate.

    A table says nothing of the lists' populations, so only its overlap and containment are checked; a
    failed check refuses unless ``force`` (then the result is not publishable). Not stored: a table is
    not a workspace's data."""
    table = CaptureTable.from_csv(path)
    if lists:
        table = table.collapse(lists)
    findings = check_lists(table.lists, table.patterns, table.counts)
    refusals = [f.message for f in findings if f.refuse]
    if refusals and not force:
        raise EstimateRefused(refusals)
    result = run_method(table, method, progress=progress, **options)
    notes = [*(note("not_publishable", reason=m) for m in refusals), *(f.message for f in findings if not f.refuse)]
    return replace(result, warnings=(*notes, *result.warnings), publishable=not refusals)


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
    not_lists: tuple[str, ...] = ()  # sources not of a capture kind: named in --lists, else left out

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


def _url(workspace: Any) -> str:
    return workspace if isinstance(workspace, str) else workspace.database_url


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
    from reckon.store.db import session_scope
    from reckon.store.estimates import capture_rows, count_current, source_kinds, source_names

    if by is not None and by not in STRATA:
        raise ConfigError(f"unknown stratum {by!r}; choose one of {', '.join(STRATA)}")
    with session_scope(_url(workspace)) as session:
        sources = source_names(session)
        kinds = source_kinds(session)
        n_current = count_current(session)
        rows = capture_rows(session)
    if not sources or n_current == 0:
        raise WorkspaceError.of(N_("the workspace has no records yet: import lists with `reckon import`, then "
                                   "run `reckon link`"))
    if not rows:
        raise WorkspaceError.of(N_("none of the %(n)s current records is linked to a person yet: run "
                                   "`reckon link` first"), n=n_current)
    if lists:
        chosen = [name.strip() for name in lists if name.strip()]
        unknown = [name for name in chosen if name not in sources]
        if unknown:
            raise ConfigError.of(N_("no source named %(unknown)s; sources are %(sources)s"),
                                 unknown=", ".join(map(repr, unknown)), sources=", ".join(sources))
        if len(set(chosen)) < len(chosen):
            raise ConfigError("a list is named twice in --lists")
    else:  # news and other sources are no capture system unless named (see CAPTURE_KINDS)
        seen_sources = {r[1] for r in rows}
        chosen = [name for name in sources if name in seen_sources and kinds.get(name, "list") in CAPTURE_KINDS]
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
                       records=used_records, unlinked=int(n_current) - len(rows), sources_left_out=left_out,
                       not_lists=tuple(name for name in (chosen if lists else left_out)
                                       if kinds.get(name, "list") not in CAPTURE_KINDS))


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
        return any(getattr(w, "code", "").startswith("thin") for w in self.warnings)

    def to_dict(self) -> dict[str, Any]:
        return {"stratum": self.value, "persons": self.persons, "lists": list(self.lists),
                "thin": self.thin, "warnings": list(self.warnings),
                "result": self.result.to_dict() if self.result is not None else None}


@dataclass(frozen=True)
class WorkspaceEstimate:
    """An estimate on a workspace with what to beware of: ``warnings`` (plain words, the failed checks of
    a forced estimate first), ``publishable`` (False when a check failed and the estimate was forced),
    and the ``data_window`` the lists describe. ``id`` is the stored estimate's id."""

    method: str
    by: str | None
    lists: tuple[str, ...]
    total: EstimateResult
    strata: tuple[StratumEstimate, ...] = ()
    warnings: tuple[str, ...] = ()
    persons: int = 0
    records: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    publishable: bool = True
    data_window: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

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
                        "model": r.model if r else None, "warnings": [said(w) for w in s.warnings]})
        t = self.total
        out.append({"stratum": "total", "observed": t.observed, "estimate": _round(t.estimate),
                    "lower": _round(t.lower), "upper": _round(t.upper), "model": t.model,
                    "warnings": [said(w) for w in t.warnings]})
        return out

    def to_dict(self) -> dict[str, Any]:
        return jsonable({
            "id": self.id, "method": self.method, "by": self.by, "lists": list(self.lists),
            "persons": self.persons, "records": self.records, "settings": self.settings,
            "publishable": self.publishable, "warnings": _unique([*self.warnings, *self.total.warnings]),
            "data_window": self.data_window,
            "total": self.total.to_dict(), "strata": [s.to_dict() for s in self.strata],
            "strata_sum": self.strata_sum,
        })


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


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
        out.append(note("thin_persons", n=table.n_observed, min=THIN_PERSONS))
    elif multi < THIN_OVERLAP:
        out.append(note("thin_overlap", n=multi))
    return out


def _stratum_table(data: CaptureData, mask: np.ndarray, name: str) -> tuple[CaptureTable, list[str]]:
    pats = data.patterns[mask]
    present = [j for j in range(len(data.lists)) if pats[:, j].any()]
    notes = []
    if len(present) < 2:
        raise InputError(f"only {len(present)} list saw anyone here" if present else "nobody here", file=name)
    if len(present) < len(data.lists):
        missing = [data.lists[j] for j in range(len(data.lists)) if j not in present]
        notes.append(note("lists_saw_nobody", lists=missing))
    table = data.table(mask, source=name)
    if len(present) < len(data.lists):
        table = table.collapse([data.lists[j] for j in present])
    return table, notes


def list_profiles(workspace: Any, lists: Sequence[str]) -> tuple[list[ListProfile], str | None]:
    """What each list says about its population (status, region, kind of case, detention dates), from
    its current records, and when the lists were last imported (ISO date)."""
    from reckon.law import parse_articles, parse_sentence
    from reckon.store.db import session_scope
    from reckon.store.estimates import list_profile_rows, sources_imported_until

    with session_scope(_url(workspace)) as session:
        rows = list_profile_rows(session, lists)
        until = sources_imported_until(session, lists)
    acc: dict[str, dict[str, Any]] = {name: {"n": 0, "status": Counter(), "region": Counter(), "kind": Counter(),
                                             "dates": []} for name in lists}
    kinds: dict[tuple[Any, ...], str | None] = {}
    for source, status, region, detention, articles, sentence in rows:
        a = acc[source]
        a["n"] += 1
        if status:
            a["status"][status] += 1
        if region:
            a["region"][region] += 1
        if detention:
            a["dates"].append(detention)
        key = (tuple(articles or ()), sentence)
        if key not in kinds:  # lists repeat the same articles and sentences: parse each once
            kinds[key] = _case_kind(articles, sentence, parse_articles, parse_sentence)
        kind = kinds[key]
        if kind:
            a["kind"][kind] += 1
    profiles = [ListProfile(name=name, records=a["n"], statuses=dict(a["status"]), regions=dict(a["region"]),
                            kinds=dict(a["kind"]), dates=tuple(sorted(a["dates"]))) for name, a in acc.items()]
    return profiles, until.date().isoformat() if until else None


def _case_kind(articles: Any, sentence: str | None, parse_articles: Callable[..., Any],
               parse_sentence: Callable[..., Any]) -> str | None:
    """"criminal" when a record cites the Criminal Code or a prison term, "administrative" when it cites
    only the Code of Administrative Offences or an administrative arrest or fine, else None."""
    codes: set[str] = set()
    for text in articles or []:
        codes.update(a.code for a in parse_articles(str(text)).articles)
    if "CC" in codes:
        return "criminal"
    if codes == {"CAO"}:
        return "administrative"
    if sentence:
        kind = parse_sentence(sentence).kind
        if kind in ("colony", "prison", "restricted_freedom", "home_confinement", "death"):
            return "criminal"
    return None


def _findings(data: CaptureData, total_table: CaptureTable, profiles: Sequence[ListProfile],
              by: str | None) -> list[Finding]:
    findings = check_lists(total_table.lists, total_table.patterns, total_table.counts, profiles)
    if by is not None and data.strata is not None:
        labels = np.array(data.strata)
        tables = {}
        for value in sorted(set(data.strata), key=lambda v: (v == "unknown", v)):
            pats = data.patterns[labels == value]
            present = [j for j in range(len(data.lists)) if pats[:, j].any()]
            uniq, counts = np.unique(pats[:, present], axis=0, return_counts=True)
            tables[value] = ([data.lists[j] for j in present], uniq, counts)
        findings += check_strata(by, tables)
    return findings


def estimate_workspace(workspace: Any, *, method: str = "loglinear", by: str | None = None,
                       lists: Sequence[str] | None = None, progress: Progress | None = None,
                       force: bool = False, actor: str | None = None, origin: str = "cli", **options: Any) -> WorkspaceEstimate:
    """Estimate on the linked persons of a workspace, in total and per stratum of ``by``, and store it.

    The lists are checked first (:mod:`reckon.estimate.checks`); a failed check raises
    :class:`EstimateRefused` unless ``force``, which estimates and marks the result not publishable.
    ``progress(done, total)`` is called after each stratum. Options go to the method (see
    :func:`run_method`); every stratum uses the same ones (and the same seed). ``actor`` and ``origin``
    (cli or web) are stored with the estimate.
    """
    data = capture_data(workspace, lists=lists, by=by)
    total_table = data.table(source="workspace")
    profiles, imported_until = list_profiles(workspace, data.lists)
    findings = _findings(data, total_table, profiles, by)
    refusals = [f.message for f in findings if f.refuse]
    if refusals and not force:
        raise EstimateRefused(refusals)
    window = data_window(profiles, imported_until)
    warnings: list[str] = [note("not_publishable", reason=m) for m in refusals]
    warnings += [f.message for f in findings if not f.refuse]
    if data.unlinked:
        warnings.append(note("unlinked", n=data.unlinked))
    if data.sources_left_out and lists:
        warnings.append(note("sources_left_out", sources=list(data.sources_left_out)))
    if data.not_lists:
        warnings.append(note("not_lists_named" if lists else "not_lists_left_out", sources=list(data.not_lists)))
    _check_table(total_table)  # raises when no one is on two lists: nothing to estimate, even when forced
    strata_values: list[str] = []
    if by is not None and data.strata is not None:
        strata_values = sorted(set(data.strata), key=lambda v: (v == "unknown", v))
    steps = len(strata_values) + 1
    total = run_method(total_table, method, **options)
    if refusals:
        total = replace(total, publishable=False)
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
                notes.append(note("no_estimate", reason=str(exc)))
            results.append(StratumEstimate(value=value, persons=persons, lists=table_lists, result=result,
                                           warnings=tuple(notes)))
            if progress:
                progress(i, steps)
        if "unknown" in strata_values:
            n_unknown = next(s.persons for s in results if s.value == "unknown")
            warnings.append(note("unknown_stratum", n=n_unknown, by=by))
        thin = [s.value for s in results if s.thin or s.result is None]
        if thin:
            warnings.append(note("thin_strata", thin=len(thin), strata=len(results), shown=thin[:10],
                                 more=max(0, len(thin) - 10)))
    settings = {"method": method, "by": by, "lists": list(data.lists),
                **{k: v for k, v in options.items() if v is not None}}
    out = WorkspaceEstimate(method=method, by=by, lists=data.lists, total=total, strata=tuple(results),
                            warnings=tuple(warnings), persons=data.persons, records=data.records,
                            settings=settings, publishable=not refusals, data_window=window)
    return replace(out, id=_store(workspace, out, total_table, forced=bool(refusals), actor=actor, origin=origin))


def _store(workspace: Any, est: WorkspaceEstimate, table: CaptureTable, *, forced: bool, actor: str | None,
           origin: str) -> int:
    from reckon.store.audit import audit, default_actor
    from reckon.store.db import session_scope
    from reckon.store.estimates import save_estimate

    t = est.total
    who = actor or default_actor()
    with session_scope(_url(workspace)) as session:
        estimate_id = save_estimate(
            session, actor=who, origin=origin, method=est.method, model=t.model[:1000], by=est.by,
            lists=list(est.lists), strata=[s.value for s in est.strata], settings=jsonable(est.settings),
            seed=t.seed, persons=est.persons, observed=t.observed, estimate=t.estimate,
            lower=jsonable(t.lower), upper=jsonable(t.upper), level=t.level,
            warnings=jsonable(_unique([*est.warnings, *t.warnings])), publishable=est.publishable, forced=forced,
            window_first=est.data_window.get("first"), window_last=est.data_window.get("last"),
            data_window=jsonable(est.data_window),
            capture_table={"lists": list(table.lists), "patterns": jsonable(table.patterns),
                           "counts": jsonable(table.counts)},
            result=est.to_dict())
        audit(session, "estimate.run", actor=who, target_type="estimate", target_ids=[estimate_id],
              method=est.method, publishable=est.publishable)
    return estimate_id


def list_estimates(workspace: Any, limit: int = 20) -> list[dict[str, Any]]:
    """Stored estimates, newest first, as the pages, the API, the report and ``reckon estimates`` show
    them: the figure, its interval, its warnings and data window in words, who ran it. (Public views keep
    only the publishable ones and drop who ran them: ``reckon.services.dashboard``.)"""
    from reckon.store.db import session_scope
    from reckon.store.estimates import list_estimates as stored

    rows = []
    with session_scope(_url(workspace)) as session:
        for run in stored(session, limit):
            window = dict(run.data_window or {})
            window.setdefault("text", describe_window(window))
            rows.append({"id": run.id, "method": run.method, "model": run.model, "estimate": run.estimate,
                         "lower": run.lower, "upper": run.upper, "level": run.level, "observed": run.observed,
                         "persons": run.persons, "lists": run.lists, "by": run.by, "strata": len(run.strata or []),
                         "settings": run.settings, "seed": run.seed, "warnings": run.warnings,
                         "publishable": run.publishable, "data_window": window,
                         "as_of": run.created_at.date().isoformat(),
                         "created_at": run.created_at.isoformat(timespec="seconds"),
                         "actor": run.actor, "origin": run.origin})
    return rows
