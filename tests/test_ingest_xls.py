"""Legacy Excel 97-2003 (.xls) lists, built here with xlwt the way old office exports are: Cyrillic text,
cells formatted as dates, numbers, empty cells and rows, more than one sheet."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlwt
from sqlalchemy import func, select
from typer.testing import CliRunner

from reckon.errors import InputError
from reckon.ingest.readers import OLE2_MAGIC, guess_format, open_table
from reckon.ingest.records import list_records
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import AuditEvent, ImportBatch, QuarantinedRow, Record, Source
from reckon.store.rawblocks import raw_row

DATE = "DD.MM.YYYY"
HEADER = ["№", "ФИО", "Дата рождения", "Пол", "Статья", "Срок, лет"]
# (cells of one row; a date or datetime is written with a date format, like Excel does when one is typed)
PEOPLE: list[list[Any]] = [
    [1, "Іваноў Іван Іванавіч", date(1975, 5, 5), "м", "ч. 2 ст. 293 УК", 5],
    [2, "Шчукіна Вольга", date(1980, 2, 29), "ж", None, 2.5],  # no article: an empty cell
    None,  # an empty row between people, as hand-kept lists have
    [3, "Соц Сяргей", "1990", "м", "ст. 342 УК", None],  # a year typed as text
]
OTHER_SHEET = [["id", "name", "detained"], [7, "Сідарава Алена", datetime(2021, 3, 14, 9, 30)]]


def write_xls(path: Path, sheets: dict[str, list[list[Any] | None]], *, datemode_1904: bool = False) -> Path:
    """A real BIFF8 workbook: each sheet's first row is its header, ``None`` rows are left empty."""
    wb = xlwt.Workbook(encoding="utf-8")
    wb.dates_1904 = datemode_1904
    date_style = xlwt.easyxf(num_format_str=DATE)
    stamp_style = xlwt.easyxf(num_format_str="DD.MM.YYYY HH:MM")
    time_style = xlwt.easyxf(num_format_str="HH:MM:SS")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells or []):
                if value is None:
                    continue
                if isinstance(value, datetime):
                    ws.write(r, c, value, stamp_style)
                elif isinstance(value, date):
                    ws.write(r, c, value, date_style)
                elif isinstance(value, time):
                    ws.write(r, c, value, time_style)
                else:
                    ws.write(r, c, value)
    wb.save(str(path))
    return path


def people_xls(path: Path) -> Path:
    return write_xls(path, {"Спіс": [HEADER, *PEOPLE], "Другі": OTHER_SHEET})


def table_counts(ws) -> dict[str, int]:
    with get_engine(ws.database_url).connect() as conn:
        return {m.__tablename__: conn.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Source, ImportBatch, Record, QuarantinedRow, AuditEvent)}


# --- the reader ------------------------------------------------------------------------------------

def test_xls_cells_read_as_the_xlsx_reader_reads_them(tmp_path: Path) -> None:
    path = people_xls(tmp_path / "спіс.xls")
    assert path.read_bytes().startswith(OLE2_MAGIC)
    with open_table(path) as reader:
        rows = list(reader)
    assert reader.format == "xls" and reader.sheet == "Спіс" and reader.headers == HEADER
    first = rows[0].values
    assert first == {"№": 1, "ФИО": "Іваноў Іван Іванавіч", "Дата рождения": "1975-05-05", "Пол": "м",
                     "Статья": "ч. 2 ст. 293 УК", "Срок, лет": 5}
    assert type(first["№"]) is int and type(first["Срок, лет"]) is int  # no "1.0"
    second = rows[1].values
    assert second["Дата рождения"] == "1980-02-29" and second["Статья"] == "" and second["Срок, лет"] == 2.5
    # Row numbers as Excel shows them: header row 1, the empty row 4 skipped but counted.
    assert [r.number for r in rows] == [2, 3, 5]
    assert rows[2].values["Дата рождения"] == "1990" and rows[2].values["Срок, лет"] == ""
    assert all(r.problem is None for r in rows)


