"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997; R package dga).

Each decomposable graph on the ``k`` lists is a log-linear model whose cliques are the interactions it
allows. With a hyper-Dirichlet prior (``delta`` prior individuals in every cell of the full ``2**k``
table) the marginal likelihood of a graph has a closed form: the product over its cliques of the
Dirichlet-multinomial likelihood of the clique's marginal table, divided by the same over its
separators. Adding ``N0`` unobserved individuals to the all-zero cell and a prior on ``N = n + N0``
gives the joint posterior of graph and ``N`` on a grid of ``N0``; summing over graphs averages the
models. Everything here is exact arithmetic on that grid: no sampling, no seed.

The defaults reproduce MSETools' use of dga (Binette & Steorts 2022), which the published figures in
shared/eval/mse come from: ``delta = 2**-k``, prior ``p(N) ∝ 1/N``, ``N0`` on
``unique(round(seq(1, 30 n, length.out = 1000)))``, the posterior median as the point estimate and the
equal-tailed interval read off the cumulative posterior (the first grid value whose cumulative
probability exceeds the level).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.special import gammaln

from reckon.errors import N_, ConfigError, InputError
from reckon.estimate.notes import note
from reckon.estimate.result import EstimateResult, check_level
from reckon.estimate.table import CaptureTable, as_table

MIN_LISTS = 3
MAX_LISTS = 5

__all__ = [
    "DecomposableGraph",
    "DgaPosterior",
    "decomposable_graphs",
    "dga_posterior",
    "estimate_dga",
    "missing_grid",
    "negative_binomial_log_prior",
]


# ---- decomposable graphs ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DecomposableGraph:
    """A decomposable graph on lists ``0 .. k-1``: its edges, cliques and (non-empty) separators.

    Cliques and separators are bit masks over the lists (bit ``k-1-j`` is list ``j``, the same order as
    :class:`CaptureTable` cell numbers). Separators form a multiset (the same one may appear twice, as in
    a star); empty separators between disconnected components are left out, so
    ``len(cliques) - len(separators)`` is the number of connected components.
    """

    k: int
    edges: tuple[tuple[int, int], ...]
    cliques: tuple[int, ...]
    separators: tuple[int, ...]

    def members(self, mask: int) -> tuple[int, ...]:
        return tuple(j for j in range(self.k) if mask >> (self.k - 1 - j) & 1)

    def describe(self, lists: Sequence[str]) -> str:
        """The generating classes, e.g. ``[A*B][B*C][D]`` (``[A][B][C]`` is independence)."""
        parts = ["*".join(lists[j] for j in self.members(c)) for c in self.cliques]
        return "".join(f"[{p}]" for p in parts)


def _bit(k: int, j: int) -> int:
    return 1 << (k - 1 - j)


def _is_chordal(k: int, adj: list[int]) -> bool:
    """Eliminate simplicial vertices (whose neighbours are all adjacent) until none is left (Dirac)."""
    alive = (1 << k) - 1
    while alive:
        for v in range(k):
            vb = _bit(k, v)
            if not alive & vb:
                continue
            nbrs = adj[v] & alive
            ok = all((adj[u] | _bit(k, u)) & nbrs == nbrs for u in range(k) if nbrs & _bit(k, u))
            if ok:
                alive &= ~vb
                break
        else:
            return False
    return True


def _maximal_cliques(k: int, adj: list[int]) -> list[int]:
    complete = []
    for mask in range(1, 1 << k):
        members = [j for j in range(k) if mask & _bit(k, j)]
        if all(adj[a] & _bit(k, b) for a, b in itertools.combinations(members, 2)):
            complete.append(mask)
    return sorted((c for c in complete if not any(c != d and c & d == c for d in complete)),
                  key=lambda c: (-bin(c).count("1"), -c))


