"""The dashboard's summary and the one step after every write: everything the dashboard's numbers and
charts read, computed once when the data change and stored, so that no page view scans the register.

This is a service (entry points → services → stages and store): the CLI, the web app's jobs and actions
and the report all call it, so no entry point calls another to finish a write. What is pure stays with
the types below (:class:`Summary` counts a day from its interval ends with reckon.histories.intervals);
what reads the data is in reckon.store.report, reckon.store.histories and reckon.store.timeline.

Why: on a million records one grouped scan of the current records takes seconds, the histories' counts
on a day another few, and checking that the histories are fresh scanned every current record on every
view; with several server processes each paid it again. So the work moves to write time:

* :func:`after_change` (called after every import, link run, histories rebuild and source rule: CLI,
  web jobs) refreshes the histories, then stores the summary; :func:`refresh` makes sure
  the histories are fresh, then computes the **summary**: the register's aggregates (one grouped scan of
  current records, every breakdown summed from it), the histories' interval ends per state (and per
  region for persons held: a count on *any* day is then a sum over a few thousand days, no query), the
  subjects counted, the span of dated events and each source's data date. It is stored as one row
  (``web_state``), with the data **generation** it was computed from.
* The **generation** is what every write that changes counts changes: the highest ids of the register's
  append-only tables (records, imports, persons, link runs, review decisions, sources, histories builds)
  and the in-place changes no id shows (a source's rule, a link run that ended). It is read with one
  statement of index lookups, a millisecond on any size.
* :func:`current` is what a page calls: the summary of the current generation, from memory, else from the
  stored row (another process, or the writer, computed it), else computed now, once, under a lock (a
  review decision or a correction changes persons without a write-time refresh; the first view after it
  recomputes, and stores the result for every other process).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reckon.histories.intervals import Ends, counts_on
from reckon.histories.model import STATES
from reckon.store import report as store
from reckon.store import web as web_store
from reckon.store.db import session_scope

NAME = "dashboard_summary"
SCHEME = 2   # 2: interval ends per region for every state, not only persons held
UNKNOWN = "unknown"
# What the summary depends on (its generation), and what else the page's cache key adds: stored estimates,
# news figures and jobs change the page (its estimates, reported figures) but none of the counts.
GENERATION_TABLES = ("record", "import_batch", "person", "link_run", "review_decision", "source", "history_build")
FINGERPRINT_TABLES = (*GENERATION_TABLES, "news_figure", "job", "estimate_run")


@dataclass
class Snapshot:
    """Which state of the data a number comes from: stated beside every figure in the report."""

    taken_at: str
    fingerprint: dict[str, int]
    records_current: int
    sources: int
    imports: int
    latest_import_at: str | None
    schema_revision: str | None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Aggregates:
    snapshot: Snapshot
    records_total: int
    persons_total: int | None  # None: no linkage run yet
    by_status: dict[str, int]
    by_region: dict[str, int]
    region_status: dict[tuple[str, str], int]
    by_month: dict[str, int]  # detention month "YYYY-MM" -> records
    by_year: dict[str, int]
    month_status: dict[tuple[str, str], int]
    persons_by_month: dict[str, int] | None
    sources: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "snapshot": self.snapshot.to_dict(),
            "records_total": self.records_total,
            "persons_total": self.persons_total,
            "by_status": self.by_status,
            "by_region": self.by_region,
            "by_year": self.by_year,
            "by_month": self.by_month,
            "region_status": [{"region": r, "status": s, "count": n} for (r, s), n in self.region_status.items()],
            "persons_by_month": self.persons_by_month,
            "sources": self.sources,
        }

    def stored(self) -> dict:
        """As stored: :meth:`to_dict` plus the month × status cells, every mapping as pairs (order kept)."""
        out = self.to_dict()
        for name in ("by_status", "by_region", "by_year", "by_month"):
            out[name] = list(out[name].items())
        out["persons_by_month"] = list(self.persons_by_month.items()) if self.persons_by_month is not None else None
        out["month_status"] = [[m, s, n] for (m, s), n in self.month_status.items()]
        return out

    @classmethod
    def from_stored(cls, d: dict) -> Aggregates:
        pbm = d.get("persons_by_month")
        return cls(snapshot=Snapshot(**d["snapshot"]), records_total=d["records_total"],
                   persons_total=d["persons_total"], by_status=dict(d["by_status"]), by_region=dict(d["by_region"]),
                   region_status={(c["region"], c["status"]): c["count"] for c in d["region_status"]},
                   by_month=dict(d["by_month"]), by_year=dict(d["by_year"]),
                   month_status={(m, s): n for m, s, n in d["month_status"]},
                   persons_by_month=dict(pbm) if pbm is not None else None, sources=list(d["sources"]))


@dataclass
class Summary:
    """One generation of the data as the dashboard reads it (see the module's docstring)."""

    generation: dict[str, Any]
    aggregates: Aggregates
    ends: dict[str, Ends]              # state -> per sure flag, (starts, stops) per day
    by_region: dict[str, dict[str, Ends]]   # state -> region key -> the same
    subjects: tuple[int, int]          # (linked persons, unlinked records) the histories count
    event_span: tuple[int | None, int | None]
    source_dates: dict[str, str | None]

    def stored(self) -> dict:
        return {"scheme": SCHEME, "generation": self.generation, "aggregates": self.aggregates.stored(),
                "ends": {st: _ends_out(e) for st, e in self.ends.items()},
                "by_region": {st: {k: _ends_out(e) for k, e in per.items()} for st, per in self.by_region.items()},
                "subjects": list(self.subjects), "event_span": list(self.event_span),
                "source_dates": self.source_dates}

    @classmethod
    def from_stored(cls, d: dict) -> Summary:
        lo, hi = d["event_span"]
        return cls(generation=d["generation"], aggregates=Aggregates.from_stored(d["aggregates"]),
                   ends={st: _ends_in(e) for st, e in d["ends"].items()},
                   by_region={st: {k: _ends_in(e) for k, e in per.items()} for st, per in d["by_region"].items()},
                   subjects=(int(d["subjects"][0]), int(d["subjects"][1])), event_span=(lo, hi),
                   source_dates=dict(d["source_dates"]))

    def count(self, state: str, day: int) -> tuple[int, int]:
        """(surely, undetermined) subjects in ``state`` on ``day``, as reckon.histories counts them."""
        got = counts_on(self.ends[state], [day])
        return got[True][0], got[False][0]

    @property
    def held_by_region(self) -> dict[str, Ends]:
        """Region key -> interval ends of persons in custody."""
        return self.by_region["in_custody"]

    def held_on(self, day: int) -> dict[str, int]:
        """Persons surely held on ``day`` per region key (none listed with 0), largest first."""
        return self.region_counts("in_custody", day)

    def region_counts(self, state: str, day: int, *, sure: bool = True) -> dict[str, int]:
        """Persons in ``state`` on ``day`` per region key, surely (``sure``) or undetermined, as
        ``reckon count --by region`` counts them (store.histories.count_by and span_ends_by read the same
        keys; a person with no region is "unknown"); none listed with 0, largest first."""
        per = {k: counts_on(e, [day])[sure][0] for k, e in self.by_region[state].items()}
        return {k: n for k, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])) if n}


