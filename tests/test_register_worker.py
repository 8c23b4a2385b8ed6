"""The same imports with reading and mapping in a worker process (used for large files)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reckon.errors import InputError
from reckon.ingest.records import list_quarantine, list_records
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import ImportBatch, QuarantinedRow, Record, Source

HEADER = "id;ФИО;Дата рождения;Пол;Статья\n"


def rows(n: int, start: int = 0, tweak: str = "") -> list[str]:
    return [f"W{i};Асоба {i}{tweak};{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i % 50};{'мж'[i % 2]};"
            f"Art. 342 | Art. {130 + i % 3}\n" for i in range(start, start + n)]


def counts(ws) -> tuple[int, ...]:
    with get_engine(ws.database_url).connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(m)).scalar_one()
                     for m in (Source, ImportBatch, Record, QuarantinedRow))


def test_worker_import_matches_in_process_import(workspace, tmp_path: Path) -> None:
    body = rows(3000) + ["BAD;Асоба;31.02.1990;м;\n", "W5;Дубль;;м;\n"]
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(body), encoding="cp1251")
    a = import_file(workspace, path, "in-process", worker=False, batch_size=700)
    b = import_file(workspace, path, "worker", worker=True, batch_size=700)
    assert (a.rows_read, a.new, a.quarantined) == (b.rows_read, b.new, b.quarantined) == (3002, 3001, 1)
    assert a.reasons == b.reasons and a.problems == b.problems
    strip = ("source", "record_id", "import_id")
    ra = [{k: v for k, v in r.items() if k not in strip} for r in list_records(workspace, "in-process", None)]
    rb = [{k: v for k, v in r.items() if k not in strip} for r in list_records(workspace, "worker", None)]
    assert ra == rb and {r["identity"] for r in rb} >= {"W5", "W5#2"}
    assert [q["row"] for q in list_quarantine(workspace, "worker")] == [3002]
    # A changed file through the worker: new versions, unchanged rows left alone.
    path.write_text(HEADER + "".join(rows(10, tweak="-x") + rows(2990, start=10)), encoding="cp1251")
    c = import_file(workspace, path, "worker", worker=True, batch_size=700)
    assert (c.changed, c.unchanged, c.new, c.not_in_file) == (10, 2990, 0, 1)  # W5#2 is not in it


def test_worker_strict_and_broken_input_leave_no_change(sqlite_workspace, tmp_path: Path) -> None:
    ws = sqlite_workspace
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(2000) + ["Z;Зыль;1975-02-30;м;\n"]), encoding="utf-8")
    before = counts(ws)
    with pytest.raises(InputError) as err:
        import_file(ws, path, "s", strict=True, worker=True, batch_size=300)
    assert err.value.row == 2002 and err.value.field == "Дата рождения" and "list.csv" in str(err.value)
    assert counts(ws) == before
    broken = tmp_path / "list.ndjson"
    broken.write_text("\n".join([json.dumps({"id": i, "name": f"Асоба {i}"}) for i in range(900)] + ["{oops"]),
                      encoding="utf-8")
    with pytest.raises(InputError, match="row 901"):
        import_file(ws, broken, "n", worker=True, batch_size=100)
    assert counts(ws) == before


def test_worker_reads_json_keys_and_sheets_as_detected(sqlite_workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    doc = {"meta": {"n": 2}, "people": [{"id": "J1", "name": "Іваноў Іван"}, {"id": "J2", "name": "Пятрова"}]}
    (tmp_path / "l.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-16")
    assert import_file(sqlite_workspace, tmp_path / "l.json", "j", worker=True).new == 2
    wb = Workbook()
    wb.active.append(["id", "name"])
    wb.active.append(["X1", "Сідараў"])
    wb.save(tmp_path / "l.xlsx")
    assert import_file(sqlite_workspace, tmp_path / "l.xlsx", "x", worker=True).new == 1


def test_when_the_worker_is_used(monkeypatch, tmp_path: Path) -> None:
    from reckon.ingest import prepare

    path = tmp_path / "f.csv"
    path.write_text("id\n1\n", encoding="utf-8")
    monkeypatch.delenv("RECKON_IMPORT_WORKER", raising=False)
    monkeypatch.setattr(prepare, "idle_cores", lambda: 2.0)
    assert prepare.use_worker(path, None) is False  # auto by default: a small file is read in-process
    assert prepare.use_worker(path, True) is True
    monkeypatch.setenv("RECKON_IMPORT_WORKER", "1")
    assert prepare.use_worker(path, None) is True and prepare.use_worker(path, False) is False
    monkeypatch.setenv("RECKON_IMPORT_WORKER", "0")
    monkeypatch.setattr(prepare, "WORKER_MIN_BYTES", 1)
    assert prepare.use_worker(path, None) is False
    for env in ("auto", None):
        if env:
            monkeypatch.setenv("RECKON_IMPORT_WORKER", env)
        else:
            monkeypatch.delenv("RECKON_IMPORT_WORKER")
        assert prepare.use_worker(path, None) is True  # large enough, two cores idle
        monkeypatch.setattr(prepare, "idle_cores", lambda: 0.7)  # a second core mostly free is enough
        assert prepare.use_worker(path, None) is True
        monkeypatch.setattr(prepare, "idle_cores", lambda: 0.2)  # a busy machine: the worker only adds pickling
        assert prepare.use_worker(path, None) is False
        monkeypatch.setattr(prepare, "idle_cores", lambda: 2.0)


def test_idle_cores_reads_this_machine() -> None:
    from reckon.ingest.prepare import idle_cores

    cores = len(os.sched_getaffinity(0))
    assert cores - os.getloadavg()[0] - 0.5 <= idle_cores() <= cores


def _stored(ws, source: str) -> list[dict]:
    strip = ("source", "record_id", "import_id")
    return [{k: v for k, v in r.items() if k not in strip} for r in list_records(ws, source, None)]


def test_worker_reads_csv_the_columnar_way_and_falls_back_to_rows(workspace, tmp_path: Path) -> None:
    """A CSV list read by the worker goes the columnar way (hashed, and on a first import its raw blocks
    packed there); one the columnar reader finds irregular (a blank line after a few batches) is undone
    and read the row way, by the worker too. Both store what an import in this process stores."""
    from reckon.store.rawblocks import raw_rows

    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(2500) + ["BAD;Асоба;31.02.1990;м;\n"]), encoding="utf-8")
    a = import_file(workspace, path, "in-process", worker=False, batch_size=700)
    b = import_file(workspace, path, "worker", worker=True, batch_size=700)
    assert a.columnar and b.columnar
    assert (b.rows_read, b.new, b.quarantined) == (2501, 2500, 1) and a.problems == b.problems
    assert _stored(workspace, "in-process") == _stored(workspace, "worker")
    with get_engine(workspace.database_url).connect() as conn:
        ids = [r[0] for r in conn.execute(select(Record.id).order_by(Record.id))]
        raws = raw_rows(conn, ids)
    assert [raws[i] for i in ids[:2500]] == [raws[i] for i in ids[2500:]]
    # Re-imported by the worker: nothing packed ahead (only changed rows get blocks), one row changed.
    path.write_text(HEADER + "".join(rows(1, tweak="-x") + rows(2499, start=1)), encoding="utf-8")
    c = import_file(workspace, path, "worker", worker=True, batch_size=700)
    assert c.columnar and (c.changed, c.unchanged, c.new) == (1, 2499, 0)
    irregular = tmp_path / "blank.csv"
    irregular.write_text(HEADER + "".join(rows(1500) + ["\n"] + rows(10, start=1500)), encoding="utf-8")
    d = import_file(workspace, irregular, "irregular-in-process", worker=False, batch_size=700)
    e = import_file(workspace, irregular, "irregular-worker", worker=True, batch_size=700)
    assert not d.columnar and not e.columnar and (e.rows_read, e.new) == (d.rows_read, d.new) == (1510, 1510)
    assert _stored(workspace, "irregular-in-process") == _stored(workspace, "irregular-worker")
    # A short row: stored, and named by the worker as in this process.
    short = tmp_path / "short.csv"
    short.write_text(HEADER + "".join(rows(1500) + ["S1;Кароткі\n"] + rows(10, start=1500)), encoding="utf-8")
    f = import_file(workspace, short, "short-in-process", worker=False, batch_size=700)
    g = import_file(workspace, short, "short-worker", worker=True, batch_size=700)
    assert (f.warned, f.warnings, f.quarantined) == (g.warned, g.warnings, g.quarantined) == (
        1, [{"file": "short.csv", "row": 1502, "reason": "cells missing: 3; cells in the row: 2, in the header: 5 "
                                                          "(the last fields are left empty); check the row"}], 0)
    assert _stored(workspace, "short-in-process") == _stored(workspace, "short-worker")


def test_sqlite_import_checks_keys_once_and_the_pool_gets_the_connection_back_as_it_was(sqlite_workspace, tmp_path: Path) -> None:
    """An import writes with SQLite's per-row key checks off (its two keys checked once); every record,
    block and quarantined row still names a source and an import that exist, and the connection goes
    back to the pool checking keys again, after a successful import and after a refused one, and with
    its own page cache size again (the import's larger cache would stay filled in a long-lived process)."""
    from sqlalchemy.exc import IntegrityError

    ws = sqlite_workspace
    engine = get_engine(ws.database_url)
    with engine.connect() as conn:
        cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(1200) + ["BAD;Асоба;31.02.1990;м;\n"]), encoding="utf-8")
    assert import_file(ws, path, "s", batch_size=500).new == 1200
    with pytest.raises(InputError):
        import_file(ws, path, "t", strict=True, batch_size=500)
    for _ in range(2):  # whichever pooled connection comes back
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar_one() == cache_size
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            with pytest.raises(IntegrityError):
                conn.exec_driver_sql("UPDATE record SET source_id = 999 WHERE id = 1")
            conn.rollback()