def _separators(cliques: list[int]) -> list[int]:
    """Separators of a junction tree: a maximum-weight spanning tree of the clique graph (weights =
    size of the intersection), which is a junction tree when the graph is decomposable (Jensen 1996).
    Empty intersections (between components) are dropped."""
    if len(cliques) <= 1:
        return []
    in_tree = [cliques[0]]
    rest = list(cliques[1:])
    seps = []
    while rest:
        best = max(((bin(a & b).count("1"), i, a & b) for i, b in enumerate(rest) for a in in_tree),
                   key=lambda t: (t[0], -t[1]))
        _w, i, sep = best
        in_tree.append(rest.pop(i))
        if sep:
            seps.append(sep)
    return seps


@lru_cache(maxsize=8)
def decomposable_graphs(k: int) -> tuple[DecomposableGraph, ...]:
    """Every labelled decomposable (chordal) graph on ``k`` vertices: 8, 61 and 822 for k = 3, 4, 5,
    the sets dga ships as graphs3/4/5. Independence (no edge) comes first."""
    if k < 1 or k > 6:
        raise ConfigError(f"decomposable graphs are enumerated for 1 to 6 lists, not {k}")
    pairs = list(itertools.combinations(range(k), 2))
    out = []
    for code in range(1 << len(pairs)):
        edges = tuple(p for i, p in enumerate(pairs) if code >> i & 1)
        adj = [0] * k
        for a, b in edges:
            adj[a] |= _bit(k, b)
            adj[b] |= _bit(k, a)
        if not _is_chordal(k, adj):
            continue
        cliques = _maximal_cliques(k, adj)
        out.append(DecomposableGraph(k, edges, tuple(cliques), tuple(_separators(cliques))))
    return tuple(out)


# ---- priors and grid --------------------------------------------------------------------------------

def missing_grid(n_observed: int, *, max_missing_mult: float = 30.0, length: int = 1000) -> np.ndarray:
    """dga/MSETools' default grid of unobserved counts: ``unique(round(seq(1, mult * n, length.out)))``
    (R's ``round`` is round-half-even, as numpy's)."""
    if length < 2:
        raise ConfigError("the grid of missing counts needs at least 2 points")
    grid = np.unique(np.round(np.linspace(1.0, max_missing_mult * n_observed, length)))
    return grid.astype(np.int64)


def negative_binomial_log_prior(a: float, b: float) -> Callable[[np.ndarray], np.ndarray]:
    """The negative-binomial prior on N of dga's example (Madigan & York 1997, section 4):
    ``log p(N) = N log b - (N + a) log(1 + b) + lgamma(N + a) - lgamma(N + 1) - lgamma(a)``,
    i.e. N ~ NB(size a, success probability 1/(1+b)), mean ``a b``. Returns a function of N."""
    if a <= 0 or b <= 0:
        raise ConfigError(f"negative-binomial prior needs a > 0 and b > 0, got a={a}, b={b}")

    def logprior(N: np.ndarray) -> np.ndarray:
        N = np.asarray(N, dtype=float)
        return N * np.log(b) - (N + a) * np.log1p(b) + gammaln(N + a) - gammaln(N + 1) - gammaln(a)

    logprior.__name__ = f"negative_binomial(a={a:g}, b={b:g})"
    return logprior


def _log_prior_on_grid(prior: Any, N: np.ndarray) -> tuple[np.ndarray, str]:
    if prior is None or (isinstance(prior, str) and prior.replace(" ", "").lower() in ("1/n", "inverse")):
        return -np.log(N.astype(float)), "1/N"
    if isinstance(prior, str):
        key = prior.replace(" ", "").lower()
        if key in ("uniform", "flat", "1"):
            return np.zeros(N.shape[0]), "uniform"
        raise ConfigError.of(N_("unknown prior %(prior)s: use '1/N', 'uniform', a function of N returning log "
                                "prior weights, or an array of log weights, one per grid point"), prior=repr(prior))
    if callable(prior):
        values = np.asarray(prior(N.astype(float)), dtype=float)
        name = getattr(prior, "__name__", "custom")
    else:
        values = np.asarray(prior, dtype=float)
        name = "custom array"
    if values.shape != N.shape:
        raise ConfigError(f"the log prior must give one value per grid point ({N.shape[0]}), got shape "
                          f"{values.shape}")
    if np.isnan(values).any() or np.isposinf(values).any():
        raise ConfigError("the log prior on N has NaN or +inf values")
    return values, name


