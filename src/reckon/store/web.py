"""Tables of the web stage (users, API tokens, login attempts, background jobs, the name search index)
and every query the web stage makes of them.

Passwords are stored only as argon2 hashes and API tokens only as SHA-256 digests (tokens are 256-bit
random strings, so a plain digest is enough: there is nothing to brute-force). Login attempts are kept in
the database, not in memory, so rate limiting holds across restarts and across several server processes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    union,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.errors import N_, ConfigError
from reckon.store.base import Base, utcnow
from reckon.store.locks import begin_write, write_if_free
from reckon.store.models import AuditEvent, ImportBatch, QuarantinedRow, Record, Source

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
    # Both columns in both indexes: a search reads a word's record ids and probes a record's keys from the
    # index alone (migration 0014).
    __table_args__ = (Index("ix_web_search_key_key_record", "key", "record_id"),
                      Index("ix_web_search_key_record_key", "record_id", "key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(300))


class WebState(Base):
    """Small named values the web stage keeps between runs (e.g. how far the search index has got)."""

    __tablename__ = "web_state"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict] = mapped_column(default=dict)


# --- small named values (the search index's progress, the dashboard's summary) ------------------------

def _upsert(s: Session) -> Any:
    """The dialect's INSERT that takes ON CONFLICT (PostgreSQL and SQLite 3.24+ both have it)."""
    dialect_insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    return dialect_insert(WebState)


def state(s: Session, name: str) -> dict | None:
    """The value kept under ``name``, or None when there is none."""
    row = s.get(WebState, name)
    return dict(row.value) if row is not None and isinstance(row.value, dict) else None


def save_state(s: Session, name: str, value: dict) -> None:
    """Keep ``value`` under ``name`` (one row, replaced), for every process to read.

    An upsert, not a read then an insert: two writers saving at once (PostgreSQL runs them side by side)
    must leave the second's value, not fail on the row's key, and on SQLite a transaction that read
    before writing fails when another wrote in between ("database is locked" from a stale snapshot)."""
    stmt = _upsert(s).values(name=name, value=value)
    s.execute(stmt.on_conflict_do_update(index_elements=[WebState.name], set_={"value": stmt.excluded.value}))


def claim_state(s: Session, name: str, what: str) -> dict:
    """The value under ``name`` ({} when none), held for the rest of ``s``'s transaction so that a second
    writer of it waits here until this one commits, then reads what this one saved. ``what`` ("indexing
    names for search") is what a SQLite writer waiting behind this one is told.

    For work that reads its progress, does the next piece and saves the new progress (the search index):
    two at once would both do the same piece. On SQLite the transaction begins holding the database's
    write lock (:func:`~reckon.store.locks.begin_write`: it queues behind an import visibly), so call this
    first in ``s``'s transaction. On PostgreSQL the row is made if missing (an insert that does nothing on
    conflict waits for another transaction's uncommitted insert of it), then locked ``FOR UPDATE``."""
    begin_write(s.connection(), what)
    s.execute(_upsert(s).values(name=name, value={}).on_conflict_do_nothing(index_elements=[WebState.name]))
    value = s.execute(select(WebState.value).where(WebState.name == name).with_for_update()).scalar_one()
    return dict(value) if isinstance(value, dict) else {}


# --- users, sessions, tokens ---------------------------------------------------------------------------

def find_user(s: Session, name: str) -> WebUser | None:
    """The web user called ``name``, or None (for callers to whom a missing user is no error)."""
    return s.execute(select(WebUser).where(WebUser.name == name)).scalar_one_or_none()


def user_named(s: Session, name: str) -> WebUser:
    """The web user called ``name``; a ConfigError that says how to list users when there is none."""
    user = find_user(s, name)
    if user is None:
        raise ConfigError.of(N_("no user %(name)r; see `reckon users list`"), name=name)
    return user


def users_by_name(s: Session) -> list[WebUser]:
    return list(s.execute(select(WebUser).order_by(WebUser.name)).scalars())


def live_token_counts(s: Session) -> dict[int, int]:
    """Per user id, how many of their API tokens are neither revoked nor expired."""
    return dict(s.execute(select(ApiToken.user_id, func.count())
                          .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > utcnow())
                          .group_by(ApiToken.user_id)).all())


def end_sessions_and_tokens(s: Session, user_id: int, *, tokens: bool) -> None:
    """End every open session of a user and, with ``tokens``, revoke every live API token."""
    now = utcnow()
    s.execute(update(WebSession).where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
              .values(ended_at=now))
    if tokens:
        s.execute(update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
                  .values(revoked_at=now))


