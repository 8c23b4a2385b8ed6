"""How histories are built: subjects listed from (record id, person id) alone, records read per chunk by id.

A refresh lists every subject from the record ids only and reads the records of the subjects that changed,
chunk by chunk (by a range of the person index when the chunk's persons are dense, else by id), in this
process or in worker processes that read for themselves. Whatever the path, the stored rows must be the
same: on Viasna's two real lists (imported, built, linked, refreshed) an incremental refresh, a full build
in one process and a full build in two workers give identical tables, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date, timedelta

from sqlalchemy import text

from conftest import shared_path
from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.store import histories as hs
from reckon.store import histories_build as hb
from reckon.store.db import get_engine, session_scope
from test_histories_world import _derived_tables, _link_from_truth, _load

STATES = ("in_custody", "political_prisoner", "persecuted", "released")


def _counts(url: str) -> list[dict]:
    return [sv.count(url, as_of=date(2020, 6, 1) + timedelta(days=97 * i), status=st, by="district",
                     fresh=False).as_dict() for i in range(14) for st in STATES]


def test_real_lists_give_the_same_rows_incrementally_in_one_process_and_in_workers(workspace) -> None:
    from reckon.link import run_link

    url = workspace.database_url
    import_file(workspace, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    first = sv.refresh(url)
    assert first.subjects_rebuilt == first.subjects_total > 400
    import_file(workspace, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
    with get_engine(url).connect() as c:
        pp_rows = c.execute(text("select count(*) from record r join source s on s.id = r.source_id "
                                 "where s.name = 'viasna_pp'")).scalar()
    after_import = sv.refresh(url)     # only the new list's records are read and derived
    assert after_import.subjects_rebuilt == pp_rows > 10
    assert after_import.subjects_total == first.subjects_total + pp_rows
    run_link(workspace)
    sv.set_source(url, "viasna_pp", political_prisoners=True, list_date="2024-03-04")
    linked = sv.refresh(url)
    assert 0 < linked.subjects_rebuilt and linked.subjects_removed > 0
    incremental, counts = _derived_tables(url), _counts(url)
    assert sum(c["count"] for c in counts) > 0

    serial = sv.refresh(url, full=True, workers=0)
    assert serial.subjects_total == linked.subjects_total
    assert _derived_tables(url) == incremental and _counts(url) == counts
    parallel = sv.refresh(url, full=True, workers=2)
    assert parallel.workers == 2
    assert _derived_tables(url) == incremental and _counts(url) == counts


def test_records_read_by_person_range_or_by_id_are_the_same_rows(workspace, tmp_path) -> None:
    world = _load(workspace, tmp_path, seed=3, n_people=80, p_partial=0.3, p_conflict=0.2)
    _link_from_truth(workspace, world)
    url = workspace.database_url
    with session_scope(url) as s:
        listed = list(hb.current_subjects(s))
        ids = [rid for rid, _ in listed]
        persons = sorted({pid for _, pid in listed if pid is not None})
        by_range = hb.records_by_id(s, ids, persons)
        by_id = hb.records_by_id(s, ids)
    assert len(persons) > 50 and set(by_range) == set(ids)
    # every current record listed, the first one too, in the order of the person index
    with get_engine(url).connect() as c:
        assert listed == [tuple(r) for r in c.execute(text(
            "select id, person_id from record where is_current = :t order by person_id, id"), {"t": True})]
    assert by_range == by_id
    assert all(len(row) == len(hb.RECORD_ROW) for row in by_id.values())
    # A record superseded after the subjects were listed is still read by its id (its digest names it).
    gone = ids[len(ids) // 2]
    with get_engine(url).begin() as c:
        c.execute(text("update record set is_current = :f where id = :i"), {"f": False, "i": gone})
    with session_scope(url) as s:
        again = hb.records_by_id(s, ids, persons)
        assert gone not in {rid for rid, _ in hb.current_subjects(s)}
    assert again == by_id


def test_an_unchanged_register_reads_no_record_and_a_moved_record_rebuilds_both_persons(sqlite_workspace,
                                                                                        tmp_path) -> None:
    world = _load(sqlite_workspace, tmp_path, seed=9, n_people=60)
    _link_from_truth(sqlite_workspace, world)
    url = sqlite_workspace.database_url
    sv.refresh(url, full=True)
    assert sv.refresh(url).subjects_rebuilt == 0
    with get_engine(url).begin() as c:
        rid, pid = c.execute(text("select id, person_id from record where person_id in (select person_id from "
                                  "record group by person_id having count(*) > 1) order by id limit 1")).one()
        other = c.execute(text("select min(person_id) from record where person_id != :p"), {"p": pid}).scalar()
        c.execute(text("update record set person_id = :o where id = :r"), {"o": other, "r": rid})
    moved = sv.refresh(url)
    assert (moved.subjects_rebuilt, moved.subjects_removed) == (2, 0)
    incremental = _derived_tables(url)
    sv.refresh(url, full=True)
    full = _derived_tables(url)
    assert {k: sorted(v) for k, v in incremental.items() if k != "history_subject"} == \
        {k: sorted(v) for k, v in full.items() if k != "history_subject"}
    assert sorted(incremental["history_subject"]) == sorted(full["history_subject"])


def test_a_full_build_gives_its_connection_back_with_the_settings_it_found(sqlite_workspace, tmp_path) -> None:
    """A full build on SQLite raises the page cache while it inserts and the index sorts run in the small
    one; the pool gives each connection its own size back (store.db), so no pooled connection keeps 128 MB
    of cache for the work that comes after."""
    _link_from_truth(sqlite_workspace, _load(sqlite_workspace, tmp_path, seed=4, n_people=40))
    url = sqlite_workspace.database_url
    engine = get_engine(url)

    def pooled() -> set[int]:   # every idle connection of the pool, checked out at once
        with ExitStack() as stack:
            conns = [stack.enter_context(engine.connect()) for _ in range(max(1, engine.pool.checkedin()))]
            return {c.exec_driver_sql("PRAGMA cache_size").scalar() for c in conns}

    before = pooled()
    assert len(before) == 1 and -hb.BUILD_CACHE_MB * 1024 not in before
    with session_scope(url) as s:
        c = s.connection()
        hb.build_cache(s)
        assert c.exec_driver_sql("PRAGMA cache_size").scalar() == -hb.BUILD_CACHE_MB * 1024
        hb.drop_indexes(s)
        hb.create_indexes(s)
        assert c.exec_driver_sql("PRAGMA cache_size").scalar() == -hb.BUILD_CACHE_MB * 1024
    assert pooled() == before
    assert sv.refresh(url, full=True, workers=0).subjects_total > 0
    assert engine.pool.checkedin() >= 2   # the build's writer and its reader
    assert pooled() == before


def test_a_full_build_leaves_every_declared_index_in_place(sqlite_workspace, tmp_path) -> None:
    """A full build drops the derived tables' indexes before its load and builds them after it: every
    index the models declare is there afterwards, and the counts' covering index is used."""
    _link_from_truth(sqlite_workspace, _load(sqlite_workspace, tmp_path, seed=6, n_people=40))
    url = sqlite_workspace.database_url
    declared = {ix.name for table in (hs.HistoryEvents, hs.HistorySpan, hs.HistoryKey, hs.HistorySubject)
                for ix in table.__table__.indexes}
    sv.refresh(url, full=True, workers=0)
    with get_engine(url).connect() as c:
        present = {r[0] for r in c.execute(text("select name from sqlite_master where type = 'index' "
                                                "and tbl_name like 'history_%'"))}
        plan = " ".join(str(r[-1]) for r in c.execute(text(
            "explain query plan select sure, count(*) from history_span where state = 'in_custody' "
            "and hi > 738000 and lo <= 738000 group by sure")))
    assert declared <= present
    assert "ix_history_span_state" in plan


