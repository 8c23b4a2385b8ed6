"""LCMCR: the Bayesian non-parametric latent-class model of Manrique-Vallier (2016).

People fall into latent classes; within a class the lists capture independently, with class-specific
probabilities ``lambda_jk ~ Beta(1, 1)``. Class weights follow a stick-breaking (Dirichlet-process) prior
truncated at ``K`` classes, ``V_k ~ Beta(1, alpha)``, ``alpha ~ Gamma(a_alpha, b_alpha)``, so the data
decide how many classes are used; heterogeneous capture probabilities and the dependence they induce
between lists are absorbed by the mixture. The unobserved count ``n0`` gets the prior ``p(N) ∝ 1/N``
and is drawn each sweep from its negative-binomial conditional. The Gibbs sampler works on the table of
pattern counts, not one row per person (as the R package LCMCR's ``lcmCR(tabular = TRUE)``).

Several independent chains run in parallel threads (the numba kernels release the GIL); the estimate
is the posterior median of ``N = n + n0`` over all kept draws, the interval its equal-tailed quantiles,
and the diagnostics are rank-normalised split R-hat and bulk/tail effective sample sizes (Vehtari,
Gelman, Simpson, Carpenter & Bürkner 2021) of N. The sampler is known to be bimodal on some tables (the
Netherlands data): a large R-hat there is a finding, reported as a warning, not an error.
"""

from __future__ import annotations

import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import norm, rankdata

from reckon.errors import N_, ConfigError
from reckon.estimate.notes import note
from reckon.estimate.result import EstimateResult, check_level
from reckon.estimate.table import CaptureTable, as_table
from reckon.progress import Progress

__all__ = ["LcmcrDraws", "ess", "estimate_lcmcr", "rhat", "sample_lcmcr"]

# Warm-up sweeps with alpha held fixed before the classes are reordered, as LCMCR's initialisation.
WARMUP_SWEEPS = 500
RHAT_WARN = 1.05
ESS_WARN = 100.0


# ---- convergence diagnostics (Vehtari et al. 2021) --------------------------------------------------

def _split_chains(x: np.ndarray) -> np.ndarray:
    x = np.atleast_2d(np.asarray(x, dtype=float))
    half = x.shape[1] // 2
    if half < 2:
        return x
    return np.concatenate([x[:, :half], x[:, -half:]], axis=0)


def _z_scale(x: np.ndarray) -> np.ndarray:
    ranks = rankdata(x, method="average").reshape(x.shape)
    return norm.ppf((ranks - 0.375) / (x.size + 0.25))


def _rhat_basic(x: np.ndarray) -> float:
    m, n = x.shape
    if n < 2 or m < 2:
        return float("nan")
    within = np.mean(np.var(x, axis=1, ddof=1))
    if within <= 0:
        return float("nan")
    between = n * np.var(np.mean(x, axis=1), ddof=1)
    var_plus = (n - 1) / n * within + between / n
    return float(np.sqrt(var_plus / within))


def rhat(draws: np.ndarray) -> float:
    """Rank-normalised split R-hat: the larger of the bulk and tail (folded) versions. ``draws`` is
    chains × draws; NaN when it cannot be computed (a constant trace)."""
    x = np.atleast_2d(np.asarray(draws, dtype=float))
    if np.ptp(x) == 0:
        return float("nan")
    split = _split_chains(x)
    bulk = _rhat_basic(_z_scale(split))
    folded = np.abs(split - np.median(x))
    tail = _rhat_basic(_z_scale(folded)) if np.ptp(folded) > 0 else float("nan")
    values = [v for v in (bulk, tail) if math.isfinite(v)]
    return max(values) if values else float("nan")


def _autocov(x: np.ndarray) -> np.ndarray:
    n = x.shape[-1]
    size = 1 << int(np.ceil(np.log2(2 * n)))
    centred = x - x.mean(axis=-1, keepdims=True)
    f = np.fft.rfft(centred, n=size, axis=-1)
    return np.fft.irfft(f * np.conj(f), n=size, axis=-1)[..., :n] / n


