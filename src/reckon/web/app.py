"""The FastAPI application: server-rendered pages, the JSON API under /api, static assets, access control.

``create_app(workspace, public=...)`` is all a server (uvicorn) or a test needs. Every route goes through
:func:`reckon.web.security.guard` (an app-wide dependency), which applies the rule from
:mod:`reckon.web.access`; the app refuses to start if a route has no rule.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

import reckon
from reckon.config import Workspace
from reckon.errors import ReckonError
from reckon.store.audit import audit_apart
from reckon.store.db import session_scope
from reckon.web import jobs
from reckon.web.access import check_rules
from reckon.web.accounts import Principal
from reckon.web.limits import BodyLimit, TooManyJobs
from reckon.web.security import COOKIE, SessionCodec, csrf_token, is_api, load_secret, principal

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
templates = Jinja2Templates(directory=str(HERE / "templates"))

NAV = [
    ("/", "Dashboard", "viewer"),
    ("/sources", "Sources & imports", "viewer"),
    ("/persons", "Persons", "analyst"),
    ("/review", "Review", "editor"),
    ("/estimates", "Estimates", "viewer"),
    ("/officials", "Officials & sanctions", "viewer"),
    ("/judges", "Judges & courts", "viewer"),
    ("/articles", "Articles", "analyst"),
    ("/audit", "Audit log", "admin"),
    ("/users", "Users", "admin"),
]


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    """A page with the common context: who is logged in, their CSRF token, the navigation, the mode."""
    who: Principal | None = getattr(request.state, "principal", None)
    if not request.app.state.public and who is None and not hasattr(request.state, "principal"):
        try:
            who = principal(request)
        except Exception:
            who = None
    nav = [] if request.app.state.public else [(href, label) for href, label, role in NAV if who and who.can(role)]
    ctx.update(request=request, user=who, csrf=csrf_token(request), public=request.app.state.public, nav=nav,
               version=reckon.__version__, path=request.url.path)
    return templates.TemplateResponse(request, template, ctx, status_code=status_code)


def actor(request: Request) -> str:
    who: Principal | None = getattr(request.state, "principal", None)
    return who.actor if who else "web:anonymous"


def audit_read(request: Request, action: str, target_type: str, ids: list[int] | tuple[int, ...], **details: Any) -> None:
    """Log a read that showed personal data (who, when, what, which records), in its own transaction."""
    ids = list(ids)
    if len(ids) > MAX_AUDIT_IDS:  # a whole-register export: keep the ids as ranges, not a million numbers
        details["count"] = len(ids)
        ids = id_ranges(ids)
    audit_apart(request.app.state.url, action, actor=actor(request), target_type=target_type, target_ids=ids,
                path=request.url.path, **details)  # never waits on an import's write lock


MAX_AUDIT_IDS = 10_000


def id_ranges(ids: list[int]) -> list[list[int]]:
    """[1, 2, 3, 7, 9, 10] -> [[1, 3], [7, 7], [9, 10]]: which records, compactly."""
    out: list[list[int]] = []
    for i in sorted(set(ids)):
        if out and i == out[-1][1] + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


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


def web_settings(workspace: Workspace, trusted_proxies: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """The ``[web]`` table of reckon.toml: who must use a second factor, the idle timeout, trusted proxies."""
    from datetime import timedelta

    from reckon.config import settings

    cfg = settings(workspace, "web")
    roles = cfg.get("require_totp", False)
    roles = ("admin", "editor") if roles is True else tuple(roles) if isinstance(roles, list) else ()
    return {"totp_roles": roles,
            "idle_timeout": timedelta(minutes=float(cfg.get("idle_minutes", 30))),
            "trusted_proxies": frozenset([*cfg.get("trusted_proxies", []), *trusted_proxies])}


def create_app(workspace: Workspace, *, public: bool = False, start_indexer: bool = True,
               trusted_proxies: list[str] | tuple[str, ...] = ()) -> FastAPI:
    app = FastAPI(
        title="reckon", version=reckon.__version__,
        description="Register, linkage, estimates, reported figures and sanctions of political persecution. "
                    "Authenticate with a session cookie (browser) or `Authorization: Bearer <token>` "
                    "(`reckon users token add NAME`).",
        openapi_url=None, docs_url=None, redoc_url=None,
    )
    app.state.workspace = workspace
    app.state.url = workspace.database_url
    app.state.public = public
    app.state.codec = SessionCodec(load_secret(workspace.database_url, workspace.root))
    app.state.uploads = workspace.root / "uploads"
    for key, value in web_settings(workspace, trusted_proxies).items():
        setattr(app.state, key, value)

    from reckon.web import api, cases, pages

    # The routers' routes are added as they are (each router carries the guard dependency), rather than
    # through include_router, whose internals differ between FastAPI versions.
    app.router.routes.extend([*pages.router.routes, *cases.router.routes, *api.router.routes])
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    check_rules(app.router.routes)
    app.add_middleware(BodyLimit, url=workspace.database_url, public=public)

    @app.middleware("http")
    async def headers_and_session(request: Request, call_next):
        response = await call_next(request)
        if getattr(request.state, "session_dirty", False) and COOKIE not in response.headers.get("set-cookie", ""):
            from reckon.web.security import set_session

            set_session(response, request, request.state.session)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'")
        if not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if exc.status_code in (301, 302, 303, 307) and headers and "Location" in headers:
            return RedirectResponse(headers["Location"], status_code=exc.status_code)
        if is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        return render(request, "error.html", status_code=exc.status_code, status=exc.status_code,
                      detail=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return render(request, "error.html", status_code=422, status=422,
                      detail="; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors))

    @app.exception_handler(jobs.Busy)
    async def busy(request: Request, exc: jobs.Busy):
        if is_api(request):
            return JSONResponse({"detail": str(exc), "job_id": exc.job_id, "url": f"/api/jobs/{exc.job_id}"},
                                status_code=409)
        return RedirectResponse(f"/jobs/{exc.job_id}", status_code=303)

    @app.exception_handler(TooManyJobs)
    async def too_many_jobs(request: Request, exc: TooManyJobs):
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=429)
        return render(request, "error.html", status_code=429, status=429, detail=str(exc))

    @app.exception_handler(ReckonError)
    async def reckon_error(request: Request, exc: ReckonError):
        """Errors a stage raises on purpose (bad input, bad settings): they say what to do; never a 500."""
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return render(request, "error.html", status_code=400, status=400, detail=str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        if is_api(request):
            return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)
        return HTMLResponse("<h1>Internal error</h1><p>See the server log.</p>", status_code=500)

    jobs.fail_stale(app.state.url)
    from reckon.web import worker

    worker.attach(workspace)
    clean_uploads(app.state.uploads)
    if start_indexer:
        _warm_dashboard(workspace, public)
    if start_indexer and not public:
        import threading

        from reckon.web import search

        # Name keys load their data on first use (seconds); do it now, not in the first search request.
        threading.Thread(target=search.word_keys, args=("warmup",), daemon=True).start()

        todo, _ = search.pending(app.state.url)
        if todo:
            try:
                jobs.start(app.state.url, "index", "web:system", {"records": todo})
            except jobs.Busy:
                pass  # another server process of this workspace queued it
    return app


def _warm_dashboard(workspace: Workspace, public: bool) -> None:
    """Compute the dashboard once in the background at start-up: on a large register the first scan
    takes seconds, which no visitor should wait for."""
    import threading

    def run() -> None:
        from reckon.report import dashboard

        try:
            with session_scope(workspace.database_url) as s:
                dashboard.build(workspace, s, public=public)
        except Exception as exc:  # e.g. the database went away; the first request will try again
            log.info("dashboard warm-up skipped: %s", type(exc).__name__)

    threading.Thread(target=run, name="reckon-warmup", daemon=True).start()


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