def end_session(s: Session, sid_sha256: str) -> None:
    s.execute(update(WebSession).where(WebSession.sid_sha256 == sid_sha256, WebSession.ended_at.is_(None))
              .values(ended_at=utcnow()))


def tokens_with_users(s: Session, name: str | None = None) -> list[tuple[ApiToken, str]]:
    q = select(ApiToken, WebUser.name).join(WebUser, WebUser.id == ApiToken.user_id).order_by(ApiToken.id)
    if name:
        q = q.where(WebUser.name == name)
    return [(t, n) for t, n in s.execute(q).all()]


# What the access check of every request reads of a token or a session and its user: these columns only,
# as one row read by attribute, with statements built once (this runs once per request).
_USER_COLUMNS = (WebUser.id.label("user_id"), WebUser.name, WebUser.role, WebUser.disabled, WebUser.session_epoch)


_LIVE_TOKEN = (select(ApiToken.id, ApiToken.expires_at, ApiToken.last_used_at, *_USER_COLUMNS)
               .join(WebUser, WebUser.id == ApiToken.user_id)
               .where(ApiToken.token_sha256 == bindparam("digest"), ApiToken.revoked_at.is_(None)))
_SESSION_WITH_USER = (select(WebSession.id, WebSession.created_at, WebSession.last_seen_at, WebSession.ended_at,
                             *_USER_COLUMNS)
                      .join(WebUser, WebUser.id == WebSession.user_id)
                      .where(WebSession.sid_sha256 == bindparam("digest")))


def live_token(s: Session, token_sha256: str) -> Any | None:
    """The unrevoked token with this digest and its user, as one row (``id``, ``expires_at``,
    ``last_used_at``, ``user_id``, ``name``, ``role``, ``disabled``, ``session_epoch``); expiry and disabled
    users are the caller's."""
    return s.execute(_LIVE_TOKEN, {"digest": token_sha256}).first()


def session_with_user(s: Session, sid_sha256: str) -> Any | None:
    """The session with this digest and its user, as one row (``id``, ``created_at``, ``last_seen_at``,
    ``ended_at``, ``user_id``, ``name``, ``role``, ``disabled``, ``session_epoch``)."""
    return s.execute(_SESSION_WITH_USER, {"digest": sid_sha256}).first()


def touch_token_if_free(url: str, token_id: int, now: datetime) -> bool:
    """Note a token's last use, skipped while another writer holds SQLite's lock (a read never waits)."""
    return write_if_free(url, update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))


def touch_session_if_free(url: str, session_id: int, **values: datetime) -> bool:
    """Set a session's ``last_seen_at`` or ``ended_at``, skipped while another writer holds the lock."""
    return write_if_free(url, update(WebSession).where(WebSession.id == session_id).values(**values))


def failed_logins(s: Session, since: datetime, *, username: str | None = None, client: str | None = None) -> int:
    """Failed login attempts since ``since``, for a name, a client or both."""
    where = [LoginAttempt.success.is_(False), LoginAttempt.at >= since]
    if username is not None:
        where.append(LoginAttempt.username == username)
    if client is not None:
        where.append(LoginAttempt.client == client)
    return s.execute(select(func.count()).select_from(LoginAttempt).where(*where)).scalar() or 0


def logged_in_from(s: Session, username: str, client: str, since: datetime) -> bool:
    """Has this name logged in successfully from this client since ``since``?"""
    return s.execute(select(LoginAttempt.id).where(
        LoginAttempt.username == username, LoginAttempt.client == client, LoginAttempt.success.is_(True),
        LoginAttempt.at >= since).limit(1)).first() is not None


def replace_recovery_codes(s: Session, user_id: int, digests: Sequence[str]) -> None:
    """Drop a user's recovery codes and keep these digests instead (none: the user has no codes)."""
    s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    s.add_all(RecoveryCode(user_id=user_id, code_sha256=d) for d in digests)


def unused_recovery_code(s: Session, user_id: int, digest: str) -> RecoveryCode | None:
    return s.execute(select(RecoveryCode).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None),
                                                RecoveryCode.code_sha256 == digest)).scalar_one_or_none()


# --- jobs ----------------------------------------------------------------------------------------------

# The queue itself (adding, claiming, progress, the end of a job) is store.jobs.

def count_jobs_since(s: Session, actor: str, since: datetime) -> int:
    return s.execute(select(func.count()).select_from(Job).where(
        Job.actor == actor, Job.created_at >= since)).scalar() or 0


