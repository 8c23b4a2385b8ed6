"""What an import warned of stays to be read later (issue: a documenter who comes back a week after an import
must learn what the one who ran it was told): ``reckon imports`` and the web's import and source pages show
the rows stored with a warning (count, file, row, reason: never a value) and a guessed encoding, read from
the import's audit entry. On a real list copied and broken on purpose (written to tmp), on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build
from test_web_support import make_users, serve

CUT = (10, 20, 30)   # rows of the list (1 = the first after the header) cut to their first four cells


def _broken_copy(tmp_path: Path) -> tuple[Path, list[int], list[str]]:
    """Viasna's admin-cases list in cp1251 with three rows cut short: the copy, the file lines of the cut
    rows, and the values those rows lost (which nothing shown may contain)."""
    text = shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    lines, lost = [], []
    written = 0
    for i, row in enumerate(reader):
        if i in CUT:
            lines.append(written + 1)
            lost += [v for v in row[4:] if len(v) > 3]
            row = row[:4]
        writer.writerow(row)
        written += 1 + sum(cell.count("\n") for cell in row)
    path = tmp_path / "admin_cases_broken.csv"
    path.write_bytes(out.getvalue().encode("cp1251", errors="replace"))
    return path, lines, lost


def test_an_imports_warnings_are_listed_later_by_the_cli_and_the_web(workspace, tmp_path, monkeypatch) -> None:
    path, lines, lost = _broken_copy(tmp_path)
    app, ws = _build(), str(workspace.root)
    done = CliRunner().invoke(app, ["import", str(path), "--source", "admin", "-w", ws], catch_exceptions=False)
    assert done.exit_code == 0 and "rows stored with a warning: 3" in done.output
    clean = shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")
    assert CliRunner().invoke(app, ["import", str(clean), "--source", "pp", "-w", ws]).exit_code == 0

    # later, from the command line
    monkeypatch.setenv("COLUMNS", "250")
    listed = CliRunner().invoke(app, ["imports", "-w", ws], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    assert "Import #1: admin_cases_broken.csv" in listed.output and "Import #2" not in listed.output
    assert "rows stored with a warning: 3" in listed.output and "encoding: not UTF-8: read as cp1251" in listed.output
    rows = [json.loads(line) for line in CliRunner().invoke(
        app, ["imports", "-w", ws, "--format", "jsonl"], catch_exceptions=False).output.splitlines()]
    assert [(r["import_id"], r["source"], r["read"], r["new"], r["warned"]) for r in rows] == [
        (2, "pp", 18, 18, 0), (1, "admin", 500, 500, 3)]
    admin = rows[1]
    assert [(w["file"], w["row"]) for w in admin["warnings"]] == [("admin_cases_broken.csv", n) for n in lines]
    assert all(w["reason"].startswith("cells missing: 7; cells in the row: 4, in the header: 11") for w in admin["warnings"])
    assert admin["encoding"].startswith("not UTF-8: read as cp1251") and rows[0]["encoding"] is None
    only = CliRunner().invoke(app, ["imports", "-w", ws, "--source", "pp", "--format", "csv"]).output.splitlines()
    assert len(only) == 2 and only[1].startswith("2,pp,")
    shown = listed.output + json.dumps(rows, ensure_ascii=False)
    assert lost and not [v for v in lost if v in shown]   # no value of the rows that lost cells

    # later, on the web
    users = make_users(workspace.database_url)
    with serve(workspace) as base, httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/imports/1", headers=users.headers("analyst")).text
        assert "rows stored with a warning: 3" in page and "not UTF-8: read as cp1251" in page
        assert [f"<td>{n}</td><td>cells missing: 7" in page for n in lines] == [True] * 3
        source = client.get("/sources/1", headers=users.headers("analyst")).text
        assert '<td>0</td><td>3</td></tr>' in source   # quarantined 0, warnings 3
        api = client.get("/api/imports/1", headers=users.headers("analyst")).json()
        assert api["warned"] == 3 and [w["row"] for w in api["warnings"]] == lines
