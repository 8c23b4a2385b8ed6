"""``reckon link``: from the current records of a workspace to scored pairs and persons.

The service reads records, prepares features, trains or reuses the model, scores pairs, keeps the pairs
at or above the storage floor, clusters with the review decisions as constraints, and assigns
``Record.person_id`` — keeping a person's id wherever its cluster keeps most of its records. A run is
*full* (train, score everything), *incremental* (reuse the last model, score only pairs that involve
records newer than the last run), *rescore* (reuse the last model, score everything again) or
*recluster* (nothing new: apply the threshold and decisions again).
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from reckon.errors import ConfigError, ReckonError
from reckon.i18n import N_
from reckon.link import engine as eng
from reckon.link import events, exclusive, frequency
from reckon.link.cluster import cluster
from reckon.link.diagnose import blocking_recall, diagnose, easy_pairs
from reckon.link.features import name_string, prepare, present_fields
from reckon.link.settings import plan as make_plan
from reckon.names.linkage import backend as names_backend
from reckon.progress import Progress, no_progress
from reckon.store import corrections
from reckon.store import link_queries as q
from reckon.store.audit import audit, default_actor
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.link import LinkRun
from reckon.store.link_queries import latest_decisions, latest_run, load_records
from reckon.store.locks import one_at_a_time

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.9
DEFAULT_SEED = 42
ENGINES = ("duckdb", "spark")


class NothingToLink(ReckonError):
    """The workspace holds no current records."""


@dataclass
class LinkResult:
    run_id: int
    mode: str
    engine: str
    threshold: float
    seed: int
    records: int
    new_records: int
    pairs_scored: int
    pairs_stored: int
    links: int
    persons: int
    persons_with_several_records: int
    decisions_applied: int
    seconds: float
    names: str
    rules: list[dict[str, Any]] = field(default_factory=list)
    training_notes: list[str] = field(default_factory=list)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    blocking: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def database_url(target: Any) -> str:
    """A Workspace, or a database URL string."""
    return target if isinstance(target, str) else target.database_url


# ---------------------------------------------------------------------------------------------------
# Running


def _validate(threshold: float, engine: str, seed: int, sources: set[str], duplicate_free: Iterable[str]) -> None:
    if not 0 < threshold < 1:
        raise ConfigError.of(N_("--threshold must be a probability strictly between 0 and 1, not %(threshold)s"),
                             threshold=str(threshold))
    if engine not in ENGINES:
        raise ConfigError.of(N_("unknown engine %(engine)r: choose one of %(engines)s"), engine=engine,
                             engines=", ".join(ENGINES))
    if not isinstance(seed, int) or seed < 0:
        raise ConfigError.of(N_("--seed must be a non-negative integer, not %(seed)s"), seed=repr(seed))
    unknown = sorted(set(duplicate_free) - sources)
    if unknown:
        raise ConfigError.of(N_("--duplicate-free names sources that hold no current records: %(unknown)s; "
                                "sources are: %(sources)s"), unknown=", ".join(unknown),
                             sources=", ".join(sorted(sources)))


@one_at_a_time("link", database_url)  # two runs at once would interleave
def run_link(target: Any, *, engine: str = "duckdb", threshold: float | None = None,
             duplicate_free: Iterable[str] | None = None, seed: int | None = None, full: bool = False,
             max_pairs: int | None = None, blocking: list[list[str]] | None = None,
             store_floor: float | None = None, actor: str | None = None, reuse_model: bool = False,
             progress: Progress | None = None) -> LinkResult:
    """Link all current records of a workspace (see the module docstring for the three modes)."""
    url = database_url(target)
    progress = progress or no_progress
    started = time.perf_counter()
    started_at = utcnow()
    actor = actor or default_actor()
    with session_scope(url) as s:
        progress(0, 1, N_("reading records"))
        recs = load_records(s)
        prev = latest_run(s)
        prev_info = None
        if prev is not None:
            prev_info = {"id": prev.id, "model": prev.model, "settings": prev.settings, "threshold": prev.threshold,
                         "seed": prev.seed, "store_floor": prev.store_floor, "max_record_id": prev.max_record_id,
                         "duplicate_free": list(prev.duplicate_free or [])}
        progress(1, 1, N_("reading records"))
    if not recs:
        raise NothingToLink.of(N_("the workspace holds no current records to link; import a list first "
                                  "(`reckon import FILE --source NAME`)"))
    sources = {r["source"] for r in recs}
    if threshold is None:
        threshold = prev_info["threshold"] if prev_info else DEFAULT_THRESHOLD
    if seed is None:
        seed = prev_info["seed"] if prev_info else DEFAULT_SEED
    if duplicate_free is None:
        duplicate_free = [d for d in (prev_info["duplicate_free"] if prev_info else []) if d in sources]
    duplicate_free = sorted(set(duplicate_free))
    _validate(threshold, engine, seed, sources, duplicate_free)
    floor = min(store_floor if store_floor is not None else 0.05, threshold)
    if not 0 < floor <= threshold:
        raise ConfigError.of(N_("the storage floor must be a probability above 0 and not above the threshold"))

    try:
        progress(0, len(recs), N_("features"))
        frame = prepare(recs)
        progress(len(recs), len(recs), N_("features"))
        present = present_fields(frame)
        max_id = int(frame["unique_id"].max())

        mode = "full"
        new_ids: set[int] = set()
        if prev_info and not full and not blocking and prev_info["model"] \
                and prev_info["settings"].get("present") == sorted(present) \
                and floor >= prev_info["store_floor"]:
            new_ids = set(frame.loc[frame["unique_id"] > prev_info["max_record_id"], "unique_id"].tolist())
            mode = "incremental" if new_ids else "recluster"
            if mode == "incremental":
                floor = prev_info["store_floor"]
        elif reuse_model:
            if not (prev_info and prev_info["model"]):
                raise ConfigError.of(N_("--rescore needs a model: run `reckon link` once first"))
            if prev_info["settings"].get("present") != sorted(present):
                raise ConfigError.of(N_("--rescore cannot reuse the last model: the records now carry other fields "
                                        "(%(fields)s); run `reckon link --full` to train again"),
                                     fields=", ".join(sorted(present)))
            mode = "rescore"

        settings_info: dict[str, Any] = {"present": sorted(present), "names": names_backend()}
        model_json: dict[str, Any] = prev_info["model"] if prev_info else {}
        model = None
        pairs = None
        rules: list[dict[str, Any]] = []
        if mode == "full":
            plan = make_plan(present, blocking)
            progress(0, 1, N_("blocking analysis"))
            checked = eng.check_rules(frame, plan, max_pairs=max_pairs)
            rules = [c.as_dict() for c in checked.counts]
            progress(1, 1, N_("blocking analysis"))
            model, report = eng.train(frame, plan, checked, seed=seed, engine=engine, progress=progress)
            try:
                analysis = eng.splink_blocking_analysis(
                    model.linker if engine == "duckdb" else eng.load(frame, model.to_json()).linker,
                    checked.predict, len(frame))
            except Exception as exc:  # analysis is a report, never a reason to fail
                analysis = [{"error": str(exc)[:300]}]
            model_json = model.to_json()
            same_pairs = [k for k, d in _decisions_now(url).items() if d == "same"]
            recall = blocking_recall(frame, checked.predict, set(same_pairs) | easy_pairs(frame))
            settings_info.update({
                "blocking_recall": recall,
                "predict_rules": [r.label() for r in checked.predict],
                "train_rules": [r.label() for r in checked.train],
                "max_pairs": checked.max_pairs, "rule_counts": rules, "splink_blocking_analysis": analysis,
                "training": report, "name_frequencies": frequency.tables(frame),
            })
        else:  # the last run's model and settings
            settings_info.update({k: v for k, v in prev_info["settings"].items() if k not in settings_info})
            settings_info["model_from_run"] = prev_info["id"]
            if mode != "recluster":
                model = eng.load(frame, model_json, engine)
        source_of = {int(r["id"]): r["source"] for r in recs}
        if model_json:  # the one event's shares on this run's records, kept for `reckon explain`
            settings_info["event_shares"] = events.run_shares(frame, model_json)
        if model is not None:  # score: everything, or (incremental) the pairs that touch new records
            incremental = mode == "incremental"
            pairs = events.beyond_fields(
                eng.predict(model, floor, new_ids=new_ids if incremental else None,
                            frame=frame if incremental else None, progress=progress),
                model_json, frame, settings_info)
            if not incremental:  # an incremental run's one-to-one reads the stored pairs too (below)
                pairs, settings_info["one_to_one"] = exclusive.adjust(
                    pairs, source_of, eng.prior_weight(model_json), threshold)
        with session_scope(url) as s:
            run = LinkRun(mode=mode, engine=engine, status="running", seed=seed, threshold=threshold,
                          store_floor=floor, duplicate_free=duplicate_free, settings=settings_info,
                          model=model_json, counts={}, max_record_id=max_id, actor=actor, started_at=started_at)
            s.add(run)
            s.flush()
            progress(0, 1, N_("storing pairs"))
            q.drop_stale_pairs(s)
            if mode in ("full", "rescore"):
                q.drop_all_pairs(s)
            scored = 0
            if pairs is not None:
                scored = len(pairs)
                if mode == "incremental":  # the one-to-one evidence reads every stored pair with the new ones
                    pairs, settings_info["one_to_one"] = _one_to_one_with_stored(
                        s, pairs, source_of, eng.prior_weight(model_json), threshold)
                    run.settings = dict(settings_info)
                _insert_pairs(s, run.id, pairs)
            progress(1, 1, N_("storing pairs"))
            progress(0, 1, N_("clustering"))
            ids = set(source_of)
            decisions = latest_decisions(s, ids)
            same = [k for k, d in decisions.items() if d.decision == "same"]
            different = [k for k, d in decisions.items() if d.decision == "different"]
            edges = _stored_edges(s, threshold)
            labels = cluster(ids, edges, threshold, same=same, different=different, avoid=_avoid(s),
                             source_of=source_of, duplicate_free=duplicate_free)
            # Coherence: score every pair inside a multi-record person once; pairs the model finds clearly
            # different keep sparse records from chaining namesakes together.
            missing = _unscored_within(s, labels)
            if missing:
                if model is None:
                    model = eng.load(frame, model_json, engine)
                extra = events.beyond_fields(eng.score_within_groups(model, frame, missing), model_json, frame,
                                             settings_info)
                known = q.pair_keys(s)
                extra = extra[[(int(a), int(b)) not in known
                               for a, b in zip(extra["record_a"], extra["record_b"], strict=True)]]
                if len(extra):
                    _insert_pairs(s, run.id, extra)
                    labels = cluster(ids, edges, threshold, same=same, different=different, avoid=_avoid(s),
                                     source_of=source_of, duplicate_free=duplicate_free)
            progress(1, 1, N_("clustering"))
            weights = q.match_weights(s)
            diagnostics = diagnose(frame, weights, [(a, b) for a, b, p in edges if p >= threshold], labels,
                                   source_of, _logit2(threshold), easy_pairs(frame))
            run.settings = {**settings_info, "diagnostics": diagnostics}
            progress(0, 1, N_("persons"))
            n_persons, n_multi = assign_persons(s, labels, recs)
            corrections.follow_anchors(s)
            progress(1, 1, N_("persons"))
            stored = q.pair_count(s)
            links = sum(1 for e in edges if e[2] >= threshold)
            run.counts = {"records": len(recs),
                          "new_records": len(new_ids) if mode in ("incremental", "recluster") else len(recs),
                          "pairs_scored": scored, "pairs_stored": int(stored), "links": links,
                          "persons": n_persons, "persons_with_several_records": n_multi,
                          "decisions_applied": len(same) + len(different)}
            run.status = "done"
            run.finished_at = utcnow()
            audit(s, "link.run", actor=actor, target_type="link_run", target_ids=[run.id], mode=mode,
                  engine=engine, threshold=threshold, seed=seed, **{k: v for k, v in run.counts.items()})
            run_id = run.id
            counts = dict(run.counts)
    except ReckonError:
        raise
    except Exception as exc:
        with session_scope(url) as s:
            s.add(LinkRun(mode="failed", engine=engine, status="failed", seed=seed, threshold=threshold,
                          store_floor=floor, duplicate_free=duplicate_free, settings={}, model={}, counts={},
                          max_record_id=0, actor=actor, started_at=started_at, finished_at=utcnow(),
                          error=f"{type(exc).__name__}: {exc}"[:2000]))
        raise
    return LinkResult(run_id=run_id, mode=mode, engine=engine, threshold=threshold, seed=seed,
                      records=counts["records"], new_records=counts["new_records"],
                      pairs_scored=counts["pairs_scored"], pairs_stored=counts["pairs_stored"],
                      links=counts["links"], persons=counts["persons"],
                      persons_with_several_records=counts["persons_with_several_records"],
                      decisions_applied=counts["decisions_applied"], seconds=time.perf_counter() - started,
                      names=names_backend(), rules=rules,
                      training_notes=list(settings_info.get("training", {}).get("em", {}).get("notes", [])),
                      diagnostics=diagnostics, blocking=settings_info.get("blocking_recall", {}))


def _logit2(p: float) -> float:
    return math.log2(p / (1 - p))


def _decisions_now(url: str) -> dict[tuple[int, int], str]:
    with session_scope(url) as s:
        return {k: d.decision for k, d in latest_decisions(s).items()}


def link_frame(records: list[dict[str, Any]], *, threshold: float = DEFAULT_THRESHOLD, seed: int = DEFAULT_SEED,
               engine: str = "duckdb", duplicate_free: Iterable[str] = (), max_pairs: int | None = None,
               progress: Progress | None = None) -> tuple[dict[int, int], pd.DataFrame, dict[str, Any]]:
    """The whole model in memory, without a store: records (dicts with ``id`` and ``source``) to labels.

    Returns (cluster label per record id, scored pairs, report). For benchmarks, the demo and notebooks;
    ``run_link`` is the same pipeline with the store, reviews and incremental runs around it.
    """
    progress = progress or no_progress
    frame = prepare(records)
    present = present_fields(frame)
    plan = make_plan(present)
    checked = eng.check_rules(frame, plan, max_pairs=max_pairs)
    model, report = eng.train(frame, plan, checked, seed=seed, engine=engine, progress=progress)
    model_json = model.to_json()
    evidence = {"name_frequencies": frequency.tables(frame), "event_shares": events.run_shares(frame, model_json)}
    pairs = events.beyond_fields(eng.predict(model, min(0.05, threshold), progress=progress), model_json, frame,
                                 evidence)
    source_of = {int(r["id"]): str(r["source"]) for r in records}
    pairs, report["one_to_one"] = exclusive.adjust(pairs, source_of, eng.prior_weight(model_json), threshold)
    edges = list(zip(pairs["record_a"].tolist(), pairs["record_b"].tolist(),
                     pairs["match_probability"].tolist(), strict=True))
    avoid = [(a, b) for a, b, p in edges if p < AVOID_BELOW]
    labels = cluster(source_of, edges, threshold, avoid=avoid, source_of=source_of, duplicate_free=duplicate_free)
    # coherence, as in run_link: score the unscored pairs inside multi-record clusters once
    known = set(zip(pairs["record_a"].tolist(), pairs["record_b"].tolist(), strict=True))
    groups: dict[int, list[int]] = defaultdict(list)
    for rid, label in labels.items():
        groups[label].append(rid)
    todo = {}
    for label, ms in groups.items():
        if 2 < len(ms) <= COHERENCE_MAX_SIZE:
            ms = sorted(ms)
            if any((a, b) not in known for i, a in enumerate(ms) for b in ms[i + 1:]):
                todo.update({r: label for r in ms})
    if todo:
        extra = events.beyond_fields(eng.score_within_groups(model, frame, todo), model_json, frame, evidence)
        new = [(a, b, p) for a, b, p in zip(extra["record_a"].tolist(), extra["record_b"].tolist(),
                                            extra["match_probability"].tolist(), strict=True) if (a, b) not in known]
        if new:
            avoid += [(a, b) for a, b, p in new if p < AVOID_BELOW]
            labels = cluster(source_of, edges, threshold, avoid=avoid, source_of=source_of,
                             duplicate_free=duplicate_free)
    report.update({"rule_counts": [c.as_dict() for c in checked.counts], "pairs": len(pairs), "present": sorted(present)})
    return labels, pairs, report


def _insert_pairs(s: Session, run_id: int, pairs: pd.DataFrame) -> None:
    """Store a frame of scored pairs, each with its per-comparison weights (``mw_*`` columns) rounded."""
    mw_cols = [c for c in pairs.columns if c.startswith("mw_")]
    names = [c[3:] for c in mw_cols]
    a = pairs["record_a"].to_numpy()
    b = pairs["record_b"].to_numpy()
    p = pairs["match_probability"].to_numpy()
    w = pairs["match_weight"].to_numpy()
    mws = pairs[mw_cols].to_numpy() if mw_cols else None
    q.insert_pairs(s, ({"run_id": run_id, "record_a": int(a[i]), "record_b": int(b[i]),
                        "match_probability": float(p[i]), "match_weight": float(w[i]),
                        "weights": {n: round(float(mws[i, j]), 4) for j, n in enumerate(names)}
                        if mws is not None else {}}
                       for i in range(len(pairs))))


def _one_to_one_with_stored(s: Session, new: pd.DataFrame, source_of: dict[int, str], prior_bits: float,
                            threshold: float) -> tuple[pd.DataFrame, dict[str, int]]:
    """One-to-one over stored and new pairs together, as a rescore sees them; moved stored pairs updated."""
    rows = q.stored_pairs_with_weights(s)
    raw = [float(w) - float((ws or {}).get("one_to_one", 0.0)) for _i, _a, _b, w, ws in rows]
    old = pd.DataFrame({"record_a": [int(r[1]) for r in rows], "record_b": [int(r[2]) for r in rows],
                        "match_weight": raw})
    old["match_probability"] = 1.0 / (1.0 + 2.0 ** -old["match_weight"])
    old["reckon_old"] = True
    both = pd.concat([old, new.assign(reckon_old=False)], ignore_index=True)
    adjusted, report = exclusive.adjust(both, source_of, prior_bits, threshold)
    moved = adjusted.iloc[:len(old)]
    for (pid, _a, _b, w, ws), p, mw, bits in zip(rows, moved["match_probability"], moved["match_weight"],
                                                  moved[exclusive.WEIGHT], strict=True):
        if abs(float(mw) - float(w)) > 1e-9:
            weights = {**(ws or {}), "one_to_one": round(float(bits), 4)}
            q.update_pair(s, pid, probability=float(p), weight=float(mw), weights=weights)
    out = adjusted.iloc[len(old):].drop(columns=["reckon_old"]).reset_index(drop=True)
    return out, report


def _stored_edges(s: Session, threshold: float, ids: set[int] | None = None) -> list[tuple[int, int, float]]:
    rows = q.edges_at_least(s, threshold)
    if ids is not None:
        rows = [r for r in rows if r[0] in ids and r[1] in ids]
    return rows


AVOID_BELOW = 0.05  # a pair inside a cluster scored below this is "clearly different" for the model


def _avoid(s: Session) -> list[tuple[int, int]]:
    return q.pairs_below(s, AVOID_BELOW)


COHERENCE_MAX_SIZE = 200  # larger clusters are not checked pair by pair (their pairs grow quadratically)


def _unscored_within(s: Session, labels: dict[int, int]) -> dict[int, int]:
    """Records of multi-record clusters that hold a pair never scored (record -> cluster label)."""
    groups: dict[int, list[int]] = defaultdict(list)
    for rid, label in labels.items():
        groups[label].append(rid)
    multi = {label: ms for label, ms in groups.items() if 2 < len(ms) <= COHERENCE_MAX_SIZE}
    if not multi:
        return {}
    ids = sorted(r for ms in multi.values() for r in ms)
    known = {(a, b) for a, b, _p in q.edges_from(s, ids)}
    out: dict[int, int] = {}
    for label, ms in multi.items():
        ms = sorted(ms)
        if any((a, b) not in known for i, a in enumerate(ms) for b in ms[i + 1:]):
            for r in ms:
                out[r] = label
    return out


def _display_name(members: list[dict[str, Any]]) -> str | None:
    names = [name_string(r) for r in members]
    names = [n for n in names if n]
    if not names:
        return None
    return Counter(names).most_common(1)[0][0][:500]


def assign_persons(s: Session, labels: dict[int, int], recs: list[dict[str, Any]]) -> tuple[int, int]:
    """Give every clustered record a person: keep ids where clusters keep their records; new ones else."""
    by_id = {int(r["id"]): r for r in recs}
    clusters: dict[int, list[int]] = defaultdict(list)
    for rid, label in labels.items():
        clusters[label].append(rid)
    old_persons = {int(r["person_id"]) for r in recs if r.get("person_id") is not None and int(r["id"]) in labels}
    candidates = []
    for label, members in clusters.items():
        counts = Counter(by_id[m]["person_id"] for m in members if by_id[m].get("person_id") is not None)
        for pid, k in counts.items():
            candidates.append((-k, int(pid), label))
    candidates.sort()
    person_of_cluster: dict[int, int] = {}
    used: set[int] = set()
    for _k, pid, label in candidates:
        if label in person_of_cluster or pid in used:
            continue
        person_of_cluster[label] = pid
        used.add(pid)
    new_labels = [label for label in clusters if label not in person_of_cluster]
    if new_labels:
        rows = [{"display_name": _display_name([by_id[m] for m in clusters[label]])} for label in new_labels]
        for label, pid in zip(new_labels, q.insert_persons(s, rows), strict=True):
            person_of_cluster[label] = pid
    changes = []
    changed_persons = set()
    for label, members in clusters.items():
        pid = person_of_cluster[label]
        for m in members:
            if by_id[m].get("person_id") != pid:
                changes.append({"id": m, "person_id": pid})
                changed_persons.add(pid)
                if by_id[m].get("person_id") is not None:
                    changed_persons.add(int(by_id[m]["person_id"]))
                by_id[m]["person_id"] = pid
    q.set_record_persons(s, changes)  # older versions of a row follow their current version
    # names of persons whose records changed
    renames = []
    for label, members in clusters.items():
        pid = person_of_cluster[label]
        if pid in changed_persons and pid in old_persons:
            renames.append({"id": pid, "display_name": _display_name([by_id[m] for m in members]),
                            "updated_at": utcnow()})
    q.rename_persons(s, renames)
    q.drop_persons_without_records(s, old_persons - set(person_of_cluster.values()))
    multi = sum(1 for m in clusters.values() if len(m) > 1)
    return len(clusters), multi


def recluster(s: Session, record_ids: set[int]) -> None:
    """Re-cluster the persons holding these records (after a decision), with the last run's settings."""
    run = latest_run(s)
    if run is None:
        return
    recs = load_records(s, q.records_to_recluster(s, record_ids))
    ids = {int(r["id"]) for r in recs}
    edges = [e for e in _edges_among(s, ids) if e[2] >= run.threshold]
    decisions = latest_decisions(s, ids)
    labels = cluster(ids, edges, run.threshold,
                     same=[k for k, d in decisions.items() if d.decision == "same"],
                     different=[k for k, d in decisions.items() if d.decision == "different"],
                     avoid=[(a, b) for a, b in _avoid(s) if a in ids and b in ids],
                     source_of={int(r["id"]): r["source"] for r in recs},
                     duplicate_free=run.duplicate_free or [])
    assign_persons(s, labels, recs)
    corrections.follow_anchors(s)


def _edges_among(s: Session, ids: set[int]) -> list[tuple[int, int, float]]:
    return [e for e in q.edges_from(s, ids) if e[1] in ids]
