"""Engines, sessions and schema upgrades for SQLite and PostgreSQL alike.

SQLite runs in WAL mode with foreign keys on, so readers (the web app) never block an import and a
killed import leaves the file as it was before the transaction.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reckon.errors import BusyError, ReckonError, StoreError
from reckon.i18n import N_
from reckon.store import crypto
from reckon.store.words import OPERATION, OUT_OF_MEMORY, UNEXPECTED

MIGRATIONS = Path(__file__).parent / "migrations"


_CACHE_SIZE = "reckon_cache_size"


def _sqlite_pragmas(dbapi_conn, record) -> None:  # pragma: no cover - exercised through engines
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    # The page cache this connection starts with (SQLCipher's is larger: store.crypto.connect), which it
    # gets back whenever it returns to the pool (_sqlite_back_in_pool).
    record.info[_CACHE_SIZE] = int(cur.execute("PRAGMA cache_size").fetchone()[0])
    cur.close()


# Python's sqlite3 binds None through its adaptation protocol (an adapter-registry miss, then two
# attribute lookups), which costs more than binding text; an identity adapter for None turns that into
# one dictionary hit. Values stored are unchanged (None is still NULL); imports bind millions of them.
sqlite3.register_adapter(type(None), {}.get)
# The same for booleans (a bool is not exactly an int to the driver): bound as the integer SQLite stores
# for them anyway. Histories write a boolean per event and per interval, millions in a full build.
sqlite3.register_adapter(bool, int)
# And for bytes (content hashes, one per imported record): without an adapter the driver looks the type up
# in its registry, misses, then looks for __adapt__ and __conform__, 0.4 µs a value; bytes.__bytes__ gives
# the same object back (bound as the same BLOB) in about 0.15 µs.
sqlite3.register_adapter(bytes, bytes.__bytes__)


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


_ENGINES: dict[str, Engine] = {}
PING_AFTER_IDLE_S = 10.0
_IDLE_SINCE = "reckon_idle_since"


def _ping_when_idle(engine: Engine) -> None:
    """Test a pooled PostgreSQL connection before use only when it sat idle in the pool for
    :data:`PING_AFTER_IDLE_S` or more: a server restart, a proxy's idle cut or a network change is then
    found before a statement fails, as SQLAlchemy's ``pool_pre_ping`` finds it, without a round trip on
    every checkout (a web request checks out up to three: its access check, its read, its audit entry).
    A connection broken while in steady use fails its statement instead; SQLAlchemy then discards the
    whole pool, so the next requests get fresh connections."""
    dialect = engine.dialect

    @event.listens_for(engine, "connect")
    def _connected(dbapi_conn, record) -> None:  # pragma: no cover - exercised through engines
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_conn, record) -> None:  # pragma: no cover - exercised through engines
        if record is not None:
            record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn, record, proxy) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            dialect.do_ping(dbapi_conn)
        except Exception as exc:   # the pool drops this connection and checks out another
            raise DisconnectionError("a pooled connection did not answer its ping") from exc


def _sqlite_back_in_pool(dbapi_conn, record) -> None:  # pragma: no cover - exercised through engines
    """Back in the pool, a SQLite connection checks foreign keys again, whatever its last user set (an
    import turns the per-row checks off for its own transaction: locks.begin_write). The pool has rolled
    back or the user committed by now, so the setting (a no-op inside a transaction) takes.

    It also gets its own page cache size back (an import and a full histories build enlarge it: sqlite_cache): a
    connection that sat in the pool of a long-lived process (the web app, a job runner) kept an import's
    filled cache, tens of MB, until it was closed; a smaller size frees the pages beyond it."""
    if dbapi_conn is not None:  # None: invalidated, and closed rather than pooled
        dbapi_conn.execute("PRAGMA foreign_keys=ON")
        size = record.info.get(_CACHE_SIZE) if record is not None else None
        if size is not None:
            dbapi_conn.execute(f"PRAGMA cache_size={int(size)}")


def sqlite_cache(conn: Connection, mb: int) -> None:
    """A bigger SQLite page cache for one connection's heavy writes (an import while its indexes grow, a
    full histories build): past the cache, each written page is read again or spilled to the WAL before
    the commit. Nothing puts it back: the pool does, when the connection returns (:func:`_sqlite_back_in_pool`).
    No-op elsewhere."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size=-{max(2, mb) * 1024}")


