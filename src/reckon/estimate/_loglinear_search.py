"""Exhaustive model search: every hierarchical model up to an interaction order, fitted at once and
ranked by BIC or AIC (Silverman, Chan & Vincent 2024; Rcapture ``closedpMS.t``).

Private: :mod:`reckon.estimate.loglinear` is the public module and re-exports what callers use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from reckon.errors import N_, ConfigError, InputError
from reckon.estimate import _loglinear_kernels as K
from reckon.estimate._loglinear_model import (
    MAXIT,
    TOL,
    HierarchicalModel,
    _cell_vector,
    _models_array,
    _pairwise_models_array,
    default_max_order,
    enumerate_models,
    mle_exists,
)
from reckon.estimate.table import CaptureTable, as_table

CRITERIA = ("bic", "aic")
DEFAULT_MAX_MODELS = 200_000


# ---- search ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ModelSearch:
    """Every model fitted in an exhaustive search, ranked by the criterion (usable models first)."""

    lists: tuple[str, ...]
    n_observed: int
    criterion: str
    max_order: int
    k: int
    terms: np.ndarray  # ranked models (usable by criterion first): interaction masks, -1 padded
    n_terms: np.ndarray
    status: np.ndarray  # kernel status per ranked model (0 = ok)
    loglik: np.ndarray
    intercept: np.ndarray
    n_params: np.ndarray
    n_minus_infinity: np.ndarray
    score: np.ndarray  # criterion value (inf for unusable models)
    n_fitted: int
    n_no_mle: int
    n_not_identifiable: int
    n_not_converged: int

    def model(self, i: int) -> HierarchicalModel:
        """The ``i``-th ranked model (0 = best)."""
        return HierarchicalModel(self.k, _row_terms(self.terms, self.n_terms, i))

    @property
    def models(self) -> tuple[HierarchicalModel, ...]:
        """Every model, ranked (built on demand: tens of thousands for 6 lists)."""
        return tuple(self.model(i) for i in range(len(self.n_terms)))

    @property
    def estimates(self) -> np.ndarray:
        return self.n_observed + np.exp(self.intercept)

    @property
    def n_usable(self) -> int:
        return int(np.isfinite(self.score).sum())

    @property
    def best(self) -> HierarchicalModel:
        if self.n_usable == 0:
            raise InputError.of(N_("no log-linear model could be fitted to this table (every MLE is on the "
                                   "boundary or not identifiable)"))
        return self.model(0)

    def top(self, n: int) -> list[tuple[HierarchicalModel, float, float]]:
        """The ``n`` best usable models as ``(model, criterion, estimate)``."""
        m = min(n, self.n_usable)
        est = self.estimates
        return [(self.model(i), float(self.score[i]), float(est[i])) for i in range(m)]

    def weights(self) -> np.ndarray:
        """Approximate posterior model probabilities ``exp(-criterion / 2)`` over the usable models."""
        s = self.score[: self.n_usable]
        if s.size == 0:
            return s
        w = np.exp(-(s - s.min()) / 2)
        return w / w.sum()


def _model_list(k: int, max_order: int, max_models: int) -> tuple[list[tuple[int, ...]] | None, np.ndarray,
                                                                   np.ndarray]:
    max_order = min(max_order, k - 1)
    if max_order == 2:
        n_pairs = k * (k - 1) // 2
        n_models = 1 << n_pairs
        if n_models > max_models:
            raise ConfigError.of(
                N_("%(k)s lists up to order 2 make %(n)s models, more than the limit of %(max)s; lower --max-order, "
                   "use --method stepwise, or estimate on fewer lists (--lists)"), k=k, n=n_models, max=max_models)
        arr, n_terms, _ = _pairwise_models_array(k)
        return None, arr, n_terms
    models: list[tuple[int, ...]] = []
    for m in enumerate_models(k, max_order):
        models.append(m)
        if len(models) > max_models:
            raise ConfigError.of(
                N_("%(k)s lists up to order %(order)s make more than %(max)s hierarchical models; lower --max-order, "
                   "use --method stepwise, or estimate on fewer lists (--lists)"), k=k, order=max_order, max=max_models)
    arr, n_terms = _models_array(models)
    return models, arr, n_terms


def _row_terms(arr: np.ndarray, n_terms: np.ndarray, i: int) -> tuple[int, ...]:
    return tuple(int(x) for x in arr[i, : n_terms[i]])


def _resolve_suspects(k: int, y: np.ndarray, arr: np.ndarray, n_terms: np.ndarray,
                      status: np.ndarray) -> np.ndarray:
    status = status.copy()
    ystar = K.superset_sum(y, k)
    for i in np.flatnonzero(status == K.SUSPECT):
        terms, keep, _ = K._model_setup(k, ystar, arr[i], int(n_terms[i]))
        status[i] = K.OK if mle_exists(y, keep, terms, k) else K.NOT_EXIST
    return status


def search_models(table: CaptureTable | Any, *, max_order: int | None = None, criterion: str = "bic",
                  max_models: int = DEFAULT_MAX_MODELS) -> ModelSearch:
    """Fit every hierarchical model up to ``max_order`` and rank them by BIC or AIC."""
    table = as_table(table)
    criterion = _check_criterion(criterion)
    k = table.k
    if max_order is None:
        max_order = default_max_order(k)
    if max_order < 1:
        raise ConfigError.of(N_("--max-order must be at least 1 (1 = main effects / independence)"))
    max_order = min(int(max_order), k - 1)
    _models, arr, n_terms = _model_list(k, max_order, max_models)
    y = _cell_vector(table)
    y[0] = 0.0
    status, loglik, intercept, n_neg, _min_mu = K.fit_many(k, y, arr, n_terms, MAXIT, TOL)
    status = _resolve_suspects(k, y, arr, n_terms, status)
    n_params = 1 + k + n_terms
    n = table.n_observed
    penalty = math.log(n) if criterion == "bic" else 2.0
    score = n_params * penalty - 2 * loglik
    usable = status == K.OK
    score = np.where(usable, score, np.inf)
    # rank: usable by score (ties: fewer parameters, then enumeration order), unusable after
    order = np.lexsort((np.arange(len(score)), n_params, score))
    return ModelSearch(
        lists=table.lists, n_observed=n, criterion=criterion, max_order=max_order, k=k, terms=arr[order],
        n_terms=n_terms[order],
        status=status[order], loglik=loglik[order], intercept=intercept[order], n_params=n_params[order],
        n_minus_infinity=n_neg[order], score=score[order], n_fitted=len(score),
        n_no_mle=int((status == K.NOT_EXIST).sum()), n_not_identifiable=int((status == K.RANK_DEFICIENT).sum()),
        n_not_converged=int((status == K.NOT_CONVERGED).sum()),
    )


def _check_criterion(criterion: str) -> str:
    c = str(criterion).lower()
    if c not in CRITERIA:
        raise ConfigError.of(N_("unknown criterion %(criterion)s; choose bic or aic"), criterion=repr(criterion))
    return c


