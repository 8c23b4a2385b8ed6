"""A seized copy of an encrypted workspace gives away no name, birth date or raw row.

Every file under the workspace folder is read as raw bytes after an import, a link run, a backup and an
export (through the real ``reckon`` command, in a child process), and again after a ``kill -9`` in the
middle of an import. People here are synthetic; their names are made unusual so that a hit is certain
to be a leak.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import unavailable

PASS = "synthetic passphrase for tests"
NAMES = [("Зьмітрок", "Квашнякевіч"), ("Апалінарыя", "Шчыгрыновіч"), ("Ксаверый", "Дубраўлянскі"),
         ("Радагост", "Пшаніцкевіч"), ("Эўфразіна", "Ляўданскайтэ"), ("Гервасій", "Цвірынкевіч")]


def _person_rows(n: int) -> list[tuple[str, str, str, str]]:
    rows = []
    for i in range(n):
        given, surname = NAMES[i % len(NAMES)]
        birth = f"{1 + i % 27:02d}.{1 + i % 12:02d}.{1941 + i % 47}"
        rows.append((f"S{i}", f"{surname} {given}", birth, f"Папраўчая калонія №{100 + i % 7}"))
    return rows


def _write_list(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,name,birth_date,place_of_detention\n")
        for row in rows:
            fh.write(",".join(row) + "\n")
    return path


def _secrets(rows) -> list[bytes]:
    """What must not appear in clear: names (as written and in parts), birth dates (as written and as
    ISO dates), and whole raw rows."""
    out: set[bytes] = set()
    for ext_id, name, birth, place in rows[:60]:
        d, m, y = birth.split(".")
        out |= {name.encode(), name.split()[0].encode(), f"{y}-{m}-{d}".encode(), birth.encode(),
                ",".join((ext_id, name, birth, place)).encode()}
    for given, surname in NAMES:
        out |= {given.encode(), surname.encode(), surname.encode("utf-16-le")}
    return sorted(out)


def _lock_file(p: Path) -> bool:
    """The writers' lock files beside the database (store.locks): owner-only, and checked by _leaks too."""
    return p.name.endswith((".lock", "-writer")) and (p.stat().st_mode & 0o077) == 0


def _leaks(root: Path, secrets: list[bytes]) -> list[tuple[str, bytes]]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [(path.name, s) for s in secrets if s in data]
    return found


def _modes(root: Path) -> list[tuple[str, str]]:
    wrong = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            wrong.append((path.name, oct(mode)))
    return wrong


