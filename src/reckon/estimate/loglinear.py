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
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import optimize, stats

from reckon.errors import ConfigError, InputError
from reckon.estimate import _loglinear_kernels as K
from reckon.estimate.result import EstimateResult
from reckon.estimate.table import CaptureTable, as_table

__all__ = [
    "HierarchicalModel",
    "LoglinearFit",
    "ModelSearch",
    "default_max_order",
    "enumerate_models",
    "estimate_loglinear",
    "fit_loglinear",
    "mle_exists",
    "multinomial_profile_interval",
    "poisson_profile_interval",
    "search_models",
]

CRITERIA = ("bic", "aic")
INTERVALS = ("profile", "poisson-profile", "wald", "bootstrap", "none")
DEFAULT_MAX_MODELS = 200_000
MAXIT = 100
TOL = 1e-12


# ---- models -----------------------------------------------------------------------------------------

def _popcount(x: int) -> int:
    return bin(x).count("1")


def _bits(mask: int, k: int) -> tuple[int, ...]:
    """List indices (0-based, in list order) of a term mask (bit k-1-j is list j)."""
    return tuple(j for j in range(k) if mask >> (k - 1 - j) & 1)


def _mask(indices: Iterable[int], k: int) -> int:
    m = 0
    for j in indices:
        m |= 1 << (k - 1 - j)
    return m


def _term_key(mask: int, k: int) -> tuple[int, tuple[int, ...]]:
    return (_popcount(mask), _bits(mask, k))


def _closure(terms: Iterable[int], k: int) -> tuple[int, ...]:
    """Every interaction (>= 2 lists) contained in the given terms: the hierarchical model they generate."""
    out: set[int] = set()
    for t in terms:
        bits = [b for b in range(k) if t >> b & 1]
        # all sub-masks of t with at least two bits
        sub = t
        while sub:
            if _popcount(sub) >= 2:
                out.add(sub)
            sub = (sub - 1) & t
        del bits
    return tuple(sorted(out, key=lambda m: _term_key(m, k)))


@dataclass(frozen=True)
class HierarchicalModel:
    """A hierarchical log-linear model on ``k`` lists: its interaction terms (bit masks, >= 2 lists).

    The intercept and every main effect are always in; ``terms`` is closed under taking subsets.
    """

    k: int
    terms: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        closed = _closure(self.terms, self.k)
        if any(t >= (1 << self.k) or t < 0 for t in closed):
            raise ConfigError(f"interaction term out of range for {self.k} lists")
        object.__setattr__(self, "terms", closed)

    @property
    def order(self) -> int:
        """Highest interaction order (1 = main effects only)."""
        return max((_popcount(t) for t in self.terms), default=1)

    @property
    def n_params(self) -> int:
        """Intercept + main effects + interactions."""
        return 1 + self.k + len(self.terms)

    @property
    def generators(self) -> tuple[int, ...]:
        """The maximal interaction terms (the others follow from them)."""
        return tuple(t for t in self.terms if not any(u != t and (u & t) == t for u in self.terms))

    def term_names(self, lists: Sequence[str]) -> list[str]:
        return [":".join(lists[j] for j in _bits(t, self.k)) for t in self.terms]

    def describe(self, lists: Sequence[str] | None = None) -> str:
        """``main effects`` or the generating interactions, e.g. ``A:E + B:C:D``."""
        lists = list(lists) if lists is not None else _default_names(self.k)
        if not self.terms:
            return "main effects"
        return " + ".join(":".join(lists[j] for j in _bits(t, self.k)) for t in self.generators)

    def with_term(self, mask: int) -> HierarchicalModel:
        return HierarchicalModel(self.k, (*self.terms, mask))

    @classmethod
    def main_effects(cls, k: int) -> HierarchicalModel:
        return cls(k, ())

    @classmethod
    def parse(cls, spec: str | Sequence[str] | Sequence[Sequence[str]], lists: Sequence[str]) -> HierarchicalModel:
        """From ``"A:B + C:D:E"`` (also ``,``/``*`` separators), ``"main"``/``"independence"`` or a list of
        terms (each ``"A:B"`` or a sequence of list names)."""
        lists = list(lists)
        k = len(lists)
        if isinstance(spec, str):
            text = spec.strip()
            if text.lower() in ("", "main", "main effects", "independence", "1", "[]"):
                return cls(k, ())
            parts = [p for p in re.split(r"\s*[+,;]\s*|\s+", text) if p]
        else:
            parts = list(spec)
        masks = []
        for part in parts:
            names = [n for n in re.split(r"[:*]", part) if n] if isinstance(part, str) else list(part)
            unknown = [n for n in names if n not in lists]
            if unknown:
                raise ConfigError(f"unknown list {', '.join(map(repr, unknown))} in model {spec!r}; "
                                  f"lists are {', '.join(lists)}")
            if len(set(names)) < 2:
                if len(set(names)) == 1:
                    continue  # a main effect: always in
                raise ConfigError(f"empty term in model {spec!r}")
            masks.append(_mask((lists.index(n) for n in names), k))
        return cls(k, tuple(masks))


