"""Multiple-systems estimation: how many people did no list see?

A pure library (no database, no printing): estimators take a :class:`CaptureTable` and return an
immutable :class:`EstimateResult`.

- :func:`estimate_loglinear` — hierarchical log-linear (Poisson) models, exhaustive search by BIC/AIC,
  multinomial profile-likelihood or bootstrap interval (as Rcapture; Silverman, Chan & Vincent 2024).
- :func:`estimate_stepwise` — SparseMSE stepwise selection with a BCa bootstrap interval.
- :func:`estimate_dga` — Bayesian model averaging over decomposable graphical models (Madigan & York).
- :func:`estimate_lcmcr` — Bayesian non-parametric latent-class model (Manrique-Vallier 2016).
"""

from __future__ import annotations

from typing import Any

from reckon.estimate.result import EstimateResult
from reckon.estimate.table import CaptureTable, as_table

METHODS = ("loglinear", "stepwise", "dga", "lcmcr")

_LAZY = {
    "estimate_loglinear": ("reckon.estimate.loglinear", "estimate_loglinear"),
    "fit_loglinear": ("reckon.estimate.loglinear", "fit_loglinear"),
    "estimate_stepwise": ("reckon.estimate.stepwise", "estimate_stepwise"),
    "estimate_dga": ("reckon.estimate.dga", "estimate_dga"),
    "estimate_lcmcr": ("reckon.estimate.lcmcr", "estimate_lcmcr"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'reckon.estimate' has no attribute {name!r}")


__all__ = ["METHODS", "CaptureTable", "EstimateResult", "as_table", *_LAZY]
