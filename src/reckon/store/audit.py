"""Append to the audit log inside the caller's transaction, so a change and its trace commit together."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

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
