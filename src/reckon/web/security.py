"""Sessions, CSRF and the per-request access check.

The session is a signed cookie (itsdangerous) holding only the user id, the user's session epoch and a
CSRF token: no personal data, nothing to store server-side, and bumping the epoch in the database ends
every session of a user at once. Cookies are HttpOnly, SameSite=Strict and Secure whenever the request
came over TLS (directly or through a trusted proxy that uvicorn's proxy headers resolve).

Every unsafe request (POST, ...) authenticated by the cookie must carry the session's CSRF token, in the
form field ``csrf_token`` or the ``X-CSRF-Token`` header; API calls with a Bearer token need none (a
browser never sends those by itself).
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from reckon.web import accounts
from reckon.web.access import rule_for
from reckon.web.accounts import Principal

COOKIE = "reckon_session"
SESSION_MAX_AGE = 12 * 3600
SECRET_FILE = ".reckon-web-secret"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def load_secret(root: Path) -> str:
    """RECKON_SECRET_KEY, else a random key kept in the workspace (0600), made on first use."""
    env = os.environ.get("RECKON_SECRET_KEY")
    if env:
        return env
    path = root / SECRET_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class SessionCodec:
    def __init__(self, secret: str) -> None:
        self._s = URLSafeTimedSerializer(secret, salt="reckon-session")

    def dumps(self, data: dict[str, Any]) -> str:
        return self._s.dumps(data)

    def loads(self, value: str | None) -> dict[str, Any] | None:
        if not value:
            return None
        try:
            data = self._s.loads(value, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        return data if isinstance(data, dict) else None


def is_tls(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session(response: Any, request: Request, data: dict[str, Any]) -> None:
    codec: SessionCodec = request.app.state.codec
    response.set_cookie(COOKIE, codec.dumps(data), max_age=SESSION_MAX_AGE, httponly=True, samesite="strict",
                        secure=is_tls(request), path="/")


def session_data(request: Request) -> dict[str, Any]:
    """The decoded session (cached on the request); a fresh CSRF token when there is none yet."""
    cached = getattr(request.state, "session", None)
    if cached is not None:
        return cached
    data = request.app.state.codec.loads(request.cookies.get(COOKIE)) or {}
    if not data.get("c"):
        data = {"c": secrets.token_urlsafe(24)}
        request.state.session_dirty = True
    request.state.session = data
    return data


def csrf_token(request: Request) -> str:
    return session_data(request)["c"]


def principal(request: Request) -> Principal | None:
    """The caller: a Bearer API token, else the session cookie; None when anonymous."""
    if hasattr(request.state, "principal"):
        return request.state.principal
    url = request.app.state.url
    found: Principal | None = None
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        found = accounts.principal_from_token(url, auth[7:].strip())
        if found is None:
            raise HTTPException(401, "invalid or revoked API token", headers={"WWW-Authenticate": "Bearer"})
    else:
        data = session_data(request)
        if "u" in data:
            found = accounts.principal_from_session(url, int(data["u"]), int(data.get("e", 0)))
    request.state.principal = found
    return found


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


async def _check_csrf(request: Request) -> None:
    expected = csrf_token(request)
    sent = request.headers.get("x-csrf-token")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")


async def guard(request: Request) -> None:
    """Applied to every route: find its rule, identify the caller, enforce role, public mode and CSRF."""
    route = request.scope.get("route")
    rule = rule_for(request.method, route) if route is not None else None
    if rule is None:
        raise HTTPException(403, "this route has no access rule")
    public_mode = request.app.state.public
    if public_mode:
        if not rule.public:
            raise HTTPException(404, "not available in public mode")
        request.state.principal = None
        return
    who = principal(request)
    if rule.role is not None:
        if who is None:
            if is_api(request):
                raise HTTPException(401, "log in or send an API token (Authorization: Bearer ...)",
                                    headers={"WWW-Authenticate": "Bearer"})
            raise HTTPException(303, "log in first", headers={"Location": f"/login?next={request.url.path}"})
        if not who.can(rule.role):
            raise HTTPException(403, f"this needs the {rule.role} role or higher")
    if request.method in UNSAFE and (who is None or who.via == "session"):
        await _check_csrf(request)
