"""SparseMSE stepwise selection with a BCa bootstrap interval (Chan, Silverman & Vincent 2021).

Start from the main-effects (independence) Poisson log-linear model over all observable cells. For every
pair of lists not yet in the model, the number of individuals seen by both is compared with its Poisson
distribution under the current fit; the pair with the smallest two-sided p-value
(``min(P(X <= n), P(X >= n))``) is added if that p-value is below ``pthresh`` (0.02) *and* the model with
the pair passes the existence (Fienberg-Rinaldo) and identifiability checks; repeat until no pair
qualifies. Pairs nobody shows (non-overlapping lists) enter at minus infinity, their cells dropped. The
estimate is ``n + exp(intercept)``.

The interval is the BCa bootstrap of SparseMSE ``estimatepopulation``: the whole selection is repeated on
``n_boot`` multinomial resamples of the observed individuals, the acceleration is estimated by a
delete-one-individual jackknife, and the limits are type-8 quantiles at the adjusted levels. Seeded with
numpy's generator, so the limits are reproducible here but not identical to R's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from reckon.errors import N_, ConfigError, InputError
from reckon.estimate import _loglinear_kernels as K
from reckon.estimate.bootstrap import (
    bca_quantiles,
    jackknife_acceleration,
    jackknife_tables,
    multinomial_resamples,
)
from reckon.estimate.loglinear import MAXIT, TOL, HierarchicalModel, fit_loglinear, wald_interval
from reckon.estimate.notes import note
from reckon.estimate.result import EstimateResult, check_level
from reckon.estimate.table import CaptureTable, as_table

__all__ = ["StepwiseFit", "estimate_stepwise", "stepwise_fit"]

INTERVALS = ("bca", "wald", "none")
DEFAULT_PTHRESH = 0.02
DEFAULT_NBOOT = 1000


@dataclass(frozen=True)
class StepwiseFit:
    """The model stepwise selection chose, with the p-value at which each pair entered."""

    model: HierarchicalModel
    lists: tuple[str, ...]
    added: tuple[tuple[str, float], ...]  # (pair, p-value) in the order added
    estimate: float
    n_observed: int
    borderline_checks: int

    @property
    def description(self) -> str:
        return self.model.describe(self.lists)


def _cells(table: CaptureTable) -> np.ndarray:
    y = table.full_array(flat=True).astype(np.float64)
    y[0] = 0.0
    return y


def stepwise_fit(table: CaptureTable | Any, *, pthresh: float = DEFAULT_PTHRESH) -> StepwiseFit:
    """Run SparseMSE's stepwise selection on a table (no interval)."""
    table = as_table(table)
    _check_pthresh(pthresh)
    k = table.k
    table.require_overlap()
    status, intercept, included, order_added, p_added, borderline = K.stepwise_select(
        k, _cells(table), float(pthresh), MAXIT, TOL)
    if status == K.NOT_EXIST:
        raise InputError.of(N_("the lists overlap too little: under independence the number nobody saw is "
                               "unbounded (the maximum-likelihood estimate does not exist)"), file=table.source)
    if status != K.OK:
        raise InputError.of(N_("the main-effects model cannot be fitted to this table"), file=table.source)
    pairs = K._pair_masks(k)
    chosen = [int(pairs[j]) for j in order_added if j >= 0]
    model = HierarchicalModel(k, tuple(chosen))
    names = [":".join(table.lists[j] for j in range(k) if m >> (k - 1 - j) & 1) for m in chosen]
    added = tuple((nm, float(p)) for nm, p in zip(names, p_added[: len(chosen)], strict=True))
    return StepwiseFit(model=model, lists=table.lists, added=added,
                       estimate=float(table.n_observed + math.exp(intercept)), n_observed=table.n_observed,
                       borderline_checks=int(borderline))


def _check_pthresh(pthresh: float) -> None:
    if not 0 <= pthresh <= 1:
        raise ConfigError.of(N_("--pthresh must be between 0 and 1, got %(value)s"), value=str(pthresh))


def _estimates_for(table: CaptureTable, counts: np.ndarray, pthresh: float) -> tuple[np.ndarray, np.ndarray]:
    k = table.k
    ys = np.zeros((counts.shape[0], 1 << k))
    ys[:, table.cells] = counts
    return K.stepwise_many(k, ys, float(pthresh), MAXIT, TOL)


