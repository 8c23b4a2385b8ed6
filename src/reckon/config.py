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

from reckon.errors import WorkspaceError

CONFIG_NAME = "reckon.toml"
DEFAULT_DB = "reckon.db"


@dataclass(frozen=True)
class Workspace:
    root: Path
    database_url: str

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def init_workspace(root: Path, database_url: str | None = None) -> Workspace:
    """Create (or re-open) a workspace and its database schema.

    The URL given here, or RECKON_DATABASE_URL, is written to the config so later commands use it
    without the variable. Re-running on an existing workspace only upgrades its schema.
    """
    from reckon.store.db import upgrade

    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    cfg = root / CONFIG_NAME
    if cfg.exists():
        ws = load_workspace(root)
        if database_url and database_url != ws.database_url:
            raise WorkspaceError(
                f"{cfg} already points at another database; edit it or choose another folder"
            )
    else:
        url = database_url or os.environ.get("RECKON_DATABASE_URL") or ""
        lines = ["# reckon workspace", "[database]"]
        # An empty url means "the SQLite file next to this config": the folder can be moved.
        lines.append(f'url = "{url}"')
        cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ws = load_workspace(root)
    upgrade(ws.database_url)
    return ws


def load_workspace(root: Path) -> Workspace:
    cfg = root / CONFIG_NAME
    try:
        data = tomllib.loads(cfg.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceError(f"{root} is not a reckon workspace (no {CONFIG_NAME}); run `reckon init`") from None
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError(f"{cfg} is not valid TOML: {exc}") from None
    url = (data.get("database") or {}).get("url") or ""
    env_url = os.environ.get("RECKON_DATABASE_URL")
    if not url:
        url = env_url or _sqlite_url(root / DEFAULT_DB)
    return Workspace(root=root.resolve(), database_url=url)


def find_workspace(explicit: Path | None = None) -> Workspace:
    """The workspace a command should act on: explicit, then RECKON_WORKSPACE, then cwd upwards."""
    if explicit is not None:
        return load_workspace(Path(explicit))
    env = os.environ.get("RECKON_WORKSPACE")
    if env:
        return load_workspace(Path(env))
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return load_workspace(folder)
    raise WorkspaceError(
        "no reckon workspace here; run `reckon init DIR`, or pass --workspace DIR or set RECKON_WORKSPACE"
    )
