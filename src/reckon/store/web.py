"""Tables of the web stage: users, API tokens, login attempts, background jobs and the name search index.

Passwords are stored only as argon2 hashes and API tokens only as SHA-256 digests (tokens are 256-bit
random strings, so a plain digest is enough: there is nothing to brute-force). Login attempts are kept in
the database, not in memory, so rate limiting holds across restarts and across several server processes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.errors import ConfigError
from reckon.store.base import Base, utcnow

ROLES = ("viewer", "analyst", "editor", "admin")


class WebUser(Base):
    __tablename__ = "web_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    # Bumped on password change or "log out everywhere": every older session cookie stops working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Base32 TOTP secret (RFC 6238); None until the user is enrolled. It sits in the database, which an
    # encrypted workspace encrypts. The last accepted time step stops a code being replayed.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # The language the user chose for the web app (be, ru, en); None: the browser's, then the workspace's.
    language: Mapped[str | None] = mapped_column(String(8))


class WebSession(Base):
    """A login, kept server-side: the cookie carries only a random id whose digest is stored here, so
    logout, "log out everywhere", disabling a user and the idle timeout end it on the server."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    client: Mapped[str] = mapped_column(String(100), default="")


class RecoveryCode(Base):
    """One-time codes that stand in for the TOTP code when the phone is lost (digests only)."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    code_sha256: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class LoginAttempt(Base):
    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_name_at", "username", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(200))
    client: Mapped[str] = mapped_column(String(100), default="")
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class Job(Base):
    """A long operation (import, link, estimate, index): a queued row any server process sees, claimed and
    run by a worker (``reckon worker`` or the one inside ``reckon serve``); pages poll it."""

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # queued/running/done/failed
    actor: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict] = mapped_column(default=dict)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(String(500), default="")
    result: Mapped[dict] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    worker: Mapped[str | None] = mapped_column(String(200))  # host:pid of the process running it
    heartbeat_at: Mapped[datetime | None]  # last sign of life of that worker (see store.jobs.fail_stale)


class SearchKey(Base):
    """One search key of one record version (from reckon.names.search_terms, else casefolded words).

    Records are append-only versions, so the index grows by record id and never needs rewriting; the
    search joins back to ``record`` to keep only current versions.
    """

    __tablename__ = "web_search_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(300), index=True)


class WebState(Base):
    """Small named values the web stage keeps between runs (e.g. how far the search index has got)."""

    __tablename__ = "web_state"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict] = mapped_column(default=dict)


def user_named(s: Session, name: str) -> WebUser:
    """The web user called ``name``; a ConfigError that says how to list users when there is none."""
    user = s.execute(select(WebUser).where(WebUser.name == name)).scalar_one_or_none()
    if user is None:
        raise ConfigError(f"no user {name!r}; see `reckon users list`")
    return user
