"""The chart a journalist needs: documented vs reported vs estimated, over time, by reporter (SVG or PNG).

Its words (title, axis, each series' kind, a figure with no reporter) are said in the language in force
(``reckon.i18n``: ``RECKON_LANG`` on the command line), through the messages the dashboard's chart of the
same data already uses, so a Belarusian or Russian reader never gets an English chart from ``reckon
figures --plot``.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from typing import Any

_MARKERS = {"reported": "o", "estimated": "^", "documented": "s"}


def plot_figures(rows: list[dict[str, Any]], *, category: str | None = None, title: str | None = None,
                 fmt: str = "svg") -> str | bytes:
    """Plot ``rows`` of :func:`reckon.news.service.figure_series`, one line per reporter and kind.

    Returns an SVG document (str) by default, PNG bytes with ``fmt="png"``.
    """
    import matplotlib

    from reckon.i18n import gettext as _
    from reckon.i18n import label

    matplotlib.use("Agg")
    # one quantity per chart: without a category, the headline one (people held as political prisoners)
    category = category or "political_prisoners"
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.2), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    series: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for row in rows:
        if category and row.get("category") != category:
            continue
        when = _day(row.get("date"))
        if when is None:
            continue
        reporter = (row.get("reporter") or row.get("outlet") or _("not stated")).strip()
        reporter = reporter[:1].upper() + reporter[1:]
        series[(row.get("kind") or "reported", reporter)].append((when, int(row["value"])))
    intervals = [(_day(r.get("date")), r["lower"], r["upper"]) for r in rows
                 if r.get("lower") is not None and r.get("upper") is not None and r.get("category") == category]
    for (kind, reporter), points in sorted(series.items()):
        points.sort()
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        ax.plot(xs, ys, marker=_MARKERS.get(kind, "o"), linestyle="-" if len(xs) > 1 else "none",
                label=label(kind) if kind == "documented" else f"{reporter} ({label(kind)})")
    for when, lower, upper in intervals:
        if when is not None:
            ax.vlines(when, lower, upper, colors="grey", linewidth=2, alpha=0.6)
    ax.set_ylabel(_("persons"))
    ax.set_title(title or _("Documented, reported and estimated: %(what)s") % {"what": label(category)})
    if series:
        ax.legend(fontsize="small", loc="best")
    else:
        ax.text(0.5, 0.5, _("nothing documented, reported or estimated yet"), ha="center", va="center",
                transform=ax.transAxes)
    ax.grid(True, alpha=0.3)
    fig.autofmt_xdate()
    if fmt == "png":
        raw = io.BytesIO()
        fig.savefig(raw, format="png", bbox_inches="tight")
        return raw.getvalue()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buf.getvalue()


def _day(value: Any) -> date | None:
    from reckon.dates.text import parse_iso

    if isinstance(value, date):
        return value
    return parse_iso(value) if value else None