def _ends_out(ends: Ends) -> dict[str, list]:
    return {"1" if sure else "0": [starts, stops] for sure, (starts, stops) in ends.items()}


def _ends_in(d: dict[str, list]) -> Ends:
    out: Ends = {True: ([], []), False: ([], [])}
    for flag, (starts, stops) in d.items():
        out[flag == "1"] = ([(int(a), int(b)) for a, b in starts], [(int(a), int(b)) for a, b in stops])
    return out


# ---------------------------------------------------------------------------------------------- generation


def fingerprint(session: Any) -> dict[str, Any]:
    """The highest id of each table a page depends on, plus the in-place changes (one round trip)."""
    return {**store.max_ids(session, FINGERPRINT_TABLES), "rules": store.rules_stamp(session)}


def generation(fp: dict[str, Any]) -> dict[str, Any]:
    """The part of a fingerprint the summary depends on."""
    return {k: v for k, v in fp.items() if k in GENERATION_TABLES or k == "rules"}


# ---------------------------------------------------------------------------------------------- computing


def snapshot(session: Any) -> Snapshot:
    fp = store.max_ids(session, FINGERPRINT_TABLES)
    records, sources, imports, latest = store.register_totals(session)
    return Snapshot(
        taken_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        fingerprint=fp, records_current=records, sources=sources, imports=imports,
        latest_import_at=latest.isoformat() if latest else None, schema_revision=store.schema_revision(session),
    )


