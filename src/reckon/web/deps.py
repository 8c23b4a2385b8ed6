"""What every route needs from its request: who is acting, the audit of a read, the page renderer, the
types of ids in paths and forms.

Pages, the API and the app all import from here, and this module imports none of them, so the routes
and the app that assembles them never import each other in a circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

import reckon
from reckon import i18n, said_errors
from reckon.errors import ReckonError
from reckon.estimate import notes
from reckon.services.accounts import Principal
from reckon.store.audit import audit_apart, audit_with
from reckon.web.security import csrf_token, principal

HERE = Path(__file__).parent
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: larger ones are simply not found
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
FormId = Annotated[int, Form(ge=1, le=MAX_ID)]
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _level(step: Any) -> str:
    """A level of the linkage model in the page's language (``reckon.link.levels``, imported when a review
    page is drawn: reckon.link brings Splink, which the other pages do not need)."""
    from reckon.link.levels import level_words

    return level_words(step)


def _comparison(name: Any) -> str:
    """A comparison of the linkage model by name in the page's language (``reckon.link.levels``)."""
    from reckon.link.levels import comparison_words

    return comparison_words(name)


def said_error(exc: Exception) -> str:
    """A stage's error in the page's language: a bad value names its field in words and its message when
    the message is catalogued (``reckon.histories.corrections.MESSAGES``); else the error as the stage
    wrote it (the API keeps that English text, for programs). A catalogued error (``ReckonError.of``) is
    said by :func:`reckon.said_errors.in_words`, as on the command line."""
    return said_errors.in_words(exc) if isinstance(exc, ReckonError) else str(exc)


# Why a value of a request is refused, by pydantic's error type: said in the page's language instead of
# pydantic's English ("Input should be a valid integer, unable to parse string as an integer") on a
# Belarusian page; the value itself is never repeated (it may be a name).
REFUSED = {"int_parsing": i18n.N_("not a whole number"), "int_from_float": i18n.N_("not a whole number"),
           "float_parsing": i18n.N_("not a number"), "missing": i18n.N_("missing"),
           "date_parsing": i18n.N_("not a date"), "date_from_datetime_parsing": i18n.N_("not a date"),
           "bool_parsing": i18n.N_("not yes or no")}
PLACES = {"path": i18n.N_("in the address"), "query": i18n.N_("in the address's parameters"),
          "body": i18n.N_("in the form")}


def said_refusal(errors: list[dict[str, Any]]) -> str:
    """A request's invalid values (FastAPI's validation errors) in the page's language: where (the address,
    its parameters, the form), the field in words and why, e.g. "у адрасе, асоба: не цэлы лік"."""
    said = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        place = i18n.gettext(PLACES[loc[0]]) if loc and loc[0] in PLACES else ""
        field = i18n.column(loc[-1]) if len(loc) > 1 else ""
        why = i18n.gettext(REFUSED.get(str(e.get("type", "")), i18n.N_("not a valid value")))
        where = ", ".join(x for x in (place, field) if x)
        said.append(i18n.gettext("%(field)s: %(message)s") % {"field": where, "message": why} if where else why)
    return "; ".join(said)


# tr: a message known only at run time (a job's step), a wait behind another writer included
i18n.install(templates.env, note=notes.text, level=_level, comparison=_comparison,
             reason=said_errors.reason, tr=said_errors.waiting)

NAV = [
    ("/", i18n.N_("Dashboard"), "viewer"),
    ("/sources", i18n.N_("Sources & imports"), "viewer"),
    ("/persons", i18n.N_("Persons"), "analyst"),
    ("/review", i18n.N_("Review"), "editor"),
    ("/estimates", i18n.N_("Estimates"), "viewer"),
    ("/officials", i18n.N_("Officials & sanctions"), "viewer"),
    ("/judges", i18n.N_("Judges & courts"), "viewer"),
    ("/articles", i18n.N_("Articles"), "analyst"),
    ("/audit", i18n.N_("Audit log"), "admin"),
    ("/users", i18n.N_("Users"), "admin"),
]


def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    """A page with the common context: who is logged in, their CSRF token, the navigation, the mode."""
    who: Principal | None = getattr(request.state, "principal", None)
    if not request.app.state.public and who is None and not hasattr(request.state, "principal"):
        try:
            who = principal(request)
        except Exception:
            who = None
    from reckon.web.language import current

    lang = i18n.set_language(current(request))
    nav = [] if request.app.state.public else [(href, i18n.gettext(label)) for href, label, role in NAV
                                               if who and who.can(role)]
    ctx.update(lang=lang, request=request, user=who, csrf=csrf_token(request), public=request.app.state.public, nav=nav,
               version=reckon.__version__, path=request.url.path)
    return templates.TemplateResponse(request, template, ctx, status_code=status_code)


def actor(request: Request) -> str:
    who: Principal | None = getattr(request.state, "principal", None)
    return who.actor if who else "web:anonymous"


def audit_read(request: Request, action: str, target_type: str, ids: list[int] | tuple[int, ...], *,
               session: Session | None = None, **details: Any) -> None:
    """Log a read that showed personal data (who, when, what, which records): in its own transaction, or
    with ``session`` in the reading one where the store allows it (:func:`reckon.store.audit.audit_with`)."""
    ids = list(ids)
    if len(ids) > MAX_AUDIT_IDS:  # a whole-register export: keep the ids as ranges, not a million numbers
        details["count"] = len(ids)
        ids = id_ranges(ids)
    url = request.app.state.url
    if session is not None:
        audit_with(session, url, action, actor=actor(request), target_type=target_type, target_ids=ids,
                   path=request.url.path, **details)
        return
    audit_apart(url, action, actor=actor(request), target_type=target_type, target_ids=ids,
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


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
