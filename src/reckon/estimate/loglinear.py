"""Hierarchical log-linear (Poisson) models for multiple-systems estimation.

The counts of the ``2**k - 1`` observable capture patterns are modelled as independent Poisson variables
with ``log mu(c) = sum of the coefficients of the terms contained in pattern c`` (intercept, one main
effect per list, interactions between lists). The unobserved cell (seen by no list) contains only the
intercept, so the estimated number nobody saw is ``exp(intercept)`` and the total ``n + exp(intercept)``.
All cells are fitted, empty ones included.

Model choice (Silverman, Chan & Vincent 2024; Rcapture ``closedpMS.t``): every hierarchical model up
to a maximum interaction order is fitted and ranked by BIC = ``p * ln(n observed) - 2 * loglik`` (``p``
counts the intercept, the main effects and every interaction, including those estimated at minus
infinity) or AIC = ``2p - 2 * loglik``. Sparse tables are handled in the extended-MLE way: an interaction
nobody shows (no one on all its lists) is fixed at minus infinity and the cells containing it are
dropped; models whose MLE does not exist even so (Fienberg & Rinaldo's linear-program test) or that are
not identifiable are left out and counted in the diagnostics.

Intervals for the chosen model: the multinomial profile likelihood of N (as Rcapture's
``closedpCI.t``, default), the Poisson profile likelihood of the intercept (R's
``exp(confint(glm)) + n``), a log-normal Wald interval (SparseMSE), or a BCa bootstrap that repeats the
model selection on every resample over the best-ranked models (Silverman, Chan & Vincent 2024).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from reckon.errors import N_, ConfigError, InputError
from reckon.estimate._loglinear_intervals import (
    bca_interval,
    bootstrap_selection,
    multinomial_profile_interval,
    poisson_profile_interval,
    wald_interval,
)
from reckon.estimate._loglinear_model import (
    MAXIT,
    TOL,
    HierarchicalModel,
    LoglinearFit,
    count_models,
    default_max_order,
    enumerate_models,
    fit_loglinear,
    mle_exists,
)
from reckon.estimate._loglinear_search import (
    CRITERIA,
    DEFAULT_MAX_MODELS,
    ModelSearch,
    _check_criterion,
    search_models,
)
from reckon.estimate.notes import Note, note
from reckon.estimate.result import EstimateResult, check_level
from reckon.estimate.table import CaptureTable, as_table

# The parts live in private modules (algebra, search, intervals); this module is the one to import.
__all__ = [
    "CRITERIA",
    "DEFAULT_MAX_MODELS",
    "INTERVALS",
    "MAXIT",
    "TOL",
    "HierarchicalModel",
    "LoglinearFit",
    "ModelSearch",
    "bca_interval",
    "bootstrap_selection",
    "count_models",
    "default_max_order",
    "enumerate_models",
    "estimate_loglinear",
    "fit_loglinear",
    "mle_exists",
    "multinomial_profile_interval",
    "poisson_profile_interval",
    "search_models",
    "wald_interval",
]

INTERVALS = ("profile", "poisson-profile", "wald", "bootstrap", "none")


# ---- the estimator -----------------------------------------------------------------------------------

def estimate_loglinear(table: CaptureTable | Any, *, criterion: str = "bic", max_order: int | None = None,
                       model: HierarchicalModel | str | Sequence[Any] | None = None,
                       interval: str = "profile", level: float = 0.95, n_boot: int = 1000,
                       ntop: int | None = None, seed: int | None = None,
                       max_models: int = DEFAULT_MAX_MODELS) -> EstimateResult:
    """Estimate the total population with hierarchical log-linear models.

    Without ``model``, every hierarchical model up to ``max_order`` (default as the
    MultipleSystemsEstimation package: 1 for 2 lists, 2 for 3, 3 for 4-5, 2 for 6+) is fitted and the
    best by ``criterion`` (``bic`` or ``aic``) is used; ``max_order=1`` is the independence model.
    ``interval``: ``profile`` (multinomial profile likelihood, as Rcapture), ``poisson-profile``
    (profile of the intercept), ``wald``, ``bootstrap`` (BCa over the ``ntop`` best models, model
    selection repeated on every resample; ``n_boot`` replicates, ``seed``) or ``none``.
    """
    table = as_table(table)
    table.require_overlap()
    criterion = _check_criterion(criterion)
    interval = str(interval).lower()
    if interval not in INTERVALS:
        raise ConfigError.of(N_("unknown interval %(interval)s for %(method)s; choose one of %(choices)s"),
                             interval=repr(interval), method="loglinear", choices=", ".join(INTERVALS))
    check_level(level)
    k = table.k
    warnings: list[str] = []
    diagnostics: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    settings: dict[str, Any] = {"criterion": criterion, "interval": interval, "level": level}
    search: ModelSearch | None = None
    if model is not None:
        chosen = model if isinstance(model, HierarchicalModel) else HierarchicalModel.parse(model, table.lists)
        settings["model"] = chosen.describe(table.lists)
        models_out: tuple[tuple[str, float], ...] = ()
        candidates = [chosen]
    else:
        requested = max_order
        max_order = default_max_order(k) if max_order is None else int(max_order)
        if max_order > k - 1:
            warnings.append(note("max_order_reduced", asked=max_order, max=k - 1, k=k))
            max_order = k - 1
        settings["max_order"] = max_order
        if requested is None:
            settings["max_order_default"] = True
        search = search_models(table, max_order=max_order, criterion=criterion, max_models=max_models)
        chosen = search.best
        top = search.top(20)
        weights = search.weights()
        models_out = tuple((m.describe(table.lists), s) for m, s, _e in top)
        extra["top_models"] = [
            {"model": m.describe(table.lists), criterion: s, "estimate": e, "weight": float(w)}
            for (m, s, e), w in zip(top, weights[: len(top)], strict=True)
        ]
        diagnostics.update({
            "models_fitted": search.n_fitted, "models_usable": search.n_usable,
            "models_without_mle": search.n_no_mle, "models_not_identifiable": search.n_not_identifiable,
            "models_not_converged": search.n_not_converged,
        })
        if search.n_no_mle:
            warnings.append(note("models_without_mle", n=search.n_no_mle, fitted=search.n_fitted))
        if search.n_not_identifiable:
            warnings.append(note("models_not_identifiable", n=search.n_not_identifiable))
        if len(weights) > 1 and weights[0] < 0.5:
            warnings.append(note("model_uncertainty", share=round(100 * float(weights[0])),
                                 criterion=criterion.upper()))
        ntop_eff = ntop if ntop is not None else {2: None, 3: None, 4: 20}.get(k, 100)
        candidates = [m for m, _s, _e in search.top(ntop_eff if ntop_eff is not None else search.n_usable)]
        if ntop is not None or interval == "bootstrap":
            settings["ntop"] = len(candidates)
    fit = fit_loglinear(table, chosen)
    if fit.status != "ok":
        raise InputError.of(N_("the model %(model)s cannot be fitted to this table (%(status)s); choose another "
                               "model or let the search pick one"), file=table.source, model=fit.description,
                            status=fit.status)
    lower = upper = None
    interval_method = ""
    if interval == "profile":
        lo, hi, n_max = multinomial_profile_interval(table, chosen, level)
        lower, upper = lo, hi
        interval_method = "multinomial profile likelihood"
        diagnostics["profile_maximum"] = n_max
    elif interval == "poisson-profile":
        lower, upper = poisson_profile_interval(table, chosen, level)
        interval_method = "Poisson profile likelihood of the intercept"
    elif interval == "wald":
        lower, upper = wald_interval(fit, level)
        interval_method = "log-normal Wald"
    elif interval == "bootstrap":
        if seed is None:  # draw one and record it, so the interval can be reproduced
            seed = int(np.random.SeedSequence().entropy % (2**32))
        boot = bootstrap_selection(table, candidates, criterion=criterion, n_boot=n_boot, seed=seed, level=level)
        lower, upper = boot["lower"], boot["upper"]
        interval_method = (f"BCa bootstrap ({n_boot} resamples, selection among the {len(candidates)} best "
                           "models repeated on each)" if search is not None else f"BCa bootstrap ({n_boot} resamples)")
        settings["n_boot"] = n_boot
        reps = boot["bootreps"][np.isfinite(boot["bootreps"])]
        extra["bootstrap"] = {
            "replicates": int(reps.size), "failed": boot["n_failed"], "acceleration": boot["ahat"],
            "median": float(np.median(reps)) if reps.size else None,
            "quantiles": {q: float(np.quantile(reps, q)) for q in (0.025, 0.25, 0.5, 0.75, 0.975)} if reps.size else {},
        }
        if boot["n_failed"]:
            warnings.append(note("bootstrap_no_model", n=int(boot["n_failed"]), total=n_boot))
    if upper is not None and not math.isfinite(upper):
        warnings.append(note("upper_unbounded_model"))
    for term in fit.minus_infinity:
        warnings.append(note("minus_infinity", term=term, lists=term.split(":")))
    warnings.extend(_sparsity_warnings(table, fit))
    diagnostics.update({
        "loglik": fit.loglik, "deviance": fit.deviance, "df": fit.df, "n_params": fit.n_params,
        "bic": fit.bic, "aic": fit.aic, "se_log_unobserved": fit.se_intercept,
        "minus_infinity_terms": list(fit.minus_infinity), "order": chosen.order,
    })
    extra["coefficients"] = fit.coefficients
    extra["fitted_unobserved"] = fit.unobserved
    if search is not None and search.max_order == 1:
        method_model = "independence (main effects)"
    else:
        method_model = fit.description
    return EstimateResult(
        method="loglinear", observed=table.n_observed, estimate=fit.estimate, lower=lower, upper=upper,
        level=level, model=method_model, models=models_out, models_measure=criterion if models_out else "",
        settings=settings,
        seed=seed if interval == "bootstrap" else None, diagnostics=diagnostics, warnings=tuple(warnings),
        extra=extra, lists=table.lists, interval_method=interval_method,
    )


def _sparsity_warnings(table: CaptureTable, fit: LoglinearFit) -> list[Note]:
    out = []
    n_cells = (1 << table.k) - 1
    empty = n_cells - table.m
    if table.n_observed < 50:
        out.append(note("few_observed", n=table.n_observed))
    if empty > n_cells / 2:
        out.append(note("sparse_table", empty=empty, cells=n_cells))
    if fit.estimate > 10 * table.n_observed:
        out.append(note("estimate_ten_times"))
    if fit.df < 0:
        out.append(note("more_parameters"))
    return out
