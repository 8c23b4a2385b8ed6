"""Importing lists into a real store (SQLite and PostgreSQL): provenance, quarantine, --strict, re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reckon.errors import InputError, ReckonError
from reckon.ingest.records import list_quarantine, list_records, list_sources, record_counts
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import AuditEvent, ImportBatch, QuarantinedRow, Record, Source
from reckon.store.rawblocks import raw_row

HEADER = "id,ФИО,Дата рождения,Пол,Статус,Статья,Область\n"
ROWS = [
    "A1,Іваноў Іван Іванавіч,05.05.1975,м,active,Part 2 of Art. 293 | Art. 342,Minsk\n",
    "A2,Шчукіна Вольга,1980,ж,former,\"23.34 ч.1 КаАП, 23.4 КаАП\",Brest\n",
    "A3,Соц С.В.,05.1990,м,np,Art. 130,\n",
    "A4,Пятроў Пётр,,м,died,,Gomel\n",
]


def write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_text(header + "".join(rows), encoding=encoding)
    return path


def table_counts(ws) -> dict[str, int]:
    engine = get_engine(ws.database_url)
    with engine.connect() as conn:
        return {m.__tablename__: conn.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Source, ImportBatch, Record, QuarantinedRow, AuditEvent)}


def current(ws, source: str) -> dict[str, dict]:
    return {r["identity"]: r for r in list_records(ws, source, limit=None)}


def test_import_stores_fields_raw_row_and_provenance(workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", ROWS)
    report = import_file(workspace, path, "partner", organisation="Partner group")
    assert (report.rows_read, report.new, report.quarantined) == (4, 4, 0)
    recs = current(workspace, "partner")
    a1 = recs["A1"]
    assert a1["full_name"] == "Іваноў Іван Іванавіч" and a1["sex"] == "male"
    assert a1["birth_date"] == "1975-05-05" and a1["status"] == "in_custody" and a1["region"] == "Minsk"
    assert a1["articles"] == ["Part 2 of Art. 293", "Art. 342"]
    assert (a1["file"], a1["row"], a1["external_id"], a1["source"]) == ("list.csv", 2, "A1", "partner")
    assert recs["A2"]["articles"] == ["23.34 ч.1 КаАП", "23.4 КаАП"] and recs["A2"]["sex"] == "female"
    assert recs["A3"]["birth_date"] == "1990-05" and recs["A3"]["initials"] == "С.В."
    assert recs["A3"]["status"] == "persecuted" and recs["A4"]["status"] == "deceased"
    engine = get_engine(workspace.database_url)
    with engine.connect() as conn:
        raw = conn.execute(select(Record.id, Record.birth_year).where(Record.identity == "A1")).one()
        assert raw_row(conn, raw[0]) == {"id": "A1", "ФИО": "Іваноў Іван Іванавіч", "Дата рождения": "05.05.1975", "Пол": "м",
                          "Статус": "active", "Статья": "Part 2 of Art. 293 | Art. 342", "Область": "Minsk"}
        assert raw[1] == 1975
        events = conn.execute(select(AuditEvent.details).where(AuditEvent.action == "import")).scalars().all()
    assert len(events) == 1
    details = events[0]
    assert details["new"] == 4 and details["file"] == "list.csv" and details["sha256"] == report.sha256
    assert "Іваноў" not in json.dumps(details, ensure_ascii=False)
    src = list_sources(workspace)[0]
    assert (src["name"], src["organisation"], src["records"], src["imports"]) == ("partner", "Partner group", 4, 1)


def test_bad_rows_go_to_quarantine_whole(workspace, tmp_path: Path) -> None:
    bad = ["B1,Іваноў Іван,31.02.1975,м,active,,\n", "B2,,1980,ж,,,\n", "B3,Сідараў,1980,alien,,,\n"]
    path = write(tmp_path / "list.csv", ROWS[:2] + bad)
    report = import_file(workspace, path, "partner")
    assert (report.new, report.quarantined) == (2, 3)
    q = list_quarantine(workspace, "partner")
    assert [(r["file"], r["row"], r["field"]) for r in q] == [
        ("list.csv", 4, "Дата рождения"), ("list.csv", 5, "ФИО"), ("list.csv", 6, "Пол")]
    assert "day does not exist" in q[0]["reason"] and "no name" in q[1]["reason"]
    assert report.reasons[("Пол", "sex value not recognised; add it to the mapping's values.sex")] == 1
    engine = get_engine(workspace.database_url)
    with engine.connect() as conn:
        raw = conn.execute(select(QuarantinedRow.raw).where(QuarantinedRow.row_number == 4)).scalar_one()
    assert raw["Дата рождения"] == "31.02.1975" and raw["ФИО"] == "Іваноў Іван"
    assert record_counts(workspace)["quarantined"] == 3


def test_strict_aborts_with_no_change(workspace, tmp_path: Path) -> None:
    import_file(workspace, write(tmp_path / "first.csv", ROWS[:2]), "partner")
    before = table_counts(workspace)
    rows = ROWS + [f"C{i},Асоба {i},01.01.1980,м,,,\n" for i in range(12000)] + ["Z,Зыль,1975-02-30,м,,,\n"]
    path = write(tmp_path / "second.csv", rows)
    with pytest.raises(InputError) as err:
        import_file(workspace, path, "partner", strict=True, batch_size=1000)
    assert "second.csv" in str(err.value) and f"row {len(rows) + 1}" in str(err.value)
    assert "Дата рождения" in str(err.value) and "Зыль" not in str(err.value)
    assert table_counts(workspace) == before
    with pytest.raises(InputError):
        import_file(workspace, path, "new source", strict=True)
    assert table_counts(workspace) == before  # not even the new source was kept


def test_reimport_of_the_same_file_changes_nothing(workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", ROWS)
    first = import_file(workspace, path, "partner")
    before = table_counts(workspace)
    again = import_file(workspace, path, "partner")
    assert again.already_imported and again.import_id == first.import_id and again.new == 0
    assert table_counts(workspace) == before
    # The same rows in a different file (reordered, renamed): read, compared row by row, nothing new.
    other = write(tmp_path / "copy.csv", list(reversed(ROWS)))
    report = import_file(workspace, other, "partner")
    assert not report.already_imported
    assert (report.new, report.changed, report.unchanged) == (0, 0, 4)
    assert record_counts(workspace)["versions"] == 4


def test_changed_rows_become_new_versions(workspace, tmp_path: Path) -> None:
    import_file(workspace, write(tmp_path / "v1.csv", ROWS), "partner")
    changed = ROWS[0].replace("active", "former")
    v2 = [changed, ROWS[1], ROWS[2], "A5,Новая Асоба,2000,ж,,,\n"]  # A4 gone, A5 new
    report = import_file(workspace, write(tmp_path / "v2.csv", v2), "partner")
    assert (report.new, report.changed, report.unchanged, report.not_in_file) == (1, 1, 2, 1)
    recs = current(workspace, "partner")
    assert set(recs) == {"A1", "A2", "A3", "A4", "A5"}  # A4 is kept: a list may be partial
    assert recs["A1"]["status"] == "released" and recs["A1"]["version"] == 2 and recs["A1"]["file"] == "v2.csv"
    engine = get_engine(workspace.database_url)
    with engine.connect() as conn:
        versions = conn.execute(select(Record.version, Record.is_current, Record.status, Record.file_name)
                                .where(Record.identity == "A1").order_by(Record.version)).all()
    assert [tuple(v) for v in versions] == [(1, False, "in_custody", "v1.csv"), (2, True, "released", "v2.csv")]
    # v2 again: the latest import of this source, so nothing to do.
    assert import_file(workspace, tmp_path / "v2.csv", "partner").already_imported
    # v1 again after v2: compared row by row, its A1 becomes current once more (a third version).
    back = import_file(workspace, tmp_path / "v1.csv", "partner")
    assert not back.already_imported and (back.changed, back.unchanged, back.new) == (1, 3, 0)
    recs = current(workspace, "partner")
    assert recs["A1"]["status"] == "in_custody" and recs["A1"]["version"] == 3


def test_repeated_ids_in_one_file_get_stable_identities(workspace, tmp_path: Path) -> None:
    rows = ["19,Смятальскі М.В.,,м,,,\n", "20,Іваноў,,м,,,\n", "19,Цыбзік Генрых,,м,,,\n"]
    import_file(workspace, write(tmp_path / "a.csv", rows), "admin", batch_size=2)
    recs = current(workspace, "admin")
    assert recs["19"]["full_name"] == "Смятальскі М.В." and recs["19#2"]["full_name"] == "Цыбзік Генрых"
    report = import_file(workspace, write(tmp_path / "b.csv", rows + ["21,Новы,,м,,,\n"]), "admin", batch_size=1)
    assert (report.new, report.unchanged, report.changed) == (1, 3, 0)


def test_repeated_ids_are_numbered_in_file_order_whatever_the_batches(workspace, tmp_path: Path) -> None:
    # Ids repeating within a batch, across batches and both; the numbering must not depend on batch size.
    ids = ["7", "8", "7", "9", "7", "8", "10", "9", "7", "11", "11", "12", "7"] + [str(i) for i in range(20, 30)]
    rows = [f"{i},Іваноў {n},,м,,,\n" for n, i in enumerate(ids)]
    seen: dict[str, int] = {}
    expected = {}
    for n, i in enumerate(ids):
        seen[i] = seen.get(i, 0) + 1
        expected[i if seen[i] == 1 else f"{i}#{seen[i]}"] = f"Іваноў {n}"
    for size in (1, 2, 3, 5, 100):
        source = f"list{size}"
        report = import_file(workspace, write(tmp_path / f"{source}.csv", rows), source, batch_size=size)
        assert report.new == len(ids)
        assert {k: r["full_name"] for k, r in current(workspace, source).items()} == expected
        again = import_file(workspace, write(tmp_path / f"{source}b.csv", rows + ["13,Новы,,м,,,\n"]),
                            source,
                            batch_size=size)
        assert (again.new, again.unchanged, again.changed) == (1, len(ids), 0)


@pytest.mark.parametrize("size", [1, 2, 100])
def test_an_id_written_like_a_numbered_repeat_is_refused_whole(workspace, tmp_path: Path, size: int) -> None:
    # "7", "7#2", "7": the second "7" would be numbered "7#2", which the file already uses. The import
    # stops with the rows and the way out, names no person, and leaves the store as it was.
    rows = ["6,Іваноў Першы,,м,,,\n", "7,Іваноў Другі,,м,,,\n", "7#2,Пятроў Трэці,,м,,,\n",
            "7,Сідараў Чацвёрты,,м,,,\n"]
    before = table_counts(workspace)
    with pytest.raises(ReckonError) as info:
        import_file(workspace, write(tmp_path / "clash.csv", rows), "clash", batch_size=size)
    text = str(info.value)
    assert "clash.csv" in text and "'#2'" in text and "rename" in text
    assert "Сідараў" not in text and "Іваноў" not in text
    # The rows of the batch refused, though on PostgreSQL its COPY ends while the next batch is read.
    assert {1: "rows 5-5", 2: "rows 4-5", 100: "rows 2-5"}[size] in text
    after = table_counts(workspace)
    assert after["record"] == before["record"] and after["import_batch"] == before["import_batch"]


def test_an_id_clash_on_a_re_import_is_refused_without_personal_data(workspace, tmp_path: Path) -> None:
    # The same clash on a later import, where ids are numbered through the table of ids seen.
    rows = ["6,Іваноў Першы,,м,,,\n", "7,Іваноў Другі,,м,,,\n"]
    import_file(workspace, write(tmp_path / "first.csv", rows), "again")
    before = table_counts(workspace)
    with pytest.raises(ReckonError) as info:
        import_file(workspace, write(tmp_path / "second.csv", rows + ["7#2,Пятроў Трэці,,м,,,\n",
                                                                          "7,Сідараў Чацвёрты,,м,,,\n"]), "again")
    text = str(info.value)
    assert "second.csv" in text and "rename" in text and "Сідараў" not in text and "Пятроў" not in text
    after = table_counts(workspace)
    assert after["record"] == before["record"] and after["import_batch"] == before["import_batch"]


def test_rows_without_ids_are_matched_by_row_number(workspace, tmp_path: Path) -> None:
    header = "ФИО,Пол\n"
    import_file(workspace, write(tmp_path / "a.csv", ["Іваноў,м\n", "Пятрова,ж\n"], header), "noid")
    assert set(current(workspace, "noid")) == {"row:2", "row:3"}


def test_dry_run_writes_nothing(workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", ROWS + ["B1,Іваноў Іван,31.02.1975,м,,,\n"])
    before = table_counts(workspace)
    report = import_file(workspace, path, "partner", dry_run=True, preview_rows=2)
    assert report.dry_run and (report.rows_read, report.new, report.quarantined) == (5, 4, 1)
    assert [p["identity"] for p in report.preview] == ["A1", "A2"]
    assert report.preview[0]["birth_date"] == "1975-05-05"
    assert report.mapping.columns["Дата рождения"] == "birth_date"
    assert report.problems[0]["row"] == 6
    assert table_counts(workspace) == before


def test_each_format_lands_in_the_store(workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    people = [{"id": "J1", "name": "Іваноў Іван", "birthday": "1975-05-05", "gender": "male",
               "articles": ["Art. 342", "Art. 130"]},
              {"id": "J2", "name": "Шчукіна Вольга", "birthday": "1980", "gender": "female", "articles": []}]
    (tmp_path / "l.json").write_text(json.dumps({"items": people}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "l.ndjson").write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in people),
                                       encoding="utf-8")
    wb = Workbook()
    wb.active.append(list(people[0]))
    for p in people:
        wb.active.append([p["id"], p["name"], p["birthday"], p["gender"], " | ".join(p["articles"])])
    wb.save(tmp_path / "l.xlsx")
    write(tmp_path / "l16.csv", ROWS[:2], encoding="utf-16")
    write(tmp_path / "l1251.csv", ROWS[:2], encoding="cp1251")
    for name in ("l.json", "l.ndjson", "l.xlsx"):
        report = import_file(workspace, tmp_path / name, name)
        assert (report.new, report.quarantined) == (2, 0), name
        recs = current(workspace, name)
        assert recs["J1"]["articles"] == ["Art. 342", "Art. 130"] and recs["J1"]["birth_date"] == "1975-05-05"
        assert recs["J2"]["sex"] == "female" and recs["J2"]["articles"] == []
    for name in ("l16.csv", "l1251.csv"):
        report = import_file(workspace, tmp_path / name, name)
        assert report.new == 2 and current(workspace, name)["A1"]["full_name"] == "Іваноў Іван Іванавіч"


def test_an_input_error_mid_file_leaves_the_store_as_before(workspace, tmp_path: Path) -> None:
    path = tmp_path / "list.ndjson"
    lines = [json.dumps({"id": i, "name": f"Асоба {i}"}) for i in range(3000)] + ['{"id": "broken"']
    path.write_text("\n".join(lines), encoding="utf-8")
    before = table_counts(workspace)
    with pytest.raises(InputError, match="row 3001"):
        import_file(workspace, path, "news", batch_size=500)
    assert table_counts(workspace) == before


def test_a_yaml_mapping_file_drives_the_import(workspace, tmp_path: Path) -> None:
    mapping = tmp_path / "partner.yaml"
    mapping.write_text("""
