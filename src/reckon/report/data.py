"""What the dashboard and the report show: aggregates of the register, the snapshot they come from, and
the other stages' estimates and reported figures.

The numbers come from the stored summary of the data's generation (:mod:`reckon.services.summary`: computed
at write time, one grouped scan of the current records from which every breakdown is derived, so the
numbers on one page always add up, and the histories' interval ends, from which a count on any day is
summed). A page view reads one row, never the register.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from datetime import date
from typing import Any

from reckon.histories.model import STATES
from reckon.report.suppression import K_DEFAULT, suppress_published
from reckon.services import summary as summaries
from reckon.services.estimate import list_estimates
from reckon.services.summary import Aggregates, Summary

UNKNOWN = "unknown"
CACHE_TTL_S = 300.0
__all__ = ["Aggregates", "Summary", "public_view", "other_stages", "reported_figures", "invalidate", "persons_on"]


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

    rows = [r for r in figure_series(workspace, documented=False) if r["kind"] != "documented"]
    return rows or None


def invalidate() -> None:
    """Forget summaries and stage listings held in memory (a job finished: its results must show at once)."""
    summaries.forget()
    _STAGES.clear()


def persons_on(url: str, as_of: date | None = None, *, k: int | None = None, lang: str = "en",
               summary: Summary | None = None) -> dict[str, Any]:
    """Persons (not records) in each state on ``as_of`` (default today) and those held per region, from
    their histories (reckon.histories, as summed by the stored summary: no query of the register); regions
    are those reckon.places reads from each person's records.

    With ``k`` (public), every count below k is hidden (None): the states overlap (a political prisoner is
    also held), so they are suppressed one by one; the regions add up to the persons held, so they are
    suppressed as one table with that total, and no hidden cell can be recomputed."""
    from reckon.histories.intervals import day
    from reckon.places import region_label
    from reckon.report.suppression import suppress

    summ = summary or summaries.current(url)
    when = as_of or date.today()
    d = day(when)
    counted = {st: summ.count(st, d) for st in STATES}
    held_sure = counted["in_custody"][0]
    by_status: dict[str, int | None] = {st: c[0] for st, c in counted.items()}
    undetermined: dict[str, int | None] = {st: c[1] for st, c in counted.items()}
    # region names in ``lang``: the dashboard passes the page's language; the API keeps English keys
    by_region: dict[str, int | None] = {region_label(key, lang) if key != UNKNOWN else UNKNOWN: n
                                        for key, n in summ.held_on(d).items()}
    held_total: int | None = held_sure
    if k is not None:
        by_status = {st: None if 0 < n < k else n for st, n in by_status.items() if n is not None}
        undetermined = {st: None if 0 < n < k else n for st, n in undetermined.items() if n is not None}
        values: dict[Hashable, int] = {("held",): held_sure}
        values.update({("region", r): n for r, n in by_region.items() if n is not None})
        eq = [[*((c, 1) for c in values if c != ("held",)), (("held",), -1)]] if len(values) > 1 else []
        hidden = suppress(values, eq, k=k, totals={("held",)}).hidden
        by_region = {r: None if ("region", r) in hidden else n for r, n in by_region.items()}
        held_total = None if ("held",) in hidden else held_sure
    return {"as_of": when.isoformat(), "by_status": by_status, "undetermined": undetermined,
            "held_by_region": by_region, "held": held_total, "unlinked_records": summ.subjects[1]}
