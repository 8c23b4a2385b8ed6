"""The columnar import path (reckon.ingest.columnar) stores exactly what the row path stores.

Every file here is imported twice, once each way (RECKON_IMPORT_COLUMNAR=0 forces the row path), and the
stored records, raw rows, quarantine and report counts are compared field by field; a hypothesis test
compares the prepared batches of generated CSV files. Names and values are made up, except the real
Viasna lists of ../shared/eval, which stay there.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from conftest import shared_path
from reckon.config import init_workspace
from reckon.errors import InputError
from reckon.ingest.columnar import Irregular, columnar_batches, supported
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import MappingSpec, resolve_mapping
from reckon.ingest.prepare import prepare_batches
from reckon.ingest.readers import open_table
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import QuarantinedRow, RawBlock, Record
from reckon.store.rawblocks import raw_of

HEADER = "id,ФИО,Пол,Дата рождения,Область,Задержан,Статус,Статья,Суд,Штраф,Арышт\n"
GOOD = [
    'A1,Іваноў Іван Іванавіч,м,05.05.1975,Minsk,2021-03-04,active,"Part 2 of Art. 293 | Art. 342",Суд 1,,15 сут.\n',
    'A2,Шчукіна  Вольга,ж,1980,Brest,05.2022,former,"23.34 ч.1 КаАП, 23.4 КаАП",,200 BYN,\n',
    'A3,Соц С.В.,м,05.1990,,2020,np,Art. 130,"Менск, Першамайскі",,\n',
    'A4," Пятроў ""Пётр"" ",male,-,Gomel,,died,,,"a\\b",\n',
    'A5,"Кавалёва\nАлена",female,н/д,Vitebsk,,active,Art. 342,"line\r\nbreak\ttab",,\n',
    'A1,Іваноў Іван (again),м,1975,Minsk,,active,,,,\n',
]
BAD = [
    "B1,Бадаў Бад,м,31.02.1990,Minsk,,active,,,,\n",  # no such date
    "B2,,м,1990,Minsk,,active,,,,\n",  # no name
    "B3,Будучы Буд,м,2999,Minsk,,active,,,,\n",  # born in the future
    "B4,Ценявы Цень,x?,1990,Minsk,,whatever,,,,\n",  # unknown sex and status
]


def _import_both(tmp_path: Path, path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> list[Any]:
    """Import ``path`` into two fresh workspaces, the row way and the columnar way; both stores' contents."""
    out = []
    for way in ("0", "1"):
        monkeypatch.setenv("RECKON_IMPORT_COLUMNAR", way)
        ws = init_workspace(tmp_path / f"ws{way}")
        report = import_file(ws, path, "list", worker=False, **kwargs)
        out.append((report, _stored(ws.database_url)))
    return out


def _stored(url: str) -> dict[str, Any]:
    t, q = Record.__table__, QuarantinedRow.__table__
    with get_engine(url).connect() as conn:
        records = [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.id))]
        raws = raw_of(conn, [(r["raw"], r["raw_block_id"], r["raw_offset"]) for r in records])
        blocks = [tuple(r) for r in conn.execute(select(RawBlock.__table__).order_by(RawBlock.id))]
        bad = [dict(r._mapping) for r in conn.execute(select(q).order_by(q.c.id))]
    for r in bad:
        r.pop("created_at")
    return {"records": records, "raws": raws, "blocks": blocks, "quarantine": bad}


def _same(pair: list[Any], columnar: bool = True) -> None:
    (rrow, row), (rcol, col) = pair
    assert rcol.columnar is columnar and not rrow.columnar
    assert (rcol.rows_read, rcol.new, rcol.quarantined, rcol.problems, rcol.reasons, rcol.warnings) == \
        (rrow.rows_read, rrow.new, rrow.quarantined, rrow.problems, rrow.reasons, rrow.warnings)
    assert len(col["records"]) == len(row["records"])
    for a, b in zip(col["records"], row["records"], strict=True):
        assert a == b  # every column: fields, identity, hash, row number, block and line
    assert col["raws"] == row["raws"]
    assert col["blocks"] == row["blocks"]  # the compressed raw rows, byte for byte
    assert col["quarantine"] == row["quarantine"]


