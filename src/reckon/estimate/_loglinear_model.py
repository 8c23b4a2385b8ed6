"""Log-linear algebra for multiple-systems estimation: hierarchical models as sets of interaction terms,
their enumeration, and the fit of one model to a capture table (Poisson IRLS in the numba kernels).

Private: :mod:`reckon.estimate.loglinear` is the public module and re-exports what callers use. The
model behind it is described there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import optimize

from reckon.errors import N_, ConfigError
from reckon.estimate import _loglinear_kernels as K
from reckon.estimate.table import CaptureTable, as_table

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
                raise ConfigError.of(N_("unknown list %(names)s in model %(model)s; lists are %(lists)s"),
                                     names=", ".join(map(repr, unknown)), model=repr(spec), lists=", ".join(lists))
            if len(set(names)) < 2:
                if len(set(names)) == 1:
                    continue  # a main effect: always in
                raise ConfigError.of(N_("empty term in model %(model)s"), model=repr(spec))
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
        raise ConfigError.of(N_("the model is for %(model_k)s lists, the table has %(k)s"), model_k=model.k, k=k)
    if (1 << k) - 1 in model.terms:
        raise ConfigError.of(N_("the interaction of all lists cannot be estimated (the unobserved cell is "
                                "missing)"))
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


