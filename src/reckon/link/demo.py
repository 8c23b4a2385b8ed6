"""The demo's linkage step: link the simulated lists and print precision and recall against the truth."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any


def pairwise_scores(groups_pred: dict[Any, list], groups_true: dict[Any, list]) -> dict[str, float]:
    def pairs(groups):
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}

    pred, true = pairs(groups_pred), pairs(groups_true)
    tp = len(pred & true)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(true) if true else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def step_link(ctx) -> None:
    """Link the imported lists into persons and compare with the world's truth."""
    from reckon.link import export_links, run_link

    res = run_link(ctx.workspace)
    pred: dict[Any, list] = defaultdict(list)
    true: dict[Any, list] = defaultdict(list)
    for row in export_links(ctx.workspace):
        key = (row["source"], row["external_id"])
        pred[row["person_id"]].append(key)
        pid = getattr(ctx.world, "truth", {}).get(key) if ctx.world is not None else None
        if pid is not None:
            true[pid].append(key)
    scores = pairwise_scores(pred, true)
    ctx.results["link"] = {**res.as_dict(), **scores}
    documented = getattr(ctx.world, "n_documented", None)
    ctx.say(
        f"[bold]5. linkage[/] {res.records} records → {res.persons} persons"
        + (f" (truth: {documented} documented people)" if documented else "")
        + f"; pairwise precision {scores['precision']:.3f}, recall {scores['recall']:.3f}, "
        f"F1 {scores['f1']:.3f}; explore with `reckon persons`, `reckon review`")
