"""Protection at rest, as a service: encrypt or re-key a workspace, seal the files reckon writes out of it.

What a seized laptop gives away is whatever lies on its disk in clear. So: the database is SQLCipher
(reckon.store.crypto); every backup and export of an encrypted workspace is an age file (pyrage), to the
workspace passphrase or to the team's age public keys (``--recipient``); every file reckon writes is
0600 and every folder 0700 (:func:`private_umask` at each entry point, plus explicit modes).
"""

from __future__ import annotations

import getpass
import os
import sys
import tomllib
from pathlib import Path

from reckon.config import CONFIG_NAME, DEFAULT_DB, Workspace, load_workspace, write_private
from reckon.errors import N_, ConfigError, WorkspaceError
from reckon.store import crypto
from reckon.store.db import dispose_engines, upgrade

AGE_MAGIC = b"age-encryption.org/v1"


def private_umask() -> None:
    """Files this process creates are its owner's only (0600 files, 0700 folders)."""
    os.umask(0o077)


def encrypt_workspace(root: Path) -> Workspace:
    """Turn a plain SQLite workspace into an encrypted one, in place and crash-safely.

    The config gains its [encryption] section first (harmless while the file is plain: every command
    then refuses to run until this finishes), then the database is rewritten encrypted beside itself and
    renamed over the plain one. Run again after a crash, it finishes the job.
    """
    cfg = root / CONFIG_NAME
    data = _config(cfg)
    if (data.get("database") or {}).get("url"):
        raise WorkspaceError.of(N_("only the embedded SQLite database can be encrypted; for PostgreSQL see "
                                   "docs/security.md (disk encryption, TLS, roles)"))
    path = root / DEFAULT_DB
    if "encryption" in data and (not path.exists() or not crypto.is_plain_file(path)):
        raise WorkspaceError.of(N_("%(folder)s is encrypted already; `reckon rekey` changes its passphrase"),
                                folder=str(root))
    if not path.exists():
        raise WorkspaceError.of(N_("%(folder)s has no database %(file)s to encrypt"), folder=str(root), file=DEFAULT_DB)
    passphrase = crypto.check_new_passphrase(crypto.ask_passphrase(confirm=True, prompt=crypto.NEW_PASSPHRASE))
    params = crypto.KdfParams.from_toml(data.get("encryption") or {})
    if "encryption" not in data:
        write_private(cfg, cfg.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n".join(params.as_toml()) + "\n")
    dispose_engines()
    crypto.rewrite(path, passphrase, params, plain=True)
    ws = load_workspace(root)
    upgrade(ws.database_url)
    return ws


def rekey_workspace(root: Path) -> Workspace:
    """A new passphrase (and a new salt) for an encrypted workspace: one atomic file replacement."""
    ws = load_workspace(root)
    if not ws.encrypted:
        raise WorkspaceError.of(N_("%(folder)s is not encrypted; `reckon encrypt` encrypts it"), folder=str(root))
    path = crypto.path_of(ws.database_url)
    crypto.key_for(path)  # the current passphrase first: a wrong one changes nothing
    new = crypto.ask_passphrase(confirm=True, prompt=crypto.NEW_PASSPHRASE) if not os.environ.get("RECKON_NEW_PASSPHRASE") \
        else os.environ["RECKON_NEW_PASSPHRASE"]
    params = crypto.KdfParams.from_toml(_config(root / CONFIG_NAME)["encryption"])
    dispose_engines()
    crypto.rewrite(path, new, params, plain=False)
    crypto.forget()
    return ws


def _config(cfg: Path) -> dict:
    try:
        return tomllib.loads(cfg.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceError.of(N_("%(folder)s is not a reckon workspace (no %(config)s)"), folder=str(cfg.parent),
                                config=CONFIG_NAME) from None


# --- sealed files (backups, exports) -------------------------------------------------------------------


def _recipients(recipients: list[str]):
    import pyrage

    try:
        return [pyrage.x25519.Recipient.from_str(r.strip()) for r in recipients]
    except Exception:
        raise ConfigError.of(N_("--recipient takes an age public key (age1...); see `age-keygen`")) from None


def seal(data: bytes, recipients: list[str] | None = None) -> bytes:
    """``data`` as an age file: to the recipients' public keys if given, else to the workspace passphrase."""
    import pyrage

    if recipients:
        return pyrage.encrypt(data, _recipients(recipients))
    return pyrage.passphrase.encrypt(data, crypto.ask_passphrase())


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(AGE_MAGIC)) == AGE_MAGIC


def unseal(path: Path, identity: Path | None = None) -> bytes:
    """The contents of an age file, with the age identity file given, else the passphrase."""
    import pyrage

    data = path.read_bytes()
    try:
        if identity is not None:
            keys = [pyrage.x25519.Identity.from_str(line.strip()) for line in
                    identity.read_text(encoding="utf-8").splitlines() if line.startswith("AGE-SECRET-KEY-")]
            return pyrage.decrypt(data, keys)
        passphrase = os.environ.get("RECKON_BACKUP_PASSPHRASE") or crypto.ask_passphrase()
        try:
            return pyrage.passphrase.decrypt(data, passphrase)
        except pyrage.DecryptError:
            if not sys.stdin.isatty() or os.environ.get("RECKON_BACKUP_PASSPHRASE"):
                raise
            # made before a rekey: the passphrase the workspace had then
            return pyrage.passphrase.decrypt(data, getpass.getpass(crypto.said(N_("Passphrase of this backup")) + ": "))
    except (pyrage.DecryptError, pyrage.IdentityError):
        raise crypto.PassphraseError.of(N_("%(file)s cannot be decrypted with this passphrase or identity"),
                                        file=str(path)) from None


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (0600) through a fsynced temporary file and an atomic rename."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)


def write_output(path: Path, data: bytes, ws: Workspace | None, recipients: list[str] | None = None, *,
                 seal_to_passphrase: bool = False) -> bool:
    """An export or backup: sealed with age when the workspace is encrypted (or recipients are given).

    Returns whether it was sealed.
    """
    sealed = bool(recipients) or seal_to_passphrase or bool(ws and ws.encrypted)
    write_file(path, seal(data, recipients) if sealed else data)
    return sealed
