"""PostgreSQL: how an import's records reach ``record``: COPY data built from columns, the foreign keys
checked once per import instead of once per row, and the server's work overlapped with the client's.

Measured on the benchmark's rows (100,000 records, one backend, docs/ingest.md "PostgreSQL"):

- **Building the data.** ``copy.write_row`` formats every value in Python (about 3.4 µs of client CPU a
  row); the text format built a column at a time (C-level ``map``/``join``, escaping only a column that
  needs it) costs about 1.8 µs. The binary format costs the client more (a length prefix per value,
  packed in Python: 2.9 µs) and the server no less (text parsing is not where its time goes), so the
  data is text. A column holding a value of an unexpected type falls back to ``write_row`` for that
  batch, so what is stored is exactly what psycopg would store.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from sqlalchemy import Boolean, Connection, Integer
from sqlalchemy.exc import DatabaseError, IntegrityError

from reckon.errors import StoreError
from reckon.store.models import ContentHash, Record

__all__ = ["CopyShape", "copy_columns", "checks_once", "encode_text", "column_kinds", "CopyJob", "Pending"]

NULL = "\\N"
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = ("\\", "\t", "\n", "\r")

# The foreign keys of record, by column, and the table each references: what checks_once stands for.
KNOWN_KEYS = {"source_id": "source", "import_id": "import_batch", "person_id": "person"}


def column_kinds(columns: Sequence[str]) -> list[str]:
    """How each of ``columns`` of record is written in COPY's text format: "int", "bool", "hash", "text"."""
    out = []
    for name in columns:
        kind = Record.__table__.c[name].type
        out.append("int" if isinstance(kind, Integer) else "bool" if isinstance(kind, Boolean)
                   else "hash" if isinstance(kind, ContentHash) else "text")
    return out


_STR, _INT, _NONE = {str}, {int}, {type(None)}
_STR_NONE, _INT_NONE = _STR | _NONE, _INT | _NONE


def _text_column(values: Sequence[Any]) -> list[str] | None:
    """Text values (None as NULL), escaped when some value needs it; None when a value is not text."""
    kinds = set(map(type, values))
    if kinds <= _STR:
        out = list(values)
    elif kinds <= _STR_NONE:
        out = [NULL if v is None else v for v in values]
    else:
        return None
    joined = "".join(out)
    if any(ch in joined for ch in _NEEDS_ESCAPE):
        out = [v if v is NULL else v.translate(_ESCAPE) for v in out]
    return out


def _int_column(values: Sequence[Any]) -> list[str] | None:
    kinds = set(map(type, values))
    if kinds <= _INT:
        return list(map(str, values))
    if kinds <= _INT_NONE:
        return [NULL if v is None else str(v) for v in values]
    return None


def _hash_column(values: Sequence[Any]) -> list[str] | None:
    if not set(map(type, values)) <= {bytes}:
        return None
    return list(map("\\\\x".__add__, map(bytes.hex, values)))


def _bool_column(values: Sequence[Any]) -> list[str] | None:
    if not set(map(type, values)) <= {bool}:
        return None
    return ["t" if v else "f" for v in values]


_ENCODERS = {"text": _text_column, "int": _int_column, "hash": _hash_column, "bool": _bool_column}


def encode_text(columns: Sequence[Sequence[Any]], kinds: Sequence[str], tail: str = "") -> bytes | None:
    """The rows given as ``columns`` (one sequence per column, of ``kinds``) in COPY's text format, each
    row followed by ``tail`` (constants, already encoded, starting with a tab); None when some value is
    not of its column's plain type (the caller then lets psycopg format the rows).

    Every step is a C-level pass over a column (``map``, ``join``): on the benchmark's rows about a
    microsecond a row, where psycopg's ``write_row`` formats each value in Python."""
    if not columns or not columns[0]:
        return b""
    encoded = []
    for values, kind in zip(columns, kinds, strict=True):
        col = _ENCODERS[kind](values)
        if col is None:
            return None
        encoded.append(col)
    if tail:  # the constants ride on the last column
        encoded[-1] = list(map(str.__add__, encoded[-1], repeat(tail)))
    text = "\n".join(map("\t".join, zip(*encoded, strict=True)))
    try:
        return (text + "\n").encode()
    except UnicodeEncodeError:  # a lone surrogate: the import quarantines those before; let psycopg say it
        return None


def _text_literal(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).translate(_ESCAPE)


def tail_text(values: Sequence[Any]) -> str:
    """Constants written after every row, in COPY's text format."""
    return "".join("\t" + _text_literal(v) for v in values)


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
        self.kinds = column_kinds(bound)
        self.tail_text = tail_text(list(tail.values()))
        self.tail = tuple(tail.values())

    def start(self, conn: Connection, columns: list[list[Any]], skip_checks: bool) -> CopyJob:
        """The COPY of the rows given as ``columns`` (see :meth:`RecordWriter._copy`), started in its thread."""
        data = encode_text(columns, self.kinds, self.tail_text)
        # A value of another type than its column's (never from the readers of lists): psycopg formats it.
        rows = None if data is not None else [r + self.tail for r in zip(*columns, strict=True)]
        return CopyJob(conn, self.names, data, rows, skip_checks)


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


def copy_columns(conn: Connection, columns: list[str], data: bytes | None, rows: Sequence[tuple[Any, ...]] | None,
                 skip_checks: bool) -> None:
    """COPY ``data`` (text format, :func:`encode_text`) or, when it is None, ``rows`` (formatted by
    psycopg) into ``columns`` of record, in the connection's transaction. ``skip_checks``: see
    :func:`checks_once`. Errors come out as SQLAlchemy's, without the rows' values (personal data)."""
    import psycopg

    dbapi: Any = conn.connection.dbapi_connection  # psycopg's own connection
    assert dbapi is not None
    statement = f"COPY record ({', '.join(columns)}) FROM STDIN"
    try:
        with dbapi.cursor() as cur:
            if skip_checks:
                cur.execute("SET LOCAL session_replication_role = replica")
            with cur.copy(statement) as copy:
                if data is not None:
                    copy.write(data)
                else:
                    write = copy.write_row
                    for row in rows or ():
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

    def __init__(self, conn: Connection, columns: list[str], data: bytes | None,
                 rows: Sequence[tuple[Any, ...]] | None, skip_checks: bool) -> None:
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(conn, columns, data, rows, skip_checks),
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
