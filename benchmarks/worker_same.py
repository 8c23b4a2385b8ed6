"""What an import stores, as SHA-1 digests: to show that a change of the reader worker stores the same bytes.

Imports each list with the reader worker (``worker=True``: the columnar reader for CSV, and on PostgreSQL
its Arrow arrays) into a fresh SQLite workspace and, with ``--db postgres``, a fresh PostgreSQL database,
and prints one SHA-1 over every column of ``record``, one over ``raw_block`` (its compressed bytes too)
and one over ``quarantined_row``, in id order, leaving out only times (when the import ran). Run it with
the old code and the new (``PYTHONPATH``) and compare the lines: they must be equal.

    PYTHONPATH=src .venv/bin/python benchmarks/worker_same.py LIST.csv [...] [--db sqlite postgres]

PostgreSQL: a database ``reckon_same_<pid>`` is made and dropped through RECKON_BENCH_PG (as
benchmarks/import_speed.py). Figures: docs/ingest.md, "The reader worker's CPU
per row, second pass".
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any


def _value(v: Any) -> Any:
    if isinstance(v, memoryview):
        return bytes(v)
    return v


def digests(url: str) -> dict[str, str]:
    """table -> SHA-1 of its rows in id order (every column but times), and table -> row count."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for table in ("record", "raw_block", "quarantined_row"):
            h = hashlib.sha1()
            n = 0
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings():
                kept = [(k, _value(v)) for k, v in row.items() if not isinstance(v, datetime | date)]
                h.update(repr(kept).encode())
                h.update(b"\n")
                n += 1
            out[table] = f"{n} rows {h.hexdigest()}"
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--db", nargs="*", choices=["sqlite", "postgres"], default=["sqlite"])
    args = parser.parse_args()

    from import_speed import _pg_database  # (this folder: the benchmarks' one way to make a database)

    from reckon.config import init_workspace
    from reckon.ingest.service import import_file
    from reckon.store.db import dispose_engines

    for path in args.files:
        for db in args.db:
            name = f"reckon_same_{os.getpid()}"
            url = _pg_database(name, True) if db == "postgres" else None
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    ws = init_workspace(Path(tmp) / "ws", url)
                    report = import_file(ws, path, "same", worker=True)
                    found = digests(ws.database_url)
                    dispose_engines()
                    print(f"{path.name} {db}: new {report.new}, quarantined {report.quarantined}; " +
                          "; ".join(f"{t} {d}" for t, d in found.items()), flush=True)
            finally:
                if url:
                    dispose_engines()
                    _pg_database(name, False)


if __name__ == "__main__":
    main()
