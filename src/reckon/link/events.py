"""The fields of one event count once: a court, a hearing date, a detention day and a judge are one session.

Fellegi-Sunter (and Splink) multiply the likelihood ratios of the comparisons as if they were independent
given the class of the pair. The fields that describe an event are not: many people are detained at one
protest on one day, tried by one court on the next, often by one judge, so two different people of one
session agree on all of these together. Counted as independent, the same session added about 13 bits
(court +3, hearing date +5, detention day +4) where a clearly different surname cost 7, and people with
one given name who were tried together became one person.

Under full dependence the joint likelihood ratio of fields that agree together is that of the most telling
of them: knowing the hearing date was the same, the court adds next to nothing. So the event's evidence
for a match is its strongest agreeing field, and against a match its strongest disagreeing field; the
rest is taken back under ``same_event`` (a weight of zero or less on agreement, of zero or more on
disagreement), added to the pair's weights so ``reckon explain`` shows it. Agreement and disagreement are
different facts and are kept apart (the same court, another day).

Which comparisons describe an event is the model's own distinction (:func:`training.identity_comparisons`):
everything but the person's names, birth date, sex, place and the identifying numbers that two random
records almost never share (a passport number is evidence of its own, not of a session).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from reckon.i18n import N_
from reckon.link.training import IDENTIFIER_U, IDENTITY

NAME = "same_event"
WEIGHT = f"mw_{NAME}"
# what the adjustment means, as ``reckon explain`` and the review page say it beside its weight
LEVEL = N_("fields of one event (court, dates, judge) counted once")
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


def correction(weights: np.ndarray) -> np.ndarray:
    """Per row of event weights (bits, one column per event comparison), what to add so that agreement
    counts as its strongest field and disagreement as its strongest one."""
    if weights.size == 0:
        return np.zeros(weights.shape[0])
    w = np.nan_to_num(weights)
    pos, neg = np.clip(w, 0, None), np.clip(w, None, 0)
    return (pos.max(axis=1) - pos.sum(axis=1)) + (neg.min(axis=1) - neg.sum(axis=1))


def adjust(pairs: pd.DataFrame, model: Mapping[str, Any]) -> pd.DataFrame:
    """Pairs with the event fields' weights counted once (``mw_same_event``) and the totals redone."""
    out = pairs.copy()
    names = [c for c in event_comparisons(model) if f"mw_{c}" in out.columns]
    if not len(out) or len(names) < 2:
        return out
    # a field's weight with its frequency adjustment (a crowded detention day, link.frequency): one figure
    bits = correction(np.column_stack([
        out[f"mw_{c}"].to_numpy(dtype=float)
        + (out[f"mw_{c}_frequency"].to_numpy(dtype=float) if f"mw_{c}_frequency" in out.columns else 0.0)
        for c in names]))
    out[WEIGHT] = bits
    if not bits.any():
        return out
    out["match_weight"] = out["match_weight"].to_numpy(dtype=float) + bits
    out["match_probability"] = 1.0 / (1.0 + np.exp2(-out["match_weight"].to_numpy(dtype=float)))
    return out
