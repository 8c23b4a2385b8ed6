"""Read services of the web app over the register: sources, imports, records, persons, audit log.

Routes call these and render what they return; each function that returns personal data also returns the
ids it showed, so the caller can write them to the audit log. (When reckon.ingest's query helpers
settle, the register reads here can move there; the shapes returned stay the same.)
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reckon import cells
from reckon.store.models import AuditEvent, ImportBatch, Person, QuarantinedRow, Record, Source
from reckon.store.rawblocks import raw_of
from reckon.web import search

RECORD_FIELDS = ("full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date", "region",
                 "locality", "detention_date", "release_date", "status", "articles", "sentence",
                 "place_of_detention", "external_id")


# Facts imports keep by name in Record.extra that a person page compares across sources (and corrections set).
EXTRA_SAID = ("judge", "court", "court_date", "verdict_date", "appeal_date", "lawyer", "prosecutor",
              "recognition_date", "death_date", "release_how")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def record_dict(r: Record, source_name: str | None = None, *, raw: Session | None = None) -> dict:
    """A record as the API shows it; with ``raw`` (the session to read it with), its raw row and extra."""
    out = {"id": r.id, "source_id": r.source_id, "source": source_name, "version": r.version,
           "is_current": r.is_current, "file_name": r.file_name, "row_number": r.row_number,
           "person_id": r.person_id, "import_id": r.import_id}
    out.update({f: getattr(r, f) for f in RECORD_FIELDS})
    if raw is not None:
        out["raw"] = raw_of(raw, [(r.raw, r.raw_block_id, r.raw_offset)])[0]
        out["extra"] = r.extra
    return out


def sources(s: Session) -> list[dict]:
    counts = dict(s.execute(select(Record.source_id, func.count()).where(Record.is_current.is_(True))
                            .group_by(Record.source_id)).all())
    quarantined = dict(s.execute(select(QuarantinedRow.source_id, func.count())
                                 .group_by(QuarantinedRow.source_id)).all())
    return [
        {"id": src.id, "name": src.name, "organisation": src.organisation, "kind": src.kind,
         "description": src.description, "records": counts.get(src.id, 0),
         "quarantined": quarantined.get(src.id, 0), "created_at": _iso(src.created_at)}
        for src in s.execute(select(Source).order_by(Source.name)).scalars()
    ]


def import_dict(b: ImportBatch) -> dict:
    return {"id": b.id, "source_id": b.source_id, "file_name": b.file_name, "file_format": b.file_format,
            "file_sha256": b.file_sha256, "actor": b.actor, "started_at": _iso(b.started_at),
            "finished_at": _iso(b.finished_at), "rows_read": b.rows_read, "rows_new": b.rows_new,
            "rows_changed": b.rows_changed, "rows_unchanged": b.rows_unchanged,
            "rows_quarantined": b.rows_quarantined, "mapping": b.mapping}


def source_detail(s: Session, source_id: int) -> dict | None:
    src = s.get(Source, source_id)
    if src is None:
        return None
    batches = s.execute(select(ImportBatch).where(ImportBatch.source_id == source_id)
                        .order_by(ImportBatch.id.desc())).scalars().all()
    return {"id": src.id, "name": src.name, "organisation": src.organisation, "kind": src.kind,
            "description": src.description, "imports": [import_dict(b) for b in batches]}


def import_detail(s: Session, import_id: int, limit: int = 500) -> dict | None:
    """One import with its quarantined rows (raw rows: personal data, audited by the caller)."""
    b = s.get(ImportBatch, import_id)
    if b is None:
        return None
    rows = s.execute(select(QuarantinedRow).where(QuarantinedRow.import_id == import_id)
                     .order_by(QuarantinedRow.row_number).limit(limit)).scalars().all()
    out = import_dict(b)
    out["source"] = s.get(Source, b.source_id).name
    out["quarantine"] = [{"id": q.id, "row_number": q.row_number, "field": q.field, "reason": q.reason,
                          "raw": q.raw} for q in rows]
    return out


def record_detail(s: Session, record_id: int) -> dict | None:
    r = s.get(Record, record_id)
    if r is None:
        return None
    out = record_dict(r, s.get(Source, r.source_id).name, raw=s)
    out["versions"] = [
        {"id": v.id, "version": v.version, "is_current": v.is_current, "import_id": v.import_id}
        for v in s.execute(select(Record).where(Record.source_id == r.source_id, Record.identity == r.identity)
                           .order_by(Record.version)).scalars()
    ]
    return out


def search_records(s: Session, query: str, limit: int = 50) -> list[dict]:
    ids = search.search(s, query, limit=limit)
    if not ids:
        return []
    names = dict(s.execute(select(Source.id, Source.name)).all())
    # Primary-key lookups, sorted here: an ORDER BY person_id would let SQLite walk that whole index.
    rows = sorted(s.execute(select(Record).where(Record.id.in_(ids))).scalars(),
                  key=lambda r: (r.person_id is None, r.person_id or 0, r.id))
    return [record_dict(r, names.get(r.source_id)) for r in rows]


def person_detail(s: Session, person_id: int) -> dict | None:
    """A person with every current record, all spellings and which source said what, field by field."""
    p = s.get(Person, person_id)
    if p is None:
        return None
    names = dict(s.execute(select(Source.id, Source.name)).all())
    records = s.execute(select(Record).where(Record.person_id == person_id, Record.is_current.is_(True))
                        .order_by(Record.source_id, Record.id)).scalars().all()
    recs = [record_dict(r, names.get(r.source_id)) for r in records]
    extras = [{k: (r.extra or {}).get(k) for k in EXTRA_SAID} for r in records]
    said: dict[str, list[dict]] = {}
    for f in (*RECORD_FIELDS, *EXTRA_SAID):
        values: dict[str, list[str]] = {}
        for r, ex in zip(recs, extras, strict=True):
            v = r.get(f) if f in r else ex.get(f)
            if v in (None, "", []):
                continue
            text = " | ".join(map(str, v)) if isinstance(v, list) else str(v)
            values.setdefault(text, []).append(f"{r['source']} #{r['id']}")
        if values:
            said[f] = [{"value": k, "sources": v} for k, v in values.items()]
    spellings = sorted({r["full_name"] for r in recs if r.get("full_name")})
    return {"id": p.id, "display_name": p.display_name or (spellings[0] if spellings else f"person {p.id}"),
            "records": recs, "spellings": spellings, "fields": said,
            "sources": sorted({r["source"] for r in recs if r["source"]})}


def audit_log(s: Session, limit: int = 200, action: str | None = None) -> list[dict]:
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        q = q.where(AuditEvent.action == action)
    return [{"id": e.id, "at": _iso(e.at), "actor": e.actor, "action": e.action, "target_type": e.target_type,
             "target_ids": e.target_ids, "details": e.details} for e in s.execute(q).scalars()]


def export_records_csv(s: Session) -> Iterator[tuple[str, list[int]]]:
    """CSV chunks of every current record with provenance, each with the ids it contains (for the audit)."""
    names = dict(s.execute(select(Source.id, Source.name)).all())
    cols = ["record_id", "source", "external_id", "file_name", "row_number", "person_id", *RECORD_FIELDS[:-1]]
    buf = io.StringIO()
    writer = cells.writer(buf)
    writer.writerow(cols)
    last = 0
    while True:
        rows = s.execute(select(Record).where(Record.is_current.is_(True), Record.id > last)
                         .order_by(Record.id).limit(5000)).scalars().all()
        if not rows:
            break
        ids = []
        for r in rows:
            d = record_dict(r, names.get(r.source_id))
            writer.writerow([r.id, d["source"], r.external_id, r.file_name, r.row_number, r.person_id,
                             *[(" | ".join(map(str, d[f])) if isinstance(d[f], list) else d[f])
                               for f in RECORD_FIELDS[:-1]]])
            ids.append(r.id)
        last = rows[-1].id
        yield buf.getvalue(), ids
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():
        yield buf.getvalue(), []
