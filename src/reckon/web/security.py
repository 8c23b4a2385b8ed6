"""Sessions, CSRF, client addresses and the per-request access check.

The session is a signed cookie (itsdangerous) holding only a random session id and a CSRF token; the
session itself lives in the database (accounts.WebSession), so logout, "log out everywhere", disabling a
user and the idle timeout end it on the server. The signing secret is kept inside the database too (an
encrypted workspace encrypts it), never in a file beside it. Cookies are HttpOnly, SameSite=Strict and
Secure whenever the request came over TLS (directly or through a configured proxy).

X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies configured in reckon.toml
(``[web] trusted_proxies``) or ``reckon serve --trusted-proxy``; from anyone else they are ignored, so a
client cannot pick the address the login limits count against.

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
from fastapi.routing import APIRoute
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute

from reckon.errors import ReckonError
from reckon.i18n import N_, gettext, role_label
from reckon.services import accounts
from reckon.services.accounts import Principal
from reckon.web.access import RULES, route_keys, rule_for

COOKIE = "reckon_session"
SESSION_MAX_AGE = int(accounts.SESSION_MAX_AGE.total_seconds())
SECRET_FILE = ".reckon-web-secret"  # where older versions kept it (deleted on start)
SECRET_STATE = "session_secret"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def load_secret(url: str, root: Path | None = None) -> str:
    """RECKON_SECRET_KEY, else a random key kept inside the database, made on first use.

    A key file left beside the database by older versions is deleted: a copy of the folder must not be
    enough to forge a session.
    """
    from reckon.store.db import session_scope
    from reckon.store.web import WebState

    if root is not None:
        (root / SECRET_FILE).unlink(missing_ok=True)
    env = os.environ.get("RECKON_SECRET_KEY")
    if env:
        return env
    try:
        with session_scope(url) as s:
            row = s.get(WebState, SECRET_STATE)
            if row is None or not row.value.get("key"):
                row = WebState(name=SECRET_STATE, value={"key": secrets.token_urlsafe(48)})
                s.merge(row)
            return row.value["key"]
    except (ReckonError, SQLAlchemyError):  # another server process made it at the same moment: every process uses that one
        with session_scope(url) as s:
            row = s.get(WebState, SECRET_STATE)
            if row is None or not row.value.get("key"):
                raise
            return row.value["key"]


def client_address(request: Request) -> str:
    """The client's address: the peer, or what a trusted proxy says the client was (rightmost untrusted)."""
    peer = request.client.host if request.client else ""
    trusted: frozenset[str] = getattr(request.app.state, "trusted_proxies", frozenset())
    if peer in trusted:
        chain = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
        for addr in reversed(chain):
            if addr not in trusted:
                return addr[:100]
    return peer


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
    if request.url.scheme == "https":
        return True
    peer = request.client.host if request.client else ""
    return peer in getattr(request.app.state, "trusted_proxies", frozenset()) and \
        request.headers.get("x-forwarded-proto", "").lower() == "https"


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
            raise HTTPException(401, N_("invalid or revoked API token"), headers={"WWW-Authenticate": "Bearer"})
    else:
        data = session_data(request)
        if isinstance(data.get("s"), str):
            found = accounts.principal_from_session(url, data["s"], request.app.state.idle_timeout)
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
        raise HTTPException(403, N_("missing or wrong CSRF token; reload the page and try again"))


async def _language(request: Request, who: Principal | None) -> None:
    from reckon.web.language import settle

    await settle(request, who, session_data(request) if who is not None and who.via == "session" else None)


async def guard(request: Request) -> None:
    """Applied to every route: find its rule, identify the caller, enforce role, public mode and CSRF."""
    route = request.scope.get("route")
    rule = rule_for(request.method, route) if route is not None else None
    if rule is None:
        raise HTTPException(403, N_("this route has no access rule"))
    public_mode = request.app.state.public
    if public_mode:
        if not rule.public:
            raise HTTPException(404, N_("not available in public mode"))
        request.state.principal = None
        await _language(request, None)
        return
    # the caller's token or session is looked up in the database: in a worker thread, so that the event
    # loop goes on serving the other requests while this one waits for the server
    who = await run_in_threadpool(principal, request)
    await _language(request, who)
    if rule.role is not None:
        if who is None:
            if is_api(request):
                raise HTTPException(401, N_("log in or send an API token (Authorization: Bearer ...)"),
                                    headers={"WWW-Authenticate": "Bearer"})
            raise HTTPException(303, N_("log in first"), headers={"Location": f"/login?next={request.url.path}"})
        if not who.can(rule.role):
            # API errors stay English (for programs); a page says it in the reader's language, the role too.
            need = N_("this needs the %(role)s role or higher")
            role = rule.role if is_api(request) else role_label(rule.role)
            raise HTTPException(403, (need if is_api(request) else gettext(need)) % {"role": role})
    if request.method in UNSAFE and (who is None or who.via == "session"):
        await _check_csrf(request)


def check_rules(routes: list[BaseRoute]) -> None:
    """Refuse to start when a route has no rule (or a rule names no route): fail closed, loudly."""
    unguarded = [route.path for route in routes if isinstance(route, APIRoute)  # type: ignore[attr-defined]
                 and not any(dep.call is guard for dep in route.dependant.dependencies)]
    if unguarded:
        raise RuntimeError(f"routes without the access guard: {unguarded}")
    keys = {key for route in routes for key in route_keys(route)}
    missing = sorted(keys - RULES.keys())
    stale = sorted(RULES.keys() - keys)
    if missing or stale:
        raise RuntimeError(f"access rules out of date: routes without a rule {missing}, rules without a route {stale}")
