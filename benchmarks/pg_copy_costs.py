"""What writing an import's records costs PostgreSQL and the client, part by part (docs/ingest.md, "PostgreSQL").

Prepares the rows of a generated list once (benchmarks/import_speed.py's generator, synthetic people), then
COPYs them into ``record`` of a scratch database (created and dropped through RECKON_BENCH_PG, named with
RECKON_BENCH_PG_PREFIX) again and again: with each way of building the COPY data, and with parts of the
schema dropped or changed (the foreign keys, the unique index, the secondary indexes, the id sequence's
cache; on the scratch database only, each undone by the run's rollback), printing the client's and the
backend's CPU per row (the backend's from /proc: a local server only).

    .venv/bin/python benchmarks/pg_copy_costs.py --rows 100000
    .venv/bin/python benchmarks/pg_copy_costs.py --rows 200000 --keys-once   # as an import COPYs (replica role)

Modes: ``write_row`` (psycopg formats each row), ``arrow`` (the import's way: COPY's text built by Arrow,
reckon.store.pgcopy.text_data). (COPY text and binary built in Python were measured here in the first
pass and dropped; docs/ingest.md has the figures.) WAL bytes per row are printed beside the CPU
(pg_current_wal_insert_lsn before and after: the whole server's, so other writers show in it).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from import_speed import PG_PREFIX, _pg_database, generate

from reckon.config import init_workspace
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import MappingSpec, resolve_mapping
from reckon.ingest.prepare import prepare_batches
from reckon.ingest.readers import open_table
from reckon.store.pgcopy import ColumnRows, CopyShape, text_data

KEYS = ("ALTER TABLE record DROP CONSTRAINT fk_record_source_id_source, DROP CONSTRAINT fk_record_import_id_import_batch, "
        "DROP CONSTRAINT fk_record_person_id_person")
SCHEMA = {"as it is": [], "without the foreign keys": [KEYS],
          "without the person key": ["ALTER TABLE record DROP CONSTRAINT fk_record_person_id_person"],
          "without the secondary indexes": ["DROP INDEX ix_record_current", "DROP INDEX ix_record_person_id"],
          "without the unique index": ["ALTER TABLE record DROP CONSTRAINT uq_record_identity_version"],
          "without ix_record_current": ["DROP INDEX ix_record_current"],
          "ix_record_current not deduplicated": ["ALTER INDEX ix_record_current SET (deduplicate_items = off)"],
          "the id sequence cached by 1000": ["ALTER SEQUENCE record_id_seq CACHE 1000"],
          "without the primary key": ["ALTER TABLE record DROP CONSTRAINT pk_record CASCADE"]}
SCHEMA["without keys and indexes"] = SCHEMA["without the foreign keys"] + SCHEMA["without the secondary indexes"] + \
    SCHEMA["without the unique index"] + SCHEMA["without the primary key"]


def _backend_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keys-once", action="store_true",
                        help="COPY with session_replication_role = replica, as an import whose keys are checked once")
    parser.add_argument("--rounds", type=int, default=1, help="run every case this many times, alternating")
    args = parser.parse_args()
    import psycopg

    with tempfile.TemporaryDirectory(prefix="reckon-copy-") as tmp:
        path = Path(tmp) / "list.csv"
        generate(path, args.rows)
        with open_table(path) as reader:
            rows = list(reader)
        mapper = RowMapper(resolve_mapping(reader.headers, [r.values for r in rows[:200]], MappingSpec()))
        batches = list(prepare_batches(iter(rows), mapper, salt=b"s", strict=False, file_name="list.csv",
                                       batch_size=5000, position=lambda: 0, text_cells=True))
        name = f"{PG_PREFIX}_copycost_{os.getpid()}"
        url = _pg_database(name, True)
        try:
            init_workspace(Path(tmp) / "ws", url)
            conninfo = url.replace("postgresql+psycopg://", "postgresql://")
            print(f"{args.rows:,} rows; load average {os.getloadavg()[0]:.1f} at start")
            runs = [(m, "as it is") for m in ("write_row", "arrow")] + \
                [("arrow", s) for s in SCHEMA if s != "as it is"]
            for mode, schema in runs * args.rounds:
                with psycopg.connect(conninfo) as conn:
                    _run(conn, batches, mode, schema, args.rows, args.keys_once)
        finally:
            _pg_database(name, False)


def _run(conn: Any, batches: list[Any], mode: str, schema: str, n: int, keys_once: bool = False) -> None:
    conn.execute("TRUNCATE record, import_batch, source CASCADE")
    conn.execute("INSERT INTO source (id, name, kind, created_at) VALUES (1, 's', 'list', now())")
    conn.execute("INSERT INTO import_batch (id, source_id, file_name, file_sha256, file_format, mapping, actor, "
                 "started_at, rows_read, rows_new, rows_changed, rows_unchanged, rows_quarantined) "
                 "VALUES (1, 1, 'x', 'x', 'csv', '{}', 'a', now(), 0, 0, 0, 0, 0)")
    for statement in SCHEMA[schema]:  # undone by the rollback below
        conn.execute(statement)
    if keys_once:
        conn.execute("SET LOCAL session_replication_role = replica")
    shape = CopyShape({"source_id": 1, "import_id": 1, "is_current": True, "raw": "{}"}, batches[0].fields, False)
    columns = [[b.identities, b.hashes, b.numbers, *b.columns, list(range(len(b.identities)))]
               for b in batches]
    blocks = [[i + 1] * len(b.identities) for i, b in enumerate(batches)]  # the last column (CopyShape)
    pid = conn.info.backend_pid
    wal = conn.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    client, server = time.process_time(), _backend_cpu(pid)
    with conn.cursor() as cur:
        for cols, last in zip(columns, blocks, strict=True):
            with cur.copy(f"COPY record ({', '.join(shape.names)}) FROM STDIN") as copy:
                if mode == "write_row":
                    for row, block in zip(zip(*cols, strict=True), last, strict=True):
                        copy.write_row(row + shape.tail + (block,))
                else:
                    copy.write(text_data(ColumnRows(cols, shape.tail, last)))
    client, server = time.process_time() - client, _backend_cpu(pid) - server
    wal = conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), %s)", (wal,)).fetchone()[0]
    conn.rollback()
    print(f"{mode:>9}, record {schema:<36} client {1e6 * client / n:5.1f} µs a row, server {1e6 * server / n:5.1f} "
          f"µs a row, WAL {float(wal) / n:4.0f} bytes a row (load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
