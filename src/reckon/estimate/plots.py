"""Plots of estimates as SVG strings (for HTML/PDF reports and the web app): the posterior of N, the
weights of averaged models, and several methods' estimates side by side.

Pure functions of :class:`EstimateResult` objects; matplotlib's object API (no pyplot state), so they are
safe to call from web-server threads. The SVG is deterministic (no date, fixed ids) so reports diff well.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np

from reckon.estimate.result import EstimateResult

__all__ = ["estimates_svg", "model_weights_svg", "posterior_svg"]

INK = "#222222"
ACCENT = "#b2182b"
FILL = "#4393c3"
MUTED = "#999999"


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    return fig


def _to_svg(fig) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "reckon", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "reckon"}, bbox_inches="tight")
    return buf.getvalue()


def _thousands(ax) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))


def _posterior_curve(result: EstimateResult) -> tuple[str, np.ndarray, np.ndarray] | None:
    """(kind, x, y) of the posterior of N kept in ``extra``: a grid ('line') or a histogram ('bars')."""
    extra = result.extra or {}
    post = extra.get("posterior_N")
    if isinstance(post, dict) and post.get("N"):
        return "line", np.asarray(post["N"], dtype=float), np.asarray(post["probability"], dtype=float)
    hist = extra.get("histogram_N")
    if isinstance(hist, dict) and hist.get("counts"):
        return "bars", np.asarray(hist["edges"], dtype=float), np.asarray(hist["counts"], dtype=float)
    return None


def posterior_svg(result: EstimateResult, *, title: str | None = None, truth: float | None = None,
                  width: float = 6.4, height: float = 3.2) -> str:
    """The posterior of the total N (dga: exact on its grid; LCMCR: histogram of the draws), with the
    estimate, the interval, the observed count and, if known, the true total marked."""
    curve = _posterior_curve(result)
    if curve is None:
        raise ValueError(f"the {result.method} result carries no posterior of N (only dga and lcmcr do)")
    kind, x, y = curve
    fig = _figure(width, height)
    ax = fig.add_subplot(1, 1, 1)
    if kind == "line":
        ax.fill_between(x, y, color=FILL, alpha=0.35, linewidth=0)
        ax.plot(x, y, color=FILL, linewidth=1.5)
        ax.set_ylabel("posterior probability")
    else:
        widths = np.diff(x)
        density = y / max(y.sum(), 1.0) / np.where(widths > 0, widths, 1.0)
        ax.bar(x[:-1], density, width=widths, align="edge", color=FILL, alpha=0.6, edgecolor="white",
               linewidth=0.3)
        ax.set_ylabel("posterior density")
    if result.lower is not None and result.upper is not None:
        ax.axvspan(result.lower, result.upper, color=MUTED, alpha=0.15, linewidth=0,
                   label=f"{result.level:.0%} interval [{result.lower:,.0f}, {result.upper:,.0f}]")
    ax.axvline(result.estimate, color=ACCENT, linewidth=1.5, label=f"estimate {result.estimate:,.0f}")
    ax.axvline(result.observed, color=INK, linewidth=1, linestyle=":",
               label=f"documented {result.observed:,}")
    if truth is not None:
        ax.axvline(truth, color=INK, linewidth=1.2, linestyle="--", label=f"true total {truth:,.0f}")
    ax.set_xlabel("total N (documented + undocumented)")
    ax.set_ylim(bottom=0)
    _thousands(ax)
    ax.legend(fontsize=8, frameon=False, loc="upper right")
    ax.set_title(title or f"Posterior of the total ({result.method})", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _to_svg(fig)


def model_weights_svg(result: EstimateResult, *, top: int = 10, title: str | None = None,
                      width: float = 6.4, height: float | None = None) -> str:
    """Horizontal bars of the ``top`` models in ``result.models`` (posterior probabilities for dga;
    whatever score another method stored, labelled as such)."""
    models = list(result.models)[:top]
    if not models:
        raise ValueError(f"the {result.method} result lists no models")
    names = [m for m, _w in models][::-1]
    weights = np.array([w for _m, w in models][::-1], dtype=float)
    probabilities = bool(np.all((weights >= 0) & (weights <= 1)))
    fig = _figure(width, height or 0.9 + 0.28 * len(models))
    ax = fig.add_subplot(1, 1, 1)
    ax.barh(range(len(names)), weights, color=FILL, alpha=0.8)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=8)
    for i, w in enumerate(weights):
        ax.text(w, i, f" {w:.3f}" if probabilities else f" {w:,.2f}", va="center", fontsize=7, color=INK)
    ax.set_xlabel("posterior probability" if probabilities else "score")
    if probabilities:
        ax.set_xlim(0, min(1.0, max(weights.max() * 1.2, 0.05)))
    ax.set_title(title or f"Models ({result.method}), best {len(models)}", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _to_svg(fig)


def estimates_svg(results: Sequence[EstimateResult], *, truth: float | None = None, title: str | None = None,
                  labels: Sequence[str] | None = None, width: float = 6.4, height: float | None = None) -> str:
    """Each result's estimate and interval on one axis (a forest plot), the documented count and, if
    known, the true total marked: how the methods agree."""
    if not results:
        raise ValueError("no results to plot")
    labels = list(labels) if labels is not None else [r.method for r in results]
    fig = _figure(width, height or 1.0 + 0.4 * len(results))
    ax = fig.add_subplot(1, 1, 1)
    ys = np.arange(len(results))[::-1]
    for y, r in zip(ys, results, strict=True):
        if r.lower is not None and r.upper is not None and np.isfinite([r.lower, r.upper]).all():
            ax.plot([r.lower, r.upper], [y, y], color=FILL, linewidth=3, alpha=0.7, solid_capstyle="butt")
        ax.plot([r.estimate], [y], "o", color=ACCENT, markersize=5)
        ax.text(r.estimate, y + 0.18, f"{r.estimate:,.0f}", ha="center", fontsize=7, color=INK)
    observed = results[0].observed
    ax.axvline(observed, color=INK, linewidth=1, linestyle=":", label=f"documented {observed:,}")
    if truth is not None:
        ax.axvline(truth, color=INK, linewidth=1.2, linestyle="--", label=f"true total {truth:,.0f}")
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(-0.7, len(results) - 0.3)
    ax.set_xlabel("estimated total N")
    _thousands(ax)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "Estimates and intervals", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _to_svg(fig)
