"""The database side of ``reckon backup`` / ``reckon restore`` (:mod:`reckon.services.backup` handles files
and sealing): copies, dumps and restores of every table, for SQLite and PostgreSQL workspaces.

* SQLite: SQLite's online backup API copies a consistent snapshot while the web app keeps serving (WAL
  readers are not blocked); the backup is itself a SQLite database. Restore copies it back the same way.
* PostgreSQL (and SQLite on request, ``fmt="json"``): a portable dump, gzip-compressed JSON lines, of every
  table in reckon's schema with the schema revision, written from one repeatable-read transaction so it is
  consistent. Restore replaces the contents of every table in one transaction and resets the id
  sequences. The same dump restores into SQLite or PostgreSQL, which also moves a workspace between them.

A restore refuses a dump of another schema revision (upgrade the workspace the dump came from first).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from sqlalchemy import Date, DateTime, LargeBinary, delete, insert, select, text
from sqlalchemy.engine import Connection

from reckon.errors import N_, ConfigError
from reckon.store.db import dispose_engines, get_engine
from reckon.store.locks import sqlite_path
from reckon.store.schema import metadata

MAGIC_SQLITE = b"SQLite format 3\x00"
FORMAT = "reckon-dump-1"


def copy_sqlite(path: Path, out: Path) -> None:
    """A consistent copy of a live SQLite database through SQLite's online backup API (WAL readers go on),
    into a file created private (0600) before SQLite writes it, put in place when complete."""
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT, 0o600))
    src = sqlite3.connect(str(path))
    dst = sqlite3.connect(str(tmp))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    tmp.replace(out)


def counts_sqlite(path: Path) -> dict[str, int]:
    con = sqlite3.connect(str(path))
    try:
        names = [t.name for t in metadata.sorted_tables]
        have = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names if n in have}
    finally:
        con.close()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("select version_num from alembic_version")).scalar()
    except Exception:
        return None


def dump_json(url: str, out: BinaryIO) -> dict:
    engine = get_engine(url)
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        else:
            conn.execute(text("BEGIN"))  # one read transaction: a consistent snapshot under WAL
        revision = _revision(conn)
        existing = set(engine.dialect.get_table_names(conn))
        with gzip.open(out, "wt", encoding="utf-8") as handle:
            handle.write(json.dumps({"format": FORMAT, "revision": revision, "dialect": engine.dialect.name}) + "\n")
            for table in metadata.sorted_tables:
                if table.name not in existing:
                    continue
                # the columns the database has: a workspace of an older schema is backed up before `reckon
                # init` upgrades it, and its tables may lack columns this version's models name
                have = {c["name"] for c in engine.dialect.get_columns(conn, table.name)}
                columns = [c for c in table.columns if c.name in have]
                cols = [c.name for c in columns]
                handle.write(json.dumps({"table": table.name, "columns": cols}) + "\n")
                n = 0
                pk = [c for c in table.primary_key.columns if c.name in have]
                result = conn.execution_options(stream_results=True).execute(select(*columns).order_by(*pk))
                for row in result:
                    handle.write(json.dumps([_encode(v) for v in row], ensure_ascii=False) + "\n")
                    n += 1
                counts[table.name] = n
        conn.rollback()
    return {"format": "json", "revision": revision, "tables": counts}


def restore_sqlite(url: str, source: Path) -> dict:
    path = sqlite_path(url, plain=True)
    if path is None:
        raise ConfigError.of(N_("a SQLite backup restores into a SQLite workspace; for PostgreSQL make a portable "
                                "dump with `reckon backup FILE --format json` on the SQLite workspace"))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        rev = src.execute("select version_num from alembic_version").fetchone()
    finally:
        src.close()
    _check_revision(url, rev[0] if rev else None)
    dispose_engines()  # release our pooled connections to the file
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(path), timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return {"format": "sqlite", "file": str(source), "tables": counts_sqlite(path)}


def _check_revision(url: str, revision: str | None) -> None:
    from reckon.store.db import upgrade

    upgrade(url)
    with get_engine(url).connect() as conn:
        current = _revision(conn)
    if revision != current:
        raise ConfigError.of(N_("the backup is of schema revision %(backup)s, this workspace is at %(workspace)s; "
                                "restore into a workspace of the same version (or upgrade the backup's workspace "
                                "and back it up again)"), backup=str(revision), workspace=str(current))


def _decode_row(table, cols: list[str], values: list[Any]) -> dict:
    row = {}
    for name, value in zip(cols, values, strict=True):
        col = table.c[name]
        if value is not None:
            if isinstance(col.type, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(col.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(col.type, LargeBinary):
                value = base64.b64decode(value)
        row[name] = value
    return row


def restore_json(url: str, opener: Callable[[], IO[str]], source: Path) -> dict:
    with opener() as handle:
        header = json.loads(handle.readline())
    if header.get("format") != FORMAT:
        raise ConfigError.of(N_("%(file)s is not a reckon dump (%(format)s)"), file=str(source), format=FORMAT)
    _check_revision(url, header.get("revision"))
    engine = get_engine(url)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA defer_foreign_keys = ON"))
        for table in reversed(metadata.sorted_tables):
            conn.execute(delete(table))
        with opener() as handle:
            handle.readline()
            table = None
            cols: list[str] = []
            batch: list[dict] = []
            for line in handle:
                item = json.loads(line)
                if isinstance(item, dict):
                    if table is not None and batch:
                        conn.execute(insert(table), batch)
                    batch = []
                    table = metadata.tables.get(item["table"])
                    if table is None:
                        raise ConfigError.of(N_("the dump has a table %(table)r this version does not know"),
                                             table=item["table"])
                    cols = item["columns"]
                    counts[table.name] = 0
                    continue
                assert table is not None
                batch.append(_decode_row(table, cols, item))
                counts[table.name] += 1
                if len(batch) >= 5000:
                    conn.execute(insert(table), batch)
                    batch = []
            if table is not None and batch:
                conn.execute(insert(table), batch)
        if engine.dialect.name == "postgresql":
            for table in metadata.sorted_tables:
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and _is_int(pk[0]):
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk[0].name}'), "
                        f"coalesce((SELECT max(\"{pk[0].name}\") FROM \"{table.name}\"), 0) + 1, false)"))
    return {"format": "json", "file": str(source), "revision": header.get("revision"), "tables": counts}


def _is_int(column) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


def table_contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key (for tests that prove nothing was lost)."""
    engine = get_engine(url)
    out: dict[str, list[tuple]] = {}
    with engine.connect() as conn:
        existing = set(engine.dialect.get_table_names(conn))
        for table in metadata.sorted_tables:
            if table.name in existing:
                rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                out[table.name] = [tuple(r) for r in rows]
    return out
