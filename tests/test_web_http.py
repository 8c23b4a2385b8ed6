"""The real app over HTTP (uvicorn on loopback, httpx): sessions, CSRF, rate limiting, tokens, imports as
background jobs, search across spellings, auditing of reads, and public mode."""

from __future__ import annotations

import httpx
import pytest

from test_web_support import PASSWORD, csrf_from, login, make_users, serve, synthetic_csv, wait_job


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("http") / "ws")
    users = make_users(ws.database_url)
    with serve(ws) as base:
        yield ws, base, users
    dispose_engines()


def audit_events(url: str, action: str) -> list:
    from sqlalchemy import select

    from reckon.store.db import session_scope
    from reckon.store.models import AuditEvent

    with session_scope(url) as s:
        return [(e.actor, e.target_ids, e.details) for e in
                s.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).scalars()]


def test_session_cookie_flags_and_logout(site) -> None:
    _, base, _ = site
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
        page = client.get("/login")
        r = client.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": csrf_from(page.text)})
        assert r.status_code == 303
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
        assert client.get("/").status_code == 200
        # logout without the CSRF token is refused; with it the session ends
        assert client.post("/logout").status_code == 403
        token = csrf_from(client.get("/").text)
        assert client.post("/logout", data={"csrf_token": token}).status_code == 303
        assert client.get("/").status_code == 303


def test_forwarded_proto_ignored_without_a_configured_proxy(site) -> None:
    """(tests/test_security_accounts.py checks the Secure cookie behind a configured proxy.)"""
    _, base, _ = site
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
        r = client.get("/login", headers={"X-Forwarded-Proto": "https"})
        assert "secure" not in r.headers["set-cookie"].lower()


def test_csrf_required_for_cookie_sessions_on_api(site) -> None:
    _, base, users = site
    client = login(base, "editor")
    assert client.post("/api/link").status_code == 403  # cookie alone is not enough
    # the same call with a Bearer token needs no CSRF token (no ambient credential involved)
    r = httpx.post(base + "/api/review/decisions", json={"record_a": 1, "record_b": 2, "decision": "same"},
                   headers=users.headers("editor"), timeout=60)
    assert r.status_code != 403


def test_wrong_password_then_rate_limited(site) -> None:
    ws, base, _ = site
    from reckon.services.accounts import add_user

    add_user(ws.database_url, "mallory-target", "viewer", PASSWORD)
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
        for _ in range(5):
            token = csrf_from(client.get("/login").text)
            r = client.post("/login", data={"username": "mallory-target", "password": "wrong-password",
                                            "csrf_token": token})
            assert r.status_code == 401
        token = csrf_from(client.get("/login").text)
        r = client.post("/login", data={"username": "mallory-target", "password": PASSWORD, "csrf_token": token})
        assert r.status_code == 429  # even the right password waits now
    assert audit_events(ws.database_url, "login.rate_limited")


def test_unknown_user_and_bad_token(site) -> None:
    _, base, _ = site
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
        token = csrf_from(client.get("/login").text)
        r = client.post("/login", data={"username": "nobody", "password": PASSWORD, "csrf_token": token})
        assert r.status_code == 401
        assert client.get("/api/me", headers={"Authorization": "Bearer rk_forged"}).status_code == 401
        assert client.get("/api/me").status_code == 401


def test_api_token_identifies_user(site) -> None:
    _, base, users = site
    r = httpx.get(base + "/api/me", headers=users.headers("analyst"), timeout=60)
    assert r.json() == {"name": "analyst", "role": "analyst", "via": "token"}


def test_security_headers(site) -> None:
    _, base, _ = site
    r = httpx.get(base + "/login", timeout=60)
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert "cdn" not in r.text.lower() and "https://" not in r.text


