"""Services besides imports: reported sanctions from the news, accountability events, links to cases, the
demo step, and the import command's output. Fictional people only."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from reckon.errors import InputError
from reckon.sanctions import (
    add_accountability_event,
    add_reported_sanctions,
    demo_sanctions,
    import_sanctions,
    link_cases,
    list_officials,
    official_detail,
)
from reckon.sanctions.demo import EXPECTED_LISTED, EXPECTED_REPORTED
from reckon.store.db import session_scope
from reckon.store.models import AuditEvent, ImportBatch, Record, Source
from reckon.store.sanctions import Sanction


def ent(eid, schema, **props):
    return {"id": eid, "schema": schema, "properties": {k: v if isinstance(v, list) else [v]
                                                        for k, v in props.items()}}


PEOPLE = [
    ent("j1", "Person", name="Aliaksandr Piatrovich KAVALENKA", birthDate="1968-03-03", position="Judge"),
    ent("j2", "Person", name="Maryna Ivanauna ZHDANOVICH", birthDate="1975-09-09", position="Judge"),
    ent("s1", "Sanction", entity="j1", country="eu", programId="EU-BLR"),
]


@pytest.fixture
def judges(workspace, tmp_path: Path):
    path = tmp_path / "judges.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in PEOPLE) + "\n", encoding="utf-8")
    import_sanctions(workspace, path, "intl")
    return workspace


@dataclass
class Statement:  # the shape of reckon.news' SanctionStatement
    target: str | None
    role: str | None
    jurisdictions: list[str]
    date: str | None
    sentence: str
    sentence_start: int = 0
    sentence_end: int = 0
    official_id: int | None = None
    extra: dict = field(default_factory=dict)


def test_reported_sanctions_attach_to_officials_and_are_idempotent(judges) -> None:
    statements = [
        Statement("Аляксандр Каваленка", "judge", ["LT", "LV"], "2023-02-01",
                  "Lithuania and Latvia banned judge Kavalenka from entry."),
        Statement(None, "judges", ["EE"], "2023", "Estonia sanctioned 20 judges."),
        Statement("Someone Unknown", None, ["Atlantis"], None, "No real jurisdiction here."),
    ]
    first = add_reported_sanctions(judges, statements)
    assert first == {"statements": 3, "recorded": 3, "unchanged": 0, "attached": 2, "unattached": 1,
                     "skipped": 1}
    assert add_reported_sanctions(judges, statements)["unchanged"] == 3
    rows = {r["names"][0]: r for r in list_officials(judges)}
    kav = rows["Aliaksandr Piatrovich KAVALENKA"]
    assert kav["jurisdictions"] == ["EU"] and kav["reported_by"] == ["LT", "LV"]
    detail = official_detail(judges, kav["id"])
    assert all(s["reported"] and s["source"] == "news" for s in detail["sanctions"]["LT"])
    with session_scope(judges.database_url) as s:
        waiting = s.scalars(select(Sanction).where(Sanction.official_id.is_(None))).all()
        assert [w.target_name for w in waiting] == ["judges"]
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.action == "sanctions.reported")).all()


def test_reported_target_waits_until_a_list_names_them(sqlite_workspace, tmp_path) -> None:
    add_reported_sanctions(sqlite_workspace, [{"target": "Maryna ZHDANOVICH", "jurisdictions": "JP",
                                               "sentence": "Japan listed Maryna Zhdanovich.", "date": "2024"}])
    path = tmp_path / "j.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in PEOPLE) + "\n", encoding="utf-8")
    import_sanctions(sqlite_workspace, path, "intl")
    rows = {r["names"][0]: r for r in list_officials(sqlite_workspace)}
    assert rows["Maryna Ivanauna ZHDANOVICH"]["reported_by"] == ["JP"]


def test_accountability_events_including_none_reported(judges) -> None:
    oid = list_officials(judges)[0]["id"]
    add_accountability_event(judges, oid, "none-reported", count=0, jurisdiction="BY",
                             description="No officer has been prosecuted.")
    add_accountability_event(judges, oid, "investigation", count=2, jurisdiction="LT", date="2022-05")
    events = official_detail(judges, oid)["accountability"]
    assert [(e["kind"], e["count"], e["jurisdiction"]) for e in events] == [
        ("none_reported", 0, "BY"), ("investigation", 2, "LT")]
    assert events[1]["date"] == "2022-05"
    with pytest.raises(InputError):
        add_accountability_event(judges, oid, "none_reported", count=3)
    with pytest.raises(InputError):
        add_accountability_event(judges, oid, "rumour")
    with pytest.raises(InputError):
        add_accountability_event(judges, 999999, "investigation")


def test_cases_link_to_the_judge_named_in_the_record(judges) -> None:
    with session_scope(judges.database_url) as s:
        src = Source(name="courts", kind="court")
        s.add(src)
        s.flush()
        batch = ImportBatch(source_id=src.id, file_name="cases.csv", file_sha256="0" * 64, file_format="csv")
        s.add(batch)
        s.flush()
        for i, (judge, extra) in enumerate([("Коваленко А.П.", {}), ("Ждановіч Марына Іванаўна", {}),
                                            ("Пятроў П.П.", {}), ("", {"judge": "Kavalenka A.P."})]):
            s.add(Record(source_id=src.id, import_id=batch.id, identity=str(i), content_hash=str(i) * 8,
                         file_name="cases.csv", row_number=i + 2, raw={"ФИО": "Fictional Defendant", "Судья": judge},
                         extra=extra, full_name="Fictional Defendant"))
        # a record whose notes mention an official by full name; and one whose own person shares a name
        s.add(Record(source_id=src.id, import_id=batch.id, identity="m", content_hash="m" * 8, file_name="cases.csv",
                     row_number=9, raw={"name": "Someone Else", "notes": "Maryna Ivanauna Zhdanovich"},
                     full_name="Someone Else"))
        s.add(Record(source_id=src.id, import_id=batch.id, identity="n", content_hash="n" * 8, file_name="cases.csv",
                     row_number=10, raw={"name": "Maryna Ivanauna ZHDANOVICH"}, full_name="Maryna Ivanauna ZHDANOVICH"))
    summary = link_cases(judges)
    assert summary["new"] == 4
    assert link_cases(judges)["new"] == 0  # re-running adds nothing
    rows = {r["names"][0]: r for r in list_officials(judges)}
    kav = official_detail(judges, rows["Aliaksandr Piatrovich KAVALENKA"]["id"])
    assert sorted(c["value"] for c in kav["cases"]) == ["Kavalenka A.P.", "Коваленко А.П."]
    assert {c["role"] for c in kav["cases"]} == {"judge"}
    zh = official_detail(judges, rows["Maryna Ivanauna ZHDANOVICH"]["id"])
    assert sorted((c["field"], c["role"]) for c in zh["cases"]) == [("notes", "named"), ("Судья", "judge")]


def test_demo_step_gives_the_known_answer(sqlite_workspace) -> None:
    summary = demo_sanctions(sqlite_workspace)
    assert summary["officials"] == 5 and summary["review_pairs"] == 0
    rows = list_officials(sqlite_workspace)
    for key, expected in EXPECTED_LISTED.items():
        (row,) = [r for r in rows if any(key.upper() in n.upper() or key in n.lower() for n in r["names"])
                  or _cyr(key, r)]
        assert row["jurisdictions"] == expected, key
        assert row["reported_by"] == EXPECTED_REPORTED.get(key, [])
    assert demo_sanctions(sqlite_workspace)["officials"] == 5  # running it again changes nothing
    baidakou = next(r for r in rows if any("BAIDAKOU" in n for n in r["names"]))
    (event,) = official_detail(sqlite_workspace, baidakou["id"])["accountability"]
    assert (event["kind"], event["count"]) == ("none_reported", 0)


def _cyr(key: str, row: dict) -> bool:
    return key == "verashchaka" and any("Верещака" in n for n in row["names"])


def test_import_command_reports_bad_lines_and_counts(sqlite_workspace, tmp_path) -> None:
    from reckon.cli import _build

    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(PEOPLE[0]) + "\n{oops\n" + json.dumps(ent("z", "Ghost", name="x")) + "\n",
                    encoding="utf-8")
    res = CliRunner().invoke(_build(), ["sanctions", "import", str(path), "--source", "intl",
                                        "--workspace", str(sqlite_workspace.root)])
    assert res.exit_code == 0, res.output
    assert "line 2: not valid JSON" in res.output and "line 3: unknown schema 'Ghost'" in res.output
    assert "1 new" in res.output and "2 bad lines" in res.output
    res = CliRunner().invoke(_build(), ["sanctions", "import", str(path), "--source", "intl", "--strict",
                                        "--workspace", str(sqlite_workspace.root)])
    assert res.exit_code != 0


def test_demo_step_prints_the_matrix(sqlite_workspace) -> None:
    from reckon.demo import DemoContext, Table
    from reckon.sanctions.demo import step_sanctions

    ctx = DemoContext(root=sqlite_workspace.root, workspace=sqlite_workspace)
    step_sanctions(ctx)
    assert ctx.results["sanctions"]["officials"] == 5
    assert "5 fictional officials" in ctx.text() and "not listed by the US" in ctx.text()
    matrix = [t for t in ctx.shown if isinstance(t, Table)]
    assert len(matrix) == 1 and len(matrix[0].rows) == 5
