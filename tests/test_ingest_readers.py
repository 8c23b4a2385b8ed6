"""Every input format and encoding reckon reads, written the way real exports write them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reckon.errors import InputError
from reckon.ingest.encoding import detect_encoding
from reckon.ingest.readers import open_table, sniff_delimiter

HEADERS = ["№", "Прозвішча", "Імя", "Дата нараджэння", "Пол"]
ROWS = [
    ["1", "Іваноў", "Аляксандр", "05.05.1975", "м"],
    ["2", "Шчукіна", "Вольга", "1980", "ж"],
    ["3", "Лукашэвіч; \"Ўладзімір\"", "Ўладзімір", "17.05.1996", "м"],
]


def write_csv(path: Path, delimiter: str = ",", encoding: str = "utf-8", rows=ROWS, headers=HEADERS) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def read_all(path: Path, **kw):
    with open_table(path, **kw) as reader:
        return reader, list(reader)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    reader, rows = read_all(write_csv(tmp_path / "list.csv", delimiter))
    assert reader.delimiter == delimiter
    assert reader.headers == HEADERS
    assert [list(r.values.values()) for r in rows] == ROWS
    assert [r.number for r in rows] == [2, 3, 4]  # spreadsheet rows: the header is row 1


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1251", "cp1251")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    reader, rows = read_all(write_csv(tmp_path / "list.csv", ";", encoding))
    assert reader.encoding == expected
    assert reader.headers[0] == "№" and "\ufeff" not in reader.headers[0]
    assert rows[0].values["Прозвішча"] == "Іваноў"
    assert rows[2].values["Імя"] == "Ўладзімір"


def test_cp1251_russian_excel_export(tmp_path: Path) -> None:
    headers = ["ФИО", "Дата рождения", "Статья"]
    rows = [["Иванов Иван Иванович", "01.02.1980", "ч. 2 ст. 293 УК"], ["Петрова Ольга", "1975", "ст. 342 УК"]]
    reader, got = read_all(write_csv(tmp_path / "export.csv", ";", "cp1251", rows, headers))
    assert reader.encoding == "cp1251"
    assert got[1].values["ФИО"] == "Петрова Ольга"


def test_detect_encoding_prefers_cp1251_over_other_cyrillic_pages() -> None:
    text = "Прозвішча;Імя\nЎладзімірава;Алёна\nГарашэнка;Аляксандр\n" * 3
    assert detect_encoding(text.encode("cp1251")) == "cp1251"
    assert detect_encoding(text.encode("koi8_u", errors="replace")) in ("koi8_u", "koi8_r")
    assert detect_encoding("Иванов;Петров\n".encode("cp866")) == "cp866"


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", ",", "cp1251")
    reader, rows = read_all(path, encoding="cp1251")
    assert rows[0].values["Прозвішча"] == "Іваноў"


def test_undecodable_bytes_flag_only_their_row_with_the_byte_offset(tmp_path: Path) -> None:
    good = ("id,name\n" + "".join(f"{i},Іван\n" for i in range(20000))).encode("utf-8")
    path = tmp_path / "broken.csv"
    path.write_bytes(good + "20001,Іван\n".encode("cp1251") + "20002,Іван\n".encode())
    reader, rows = read_all(path)
    assert reader.encoding == "utf-8" and len(rows) == 20002
    flagged = [r for r in rows if r.problem]
    assert [r.number for r in flagged] == [20002]
    assert f"byte offset {len(good) + 6}" in flagged[0].problem and "--encoding" in flagged[0].problem
    assert rows[-1].values["name"] == "Іван" and rows[-1].problem is None


def test_a_tiny_file_with_one_cp1251_line_among_utf8_lines_is_read_as_utf8(tmp_path: Path) -> None:
    """Two UTF-8 rows and one cp1251 row: the file is UTF-8 (its names intact, no guess to warn about)
    and only the cp1251 row is flagged, with the offset of its first undecodable byte."""
    good = "id,name\n1,Іваноў Іван\n2,Шчукіна Вольга\n".encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(good + "3,Лукашэвіч Ўладзімір\n".encode("cp1251"))
    reader, rows = read_all(path)
    assert reader.encoding == "utf-8" and reader.encoding_note is None
    assert [r.values["name"] for r in rows[:2]] == ["Іваноў Іван", "Шчукіна Вольга"]
    assert [r.number for r in rows if r.problem] == [4]
    assert f"byte offset {len(good) + 2}" in rows[2].problem


_CYRILLIC_WORD = st.text(alphabet="абвгдеёжзійклмнопрстуўфхцчшщъыьэюяАБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЩЭЮЯ",
                         min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(utf8=st.lists(_CYRILLIC_WORD, min_size=1, max_size=6), cp1251=st.lists(_CYRILLIC_WORD, max_size=6),
       order=st.randoms(use_true_random=False))
def test_utf8_lines_at_least_as_many_as_cp1251_lines_make_a_utf8_file(tmp_path: Path, utf8, cp1251, order) -> None:
    """Any file of n UTF-8 lines and k ≤ n cp1251 lines (each not UTF-8 by accident), in any order and
    of any size, is read as UTF-8: the UTF-8 names are kept as written and exactly the cp1251 rows are
    flagged, each with the byte offset of its first undecodable byte."""
    from hypothesis import assume

    cp1251 = cp1251[: len(utf8)]
    lines = [(name.encode(), None) for name in utf8]
    for name in cp1251:
        raw = name.encode("cp1251")
        try:
            raw.decode()
        except UnicodeDecodeError as exc:
            lines.append((raw, exc.start))
        else:
            assume(False)  # a cp1251 word that is also well-formed UTF-8 is UTF-8 text to any reader
    order.shuffle(lines)
    data, expected = b"id,name\n", {}
    for number, (raw, bad_at) in enumerate(lines, start=2):
        prefix = f"{number},".encode()
        if bad_at is not None:
            expected[number] = len(data) + len(prefix) + bad_at
        data += prefix + raw + b"\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    reader, rows = read_all(path)
    assert reader.encoding == "utf-8"
    flagged = {r.number: r.problem for r in rows if r.problem}
    assert sorted(flagged) == sorted(expected)
    for number, offset in expected.items():
        assert f"byte offset {offset};" in flagged[number]
    assert [r.values["name"] for r in rows if not r.problem] == [raw.decode() for raw, bad in lines if bad is None]


def test_tsv_and_excel_sep_line(tmp_path: Path) -> None:
    reader, rows = read_all(write_csv(tmp_path / "list.tsv", "\t"))
    assert reader.delimiter == "\t" and len(rows) == 3
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\nid;name\n1;Іван\n", encoding="utf-8")
    reader, rows = read_all(path)
    assert reader.delimiter == ";" and reader.headers == ["id", "name"] and rows[0].number == 3


def test_quoted_newlines_commas_and_ragged_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text('id,name,note\n1,"Іваноў, Іван","line one\nline two"\n2,Пятроў\n3,a,b,EXTRA\n\n',
                    encoding="utf-8")
    reader, rows = read_all(path)
    assert rows[0].values == {"id": "1", "name": "Іваноў, Іван", "note": "line one\nline two"}
    assert rows[1].values["note"] == "" and rows[1].problem is None
    assert rows[2].problem and "cells in the row: 4, in the header: 3" in rows[2].problem and rows[2].values["column_4"] == "EXTRA"


def test_blank_and_duplicate_headers(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("name,,name\nа,б,в\n", encoding="utf-8")
    reader, rows = read_all(path)
    assert reader.headers == ["name", "column_2", "name_2"]


def test_sniffer_falls_back_to_header_counts() -> None:
    assert sniff_delimiter("a;b;c\n") == ";"
    assert sniff_delimiter("only one column\nx\n") == ","


def test_missing_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="header"):
        open_table(path)


def test_xlsx(tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Спіс"
    ws.append(["id", "ФИО", "Дата рождения", "Пол", None])
    ws.append([1, "Иванов Иван", datetime(1975, 5, 5), "м"])
    ws.append([None, None, None, None])
    ws.append([2.0, "Петрова Ольга", "1980", "ж"])
    other = wb.create_sheet("Другой")
    other.append(["id", "name"])
    other.append([7, "Сідарава"])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    reader, rows = read_all(path)
    assert reader.format == "xlsx" and reader.sheet == "Спіс"
    assert reader.headers == ["id", "ФИО", "Дата рождения", "Пол"]
    assert rows[0].values == {"id": 1, "ФИО": "Иванов Иван", "Дата рождения": "1975-05-05", "Пол": "м"}
    assert rows[1].number == 4 and rows[1].values["id"] == 2  # blank row skipped, row numbers kept
    _, rows = read_all(path, sheet="Другой")
    assert rows[0].values["name"] == "Сідарава"
    with pytest.raises(InputError, match="no sheet"):
        open_table(path, sheet="nope")


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id,name\n", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        open_table(path)


PEOPLE = [{"id": 1, "name": "Іваноў Іван", "articles": ["Art. 342", "Art. 130"], "born": 1975},
          {"id": 2, "name": "Шчукіна Вольга", "articles": "Art. 361", "born": None}]


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps(PEOPLE, ensure_ascii=False, indent=2), encoding="utf-8")
    reader, rows = read_all(path)
    assert reader.format == "json" and reader.headers == ["id", "name", "articles", "born"]
    assert [r.values for r in rows] == PEOPLE and [r.number for r in rows] == [1, 2]


def test_json_object_holding_an_array(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    doc = {"exported": "2024-03-04", "meta": {"n": 2, "x": [1, 2]}, "people": PEOPLE}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    reader, rows = read_all(path)
    assert reader.sheet == "people" and [r.values for r in rows] == PEOPLE
    _, rows = read_all(path, json_key="people")
    assert len(rows) == 2


def test_json_streams_many_objects_across_buffer_boundaries(tmp_path: Path) -> None:
    people = [{"id": i, "name": f"Асоба {i}", "n": 1.5 * i} for i in range(30000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-16")
    reader, rows = read_all(path)
    assert len(rows) == 30000 and rows[-1].values == people[-1]


def test_broken_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"id": 1}, {"id": 2,,}]', encoding="utf-8")
    with pytest.raises(InputError, match="list.json") as err:
        read_all(path)
    assert "row 2" in str(err.value)  # a JSON file's row is its item
    path.write_text('[{"id": 1} {"id": 2}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"list.json, row 2.*expected ','"):
        read_all(path)
    path.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(InputError, match="array of objects"):
        read_all(path)


def test_ndjson(tmp_path: Path) -> None:
    path = tmp_path / "list.ndjson"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in PEOPLE) + "\n\n", encoding="utf-8-sig")
    reader, rows = read_all(path)
    assert reader.format == "ndjson" and [r.values for r in rows] == PEOPLE and [r.number for r in rows] == [1, 2]


def test_broken_ndjson_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text('{"id": 1}\n{"id": 2\n{"id": 3}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_all(path)
    assert "list.jsonl" in str(err.value) and "row 2" in str(err.value) and "line 2" in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        open_table(tmp_path / "nope.csv")


WORDS = ["Іваноў", "Аляксандр", "Шчукіна", "Вольга", "Лукашэвіч", "Ўладзімір", "Пётр", "Иванов", "Ольга",
         "Дзмітрыевіч", "Ганна", "Мінск", "Брэст", "ч. 2 арт. 293", "05.05.1975", "1980", "м", "ж", "Palesnikava",
         "Harašenka", "a, b", 'say "hi"', "line\nbreak", ""]


@given(rows=st.lists(st.lists(st.sampled_from(WORDS), min_size=3, max_size=3), min_size=2, max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_list_round_trips_through_any_encoding_and_delimiter(tmp_path: Path, rows, encoding, delimiter):
    if encoding == "cp1251":
        rows = [[c.replace("Ł", "L").replace("š", "s") for c in r] for r in rows]
    if not any(any(ch.isalpha() and ord(ch) > 0x400 for c in r for ch in c) for r in rows):
        rows[0][0] = "Іваноў"  # a real Cyrillic list, so the code page can be told
    rows = [r for r in rows if any(r)] or [["Іваноў", "a", "b"]]
    path = write_csv(tmp_path / f"rt_{encoding}_{ord(delimiter)}.csv", delimiter, encoding, rows,
                     ["Прозвішча", "Імя", "Дата"])
    reader, got = read_all(path)
    assert reader.delimiter == delimiter
    assert [list(r.values.values()) for r in got] == rows
