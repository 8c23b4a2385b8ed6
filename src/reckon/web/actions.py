"""Actions that pages and the API share: starting linkage or estimation as a job, reading an import or a
record and searching records (audited), keeping an upload, starting an import, the next pair to review and a decision on it, the officials' matrix. Each calls its
stage's service directly, as the web user. Both routers call these; neither imports the other.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from fastapi import HTTPException, Request, UploadFile

from reckon.errors import ReckonError
from reckon.i18n import N_
from reckon.jsonable import jsonable
from reckon.store.db import session_scope
from reckon.web import jobs, services
from reckon.web.deps import actor, audit_read

UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ALLOWED_EXT = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".json", ".ndjson", ".jsonl"}
MAX_UPLOAD = 512 * 1024 * 1024
UPLOAD_KEEP_S = 3600  # a previewed upload neither imported nor cancelled is deleted after an hour


def start_link_job(request: Request) -> int:
    """Linkage on the app's workspace as a background job (pages and API alike), as the web user; a worker
    runs it (web.worker)."""
    return jobs.start(request.app.state.url, "link", actor(request), {})


def start_estimate_job(request: Request, *, force: bool) -> int:
    """An estimate on the app's workspace as a background job, stored with the web user as its actor."""
    return jobs.start(request.app.state.url, "estimate", actor(request), {"force": force})


def read_import(request: Request, import_id: int) -> dict:
    """An import with its quarantined rows, for page and API alike; the read of those rows is audited."""
    with session_scope(request.app.state.url) as s:
        batch = services.import_detail(s, import_id)
    if batch is None:
        raise HTTPException(404, N_("no such import"))
    audit_read(request, "read.quarantine", "quarantined_row", [q["id"] for q in batch["quarantine"]],
               import_id=import_id)
    return batch


def read_record(request: Request, record_id: int) -> dict:
    """A record with its raw row and versions, for page and API alike; the read is audited."""
    with session_scope(request.app.state.url) as s:
        record = services.record_detail(s, record_id)
    if record is None:
        raise HTTPException(404, N_("no such record"))
    audit_read(request, "read.record", "record", [record_id])
    return record


def search_persons(request: Request, query: str, limit: int = 50) -> list[dict]:
    """Records whose names match every word of ``query`` in any spelling or script, for page and API
    alike; the read is audited in the transaction that read them (:func:`reckon.web.deps.audit_read`)."""
    with session_scope(request.app.state.url) as s:
        rows = services.search_records(s, query, limit=limit)
        audit_read(request, "read.search", "record", [r["id"] for r in rows], session=s,
                   query_words=len(query.split()))
    return rows


def save_upload(request: Request, upload: UploadFile) -> tuple[str, Path]:
    """Keep an upload in its own private folder under the workspace, under its own (sanitised) name,
    so records keep the file name the user knows. Returns (upload id, path)."""
    name = Path(upload.filename or "").name
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_EXT:
        raise HTTPException(400, f"unsupported file type {ext or '(none)'}; upload CSV, TSV, XLSX, XLS, JSON or NDJSON")
    safe = re.sub(r"[^\w.() -]", "_", name)[:150] or f"upload{ext}"
    root: Path = request.app.state.uploads
    root.mkdir(mode=0o700, exist_ok=True)
    upload_id = secrets.token_urlsafe(18)
    folder = root / upload_id
    folder.mkdir(mode=0o700)
    path = folder / safe
    size = 0
    with open(path, "wb") as out:
        while chunk := upload.file.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                out.close()
                discard(path)
                raise HTTPException(413, N_("file too large for the web upload; use `reckon import`"))
            out.write(chunk)
    path.chmod(0o600)
    return upload_id, path


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass


def upload_path(request: Request, upload_id: str) -> Path:
    if not UPLOAD_ID.match(upload_id):
        raise HTTPException(400, N_("bad upload id"))
    folder = request.app.state.uploads / upload_id
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    if not files:
        raise HTTPException(404, N_("the uploaded file is gone; upload it again"))
    return files[0]


def clean_uploads(folder: Path, max_age_s: float = 3600) -> None:
    """Uploads previewed but never imported nor cancelled are deleted after an hour (personal data)."""
    import shutil
    import time

    if not folder.is_dir():
        return
    now = time.time()
    for entry in folder.iterdir():
        try:
            if now - entry.stat().st_mtime > max_age_s:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        except OSError:
            pass


def start_import(request: Request, path: Path, source: str, file_name: str) -> int:
    """An import job, then the search index for the new records (run by a worker: web.worker)."""
    upload = path.relative_to(request.app.state.uploads).as_posix()
    try:
        return jobs.start(request.app.state.url, "import", actor(request),
                          {"source": source, "file_name": file_name, "_upload": upload})
    except BaseException:  # refused (busy, too many jobs): the file goes now, not in an hour
        discard(path)
        raise


def review_item(request: Request) -> dict:
    """The next pair to review with both records and the explanation, or why there is none (no linkage
    run yet). The read is audited by the caller, with the web user as its actor."""
    from reckon.link import next_review_item

    try:
        item = jsonable(next_review_item(request.app.state.workspace))
    except ReckonError as exc:  # "nothing to review yet: run `reckon link` first"
        return {"state": "unavailable", "reason": str(exc)}
    if not item:
        return {"state": "empty"}
    with session_scope(request.app.state.url) as s:
        rec_a = services.record_detail(s, int(item["record_a"]))
        rec_b = services.record_detail(s, int(item["record_b"]))
    return {"state": "pair", "item": item, "a": rec_a, "b": rec_b, "explanation": item["explanation"]}


def review_conflicts(request: Request) -> list[dict]:
    """Decisions kept as conflicts and not settled since (``link.review.conflicts``), each with the decision
    in force on its pair; the read of the pairs' records is audited with the web user as its actor."""
    from reckon.link import conflicts

    found = jsonable(conflicts(request.app.state.workspace))
    ids = sorted({r for c in found for r in (c["record_a"], c["record_b"])})
    if ids:
        audit_read(request, "read.review.conflicts", "record", ids)
    return found


def decide(request: Request, record_a: int, record_b: int, decision: str, note: str | None,
           seen: int | None = None) -> dict:
    """Store a review decision as the web user (pages and API alike) and audit it; 400 on a bad pair.
    ``seen`` is the decision in force the editor was shown: a different one taken since makes this one a
    conflict, kept and shown but not applied (link.review.decide)."""
    from reckon.link import decide as link_decide

    try:
        out = link_decide(request.app.state.workspace, (record_a, record_b), decision, actor=actor(request),
                          note=note, seen=seen)
    except ReckonError:
        raise  # the app's handler: 400, the page in the reader's language, the API in English
    except (LookupError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from None
    audit_read(request, "review.decide.web", "record", [record_a, record_b], decision=decision)
    if not (isinstance(out, dict) and out.get("conflict")):   # persons changed: the dashboard's numbers follow
        from reckon.services import summary

        summary.refresh_soon(request.app.state.url)
    return out


def officials_matrix(request: Request) -> dict | None:
    """Officials × jurisdictions ({"columns", "rows"}; None when no official is stored), the read audited."""
    from reckon.sanctions.views import sanctions_matrix

    columns, rows = sanctions_matrix(request.app.state.workspace)
    if not rows:
        return None
    audit_read(request, "read.officials", "official", [r["id"] for r in rows])
    return {"columns": columns, "rows": rows}
