"""Every query of a list import: its source, its batch row, and the writer of records and quarantine.

:mod:`reckon.ingest.service` decides what an import does; this module is how it is written, on SQLite
and PostgreSQL, inside the import's one transaction.

How a batch of prepared rows is written (:class:`RecordWriter`):

- Records are written without ORM objects or per-row SQL compilation. What every row shares (source,
  import, version 1, ``raw`` = the empty object) is an SQL literal (SQLite) or the same tail of every COPY
  row (PostgreSQL), and fields no row of the batch fills are left out. The file name and the time are the
  import's and are not written per record (migration 0015); the content hash is bound as its 8 bytes.
- The raw rows of the records written go to zstd-compressed blocks (:mod:`reckon.store.rawblocks`); a
  record binds only its block and line. Unchanged rows of a re-import write no block.
- SQLite takes the rows in INSERTs of fifty rows each (:meth:`RecordWriter._sqlite_insert`). PostgreSQL takes them with ``COPY`` straight
  into ``record``, in a thread while the import reads and maps the next batch, and with the foreign keys
  every row would check checked once per import
  (:mod:`reckon.store.pgcopy`: 13.5 -> 5.4 µs of server CPU a row). Both in the import's transaction, so a
  failure or a kill leaves the store as before; every constraint of ``record`` stays declared.
- Repeated ids inside one file get ``#2``, ``#3`` in order without tracking them in Python memory: on a
  source's first import the record table's unique index finds ids met in earlier batches (the batch is
  retried under a savepoint when it refuses one); on later imports a temporary table of ids seen does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from itertools import chain
from operator import add
from typing import Any, Protocol

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reckon.errors import N_, ReckonError
from reckon.store.audit import audit
from reckon.store.base import utcnow
from reckon.store.db import get_engine
from reckon.store.models import SAME_AS_IDENTITY, ImportBatch, QuarantinedRow, Record, Source, hash_bytes
from reckon.store.pgcopy import CopyShape, CopyText, Pending, checks_once
from reckon.store.rawblocks import block_lines, insert_blocks, pack_blocks, write_blocks
from reckon.store.rows import chunks, interleave, number_repeats
from reckon.store.shapes import CONTENT_HASH_CHARS, HASH_BYTES

__all__ = ["RecordWriter", "SEEN", "get_or_create_source", "latest_import", "current_count", "current_hashes",
           "current_versions", "read_only", "source_id", "quarantined_keys", "bad_key", "id_clash",
           "CONTENT_HASH_CHARS", "HASH_BYTES", "stored_hash"]

ROWS_PER_INSERT = 50
"""SQLite: records one INSERT statement carries (see RecordWriter._sqlite_insert)."""


def stored_hash(value: str | bytes | memoryview) -> bytes:
    """A content hash as stored (bytes since migration 0015, hex text before) as the 8 bytes compared
    (:data:`CONTENT_HASH_CHARS`)."""
    if isinstance(value, str):
        return hash_bytes(value[:CONTENT_HASH_CHARS])
    return bytes(value[:HASH_BYTES])

_QUARANTINE_COLUMNS = ("import_id", "source_id", "file_name", "row_number", "field", "reason", "raw",
                       "created_at")

_seen_meta = MetaData()
SEEN = Table("reckon_import_seen", _seen_meta, Column("identity", String(300), primary_key=True),
             Column("n", Integer, nullable=False), Column("batch", Integer, nullable=False),
             prefixes=["TEMPORARY"])
"""The import's table of ids seen (temporary: private to its connection)."""


class Batch(Protocol):
    """What the writer needs of a prepared batch (reckon.ingest.prepare.Prepared)."""

    fields: tuple[str, ...]
    identities: list[str]  # base identity of each row to store
    numbers: list[int]  # its row number in the file
    raws: list[bytes]  # its raw row as JSON
    columns: list[list[Any]]  # the values of ``fields``, one list per field
    bad: list[tuple[int, str | None, str, str]]  # (row number, column, reason, raw row as JSON text)
    packed: list[dict[str, Any]] | None  # every raw row already in blocks (rawblocks.pack_blocks), or None

    @property
    def hashes(self) -> list[bytes]: ...  # its content hash (HASH_BYTES bytes)

    def rows(self, identities: list[str] | None = None, *tail: list[Any]) -> list[tuple[Any, ...]]:
        """(identity, content hash, row number, *fields, *tail) per row to store."""