def test_after_a_build_sqlite_looks_spans_up_by_subject(sqlite_workspace, tmp_path) -> None:
    """The dashboard's summary joins each key to the spans of its subject (store.histories.span_ends_by; for
    a dimension with several keys per subject, court here: region is a column of the subject since 0016).
    Without statistics SQLite ran that join through the covering state index, every span of the state for
    every key: 338 s at 20,000 records. A refresh, incremental or full, leaves the statistics behind."""
    _link_from_truth(sqlite_workspace, _load(sqlite_workspace, tmp_path, seed=5, n_people=400))
    url = sqlite_workspace.database_url
    sv.refresh(url)
    query = ("SELECT k.key, sp.sure, sp.lo, count(*) FROM history_span sp JOIN history_key k ON "
             "k.subject_id = sp.subject_id AND k.dim = 'court' WHERE sp.state = 'in_custody' "
             "GROUP BY k.key, sp.sure, sp.lo")
    import sqlite3

    c = sqlite3.connect(url[len("sqlite:///"):])  # a connection opened after the build, as a server's is
    try:
        plan = " | ".join(str(row[-1]) for row in c.execute("EXPLAIN QUERY PLAN " + query))
        analysed = {row[0] for row in c.execute("SELECT tbl FROM sqlite_stat1")}
    finally:
        c.close()
    assert {"history_span", "history_key"} <= analysed
    assert "subject_id=?" in plan, plan  # the inner loop is a lookup by subject, not a scan of the state


