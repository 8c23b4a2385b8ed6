"""Two people at once, on real stores: imports that queue, web reads beside an import, link runs in turn.

The SQLite cases hold the database's write lock from the test (as an import in progress does) and run
the real command in another process; the PostgreSQL and both-database cases run the real work side by
side. Each checks the user's view (a visible wait, a clear message, no raw driver error) and the store's
(no row lost or doubled).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from reckon.store.db import get_engine, session_scope
from reckon.store.link import LinkRun
from reckon.store.locks import begin_write
from reckon.store.models import AuditEvent, Record
from test_web_support import make_users, serve, synthetic_csv

SRC = Path(__file__).resolve().parents[1] / "src"


def _reckon(args: list[str], **env: str) -> subprocess.Popen[str]:
    full = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.Popen([sys.executable, "-c", "from reckon.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full)


class _Stderr:
    """Collects a process's standard error in a thread, so a test can wait for a line while it runs."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc, self.lines = proc, []
        self.thread = threading.Thread(target=lambda: self.lines.extend(iter(proc.stderr.readline, "")),
                                       daemon=True)
        self.thread.start()

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline and self.proc.poll() is None, "".join(self.lines)
            time.sleep(0.1)

    def finish(self, timeout: float = 120) -> str:
        self.proc.wait(timeout)
        self.thread.join(timeout)
        return "".join(self.lines)


def _current(url: str, source: str | None = None) -> int:
    from reckon.store.models import Source

    with session_scope(url) as s:
        stmt = select(func.count()).select_from(Record).where(Record.is_current.is_(True))
        if source:
            stmt = stmt.join(Source, Source.id == Record.source_id).where(Source.name == source)
        return s.execute(stmt).scalar_one()


def _hold_write_lock(url: str):
    """A connection holding SQLite's write lock, as an import in progress does."""
    conn = get_engine(url).connect()
    begin_write(conn, "the import of first.csv into 'earlier'")
    return conn


def test_sqlite_writer_waits_visibly_then_imports(sqlite_workspace, tmp_path: Path) -> None:
    url = sqlite_workspace.database_url
    synthetic_csv(tmp_path / "list.csv", n=50)
    holder = _hold_write_lock(url)
    try:
        proc = _reckon(["import", str(tmp_path / "list.csv"), "--source", "second",
                        "--workspace", str(sqlite_workspace.root)], RECKON_LOCK_WAIT="120")
        stderr = _Stderr(proc)
        stderr.wait_for("waiting for")  # queued behind the lock, and saying so
    finally:
        holder.rollback()
        holder.close()
    err = stderr.finish()
    assert proc.returncode == 0, err
    assert "waiting for the import of first.csv into 'earlier' to finish" in err
    assert _current(url, "second") == 50


