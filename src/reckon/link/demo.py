"""The demo's linkage step: link the simulated lists and print precision and recall against the truth."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from reckon.i18n import _, decimal, ngettext, number


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
    truth = (" " + ngettext("(truth: %(n)s documented person)", "(truth: %(n)s documented people)", documented)
             % {"n": number(documented)}) if documented else ""
    ctx.heading(
        _("5. linkage"),
        ngettext("%(records)s record → %(persons)s persons", "%(records)s records → %(persons)s persons",
                 res.records) % {"records": number(res.records), "persons": number(res.persons)}
        + truth + "; "
        + _("pairwise precision %(precision)s, recall %(recall)s, F1 %(f1)s; explore with %(commands)s")
        % {"precision": decimal(scores["precision"], 3), "recall": decimal(scores["recall"], 3),
           "f1": decimal(scores["f1"], 3), "commands": "`reckon persons`, `reckon review`"})
