"""Which language a page is in (the form that changes it is the POST /language route in web/pages.py).

The order (issue 18): the user's own setting (kept on their account, ``web_user.language``), else the
language a visitor without an account picked (a cookie), else the browser's Accept-Language, else the
workspace's default (``[web] language`` in reckon.toml), else Belarusian. The choice is made once per
request, in :func:`settle` (called by the access guard, once it knows who is asking), and put in the
context (:mod:`reckon.i18n`), so the page, its charts and its messages all follow it.
"""

from __future__ import annotations

from fastapi import Request
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


async def settle(request: Request, who, session: dict | None) -> str:  # noqa: ANN001 - a Principal or None
    """Choose the request's language (see the module docstring) and make it the context's.

    ``session`` is the logged-in user's session data (None for a token or nobody): the guard hands it over,
    so this module needs nothing from the guard's and the guard's import of it is no circle."""
    setting: str | None = None
    if who is not None and session is not None:
        if SESSION_KEY not in session:
            from reckon.store.preferences import user_language

            session[SESSION_KEY] = await run_in_threadpool(user_language, request.app.state.url, who.user_id) or ""
            request.state.session_dirty = True
        setting = session[SESSION_KEY] or None
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
