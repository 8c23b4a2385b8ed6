"""The dashboard's content, shared by the web page, ``/api/stats`` and the report file: aggregates of the
register, the snapshot they come from, the other stages' estimates and reported figures, the public
(suppressed) view, and the SVG charts.

Every number comes from the stored summary of the data's generation (:mod:`reckon.services.summary`,
computed at write time: one grouped scan of the current records from which every breakdown is derived, so
the numbers on one page always add up, and the histories' interval ends, from which a count on any day is
summed), so a view queries a few index lookups and one row, never the register. The page is built once per
data fingerprint, audience (full or public), day and language and cached, because drawing the charts
costs more than serving the page. It is a service (not part of an entry point) because the web app and
``reckon report`` both show it.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from reckon import charts, i18n
from reckon.histories.model import STATES
from reckon.i18n import gettext as _
from reckon.services import dre
from reckon.services import summary as summaries
from reckon.services.estimate import list_estimates
from reckon.services.summary import Aggregates, Summary
from reckon.suppression import K_DEFAULT, suppress_breakdown, suppress_published

UNKNOWN = "unknown"
CACHE_TTL_S = 300.0
__all__ = ["Aggregates", "Summary", "build", "public_view", "other_stages", "reported_figures", "invalidate",
           "persons_on"]


def public_view(agg: Aggregates, k: int = K_DEFAULT) -> dict[str, Any]:
    """Only what may be published of the **records** (the lists' rows, for ``/api/stats``'s
    ``records_*`` and the chart of records by year): suppressed breakdowns, no names, no ids, no per-source
    detail. The persons' region table is :func:`persons_on`'s.

    The records' region × status table and the breakdown by year are suppressed as one system (they share the
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


FIGURES_SHOWN = 30


def recent_figures(figs: list[dict] | None, n: int = FIGURES_SHOWN) -> list[dict]:
    """The ``n`` figures of the latest dates (as-of, else publication; undated ones last), kept in
    ``figure_series``' order (category, then date) for the dashboard's table.

    Why: the rows come sorted by category, so the first ``n`` were those of the alphabetically first
    categories (charged, convicted, detained ...) and the table never reached the latest count of political
    prisoners, nor any release, once the news held more than ``n`` figures."""
    rows = list(figs or [])
    if len(rows) <= n:
        return rows
    newest = sorted(range(len(rows)), key=lambda i: str(rows[i].get("date") or ""), reverse=True)[:n]
    return [rows[i] for i in sorted(newest)]


def invalidate() -> None:
    """Forget summaries and stage listings held in memory (a job finished: its results must show at once)."""
    summaries.forget()
    _STAGES.clear()


def persons_on(url: str, as_of: date | None = None, *, k: int | None = None, lang: str = "en",
               summary: Summary | None = None) -> dict[str, Any]:
    """Persons (not records) in each state on ``as_of`` (default today), and the same per region, from
    their histories (reckon.histories, as summed by the stored summary: no query of the register); regions
    are those reckon.places reads from each person's records, as ``reckon count --by region`` counts them.

    ``region_state`` is the region × state table of persons surely in each state on the day (the
    dashboard's and the report's region table); the persons whose state depends on a partial date are its
    ``undetermined`` figures, per state, apart from every region (as the CLI gives them). ``held_by_region``
    is the table's column of persons held (for the chart).

    With ``k`` (public), each state's count and its regions are suppressed as ``/api/count?by=region``
    suppresses them (reckon.suppression.suppress_breakdown, on the same keys in the same order, so the two
    hide the same cells): every count below k is hidden (None), and when the regions add up to the count
    enough others that none can be recomputed. The cards, the table and the chart show those same
    entries. The states overlap (a political prisoner is also held), so no equation ties one state to
    another, and the table has no row totals. The undetermined figures are hidden one by one below k."""
    from reckon.histories.intervals import day
    from reckon.places import region_label

    summ = summary or summaries.current(url)
    when = as_of or date.today()
    d = day(when)
    counted = {st: summ.count(st, d) for st in STATES}
    by_status: dict[str, int | None] = {st: c[0] for st, c in counted.items()}
    undetermined: dict[str, int | None] = {st: c[1] for st, c in counted.items()}
    counts = {st: summ.region_counts(st, d) for st in STATES}   # keys and order of `reckon count --by region`
    per_state: dict[str, dict[str, int | None]] = {st: dict(by) for st, by in counts.items()}
    if k is not None:
        for st, by in counts.items():
            by_status[st], per_state[st] = suppress_breakdown(
                counted[st][0], by, additive=sum(by.values()) == counted[st][0], k=k)
    if k is not None:
        undetermined = {st: None if n is not None and 0 < n < k else n for st, n in undetermined.items()}

    def name(key: str) -> str:   # in ``lang``: the dashboard passes the page's language; the API keeps English
        return region_label(key, lang) if key != UNKNOWN else UNKNOWN

    size: dict[str, int] = {}
    for by in counts.values():
        for key, n in by.items():
            size[key] = size.get(key, 0) + n
    keys = sorted(size, key=lambda key: (key == UNKNOWN, -size[key], key))
    table = {"rows": [name(key) for key in keys], "cols": list(STATES), "k": k,
             "cells": [[per_state[st].get(key, 0) for st in STATES] for key in keys],
             "col_totals": [by_status[st] for st in STATES],
             "undetermined": [undetermined[st] for st in STATES]}
    return {"as_of": when.isoformat(), "by_status": by_status, "undetermined": undetermined,
            "held_by_region": {name(key): n for key, n in per_state["in_custody"].items()},
            "held": by_status["in_custody"], "region_state": table, "unlinked_records": summ.subjects[1]}

