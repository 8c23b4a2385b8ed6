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
from reckon.i18n import N_, _, number, role_label

users_app = typer.Typer(help=N_("Users of the web app and their API tokens."), no_args_is_help=True)


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    """The password from standard input, else asked (twice, to confirm) in the terminal's language.

    Why our own second prompt: Click's confirmation prompt and its mismatch error are English words
    ("Repeat for confirmation:", "Error: The two entered values do not match.") on a Belarusian screen."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    while True:
        first = typer.prompt(_("Password"), hide_input=True)
        if not confirm or typer.prompt(_("Repeat for confirmation"), hide_input=True) == first:
            return first
        err_console.print(_("The two passwords differ; type them again."), highlight=False)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help=N_("User name (used to log in).")),
    role: str = typer.Option(..., "--role", "-r", help=N_("viewer, analyst, editor or admin.")),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=N_("Read the password from standard input.")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Create a user (the password is asked for, or read from standard input)."""
    from reckon.services.accounts import add_user

    ws = workspace(workspace_dir)
    user = add_user(ws.database_url, name, role, _read_password(password_stdin))
    console.print(_("added user %(name)s (%(role)s)") % {"name": user["name"], "role": role_label(user["role"])})


@users_app.command("list")
def users_list(workspace_dir: Path | None = WorkspaceOption, fmt=FormatOption) -> None:
    """List users, their roles and how many live API tokens each has."""
    from reckon.services.accounts import list_users

    rows = list_users(workspace(workspace_dir).database_url)
    emit_rows(rows, ["name", "role", "tokens", "totp", "last_login_at", "disabled"], fmt, title=_("users"))


token_app = typer.Typer(help=N_("API tokens: create, list, revoke."), no_args_is_help=True)
users_app.add_typer(token_app, name="token")


