"""Two editors deciding the same pair: the second, who had not seen the first's decision, leaves a conflict
that is kept and shown, never a silent overwrite (SQLite and PostgreSQL)."""

from __future__ import annotations

from test_web_support import synthetic_csv


def test_a_different_decision_on_a_pair_decided_since_is_a_conflict(workspace, tmp_path) -> None:
    from reckon.ingest import import_file
    from reckon.link import conflicts, decide
    from reckon.link.service import latest_decisions
    from reckon.store.db import session_scope

    import_file(workspace, synthetic_csv(tmp_path / "a.csv", n=5, seed=2), "List A")
    pair = (1, 2)
    # Both editors opened the pair when nobody had decided it (seen=0); Ales decides first.
    first = decide(workspace, pair, "same", actor="ales", seen=0)
    assert first["conflict"] is False
    second = decide(workspace, pair, "different", actor="volha", seen=0)
    assert second["conflict"] is True and second["in_force"]["id"] == first["decision_id"]
    assert second["in_force"]["actor"] == "ales" and second["in_force"]["decision"] == "same"
    with session_scope(workspace.database_url) as s:
        assert latest_decisions(s)[pair].id == first["decision_id"]  # Ales's decision still holds
    open_ = conflicts(workspace)
    assert [(c["id"], c["actor"], c["in_force"]["id"]) for c in open_] == [(second["decision_id"], "volha",
                                                                           first["decision_id"])]
    # The same decision as the one taken meanwhile is agreement, not a conflict.
    assert decide(workspace, pair, "same", actor="pavel", seen=0)["conflict"] is False
    # Volha looks again (she now sees the decision in force) and decides: applied, the conflict settled.
    with session_scope(workspace.database_url) as s:
        now = latest_decisions(s)[pair].id
    settled = decide(workspace, pair, "different", actor="volha", seen=now)
    assert settled["conflict"] is False
    with session_scope(workspace.database_url) as s:
        assert latest_decisions(s)[pair].decision == "different"
    assert conflicts(workspace) == []
    # Without `seen` (the CLI) the latest decision wins, as before.
    assert decide(workspace, pair, "same", actor="cli")["conflict"] is False


def test_the_api_answers_a_conflict_with_409_and_the_decision_in_force(sqlite_workspace, tmp_path) -> None:
    import httpx

    from reckon.ingest import import_file
    from test_web_support import make_users, serve

    ws = sqlite_workspace
    import_file(ws, synthetic_csv(tmp_path / "a.csv", n=5, seed=2), "List A")
    users = make_users(ws.database_url)
    body = {"record_a": 2, "record_b": 3, "seen": 0}
    with serve(ws) as base, httpx.Client(base_url=base, timeout=60) as client:
        first = client.post("/api/review/decisions", json={**body, "decision": "different"},
                            headers=users.headers("editor"))
        assert first.status_code == 200 and first.json()["result"]["conflict"] is False
        second = client.post("/api/review/decisions", json={**body, "decision": "same"},
                             headers=users.headers("admin"))
        assert second.status_code == 409
        found = second.json()["result"]
        assert found["conflict"] is True and found["in_force"]["actor"] == "web:editor"
        assert found["in_force"]["decision"] == "different"
