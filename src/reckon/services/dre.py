"""The data of the dashboard's "documented vs reported vs estimated" chart, each series placed honestly.

* **documented**: the register's own count of persons in a status on the first of each month, from the
  histories (:func:`reckon.histories.service.series`), with the persons whose state depends on a partial
  or disputed date apart (``undetermined``). In public mode a month below the small-cell threshold is a
  gap, not a number.
* **reported**: figures published by others (:mod:`reckon.news`), of the same category only (a count of
  "persecuted since 2020" is not a count of political prisoners today), at their as-of date, else the
  article's publication date.
* **estimated**: multiple-systems estimates at the date their data describes -- the latest of the dates of
  the lists they used (a list's declared date, else the newest detention or release it records) -- never
  the day the estimate was run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reckon.histories.intervals import bounds, counts_on, iso
from reckon.services.summary import Summary

# A news figure's category and the status the histories count for it.
CATEGORY_STATUS = {"political_prisoners": "political_prisoner", "detained": "in_custody",
                   "persecuted": "persecuted", "released": "released"}
DEFAULT_CATEGORY = "political_prisoners"


def figure_day(value: Any) -> str | None:
    """The full ISO day a figure is dated by (its first ten characters), or None: a partial or missing
    date does not place a figure on the chart or beside a count."""
    text = str(value or "")[:10]
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def months(first: date, end: date) -> list[date]:
    """The first day of every month from ``first``'s to ``end``'s."""
    out, y, m = [], first.year, first.month
    while date(y, m, 1) <= end:
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def documented(url: str, *, category: str = DEFAULT_CATEGORY, today: date | None = None,
               k: int | None = None, summary: Summary | None = None) -> list[dict[str, Any]]:
    """Month by month from the first dated event to today; ``k``: counts below it become None (a gap).
    Summed from the stored summary's interval ends (reckon.services.summary), as the histories count."""
    from reckon.services import summary as summaries

    summ = summary or summaries.current(url)
    lo = summ.event_span[0]
    if lo is None:
        return []
    first = date.fromordinal(lo).replace(day=1)
    end = today or date.today()
    if first > end:
        return []
    status = CATEGORY_STATUS[category]
    days = months(first, end)
    if days[-1] != end:  # and today, the count a reader compares
        days.append(end)
    got = counts_on(summ.ends[status], [x.toordinal() for x in days])
    points = [{"date": x.isoformat(), "status": status, "count": got[True][i], "undetermined": got[False][i]}
              for i, x in enumerate(days)]
    if k is not None:
        for p in points:
            if p["count"] < k:
                p["count"] = None
            p["undetermined"] = None  # a band of a few persons would reveal them
    return points


def reported(figures: list[dict] | None, *, category: str = DEFAULT_CATEGORY) -> list[dict[str, Any]]:
    """Figures others published, of ``category`` only, each at its as-of (else publication) date."""
    out = []
    for f in figures or []:
        if not isinstance(f, dict) or f.get("kind") == "documented" or f.get("category") != category:
            continue
        when = figure_day(f.get("as_of") or f.get("date") or f.get("published"))
        if when is None or f.get("value") is None:
            continue
        out.append({"date": when, "value": f["value"], "qualifier": f.get("qualifier"),
                    "reporter": f.get("reporter") or f.get("outlet") or "unattributed"})
    return sorted(out, key=lambda r: (r["reporter"], r["date"]))


def estimated(url: str, estimates: list[dict] | None, *, summary: Summary | None = None) -> list[dict[str, Any]]:
    """Estimates with ``date`` = the date their lists describe (``run_on`` keeps when they were run)."""
    if not estimates:
        return []
    from reckon.services import summary as summaries

    dates = (summary or summaries.current(url)).source_dates
    out = []
    seen: set[str] = set()
    for est in estimates:  # newest first: the latest estimate of each method stands for it
        if not isinstance(est, dict) or est.get("estimate") is None:
            continue
        if (est.get("method") or "MSE") in seen:
            continue
        seen.add(est.get("method") or "MSE")
        used = [n for n in (est.get("lists") or []) if n in dates] or list(dates)
        window = est.get("data_window") if isinstance(est.get("data_window"), dict) else {}
        # a stored estimate names the end of its data window; else the lists' own dates. A partial
        # date ("2024-03") stands for its last day: the data describes up to then
        days = [b[1] for b in (bounds(d) for d in ([window.get("last")] if window.get("last") else
                                                  [dates.get(n) for n in used])) if b]
        if not days:
            continue
        when = iso(max(days))
        out.append({"date": when, "value": float(est["estimate"]), "lower": est.get("lower"),
                    "upper": est.get("upper"), "method": est.get("method") or "MSE", "lists": used,
                    "publishable": est.get("publishable"),
                    "run_on": est.get("as_of")})
    return out
