"""Users, roles, passwords, API tokens and login rate limiting: the service functions behind
``reckon users`` and the web app's login.

Roles are ordered: a viewer sees aggregates, figures and the sanctions matrix; an analyst also sees
personal data (records, persons, articles) and runs estimates; an editor imports lists, runs linkage and
decides review pairs; an admin also reads the audit log and manages users.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from reckon.errors import N_, ConfigError, ReckonError
from reckon.store import web as store
from reckon.store.audit import audit
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.web import ROLES, ApiToken, LoginAttempt, WebSession, WebUser, user_named

RANK = {role: i for i, role in enumerate(ROLES)}
TOKEN_PREFIX = "rk_"
# Failed logins: a client gets 5 tries per user name and 20 in all per window before it is refused. A user
# name tried from everywhere is refused after 50 failures, except from clients that logged in as that user
# recently: strangers slow an attacker down but cannot lock the admin out of her own machine.
MAX_FAILURES_PER_NAME_AND_CLIENT = 5
MAX_FAILURES_PER_CLIENT = 20
MAX_FAILURES_PER_NAME = 50
FAILURE_WINDOW = timedelta(minutes=15)
KNOWN_CLIENT = timedelta(days=30)
MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn's 0-4: 3 is "safely unguessable" against an offline attack on a hash
TOKEN_DAYS = 90
SESSION_MAX_AGE = timedelta(hours=12)
IDLE_TIMEOUT = timedelta(minutes=30)

# zxcvbn's warnings (its own English, lower case, no full stop), catalogued so that a refused password is said
# in the reader's language: the error's "reason" parameter is said through the catalogue (said_errors).
PASSWORD_WARNINGS = (
    N_("it is too easy to guess"), N_("straight rows of keys are easy to guess"),
    N_("short keyboard patterns are easy to guess"), N_('repeats like "aaa" are easy to guess'),
    N_('repeats like "abcabcabc" are only slightly harder to guess than "abc"'),
    N_('sequences like "abc" or "6543" are easy to guess'), N_("recent years are easy to guess"),
    N_("dates are often easy to guess"), N_("this is a top-10 common password"),
    N_("this is a top-100 common password"), N_("this is a very common password"),
    N_("this is similar to a commonly used password"), N_("a word by itself is easy to guess"),
    N_("names and surnames by themselves are easy to guess"), N_("common names and surnames are easy to guess"),
)

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("reckon-dummy-password-for-timing")


class RateLimited(ReckonError):
    """Too many failed logins: wait before trying again."""


class SecondFactorNeeded(ReckonError):
    """The password was right, but this account needs (or must first set up) a TOTP code."""


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
        raise ConfigError.of(N_("unknown role %(role)r; choose one of %(roles)s"), role=role, roles=", ".join(ROLES))
    return role


def check_password(password: str, name: str = "") -> str:
    """Refuse short passwords and guessable ones (zxcvbn's offline lists of common passwords, words,
    names and keyboard patterns, with the user name counted as known to the attacker)."""
    from zxcvbn import zxcvbn

    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError.of(N_("the password needs at least %(n)s characters (a few words are best)"),
                             n=MIN_PASSWORD_LENGTH)
    verdict = zxcvbn(password[:100], user_inputs=[name, "reckon", "viasna"])
    if verdict["score"] < MIN_PASSWORD_SCORE:
        warning = verdict["feedback"].get("warning") or "it is too easy to guess"
        raise ConfigError.of(N_("this password is refused: %(reason)s; choose a longer one, e.g. four or five "
                                "unrelated words"), reason=warning.rstrip(".").lower())
    return password


def add_user(url: str, name: str, role: str, password: str, *, actor: str | None = None) -> dict:
    check_role(role)
    name = name.strip()
    if not name or len(name) > 100:
        raise ConfigError.of(N_("a user name needs 1 to 100 characters"))
    check_password(password, name)
    with session_scope(url) as s:
        if store.find_user(s, name) is not None:
            raise ConfigError.of(N_("user %(name)r exists already; choose another name"), name=name)
        user = WebUser(name=name, role=role, password_hash=hash_password(password))
        s.add(user)
        s.flush()
        audit(s, "user.add", actor=actor, target_type="web_user", target_ids=[user.id], role=role)
        return {"id": user.id, "name": user.name, "role": user.role}


def set_password(url: str, name: str, password: str, *, actor: str | None = None) -> None:
    """A new password ends every session of the user and revokes every API token they have."""
    check_password(password, name)
    with session_scope(url) as s:
        user = user_named(s, name)
        user.password_hash = hash_password(password)
        _end_everything(s, user, tokens=True)
        audit(s, "user.password", actor=actor, target_type="web_user", target_ids=[user.id])


def _end_everything(s: Session, user: WebUser, *, tokens: bool) -> None:
    user.session_epoch += 1
    store.end_sessions_and_tokens(s, user.id, tokens=tokens)


def set_disabled(url: str, name: str, disabled: bool, *, actor: str | None = None) -> None:
    """Cut a user off (every session ends at once, every token is refused while disabled) or let them back."""
    with session_scope(url) as s:
        user = user_named(s, name)
        user.disabled = disabled
        if disabled:
            _end_everything(s, user, tokens=False)
        audit(s, "user.disable" if disabled else "user.enable", actor=actor, target_type="web_user",
              target_ids=[user.id])


def set_role(url: str, name: str, role: str, *, actor: str | None = None) -> None:
    """A new role takes effect on the user's next request (roles are read from the database each time)."""
    check_role(role)
    with session_scope(url) as s:
        user = user_named(s, name)
        old, user.role = user.role, role
        audit(s, "user.role", actor=actor, target_type="web_user", target_ids=[user.id], old=old, new=role)