def test_import_job_search_and_audit(site, tmp_path) -> None:
    ws, base, users = site
    csv_path = synthetic_csv(tmp_path / "partner_list.csv", n=60)
    with httpx.Client(base_url=base, timeout=60) as client:
        with open(csv_path, "rb") as handle:
            r = client.post("/api/imports", files={"file": ("partner_list.csv", handle, "text/csv")},
                            data={"source": "Partner list"}, headers=users.headers("editor"))
        assert r.status_code == 202, r.text
        job = wait_job(client, r.json()["job_id"], users.headers("viewer"))
        assert job["status"] == "done", job
        assert job["percent"] == 100.0
        stats = client.get("/api/stats", headers=users.headers("viewer")).json()
        assert stats["records_total"] == 60
        assert sum(stats["records_by_region"].values()) == 60
        # the same name in another script and spelling finds the record
        query = "Dubrakov"  # a Latin spelling finds the Cyrillic record (reckon.names' search terms)
        found = client.get("/api/persons", params={"q": query}, headers=users.headers("analyst")).json()
        assert any(r["full_name"] == "Дубракоў Іван" for r in found), found
        # the read was audited with who, what and which records
        events = audit_events(ws.database_url, "read.search")
        actor, ids, _ = events[-1]
        assert actor == "web:analyst" and set(ids) == {r["id"] for r in found}
        rec_id = found[0]["id"]
        rec = client.get(f"/api/records/{rec_id}", headers=users.headers("analyst")).json()
        assert rec["raw"]["full_name"] == "Дубракоў Іван"
        assert audit_events(ws.database_url, "read.record")[-1][:2] == ("web:analyst", [rec_id])
        # the page shows the quarantine and source detail; admins read the audit log
        src = client.get("/api/sources", headers=users.headers("viewer")).json()
        assert src[0]["records"] == 60
        log = client.get("/api/audit", params={"action": "read.record"}, headers=users.headers("admin")).json()
        assert log and log[0]["target_ids"] == [rec_id]
        # exports are audited too
        csv_text = client.get("/export/records.csv", headers=users.headers("analyst")).text
        assert csv_text.count("\n") == 61
        assert audit_events(ws.database_url, "export.records")[-1][0] == "web:analyst"


def test_public_mode_shows_no_names_and_hides_small_cells(tmp_path) -> None:
    from reckon.config import init_workspace
    from reckon.ingest import import_file

    ws = init_workspace(tmp_path / "ws")
    import_file(ws, synthetic_csv(tmp_path / "list.csv", n=80, seed=3), "List A")
    with serve(ws, public=True) as base:
        stats = httpx.get(base + "/api/stats", timeout=60).json()
        regions = dict(zip(stats["records_by_region"]["labels"], stats["records_by_region"]["counts"], strict=True))
        assert all(v is None or v == 0 or v >= 5 for v in regions.values())
        assert None in regions.values()  # the synthetic list has small regions
        page = httpx.get(base + "/", timeout=60).text
        for name in ("Дубракоў", "Іван", "Palesnikava"):
            assert name not in page and name not in str(stats)
        assert httpx.get(base + "/login", timeout=60).status_code == 404
        report = httpx.get(base + "/report/public", timeout=60)
        assert report.status_code == 200 and "<svg" in report.text and "Дубракоў" not in report.text


def test_job_page_and_unavailable_stages_degrade(site) -> None:
    _, base, users = site
    h = users.headers("admin")
    for path in ("/review", "/estimates", "/officials", "/articles", "/"):
        r = httpx.get(base + path, headers=h, timeout=60)
        assert r.status_code == 200, path
    assert httpx.get(base + "/jobs/999999", headers=h, timeout=60).status_code == 404


