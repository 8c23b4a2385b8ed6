"""`reckon users add|list|token|password`, through the real CLI app."""

from __future__ import annotations

from typer.testing import CliRunner


def run(args, input=None):
    from reckon.cli import _build

    return CliRunner().invoke(_build(), args, input=input)


def test_users_add_list_token_password(sqlite_workspace) -> None:
    from reckon.services.accounts import login, principal_from_token

    w = ["-w", str(sqlite_workspace.root)]
    r = run(["users", "add", "maria", "--role", "admin", "--password-stdin", *w], input="a long passphrase\n")
    assert r.exit_code == 0, r.output
    r = run(["users", "add", "oleg", "--role", "editor", *w], input="another passphrase\nanother passphrase\n")
    assert r.exit_code == 0, r.output
    r = run(["users", "list", "--format", "csv", *w])
    assert "maria,admin" in r.output and "oleg,editor" in r.output
    r = run(["users", "token", "add", "oleg", *w])
    token = r.stdout.strip().splitlines()[-1]
    who = principal_from_token(sqlite_workspace.database_url, token)
    assert who is not None and who.name == "oleg" and who.role == "editor"
    assert login(sqlite_workspace.database_url, "maria", "a long passphrase")[0].role == "admin"
    r = run(["users", "password", "maria", "--password-stdin", *w], input="a new passphrase\n")
    assert r.exit_code == 0
    assert login(sqlite_workspace.database_url, "maria", "a long passphrase") is None
    assert login(sqlite_workspace.database_url, "maria", "a new passphrase") is not None


def test_users_add_refuses_bad_input(sqlite_workspace) -> None:
    w = ["-w", str(sqlite_workspace.root)]
    r = run(["users", "add", "x", "--role", "overlord", "--password-stdin", *w], input="a long passphrase\n")
    assert r.exit_code != 0 and "unknown role" in str(r.exception)
    r = run(["users", "add", "x", "--role", "viewer", "--password-stdin", *w], input="short\n")
    assert r.exit_code != 0 and "at least 10" in str(r.exception)
    run(["users", "add", "x", "--role", "viewer", "--password-stdin", *w], input="a long passphrase\n")
    r = run(["users", "add", "x", "--role", "viewer", "--password-stdin", *w], input="a long passphrase\n")
    assert r.exit_code != 0 and "exists already" in str(r.exception)


def test_password_hashes_are_argon2(sqlite_workspace) -> None:
    from sqlalchemy import select

    from reckon.services.accounts import add_user, create_token
    from reckon.store.db import session_scope
    from reckon.store.web import ApiToken, WebUser

    add_user(sqlite_workspace.database_url, "u", "viewer", "a long passphrase")
    token = create_token(sqlite_workspace.database_url, "u")
    with session_scope(sqlite_workspace.database_url) as s:
        h = s.execute(select(WebUser.password_hash)).scalar()
        digests = s.execute(select(ApiToken.token_sha256)).scalars().all()
    assert h.startswith("$argon2id$") and "a long passphrase" not in h
    assert token not in digests and len(digests[0]) == 64
