"""The authorisation matrix: every route of the real app × every role (and anonymous, and public mode),
requested over HTTP, against the expected allow/deny table below.

The table here is written independently of reckon.web.access. Routes come from the app's route table, so
a route added without an entry here fails ``test_every_route_has_an_expected_rule``, and one whose
behaviour differs from the table fails the matrix.
"""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from test_web_support import ROLES, make_users, serve

ORDER = {None: 0, "viewer": 1, "analyst": 2, "editor": 3, "admin": 4}

# route -> (lowest role allowed, or None for anyone; served in public mode?)
EXPECTED: dict[str, tuple[str | None, bool]] = {
    "GET /": ("viewer", True),
    "GET /login": (None, False),
    "POST /login": (None, False),
    "POST /logout": ("viewer", False),
    "POST /language": (None, True),  # anyone picks the language of the pages they see
    "POST /logout/everywhere": ("viewer", False),
    "GET /sources": ("viewer", False),
    "GET /sources/{source_id}": ("viewer", False),
    "GET /imports/new": ("editor", False),
    "POST /imports/preview": ("editor", False),
    "POST /imports": ("editor", False),
    "POST /imports/cancel": ("editor", False),
    "GET /imports/{import_id}": ("analyst", False),
    "GET /persons": ("analyst", False),
    "GET /persons/{person_id}": ("analyst", False),
    "GET /records/{record_id}": ("analyst", False),
    "GET /review": ("editor", False),
    "GET /review/conflicts": ("editor", False),
    "POST /review/decide": ("editor", False),
    "POST /link/run": ("editor", False),
    "GET /estimates": ("viewer", False),
    "POST /estimates/run": ("analyst", False),
    "GET /officials": ("viewer", False),
    "GET /judges": ("viewer", False),
    "GET /judges/{key:path}": ("analyst", False),
    "GET /courts": ("viewer", False),
    "GET /courts/{key:path}": ("analyst", False),
    "POST /persons/{person_id}/corrections": ("editor", False),
    "GET /articles": ("analyst", False),
    "GET /articles/{article_id}": ("analyst", False),
    "GET /jobs/{job_id}": ("viewer", False),
    "GET /audit": ("admin", False),
    "GET /users": ("admin", False),
    "GET /export/records.csv": ("analyst", False),
    "GET /report": ("analyst", False),
    "GET /report/public": ("viewer", True),
    "GET /api/health": (None, True),
    "GET /api/openapi.json": (None, True),
    "GET /api/docs": (None, True),
    "GET /api/me": ("viewer", False),
    "GET /api/stats": ("viewer", True),
    "GET /api/count": ("viewer", True),
    "GET /api/series": ("viewer", True),
    "GET /api/sources": ("viewer", False),
    "GET /api/imports/{import_id}": ("analyst", False),
    "POST /api/imports": ("editor", False),
    "GET /api/records/{record_id}": ("analyst", False),
    "GET /api/persons": ("analyst", False),
    "GET /api/persons/{person_id}": ("analyst", False),
    "GET /api/review/next": ("editor", False),
    "POST /api/review/decisions": ("editor", False),
    "POST /api/link": ("editor", False),
    "GET /api/estimates": ("viewer", False),
    "POST /api/estimates": ("analyst", False),
    "GET /api/figures": ("viewer", False),
    "GET /api/sanctions/matrix": ("viewer", False),
    "GET /api/articles": ("analyst", False),
    "GET /api/jobs/{job_id}": ("viewer", False),
    "GET /api/audit": ("admin", False),
    "GET /api/users": ("admin", False),
    "GET /static": (None, True),
}