def test_both_backends_end_to_end(workspace, tmp_path) -> None:
    """SQLite and PostgreSQL: import through the API, aggregates, search, escaping of what lists contain."""
    import csv

    users = make_users(workspace.database_url)
    path = tmp_path / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_name", "birth_date", "region", "status"])
        writer.writerow(["1", "<script>alert(1)</script> Дубракоў", "1975-05-05", "Minsk", "in custody"])
        for i in range(2, 12):
            writer.writerow([str(i), f"Іваноў Пётр{'' if i % 2 else ' Сяргеевіч'}", "1980", "Brest", "released"])
    with serve(workspace) as base, httpx.Client(base_url=base, timeout=60) as client:
        with open(path, "rb") as handle:
            r = client.post("/api/imports", files={"file": ("list.csv", handle, "text/csv")},
                            data={"source": "Escapes"}, headers=users.headers("admin"))
        job = wait_job(client, r.json()["job_id"], users.headers("admin"))
        assert job["status"] == "done", job
        stats = client.get("/api/stats", headers=users.headers("viewer")).json()
        assert stats["records_total"] == 11 and stats["records_by_region"] == {"Brest": 10, "Minsk": 1}
        hits = client.get("/api/persons", params={"q": "Іваноў Пётр"}, headers=users.headers("analyst")).json()
        assert len(hits) == 10
        hits = client.get("/api/persons", params={"q": "Дубракоў"}, headers=users.headers("analyst")).json()
        assert len(hits) == 1
        page = client.get(f"/records/{hits[0]['id']}", headers=users.headers("analyst")).text
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_one_job_of_a_kind_at_a_time(site) -> None:
    """While a linkage job runs (claimed by a worker), another start gets 409 with the running job to follow."""
    from reckon.store import jobs as queue

    ws, base, users = site
    job_id = queue.enqueue(ws.database_url, "link", "test", {})  # what jobs.start writes ...
    assert queue.claim(ws.database_url, job_id) is not None  # ... and a worker (here: this test) runs
    try:
        r = httpx.post(base + "/api/link", headers=users.headers("editor"), timeout=60)
        assert r.status_code == 409 and r.json()["job_id"] == job_id
        page = login(base, "editor")
        token = csrf_from(page.get("/review").text)
        r = page.post("/link/run", data={"csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == f"/jobs/{job_id}"
    finally:
        queue.finish(ws.database_url, job_id, {"status": "done", "result": {}})
    with httpx.Client(base_url=base, timeout=60) as client:
        assert wait_job(client, job_id, users.headers("viewer"))["status"] == "done"


def test_preview_then_import_shows_quarantine(site, tmp_path) -> None:
    """The page flow: upload → preview of the inferred mapping → import job → the import's quarantine."""
    import re

    ws, base, _ = site
    path = tmp_path / "with_bad_rows.csv"
    path.write_text("id,full_name,birth_date,region\n1,Новік Ганна,1990-02-03,Minsk\n2,,1991-01-01,Brest\n"
                    "3,Жук Андрэй,1985-13-45,Hrodna\n4,Кароткі Радок\n", encoding="utf-8")
    client = login(base, "editor")
    token = csrf_from(client.get("/imports/new").text)
    with open(path, "rb") as handle:
        r = client.post("/imports/preview", data={"csrf_token": token, "source": "Bad rows"},
                        files={"file": ("with_bad_rows.csv", handle, "text/csv")})
    assert r.status_code == 200 and "column in the file" in r.text and "with_bad_rows.csv" in r.text
    assert "Rows stored with a warning" in r.text and "cells missing: 2" in r.text  # the short row 5, kept
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', r.text).group(1)
    r = client.post("/imports", data={"csrf_token": csrf_from(r.text), "upload_id": upload_id,
                                      "source": "Bad rows", "file_name": "with_bad_rows.csv"})
    assert r.status_code == 303
    job_id = int(r.headers["location"].rsplit("/", 1)[1])
    job = wait_job(client, job_id)
    assert job["status"] == "done", job
    import_id = job["result"]["import_id"]
    assert [w["row"] for w in job["result"]["warnings"]] == [5]
    assert "cells missing: 2" in client.get(f"/jobs/{job_id}").text
    analyst = login(base, "analyst")
    page = analyst.get(f"/imports/{import_id}").text
    assert "Quarantined rows" in page and "Жук Андрэй" in page  # the raw row, kept whole
    assert "Rows stored with a warning" in page and "cells missing: 2" in page  # the short row, stored
    assert not (ws.root / "uploads" / upload_id).exists()  # the upload is gone once imported
    events = audit_events(ws.database_url, "read.quarantine")
    assert events[-1][0] == "web:analyst" and len(events[-1][1]) == 2