def test_the_real_viasna_lists_are_stored_the_same_either_way(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("viasna_political_prisoners_sample.csv", "viasna_admin_cases_2020_sample.csv"):
        pair = _import_both(tmp_path / name, shared_path("eval", "lists", name), monkeypatch)
        _same(pair)
        assert pair[1][0].new > 10


def test_bad_rows_partial_dates_quotes_and_repeats_are_stored_the_same(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(GOOD + BAD) * 3, encoding="utf-8")
    spec = MappingSpec(columns={"id": "external_id"}, identity=["id"])
    pair = _import_both(tmp_path, path, monkeypatch, batch_size=7, mapping=spec)  # batches cut across repeats
    _same(pair)
    report = pair[1][0]
    assert report.quarantined == 3 * len(BAD) and report.new == 3 * len(GOOD)
    assert {p["row"] for p in report.problems} >= {8, 9, 10, 11}
    records = pair[1][1]["records"]
    assert [r["identity"] for r in records[:6]] == ["A1", "A2", "A3", "A4", "A5", "A1#2"]
    assert records[1]["full_name"] == "Шчукіна Вольга" and records[1]["birth_date"] == "1980"
    assert pair[1][1]["raws"][3]["ФИО"] == ' Пятроў "Пётр" ' and pair[1][1]["raws"][3]["Штраф"] == "a\\b"
    assert pair[1][1]["raws"][4]["Суд"] == "line\r\nbreak\ttab"


@pytest.mark.parametrize("encoding,newline,sep", [("utf-8-sig", "\n", False), ("cp1251", "\r\n", False),
                                                  ("utf-8", "\r\n", True)])
def test_bom_code_pages_crlf_and_excel_sep_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str,
                                               newline: str, sep: bool) -> None:
    text = HEADER + "".join(GOOD[:3] + BAD[:2])
    text = text.replace("\n", newline) if newline != "\n" else text
    if sep:
        text = "sep=, " + newline + text
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    pair = _import_both(tmp_path, path, monkeypatch)
    _same(pair)
    assert pair[1][0].new >= 3


@pytest.mark.parametrize("tail", [
    "\n",  # a blank line at the end
    "A9,Short Row\n",  # fewer cells than the header
    "A9,Long Row,м,1990,Minsk,,active,,,,,extra,cells\n",  # more
    "   \n",  # only spaces
    '"",,,,,,,,,,\n',  # every cell empty, quoted
])
def test_a_file_the_columnar_reader_cannot_read_exactly_goes_the_row_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail: str) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(GOOD) * 4 + tail + "".join(GOOD[:2]), encoding="utf-8")
    pair = _import_both(tmp_path, path, monkeypatch, batch_size=5)  # a few batches written, then undone
    _same(pair, columnar=False)


