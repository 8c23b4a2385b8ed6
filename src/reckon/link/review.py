"""Human review: the queue of pairs near the threshold, decisions, and explanations (waterfalls).

The CLI and the web app call the same functions here: :func:`review_queue`, :func:`next_review_item`,
:func:`decide` and :func:`explain`. A decision is stored as a new :class:`ReviewDecision` row (never an
edit) and applied at once to the persons it touches; every later ``reckon link`` applies it again.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from typing import Any

from sqlalchemy.orm import Session

from reckon.decisions import DECISIONS
from reckon.errors import N_, ConfigError, InputError
from reckon.link.cluster import bridges
from reckon.link.features import day_text
from reckon.link.service import database_url, latest_decisions, latest_run, load_records, recluster
from reckon.store import link_queries as q
from reckon.store.audit import audit, default_actor
from reckon.store.db import session_scope
from reckon.store.link import LinkPair, ReviewDecision

# Which feature columns each comparison looks at (for showing the values side by side).
COMPARISON_VALUES = {
    "surname": ("surname_latn", "surname_key"),
    "given_name": ("given_latn", "given_key", "given_init"),
    "patronymic": ("patronymic_key",),
    "birth_date": ("birth_year", "birth_month", "birth_day"),
    "sex": ("sex",),
    "region": ("region",),
    "detention_date": ("detention_days",),
    "articles": ("articles",),
}


def _logit2(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log2(p / (1 - p))


def _ordered(a: int, b: int) -> tuple[int, int]:
    a, b = int(a), int(b)
    if a == b:
        raise InputError.of(N_("a pair needs two different records, got %(id)s twice"), id=a)
    return (a, b) if a < b else (b, a)


# ---------------------------------------------------------------------------------------------------
# Queue


def review_queue(target: Any, *, limit: int | None = 50, band: float = 6.0) -> list[dict[str, Any]]:
    """Undecided pairs whose match weight is within ``band`` bits of the threshold, by impact.

    Impact is how many record pairs would change sides if the model's call on this pair were reversed:
    a link that is the only bridge between two parts of a person splits it (bridges come first); a pair
    below the threshold between two persons would merge them.
    """
    url = database_url(target)
    with session_scope(url) as s:
        run = latest_run(s)
        if run is None:
            raise ConfigError.of(N_("nothing to review yet: run `reckon link` first"))
        t = run.threshold
        wt = _logit2(t)
        decided = set(latest_decisions(s))
        cands = [c for c in q.pairs_in_band(s, wt - band, wt + band) if c[:2] not in decided]
        if not cands:
            return []
        ids = {x for c in cands for x in c[:2]}
        person = q.current_persons_of(s, ids if len(ids) < 30_000 else None)
        cands = [c for c in cands if c[0] in person and c[1] in person]
        pids = {person[x] for c in cands for x in c[:2]} - {None}
        members: dict[int, list[int]] = defaultdict(list)
        for rid, pid in q.current_members(s, pids):
            members[pid].append(rid)
        # the link graph inside each person that holds an above-threshold candidate
        inside = {person[a] for a, b, p, _w in cands if p >= t and person[a] == person[b]}
        graph: dict[int, list[tuple[int, int]]] = defaultdict(list)
        pid_of = {m: pid for pid, ms in members.items() for m in ms}
        if inside:
            for a, b, _p in q.edges_from(s, {m for pid in inside for m in members[pid]}, at_least=t):
                pa = pid_of.get(a)
                if pa in inside and pid_of.get(b) == pa:
                    graph[pa].append((a, b))
            for (a, b), d in latest_decisions(s).items():
                pa = pid_of.get(a)
                if d.decision == "same" and pa in inside and pid_of.get(b) == pa:
                    graph[pa].append((a, b))
    bridge_sets = {pid: bridges(edges) for pid, edges in graph.items()}
    out = []
    for a, b, p, w in cands:
        pa, pb = person[a], person[b]
        size_a, size_b = len(members.get(pa, [a])), len(members.get(pb, [b]))
        if p >= t and pa == pb:
            if (a, b) in bridge_sets.get(pa, set()):
                left = _side(graph[pa], a, (a, b))
                kind, impact = "bridge", len(left) * (size_a - len(left))
            else:
                kind, impact = "link inside a person", 1
        elif p >= t:
            kind, impact = "held apart", size_a * size_b
        elif pa != pb:
            kind, impact = "would merge", size_a * size_b
        else:
            kind, impact = "weak link inside a person", 1
        out.append({"record_a": a, "record_b": b, "match_probability": p, "match_weight": w, "kind": kind,
                    "impact": impact, "person_a": pa, "person_b": pb, "distance": abs(w - wt)})
    out.sort(key=lambda r: (r["kind"] != "bridge", -r["impact"], r["distance"], r["record_a"], r["record_b"]))
    return out[:limit] if limit else out


def _side(edges: list[tuple[int, int]], start: int, removed: tuple[int, int]) -> set[int]:
    adj: dict[int, set[int]] = defaultdict(set)
    for x, y in edges:
        if (min(x, y), max(x, y)) == removed:
            continue
        adj[x].add(y)
        adj[y].add(x)
    seen = {start}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        for m in adj[n]:
            if m not in seen:
                seen.add(m)
                queue.append(m)
    return seen


def next_review_item(target: Any, *, band: float = 6.0) -> dict[str, Any] | None:
    """The most useful pair to review now, with both records and the explanation; None when done."""
    queue = review_queue(target, limit=1, band=band)
    if not queue:
        return None
    item = queue[0]
    item["explanation"] = explain(target, item["record_a"], item["record_b"])
    return item


# ---------------------------------------------------------------------------------------------------
# Decisions


def decide(target: Any, pair: Any, decision: str, actor: str | None = None, note: str | None = None,
           seen: int | None = None) -> dict[str, Any]:
    """Record a decision on a pair (record ids ``(a, b)`` or a stored pair id) and apply it at once.

    ``seen`` is the id of the decision in force the editor was shown (0: none). When another editor has
    since decided the pair differently, this decision is stored as a conflict with theirs — kept, shown,
    not applied — and the result says ``"conflict": True`` with the decision in force. Without ``seen``
    (the CLI), the latest decision wins as before.
    """
    decision = str(decision).strip().lower()
    if decision not in DECISIONS:
        raise ConfigError.of(N_("a decision is one of %(decisions)s, not %(decision)r"),
                             decisions=", ".join(DECISIONS), decision=decision)
    url = database_url(target)
    actor = actor or default_actor()
    with session_scope(url) as s:
        if isinstance(pair, int):
            row = s.get(LinkPair, pair)
            if row is None:
                raise InputError.of(N_("no stored pair with id %(id)s"), id=str(pair))
            a, b = row.record_a, row.record_b
        else:
            a, b = _ordered(*pair)
        found = q.existing_record_ids(s, [a, b])
        missing = sorted({a, b} - found)
        if missing:
            raise InputError.of(N_("no record with id %(ids)s"), ids=", ".join(map(str, missing)))
        pair_row = q.stored_pair(s, a, b)
        stored = None if pair_row is None else pair_row[0]
        run = latest_run(s)
        in_force = q.decision_in_force(s, a, b) if seen is not None else None
        conflict = in_force is not None and in_force.id != seen and in_force.decision != decision
        d = ReviewDecision(record_a=a, record_b=b, decision=decision, actor=actor, note=note,
                           model_probability=stored, run_id=run.id if run else None,
                           conflict_with=in_force.id if conflict and in_force is not None else None)
        s.add(d)
        s.flush()
        audit(s, "link.review.conflict" if conflict else "link.review", actor=actor, target_type="record",
              target_ids=[a, b], decision=decision, decision_id=d.id, model_probability=stored)
        if conflict and in_force is not None:
            return {"decision_id": d.id, "record_a": a, "record_b": b, "decision": decision, "actor": actor,
                    "note": note, "conflict": True, "in_force": _decision_dict(in_force)}
        if run is not None:
            recluster(s, {a, b})
        s.flush()
        pa, pb = q.person_of(s, a), q.person_of(s, b)
        return {"decision_id": d.id, "record_a": a, "record_b": b, "decision": decision, "actor": actor,
                "note": note, "person_a": pa, "person_b": pb, "conflict": False}


def _decision_dict(d: ReviewDecision) -> dict[str, Any]:
    return {"id": d.id, "record_a": d.record_a, "record_b": d.record_b, "decision": d.decision,
            "actor": d.actor, "decided_at": d.decided_at.isoformat(timespec="seconds"), "note": d.note,
            "model_probability": d.model_probability, "conflict_with": d.conflict_with}


def conflicts(target: Any) -> list[dict[str, Any]]:
    """Decisions that disagreed with one taken meanwhile and are not settled since (no newer decision in
    force on the pair): each with the decision in force, for an editor to settle."""
    with session_scope(database_url(target)) as s:
        force = latest_decisions(s)
        out = []
        for d in q.conflicting_decisions(s):
            current = force.get((d.record_a, d.record_b))
            if current is not None and current.id < d.id:
                out.append({**_decision_dict(d), "in_force": _decision_dict(current)})
        return out


def decisions(target: Any) -> list[dict[str, Any]]:
    """Every decision ever taken, oldest first (they are kept forever)."""
    with session_scope(database_url(target)) as s:
        return [_decision_dict(d) for d in q.all_decisions(s)]


# ---------------------------------------------------------------------------------------------------
# Explanations


def _level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = {}
    for comp in model.get("comparisons", []):
        levels = comp.get("comparison_levels", [])
        non_null = [lv for lv in levels if not lv.get("is_null_level")]
        labels = {-1: "missing on one side"}
        for i, lv in enumerate(non_null):
            labels[len(non_null) - 1 - i] = lv.get("label_for_charts") or lv.get("sql_condition", "")
        out[comp.get("output_column_name")] = labels
    return out


def _shown(col: str, value: Any) -> Any:
    """A compared value as the reviewer reads it: a detention day as its date (the model compares day
    numbers: 17708 is 2018-06-26), articles as one text ("22.9.2, 23.4"), not a list's repr."""
    value = _jsonable(value)
    if value is None:
        return None
    if col == "detention_days":
        return day_text(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return value


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
    except Exception:  # pragma: no cover
        pass
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def explain(target: Any, rec_a: int, rec_b: int) -> dict[str, Any]:
    """The waterfall of match weights for two records under the latest model (stored pair or not)."""
    from reckon.link import engine as eng
    from reckon.link.features import prepare

    a, b = _ordered(rec_a, rec_b)
    url = database_url(target)
    with session_scope(url) as s:
        run = latest_run(s)
        if run is None or not run.model:
            raise ConfigError.of(N_("no trained model yet: run `reckon link` first"))
        recs = load_records(s, [a, b])
        if len(recs) < 2:
            found = {r["id"] for r in recs}
            missing = [x for x in (a, b) if x not in found]
            raise InputError.of(N_("no current record with id %(ids)s"), ids=", ".join(map(str, missing)))
        model = dict(run.model)
        threshold = run.threshold
        stored = q.stored_pair(s, a, b)
        run_settings = dict(run.settings or {})
        dec = latest_decisions(s, {a, b}).get((a, b))
        decision = None if dec is None else {"id": dec.id, "decision": dec.decision, "actor": dec.actor, "note": dec.note,
                                             "decided_at": dec.decided_at.isoformat(timespec="seconds")}
        summaries = {r["id"]: _summary(s, r) for r in recs}
    frame = prepare(recs, columns=eng.model_columns(model))
    m = eng.load(frame, model, "duckdb")
    rows = [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict("records")]
    left, right = (rows[0], rows[1]) if rows[0]["unique_id"] == a else (rows[1], rows[0])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scored = m.linker.inference.score_pair(left, right).as_pandas_dataframe().iloc[0].to_dict()
    labels = _level_labels(model)
    prior = eng.prior_weight(model)
    steps = []
    running = prior
    for comp in model.get("comparisons", []):
        name = comp.get("output_column_name")
        gamma = scored.get(f"gamma_{name}")
        weight = float(scored.get(f"mw_{name}") or 0.0)
        running += weight
        gamma = int(gamma) if gamma is not None else -1
        shown = COMPARISON_VALUES.get(name, (name,) if name in left else ())
        values = {col: [_shown(col, left.get(col)), _shown(col, right.get(col))] for col in shown}
        steps.append({"comparison": name, "level": labels.get(name, {}).get(gamma, str(gamma)), "gamma": gamma,
                      "weight": round(weight, 4), "cumulative": round(running, 4), "values": values})
    # evidence beyond the pair's own fields (link.frequency, link.events, link.exclusive): as stored with the
    # pair, or for a pair never stored, weighed as the run weighs its pairs, under the run's tables
    from reckon.link import events, exclusive, frequency

    names = {comp.get("output_column_name") for comp in model.get("comparisons", [])}
    if stored is not None:
        extra = {k: float(v) for k, v in (stored[2] or {}).items() if k not in names}
    else:
        import pandas as pd

        one = events.beyond_fields(pd.DataFrame({"record_a": [a], "record_b": [b], "match_weight": [0.0],
                                                 "match_probability": [0.5],
                                                 **{f"mw_{k}": [0.0] for k in frequency.COLUMNS}}),
                                   model, frame, run_settings)
        extra = {c[3:]: float(one[c].iloc[0]) for c in one.columns
                 if c.endswith("_frequency") or c == events.WEIGHT}

    meaning = {**frequency.LEVELS, exclusive.NAME: exclusive.LEVEL, events.NAME: events.LEVEL}
    for name, weight in extra.items():
        running += weight
        # a frequency step adds nothing unless the pair shares the value: saying "the same detention day"
        # beside two different days (seen on the real admin list) told the reader the opposite
        level = frequency.NOT_SHARED if name in frequency.LEVELS and weight == 0 else meaning.get(
            name, "evidence beyond the pair")
        steps.append({"comparison": name, "level": level, "gamma": -1,
                      "weight": round(weight, 4), "cumulative": round(running, 4), "values": {}})
    total = float(scored["match_weight"]) + sum(extra.values())
    probability = 1.0 / (1.0 + 2.0 ** -total)
    if stored is not None and extra:  # the stored pair's exact figures (its weights are kept rounded)
        total, probability = float(stored[1]), float(stored[0])
    return {
        "record_a": summaries[a], "record_b": summaries[b], "run_id": run.id,
        "prior": {"weight": round(prior, 4), "probability": model.get("probability_two_random_records_match")},
        "steps": steps, "match_weight": round(total, 4), "match_probability": probability,
        "threshold": threshold, "linked_by_model": probability >= threshold,
        "stored_pair": None if stored is None else {"match_probability": stored[0], "match_weight": stored[1]},
        "decision": decision,
    }


def _summary(s: Session, rec: dict[str, Any]) -> dict[str, Any]:
    row = q.record_summary(s, rec["id"])
    return {"record_id": rec["id"], "source": rec["source"], "external_id": row.external_id or row.identity,
            "full_name": rec.get("full_name"), "surname": rec.get("surname"), "given_name": rec.get("given_name"),
            "patronymic": rec.get("patronymic"), "birth_date": rec.get("birth_date"), "sex": rec.get("sex"),
            "region": rec.get("region"), "detention_date": row.detention_date, "articles": row.articles or [],
            "person_id": rec.get("person_id"), "file_name": row.file_name, "row_number": row.row_number}

