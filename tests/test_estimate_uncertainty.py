"""Linkage uncertainty: clusterings drawn from pair probabilities, review decisions honoured, intervals
combined over draws."""

from __future__ import annotations

import numpy as np
import pytest

from reckon.errors import InputError
from reckon.estimate.uncertainty import (
    capture_table_from_clusters,
    estimate_with_linkage_uncertainty,
    sample_clusterings,
)


def test_decisions_are_honoured() -> None:
    ids = ["a", "b", "c", "d"]
    pairs = [("a", "b", 0.5), ("b", "c", 0.5), ("c", "d", 0.0)]
    labels = sample_clusterings(ids, pairs, draws=400, seed=1, same=[("c", "d")], different=[("a", "c")])
    assert np.all(labels[:, 2] == labels[:, 3])  # forced same
    assert not np.any(labels[:, 0] == labels[:, 2])  # forced apart, even through b
    together = np.mean(labels[:, 0] == labels[:, 1])
    assert 0.4 < together < 0.6  # linked about half the time
    with pytest.raises(InputError, match="contradict"):
        sample_clusterings(ids, [], same=[("a", "b"), ("b", "c")], different=[("a", "c")])
    with pytest.raises(InputError, match="unknown record"):
        sample_clusterings(ids, [("a", "z", 0.3)])


def test_capture_table_of_a_clustering() -> None:
    table = capture_table_from_clusters([0, 0, 1, 2], ["L1", "L2", "L2", "L3"])
    assert table.lists == ("L1", "L2", "L3")
    assert table.as_dict() == {(1, 1, 0): 1, (0, 1, 0): 1, (0, 0, 1): 1}


def test_combined_interval_is_wider_than_ignoring_linkage() -> None:
    # 3 lists over 600 people; each person's records on two lists are linked with probability 0.9 when
    # they are the same person, and 40 decoy pairs of different people score 0.3
    rng = np.random.default_rng(5)
    ids, src, pairs, person_records = [], [], [], {}
    for person in range(600):
        for lst, p in (("A", 0.4), ("B", 0.35), ("C", 0.3)):
            if rng.random() < p:
                rid = f"{person}-{lst}"
                ids.append(rid)
                src.append(lst)
                person_records.setdefault(person, []).append(rid)
    for recs in person_records.values():
        for i in range(len(recs) - 1):
            pairs.append((recs[i], recs[i + 1], 0.9))
    for _ in range(40):
        a, b = rng.choice(len(ids), 2, replace=False)
        if src[a] != src[b]:
            pairs.append((ids[a], ids[b], 0.3))
    result = estimate_with_linkage_uncertainty(ids, src, pairs, method="dga", draws=30, seed=2)
    ignore = result.extra["ignoring_linkage"]
    assert result.method == "dga+linkage"
    assert (result.upper - result.lower) > (ignore["upper"] - ignore["lower"])
    assert result.diagnostics["observed_max"] > result.diagnostics["observed_min"]
    assert len(result.extra["draws"]) == 30
    # the best clustering links every true pair and no decoy: its interval holds the truth; the draws
    # miss 10 % of true links, splitting people and so raising the estimate
    assert ignore["lower"] < 600 < ignore["upper"]
    assert result.estimate > ignore["estimate"]
