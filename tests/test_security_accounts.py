"""Account rules over HTTP, with real sessions: the real app under uvicorn, httpx clients, the real database.

Logout and "log out everywhere" end sessions on the server, sessions idle out, revoked, expired and
password-changed tokens are refused, a disabled user is refused everywhere, TOTP is required where the
workspace says so, a stranger's bad logins cannot lock the admin out, X-Forwarded-For is believed only
from configured proxies, bodies are limited before authentication and jobs per user.
"""

from __future__ import annotations

import socket
import time
from datetime import timedelta

import httpx
import pyotp
import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.web import ApiToken, Job, WebSession, WebState, WebUser
from test_web_support import PASSWORD, csrf_from, login, make_users, serve

PROXY = ("127.0.0.1",)  # the test clients stand in for a TLS proxy and pick the client address they forward


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("sec") / "ws")
    ws.config_path.write_text(ws.config_path.read_text() + "\n[web]\nrequire_totp = true\n")
    users = make_users(ws.database_url)
    with serve(ws, trusted_proxies=PROXY) as base:
        yield ws, base, users
    dispose_engines()


def cli(ws, *args: str, input: str | None = None):
    from reckon.cli import _build

    r = CliRunner().invoke(_build(), [*args, "-w", str(ws.root)], input=input)
    assert r.exit_code == 0, r.output
    return r


def new_user(ws, name: str, role: str = "viewer") -> None:
    cli(ws, "users", "add", name, "--role", role, "--password-stdin", input=PASSWORD + "\n")


def form_login(base: str, name: str, password: str = PASSWORD, code: str = "", client_ip: str = "198.51.100.1"):
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=60, headers={"X-Forwarded-For": client_ip})
    page = client.get("/login")
    r = client.post("/login", data={"username": name, "password": password, "code": code,
                                    "csrf_token": csrf_from(page.text)})
    return client, r


def test_logout_ends_the_session_on_the_server(site) -> None:
    ws, base, _ = site
    client = login(base, "viewer")
    stolen = dict(client.cookies)
    assert client.get("/").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)}).status_code == 303
    # the cookie copied before logout is worthless now
    with httpx.Client(base_url=base, cookies=stolen, follow_redirects=False, timeout=60) as thief:
        assert thief.get("/").status_code == 303
        assert thief.get("/api/me").status_code == 401


def test_log_out_everywhere_ends_every_session(site) -> None:
    ws, base, _ = site
    laptop, phone = login(base, "analyst"), login(base, "analyst")
    assert phone.get("/persons").status_code == 200
    r = laptop.post("/logout/everywhere", data={"csrf_token": csrf_from(laptop.get("/").text)})
    assert r.status_code == 303
    assert phone.get("/persons").status_code == 303 and laptop.get("/persons").status_code == 303


