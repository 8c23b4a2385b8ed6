"""Who each list sees: capture probabilities that differ between people and depend between lists.

Real lists are biased towards visible victims (heterogeneity) and feed each other (a partner group
forwards cases to another: list dependence). Both break the independence that the simplest estimators
assume, so the generator exposes both as knobs and records them, letting benchmarks measure how each
estimator copes when its assumptions do and do not hold.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class CaptureSettings:
    """``base``: each list's capture probability for a person of average visibility.
    ``heterogeneity``: s.d. of a person's log-odds visibility, shared by all lists (0 = homogeneous).
    ``dependence``: added log-odds of list j+1 seeing a person list j saw (0 = independent lists)."""

    base: tuple[float, ...]
    heterogeneity: float = 0.0
    dependence: float = 0.0


@dataclass(frozen=True)
class CaptureWorld:
    """Observed capture patterns of a population of known size (the all-zero pattern never appears)."""

    list_names: tuple[str, ...]
    table: dict[tuple[int, ...], int]
    n_total: int
    seed: int
    settings: CaptureSettings = field(repr=False)

    @property
    def n_observed(self) -> int:
        return sum(self.table.values())


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def capture_matrix(rng: np.random.Generator, n: int, settings: CaptureSettings,
                   visibility: np.ndarray | None = None) -> np.ndarray:
    """An n × k boolean matrix: does list j see person i. ``visibility`` overrides the drawn one."""
    base = np.asarray(settings.base, dtype=float)
    if np.any((base <= 0) | (base >= 1)):
        raise ValueError("capture probabilities must lie strictly between 0 and 1")
    if visibility is None:
        visibility = rng.normal(0.0, 1.0, size=n)
    logits = _logit(base)[None, :] + settings.heterogeneity * visibility[:, None]
    seen = np.zeros((n, base.size), dtype=bool)
    for j in range(base.size):
        lj = logits[:, j].copy()
        if j > 0 and settings.dependence:
            lj += settings.dependence * seen[:, j - 1]
        seen[:, j] = rng.random(n) < 1.0 / (1.0 + np.exp(-lj))
    return seen


def simulate_captures(n_total: int, n_lists: int, *, seed: int, base: tuple[float, ...] | None = None,
                      heterogeneity: float = 0.0, dependence: float = 0.0) -> CaptureWorld:
    """A capture-history table of ``n_total`` people seen by ``n_lists`` lists, with the truth kept.

    Default capture probabilities spread between 0.15 and 0.35 so that the lists overlap as much as
    real human-rights lists do (a few per cent of people on three or more lists).
    """
    if n_total < 1:
        raise ValueError("n_total must be at least 1")
    if n_lists < 2:
        raise ValueError("multiple-systems estimation needs at least 2 lists")
    rng = np.random.default_rng(seed)
    if base is None:
        base = tuple(float(x) for x in rng.uniform(0.15, 0.35, size=n_lists))
    if len(base) != n_lists:
        raise ValueError(f"base has {len(base)} probabilities for {n_lists} lists")
    settings = CaptureSettings(base=tuple(base), heterogeneity=heterogeneity, dependence=dependence)
    seen = capture_matrix(rng, n_total, settings)
    observed = seen[seen.any(axis=1)].astype(np.int8)
    table = Counter(map(tuple, observed.tolist()))
    names = tuple(chr(ord("A") + j) for j in range(n_lists))
    return CaptureWorld(list_names=names, table=dict(sorted(table.items(), reverse=True)), n_total=n_total,
                        seed=seed, settings=settings)
