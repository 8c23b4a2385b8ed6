"""Linkage uncertainty: how sure is an estimate when we are not sure who is who?

Record linkage gives, for candidate pairs of records, a probability that they describe the same person.
A capture table built from one clustering treats those guesses as facts. Here we draw many clusterings
from the pair probabilities (honouring human review decisions: forced same person, forced different
people), build the capture table of each, estimate on each, and combine: the combined interval carries
both the estimator's own uncertainty and the linkage's, and is reported beside the interval of the
single best clustering, which ignores the latter.

Plain data in (record ids, each record's list, pairs with probabilities, decisions), an
:class:`EstimateResult` out; no database.

How a clustering is drawn: every candidate pair is linked independently with its probability (forced
pairs always), in random order; links are merged with a union-find that refuses any merge joining two
records that review said are different people (directly or through others). The clusters are the
connected components. This ignores dependence between pair decisions (transitivity is imposed by the
merge, which tends to over-merge chains of weak links); it is a simple, documented approximation.

How draws are combined: each draw's estimate and interval define a log-normal approximation of its
uncertainty (median = estimate; the interval's log-width gives the s.d.); an equal number of values is
drawn from each and pooled, and the pooled median and quantiles are reported (a mixture over linkage
draws, as multiple imputation does, without assuming normality across draws).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import norm

from reckon.errors import ConfigError, InputError
from reckon.estimate import estimator
from reckon.estimate.notes import note
from reckon.estimate.result import EstimateResult, check_level
from reckon.estimate.table import CaptureTable

__all__ = ["capture_table_from_clusters", "estimate_with_linkage_uncertainty", "sample_clusterings"]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: list[set[int]] = [{i} for i in range(n)]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int, apart: Mapping[int, set[int]]) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, large = (ra, rb) if len(self.members[ra]) < len(self.members[rb]) else (rb, ra)
        for i in self.members[small]:
            for j in apart.get(i, ()):
                if self.find(j) == large:
                    return False
        self.parent[small] = large
        self.members[large] |= self.members[small]
        self.members[small] = set()
        return True

    def labels(self) -> np.ndarray:
        roots = [self.find(i) for i in range(len(self.parent))]
        _, labels = np.unique(roots, return_inverse=True)
        return labels.astype(np.int64)


def _index(record_ids: Sequence[Hashable]) -> dict[Hashable, int]:
    index: dict[Hashable, int] = {}
    for i, rid in enumerate(record_ids):
        if rid in index:
            raise InputError(f"record id {rid!r} appears twice")
        index[rid] = i
    return index


def _pairs(pairs: Iterable[Sequence[Any]], index: Mapping[Hashable, int]) -> tuple[np.ndarray, np.ndarray]:
    ends, probs = [], []
    for k, pair in enumerate(pairs, start=1):
        try:
            a, b, p = pair
        except (TypeError, ValueError):
            raise InputError(f"pair {k}: expected (record_a, record_b, probability), got {pair!r}") from None
        for rid in (a, b):
            if rid not in index:
                raise InputError(f"pair {k}: unknown record id {rid!r}")
        p = float(p)
        if not 0.0 <= p <= 1.0 or math.isnan(p):
            raise InputError(f"pair {k}: probability must lie in [0, 1], got {p}")
        if a == b:
            continue
        ends.append((index[a], index[b]))
        probs.append(p)
    return np.array(ends, dtype=np.int64).reshape(-1, 2), np.array(probs, dtype=float)


def _decisions(decisions: Iterable[Sequence[Hashable]], index: Mapping[Hashable, int], what: str) -> list[tuple[int, int]]:
    out = []
    for pair in decisions:
        try:
            a, b = pair
        except (TypeError, ValueError):
            raise InputError(f"{what}: expected (record_a, record_b), got {pair!r}") from None
        for rid in (a, b):
            if rid not in index:
                raise InputError(f"{what}: unknown record id {rid!r}")
        out.append((index[a], index[b]))
    return out


def sample_clusterings(record_ids: Sequence[Hashable], pairs: Iterable[Sequence[Any]], *, draws: int = 100,
                       seed: int | None = None, same: Iterable[Sequence[Hashable]] = (),
                       different: Iterable[Sequence[Hashable]] = ()) -> np.ndarray:
    """``draws`` clusterings of the records (a ``draws × len(record_ids)`` array of cluster labels).

    ``pairs``: ``(record_a, record_b, probability same person)``; ``same``/``different``: review
    decisions, always honoured (a forced-same pair that contradicts a forced-different one is an error).
    """
    if draws < 1:
        raise ConfigError(f"draws must be at least 1, got {draws}")
    index = _index(record_ids)
    ends, probs = _pairs(pairs, index)
    must = _decisions(same, index, "forced same")
    apart: dict[int, set[int]] = {}
    for a, b in _decisions(different, index, "forced different"):
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    n = len(record_ids)
    base = _UnionFind(n)
    for a, b in must:
        if not base.union(a, b, apart):
            raise InputError(f"review decisions contradict each other: {record_ids[a]!r} and {record_ids[b]!r} "
                             "are forced together but that joins records forced apart")
    rng = np.random.default_rng(seed)
    out = np.empty((draws, n), dtype=np.int64)
    for d in range(draws):
        uf = _UnionFind(n)
        uf.parent = list(base.parent)
        uf.members = [set(m) for m in base.members]
        take = np.flatnonzero(rng.random(probs.shape[0]) < probs)
        for e in rng.permutation(take):
            uf.union(int(ends[e, 0]), int(ends[e, 1]), apart)
        out[d] = uf.labels()
    return out


def capture_table_from_clusters(labels: Sequence[int] | np.ndarray, record_lists: Sequence[str],
                                lists: Sequence[str] | None = None) -> CaptureTable:
    """The capture table of one clustering: a person (cluster) is on every list one of its records is."""
    labels = np.asarray(labels)
    if labels.shape[0] != len(record_lists):
        raise InputError(f"{labels.shape[0]} labels for {len(record_lists)} records")
    names = tuple(lists) if lists is not None else tuple(sorted(set(record_lists)))
    col = {name: j for j, name in enumerate(names)}
    unknown = sorted({s for s in record_lists if s not in col})
    if unknown:
        raise InputError(f"records on lists not named in lists: {', '.join(map(str, unknown))}")
    _, cluster = np.unique(labels, return_inverse=True)
    patterns = np.zeros((cluster.max() + 1, len(names)), dtype=np.int8)
    patterns[cluster, [col[s] for s in record_lists]] = 1
    return CaptureTable(names, patterns, np.ones(patterns.shape[0], dtype=np.int64))


def _lognormal_draws(result: EstimateResult, size: int, rng: np.random.Generator) -> np.ndarray:
    est = result.estimate
    lo, hi = result.lower, result.upper
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0 or hi <= lo:
        return np.full(size, est)
    z = norm.ppf(0.5 + result.level / 2)
    centre = math.log(est) if est > 0 else 0.5 * (math.log(lo) + math.log(hi))
    sd = (math.log(hi) - math.log(lo)) / (2 * z)
    return np.exp(centre + sd * rng.standard_normal(size))


def _resolve(method: str | Callable[..., EstimateResult]) -> tuple[str, Callable[..., EstimateResult]]:
    if callable(method):
        return getattr(method, "__name__", "custom"), method
    return method, estimator(method)


def estimate_with_linkage_uncertainty(record_ids: Sequence[Hashable], record_lists: Sequence[str],
                                      pairs: Iterable[Sequence[Any]], *,
                                      method: str | Callable[..., EstimateResult] = "loglinear",
                                      draws: int = 50, seed: int | None = None,
                                      same: Iterable[Sequence[Hashable]] = (),
                                      different: Iterable[Sequence[Hashable]] = (),
                                      lists: Sequence[str] | None = None, level: float = 0.95,
                                      threshold: float = 0.5, per_draw: int = 400,
                                      **estimator_kwargs: Any) -> EstimateResult:
    """Estimate with ``method`` on ``draws`` clusterings drawn from the pair probabilities and combine.

    ``record_lists[i]`` is the list (source) of ``record_ids[i]``. The result's estimate and interval
    are the combined ones; ``extra["ignoring_linkage"]`` holds the estimate on the single clustering
    that links every pair with probability >= ``threshold`` (plus forced decisions), i.e. what one would
    report without this analysis; ``extra["draws"]`` each draw's observed count, estimate and interval.
    Extra keyword arguments go to the estimator (a ``seed`` there is derived per draw when ``seed`` is
    given).
    """
    check_level(level)
    if len(record_ids) != len(record_lists):
        raise InputError(f"{len(record_ids)} record ids but {len(record_lists)} list names")
    name, fn = _resolve(method)
    import inspect

    try:
        accepted = set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        accepted = set()
    pair_list = [tuple(p) for p in pairs]
    same, different = list(same), list(different)
    names = tuple(lists) if lists is not None else tuple(sorted(set(record_lists)))
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % (2 ** 63))
    labels = sample_clusterings(record_ids, pair_list, draws=draws, seed=seed, same=same, different=different)
    point_labels = sample_clusterings(record_ids, [(a, b, 1.0) for a, b, p in pair_list if float(p) >= threshold],
                                      draws=1, seed=0, same=same, different=different)[0]

    def run(lab: np.ndarray, i: int) -> EstimateResult:
        kwargs = dict(estimator_kwargs)
        if "seed" in accepted and "seed" not in kwargs:
            kwargs["seed"] = int(seed) * 1000 + i
        return fn(capture_table_from_clusters(lab, record_lists, names), level=level, **kwargs)

    point = run(point_labels, 0)
    results = [run(labels[d], d + 1) for d in range(draws)]
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([_lognormal_draws(r, per_draw, rng) for r in results])
    lower, median, upper = np.quantile(pooled, [(1 - level) / 2, 0.5, (1 + level) / 2])
    observed = np.array([r.observed for r in results])
    estimates = np.array([r.estimate for r in results])
    warnings = list(point.warnings)
    if point.lower is not None and point.upper is not None and upper - lower > 1.25 * (point.upper - point.lower):
        warnings.append(note("linkage_widens", level=round(100 * level),
                             share=round(100 * ((upper - lower) / (point.upper - point.lower) - 1))))
    return EstimateResult(
        method=f"{name}+linkage", observed=point.observed, estimate=float(median), lower=float(lower),
        upper=float(upper), level=level, model=point.model, models=point.models,
        models_measure=point.models_measure,
        settings={"method": name, "draws": draws, "threshold": threshold, "per_draw": per_draw,
                  "pairs": len(pair_list), "forced_same": len(same), "forced_different": len(different),
                  **{k: v for k, v in estimator_kwargs.items() if isinstance(v, int | float | str | bool)}},
        seed=seed,
        diagnostics={"observed_min": int(observed.min()), "observed_max": int(observed.max()),
                     "between_draw_sd_of_estimate": float(estimates.std(ddof=1)) if draws > 1 else 0.0,
                     "draws": draws},
        warnings=tuple(warnings),
        extra={"ignoring_linkage": {"estimate": point.estimate, "lower": point.lower, "upper": point.upper,
                                    "observed": point.observed},
               "draws": [{"observed": r.observed, "estimate": r.estimate, "lower": r.lower, "upper": r.upper}
                         for r in results]},
        lists=names, interval_method="mixture over linkage draws (log-normal per draw)")
