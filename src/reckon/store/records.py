"""The register read back: sources with their counts, records in source and row order, quarantine, totals.

These are the queries behind :mod:`reckon.ingest.records` (``reckon sources``, ``records``,
``quarantine``, ``export`` and the web's list of sources), kept here because the store owns every query.
Each function takes an open connection and returns plain rows; the caller decides how they are shown.
Records stream in chunks, so an export of millions of records never builds a list in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from reckon.store.models import ImportBatch, QuarantinedRow, Record, Source
from reckon.store.rawblocks import raw_of

__all__ = ["source_named", "source_names", "source_names_by_id", "source_summaries", "record_chunks",
           "quarantine_rows", "register_totals"]


def source_named(conn: Connection, name: str) -> int | None:
    """The id of the source called ``name``, or None."""
    return conn.execute(select(Source.id).where(Source.name == name)).scalar()


def source_names(conn: Connection) -> list[str]:
    """Every source's name, in order (for an error that lists what exists)."""
    return list(conn.execute(select(Source.name).order_by(Source.name)).scalars().all())


def source_names_by_id(conn: Connection) -> dict[int, str]:
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


def record_chunks(conn: Connection, source_id: int | None, *, include_old: bool, limit: int | None,
                  chunk: int) -> Iterator[list[tuple[Any, Any]]]:
    """Records (current ones, or every version with ``include_old``) in source and id order, ``chunk`` at
    a time, each as (row mapping, raw row). The raw rows of a chunk are read together: records in id
    order share blocks, so each block is read once (:func:`reckon.store.rawblocks.raw_of`)."""
    r = Record.__table__
    stmt = select(r, Record.file_name.label("file_name"))  # the import's (migration 0015)
    if source_id is not None:
        stmt = stmt.where(r.c.source_id == source_id)
    if not include_old:
        stmt = stmt.where(r.c.is_current.is_(True))
    stmt = stmt.order_by(r.c.source_id, r.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt).mappings()
    while rows := result.fetchmany(chunk):
        raws = raw_of(conn, [(row["raw"], row["raw_block_id"], row["raw_offset"]) for row in rows])
        yield list(zip(rows, raws, strict=True))


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
