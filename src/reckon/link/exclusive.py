"""Two lists of distinct persons: the evidence that a record has no other candidate on the other list.

Splink scores each pair alone, against one prior for every pair of records. But a list documents each
person once (nearly: a few duplicates), so when record *a* of list A has a match on list B, it has one,
and every candidate of B that is already the confident match of another record of A cannot be it. Under
that one-to-one model (the model of Jaro's and Sadinle's bipartite record linkage) the probability that
*a* and *b* are the same person, from *a*'s side, is

    P_a(a~b) = r·BF(a,b) / ((1 - ρ_A) + r·Σ_b' BF(a,b'))

where BF is the pair's Bayes factor (Splink's match weight less its prior), the sum runs over *a*'s
candidates on B that no other record of A has taken, ρ_A is the share of A's records that are on B
(estimated by the links Splink makes at the threshold) and r = ρ_A / F_B the prior of one candidate: each
record documents a distinct person, so given the confident links of the others, *a*'s match, if it has
one, is one of the F_B records of B that no record of A has taken. The same from *b*'s side; the smaller
of the two is kept. A partner's record without a
birth date whose name agrees with one free Viasna record, and with no other, gets its due; a record with
two free namesakes on the other list does not.

The adjustment only raises a cross-list probability (a pair the pairwise model already links keeps its
score: duplicates within a list would otherwise compete with each other), it is added to the pair's
weights as ``one_to_one`` so ``reckon explain`` shows it, and within-list pairs are left as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from reckon.i18n import N_

NAME = "one_to_one"
WEIGHT = f"mw_{NAME}"
# what the adjustment means, as ``reckon explain`` and the review page say it beside its weight
LEVEL = N_("how many free candidates each record has on the other list")
MIN_LINKS = 20  # cross links between two lists needed before their overlap (ρ) is trusted


def _logit2(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return np.log2(p / (1 - p))


def adjust(pairs: pd.DataFrame, source_of: Mapping[int, str], prior_bits: float, threshold: float
           ) -> tuple[pd.DataFrame, dict[str, int]]:
    """Pairs with cross-list probabilities raised where the one-to-one model says more; and a report
    (pairs raised, of them now over the threshold) per list pair."""
    out = pairs.copy()
    if WEIGHT not in out.columns:
        out[WEIGHT] = 0.0
    if not len(out):
        return out, {}
    a = out["record_a"].to_numpy(dtype=np.int64)
    b = out["record_b"].to_numpy(dtype=np.int64)
    src_a = np.array([source_of.get(int(x), "") for x in a], dtype=object)
    src_b = np.array([source_of.get(int(x), "") for x in b], dtype=object)
    prob = out["match_probability"].to_numpy(dtype=float)
    bits = out["match_weight"].to_numpy(dtype=float) - prior_bits
    size: dict[str, int] = {}
    for s in source_of.values():
        size[s] = size.get(s, 0) + 1
    new_prob = prob.copy()
    report: dict[str, int] = {}
    cross = src_a != src_b
    for pair_sources in sorted({tuple(sorted((x, y))) for x, y in zip(src_a[cross], src_b[cross], strict=True)}):
        s1, s2 = pair_sources
        idx = np.flatnonzero(((src_a == s1) & (src_b == s2)) | ((src_a == s2) & (src_b == s1)))
        # orient every pair as (record of s1, record of s2)
        left = np.where(src_a[idx] == s1, a[idx], b[idx])
        right = np.where(src_a[idx] == s1, b[idx], a[idx])
        linked = prob[idx] >= threshold
        k = 0.5 * (len(np.unique(left[linked])) + len(np.unique(right[linked])))
        if k < MIN_LINKS:
            continue
        n1, n2 = size[s1], size[s2]
        rho1, rho2 = min(k / n1, 0.99), min(k / n2, 0.99)
        # given the confident links of the others, a record's match (if it has one) is one of the other
        # list's records nobody has taken
        free1 = max(n1 - len(np.unique(left[linked])), 1)
        free2 = max(n2 - len(np.unique(right[linked])), 1)
        # a candidate is taken when another record of the other list links it at the threshold
        taken_by_l: dict[int, set[int]] = {}
        taken_by_r: dict[int, set[int]] = {}
        for x, y in zip(left[linked].tolist(), right[linked].tolist(), strict=True):
            taken_by_l.setdefault(y, set()).add(x)  # right record y is linked to left record(s) x
            taken_by_r.setdefault(x, set()).add(y)
        pair_bits = np.minimum(bits[idx], 1000.0)
        frame = pd.DataFrame({"l": left, "r": right, "bf": np.exp2(pair_bits + math.log2(rho1 / free2))})
        p_l = _side(frame, "l", "r", taken_by_l, 1 - rho1)
        frame["bf"] = np.exp2(pair_bits + math.log2(rho2 / free1))
        p_r = _side(frame, "r", "l", taken_by_r, 1 - rho2)
        p = np.minimum(p_l, p_r)
        raise_ = p > prob[idx]
        new_prob[idx[raise_]] = p[raise_]
        report[f"{s1} ~ {s2}"] = int(raise_.sum())
        report[f"{s1} ~ {s2} over threshold"] = int((raise_ & (p >= threshold) & ~linked).sum())
    delta = np.where(new_prob > prob, _logit2(new_prob) - _logit2(prob), 0.0)
    out["match_probability"] = new_prob
    out["match_weight"] = out["match_weight"].to_numpy(dtype=float) + delta
    out[WEIGHT] = out[WEIGHT].to_numpy(dtype=float) + delta
    return out, report


def _side(frame: pd.DataFrame, me: str, other: str, taken: dict[int, set[int]], none: float) -> np.ndarray:
    """P(match) from the ``me`` record's side: its pair's prior-weighted Bayes factor over "no match on
    the other list" plus every candidate no other record has taken."""
    mine = frame[me].to_numpy()
    cand = frame[other].to_numpy()
    free = np.array([not (taken.get(c, set()) - {m}) for m, c in zip(mine.tolist(), cand.tolist(), strict=True)])
    contrib = np.where(free, frame["bf"].to_numpy(), 0.0)
    total = pd.Series(contrib).groupby(mine).transform("sum").to_numpy()
    bf = frame["bf"].to_numpy()
    # a taken candidate's own pair counts itself in the denominator all the same
    total = np.where(free, total, total + bf)
    return bf / (none + total)
