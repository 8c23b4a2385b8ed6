"""Intervals for the total of a chosen log-linear model: multinomial and Poisson profile likelihood,
log-normal Wald, and the BCa bootstrap that repeats model selection on every resample.

Private: :mod:`reckon.estimate.loglinear` is the public module and re-exports what callers use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import optimize, stats

from reckon.estimate import _loglinear_kernels as K
from reckon.estimate._loglinear_model import (
    MAXIT,
    TOL,
    HierarchicalModel,
    LoglinearFit,
    _cell_vector,
    _models_array,
    _setup,
    fit_loglinear,
)
from reckon.estimate.table import CaptureTable

# ---- intervals ----------------------------------------------------------------------------------------

def _chi2(level: float) -> float:
    return float(stats.chi2.ppf(level, 1))


def multinomial_profile_interval(table: CaptureTable, model: HierarchicalModel, level: float = 0.95,
                                 ) -> tuple[float, float, float]:
    """The multinomial profile-likelihood interval for N (as Rcapture ``closedpCI.t``).

    For each candidate number ``n0`` unobserved, the model is fitted to the completed table (the
    unobserved cell holding ``n0``) and the multinomial log-likelihood
    ``log N!/n0! + sum y log(mu/N)`` computed; the interval holds the N whose log-likelihood is within
    ``chi2_1(level)/2`` of the maximum. Returns ``(lower, upper, N maximising the profile)``; the lower
    end is ``n`` when the bound reaches it, the upper ``inf`` when the likelihood never falls far enough.
    """
    k = table.k
    y, terms, keep, _neg = _setup(table, k, model)
    keep = keep.copy()
    keep[0] = True
    n = float(table.n_observed)
    beta = np.zeros(len(terms))
    state = {"start": False}

    def loglik(n0: float) -> float:
        yy = y.copy()
        yy[0] = max(n0, 0.0)
        st, _ll, _it, _mz, mu = K.fit_poisson(k, yy, keep, terms, beta, state["start"], MAXIT, TOL, False)
        if st == K.RANK_DEFICIENT:
            state["start"] = False
            st, _ll, _it, _mz, mu = K.fit_poisson(k, yy, keep, terms, beta, False, MAXIT, TOL, False)
        state["start"] = True
        N = n + yy[0]
        pos = (yy > 0) & keep
        return float(math.lgamma(N + 1) - math.lgamma(yy[0] + 1) + np.sum(yy[pos] * np.log(mu[pos] / N)))

    fit0 = fit_loglinear(table, model)
    f0 = max(fit0.unobserved, 1e-9)
    # maximise over n0 >= 0 (on a log scale)
    res = optimize.minimize_scalar(lambda u: -loglik(math.expm1(u)), bounds=(0.0, math.log1p(f0 * 20 + 10)),
                                   method="bounded", options={"xatol": 1e-10})
    u_hat = float(res.x)
    n0_hat = math.expm1(u_hat)
    l_max = -float(res.fun)
    if loglik(0.0) > l_max:
        n0_hat, l_max = 0.0, loglik(0.0)
    thresh = l_max - _chi2(level) / 2

    def g(n0: float) -> float:
        return loglik(n0) - thresh

    if g(0.0) >= 0:
        lower = n
    else:
        lower = n + optimize.brentq(g, 0.0, n0_hat, xtol=1e-10, rtol=1e-12)
    hi = max(n0_hat * 2, n0_hat + 10)
    upper = math.inf
    for _ in range(200):
        if g(hi) < 0:
            upper = n + optimize.brentq(g, n0_hat, hi, xtol=1e-10, rtol=1e-12)
            break
        if hi > 1e4 * (n + n0_hat) + 1e6:
            break
        hi *= 2
    return lower, upper, n + n0_hat


def poisson_profile_interval(table: CaptureTable, model: HierarchicalModel, level: float = 0.95,
                             ) -> tuple[float, float]:
    """Profile-likelihood interval of the intercept of the Poisson fit, mapped to ``n + exp(.)``.

    This is R's ``exp(confint(glm(...))[1, ]) + n`` (the interval published with the independence
    estimates of Binette & Steorts' MSETools tables).
    """
    k = table.k
    y, terms, keep, _neg = _setup(table, k, model)
    fit = fit_loglinear(table, model)
    if not fit.ok:
        return math.nan, math.nan
    b_hat = fit.intercept
    l_max = fit.loglik
    const = float(np.sum([math.lgamma(v + 1.0) for v in y[1:]]))
    rest = terms[1:]
    beta = np.zeros(len(rest))
    thresh = l_max - _chi2(level) / 2

    def g(b: float) -> float:
        st, ll, _it, _mz, _mu = K.fit_poisson(k, y, keep, rest, beta, False, MAXIT, TOL, False, b)
        return float(ll - const) - thresh

    step = max(3 * fit.se_intercept, 0.05) if math.isfinite(fit.se_intercept) else 0.5
    lo = b_hat - step
    for _ in range(60):
        if g(lo) < 0:
            break
        lo -= step
        step *= 2
    else:
        lo = -math.inf
    lower_b = optimize.brentq(g, lo, b_hat, xtol=1e-12) if math.isfinite(lo) else -math.inf
    step = max(3 * fit.se_intercept, 0.05) if math.isfinite(fit.se_intercept) else 0.5
    hi = b_hat + step
    for _ in range(60):
        if g(hi) < 0:
            break
        hi += step
        step *= 2
    else:
        hi = math.inf
    upper_b = optimize.brentq(g, b_hat, hi, xtol=1e-12) if math.isfinite(hi) else math.inf
    n = table.n_observed
    return n + math.exp(lower_b), (n + math.exp(upper_b) if math.isfinite(upper_b) else math.inf)


def wald_interval(fit: LoglinearFit, level: float = 0.95) -> tuple[float, float]:
    """Log-normal interval on the unobserved count: ``n + exp(intercept ± z * se)`` (SparseMSE)."""
    if not math.isfinite(fit.se_intercept):
        return math.nan, math.nan
    z = float(stats.norm.ppf(0.5 + level / 2))
    return (fit.n_observed + math.exp(fit.intercept - z * fit.se_intercept),
            fit.n_observed + math.exp(fit.intercept + z * fit.se_intercept))


# ---- bootstrap over the best models (Silverman, Chan & Vincent 2024) ---------------------------------

def bca_interval(bootreps: np.ndarray, estimate: float, ahat: float, level: float) -> tuple[float, float]:
    """BCa limits as SparseMSE ``bcaconfvalues`` (bias from the share of replicates below the estimate,
    acceleration from the jackknife, quantiles of type 8)."""
    from reckon.estimate.bootstrap import bca_quantiles

    alpha = (1 - level) / 2
    lo, hi = bca_quantiles(bootreps, estimate, ahat, (alpha, 1 - alpha))
    return float(lo), float(hi)


def _select(status: np.ndarray, loglik: np.ndarray, intercept: np.ndarray, n_params: np.ndarray,
            penalty: np.ndarray | float, n_obs: np.ndarray | float) -> np.ndarray:
    """Per table (rows), the estimate of the usable model with the smallest criterion (NaN if none)."""
    score = n_params[None, :] * np.reshape(penalty, (-1, 1)) - 2 * loglik
    score = np.where(status == K.OK, score, np.inf)
    best = np.argmin(score, axis=1)
    rows = np.arange(score.shape[0])
    est = np.reshape(n_obs, (-1,)) + np.exp(intercept[rows, best])
    return np.where(np.isfinite(score[rows, best]), est, np.nan)


def bootstrap_selection(table: CaptureTable, models: Sequence[HierarchicalModel], *, criterion: str = "bic",
                        n_boot: int = 1000, seed: int | None = None, level: float = 0.95,
                        ) -> dict[str, Any]:
    """Multinomial bootstrap of "choose the best of ``models`` by the criterion, report its estimate".

    Returns the point estimate, the bootstrap replicates, the jackknife acceleration and the BCa limits.
    """
    from reckon.estimate.bootstrap import jackknife_tables, multinomial_resamples

    k = table.k
    arr, n_terms = _models_array([m.terms for m in models])
    n_params = (1 + k + n_terms).astype(float)
    rng = np.random.default_rng(seed)
    cells = table.cells
    boot_counts = multinomial_resamples(table, n_boot, rng)
    ys = np.zeros((n_boot, 1 << k))
    ys[:, cells] = boot_counts
    n_b = ys.sum(axis=1)
    pen = np.log(n_b) if criterion == "bic" else np.full(n_boot, 2.0)
    st, ll, ic = K.fit_many_tables(k, ys, arr, n_terms, MAXIT, TOL)
    st = np.where(st == K.SUSPECT, K.OK, st)
    bootreps = _select(st, ll, ic, n_params, pen, n_b)
    # jackknife: drop one individual of each observed pattern
    jack_counts = jackknife_tables(table)
    yj = np.zeros((len(jack_counts), 1 << k))
    yj[:, cells] = jack_counts
    n_j = yj.sum(axis=1)
    pen_j = np.log(n_j) if criterion == "bic" else np.full(len(n_j), 2.0)
    stj, llj, icj = K.fit_many_tables(k, yj, arr, n_terms, MAXIT, TOL)
    stj = np.where(stj == K.SUSPECT, K.OK, stj)
    jackreps = _select(stj, llj, icj, n_params, pen_j, n_j)
    y = _cell_vector(table)[None, :]
    st0, ll0, ic0 = K.fit_many_tables(k, y, arr, n_terms, MAXIT, TOL)
    st0 = np.where(st0 == K.SUSPECT, K.OK, st0)
    pen0 = math.log(table.n_observed) if criterion == "bic" else 2.0
    estimate = float(_select(st0, ll0, ic0, n_params, pen0, float(table.n_observed))[0])
    from reckon.estimate.bootstrap import jackknife_acceleration

    ahat = jackknife_acceleration(jackreps, table.counts)
    usable = np.isfinite(bootreps)
    lo, hi = (bca_interval(bootreps[usable], estimate, ahat, level) if usable.any() and math.isfinite(ahat)
              else (math.nan, math.nan))
    return {"estimate": estimate, "bootreps": bootreps, "ahat": ahat, "lower": lo, "upper": hi,
            "n_failed": int((~usable).sum())}