_LOCK = threading.Lock()
_BUILT: dict[str, tuple[str, dict]] = {}


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def _by_language(figs: Any) -> list[dict]:
    """The articles' figures with Belarusian, Russian and English side by side by category and date."""
    try:
        from reckon.news.service import side_by_side

        return side_by_side(f for f in (figs or []) if isinstance(f, dict) and "category" in f and "value" in f)
    except Exception:  # the news stage is optional for the dashboard
        return []


def build(workspace: Any, session: Session, *, public: bool = False, k: int = K_DEFAULT,
          as_of: date | None = None) -> dict:
    """The dashboard: its headline counts persons on ``as_of`` (default today); records only where labelled."""
    url = workspace.database_url
    fp = summaries.fingerprint(session)
    summ = summaries.current(url, session, fp)   # histories are fresh for its generation (checked at write time)
    other = other_stages(workspace, fp)
    est, figs = other["estimates"], other["figures"]
    when = as_of or date.today()
    lang = i18n.current()  # titles and labels of the charts are in the context's language
    key = _digest([fp, summ.generation, public, k, est, figs, when.isoformat(), lang])
    cache_key = f"{workspace.database_url}|{public}|{when.isoformat()}|{lang}"
    hit = _BUILT.get(cache_key)
    if hit and hit[0] == key:
        return hit[1]
    with _LOCK:
        hit = _BUILT.get(cache_key)
        if hit and hit[0] == key:
            return hit[1]
        view = _public(summ, est, figs, k, url) if public else _full(summ, est, figs, url)
        view["figures_by_language"] = _by_language(figs)
        view["figures_shown"] = recent_figures(figs)
        persons = persons_on(url, when, k=k if public else None, lang=lang, summary=summ)
        view["persons"] = persons
        view["region_status"] = persons["region_state"]   # persons by region and state, not records
        on = persons["as_of"]
        day = i18n.day(on)
        view["charts"]["by_status"] = charts.bars(
            f"{'p_' if public else ''}persons_by_status",
            {i18n.label(st): n for st, n in persons["by_status"].items()}, _("Persons by state on %(day)s") % {"day": day})
        view["charts"]["by_region"] = charts.bars(
            f"{'p_' if public else ''}held_by_region", {i18n.label(r): n for r, n in persons["held_by_region"].items()},
            _("Persons held on %(day)s, by region") % {"day": day})
        _BUILT[cache_key] = (key, view)
        return view


def _dre(name: str, url: str, figs: list | None, est: list | None, summ: Summary, *, k: int | None = None) -> str:
    """The documented/reported/estimated chart, each series placed as reckon.services.dre explains."""
    return charts.documented_reported_estimated(
        name, dre.documented(url, k=k, summary=summ), dre.reported(figs),
        dre.estimated(url, est, summary=summ), category=dre.DEFAULT_CATEGORY)


def _full(summ: Summary, est: list | None, figs: list | None, url: str) -> dict:
    agg = summ.aggregates
    series = {_("records"): agg.by_month}
    if agg.persons_by_month:
        series[_("persons (first detention)")] = agg.persons_by_month
    return {
        "public": False,
        "snapshot": agg.snapshot.to_dict(),
        "records_total": agg.records_total,
        "persons_total": agg.persons_total,
        "by_status": agg.by_status,
        "by_year": agg.by_year,
        "sources": agg.sources,
        "estimates": est,
        "figures": figs,
        "charts": {
            "over_time": charts.over_time("over_time", series, _("Documented by month of detention")),
            "dre": _dre("dre", url, figs, est, summ),
        },
    }


def _public(summ: Summary, est: list | None, figs: list | None, k: int, url: str) -> dict:
    agg = summ.aggregates
    view = public_view(agg, k)
    # Only estimates that passed the checks are published, and never who ran them.
    est = [{key: v for key, v in e.items() if key not in ("actor", "origin")}
           for e in est or [] if e.get("publishable", True)] or None
    by_status = dict(zip(view["by_status"]["labels"], view["by_status"]["counts"], strict=True))
    by_year = dict(zip(view["by_year"]["labels"], view["by_year"]["counts"], strict=True))
    return {
        "public": True,
        "k": k,
        "snapshot": view["snapshot"],
        "records_total": view["by_status"]["total"],
        "persons_total": None,
        "by_status": by_status,
        "by_year": by_year,
        "sources": [],
        "estimates": est,
        "figures": figs,
        "charts": {
            "by_year": charts.bars("p_by_year", {i18n.label(y): n for y, n in by_year.items()},
                                  _("Records by year of detention (cells < %(k)s hidden)") % {"k": k}),
            "dre": _dre("p_dre", url, figs, est, summ, k=k),
        },
    }
