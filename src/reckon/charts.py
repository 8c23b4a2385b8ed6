"""Charts rendered on the server as inline SVG with matplotlib (no JavaScript, no external assets).

The object-oriented API is used (never pyplot), so charts can be drawn from several request threads; the
SVG keeps text as text (selectable, small) and gets a per-chart id salt, so several charts can be inlined
in one page without their clip-path ids colliding.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.dates import AutoDateLocator, DateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from reckon.i18n import gettext as _  # noqa: E402
from reckon.i18n import label, number  # noqa: E402

_LOCK = threading.Lock()  # rc_context is process-global
COLORS = ["#1f5f8b", "#c8553d", "#588b8b", "#f28f3b", "#6c4f77", "#93a8ac", "#2d3142"]


def _render(fig: Figure, name: str, title: str) -> str:
    buf = io.StringIO()
    with _LOCK, rc_context({"svg.fonttype": "none", "svg.hashsalt": name}):
        FigureCanvasSVG(fig).print_svg(buf)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', 'width="100%"', svg, count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_esc(title)}" class="chart" ', 1)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _figure(width: float = 7.0, height: float = 3.0) -> tuple[Figure, Any]:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


def _counts(axis: Any) -> None:
    """An axis of counts: whole-number ticks only (a chart of one person per region must not read 0.2,
    0.4 ... persons) written as the locale writes numbers (140 000 in be/ru, 140,000 in en), like the
    figures beside the bars."""
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: number(value)))


def empty(name: str, message: str) -> str:
    fig, ax = _figure(7, 1.2)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#666")
    return _render(fig, name, message)


def over_time(name: str, series: Mapping[str, Mapping[str, int]], title: str) -> str:
    """Lines of counts by month ("YYYY-MM" -> n), one line per named series."""
    series = {k: v for k, v in series.items() if v}
    if not series:
        return empty(name, _("no dated records yet"))
    fig, ax = _figure()
    for i, (name_, points) in enumerate(series.items()):
        xs, ys = _months_with_gaps(points)
        # a marker on each month, so that a month standing alone between two gaps still shows
        ax.plot(xs, ys, label=name_, color=COLORS[i % len(COLORS)], lw=1.6, marker=".", ms=2.5)
    _counts(ax.yaxis)
    ax.set_ylabel(_("per month of detention"), fontsize=8)
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(fontsize=8, frameon=False)
    return _render(fig, name, title)


def _months_with_gaps(points: Mapping[str, int]) -> tuple[list[date], list[float]]:
    """Months in order with NaN wherever a month between two dated ones has no count, so that a line
    breaks across an empty stretch instead of joining its two ends (years with no record stay empty)."""
    import math

    months = sorted(m for m in points if len(m) == 7 and m[4] == "-" and m[:4].isdigit() and m[5:7].isdigit())
    xs: list[date] = []
    ys: list[float] = []
    for m in months:
        d = date(int(m[:4]), int(m[5:7]), 1)
        if xs:
            prev = xs[-1]
            nxt = date(prev.year + (prev.month == 12), prev.month % 12 + 1, 1)
            if nxt < d:  # one or more months without a count: a gap, not a line
                xs.append(nxt)
                ys.append(math.nan)
        xs.append(d)
        ys.append(float(points[m]))
    return xs, ys


def bars(name: str, counts: Mapping[str, int | None], title: str, *, limit: int = 15) -> str:
    """Horizontal bars; None (suppressed) values are drawn as an empty bar labelled "<5 / hidden"."""
    items = list(counts.items())[:limit]
    if not items:
        return empty(name, _("no records yet"))
    fig, ax = _figure(7, 0.35 * len(items) + 0.9)
    labels = [str(k) for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    shown = [v if v is not None else 0 for v in values]
    ax.barh(labels, shown, color=COLORS[0])
    top = max(shown) if shown and max(shown) else 1
    for y, v in enumerate(values):
        ax.text((v or 0) + top * 0.01, y, _("hidden") if v is None else number(v), va="center", fontsize=7)
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_xlim(0, top * 1.15)
    _counts(ax.xaxis)
    if all(v is None for v in values):   # every bar hidden (public, small cells): no scale to read
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
    return _render(fig, name, title)


def _as_date(value: Any) -> date | None:
    if not value:
        return None
    text = str(value)[:10]
    try:
        parts = [int(p) for p in text.split("-")]
    except ValueError:
        return None
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(*parts[:3])
    except ValueError:
        return None


def _first(d: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if d.get(key) not in (None, ""):
            return d[key]
    return None


def _documented_heights(pts: Sequence[tuple[date, Mapping[str, Any]]]) -> list[float]:
    """The documented points' heights, the undetermined band's top included."""
    return [float(p["count"] + (p.get("undetermined") or 0)) for _, p in pts if p.get("count") is not None]


def _scale_top(values: Sequence[float], bounds: Sequence[float]) -> float:
    """The top of the y axis: a little above the highest count, reported figure, point estimate, and any
    interval bound within three times those.

    A wider interval does not set the scale: an upper bound a hundred times the documented count (141 741
    against a few hundred persons on the real lists) would flatten every other line to the floor. Such a
    bound is drawn to the edge and its value written there (see documented_reported_estimated).
    """
    highest = max((v for v in values if v == v), default=0.0)
    return max([highest, *(b for b in bounds if b == b and b <= 3 * highest)]) * 1.15 or 1.0


def documented_reported_estimated(name: str, documented: Sequence[Mapping[str, Any]],
                                  reported: Sequence[Mapping[str, Any]], estimated: Sequence[Mapping[str, Any]],
                                  *, category: str = "political_prisoners") -> str:
    """The register's count on each date, figures others published, and estimates (see reckon.services.dre).

    Every series is named in the legend. The documented line breaks wherever a point is missing (a
    suppressed cell): it is never drawn across a gap. Reported figures are points, not lines, since
    nothing is known between two articles. Estimates stand at the date their data describes; an interval
    reaching above the scale is cut at the top and its bound written there (:func:`_scale_top`).
    """
    import math

    what = label(category)
    title = _("Documented, reported and estimated: %(what)s") % {"what": what}
    fig, ax = _figure(7, 3.4)
    drew = False
    pts = [(_as_date(p.get("date")), p) for p in documented]
    pts = [(d, p) for d, p in pts if d is not None]
    if pts:
        xs = [d for d, _ in pts]
        ys = [p["count"] if p.get("count") is not None else math.nan for _, p in pts]
        # a marker on each point, so that a month standing alone between two gaps still shows
        ax.plot(xs, ys, color=COLORS[0], lw=1.8, marker=".", ms=3, gid="documented",
                label=_("documented in this register (persons)"))
        if any(p.get("undetermined") for _, p in pts):
            hi = [(p["count"] + p["undetermined"]) if p.get("count") is not None and p.get("undetermined") is not None
                  else math.nan for _, p in pts]
            ax.fill_between(xs, ys, hi, color=COLORS[0], alpha=0.18, lw=0,
                            label=_("documented, undetermined (partial or disputed dates)"))
        drew = drew or any(not math.isnan(y) for y in ys)
    by_reporter: dict[str, list[tuple[date, float]]] = {}
    for r in reported:
        d = _as_date(r.get("date"))
        if d is not None and r.get("value") is not None:
            who = r.get("reporter")
            who = None if who in (None, "", "unattributed", "reported") else str(who)
            by_reporter.setdefault(who or "", []).append((d, float(r["value"])))
    for i, (who, points) in enumerate(sorted(by_reporter.items())):
        ax.plot([p[0] for p in points], [p[1] for p in points], linestyle="none", marker="o", ms=4.5,
                color=COLORS[(i + 1) % len(COLORS)],
                label=(_("reported by %(who)s, at the date it gives") % {"who": who}) if who
                else _("reported, source not named, at the date it gives"))
        drew = True
    estimates = [(d, est) for est in estimated
                 if (d := _as_date(est.get("date"))) is not None and est.get("value") is not None]
    top = _scale_top(_documented_heights(pts) + [v for points in by_reporter.values() for _, v in points]
                     + [float(est["value"]) for _, est in estimates],
                     [float(est["upper"]) for _, est in estimates if est.get("upper") is not None])
    methods: set[str] = set()
    for d, est in estimates:
        n = float(est["value"])
        lo, hi = est.get("lower"), est.get("upper")
        yerr = None
        if lo is not None and hi is not None:
            shown_hi = min(float(hi), top)
            yerr = [[max(0.0, n - float(lo))], [max(0.0, shown_hi - n)]]
            if float(hi) > top:
                # the interval runs off the scale: a triangle at the top and its real upper bound written
                # beside it, so the bound is still read exactly
                ax.plot([d], [top], marker="^", ms=5, color="#6c4f77", linestyle="none")
                ax.annotate(_("up to %(n)s") % {"n": number(hi)}, xy=(d, top), xytext=(6, -3),
                            textcoords="offset points", fontsize=7, color="#6c4f77", va="top")
        method = str(est.get("method") or "MSE")
        ax.errorbar([d], [n], yerr=yerr, fmt="s", color="#6c4f77", capsize=4,
                    label=None if method in methods else
                    (_("estimated total (%(method)s), at its data's date") % {"method": label(method)})
                    + ("" if est.get("publishable") is not False else ", " + _("not for publication")))
        methods.add(method)
        drew = True
    if not drew:
        return empty(name, _("nothing documented, reported or estimated yet"))
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_ylim(bottom=0, top=top)
    _counts(ax.yaxis)
    # at most six ISO dates along the bottom: matplotlib's default packs ten on a few months' span, and
    # their labels run into each other
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
    ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(0.0, -0.1), ncol=1)
    return _render(fig, name, title)
