"""What the dashboard and the report show: aggregates of the register, the snapshot they come from, and
the other stages' estimates and reported figures.

Aggregates come from one grouped scan of the current records (region × status × detention month), from
which every breakdown is derived, so the numbers on one page always add up. The result is cached per
data *fingerprint* (the highest ids of the register's append-only tables): on a register of a million
records the scan takes a second, the cached page a few milliseconds, and any import or linkage changes the
fingerprint and so refreshes the figures.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from reckon.report.suppression import K_DEFAULT, suppress_published
from reckon.services.estimate import list_estimates
from reckon.store import report as store

UNKNOWN = "unknown"
FINGERPRINT_TABLES = ("record", "import_batch", "person", "link_run", "review_decision", "source", "news_figure",
                      "job", "estimate_run", "history_build")
CACHE_TTL_S = 300.0


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


def fingerprint(session: Session) -> dict[str, int]:
    return store.max_ids(session, FINGERPRINT_TABLES)


def snapshot(session: Session) -> Snapshot:
    fp = fingerprint(session)
    records, sources, imports, latest = store.register_totals(session)
    return Snapshot(
        taken_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        fingerprint=fp, records_current=records, sources=sources, imports=imports,
        latest_import_at=latest.isoformat() if latest else None, schema_revision=store.schema_revision(session),
    )


def compute(session: Session) -> Aggregates:
    """One grouped scan of current records; every breakdown is summed from it."""
    snap = snapshot(session)
    rows = store.region_status_month(session)
    by_status: dict[str, int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    region_status: dict[tuple[str, str], int] = defaultdict(int)
    by_month: dict[str, int] = defaultdict(int)
    by_year: dict[str, int] = defaultdict(int)
    month_status: dict[tuple[str, str], int] = defaultdict(int)
    total = 0
    for region, status, m, n in rows:
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
    sources = store.sources_with_counts(session)
    return Aggregates(
        snapshot=snap, records_total=total, persons_total=persons_total,
        by_status=dict(sorted(by_status.items(), key=lambda kv: -kv[1])),
        by_region=dict(sorted(by_region.items(), key=lambda kv: -kv[1])),
        region_status=dict(region_status), by_month=dict(sorted(by_month.items())),
        by_year=dict(sorted(by_year.items())), month_status=dict(month_status),
        persons_by_month=persons_by_month, sources=sources,
    )


class AggregateCache:
    """Aggregates per database, recomputed when the fingerprint changes or after CACHE_TTL_S."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[dict, float, Aggregates]] = {}

    def get(self, url: str, session: Session) -> Aggregates:
        fp = fingerprint(session)
        entry = self._entries.get(url)
        if entry and entry[0] == fp and time.monotonic() - entry[1] < CACHE_TTL_S:
            return entry[2]
        with self._lock:
            entry = self._entries.get(url)
            if entry and entry[0] == fp and time.monotonic() - entry[1] < CACHE_TTL_S:
                return entry[2]
            agg = compute(session)
            self._entries[url] = (agg.snapshot.fingerprint, time.monotonic(), agg)
            return agg

    def clear(self) -> None:
        self._entries.clear()


CACHE = AggregateCache()


def public_view(agg: Aggregates, k: int = K_DEFAULT) -> dict[str, Any]:
    """Only what may be published: suppressed breakdowns, no names, no ids, no per-source detail.

    The region × status table and the breakdown by year are suppressed as one system (they share the
    total); the breakdowns by region and by status are the table's own margins, so every published
    number comes out of one consistent suppression.
    """
    statuses = list(agg.by_status)
    regions = list(agg.by_region)
    table, series = suppress_published(agg.region_status, regions, statuses, {"by_year": agg.by_year}, k=k)
    by_region = {"labels": regions, "counts": [table.row_totals[r] for r in regions], "total": table.total, "k": k}
    by_status = {"labels": statuses, "counts": [table.col_totals[c] for c in statuses], "total": table.total,
                 "k": k}
    return {
        "k": k,
        "snapshot": {"taken_at": agg.snapshot.taken_at, "schema_revision": agg.snapshot.schema_revision},
        "by_status": by_status,
        "by_region": by_region,
        "by_year": series["by_year"].to_dict(),
        "region_status": table.to_dict(),
    }


