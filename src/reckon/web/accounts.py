"""Users, roles, passwords, API tokens and login rate limiting: the service functions behind
``reckon users`` and the web app's login.

Roles are ordered: a viewer sees aggregates, figures and the sanctions matrix; an analyst also sees
personal data (records, persons, articles) and runs estimates; an editor imports lists, runs linkage and
decides review pairs; an admin also reads the audit log and manages users.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reckon.errors import ConfigError, ReckonError
from reckon.store.audit import audit
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.locks import write_if_free
from reckon.store.web import ROLES, ApiToken, LoginAttempt, WebUser

RANK = {role: i for i, role in enumerate(ROLES)}
TOKEN_PREFIX = "rk_"
# Failed logins allowed per user name and per client address within the window, before refusing.
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("reckon-dummy-password-for-timing")


class RateLimited(ReckonError):
    """Too many failed logins: wait before trying again."""


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user with a role, and how they proved it (session cookie or API token)."""

    user_id: int
    name: str
    role: str
    via: str  # "session" | "token"
    epoch: int = 0

    def can(self, role: str | None) -> bool:
        return role is None or RANK[self.role] >= RANK[role]

    @property
    def actor(self) -> str:
        return f"web:{self.name}"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_role(role: str) -> str:
    if role not in RANK:
        raise ConfigError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return role


def add_user(url: str, name: str, role: str, password: str, *, actor: str | None = None) -> dict:
    check_role(role)
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError("a user name needs 1 to 100 characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    with session_scope(url) as s:
        if s.execute(select(WebUser.id).where(WebUser.name == name)).first():
            raise ConfigError(f"user {name!r} exists already; choose another name")
        user = WebUser(name=name, role=role, password_hash=hash_password(password))
        s.add(user)
        s.flush()
        audit(s, "user.add", actor=actor, target_type="web_user", target_ids=[user.id], role=role)
        return {"id": user.id, "name": user.name, "role": user.role}


def set_password(url: str, name: str, password: str, *, actor: str | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    with session_scope(url) as s:
        user = _user(s, name)
        user.password_hash = hash_password(password)
        user.session_epoch += 1  # every existing session ends
        audit(s, "user.password", actor=actor, target_type="web_user", target_ids=[user.id])


def list_users(url: str) -> list[dict]:
    with session_scope(url) as s:
        tokens = dict(s.execute(
            select(ApiToken.user_id, func.count()).where(ApiToken.revoked_at.is_(None))
            .group_by(ApiToken.user_id)).all())
        return [
            {"id": u.id, "name": u.name, "role": u.role, "disabled": u.disabled,
             "created_at": u.created_at, "last_login_at": u.last_login_at, "tokens": tokens.get(u.id, 0)}
            for u in s.execute(select(WebUser).order_by(WebUser.name)).scalars()
        ]


def _user(s: Session, name: str) -> WebUser:
    user = s.execute(select(WebUser).where(WebUser.name == name)).scalar_one_or_none()
    if user is None:
        raise ConfigError(f"no user {name!r}; see `reckon users list`")
    return user


def create_token(url: str, name: str, label: str = "", *, actor: str | None = None) -> str:
    """A new API token for ``name``; the token itself is shown once and only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with session_scope(url) as s:
        user = _user(s, name)
        row = ApiToken(user_id=user.id, label=label, token_sha256=_digest(token), prefix=token[:10])
        s.add(row)
        s.flush()
        audit(s, "token.create", actor=actor, target_type="web_user", target_ids=[user.id], token_id=row.id)
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def principal_from_token(url: str, token: str) -> Principal | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    with session_scope(url) as s:
        row = s.execute(
            select(ApiToken, WebUser).join(WebUser, WebUser.id == ApiToken.user_id)
            .where(ApiToken.token_sha256 == _digest(token), ApiToken.revoked_at.is_(None))
        ).first()
        if row is None or row[1].disabled:
            return None
        tok, user = row
        now = utcnow()
        found = Principal(user.id, user.name, user.role, "token", user.session_epoch)
    if tok.last_used_at is None or now - tok.last_used_at > timedelta(minutes=1):  # coarse: not every call
        write_if_free(url, update(ApiToken).where(ApiToken.id == tok.id).values(last_used_at=now))
    return found


def principal_from_session(url: str, user_id: int, epoch: int) -> Principal | None:
    with session_scope(url) as s:
        user = s.get(WebUser, user_id)
        if user is None or user.disabled or user.session_epoch != epoch:
            return None
        return Principal(user.id, user.name, user.role, "session", user.session_epoch)


def login(url: str, name: str, password: str, client: str = "") -> Principal | None:
    """Check a password; None if wrong. Raises RateLimited after too many recent failures.

    Unknown names cost the same argon2 verification as known ones, so timing does not tell which
    names exist. Every attempt is recorded (without the password) for the limit and for review.
    """
    name = name.strip()[:200]
    client = client[:100]
    since = utcnow() - FAILURE_WINDOW
    with session_scope(url) as s:
        by_name = s.execute(select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.username == name, LoginAttempt.success.is_(False), LoginAttempt.at >= since)).scalar()
        by_client = s.execute(select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.client == client, LoginAttempt.success.is_(False), LoginAttempt.at >= since)).scalar()
        limited = (by_name or 0) >= MAX_FAILURES_PER_NAME or bool(
            client and (by_client or 0) >= MAX_FAILURES_PER_CLIENT)
        if limited:  # recorded (committed) before refusing; the password is not even checked
            s.add(LoginAttempt(username=name, client=client, success=False))
            audit(s, "login.rate_limited", actor=f"web:{name}", client=client)
    if limited:
        raise RateLimited("too many failed logins; wait 15 minutes and try again")
    with session_scope(url) as s:
        user = s.execute(select(WebUser).where(WebUser.name == name)).scalar_one_or_none()
        ok = False
        try:
            ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        ok = ok and user is not None and not user.disabled
        s.add(LoginAttempt(username=name, client=client, success=ok))
        if not ok:
            audit(s, "login.failed", actor=f"web:{name}", client=client)
            return None
        assert user is not None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utcnow()
        audit(s, "login", actor=f"web:{user.name}", target_type="web_user", target_ids=[user.id], client=client)
        return Principal(user.id, user.name, user.role, "session", user.session_epoch)


def logout_everywhere(url: str, user_id: int) -> None:
    with session_scope(url) as s:
        user = s.get(WebUser, user_id)
        if user is not None:
            user.session_epoch += 1
