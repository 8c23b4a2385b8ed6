"""CLI commands of protection at rest: encrypt and rekey (``init --encrypt`` is in cli/register.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from reckon.cli.common import WorkspaceOption, console, workspace
from reckon.i18n import _


def encrypt(workspace_dir: Path | None = WorkspaceOption) -> None:
    """Encrypt this plain SQLite workspace in place (stop `reckon serve` first). Old backups stay plain:
    delete them once a new, encrypted backup exists."""
    from reckon.config import find_root
    from reckon.secure import encrypt_workspace

    ws = encrypt_workspace(find_root(workspace_dir).resolve())
    console.print(_("%(folder)s is encrypted; keep the passphrase safe: without it the data is lost") % {"folder": ws.root})


def rekey(workspace_dir: Path | None = WorkspaceOption) -> None:
    """Change the passphrase of an encrypted workspace (the current one first; RECKON_PASSPHRASE and
    RECKON_NEW_PASSPHRASE for scripts). Stop `reckon serve` first."""
    from reckon.secure import rekey_workspace

    ws = rekey_workspace(workspace(workspace_dir).root)
    console.print(_("the passphrase of %(folder)s has changed; backups made before keep the old one") % {"folder": ws.root})


def register(app: typer.Typer) -> None:
    app.command("encrypt")(encrypt)
    app.command("rekey")(rekey)