def app_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route the app serves, from its route table."""
    out = []
    for route in app.router.routes:
        if isinstance(route, Mount):
            out.append(("GET", route.path))
        elif isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                out.append((method, route.path))
        else:  # any other kind of route must be added to this test deliberately
            out.append(("?", getattr(route, "path", repr(route))))
    return out


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines
    from reckon.web.app import create_app

    ws = init_workspace(tmp_path_factory.mktemp("authz") / "ws")
    users = make_users(ws.database_url)
    routes = app_routes(create_app(ws, start_indexer=False))
    with serve(ws) as base, serve(ws, public=True) as public_base:
        yield base, public_base, users, routes
    dispose_engines()


def concrete(path: str) -> str:
    if path == "/static":
        return "/static/app.css"
    if path == "/api/persons" or path == "/persons":
        return path + "?q=test"
    return re.sub(r"\{[^}]+\}", "1", path)


def denied(response: httpx.Response, *, public: bool) -> bool:
    if public:
        return response.status_code == 404 and "public mode" in response.text
    if response.status_code in (401, 403):
        return True
    return response.status_code == 303 and response.headers.get("location", "").startswith("/login?next=")


def test_every_route_has_an_expected_rule(setup) -> None:
    _, _, _, routes = setup
    keys = {f"{m} {p}" for m, p in routes}
    missing = sorted(keys - EXPECTED.keys())
    assert not missing, f"routes without an expected rule in this test (add them, deliberately): {missing}"
    stale = sorted(EXPECTED.keys() - keys)
    assert not stale, f"expected rules for routes that no longer exist: {stale}"


@pytest.mark.parametrize("who", [None, *ROLES, "public"])
def test_authorisation_matrix(setup, who) -> None:
    base, public_base, users, routes = setup
    public = who == "public"
    problems = []
    with httpx.Client(base_url=public_base if public else base, follow_redirects=False, timeout=60) as client:
        csrf = {}
        if who is None:  # an anonymous browser: its session cookie and CSRF token, so only the role decides
            from test_web_support import csrf_from

            csrf = {"X-CSRF-Token": csrf_from(client.get("/login").text)}
        for method, path in routes:
            key = f"{method} {path}"
            role, served_public = EXPECTED[key]
            # Bearer tokens carry no CSRF duty, so the route's own rule is what is tested here.
            headers = users.headers(who) if who not in (None, "public") else dict(csrf)
            response = client.request(method, concrete(path), headers=headers)
            if response.status_code >= 500 and response.status_code != 503:  # 503: stage not installed yet
                problems.append(f"{key} as {who}: server error {response.status_code}")
                continue
            if public:
                allowed_expected = served_public
            else:
                allowed_expected = ORDER[who] >= ORDER[role]
            if denied(response, public=public) == allowed_expected:
                problems.append(f"{key} as {who}: expected {'allow' if allowed_expected else 'deny'}, "
                                f"got {response.status_code}")
    assert not problems, "\n".join(problems)


def test_public_mode_ignores_credentials(setup) -> None:
    """In public mode an admin token opens nothing more than anonymity does."""
    _, public_base, users, _ = setup
    with httpx.Client(base_url=public_base, timeout=60) as client:
        assert client.get("/api/audit", headers=users.headers("admin")).status_code == 404
        assert client.get("/persons?q=a", headers=users.headers("admin")).status_code == 404
        assert client.get("/api/stats", headers=users.headers("admin")).status_code == 200


def test_a_route_without_a_rule_stops_the_app(tmp_path) -> None:
    from fastapi import Depends
    from fastapi.routing import APIRoute

    from reckon.config import init_workspace
    from reckon.web.security import check_rules, guard

    ws = init_workspace(tmp_path / "ws")
    from reckon.web import create_app

    app = create_app(ws, start_indexer=False)
    app.router.routes.append(APIRoute("/api/new-thing", lambda: {}, dependencies=[Depends(guard)]))
    with pytest.raises(RuntimeError, match="without a rule"):
        check_rules(app.router.routes)
    app.router.routes.pop()
    app.router.routes.append(APIRoute("/api/health2", lambda: {}))
    with pytest.raises(RuntimeError, match="without the access guard"):
        check_rules(app.router.routes)
