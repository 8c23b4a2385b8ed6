"""The histories builder's side of the store: what a build reads of the register and how it writes.

``reckon.histories.service`` rebuilds the derived tables of :mod:`reckon.store.histories` (the tables and
the queries that read histories: counts, a person's history, judges' verdicts) from the current records.
Everything a build does in the database is here: the register's signature (is the last build stale?),
the subjects listed from record ids alone, the records of a chunk read by person range or by id, the
derived rows removed and written in bulk, the indexes dropped before a full build and made after it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Table, Text, cast, delete, func, select
from sqlalchemy.orm import Session

from reckon.store.db import sqlite_cache
from reckon.store.histories import (
    DIMENSIONS,
    SUBJECT_DIMS,
    HistoryBuild,
    HistoryEvents,
    HistoryKey,
    HistorySourceRule,
    HistorySpan,
    HistorySubject,
)
from reckon.store.link import LinkRun
from reckon.store.models import ImportBatch, Record, Source
from reckon.store.rawblocks import lazy_raws

_DERIVED = (HistoryEvents, HistorySpan, HistoryKey, HistorySubject)

# ---------------------------------------------------------------------------------------------- reading

RECORD_COLUMNS = ("id", "person_id", "source_id", "import_id", "file_name", "row_number", "sex", "birth_date",
                  "region", "locality", "detention_date", "release_date", "status", "articles", "sentence",
                  "place_of_detention", "extra")


def register_signature(s: Session) -> dict[str, Any]:
    """What the histories depend on, cheaply: records (count, newest id, links), link runs and source rules."""
    n, max_id, linked, psum = s.execute(
        select(func.count(), func.max(Record.id), func.count(Record.person_id),
               func.coalesce(func.sum(Record.person_id), 0)).where(Record.is_current.is_(True))).one()
    run = s.scalar(select(func.max(LinkRun.id)).where(LinkRun.status == "done"))
    rules = [[r.source_id, bool(r.political_prisoners), r.list_date]
             for r in s.scalars(select(HistorySourceRule).order_by(HistorySourceRule.source_id))]
    return {"records": int(n or 0), "max_record_id": int(max_id or 0), "linked": int(linked or 0),
            "person_sum": int(psum or 0), "link_run": run, "rules": rules}


def last_build(s: Session) -> HistoryBuild | None:
    return s.scalars(select(HistoryBuild).order_by(HistoryBuild.id.desc()).limit(1)).first()


def sources(s: Session) -> dict[int, dict[str, Any]]:
    """Every source with its kind and the documenter's rule (political-prisoner list, list date)."""
    rules = {r.source_id: r for r in s.scalars(select(HistorySourceRule))}
    out = {}
    for src in s.scalars(select(Source)):
        rule = rules.get(src.id)
        out[src.id] = {"name": src.name, "kind": src.kind,
                       "political_prisoners": bool(rule.political_prisoners) if rule else None,
                       "list_date": rule.list_date if rule else None}
    return out


def import_batches(s: Session) -> dict[int, dict[str, Any]]:
    """Each import's mapping (column -> field) and the day it finished (a list's date by default)."""
    out = {}
    for b in s.scalars(select(ImportBatch)):
        when = b.finished_at or b.started_at
        out[b.id] = {"source_id": b.source_id, "columns": dict((b.mapping or {}).get("columns") or {}),
                     "date": when.date().isoformat() if when else None}
    return out


def current_subjects(s: Session, batch: int = 50_000) -> Iterator[tuple[int, int | None]]:
    """(record id, person id) of every current record, ordered by person then id: what tells which subjects
    changed (their record ids), without reading the records themselves (an incremental refresh after a
    small import reads only the changed persons' records)."""
    stmt = select(Record.id, Record.person_id).where(Record.is_current.is_(True)).order_by(Record.person_id, Record.id)
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        # SQLite's cursor read directly: a Row per record costs 4x the plain tuple (0.61 s against 0.15 s
        # per 200,000). (Not with stream_results, whose buffered strategy would have taken the first row.)
        cursor = conn.execute(stmt).cursor
        try:
            while part := cursor.fetchmany(batch):
                yield from part
        finally:
            cursor.close()
        return
    for part in conn.execute(stmt.execution_options(yield_per=batch)).partitions():
        yield from part


