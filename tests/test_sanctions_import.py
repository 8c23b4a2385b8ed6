"""Importing officials and sanctions: FtM JSON lines (good and bad), CSV with inferred headers or a mapping,
idempotent re-import, updates in place, --strict. Synthetic, fictional people only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reckon.errors import ConfigError, InputError
from reckon.sanctions import import_sanctions, list_officials, official_detail
from reckon.store.db import session_scope
from reckon.store.models import ImportBatch, QuarantinedRow
from reckon.store.sanctions import OfficialEntity, OfficialName, OfficialPosition, Sanction


def ent(eid, schema, **props):
    return {"id": eid, "schema": schema, "properties": {k: v if isinstance(v, list) else [v]
                                                        for k, v in props.items()}}


GOOD = [
    ent("p1", "Person", name="Tamara Ivanauna KRYLOVICH", birthDate="1966-04-02", gender="female",
        alias="Тамара Ивановна КРЫЛОВИЧ"),
    ent("p2", "Person", name="Paval Sergeevich DUBATOUK", birthDate="1979"),
    ent("pos1", "Position", name="Chair of the district court", country="by"),
    ent("occ1", "Occupancy", holder="p1", post="pos1", startDate="2015-03", endDate="2021"),
    ent("s1", "Sanction", entity="p1", country="eu", programId="EU-BLR", provisions="Asset freeze",
        listingDate="2021-06-21", reason="Handed down politically motivated sentences."),
    ent("s2", "Sanction", entity="p1", country="gb", programId="GB-BLR", provisions="asset freeze"),
    ent("s3", "Sanction", entity="p2", programId="US-BLR", listingDate="2022"),
]


def write_lines(path: Path, items) -> Path:
    path.write_text("\n".join(i if isinstance(i, str) else json.dumps(i, ensure_ascii=False) for i in items)
                    + "\n", encoding="utf-8")
    return path


def counts(ws) -> dict[str, int]:
    with session_scope(ws.database_url) as s:
        return {t.__name__: s.scalar(select(func.count()).select_from(t)) for t in
                (OfficialEntity, OfficialName, OfficialPosition, Sanction)}


def test_ftm_import_stores_people_positions_sanctions(workspace, tmp_path) -> None:
    report = import_sanctions(workspace, write_lines(tmp_path / "a.jsonl", GOOD), "intl")
    assert report.format == "ftm"  # detected from content
    assert (report.new, report.errors, report.sanctions) == (2, [], 3)
    rows = {r["names"][0]: r for r in list_officials(workspace)}
    kry = rows["Tamara Ivanauna KRYLOVICH"]
    assert kry["birth_date"] == "1966-04-02" and kry["sex"] == "female"
    assert kry["jurisdictions"] == ["EU", "GB"]
    assert "Тамара Ивановна КРЫЛОВИЧ" in kry["names"]
    assert rows["Paval Sergeevich DUBATOUK"]["jurisdictions"] == ["US"]  # from the programme code
    detail = official_detail(workspace, kry["id"])
    assert detail["positions"][0]["title"] == "Chair of the district court"
    assert (detail["positions"][0]["start_date"], detail["positions"][0]["end_date"]) == ("2015-03", "2021")
    assert detail["sanctions"]["EU"][0]["measure"] == "asset freeze"
    assert detail["sanctions"]["EU"][0]["reason"].startswith("Handed down")


def test_reimport_is_idempotent_and_changes_update_in_place(workspace, tmp_path) -> None:
    path = write_lines(tmp_path / "a.jsonl", GOOD)
    import_sanctions(workspace, path, "intl")
    before = counts(workspace)
    again = import_sanctions(workspace, path, "intl")
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    assert counts(workspace) == before
    changed = [dict(e) for e in GOOD]
    changed[1] = ent("p2", "Person", name="Paval Sergeevich DUBATOUK", birthDate="1979-08-30")
    third = import_sanctions(workspace, write_lines(tmp_path / "b.jsonl", changed), "intl")
    assert (third.new, third.changed, third.unchanged) == (0, 1, 1)
    assert counts(workspace) == before
    births = {r["names"][0]: r["birth_date"] for r in list_officials(workspace)}
    assert births["Paval Sergeevich DUBATOUK"] == "1979-08-30"
    with session_scope(workspace.database_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 3


def test_bad_ftm_lines_give_per_line_errors_and_the_rest_imports(sqlite_workspace, tmp_path) -> None:
    lines = [
        GOOD[0],
        '{"id": "x1", "schema": "Person", "properties": {"name": ["Broken',          # line 2: broken JSON
        ent("x2", "Spaceship", name="Enterprise"),                                   # line 3: unknown schema
        {"schema": "Person", "properties": {"name": ["Nobody Without Id"]}},         # line 4: no id
        ent("x3", "Sanction", country="eu"),                                         # line 5: no entity
        ent("x4", "Person", birthDate="1970"),                                       # line 6: no name
        "[1, 2, 3]",                                                                 # line 7: not an object
        ent("s1", "Sanction", entity="p1", country="eu", programId="EU-BLR"),        # line 8: fine
        ent("s9", "Sanction", entity="ghost", country="gb"),                         # line 9: unknown person
        ent("v1", "Vessel", name="Some Vessel"),                                       # line 10: skipped
        ent("p5", "Person", name="Vera ZAIATS", birthDate="not a date"),             # line 11: value dropped
    ]
    report = import_sanctions(sqlite_workspace, write_lines(tmp_path / "bad.jsonl", lines), "intl")
    errors = {i.line: i.message for i in report.errors}
    assert set(errors) == {2, 3, 4, 5, 6, 7, 9}
    assert "not valid JSON" in errors[2]
    assert "unknown schema 'Spaceship'" in errors[3]
    assert "no id" in errors[4]
    assert "'entity'" in errors[5]
    assert "'name'" in errors[6]
    assert "not a JSON object" in errors[7]
    assert "not a Person" in errors[9]
    warnings = {i.line: i.message for i in report.warnings}
    assert "not kept" in warnings[10] and "birthDate" in warnings[11]
    names = sorted(n for r in list_officials(sqlite_workspace) for n in r["names"][:1])
    assert names == ["Tamara Ivanauna KRYLOVICH", "Vera ZAIATS"]
    with session_scope(sqlite_workspace.database_url) as s:
        quarantined = s.scalars(select(QuarantinedRow.row_number).order_by(QuarantinedRow.row_number)).all()
    assert quarantined == [2, 3, 4, 5, 6, 7, 9]
    # messages name lines, schemata and fields, never the people in them
    assert not any("Broken" in m or "Nobody" in m or "Enterprise" in m for m in errors.values())


def test_strict_aborts_without_change(sqlite_workspace, tmp_path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [GOOD[0], "{not json"])
    with pytest.raises(InputError, match="--strict"):
        import_sanctions(sqlite_workspace, path, "intl", strict=True)
    assert counts(sqlite_workspace)["OfficialEntity"] == 0


CSV = """id,name,birth_date,position,jurisdiction,program,measure,listing_date
A1,Lizaveta Piatrouna HRYSHAN,12.05.1969,Judge of the Central District Court,GB,GB-BLR,Asset freeze,2021-08-09
A1,Lizaveta Piatrouna HRYSHAN,12.05.1969,Judge of the Central District Court,GB,GB-BLR,Travel ban,2021-08-09
A2,Mikhail Arturavich SHPAK,1981,OMON commander,United Kingdom,,asset freeze; entry ban,09.08.2021
A3,Sofia Leanidauna NIAMIGA,,Prosecutor,,,,
"""


def test_csv_with_inferred_headers(workspace, tmp_path) -> None:
    path = tmp_path / "gb.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_sanctions(workspace, path, "gb-list")
    assert report.format == "csv" and report.errors == []
    assert report.columns["name"] == ["name"] and report.columns["programme"] == ["program"]
    rows = {r["names"][0]: r for r in list_officials(workspace)}
    assert len(rows) == 3  # two rows of A1 are one official
    hry = official_detail(workspace, rows["Lizaveta Piatrouna HRYSHAN"]["id"])
    assert sorted(s["measure"] for s in hry["sanctions"]["GB"]) == ["asset freeze", "travel ban"]
    assert hry["birth_date"] == "1969-05-12"
    shpak = official_detail(workspace, rows["Mikhail Arturavich SHPAK"]["id"])
    assert shpak["sanctions"]["GB"][0]["measure"] == "asset freeze; travel ban"
    assert shpak["sanctions"]["GB"][0]["listing_date"] == "2021-08-09"
    assert rows["Sofia Leanidauna NIAMIGA"]["jurisdictions"] == []  # an official without sanctions
    assert rows["Sofia Leanidauna NIAMIGA"]["positions"] == ["Prosecutor"]
    again = import_sanctions(workspace, path, "gb-list")
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)


def test_csv_with_mapping_and_name_column(sqlite_workspace, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Ref;Прозвішча;Фамилия;DOB;Пасада\n"
                    "7;Алесь ЖАРНАСЕК;Алесь ЖОРНОСЕК;1970;суддзя\n", encoding="cp1251")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  id: Ref\n  name: Фамилия\n  birth_date: DOB\n  position: Пасада\n"
                       "defaults:\n  jurisdiction: LT\n  programme: LT-BLR\n  measure: entry ban\n",
                       encoding="utf-8")
    report = import_sanctions(sqlite_workspace, path, "lt", mapping=mapping)
    assert report.errors == []
    (row,) = list_officials(sqlite_workspace)
    assert row["names"] == ["Алесь ЖОРНОСЕК"] and row["jurisdictions"] == ["LT"]
    assert row["birth_date"] == "1970" and row["positions"] == ["суддзя"]
    # --name-column overrides: take the Belarusian column instead
    import_sanctions(sqlite_workspace, path, "lt-be", mapping=mapping, name_columns=["Прозвішча"])
    names = {n for r in list_officials(sqlite_workspace) for n in r["names"]}
    assert "Алесь ЖАРНАСЕК" in names


def test_bad_mapping_and_missing_columns_are_config_errors(sqlite_workspace, tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no name column"):
        import_sanctions(sqlite_workspace, path, "x")
    with pytest.raises(ConfigError, match="not a column"):
        import_sanctions(sqlite_workspace, path, "x", name_columns=["nom"])
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  colour: foo\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown field"):
        import_sanctions(sqlite_workspace, path, "x", mapping=mapping)


def test_csv_rows_without_names_are_reported_by_row(sqlite_workspace, tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,name,jurisdiction\n1,Ina KAVALIOVA,EU\n2,,EU\n3,Jan PISKUN,Atlantis\n", encoding="utf-8")
    report = import_sanctions(sqlite_workspace, path, "x")
    assert [(i.line, i.field) for i in report.errors] == [(3, "name")]
    assert [(i.line, i.field) for i in report.warnings] == [(4, "jurisdiction")]
    assert len(list_officials(sqlite_workspace)) == 2


EU_STYLE = """record_id,name_be_latn,name_ru_latn,name_be_cyrl,name_ru_cyrl,birth_date,birth_place,gender,position,listing_date,measure,program
1,Ivan Uladzimiravich HARBATSEVICH,Ivan Vladimirovich GORBATSEVICH,Іван Уладзіміравіч ГАРБАЦЭВІЧ,Иван Владимирович ГОРБАЦЕВИЧ,5.5.1975,"Navapolle, Belarus",male,Deputy Head of a fictional Directorate; former judge,2.10.2020,Asset freeze,EU-BLR
2,Alena Piatrouna MAKAREVICH,Elena Petrovna MAKAREVICH,Алена Пятроўна МАКАРЭВІЧ,Елена Петровна МАКАРЕВИЧ,1979,,Male,Judge,17.12.2020,Asset freeze,EU-BLR
"""


def test_eu_style_columns_need_no_mapping(sqlite_workspace, tmp_path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text(EU_STYLE, encoding="utf-8")
    report = import_sanctions(sqlite_workspace, path, "eu")
    assert report.columns["name"] == ["name_be_latn", "name_ru_latn", "name_be_cyrl", "name_ru_cyrl"]
    assert report.columns["id"] == ["record_id"] and report.columns["sex"] == ["gender"]
    rows = {r["names"][0]: r for r in list_officials(sqlite_workspace)}
    ivan = rows["Ivan Uladzimiravich HARBATSEVICH"]
    assert len(ivan["names"]) == 4 and ivan["birth_date"] == "1975-05-05" and ivan["sex"] == "male"
    assert ivan["positions"] == ["Deputy Head of a fictional Directorate", "former judge"]
    assert ivan["jurisdictions"] == ["EU"]
    detail = official_detail(sqlite_workspace, ivan["id"])
    assert detail["sanctions"]["EU"][0]["listing_date"] == "2020-10-02"
    assert detail["sanctions"]["EU"][0]["programme"] == "EU-BLR"
    assert rows["Alena Piatrouna MAKAREVICH"]["sex"] == "male"  # as the list says; "Male" read like "male"


def test_xlsx_list_and_a_cp1251_csv(sqlite_workspace, tmp_path) -> None:
    from openpyxl import Workbook

    from reckon.sanctions.csvlist import read_table

    wb = Workbook()
    sheet = wb.active
    sheet.append(["id", "name", "birth_date", "jurisdiction", "measure"])
    sheet.append(["X1", "Raman Ihnatavich LEVANOVICH", "1977-01-02", "CH", "asset freeze"])
    wb.save(tmp_path / "ch.xlsx")
    import_sanctions(sqlite_workspace, tmp_path / "ch.xlsx", "ch", format="csv")
    (row,) = list_officials(sqlite_workspace)
    assert row["jurisdictions"] == ["CH"] and row["birth_date"] == "1977-01-02"

    path = tmp_path / "cp.csv"
    path.write_bytes("id;name\n1;Алесь ЖАРНАСЕК\n\n2;Пётр ЛАГУН\n".encode("cp1251"))
    headers, rows = read_table(path)  # the register's reader: encoding and delimiter detected
    assert headers == ["id", "name"]
    assert [(n, r.get("name")) for n, r in rows] == [(2, "Алесь ЖАРНАСЕК"), (4, "Пётр ЛАГУН")]


def test_opensanctions_nested_form(sqlite_workspace, tmp_path) -> None:
    nested = {"id": "n1", "schema": "Person", "properties": {
        "name": ["Dzianis Aliaksandravich LAPATSIN"], "birthDate": ["1972-08-08"],
        "sanctions": [{"id": "n1-s", "schema": "Sanction", "properties": {
            "country": ["ch"], "program": ["CH-BLR"], "provisions": ["Asset freeze"]}}],
        "positionOccupancies": [{"id": "n1-o", "schema": "Occupancy", "properties": {
            "startDate": ["2019"],
            "post": [{"id": "n1-p", "schema": "Position", "properties": {"name": ["Head of a fictional unit"]}}]}}],
    }}
    report = import_sanctions(sqlite_workspace, write_lines(tmp_path / "nested.json", [nested]), "os")
    assert report.errors == [], [str(i) for i in report.issues]
    (row,) = list_officials(sqlite_workspace)
    assert row["jurisdictions"] == ["CH"] and row["positions"] == ["Head of a fictional unit"]
    detail = official_detail(sqlite_workspace, row["id"])
    assert detail["positions"][0]["start_date"] == "2019"


def test_name_parts_in_separate_columns(sqlite_workspace, tmp_path) -> None:
    path = tmp_path / "ru.csv"
    path.write_text("№;Фамилия;Имя;Отчество;Дата рождения;Пол;Страна;Мера\n"
                    "1;Сидорчук;Вера;Павловна;01.02.1970;ж;Литва;запрет въезда\n"
                    "2;;Олег;;;м;Литва;запрет въезда\n", encoding="utf-8")
    report = import_sanctions(sqlite_workspace, path, "lt-ru")
    assert report.columns["surname"] == ["Фамилия"] and report.columns["given_name"] == ["Имя"]
    assert [(i.line, i.field) for i in report.errors] == [(3, "name")]
    (row,) = list_officials(sqlite_workspace)
    assert row["names"] == ["Сидорчук Вера Павловна"] and row["sex"] == "female"
    assert row["birth_date"] == "1970-02-01" and row["jurisdictions"] == ["LT"]