# --- the name search index -----------------------------------------------------------------------------

def records_after(s: Session, upto: int = 0) -> int:
    """How many record versions have an id above ``upto`` (all of them with 0)."""
    return int(s.execute(select(func.count()).select_from(Record).where(Record.id > upto)).scalar() or 0)


def clear_search_keys(s: Session) -> None:
    s.execute(delete(SearchKey))


def record_names_after(s: Session, upto: int, limit: int) -> list[tuple[int, str | None, str | None, str | None,
                                                                        str | None]]:
    """(id, full name, surname, given name, patronymic) of the next ``limit`` record versions after ``upto``."""
    return [tuple(r) for r in s.execute(  # type: ignore[misc]
        select(Record.id, Record.full_name, Record.surname, Record.given_name, Record.patronymic)
        .where(Record.id > upto).order_by(Record.id).limit(limit)).all()]


def add_search_keys(s: Session, rows: list[dict[str, Any]]) -> None:
    """Insert ``{"record_id", "key"}`` rows in one executemany."""
    if rows:
        s.execute(insert(SearchKey), rows)


def tidy_search_keys(url: str) -> None:
    """After the index grew: refresh the planner's statistics (without them PostgreSQL guesses a common
    key matches a few hundred rows and joins a given name's whole posting list instead of probing the
    rarest word's few hundred records) and, on PostgreSQL, vacuum the table so that searches are
    answered from the covering indexes alone (index-only scans need the visibility map a vacuum sets;
    autovacuum may be off or late)."""
    from reckon.store.db import get_engine

    engine = get_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("VACUUM (ANALYZE) web_search_key"))
        else:
            conn.execute(text("ANALYZE web_search_key"))


_TOP = "\U0010ffff"   # above every character: [word, word + _TOP) holds every key ``word`` begins


def _branches(word: str, keys: Sequence[str]) -> tuple[list[str], list[str]]:
    """What one query word matches: (keys equal to one of these, keys beginning with one of these).

    A key equal to one of ``keys``, or, for a word of 3+ letters, an indexed key it is a prefix of (a
    byte-wise range, so the B-tree on ``key`` serves it on SQLite and PostgreSQL alike; the keys the range
    holds are not listed again). A one-letter word is an initial: its ``keys`` are the letters a name word
    it stands for may begin with."""
    if len(word) == 1:
        return [], sorted(keys)
    if len(word) >= 3:
        return sorted(k for k in keys if not k.startswith(word)), [word]
    return sorted(keys), []


