"""Incremental linking: when a new list arrives only its records are scored, with the same persons.

"The same persons as a full run" is tested exactly against a full scoring with the same model (what
incrementality could lose), and loosely against a model trained afresh (which may move a borderline pair).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from reckon.config import init_workspace
from reckon.link import run_link
from reckon.store.db import session_scope
from reckon.store.link import LinkPair
from reckon.store.models import Record, Source
from sim_support import import_lists, world_files


def _partition(url: str) -> set[frozenset[tuple[str, str]]]:
    with session_scope(url) as s:
        rows = s.execute(select(Source.name, Record.external_id, Record.person_id)
                         .join(Source, Source.id == Record.source_id).where(Record.is_current.is_(True))).all()
    groups: dict[int, set[tuple[str, str]]] = {}
    for source, ext, pid in rows:
        groups.setdefault(pid, set()).add((source, ext))
    return {frozenset(g) for g in groups.values()}


def _pairwise_f1(a: set[frozenset], b: set[frozenset]) -> float:
    def pairs(groups):
        return {tuple(sorted((x, y))) for g in groups for x in g for y in g if x < y}

    pa, pb = pairs(a), pairs(b)
    tp = len(pa & pb)
    return 2 * tp / (len(pa) + len(pb)) if pa or pb else 1.0


def test_incremental_run_gives_the_same_persons_as_a_full_run(tmp_path: Path) -> None:
    world, files = world_files(tmp_path / "lists", n_people=150, seed=9)
    names = list(files)

    full = init_workspace(tmp_path / "full")
    import_lists(full, world, files)
    assert run_link(full).mode == "full"

    inc = init_workspace(tmp_path / "inc")
    import_lists(inc, world, files, names[:2])
    first = run_link(inc)
    assert first.mode == "full"
    with session_scope(inc.database_url) as s:
        old_pairs = set(s.execute(select(LinkPair.record_a, LinkPair.record_b)).all())
    new_ids = set(import_lists(inc, world, files, names[2:]))
    second = run_link(inc)
    assert second.mode == "incremental"
    assert second.new_records == len(new_ids) and second.pairs_scored > 0
    with session_scope(inc.database_url) as s:
        added = set(s.execute(select(LinkPair.record_a, LinkPair.record_b)
                              .where(LinkPair.run_id == second.run_id)).all())
        kept = set(s.execute(select(LinkPair.record_a, LinkPair.record_b)
                             .where(LinkPair.run_id == first.run_id)).all())
    assert kept == old_pairs, "pairs between old records are not scored again"
    assert all(a in new_ids or b in new_ids for a, b in added), "only pairs with a new record are scored"

    incremental = _partition(inc.database_url)
    with session_scope(inc.database_url) as s:
        pairs_incremental = set(s.execute(select(LinkPair.record_a, LinkPair.record_b, LinkPair.match_probability)).all())
    # the same model scoring everything again finds exactly the same pairs and persons
    rescored = run_link(inc, full=True, reuse_model=True)
    assert rescored.mode == "rescore"
    with session_scope(inc.database_url) as s:
        pairs_full = set(s.execute(select(LinkPair.record_a, LinkPair.record_b, LinkPair.match_probability)).all())
    assert {p[:2] for p in pairs_full} == {p[:2] for p in pairs_incremental}
    assert _partition(inc.database_url) == incremental

    # and a model trained afresh on all three lists agrees on (almost) every pair of records
    assert _pairwise_f1(incremental, _partition(full.database_url)) >= 0.97

    # nothing new: the next run only applies threshold and decisions again
    assert run_link(inc).mode == "recluster"
    assert _partition(inc.database_url) == incremental
