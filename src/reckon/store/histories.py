"""Tables and queries of the histories stage: persons' dated events and the per-person summary counted.

Everything here is *derived* from the current records (``reckon.histories`` rebuilds it after each import
and link run); nothing is entered by hand, so the tables can always be dropped and rebuilt.

A **subject** is whom a history belongs to: a linked person (``subject_id = person_id``, positive) or, for a
current record that no link run has placed in a person yet, that record alone (``subject_id = -record_id``).

* :class:`HistoryEvents` -- a subject's dated events (detention, charge, verdict, appeal, recognition,
  release, death, wanted, other), packed in one row: each with the partial date as written, its day bounds
  (``date_lo``/``date_hi``, proleptic ordinals), the record ids and fields it came from, and
  ``alternatives`` when sources disagree (a disputed date: never averaged).
* :class:`HistorySpan` -- the summary that counts: for each subject and state disjoint day intervals
  ``[lo, hi)`` on which the state is *surely* true (``sure``) and those on which it is *undetermined* (true
  for some reading of a partial or disputed date, false for another): the count on D is the number of
  sure intervals holding D, the undetermined figure that of the others; two indexed sums.
* :class:`HistoryKey` -- a subject's keys per dimension of several (article, court, judge, source): with two
  articles it counts once under each. Its one region, district and sex are :class:`HistorySubject` columns.
* :class:`HistorySubject` -- one row per subject: its person, a digest of its record ids (what tells an
  incremental refresh that it changed), birth year (for age bands), numbers of events and conflicts.
* :class:`HistorySourceRule` -- what a documenter declared about a source: that it is a political-prisoner
  list, and the list's own date (from which its people count as recognised when no date is given).
* :class:`HistoryBuild` -- each build: the register's signature it was built from (the staleness test).

Store API (for the person page, judges and courts; every query of the stage lives in this module):

* ``history_rows(s, subject_id) -> (summary, events, keys)`` and ``spans_of(s, subject_id)``: one subject
  (``reckon.histories.service.history`` wraps them into a person's history with conflicts and states);
* ``events_for(s, kind="verdict", judge=KEY, court=KEY)``: events across subjects; a verdict's ``details``
  hold court, judge (and ``*_key``), prosecutor, lawyer and the normalised ``sentence``;
* ``count_rows``, ``count_by``, ``span_ends``, ``subjects_in``: the per-subject summary, counted.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    cast,
    delete,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.store.base import Base, utcnow
from reckon.store.db import sqlite_cache
from reckon.store.link import LinkRun
from reckon.store.models import ImportBatch, Record, Source
from reckon.store.rawblocks import lazy_raws

STATES = ("in_custody", "political_prisoner", "persecuted", "released")
DIMENSIONS = ("region", "district", "article", "court", "judge", "sex", "source")


class HistoryBuild(Base):
    __tablename__ = "history_build"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(20), default="full")  # full | incremental
    signature: Mapped[dict] = mapped_column(default=dict)
    subjects_total: Mapped[int] = mapped_column(Integer, default=0)
    subjects_rebuilt: Mapped[int] = mapped_column(Integer, default=0)
    subjects_removed: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    finished_at: Mapped[datetime] = mapped_column(default=utcnow)


class HistorySourceRule(Base):
    __tablename__ = "history_source"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), primary_key=True)
    political_prisoners: Mapped[bool] = mapped_column(Boolean, default=True)
    list_date: Mapped[str | None] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class HistorySubject(Base):
    __tablename__ = "history_subject"

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    person_id: Mapped[int | None] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(40))
    n_records: Mapped[int] = mapped_column(Integer, default=0)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    n_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    # SUBJECT_DIMS: columns, not key rows (0016: 1.4 M rows fewer at 1 M records); NULL: no key
    region: Mapped[str | None] = mapped_column(String(300))
    district: Mapped[str | None] = mapped_column(String(300))
    sex: Mapped[str | None] = mapped_column(String(300))


SUBJECT_DIMS = ("region", "district", "sex")
"""Dimensions of which a subject has at most one key: :class:`HistorySubject`'s columns (the others, several
per subject, are rows of :class:`HistoryKey`)."""


class HistoryEvents(Base):
    """A subject's events in one row (migration 0016: 4.3 M rows and two indexes fewer at 1 M records; every
    reader takes a subject's events whole, or all of them). ``events``: a JSON list of ``EVENT_FIELDS``
    arrays (the position is ``seq``); ``date_lo``/``date_hi``: first and last day of its dated events."""

    __tablename__ = "history_events"

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    date_lo: Mapped[int | None] = mapped_column(Integer)
    date_hi: Mapped[int | None] = mapped_column(Integer)
    events: Mapped[str] = mapped_column(Text)


EVENT_FIELDS = ("case_no", "kind", "date", "date_lo", "date_hi", "derived", "alternatives", "details",
                "record_ids", "fields")
"""The order of one packed event (:class:`HistoryEvents`): what the person page and the judges read."""


class HistorySpan(Base):
    __tablename__ = "history_span"
    __table_args__ = (Index("ix_history_span_state", "state", "sure", "hi", "lo", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    state: Mapped[str] = mapped_column(String(20))
    sure: Mapped[bool] = mapped_column(Boolean)
    lo: Mapped[int] = mapped_column(Integer)
    hi: Mapped[int] = mapped_column(Integer)


class HistoryKey(Base):
    __tablename__ = "history_key"
    __table_args__ = (Index("ix_history_key_dim", "dim", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no index of its own (0016): (dim, subject_id) answers a subject's keys asked with dim IN DIMENSIONS
    subject_id: Mapped[int] = mapped_column(Integer)
    dim: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))


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


def set_source_rule(s: Session, source_name: str, *, political_prisoners: bool, list_date: str | None,
                    actor: str) -> int | None:
    """Record what a documenter declares about a source; None when no source has that name."""
    src = s.scalars(select(Source).where(Source.name == source_name)).first()
    if src is None:
        return None
    rule = s.get(HistorySourceRule, src.id) or HistorySourceRule(source_id=src.id)
    rule.political_prisoners, rule.list_date, rule.actor, rule.updated_at = (
        political_prisoners, list_date, actor, utcnow())
    s.add(rule)
    s.flush()
    return src.id


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


# ---------------------------------------------------------------------------------------------- counting


def count_rows(s: Session, state: str, day: int) -> tuple[int, int]:
    """(surely, undetermined) subjects in ``state`` on ``day``: two indexed sums over disjoint intervals."""
    stmt = (select(HistorySpan.sure, func.count())
            .where(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
            .group_by(HistorySpan.sure))
    got = {bool(sure): int(n) for sure, n in s.execute(stmt)}
    return got.get(True, 0), got.get(False, 0)


def count_by(s: Session, state: str, day: int, dim: str) -> dict[str, tuple[int, int]]:
    """Per key of ``dim``: (surely, undetermined) subjects on ``day``. ``age_band`` uses birth years."""
    live = and_(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
    if dim == "age_band":
        from datetime import date

        year = date.fromordinal(day).year
        age = year - HistorySubject.birth_year
        band = case((HistorySubject.birth_year.is_(None), "unknown"), (age < 18, "under 18"),
                    (age < 30, "18-29"), (age < 40, "30-39"), (age < 50, "40-49"), (age < 60, "50-59"),
                    else_="60+")
        stmt = (select(band, HistorySpan.sure, func.count())
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live).group_by(band, HistorySpan.sure))
    elif dim in SUBJECT_DIMS:
        col = getattr(HistorySubject, dim)
        stmt = (select(func.coalesce(col, "unknown"), HistorySpan.sure, func.count())
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live).group_by(col, HistorySpan.sure))
    else:
        stmt = (select(HistoryKey.key, HistorySpan.sure, func.count())
                .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                .where(live).group_by(HistoryKey.key, HistorySpan.sure))
    out: dict[str, list[int]] = {}
    for key, sure, n in s.execute(stmt):
        out.setdefault(key, [0, 0])[0 if sure else 1] += int(n)
    if dim not in ("age_band", *SUBJECT_DIMS):  # subjects with no key of this dimension count as "unknown"
        keyed = select(HistoryKey.subject_id).where(HistoryKey.dim == dim)
        stmt = (select(HistorySpan.sure, func.count()).where(live, HistorySpan.subject_id.not_in(keyed))
                .group_by(HistorySpan.sure))
        for sure, n in s.execute(stmt):
            out.setdefault("unknown", [0, 0])[0 if sure else 1] += int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def keyed_subjects(s: Session, state: str, day: int, dim: str) -> list[tuple[str, int, bool]]:
    """(key of ``dim``, subject, sure) of every subject in ``state`` on ``day`` that has a key of ``dim``:
    for counts whose keys are merged after the query (judges and courts spelled several ways)."""
    live = and_(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
    if dim in SUBJECT_DIMS:
        col = getattr(HistorySubject, dim)
        stmt = (select(col, HistorySpan.subject_id, HistorySpan.sure)
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live, col.is_not(None)).distinct())
    else:
        stmt = (select(HistoryKey.key, HistorySpan.subject_id, HistorySpan.sure)
                .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                .where(live).distinct())
    return [(str(k), int(sid), bool(sure)) for k, sid, sure in s.execute(stmt)]


def span_ends(s: Session, state: str) -> dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Per ``sure`` flag: how many intervals of ``state`` start on each day and how many end on each day.

    Grouped in SQL (a few thousand distinct days, not a million rows): the count on D is the number of
    starts on or before D minus the number of ends on or before D, so a series is one pass over these.
    """
    out: dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {True: ([], []), False: ([], [])}
    for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
        stmt = (select(HistorySpan.sure, col, func.count()).where(HistorySpan.state == state)
                .group_by(HistorySpan.sure, col))
        for sure, d, n in s.execute(stmt):
            out[bool(sure)][slot].append((int(d), int(n)))
    return out


