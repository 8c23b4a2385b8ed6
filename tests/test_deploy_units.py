"""The systemd units in deploy/ name reckon commands and options that exist (asked of the Typer app itself),
and the proxy forwards to the port the server listens on (docs/deploy.md)."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest
import typer

try:  # Typer carries its own copy of Click since 0.2x; the commands are built from that one
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer on plain Click
    from click import exceptions as click_errors

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
UNITS = ("reckon-serve.service", "reckon-worker.service", "reckon-backup.service")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def check_reckon_command(argv: list[str]):
    """Parse ``argv`` (``…/reckon CMD [SUB] OPTIONS``) with the real CLI without running it: an unknown
    command, option or bad value raises click's error."""
    from reckon.cli import _build

    assert Path(argv[0]).name == "reckon", f"{argv[0]} is not the reckon command"
    root = typer.main.get_command(_build())
    ctx = root.context_class(root, info_name="reckon")
    command = root
    args = argv[1:]
    while hasattr(command, "list_commands"):  # a group: descend to the command it names
        assert args, "a group without its command"
        sub = command.get_command(ctx, args[0])
        if sub is None:
            raise click_errors.UsageError(f"no such command: {args[0]}")
        command, args, ctx = sub, args[1:], sub.context_class(sub, info_name=args[0], parent=ctx)
    return command.make_context(ctx.info_name, list(args), parent=ctx.parent)


@pytest.mark.parametrize("name", UNITS)
def test_every_exec_start_names_a_reckon_command_that_exists(name: str) -> None:
    service = unit(name)["Service"]
    starts = [line for line in service["ExecStart"].splitlines() if line.strip()]
    assert starts
    for line in starts:
        argv = shlex.split(line)
        ctx = check_reckon_command(argv)
        assert ctx.info_name == {"reckon-serve.service": "serve", "reckon-worker.service": "worker",
                                    "reckon-backup.service": "backup"}[name]
    assert service["User"] == "reckon" and service["UMask"] == "0077"
    assert "RECKON_WORKSPACE=" in service["Environment"]


def test_the_check_fails_on_a_command_or_option_that_does_not_exist() -> None:
    with pytest.raises(click_errors.UsageError):
        check_reckon_command(["/opt/reckon/venv/bin/reckon", "serv"])
    with pytest.raises(click_errors.NoSuchOption):
        check_reckon_command(["/opt/reckon/venv/bin/reckon", "serve", "--threads", "4"])
    with pytest.raises(click_errors.BadParameter):
        check_reckon_command(["/opt/reckon/venv/bin/reckon", "serve", "--workers", "0"])


def test_timer_runs_the_backup_and_the_proxy_reaches_the_server() -> None:
    timer = unit("reckon-backup.timer")
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"
    serve = shlex.split(unit("reckon-serve.service")["Service"]["ExecStart"])
    port = serve[serve.index("--port") + 1]
    assert "--no-worker" in serve  # the worker has its own unit
    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    assert re.search(rf"reverse_proxy 127\.0\.0\.1:{port}\b", caddy)
