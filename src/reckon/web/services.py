"""Read services of the web app over the register: a source's imports, an import's quarantine, records,
persons, the audit log, the records export.

Routes call these and render what they return; each function that returns personal data also returns the
ids it showed, so the caller can write them to the audit log. The queries are in :mod:`reckon.store.web`;
the list of sources and the export of records are the CLI's own (:mod:`reckon.ingest.records`), so the
columns and their meaning are the same everywhere.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from reckon import cells
from reckon.config import Workspace
from reckon.ingest.records import EXPORT_COLUMNS, iter_export_records
from reckon.services.persons import record_dict
from reckon.store import web as store
from reckon.store.models import ImportBatch
from reckon.store.records import import_notes, records_read
from reckon.web import search


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def import_dict(b: ImportBatch) -> dict:
    return {"id": b.id, "source_id": b.source_id, "file_name": b.file_name, "file_format": b.file_format,
            "file_sha256": b.file_sha256, "actor": b.actor, "started_at": _iso(b.started_at),
            "finished_at": _iso(b.finished_at), "rows_read": b.rows_read, "rows_new": b.rows_new,
            "rows_changed": b.rows_changed, "rows_unchanged": b.rows_unchanged,
            "rows_quarantined": b.rows_quarantined, "mapping": b.mapping}


def source_detail(s: Session, source_id: int) -> dict | None:
    found = store.source_imports(s, source_id)
    if found is None:
        return None
    src, batches = found
    notes = import_notes(s, [b.id for b in batches])
    return {"id": src.id, "name": src.name, "organisation": src.organisation, "kind": src.kind,
            "description": src.description, "imports": [import_dict(b) | {"warned": notes[b.id]["warned"]}
                                                         for b in batches]}


def import_detail(s: Session, import_id: int, limit: int = 500) -> dict | None:
    """One import with its quarantined rows (raw rows: personal data, audited by the caller)."""
    found = store.import_quarantine(s, import_id, limit)
    if found is None:
        return None
    b, source, rows = found
    out = import_dict(b)
    out["source"] = source
    out["quarantine"] = [{"id": q.id, "row_number": q.row_number, "field": q.field, "reason": q.reason,
                          "raw": q.raw} for q in rows]
    out.update(import_notes(s, [import_id])[import_id])   # warned, warnings (file, row, reason), encoding_note
    return out


def record_detail(s: Session, record_id: int) -> dict | None:
    """One record (any version) with its raw row and extra, and every version of its row."""
    found = records_read(s, ids=[record_id], include_old=True)
    if not found:
        return None
    rec = found[0]
    out = record_dict(rec)
    out["versions"] = [{"id": i, "version": v, "is_current": cur, "import_id": imp}
                       for i, v, cur, imp in store.record_versions(s, rec["source_id"], rec["identity"])]
    return out


def search_records(s: Session, query: str, limit: int = 50) -> list[dict]:
    """Records whose names match every word of ``query``, persons together (by person, then record id)."""
    ids = search.search(s, query, limit=limit)
    if not ids:
        return []
    rows = sorted(records_read(s, ids=ids, include_old=True, raw=False),
                  key=lambda r: (r["person_id"] is None, r["person_id"] or 0, r["id"]))
    return [record_dict(r) for r in rows]


def audit_log(s: Session, limit: int = 200, action: str | None = None) -> list[dict]:
    return [{"id": e.id, "at": _iso(e.at), "actor": e.actor, "action": e.action, "target_type": e.target_type,
             "target_ids": e.target_ids, "details": e.details} for e in store.audit_events(s, limit, action)]


def export_records_csv(workspace: Workspace, chunk: int = 5000) -> Iterator[tuple[str, list[int]]]:
    """CSV chunks of every current record with provenance, in the columns of ``reckon export records``,
    each chunk with the record ids it contains (for the audit)."""
    buf = io.StringIO()
    writer = cells.writer(buf)
    writer.writerow(EXPORT_COLUMNS)
    ids: list[int] = []
    for row in iter_export_records(workspace):
        writer.writerow([cells.csv_cell(row.get(c)) for c in EXPORT_COLUMNS])
        ids.append(row["record_id"])
        if len(ids) >= chunk:
            yield buf.getvalue(), ids
            buf.seek(0)
            buf.truncate()
            ids = []
    if buf.getvalue():
        yield buf.getvalue(), ids