def list_users(url: str) -> list[dict]:
    with session_scope(url) as s:
        tokens = store.live_token_counts(s)
        return [
            {"id": u.id, "name": u.name, "role": u.role, "disabled": u.disabled, "totp": u.totp_secret is not None,
             "created_at": u.created_at, "last_login_at": u.last_login_at, "tokens": tokens.get(u.id, 0)}
            for u in store.users_by_name(s)
        ]


def create_token(url: str, name: str, label: str = "", *, days: int = TOKEN_DAYS, actor: str | None = None) -> str:
    """A new API token for ``name``, valid ``days``; the token itself is shown once, only its digest kept."""
    if not 1 <= days <= 366:
        raise ConfigError.of(N_("a token lives 1 to 366 days"))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with session_scope(url) as s:
        user = user_named(s, name)
        row = ApiToken(user_id=user.id, label=label, token_sha256=_digest(token), prefix=token[:10],
                       expires_at=utcnow() + timedelta(days=days))
        s.add(row)
        s.flush()
        audit(s, "token.create", actor=actor, target_type="web_user", target_ids=[user.id], token_id=row.id)
    return token


def list_tokens(url: str, name: str | None = None) -> list[dict]:
    with session_scope(url) as s:
        now = utcnow()
        return [{"id": t.id, "user": n, "label": t.label, "prefix": t.prefix, "created_at": t.created_at,
                 "expires_at": t.expires_at, "last_used_at": t.last_used_at,
                 "state": "revoked" if t.revoked_at else "expired" if _expired(t, now) else "live"}
                for t, n in store.tokens_with_users(s, name)]


def revoke_token(url: str, token_id: int, *, actor: str | None = None) -> None:
    with session_scope(url) as s:
        tok = s.get(ApiToken, token_id)
        if tok is None:
            raise ConfigError.of(N_("no API token %(id)s; see `reckon users token list`"), id=token_id)
        if tok.revoked_at is None:
            tok.revoked_at = utcnow()
        audit(s, "token.revoke", actor=actor, target_type="web_user", target_ids=[tok.user_id], token_id=tok.id)


def _expired(tok: Any, now: datetime) -> bool:  # an ApiToken or a row of store.web.live_token
    return tok.expires_at is not None and tok.expires_at <= now


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def principal_from_token(url: str, token: str) -> Principal | None:
    """The token's user, or None if the token is unknown, revoked, expired or its user disabled."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with session_scope(url) as s:
        tok = store.live_token(s, _digest(token))
    now = utcnow()
    if tok is None or tok.disabled or _expired(tok, now):
        return None
    found = Principal(tok.user_id, tok.name, tok.role, "token", tok.session_epoch)
    if tok.last_used_at is None or now - tok.last_used_at > timedelta(minutes=1):  # coarse: not every call
        # a read must not wait for an import's write lock for this bookkeeping: skipped when busy
        store.touch_token_if_free(url, tok.id, now)
    return found


def principal_from_session(url: str, sid: str, idle: timedelta = IDLE_TIMEOUT) -> Principal | None:
    """The user of a live server-side session; None once it was ended, idled out or grew too old.

    Reads only; the session's bookkeeping (last seen, ended by idling) is written apart and skipped while
    an import holds SQLite's write lock, so a web read never waits for an import."""
    with session_scope(url) as s:
        sess = store.session_with_user(s, _digest(sid))
    if sess is None:
        return None
    now = utcnow()
    if sess.ended_at is not None or sess.disabled:
        return None
    expired = now - sess.last_seen_at > idle or now - sess.created_at > SESSION_MAX_AGE
    touch = not expired and now - sess.last_seen_at > timedelta(seconds=30)  # coarse: not every request
    sess_id = sess.id
    found = Principal(sess.user_id, sess.name, sess.role, "session", sess.session_epoch)
    if expired:
        store.touch_session_if_free(url, sess_id, ended_at=now)
        return None
    if touch:
        store.touch_session_if_free(url, sess_id, last_seen_at=now)
    return found


