"""Service functions take either a workspace (they open and commit their own unit of work) or a session
(the caller's transaction: the web app, the demo, another stage's service)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from reckon.config import Workspace
from reckon.errors import WorkspaceError


@contextmanager
def use_session(ws_or_session: Workspace | Session) -> Iterator[Session]:
    if isinstance(ws_or_session, Session):
        yield ws_or_session
        return
    if isinstance(ws_or_session, Workspace):
        from reckon.store.db import session_scope

        with session_scope(ws_or_session.database_url) as session:
            yield session
        return
    raise WorkspaceError(f"expected a workspace or a database session, not {type(ws_or_session).__name__}")
