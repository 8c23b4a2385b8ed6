"""The register's commands, run as a user runs them: through Typer and as a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reckon.cli import _build

HEADER = "id,name,gender,birthday,status,articles\n"
ROWS = ["1,Andrei Chamiuk,male,1996-05-17,active,Part 2 of Art. 293 | Art. 342\n",
        "2,Maryia Palesnikava,female,1982-04-24,active,Art. 361\n",
        "3,Broken Date,male,1990-02-31,former,\n"]


@pytest.fixture
def app():
    return _build()


@pytest.fixture
def list_csv(tmp_path: Path) -> Path:
    path = tmp_path / "viasna.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


def run(app, *args: str):
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result


def reckon(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed command line, in its own process (exit codes and error printing included)."""
    import os

    return subprocess.run([sys.executable, "-c", "from reckon.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "250", **(env or {})})


def test_import_list_and_export(app, workspace, list_csv: Path, tmp_path: Path) -> None:
    ws = str(workspace.root)
    result = run(app, "import", str(list_csv), "--source", "viasna", "--organisation", "Viasna", "-w", ws)
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output and "1 quarantined" in result.output
    again = run(app, "import", str(list_csv), "--source", "viasna", "-w", ws)
    assert again.exit_code == 0 and "already imported" in again.output and "nothing changed" in again.output

    out = run(app, "sources", "--format", "jsonl", "-w", ws).stdout
    src = [json.loads(line) for line in out.splitlines()]
    assert src[0]["name"] == "viasna" and src[0]["records"] == 2 and src[0]["quarantined"] == 1

    out = run(app, "records", "--source", "viasna", "--format", "csv", "-w", ws).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["full_name"] for r in rows] == ["Andrei Chamiuk", "Maryia Palesnikava"]
    assert rows[0]["articles"] == "Part 2 of Art. 293 | Art. 342" and rows[0]["status"] == "in_custody"
    assert run(app, "records", "--limit", "1", "--format", "jsonl", "-w", ws).stdout.count("\n") == 1
    table = run(app, "records", "-w", ws).stdout
    assert "records" in table and table.count("viasna") == 2  # a table, one line per record

    out = run(app, "quarantine", "--format", "jsonl", "-w", ws).stdout
    q = json.loads(out.splitlines()[0])
    assert (q["source"], q["file"], q["row"], q["field"]) == ("viasna", "viasna.csv", 4, "birthday")
    assert "raw" not in q
    q = json.loads(run(app, "quarantine", "--raw", "--format", "jsonl", "-w", ws).stdout.splitlines()[0])
    assert q["raw"]["birthday"] == "1990-02-31" and q["raw"]["name"] == "Broken Date"

    out = run(app, "export", "records", "--format", "jsonl", "-w", ws).stdout
    exported = [json.loads(line) for line in out.splitlines()]
    assert {(e["source"], e["file"], e["row"], e["external_id"]) for e in exported} == {
        ("viasna", "viasna.csv", 2, "1"), ("viasna", "viasna.csv", 3, "2")}
    assert "raw" not in exported[0]
    out = run(app, "export", "records", "--format", "jsonl", "--raw", "-w", ws).stdout
    first = json.loads(out.splitlines()[0])
    assert first["raw"]["articles"] == "Part 2 of Art. 293 | Art. 342" and first["raw"]["id"] == "1"
    target = tmp_path / "out.csv"
    result = run(app, "export", "records", "--format", "csv", "--out", str(target), "-w", ws)
    assert result.exit_code == 0 and "2 records" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("record_id,source,file,row,external_id") and "Palesnikava" in text


def test_dry_run_shows_mapping_and_rows(app, sqlite_workspace, list_csv: Path) -> None:
    result = run(app, "import", str(list_csv), "--source", "viasna", "--dry-run", "-w", str(sqlite_workspace.root))
    assert result.exit_code == 0
    out = result.stdout
    assert "dry run" in out and "nothing written" in out and "birth_date" in out and "Cham" in out
    assert "would be quarantined" in out
    assert "viasna" not in run(app, "sources", "-f", "csv", "-w", str(sqlite_workspace.root)).stdout


def test_a_short_row_is_imported_and_named_in_the_summary_and_the_audit(app, workspace, tmp_path: Path) -> None:
    """A row that lost cells is stored (not quarantined) and the summary, the dry run and the import's
    audit entry name its file and row; --strict refuses the file."""
    from sqlalchemy import select

    from reckon.errors import InputError
    from reckon.store.db import get_engine
    from reckon.store.models import AuditEvent

    path = tmp_path / "short.csv"
    path.write_text(HEADER + ROWS[0] + "2,Maryia Palesnikava,female\n", encoding="utf-8")
    ws = str(workspace.root)
    dry = run(app, "import", str(path), "--source", "s", "--dry-run", "-w", ws)
    assert dry.exit_code == 0 and "rows stored with a warning" in dry.output and "cells missing: 3" in dry.output
    strict = CliRunner().invoke(app, ["import", str(path), "--source", "s", "--strict", "-w", ws])
    assert isinstance(strict.exception, InputError) and (strict.exception.file, strict.exception.row) == ("short.csv", 3)
    assert "cells missing: 3" in str(strict.exception)
    result = run(app, "import", str(path), "--source", "s", "-w", ws)
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output and "0 quarantined" in result.output
    assert "rows stored with a warning: 1" in result.output and "short.csv" in result.output
    assert "cells missing: 3" in result.output
    with get_engine(workspace.database_url).connect() as conn:
        details = conn.execute(select(AuditEvent.details).where(AuditEvent.action == "import")).scalar_one()
    assert details["warned"] == 1 and [(w["file"], w["row"]) for w in details["warnings"]] == [("short.csv", 3)]


def test_init_then_commands_find_the_workspace(tmp_path: Path, list_csv: Path) -> None:
    ws = tmp_path / "case"
    done = reckon("init", str(ws))
    assert done.returncode == 0 and (ws / "reckon.toml").exists() and (ws / "reckon.db").exists()
    assert reckon("import", str(list_csv), "--source", "v", cwd=ws).returncode == 0
    assert "Chamiuk" in reckon("records", "-f", "csv", env={"RECKON_WORKSPACE": str(ws)}).stdout


def test_init_with_a_database_url(tmp_path: Path, pg_url: str, list_csv: Path) -> None:
    ws = tmp_path / "pg"
    assert reckon("init", str(ws), "--database-url", pg_url).returncode == 0
    assert pg_url.rsplit("/", 1)[1] in (ws / "reckon.toml").read_text()
    assert reckon("import", str(list_csv), "--source", "v", "-w", str(ws)).returncode == 0
    assert "Palesnikava" in reckon("export", "records", "-w", str(ws)).stdout


def test_failures_exit_non_zero_with_a_clear_message(tmp_path: Path, list_csv: Path) -> None:
    ws = tmp_path / "ws"
    reckon("init", str(ws))
    strict = reckon("import", str(list_csv), "--source", "v", "--strict", "-w", str(ws))
    assert strict.returncode == 1
    assert "viasna.csv" in strict.stderr and "row 4" in strict.stderr and "birthday" in strict.stderr
    assert "Broken" not in strict.stderr  # no personal data in errors
    assert "Traceback" not in strict.stderr
    missing = reckon("import", str(tmp_path / "nope.csv"), "--source", "v", "-w", str(ws))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    nows = reckon("records", cwd=tmp_path)
    assert nows.returncode == 1 and "reckon init" in nows.stderr
    bad_source = reckon("records", "--source", "nope", "-w", str(ws))
    assert bad_source.returncode == 1 and "no source named" in bad_source.stderr
    bad_map = tmp_path / "m.yaml"
    bad_map.write_text("columns: {name: shoe_size}\n", encoding="utf-8")
    mapped = reckon("import", str(list_csv), "--source", "v", "--mapping", str(bad_map), "-w", str(ws))
    assert mapped.returncode == 1 and "shoe_size" in mapped.stderr
    usage = reckon("import", str(list_csv), "-w", str(ws))  # no --source
    assert usage.returncode == 2
