"""A workspace an older reckon made is refused in words until `reckon init` upgrades it; backup still works.

Why: migration 0015 moved a record's file name onto its import, so newer code writing into a 0014 database
would fail in the middle of an import. The CLI checks the schema once, says how to upgrade, and leaves the
data as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic import command

from reckon.config import init_workspace
from reckon.store.db import alembic_config, head_revision

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RECKON_LANG": lang[:2], "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "reckon", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_an_older_schema_is_refused_with_the_way_to_upgrade(db_url: str, tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws", database_url=None if db_url.startswith("sqlite") else db_url)
    csv = tmp_path / "list.csv"
    csv.write_text("id,ФИО\n1,Тэставая Ганна\n", encoding="utf-8")
    assert _cli("import", str(csv), "--source", "s", "--workspace", str(ws.root)).returncode == 0
    command.downgrade(alembic_config(ws.database_url), "0014")

    refused = _cli("sources", "--workspace", str(ws.root))
    assert refused.returncode == 1
    said = " ".join(refused.stdout.split() + refused.stderr.split())
    assert "schema 0014" in said and head_revision() in said and "reckon init" in said
    assert "Traceback" not in said
    be = _cli("sources", "--workspace", str(ws.root), lang="be_BY.UTF-8")
    assert be.returncode == 1 and "схем" in " ".join((be.stdout + be.stderr).split())

    fmt = [] if db_url.startswith("sqlite") else ["--format", "json"]  # PostgreSQL: the portable dump
    backup = _cli("backup", str(tmp_path / "before.bak"), *fmt, "--workspace", str(ws.root))
    assert backup.returncode == 0, backup.stdout + backup.stderr
    assert (tmp_path / "before.bak").stat().st_size > 0

    assert _cli("init", str(ws.root)).returncode == 0
    after = _cli("records", "--format", "csv", "--workspace", str(ws.root))
    assert after.returncode == 0, after.stderr
    assert "Тэставая Ганна" in after.stdout and "list.csv" in after.stdout


def test_the_head_is_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() == head_revision()