def test_xls_sheet_selection_and_a_missing_sheet(tmp_path: Path) -> None:
    path = people_xls(tmp_path / "list.xls")
    with open_table(path, sheet="Другі") as reader:
        rows = list(reader)
    assert reader.sheet == "Другі" and reader.headers == ["id", "name", "detained"]
    assert rows[0].number == 2 and rows[0].values == {"id": 7, "name": "Сідарава Алена",
                                                      "detained": "2021-03-14 09:30:00"}
    with pytest.raises(InputError, match="no sheet 'Трэці'") as err:
        open_table(path, sheet="Трэці")
    assert err.value.file == "list.xls" and "Спіс, Другі" in str(err.value)


def test_xls_dates_follow_the_workbook_datemode(tmp_path: Path) -> None:
    """A Mac workbook counts days from 1904: the same date is another number, and must read the same."""
    sheets = {"s": [["id", "born", "at"], [1, date(1975, 5, 5), time(10, 15, 30)], [2, date(1900, 1, 1), None]]}
    for name, mode in (("win.xls", False), ("mac.xls", True)):
        with open_table(write_xls(tmp_path / name, sheets, datemode_1904=mode)) as reader:
            rows = list(reader)
        assert rows[0].values == {"id": 1, "born": "1975-05-05", "at": "10:15:30"}, name
        if not mode:  # 1900-01-01 predates the 1904 system
            assert rows[1].values["born"] == "1900-01-01"


def test_xls_header_numbers_extra_cells_and_an_empty_sheet(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "odd.xls", {
        "a": [None, ["id", 2021, None], [1, "x", None, "лішняе"]],
        "empty": [],
    })
    with open_table(path) as reader:
        rows = list(reader)
    assert reader.headers == ["id", "2021"]  # a header typed as a number is its text, not "2021.0"
    assert rows[0].number == 3 and rows[0].values["column_4"] == "лішняе"
    assert rows[0].problem == "filled cells in the row: 3, in the header: 2"
    with pytest.raises(InputError, match="the sheet is empty") as err:
        open_table(path, sheet="empty")
    assert err.value.file == "odd.xls"


def test_xls_is_recognised_by_its_content(tmp_path: Path) -> None:
    data = people_xls(tmp_path / "list.xls").read_bytes()
    for name in ("export.csv", "export.dat", "export", "export.xlsx"):
        (tmp_path / name).write_bytes(data)
        assert guess_format(tmp_path / name) == "xls", name
        with open_table(tmp_path / name) as reader:
            assert reader.format == "xls" and next(iter(reader)).values["ФИО"] == "Іваноў Іван Іванавіч"
    # The other way round: an .xlsx workbook saved under an .xls name is read as what it is.
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["id", "name"])
    wb.active.append([1, "Іваноў"])
    wb.save(tmp_path / "renamed.xls")
    assert guess_format(tmp_path / "renamed.xls") == "xlsx"
    # And a text file called .csv stays CSV.
    (tmp_path / "plain.csv").write_text("id,name\n1,Іваноў\n", encoding="utf-8")
    assert guess_format(tmp_path / "plain.csv") == "csv"


@pytest.mark.parametrize("damage", ["truncated", "garbage", "text"])
def test_a_corrupt_xls_is_a_clean_input_error(tmp_path: Path, damage: str) -> None:
    good = people_xls(tmp_path / "good.xls").read_bytes()
    bad = tmp_path / "broken.xls"
    if damage == "truncated":  # the OLE2 header promises sectors that are not there
        bad.write_bytes(good[:1100])
    elif damage == "garbage":  # the signature, then noise
        bad.write_bytes(OLE2_MAGIC + bytes(range(256)) * 8)
    else:  # a web app's "Excel export" that is really text
        bad.write_text("id\tФИО\n1\tІваноў\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Excel 97-2003 .xls workbook") as err:
        with open_table(bad) as reader:
            list(reader)
    assert err.value.file == "broken.xls"
    assert "Іваноў" not in str(err.value)


# --- through the import ----------------------------------------------------------------------------

