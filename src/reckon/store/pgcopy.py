"""PostgreSQL: how an import's records reach ``record``: COPY with the foreign keys checked once per
import instead of once per row, in a thread beside the client's reading and mapping.

Measured on the benchmark's rows (100,000 records, one backend, docs/ingest.md "PostgreSQL";
benchmarks/pg_copy_costs.py):

- **The data.** psycopg's ``copy.write_row`` formats values in C (psycopg_binary): 2.2-2.4 µs of client
  CPU a row, each row's tuple made by ``zip`` over the batch's columns. Text built a column at a time in
  Python (``map``/``join``) took 3.3-4.0 µs, binary built from columns (a length prefix per value) more,
  and neither costs the server less: parsing is not where its time goes.
- **The foreign keys.** ``record.source_id``, ``import_id`` and ``person_id`` are checked by PostgreSQL
  row by row (an after-row trigger per key, each a query on the referenced table): about 8 of the
  server's 13-14 µs a row. Every row of one import holds the same ``source_id`` and ``import_id`` (the
  import's constants) and no ``person_id``, so the million checks ask the same two questions. With
  :func:`checks_once` the import asks them once, locking both rows as the per-row checks would (FOR KEY
  SHARE; the import already holds its source FOR UPDATE and its batch row is its own), and COPYs with
  ``session_replication_role = replica``, set for the COPY only (``SET LOCAL``, back to ``origin`` after
  it, undone with the transaction or savepoint when the COPY fails). The constraints stay declared and
  keep guarding every other writer. It is used only when it provably skips nothing but those checks: no
  trigger of ``record`` other than the foreign keys' own, and its foreign keys exactly the three known;
  and only when the role may set the parameter (a superuser, or ``GRANT SET ON PARAMETER
  session_replication_role`` on PostgreSQL 15+). Otherwise the rows are checked one by one as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError

from reckon.errors import StoreError

__all__ = ["CopyShape", "copy_columns", "checks_once", "CopyJob", "Pending"]

# The foreign keys of record, by column, and the table each references: what checks_once stands for.
KNOWN_KEYS = {"source_id": "source", "import_id": "import_batch", "person_id": "person"}


class CopyShape:
    """The COPY of rows with one set of fields: (identity, content hash, row number, *fields, block, line[,
    version]) bound per row, then the import's constants (``base``: source, import, current, raw), the
    version 1 unless ``versioned``, and the empty JSON of ``articles``/``extra`` when no row fills them."""

    def __init__(self, base: dict[str, Any], fields: tuple[str, ...], versioned: bool) -> None:
        tail = dict(base)
        if not versioned:
            tail["version"] = 1
        tail.update((k, "[]" if k == "articles" else "{}") for k in ("articles", "extra") if k not in fields)
        bound = ["identity", "content_hash", "row_number", *fields, "raw_block_id", "raw_offset"] + \
            (["version"] if versioned else [])
        self.names = [*bound, *tail]
        self.tail = tuple(tail.values())

    def start(self, conn: Connection, columns: list[list[Any]], skip_checks: bool) -> CopyJob:
        """The COPY of the rows given as ``columns`` (see :meth:`RecordWriter._copy`), started in its thread;
        each row's tuple, constants included, is made by ``zip`` in C."""
        rows = zip(*columns, *map(repeat, self.tail))  # noqa: B905 - repeat() is endless by design
        return CopyJob(conn, self.names, rows, skip_checks)