def _ess_raw(x: np.ndarray) -> float:
    """Effective sample size with Geyer's initial monotone sequence over all chains (as Stan)."""
    m, n = x.shape
    if n < 4:
        return float("nan")
    acov = _autocov(x)
    chain_mean = x.mean(axis=1)
    mean_var = np.mean(acov[:, 0]) * n / (n - 1.0)
    var_plus = mean_var * (n - 1.0) / n
    if m > 1:
        var_plus += np.var(chain_mean, ddof=1)
    if var_plus <= 0:
        return float("nan")
    rho = np.zeros(n)
    rho_even = 1.0
    rho[0] = rho_even
    rho_odd = 1.0 - (mean_var - np.mean(acov[:, 1])) / var_plus
    rho[1] = rho_odd
    t = 1
    while t < n - 3 and rho_even + rho_odd > 0.0:
        rho_even = 1.0 - (mean_var - np.mean(acov[:, t + 1])) / var_plus
        rho_odd = 1.0 - (mean_var - np.mean(acov[:, t + 2])) / var_plus
        if rho_even + rho_odd >= 0:
            rho[t + 1] = rho_even
            rho[t + 2] = rho_odd
        t += 2
    max_t = t - 2
    if rho_even > 0:
        rho[max_t + 1] = rho_even
    t = 1
    while t <= max_t - 2:
        if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]:
            rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0
            rho[t + 2] = rho[t + 1]
        t += 2
    total = m * n
    tau = -1.0 + 2.0 * np.sum(rho[: max_t + 1]) + np.sum(rho[max_t + 1: max_t + 2])
    tau = max(tau, 1.0 / np.log10(total))
    return float(total / tau)


def ess(draws: np.ndarray, kind: str = "bulk") -> float:
    """Bulk (rank-normalised split chains) or tail (the smaller of the 5 % and 95 % quantile
    indicators) effective sample size of chains × draws."""
    x = np.atleast_2d(np.asarray(draws, dtype=float))
    if np.ptp(x) == 0:
        return float("nan")
    split = _split_chains(x)
    if kind == "bulk":
        return _ess_raw(_z_scale(split))
    if kind == "tail":
        out = []
        for q in (0.05, 0.95):
            ind = (split <= np.quantile(x, q)).astype(float)
            if np.ptp(ind) > 0:
                out.append(_ess_raw(ind))
        return min(out) if out else float("nan")
    raise ValueError(f"kind must be 'bulk' or 'tail', not {kind!r}")


# ---- sampling ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LcmcrDraws:
    """Kept draws of every chain (chains × samples): unobserved count, DP concentration, probability of
    being missed by all lists, number of occupied classes; plus the sweeps done per chain."""

    n_observed: int
    n0: np.ndarray
    alpha: np.ndarray
    prob_zero: np.ndarray
    k_star: np.ndarray
    sweeps: int

    @property
    def N(self) -> np.ndarray:
        return self.n0 + self.n_observed


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ConfigError.of(N_("%(name)s must be a whole number >= %(min)s, got %(value)s"), name=name,
                             min=minimum, value=repr(value))
    return int(value)