def _cli(*args: str, cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-c", "from reckon.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECKON_PASSPHRASE", PASS)
    _cli("init", "ws", "--encrypt", cwd=tmp_path)
    return tmp_path / "ws"


def test_import_link_backup_export_leave_nothing_in_clear(encrypted: Path, tmp_path: Path) -> None:
    rows = _person_rows(240)
    src = _write_list(tmp_path / "list.csv", rows)
    _cli("import", str(src), "--source", "a", cwd=encrypted)
    _cli("import", str(_write_list(tmp_path / "other.csv", rows[::3])), "--source", "b", cwd=encrypted)
    linked = _cli("link", cwd=encrypted)
    assert "link run 1" in linked.stdout
    _cli("backup", "backups/snap.age", cwd=encrypted)
    _cli("export", "records", "--out", "exports/records.csv", "--raw", cwd=encrypted)
    _cli("export", "links", "--format", "csv", "--out", "exports/links.csv", cwd=encrypted)

    files = sorted(p.name for p in encrypted.rglob("*") if p.is_file())
    assert {"reckon.db", "reckon.toml", "snap.age", "records.csv", "links.csv"} <= set(files)
    assert _leaks(encrypted, _secrets(rows)) == []
    assert _modes(encrypted) == []
    # ... and yet everything is there for whoever has the passphrase.
    assert _cli("records", "--format", "csv", cwd=encrypted).stdout.count("Квашнякевіч") >= 5
    from reckon.secure import unseal

    assert "Квашнякевіч" in unseal(encrypted / "exports" / "records.csv").decode()
    # the backup restores into a fresh encrypted workspace
    _cli("init", "copy", "--encrypt", cwd=tmp_path)
    _cli("restore", str(encrypted / "backups" / "snap.age"), "--yes", cwd=tmp_path / "copy")
    assert _cli("records", "--format", "csv", cwd=tmp_path / "copy").stdout.count("Квашнякевіч") >= 5
    # the CLI reads, exports and the backup are in the audit log
    from reckon.config import load_workspace
    from reckon.store.db import session_scope
    from reckon.store.models import AuditEvent

    with session_scope(load_workspace(encrypted).database_url) as s:
        actions = [(e.action, e.details.get("command")) for e in s.query(AuditEvent).all()]
    assert ("cli.backup", None) in actions
    assert ("cli.export", "reckon export records") in actions
    assert ("cli.read", "reckon records") in actions


def test_without_the_passphrase_nothing_opens(encrypted: Path) -> None:
    no_pass = {k: v for k, v in os.environ.items() if k != "RECKON_PASSPHRASE"}
    proc = subprocess.run([sys.executable, "-c", "from reckon.cli import main; main()", "sources"], cwd=encrypted,
                          capture_output=True, text=True, env=no_pass, stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 3
    assert proc.stderr.strip().startswith("error: this workspace is encrypted")
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) <= 2
    wrong = _cli("sources", cwd=encrypted, env={"RECKON_PASSPHRASE": "not the passphrase"}, check=False)
    assert wrong.returncode == 3 and "wrong passphrase" in wrong.stderr and "Traceback" not in wrong.stderr
    assert "ERROR CORE" not in wrong.stderr


def test_encrypt_in_place_and_rekey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _person_rows(30)
    _cli("init", "plain", cwd=tmp_path)
    ws = tmp_path / "plain"
    _cli("import", str(_write_list(tmp_path / "l.csv", rows)), "--source", "a", cwd=ws)
    assert _leaks(ws, _secrets(rows))  # plain: the names are there, as the test expects to see them
    monkeypatch.setenv("RECKON_PASSPHRASE", PASS)
    _cli("encrypt", cwd=ws)
    assert _leaks(ws, _secrets(rows)) == []
    # no plain copy is left behind: only the database, the settings and the writers' lock files
    assert sorted(p.name for p in ws.iterdir() if not _lock_file(p)) == ["reckon.db", "reckon.toml"]
    assert "Квашнякевіч" in _cli("records", "--format", "csv", cwd=ws).stdout
    _cli("rekey", cwd=ws, env={"RECKON_NEW_PASSPHRASE": "a brand new passphrase"})
    assert _cli("sources", cwd=ws, check=False).returncode == 3  # the old one no longer opens it
    out = _cli("records", "--format", "csv", cwd=ws, env={"RECKON_PASSPHRASE": "a brand new passphrase"})
    assert "Квашнякевіч" in out.stdout


def test_a_crash_mid_encrypt_is_finished_by_running_it_again(tmp_path: Path, monkeypatch) -> None:
    """`reckon encrypt` writes the config's [encryption] section before it renames the encrypted copy over
    the plain file. A crash between the two leaves exactly this: that config, the plain file and a
    half-written copy. Every command refuses the plain file until `reckon encrypt` runs again."""
    from reckon.config import init_workspace
    from reckon.store import crypto

    ws = init_workspace(tmp_path / "w")
    cfg = ws.root / "reckon.toml"
    cfg.write_text(cfg.read_text() + "\n" + "\n".join(crypto.KdfParams().as_toml()) + "\n")
    (ws.root / "reckon.db.rekey").write_bytes(os.urandom(8192))
    monkeypatch.setenv("RECKON_PASSPHRASE", PASS)
    refused = _cli("sources", cwd=ws.root, check=False)
    assert refused.returncode != 0 and "run `reckon encrypt` to finish" in " ".join(refused.stderr.split())
    _cli("encrypt", cwd=ws.root)
    assert _cli("sources", cwd=ws.root).returncode == 0
    assert not crypto.is_plain_file(ws.root / "reckon.db")
    assert sorted(p.name for p in ws.root.iterdir() if not _lock_file(p)) == ["reckon.db", "reckon.toml"]


@pytest.mark.slow
def test_kill_9_mid_import_leaves_nothing_in_clear(encrypted: Path, tmp_path: Path) -> None:
    if not Path("/proc").exists():
        unavailable("needs Linux /proc")
    rows = _person_rows(150_000)
    src = _write_list(tmp_path / "big.csv", rows)
    child = subprocess.Popen([sys.executable, "-c", "from reckon.cli import main; main()", "import", str(src),
                              "--source", "big"], cwd=encrypted, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "RECKON_IMPORT_WORKER": "0"})
    # kill it once the database has grown (pages written) but before the import commits
    deadline = time.monotonic() + 300
    db, wal = encrypted / "reckon.db", encrypted / "reckon.db-wal"
    start = db.stat().st_size
    while time.monotonic() < deadline and child.poll() is None:
        if (wal.exists() and wal.stat().st_size > 4_000_000) or db.stat().st_size > start + 4_000_000:
            break
        time.sleep(0.05)
    assert child.poll() is None, "the import finished before it could be killed; use a bigger file"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert _leaks(encrypted, _secrets(rows)) == []
    assert _modes(encrypted) == []
    assert "big" not in _cli("sources", "--format", "csv", cwd=encrypted).stdout  # rolled back, still opens