columns:
  Нумар справы: external_id
  Прозвішча: surname
  Імя: given_name
  Імя па бацьку: patronymic
  Нарадзіўся: birth_date
  Стаць: sex
  Стан: status
  Артыкулы: articles
  Суддзя: extra.judge
dates: {order: mdy}
values:
  sex: {"1": male, "2": female}
  status: {"сядзіць": in_custody, "на волі": released}
lists: {articles: "/"}
read: {encoding: cp1251, delimiter: ";"}
""", encoding="utf-8")
    text = ("Нумар справы;Прозвішча;Імя;Імя па бацьку;Нарадзіўся;Стаць;Стан;Артыкулы;Суддзя\n"
            "D-1;Іваноў;Іван;Іванавіч;02/01/1990;1;сядзіць;ч.2 арт.293 / арт.342;Суддзя Першы\n"
            "D-2;Пятрова;Ганна;;1985;2;на волі;;\n")
    path = tmp_path / "partner.csv"
    path.write_bytes(text.encode("cp1251"))
    report = import_file(workspace, path, "partner", mapping=mapping)
    assert (report.new, report.quarantined) == (2, 0) and report.mapping.origin == "partner.yaml"
    recs = current(workspace, "partner")
    d1 = recs["D-1"]
    assert d1["full_name"] == "Іваноў Іван Іванавіч" and d1["surname"] == "Іваноў" and d1["patronymic"] == "Іванавіч"
    assert d1["birth_date"] == "1990-02-01" and d1["sex"] == "male" and d1["status"] == "in_custody"
    assert d1["articles"] == ["ч.2 арт.293", "арт.342"]
    assert recs["D-2"]["status"] == "released" and recs["D-2"]["sex"] == "female"
    # The same file under another mapping is not "already imported": its rows are re-read and re-versioned.
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("order: mdy", "order: dmy"), encoding="utf-8")
    again = import_file(workspace, path, "partner", mapping=mapping)
    assert not again.already_imported and again.changed == 2
    assert current(workspace, "partner")["D-1"]["birth_date"] == "1990-01-02"
