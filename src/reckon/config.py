"""Where a workspace lives and which database it uses: one place for both.

A workspace is a folder with ``reckon.toml`` and, by default, an embedded SQLite database
``reckon.db``. Commands find it from ``--workspace``, then ``RECKON_WORKSPACE``, then the current
directory and its parents, so a team can work from anywhere inside a case folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reckon.errors import N_, WorkspaceError

CONFIG_NAME = "reckon.toml"
DEFAULT_DB = "reckon.db"


@dataclass(frozen=True)
class Workspace:
    root: Path
    database_url: str

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def encrypted(self) -> bool:
        from reckon.store.crypto import is_encrypted_url

        return is_encrypted_url(self.database_url)


def settings(ws: Workspace | Path, section: str) -> dict:
    """One table of reckon.toml (e.g. ``[web]``), empty when absent. A folder instead of a workspace reads
    its reckon.toml without opening the workspace (``--help`` wants the default language, not a database)."""
    path = ws / CONFIG_NAME if isinstance(ws, Path) else ws.config_path
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    value = data.get(section)
    return value if isinstance(value, dict) else {}


def write_private(path: Path, text: str) -> None:
    """Write a small file readable by its owner only (0600), replacing it atomically."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def init_workspace(root: Path, database_url: str | None = None, *, encrypt: bool = False) -> Workspace:
    """Create (or re-open) a workspace and its database schema.

    The URL given here, or RECKON_DATABASE_URL, is written to the config so later commands use it
    without the variable. Re-running on an existing workspace only upgrades its schema. ``encrypt``
    makes the SQLite database a SQLCipher one keyed from the passphrase (see reckon.store.crypto).
    """
    from reckon.store import crypto
    from reckon.store.db import upgrade

    root = root.resolve()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    cfg = root / CONFIG_NAME
    if encrypt and not cfg.exists():
        if database_url or os.environ.get("RECKON_DATABASE_URL") or (root / DEFAULT_DB).exists():
            raise WorkspaceError.of(N_("--encrypt makes a new SQLite workspace; for PostgreSQL see docs/security.md, "
                                       "for an existing SQLite workspace run `reckon encrypt`"))
        passphrase = crypto.check_new_passphrase(crypto.ask_passphrase(confirm=True, prompt=crypto.NEW_PASSPHRASE))
        params = crypto.KdfParams()
        write_private(cfg, "\n".join(["# reckon workspace", "[database]", 'url = ""', *params.as_toml()]) + "\n")
        crypto.create_database(root / DEFAULT_DB, passphrase, params)
    elif cfg.exists():
        ws = load_workspace(root)
        if encrypt and not ws.encrypted:
            raise WorkspaceError.of(N_("%(folder)s exists and is not encrypted; run `reckon encrypt` there"),
                                    folder=str(root))
        if ws.encrypted and not (root / DEFAULT_DB).exists():  # an init stopped before the file was made
            passphrase = crypto.ask_passphrase(confirm=True, prompt=crypto.NEW_PASSPHRASE)
            crypto.create_database(root / DEFAULT_DB, passphrase, crypto.KdfParams.from_toml(
                settings(ws, "encryption")))
        if database_url and database_url != ws.database_url:
            raise WorkspaceError.of(N_("%(file)s already points at another database; edit it or choose another "
                                       "folder"), file=str(cfg))
    else:
        url = database_url or os.environ.get("RECKON_DATABASE_URL") or ""
        lines = ["# reckon workspace", "[database]"]
        # An empty url means "the SQLite file next to this config": the folder can be moved.
        lines.append(f'url = "{url}"')
        write_private(cfg, "\n".join(lines) + "\n")
    ws = load_workspace(root)
    upgrade(ws.database_url)
    return ws


def load_workspace(root: Path) -> Workspace:
    cfg = root / CONFIG_NAME
    try:
        data = tomllib.loads(cfg.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceError.of(N_("%(folder)s is not a reckon workspace (no %(config)s); run `reckon init`"),
                                folder=str(root), config=CONFIG_NAME) from None
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError.of(N_("%(file)s is not valid TOML: %(problem)s"), file=str(cfg), problem=str(exc)) from None
    url = (data.get("database") or {}).get("url") or ""
    env_url = os.environ.get("RECKON_DATABASE_URL")
    if "encryption" in data:
        return _encrypted_workspace(root.resolve(), url, data["encryption"])
    if not url:
        url = env_url or _sqlite_url(root / DEFAULT_DB)
    return Workspace(root=root.resolve(), database_url=url)


def _encrypted_workspace(root: Path, url: str, section: dict) -> Workspace:
    """The database is the SQLCipher file beside the config; a plain file there is refused, not used."""
    from reckon.store import crypto

    if url:
        raise WorkspaceError.of(N_("%(file)s: [encryption] is for the embedded database; remove the url"),
                                file=str(root / CONFIG_NAME))
    path = root / DEFAULT_DB
    if path.exists() and crypto.is_plain_file(path):
        raise WorkspaceError.of(N_("%(file)s is not encrypted yet although %(config)s says it should be; run "
                                   "`reckon encrypt` to finish"), file=str(path), config=CONFIG_NAME)
    crypto.register(path, crypto.KdfParams.from_toml(section))
    return Workspace(root=root, database_url=crypto.url_for(path))


def find_workspace(explicit: Path | None = None) -> Workspace:
    """The workspace a command should act on: explicit, then RECKON_WORKSPACE, then cwd upwards."""
    return load_workspace(find_root(explicit))


def find_root(explicit: Path | None = None) -> Path:
    """The folder of that workspace, without opening it (``reckon encrypt`` finishes half-done ones)."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("RECKON_WORKSPACE")
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return folder
    raise WorkspaceError.of(
        N_("no reckon workspace here; run `reckon init DIR`, or pass --workspace DIR or set RECKON_WORKSPACE")
    )