def test_sqlite_writer_gives_up_with_a_clear_message(sqlite_workspace, tmp_path: Path) -> None:
    url = sqlite_workspace.database_url
    synthetic_csv(tmp_path / "list.csv", n=20)
    holder = _hold_write_lock(url)
    try:
        proc = _reckon(["import", str(tmp_path / "list.csv"), "--source", "second",
                        "--workspace", str(sqlite_workspace.root)], RECKON_LOCK_WAIT="1")
        out, err = proc.communicate(timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert proc.returncode == 75
    assert err.startswith("waiting for") and "error: gave up after 1 s waiting for the import of first.csv" in err
    assert "Traceback" not in err and "database is locked" not in err
    assert _current(url) == 0


def test_two_imports_at_once_lose_and_double_nothing(workspace, tmp_path: Path) -> None:
    url = workspace.database_url
    synthetic_csv(tmp_path / "a.csv", n=400, seed=1)
    synthetic_csv(tmp_path / "b.csv", n=300, seed=2)
    root = str(workspace.root)
    procs = [_reckon(["import", str(tmp_path / "a.csv"), "--source", "a", "--workspace", root]),
             _reckon(["import", str(tmp_path / "b.csv"), "--source", "b", "--workspace", root]),
             _reckon(["import", str(tmp_path / "a.csv"), "--source", "a", "--workspace", root])]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "error" not in err
    assert _current(url, "a") == 400 and _current(url, "b") == 300
    with session_scope(url) as s:  # the second import of a.csv changed nothing: one version per row
        assert s.execute(select(func.count()).select_from(Record)).scalar_one() == 700


def test_web_reads_do_not_wait_for_an_import(sqlite_workspace, tmp_path: Path) -> None:
    from reckon.ingest import import_file

    url = sqlite_workspace.database_url
    synthetic_csv(tmp_path / "list.csv", n=30)
    import_file(sqlite_workspace, tmp_path / "list.csv", "list")
    users = make_users(url)
    with session_scope(url) as s:
        rid = s.execute(select(Record.id).limit(1)).scalar_one()
    with serve(sqlite_workspace) as base, httpx.Client(base_url=base, timeout=60) as client:
        holder = _hold_write_lock(url)
        try:
            started = time.monotonic()
            r = client.get(f"/api/records/{rid}", headers=users.headers("analyst"))
            q = client.get("/api/persons", params={"q": "Іван"}, headers=users.headers("analyst"))
            took = time.monotonic() - started
        finally:
            holder.rollback()
            holder.close()
        assert r.status_code == 200 and q.status_code == 200
        assert took < 5, f"audited reads waited {took:.1f} s for the import's lock"
        assert client.get(f"/api/records/{rid}", headers=users.headers("analyst")).status_code == 200
    with session_scope(url) as s:  # the two reads made during the import were spooled, then written
        reads = s.execute(select(func.count()).select_from(AuditEvent)
                          .where(AuditEvent.action == "read.record")).scalar_one()
    assert reads == 2


def test_two_link_runs_take_turns(workspace) -> None:
    from reckon.link import run_link
    from sim_support import import_world

    url = workspace.database_url
    import_world(workspace, workspace.root.parent / "lists", n_people=60, seed=3)
    heard: list[str] = []
    errors: list[BaseException] = []

    def one(seed: int) -> None:
        try:
            run_link(workspace, seed=seed, progress=lambda done, total=None, msg="": heard.append(msg))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(s,)) for s in (7, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert not errors, errors
    assert any(m.startswith("waiting for another link run") for m in heard)
    with session_scope(url) as s:
        assert s.execute(select(func.count()).select_from(LinkRun)).scalar_one() == 2
        unlinked = s.execute(select(func.count()).select_from(Record).where(
            Record.is_current.is_(True), Record.person_id.is_(None))).scalar_one()
    assert unlinked == 0


def test_postgres_import_into_a_busy_source_waits_visibly(pg_url: str, tmp_path: Path) -> None:
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.store.models import Source

    ws = init_workspace(tmp_path / "ws", database_url=pg_url)
    synthetic_csv(tmp_path / "a.csv", n=40, seed=1)
    synthetic_csv(tmp_path / "b.csv", n=50, seed=2)
    import_file(ws, tmp_path / "a.csv", "a")
    engine = get_engine(pg_url)
    for wait, expect_code in (("1", 75), ("120", 0)):
        holder = engine.connect()  # an import into 'a' in progress holds its source row
        holder.execute(select(Source.id).where(Source.name == "a").with_for_update())
        try:
            proc = _reckon(["import", str(tmp_path / "b.csv"), "--source", "a", "--workspace", str(ws.root)],
                           RECKON_LOCK_WAIT=wait)
            stderr = _Stderr(proc)
            if expect_code == 0:
                stderr.wait_for("waiting for")
            else:  # held until the import gives up
                err = stderr.finish()
        finally:
            holder.rollback()
            holder.close()
        if expect_code == 0:
            err = stderr.finish()
        assert proc.returncode == expect_code, err
        assert err.startswith("waiting for another import into 'a' to finish")
        assert "Traceback" not in err and "LockNotAvailable" not in err
        if expect_code:
            assert "error: gave up after 1 s" in err
    assert _current(pg_url, "a") == 50