def test_a_database_made_through_the_library_is_its_owners_only(tmp_path: Path) -> None:
    """The entry points set a private umask; a program that uses reckon as a library under the usual 022
    still gets a database, and SQLite's -wal and -shm files (which copy its mode), readable by its owner
    only."""
    from sqlalchemy import text

    from reckon.store.db import dispose_engines, get_engine

    old = os.umask(0o022)
    try:
        url = f"sqlite:///{tmp_path / 'lib.db'}"
        with get_engine(url).begin() as conn:
            conn.execute(text("create table t (x)"))
            conn.execute(text("insert into t values (1)"))
        files = sorted(p.name for p in tmp_path.iterdir())
        assert "lib.db" in files and "lib.db-wal" in files
        assert {name: oct(stat.S_IMODE((tmp_path / name).stat().st_mode)) for name in files} == \
            {name: "0o600" for name in files}
    finally:
        os.umask(old)
        dispose_engines()


def test_a_plain_sqlite_backup_restores_into_an_encrypted_workspace_only_through_the_dump(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One sqlite_path (store.locks) serves every caller; the byte-for-byte SQLite backup and restore ask
    for a plain file. So the SQLite restore itself refuses an encrypted workspace (it would write clear
    pages into it), and ``reckon restore`` of a plain backup there goes through the portable dump: the
    rows arrive and the file stays encrypted."""
    from sqlalchemy import func, select

    from reckon.config import init_workspace
    from reckon.errors import ConfigError
    from reckon.ingest.service import import_file
    from reckon.services.backup import backup, restore
    from reckon.store.backup import MAGIC_SQLITE, restore_sqlite
    from reckon.store.db import get_engine
    from reckon.store.locks import sqlite_path
    from reckon.store.models import Record

    rows = _person_rows(30)
    plain = init_workspace(tmp_path / "plain")
    import_file(plain, _write_list(tmp_path / "l.csv", rows), "a", worker=False)
    snap = tmp_path / "snap.db"
    assert backup(plain.database_url, snap)["format"] == "sqlite"
    assert snap.read_bytes()[:16] == MAGIC_SQLITE
    monkeypatch.setenv("RECKON_PASSPHRASE", PASS)
    enc = init_workspace(tmp_path / "enc", encrypt=True)
    db = sqlite_path(enc.database_url)
    assert db is not None and db.is_file() and sqlite_path(enc.database_url, plain=True) is None
    assert sqlite_path(plain.database_url, plain=True) == sqlite_path(plain.database_url)
    assert sqlite_path("sqlite:///:memory:") is None and sqlite_path("postgresql://h/db", plain=True) is None
    with pytest.raises(ConfigError):
        restore_sqlite(enc.database_url, snap)
    with pytest.raises(ConfigError):  # nor may a SQLite-format backup copy it out in clear
        backup(enc.database_url, tmp_path / "clear.db", fmt="sqlite")
    restore(enc.database_url, snap)
    with get_engine(enc.database_url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(Record)).scalar_one() == 30
    assert db.read_bytes()[:16] != MAGIC_SQLITE
    assert _leaks(tmp_path / "enc", _secrets(rows)) == []
