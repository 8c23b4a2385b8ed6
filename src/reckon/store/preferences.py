"""A user's own settings kept on their account (today: the language of the web app)."""

from __future__ import annotations

from sqlalchemy import select, update

from reckon.store.db import session_scope
from reckon.store.web import WebUser


def user_language(url: str, user_id: int) -> str | None:
    """The language the user chose, or None when they never chose one."""
    with session_scope(url) as s:
        return s.execute(select(WebUser.language).where(WebUser.id == user_id)).scalar()


def set_user_language(url: str, user_id: int, language: str | None) -> None:
    with session_scope(url) as s:
        s.execute(update(WebUser).where(WebUser.id == user_id).values(language=language))
