"""Linkage on Viasna's two real lists, as a documenter runs it: import both, link, review, explain.

The admin-cases list keeps the judge in ``extra``; the political-prisoners list names one too, so the
model compares ``extra_judge``. A frame built for two records must still carry that column wherever pairs
are scored (issue 13, item 5: explain, review and /api/review/next once failed with a Binder Error).
"""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build


def run(app, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("viasna") / "ws")
    app = _build()
    root = str(ws.root)
    run(app, "import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
        "--source", "viasna_pp", "--workspace", root)
    run(app, "import", str(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")),
        "--source", "viasna_admin", "--workspace", root)
    summary = json.loads(run(app, "link", "--workspace", root, "--json"))
    yield app, ws, summary
    dispose_engines()


def test_the_model_compares_a_field_kept_in_extra(linked) -> None:
    from reckon.link import engine as eng
    from reckon.link.service import latest_run
    from reckon.store.db import session_scope

    _app, ws, summary = linked
    assert summary["records"] == 518 and summary["mode"] == "full"
    with session_scope(ws.database_url) as s:
        model = latest_run(s).model
    assert "extra_judge" in eng.model_columns(model)


def test_review_and_explain_a_pair_on_the_real_lists(linked) -> None:
    app, ws, _summary = linked
    root = str(ws.root)
    queue = [json.loads(line) for line in
             run(app, "review", "--list", "--format", "jsonl", "--workspace", root).splitlines()]
    assert queue, "the review queue of the real lists is empty"
    a, b = queue[0]["record_a"], queue[0]["record_b"]
    ex = json.loads(run(app, "explain", str(a), str(b), "--json", "--workspace", root))
    names = [step["comparison"] for step in ex["steps"]]
    assert "extra_judge" in names
    judge = next(step for step in ex["steps"] if step["comparison"] == "extra_judge")
    assert set(judge["values"]) == {"extra_judge"}
    # the waterfall adds up: prior + every step = the total the model gives
    assert abs(ex["prior"]["weight"] + sum(st["weight"] for st in ex["steps"]) - ex["match_weight"]) < 1e-2
    # the interactive review shows the same pair's waterfall, then quits
    out = run(app, "review", "--workspace", root, input="q\n")
    assert "total" in out and "prior" in out
    # and the pair it showed is in the audit log, as a read from the command line
    from sqlalchemy import select

    from reckon.store.db import session_scope
    from reckon.store.models import AuditEvent

    with session_scope(ws.database_url) as s:
        reads = s.scalars(select(AuditEvent).where(AuditEvent.action == "cli.read")).all()
        assert any(e.details.get("command") == "reckon review" and sorted(e.target_ids) == sorted([a, b])
                   for e in reads)


def test_api_review_next_for_a_logged_in_editor(linked) -> None:
    from test_web_support import login, make_users, serve

    _app, ws, _summary = linked
    make_users(ws.database_url)
    with serve(ws) as base:
        client = login(base, "editor")
        try:
            response = client.get("/api/review/next")
        finally:
            client.close()
        with httpx.Client(base_url=base, timeout=60) as anonymous:
            denied = anonymous.get("/api/review/next")
    assert response.status_code == 200, response.text
    item = response.json()
    assert item["explanation"]["steps"] and "extra_judge" in [s["comparison"] for s in item["explanation"]["steps"]]
    assert denied.status_code in (401, 403)