def _record_select() -> Any:
    # JSON columns as *text*: the caller parses them (orjson), much faster than the driver's json.loads;
    # raw rows are parsed only for the few records whose import joined several columns into one field.
    # The raw row itself is in a compressed block (store.rawblocks): read only when looked into.
    cols = [getattr(Record, c) for c in RECORD_COLUMNS if c not in ("articles", "extra")]
    return select(*cols, cast(Record.articles, Text), cast(Record.extra, Text), cast(Record.raw, Text),
                  Record.raw_block_id, Record.raw_offset)


RECORD_ROW = tuple(c for c in RECORD_COLUMNS if c not in ("articles", "extra")) + ("articles", "extra", "raw")
"""The order of a row of :func:`records_by_id` (JSON columns as text; ``raw`` is the inline JSON text, or
a :class:`reckon.store.rawblocks.LazyRaw` for a row kept in a block)."""


def records_by_id(s: Session, ids: Sequence[int], persons: Sequence[int] = (), batch: int = 500) -> dict[int, tuple]:
    """The records with these ids (current or not), as rows in the order of ``RECORD_ROW``.

    ``persons`` are the person ids the linked ones among them belong to: when those are dense (a full
    build's chunk of consecutive persons) the records are read as one range of the person index, else
    by id, ``batch`` at a time."""
    wanted = set(ids)
    out: dict[int, tuple] = {}
    base = _record_select()
    if persons:
        lo, hi = min(persons), max(persons)
        if len(persons) * 4 >= hi - lo + 1:
            stmt = base.where(Record.person_id >= lo, Record.person_id <= hi, Record.is_current.is_(True))
            for row in _plain_rows(s, stmt):
                if row[0] in wanted:
                    out[row[0]] = row
    rest = sorted(wanted.difference(out))
    for i in range(0, len(rest), batch):
        for row in _plain_rows(s, base.where(Record.id.in_(rest[i:i + batch]))):
            out[row[0]] = row
    rows = list(out.values())
    raws = lazy_raws(s, [(row[-3], row[-2], row[-1]) for row in rows])
    return {row[0]: (*row[:-3], row[-3] if row[-2] is None else raw) for row, raw in zip(rows, raws, strict=True)}


