"""The register read back: sources with their counts, records in source and row order, quarantine, totals.

These are the queries behind :mod:`reckon.ingest.records` (``reckon sources``, ``records``,
``quarantine``, ``export`` and the web's list of sources) and behind every record the web app and the
API show (:mod:`reckon.services.persons`), kept here because the store owns every query. Records are
read by one function, :func:`read_records`, in one shape (:data:`RECORD_KEYS`); each surface maps that
shape onto its own columns in one place. Records stream in chunks, so an export of millions of records
never builds a list in memory.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from reckon.store.models import AuditEvent, ImportBatch, QuarantinedRow, Record, Source, external_id_of
from reckon.store.rawblocks import raw_of

__all__ = ["RECORD_KEYS", "source_named", "source_names", "source_names_by_id", "source_summaries",
           "import_rows", "import_notes", "read_records", "records_read", "quarantine_rows", "register_totals"]


def source_named(conn: Connection, name: str) -> int | None:
    """The id of the source called ``name``, or None."""
    return conn.execute(select(Source.id).where(Source.name == name)).scalar()


def source_names(conn: Connection) -> list[str]:
    """Every source's name, in order (for an error that lists what exists)."""
    return list(conn.execute(select(Source.name).order_by(Source.name)).scalars().all())


def source_names_by_id(conn: Connection | Session) -> dict[int, str]:
    return dict(conn.execute(select(Source.id, Source.name)).all())  # type: ignore[arg-type]


def source_summaries(conn: Connection) -> list[tuple[Any, int, int, int, int, Any]]:
    """Per source, in name order: (source row, current records, quarantined rows, finished imports,
    distinct files imported, when the latest import finished)."""
    r, q, b = Record.__table__, QuarantinedRow.__table__, ImportBatch.__table__
    recs: dict[int, int] = dict(conn.execute(select(r.c.source_id, func.count()).where(r.c.is_current.is_(True))
                                             .group_by(r.c.source_id)).all())
    quar: dict[int, int] = dict(conn.execute(select(q.c.source_id, func.count()).group_by(q.c.source_id)).all())
    imps = {sid: (n, files, last) for sid, n, files, last in conn.execute(
        select(b.c.source_id, func.count(), func.count(b.c.file_sha256.distinct()), func.max(b.c.finished_at))
        .where(b.c.finished_at.is_not(None)).group_by(b.c.source_id))}
    out = []
    for src in conn.execute(select(Source.__table__).order_by(Source.__table__.c.name)).mappings():
        n, files, last = imps.get(src["id"], (0, 0, None))
        out.append((src, recs.get(src["id"], 0), quar.get(src["id"], 0), n, files, last))
    return out


def import_rows(conn: Connection, source_id: int | None = None) -> list[Any]:
    """Imports as rows of ``import_batch``, newest first (one source's with ``source_id``)."""
    b = ImportBatch.__table__
    stmt = select(b).order_by(b.c.id.desc())
    if source_id is not None:
        stmt = stmt.where(b.c.source_id == source_id)
    return list(conn.execute(stmt).all())


