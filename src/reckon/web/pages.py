"""Server-rendered pages. Each route parses its input, calls a service function and renders a template:
no business logic here. Reads that show personal data, every change and every export are audited."""

from __future__ import annotations

import re
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from reckon.errors import ReckonError
from reckon.ingest.service import import_file
from reckon.report import dashboard
from reckon.services.persons import RECORD_FIELDS
from reckon.store.db import session_scope
from reckon.web import accounts, jobs, services
from reckon.web.app import actor, audit_read, clean_uploads, redirect, render
from reckon.web.security import client_address, guard, session_data, set_session


def start_link_job(request: Request) -> int:
    """Run linkage on the app's workspace as a background job (pages and API alike), as the web user."""
    from reckon.link import run_link

    ws, url, who = request.app.state.workspace, request.app.state.url, actor(request)
    return jobs.start(url, "link", who, {}, lambda progress: run_link(ws, actor=who, progress=progress))


def start_estimate_job(request: Request, *, force: bool) -> int:
    """Estimate on the app's workspace as a background job; stored with the web user as its actor."""
    from reckon.services.estimate import estimate_workspace

    ws, url, who = request.app.state.workspace, request.app.state.url, actor(request)
    return jobs.start(url, "estimate", who, {"force": force},
                      lambda progress: estimate_workspace(ws, actor=who, progress=progress, origin="web",
                                                          force=force))


router = APIRouter(include_in_schema=False, dependencies=[Depends(guard)])
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ALLOWED_EXT = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".json", ".ndjson", ".jsonl"}
MAX_UPLOAD = 512 * 1024 * 1024
UPLOAD_KEEP_S = 3600  # a previewed upload neither imported nor cancelled is deleted after an hour
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: larger ones are simply not found
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
FormId = Annotated[int, Form(ge=1, le=MAX_ID)]


# --- dashboard, login ----------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request, as_of: date | None = None):
    ws = request.app.state.workspace
    with session_scope(request.app.state.url) as s:
        view = dashboard.build(ws, s, public=request.app.state.public, as_of=as_of)
    recent = [] if request.app.state.public else jobs.recent(request.app.state.url, 5)
    return render(request, "dashboard.html", view=view, jobs=recent)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return render(request, "login.html", next=_safe_next(next), error=None)


