"""Clustering scored pairs into persons, with human decisions as hard constraints.

Without constraints this is exactly connected components at the threshold (what Splink's
``cluster_pairwise_predictions_at_threshold`` computes). A component that holds a conflict — two records a
reviewer said are different people, or two records of a source declared duplicate-free — is rebuilt
greedily: links in order of decreasing probability, each taken only if it joins no two records that must
stay apart (for duplicate-free sources this is single-best-link, one-to-one clustering). "Same" decisions
are taken first, always. Pairs the model scored as clearly different ("avoid") act like a reviewer's
"different" except that a reviewer's "same" overrides them: this keeps one sparse record (a name and
nothing else) from chaining two namesakes born thirty years apart into one person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import numpy as np


def _components(nodes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Component label (index into ``nodes``) of every node."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(nodes)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ia = np.searchsorted(nodes, a)
    ib = np.searchsorted(nodes, b)
    graph = coo_matrix((np.ones(len(ia), dtype=np.int8), (ia, ib)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


class _DSU:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}

    def find(self, x: int) -> int:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> int:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return rx
        if len(self.members[rx]) < len(self.members[ry]):
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.members[rx].extend(self.members.pop(ry))
        return rx


def cluster(nodes: Iterable[int], pairs: Iterable[tuple[int, int, float]], threshold: float, *,
            same: Iterable[tuple[int, int]] = (), different: Iterable[tuple[int, int]] = (),
            avoid: Iterable[tuple[int, int]] = (), source_of: Mapping[int, str] | None = None,
            duplicate_free: Iterable[str] = ()) -> dict[int, int]:
    """Cluster label (the smallest record id of the cluster) of every node.

    ``same`` and ``different`` are people's decisions (hard: "different" is never merged, "same" always
    is unless it contradicts a "different"); ``avoid`` are pairs the model itself scored as clearly
    different (soft: they keep links from chaining two namesakes together, but yield to "same").
    """
    nodes_arr = np.unique(np.fromiter((int(n) for n in nodes), dtype=np.int64))
    node_set = set(nodes_arr.tolist())

    def norm(pairs_):
        return {(min(x, y), max(x, y)) for x, y in pairs_ if x in node_set and y in node_set and x != y}

    hard = norm(different)
    soft = norm(avoid) - hard
    same_list = sorted(norm(same) - hard)
    edges = [(int(x), int(y), float(p)) for x, y, p in pairs
             if p >= threshold and x in node_set and y in node_set and (min(x, y), max(x, y)) not in hard]
    all_edges = [(x, y, float("inf")) for x, y in same_list] + edges
    df_sources = set(duplicate_free or ())
    source_of = source_of or {}

    if all_edges:
        ea = np.array([e[0] for e in all_edges], dtype=np.int64)
        eb = np.array([e[1] for e in all_edges], dtype=np.int64)
        labels = _components(nodes_arr, ea, eb)
    else:
        labels = np.arange(len(nodes_arr))

    def comp(ids: list[int]) -> np.ndarray:
        return labels[np.searchsorted(nodes_arr, np.asarray(ids, dtype=np.int64))]

    # Which components hold a conflict? (with arrays: a run has as many records as nodes, and as many
    # "avoid" pairs as scored pairs)
    conflicted: set[int] = set()
    checks = sorted(hard | soft)
    if checks:
        cx, cy = comp([x for x, _ in checks]), comp([y for _, y in checks])
        conflicted |= set(cx[cx == cy].tolist())
    if df_sources:
        seen: dict[tuple[int, str], int] = {}
        for n, c in zip(nodes_arr.tolist(), labels.tolist(), strict=True):
            s = source_of.get(n)
            if s in df_sources:
                key = (c, s)
                seen[key] = seen.get(key, 0) + 1
                if seen[key] > 1:
                    conflicted.add(c)

    # every node's label: the smallest id of its component (conflicted ones are relabelled below)
    smallest = np.full(len(nodes_arr), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, labels, nodes_arr)
    result: dict[int, int] = dict(zip(nodes_arr.tolist(), smallest[labels].tolist(), strict=True))
    if not conflicted:
        return result
    comp_of = dict(zip(nodes_arr.tolist(), labels.tolist(), strict=True))
    members: dict[int, list[int]] = defaultdict(list)
    for n, c in comp_of.items():
        if c in conflicted:
            members[c].append(n)

    hard_of: dict[int, set[int]] = defaultdict(set)
    soft_of: dict[int, set[int]] = defaultdict(set)
    for pairs_, table in ((hard, hard_of), (soft, soft_of)):
        for x, y in pairs_:
            if comp_of[x] == comp_of[y] and comp_of[x] in conflicted:
                table[x].add(y)
                table[y].add(x)
    sub_edges = [e for e in all_edges if comp_of[e[0]] in conflicted]
    # "same" first, then by probability (ties: by ids, so the result never depends on input order)
    sub_edges.sort(key=lambda e: (-e[2], e[0], e[1]))
    dsu = _DSU()
    counts: dict[int, dict[str, int]] = {}
    blocked_hard: dict[int, set[int]] = {}
    blocked_soft: dict[int, set[int]] = {}
    for c in conflicted:
        for n in members[c]:
            dsu.find(n)
            s = source_of.get(n)
            counts[n] = {s: 1} if s in df_sources else {}
            blocked_hard[n] = set(hard_of.get(n, ()))
            blocked_soft[n] = set(soft_of.get(n, ()))
    for x, y, p in sub_edges:
        rx, ry = dsu.find(x), dsu.find(y)
        if rx == ry:
            continue
        forced = p == float("inf")
        other_members = dsu.members[ry]
        if any(m in blocked_hard[rx] for m in other_members):
            continue
        if not forced:
            if any(m in blocked_soft[rx] for m in other_members):
                continue
            if any(counts[rx].get(s, 0) + counts[ry].get(s, 0) > 1 for s in counts[ry]):
                continue
        root = dsu.union(rx, ry)
        other = ry if root == rx else rx
        blocked_hard[root] |= blocked_hard.pop(other)
        blocked_soft[root] |= blocked_soft.pop(other)
        merged = dict(counts[root])
        for s, k in counts.pop(other).items():
            merged[s] = merged.get(s, 0) + k
        counts[root] = merged
    for ms in dsu.members.values():
        label = min(ms)
        for n in ms:
            result[n] = label
    return result


def bridges(edges: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Edges whose removal disconnects their component, as (min, max) tuples (networkx's bridge finding)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    return {(min(a, b), max(a, b)) for a, b in nx.bridges(graph)}
