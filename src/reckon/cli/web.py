"""CLI commands of the web stage: serve, users, report, backup and restore."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from reckon.cli.common import (
    FormatOption,
    WorkspaceOption,
    audit_cli,
    console,
    emit_rows,
    err_console,
    workspace,
)

users_app = typer.Typer(help="Users of the web app and their API tokens.", no_args_is_help=True)


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="User name (used to log in)."),
    role: str = typer.Option(..., "--role", "-r", help="viewer, analyst, editor or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Create a user (the password is asked for, or read from standard input)."""
    from reckon.web.accounts import add_user

    ws = workspace(workspace_dir)
    user = add_user(ws.database_url, name, role, _read_password(password_stdin))
    console.print(f"added user {user['name']} ({user['role']})")


@users_app.command("list")
def users_list(workspace_dir: Path | None = WorkspaceOption, fmt=FormatOption) -> None:
    """List users, their roles and how many live API tokens each has."""
    from reckon.web.accounts import list_users

    rows = list_users(workspace(workspace_dir).database_url)
    emit_rows(rows, ["name", "role", "tokens", "last_login_at", "disabled"], fmt, title="users")


@users_app.command("token")
def users_token(
    name: str = typer.Argument(..., help="The user the token acts as."),
    label: str = typer.Option("", "--label", help="What the token is for (shown in the user list)."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Create an API token for scripts (send it as `Authorization: Bearer TOKEN`). Shown once."""
    from reckon.web.accounts import create_token

    token = create_token(workspace(workspace_dir).database_url, name, label)
    err_console.print("keep this token secret; it is shown only now:")
    print(token)


@users_app.command("password")
def users_password(
    name: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Set a user's password (ends all of their sessions)."""
    from reckon.web.accounts import set_password

    set_password(workspace(workspace_dir).database_url, name, _read_password(password_stdin))
    console.print(f"password of {name} changed; their sessions have ended")


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (keep loopback behind a TLS proxy)."),
    port: int = typer.Option(8000, "--port"),
    public: bool = typer.Option(False, "--public", help="Serve only aggregates with small-cell suppression, no login."),
    trusted_proxy: list[str] = typer.Option([], "--trusted-proxy", help="Address of a TLS proxy whose "
                                            "X-Forwarded-For/-Proto to believe (repeat; also [web] trusted_proxies)."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Run the web app and the JSON API (docs at /api/docs)."""
    import os

    import uvicorn

    from reckon.web.app import create_app

    os.umask(0o077)
    ws = workspace(workspace_dir)
    app = create_app(ws, public=public, trusted_proxies=trusted_proxy)
    mode = "public aggregates only" if public else "log in with a user from `reckon users add`"
    err_console.print(f"reckon serving {ws.root} on http://{host}:{port} ({mode})")
    # Forwarded headers are read by reckon itself, from the configured proxies only (web.security).
    uvicorn.run(app, host=host, port=port, proxy_headers=False, log_level="warning")


def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="report.html or report.pdf"),
    public: bool = typer.Option(False, "--public", help="Only suppressed aggregates, for publication."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Write the dashboard as one self-contained HTML or PDF file (plots inline, no external assets)."""
    from reckon.report.build import write_report

    path = write_report(workspace(workspace_dir), out, public=public)
    console.print(f"wrote {path}")


def backup(
    file: Path = typer.Argument(..., help="Where to write the backup."),
    fmt: str = typer.Option(None, "--format", help="sqlite (SQLite workspaces) or json (portable, any database)."),
    recipient: list[str] = typer.Option([], "--recipient", "-r", help="Encrypt to this age public key (age1...) "
                                        "instead of the workspace passphrase; repeat for several."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Back up the workspace's database while it is in use (age-encrypted for an encrypted workspace)."""
    from reckon.web.backup import backup as do_backup

    ws = workspace(workspace_dir)
    result = do_backup(ws.database_url, file, fmt=fmt, recipients=recipient or None)
    audit_cli(ws, "cli.backup", format=result["format"], recipients=len(recipient))
    rows = sum(result["tables"].values())
    console.print(f"backed up {rows} rows in {len(result['tables'])} tables to {file} ({result['format']})")


def restore(
    file: Path = typer.Argument(..., help="A backup made by `reckon backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask before replacing the database's contents."),
    identity: Path | None = typer.Option(None, "--identity", "-i", help="age key file for a backup made with "
                                         "--recipient (else the passphrase opens it)."),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Replace the workspace's database with a backup (stop `reckon serve` first)."""
    from reckon.web.backup import restore as do_restore

    ws = workspace(workspace_dir)
    if not yes and not typer.confirm(f"Replace everything in {ws.root}'s database with {file}?"):
        raise typer.Abort()
    result = do_restore(ws.database_url, file, identity=identity)
    audit_cli(ws, "cli.restore", tables=len(result["tables"]))
    rows = sum(result["tables"].values())
    console.print(f"restored {rows} rows in {len(result['tables'])} tables from {file}")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.add_typer(users_app, name="users")
    app.command("serve")(serve)
    app.command("report")(report)
    app.command("backup")(backup)
    app.command("restore")(restore)