def test_xls_import_stores_fields_and_raw_rows(workspace, tmp_path: Path) -> None:
    path = people_xls(tmp_path / "viasna.xls")
    report = import_file(workspace, path, "viasna")
    assert report.format == "xls" and (report.rows_read, report.new, report.quarantined) == (3, 3, 0)
    recs = {r["identity"]: r for r in list_records(workspace, "viasna", limit=None)}
    assert set(recs) == {"1", "2", "3"}  # ids typed as numbers: "1", never "1.0"
    one = recs["1"]
    assert one["full_name"] == "Іваноў Іван Іванавіч" and one["birth_date"] == "1975-05-05"
    assert one["sex"] == "male" and one["external_id"] == "1"
    assert (one["file"], one["row"]) == ("viasna.xls", 2)
    assert recs["2"]["birth_date"] == "1980-02-29" and recs["2"]["sex"] == "female"
    assert recs["3"]["birth_date"] == "1990" and recs["3"]["row"] == 5
    with get_engine(workspace.database_url).connect() as conn:
        raw = raw_row(conn, conn.execute(select(Record.id).where(Record.identity == "2")).scalar_one())
    assert raw == {"№": 2, "ФИО": "Шчукіна Вольга", "Дата рождения": "1980-02-29", "Пол": "ж", "Статья": "",
                   "Срок, лет": 2.5}
    # The same workbook again: recognised, nothing written.
    assert import_file(workspace, path, "viasna").already_imported
    # The second sheet, chosen by name, into another source.
    other = import_file(workspace, path, "court", sheet="Другі")
    assert other.new == 1
    rec = list_records(workspace, "court", limit=None)[0]
    assert rec["full_name"] == "Сідарава Алена" and rec["detention_date"] == "2021-03-14"


def test_a_corrupt_xls_import_changes_nothing(workspace, tmp_path: Path) -> None:
    import_file(workspace, people_xls(tmp_path / "good.xls"), "viasna")
    before = table_counts(workspace)
    bad = tmp_path / "bad.xls"
    bad.write_bytes((tmp_path / "good.xls").read_bytes()[:1100])
    with pytest.raises(InputError, match="bad.xls"):
        import_file(workspace, bad, "viasna")
    with pytest.raises(InputError, match="no sheet"):
        import_file(workspace, tmp_path / "good.xls", "other", sheet="nope")
    assert table_counts(workspace) == before


def test_xls_through_the_command_line(tmp_path: Path, sqlite_workspace) -> None:
    from reckon.cli import _build

    app = _build()
    ws = str(sqlite_workspace.root)
    path = people_xls(tmp_path / "спіс.xls")
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(path), "--source", "viasna", "-w", ws], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    result = runner.invoke(app, ["import", str(path), "--source", "court", "--sheet", "Другі", "-w", ws],
                           catch_exceptions=False)
    assert result.exit_code == 0 and "1 new" in result.output
    out = runner.invoke(app, ["records", "--format", "jsonl", "-w", ws]).stdout
    got = {(r["source"], r["identity"]): r for r in map(json.loads, out.splitlines())}
    assert got[("viasna", "1")]["birth_date"] == "1975-05-05" and got[("viasna", "1")]["row"] == 2
    assert got[("court", "7")]["full_name"] == "Сідарава Алена"


def test_a_corrupt_xls_on_the_command_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    ws = tmp_path / "ws"
    bad = tmp_path / "bad.xls"
    bad.write_bytes(people_xls(tmp_path / "good.xls").read_bytes()[:1100])

    def reckon(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "from reckon.cli import main; main()", *args],
                              capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "250"})

    assert reckon("init", str(ws)).returncode == 0
    done = reckon("import", str(bad), "--source", "v", "-w", str(ws))
    assert done.returncode == 1
    assert "bad.xls" in done.stderr and "Excel 97-2003" in done.stderr and "Traceback" not in done.stderr
    assert reckon("sources", "-f", "csv", "-w", str(ws)).stdout.strip().count("\n") == 0  # header only
