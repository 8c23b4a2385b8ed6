"""One hostile trait at a time, on the real readers and on both stores: what is kept, flagged or refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reckon.errors import InputError
from reckon.ingest import import_file
from reckon.ingest.readers import open_table
from reckon.ingest.records import list_quarantine, list_records


def _rows(path: Path) -> list:
    with open_table(path) as reader:
        return list(reader)


def test_duplicate_headers_keep_every_value(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("ФИО,ФИО_2,ФИО\nТэст Адзін,Ганна,Тэст Тры\n", encoding="utf-8")
    with open_table(path) as reader:
        assert reader.headers == ["ФИО", "ФИО_2", "ФИО_3"]
        (row,) = list(reader)
    assert list(row.values.values()) == ["Тэст Адзін", "Ганна", "Тэст Тры"]


def test_duplicate_json_keys_keep_every_value(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('[{"id": 1, "name": "Тэст Адзін", "name": "Ганна Тэст"}]', encoding="utf-8")
    (row,) = _rows(path)
    assert row.values == {"id": 1, "name": "Тэст Адзін", "name_2": "Ганна Тэст"}
    nd = tmp_path / "dup.ndjson"
    nd.write_text('{"id": 1, "name": "A", "name": "B"}\n', encoding="utf-8")
    assert _rows(nd)[0].values == {"id": 1, "name": "A", "name_2": "B"}


def test_xlsx_formula_without_saved_value_is_kept_as_text_and_flagged(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["id", "name", "born"])
    ws.append([1, "Тэст Адзін", "01.02.1990"])
    ws.append(["=A2+1", "=B2", "=C2"])  # written by a script: formulas, no saved values
    path = tmp_path / "f.xlsx"
    wb.save(path)
    rows = _rows(path)
    assert len(rows) == 2 and rows[0].problem is None
    assert rows[1].values == {"id": "=A2+1", "name": "=B2", "born": "=C2"}
    assert "formula with no saved value in id, name, born" in rows[1].problem


def test_utf8_with_a_stray_byte_stays_utf8_and_guesses_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "stray.csv"
    head = "id,name\n1,Ганна Тэст\n2,Іван".encode()
    path.write_bytes(head + b"\xff" + "\n3,Алесь Тэст\n".encode())
    with open_table(path) as reader:
        assert reader.encoding == "utf-8" and reader.encoding_note is None
        rows = list(reader)
    assert [r.problem is not None for r in rows] == [False, True, False]
    assert f"byte offset {len(head)}" in rows[1].problem and rows[2].values["name"] == "Алесь Тэст"
    cp = tmp_path / "cp.csv"
    cp.write_bytes("id,name\n1,Ганна Тэст\n2,Дубракоў Іван\n".encode("cp1251"))
    with open_table(cp) as reader:
        assert reader.encoding == "cp1251"
        assert "a guess with confidence" in reader.encoding_note and "--encoding" in reader.encoding_note


@pytest.mark.parametrize("data", [
    "id,name\n1,Ганна\n".encode("utf-16") + b"\x00",  # odd length
    b"\xff\xfe" + "id,name\n1,Ганна\n".encode("utf-16-le") + b"\x00\xd8" + "2,Іван\n".encode("utf-16-le"),
])
def test_broken_utf16_flags_rows_not_the_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(data)
    rows = _rows(path)
    assert rows[0].values == {"id": "1", "name": "Ганна"} and rows[0].problem is None
    assert any(r.problem and "not valid utf-16" in r.problem for r in rows)


def test_limits_give_one_line_errors(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(2500)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="2,500 columns"):
        open_table(wide)
    deep = tmp_path / "deep.ndjson"
    deep.write_text('{"id": 1, "x": ' + "[" * 200 + "]" * 200 + "}\n", encoding="utf-8")
    with pytest.raises(InputError, match="nested more than 100 levels"):
        _rows(deep)
    big = tmp_path / "big.csv"
    big.write_text('id,name\n1,"' + "ж" * (5 * 2**20) + '"\n', encoding="utf-8")
    with pytest.raises(InputError, match="a cell longer than 4,194,304 characters"):
        _rows(big)


def test_values_the_store_cannot_hold_are_quarantined_on_both_databases(workspace, tmp_path: Path) -> None:
    path = tmp_path / "bad.ndjson"
    lines = [{"id": 1, "name": "Тэст Адзін"}, {"id": 2, "name": "Тэст\u0000Два"}, {"id": 3, "name": "Тэст Тры",
             "score": float("nan")}, {"id": 4, "name": "Ан" * 600}, {"id": "9" * 400, "name": "Тэст Пяць"},
             {"id": 6, "name": "Тэст \ud800"}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    report = import_file(workspace, path, "s")
    assert (report.rows_read, report.new, report.quarantined) == (6, 1, 5)
    fields = {q["row"]: (q["field"], q["reason"]) for q in list_quarantine(workspace, "s")}
    assert fields[2][0] == "name" and "NUL" in fields[2][1]
    assert fields[3][0] == "score" and "nan" in fields[3][1]
    assert fields[4][0] == "name" and "1,200 characters for full_name" in fields[4][1]
    assert fields[5][0] == "id" and "for external_id" in fields[5][1]
    assert fields[6][0] == "name" and "surrogate" in fields[6][1]
    raws = {q["row"]: q["raw"] for q in list_quarantine(workspace, "s")}
    assert raws[2]["name"] == "Тэст\\x00Два" and raws[3]["score"] == "nan" and raws[6]["name"] == "Тэст \\ud800"
    assert [r["row"] for r in list_records(workspace, "s")] == [1]