def test_idle_session_times_out(site) -> None:
    ws, base, _ = site
    client = login(base, "viewer")
    assert client.get("/api/me").status_code == 200
    with session_scope(ws.database_url) as s:  # the clock moves on: 31 idle minutes
        s.execute(update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    assert client.get("/api/me").status_code == 401


def test_revoked_expired_and_password_changed_tokens_are_refused(site) -> None:
    ws, base, _ = site
    new_user(ws, "scripter")

    def token() -> str:
        return cli(ws, "users", "token", "add", "scripter", "--days", "7").stdout.strip().splitlines()[-1]

    def status(tok: str) -> int:
        return httpx.get(base + "/api/me", headers={"Authorization": f"Bearer {tok}"}, timeout=60).status_code

    a, b, c = token(), token(), token()
    assert status(a) == status(b) == status(c) == 200
    listed = cli(ws, "users", "token", "list", "scripter", "--format", "csv").stdout
    assert a not in listed and listed.count(",live") == 3
    first_id = listed.splitlines()[1].split(",")[0]
    cli(ws, "users", "token", "revoke", first_id)
    assert status(a) == 401 and status(b) == 200
    with session_scope(ws.database_url) as s:  # b's week is over
        s.execute(update(ApiToken).where(ApiToken.prefix == b[:10]).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert status(b) == 401 and status(c) == 200
    cli(ws, "users", "password", "scripter", "--password-stdin", input="an entirely different passphrase\n")
    assert status(c) == 401
    states = cli(ws, "users", "token", "list", "scripter", "--format", "csv").stdout
    assert states.count(",revoked") == 3 and ",live" not in states


def test_a_disabled_user_is_refused_everywhere(site) -> None:
    ws, base, _ = site
    new_user(ws, "leaver", "analyst")
    tok = cli(ws, "users", "token", "add", "leaver").stdout.strip().splitlines()[-1]
    browser = login(base, "leaver")
    assert browser.get("/persons").status_code == 200
    cli(ws, "users", "disable", "leaver")
    assert browser.get("/persons").status_code == 303
    assert httpx.get(base + "/api/me", headers={"Authorization": f"Bearer {tok}"}, timeout=60).status_code == 401
    _, r = form_login(base, "leaver")
    assert r.status_code == 401
    cli(ws, "users", "enable", "leaver")
    cli(ws, "users", "role", "leaver", "viewer")
    again = login(base, "leaver")
    assert again.get("/persons").status_code == 403  # enabled again, with the lower role at once


def test_totp_is_required_for_editors_and_admins_here(site) -> None:
    ws, base, _ = site
    new_user(ws, "ed", "editor")
    _, r = form_login(base, "ed")
    assert r.status_code == 401 and "needs a second factor" in r.text
    out = cli(ws, "users", "totp", "ed").stdout
    secret = out.split("secret: ")[1].split()[0]
    recovery = out.split("recovery codes (each works once): ")[1].split()
    assert len(recovery) == 10
    _, r = form_login(base, "ed")
    assert r.status_code == 401 and "6-digit code" in r.text
    _, r = form_login(base, "ed", code="000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert r.status_code == 401
    code = pyotp.TOTP(secret).now()
    client, r = form_login(base, "ed", code=code)
    assert r.status_code == 303 and client.get("/review").status_code == 200
    _, r = form_login(base, "ed", code=code)
    assert r.status_code == 401  # the same code never works twice
    _, r = form_login(base, "ed", code=recovery[0])
    assert r.status_code == 303
    _, r = form_login(base, "ed", code=recovery[0])
    assert r.status_code == 401  # nor does a recovery code
    # a viewer needs no second factor; an admin does
    assert form_login(base, "viewer")[1].status_code == 303
    assert "needs a second factor" in form_login(base, "admin")[1].text


def test_strangers_cannot_lock_the_admin_out(site) -> None:
    ws, base, _ = site
    new_user(ws, "chief", "viewer")
    home = "198.51.100.7"
    assert form_login(base, "chief", client_ip=home)[1].status_code == 303
    refused = 0
    for i in range(12):  # a botnet: 12 addresses, 5 wrong guesses each, then more
        for _ in range(6):
            _, r = form_login(base, "chief", "wrong guess", client_ip=f"203.0.113.{i}")
            refused += r.status_code == 429
    assert refused >= 12  # each address is stopped after 5 tries
    _, r = form_login(base, "chief", client_ip="192.0.2.99")
    assert r.status_code == 429  # a new address is refused for this name while the attack goes on ...
    client, r = form_login(base, "chief", client_ip=home)
    assert r.status_code == 303 and client.get("/").status_code == 200  # ... but not the user's own machine


def test_forwarded_for_is_ignored_from_unconfigured_peers(site, tmp_path) -> None:
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "plain")
    make_users(ws.database_url)
    with serve(ws) as base:  # no trusted proxy: a client cannot pick the address limits count against
        codes = [form_login(base, "viewer", "wrong guess", client_ip=f"10.9.8.{i}")[1].status_code for i in range(7)]
        assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
        r = httpx.get(base + "/login", headers={"X-Forwarded-Proto": "https"}, timeout=60)
        assert "secure" not in r.headers["set-cookie"].lower()
    r = httpx.get(site[1] + "/login", headers={"X-Forwarded-Proto": "https"}, timeout=60)
    assert "secure" in r.headers["set-cookie"].lower()  # from the configured proxy it is believed


def _raw_post(base: str, headers: str, body_chunks: list[bytes]) -> str:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"POST /login HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode())
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(30)
        return sock.recv(4096).decode(errors="replace")


def test_body_limit_holds_before_authentication(site) -> None:
    ws, base, users = site
    # a declared 1.5 GB body is refused before a byte of it is read
    started = time.monotonic()
    head = _raw_post(base, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1500000000\r\n", [])
    assert head.startswith("HTTP/1.1 413") and time.monotonic() - started < 10
    # an anonymous 1 MB form is refused too
    r = httpx.post(base + "/login", content=b"a=" + b"x" * 1_000_000, timeout=60,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    # so is a chunked body that grows past the limit while streaming
    chunk = b"x" * 32768
    chunked = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 8 + [b"0\r\n\r\n"]
    head = _raw_post(base, "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n", chunked)
    assert head.startswith("HTTP/1.1 413")
    # an authenticated client may send more than the anonymous limit
    r = httpx.post(base + "/api/review/decisions", json={"record_a": 1, "record_b": 2, "decision": "same",
                                                          "note": "n" * 100_000}, headers=users.headers("editor"),
                   timeout=60)
    assert r.status_code != 413


def test_jobs_are_limited_per_user(site) -> None:
    ws, base, users = site
    with session_scope(ws.database_url) as s:
        s.add_all(Job(kind="link", status="done", actor="web:editor") for _ in range(30))
    r = httpx.post(base + "/api/link", headers=users.headers("editor"), timeout=60)
    assert r.status_code == 429 and "jobs in the last hour" in r.json()["detail"]


def test_the_session_secret_lives_in_the_database(site) -> None:
    ws, _, _ = site
    assert not (ws.root / ".reckon-web-secret").exists()
    with session_scope(ws.database_url) as s:
        assert len(s.get(WebState, "session_secret").value["key"]) >= 48


def test_password_policy_refuses_short_and_common_passwords(site) -> None:
    from reckon.errors import ConfigError
    from reckon.services.accounts import add_user, check_password

    ws, _, _ = site
    for bad in ("short", "password123", "qwertyuiop", "iloveyou2020", "Password1!"):
        with pytest.raises(ConfigError):
            add_user(ws.database_url, "weak", "viewer", bad)
    with pytest.raises(ConfigError, match="refused"):
        check_password("marianna1985", "marianna")
    assert check_password("lantern cobalt orchard nine")
    with session_scope(ws.database_url) as s:
        assert s.query(WebUser).filter_by(name="weak").count() == 0