def _throttled(s: Session, name: str, client: str) -> bool:
    since = utcnow() - FAILURE_WINDOW

    if store.failed_logins(s, since, username=name, client=client) >= MAX_FAILURES_PER_NAME_AND_CLIENT:
        return True
    if client and store.failed_logins(s, since, client=client) >= MAX_FAILURES_PER_CLIENT:
        return True
    if store.failed_logins(s, since, username=name) >= MAX_FAILURES_PER_NAME:
        return not store.logged_in_from(s, name, client, utcnow() - KNOWN_CLIENT)
    return False


def login(url: str, name: str, password: str, client: str = "", code: str = "",
          totp_roles: Iterable[str] = ()) -> tuple[Principal, str] | None:
    """Check a password (and a TOTP or recovery code where the user has one); None if wrong.

    Returns the principal and a new server-side session id. Raises RateLimited after too many recent
    failures (see the limits above) and SecondFactorNeeded when the code is missing, or when the user's
    role is in ``totp_roles`` and they have no second factor yet. Unknown names cost the same argon2
    verification as known ones, so timing does not tell which names exist. Every attempt is recorded
    (without the password) for the limits and for review.
    """
    from reckon.services import twofactor

    name = name.strip()[:200]
    client = client[:100]
    with session_scope(url) as s:
        limited = _throttled(s, name, client)
        if limited:  # recorded (committed) before refusing; the password is not even checked
            s.add(LoginAttempt(username=name, client=client, success=False))
            audit(s, "login.rate_limited", actor=f"web:{name}", client=client)
    if limited:
        raise RateLimited.of(N_("too many failed logins; wait 15 minutes and try again"))
    with session_scope(url) as s:
        user = store.find_user(s, name)
        ok = False
        try:
            ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        ok = ok and user is not None and not user.disabled
        if ok and user is not None and user.totp_secret is not None:
            if not code.strip():
                raise SecondFactorNeeded.of(N_("enter the 6-digit code from your authenticator app (or a recovery "
                                               "code)"))
            ok = twofactor.check(s, user, code)
        elif ok and user is not None and user.role in set(totp_roles):
            audit(s, "login.no_second_factor", actor=f"web:{name}", client=client)
            raise SecondFactorNeeded.of(N_("the %(role)s role needs a second factor here; ask an admin to run "
                                           "%(command)s"), role=user.role, command=f"`reckon users totp {user.name}`")
        s.add(LoginAttempt(username=name, client=client, success=ok))
        if not ok:
            audit(s, "login.failed", actor=f"web:{name}", client=client)
            return None
        assert user is not None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utcnow()
        sid = secrets.token_urlsafe(32)
        s.add(WebSession(sid_sha256=_digest(sid), user_id=user.id, client=client))
        audit(s, "login", actor=f"web:{user.name}", target_type="web_user", target_ids=[user.id], client=client)
        return Principal(user.id, user.name, user.role, "session", user.session_epoch), sid


def logout(url: str, sid: str) -> None:
    """End this one session on the server (the cookie alone is worthless afterwards)."""
    with session_scope(url) as s:
        store.end_session(s, _digest(sid))


def logout_everywhere(url: str, user_id: int) -> None:
    """End every session of the user, on every device (API tokens are revoked separately)."""
    with session_scope(url) as s:
        user = s.get(WebUser, user_id)
        if user is not None:
            _end_everything(s, user, tokens=False)
            audit(s, "logout.everywhere", actor=f"web:{user.name}", target_type="web_user", target_ids=[user.id])