def _default_names(k: int) -> list[str]:
    return [chr(ord("A") + j) if k <= 26 else f"L{j + 1}" for j in range(k)]


def default_max_order(k: int) -> int:
    """As the MultipleSystemsEstimation package: 1 for 2 lists, 2 for 3, 3 for 4-5, 2 for 6 or more."""
    return {2: 1, 3: 2, 4: 3, 5: 3}.get(k, 2)


def _candidate_terms(k: int, max_order: int) -> list[int]:
    out = []
    for size in range(2, max_order + 1):
        for combo in _combinations(k, size):
            out.append(_mask(combo, k))
    return out


def _combinations(k: int, size: int) -> Iterator[tuple[int, ...]]:
    import itertools

    return itertools.combinations(range(k), size)


def count_models(k: int, max_order: int, limit: int | None = None) -> int:
    """How many hierarchical models enumerate_models would give (stops counting past ``limit``)."""
    n = 0
    for _ in enumerate_models(k, max_order):
        n += 1
        if limit is not None and n > limit:
            break
    return n


def enumerate_models(k: int, max_order: int) -> Iterator[tuple[int, ...]]:
    """Every hierarchical model with interactions of order <= ``max_order`` (terms as bit masks).

    Main effects first; the ``k``-way interaction is never included (with the unobserved cell missing
    it cannot be estimated).
    """
    max_order = min(max_order, k - 1)
    if max_order <= 1:
        yield ()
        return
    pairs = _candidate_terms(k, 2)
    if max_order == 2:
        for bits in range(1 << len(pairs)):
            yield tuple(pairs[i] for i in range(len(pairs)) if bits >> i & 1)
        return
    cands = _candidate_terms(k, max_order)

    def rec(i: int, chosen: list[int], chosen_set: set[int]) -> Iterator[tuple[int, ...]]:
        if i == len(cands):
            yield tuple(chosen)
            return
        t = cands[i]
        # exclude t
        yield from rec(i + 1, chosen, chosen_set)
        # include t if all its (size-1)-subsets of size >= 2 are in
        size = _popcount(t)
        if size >= 3:
            for b in range(k):
                if t >> b & 1 and (t & ~(1 << b)) not in chosen_set:
                    return
        chosen.append(t)
        chosen_set.add(t)
        yield from rec(i + 1, chosen, chosen_set)
        chosen.pop()
        chosen_set.discard(t)

    # order: models with fewer terms are not necessarily first; sort is done by the caller if needed
    yield from rec(0, [], set())