def checks_once(conn: Connection, source_id: int, import_id: int) -> bool:
    """Whether this import may COPY its records without the per-row foreign key checks (module docstring):
    the two keys every row will hold are checked (and locked) once here. False, changing nothing, when
    ``record`` has a trigger or a foreign key beyond the known ones, or the role may not skip them."""
    # Triggers an INSERT into record fires (tgtype bit 4), other than the check triggers of its own keys.
    others = conn.exec_driver_sql(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'record'::regclass AND tgtype & 4 <> 0 "
        "AND NOT (tgisinternal AND tgconstraint IN (SELECT oid FROM pg_constraint "
        "WHERE conrelid = 'record'::regclass AND contype = 'f'))").scalar_one()
    keys = conn.exec_driver_sql(
        "SELECT a.attname, c.confrelid::regclass::text FROM pg_constraint c JOIN pg_attribute a "
        "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
        "WHERE c.conrelid = 'record'::regclass AND c.contype = 'f'").all()
    if others or dict(keys) != KNOWN_KEYS or len(keys) != len(KNOWN_KEYS):
        return False
    try:
        with conn.begin_nested():  # a refused SET would abort the import's transaction: try it in a savepoint
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
    except DatabaseError:
        return False
    for table, key in (("source", source_id), ("import_batch", import_id)):
        found = conn.exec_driver_sql(f"SELECT 1 FROM {table} WHERE id = %(id)s FOR KEY SHARE", {"id": key}).first()
        if found is None:
            raise StoreError(f"the import's {table} row {key} is missing: nothing was imported")
    return True


def copy_columns(conn: Connection, columns: list[str], rows: Iterable[tuple[Any, ...]], skip_checks: bool,
                 table: str = "record") -> None:
    """COPY ``rows`` into ``columns`` of ``table`` in the connection's transaction, formatted by psycopg
    (in C). ``skip_checks``: see :func:`checks_once`. Errors come out as SQLAlchemy's, without the rows'
    values (personal data)."""
    import psycopg

    dbapi: Any = conn.connection.dbapi_connection  # psycopg's own connection
    assert dbapi is not None
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    try:
        with dbapi.cursor() as cur:
            if skip_checks:
                cur.execute("SET LOCAL session_replication_role = replica")
            with cur.copy(statement) as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
            if skip_checks:
                cur.execute("SET LOCAL session_replication_role = origin")
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(statement, None, exc) from None
    except psycopg.Error as exc:
        raise DatabaseError(statement, None, exc) from None


class CopyJob:
    """A COPY running in a thread while the import prepares its next batch (see RecordWriter).

    psycopg waits for the server without holding Python's lock, so the server's work on one batch (most
    of an import's database time) runs beside the client's reading and mapping of the next. Nothing else
    may use the connection until :meth:`wait` returned; the writer waits before every other statement.
    """

    def __init__(self, conn: Connection, columns: list[str], rows: Iterable[tuple[Any, ...]],
                 skip_checks: bool, table: str = "record") -> None:
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(conn, columns, rows, skip_checks, table),
                                        name="reckon-import-copy", daemon=True)
        self._thread.start()

    def _run(self, *args: Any) -> None:
        try:
            copy_columns(*args)
        except BaseException as exc:  # handed to the importing thread by wait()
            self.error = exc

    def join(self) -> None:
        """Until the COPY is done (its error, if any, kept for :meth:`wait`)."""
        self._thread.join()

    def wait(self) -> None:
        """Until the COPY is done; its error, if any, raised here."""
        self._thread.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error


@dataclass
class Pending:
    """A write of records not yet finished: a COPY in its thread (``job``) or, on SQLite, a statement run
    already (``error``, when the store refused it), with what the writer does when it is known."""

    numbers: Sequence[int]
    """The rows' numbers in the file (for the error naming them)."""
    savepoint: Any = None
    """Released when the write succeeded, rolled back when the store refused it."""
    done: Callable[[], None] | None = None
    """Called when the write succeeded."""
    refused: Callable[[], None] | None = None
    """Called when the store refused the rows as repeated ids, after the savepoint's rollback."""
    job: CopyJob | None = None
    error: BaseException | None = None

    def finish(self) -> None:
        """Until the write is done; its error raised here."""
        if self.job is not None:
            self.job.wait()
        elif self.error is not None:
            raise self.error