def _private_file(url: str) -> None:
    """Create a new SQLite database file as its owner's only (0600) before SQLite opens it: the entry points
    set a private umask, but a program using reckon as a library may not, and SQLite gives the -wal and
    -shm files the database file's own mode."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    with suppress(FileExistsError, FileNotFoundError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def get_engine(url: str) -> Engine:
    """One pooled engine per database URL for the life of the process."""
    url = normalise_url(url)
    engine = _ENGINES.get(url)
    if engine is None:
        if crypto.is_encrypted_url(url):  # SQLCipher: same pragmas, keyed connections
            engine = crypto.engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "checkin", _sqlite_back_in_pool)
        elif url.startswith("sqlite"):
            _private_file(url)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "checkin", _sqlite_back_in_pool)
        else:
            engine = create_engine(url)
            _ping_when_idle(engine)
        _ENGINES[url] = engine
    return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests, backups and restores need the file released)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
    _FACTORIES.clear()


_FACTORIES: dict[str, sessionmaker[Session]] = {}


def session_factory(url: str) -> sessionmaker[Session]:
    """One session maker per database URL, beside its engine: a ``sessionmaker`` makes a Session class of
    its own, whose event registry every session then builds again (a tenth of a web request's CPU, when
    each unit of work made a new one)."""
    engine = get_engine(url)
    factory = _FACTORIES.get(normalise_url(url))
    if factory is None or factory.kw.get("bind") is not engine:
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        _FACTORIES[normalise_url(url)] = factory
    return factory


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database schema to ``revision`` (idempotent)."""
    from alembic import command

    cfg = alembic_config(url)
    if crypto.is_encrypted_url(url):  # alembic cannot open it from a URL: hand it a keyed connection
        with get_engine(url).begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        return
    command.upgrade(cfg, revision)


def head_revision() -> str:
    """The newest schema this reckon knows: the chain is linear and numbered (``0015_…py``), so the highest
    file number is the head, read without importing Alembic (start-up stays cheap)."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


_CHECKED: set[str] = set()


def check_schema(url: str) -> None:
    """Refuse, in words, a workspace whose database an older reckon made: the newer code would otherwise fail
    in the middle of an import on a column that moved. Upgrading is explicit (``reckon init`` on the
    folder), so that a documenter can back up first. Checked once per process and database."""
    if url in _CHECKED:
        return
    from sqlalchemy import text

    try:
        with get_engine(url).connect() as conn:
            found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return  # no schema table yet (a database being made): `reckon init` builds it
    head = head_revision()
    if found is not None and str(found) < head:
        raise StoreError.of(N_("this workspace's database is at schema %(found)s, and this version of reckon "
                               "needs %(head)s: back it up (`reckon backup FILE`), then upgrade it with "
                               "`reckon init` on the workspace's folder"), found=str(found), head=head)
    _CHECKED.add(url)


def public_message(exc: BaseException) -> str:
    """What an error that ended an operation says where people read it (the command line, a job's row).

    reckon's own errors as they are (they name file, row and field, never personal data); a database error
    as :func:`database_error` words it; anything else by its type only, since its message may quote data
    (a name in a ValueError).
    """
    if isinstance(exc, SQLAlchemyError):
        exc = database_error(exc)
    if isinstance(exc, ReckonError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return OUT_OF_MEMORY
    return UNEXPECTED % {"type": type(exc).__name__}


def database_error(exc: SQLAlchemyError, doing: str = OPERATION) -> StoreError | BusyError:
    """A driver error as a clean :class:`~reckon.errors.StoreError`: the kind and the server's first line.

    Never the statement's parameters, nor PostgreSQL's DETAIL (``Key (identity)=(...)``): both can hold
    names and birth dates. SQLite's "database is locked" becomes a :class:`~reckon.errors.BusyError`.
    """
    if isinstance(exc, NoSuchModuleError | ArgumentError):  # the URL itself: never printed (it may hold a password)
        return StoreError.of(N_("the workspace's database URL is not one reckon can open (%(kind)s: %(problem)s); "
                                "set [database] url in reckon.toml or RECKON_DATABASE_URL"),
                             kind=type(exc).__name__,
                             problem=str(exc).splitlines()[0][:120] if str(exc) else "unreadable")
    orig = getattr(exc, "orig", None)
    kind = type(orig).__name__ if orig is not None else type(exc).__name__
    diag = getattr(orig, "diag", None)
    first = getattr(diag, "message_primary", None) if diag is not None else None
    if first is None:
        first = str(orig if orig is not None else exc).split("\n", 1)[0]
        if not isinstance(exc, DBAPIError) or "[SQL:" in first or "parameters" in first.lower():
            first = ""
    if "database is locked" in first or "database is busy" in first:
        return BusyError.of(N_("%(doing)s could not finish: another reckon process is writing to this workspace; "
                               "nothing was changed. Try again when it is done"), doing=doing)
    first = first[:300]
    err = StoreError.of(N_("the database refused %(doing)s (%(kind)s%(detail)s); nothing was changed"),
                        doing=doing, kind=kind, detail=": " + first if first else "")
    err.kind, err.detail = kind, first   # in parts, for a job's failure said in its reader's language
    return err
