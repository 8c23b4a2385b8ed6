"""reckon link on a real store (SQLite and PostgreSQL): runs, pairs, persons, decisions, errors."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reckon.errors import ConfigError, InputError
from reckon.link import (
    LINK_COLUMNS,
    NothingToLink,
    decide,
    decisions,
    explain,
    export_links,
    next_review_item,
    persons,
    review_queue,
    run_link,
)
from reckon.services.persons import person
from reckon.store.db import session_scope
from reckon.store.link import LinkPair, LinkRun, ReviewDecision
from reckon.store.models import Person, Record
from sim_support import import_world


def _load_world(ws, n: int = 120, noise: str = "low", seed: int = 3) -> dict[int, int]:
    return import_world(ws, ws.root.parent / "lists", n_people=n, seed=seed, noise=noise)


def _person_of(url: str) -> dict[int, int]:
    with session_scope(url) as s:
        return dict(s.execute(select(Record.id, Record.person_id).where(Record.is_current.is_(True))).all())


def test_link_assigns_persons_and_stores_the_run(workspace) -> None:
    url = workspace.database_url
    truth = _load_world(workspace)
    res = run_link(workspace, seed=7)
    assert res.mode == "full" and res.records == len(truth) and res.persons > 0
    pid = _person_of(url)
    assert all(p is not None for p in pid.values())
    # quality on an easy world: almost no wrong merges
    wrong = sum(1 for a in pid for b in pid if a < b and pid[a] == pid[b] and truth[a] != truth[b])
    right = sum(1 for a in pid for b in pid if a < b and pid[a] == pid[b] and truth[a] == truth[b])
    assert right > 0 and wrong <= 0.02 * right
    with session_scope(url) as s:
        run = s.scalars(select(LinkRun)).one()
        assert run.status == "done" and run.seed == 7 and run.threshold == res.threshold
        assert run.model["comparisons"] and run.settings["predict_rules"] and run.counts["persons"] == res.persons
        pair = s.scalars(select(LinkPair).order_by(LinkPair.match_probability.desc())).first()
        assert pair.record_a < pair.record_b and pair.weights and pair.run_id == run.id
        assert s.scalar(select(func.count()).select_from(Person)) == res.persons
    rows = list(export_links(workspace))
    assert len(rows) == len(truth) and set(rows[0]) == set(LINK_COLUMNS)
    sizes = {}
    for r in rows:
        sizes[r["person_id"]] = sizes.get(r["person_id"], 0) + 1
    assert all(r["cluster_size"] == sizes[r["person_id"]] for r in rows)
    top = persons(workspace, limit=1)[0]
    detail = person(workspace, top["person_id"])
    assert len(detail["records"]) == top["records"] and detail["spellings"]
    assert len({r["source"] for r in detail["records"]}) >= 2  # the top person is seen by several lists


def test_decisions_survive_reruns_and_override_the_model(workspace) -> None:
    url = workspace.database_url
    _load_world(workspace)
    run_link(workspace)
    with session_scope(url) as s:
        strong = s.execute(select(LinkPair.record_a, LinkPair.record_b)
                           .order_by(LinkPair.match_probability.desc())).first()
    a, b = strong
    pid = _person_of(url)
    assert pid[a] == pid[b]
    # "different" splits what the model joined
    out = decide(workspace, (a, b), "different", actor="tester", note="two namesakes")
    assert out["person_a"] != out["person_b"]
    # two records the model keeps apart (different persons, far apart)
    pid = _person_of(url)
    c = next(r for r in sorted(pid) if pid[r] not in (pid[a], pid[b]))
    d = next(r for r in sorted(pid, reverse=True) if pid[r] not in (pid[a], pid[b], pid[c]))
    decide(workspace, (d, c), "same", actor="tester")
    for full in (False, True):
        res = run_link(workspace, full=full)
        assert res.decisions_applied == 2
        pid = _person_of(url)
        assert pid[a] != pid[b], "a 'different' decision must never be merged"
        assert pid[c] == pid[d], "a 'same' decision must always be merged"
    # a later decision supersedes an earlier one; both are kept forever
    decide(workspace, (a, b), "unsure", actor="tester")
    with session_scope(url) as s:
        assert s.scalar(select(func.count()).select_from(ReviewDecision)) == 3
    assert [x["decision"] for x in decisions(workspace)] == ["different", "same", "unsure"]
    run_link(workspace)
    pid = _person_of(url)
    assert pid[a] == pid[b], "after 'unsure' the model decides again"


def test_review_queue_and_explanations(workspace) -> None:
    url = workspace.database_url
    _load_world(workspace, noise="high", seed=5)
    run_link(workspace)
    queue = review_queue(workspace, limit=None)
    assert queue, "a noisy world leaves pairs near the threshold"
    kinds = [q["kind"] for q in queue]
    if "bridge" in kinds:
        assert kinds[: kinds.count("bridge")] == ["bridge"] * kinds.count("bridge"), "bridges come first"
    item = next_review_item(workspace)
    assert (item["record_a"], item["record_b"]) == (queue[0]["record_a"], queue[0]["record_b"])
    ex = item["explanation"]
    total = ex["prior"]["weight"] + sum(st["weight"] for st in ex["steps"])
    assert total == pytest.approx(ex["match_weight"], abs=1e-3)
    stored = ex["stored_pair"]
    assert stored is not None and stored["match_probability"] == pytest.approx(ex["match_probability"], abs=1e-6)
    decide(workspace, (item["record_a"], item["record_b"]), "same")
    assert (item["record_a"], item["record_b"]) not in {(q["record_a"], q["record_b"]) for q in review_queue(workspace)}
    # any two records can be explained, stored pair or not
    with session_scope(url) as s:
        ids = s.scalars(select(Record.id).order_by(Record.id)).all()
    far = explain(workspace, ids[0], ids[-1])
    assert far["steps"] and 0 <= far["match_probability"] <= 1


def test_empty_workspace_and_bad_settings_give_clear_errors(workspace) -> None:
    with pytest.raises(NothingToLink, match="no current records"):
        run_link(workspace)
    with pytest.raises(ConfigError, match="run `reckon link` first"):
        review_queue(workspace)
    _load_world(workspace, n=40)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        run_link(workspace, threshold=1.5)
    with pytest.raises(ConfigError, match="unknown engine"):
        run_link(workspace, engine="oracle")
    with pytest.raises(ConfigError, match="nosuch"):
        run_link(workspace, duplicate_free=["nosuch"])
    with pytest.raises(ConfigError, match="no record has"):
        run_link(workspace, blocking=[["passport_number"]])
    # a rule that would not fit in memory is refused before anything is joined
    with pytest.raises(ConfigError, match="would generate .* comparisons"):
        run_link(workspace, blocking=[["sex"]], max_pairs=50)
    with session_scope(workspace.database_url) as s:
        assert s.scalar(select(func.count()).select_from(LinkPair)) == 0
    run_link(workspace)
    with pytest.raises(ConfigError, match="decision is one of"):
        decide(workspace, (1, 2), "maybe")
    with pytest.raises(InputError, match="no record with id"):
        decide(workspace, (1, 10_000_000), "same")
    with pytest.raises(InputError, match="two different records"):
        explain(workspace, 1, 1)