# ---- the posterior ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DgaPosterior:
    """The joint posterior of graph and N on the grid: ``weights[g, i]`` for graph ``g`` and
    ``N[i] = n + missing[i]``; rows sum to the model probabilities, columns to the posterior of N."""

    graphs: tuple[DecomposableGraph, ...]
    missing: np.ndarray
    N: np.ndarray
    weights: np.ndarray
    log_weights: np.ndarray  # unnormalised log posterior (graph × grid), for checks

    @property
    def model_probabilities(self) -> np.ndarray:
        return self.weights.sum(axis=1)

    @property
    def posterior_N(self) -> np.ndarray:
        return self.weights.sum(axis=0)


def _component_log_ml(full: np.ndarray, k: int, delta: float, missing: np.ndarray) -> np.ndarray:
    """Log Dirichlet-multinomial terms of every marginal table (one row per non-empty subset of lists,
    indexed by its bit mask), the missing count added to the marginal all-zero cell:
    ``sum_cells lgamma(n_cell + a) - lgamma(a)`` with ``a = delta * 2**(k - |subset|)``."""
    cells = np.arange(1 << k)
    out = np.zeros((1 << k, missing.shape[0]))
    miss = missing.astype(float)
    for mask in range(1, 1 << k):
        size = bin(mask).count("1")
        a = delta * 2.0 ** (k - size)
        marginal = np.bincount(cells & mask, weights=full, minlength=1 << k)[
            [c for c in range(1 << k) if c & ~mask == 0]]
        # the marginal cell 0 (all lists of the subset missed) holds the unobserved individuals
        rest = marginal[1:]
        const = float(np.sum(gammaln(rest + a)) - rest.shape[0] * gammaln(a))
        out[mask] = const + gammaln(marginal[0] + miss + a) - gammaln(a)
    return out


def dga_posterior(full: np.ndarray, missing: np.ndarray, delta: float, log_prior_N: np.ndarray,
                  *, graphs: Sequence[DecomposableGraph] | None = None,
                  log_prior_graphs: np.ndarray | None = None) -> DgaPosterior:
    """dga's ``bma.cr``: posterior weights over graphs × missing counts for a flat ``2**k`` table
    (cell numbering of :class:`CaptureTable`, cell 0 ignored)."""
    full = np.asarray(full, dtype=float).ravel().copy()
    k = int(round(np.log2(full.shape[0])))
    full[0] = 0.0
    graphs = tuple(graphs) if graphs is not None else decomposable_graphs(k)
    missing = np.asarray(missing, dtype=np.int64)
    n = full.sum()
    comp = _component_log_ml(full, k, delta, missing)
    # each graph is a ±1 combination of component terms: cliques minus separators
    design = np.zeros((len(graphs), 1 << k))
    ncomp = np.zeros(len(graphs))
    for g, graph in enumerate(graphs):
        for c in graph.cliques:
            design[g, c] += 1.0
        for s in graph.separators:
            design[g, s] -= 1.0
        ncomp[g] = len(graph.cliques) - len(graph.separators)
    total_prior = (1 << k) * delta
    D = gammaln(total_prior) - gammaln(missing + n + total_prior)
    logw = design @ comp + ncomp[:, None] * D[None, :]
    # multinomial coefficient (the observed-cell factorials are a constant and kept out)
    logw += (gammaln(missing + n + 1.0) - gammaln(missing + 1.0))[None, :]
    logw += np.asarray(log_prior_N, dtype=float)[None, :]
    if log_prior_graphs is not None:
        lp = np.asarray(log_prior_graphs, dtype=float)
        if lp.shape != (len(graphs),):
            raise ConfigError(f"log_prior_graphs needs one value per graph ({len(graphs)}), got {lp.shape}")
        logw += lp[:, None]
    shifted = np.exp(logw - np.max(logw))
    weights = shifted / shifted.sum()
    return DgaPosterior(graphs=graphs, missing=missing, N=missing + int(n), weights=weights, log_weights=logw)