# ------------------------------------------------------------------------------------- source and batch


def get_or_create_source(session: Session, name: str, *, kind: str | None = None, organisation: str | None = None,
                         description: str | None = None, lock: bool = False, update_fields: bool = False) -> Source:
    """The source called ``name``, created (and audited) if new: the one way any stage gets a source.

    ``lock`` (imports) holds the source's row until commit on PostgreSQL, so imports into one source run
    one at a time. Two imports may name the same new source at once; on PostgreSQL both SELECTs find
    nothing (no row yet to lock), so the INSERT is ``ON CONFLICT DO NOTHING``: it waits for the other
    transaction and, if that committed, the re-select finds (and locks) its source. SQLite's single
    writer lock already orders them. A new source is of ``kind`` (default "list"). ``update_fields`` records a changed organisation, kind or
    description given for an existing source (audited).
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    stmt = select(Source).where(Source.name == name)
    if lock and postgres:
        stmt = stmt.with_for_update()
    src = session.scalars(stmt).first()
    created = False
    if src is None and postgres:
        insert = pg_insert(Source).values(name=name, organisation=organisation, kind=kind or "list",
                                          description=description)
        new_id = session.execute(insert.on_conflict_do_nothing(index_elements=[Source.name])
                                 .returning(Source.id)).scalar_one_or_none()
        src = session.scalars(stmt).one()
        created = new_id is not None
    elif src is None:
        src = Source(name=name, organisation=organisation, kind=kind or "list", description=description)
        session.add(src)
        session.flush()
        created = True
    if created:
        audit(session, "source.create", target_type="source", target_ids=[src.id], source=name, kind=src.kind)
    elif update_fields:
        changed = {}
        for attr, value in (("organisation", organisation), ("kind", kind), ("description", description)):
            if value is not None and getattr(src, attr) != value:
                setattr(src, attr, value)
                changed[attr] = value
        if changed:
            audit(session, "source.update", target_type="source", target_ids=[src.id], source=name,
                  fields=sorted(changed))
    return src


def read_only(stack: ExitStack, url: str) -> Connection:
    """A connection that reads one snapshot of the store and can write nothing, closed with ``stack``.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (the server refuses any write in it). SQLite:
    ``PRAGMA query_only`` for the life of the connection (reset before it goes back to the pool) and one
    read transaction, which in WAL mode is a snapshot. Either is rolled back at the end.
    """
    conn = stack.enter_context(get_engine(url).connect())
    sqlite = conn.dialect.name == "sqlite"
    if conn.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    elif sqlite:
        conn.exec_driver_sql("PRAGMA query_only = ON")
        stack.callback(conn.exec_driver_sql, "PRAGMA query_only = OFF")
    stack.callback(conn.rollback)  # runs before the reset above: callbacks run last in, first out
    if sqlite:
        conn.exec_driver_sql("BEGIN")  # pysqlite opens no transaction for reads: take the snapshot now
    return conn


def source_id(bind: Session | Connection, name: str) -> int | None:
    return bind.execute(select(Source.id).where(Source.name == name)).scalar_one_or_none()


def latest_import(bind: Session | Connection, source_id: int) -> Any:
    """(id, file_sha256, mapping) of the source's latest finished import, or None."""
    return bind.execute(
        select(ImportBatch.id, ImportBatch.file_sha256, ImportBatch.mapping)
        .where(ImportBatch.source_id == source_id, ImportBatch.finished_at.is_not(None))
        .order_by(ImportBatch.id.desc()).limit(1)).first()


def current_count(bind: Session | Connection, source_id: int) -> int:
    t = Record.__table__
    return int(bind.execute(select(func.count()).select_from(t).where(
        t.c.source_id == source_id, t.c.is_current.is_(True))).scalar_one())


def current_hashes(conn: Connection, source_id: int, identities: list[str]) -> dict[str, bytes]:
    """identity -> content hash (:func:`stored_hash`) of the current version (:func:`current_versions`)."""
    return {ident: chash for ident, (_rid, _version, chash) in current_versions(conn, source_id, identities).items()}


