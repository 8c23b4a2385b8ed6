"""The dashboard's content, shared by the web page and the report file: numbers, tables and SVG charts.

Every number comes from the stored summary of the data's generation (:mod:`reckon.services.summary`,
computed at write time), so a view queries a few index lookups and one row, never the register. The page
is built once per data fingerprint, audience (full or public), day and language and cached, because
drawing the charts costs more than serving the page.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from reckon import i18n
from reckon.i18n import gettext as _
from reckon.report import charts, dre
from reckon.report.data import Summary, other_stages, persons_on, public_view
from reckon.report.suppression import K_DEFAULT
from reckon.services import summary as summaries

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
        persons = persons_on(url, when, k=k if public else None, lang=lang, summary=summ)
        view["persons"] = persons
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
    """The documented/reported/estimated chart, each series placed as reckon.report.dre explains."""
    return charts.documented_reported_estimated(
        name, dre.documented(url, k=k, summary=summ), dre.reported(figs),
        dre.estimated(url, est, summary=summ), category=dre.DEFAULT_CATEGORY)


def _full(summ: Summary, est: list | None, figs: list | None, url: str) -> dict:
    agg = summ.aggregates
    series = {_("records"): agg.by_month}
    if agg.persons_by_month:
        series[_("persons (first detention)")] = agg.persons_by_month
    statuses = list(agg.by_status)
    return {
        "public": False,
        "snapshot": agg.snapshot.to_dict(),
        "records_total": agg.records_total,
        "persons_total": agg.persons_total,
        "by_status": agg.by_status,
        "by_region": agg.by_region,
        "by_year": agg.by_year,
        "region_status": {"rows": list(agg.by_region), "cols": statuses,
                          "cells": [[agg.region_status.get((r, c), 0) for c in statuses] for r in agg.by_region]},
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
    by_region = dict(zip(view["by_region"]["labels"], view["by_region"]["counts"], strict=True))
    by_status = dict(zip(view["by_status"]["labels"], view["by_status"]["counts"], strict=True))
    by_year = dict(zip(view["by_year"]["labels"], view["by_year"]["counts"], strict=True))
    return {
        "public": True,
        "k": k,
        "snapshot": view["snapshot"],
        "records_total": view["by_status"]["total"],
        "persons_total": None,
        "by_status": by_status,
        "by_region": by_region,
        "by_year": by_year,
        "region_status": view["region_status"],
        "sources": [],
        "estimates": est,
        "figures": figs,
        "charts": {
            "by_year": charts.bars("p_by_year", {i18n.label(y): n for y, n in by_year.items()},
                                  _("Records by year of detention (cells < %(k)s hidden)") % {"k": k}),
            "dre": _dre("p_dre", url, figs, est, summ, k=k),
        },
    }