def aggregates(session: Any) -> Aggregates:
    """One grouped scan of current records; every breakdown is summed from it."""
    snap = snapshot(session)
    by_status: dict[str, int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    region_status: dict[tuple[str, str], int] = defaultdict(int)
    by_month: dict[str, int] = defaultdict(int)
    by_year: dict[str, int] = defaultdict(int)
    month_status: dict[tuple[str, str], int] = defaultdict(int)
    total = 0
    for region, status, m, n in store.region_status_month(session):
        region = region or UNKNOWN
        status = status or UNKNOWN
        total += n
        by_status[status] += n
        by_region[region] += n
        region_status[(region, status)] += n
        if m and len(m) == 7:
            by_month[m] += n
            by_year[m[:4]] += n
            month_status[(m, status)] += n
        else:
            by_year[UNKNOWN] += n
    persons_total = None
    persons_by_month = None
    if snap.fingerprint.get("person"):
        persons_total, persons_by_month = store.persons_by_first_month(session)
    return Aggregates(
        snapshot=snap, records_total=total, persons_total=persons_total,
        by_status=dict(sorted(by_status.items(), key=lambda kv: -kv[1])),
        by_region=dict(sorted(by_region.items(), key=lambda kv: -kv[1])),
        region_status=dict(region_status), by_month=dict(sorted(by_month.items())),
        by_year=dict(sorted(by_year.items())), month_status=dict(month_status),
        persons_by_month=persons_by_month, sources=store.sources_with_counts(session),
    )


def compute(session: Any, gen: dict[str, Any]) -> Summary:
    """The summary of the data as they are (``gen``: their generation, read before anything else, so a
    write that lands meanwhile leaves the summary older than the data and it is recomputed)."""
    from reckon.store import histories as hs
    from reckon.store.timeline import event_span, source_data_dates

    return Summary(generation=gen, aggregates=aggregates(session),
                   ends={st: hs.span_ends(session, st) for st in STATES},
                   by_region={st: hs.span_ends_by(session, st, "region") for st in STATES},
                   subjects=hs.subjects_counted(session), event_span=event_span(session),
                   source_dates=source_data_dates(session))


_LOCK = threading.Lock()
_MEMORY: dict[str, Summary] = {}


def refresh(url: str) -> Summary:
    """Bring the histories up to date and store the summary of this generation. Returns it."""
    from reckon.histories.service import ensure_fresh

    ensure_fresh(url)
    return _store(url)


def after_change(url: str, *, full: bool = False, actor: str = "cli") -> Any:
    """What every write that changes records or persons runs when it is done (an import, a link run, a
    histories rebuild, a source rule): the persons' histories follow the records, then the dashboard's
    numbers, so that no page view computes them. One histories refresh, not a refresh and a staleness check.
    Returns the histories' BuildReport."""
    from reckon.histories.service import refresh as refresh_histories

    report = refresh_histories(url, full=full, actor=actor)
    _store(url)
    return report


def _store(url: str) -> Summary:
    with session_scope(url) as s:
        gen = generation(fingerprint(s))
        summary = compute(s, gen)
        web_store.save_state(s, NAME, summary.stored())
    _MEMORY[url] = summary
    return summary


def current(url: str, session: Any | None = None, fp: dict[str, Any] | None = None) -> Summary:
    """The summary of the data's current generation (from memory, the stored row, or computed once);
    ``fp``: the fingerprint the caller has just read."""
    if session is None:
        with session_scope(url) as s:
            return current(url, s, fp)
    gen = generation(fp if fp is not None else fingerprint(session))
    hit = _MEMORY.get(url)
    if hit is not None and hit.generation == gen:
        return hit
    with _LOCK:   # one computation per process; the others wait for it
        hit = _MEMORY.get(url)
        if hit is not None and hit.generation == gen:
            return hit
        with session_scope(url) as s:
            stored = web_store.state(s, NAME)
        if stored is not None and stored.get("scheme") == SCHEME and stored.get("generation") == gen:
            _MEMORY[url] = Summary.from_stored(stored)
            return _MEMORY[url]
        return refresh(url)


def fresh_histories(url: str) -> None:
    """Make sure the histories are fresh, for a page that reads one person's: free when this process
    holds the summary of the data's current generation (computed after the histories were brought up
    to date), else reckon.histories's own check (which reads every current record)."""
    with session_scope(url) as s:
        gen = generation(fingerprint(s))
    hit = _MEMORY.get(url)
    if hit is not None and hit.generation == gen:
        return
    from reckon.histories.service import ensure_fresh

    ensure_fresh(url)


def refresh_soon(url: str) -> None:
    """After a write that changes persons but runs no refresh of its own (a review decision, a correction
    made in the web app): bring the summary up to date in the background, so the editor does not wait
    and the next page view most likely finds it done (if not, it waits for this one, never computes twice)."""
    import logging

    def run() -> None:
        try:
            current(url)
        except Exception as exc:  # the next page view computes it
            logging.getLogger(__name__).info("summary refresh skipped: %s", type(exc).__name__)

    threading.Thread(target=run, name="reckon-summary", daemon=True).start()


def forget() -> None:
    """Drop the summaries held in memory (the stored ones stay: they carry their generation)."""
    _MEMORY.clear()
