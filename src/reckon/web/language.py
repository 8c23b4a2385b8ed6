"""Which language a page is in, and the small form that changes it.

The order (issue 18): the user's own setting (kept on their account, ``web_user.language``), else the
language a visitor without an account picked (a cookie), else the browser's Accept-Language, else the
workspace's default (``[web] language`` in reckon.toml), else Belarusian. The choice is made once per
request, in :func:`settle` (called by the access guard, once it knows who is asking), and put in the
context (:mod:`reckon.i18n`), so the page, its charts and its messages all follow it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from reckon import i18n
from reckon.config import settings

COOKIE = "reckon_lang"
SESSION_KEY = "l"  # the user's setting, cached in their session so that it costs no query per page


def workspace_default(request: Request) -> str | None:
    cached = getattr(request.app.state, "default_language", None)
    if cached is None:
        cached = str(settings(request.app.state.workspace, "web").get("language") or "")
        request.app.state.default_language = cached
    return cached or None


def locale_for(request: Request, user_setting: str | None = None) -> str:
    return i18n.pick(user_setting or request.cookies.get(COOKIE), request.headers.get("accept-language"),
                     workspace_default(request))


async def settle(request: Request, who) -> str:  # noqa: ANN001 - a Principal or None
    """Choose the request's language (see the module docstring) and make it the context's."""
    setting: str | None = None
    if who is not None and who.via == "session":
        from reckon.web.security import session_data

        data = session_data(request)
        if SESSION_KEY not in data:
            from reckon.store.preferences import user_language

            data[SESSION_KEY] = await run_in_threadpool(user_language, request.app.state.url, who.user_id) or ""
            request.state.session_dirty = True
        setting = data[SESSION_KEY] or None
    lang = locale_for(request, setting)
    request.state.language = lang
    i18n.set_language(lang)
    return lang


def current(request: Request) -> str:
    """The language of this request (chosen by the guard; from the headers when the guard never ran)."""
    lang = getattr(request.state, "language", None)
    if lang is None:
        lang = locale_for(request)
        request.state.language = lang
    return lang


def _safe_next(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _guard_dep():
    from reckon.web.security import guard

    return guard


router = APIRouter(include_in_schema=False, dependencies=[Depends(_guard_dep())])


@router.post("/language")
def choose_language(request: Request, lang: Annotated[str, Form(max_length=8)],
                    next: Annotated[str, Form(max_length=2000)] = "/"):
    """Keep the choice: on the account of a logged-in user, else in a cookie of this browser."""
    chosen = i18n.normalise(lang) or i18n.DEFAULT
    who = getattr(request.state, "principal", None)
    response = RedirectResponse(_safe_next(next), status_code=303)
    if who is not None and who.via == "session":
        from reckon.store.preferences import set_user_language
        from reckon.web.security import session_data

        set_user_language(request.app.state.url, who.user_id, chosen)
        session_data(request)[SESSION_KEY] = chosen
        request.state.session_dirty = True
    response.set_cookie(COOKIE, chosen, max_age=365 * 86400, httponly=True, samesite="strict", path="/")
    return response
