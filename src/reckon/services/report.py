"""What the published report holds, for ``reckon report`` and the web app's report download alike (each
renders it with the template report.html): the dashboard's content; the register's documented persons on a
date beside the figures others reported for the same category on that date; a methods paragraph for each
estimator used; and the paragraphs on how the numbers were made.

A reported figure is only compared with a count of the same thing: "1,405 political prisoners" with the
persons the histories hold as political prisoners on the figure's as-of date, never with the officials
counted by a sanctions statement. Figures with no counterpart in the register (convicted, sanctioned
officials, ...) are listed apart, each under its own category, and sanctioned officials apart again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import reckon
from reckon.i18n import N_, gettext, label
from reckon.services import dashboard
from reckon.services.dre import CATEGORY_STATUS, figure_day
from reckon.store.db import session_scope
from reckon.suppression import K_DEFAULT

# The order categories appear in; those not named here follow in the order met.
ORDER = ("political_prisoners", "detained", "persecuted", "released")


def side_by_side(url: str, figures: list[dict] | None, *, k: int | None = None,
                 today: date | None = None) -> dict[str, Any]:
    """Reported figures grouped by category, each beside the register's documented count on its date.

    Returns ``{"compared": [...], "other": [...], "sanctioned": [...]}``: ``compared`` holds one block per
    category the register counts (``category``, ``documented_today``, ``figures``); each figure carries
    ``documented`` (persons on its as-of date, None when the figure gives no date, or hidden below k).
    """
    from reckon.histories.service import count

    when_today = today or date.today()
    counts: dict[tuple[str, str], int | None] = {}

    def documented(status: str, on: str) -> int | None:
        key = (status, on)
        if key not in counts:
            n = count(url, as_of=date.fromisoformat(on), status=status, fresh=not counts).count
            counts[key] = None if (k is not None and 0 < n < k) else n
        return counts[key]

    by_cat: dict[str, list[dict]] = {}
    for f in figures or []:
        if not isinstance(f, dict) or f.get("value") is None or f.get("kind") == "documented":
            continue
        by_cat.setdefault(str(f.get("category") or "other"), []).append(f)
    compared: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    sanctioned: list[dict[str, Any]] = []
    for cat in sorted(by_cat, key=lambda c: (ORDER.index(c) if c in ORDER else len(ORDER), c)):
        rows = []
        status = CATEGORY_STATUS.get(cat)
        for f in by_cat[cat]:
            on = figure_day(f.get("as_of") or f.get("date") or f.get("published"))
            rows.append({"value": f["value"], "qualifier": f.get("qualifier"),
                         "reporter": f.get("reporter") or f.get("outlet"), "as_of": on,
                         "estimated": f.get("kind") == "estimated", "article_id": f.get("article_id"),
                         "url": f.get("url"),
                         "documented": documented(status, on) if status and on else None})
        rows.sort(key=lambda r: (r["as_of"] or "", r["reporter"] or ""), reverse=True)
        if status:
            compared.append({"category": cat, "status": status, "figures": rows,
                             "today": when_today.isoformat(),
                             "documented_today": documented(status, when_today.isoformat())})
        elif cat == "sanctioned":
            sanctioned.extend(rows)
        else:
            other.extend({**r, "category": cat} for r in rows)
    return {"compared": compared, "other": other, "sanctioned": sanctioned}


# One paragraph per estimator, in plain words: what it assumes and what its interval means.
METHODS: dict[str, str] = {
    "loglinear": N_(
        "Log-linear models: the counts of persons seen by each combination of lists are described by a "
        "Poisson model with main effects for each list and, where the data support them, interactions "
        "between pairs of lists (lists that tend to record the same people). The model fitted to the "
        "combinations seen gives the count of the combination never seen: persons on no list. The interval "
        "comes from the profile likelihood of the total. It assumes that within the population counted "
        "every person could have been recorded by every list."),
    "stepwise": N_(
        "Stepwise log-linear models (as in SparseMSE): starting from main effects, the pair of lists whose "
        "overlap the current model explains worst is added as an interaction, one at a time, while its "
        "p-value stays below a threshold. The interval is a bias-corrected bootstrap that repeats the whole "
        "selection on each resample of the persons observed; its random seed is stated."),
    "dga": N_(
        "Bayesian model averaging over decomposable graphical models (dga): every model of dependence "
        "between the lists is weighed by how well it explains the overlaps, and the estimate is the "
        "weighted mix. The interval is a credible interval of that mix; it widens when the data cannot "
        "tell the models apart."),
    "lcmcr": N_(
        "Bayesian latent-class model (LCMCR): persons fall into hidden groups that lists see with different "
        "probabilities, so that unequal chances of being recorded are allowed for. The interval is a "
        "credible interval from the posterior; it depends on the random seed, which is stated."),
}
GENERIC = N_("Multiple-systems estimation on the overlaps of the lists (method %(method)s).")


def methods_used(estimates: list[dict] | None) -> list[dict[str, str]]:
    """A methods paragraph for each estimator the shown estimates used, in the current language."""
    out, seen = [], set()
    for e in estimates or []:
        m = str(e.get("method") or "")
        if not m or m in seen:
            continue
        seen.add(m)
        text = gettext(METHODS[m]) if m in METHODS else gettext(GENERIC) % {"method": m}
        out.append({"method": m, "text": text})
    return out


def category(cat: str) -> str:
    return label(cat)


# How the report's numbers were made, one paragraph per section.
SECTIONS = {
    "register": N_("Counts are of current record versions in the register (every list row kept with its file, row "
                "and source); a record changed by a later import is counted once, in its latest version."),
    "persons": N_("Persons are clusters of records that linkage (Splink, with human review decisions overriding "
               "the model) found to describe the same individual. Without a linkage run, counts are of records."),
    "estimates": N_("Estimates of the total, documented or not, come from multiple-systems estimation "
                 "(capture–recapture) on the overlaps of the lists. Before estimating, reckon checks that the "
                 "lists can serve for it: they overlap enough, describe one population (the same kind of case, "
                 "period and place), none is drawn from another, and each group has enough persons. Each "
                 "estimate states its interval, the period its lists describe, its warnings, its method, "
                 "settings and seed; one made although a check failed is marked not for publication and never "
                 "appears in the public report."),
    "figures": N_("Reported figures are the counts others published (e.g. 'at least 1,405 political prisoners as "
               "of 4 March, according to Viasna'), extracted from news with the article they come from."),
    "suppression": N_("Public figures hide every count of 1 to {k_minus} people and, by secondary suppression, "
                   "enough other cells that no hidden count can be recomputed from rows, columns and totals."),
}


def report_data(workspace: Any, *, public: bool = False, k: int = K_DEFAULT) -> dict[str, Any]:
    """Everything report.html shows, in the current language (call it inside ``i18n.use``): the entry
    points only add the stylesheet and render. One function, so the file ``reckon report`` writes and the
    one the web app serves cannot drift apart."""
    with session_scope(workspace.database_url) as s:
        view = dashboard.build(workspace, s, public=public, k=k)
    return {
        "view": view, "public": public, "k": k, "version": reckon.__version__,
        "reported": side_by_side(workspace.database_url, view.get("figures"), k=k if public else None),
        "methods": {key: gettext(text).replace("{k_minus}", str(k - 1)) for key, text in SECTIONS.items()},
        "estimators": methods_used(view.get("estimates")),
    }
