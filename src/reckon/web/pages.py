"""Server-rendered pages. Each route parses its input, calls a service function and renders a template:
no business logic here. Reads that show personal data, every change and every export are audited."""

from __future__ import annotations

import logging
import secrets
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from reckon import i18n
from reckon.decisions import DECISIONS
from reckon.errors import ReckonError
from reckon.i18n import N_, day, gettext, label
from reckon.ingest.service import import_file
from reckon.jsonable import jsonable
from reckon.services import accounts, dashboard
from reckon.services.persons import RECORD_FIELDS
from reckon.services.report import report_data
from reckon.store.db import session_scope
from reckon.web import jobs, language, services
from reckon.web.actions import (
    UPLOAD_KEEP_S,
    clean_uploads,
    decide,
    discard,
    officials_matrix,
    read_import,
    read_record,
    review_conflicts,
    review_item,
    save_upload,
    search_persons,
    start_estimate_job,
    start_import,
    start_link_job,
    upload_path,
)
from reckon.web.deps import (
    HERE,
    MAX_ID,
    FormId,
    Id,
    actor,
    audit_read,
    redirect,
    render,
    said_error,
    templates,
)
from reckon.web.security import client_address, guard, session_data, set_session

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False, dependencies=[Depends(guard)])


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
        return render(request, "login.html", status_code=429, next=_safe_next(next), error=said_error(exc))
    except accounts.SecondFactorNeeded as exc:
        return render(request, "login.html", status_code=401, next=_safe_next(next), error=said_error(exc),
                      ask_code=True)
    if result is None:
        return render(request, "login.html", status_code=401, next=_safe_next(next),
                      error=gettext("wrong user name, password or code"), ask_code=bool(code))
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
        raise HTTPException(404, N_("no such source"))
    return render(request, "source.html", source=src)


@router.get("/imports/new", response_class=HTMLResponse)
def import_form(request: Request):
    return render(request, "import_new.html", error=None)


@router.post("/imports/preview", response_class=HTMLResponse)
def import_preview(request: Request, file: Annotated[UploadFile, File()], source: Annotated[str, Form()]):
    source = source.strip()
    if not source:
        raise HTTPException(400, N_("name the source the list comes from"))
    clean_uploads(request.app.state.uploads, UPLOAD_KEEP_S)  # previews never confirmed or cancelled
    upload_id, path = save_upload(request, file)
    try:
        report = jsonable(import_file(request.app.state.workspace, path, source, dry_run=True,
                                      actor=actor(request)))
    except ReckonError as exc:   # bad input or a bad mapping: file, row and field in the page's language
        discard(path)
        return render(request, "import_new.html", status_code=400, error=said_error(exc))
    except Exception as exc:  # a reader's own exception may quote a cell: its kind only (the log has the rest)
        discard(path)
        log.error("import preview failed: %s", type(exc).__name__)   # never its message: it may quote a cell
        return render(request, "import_new.html", status_code=400,
                      error=gettext(N_("the file could not be read (%(kind)s)")) % {"kind": type(exc).__name__})
    audit_read(request, "import.preview", "upload", [], file_name=file.filename, source=source)
    return render(request, "import_preview.html", report=report, upload_id=upload_id, source=source,
                  file_name=file.filename)


@router.post("/imports/cancel")
def import_cancel(request: Request, upload_id: Annotated[str, Form()]):
    """The user changed their mind after the preview: the uploaded file is deleted now."""
    try:
        discard(upload_path(request, upload_id))
    except HTTPException:
        pass  # gone already
    return redirect("/imports/new")


@router.post("/imports")
def import_start(request: Request, upload_id: Annotated[str, Form()], source: Annotated[str, Form()],
                 file_name: Annotated[str, Form()] = ""):
    path = upload_path(request, upload_id)
    job_id = start_import(request, path, source.strip(), file_name)
    return redirect(f"/jobs/{job_id}")


@router.get("/imports/{import_id}", response_class=HTMLResponse)
def import_page(request: Request, import_id: Id):
    return render(request, "import.html", batch=read_import(request, import_id))


# --- persons and records -------------------------------------------------------------------------------

