"""Bootstrap helpers shared by the frequentist estimators: resamples, jackknife, BCa limits.

The BCa interval follows SparseMSE (Chan, Silverman & Vincent 2021) and DiCiccio & Efron (1996):
multinomial resamples of the observed individuals, the bias correction ``z0 = Phi^-1(share of replicates
below the estimate)``, the acceleration from a delete-one-individual jackknife (one jackknife value per
observed pattern, weighted by its count), and type-8 quantiles of the replicates at the adjusted levels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from reckon.estimate.table import CaptureTable

__all__ = ["bca_quantiles", "jackknife_acceleration", "jackknife_tables", "multinomial_resamples"]


def multinomial_resamples(table: CaptureTable, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """``n_boot × m`` counts: resamples of ``n_observed`` individuals over the observed patterns."""
    n = table.n_observed
    return rng.multinomial(n, table.counts / n, size=int(n_boot))


def jackknife_tables(table: CaptureTable) -> np.ndarray:
    """``m × m`` counts: row ``i`` is the table with one individual of pattern ``i`` removed."""
    counts = np.asarray(table.counts, dtype=np.int64)
    out = np.tile(counts, (len(counts), 1))
    out[np.arange(len(counts)), np.arange(len(counts))] -= 1
    return out


def jackknife_acceleration(jackreps: np.ndarray, counts: np.ndarray) -> float:
    """The BCa acceleration from delete-one estimates, each counted as often as its pattern occurs."""
    jackreps = np.asarray(jackreps, dtype=float)
    counts = np.asarray(counts, dtype=float)
    use = counts > 0
    if not np.all(np.isfinite(jackreps[use])):
        return math.nan
    mean = np.sum(counts[use] * jackreps[use]) / counts[use].sum()
    d = mean - jackreps[use]
    denom = np.sum(counts[use] * d**2)
    if denom <= 0:
        return 0.0
    return float(np.sum(counts[use] * d**3) / (6 * denom**1.5))


def bca_quantiles(bootreps: np.ndarray, estimate: float, ahat: float, alphas: Sequence[float]) -> np.ndarray:
    """BCa limits at cumulative levels ``alphas`` (as SparseMSE ``bcaconfvalues``)."""
    reps = np.asarray(bootreps, dtype=float)
    reps = reps[~np.isnan(reps)]
    if reps.size == 0:
        return np.full(len(alphas), math.nan)
    # +inf replicates (unbounded estimates) count; interpolate on a huge stand-in, then map back
    huge = np.finfo(float).max / 4
    reps = np.where(np.isposinf(reps), huge, reps)
    share = float(np.mean(reps < estimate))
    # keep z0 finite when every replicate falls on one side
    share = min(max(share, 0.5 / reps.size), 1 - 0.5 / reps.size)
    z0 = stats.norm.ppf(share)
    za = stats.norm.ppf(np.asarray(alphas, dtype=float))
    za0 = za + z0
    zq = stats.norm.cdf(z0 + za0 / (1 - ahat * za0))
    out = np.quantile(reps, zq, method="median_unbiased")
    return np.where(out >= huge / 2, np.inf, out)