def test_worker_batches_for_a_postgres_first_import_carry_arrow_columns(tmp_path: Path) -> None:
    """For a first import into PostgreSQL (RecordWriter.takes_arrow) the worker sends each batch's columns
    and hashes as Arrow arrays (reckon.ingest.worker.arrow_columns): the COPY text the importing process
    builds from them is byte for byte the text of the same batches read in this process, and the raw rows'
    blocks are the same bytes."""
    import pyarrow as pa

    from reckon.ingest.columnar import columnar_batches
    from reckon.ingest.mapper import RowMapper
    from reckon.ingest.mapping import MappingSpec, resolve_mapping
    from reckon.ingest.readers import open_table
    from reckon.ingest.worker import batches_from_worker, ship
    from reckon.store.pgcopy import ColumnRows, text_data

    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(2500) + ["BAD;Асоба;31.02.1990;м;\n"] + rows(3, start=9)), encoding="utf-8")
    with open_table(path) as reader:
        spec = resolve_mapping(reader.headers, [r.values for r, _ in zip(reader, range(50), strict=False)],
                               MappingSpec())
        args = {"fmt": "csv", "encoding": reader.encoding, "delimiter": reader.delimiter, "sheet": None,
                "json_key": None}
    with open_table(path) as reader:
        here = list(columnar_batches(reader, RowMapper(spec), salt=b"s", strict=False, file_name="list.csv",
                                     batch_size=700))
    for batch in here:
        ship(batch, True)
    there = list(batches_from_worker(path, args, spec, salt=b"s", strict=False, file_name="list.csv",
                                     batch_size=700, columnar=True, pack=True, arrow=True))
    assert len(here) == len(there) == 4 and sum(len(b.identities) for b in there) == 2503

    def copy_text(batch) -> bytes:
        blocks = [len(batch.numbers)] * len(batch.numbers)
        return bytes(text_data(ColumnRows([batch.identities, batch.hashes, batch.numbers, *batch.columns, blocks],
                                          (1, True, "{}"))))

    for a, b in zip(here, there, strict=True):
        assert isinstance(b.hashes, pa.FixedSizeBinaryArray) and all(isinstance(c, pa.Array) for c in b.columns)
        assert (a.fields, a.identities, a.numbers, a.bad) == (b.fields, b.identities, b.numbers, b.bad)
        assert copy_text(a) == copy_text(b)
        assert [(p["sha256"], p["data"], p["rows"]) for p in a.packed] == \
            [(p["sha256"], p["data"], p["rows"]) for p in b.packed]