def _plain_rows(s: Session, stmt: Any) -> list[tuple]:
    """The rows of ``stmt`` as plain tuples. On SQLite they are read from the driver's cursor: the selected
    columns (integers, text, JSON cast to text) need no result processing, and a full build reads a million
    records, for which a SQLAlchemy Row each, then a tuple, costs about four times the tuple alone."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(stmt)]
    cursor = conn.execute(stmt).cursor
    try:
        return typing.cast(list[tuple], cursor.fetchall())
    finally:
        cursor.close()


def subject_digests(s: Session) -> dict[int, str]:
    return {sid: dig for sid, dig in s.execute(select(HistorySubject.subject_id, HistorySubject.digest))}

# ---------------------------------------------------------------------------------------------- writing


def clear(s: Session) -> None:
    for table in _DERIVED:
        s.execute(delete(table))


def drop_indexes(s: Session) -> None:
    """Before a full build: loading millions of rows and indexing them once is faster than indexing each."""
    conn = s.connection()
    for table in _DERIVED:
        for ix in typing.cast(Table, table.__table__).indexes:
            ix.drop(conn)


def create_indexes(s: Session) -> None:
    """Build the derived tables' indexes after a full build's rows are in.

    SQLite sorts an index's entries in as much memory as the page cache may take; a build runs with a large
    cache (:func:`build_cache`), but one large in-memory sort costs more CPU than sorting in runs of 2 MB
    and merging them (at 200,000 records 3.8 s against 2.4 s), and memory: the sorts get the default."""
    conn = s.connection()
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar() if conn.dialect.name == "sqlite" else None
    if cache is not None:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
    for table in _DERIVED:
        for ix in typing.cast(Table, table.__table__).indexes:
            ix.create(conn)
    if cache is not None:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")


def refresh_statistics(s: Session) -> None:
    """After a build: SQLite's planner needs the tables' statistics. Without them it joins history_key to
    history_span through the covering state index, scanning every span of a state for each key (quadratic:
    the dashboard summary's span_ends_by took 338 s at 20,000 records, 12 s at 5,000); with them it looks
    each span's keys up by subject (0.05 s at 5,000). Sampled (analysis_limit), so it costs milliseconds.
    PostgreSQL's autovacuum keeps its own statistics."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
        conn.exec_driver_sql("ANALYZE history_span")
        conn.exec_driver_sql("ANALYZE history_key")


SORT_CACHE_KIB = 2_048
"""SQLite page cache (KiB), hence sort memory, while :func:`create_indexes` builds the indexes."""

BUILD_CACHE_MB = 128
"""SQLite page cache of a full build's connection while it inserts: the derived tables of a million
records are about a gigabyte, and with the default 2 MB nearly every page written is spilled to the WAL
before the commit (at 200,000 records, on a loaded machine: the same 3.5 s of CPU either way, 25 s of
wall time against 11.5 s)."""


def build_cache(s: Session) -> None:
    """For a full build on SQLite: a large page cache (:data:`BUILD_CACHE_MB`). Only this connection's, and
    only until it returns to the pool, which gives it its own size back (``store.db``), so a long-lived
    process does not keep the memory. PostgreSQL's settings are the server's: nothing is changed there."""
    sqlite_cache(s.connection(), BUILD_CACHE_MB)


def remove_subjects(s: Session, subject_ids: Sequence[int], chunk: int = 5_000) -> None:
    ids = list(subject_ids)
    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        for table in _DERIVED:
            stmt = delete(table).where(table.subject_id.in_(part))
            if table is HistoryKey:   # through the (dim, subject_id) index: the table has no other
                stmt = stmt.where(HistoryKey.dim.in_(DIMENSIONS))
            s.execute(stmt)


SUBJECT_COLS = ("subject_id", "person_id", "digest", "n_records", "n_events", "n_conflicts", "birth_year",
                *SUBJECT_DIMS)
EVENT_COLS = ("subject_id", "date_lo", "date_hi", "events")
SPAN_COLS = ("subject_id", "state", "sure", "lo", "hi")
KEY_COLS = ("subject_id", "dim", "key")


def write_rows(s: Session, subjects: list[tuple], events: list[tuple], spans: list[tuple],
               keys: list[tuple]) -> None:
    """Bulk insert of derived rows (``*_COLS`` tuples), one driver executemany per table (SQLAlchemy's
    processing would cost more than deriving). The events come as UTF-8 JSON bytes: SQLite stores them as
    the same text (``CAST(? AS TEXT)``: no decoding nor encoding of 1 GB at 1 M records); others decode."""
    conn = s.connection()
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    events = events if sqlite else [(*row[:3], row[3].decode()) for row in events]
    for table, cols, rows in ((HistorySubject, SUBJECT_COLS, subjects), (HistoryEvents, EVENT_COLS, events),
                              (HistorySpan, SPAN_COLS, spans), (HistoryKey, KEY_COLS, keys)):
        if not rows:
            continue
        marks = [mark] * (len(cols) - 1) + ["CAST(? AS TEXT)" if table is HistoryEvents and sqlite else mark]
        sql = f"INSERT INTO {table.__tablename__} ({', '.join(cols)}) VALUES ({', '.join(marks)})"
        conn.exec_driver_sql(sql, rows)


def add_build(s: Session, **values: Any) -> HistoryBuild:
    build = HistoryBuild(**values)
    s.add(build)
    s.flush()
    return build
