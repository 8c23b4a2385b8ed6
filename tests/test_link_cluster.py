"""Clustering with constraints: connected components, decisions, duplicate-free sources, bridges."""

from __future__ import annotations

import logging
import random

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.link.cluster import bridges, cluster


def _groups(labels: dict[int, int]) -> set[frozenset[int]]:
    out: dict[int, set[int]] = {}
    for n, c in labels.items():
        out.setdefault(c, set()).add(n)
    return {frozenset(v) for v in out.values()}


def test_without_constraints_it_is_splinks_connected_components() -> None:
    from splink import DuckDBAPI
    from splink.clustering import cluster_pairwise_predictions_at_threshold

    rng = random.Random(4)
    nodes = list(range(1, 301))
    edges = []
    for _ in range(400):
        a, b = rng.sample(nodes, 2)
        edges.append((min(a, b), max(a, b), rng.random()))
    ours = _groups(cluster(nodes, edges, 0.7))
    db = DuckDBAPI()
    df_nodes = db.register(pd.DataFrame({"unique_id": nodes}))
    df_edges = db.register(pd.DataFrame({"unique_id_l": [e[0] for e in edges], "unique_id_r": [e[1] for e in edges],
                                         "match_probability": [e[2] for e in edges]}))
    logging.disable(logging.WARNING)
    try:
        out = cluster_pairwise_predictions_at_threshold(df_nodes, df_edges, db_api=db, node_id_column_name="unique_id",
                                                        threshold_match_probability=0.7).as_pandas_dataframe()
    finally:
        logging.disable(logging.NOTSET)
    theirs = _groups(dict(zip(out["unique_id"], out["cluster_id"], strict=True)))
    assert ours == theirs


def test_different_splits_and_same_merges() -> None:
    # a chain 1-2-3-4 with a weak middle link; a reviewer says 1 and 4 are different people
    edges = [(1, 2, 0.99), (2, 3, 0.95), (3, 4, 0.999), (5, 6, 0.2)]
    labels = cluster(range(1, 7), edges, 0.9, different=[(4, 1)], same=[(6, 5)])
    groups = _groups(labels)
    assert frozenset({1, 2}) in groups and frozenset({3, 4}) in groups, "the weakest link gives way"
    assert frozenset({5, 6}) in groups
    # a "different" pair is never merged even through a "same" chain
    labels = cluster([1, 2, 3], [], 0.9, same=[(1, 2), (2, 3)], different=[(1, 3)])
    assert labels[1] != labels[3]
    # labels are the smallest record id of each cluster, whatever the input order
    assert cluster([3, 1, 2], [(2, 3, 0.95), (1, 2, 0.95)], 0.9) == {1: 1, 2: 1, 3: 1}


def test_duplicate_free_sources_link_one_to_one() -> None:
    src = {1: "a", 2: "a", 3: "b", 4: "b"}
    edges = [(1, 3, 0.99), (2, 3, 0.97), (2, 4, 0.95), (1, 4, 0.92)]
    plain = _groups(cluster(src, edges, 0.9, source_of=src))
    assert plain == {frozenset({1, 2, 3, 4})}
    one_to_one = _groups(cluster(src, edges, 0.9, source_of=src, duplicate_free=["a", "b"]))
    assert one_to_one == {frozenset({1, 3}), frozenset({2, 4})}
    # only one side duplicate-free: b may hold duplicates, a may not
    half = _groups(cluster(src, edges, 0.9, source_of=src, duplicate_free=["a"]))
    assert all(sum(1 for n in g if src[n] == "a") <= 1 for g in half)


def test_bridges() -> None:
    edges = [(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (5, 6), (6, 4), (7, 8)]
    assert bridges(edges) == {(3, 4), (7, 8)}


@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=30))
def test_bridges_are_the_edges_whose_removal_splits_a_component(edges: list[tuple[int, int]]) -> None:
    import networkx as nx

    simple = {(min(a, b), max(a, b)) for a, b in edges if a != b}

    def parts(kept: set[tuple[int, int]]) -> int:
        g = nx.Graph()
        g.add_nodes_from(n for e in simple for n in e)
        g.add_edges_from(kept)
        return nx.number_connected_components(g)

    whole = parts(simple)
    assert bridges(edges) == {e for e in simple if parts(simple - {e}) > whole}