def test_a_short_row_is_stored_and_named_either_way_and_refused_under_strict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row that lost cells is kept (nothing lost, not quarantined) and the report names file, row and
    how many cells are missing, the same whichever way the file was read; --strict refuses it."""
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(GOOD) * 2 + "A9,Кароткі Радок,м\n" + "".join(GOOD[:2]), encoding="utf-8")
    pair = _import_both(tmp_path, path, monkeypatch, batch_size=5)
    _same(pair, columnar=False)
    report = pair[1][0]
    assert report.quarantined == 0 and report.new == 15
    assert report.warned == 1 and report.warnings == [
        {"file": "list.csv", "row": 14, "reason": "cells missing: 8; cells in the row: 3, in the header: 11 "
                                                   "(the last fields are left empty); check the row"}]
    assert report.summary()["warned"] == 1 and report.summary()["warnings"] == report.warnings
    stored = [r for r in pair[1][1]["raws"] if r["id"] == "A9"]
    assert stored and stored[0]["ФИО"] == "Кароткі Радок" and stored[0]["Статья"] == ""
    for way in ("0", "1"):
        monkeypatch.setenv("RECKON_IMPORT_COLUMNAR", way)
        ws = init_workspace(tmp_path / f"strict{way}")
        with pytest.raises(InputError) as caught:
            import_file(ws, path, "list", strict=True, worker=False, batch_size=5)
        assert (caught.value.file, caught.value.row) == ("list.csv", 14)
        assert "cells missing: 8" in str(caught.value) and "--strict" in str(caught.value)
        assert _stored(ws.database_url)["records"] == []


def test_bytes_not_in_the_encoding_go_the_row_way_and_are_quarantined(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes((HEADER + "".join(GOOD)).encode() * 1 + b"A7,Bad \xff Byte,m,1990,Minsk,,active,,,,\n")
    pair = _import_both(tmp_path, path, monkeypatch)
    _same(pair, columnar=False)
    assert pair[1][0].quarantined == 1


def test_strict_names_the_same_row_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(GOOD + BAD), encoding="utf-8")
    errors = []
    for way in ("0", "1"):
        monkeypatch.setenv("RECKON_IMPORT_COLUMNAR", way)
        ws = init_workspace(tmp_path / f"ws{way}")
        with pytest.raises(InputError) as caught:
            import_file(ws, path, "list", strict=True, worker=False)
        errors.append((str(caught.value), caught.value.row, caught.value.field))
    assert errors[0] == errors[1] and errors[0][1] == 8


def test_reimport_of_a_changed_file_versions_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + "".join(GOOD + BAD), encoding="utf-8")
    second.write_text(HEADER + "".join(GOOD[:3] + [GOOD[3].replace("Gomel", "Brest")] + BAD), encoding="utf-8")
    stores = []
    for way in ("0", "1"):
        monkeypatch.setenv("RECKON_IMPORT_COLUMNAR", way)
        ws = init_workspace(tmp_path / f"ws{way}")
        import_file(ws, first, "list", worker=False)
        again = import_file(ws, second, "list", worker=False)
        assert (again.changed, again.unchanged, again.quarantine_known, again.not_in_file) == (1, 3, 4, 2)
        stores.append(_stored(ws.database_url))
    assert stores[0] == stores[1]


# --- generated files: the prepared batches of both paths --------------------------------------------------

_CELL = st.lists(st.sampled_from(list('ab Яё.,;"\n\r\t\\-1/') + ["\x01", "\xa0", "  ", "н/д", "1990", "05."]),
                 max_size=6).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=4, max_size=4), max_size=12), crlf=st.booleans(),
       quote_all=st.booleans(), batch=st.integers(1, 5))
def test_generated_csv_prepares_the_same_batches(tmp_path: Path, rows: list[list[str]], crlf: bool,
                                                 quote_all: bool, batch: int) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    buf.write("id,name,born,region" + ("\r\n" if crlf else "\n"))  # a quoted header goes the row way
    for i, row in enumerate(rows):
        writer.writerow([f"{row[0]}{i % 3}", *row[1:]])
    path = tmp_path / "gen.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    reader = open_table(path)
    assert supported(reader)
    sample = list(reader)
    spec = resolve_mapping(reader.headers, [r.values for r in sample], MappingSpec(
        columns={"id": "external_id", "name": "full_name", "born": "birth_date", "region": "region"}, infer=False))
    salt = b"salt\x1e"
    expected = [vars(b) | {"hashes": b.hashes} for b in prepare_batches(
        iter(sample), RowMapper(spec), salt=salt, strict=False, file_name="gen.csv", batch_size=batch,
        position=lambda: 0, text_cells=True)]
    try:
        got = [vars(b) | {"hashes": b.hashes} for b in columnar_batches(
            open_table(path), RowMapper(spec), salt=salt, strict=False, file_name="gen.csv", batch_size=batch)]
    except Irregular:
        event("irregular")
        return  # the service imports such a file the row way (tests above)
    for b in expected + got:
        b.pop("bytes_read")
        b.pop("_hashes")
    assert got == expected
    event("compared")


@pytest.mark.parametrize("spec", [
    MappingSpec(columns={"id": "ignore", "Суд": "extra.court", "Штраф": "sentence", "Арышт": "sentence"},
                values={"region": {"minsk": "Minsk City"}, "sex": {"x?": "unknown"}}),  # row:N identities
    MappingSpec(columns={"Область": "locality", "Задержан": "release_date"}, identity=["id", "ФИО"],
                lists={"articles": ","}),  # an identity of two columns, articles split on commas
])
def test_other_mappings_are_stored_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           spec: MappingSpec) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(GOOD + BAD) * 2, encoding="utf-8")
    pair = _import_both(tmp_path, path, monkeypatch, batch_size=6, mapping=spec)
    _same(pair)
    assert pair[1][0].new >= 2 * len(GOOD)