def current_versions(conn: Connection, source_id: int, identities: list[str]) -> dict[str, tuple[int, int, bytes]]:
    """identity -> (record id, version, content hash) of the current version of those of ``identities`` the source
    has. PostgreSQL: the ids as one array per 5,000 (``= ANY``: 3 ms where ``IN`` of 900 parameters took 10 ms)."""
    postgres, mark = conn.dialect.name == "postgresql", "?" if conn.dialect.paramstyle == "qmark" else "%s"
    found: dict[str, tuple[int, int, bytes]] = {}
    for chunk in chunks(list(set(identities)), 1000 if postgres else 900):
        # COALESCE hides is_current from the planner, which keeps it on the unique index (identity) on both databases
        sql = (f"SELECT identity, id, version, content_hash FROM record WHERE source_id = {mark} AND "
               f"COALESCE(is_current, is_current) = {mark} AND identity " +
               ("= ANY(%s)" if postgres else f"IN ({', '.join([mark] * len(chunk))})"))
        for ident, rid, version, chash in conn.exec_driver_sql(
                sql, (source_id, True if postgres else 1, *([chunk] if postgres else chunk))):
            found[ident] = (rid, version, stored_hash(chash))
    return found


# ----------------------------------------------------------------------------------------- quarantine


def bad_key(column: str | None, reason: str, raw: Any) -> str:
    """What makes two quarantined rows the same: column, reason and the row's content (keys in order, so
    the same row read from a CRLF or an LF copy of the file, or stored by either database, matches)."""
    obj = json.loads(raw) if isinstance(raw, str | bytes) else raw
    # Line breaks inside cells follow the file's line endings: CRLF and LF copies are the same row.
    canon = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).replace("\\r\\n", "\\n")
    return hashlib.sha256(f"{column}\x1f{reason}\x1f{canon}".encode("utf-8", "surrogatepass")).hexdigest()


def quarantined_keys(conn: Connection, source_id: int) -> set[str]:
    """The keys (:func:`bad_key`) of every row already in quarantine for the source."""
    q = QuarantinedRow.__table__
    rows = conn.execute(select(q.c.field, q.c.reason, q.c.raw).where(q.c.source_id == source_id))
    return {bad_key(f, r, raw) for f, r, raw in rows}


def id_clash(file_name: str, numbers: Sequence[int]) -> ReckonError:
    """The error for a batch (its rows' ``numbers`` in the file) the store refused as repeated ids. Not the
    driver's message: it carries the rows' values, which are personal data."""
    return ReckonError.of(
        N_("the store refused rows %(first)s-%(last)s of %(file)s as repeats of others: an id written with '#2', "
           "'#3' ... in the file clashes with the numbering of repeated ids; rename those ids"),
        first=str(numbers[0]), last=str(numbers[-1]), file=file_name)


# ------------------------------------------------------------------------------------------- records


