"""Reading the register back: sources, records, quarantine and exports, as plain dicts.

The CLI prints these, the web app serves them, the export streams them; all go through here so the
columns and their meaning are the same everywhere. Listings stream from the database in chunks, so an
export of millions of records does not build a list in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select

from reckon.config import Workspace
from reckon.errors import ConfigError
from reckon.store.db import get_engine
from reckon.store.models import ImportBatch, QuarantinedRow, Record, Source
from reckon.store.rawblocks import raw_of

SOURCE_COLUMNS = ["name", "organisation", "kind", "records", "quarantined", "imports", "files",
                  "last_import"]
RECORD_COLUMNS = ["source", "file", "row", "external_id", "identity", "version", "full_name", "surname",
                  "given_name", "patronymic", "initials", "sex", "birth_date", "region", "locality",
                  "detention_date", "release_date", "status", "articles", "sentence", "place_of_detention"]
EXPORT_COLUMNS = ["record_id", *RECORD_COLUMNS, "content_hash", "import_id", "person_id"]
QUARANTINE_COLUMNS = ["source", "file", "row", "field", "reason", "import_id"]


def _source_id(conn: Any, name: str | None) -> int | None:
    if name is None:
        return None
    sid = conn.execute(select(Source.id).where(Source.name == name)).scalar()
    if sid is None:
        names = conn.execute(select(Source.name).order_by(Source.name)).scalars().all()
        known = ", ".join(names) if names else "none yet; import a file first"
        raise ConfigError(f"no source named {name!r}; sources: {known}")
    return sid


def list_sources(workspace: Workspace) -> list[dict[str, Any]]:
    """Every source with its counts: current records, quarantined rows, imports and files."""
    engine = get_engine(workspace.database_url)
    r, q, b = Record.__table__, QuarantinedRow.__table__, ImportBatch.__table__
    with engine.connect() as conn:
        recs = dict(conn.execute(select(r.c.source_id, func.count()).where(r.c.is_current.is_(True))
                                 .group_by(r.c.source_id)).all())
        quar = dict(conn.execute(select(q.c.source_id, func.count()).group_by(q.c.source_id)).all())
        imps = {sid: (n, files, last) for sid, n, files, last in conn.execute(
            select(b.c.source_id, func.count(), func.count(b.c.file_sha256.distinct()), func.max(b.c.finished_at))
            .where(b.c.finished_at.is_not(None)).group_by(b.c.source_id))}
        out = []
        for src in conn.execute(select(Source.__table__).order_by(Source.__table__.c.name)).mappings():
            n, files, last = imps.get(src["id"], (0, 0, None))
            out.append({"id": src["id"], "name": src["name"], "organisation": src["organisation"], "kind": src["kind"],
                        "description": src["description"], "records": recs.get(src["id"], 0),
                        "quarantined": quar.get(src["id"], 0), "imports": n, "files": files,
                        "last_import": last.isoformat(sep=" ", timespec="seconds") if last else None})
        return out


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _record_dict(row: Any, source_name: str, raw: Any) -> dict[str, Any]:
    articles = _json(row["articles"])
    return {
        "record_id": row["id"], "source": source_name, "file": row["file_name"], "row": row["row_number"],
        "external_id": row["external_id"], "identity": row["identity"], "version": row["version"],
        "full_name": row["full_name"], "surname": row["surname"], "given_name": row["given_name"],
        "patronymic": row["patronymic"], "initials": row["initials"], "sex": row["sex"],
        "birth_date": row["birth_date"], "region": row["region"], "locality": row["locality"],
        "detention_date": row["detention_date"], "release_date": row["release_date"], "status": row["status"],
        "articles": articles or [], "sentence": row["sentence"], "place_of_detention": row["place_of_detention"],
        "content_hash": row["content_hash"], "import_id": row["import_id"], "person_id": row["person_id"],
        "extra": _json(row["extra"]) or {}, "raw": raw,
    }


def iter_records(workspace: Workspace, source: str | None = None, limit: int | None = None,
                 include_old: bool = False, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Current records (every version with ``include_old``) in source and row order, streamed."""
    engine = get_engine(workspace.database_url)
    r = Record.__table__
    with engine.connect() as conn:
        sid = _source_id(conn, source)
        names = dict(conn.execute(select(Source.id, Source.name)).all())
        stmt = select(r)
        if sid is not None:
            stmt = stmt.where(r.c.source_id == sid)
        if not include_old:
            stmt = stmt.where(r.c.is_current.is_(True))
        stmt = stmt.order_by(r.c.source_id, r.c.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt).mappings()
        while rows := result.fetchmany(chunk):
            # Raw rows per chunk: records in id order share blocks, each read once (reckon.store.rawblocks).
            raws = raw_of(conn, [(row["raw"], row["raw_block_id"], row["raw_offset"]) for row in rows])
            for row, raw in zip(rows, raws, strict=True):
                yield _record_dict(row, names.get(row["source_id"], ""), raw)


def list_records(workspace: Workspace, source: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
    return list(iter_records(workspace, source, limit))


def iter_export_records(workspace: Workspace, source: str | None = None) -> Iterator[dict[str, Any]]:
    """Every current record with provenance (source, file, row, the source's own id), for export."""
    return iter_records(workspace, source, None)


def list_quarantine(workspace: Workspace, source: str | None = None, limit: int | None = None
                    ) -> list[dict[str, Any]]:
    engine = get_engine(workspace.database_url)
    q = QuarantinedRow.__table__
    with engine.connect() as conn:
        sid = _source_id(conn, source)
        names = dict(conn.execute(select(Source.id, Source.name)).all())
        stmt = select(q.c.source_id, q.c.file_name, q.c.row_number, q.c.field, q.c.reason, q.c.import_id,
                      q.c.raw)
        if sid is not None:
            stmt = stmt.where(q.c.source_id == sid)
        stmt = stmt.order_by(q.c.source_id, q.c.import_id, q.c.row_number)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [{"source": names.get(s, ""), "file": f, "row": n, "field": fld, "reason": reason,
                 "import_id": imp, "raw": _json(raw)} for s, f, n, fld, reason, imp, raw in conn.execute(stmt)]


def record_counts(workspace: Workspace) -> dict[str, int]:
    """Totals for summaries: current records, all versions, quarantined rows, sources, imports."""
    engine = get_engine(workspace.database_url)
    r, q = Record.__table__, QuarantinedRow.__table__
    with engine.connect() as conn:
        return {
            "sources": conn.execute(select(func.count()).select_from(Source.__table__)).scalar_one(),
            "records": conn.execute(select(func.count()).select_from(r).where(r.c.is_current.is_(True)))
            .scalar_one(),
            "versions": conn.execute(select(func.count()).select_from(r)).scalar_one(),
            "quarantined": conn.execute(select(func.count()).select_from(q)).scalar_one(),
            "imports": conn.execute(select(func.count()).select_from(ImportBatch.__table__)
                                    .where(ImportBatch.__table__.c.finished_at.is_not(None))).scalar_one(),
        }
