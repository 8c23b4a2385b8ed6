"""Corrections by hand: a manual record per correction, pinned to its person across link runs, audited,
never touching an imported record (SQLite and PostgreSQL; the CLI as a user runs it)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from reckon.errors import ConfigError, InputError
from reckon.histories.corrections import FIELDS, correct, corrections, parse_assignments
from reckon.link import run_link
from reckon.store.db import session_scope
from reckon.store.link import ReviewDecision
from reckon.store.models import AuditEvent, ImportBatch, Person, Record, Source
from sim_support import import_world


def _load(ws, n: int = 60, seed: int = 5) -> None:
    import_world(ws, ws.root.parent / "lists", n_people=n, seed=seed)


def _members(url: str) -> dict[int, set[int]]:
    """Current imported records per person (corrections left out)."""
    out: dict[int, set[int]] = {}
    with session_scope(url) as s:
        for rid, pid in s.execute(select(Record.id, Record.person_id).join(Source, Source.id == Record.source_id)
                                  .where(Record.is_current.is_(True), Source.kind != "manual")):
            out.setdefault(pid, set()).add(rid)
    return out


def _imported_snapshot(url: str) -> list[tuple]:
    with session_scope(url) as s:
        return [tuple(r) for r in s.execute(
            select(Record.id, Record.content_hash, Record.release_date, Record.extra, Record.version, Record.is_current)
            .join(Source, Source.id == Record.source_id).where(Source.kind != "manual").order_by(Record.id))]


def _multi_person(url: str) -> tuple[int, set[int]]:
    members = _members(url)
    pid = min(p for p, ms in members.items() if len(ms) >= 2)
    return pid, members[pid]


def test_correction_is_a_pinned_manual_record_and_survives_relinks(workspace) -> None:
    url = workspace.database_url
    _load(workspace)
    run_link(workspace, seed=7)
    pid, before_members = _multi_person(url)
    snapshot = _imported_snapshot(url)
    partition = sorted(sorted(ms) for ms in _members(url).values())

    done = correct(workspace, pid, {"release_date": "2023-05-17", "judge": "Made-up Judge", "status": "released"},
                   note="a synthetic test correction", actor="web:anna")
    assert done["anchor_record"] == min(before_members)
    assert done["fields"] == {"release_date": "2023-05-17", "judge": "Made-up Judge", "status": "released"}
    with session_scope(url) as s:
        rec = s.get(Record, done["record_id"])
        src = s.get(Source, rec.source_id)
        batch = s.get(ImportBatch, rec.import_id)
        assert (src.name, src.kind) == ("manual", "manual")
        assert rec.person_id == pid and rec.release_date == "2023-05-17" and rec.status == "released"
        assert rec.extra == {"judge": "Made-up Judge"} and rec.full_name is None
        assert batch.actor == "web:anna" and batch.started_at is not None
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "person.correct")).one()
        assert ev.actor == "web:anna" and ev.target_ids == [pid] and ev.details["record_id"] == rec.id
        assert ev.details["fields"] == ["judge", "release_date", "status"]
        d = s.get(ReviewDecision, done["decision_id"])
        assert d.decision == "same" and {d.record_a, d.record_b} == {rec.id, done["anchor_record"]}
    # imported records are untouched
    assert _imported_snapshot(url) == snapshot
    listed = corrections(workspace, pid)
    assert [c["record_id"] for c in listed] == [done["record_id"]]
    assert listed[0]["actor"] == "web:anna" and listed[0]["note"] == "a synthetic test correction"
    assert listed[0]["set"]["extra.judge"] == "Made-up Judge"

    # a second correction of the same person is its own record
    second = correct(workspace, pid, {"detention_date": "2021-02"}, actor="cli:test")
    assert second["record_id"] != done["record_id"]

    for kwargs in ({}, {"full": True}, {"full": True, "seed": 11}):
        run_link(workspace, **kwargs)
        with session_scope(url) as s:
            on = {r: s.get(Record, r).person_id for r in (done["record_id"], second["record_id"])}
            anchor_pid = s.get(Record, done["anchor_record"]).person_id
        assert set(on.values()) == {anchor_pid}, kwargs
        if kwargs.get("seed") is None:
            # corrections take no part in linkage: the persons of imported records are as before
            assert sorted(sorted(ms) for ms in _members(url).values()) == partition
    assert _imported_snapshot(url) == snapshot


def test_correction_follows_a_new_version_of_its_anchor(workspace) -> None:
    url = workspace.database_url
    _load(workspace, n=40, seed=9)
    run_link(workspace, seed=7)
    pid, members = _multi_person(url)
    done = correct(workspace, pid, {"release_date": "2022"})
    anchor = done["anchor_record"]
    # the anchor's row changes in its list: a new version (a new id), as a re-import writes it
    with session_scope(url) as s:
        old = s.get(Record, anchor)
        old.is_current = False
        new = Record(source_id=old.source_id, import_id=old.import_id, identity=old.identity, version=2,
                     is_current=True, content_hash="f" * 64, file_name=old.file_name, row_number=old.row_number,
                     raw=dict(old.raw), full_name=old.full_name, surname=old.surname, given_name=old.given_name,
                     patronymic=old.patronymic, sex=old.sex, birth_date=old.birth_date, birth_year=old.birth_year,
                     region=old.region, detention_date=old.detention_date, articles=list(old.articles or []),
                     external_id=old.external_id)
        s.add(new)
        s.flush()
        new_id = new.id
    run_link(workspace)
    with session_scope(url) as s:
        assert s.get(Record, done["record_id"]).person_id == s.get(Record, new_id).person_id is not None


def test_estimation_does_not_count_corrections_as_a_list(sqlite_workspace) -> None:
    from reckon.services.estimate import capture_data

    url = sqlite_workspace.database_url
    _load(sqlite_workspace)
    run_link(sqlite_workspace, seed=7)
    before = capture_data(sqlite_workspace)
    pid, _ = _multi_person(url)
    correct(sqlite_workspace, pid, {"region": "Minsk"})
    after = capture_data(sqlite_workspace)
    assert after.lists == before.lists and "manual" not in after.lists
    assert after.patterns.tolist() == before.patterns.tolist()


def test_bad_corrections_name_the_field_and_no_value(sqlite_workspace) -> None:
    url = sqlite_workspace.database_url
    _load(sqlite_workspace, n=20)
    run_link(sqlite_workspace, seed=7)
    pid, _ = _multi_person(url)
    with pytest.raises(ConfigError, match="settable fields"):
        correct(sqlite_workspace, pid, {"shoe_size": "42"})
    with pytest.raises(InputError, match="field 'release_date'") as exc:
        correct(sqlite_workspace, pid, {"release_date": "Secret-Name 31.02.2020"})
    assert "Secret" not in str(exc.value)
    with pytest.raises(InputError, match="field 'sex'"):
        correct(sqlite_workspace, pid, {"sex": "zzz"})
    with pytest.raises(InputError, match="needs a value"):
        correct(sqlite_workspace, pid, {"judge": "  "})
    with pytest.raises(InputError, match="no person with id 999999"):
        correct(sqlite_workspace, 999999, {"judge": "X"})
    with pytest.raises(ConfigError):
        correct(sqlite_workspace, pid, {})
    with session_scope(url) as s:  # nothing half-written
        assert s.scalar(select(Source).where(Source.name == "manual")) is None
        assert s.scalars(select(Person)).first() is not None


def test_parse_assignments_examples() -> None:
    assert parse_assignments(["release_date=2024-01-02", "judge=A = B"]) == {"release_date": "2024-01-02",
                                                                            "judge": "A = B"}
    for bad in (["release_date"], ["=x"], ["judge=a", "judge=b"]):
        with pytest.raises(ConfigError):
            parse_assignments(bad)


@given(st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=30), max_size=6))
@example({"judge": "="})
@example({"judge": "", "release_date": "=="})
def test_parse_assignments_round_trips(values: dict[str, str]) -> None:
    items = [f"{k}={v}" for k, v in values.items()]
    assert parse_assignments(items) == values


def test_person_set_from_the_cli(sqlite_workspace) -> None:
    from reckon.cli import _build

    url = sqlite_workspace.database_url
    _load(sqlite_workspace, n=20)
    run_link(sqlite_workspace, seed=7)
    pid, _ = _multi_person(url)
    app = _build()
    res = CliRunner().invoke(app, ["person", str(pid), "--workspace", str(sqlite_workspace.root),
                                   "--set", "release_date=2024-03-04", "--set", "court=Made-up court",
                                   "--note", "checked with the family", "--actor", "cli:anna", "--format", "jsonl"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    shown = json.loads(res.stdout)
    manual = [r["id"] for r in shown["records"] if r["source"] == "manual"]
    assert len(manual) == 1
    said = {v["value"]: v["sources"] for v in shown["fields"]["release_date"]}
    assert said["2024-03-04"] == [f"manual #{manual[0]}"]  # which source said it, and in which record
    bad = CliRunner().invoke(app, ["person", str(pid), "--workspace", str(sqlite_workspace.root),
                                   "--set", "release_date=not a date"])
    assert bad.exit_code != 0 and isinstance(bad.exception, InputError)
    assert "field 'release_date'" in str(bad.exception)


def test_add_event_from_the_cli_shows_in_the_history(sqlite_workspace) -> None:
    from reckon.cli import _build
    from reckon.histories.corrections import event_assignments
    from reckon.histories.service import history

    url = sqlite_workspace.database_url
    _load(sqlite_workspace, n=20)
    run_link(sqlite_workspace, seed=7)
    pid, _ = _multi_person(url)
    app = _build()
    res = CliRunner().invoke(app, ["person", str(pid), "--workspace", str(sqlite_workspace.root),
                                   "--add-event", "death", "2022-04", "--note", "made-up"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    fix = corrections(sqlite_workspace, pid)[-1]
    assert fix["set"] == {"status": "deceased", "extra.death_date": "2022-04"}
    events = history(url, pid)["events"]
    death = [e for e in events if e["kind"] == "death"]
    assert death and death[0]["date"] == "2022-04" and death[0]["record_ids"] == [fix["record_id"]]
    assert event_assignments("release", "2021") == {"release_date": "2021"}
    with pytest.raises(ConfigError, match="an event is one of"):
        event_assignments("birth", "2021")
    both = CliRunner().invoke(app, ["person", str(pid), "--workspace", str(sqlite_workspace.root),
                                    "--add-event", "release", "2022", "--set", "release_date=2021"])
    assert both.exit_code != 0 and isinstance(both.exception, ConfigError)