def _safe_next(target: str) -> str:
    """Only local paths: never redirect to another site after login."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
                 next: Annotated[str, Form()] = "/", code: Annotated[str, Form()] = ""):
    try:
        result = accounts.login(request.app.state.url, username, password, client_address(request), code=code,
                                totp_roles=request.app.state.totp_roles)
    except accounts.RateLimited as exc:
        return render(request, "login.html", status_code=429, next=_safe_next(next), error=str(exc))
    except accounts.SecondFactorNeeded as exc:
        return render(request, "login.html", status_code=401, next=_safe_next(next), error=str(exc), ask_code=True)
    if result is None:
        return render(request, "login.html", status_code=401, next=_safe_next(next),
                      error="wrong user name, password or code", ask_code=bool(code))
    _who, sid = result
    response = redirect(_safe_next(next))
    # A new CSRF token with the new session: nothing from before the login carries over.
    set_session(response, request, {"s": sid, "c": secrets.token_urlsafe(24)})
    return response


@router.post("/logout")
def logout(request: Request):
    sid = session_data(request).get("s")
    if isinstance(sid, str):
        accounts.logout(request.app.state.url, sid)  # ended on the server: a copied cookie is worthless
    response = redirect("/login")
    set_session(response, request, {"c": secrets.token_urlsafe(24)})
    return response


@router.post("/logout/everywhere")
def logout_everywhere(request: Request):
    """End every session of this user on every device (e.g. after losing a laptop)."""
    who = request.state.principal
    accounts.logout_everywhere(request.app.state.url, who.user_id)
    response = redirect("/login")
    set_session(response, request, {"c": secrets.token_urlsafe(24)})
    return response


# --- sources and imports -------------------------------------------------------------------------------

@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    from reckon.ingest.records import list_sources

    return render(request, "sources.html", sources=list_sources(request.app.state.workspace))


@router.get("/sources/{source_id}", response_class=HTMLResponse)
def source_page(request: Request, source_id: Id):
    with session_scope(request.app.state.url) as s:
        src = services.source_detail(s, source_id)
    if src is None:
        raise HTTPException(404, "no such source")
    return render(request, "source.html", source=src)


@router.get("/imports/new", response_class=HTMLResponse)
def import_form(request: Request):
    return render(request, "import_new.html", error=None)


def _save_upload(request: Request, upload: UploadFile) -> tuple[str, Path]:
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
                _discard(path)
                raise HTTPException(413, "file too large for the web upload; use `reckon import`")
            out.write(chunk)
    path.chmod(0o600)
    return upload_id, path


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass


def _upload_path(request: Request, upload_id: str) -> Path:
    if not UPLOAD_ID.match(upload_id):
        raise HTTPException(400, "bad upload id")
    folder = request.app.state.uploads / upload_id
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    if not files:
        raise HTTPException(404, "the uploaded file is gone; upload it again")
    return files[0]


@router.post("/imports/preview", response_class=HTMLResponse)
def import_preview(request: Request, file: Annotated[UploadFile, File()], source: Annotated[str, Form()]):
    source = source.strip()
    if not source:
        raise HTTPException(400, "name the source the list comes from")
    clean_uploads(request.app.state.uploads, UPLOAD_KEEP_S)  # previews never confirmed or cancelled
    upload_id, path = _save_upload(request, file)
    try:
        report = jobs.plain(import_file(request.app.state.workspace, path, source, dry_run=True,
                                        actor=actor(request)))
    except Exception as exc:
        _discard(path)
        return render(request, "import_new.html", status_code=400, error=str(exc))
    audit_read(request, "import.preview", "upload", [], file_name=file.filename, source=source)
    return render(request, "import_preview.html", report=report, upload_id=upload_id, source=source,
                  file_name=file.filename)


@router.post("/imports/cancel")
def import_cancel(request: Request, upload_id: Annotated[str, Form()]):
    """The user changed their mind after the preview: the uploaded file is deleted now."""
    try:
        _discard(_upload_path(request, upload_id))
    except HTTPException:
        pass  # gone already
    return redirect("/imports/new")


@router.post("/imports")
def import_start(request: Request, upload_id: Annotated[str, Form()], source: Annotated[str, Form()],
                 file_name: Annotated[str, Form()] = ""):
    path = _upload_path(request, upload_id)
    job_id = start_import(request, path, source.strip(), file_name)
    return redirect(f"/jobs/{job_id}")


def start_import(request: Request, path: Path, source: str, file_name: str) -> int:
    """An import job, then the search index for the new records (both in the background)."""
    ws, url, who = request.app.state.workspace, request.app.state.url, actor(request)

    def work(progress):
        from reckon.web import search

        try:
            result = import_file(ws, path, source, actor=who, progress=progress)
        finally:
            _discard(path)
        search.build(url)
        # The job's result is readable by viewers: keep the counts, never the preview rows of a report.
        summary = getattr(result, "summary", None)
        return summary() if callable(summary) else result

    try:
        return jobs.start(url, "import", who, {"source": source, "file_name": file_name}, work)
    except BaseException:  # refused (busy, too many jobs): the file goes now, not in an hour
        _discard(path)
        raise


@router.get("/imports/{import_id}", response_class=HTMLResponse)
def import_page(request: Request, import_id: Id):
    with session_scope(request.app.state.url) as s:
        batch = services.import_detail(s, import_id)
    if batch is None:
        raise HTTPException(404, "no such import")
    audit_read(request, "read.quarantine", "quarantined_row", [q["id"] for q in batch["quarantine"]],
               import_id=import_id)
    return render(request, "import.html", batch=batch)


# --- persons and records -------------------------------------------------------------------------------

@router.get("/persons", response_class=HTMLResponse)
def persons_page(request: Request, q: Annotated[str, Query(max_length=200)] = ""):
    from reckon.web import search

    results: list[dict] = []
    if q.strip():
        with session_scope(request.app.state.url) as s:
            results = services.search_records(s, q)
        audit_read(request, "read.search", "record", [r["id"] for r in results], query_words=len(q.split()))
    todo, total = search.pending(request.app.state.url)
    return render(request, "persons.html", q=q, results=results, index_todo=todo, index_total=total)


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: Id):
    from reckon.histories import corrections
    from reckon.histories.service import ensure_fresh, history
    from reckon.services.persons import person as person_detail

    url = request.app.state.url
    try:
        person = person_detail(url, person_id)
    except ReckonError as exc:  # no such person
        raise HTTPException(404, str(exc)) from None
    ensure_fresh(url)  # the timeline is derived from the records as they are now
    timeline = history(url, person_id)
    audit_read(request, "read.person", "record", [r["id"] for r in person["records"]], person_id=person_id)
    sources = {r["id"]: r["source"] for r in person["records"]}
    return render(request, "person.html", person=person, timeline=timeline, sources=sources,
                  corrections=corrections.corrections(request.app.state.url, person_id),
                  correctable=corrections.FIELDS)


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: Id):
    with session_scope(request.app.state.url) as s:
        record = services.record_detail(s, record_id)
    if record is None:
        raise HTTPException(404, "no such record")
    audit_read(request, "read.record", "record", [record_id])
    return render(request, "record.html", record=record)


# --- linkage review ------------------------------------------------------------------------------------

def review_item(request: Request) -> dict:
    """The next pair to review with both records and the explanation, or why there is none (no linkage
    run yet). The read is audited by the caller, with the web user as its actor."""
    from reckon.link import next_review_item

    try:
        item = jobs.plain(next_review_item(request.app.state.workspace))
    except ReckonError as exc:  # "nothing to review yet: run `reckon link` first"
        return {"state": "unavailable", "reason": str(exc)}
    if not item:
        return {"state": "empty"}
    with session_scope(request.app.state.url) as s:
        rec_a = services.record_detail(s, int(item["record_a"]))
        rec_b = services.record_detail(s, int(item["record_b"]))
    return {"state": "pair", "item": item, "a": rec_a, "b": rec_b, "explanation": item["explanation"]}


def decide(request: Request, record_a: int, record_b: int, decision: str, note: str | None) -> dict:
    """Store a review decision as the web user (pages and API alike) and audit it; 400 on a bad pair."""
    from reckon.link import decide as link_decide

    try:
        out = link_decide(request.app.state.workspace, (record_a, record_b), decision, actor=actor(request),
                          note=note)
    except ReckonError as exc:
        raise HTTPException(400, str(exc)) from None
    audit_read(request, "review.decide.web", "record", [record_a, record_b], decision=decision)
    return out


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request):
    view = review_item(request)
    if view["state"] == "pair":
        audit_read(request, "read.review", "record", [r["id"] for r in (view["a"], view["b"]) if r])
    return render(request, "review.html", view=view, fields=RECORD_FIELDS)


@router.post("/review/decide")
def review_decide(request: Request, record_a: FormId, record_b: FormId,
                  decision: Annotated[str, Form()], note: Annotated[str, Form()] = ""):
    if decision not in ("same", "different", "unsure"):
        raise HTTPException(400, "decision must be same, different or unsure")
    decide(request, record_a, record_b, decision, note or None)
    return redirect("/review")


@router.post("/link/run")
def link_run(request: Request):
    return redirect(f"/jobs/{start_link_job(request)}")


# --- estimates, officials, articles --------------------------------------------------------------------

@router.get("/estimates", response_class=HTMLResponse)
def estimates_page(request: Request):
    from reckon.services.estimate import list_estimates

    return render(request, "estimates.html", estimates=list_estimates(request.app.state.workspace))


@router.post("/estimates/run")
def estimates_run(request: Request, force: Annotated[bool, Form()] = False):
    return redirect(f"/jobs/{start_estimate_job(request, force=force)}")  # the estimate is stored


@router.get("/officials", response_class=HTMLResponse)
def officials_page(request: Request):
    matrix = officials_matrix(request)
    return render(request, "officials.html", matrix=matrix)


def officials_matrix(request: Request) -> dict | None:
    """Officials × jurisdictions ({"columns", "rows"}; None when no official is stored), the read audited."""
    from reckon.sanctions.views import sanctions_matrix

    columns, rows = sanctions_matrix(request.app.state.workspace)
    if not rows:
        return None
    audit_read(request, "read.officials", "official", [r["id"] for r in rows])
    return {"columns": columns, "rows": rows}


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request):
    from reckon.news.service import list_articles

    return render(request, "articles.html", articles=list_articles(request.app.state.workspace) or None)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Id):
    from reckon.news.service import article_facts
    from reckon.store.news import article_spans
    from reckon.web.highlight import highlight

    ws = request.app.state.workspace
    art = jobs.plain(article_facts(ws, article_id))
    if not art:
        raise HTTPException(404, "no such article")
    with session_scope(request.app.state.url) as s:
        art.update(article_spans(s, article_id))  # the text, and each fact with the span it was found at
    facts = art["facts"]
    audit_read(request, "read.article", "article", [article_id])
    return render(request, "article.html", article=art, facts=facts,
                  marked=highlight(str(art.get("text") or ""), facts))


# --- jobs, audit, users, export, report ----------------------------------------------------------------

@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: Id):
    job = jobs.status(request.app.state.url, job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    return render(request, "job.html", job=job)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, action: Annotated[str | None, Query(max_length=100)] = None):
    with session_scope(request.app.state.url) as s:
        events = services.audit_log(s, action=action)
    return render(request, "audit.html", events=events, action=action)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request):
    return render(request, "users.html", users=accounts.list_users(request.app.state.url))


@router.get("/export/records.csv")
def export_records(request: Request):
    ws = request.app.state.workspace

    def body():
        total = []
        for chunk, ids in services.export_records_csv(ws):
            total.extend(ids)
            yield chunk
        audit_read(request, "export.records", "record", total, format="csv")

    return StreamingResponse(body(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="records.csv"'})


def _report(request: Request, public: bool) -> Response:
    from reckon.report.build import render_html

    html = render_html(request.app.state.workspace, public=public)
    audit_read(request, "export.report", "report", [], public=public)
    name = "report-public.html" if public else "report.html"
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/report")
def report_full(request: Request):
    return _report(request, public=False)


@router.get("/report/public")
def report_public(request: Request):
    return _report(request, public=True)
