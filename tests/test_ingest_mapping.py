"""Header inference in three languages, YAML mappings and what RowMapper stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.errors import ConfigError
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import FIELDS, MappingSpec, load_mapping_file, lookup_header, resolve_mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [("id", "external_id"), ("№", "external_id"), ("name", "full_name"), ("Full Name", "full_name"),
     ("ФИО", "full_name"), ("Ф.И.О.", "full_name"), ("Прозвішча, імя, імя па бацьку", "full_name"),
     ("surname", "surname"), ("Фамилия", "surname"), ("прозвішча", "surname"), ("Имя", "given_name"),
     ("імя", "given_name"), ("Отчество", "patronymic"), ("Імя па бацьку", "patronymic"),
     ("birth_date", "birth_date"), ("DOB", "birth_date"), ("birthday", "birth_date"),
     ("Дата рождения", "birth_date"), ("Дата нараджэння", "birth_date"), ("Год рождения", "birth_date"),
     ("sex", "sex"), ("gender", "sex"), ("Пол", "sex"), ("region", "region"), ("Вобласць", "region"),
     ("Область", "region"), ("status", "status"), ("articles", "articles"), ("Статья", "articles"),
     ("Артыкул", "articles"), ("arrested", "detention_date"), ("detained", "detention_date"),
     ("Дата задержания", "detention_date"), ("Дата затрымання", "detention_date"),
     ("release", "release_date"), ("release_date", "release_date"), ("sentence", "sentence"),
     ("penalty", "sentence"), ("prison", "place_of_detention"), ("Place of detention", "place_of_detention"),
     ("Дата рождения (дд.мм.гггг)", "birth_date"), ("  Пол  ", "sex"), ("notes", None)],
)
def test_header_lookup(header: str, field: str | None) -> None:
    assert lookup_header(header) == field


def test_inference_checks_values_and_keeps_every_column() -> None:
    headers = ["id", "name", "birthday", "sex", "status", "comment"]
    rows = [{"id": str(i), "name": "Іван", "birthday": "sometime", "sex": "м", "status": "active",
             "comment": "x"} for i in range(10)]
    spec = resolve_mapping(headers, rows)
    assert spec.columns == {"id": "external_id", "name": "full_name", "birthday": "ignore", "sex": "sex",
                            "status": "status", "comment": "ignore"}
    assert any("birthday" in note for note in spec.notes)


def test_inference_drops_an_id_column_that_repeats() -> None:
    rows = [{"id": "1", "name": "a"} for _ in range(10)]
    spec = resolve_mapping(["id", "name"], rows)
    assert spec.columns["id"] == "ignore"
    assert any("row number" in note for note in spec.notes)


def test_no_name_column_is_noted() -> None:
    spec = resolve_mapping(["id", "x"], [])
    assert any("no column holds a name" in n for n in spec.notes)


def write_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_mapping(tmp_path: Path) -> None:
    path = write_mapping(tmp_path, """
columns:
  Код: external_id
  Чалавек: full_name
  Нарадзіўся: birth_date
  Стан: status
  Суддзя: extra.judge
  Заўвагі: ignore
dates:
  order: mdy
  formats:
    birth_date: ["%d|%m|%Y"]
values:
  sex: {"1": male, "2": female}
  status: {"сядзіць": in_custody}
lists:
  articles: "/"
