"""Counts on synthetic worlds with known histories equal what the lists determine, undetermined included.

The world (reckon.simulate.histories) writes three lists as documenters would (partial and conflicting
dates included), they go through the normal importer, and the world computes the documented state of
each person by brute force over every reading of its uncertain dates. With linkage taken from the world's
truth the counts must be equal and the undetermined persons the same set; with `reckon link` they must be
close (linkage errors only).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.simulate.histories import simulate_histories
from reckon.store import histories as hs
from reckon.store.db import get_engine, session_scope

STATES = ("in_custody", "political_prisoner", "persecuted", "released")


def _load(workspace, tmp_path, **kw):
    world = simulate_histories(**kw)
    for name, path in world.write_csvs(tmp_path / "lists").items():
        import_file(workspace, path, name)
    sv.set_source(workspace.database_url, "pp_register", political_prisoners=True,
                  list_date=world.list_date.isoformat())
    return world


def _link_from_truth(workspace, world) -> None:
    """Persons as a perfect linkage (or a documenter's review) would form them: the world's own truth."""
    with get_engine(workspace.database_url).begin() as c:
        made = set()
        for rid, src, ext in c.execute(text("select r.id, s.name, CASE WHEN r.external_id = '' THEN r.identity ELSE r.external_id END from record r "
                                            "join source s on s.id = r.source_id")).all():
            pid = world.truth[(src, ext)] + 1
            if pid not in made:
                c.execute(text("insert into person (id, display_name, created_at, updated_at) "
                               "values (:i, 'synthetic', '2024-01-01', '2024-01-01')"), {"i": pid})
                made.add(pid)
            c.execute(text("update record set person_id = :p where id = :r"), {"p": pid, "r": rid})


def test_counts_equal_the_documented_truth_and_undetermined_is_exact(workspace, tmp_path) -> None:
    world = _load(workspace, tmp_path, seed=7, n_people=250, p_partial=0.4, p_conflict=0.25)
    _link_from_truth(workspace, world)
    url = workspace.database_url
    dates = [date(2020, 8, 1) + timedelta(days=23 * i) for i in range(60) if date(2020, 8, 1) + timedelta(
        days=23 * i) <= world.list_date]
    undetermined_seen = 0
    for state in STATES:
        for on in dates:
            res = sv.count(url, as_of=on, status=state)
            sure, undetermined = world.documented_count(state, on)
            with session_scope(url) as s:
                unsure = set(hs.subjects_in(s, state, on.toordinal(), sure=False))
                certain = set(hs.subjects_in(s, state, on.toordinal(), sure=True))
            assert (res.count, res.undetermined) == (sure, len(undetermined)), (state, on)
            assert {p - 1 for p in unsure} == undetermined and not unsure & certain, (state, on)
            undetermined_seen += len(undetermined)
            # The documented count never exceeds what is true by more than the undetermined.
            assert res.count <= world.true_count(state, on) + res.undetermined
    assert undetermined_seen > 20   # the world did produce partial and disputed dates that matter
    before = [sv.count(url, as_of=on, status="in_custody").as_dict() for on in dates[::10]]
    sv.refresh(url, full=True)      # a full rebuild (indexes dropped and made again) gives the same counts
    assert [sv.count(url, as_of=on, status="in_custody", fresh=False).as_dict() for on in dates[::10]] == before
    conflicts = sum(len(sv.history(url, pid)["conflicts"]) for pid in {p + 1 for p in world.reported})
    assert conflicts > 5


def test_series_agrees_with_count_on_every_date(workspace, tmp_path) -> None:
    world = _load(workspace, tmp_path, seed=3, n_people=120)
    _link_from_truth(workspace, world)
    rows = sv.series(workspace.database_url, start=date(2020, 9, 1), end=date(2024, 6, 1), step="month",
                     status="in_custody")
    assert len(rows) == 46
    for row in rows[::5]:
        res = sv.count(workspace.database_url, as_of=date.fromisoformat(row["date"]), status="in_custody")
        assert (row["count"], row["undetermined"]) == (res.count, res.undetermined)


def test_with_reckon_link_counts_are_within_the_linkage_error(sqlite_workspace, tmp_path) -> None:
    from reckon.link import run_link

    world = _load(sqlite_workspace, tmp_path, seed=11, n_people=200)
    url = sqlite_workspace.database_url
    before = sv.count(url, as_of=date(2022, 6, 1), status="persecuted")
    assert before.unlinked_records > 0            # before linking, each record stands for a person
    run_link(sqlite_workspace)
    # The linkage error, in persons: extra fragments of split true persons plus extra true persons merged
    # into one; no count can be off by more than that.
    with get_engine(url).connect() as c:
        rows = c.execute(text("select r.person_id, s.name, CASE WHEN r.external_id = '' THEN r.identity ELSE r.external_id END from record r "
                              "join source s on s.id = r.source_id")).all()
    parts: dict[int, set[int]] = {}
    members: dict[int, set[int]] = {}
    for pid, src, ext in rows:
        true = world.truth[(src, ext)]
        parts.setdefault(true, set()).add(pid)
        members.setdefault(pid, set()).add(true)
    error = sum(len(v) - 1 for v in parts.values()) + sum(len(v) - 1 for v in members.values())
    for on in (date(2021, 3, 1), date(2022, 6, 1), date(2023, 9, 1)):
        for state in STATES:
            res = sv.count(url, as_of=on, status=state)
            sure, undetermined = world.documented_count(state, on)
            assert res.unlinked_records == 0
            assert abs(res.count - sure) <= error, (state, on, res.count, sure, error)
            assert abs(res.undetermined - len(undetermined)) <= error, (state, on)


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_refresh_equals_a_full_rebuild(sqlite_workspace, tmp_path, seed) -> None:
    world = simulate_histories(seed=seed, n_people=120)
    files = world.write_csvs(tmp_path / "lists")
    url = sqlite_workspace.database_url
    import_file(sqlite_workspace, files["pp_register"], "pp_register")
    first = sv.refresh(url)
    assert first.subjects_rebuilt == first.subjects_total > 0
    assert sv.refresh(url).subjects_rebuilt == 0          # nothing changed, nothing rebuilt
    import_file(sqlite_workspace, files["partner"], "partner")
    _link_from_truth_partial(sqlite_workspace, world)
    inc = sv.refresh(url)
    assert 0 < inc.subjects_rebuilt < inc.subjects_total + inc.subjects_removed
    counts_inc = [sv.count(url, as_of=date(2021, 1, 1) + timedelta(days=90 * i), status="in_custody",
                           fresh=False).as_dict() for i in range(12)]
    sv.refresh(url, full=True)
    counts_full = [sv.count(url, as_of=date(2021, 1, 1) + timedelta(days=90 * i), status="in_custody",
                            fresh=False).as_dict() for i in range(12)]
    assert counts_inc == counts_full


def _link_from_truth_partial(workspace, world) -> None:
    """Link only the partner list's records that share a person with the register (some persons change)."""
    with get_engine(workspace.database_url).begin() as c:
        rows = c.execute(text("select r.id, s.name, CASE WHEN r.external_id = '' THEN r.identity ELSE r.external_id END from record r join source s on s.id = r.source_id"
                              )).all()
        by_person: dict[int, list[int]] = {}
        for rid, src, ext in rows:
            by_person.setdefault(world.truth[(src, ext)], []).append(rid)
        for pid, rids in by_person.items():
            if len(rids) > 1:
                c.execute(text("insert into person (id, display_name, created_at, updated_at) "
                               "values (:i, 'synthetic', '2024-01-01', '2024-01-01')"), {"i": pid + 1})
                for rid in rids:
                    c.execute(text("update record set person_id = :p where id = :r"), {"p": pid + 1, "r": rid})


def _derived_tables(url: str) -> dict[str, list[tuple]]:
    """Every derived row (without its surrogate id), in the order the build wrote it."""
    tables = {"history_subject": "subject_id, person_id, digest, n_records, n_events, n_conflicts, birth_year, "
                                 "region, district, sex",
              "history_events": "subject_id, date_lo, date_hi, events",
              "history_span": "subject_id, state, sure, lo, hi", "history_key": "subject_id, dim, key"}
    with get_engine(url).connect() as c:
        out = {}
        for table, cols in tables.items():
            order = "subject_id" if table in ("history_subject", "history_events") else "id"
            out[table] = [tuple(str(v) for v in r) for r in c.execute(text(f"select {cols} from {table} order by {order}"))]
    return out


def test_worker_processes_build_exactly_what_one_process_builds(workspace, tmp_path, monkeypatch) -> None:
    world = _load(workspace, tmp_path, seed=5, n_people=150, p_partial=0.4, p_conflict=0.25)
    _link_from_truth(workspace, world)
    url = workspace.database_url
    monkeypatch.setattr(sv, "_CHUNK", 7)   # many chunks, so their order through the workers matters
    serial = sv.refresh(url, full=True, workers=0)
    one = _derived_tables(url)
    counts = [sv.count(url, as_of=date(2020, 9, 1) + timedelta(days=61 * i), status=st, by="region",
                       fresh=False).as_dict() for i in range(12) for st in STATES]
    parallel = sv.refresh(url, full=True, workers=2)
    assert (parallel.subjects_total, parallel.subjects_rebuilt) == (serial.subjects_total, serial.subjects_rebuilt)
    assert _derived_tables(url) == one and len(one["history_span"]) > 100
    assert [sv.count(url, as_of=date(2020, 9, 1) + timedelta(days=61 * i), status=st, by="region",
                     fresh=False).as_dict() for i in range(12) for st in STATES] == counts