def import_notes(bind: Connection | Session, import_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """What each import said beside its counts, as its audit entry keeps it (the import writes nothing
    else about them): ``warned``, the rows stored with a warning, and ``warnings``, the first 50 of them
    as file, row and reason (never a value), and ``encoding_note`` when the file's code page was guessed.

    Imports are few, so their entries are looked through here rather than found by a JSON query that
    SQLite and PostgreSQL would spell differently. An import older than these keys says nothing."""
    wanted, out = set(import_ids), {}
    a = AuditEvent.__table__
    stmt = (select(a.c.details, a.c.target_ids).where(a.c.action == "import", a.c.target_type == "import_batch")
            .order_by(a.c.id.desc()))
    for details, ids in bind.execute(stmt):
        details = _decoded(details) or {}
        for import_id in (_decoded(ids) or []):
            if import_id in wanted and import_id not in out:
                out[import_id] = {"warned": int(details.get("warned") or 0),
                                  "warnings": list(details.get("warnings") or []),
                                  "encoding_note": details.get("encoding_note")}
        if len(out) == len(wanted):
            break
    return {i: out.get(i, {"warned": 0, "warnings": [], "encoding_note": None}) for i in wanted}


RECORD_KEYS = ("id", "source_id", "source", "import_id", "identity", "version", "is_current", "content_hash",
               "file_name", "row_number", "person_id", "external_id", "full_name", "surname", "given_name",
               "patronymic", "initials", "sex", "birth_date", "region", "locality", "detention_date",
               "release_date", "status", "articles", "sentence", "place_of_detention", "extra")
"""The one shape of a record read back (:func:`read_records`): the register's own column names, plus
``source`` (the source's name) and, when asked for, ``raw`` (the row as read). The CLI and export rename a
few of them (:mod:`reckon.ingest.records`), the web and the API pick theirs (:mod:`reckon.services.persons`);
neither reads a record any other way."""
_COLUMNS = tuple(k for k in RECORD_KEYS if k != "source")
_SOURCE_AT, _SOURCE_ID_AT = RECORD_KEYS.index("source"), _COLUMNS.index("source_id")


def _decoded(value: Any) -> Any:
    """A JSON column as Python (drivers that hand JSON back as text: decode it here, once)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def read_records(bind: Connection | Session, *, ids: Sequence[int] | None = None, person_id: int | None = None,
                 source_id: int | None = None, include_old: bool = False, limit: int | None = None,
                 raw: bool = True, chunk: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Records as dicts of :data:`RECORD_KEYS` (with ``raw`` when asked), in source and id order, ``chunk``
    at a time: the one query behind every read of records that a person sees (``reckon records``,
    ``export``, the record and person pages, search results, the API).

    Filters combine: ``ids`` (those records, any version), ``person_id`` and ``source_id``; current
    records only unless ``include_old``. Rows stream from the database, so an export of millions never
    builds a list; the raw rows of a chunk are read together, records in id order sharing blocks, so each
    block is read once (:func:`reckon.store.rawblocks.raw_of`).
    """
    conn = bind.connection() if isinstance(bind, Session) else bind
    r, b = Record.__table__, ImportBatch.__table__
    # a record's file is its import's (migration 0015 moved it there): one join, not a subquery per row;
    # its own id is spelt out where it is stored as its identity (0017)
    spelt = {"file_name": b.c.file_name, "external_id": external_id_of(r)}
    cols = [spelt[k] if k in spelt else r.c[k] for k in _COLUMNS]
    cols += [r.c.raw, r.c.raw_block_id, r.c.raw_offset] if raw else []
    stmt = select(*cols).join(b, b.c.id == r.c.import_id)
    if ids is not None:
        stmt = stmt.where(r.c.id.in_(list(ids)))
    if person_id is not None:
        stmt = stmt.where(r.c.person_id == person_id)
    if source_id is not None:
        stmt = stmt.where(r.c.source_id == source_id)
    if not include_old:
        stmt = stmt.where(r.c.is_current.is_(True))
    stmt = stmt.order_by(r.c.source_id, r.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    names = source_names_by_id(conn)
    n = len(_COLUMNS)
    # options on the statement, not the connection: Connection.execution_options changes the connection in
    # place, and a session's later statements (the audit entry of a search) would then run through a
    # server-side cursor, which PostgreSQL refuses for an INSERT
    result = conn.execute(stmt.execution_options(stream_results=True, yield_per=chunk))
    while rows := result.fetchmany(chunk):
        raws = raw_of(conn, [(row[n], row[n + 1], row[n + 2]) for row in rows]) if raw else None
        out = []
        for i, row in enumerate(rows):
            values = list(row[:n])
            values.insert(_SOURCE_AT, names.get(row[_SOURCE_ID_AT], ""))
            d = dict(zip(RECORD_KEYS, values, strict=True))
            d["articles"] = _decoded(d["articles"]) or []
            d["extra"] = _decoded(d["extra"]) or {}
            if raws is not None:
                d["raw"] = raws[i]
            out.append(d)
        yield out


def records_read(bind: Connection | Session, **filters: Any) -> list[dict[str, Any]]:
    """:func:`read_records` as one list, for the small reads (one record, one person, a page of results)."""
    return [d for rows in read_records(bind, **filters) for d in rows]


def quarantine_rows(conn: Connection, source_id: int | None, limit: int | None) -> list[Any]:
    """Quarantined rows as (source id, file, row, field, reason, import id, raw), by source, import, row."""
    q = QuarantinedRow.__table__
    stmt = select(q.c.source_id, q.c.file_name, q.c.row_number, q.c.field, q.c.reason, q.c.import_id, q.c.raw)
    if source_id is not None:
        stmt = stmt.where(q.c.source_id == source_id)
    stmt = stmt.order_by(q.c.source_id, q.c.import_id, q.c.row_number)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.execute(stmt).all())


def register_totals(conn: Connection) -> dict[str, int]:
    """Current records, all versions, quarantined rows, sources and finished imports."""
    r, q, b = Record.__table__, QuarantinedRow.__table__, ImportBatch.__table__
    return {
        "sources": conn.execute(select(func.count()).select_from(Source.__table__)).scalar_one(),
        "records": conn.execute(select(func.count()).select_from(r).where(r.c.is_current.is_(True))).scalar_one(),
        "versions": conn.execute(select(func.count()).select_from(r)).scalar_one(),
        "quarantined": conn.execute(select(func.count()).select_from(q)).scalar_one(),
        "imports": conn.execute(select(func.count()).select_from(b).where(b.c.finished_at.is_not(None))).scalar_one(),
    }
