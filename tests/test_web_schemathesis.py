"""schemathesis against the OpenAPI schema of the running app: generated requests to every operation, as
an admin (so every route's logic is reached), must never get a server error. Bounded: a few examples per
operation, no shrinking deadline."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from test_web_support import make_users, serve, synthetic_csv


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("schemathesis")
    ws = init_workspace(tmp / "ws")
    from reckon.ingest import import_file

    import_file(ws, synthetic_csv(tmp / "list.csv", n=30), "List A")
    users = make_users(ws.database_url)
    with serve(ws) as base:
        yield base, users
    dispose_engines()


def _openapi() -> dict:
    """The schema the app serves (it does not depend on the data), taken from a scratch workspace."""
    import tempfile
    from pathlib import Path

    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines
    from reckon.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        spec = create_app(init_workspace(Path(tmp) / "ws"), start_indexer=False).openapi()
        dispose_engines()
    return spec


schema = schemathesis.openapi.from_dict(_openapi())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_a_server_error(case, api) -> None:
    base, users = api
    case.call_and_validate(base_url=base, headers=users.headers("admin"), checks=[not_a_server_error],
                           timeout=60)