def test_a_subjects_keys_are_found_through_the_dimension_index(sqlite_workspace, tmp_path) -> None:
    """history_key has no index of its own on subject_id (migration 0016): a person's keys, and their removal
    by an incremental refresh, go through (dim, subject_id) with every dimension, never a scan of the table."""
    world = _load(sqlite_workspace, tmp_path, seed=8, n_people=60)
    _link_from_truth(sqlite_workspace, world)
    url = sqlite_workspace.database_url
    sv.refresh(url, full=True)
    dims = ", ".join(f"'{d}'" for d in hs.DIMENSIONS)
    with get_engine(url).connect() as c:
        subject = c.execute(text("select subject_id from history_key order by subject_id desc limit 1")).scalar()
        keys = c.execute(text(f"select dim, key from history_key where subject_id = {subject} order by dim, key")).all()
        plans = [" ".join(str(r[-1]) for r in c.execute(text(f"explain query plan {q}"))) for q in (
            f"select dim, key from history_key where dim in ({dims}) and subject_id = 5",
            f"delete from history_key where subject_id in (1, 2, 3) and dim in ({dims})")]
    with session_scope(url) as s:
        summary, events, found = hs.history_rows(s, subject)
    assert keys and [k for k in found if k["dim"] not in hs.SUBJECT_DIMS] == [{"dim": d, "key": k} for d, k in keys]
    assert {k["dim"] for k in found} >= {"region", "sex"}   # the subject's columns, among its keys
    assert summary["n_events"] == len(events) > 0
    assert all("ix_history_key_dim" in p and "SCAN" not in p for p in plans), plans


def test_events_written_as_bytes_are_stored_as_text_with_cyrillic_intact(workspace, tmp_path) -> None:
    """A build hands each subject's events to the store as orjson's UTF-8 bytes: SQLite must keep them as
    TEXT (not a blob, which the kind filter of events_for would not match), PostgreSQL as the same text,
    and a court written in Cyrillic must read back as written, in one process and through workers."""
    from reckon.store.histories import events_for

    world = _load(workspace, tmp_path, seed=8, n_people=60)
    _link_from_truth(workspace, world)
    url = workspace.database_url
    for workers in (0, 2):
        sv.refresh(url, full=True, workers=workers)
        with get_engine(url).connect() as c:
            if c.dialect.name == "sqlite":
                kinds = {r[0] for r in c.execute(text("select distinct typeof(events) from history_events"))}
                assert kinds == {"text"}
            packed = [r[0] for r in c.execute(text("select events from history_events"))]
        assert packed and all(isinstance(p, str) for p in packed)
        with session_scope(url) as s:
            verdicts = events_for(s, "verdict")
        assert verdicts and all(v["kind"] == "verdict" for v in verdicts)
        courts = {v["details"].get("court") for v in verdicts} - {None}
        assert any(any("\u0400" <= ch <= "\u04ff" for ch in court) for court in courts), courts
