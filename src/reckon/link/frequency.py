"""Term-frequency adjustment of name agreement: sharing a rare name says more than sharing a common one.

The model's "same surname key" or "equivalent given name" level weighs what agreement on an average
name is worth (m / u, u the chance two random records agree on whichever name). Two records that agree
on a name carried by one record in a hundred agree by chance far more often than two that share a name
carried by one in a thousand. As Splink's term-frequency adjustments do, agreement on value *v* is
weighed with u_v = p_v instead of the average u = Σ p², i.e. the level's weight plus

    log2(Σ_w p_w² / p_v)

bits (positive for a rarer name than average, negative for a common one), with p the share of records
carrying each key in the records being linked. The adjustment is added to each pair's weights under
``<comparison>_frequency`` so ``reckon explain`` shows it. It is computed here, from the whole frame,
rather than by Splink at prediction time, so that incremental runs (which score a few new records) use
the frequencies of every record and not of the new ones only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reckon.i18n import N_

# comparison -> key column whose agreement is adjusted. The detention day too: on a mass-detention day
# (thousands held on one Sunday in 2020) two records of the same day are weak evidence, on a quiet day
# strong; without it two surnames two edits apart plus the same crowded day were linked.
COLUMNS = {"given_name": "given_key", "surname": "surname_key", "detention_date": "detention_days"}
MAX_BITS = 4.0  # at most this much either way: a name seen once is not proof, a common one not a veto
# what each adjustment means, as ``reckon explain`` and the review page say it beside its weight (the
# adjustment is nought unless the pair agrees on the value)
LEVELS = {"given_name_frequency": N_("the same given name, weighed by how rare it is"),
          "surname_frequency": N_("the same surname, weighed by how rare it is"),
          "detention_date_frequency": N_("the same detention day, weighed by how many were detained that day")}
NOT_SHARED = N_("no value in common: nothing added")  # the step of a pair that does not share the value


def tables(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Each key column's share per value in the records at hand (kept with a run's model, so an
    incremental run weighs names as the run that trained the model did)."""
    out: dict[str, dict[str, float]] = {}
    for col in COLUMNS.values():
        if col in frame.columns:
            share = pd.Series(_values(frame, col)).dropna().value_counts(normalize=True)
            out[col] = {str(k): float(v) for k, v in share.items()}
            out[col][""] = 1.0 / max(int(frame[col].notna().sum()), 1)  # a value the run never saw
    return out


def _values(frame: pd.DataFrame, col: str) -> np.ndarray:
    """A key column as text (None where missing), so a day number reads the same from any dtype."""
    return np.array([None if pd.isna(v) else str(int(v)) if isinstance(v, int | float | np.integer | np.floating)
                     else str(v) for v in frame[col].tolist()], dtype=object)


def pair_rows(pairs: pd.DataFrame, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each pair's two records as row positions in ``frame`` (0 where a record is not in it) and whether
    both are: how a pair-level step reads the records' values without a join."""
    ids = frame["unique_id"].to_numpy()
    pos = pd.Series(np.arange(len(ids)), index=ids)
    ia = pos.reindex(pairs["record_a"].to_numpy()).to_numpy()
    ib = pos.reindex(pairs["record_b"].to_numpy()).to_numpy()
    known = ~(np.isnan(ia) | np.isnan(ib))
    return np.where(known, ia, 0).astype(np.int64), np.where(known, ib, 0).astype(np.int64), known


def adjust(pairs: pd.DataFrame, frame: pd.DataFrame, shares: dict[str, dict[str, float]] | None = None
           ) -> pd.DataFrame:
    """Pairs with match weights and probabilities adjusted for the frequency of the names they share
    (frequencies from ``shares``, :func:`tables` of the run that trained the model, else from ``frame``)."""
    shares = shares if shares is not None else tables(frame)
    out = pairs.copy()
    if not len(out):
        return out
    ia, ib, known = pair_rows(out, frame)
    total = np.zeros(len(out))
    for comp, col in COLUMNS.items():
        if col not in frame.columns or f"mw_{comp}" not in out.columns:
            continue
        values = _values(frame, col)
        table = dict(shares.get(col) or {})
        unseen = table.pop("", None)
        if len(table) < 2:
            continue
        share = pd.Series(table)
        avg = float((share ** 2).sum())
        va, vb = values[ia], values[ib]
        same = known & pd.notna(va) & (va == vb).astype(bool)
        bits = np.zeros(len(out))
        if same.any():
            p = share.reindex([str(v) for v in va[same]]).to_numpy(dtype=float)
            p = np.where(np.isnan(p), unseen or share.min(), p)
            bits[same] = np.clip(np.log2(avg / p), -MAX_BITS, MAX_BITS)
        bits = np.nan_to_num(bits)
        out[f"mw_{comp}_frequency"] = bits
        total += bits
    if not total.any():
        return out
    out["match_weight"] = out["match_weight"].to_numpy(dtype=float) + total
    out["match_probability"] = 1.0 / (1.0 + np.exp2(-out["match_weight"].to_numpy(dtype=float)))
    return out