def span_ends_by(s: Session, state: str, dim: str) -> dict[str, dict[bool, tuple[list[tuple[int, int]],
                                                                        list[tuple[int, int]]]]]:
    """:func:`span_ends` per key of ``dim`` (a subject under two keys counts under each; one under none as
    "unknown", as :func:`count_by`): counts by key on any day from one grouped pass, for the dashboard's
    summary (reckon.services.summary)."""
    out: dict[str, dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]]] = {}
    if dim in SUBJECT_DIMS:
        key_col = getattr(HistorySubject, dim)
        for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
            stmt = (select(func.coalesce(key_col, "unknown"), HistorySpan.sure, col, func.count())
                    .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                    .where(HistorySpan.state == state).group_by(key_col, HistorySpan.sure, col))
            for key, sure, d, n in s.execute(stmt):
                ends = out.setdefault(str(key), {True: ([], []), False: ([], [])})
                ends[bool(sure)][slot].append((int(d), int(n)))
        return out
    keyed = select(HistoryKey.subject_id).where(HistoryKey.dim == dim)
    for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
        joined = (select(HistoryKey.key, HistorySpan.sure, col, func.count())
                  .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                  .where(HistorySpan.state == state).group_by(HistoryKey.key, HistorySpan.sure, col))
        bare = (select(HistorySpan.sure, col, func.count())
                .where(HistorySpan.state == state, HistorySpan.subject_id.not_in(keyed))
                .group_by(HistorySpan.sure, col))
        rows = [*s.execute(joined), *(("unknown", sure, d, n) for sure, d, n in s.execute(bare))]
        for key, sure, d, n in rows:
            ends = out.setdefault(str(key), {True: ([], []), False: ([], [])})
            ends[bool(sure)][slot].append((int(d), int(n)))
    return out