identity: [Код]
read: {encoding: cp1251, delimiter: ";"}
""")
    spec = load_mapping_file(path)
    assert spec.date_order == "mdy" and spec.read == {"encoding": "cp1251", "delimiter": ";"}
    headers = ["Код", "Чалавек", "Нарадзіўся", "Стан", "Суддзя", "Заўвагі", "Пол", "Артыкулы"]
    row = {"Код": "A-1", "Чалавек": "Іваноў Іван", "Нарадзіўся": "01|02|1990", "Стан": "сядзіць",
           "Суддзя": "Суддзя Х", "Заўвагі": "...", "Пол": "1", "Артыкулы": "342 / 130"}
    resolved = resolve_mapping(headers, [row], spec)
    assert resolved.columns["Пол"] == "sex" and resolved.columns["Артыкулы"] == "articles"
    fields, problems = RowMapper(resolved).map(row)
    assert problems == []
    assert fields["birth_date"] == "1990-02-01" and fields["birth_year"] == 1990
    assert fields["status"] == "in_custody" and fields["sex"] == "male"
    assert fields["articles"] == ["342", "130"] and fields["extra"] == {"judge": "Суддзя Х"}
    assert RowMapper(resolved).identity_of(row, fields, 2) == "A-1"


@pytest.mark.parametrize(
    ("text", "message"),
    [("columns: {a: nonsense}", "not a field"), ("colums: {}", "unknown key"), ("dates: {order: ymd}", "order"),
     ("values: {sex: {x: alien}}", "values.sex"), ("lists: {sex: ','}", "list field"), ("[1, 2]", "mapping"),
     ("columns: {a: [b", "not valid YAML"), ("read: {speed: fast}", "read.speed")],
)
def test_bad_mapping_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_mapping_file(write_mapping(tmp_path, text))


def test_mapping_naming_a_missing_column(tmp_path: Path) -> None:
    spec = load_mapping_file(write_mapping(tmp_path, "columns: {ФИО: full_name}"))
    with pytest.raises(ConfigError, match="ФИО"):
        resolve_mapping(["name"], [], spec)


def test_infer_off_uses_only_named_columns(tmp_path: Path) -> None:
    spec = load_mapping_file(write_mapping(tmp_path, "columns: {name: full_name}\ninfer: false"))
    resolved = resolve_mapping(["name", "sex"], [], spec)
    assert resolved.columns == {"name": "full_name", "sex": "ignore"}


def mapper(**columns: str) -> RowMapper:
    return RowMapper(resolve_mapping(list(columns), [], MappingSpec(columns=columns)))


def test_row_problems_name_the_column_and_never_the_value() -> None:
    m = mapper(name="full_name", dob="birth_date", g="sex")
    fields, problems = m.map({"name": "Іваноў Іван", "dob": "31.02.1975", "g": "м"})
    assert [(p.column, p.reason) for p in problems] == [("dob", "birth_date: day does not exist in that month")]
    _, problems = m.map({"name": "", "dob": "", "g": "q"})
    assert {p.column for p in problems} == {"g", "name"}
    assert all("Іваноў" not in p.reason and "1975" not in p.reason for p in problems)


def test_future_birth_dates_are_quarantined() -> None:
    _, problems = mapper(name="full_name", dob="birth_date").map({"name": "a", "dob": "2190"})
    assert problems and "future" in problems[0].reason


def test_full_name_from_parts_and_parts_from_initials() -> None:
    m = mapper(s="surname", g="given_name", p="patronymic")
    fields, _ = m.map({"s": "Іваноў", "g": "Іван", "p": "Іванавіч"})
    assert fields["full_name"] == "Іваноў Іван Іванавіч"
    fields, _ = mapper(n="full_name").map({"n": "Соц С.В."})
    assert (fields["surname"], fields["initials"]) == ("Соц", "С.В.")


def test_join_fields_keep_every_column() -> None:
    fields, _ = mapper(arrest="sentence", fine="sentence").map({"arrest": "15 сут.", "fine": "20 б.в."})
    assert fields["sentence"] == "15 сут.; 20 б.в."


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "dob", "sex", "status", "articles", "id"]),
                       st.text(max_size=20)))
def test_mapper_never_crashes_and_problems_or_a_name(values: dict[str, str]) -> None:
    m = mapper(name="full_name", dob="birth_date", sex="sex", status="status", articles="articles",
               id="external_id")
    fields, problems = m.map(values)
    assert problems or fields.get("full_name")
    assert set(fields) <= set(FIELDS) | {"birth_year", "extra"}


def test_the_shipped_example_mapping_is_valid() -> None:
    import reckon.ingest

    spec = load_mapping_file(Path(reckon.ingest.__file__).parent / "example_mapping.yaml")
    assert spec.columns["Прозвішча"] == "surname" and spec.values["sex"]["1"] == "male"
    assert spec.identity == ["Нумар"] and spec.read["encoding"] == "cp1251"