@router.get("/persons", response_class=HTMLResponse)
def persons_page(request: Request, q: Annotated[str, Query(max_length=200)] = ""):
    from reckon.web import search

    results: list[dict] = []
    if q.strip():
        results = search_persons(request, q)
    todo, total = search.pending(request.app.state.url)
    return render(request, "persons.html", q=q, results=results, index_todo=todo, index_total=total)


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: Id):
    from reckon.histories import corrections
    from reckon.histories.service import history
    from reckon.services import summary
    from reckon.services.persons import person as person_detail

    url = request.app.state.url
    try:
        person = person_detail(url, person_id)
    except ReckonError:  # no such person
        raise HTTPException(404, N_("no such person (linkage may not have run yet)")) from None
    summary.fresh_histories(url)  # the timeline is derived from the records as they are now
    with session_scope(url) as s:
        timeline = history(s, person_id)
    audit_read(request, "read.person", "record", [r["id"] for r in person["records"]], person_id=person_id)
    sources = {r["id"]: r["source"] for r in person["records"]}
    return render(request, "person.html", person=person, timeline=timeline, sources=sources,
                  corrections=corrections.corrections(request.app.state.url, person_id),
                  correctable=corrections.FIELDS)


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: Id):
    return render(request, "record.html", record=read_record(request, record_id))


# --- linkage review ------------------------------------------------------------------------------------

@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request):
    view = review_item(request)
    if view["state"] == "pair":
        audit_read(request, "read.review", "record", [r["id"] for r in (view["a"], view["b"]) if r])
    return render(request, "review.html", view=view, fields=RECORD_FIELDS)


@router.get("/review/conflicts", response_class=HTMLResponse)
def review_conflicts_page(request: Request):
    """Two editors who decided the same pair differently: each conflict beside the decision in force, with
    the buttons that settle it (a new decision, taken knowing the one in force)."""
    return render(request, "review_conflicts.html", conflicts=review_conflicts(request))


@router.post("/review/decide")
def review_decide(request: Request, record_a: FormId, record_b: FormId,
                  decision: Annotated[str, Form()], note: Annotated[str, Form()] = "",
                  seen: Annotated[int | None, Form(ge=0, le=MAX_ID)] = None,
                  back: Annotated[str, Form(max_length=20)] = ""):
    if decision not in DECISIONS:
        raise HTTPException(400, N_("the decision must be same, different or unsure"))
    out = jsonable(decide(request, record_a, record_b, decision, note or None, seen=seen))
    if isinstance(out, dict) and out.get("conflict"):
        other = out["in_force"]
        return render(request, "error.html", status_code=409, status=409, detail=gettext(
            "%(actor)s decided this pair \"%(theirs)s\" at %(at)s, after you opened it. Your decision "
            "\"%(yours)s\" is kept as a conflict and not applied; look at the pair again.") % {
                "actor": other["actor"], "theirs": label(other["decision"]), "at": day(other["decided_at"]),
                "yours": label(decision)})
    return redirect("/review/conflicts" if back == "conflicts" else "/review")


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
    art = jsonable(article_facts(ws, article_id))
    if not art:
        raise HTTPException(404, N_("no such article"))
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
        raise HTTPException(404, N_("no such job"))
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
    # The same data and template as `reckon report` (reckon.services.report), rendered here: the web app
    # and the report are entry points side by side, neither imports the other.
    with i18n.use(language.current(request)) as chosen:
        data = report_data(request.app.state.workspace, public=public)
        html = templates.get_template("report.html").render(
            css=(HERE / "static" / "app.css").read_text(encoding="utf-8"), lang=chosen, **data)
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


# --- language ------------------------------------------------------------------------------------------

def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.post("/language")
def choose_language(request: Request, lang: Annotated[str, Form(max_length=8)],
                    next: Annotated[str, Form(max_length=2000)] = "/"):
    """Keep the choice: on the account of a logged-in user, else in a cookie of this browser. A code reckon
    does not speak (only a hand-made request sends one) changes nothing: the pages stay in their language."""
    from reckon.store.preferences import set_user_language

    chosen = i18n.normalise(lang)
    who = getattr(request.state, "principal", None)
    response = redirect(_safe_next(next))
    if chosen is None:
        return response
    if who is not None and who.via == "session":
        set_user_language(request.app.state.url, who.user_id, chosen)
        session_data(request)[language.SESSION_KEY] = chosen
        request.state.session_dirty = True
    response.set_cookie(language.COOKIE, chosen, max_age=365 * 86400, httponly=True, samesite="strict", path="/")
    return response
