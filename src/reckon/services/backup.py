"""``reckon backup FILE`` / ``reckon restore FILE`` for SQLite and PostgreSQL workspaces.

* SQLite: SQLite's online backup API copies a consistent snapshot while the web app keeps serving (WAL
  readers are not blocked); the backup is itself a SQLite database. Restore copies it back the same way.
* PostgreSQL (and SQLite on request, ``fmt="json"``): a portable dump, gzip-compressed JSON lines, of every
  table in reckon's schema with the schema revision, written from one repeatable-read transaction so it is
  consistent. Restore replaces the contents of every table in one transaction and resets the id
  sequences. The same dump restores into SQLite or PostgreSQL, which also moves a workspace between them.

A restore refuses a dump of another schema revision (upgrade the workspace the dump came from first).
This module handles the files and the sealing with age; the database work is :mod:`reckon.store.backup`.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

from reckon.errors import N_, ConfigError
from reckon.store import crypto
from reckon.store.backup import (
    MAGIC_SQLITE,
    copy_sqlite,
    counts_sqlite,
    dump_json,
    restore_json,
    restore_sqlite,
)
from reckon.store.locks import sqlite_path


def backup(url: str, out: Path, *, fmt: str | None = None, recipients: list[str] | None = None) -> dict:
    """Write a backup of the database at ``url`` to ``out``; returns what was written.

    An encrypted workspace (or any workspace given ``recipients``) is backed up as the portable dump sealed
    with age, built in memory: no clear copy ever touches the disk.
    """
    from reckon.secure import write_output

    path = sqlite_path(url, plain=True)
    sealed = bool(recipients) or crypto.is_encrypted_url(url)
    fmt = fmt or ("sqlite" if path and not sealed else "json")
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if fmt == "sqlite":
        if path is None or sealed:
            raise ConfigError.of(N_("a SQLite-format backup needs a plain SQLite workspace; use the portable "
                                    "format"))
        copy_sqlite(path, out)
        return {"format": "sqlite", "file": str(out), "tables": counts_sqlite(out)}
    if fmt != "json":
        raise ConfigError.of(N_("unknown backup format %(format)r; use sqlite or json"), format=fmt)
    if sealed:
        buffer = io.BytesIO()
        result = dump_json(url, buffer)
        write_output(out, buffer.getvalue(), None, recipients, seal_to_passphrase=True)
        return {**result, "file": str(out), "format": "age"}
    tmp = out.with_name(out.name + ".partial")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
        result = dump_json(url, handle)
    tmp.replace(out)
    return {**result, "file": str(out)}


def restore(url: str, source: Path, *, identity: Path | None = None) -> dict:
    """Replace the database at ``url`` with the backup in ``source`` (format detected from the file).

    An age-sealed backup is opened with ``identity`` (an age key file) or the passphrase, in memory.
    A plain SQLite backup restored into an encrypted workspace goes through the portable dump, so the
    encrypted file is never written in clear.
    """
    from reckon.secure import is_sealed, unseal

    if not source.exists():
        raise ConfigError.of(N_("no backup file %(file)s"), file=str(source))
    if is_sealed(source):
        data = unseal(source, identity)
        if data[:2] != b"\x1f\x8b":
            raise ConfigError.of(N_("%(file)s decrypts to something that is not a reckon dump"), file=str(source))
        return restore_json(url, lambda: gzip.open(io.BytesIO(data), "rt", encoding="utf-8"), source)
    with open(source, "rb") as handle:
        head = handle.read(16)
    if head == MAGIC_SQLITE and crypto.is_encrypted_url(url):
        buffer = io.BytesIO()
        dump_json(f"sqlite:///{source.resolve()}", buffer)
        return restore_json(url, lambda: gzip.open(io.BytesIO(buffer.getvalue()), "rt", encoding="utf-8"),
                             source)
    if head == MAGIC_SQLITE:
        return restore_sqlite(url, source)
    if head[:2] == b"\x1f\x8b":
        return restore_json(url, lambda: gzip.open(source, "rt", encoding="utf-8"), source)
    raise ConfigError.of(N_("%(file)s is neither a reckon SQLite backup nor a portable dump"), file=str(source))