def test_an_unexpected_error_in_the_worker_names_its_type_and_line_never_its_message(tmp_path: Path) -> None:
    """The worker's unexpected errors reach the terminal, the job table and the web page: their text can quote a
    cell (``invalid literal for int(): '<a name>'``), so only the error's type and the line that raised it
    cross over, with the way to see the whole error on one's own machine."""
    from reckon.errors import ReckonError
    from reckon.ingest.mapping import MappingSpec
    from reckon.ingest.worker import _where, batches_from_worker

    try:
        int("Ales Made-Up")
    except ValueError as exc:
        where = _where(exc)
    assert where.startswith("ValueError at ") and "test_register_worker.py:" in where and "Made-Up" not in where
    path = tmp_path / "people.csv"
    path.write_text("name\nAles Made-Up\n", encoding="utf-8")
    # a delimiter the CSV reader refuses: a TypeError inside the worker, whose message the user must not need
    with pytest.raises(ReckonError) as caught:
        list(batches_from_worker(path, {"delimiter": 5}, MappingSpec(), salt=b"s", strict=False,
                                 file_name="people.csv", batch_size=10, columnar=True))
    message = str(caught.value)
    assert "TypeError at reckon/ingest/" in message and "RECKON_IMPORT_WORKER=0" in message
    assert "1-character" not in message and "Made-Up" not in message