def sample_lcmcr(table: CaptureTable | Any, *, K: int = 10, a_alpha: float = 0.25, b_alpha: float = 0.25,
                 burn_in: int = 10000, samples: int = 1000, thinning: int = 100, chains: int = 4,
                 seed: int | None = None, workers: int | None = None, label_swaps: int = 0,
                 progress: Progress | None = None) -> tuple[LcmcrDraws, int]:
    """Run the Gibbs sampler; returns the draws and the seed used (drawn and recorded when ``None``).

    Chain ``i`` uses the ``i``-th child of ``numpy.random.SeedSequence(seed)``, so a seed reproduces
    every chain whatever ``workers`` is. ``progress(done, total)`` is called with sweeps done so far
    (from worker threads). ``label_swaps``: label-swap proposals per sweep (Hastie, Liverani &
    Richardson 2015, move 1; 0 = none, as the R package), which help a chain leave the class labelling
    it started in.
    """
    from reckon.estimate import _lcmcr_kernels as kern

    table = as_table(table)
    K = _check_int("K (number of latent classes)", K, 1)
    burn_in = _check_int("burn_in", burn_in, 0)
    samples = _check_int("samples", samples, 1)
    thinning = _check_int("thinning", thinning, 1)
    chains = _check_int("chains", chains, 1)
    label_swaps = _check_int("label_swaps", label_swaps, 0)
    for name, value in (("a_alpha", a_alpha), ("b_alpha", b_alpha)):
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise ConfigError.of(N_("%(name)s must be a positive number, got %(value)s"), name=name,
                                 value=repr(value))
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2 ** 63))
    elif isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ConfigError.of(N_("%(name)s must be a whole number >= %(min)s, got %(value)s"), name="seed", min=0,
                             value=repr(seed))
    seed = int(seed)
    if workers is None:
        workers = min(chains, os.cpu_count() or 1)
    workers = max(1, min(int(workers), chains))

    cells = np.ascontiguousarray(table.patterns, dtype=np.int64)
    freq = np.ascontiguousarray(table.counts, dtype=np.int64)
    J = table.k
    n0 = np.zeros((chains, samples), dtype=np.int64)
    alpha = np.zeros((chains, samples))
    p0 = np.zeros((chains, samples))
    kstar = np.zeros((chains, samples), dtype=np.int64)
    per_chain = WARMUP_SWEEPS + burn_in + samples * thinning
    total = per_chain * chains
    done = [0]
    lock = threading.Lock()

    def report(sweeps: int) -> None:
        if progress is None:
            return
        with lock:
            done[0] += sweeps
            progress(done[0], total)

    children = np.random.SeedSequence(seed).spawn(chains)
    # samples kept per kernel call: about a million sweeps, so progress moves and cancellation is prompt
    chunk = max(1, 1_000_000 // thinning)

    def run(i: int) -> int:
        rng = np.random.default_rng(children[i])
        lam = np.empty((J, K))
        nu = np.empty(K)
        log_nu = np.empty(K)
        count0 = np.zeros(K, dtype=np.int64)
        scalars = np.zeros(4)
        sweeps = kern.chain_init(rng, cells, freq, K, WARMUP_SWEEPS, lam, nu, log_nu, count0, scalars,
                                 label_swaps)
        report(sweeps)
        left = burn_in
        while left > 0:
            step = min(left, 1_000_000)
            s = kern.chain_run(rng, cells, freq, K, float(a_alpha), float(b_alpha), lam, nu, log_nu, count0,
                               scalars, step, 0, 1, n0[i], alpha[i], p0[i], kstar[i], 0, label_swaps)
            sweeps += s
            left -= step
            report(s)
        start = 0
        while start < samples:
            step = min(chunk, samples - start)
            s = kern.chain_run(rng, cells, freq, K, float(a_alpha), float(b_alpha), lam, nu, log_nu, count0,
                               scalars, 0, step, thinning, n0[i], alpha[i], p0[i], kstar[i], start,
                               label_swaps)
            sweeps += s
            start += step
            report(s)
        return sweeps

    if workers == 1:
        sweeps = [run(i) for i in range(chains)]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            sweeps = list(pool.map(run, range(chains)))
    draws = LcmcrDraws(n_observed=table.n_observed, n0=n0, alpha=alpha, prob_zero=p0, k_star=kstar,
                       sweeps=int(sweeps[0]))
    return draws, seed


def _histogram(values: np.ndarray, bins: int = 50) -> dict[str, list[float]]:
    """A compact posterior of N for plots and JSON: counts in equal bins over the 0.5-99.5 % range."""
    lo, hi = np.quantile(values, [0.005, 0.995])
    if hi <= lo:
        lo, hi = float(values.min()) - 0.5, float(values.max()) + 0.5
    counts, edges = np.histogram(np.clip(values, lo, hi), bins=bins, range=(lo, hi))
    return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}