class RecordWriter:
    """Writes prepared batches of one import: quarantined rows, new records and new versions of changed ones."""

    def __init__(self, conn: Connection, source_id: int, import_id: int, file_name: str,
                 existing: bool, seen_table: bool, number_by_collision: bool = False,
                 known_bad: set[str] | None = None) -> None:
        self.conn = conn
        # Rows earlier imports of the source already quarantined (see bad_key): not quarantined again.
        self.known_bad = known_bad or set()
        self.quarantine_known = 0
        self.source_id, self.import_id, self.file_name = source_id, import_id, file_name
        self.existing = existing
        self.seen_table = seen_table
        # First import of a source with ids: the ids met more than once so far, with their counts (see
        # _insert_numbered); None in the other modes.
        self.repeats: dict[str, int] | None = {} if number_by_collision else None
        self.postgres = conn.dialect.name == "postgresql"
        self.mark = mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        now = utcnow()
        self.now: Any = now.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else now
        t = Record.__table__
        # The file name and time are the import's (ImportBatch), not repeated per record (migration 0015).
        self._constants = {
            "source_id": _literal(conn, t.c.source_id, source_id),
            "import_id": _literal(conn, t.c.import_id, import_id),
            "is_current": _literal(conn, t.c.is_current, True),
            "raw": "'{}'",  # the raw row is in its block
        }
        # JSON has no literal renderer; quoted text converts to json/jsonb on PostgreSQL and is what SQLite keeps.
        self._empty = {"articles": "'[]'", "extra": "'{}'"}
        self._sql: dict[tuple[tuple[str, ...], bool, int], tuple[str, list[str]]] = {}
        # PostgreSQL: what COPY writes into record beside each row's own values (see _insert).
        self._tail = {"source_id": source_id, "import_id": import_id, "is_current": True, "raw": "{}"}
        self._copy_shape: dict[tuple[tuple[str, ...], bool], CopyShape] = {}
        # PostgreSQL: the foreign keys every row would check, checked once (pgcopy.checks_once).
        self.checks_once = self.postgres and checks_once(conn, source_id, import_id)
        # PostgreSQL, first import: columns and hashes may come as Arrow arrays (worker.arrow_columns).
        self.takes_arrow = self.postgres and not existing
        self._pending: Pending | None = None  # the write still running (PostgreSQL's COPY; see wait)
        self._ahead: tuple[Batch, CopyText | None] | None = None  # a batch formatted before its COPY (flush)
        self.quarantine_sql = (f"INSERT INTO quarantined_row ({', '.join(_QUARANTINE_COLUMNS)}) "
                               f"VALUES ({', '.join([mark] * len(_QUARANTINE_COLUMNS))})")
        self.seen_insert = "INSERT INTO reckon_import_seen (identity, n, batch) " + (
            "SELECT i, n, %s FROM unnest(%s::text[], %s::int[]) AS u (i, n)" if self.postgres else
            f"VALUES ({mark}, {mark}, {mark})") + " ON CONFLICT (identity) DO NOTHING"
        self.seen_update = f"UPDATE reckon_import_seen SET n = {mark} WHERE identity = {mark}"
        self.new = self.changed = self.unchanged = self.quarantined = self.batches = 0

    def _marks(self, n: int) -> str:
        return ", ".join([self.mark] * n)

    def _insert_sql(self, fields: tuple[str, ...], versioned: bool, rows: int = 1) -> tuple[str, list[str]]:
        """The INSERT of ``rows`` rows shaped (identity, content hash, row number, *fields, block, line[,
        version]), and the bound columns of one row (SQLite; PostgreSQL COPYs, see _insert)."""
        hit = self._sql.get((fields, versioned, rows))
        if hit is None:
            fixed = dict(self._constants)
            if not versioned:
                fixed["version"] = "1"
            fixed.update((k, v) for k, v in self._empty.items() if k not in fields)
            bound = ["identity", "content_hash", "row_number", *fields, "raw_block_id", "raw_offset"] + \
                (["version"] if versioned else [])
            one = f"({', '.join([*fixed.values(), *[self.mark] * len(bound)])})"
            sql = f"INSERT INTO record ({', '.join([*fixed, *bound])}) VALUES {', '.join([one] * rows)}"
            hit = self._sql[(fields, versioned, rows)] = (sql, bound)
        return hit

    def _insert(self, fields: tuple[str, ...], versioned: bool, rows: Sequence[tuple[Any, ...]],
                pending: Pending | None = None) -> None:
        """Rows shaped (identity, content hash, row number, *fields, block, line[, version]) into record."""
        if not self.postgres:
            self._sqlite_insert(fields, versioned, list(chain.from_iterable(rows)),
                                pending or Pending([r[2] for r in rows]))
            return
        columns = [list(c) for c in zip(*rows, strict=True)] if rows else []
        blocks = columns.pop(3 + len(fields)) if columns else []
        self._copy(fields, versioned, columns, blocks, pending)

    def _insert_batch(self, batch: Batch, identities: list[str], blocks: list[int], lines: list[int],
                      pending: Pending | None = None) -> None:
        """Every row of ``batch`` as a new record (version 1), from its columns: as they are to COPY
        (PostgreSQL), laid out row after row in one list (SQLite, see :meth:`_sqlite_insert`)."""
        if self.postgres:
            ahead, self._ahead = (self._ahead, None) if self._ahead and self._ahead[0] is batch else (None, self._ahead)
            text = ahead[1] if ahead and identities == batch.identities else None  # (made in flush; ids renumbered?)
            self._copy(batch.fields, False, [identities, batch.hashes, batch.numbers, *batch.columns, lines], blocks,
                       pending, text)
        else:
            columns: list[list[Any]] = [identities, batch.hashes, batch.numbers, *batch.columns, blocks, lines]
            self._sqlite_insert(batch.fields, False, interleave(columns), pending or Pending(batch.numbers))

    def _sqlite_insert(self, fields: tuple[str, ...], versioned: bool, flat: list[Any], pending: Pending) -> None:
        """SQLite: the rows laid out in ``flat`` (each row's values in turn, as :meth:`_insert_sql` binds
        them) in INSERTs of :data:`ROWS_PER_INSERT` rows, each executed as one statement.

        Why not one row a statement: Python's sqlite3 pays about 0.5 µs a statement on its own (reset,
        step, releasing and taking the GIL) besides binding, which was a third of an import's time in the
        database; fifty rows a statement take it from 3.5-3.7 to 2.7-2.9 µs a row with the binding, on
        the benchmark's records. Same rows, same order, same ids: one statement inserts its rows in turn."""
        width = len(self._insert_sql(fields, versioned)[1])
        per = max(1, min(ROWS_PER_INSERT, 999 // width))  # 999: SQLite's limit of bound values before 3.32
        step = per * width
        full = len(flat) - len(flat) % step

        def write() -> None:
            if full:
                self.conn.exec_driver_sql(self._insert_sql(fields, versioned, per)[0],
                                          [tuple(flat[i:i + step]) for i in range(0, full, step)])
            if full < len(flat):
                self.conn.exec_driver_sql(self._insert_sql(fields, versioned, (len(flat) - full) // width)[0],
                                          tuple(flat[full:]))

        self._run(pending, write)

    def _shape(self, fields: tuple[str, ...], versioned: bool) -> CopyShape:
        if (fields, versioned) not in self._copy_shape:
            self._copy_shape[(fields, versioned)] = CopyShape(self._tail, fields, versioned)
        return self._copy_shape[(fields, versioned)]

    def _copy(self, fields: tuple[str, ...], versioned: bool, columns: list[list[Any]], blocks: Sequence[int],
              pending: Pending | None = None, text: CopyText | None = None) -> None:
        """PostgreSQL: rows as columns (identity, content hash, row number, *fields, line[, version]), their
        ``blocks`` and maybe their ``text`` made ahead (:meth:`CopyShape.text`) by COPY into record in a thread
        (:meth:`wait`); every constraint applies (a repeated id is an IntegrityError, as from SQLite)."""
        self.wait()
        if not columns or not columns[0]:
            self._run(pending or Pending([]), lambda: None)
            return
        pending = pending or Pending(columns[2])
        pending.job = self._shape(fields, versioned).start(self.conn, columns, blocks, self.checks_once, text)
        self._pending = pending

    def _run(self, pending: Pending, write: Callable[[], Any]) -> None:
        """SQLite: ``write`` now, then finished as a COPY is (:meth:`wait`): the same path on both stores."""
        self.wait()
        try:
            write()
        except IntegrityError as exc:
            pending.error = exc
        self._pending = pending
        self.wait()

    def wait(self) -> None:
        """Until the write still running is done, then its savepoint released and counts kept, or (a first
        import's batch refused as repeated ids) rolled back and the batch written again. Every statement of
        the writer comes after this; the import calls it (or :meth:`abandon`) before using the connection."""
        while self._pending is not None:
            pending, self._pending = self._pending, None
            try:
                pending.finish()
            except IntegrityError:
                if pending.savepoint is not None:
                    pending.savepoint.rollback()
                if pending.refused is None:
                    raise id_clash(self.file_name, pending.numbers) from None
                pending.refused()  # writes the batch again (it may leave a new pending write)
                continue
            if pending.savepoint is not None:
                pending.savepoint.commit()
            if pending.done is not None:
                pending.done()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """The import's batches are written: :meth:`wait` for the last; on an error, :meth:`abandon` it."""
        if kind is None:
            self.wait()
        else:
            self.abandon()

    def abandon(self) -> None:
        """The import failed: wait for a COPY still running (it holds the connection), drop its outcome."""
        pending, self._pending = self._pending, None
        if pending is not None and pending.job is not None:
            pending.job.join()
        if pending is not None and pending.savepoint is not None and pending.savepoint.is_active:
            pending.savepoint.rollback()  # so that savepoints around the writer's unwind in order

    def _with_blocks(self, rows: list[tuple[Any, ...]], raws: list[bytes]) -> list[tuple[Any, ...]]:
        """``rows`` with ``raws`` written to blocks, each row followed by its (block id, line)."""
        self.wait()
        refs = write_blocks(self.conn, self.import_id, self.file_name, [r[2] for r in rows], raws)
        return list(map(add, rows, refs))

    def _block_columns(self, batch: Batch, packed: list[dict[str, Any]] | None = None) -> tuple[list[int], list[int]]:
        """Every raw row of ``batch`` written to blocks (``packed`` already, see flush): the block id and
        line of each, as two columns."""
        if packed is None:
            packed = pack_blocks(batch.numbers, batch.raws)
        self.wait()
        return insert_blocks(self.conn, self.import_id, self.file_name, packed)

    # -- identities --------------------------------------------------------------------------------
    def assign_identities(self, bases: list[str]) -> list[str]:
        """Give repeated ids within the file ``#2``, ``#3`` ... in file order, across batches.

        The ids of each batch go into the import's table of ids seen with ``ON CONFLICT DO NOTHING``;
        when every one was new (the usual case) that single statement is all. Only ids met in an earlier
        batch are looked up, renumbered after their earlier occurrences and their counts updated.
        """
        out, counts = number_repeats(bases, {})
        if not self.seen_table or not counts:  # (called from flush, after its wait)
            return out
        self.batches += 1
        inserted = self.conn.exec_driver_sql(self.seen_insert, (self.batches, list(counts), list(counts.values())))\
            .rowcount if self.postgres else self.conn.exec_driver_sql(  # PostgreSQL: arrays, not an INSERT per id
                self.seen_insert, [(b, n, self.batches) for b, n in counts.items()]).rowcount
        if inserted == len(counts):
            return out
        earlier: dict[str, int] = {}
        for chunk in chunks(list(counts), 900):
            sql = (f"SELECT identity, n FROM reckon_import_seen WHERE batch <> {self.mark} "
                   f"AND identity IN ({self._marks(len(chunk))})")
            earlier.update(self.conn.exec_driver_sql(sql, (self.batches, *chunk)).all())
        if not earlier:
            raise ReckonError.of(N_("import bookkeeping: %(n)s ids neither new nor seen before"),
                                 n=len(counts) - inserted)
        out, _ = number_repeats(bases, earlier)
        self.conn.exec_driver_sql(self.seen_update, [(earlier[b] + counts[b], b) for b in earlier])
        return out

    def _insert_numbered(self, batch: Batch, packed: list[dict[str, Any]] | None = None) -> None:
        """Insert the batch of a source's first import, numbering repeated ids without a table of ids seen.

        Every record of the source is then this import's, at version 1, so the unique index on (source,
        identity, version) already knows every id met: the batch goes in under a savepoint, numbered
        from the ids known to repeat (a small dict), and only when the index refuses it (an id of an
        earlier batch met again, which is rare) are this batch's ids looked up among the records and
        the batch numbered and written again. That saves the ids-seen table's insert per row.
        """
        blocks, lines = self._block_columns(batch, packed)  # the blocks stay whatever the numbering
        self._numbered(batch, blocks, lines, retried=False)

    def _numbered(self, batch: Batch, blocks: list[int], lines: list[int], retried: bool) -> None:
        """One attempt of :meth:`_insert_numbered`: the batch under a savepoint, numbered from the repeats
        known; its counts kept when the store took it, else (once) the repeats looked up and tried again."""
        repeats = self.repeats
        assert repeats is not None
        bases = batch.identities
        unique = set(bases)
        counts: dict[str, int] = {}
        idents = bases
        if len(unique) != len(bases) or not repeats.keys().isdisjoint(unique):
            idents, counts = number_repeats(bases, repeats)
            spell_out_ids(batch, idents)

        def done() -> None:
            for base, n in counts.items():  # empty when no id of the batch repeats
                if n > 1 or base in repeats:
                    repeats[base] = repeats.get(base, 0) + n
            self.new += len(bases)

        def refused() -> None:
            met = [] if retried else self._met_before(
                [b for b in unique if b not in repeats and not b.startswith("row:")])
            if not met:
                raise id_clash(self.file_name, batch.numbers)
            repeats.update(dict.fromkeys(met, 1))
            self._numbered(batch, blocks, lines, retried=True)

        self.wait()
        pending = Pending(batch.numbers, savepoint=self.conn.begin_nested(), done=done, refused=refused)
        self._insert_batch(batch, idents, blocks, lines, pending)

    def _met_before(self, bases: list[str]) -> list[str]:
        """Which of ``bases`` earlier batches of this (first) import stored."""
        met: list[str] = []  # (called from wait: no write is running)
        for chunk in chunks(bases, 900):
            sql = (f"SELECT identity FROM record WHERE source_id = {self.mark} "
                   f"AND identity IN ({self._marks(len(chunk))})")
            met.extend(r[0] for r in self.conn.exec_driver_sql(sql, (self.source_id, *chunk)))
        return met

    # -- one batch ---------------------------------------------------------------------------------
    def flush(self, batch: Batch) -> None:
        """Write one prepared batch: quarantined rows, then new records and new versions of changed ones.
        On PostgreSQL the records' COPY may still run when this returns: see :meth:`wait`."""
        # What needs no connection runs while the previous COPY does: hashes, blocks of all-new rows, and on
        # PostgreSQL the COPY text of the rows but their block ids (used unless _numbered renumbers ids).
        packed = batch.packed  # by the reader worker, on a first import only (raws then left empty)
        first = bool(batch.identities) and not self.existing
        if packed is None and first and (self._pending is not None or self.postgres):
            batch.hashes  # noqa: B018 - computed and kept by the batch
            packed = pack_blocks(batch.numbers, batch.raws)
        if self.postgres and first and packed is not None:
            self._ahead = (batch, self._shape(batch.fields, False).text(
                [batch.identities, batch.hashes, batch.numbers, *batch.columns, block_lines(packed)]))
        self.wait()
        if batch.bad:
            rows = []
            for row, column, reason, raw in batch.bad:
                if self.known_bad and bad_key(column, reason, raw) in self.known_bad:
                    self.quarantine_known += 1
                    continue
                rows.append((self.import_id, self.source_id, self.file_name, row, column, reason, raw, self.now))
            if rows:
                self.conn.exec_driver_sql(self.quarantine_sql, rows)
            self.quarantined += len(batch.bad)
        if not batch.identities:
            return
        if self.repeats is not None:
            self._insert_numbered(batch, packed)
            return
        bases = batch.identities
        identities = self.assign_identities(bases)  # repeated ids in the file: "#2", "#3" ...
        spell_out_ids(batch, identities)
        current = current_versions(self.conn, self.source_id, identities) if self.existing else {}
        if not current:
            self.new += len(identities)
            self._insert_batch(batch, identities, *self._block_columns(batch, packed))
            return
        good, raws = batch.rows(identities), batch.raws
        new: list[tuple[Any, ...]] = []
        new_raws: list[bytes] = []
        changed: list[tuple[Any, ...]] = []
        changed_raws: list[bytes] = []
        versions: list[tuple[int]] = []
        retire: list[int] = []
        for g, raw in zip(good, raws, strict=True):
            old = current.get(g[0])
            if old is None:
                new.append(g)
                new_raws.append(raw)
            elif old[2] == g[1]:
                self.unchanged += 1
            else:
                retire.append(old[0])
                changed.append(g)
                changed_raws.append(raw)
                versions.append((old[1] + 1,))
        self.new += len(new)
        self.changed += len(changed)
        if retire:
            t = Record.__table__
            for chunk in chunks(retire, 900):
                self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(is_current=False))
        if new:
            self._insert(batch.fields, False, self._with_blocks(new, new_raws))
        if changed:
            self._insert(batch.fields, True, list(map(add, self._with_blocks(changed, changed_raws), versions)))


def _literal(conn: Connection, column: Column[Any], value: Any) -> str:
    """``value`` as an SQL literal of ``column``'s type, rendered (and escaped) by the dialect."""
    expr = literal(value, column.type)
    return str(expr.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def spell_out_ids(batch: Batch, identities: list[str]) -> None:
    """The source's ids of ``batch`` spelt out in full where the row's identity is no longer its base one
    (a repeated id numbered ``#2``): stored as SAME_AS_IDENTITY they would read as the numbered identity.
    In place, and safe to repeat (an id in full is right whatever the identity)."""
    if "external_id" not in batch.fields:
        return
    renumbered = [(i, base) for i, (final, base) in enumerate(zip(identities, batch.identities, strict=True))
                  if final != base]
    if not renumbered:
        return
    at = batch.fields.index("external_id")
    ids = batch.columns[at]
    if not isinstance(ids, list):  # an Arrow array from the reader worker (PostgreSQL's first import)
        ids = batch.columns[at] = ids.to_pylist()
    for i, base in renumbered:
        if ids[i] == SAME_AS_IDENTITY:
            ids[i] = base
