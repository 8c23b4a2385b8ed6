"""What writing an import's records costs PostgreSQL and the client, part by part (docs/ingest.md, "PostgreSQL").

Prepares the rows of a generated list once (benchmarks/import_speed.py's generator, synthetic people), then
COPYs them into ``record`` of a scratch database (created and dropped through RECKON_BENCH_PG) again and
again: with each way of building the COPY data, and with parts of the schema dropped (the foreign keys, the
unique index, the secondary indexes; on the scratch database only), printing the client's and the backend's
CPU per row (the backend's from /proc: a local server only).

    .venv/bin/python benchmarks/pg_copy_costs.py --rows 100000
    .venv/bin/python benchmarks/pg_copy_costs.py --rows 200000 --keys-once   # as an import COPYs (replica role)

Modes: ``write_row`` (psycopg formats each row), ``arrow`` (the import's way: COPY's text built by Arrow,
reckon.store.pgcopy.text_data), ``text`` (built in Python), ``binary`` (built in Python). WAL bytes per row
are printed beside the CPU (pg_current_wal_insert_lsn before and after).
"""

from __future__ import annotations

import argparse
import os
import struct
import tempfile
import time
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

from import_speed import _pg_database, generate
from sqlalchemy import Boolean, Integer

from reckon.config import init_workspace
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import MappingSpec, resolve_mapping
from reckon.ingest.prepare import prepare_batches
from reckon.ingest.readers import open_table
from reckon.store.models import ContentHash, Record
from reckon.store.pgcopy import ColumnRows, CopyShape, text_data

KEYS = ("ALTER TABLE record DROP CONSTRAINT fk_record_source_id_source, DROP CONSTRAINT fk_record_import_id_import_batch, "
        "DROP CONSTRAINT fk_record_person_id_person")
SCHEMA = {"as it is": [], "without the foreign keys": [KEYS],
          "without the person key": ["ALTER TABLE record DROP CONSTRAINT fk_record_person_id_person"],
          "without the secondary indexes": ["DROP INDEX ix_record_current", "DROP INDEX ix_record_person_id"],
          "without the unique index": ["ALTER TABLE record DROP CONSTRAINT uq_record_identity_version"],
          "without ix_record_current": ["DROP INDEX ix_record_current"],
          "without the primary key": ["ALTER TABLE record DROP CONSTRAINT pk_record CASCADE"]}
SCHEMA["without keys and indexes"] = SCHEMA["without the foreign keys"] + SCHEMA["without the secondary indexes"] + \
    SCHEMA["without the unique index"] + SCHEMA["without the primary key"]
_LEN = struct.Struct(">i").pack

# --- the text format built a column at a time in Python: measured here, slower than psycopg's C write_row ---
NULL = "\\N"
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = ("\\", "\t", "\n", "\r")

def column_kinds(columns: Sequence[str]) -> list[str]:
    """How each of ``columns`` of record is written: "int", "bool", "hash", "text"."""
    out = []
    for name in columns:
        kind = Record.__table__.c[name].type
        out.append("int" if isinstance(kind, Integer) else "bool" if isinstance(kind, Boolean)
                   else "hash" if isinstance(kind, ContentHash) else "text")
    return out


_STR, _INT, _NONE = {str}, {int}, {type(None)}
_STR_NONE, _INT_NONE = _STR | _NONE, _INT | _NONE


def _text_column(values: Sequence[Any]) -> list[str] | None:
    """Text values (None as NULL), escaped when some value needs it; None when a value is not text."""
    kinds = set(map(type, values))
    if kinds <= _STR:
        out = list(values)
    elif kinds <= _STR_NONE:
        out = [NULL if v is None else v for v in values]
    else:
        return None
    joined = "".join(out)
    if any(ch in joined for ch in _NEEDS_ESCAPE):
        out = [v if v is NULL else v.translate(_ESCAPE) for v in out]
    return out


def _int_column(values: Sequence[Any]) -> list[str] | None:
    kinds = set(map(type, values))
    if kinds <= _INT:
        return list(map(str, values))
    if kinds <= _INT_NONE:
        return [NULL if v is None else str(v) for v in values]
    return None


def _hash_column(values: Sequence[Any]) -> list[str] | None:
    if not set(map(type, values)) <= {bytes}:
        return None
    return list(map("\\\\x".__add__, map(bytes.hex, values)))


def _bool_column(values: Sequence[Any]) -> list[str] | None:
    if not set(map(type, values)) <= {bool}:
        return None
    return ["t" if v else "f" for v in values]