def subjects_counted(s: Session) -> tuple[int, int]:
    """(subjects that are linked persons, subjects that are single unlinked records)."""
    pos = s.scalar(select(func.count()).select_from(HistorySubject).where(HistorySubject.subject_id > 0))
    neg = s.scalar(select(func.count()).select_from(HistorySubject).where(HistorySubject.subject_id < 0))
    return int(pos or 0), int(neg or 0)


def state_ever(s: Session, state: str) -> bool:
    """Whether anyone is ever in ``state``: a political-prisoner count of 0 then means no list or event
    recognises anyone yet (no source declared a political-prisoner list), not that nobody is held."""
    return s.scalar(select(HistorySpan.id).where(HistorySpan.state == state).limit(1)) is not None


def subjects_in(s: Session, state: str, day: int, sure: bool | None = None) -> list[int]:
    """The subjects in ``state`` on ``day``: surely (True), undetermined (False), or both (None)."""
    stmt = select(HistorySpan.subject_id).where(HistorySpan.state == state, HistorySpan.hi > day,
                                                HistorySpan.lo <= day)
    if sure is not None:
        stmt = stmt.where(HistorySpan.sure.is_(sure))
    return sorted(set(s.scalars(stmt)))


# ---------------------------------------------------------------------------------------------- histories


