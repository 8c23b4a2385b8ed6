"""The reader worker's job sent before the store is open (reckon.ingest.worker.Started.begin): the worker reads
and maps its first batch while the importing process hashes the file and opens the store, and learns how to
ship its batches (pack the raw rows, Arrow arrays) only when the import knows whether the source has records."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reckon.ingest.mapping import MappingSpec, resolve_mapping
from reckon.ingest.readers import open_table
from reckon.ingest.service import import_file
from reckon.ingest.worker import Started, batches_from_worker

HEADER = "id;ФИО;Дата рождения;Пол;Статья\n"
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _rows(n: int, start: int = 0) -> str:
    return "".join(f"Q{i};Асоба {i};{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i % 50};{'мж'[i % 2]};Art. 342\n"
                   for i in range(start, start + n))


def _job(path: Path) -> tuple[dict, object]:
    with open_table(path) as reader:
        spec = resolve_mapping(reader.headers, [r.values for r in reader], MappingSpec())
        open_args = {"fmt": reader.format, "encoding": reader.encoding, "delimiter": reader.delimiter}
    return open_args, spec


def _shape(batches) -> list[tuple]:
    out = []
    for b in batches:
        columns = [c.to_pylist() if hasattr(c, "to_pylist") else list(c) for c in b.columns]
        hashes = b.hashes.to_pylist() if hasattr(b.hashes, "to_pylist") else list(b.hashes)
        out.append((b.identities, b.numbers, columns, hashes, b.raws, b.packed, b.bad))
    return out


@pytest.mark.parametrize(("pack", "arrow"), [(True, True), (True, False), (False, False)])
def test_a_job_begun_early_yields_what_the_same_job_sent_whole_yields(tmp_path: Path, pack: bool, arrow: bool) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(1200) + "BAD;Асоба;31.02.1990;м;\n", encoding="utf-8")
    open_args, spec = _job(path)
    job = {"salt": b"s", "strict": False, "file_name": "list.csv", "batch_size": 500, "columnar": True}
    early = Started()
    try:
        early.begin(path, open_args, spec, **job)
        time.sleep(0.5)  # it reads and maps the first batch meanwhile, then waits to be told how to ship it
        begun = _shape(batches_from_worker(path, open_args, spec, **job, pack=pack, arrow=arrow, started=early))
    finally:
        early.close()
    whole = _shape(batches_from_worker(path, open_args, spec, **job, pack=pack, arrow=arrow))
    assert begun == whole and len(whole) == 3
    assert sum(len(b[0]) for b in whole) == 1200 and sum(len(b[6]) for b in whole) == 1
    assert all((b[5] is not None) == pack and (not b[4]) == pack for b in whole)


def test_a_begun_job_is_the_one_run_and_a_worker_told_nothing_ends_with_its_importer(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(300), encoding="utf-8")
    open_args, spec = _job(path)
    job = {"salt": b"s", "strict": False, "file_name": "list.csv", "batch_size": 100, "columnar": True}
    early = Started()
    try:
        early.begin(path, open_args, spec, **job)
        with pytest.raises(RuntimeError):
            early.begin(path, open_args, spec, **job)
        with pytest.raises(RuntimeError):  # another salt: another job
            list(early.batches(path, open_args, spec, **{**job, "salt": b"t"}, pack=True))
    finally:
        early.close()
    assert not early._proc.is_alive()
    # The importing process killed after the job began, while the worker waits to be told how to ship its
    # first batch: the worker sees the pipe close and ends.
    probe = ("import sys\nfrom pathlib import Path\nfrom reckon.ingest.worker import Started\n"
             "from reckon.ingest.mapping import MappingSpec, resolve_mapping\nfrom reckon.ingest.readers import open_table\n"
             "if __name__ == '__main__':\n"
             f"    path = Path({str(path)!r})\n"
             "    with open_table(path) as r:\n"
             "        spec = resolve_mapping(r.headers, [x.values for x in r], MappingSpec())\n"
             "    s = Started()\n"
             "    s.begin(path, {}, spec, salt=b's', strict=False, file_name='list.csv', batch_size=100, columnar=True)\n"
             "    print(s._proc.pid, flush=True)\n    sys.stdin.read()\n")
    child = subprocess.Popen([sys.executable, "-c", probe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": SRC})
    assert child.stdout is not None
    worker_pid = int(child.stdout.readline())
    time.sleep(1.5)
    assert Path(f"/proc/{worker_pid}").exists()
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        stat = Path(f"/proc/{worker_pid}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail("the worker outlived its importing process")


def test_an_import_whose_worker_began_early_stores_what_one_in_process_stores(workspace, tmp_path: Path) -> None:
    # First import (raw rows packed by the worker), re-import (not packed), a file irregular in its first batch
    # (the worker says so before it is told how to ship: the import takes the row path), the same file again
    # (the import ends before telling the begun worker anything).
    from sqlalchemy import select

    from reckon.store.db import get_engine
    from reckon.store.models import Record, Source

    def stored(source: str) -> list[tuple]:
        with get_engine(workspace.database_url).connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(Record.identity, Record.version, Record.is_current, Record.full_name, Record.birth_date,
                       Record.content_hash, Record.row_number).join(Source, Source.id == Record.source_id)
                .where(Source.name == source).order_by(Record.identity, Record.version))]

    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(1600), encoding="utf-8")
    for source, worker in (("here", False), ("worker", True)):
        assert import_file(workspace, path, source, worker=worker, batch_size=500).new == 1600
    path.write_text(HEADER + _rows(10, start=5000) + _rows(1600), encoding="utf-8")
    for source, worker in (("here", False), ("worker", True)):
        report = import_file(workspace, path, source, worker=worker, batch_size=500)
        assert (report.new, report.unchanged, report.columnar) == (10, 1600, True)
        assert import_file(workspace, path, source, worker=worker, batch_size=500).already_imported
    assert stored("here") == stored("worker")
    blank = tmp_path / "blank.csv"
    blank.write_text(HEADER + _rows(3) + "\n" + _rows(700, start=3), encoding="utf-8")
    for source, worker in (("blank-here", False), ("blank-worker", True)):
        report = import_file(workspace, blank, source, worker=worker, batch_size=500)
        assert (report.new, report.columnar) == (703, False)
    assert stored("blank-here") == stored("blank-worker")