def estimate_lcmcr(table: CaptureTable | Any, *, K: int = 10, a_alpha: float = 0.25, b_alpha: float = 0.25,
                   burn_in: int = 10000, samples: int = 1000, thinning: int = 100, chains: int = 4,
                   seed: int | None = None, level: float = 0.95, workers: int | None = None,
                   label_swaps: int = 0, progress: Progress | None = None) -> EstimateResult:
    """Estimate the total with LCMCR (Manrique-Vallier 2016).

    ``K``: truncation (maximum number of latent classes). ``a_alpha``, ``b_alpha``: Gamma prior of the
    stick-breaking concentration. Each of ``chains`` chains runs 500 warm-up sweeps (as LCMCR),
    ``burn_in`` sweeps, then keeps ``samples`` draws, one every ``thinning`` sweeps. ``seed`` makes the
    run reproducible (one is drawn and recorded when ``None``). The estimate is the posterior median of
    N over all chains, the interval the equal-tailed ``level`` quantiles; diagnostics hold R-hat and
    effective sample sizes of N, and warnings flag poor convergence. ``label_swaps``: see
    :func:`sample_lcmcr`.
    """
    check_level(level)
    table = as_table(table)
    draws, seed = sample_lcmcr(table, K=K, a_alpha=a_alpha, b_alpha=b_alpha, burn_in=burn_in,
                               samples=samples, thinning=thinning, chains=chains, seed=seed, workers=workers,
                               label_swaps=label_swaps, progress=progress)
    N = draws.N.astype(float)
    flat = N.ravel()
    lower, median, upper = np.quantile(flat, [(1 - level) / 2, 0.5, (1 + level) / 2])
    r_hat = rhat(N)
    ess_bulk = ess(N, "bulk")
    ess_tail = ess(N, "tail")
    chain_medians = np.median(N, axis=1)

    warnings = []
    if math.isfinite(r_hat) and r_hat > RHAT_WARN:
        warnings.append(note("chains_disagree", rhat=round(float(r_hat), 2), limit=float(RHAT_WARN)))
    if math.isfinite(ess_bulk) and ess_bulk < ESS_WARN:
        warnings.append(note("few_draws", ess=round(float(ess_bulk)), limit=round(float(ESS_WARN))))
    occupied = draws.k_star.max()
    if occupied >= K:
        warnings.append(note("classes_full", k=int(K)))
    if chains == 1:
        warnings.append(note("single_chain"))

    settings = {
        "K": K, "a_alpha": a_alpha, "b_alpha": b_alpha, "burn_in": burn_in, "samples": samples,
        "thinning": thinning, "chains": chains, "warmup": WARMUP_SWEEPS, "label_swaps": label_swaps,
        "prior_N": "1/N",
        "point_estimate": "posterior median",
    }
    diagnostics = {
        "rhat": r_hat,
        "ess_bulk": ess_bulk,
        "ess_tail": ess_tail,
        "draws": int(flat.size),
        "sweeps_per_chain": draws.sweeps,
        "chain_medians": [float(x) for x in chain_medians],
        "k_star_mean": float(draws.k_star.mean()),
        "k_star_max": int(occupied),
        "prob_zero_mean": float(draws.prob_zero.mean()),
        "alpha_mean": float(draws.alpha.mean()),
    }
    mean = float(flat.mean())
    extra = {
        "posterior_mean": mean,
        "posterior_median": float(median),
        "posterior_sd": float(flat.std(ddof=1)) if flat.size > 1 else 0.0,
        "quantiles": {f"{q:g}": float(np.quantile(flat, q)) for q in (0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975)},
        "histogram_N": _histogram(flat),
    }
    return EstimateResult(
        method="lcmcr", observed=table.n_observed, estimate=float(median), lower=float(lower),
        upper=float(upper), level=level,
        model=f"latent-class mixture, K = {K} (stick-breaking), {draws.k_star.mean():.1f} classes occupied on "
              "average",
        models=(), settings=settings, seed=seed, diagnostics=diagnostics, warnings=tuple(warnings),
        extra=extra, lists=table.lists, interval_method="equal-tailed posterior quantiles (MCMC)")
