"""kill -9 in the middle of an import: the SQLite store is exactly as it was before the import began."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import suppress
from pathlib import Path

import pytest

from conftest import unavailable
from reckon.ingest.records import record_counts
from reckon.ingest.service import import_file

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reckon.config import load_workspace
    from reckon.ingest.service import import_file

    def progress(done, total=None, message=""):
        print(message.split()[0].replace(",", ""), flush=True)   # "12,000 rows read"

    import_file(load_workspace(Path(sys.argv[1])), sys.argv[2], "big", progress=progress, batch_size=2000)
    print("finished", flush=True)
""")


def big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,name,sex,birthday,articles\n")
        for i in range(rows):
            fh.write(f"K{i},Асоба Нумар {i},{'мж'[i % 2]},{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i % 50},"
                     f"\"Art. 342 | Part 2 of Art. {290 + i % 9}\"\n")
    return path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "X"


@pytest.mark.slow
@pytest.mark.parametrize("worker", ["0", "1"], ids=["in-process", "reader-worker"])
def test_kill_9_mid_import_leaves_the_store_as_before(sqlite_workspace, tmp_path: Path, worker: str) -> None:
    if not Path("/proc/self/task").exists():
        unavailable("needs Linux /proc to watch processes")
    ws = sqlite_workspace
    small = tmp_path / "small.csv"
    small.write_text("id,name,sex\n1,Іваноў Іван,м\n2,Пятрова Ганна,ж\n", encoding="utf-8")
    import_file(ws, small, "big")
    before = record_counts(ws)
    db = ws.root / "reckon.db"
    with sqlite3.connect(db) as conn:
        tables_before = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                         for t in ("source", "import_batch", "record", "quarantined_row", "audit_event")}

    path = big_csv(tmp_path / "big.csv", 400_000)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ws.root), str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "RECKON_IMPORT_WORKER": worker})
    rows_seen = 0
    deadline = time.monotonic() + 300
    assert child.stdout is not None
    for line in child.stdout:
        assert line.strip() != "finished", "the import finished before it could be killed; use a bigger file"
        rows_seen = int(line)
        if rows_seen >= 30_000 or time.monotonic() > deadline:
            break
    assert rows_seen >= 30_000, child.stderr.read() if child.stderr else ""
    # With RECKON_IMPORT_WORKER=1 a worker process reads the file; it must not outlive the import.
    workers = _children(child.pid)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert bool(workers) == (worker == "1")
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in workers):
        assert time.monotonic() < deadline, "the reader worker outlived the killed import"
        time.sleep(0.2)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables_after = {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in tables_before}
    assert tables_after == tables_before
    assert record_counts(ws) == before
    # The store still works: the same file imports in full afterwards (here a smaller cut of it).
    again = tmp_path / "again.csv"
    with path.open(encoding="utf-8") as src, again.open("w", encoding="utf-8") as dst:
        for _ in range(1001):
            dst.write(src.readline())
    report = import_file(ws, again, "big")
    assert report.new == 1000 and record_counts(ws)["records"] == before["records"] + 1000
