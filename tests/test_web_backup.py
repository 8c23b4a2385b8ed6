"""`reckon backup` / `reckon restore` lose nothing, on SQLite and on PostgreSQL (the `workspace` fixture
runs each test on both)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from reckon.services.backup import backup, restore
from reckon.store.backup import table_contents
from test_web_support import PASSWORD, synthetic_csv


def fill(ws, tmp_path) -> None:
    """Some of everything: records, users, tokens, jobs, audit."""
    from reckon.ingest import import_file
    from reckon.services.accounts import add_user, create_token
    from reckon.web import jobs, worker

    import_file(ws, synthetic_csv(tmp_path / "a.csv", n=40, seed=1), "List A")
    import_file(ws, synthetic_csv(tmp_path / "b.csv", n=25, seed=2), "List B")
    add_user(ws.database_url, "ana", "analyst", PASSWORD)
    create_token(ws.database_url, "ana", "script")
    worker.attach(ws)  # this process serves the workspace: it runs the job it queues
    jobs.start(ws.database_url, "index", "test", {"n": 1}, wait=True)


def test_backup_restore_round_trip(workspace, tmp_path) -> None:
    from reckon.services.accounts import add_user

    fill(workspace, tmp_path)
    before = table_contents(workspace.database_url)
    assert before["web_user"] and before["audit_event"]
    out = tmp_path / "backup.bin"
    result = backup(workspace.database_url, out)
    assert sum(result["tables"].values()) == sum(len(v) for v in before.values())

    add_user(workspace.database_url, "later", "viewer", PASSWORD)  # a change after the backup
    assert table_contents(workspace.database_url) != before
    restore(workspace.database_url, out)
    assert table_contents(workspace.database_url) == before

    # ids keep counting from where the restored data ends (no clash with restored rows)
    user = add_user(workspace.database_url, "after-restore", "viewer", PASSWORD)
    assert user["id"] == max(row[0] for row in before["web_user"]) + 1


def test_portable_dump_round_trip(workspace, tmp_path) -> None:
    fill(workspace, tmp_path)
    before = table_contents(workspace.database_url)
    out = tmp_path / "dump.json.gz"
    backup(workspace.database_url, out, fmt="json")
    from reckon.services.accounts import add_user

    add_user(workspace.database_url, "later", "viewer", PASSWORD)
    restore(workspace.database_url, out)
    assert table_contents(workspace.database_url) == before


def test_cli_backup_and_restore(sqlite_workspace, tmp_path) -> None:
    from reckon.cli import _build

    fill(sqlite_workspace, tmp_path)
    before = table_contents(sqlite_workspace.database_url)
    runner = CliRunner()
    app = _build()
    out = tmp_path / "ws.backup"
    r = runner.invoke(app, ["backup", str(out), "-w", str(sqlite_workspace.root)])
    assert r.exit_code == 0, r.output
    from reckon.services.accounts import add_user

    add_user(sqlite_workspace.database_url, "later", "viewer", PASSWORD)
    r = runner.invoke(app, ["restore", str(out), "--yes", "-w", str(sqlite_workspace.root)])
    assert r.exit_code == 0, r.output
    after = table_contents(sqlite_workspace.database_url)
    restored_event = after["audit_event"].pop()  # the restore itself is audited, after the restored rows
    assert after == before and restored_event[3] == "cli.restore"


def test_restore_refuses_garbage(sqlite_workspace, tmp_path) -> None:
    from reckon.errors import ConfigError

    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    with pytest.raises(ConfigError, match="neither"):
        restore(sqlite_workspace.database_url, junk)
