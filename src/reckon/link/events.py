"""The fields of one event are one fact: a court, a hearing date, a detention day and a judge are one session.

Fellegi-Sunter (and Splink) multiply the likelihood ratios of the comparisons as if they were independent
given the class of the pair. The fields that describe an event are not: many people are detained at one
protest on one day, tried by one court on the next, often by one judge, so two different people of one
session agree on all of these together. Counted as independent, the same session added about 13 bits
(court +3, hearing date +5, detention day +4) where a clearly different surname cost 7, and people with
one given name who were tried together became one person.

The weight of agreeing on a set S of event fields should use the chance that two records agree on all of
S together, u_S, not the product of each field's u. Both are measured on the records at hand (pairs of
records, among those that fill the fields): where the fields go together (one session) u_S is far
larger than the product and the difference, log2(Π u_i / u_S) bits, is taken back under ``same_event``;
where they are independent (a simulated world's dates and places), it is about nought. The correction
only ever takes back (a negative weight), it is added to the pair's weights so ``reckon explain`` shows
it, and it is computed once per set of fields that pairs agree on, from group counts of the frame.

Which comparisons describe an event is the model's own distinction (:func:`training.identity_comparisons`):
everything but the person's names, birth date, sex, place and the identifying numbers that two random
records almost never share (a passport number is evidence of its own, not of a session). Only those
whose top level is the equality of one column take part (the detention day, the extra facts).

The shares are measured once per run (:func:`shares`, kept in the run's settings as ``event_shares``) so that
``reckon explain`` weighs a pair the run never stored as the run would have: :func:`beyond_fields` is the one
function that adds the evidence beyond a pair's own fields (names' frequencies, then the one event), for the
run and for the explanation alike.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from reckon.i18n import N_
from reckon.link import frequency
from reckon.link.frequency import pair_rows
from reckon.link.training import IDENTIFIER_U, IDENTITY

NAME = "same_event"
WEIGHT = f"mw_{NAME}"
# what the adjustment means, as ``reckon explain`` and the review page say it beside its weight
LEVEL = N_("the same court, dates or judge, weighed by how often they agree together")
PERSON_PLACE = ("region", "locality")  # where the person lives or comes from: not the session


def event_comparisons(model: Mapping[str, Any]) -> list[str]:
    """The comparisons of a stored model (Splink's JSON) that describe an event rather than the person."""
    out = []
    for comp in model.get("comparisons", []):
        name = str(comp.get("output_column_name") or "")
        if not name or name in IDENTITY or name in PERSON_PLACE:
            continue
        if name.startswith("extra_"):
            levels = [lv for lv in comp.get("comparison_levels", []) if not lv.get("is_null_level")]
            u = levels[0].get("u_probability") if levels else None
            if not isinstance(u, int | float) or u <= IDENTIFIER_U:
                continue  # an identifier (or a field whose u was never estimated): evidence of the person
        out.append(name)
    return out


COLUMN = {"detention_date": "detention_days"}  # comparison -> the feature column its top level equates


def _column(name: str) -> str | None:
    return COLUMN.get(name) or (name if name.startswith("extra_") else None)


def agreement_share(frame: pd.DataFrame, cols: list[str]) -> float:
    """The share of pairs of records, among those filling every column, that agree on all of them."""
    filled = frame[cols].dropna()
    n = len(filled)
    if n < 2:
        return 1.0
    sizes = filled.astype(str).groupby(cols, sort=False).size().to_numpy(dtype=float)
    return max(float((sizes * (sizes - 1)).sum()) / (n * (n - 1)), 1.0 / (n * (n - 1)))


def event_columns(model: Mapping[str, Any], frame: pd.DataFrame) -> list[str]:
    """The frame's columns that the model's event comparisons equate."""
    return [c for c in (_column(n) for n in event_comparisons(model)) if c and c in frame.columns]


def _set_key(cols: list[str]) -> str:
    return "|".join(cols)


def shares(frame: pd.DataFrame, cols: list[str]) -> dict[str, float]:
    """The agreement share of every set of ``cols`` (of two or more: each alone too), measured on ``frame``:
    {"col_a|col_b": share}."""
    if len(cols) < 2:
        return {}
    return {_set_key(list(group)): agreement_share(frame, list(group))
            for size in range(1, len(cols) + 1) for group in itertools.combinations(cols, size)}


def run_shares(frame: pd.DataFrame, model: Mapping[str, Any]) -> dict[str, float]:
    """:func:`shares` of the model's event columns on every record of a run, kept in the run's settings
    (``event_shares``) so that a pair scored later weighs as the run's pairs did."""
    return shares(frame, event_columns(model, frame))


def correction(agree: pd.DataFrame, share: Mapping[str, float]) -> np.ndarray:
    """Per pair (``agree``: one boolean column per event column, whether the pair agrees on it), the bits
    to add so that agreement on several event fields weighs as their measured joint agreement (``share``,
    by :func:`shares`) does."""
    out = np.zeros(len(agree))
    if agree.shape[1] < 2:
        return out
    keys = agree.to_numpy(dtype=bool)
    for pattern in {tuple(row) for row in keys if row.sum() >= 2}:
        cols = [c for c, on in zip(agree.columns, pattern, strict=True) if on]
        joint = share.get(_set_key(cols))
        if joint is None:
            continue  # a set the run never measured (a run before shares were stored): no correction
        bits = sum(math.log2(share[c]) for c in cols) - math.log2(joint)
        out[(keys == np.array(pattern)).all(axis=1)] = min(bits, 0.0)
    return out


def adjust(pairs: pd.DataFrame, model: Mapping[str, Any], frame: pd.DataFrame,
           share: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Pairs with the event fields' agreement weighed jointly (``mw_same_event``) and the totals redone.

    ``share``: the run's measured shares (:func:`shares`); measured on ``frame`` when not given."""
    out = pairs.copy()
    cols = event_columns(model, frame)
    if not len(out) or len(cols) < 2:
        return out
    ia, ib, known = pair_rows(out, frame)
    agree = pd.DataFrame({c: known & _equal(frame[c].to_numpy(dtype=object), ia, ib) for c in cols})
    bits = correction(agree, shares(frame, cols) if share is None else share)
    out[WEIGHT] = bits
    if not bits.any():
        return out
    out["match_weight"] = out["match_weight"].to_numpy(dtype=float) + bits
    out["match_probability"] = 1.0 / (1.0 + np.exp2(-out["match_weight"].to_numpy(dtype=float)))
    return out


def beyond_fields(pairs: pd.DataFrame, model: Mapping[str, Any], frame: pd.DataFrame,
                  settings: Mapping[str, Any]) -> pd.DataFrame:
    """Scored pairs with the evidence beyond their own fields: the names' frequencies
    (:mod:`reckon.link.frequency`), then the one event; ``settings`` are the run's (``name_frequencies``,
    ``event_shares``).

    Why one function: the link run and ``reckon explain`` of a pair the run never stored must weigh a pair
    alike; each used to chain the steps itself, and the explanation had lost the one-event step."""
    weighed = frequency.adjust(pairs, frame, settings.get("name_frequencies"))
    return adjust(weighed, model, frame, settings.get("event_shares"))


def _equal(values: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    va, vb = values[ia], values[ib]
    return np.array([a is not None and not pd.isna(a) and b is not None and not pd.isna(b) and a == b
                     for a, b in zip(va, vb, strict=True)], dtype=bool)