def _models_array(models: Sequence[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    width = max((len(m) for m in models), default=0)
    arr = np.full((len(models), max(width, 1)), -1, dtype=np.int64)
    n = np.zeros(len(models), dtype=np.int64)
    for i, m in enumerate(models):
        arr[i, : len(m)] = m
        n[i] = len(m)
    return arr, n


def _pairwise_models_array(k: int) -> tuple[np.ndarray, np.ndarray, list[tuple[int, ...]] | None]:
    pairs = np.array(_candidate_terms(k, 2), dtype=np.int64)
    n_pairs = len(pairs)
    codes = np.arange(1 << n_pairs, dtype=np.int64)
    bits = ((codes[:, None] >> np.arange(n_pairs)) & 1).astype(bool)
    arr = np.where(bits, pairs[None, :], -1)
    # compact each row: valid terms first, in pair order
    order = np.argsort(~bits, axis=1, kind="stable")
    arr = np.take_along_axis(arr, order, axis=1)
    return arr, bits.sum(axis=1).astype(np.int64), None


# ---- single fits --------------------------------------------------------------------------------------

def _cell_vector(table: CaptureTable) -> np.ndarray:
    return table.full_array(flat=True).astype(np.float64)


def _setup(table_or_y: CaptureTable | np.ndarray, k: int, model: HierarchicalModel):
    y = _cell_vector(table_or_y) if isinstance(table_or_y, CaptureTable) else np.asarray(table_or_y, float)
    y = y.copy()
    y[0] = 0.0
    ystar = K.superset_sum(y, k)
    inter = np.array(model.terms, dtype=np.int64) if model.terms else np.zeros(1, dtype=np.int64)
    terms, keep, n_neg = K._model_setup(k, ystar, inter, len(model.terms))
    neg = tuple(t for t in model.terms if ystar[t] == 0.0)
    return y, terms, keep, neg


def mle_exists(y: np.ndarray, keep: np.ndarray, terms: np.ndarray, k: int) -> bool:
    """Fienberg & Rinaldo's linear-program test (as SparseMSE ``checkident``): does the MLE exist?

    Maximise ``s`` subject to ``A x = A y`` (the sufficient statistics), ``x >= s``, ``x >= 0`` over the
    kept cells; the MLE exists if and only if the optimum is positive.
    """
    cells = np.flatnonzero(keep)
    A = ((cells[None, :] & terms[:, None]) == terms[:, None]).astype(float)
    t = A @ y[cells]
    n = len(cells)
    c = np.zeros(n + 1)
    c[-1] = -1.0
    A_eq = np.hstack([A, np.zeros((A.shape[0], 1))])
    A_ub = np.hstack([-np.eye(n), np.ones((n, 1))])
    res = optimize.linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=t,
                           bounds=[(0, None)] * (n + 1), method="highs")
    if res.status != 0:
        return False
    return -res.fun > 1e-8 * max(1.0, float(y.sum()))


@dataclass(frozen=True)
class LoglinearFit:
    """One fitted hierarchical model."""

    model: HierarchicalModel
    lists: tuple[str, ...]
    n_observed: int
    status: str  # "ok", "not identifiable", "no MLE" (boundary), "not converged"
    estimate: float  # total N = n + exp(intercept)
    intercept: float
    se_intercept: float
    loglik: float
    deviance: float
    df: int
    n_params: int
    bic: float
    aic: float
    coefficients: dict[str, float] = field(default_factory=dict)
    minus_infinity: tuple[str, ...] = ()
    fitted: np.ndarray | None = None  # cell-indexed fitted values (cell 0 = exp(intercept))
    iterations: int = 0

    @property
    def unobserved(self) -> float:
        return self.estimate - self.n_observed

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def criterion(self, name: str) -> float:
        return self.bic if name == "bic" else self.aic

    @property
    def description(self) -> str:
        return self.model.describe(self.lists)


_STATUS = {K.OK: "ok", K.RANK_DEFICIENT: "not identifiable", K.NOT_CONVERGED: "not converged",
           K.NOT_EXIST: "no MLE", K.SUSPECT: "ok"}


def _information_matrix(mu: np.ndarray, terms: np.ndarray, k: int) -> np.ndarray:
    mstar = K.superset_sum(np.asarray(mu, float), k)
    return mstar[terms[:, None] | terms[None, :]]


def fit_loglinear(table: CaptureTable | Any, model: HierarchicalModel | str | Sequence[Any] | None = None,
                  ) -> LoglinearFit:
    """Fit one hierarchical model (default: main effects / independence) by Poisson maximum likelihood."""
    table = as_table(table)
    k = table.k
    if model is None:
        model = HierarchicalModel.main_effects(k)
    elif not isinstance(model, HierarchicalModel):
        model = HierarchicalModel.parse(model, table.lists)
    if model.k != k:
        raise ConfigError(f"model is for {model.k} lists, the table has {k}")
    if (1 << k) - 1 in model.terms:
        raise ConfigError("the interaction of all lists cannot be estimated (the unobserved cell is missing)")
    y, terms, keep, neg = _setup(table, k, model)
    beta = np.zeros(len(terms))
    status, ll_kernel, it, min_mu, mu = K.fit_poisson(k, y, keep, terms, beta, False, MAXIT, TOL, True)
    if status == K.SUSPECT:
        status = K.OK if mle_exists(y, keep, terms, k) else K.NOT_EXIST
    n = table.n_observed
    const = float(np.sum([math.lgamma(v + 1.0) for v in y[1:]]))
    loglik = float(ll_kernel - const)
    n_params = model.n_params
    bic = n_params * math.log(n) - 2 * loglik
    aic = 2 * n_params - 2 * loglik
    names = ["(intercept)", *table.lists, *[":".join(table.lists[j] for j in _bits(int(t), k))
                                            for t in terms[1 + k:]]]
    coefs = {name: float(b) for name, b in zip(names, beta, strict=True)}
    neg_names = tuple(":".join(table.lists[j] for j in _bits(t, k)) for t in neg)
    for nm in neg_names:
        coefs[nm] = -math.inf
    se = math.nan
    if status in (K.OK, K.NOT_CONVERGED):
        try:
            cov = np.linalg.inv(_information_matrix(mu, terms, k))
            se = float(math.sqrt(max(cov[0, 0], 0.0)))
        except np.linalg.LinAlgError:
            se = math.nan
    kept = keep.copy()
    kept[0] = False
    with np.errstate(divide="ignore", invalid="ignore"):
        yk, mk = y[kept], mu[kept]
        dev_terms = np.where(yk > 0, yk * np.log(yk / mk), 0.0) - (yk - mk)
    deviance = float(2 * dev_terms.sum()) if status != K.RANK_DEFICIENT else math.nan
    df = int(kept.sum()) - len(terms)
    fitted = mu.copy()
    fitted[0] = math.exp(beta[0]) if status != K.RANK_DEFICIENT else math.nan
    estimate = n + fitted[0]
    return LoglinearFit(
        model=model, lists=table.lists, n_observed=n, status=_STATUS[status], estimate=float(estimate),
        intercept=float(beta[0]), se_intercept=se, loglik=loglik, deviance=deviance, df=df,
        n_params=n_params, bic=float(bic), aic=float(aic), coefficients=coefs, minus_infinity=neg_names,
        fitted=fitted, iterations=int(it),
    )


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
            raise InputError("no log-linear model could be fitted to this table (every MLE is on the boundary "
                             "or not identifiable)")
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
            raise ConfigError(
                f"{k} lists up to order 2 make {n_models:,} models, more than the limit of {max_models:,}; "
                "lower --max-order, use --method stepwise, or collapse lists")
        arr, n_terms, _ = _pairwise_models_array(k)
        return None, arr, n_terms
    models: list[tuple[int, ...]] = []
    for m in enumerate_models(k, max_order):
        models.append(m)
        if len(models) > max_models:
            raise ConfigError(
                f"{k} lists up to order {max_order} make more than {max_models:,} hierarchical models; "
                "lower --max-order, use --method stepwise, or collapse lists")
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
        raise ConfigError("--max-order must be at least 1 (1 = main effects / independence)")
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
        raise ConfigError(f"unknown criterion {criterion!r}; choose bic or aic")
    return c


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
        raise ConfigError(f"unknown interval {interval!r}; choose one of {', '.join(INTERVALS)}")
    if not 0 < level < 1:
        raise ConfigError(f"--level must be between 0 and 1, got {level}")
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
            warnings.append(f"max order {max_order} reduced to {k - 1}: the interaction of all {k} lists "
                            "cannot be estimated")
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
            warnings.append(f"{search.n_no_mle} of {search.n_fitted} models were left out: their maximum-likelihood "
                            "estimate does not exist for this table (sparse cells)")
        if search.n_not_identifiable:
            warnings.append(f"{search.n_not_identifiable} model{'s were' if search.n_not_identifiable > 1 else ' was'} "
                            "left out as not identifiable")
        if len(weights) > 1 and weights[0] < 0.5:
            warnings.append(f"model uncertainty: the chosen model has only {weights[0]:.0%} of the "
                            f"{criterion.upper()} weight; consider the bootstrap interval")
        ntop_eff = ntop if ntop is not None else {2: None, 3: None, 4: 20}.get(k, 100)
        candidates = [m for m, _s, _e in search.top(ntop_eff if ntop_eff is not None else search.n_usable)]
        if ntop is not None or interval == "bootstrap":
            settings["ntop"] = len(candidates)
    fit = fit_loglinear(table, chosen)
    if fit.status != "ok":
        raise InputError(f"the model {fit.description} cannot be fitted to this table ({fit.status}); "
                         "choose another model or let the search pick one")
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
            warnings.append(f"{boot['n_failed']} of {n_boot} bootstrap resamples had no usable model")
    if upper is not None and not math.isfinite(upper):
        warnings.append("the upper end of the interval is unbounded: the data cannot rule out a very large "
                        "unobserved population under this model")
    for term in fit.minus_infinity:
        warnings.append(f"interaction {term} estimated at minus infinity: no one is on all of "
                        f"{term.replace(':', ', ')}, so those cells are fixed at zero")
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
        level=level, model=method_model, models=models_out, settings=settings,
        seed=seed if interval == "bootstrap" else None, diagnostics=diagnostics, warnings=tuple(warnings),
        extra=extra, lists=table.lists, interval_method=interval_method,
    )


def _sparsity_warnings(table: CaptureTable, fit: LoglinearFit) -> list[str]:
    out = []
    n_cells = (1 << table.k) - 1
    empty = n_cells - table.m
    if table.n_observed < 50:
        out.append(f"only {table.n_observed} individuals observed: the estimate is very uncertain")
    if empty > n_cells / 2:
        out.append(f"sparse table: {empty} of {n_cells} observable capture patterns are empty")
    if fit.estimate > 10 * table.n_observed:
        out.append("the estimate is more than ten times the number observed: the lists overlap too little "
                   "for a stable estimate")
    if fit.df < 0:
        out.append("the model has more parameters than cells")
    return out
