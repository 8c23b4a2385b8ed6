"""After a run: does the result look like linkage, or like a collapse? And what did blocking keep?

A model that has collapsed still produces persons, so nothing fails; the signs are in the figures. Two
lists that share hundreds of people by surname key and birth date but get a handful of links between
them, a match-weight histogram with no mass on the right: :func:`diagnose` computes these figures after
every run and says so in a warning. :func:`blocking_recall` measures, on a labelled sample, what share of
the pairs known to match the kept blocking rules generate (cumulatively, rule by rule).

The labelled sample without reviewers is the set of **easy pairs**: records of two different sources
that agree on surname key and full birth date, or on surname key, given name and detention date. They
are not all matches (namesakes born the same day exist), but a run that links few of them, or blocking
that misses some, is wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from reckon.link.settings import Rule

EASY_RULES = (("surname_key", "birth_date"), ("surname_key", "given_key", "detention_days"))
HISTOGRAM_BINS = [-np.inf, -10, -5, 0, 5, 10, 15, 20, np.inf]
COLLAPSE_MIN_EASY = 20  # fewer easy pairs than this say nothing either way
COLLAPSE_SHARE = 0.5    # a run that links fewer than this share of its easy pairs has probably collapsed


def easy_pairs(frame: pd.DataFrame, limit: int = 20_000) -> set[tuple[int, int]]:
    """Cross-source pairs that agree on surname key and birth date, or name keys and detention date."""
    import duckdb

    cols = [c for c in {c for rule in EASY_RULES for c in rule} if c in frame.columns]
    sub = frame[["unique_id", "source_dataset", *cols]]
    con = duckdb.connect(":memory:")
    out: set[tuple[int, int]] = set()
    try:
        con.register("f", sub)
        for rule in EASY_RULES:
            if not all(c in sub.columns and sub[c].notna().any() for c in rule):
                continue
            on = " AND ".join(f'l."{c}" = r."{c}"' for c in rule)
            rows = con.execute(f"SELECT l.unique_id, r.unique_id FROM f l JOIN f r ON {on} AND l.unique_id < r.unique_id "
                               f"AND l.source_dataset <> r.source_dataset ORDER BY 1, 2 LIMIT {int(limit)}").fetchall()
            out |= {(int(a), int(b)) for a, b in rows}
    finally:
        con.close()
    return out


def blocking_recall(frame: pd.DataFrame, rules: list[Rule], labelled: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """Share of the labelled matching pairs the kept prediction rules generate, cumulatively by rule."""
    pairs = sorted({(min(a, b), max(a, b)) for a, b in labelled})
    if not pairs:
        return {"labelled_pairs": 0, "rules": [], "recall": None}
    idx = frame.set_index("unique_id")
    left = idx.reindex([a for a, _ in pairs])
    right = idx.reindex([b for _, b in pairs])
    covered = np.zeros(len(pairs), dtype=bool)
    rows = []
    for rule in rules:
        hit = np.ones(len(pairs), dtype=bool)
        for c in rule.columns:
            lv, rv = left[c].to_numpy(dtype=object), right[c].to_numpy(dtype=object)
            hit &= np.array([not pd.isna(x) and not pd.isna(y) and bool(x == y)
                             for x, y in zip(lv, rv, strict=True)], dtype=bool)
        if rule.compatible_birth:
            hit &= _compatible_birth(left, right)
        new = hit & ~covered
        covered |= hit
        rows.append({"rule": rule.label(), "finds": int(hit.sum()), "new": int(new.sum()),
                     "cumulative_recall": round(float(covered.mean()), 4)})
    return {"labelled_pairs": len(pairs), "rules": rows, "recall": round(float(covered.mean()), 4),
            "missed": int((~covered).sum())}


def _compatible_birth(left: pd.DataFrame, right: pd.DataFrame) -> np.ndarray:
    """Per pair, :data:`reckon.link.settings.COMPATIBLE_BIRTH` (a month unknown on one side, the same month
    or day, or the two swapped), read from the two sides' birth month and day."""
    ml, mr = left["birth_month"].astype("Int64"), right["birth_month"].astype("Int64")
    dl, dr = left["birth_day"].astype("Int64"), right["birth_day"].astype("Int64")
    ml, mr, dl, dr = (s.reset_index(drop=True) for s in (ml, mr, dl, dr))
    ok = ml.isna() | mr.isna() | (ml == mr).fillna(False) | (dl == dr).fillna(False) | \
        ((ml == dr) & (dl == mr)).fillna(False)
    return ok.to_numpy(dtype=bool)


def diagnose(frame: pd.DataFrame, weights: np.ndarray, linked: Iterable[tuple[int, int]],
             labels: dict[int, int], source_of: dict[int, str], threshold_weight: float,
             easy: set[tuple[int, int]] | None = None) -> dict[str, Any]:
    """Links, the match-weight histogram, records on several lists, easy pairs linked; a collapse warning."""
    linked = list(linked)
    counts, _ = np.histogram(np.asarray(weights, dtype=float), bins=HISTOGRAM_BINS)
    names = ["< -10", "-10..-5", "-5..0", "0..5", "5..10", "10..15", "15..20", "≥ 20"]
    histogram = dict(zip(names, (int(c) for c in counts), strict=True))
    members: dict[int, set[str]] = {}
    size: Counter[int] = Counter()
    for rid, label in labels.items():
        members.setdefault(label, set()).add(source_of[rid])
        size[label] += 1
    several = sum(size[label] for label, srcs in members.items() if len(srcs) > 1)
    n_sources = len(set(source_of.values()))
    between = sum(1 for a, b in linked if source_of.get(a) != source_of.get(b))
    out: dict[str, Any] = {
        "links": len(linked), "links_between_sources": between, "match_weight_histogram": histogram,
        "threshold_weight": round(threshold_weight, 2),
        "share_of_records_on_several_lists": round(several / len(labels), 4) if labels else 0.0,
        "warnings": [],
    }
    if easy is not None:
        together = sum(1 for a, b in easy if labels.get(a) is not None and labels.get(a) == labels.get(b))
        out["easy_pairs"] = len(easy)
        out["easy_pairs_linked"] = together
        if n_sources > 1 and len(easy) >= COLLAPSE_MIN_EASY and together < COLLAPSE_SHARE * len(easy):
            out["warnings"].append(
                f"possible collapse: {len(easy):,} pairs of records on different lists agree on surname key and "
                f"birth date (or names and detention date), but only {together:,} of them ended in one person; "
                "check `reckon link --explain-blocking` and `reckon explain` on such a pair")
    if n_sources > 1 and labels and between == 0 and len(labels) >= 100:
        out["warnings"].append("no link at all between the lists: the model or the blocking rules look broken")
    return out
