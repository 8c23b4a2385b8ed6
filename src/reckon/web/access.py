"""Who may call which route: one table, checked for every request, failing closed.

Each route is keyed "METHOD /path" as declared. ``role`` is the lowest role allowed (None: anyone, even
without logging in); ``public`` says whether the route exists in public mode (``reckon serve --public``),
where nobody logs in and only aggregates with small-cell suppression are served. A route that has no rule
here is refused (403) and makes :func:`reckon.web.security.check_rules` fail at start-up, so a new route cannot go out
unguarded; tests/test_web_authz.py compares this table with its own expectations for every role.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.routing import BaseRoute, Mount


@dataclass(frozen=True)
class Rule:
    role: str | None
    public: bool = False


ANYONE = Rule(None)
PUBLIC = Rule(None, public=True)
VIEWER, ANALYST, EDITOR, ADMIN = Rule("viewer"), Rule("analyst"), Rule("editor"), Rule("admin")

RULES: dict[str, Rule] = {
    # pages
    "GET /": Rule("viewer", public=True),
    "GET /login": ANYONE,
    "POST /login": ANYONE,
    "POST /logout": VIEWER,
    "POST /language": PUBLIC,
    "POST /logout/everywhere": VIEWER,
    "GET /sources": VIEWER,
    "GET /sources/{source_id}": VIEWER,
    "GET /imports/new": EDITOR,
    "POST /imports/preview": EDITOR,
    "POST /imports": EDITOR,
    "POST /imports/cancel": EDITOR,
    "GET /imports/{import_id}": ANALYST,
    "GET /persons": ANALYST,
    "GET /persons/{person_id}": ANALYST,
    "GET /records/{record_id}": ANALYST,
    "GET /review": EDITOR,
    "POST /review/decide": EDITOR,
    "GET /review/conflicts": EDITOR,
    "POST /link/run": EDITOR,
    "GET /estimates": VIEWER,
    "POST /estimates/run": ANALYST,
    "GET /officials": VIEWER,
    "GET /judges": VIEWER,
    "GET /judges/{key:path}": ANALYST,
    "GET /courts": VIEWER,
    "GET /courts/{key:path}": ANALYST,
    "POST /persons/{person_id}/corrections": EDITOR,
    "GET /articles": ANALYST,
    "GET /articles/{article_id}": ANALYST,
    "GET /jobs/{job_id}": VIEWER,
    "GET /audit": ADMIN,
    "GET /users": ADMIN,
    "GET /export/records.csv": ANALYST,
    "GET /report": ANALYST,
    "GET /report/public": Rule("viewer", public=True),
    # API
    "GET /api/health": PUBLIC,
    "GET /api/openapi.json": PUBLIC,
    "GET /api/docs": PUBLIC,
    "GET /api/me": VIEWER,
    "GET /api/stats": Rule("viewer", public=True),
    "GET /api/count": Rule("viewer", public=True),
    "GET /api/series": Rule("viewer", public=True),
    "GET /api/sources": VIEWER,
    "GET /api/imports/{import_id}": ANALYST,
    "POST /api/imports": EDITOR,
    "GET /api/records/{record_id}": ANALYST,
    "GET /api/persons": ANALYST,
    "GET /api/persons/{person_id}": ANALYST,
    "GET /api/review/next": EDITOR,
    "POST /api/review/decisions": EDITOR,
    "POST /api/link": EDITOR,
    "GET /api/estimates": VIEWER,
    "POST /api/estimates": ANALYST,
    "GET /api/figures": VIEWER,
    "GET /api/sanctions/matrix": VIEWER,
    "GET /api/articles": ANALYST,
    "GET /api/jobs/{job_id}": VIEWER,
    "GET /api/audit": ADMIN,
    "GET /api/users": ADMIN,
    # static assets (CSS, JS): no data in them
    "GET /static": PUBLIC,
}


def route_keys(route: BaseRoute) -> list[str]:
    """The rule keys of one route (one per method; a Mount is keyed by its path with GET)."""
    if isinstance(route, Mount):
        return [f"GET {route.path}"]
    methods = sorted((getattr(route, "methods", None) or {"GET"}) - {"HEAD"})
    return [f"{m} {route.path}" for m in methods]  # type: ignore[attr-defined]


def rule_for(method: str, route: BaseRoute) -> Rule | None:
    method = "GET" if method == "HEAD" else method
    path = route.path  # type: ignore[attr-defined]
    return RULES.get(f"{method} {path}")
