"""The one result type every estimator returns: immutable, traceable, printable, JSON-safe."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from reckon.estimate.notes import text
from reckon.jsonable import jsonable


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return "∞" if value > 0 else ("−∞" if value < 0 else "nan")
    return f"{value:,.{digits}f}"


@dataclass(frozen=True)
class EstimateResult:
    """What an estimator found, how, and how sure it is.

    ``estimate`` is the estimated *total* population (observed + unobserved), ``lower``/``upper`` the
    interval at ``level``. ``model`` describes the chosen (or top) model; ``models`` lists compared or
    averaged models as ``(description, weight or criterion)`` pairs, best first. ``diagnostics`` holds
    method-specific numbers (deviance, R-hat, ESS ...), ``warnings`` plain-language cautions, ``extra``
    anything else worth keeping (posterior summaries, bootstrap draws summary). ``publishable`` is False
    when the lists failed reckon's capture–recapture checks (:mod:`reckon.estimate.checks`) and the
    estimate was forced: the number may be printed for analysis, not published.
    """

    method: str
    observed: int
    estimate: float
    lower: float | None = None
    upper: float | None = None
    level: float = 0.95
    model: str = ""
    models: tuple[tuple[str, float], ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    lists: tuple[str, ...] = ()
    interval_method: str = ""
    publishable: bool = True  # False when reckon's checks of the lists failed and the estimate was forced

    def __post_init__(self) -> None:
        object.__setattr__(self, "observed", int(self.observed))
        object.__setattr__(self, "estimate", float(self.estimate))
        for name in ("lower", "upper"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, float(value))
        object.__setattr__(self, "level", float(self.level))
        object.__setattr__(self, "models", tuple((str(m), float(w)) for m, w in self.models))
        object.__setattr__(self, "warnings", tuple(w if isinstance(w, str) else str(w) for w in self.warnings))
        object.__setattr__(self, "lists", tuple(str(x) for x in self.lists))

    @property
    def interval(self) -> tuple[float | None, float | None]:
        return (self.lower, self.upper)

    @property
    def unobserved(self) -> float:
        """The estimated dark figure: people no list saw."""
        return self.estimate - self.observed

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (numpy types converted; infinite or NaN bounds become None)."""
        out = {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}
        out["models"] = [{"model": m, "weight": jsonable(w)} for m, w in self.models]
        out["unobserved"] = jsonable(self.unobserved)
        return out

    def summary(self) -> str:
        """A few lines a person can read: the estimate, the interval, the model, the cautions."""
        pct = f"{self.level * 100:g} %"
        lines = [f"{self.method} estimate of the total: {_fmt(self.estimate)}"]
        if not self.publishable:
            lines.append("  NOT PUBLISHABLE: the lists failed the checks below; estimated only because forced")
        if self.lists:
            lines.append(f"  lists: {', '.join(self.lists)}")
        lines.append(f"  observed: {self.observed:,}  unobserved (estimated): {_fmt(self.unobserved)}")
        if self.lower is not None or self.upper is not None:
            how = f" ({self.interval_method})" if self.interval_method else ""
            lines.append(f"  {pct} interval{how}: [{_fmt(self.lower)}, {_fmt(self.upper)}]")
        if self.model:
            lines.append(f"  model: {self.model}")
        if self.models:
            lines.append(f"  models compared ({len(self.models)}), best first:")
            for m, w in self.models[:10]:
                lines.append(f"    {w:>14.4f}  {m}")
            if len(self.models) > 10:
                lines.append(f"    ... {len(self.models) - 10} more")
        if self.settings:
            shown = ", ".join(f"{k}={v}" for k, v in self.settings.items())
            lines.append(f"  settings: {shown}")
        if self.seed is not None:
            lines.append(f"  seed: {self.seed}")
        for key, value in self.diagnostics.items():
            if isinstance(value, bool | np.bool_ | str):
                lines.append(f"  {key}: {value}")
            elif isinstance(value, int | np.integer):
                if value:  # counters at zero say nothing
                    lines.append(f"  {key}: {value:,}")
            elif isinstance(value, float | np.floating):
                lines.append(f"  {key}: {float(value):.6g}")
        for warning in self.warnings:
            lines.append(f"  warning: {text(warning)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
