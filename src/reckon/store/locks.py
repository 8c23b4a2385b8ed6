"""Two people at once: writers that queue visibly, and link runs that take turns, on SQLite and PostgreSQL.

SQLite has one writer at a time. Left to itself a second writer waits silently for ``busy_timeout`` and
then fails with a bare "database is locked"; :func:`begin_write` instead takes the write lock up front
(``BEGIN IMMEDIATE``) in short tries, says once whom it waits for, and gives up after
``RECKON_LOCK_WAIT`` seconds (default 600) with a clear :class:`~reckon.errors.BusyError`.

A link run reads every record, computes for minutes and then rewrites pairs and persons: two at once
would interleave. :func:`one_at_a_time` serialises them: a PostgreSQL advisory lock held by a
connection of its own for the whole run, or on SQLite an exclusive ``flock`` on a file beside the
database (the database lock alone is held only while writing, not while computing).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from reckon.errors import N_, BusyError, StoreError
from reckon.store.db import get_engine, normalise_url
from reckon.store.words import GAVE_UP, RUN_ON_DATABASE, RUN_ON_WORKSPACE, WAITING

WaitFn = Callable[[str], None]
F = TypeVar("F", bound=Callable[..., Any])
_POLL = 0.25


def lock_wait() -> float:
    """Seconds a writer waits for another before giving up (RECKON_LOCK_WAIT, default 600)."""
    try:
        return max(0.0, float(os.environ.get("RECKON_LOCK_WAIT", "600")))
    except ValueError:
        return 600.0


def sqlite_path(url: str, *, plain: bool = False) -> Path | None:
    """The database file of a SQLite URL, SQLCipher's included (None for PostgreSQL or an in-memory
    database). ``plain``: only a file the ``sqlite3`` module can open as it is, so None for an encrypted
    (SQLCipher) workspace too; what copies the file byte for byte (a SQLite-format backup, its restore)
    asks for this, so that it never writes an encrypted workspace's contents in clear, nor clear pages
    into an encrypted file."""
    u = make_url(normalise_url(url))
    if not u.drivername.startswith("sqlite") or not u.database or u.database == ":memory:":
        return None
    if plain and u.drivername not in ("sqlite", "sqlite+pysqlite"):
        return None
    return Path(u.database)


def _holder_file(db: Path) -> Path:
    return db.with_name(db.name + "-writer")


def _holder(db: Path) -> str:
    """What the current writer said it does ("the import of list.csv"), if it is still running."""
    try:
        pid_text, what = _holder_file(db).read_text(encoding="utf-8").split("\n", 1)
        os.kill(int(pid_text), 0)
        return what.strip() or "another reckon process"
    except (OSError, ValueError):
        return "another reckon process (an import, a link run or a web job)"


def begin_write(conn: Connection, what: str, on_wait: WaitFn | None = None, timeout: float | None = None,
                foreign_keys: bool = True) -> None:
    """On SQLite, begin ``conn``'s transaction holding the write lock, queueing behind another writer.

    ``what`` ("the import of list.csv") is left beside the database for the next writer's wait message.
    ``foreign_keys=False`` (imports, which check their few keys once: see
    :func:`keys_checked_once`) leaves SQLite's per-row key checks off for this
    transaction; SQLite takes the setting only outside a transaction, so it is set here, and the engine
    sets it back on when the connection returns to its pool (:func:`reckon.store.db.get_engine`).
    Nothing on PostgreSQL, whose writers lock only the rows they touch.
    """
    if conn.dialect.name != "sqlite":
        return
    if not foreign_keys:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
    db = sqlite_path(str(conn.engine.url))
    timeout = lock_wait() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    told = False
    conn.exec_driver_sql("PRAGMA busy_timeout=200")
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                break
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
                holder = _holder(db) if db else "another writer"
                if time.monotonic() >= deadline:
                    raise BusyError.of(GAVE_UP, seconds=f"{timeout:.0f}", what=holder) from None
                if not told and on_wait is not None:
                    on_wait(WAITING % {"what": holder})
                told = True
                time.sleep(_POLL)
    finally:
        conn.exec_driver_sql("PRAGMA busy_timeout=30000")
    if db is not None:
        with contextlib.suppress(OSError):
            _holder_file(db).write_text(f"{os.getpid()}\n{what}\n", encoding="utf-8")


def keys_checked_once(conn: Connection, source_id: int, import_id: int) -> None:
    """SQLite, per-row foreign-key checks off for an import (:func:`begin_write`, ``foreign_keys=False``):
    check once what every row would check, as PostgreSQL's writer does (pgcopy.checks_once).

    Every row an import writes (record, raw_block, quarantined_row) holds the same two keys, its source and
    its import, as constants of the writer's SQL, and no person; so the import's batch row naming its
    source is all there is to check (0.5-0.6 µs of SQLite's 4.7 µs a row, measured on 300,000 of the
    benchmark's records). The source's row cannot go away under the import: SQLite has one writer."""
    if conn.dialect.name != "sqlite" or conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one():
        return  # checked row by row
    found = conn.exec_driver_sql(
        "SELECT count(*) FROM import_batch b JOIN source s ON s.id = b.source_id WHERE b.id = ? "
        "AND b.source_id = ?", (import_id, source_id)).scalar_one()
    if found != 1:
        raise StoreError.of(N_("import bookkeeping: the import's batch row or its source is missing"))


def is_busy(exc: BaseException) -> bool:
    """Whether a driver error means "another connection holds the lock" (SQLite busy or locked)."""
    msg = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in msg or "database is busy" in msg or "database table is locked" in msg


@contextlib.contextmanager
def exclusive(url: str, name: str, on_wait: WaitFn | None = None, timeout: float | None = None) -> Iterator[None]:
    """Hold the workspace-wide lock ``name`` for the block; a second holder waits, then gives up clearly."""
    timeout = lock_wait() if timeout is None else timeout
    db = sqlite_path(url)
    if db is not None:
        with open(db.with_name(f"{db.name}-{name}.lock"), "a+b") as fh:

            def take() -> bool:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return False
                return True

            _wait_for(take, RUN_ON_WORKSPACE % {"name": name}, timeout, on_wait)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    key = zlib.crc32(f"reckon:{name}".encode()) & 0x7FFFFFFF
    with get_engine(url).connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        _wait_for(lambda: bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()),
                  RUN_ON_DATABASE % {"name": name}, timeout, on_wait)
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


def _wait_for(take: Callable[[], bool], what: str, timeout: float, on_wait: WaitFn | None) -> None:
    """Try ``take`` until it holds the lock, saying once that we wait; give up after ``timeout`` seconds.

    Why one loop: the workspace file lock (SQLite) and the advisory lock (PostgreSQL) wait alike."""
    deadline = time.monotonic() + timeout
    told = False
    while not take():
        if time.monotonic() >= deadline:
            raise BusyError.of(N_("gave up after %(seconds)s s waiting for %(what)s to finish; try again when it "
                                  "is done"), seconds=f"{timeout:.0f}", what=what)
        if not told and on_wait is not None:
            on_wait(WAITING % {"what": what})
        told = True
        time.sleep(_POLL)


def one_at_a_time(name: str, url_of: Callable[[Any], str]) -> Callable[[F], F]:
    """Decorate a run function so that runs of ``name`` on one workspace never overlap.

    The run's first argument gives the database (through ``url_of``); its ``progress`` callback, when
    given, hears the wait message as a step (``progress(0, None, message)``).
    """
    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def run(target: Any, *args: Any, **kwargs: Any) -> Any:
            progress = kwargs.get("progress")
            on_wait = (lambda msg: progress(0, None, msg)) if callable(progress) else None
            with exclusive(url_of(target), name, on_wait=on_wait):
                return fn(target, *args, **kwargs)
        return run  # type: ignore[return-value]
    return wrap


def write_if_free(url: str, statement: Any) -> bool:
    """Run one small write unless another writer holds SQLite's lock; then skip it and return False.

    For bookkeeping a reader does on the way (a token's "last used" time): a web read must not wait
    for an import's transaction to end for it.
    """
    with get_engine(url).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA busy_timeout=50")
            conn.commit()  # ends SQLAlchemy's autobegun transaction; SQLite had none open
        try:
            with conn.begin():
                conn.execute(statement)
            return True
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            return False
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA busy_timeout=30000")


def in_turn(session: Any, fn: Callable[[], Any], what: str, on_wait: WaitFn | None = None,
            timeout: float | None = None) -> Any:
    """PostgreSQL: run ``fn`` (which locks rows another import may hold), saying once that it waits.

    ``fn`` first runs with a one-second lock timeout; if another transaction holds its rows, ``on_wait``
    hears "waiting for WHAT to finish" and ``fn`` runs again with the full wait (RECKON_LOCK_WAIT), after
    which a clear :class:`~reckon.errors.BusyError` replaces the server's lock timeout. Each try runs in
    a savepoint, so a timed-out try leaves the transaction usable. Elsewhere ``fn`` simply runs.
    """
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return fn()
    timeout = lock_wait() if timeout is None else timeout
    try:
        for attempt, limit in enumerate((min(1.0, timeout), timeout)):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{max(1, int(limit * 1000))}ms'")
            try:
                with session.begin_nested():
                    return fn()
            except OperationalError as exc:
                if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
                    raise
            if attempt == 0 and on_wait is not None:
                on_wait(WAITING % {"what": what})
        raise BusyError.of(GAVE_UP, seconds=f"{timeout:.0f}", what=what)
    finally:
        conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