def _term_params(i: int, exact: list[str], starts: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {f"x{i}": exact} if exact else {}
    for j, lo in enumerate(starts):
        out[f"lo{i}_{j}"], out[f"hi{i}_{j}"] = lo, lo + _TOP
    return out


def _key_condition(table: Any, i: int, shape: tuple[bool, int]) -> Any:
    """Term ``i``'s keys on ``table`` (its values bound by name, :func:`_term_params`)."""
    has_exact, n_ranges = shape
    conds = [table.c.key.in_(bindparam(f"x{i}", expanding=True))] if has_exact else []
    conds += [and_(table.c.key >= bindparam(f"lo{i}_{j}"), table.c.key < bindparam(f"hi{i}_{j}"))
              for j in range(n_ranges)]
    return conds[0] if len(conds) == 1 else or_(*conds)


def _key_record_ids(table: Any, i: int, shape: tuple[bool, int], *, distinct: bool = False) -> Any:
    """The record ids of term ``i``'s keys: a UNION ALL of one index range per branch (the keys
    themselves, the word's prefix range, an initial's letters), each an index-only scan of
    ``(key, record_id)``, where one OR of them makes PostgreSQL visit the heap for every key. A record
    has several keys of one word (its spelling, its romanisation), so it may come more than once;
    ``distinct`` gives each once (a hash of them all: for a word known to be rare)."""
    has_exact, n_ranges = shape
    parts = [select(table.c.record_id).where(table.c.key >= bindparam(f"lo{i}_{j}"),
                                              table.c.key < bindparam(f"hi{i}_{j}")) for j in range(n_ranges)]
    if has_exact:
        parts.insert(0, select(table.c.record_id).where(table.c.key.in_(bindparam(f"x{i}", expanding=True))))
    if len(parts) == 1:
        return parts[0].distinct() if distinct else parts[0]
    return union(*parts) if distinct else union_all(*parts)


@functools.lru_cache(maxsize=256)
def _count_statement(shapes: tuple[tuple[bool, int], ...], cap: int) -> Any:
    """Every term's number of keyed records, each counted up to ``cap``, in one statement."""
    key = SearchKey.__table__
    return select(*(select(func.count()).select_from(_key_record_ids(key, i, shape).limit(cap).subquery(f"c{i}"))
                    .scalar_subquery() for i, shape in enumerate(shapes)))


@functools.lru_cache(maxsize=256)
def _match_statement(shapes: tuple[tuple[bool, int], ...], order: tuple[int, ...], rare: bool, limit: int) -> Any:
    """Current records matching every term, driven by term ``order[0]``'s keys (see
    :func:`search_record_ids`). Statements are built once per shape of query (how many words, which of
    them initials or short words) and kept: a search binds only its words' keys."""
    key = SearchKey.__table__
    first = _key_record_ids(key, order[0], shapes[order[0]], distinct=rare).subquery("k0")
    stmt = (select(first.c.record_id).join(Record, Record.id == first.c.record_id)
            .where(Record.is_current.is_(True)))
    for n, i in enumerate(order[1:], start=1):
        other = key.alias(f"k{n}")
        stmt = stmt.where(exists().where(other.c.record_id == first.c.record_id,
                                         _key_condition(other, i, shapes[i])))
    return stmt.limit(limit)


def search_record_ids(s: Session, terms: Sequence[tuple[str, Sequence[str]]], *, limit: int,
                      rarity_cap: int) -> list[int]:
    """Ids of current records that match every (word, keys) term, at most ``limit``, sorted.

    The rarest term (its keys counted up to ``rarity_cap``: index only, stops at the cap) drives
    index-only scans of ``key``; every further term must match the same record (EXISTS, index-only on
    ``(record_id, key)``), and the scan stops as soon as enough current records are found. When the
    rarest term is known to be rare its records are taken once each, so each is probed once.
    """
    branches = [_branches(word, keys) for word, keys in terms]
    if not branches:
        return []
    shapes = tuple((bool(exact), len(starts)) for exact, starts in branches)
    params: dict[str, Any] = {}
    for i, (exact, starts) in enumerate(branches):
        params.update(_term_params(i, exact, starts))
    order = tuple(range(len(shapes)))
    rare = False
    if len(shapes) > 1:   # every term's count in one statement: one round trip, not one per word
        counts = s.execute(_count_statement(shapes, rarity_cap), params).one()
        order = tuple(sorted(order, key=lambda i: (counts[i] or 0, i)))
        rare = (counts[order[0]] or 0) < rarity_cap
    found: list[int] = []
    seen: set[int] = set()
    for rid in s.scalars(_match_statement(shapes, order, rare, limit if rare else limit * 4), params):
        if rid not in seen:
            seen.add(rid)
            found.append(rid)
            if len(found) >= limit:
                break
    return sorted(found)


# --- the register as the pages show it -----------------------------------------------------------------

def source_imports(s: Session, source_id: int) -> tuple[Source, list[ImportBatch]] | None:
    """A source and its imports, newest first; None when there is no such source."""
    src = s.get(Source, source_id)
    if src is None:
        return None
    return src, list(s.execute(select(ImportBatch).where(ImportBatch.source_id == source_id)
                               .order_by(ImportBatch.id.desc())).scalars())


def import_quarantine(s: Session, import_id: int, limit: int) -> tuple[ImportBatch, str, list[QuarantinedRow]] | None:
    """An import, its source's name and its first ``limit`` quarantined rows; None when there is no such import."""
    batch = s.get(ImportBatch, import_id)
    if batch is None:
        return None
    rows = list(s.execute(select(QuarantinedRow).where(QuarantinedRow.import_id == import_id)
                          .order_by(QuarantinedRow.row_number).limit(limit)).scalars())
    return batch, s.get(Source, batch.source_id).name, rows


def record_versions(s: Session, source_id: int, identity: str) -> list[tuple[int, int, bool, int]]:
    """Every version of one row of a source, oldest first: (id, version, is_current, import id)."""
    return [(i, v, cur, imp) for i, v, cur, imp in s.execute(
        select(Record.id, Record.version, Record.is_current, Record.import_id)
        .where(Record.source_id == source_id, Record.identity == identity).order_by(Record.version))]


def audit_events(s: Session, limit: int, action: str | None = None) -> list[AuditEvent]:
    """The audit log, newest first (one action only with ``action``)."""
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        q = q.where(AuditEvent.action == action)
    return list(s.execute(q).scalars())
