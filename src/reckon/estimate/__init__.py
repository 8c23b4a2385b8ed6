"""Multiple-systems estimation: how many people did no list see?

A pure library (no database, no printing): estimators take a :class:`CaptureTable` and return an
immutable :class:`EstimateResult`.

- :func:`estimate_loglinear` — hierarchical log-linear (Poisson) models, exhaustive search by BIC/AIC,
  multinomial profile-likelihood or bootstrap interval (as Rcapture; Silverman, Chan & Vincent 2024).
- :func:`estimate_stepwise` — SparseMSE stepwise selection with a BCa bootstrap interval.
- :func:`estimate_dga` — Bayesian model averaging over decomposable graphical models (Madigan & York).
- :func:`estimate_lcmcr` — Bayesian non-parametric latent-class model (Manrique-Vallier 2016).

:func:`estimator` gives a method's function by its name (the CLI's ``--method``); it is the only list of
methods the package keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reckon.errors import N_, ConfigError
from reckon.estimate.result import EstimateResult
from reckon.estimate.table import CaptureTable, as_table

METHODS = ("loglinear", "stepwise", "dga", "lcmcr")


def estimator(method: str) -> Callable[..., EstimateResult]:
    """The estimator function of ``method`` (one of :data:`METHODS`): the one registry of methods.

    Each estimator's module is imported on first use (numba kernels and SciPy load slowly), by a plain
    import statement, so the import graph stays visible to tools and tests. A method whose module is
    missing from the installation is a clear :class:`ConfigError`, not a traceback.
    """
    if method not in METHODS:
        raise ConfigError.of(N_("unknown method %(method)s; choose one of %(choices)s"), method=repr(method),
                             choices=", ".join(METHODS))
    fn: Callable[..., EstimateResult]
    try:
        if method == "loglinear":
            from reckon.estimate.loglinear import estimate_loglinear

            fn = estimate_loglinear
        elif method == "stepwise":
            from reckon.estimate.stepwise import estimate_stepwise

            fn = estimate_stepwise
        elif method == "dga":
            from reckon.estimate.dga import estimate_dga

            fn = estimate_dga
        else:
            from reckon.estimate.lcmcr import estimate_lcmcr

            fn = estimate_lcmcr
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("reckon"):
            raise ConfigError.of(N_("the %(method)s method is not available in this installation (%(module)s is "
                                    "missing)"), method=method, module=exc.name) from None
        raise
    return fn


def __getattr__(name: str) -> Any:
    # ``from reckon.estimate import estimate_dga`` and the like, without loading every method up front.
    if name.startswith("estimate_") and name[len("estimate_"):] in METHODS:
        return estimator(name[len("estimate_"):])
    if name == "fit_loglinear":
        from reckon.estimate.loglinear import fit_loglinear

        return fit_loglinear
    raise AttributeError(f"module 'reckon.estimate' has no attribute {name!r}")


__all__ = ["METHODS", "CaptureTable", "EstimateResult", "as_table", "estimator", "fit_loglinear",
           *(f"estimate_{m}" for m in METHODS)]