def estimate_stepwise(table: CaptureTable | Any, *, pthresh: float = DEFAULT_PTHRESH, interval: str = "bca",
                      n_boot: int = DEFAULT_NBOOT, seed: int | None = 1234, level: float = 0.95,
                      ) -> EstimateResult:
    """SparseMSE stepwise estimate with a BCa bootstrap (default), Wald or no interval.

    ``seed`` seeds numpy's generator for the resamples (default 1234, SparseMSE's ``iseed``).
    """
    table = as_table(table)
    _check_pthresh(pthresh)
    interval = str(interval).lower()
    if interval not in INTERVALS:
        raise ConfigError.of(N_("unknown interval %(interval)s for %(method)s; choose one of %(choices)s"),
                             interval=repr(interval), method="stepwise", choices=", ".join(INTERVALS))
    check_level(level)
    if n_boot < 10 and interval == "bca":
        raise ConfigError.of(N_("the BCa interval needs at least 10 bootstrap resamples"))
    sw = stepwise_fit(table, pthresh=pthresh)
    fit = fit_loglinear(table, sw.model)
    warnings: list[str] = []
    diagnostics: dict[str, Any] = {
        "pairs_added": [{"pair": p, "p_value": v} for p, v in sw.added],
        "loglik": fit.loglik, "deviance": fit.deviance, "df": fit.df, "n_params": fit.n_params,
        "aic": fit.aic, "bic": fit.bic, "se_log_unobserved": fit.se_intercept,
        "minus_infinity_terms": list(fit.minus_infinity),
    }
    diagnostics["steps"] = (", ".join(f"+{p} (p = {v:.3g})" for p, v in sw.added) or
                            f"no pair reached p < {pthresh:g}: main effects")
    if sw.borderline_checks:
        diagnostics["borderline_existence_checks"] = sw.borderline_checks
    extra: dict[str, Any] = {"coefficients": fit.coefficients}
    settings: dict[str, Any] = {"pthresh": pthresh, "interval": interval, "level": level}
    lower = upper = None
    interval_method = ""
    used_seed = None
    if interval == "bca":
        if seed is None:  # draw one and record it, so the interval can be reproduced
            seed = int(np.random.SeedSequence().entropy % (2**32))
        used_seed = seed
        settings["n_boot"] = n_boot
        rng = np.random.default_rng(seed)
        boot_counts = multinomial_resamples(table, n_boot, rng)
        bootreps, n_chosen = _estimates_for(table, boot_counts, pthresh)
        jackreps, _ = _estimates_for(table, jackknife_tables(table), pthresh)
        ahat = jackknife_acceleration(jackreps, table.counts)
        if not math.isfinite(ahat):
            warnings.append(note("no_acceleration"))
            ahat = 0.0
        usable = ~np.isnan(bootreps)  # +inf (unbounded estimate on a resample) is kept: it is a real outcome
        alpha = (1 - level) / 2
        if usable.any():
            lower, upper = (float(v) for v in bca_quantiles(bootreps[usable], sw.estimate, ahat, (alpha, 1 - alpha)))
        else:
            lower = upper = math.nan
            warnings.append(note("no_bootstrap_interval"))
        n_inf = int(np.isinf(bootreps).sum())
        if n_inf:
            warnings.append(note("resamples_unbounded", n=n_inf, total=n_boot))
        if math.isinf(upper):
            warnings.append(note("upper_unbounded"))
        interval_method = f"BCa bootstrap ({n_boot} resamples, stepwise selection repeated on each)"
        reps = bootreps[usable & np.isfinite(bootreps)]
        extra["bootstrap"] = {
            "replicates": int(usable.sum()), "unbounded": n_inf, "failed": int((~usable).sum()),
            "acceleration": ahat,
            "bias_share_below": float(np.mean(reps < sw.estimate)) if reps.size else None,
            "median": float(np.median(reps)) if reps.size else None,
            "quantiles": {str(q): float(np.quantile(reps, q)) for q in (0.025, 0.25, 0.5, 0.75, 0.975)}
            if reps.size else {},
            "interactions_chosen_mean": float(np.mean(n_chosen[usable])) if reps.size else None,
        }
        if (~usable).any():
            warnings.append(note("resamples_not_fitted", n=int((~usable).sum()), total=n_boot))
    elif interval == "wald":
        lower, upper = wald_interval(fit, level)
        interval_method = "log-normal Wald"
    for term in fit.minus_infinity:
        warnings.append(note("minus_infinity_two", term=term))
    n_cells = (1 << table.k) - 1
    if table.n_observed < 50:
        warnings.append(note("few_observed", n=table.n_observed))
    if n_cells - table.m > n_cells / 2:
        warnings.append(note("sparse_table", empty=n_cells - table.m, cells=n_cells))
    if sw.estimate > 10 * table.n_observed:
        warnings.append(note("estimate_ten_times"))
    return EstimateResult(
        method="stepwise", observed=table.n_observed, estimate=sw.estimate, lower=lower, upper=upper,
        level=level, model=sw.description, models=(), settings=settings, seed=used_seed,
        diagnostics=diagnostics, warnings=tuple(warnings), extra=extra, lists=table.lists,
        interval_method=interval_method,
    )
