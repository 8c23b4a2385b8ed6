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
from matplotlib.figure import Figure  # noqa: E402

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


def empty(name: str, message: str) -> str:
    fig, ax = _figure(7, 1.2)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#666")
    return _render(fig, name, message)


def over_time(name: str, series: Mapping[str, Mapping[str, int]], title: str) -> str:
    """Lines of counts by month ("YYYY-MM" -> n), one line per named series."""
    series = {k: v for k, v in series.items() if v}
    if not series:
        return empty(name, "no dated records yet")
    fig, ax = _figure()
    for i, (label, points) in enumerate(series.items()):
        months = sorted(points)
        xs = [date(int(m[:4]), int(m[5:7]), 1) for m in months]
        ax.plot(xs, [points[m] for m in months], label=label, color=COLORS[i % len(COLORS)], lw=1.6)
    ax.set_ylabel("per month of detention", fontsize=8)
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(fontsize=8, frameon=False)
    return _render(fig, name, title)


def bars(name: str, counts: Mapping[str, int | None], title: str, *, limit: int = 15) -> str:
    """Horizontal bars; None (suppressed) values are drawn as an empty bar labelled "<5 / hidden"."""
    items = list(counts.items())[:limit]
    if not items:
        return empty(name, "no records yet")
    fig, ax = _figure(7, 0.35 * len(items) + 0.9)
    labels = [str(k) for k, _ in items][::-1]
    values = [v for _, v in items][::-1]
    shown = [v if v is not None else 0 for v in values]
    ax.barh(labels, shown, color=COLORS[0])
    top = max(shown) if shown and max(shown) else 1
    for y, v in enumerate(values):
        ax.text((v or 0) + top * 0.01, y, "hidden" if v is None else f"{v:,}", va="center", fontsize=7)
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_xlim(0, top * 1.15)
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


def documented_reported_estimated(name: str, by_month: Mapping[str, int],
                                  figures: Sequence[Mapping[str, Any]] | None,
                                  estimates: Sequence[Mapping[str, Any]] | None) -> str:
    """The cumulative documented count, figures published by others, and estimates with intervals."""
    fig, ax = _figure(7, 3.2)
    drew = False
    if by_month:
        months = sorted(by_month)
        cum, run = [], 0
        for m in months:
            run += by_month[m]
            cum.append(run)
        ax.step([date(int(m[:4]), int(m[5:7]), 1) for m in months], cum, where="post",
                label="documented (cumulative, this register)", color=COLORS[0], lw=1.8)
        drew = True
    reporters: dict[str, list[tuple[date, float]]] = {}
    for f in figures or []:
        d = _as_date(_first(f, "as_of", "date", "published", "published_at"))
        v = _first(f, "value", "count", "number")
        if d is None or v is None:
            continue
        who = str(_first(f, "reporter", "source", "organisation", "attributed_to") or "reported")
        try:
            reporters.setdefault(who, []).append((d, float(v)))
        except (TypeError, ValueError):
            continue
    for i, (who, pts) in enumerate(sorted(reporters.items())):
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] for p in pts], "o", ms=4, label=f"reported by {who}",
                color=COLORS[(i + 1) % len(COLORS)])
        drew = True
    shown: set[str] = set()
    for est in estimates or []:  # newest first: the latest estimate of each method
        method = str(_first(est, "method", "label") or "MSE")
        if method in shown:
            continue
        shown.add(method)
        n = _first(est, "estimate", "n_hat", "N", "n")
        lo, hi = _first(est, "lower", "lo", "ci_low"), _first(est, "upper", "hi", "ci_high")
        interval = est.get("interval")
        if isinstance(interval, list | tuple) and len(interval) == 2:
            lo, hi = interval
        # placed at the end of the period the lists describe (their data window), not the day it was run
        window = est.get("data_window") if isinstance(est.get("data_window"), Mapping) else {}
        d = _as_date(window.get("last")) or _as_date(_first(est, "as_of", "date", "created_at")) or date.today()
        try:
            n = float(n)
        except (TypeError, ValueError):
            continue
        yerr = None
        if lo is not None and hi is not None:
            yerr = [[max(0.0, n - float(lo))], [max(0.0, float(hi) - n)]]
        ax.errorbar([d], [n], yerr=yerr, fmt="s", color="#6c4f77", capsize=4,
                    label=f"estimated ({method}{', not for publication' if est.get('publishable') is False else ''})")
        drew = True
    if not drew:
        return empty(name, "nothing documented, reported or estimated yet")
    ax.set_title("Documented vs reported vs estimated", fontsize=10, loc="left")
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    return _render(fig, name, "Documented vs reported vs estimated")