def _first_above(cum: np.ndarray, values: np.ndarray, q: float) -> float:
    """MSETools' quantile: the first grid value whose cumulative probability exceeds ``q``."""
    idx = int(np.argmax(cum > q)) if np.any(cum > q) else cum.shape[0] - 1
    return float(values[idx])


def _summaries(N: np.ndarray, p: np.ndarray, level: float) -> dict[str, float]:
    p = p / p.sum()
    cum = np.cumsum(p)
    Nf = N.astype(float)
    mean = float(np.sum(p * Nf))
    return {
        "median": _first_above(cum, Nf, 0.5),
        "lower": _first_above(cum, Nf, (1.0 - level) / 2.0),
        "upper": _first_above(cum, Nf, (1.0 + level) / 2.0),
        "mean": mean,
        "sd": float(np.sqrt(max(np.sum(p * (Nf - mean) ** 2), 0.0))),
        "mode": float(Nf[int(np.argmax(p))]),
        # Bayes estimator under relative squared loss ((N - est) / N)^2, dga's and M & Y's summary
        "bayes_relative_squared_loss": float(np.sum(p / Nf) / np.sum(p / Nf ** 2)),
        "probability": float(p.sum()),
    }


def _trimmed_posterior(N: np.ndarray, p: np.ndarray, eps: float = 1e-6) -> dict[str, list]:
    """The posterior of N on the grid, without the far tails (cumulative mass below eps or above
    1 - eps), for plots and JSON."""
    cum = np.cumsum(p)
    lo = int(np.searchsorted(cum, eps))
    hi = int(np.searchsorted(cum, 1.0 - eps)) + 1
    lo, hi = max(0, lo - 1), min(N.shape[0], hi + 1)
    return {"N": [int(x) for x in N[lo:hi]], "probability": [float(x) for x in p[lo:hi]]}