_STAGES_LOCK = threading.Lock()
_STAGES: dict[str, tuple[dict, float, dict]] = {}


def other_stages(workspace: Any, fp: dict[str, int] | None = None) -> dict[str, Any]:
    """Estimates and reported figures (None each when their stage has produced none yet), cached with
    the same fingerprint as the aggregates: a stage's listing may scan the register (the news stage
    counts documented persons for its series), which must not happen on every page view."""
    url = workspace.database_url
    entry = _STAGES.get(url)
    if fp is not None and entry and entry[0] == fp and time.monotonic() - entry[1] < CACHE_TTL_S:
        return entry[2]
    with _STAGES_LOCK:
        entry = _STAGES.get(url)
        if fp is not None and entry and entry[0] == fp and time.monotonic() - entry[1] < CACHE_TTL_S:
            return entry[2]
        value = {"estimates": list_estimates(workspace) or None, "figures": reported_figures(workspace)}
        if fp is not None:
            _STAGES[url] = (fp, time.monotonic(), value)
        return value


def reported_figures(workspace: Any) -> list[dict] | None:
    """Figures published by others (not the register's own count, which the dashboard draws itself);
    None when the news stage has stored none."""
    from reckon.news.service import figure_series

    rows = [r for r in figure_series(workspace) if r["kind"] != "documented"]
    return rows or None


def invalidate() -> None:
    """Forget cached aggregates and stage listings (a job finished: its results must show at once)."""
    CACHE.clear()
    _STAGES.clear()


def persons_on(url: str, as_of: date | None = None, *, k: int | None = None, lang: str = "en") -> dict[str, Any]:
    """Persons (not records) in each state on ``as_of`` (default today) and those held per region, from
    their histories (reckon.histories); regions are those reckon.places reads from each person's records.

    With ``k`` (public), every count below k is hidden (None): the states overlap (a political prisoner is
    also held), so they are suppressed one by one; the regions add up to the persons held, so they are
    suppressed as one table with that total, and no hidden cell can be recomputed."""
    from reckon.histories.model import STATES
    from reckon.histories.service import count
    from reckon.places import region_label
    from reckon.report.suppression import suppress

    states = {st: count(url, as_of=as_of, status=st, fresh=i == 0) for i, st in enumerate(STATES)}
    held = count(url, as_of=as_of, status="in_custody", by="region", fresh=False)
    by_status: dict[str, int | None] = {st: r.count for st, r in states.items()}
    undetermined: dict[str, int | None] = {st: r.undetermined for st, r in states.items()}
    # region names in ``lang``: the dashboard passes the page's language; the API keeps English keys
    by_region: dict[str, int | None] = {region_label(key, lang) if key != UNKNOWN else UNKNOWN: n
                                        for key, n in held.by.items()}
    held_total: int | None = held.count
    if k is not None:
        by_status = {st: None if 0 < n < k else n for st, n in by_status.items() if n is not None}
        undetermined = {st: None if 0 < n < k else n for st, n in undetermined.items() if n is not None}
        values: dict[Hashable, int] = {("held",): held.count}
        values.update({("region", r): n for r, n in by_region.items() if n is not None})
        eq = [[*((c, 1) for c in values if c != ("held",)), (("held",), -1)]] if len(values) > 1 else []
        hidden = suppress(values, eq, k=k, totals={("held",)}).hidden
        by_region = {r: None if ("region", r) in hidden else n for r, n in by_region.items()}
        held_total = None if ("held",) in hidden else held.count
    first = next(iter(states.values()))
    return {"as_of": first.as_of, "by_status": by_status, "undetermined": undetermined,
            "held_by_region": by_region, "held": held_total, "unlinked_records": first.unlinked_records}