@token_app.command("add")
def token_add(
    name: str = typer.Argument(..., help=N_("The user the token acts as.")),
    label: str = typer.Option("", "--label", help=N_("What the token is for (shown in the token list).")),
    days: int = typer.Option(90, "--days", help=N_("Days until the token expires (1-366).")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Create an API token for scripts (send it as `Authorization: Bearer TOKEN`). Shown once."""
    from reckon.services.accounts import create_token

    token = create_token(workspace(workspace_dir).database_url, name, label, days=days)
    err_console.print(_("keep this token secret; it is shown only now and expires in %(days)s days:") % {"days": days})
    print(token)


@token_app.command("list")
def token_list(
    name: str | None = typer.Argument(None, help=N_("Only this user's tokens.")),
    workspace_dir: Path | None = WorkspaceOption, fmt=FormatOption,
) -> None:
    """List API tokens (never the tokens themselves): user, label, prefix, expiry, state."""
    from reckon.services.accounts import list_tokens

    rows = list_tokens(workspace(workspace_dir).database_url, name)
    emit_rows(rows, ["id", "user", "label", "prefix", "expires_at", "last_used_at", "state"], fmt, title=_("tokens"))


@token_app.command("revoke")
def token_revoke(token_id: int = typer.Argument(..., help=N_("The id from `reckon users token list`.")),
                 workspace_dir: Path | None = WorkspaceOption) -> None:
    """Revoke one API token at once."""
    from reckon.services.accounts import revoke_token

    revoke_token(workspace(workspace_dir).database_url, token_id)
    console.print(_("token %(id)s revoked") % {"id": token_id})


@users_app.command("disable")
def users_disable(name: str = typer.Argument(..., help=N_("User name (used to log in).")), workspace_dir: Path | None = WorkspaceOption) -> None:
    """Cut a user off now: every session ends and every API token is refused (see docs/security.md)."""
    from reckon.services.accounts import set_disabled

    set_disabled(workspace(workspace_dir).database_url, name, True)
    console.print(_("%(name)s is disabled; their sessions have ended and their tokens are refused") % {"name": name})


@users_app.command("enable")
def users_enable(name: str = typer.Argument(..., help=N_("User name (used to log in).")), workspace_dir: Path | None = WorkspaceOption) -> None:
    """Let a disabled user log in again (their old sessions stay ended)."""
    from reckon.services.accounts import set_disabled

    set_disabled(workspace(workspace_dir).database_url, name, False)
    console.print(_("%(name)s is enabled") % {"name": name})


@users_app.command("role")
def users_role(name: str = typer.Argument(..., help=N_("User name (used to log in).")), role: str = typer.Argument(..., help=N_("viewer, analyst, editor or admin.")),
               workspace_dir: Path | None = WorkspaceOption) -> None:
    """Change a user's role (effective on their next request)."""
    from reckon.services.accounts import set_role

    set_role(workspace(workspace_dir).database_url, name, role)
    console.print(_("%(name)s is now %(role)s") % {"name": name, "role": role_label(role)})


@users_app.command("totp")
def users_totp(name: str = typer.Argument(..., help=N_("User name (used to log in).")),
               remove: bool = typer.Option(False, "--remove", help=N_("Remove the user's second factor.")),
               workspace_dir: Path | None = WorkspaceOption) -> None:
    """Set up (or replace) a user's TOTP second factor; prints the secret and recovery codes once."""
    from reckon.services import twofactor

    url = workspace(workspace_dir).database_url
    if remove:
        twofactor.remove(url, name)
        console.print(_("%(name)s has no second factor now") % {"name": name})
        return
    enrolled = twofactor.enrol(url, name)
    err_console.print(_("give these to the user over a safe channel; they are shown only now."))
    err_console.print(_("add to an authenticator app (scan or paste):"))
    print(enrolled["uri"])
    print(_("secret: %(secret)s") % {"secret": enrolled["secret"]})
    print(_("recovery codes (each works once): %(codes)s") % {"codes": " ".join(enrolled["recovery_codes"])})


@users_app.command("password")
def users_password(
    name: str = typer.Argument(..., help=N_("User name (used to log in).")),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=N_("Read the password from standard input.")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Set a user's password (ends all of their sessions)."""
    from reckon.services.accounts import set_password

    set_password(workspace(workspace_dir).database_url, name, _read_password(password_stdin))
    console.print(_("password of %(name)s changed; their sessions have ended") % {"name": name})


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help=N_("Address to listen on (keep loopback behind a TLS proxy).")),
    port: int = typer.Option(8000, "--port", help=N_("Port to listen on.")),
    public: bool = typer.Option(False, "--public", help=N_("Serve only aggregates with small-cell suppression, no login.")),
    trusted_proxy: list[str] = typer.Option([], "--trusted-proxy", help=N_("Address of a TLS proxy whose "
                                            "X-Forwarded-For/-Proto to believe (repeat; also trusted_proxies in "
                                            "reckon.toml's web table).")),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help=N_("Server processes (jobs live in the "
                                "database, so a job started through one is followed through any).")),
    no_worker: bool = typer.Option(False, "--no-worker", help=N_("With --workers N > 1: run no job worker here; "
                                   "run `reckon worker` separately (e.g. its own systemd unit).")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Run the web app and the JSON API (docs at /api/docs)."""
    import os

    import uvicorn

    os.umask(0o077)
    ws = workspace(workspace_dir)
    mode = _("public aggregates only") if public else _("log in with a user from `reckon users add`")
    err_console.print(_("reckon serving %(folder)s on %(address)s (%(mode)s, %(workers)s process(es))")
                      % {"folder": ws.root, "address": f"http://{host}:{port}", "mode": mode, "workers": workers})
    # Forwarded headers are read by reckon itself, from the configured proxies only (web.security).
    if workers == 1:
        from reckon.web.app import create_app

        app = create_app(ws, public=public, trusted_proxies=trusted_proxy)  # runs its own jobs in a thread
        uvicorn.run(app, host=host, port=port, proxy_headers=False, log_level="warning")
        return
    import subprocess

    os.environ.update({"RECKON_WORKSPACE": str(ws.root), "RECKON_SERVE_PUBLIC": "1" if public else "0",
                       "RECKON_TRUSTED_PROXIES": ",".join(trusted_proxy), "RECKON_JOBS": "external"})
    job_worker = None
    if not no_worker:
        job_worker = subprocess.Popen([sys.executable, "-m", "reckon", "worker", "--workspace", str(ws.root)])
    try:
        # Each process builds the app on start (name data, dashboard warm-up hold the GIL for seconds on a
        # busy machine): uvicorn's 5 s health check would kill them as hung.
        uvicorn.run("reckon.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    proxy_headers=False, log_level="warning", timeout_worker_healthcheck=120)
    finally:
        if job_worker is not None:
            job_worker.terminate()
            job_worker.wait(30)


def worker(
    once: bool = typer.Option(False, "--once", help=N_("Run the queued jobs, then stop.")),
    poll: float = typer.Option(1.0, "--poll", min=0.1, help=N_("Seconds between looks at an empty queue.")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Run queued jobs (imports, linkage, estimates, search index) started through any server process."""
    import signal
    import threading

    from reckon.web.worker import run_forever

    ws = workspace(workspace_dir)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):  # finish the job in hand, then stop
        signal.signal(sig, lambda *_: stop.set())
    err_console.print(_("reckon worker on %(folder)s: waiting for jobs") % {"folder": ws.root})
    ran = run_forever(ws, poll_s=poll, once=once, stop=stop)
    err_console.print(_("reckon worker stopped after %(n)s job(s)") % {"n": ran})


def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help=N_("report.html or report.pdf")),
    public: bool = typer.Option(False, "--public", help=N_("Only suppressed aggregates, for publication.")),
    lang: str | None = typer.Option(None, "--lang", help=N_("be, ru or en (default: the language in "
                                    "reckon.toml's web table, else be).")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Write the dashboard as one self-contained HTML or PDF file (plots inline, no external assets)."""
    from reckon import i18n
    from reckon.errors import ConfigError
    from reckon.report.build import default_language, write_report

    if lang is not None and i18n.normalise(lang) is None:
        raise ConfigError.of(N_("--lang must be one of %(languages)s, not %(lang)r"),
                             languages=", ".join(i18n.LANGUAGES), lang=lang)
    ws = workspace(workspace_dir)
    path = write_report(ws, out, public=public, lang=lang)
    with i18n.use(lang or default_language(ws)):   # said in the report's own language
        console.print(i18n.gettext("wrote %(path)s") % {"path": path})


def backup(
    file: Path = typer.Argument(..., help=N_("Where to write the backup.")),
    fmt: str = typer.Option(None, "--format", help=N_("sqlite (SQLite workspaces) or json (portable, any database).")),
    recipient: list[str] = typer.Option([], "--recipient", "-r", help=N_("Encrypt to this age public key (age1...) "
                                        "instead of the workspace passphrase; repeat for several.")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Back up the workspace's database while it is in use (age-encrypted for an encrypted workspace)."""
    from reckon.services.backup import backup as do_backup

    ws = workspace(workspace_dir, any_schema=True)
    result = do_backup(ws.database_url, file, fmt=fmt, recipients=recipient or None)
    audit_cli(ws, "cli.backup", format=result["format"], recipients=len(recipient))
    rows = sum(result["tables"].values())
    console.print(_("backed up %(rows)s rows in %(tables)s tables to %(file)s (%(format)s)")
                  % {"rows": number(rows), "tables": len(result["tables"]), "file": file, "format": result["format"]})


def restore(
    file: Path = typer.Argument(..., help=N_("A backup made by `reckon backup`.")),
    yes: bool = typer.Option(False, "--yes", help=N_("Do not ask before replacing the database's contents.")),
    identity: Path | None = typer.Option(None, "--identity", "-i", help=N_("age key file for a backup made with "
                                         "--recipient (else the passphrase opens it).")),
    workspace_dir: Path | None = WorkspaceOption,
) -> None:
    """Replace the workspace's database with a backup (stop `reckon serve` first)."""
    from reckon.services.backup import restore as do_restore

    ws = workspace(workspace_dir, any_schema=True)
    if not yes and not typer.confirm(_("Replace everything in %(folder)s's database with %(file)s?")
                                     % {"folder": ws.root, "file": file}):
        raise typer.Abort()
    result = do_restore(ws.database_url, file, identity=identity)
    audit_cli(ws, "cli.restore", tables=len(result["tables"]))
    rows = sum(result["tables"].values())
    console.print(_("restored %(rows)s rows in %(tables)s tables from %(file)s")
                  % {"rows": number(rows), "tables": len(result["tables"]), "file": file})


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.add_typer(users_app, name="users")
    app.command("serve")(serve)
    app.command("worker")(worker)
    app.command("report")(report)
    app.command("backup")(backup)
    app.command("restore")(restore)
