"""The FastAPI application: server-rendered pages, the JSON API under /api, static assets, access control.

This module only builds the app; what routes need from a request is in :mod:`reckon.web.deps`, the
actions pages and API share in :mod:`reckon.web.actions`.

``create_app(workspace, public=...)`` is all a server (uvicorn) or a test needs. Every route goes through
:func:`reckon.web.security.guard` (an app-wide dependency), which applies the rule from
:mod:`reckon.web.access`; the app refuses to start if a route has no rule.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import reckon
from reckon import i18n
from reckon.config import Workspace
from reckon.errors import ReckonError
from reckon.store.db import session_scope
from reckon.web import jobs
from reckon.web.actions import clean_uploads
from reckon.web.deps import render, said_error, said_refusal
from reckon.web.limits import BodyLimit, TooManyJobs
from reckon.web.security import COOKIE, SessionCodec, check_rules, is_api, load_secret

HERE = Path(__file__).parent
log = logging.getLogger(__name__)


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
                      detail=i18n.gettext(exc.detail) if isinstance(exc.detail, str) else exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return render(request, "error.html", status_code=422, status=422, detail=said_refusal(list(exc.errors())))

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
        return render(request, "error.html", status_code=429, status=429, detail=said_error(exc))

    @app.exception_handler(ReckonError)
    async def reckon_error(request: Request, exc: ReckonError):
        """Errors a stage raises on purpose (bad input, bad settings): they say what to do; never a 500."""
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return render(request, "error.html", status_code=400, status=400, detail=said_error(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        if is_api(request):
            return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)
        try:  # the page in the reader's language; the handler runs outside the request's middleware
            from reckon.web.language import current

            i18n.set_language(current(request))
            return render(request, "error.html", status_code=500, status=500,
                          detail=i18n.gettext("Internal error: see the server log."))
        except Exception:  # the error broke the page itself: say it plainly
            log.exception("the error page failed on %s", request.url.path)
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
        from reckon.services import dashboard

        try:
            with session_scope(workspace.database_url) as s:
                dashboard.build(workspace, s, public=public)
        except Exception as exc:  # e.g. the database went away; the first request will try again
            log.info("dashboard warm-up skipped: %s", type(exc).__name__)

    threading.Thread(target=run, name="reckon-warmup", daemon=True).start()


def app_from_env() -> FastAPI:
    """The app of one server process of ``reckon serve --workers N`` (uvicorn imports it by name): the
    workspace and options come from the environment ``serve`` set."""
    from reckon.config import find_workspace

    proxies = [p for p in os.environ.get("RECKON_TRUSTED_PROXIES", "").split(",") if p]
    return create_app(find_workspace(None), public=os.environ.get("RECKON_SERVE_PUBLIC") == "1",
                      trusted_proxies=proxies)