def estimate_dga(table: CaptureTable | Any, *, delta: float | None = None, prior: Any = "1/N",
                 missing: Sequence[int] | np.ndarray | None = None, max_missing_mult: float = 30.0,
                 grid_size: int = 1000, log_prior_graphs: Sequence[float] | None = None,
                 level: float = 0.95, top: int = 20) -> EstimateResult:
    """Bayesian model averaging over the decomposable graphical models of 3 to 5 lists.

    ``delta``: hyper-Dirichlet prior count in each of the ``2**k`` cells (default ``2**-k``, as dga's
    users do). ``prior``: the prior on the total N — ``"1/N"`` (default), ``"uniform"``, a function of
    an array of N returning log weights (see :func:`negative_binomial_log_prior`), or an array of log
    weights, one per grid point. ``missing``: the grid of unobserved counts (default
    :func:`missing_grid` with ``max_missing_mult`` × n and ``grid_size`` points). ``log_prior_graphs``:
    log prior weights of the graphs of :func:`decomposable_graphs` (default: all equal).

    The estimate is the posterior median of N; the interval is equal-tailed at ``level``. ``extra``
    holds the posterior mean, mode, s.d. and Bayes estimate under relative squared loss, each also for
    the top model, and the posterior of N on the grid; ``models`` lists the ``top`` most probable
    graphs with their posterior probabilities.
    """
    table = as_table(table)
    k = table.k
    if k < MIN_LISTS or k > MAX_LISTS:
        raise InputError.of(
            N_("dga averages decomposable graphs over %(min)s to %(max)s lists; this table has %(k)s (%(lists)s). "
               "Use the log-linear or LCMCR estimators for two lists.") if k < MIN_LISTS else
            N_("dga averages decomposable graphs over %(min)s to %(max)s lists; this table has %(k)s (%(lists)s). "
               "Estimate on at most %(max)s of them (--lists), or use LCMCR or log-linear models."),
            file=table.source, min=MIN_LISTS, max=MAX_LISTS, k=k, lists=", ".join(table.lists))
    check_level(level)
    delta_value = 2.0 ** -k if delta is None else float(delta)
    if not np.isfinite(delta_value) or delta_value <= 0:
        raise ConfigError.of(N_("--delta (prior count per cell) must be positive, got %(value)s"), value=str(delta))
    n = table.n_observed
    if missing is None:
        grid = missing_grid(n, max_missing_mult=max_missing_mult, length=grid_size)
        grid_desc = f"unique(round(seq(1, {max_missing_mult:g} n, length {grid_size})))"
    else:
        grid = np.asarray(missing)
        if grid.ndim != 1 or grid.shape[0] < 2:
            raise ConfigError("missing must be a 1-d grid of at least 2 unobserved counts")
        if np.any(grid < 0) or np.any(grid != np.round(grid)):
            raise ConfigError("missing counts must be whole numbers >= 0")
        grid = grid.astype(np.int64)
        if np.any(np.diff(grid) <= 0):
            raise ConfigError("missing counts must be strictly increasing")
        grid_desc = f"{grid.shape[0]} values {grid[0]}..{grid[-1]}"
    N = grid + n
    log_prior_N, prior_name = _log_prior_on_grid(prior, N)
    lpg = None if log_prior_graphs is None else np.asarray(log_prior_graphs, dtype=float)

    post = dga_posterior(table.full_array(flat=True), grid, delta_value, log_prior_N,
                         log_prior_graphs=lpg)
    model_p = post.model_probabilities
    order = np.argsort(-model_p, kind="stable")
    pN = post.posterior_N
    avg = _summaries(N, pN, level)
    best = int(order[0])
    top_summary = _summaries(N, post.weights[best], level)

    warnings = []
    tail = pN[-max(1, grid.shape[0] // 100):].sum()
    if tail > 1e-3:
        warnings.append(note("grid_cut", share=round(100 * float(tail), 1), top=int(N[-1])))
    if pN[0] > 0.01:
        warnings.append(note("grid_start", first=int(N[0]), share=round(100 * float(pN[0]), 1)))
    empty = int((table.observable_counts() == 0).sum())
    if empty > (1 << k) // 2:
        warnings.append(note("empty_cells", empty=empty, cells=(1 << k) - 1))

    describe = [g.describe(table.lists) for g in post.graphs]
    models = tuple((describe[i], float(model_p[i])) for i in order[:top])
    settings = {
        "delta": delta_value,
        "prior": prior_name,
        "missing_grid": grid_desc,
        "graphs": len(post.graphs),
        "log_prior_graphs": "uniform" if lpg is None else "custom",
        "point_estimate": "posterior median",
    }
    diagnostics = {
        "graphs_averaged": len(post.graphs),
        "top_model_probability": float(model_p[best]),
        "effective_number_of_models": float(1.0 / np.sum(model_p ** 2)),
        "grid_points": int(grid.shape[0]),
        "posterior_mass_top_percent_of_grid": float(tail),
    }
    extra = {
        "posterior_mean": avg["mean"],
        "posterior_median": avg["median"],
        "posterior_mode": avg["mode"],
        "posterior_sd": avg["sd"],
        "bayes_relative_squared_loss": avg["bayes_relative_squared_loss"],
        "top_model": {"model": describe[best], "probability": float(model_p[best]),
                      **{key: top_summary[key] for key in ("median", "lower", "upper", "mean", "mode",
                                                           "bayes_relative_squared_loss")}},
        "posterior_N": _trimmed_posterior(N, pN),
        "model_probabilities": {describe[i]: float(model_p[i]) for i in order},
    }
    return EstimateResult(
        method="dga", observed=n, estimate=avg["median"], lower=avg["lower"], upper=avg["upper"],
        level=level, model=f"average of {len(post.graphs)} decomposable graphs; top {describe[best]} "
                           f"(p = {model_p[best]:.3f})",
        models=models, models_measure="probability", settings=settings, seed=None, diagnostics=diagnostics,
        warnings=tuple(warnings),
        extra=extra, lists=table.lists, interval_method="equal-tailed posterior (grid)")
