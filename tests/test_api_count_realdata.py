"""/api/count and `reckon count --json` give the same answer on Viasna's real lists (read in place from
../shared/eval): both are reckon.histories.service.count over the store's histories, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import httpx
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build
from test_web_support import make_users, serve

ASKED = [("2024-03-04", "political_prisoner", None), ("2024-03-04", "political_prisoner", "region"),
         ("2021-06-01", "in_custody", None), ("2021-06-01", "in_custody", "article"),
         ("2022-01-15", "persecuted", "source"), ("2020-09-01", "released", None)]


def _run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False, env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_api_count_is_the_cli_count_on_the_real_lists(workspace) -> None:
    app, root = _build(), str(workspace.root)
    _run(app, "import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
         "--source", "viasna_pp", "--workspace", root)
    _run(app, "import", str(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")),
         "--source", "viasna_admin", "--workspace", root)
    _run(app, "histories", "source", "viasna_pp", "--list-date", "2024-03-04", "--workspace", root)
    users = make_users(workspace.database_url)
    seen = 0
    with serve(workspace) as base, httpx.Client(base_url=base, headers=users.headers("viewer"), timeout=60) as web:
        for as_of, status, by in ASKED:
            cli = json.loads(_run(app, "count", "--as-of", as_of, "--status", status, "--json", "--workspace", root,
                                  *(["--by", by] if by else [])))
            api = web.get("/api/count", params={"as_of": as_of, "status": status, **({"by": by} if by else {})})
            assert api.status_code == 200, api.text
            assert api.json() == cli, (as_of, status, by)
            seen += cli["count"] + cli["undetermined"]
    assert seen > 0   # the lists do hold persons in these states on these days