def history_rows(s: Session, subject_id: int) -> tuple[dict | None, list[dict], list[dict]]:
    """One subject's summary row, events (in order) and keys, as dicts."""
    subj = s.get(HistorySubject, subject_id)
    packed = s.scalar(select(HistoryEvents.events).where(HistoryEvents.subject_id == subject_id))
    events = unpack_events(subject_id, packed) if packed else []
    pairs = [(dim, key) for dim, key in s.execute(select(HistoryKey.dim, HistoryKey.key).where(
        HistoryKey.dim.in_(DIMENSIONS), HistoryKey.subject_id == subject_id).order_by(HistoryKey.dim, HistoryKey.key))]
    if subj is not None:
        pairs += [(dim, getattr(subj, dim)) for dim in SUBJECT_DIMS if getattr(subj, dim) is not None]
    # by dimension (a stable sort: within one, the database's order of the keys, as before 0016)
    keys = [{"dim": dim, "key": key} for dim, key in sorted(pairs, key=lambda p: p[0])]
    summary = None if subj is None else {"subject_id": subj.subject_id, "person_id": subj.person_id,
                                         "n_records": subj.n_records, "n_events": subj.n_events,
                                         "n_conflicts": subj.n_conflicts, "birth_year": subj.birth_year}
    return summary, events, keys


def spans_of(s: Session, subject_id: int) -> list[dict]:
    return [{"state": r.state, "sure": r.sure, "lo": r.lo, "hi": r.hi} for r in s.scalars(
        select(HistorySpan).where(HistorySpan.subject_id == subject_id).order_by(HistorySpan.state, HistorySpan.lo))]


def events_for(s: Session, kind: str | None = None, *, judge: str | None = None, court: str | None = None,
               subject_ids: Iterable[int] | None = None, limit: int | None = None) -> list[dict]:
    """Events of one kind across subjects (e.g. verdicts), optionally of one judge or court (exact key).

    Subjects are matched on their ``judge``/``court`` keys, then each unpacked event's kind and details are
    checked, so a subject with two verdicts only yields the matching one."""
    stmt = select(HistoryEvents.subject_id, HistoryEvents.events).order_by(HistoryEvents.subject_id)
    for dim, value in (("judge", judge), ("court", court)):
        if value is not None:
            stmt = stmt.where(HistoryEvents.subject_id.in_(
                select(HistoryKey.subject_id).where(HistoryKey.dim == dim, HistoryKey.key == value)))
    if subject_ids is not None:
        stmt = stmt.where(HistoryEvents.subject_id.in_(list(subject_ids)))
    if kind:   # a cheap textual filter before parsing: the kind is written as a JSON string
        stmt = stmt.where(HistoryEvents.events.contains(f'"{kind}"', autoescape=True))
    out = []
    for subject_id, packed in s.execute(stmt):
        for d in unpack_events(subject_id, packed):
            if kind and d["kind"] != kind:
                continue
            if judge is not None and d["details"].get("judge_key") != judge:
                continue
            if court is not None and d["details"].get("court_key") != court:
                continue
            out.append(d)
            if limit and len(out) >= limit:
                return out
    return out


def unpack_events(subject_id: int, packed: str) -> list[dict]:
    """A subject's packed events (:data:`EVENT_FIELDS` arrays) as the dicts the person page and judges read."""
    return [{"subject_id": subject_id, "seq": seq, **dict(zip(EVENT_FIELDS, e, strict=True))}
            for seq, e in enumerate(orjson.loads(packed))]
