"""The one result type every estimator returns: immutable, traceable, printable, JSON-safe."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from reckon.errors import ConfigError
from reckon.estimate.notes import text
from reckon.i18n import N_, coded
from reckon.jsonable import jsonable


def check_level(level: float) -> float:
    """The level of an interval, refused unless strictly between 0 and 1.

    Why one function: every estimator takes ``--level`` and each used to word its own refusal."""
    if not 0.0 < level < 1.0:
        raise ConfigError.of(N_("--level must lie strictly between 0 and 1, got %(level)s"), level=str(level))
    return level


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return "∞" if value > 0 else ("−∞" if value < 0 else "nan")
    return f"{value:,.{digits}f}"


# How an interval was made, as the estimators write it into ``interval_method`` (English text, kept so in
# results and JSON): the forms, so that a person reads it in their language (:func:`interval_words`).
INTERVAL_METHODS: tuple[str, ...] = (
    N_("multinomial profile likelihood"),
    N_("Poisson profile likelihood of the intercept"),
    N_("log-normal Wald"),
    N_("equal-tailed posterior (grid)"),
    N_("equal-tailed posterior quantiles (MCMC)"),
    N_("mixture over linkage draws (log-normal per draw)"),
    N_("BCa bootstrap (%(n)s resamples, selection among the %(k)s best models repeated on each)"),
    N_("BCa bootstrap (%(n)s resamples, stepwise selection repeated on each)"),
    N_("BCa bootstrap (%(n)s resamples)"),
)


def interval_words(text: str) -> str:
    """An interval's method (``interval_method``) in the language in force; a form not listed stays."""
    from reckon.i18n import said_from

    return said_from(text, INTERVAL_METHODS)


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
    # what the numbers of ``models`` are: "bic" or "aic" (lower is better), "probability" (posterior)
    models_measure: str = ""
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
        # "weight" kept for programs that read it; the measure's own name beside it says what it is
        out["models"] = [{"model": m, "weight": jsonable(w),
                          **({self.models_measure: jsonable(w)} if self.models_measure else {})}
                         for m, w in self.models]
        out["unobserved"] = jsonable(self.unobserved)
        return out

    def summary(self, words: Callable[[str], str] | None = None) -> str:
        """A few lines a person can read: the estimate, the interval, the model, the cautions.

        Without ``words``, English with the estimator's code (``lcmcr``), for logs and ``str()``. With
        ``words`` (the CLI passes :func:`reckon.i18n.gettext`), the lines are said through it and the
        estimator by its name in the language in force ("байесаўскія латэнтныя класы (LCMCR)"); settings
        and diagnostics keep their technical keys (``rhat``, ``K``), as the methods' papers write them."""
        from reckon.i18n import decimal, label, number

        say = words or (lambda message: message)
        method = label(self.method) if words else self.method

        def fmt(value: float | None) -> str:   # 8 784,00 in be and ru once said in a language
            finite = value is not None and math.isfinite(value)
            return number(value, 2) if words and finite else _fmt(value)

        pct = f"{self.level * 100:g} %"
        lines = [say(N_("%(method)s estimate of the total: %(estimate)s"))
                 % {"method": method, "estimate": fmt(self.estimate)}]
        if not self.publishable:
            lines.append("  " + say(N_("NOT PUBLISHABLE: the lists failed the checks below; estimated only because "
                                       "forced")))
        if self.lists:
            lines.append("  " + say(N_("lists: %(lists)s")) % {"lists": ", ".join(self.lists)})
        lines.append("  " + say(N_("observed: %(observed)s  unobserved (estimated): %(unobserved)s"))
                     % {"observed": number(self.observed) if words else f"{self.observed:,}", "unobserved": fmt(self.unobserved)})
        if self.lower is not None or self.upper is not None:
            how = self.interval_method or ""
            lines.append("  " + (say(N_("%(level)s interval (%(how)s): [%(lower)s, %(upper)s]")) if how
                                 else say(N_("%(level)s interval: [%(lower)s, %(upper)s]")))
                         % {"level": pct, "how": interval_words(how) if words else how, "lower": fmt(self.lower),
                            "upper": fmt(self.upper)})
        if self.model:
            lines.append("  " + say(N_("model: %(model)s")) % {"model": coded(self.model) if words else self.model})
        if self.models:
            if self.models_measure in ("bic", "aic"):
                lines.append("  " + say(N_("models compared (%(n)s), best first, by %(criterion)s (lower is "
                                           "better):")) % {"n": len(self.models),
                                                            "criterion": self.models_measure.upper()})
            elif self.models_measure == "probability":
                lines.append("  " + say(N_("models averaged (%(n)s), best first, by posterior probability:"))
                             % {"n": len(self.models)})
            else:
                lines.append("  " + say(N_("models compared (%(n)s), best first:")) % {"n": len(self.models)})
            for m, w in self.models[:10]:   # the locale's decimal sign once said in a language (195,8791)
                lines.append(f"    {decimal(w, 4) if words else f'{w:.4f}':>14}  {m}")
            if len(self.models) > 10:
                lines.append("    " + say(N_("... %(n)s more")) % {"n": len(self.models) - 10})
        if self.settings:
            shown = ", ".join(f"{k}={v}" for k, v in self.settings.items())
            lines.append("  " + say(N_("settings: %(settings)s")) % {"settings": shown})
        if self.seed is not None:
            lines.append("  " + say(N_("seed: %(seed)s")) % {"seed": self.seed})
        for key, value in self.diagnostics.items():
            if isinstance(value, bool | np.bool_ | str):
                lines.append(f"  {key}: {value}")
            elif isinstance(value, int | np.integer):
                if value:  # counters at zero say nothing
                    lines.append(f"  {key}: {number(int(value)) if words else f'{value:,}'}")
            elif isinstance(value, float | np.floating):
                shown = f"{float(value):.6g}"   # six significant digits, in the locale's signs once in a language
                places = len(shown.partition(".")[2])
                lines.append(f"  {key}: {decimal(float(shown), places) if words and 'e' not in shown else shown}")
        for warning in self.warnings:
            lines.append("  " + say(N_("warning: %(warning)s")) % {"warning": text(warning)})
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
