"""Append to the audit log: inside the caller's transaction (a change and its trace commit together), or
for reads, apart from any other writer (:func:`audit_apart`)."""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from reckon.store.base import utcnow
from reckon.store.db import get_engine, session_scope
from reckon.store.locks import is_busy, sqlite_path
from reckon.store.models import AuditEvent


def default_actor() -> str:
    """The operating-system user for CLI work; the web app passes its logged-in user instead."""
    try:
        return os.environ.get("RECKON_ACTOR") or f"cli:{getpass.getuser()}"
    except Exception:  # no user database in some containers
        return "cli"


def audit(session: Session, action: str, *, actor: str | None = None, target_type: str | None = None,
          target_ids: Iterable[Any] = (), **details: Any) -> AuditEvent:
    event = AuditEvent(actor=actor or default_actor(), action=action, target_type=target_type,
                       target_ids=list(target_ids), details=details)
    session.add(event)
    return event


def audit_apart(url: str, action: str, *, actor: str | None = None, target_type: str | None = None,
                target_ids: Iterable[Any] = (), **details: Any) -> None:
    """Record a read of personal data in its own transaction, without ever waiting for another writer.

    On SQLite an import holds the only write lock for its whole transaction; a page that showed
    personal data must not hang behind it. So the entry is tried with a short busy timeout and, when the
    lock is taken, appended (fsynced) to a spool file beside the database; the next entry that gets the
    lock writes the spooled ones first, with their own times, in the same transaction. On PostgreSQL an
    insert never waits for an import (row locks only), so the entry is simply written.
    """
    entry = {"at": utcnow().isoformat(), "actor": actor or default_actor(), "action": action,
             "target_type": target_type, "target_ids": list(target_ids), "details": details}
    db = sqlite_path(url)
    if db is None:
        with session_scope(url) as s:
            s.execute(insert(AuditEvent), [_row(entry)])
        return
    spool = db.with_name(db.name + "-audit-spool.jsonl")
    with _locked(spool) as fh, get_engine(url).connect() as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=50")
        conn.commit()  # ends SQLAlchemy's autobegun transaction; SQLite had none open
        try:
            fh.seek(0)
            waiting = [json.loads(line) for line in fh.read().decode("utf-8").splitlines() if line.strip()]
            try:
                with conn.begin():
                    conn.execute(insert(AuditEvent), [_row(e) for e in [*waiting, entry]])
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
                fh.seek(0, os.SEEK_END)
                fh.write((json.dumps(entry, default=str) + "\n").encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
                return
            if waiting:
                fh.truncate(0)
                fh.flush()
        finally:
            conn.exec_driver_sql("PRAGMA busy_timeout=30000")


def audit_with(session: Session, url: str, action: str, *, actor: str | None = None,
               target_type: str | None = None, target_ids: Iterable[Any] = (), **details: Any) -> None:
    """Record a read of personal data made in ``session``: on PostgreSQL in that same transaction (the
    entry commits with the read, and a request makes one round trip to the server less, not a session
    of its own); on SQLite apart, as :func:`audit_apart` does, since there a read must not wait for an
    import's write lock. Either way the entry is written before the data leaves the server."""
    if sqlite_path(url) is None:
        entry = {"at": utcnow(), "actor": actor or default_actor(), "action": action, "target_type": target_type,
                 "target_ids": list(target_ids), "details": details}
        session.execute(insert(AuditEvent), [entry])
        return
    audit_apart(url, action, actor=actor, target_type=target_type, target_ids=target_ids, **details)


def _row(entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, "at": datetime.fromisoformat(entry["at"]) if isinstance(entry["at"], str) else entry["at"]}


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[Any]:
    """The spool file, opened and held exclusively (threads of one server and other processes alike)."""
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
