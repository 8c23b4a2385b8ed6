"""The web app reaches the stages' services directly: the web user is the actor the audit log and the stored
estimate name, and a stage's error reaches the page or the job instead of a silent blank."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from test_web_support import make_users, serve, synthetic_csv, three_lists, wait_job


def audit_actors(url: str, action: str) -> list[tuple[str, list]]:
    from reckon.store.db import session_scope
    from reckon.store.models import AuditEvent

    with session_scope(url) as s:
        return [(e.actor, e.target_ids) for e in
                s.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).scalars()]


def test_errors_of_a_stage_surface(sqlite_workspace, tmp_path) -> None:
    """Before any linkage: the review says why there is nothing, an estimate job fails with the reason."""
    from reckon.ingest import import_file

    import_file(sqlite_workspace, synthetic_csv(tmp_path / "a.csv", n=20, seed=1), "List A")
    users = make_users(sqlite_workspace.database_url)
    with serve(sqlite_workspace) as base, httpx.Client(base_url=base, timeout=60) as client:
        r = client.get("/api/review/next", headers=users.headers("editor"))
        assert r.status_code == 404 and "linkage" in r.json()["detail"]
        page = client.get("/review", headers=users.headers("editor"))
        assert page.status_code == 200 and "No linkage run yet" in page.text
        r = client.post("/api/estimates", headers=users.headers("analyst"))
        job = wait_job(client, r.json()["job_id"], users.headers("viewer"))
        assert job["status"] == "failed" and job["error"], job  # one list, no persons: the stage's own reason
        r = client.post("/api/review/decisions", headers=users.headers("editor"),
                        json={"record_a": 1, "record_b": 999_999, "decision": "same"})
        assert r.status_code == 400 and "999999" in r.json()["detail"]  # the service's own message


@pytest.mark.slow
def test_the_web_user_is_the_actor_of_decisions_and_estimates(sqlite_workspace, tmp_path) -> None:
    three_lists(sqlite_workspace, tmp_path)
    url = sqlite_workspace.database_url
    users = make_users(url)
    with serve(sqlite_workspace) as base, httpx.Client(base_url=base, timeout=120) as client:
        r = client.post("/api/review/decisions", headers=users.headers("editor"),
                        json={"record_a": 1, "record_b": 2, "decision": "different", "note": "synthetic"})
        assert r.status_code == 200, r.text
        assert r.json()["result"]["actor"] == "web:editor"
        assert audit_actors(url, "link.review")[-1] == ("web:editor", [1, 2])
        assert audit_actors(url, "review.decide.web")[-1] == ("web:editor", [1, 2])

        r = client.post("/api/estimates", headers=users.headers("analyst"))
        job = wait_job(client, r.json()["job_id"], users.headers("viewer"), timeout=300)
        assert job["status"] == "done", job
        est = client.get("/api/estimates", headers=users.headers("viewer")).json()["estimates"]
        assert est[0]["actor"] == "web:analyst" and est[0]["origin"] == "web"
        assert audit_actors(url, "estimate.run")[-1] == ("web:analyst", [est[0]["id"]])
        # the report shows the stored estimate the web ran
        report = client.get("/report", headers=users.headers("analyst")).text
        assert f"{est[0]['estimate']:,.0f}" in report or str(round(est[0]["estimate"])) in report
