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


def test_the_pages_show_a_conflict_and_settle_it(workspace, tmp_path) -> None:
    """The review page's 409: the editor who came second is told who decided what, in their language; the
    conflicts page lists the pair beside the decision in force, and a decision from it settles the pair."""
    import re

    from reckon.ingest import import_file
    from reckon.link import conflicts
    from test_web_support import csrf_from, login, make_users, serve

    ws = workspace
    import_file(ws, synthetic_csv(tmp_path / "a.csv", n=5, seed=2), "List A")
    make_users(ws.database_url)
    with serve(ws) as base:
        editor, admin = login(base, "editor"), login(base, "admin")
        admin.headers["Accept-Language"] = "be"
        form = {"record_a": 2, "record_b": 3, "seen": 0}
        # both opened the pair when nobody had decided it; the editor decides first
        first = editor.post("/review/decide", data={**form, "decision": "different",
                                                    "csrf_token": csrf_from(editor.get("/review").text)})
        assert first.status_code == 303 and first.headers["location"] == "/review"
        clash = admin.post("/review/decide", data={**form, "decision": "same",
                                                   "csrf_token": csrf_from(admin.get("/review").text)})
        assert clash.status_code == 409 and re.search(r'<html lang="be"', clash.text)
        assert "web:editor вырашыў(-ла) пра гэтую пару «розныя людзі»" in clash.text
        assert "«той самы чалавек»" in clash.text and "захавана як канфлікт" in clash.text
        assert len(conflicts(ws)) == 1  # kept, not applied
        # bad input loses nothing: no CSRF token is refused, an unknown "back" goes to the review page
        assert admin.post("/review/decide", data={**form, "decision": "same"}).status_code == 403
        assert len(conflicts(ws)) == 1

        for lang, words in (("be", "Канфлікты праверкі"), ("ru", "Конфликты проверки"), ("en", "Review conflicts")):
            admin.headers["Accept-Language"] = lang
            assert "/review/conflicts" in admin.get("/review").text  # linked from the review page
            page = admin.get("/review/conflicts")
            assert page.status_code == 200 and f'<html lang="{lang}"' in page.text and words in page.text
            assert 'href="/records/2"' in page.text and "web:admin" in page.text and "web:editor" in page.text
        seen = re.search(r'name="seen" value="(\d+)"', page.text).group(1)
        settled = admin.post("/review/decide", data={**form, "seen": seen, "decision": "same", "back": "conflicts",
                                                     "csrf_token": csrf_from(page.text)})
        assert settled.status_code == 303 and settled.headers["location"] == "/review/conflicts"
        assert conflicts(ws) == []
        assert "No open conflicts" in admin.get("/review/conflicts").text
        assert editor.get("/review/conflicts").status_code == 200     # an editor's page
        assert login(base, "viewer").get("/review/conflicts").status_code in (302, 303, 403)