def test_the_worker_process_loads_no_sqlalchemy_and_the_store_agrees_with_its_constants() -> None:
    """The worker is a fresh interpreter whose imports are start-up the importing process waits through:
    what it reads of the store (content hash size, sexes and statuses, column lengths, block packing) comes
    from modules without SQLAlchemy (reckon.store.shapes, reckon.store.packing), about 0.4 s of CPU less."""
    import subprocess
    import sys

    from sqlalchemy import String

    from reckon.store.shapes import RECORD_LENGTHS

    probe = "import sys, reckon.ingest.worker\nprint(' '.join(m for m in ('sqlalchemy', 'babel') if m in sys.modules))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == []
    # The probe sees SQLAlchemy when something loads it.
    done = subprocess.run([sys.executable, "-c", probe.replace("import sys,", "import sys, reckon.store.models,")],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert "sqlalchemy" in done.stdout.split()
    # The lengths the worker checks are the record table's.
    declared = {c.name: c.type.length for c in Record.__table__.columns if isinstance(c.type, String) and c.type.length}
    assert declared == RECORD_LENGTHS


def test_a_worker_started_early_ends_with_its_import_whatever_happens(sqlite_workspace, tmp_path: Path) -> None:
    """The worker starts before the import knows its job (reckon.ingest.worker.Started): an import that
    ends before it has one (the same file again, a store that refuses) must not leave it running, nor must
    a killed importing process."""
    import multiprocessing
    import signal
    import subprocess
    import sys
    import time

    from reckon.errors import ConfigError

    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(500)), encoding="utf-8")
    assert import_file(sqlite_workspace, path, "s", worker=True, batch_size=100).new == 500
    assert multiprocessing.active_children() == []
    again = import_file(sqlite_workspace, path, "s", worker=True, batch_size=100)  # ends before any job
    assert again.already_imported and multiprocessing.active_children() == []
    with pytest.raises(ConfigError):  # no such mapping file: fails before the worker starts
        import_file(sqlite_workspace, path, "t", mapping=tmp_path / "none.yaml", worker=True)
    assert multiprocessing.active_children() == []
    # The importing process killed while its worker waits for a job: the worker sees the pipe close and ends.
    probe = ("import os, sys\nfrom reckon.ingest.worker import Started\n"
             "if __name__ == '__main__':\n    s = Started()\n    print(s._proc.pid, flush=True)\n    sys.stdin.read()\n")
    child = subprocess.Popen([sys.executable, "-c", probe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    assert child.stdout is not None
    worker_pid = int(child.stdout.readline())
    time.sleep(1.0)
    assert Path(f"/proc/{worker_pid}").exists()  # the probe sees a live worker
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    deadline = time.monotonic() + 60
    while Path(f"/proc/{worker_pid}").exists() and time.monotonic() < deadline:
        stat = Path(f"/proc/{worker_pid}/stat").read_text().rsplit(")", 1)[1].split()[0] \
            if Path(f"/proc/{worker_pid}/stat").exists() else "X"
        if stat == "Z":  # ended, waiting for its (gone) parent's reaper
            break
        time.sleep(0.1)
    assert not Path(f"/proc/{worker_pid}").exists() or \
        Path(f"/proc/{worker_pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_the_worker_reads_a_list_without_importing_pandas(tmp_path: Path) -> None:
    """pyarrow imports pandas (0.3-0.7 s of CPU) at its first conversion of a Python value, only to ask
    whether the value is a pandas object; the worker tells it first that there is none
    (reckon.ingest.worker.arrow_without_pandas). The worker's own loop runs here in a fresh interpreter, on
    a real list, with and without that call; pandas stays importable afterwards."""
    import subprocess
    import sys

    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(rows(300)), encoding="utf-8")
    probe = f"""
import sys, threading
from multiprocessing import Pipe
from reckon.ingest import worker
from reckon.ingest.mapping import MappingSpec, resolve_mapping
from reckon.ingest.readers import open_table
if sys.argv[1] == "told":
    worker.arrow_without_pandas()
with open_table({str(path)!r}) as reader:
    spec = resolve_mapping(reader.headers, [r.values for r in reader], MappingSpec())
ours, theirs = Pipe()
job = ({str(path)!r}, {{}}, spec, b"s", False, "list.csv", 100, True, True, True)
thread = threading.Thread(target=worker._worker, args=(theirs, *job))
thread.start()
kinds = []
while not kinds or kinds[-1] not in ("done", "irregular", "error", "input_error"):
    kind, payload = ours.recv()
    kinds.append(kind)
thread.join()
print(kinds.count("batch"), kinds[-1], "pandas" in sys.modules)
import pandas, pyarrow
print(pyarrow.Table.from_pandas(pandas.DataFrame({{"a": [1]}})).num_rows)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = {}
    for how in ("told", "not told"):
        done = subprocess.run([sys.executable, "-c", probe, how], capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-800:]
        out[how] = done.stdout.split()
    assert out["told"] == ["3", "done", "False", "1"]
    assert out["not told"] == ["3", "done", "True", "1"]  # the probe sees pandas when pyarrow loads it