_ENCODERS = {"text": _text_column, "int": _int_column, "hash": _hash_column, "bool": _bool_column}


def encode_text(columns: Sequence[Sequence[Any]], kinds: Sequence[str], tail: str = "") -> bytes | None:
    """The rows given as ``columns`` (one sequence per column, of ``kinds``) in COPY's text format, each
    row followed by ``tail`` (constants, already encoded, starting with a tab); None when some value is
    not of its column's plain type (the caller then lets psycopg format the rows).

    Every step is a C-level pass over a column (``map``, ``join``): on the benchmark's rows about a
    microsecond a row, where psycopg's ``write_row`` formats each value in Python."""
    if not columns or not columns[0]:
        return b""
    encoded = []
    for values, kind in zip(columns, kinds, strict=True):
        col = _ENCODERS[kind](values)
        if col is None:
            return None
        encoded.append(col)
    if tail:  # the constants ride on the last column
        encoded[-1] = list(map(str.__add__, encoded[-1], repeat(tail)))
    text = "\n".join(map("\t".join, zip(*encoded, strict=True)))
    try:
        return (text + "\n").encode()
    except UnicodeEncodeError:  # a lone surrogate: the import quarantines those before; let psycopg say it
        return None


def _text_literal(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).translate(_ESCAPE)


def tail_text(values: Sequence[Any]) -> str:
    """Constants written after every row, in COPY's text format."""
    return "".join("\t" + _text_literal(v) for v in values)





def _backend_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _binary(columns: list[list[Any]], shape: CopyShape) -> bytes:
    """The rows in COPY's binary format, built from columns (a length prefix per value, in Python)."""
    def enc(v: Any, kind: str) -> bytes:
        if v is None:
            return b"\xff\xff\xff\xff"
        if kind in ("int", "bool"):
            return _LEN(4) + struct.pack(">i", v) if kind == "int" else _LEN(1) + bytes([v])
        data = v if kind == "hash" else v.encode()
        return _LEN(len(data)) + data
    bound = column_kinds(shape.names[:len(columns)])
    kinds = [*bound, "int", "int", "bool", "text", "int", "text"]
    tail = b"".join(enc(v, k) for v, k in zip(shape.tail, kinds[len(bound):], strict=True))
    encoded = [[enc(v, k) for v in col] for col, k in zip(columns, bound, strict=True)]
    head = struct.pack(">h", len(shape.names))
    return b"PGCOPY\n\xff\r\n\x00" + bytes(8) + b"".join(
        [head + b"".join(r) + tail for r in zip(*encoded, strict=True)]) + b"\xff\xff"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keys-once", action="store_true",
                        help="COPY with session_replication_role = replica, as an import whose keys are checked once")
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
        name = f"reckon_copycost_{os.getpid()}"
        url = _pg_database(name, True)
        try:
            init_workspace(Path(tmp) / "ws", url)
            conninfo = url.replace("postgresql+psycopg://", "postgresql://")
            print(f"{args.rows:,} rows; load average {os.getloadavg()[0]:.1f} at start")
            runs = [(m, "as it is") for m in ("write_row", "arrow", "text", "binary")] + \
                [("arrow", s) for s in SCHEMA if s != "as it is"]
            for mode, schema in runs:
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
    columns = [[b.identities, b.hashes, b.numbers, *b.columns, [i + 1] * len(b.identities),
                list(range(len(b.identities)))] for i, b in enumerate(batches)]
    pid = conn.info.backend_pid
    fmt = " (FORMAT BINARY)" if mode == "binary" else ""
    wal = conn.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    client, server = time.process_time(), _backend_cpu(pid)
    with conn.cursor() as cur:
        for cols in columns:
            with cur.copy(f"COPY record ({', '.join(shape.names)}) FROM STDIN{fmt}") as copy:
                if mode == "write_row":
                    for row in zip(*cols, strict=True):
                        copy.write_row(row + shape.tail)
                elif mode == "arrow":
                    copy.write(text_data(ColumnRows(cols, shape.tail)))
                elif mode == "text":
                    copy.write(encode_text(cols, column_kinds(shape.names[:len(cols)]), tail_text(shape.tail)))
                else:
                    copy.write(_binary(cols, shape))
    client, server = time.process_time() - client, _backend_cpu(pid) - server
    wal = conn.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), %s)", (wal,)).fetchone()[0]
    conn.rollback()
    print(f"{mode:>9}, record {schema:<30} client {1e6 * client / n:5.1f} µs a row, server {1e6 * server / n:5.1f} "
          f"µs a row, WAL {float(wal) / n:4.0f} bytes a row (load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
