"""Request limits that hold before anyone is authenticated, and a per-user limit on background jobs.

Why: without a limit an anonymous client could make the server spool a 1.5 GB body to disk before the
access check ever ran (form parsing happens first). ``BodyLimit`` runs before routing: a request with a
body may carry at most 64 KiB unless it comes with a live session or API token, and never more than the
upload limit. A declared Content-Length over the limit is refused at once; a body that grows past it while
streaming is cut off. Job creation is limited per user, so one account (or one stolen token) cannot queue
linkage runs or imports without end.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reckon.errors import N_, ReckonError
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.web import count_jobs_since

ANONYMOUS_BODY = 64 * 1024
MAX_BODY = 512 * 1024 * 1024 + 1024 * 1024  # the upload limit plus the form around it
MAX_JOBS_PER_HOUR = 30


class TooManyJobs(ReckonError):
    """This user started too many background jobs in the last hour."""


class _TooLarge(HTTPException):
    """Raised from the body stream; an HTTPException so that form and JSON parsing pass it on as a 413."""

    def __init__(self) -> None:
        super().__init__(413, "request body too large (log in first; files over 512 MB: use reckon import)")


class BodyLimit:
    def __init__(self, app: ASGIApp, url: str, public: bool = False) -> None:
        self.app, self.url, self.public = app, url, public

    def _authenticated(self, scope: Scope) -> bool:
        from starlette.requests import Request

        from reckon.services import accounts
        from reckon.web.security import COOKIE

        if self.public:
            return False
        request = Request(scope)
        auth = request.headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            return accounts.principal_from_token(self.url, auth[7:].strip()) is not None
        data = scope["app"].state.codec.loads(request.cookies.get(COOKIE)) or {}
        sid = data.get("s")
        return isinstance(sid, str) and accounts.principal_from_session(
            self.url, sid, scope["app"].state.idle_timeout) is not None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        size = int(declared) if declared and declared.isdigit() else None
        if size is not None and size > MAX_BODY:
            await _refuse(send)
            return
        limit = MAX_BODY if (size is None or size > ANONYMOUS_BODY) and self._authenticated(scope) else ANONYMOUS_BODY
        if size is not None and size > limit:
            await _refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await _refuse(send)


async def _refuse(send: Send) -> None:
    body = b'{"detail":"request body too large (log in first; files over 512 MB: use reckon import)"}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def check_job_rate(url: str, actor: str, per_hour: int = MAX_JOBS_PER_HOUR) -> None:
    """Refuse a web user's job beyond ``per_hour`` in the last hour (the system's own jobs are exempt)."""
    if not actor.startswith("web:") or actor == "web:system":
        return
    with session_scope(url) as s:
        recent = count_jobs_since(s, actor, utcnow() - timedelta(hours=1))
    if recent >= per_hour:
        raise TooManyJobs.of(N_("you started %(n)s jobs in the last hour; wait before starting another"), n=recent)
