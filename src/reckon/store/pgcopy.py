"""PostgreSQL: how an import's records reach ``record``: COPY with the foreign keys checked once per
import instead of once per row, in a thread beside the client's reading and mapping.

Measured on the benchmark's rows (100,000 records, one backend, docs/ingest.md "PostgreSQL";
benchmarks/pg_copy_costs.py):

- **The data.** A batch's columns become Arrow arrays (one C pass over each Python list; the reader
  worker sends a first import's as Arrow arrays already: reckon.ingest.worker.arrow_columns) and Arrow's
  compute functions build COPY's text format from them (:func:`text_data`): text escaped only in a column
  that holds a backslash, tab, LF or CR, NULL as ``\\N``, the constants as one suffix, each row's
  columns joined with tabs in C, and the joined column's buffer sent as it is. A first import's batch is
  formatted while the previous batch's COPY runs, all but its raw blocks' ids (the last column, written
  in place once the blocks are stored: :class:`CopyText`).
  Client CPU of the formatting and sending 1.9 µs a row against 2.5-2.7 µs for psycopg's
  ``copy.write_row`` (C too, but a tuple per row and a call per value, all of it holding the lock the
  importing thread needs; Arrow's kernels run without it), the server's the same, the stored rows the same
  (a hypothesis test compares them). Arrow's own CSV writer was quicker still for the client (1.7-1.8 µs)
  but cost the server 0.5-0.7 µs a row more to parse (CSV quotes every text value). A batch Arrow cannot
  take as it is (a column of mixed types, a lone surrogate, a float) goes by ``write_row`` as before.
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
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import DatabaseError, IntegrityError

from reckon.errors import N_, StoreError

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = ["CopyShape", "ColumnRows", "CopyText", "copy_text", "text_data", "refresh_statistics", "copy_columns", "checks_once", "CopyJob", "Pending"]

# The foreign keys of record, by column, and the table each references: what checks_once stands for.
KNOWN_KEYS = {"source_id": "source", "import_id": "import_batch", "person_id": "person"}


class CopyShape:
    """The COPY of rows with one set of fields: (identity, content hash, row number, *fields, line[,
    version]) bound per row, then the import's constants (``base``: source, import, current, raw), the
    version 1 unless ``versioned``, the empty JSON of ``articles``/``extra`` when no row fills them, and
    last each row's raw block (see :class:`CopyText`)."""

    def __init__(self, base: dict[str, Any], fields: tuple[str, ...], versioned: bool) -> None:
        tail = dict(base)
        if not versioned:
            tail["version"] = 1
        tail.update((k, "[]" if k == "articles" else "{}") for k in ("articles", "extra") if k not in fields)
        bound = ["identity", "content_hash", "row_number", *fields, "raw_offset"] + (["version"] if versioned else [])
        self.names = [*bound, *tail, "raw_block_id"]
        self.tail = tuple(tail.values())

    def text(self, columns: Sequence[Sequence[Any]]) -> CopyText | None:
        """The rows of ``columns`` formatted but for their blocks (:func:`copy_text`), to :meth:`start` later."""
        return copy_text(columns, self.tail, last=True)

    def start(self, conn: Connection, columns: list[list[Any]], blocks: Sequence[int], skip_checks: bool,
              text: CopyText | None = None) -> CopyJob:
        """The COPY of the rows given as ``columns`` (see :meth:`RecordWriter._copy`) and their ``blocks``,
        started in its thread, where they are formatted (:class:`ColumnRows`) unless ``text`` has them."""
        return CopyJob(conn, self.names, ColumnRows(columns, self.tail, blocks, text), skip_checks)


@dataclass
class ColumnRows:
    """Rows as columns (lists of equal length) followed by constants and a last column of ids: formatted
    by Arrow (:func:`text_data`), or, when Arrow cannot take them, row by row by psycopg (:meth:`tuples`)."""

    columns: Sequence[Sequence[Any]]
    """Python lists, or Arrow arrays of text, integers, booleans or bytes."""
    tail: tuple[Any, ...] = ()
    last: Sequence[int] | None = None
    """Ids written after the constants (the rows' raw blocks): :meth:`CopyText.fill`."""
    text: CopyText | None = None
    """The rows already formatted but for ``last`` (made while the previous COPY ran)."""

    def tuples(self) -> Iterable[tuple[Any, ...]]:
        columns = [c.to_pylist() if hasattr(c, "to_pylist") else c for c in self.columns]  # Arrow's
        if self.last is not None:
            return zip(*columns, *map(repeat, self.tail), self.last)  # noqa: B905 - repeat() is endless
        return zip(*columns, *map(repeat, self.tail))  # noqa: B905 - repeat() is endless by design


_NULL = "\\N"
_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))  # backslash first
_SPECIAL = tuple(a.encode() for a, _ in _ESCAPES)


def _text(values: Sequence[Any]) -> pa.Array | None:
    r"""``values`` as Arrow text in COPY's text format, or None when Arrow cannot take them as they are (mixed
    types, a lone surrogate, an integer past 64 bits, floats, dates ...: psycopg formats those). Text is
    escaped only when some value holds a backslash, tab, LF or CR; None is ``\N``; bytes (``bytea``) are
    ``\\x`` and their hex digits; integers and booleans are written by Arrow's cast."""
    import pyarrow as pa  # (here, not above: every command imports this module, few import a file)
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    try:  # (a column kept as Arrow by the reader goes as it is: no conversion)
        array = values if isinstance(values, pa.Array) else _plain(values)
        if array is None:
            array = pa.array(values)
    except (pa.ArrowException, UnicodeError, OverflowError, TypeError, ValueError):
        return None
    kind = array.type
    if pa.types.is_null(kind):
        return pa.repeat(_scalar(_NULL), len(array))
    if pa.types.is_fixed_size_binary(kind) and not array.null_count:  # hashes the reader worker sent
        array = _hex_fixed(array.buffers()[1].to_pybytes()[array.offset * kind.byte_width:][
            :len(array) * kind.byte_width], len(array), kind.byte_width)
    elif pa.types.is_binary(kind) or pa.types.is_fixed_size_binary(kind):
        array = _hex(array.to_pylist() if isinstance(values, pa.Array) else values, array.null_count)
    elif pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        array = array.cast(pa.string())
    elif not pa.types.is_string(kind):
        return None
    else:
        data = array.buffers()[2]
        raw = b"" if data is None else data.to_pybytes()
        if any(c in raw for c in _SPECIAL):  # a C search of the column's bytes, four times
            for char, escaped in _ESCAPES:
                array = pc.replace_substring(array, char, escaped)
    return pc.fill_null(array, _scalar(_NULL)) if array.null_count else array


def _plain(values: Sequence[Any]) -> pa.Array | None:
    """A list of text only, or of integers (or booleans) only, as the Arrow array ``pa.array`` would make
    of it, built from its buffers; None for any other list (``pa.array`` converts it).

    Why not ``pa.array``: pyarrow asks of every Python object it converts whether it is a pandas object,
    and to ask it imports pandas, once per process (0.24-0.7 s of CPU, 36 MB of peak RSS), in the importing process of
    every PostgreSQL import (its row numbers, identities and raw lines are lists). Arrays built from
    buffers ask nothing, and every other Arrow call of a first import's COPY (the reader worker's arrays,
    compute functions given scalars made here) asks nothing either, so pandas is never imported, without
    telling pyarrow anything untrue (the reader worker's way, :func:`reckon.ingest.worker.arrow_without_pandas`,
    is not safe in a process that may hold pandas objects later: the web app, the link stage)."""
    import numpy as np
    import pyarrow as pa

    n = len(values)
    types = set(map(type, values))
    if types == {str}:
        joined = "".join(values)
        data = joined.encode()  # UnicodeEncodeError for a lone surrogate: the caller's to handle
        if len(data) != len(joined):  # not ASCII: lengths in bytes
            lengths = np.fromiter(map(len, [v.encode() for v in values]), np.int64, n)
        else:
            lengths = np.fromiter(map(len, values), np.int64, n)
        if len(data) >= 2**31:
            return None
        offsets = np.zeros(n + 1, np.int32)
        np.cumsum(lengths, out=offsets[1:])
        return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))
    if types == {bool}:
        bits = np.packbits(np.array(values, np.bool_), bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), n, [None, pa.py_buffer(bits)])
    if types == {int}:
        numbers = np.array(values)  # kind "i" only when every one fits 64 bits
        if numbers.dtype.kind == "i":
            return pa.Array.from_buffers(pa.int64(), n, [None, pa.py_buffer(numbers.astype(np.int64, copy=False))])
    return None


def _scalar(text: str) -> pa.Scalar:
    """``text`` as an Arrow string scalar, made from buffers (see :func:`_plain`: ``pa.scalar`` and a
    compute function given a Python string would ask about pandas)."""
    import numpy as np
    import pyarrow as pa

    data = text.encode()
    return pa.StringArray.from_buffers(1, pa.py_buffer(np.array([0, len(data)], np.int32)), pa.py_buffer(data))[0]


def _constant(value: Any) -> str | None:
    r"""One of the import's constants in COPY's text format, as :func:`_text` writes a column of it; None when
    it would not take it."""
    if value is None:
        return _NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(2**63) <= value < 2**63 else None
    if isinstance(value, bytes):
        return "\\\\x" + value.hex()
    if not isinstance(value, str):
        return None
    try:
        value.encode()
    except UnicodeEncodeError:
        return None
    for char, escaped in _ESCAPES:
        value = value.replace(char, escaped)
    return value


def _hex(values: Sequence[Any], nulls: int) -> pa.Array:
    r"""bytea values in COPY's text format: ``\\x`` (its backslash escaped) and the hex digits."""
    import pyarrow as pa

    lengths = set(map(len, values)) if not nulls else ()
    if len(lengths) != 1:
        return pa.array([None if v is None else "\\\\x" + v.hex() for v in values], pa.string())
    return _hex_fixed(b"".join(values), len(values), lengths.pop())


def _hex_fixed(data: bytes, n: int, size: int) -> pa.Array:
    r""":func:`_hex` of ``n`` values of ``size`` bytes each, given as one run of bytes (content hashes): the hex
    digits of all at once, each row's prefixed in one numpy copy and read as fixed-width text."""
    import numpy as np
    import pyarrow as pa

    width = size * 2
    digits = np.frombuffer(data.hex().encode(), np.uint8).reshape(n, width)
    out = np.empty((n, width + 3), np.uint8)
    out[:, 0], out[:, 1], out[:, 2], out[:, 3:] = ord("\\"), ord("\\"), ord("x"), digits
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(width + 3), n, [None, pa.py_buffer(out)])
    return fixed.cast(pa.binary()).cast(pa.string())


LAST_DIGITS = 10
"""Digits of the last column (:class:`CopyText`): any int4 (2147483647), zero-padded, which COPY reads as the
number."""


@dataclass
class CopyText:
    """Rows in COPY's text format whose last column (the raw block ids, which the store gives when the
    blocks are inserted) is written as zeros, to be filled in place (:meth:`fill`). Why: the writer formats
    a batch while the previous batch's COPY still runs (all but the block ids are known by then), so the
    backend does not wait for the formatting of each batch (0.8 µs a row) between two COPYs."""

    data: Any
    """The bytes, writable (numpy uint8)."""
    ends: Any
    """Where each row ends (after its line feed), numpy."""

    def fill(self, ids: Sequence[int]) -> memoryview | None:
        """The rows with ``ids`` as their last column; None when one is not an int4 of at least 0."""
        import numpy as np

        values = np.asarray(ids)
        if values.dtype.kind not in "iu" or values.shape != self.ends.shape or \
                (len(values) and (values.min() < 0 or values.max() > 2**31 - 1)):
            return None
        # The ids come in runs (a block's rows): each run's digits formatted once, then repeated.
        starts = np.flatnonzero(np.diff(values, prepend=-1))
        heads = b"".join(b"%0*d" % (LAST_DIGITS, v) for v in values[starts].tolist())
        digits = np.repeat(np.frombuffer(heads, np.uint8).reshape(-1, LAST_DIGITS),
                           np.diff(starts, append=len(values)), axis=0)
        self.data[(self.ends - 1 - LAST_DIGITS)[:, None] + np.arange(LAST_DIGITS)] = digits
        return memoryview(self.data)


def copy_text(columns: Sequence[Sequence[Any]], tail: Sequence[Any], last: bool) -> CopyText | None:
    r"""Rows given as ``columns``, then the constants ``tail``, in COPY's text format, built column by column by
    Arrow's compute functions (module docstring): each column as escaped text, the constants as one suffix,
    joined per row with tabs; with ``last``, a last column of zeros (:class:`CopyText`). None when some
    column is not of one plain type."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = []
    for values in columns:
        text = _text(values)
        if text is None:
            return None
        texts.append(text)
    suffix = []
    for value in tail:
        constant = _constant(value)
        if constant is None:
            return None
        suffix.append(constant)
    if last:
        suffix.append("0" * LAST_DIGITS)
    try:
        texts[-1] = pc.binary_join_element_wise(texts[-1], _scalar("".join("\t" + v for v in suffix) + "\n"),
                                                _scalar(""))
        lines = pc.binary_join_element_wise(*texts, _scalar("\t"))
    except pa.ArrowException:  # past 2 GB of text in one batch (32-bit offsets): psycopg writes it
        return None
    if lines.null_count:  # (none: every NULL is \N by now)
        return None
    n = len(lines)
    offsets = np.frombuffer(lines.buffers()[1], np.int32, count=n + 1, offset=lines.offset * 4)
    data = np.frombuffer(lines.buffers()[2], np.uint8, count=int(offsets[n]))[offsets[0]:]
    return CopyText(data.copy() if last else data, (offsets[1:] - offsets[0]).astype(np.int64))


def text_data(rows: ColumnRows) -> bytes | memoryview | None:
    r"""``rows`` in COPY's text format (:func:`copy_text`, or :attr:`ColumnRows.text` made already), with
    their last column filled in. None when some column is not of one plain type."""
    if not rows.columns or not len(rows.columns[0]):
        return b""
    text = rows.text or copy_text(rows.columns, rows.tail, last=rows.last is not None)
    if text is None:
        return None
    return text.fill(rows.last) if rows.last is not None else memoryview(text.data)


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
            raise StoreError.of(N_("the import's %(table)s row %(id)s is missing: nothing was imported"),
                                table=table, id=key)
    return True


ANALYZE_ROWS = 10_000
"""An import that wrote at least this many records refreshes record's statistics when they knew fewer
(:func:`refresh_statistics`)."""

LOOKUP_COLUMNS = ("source_id", "identity", "version", "is_current")
"""The columns of the next import's lookups (``store.imports.current_versions``): the ones it analyses."""

LOOKUP_SAMPLE_TARGET = 10
"""The statistics target of that ANALYZE: a sample of 3,000 rows (300 per unit) instead of 30,000."""


def refresh_statistics(conn: Connection, written: int) -> bool:
    """PostgreSQL, after an import committed ``written`` records: ``ANALYZE`` of ``record``'s lookup columns
    when its statistics know fewer rows than that (-1: never analysed), and whether it did. Why: until
    autovacuum gets to it (a minute or more), the planner takes a freshly imported ``record`` for a few
    dozen rows and looked the next import's ids up through ``ix_record_current`` (gone since 0018), reading every record of
    the source for each batch (142-270 ms a batch at 200,000 records, so a re-import grew with the square
    of the list), where the unique index takes 7 ms. Its own transaction, after the import's: nothing of
    the import waits for it or is lost if it fails.

    Only :data:`LOOKUP_COLUMNS`, on a small sample (:data:`LOOKUP_SAMPLE_TARGET`): the row count, the
    source and the ids being unique are all those lookups need, and a 3,000-row sample finds them (the row
    count within 0.1 % at a million rows). At a million rows that took the backend 0.02 s, against 0.5 s
    for the whole table at the default target (docs/ingest.md, "PostgreSQL, fourth pass"). An ANALYZE of
    some columns leaves the table's count of changes since its last analysis as it was, so autovacuum
    still analyses every column, at its own target, in the background."""
    if conn.dialect.name != "postgresql" or written < ANALYZE_ROWS:
        return False
    known = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE oid = 'record'::regclass").scalar_one()
    if known >= written:
        return False
    conn.exec_driver_sql(f"SET LOCAL default_statistics_target = {LOOKUP_SAMPLE_TARGET}")
    conn.exec_driver_sql(f"ANALYZE record ({', '.join(LOOKUP_COLUMNS)})")
    return True


def copy_columns(conn: Connection, columns: list[str], rows: ColumnRows | Iterable[tuple[Any, ...]],
                 skip_checks: bool, table: str = "record") -> None:
    """COPY ``rows`` into ``columns`` of ``table`` in the connection's transaction: as text built by Arrow
    when they come as :class:`ColumnRows` Arrow can take (see :func:`text_data`), else formatted row by
    row by psycopg (in C). ``skip_checks``: see :func:`checks_once`. Errors come out as SQLAlchemy's, without
    the rows' values (personal data)."""
    import psycopg

    dbapi: Any = conn.connection.dbapi_connection  # psycopg's own connection
    assert dbapi is not None
    data: bytes | memoryview | None = None
    if isinstance(rows, ColumnRows):
        # Arrow writes UTF-8: only for a connection that speaks it (psycopg's write_row encodes for any).
        data = text_data(rows) if dbapi.info.encoding == "utf-8" else None
        if data is None:
            rows = rows.tuples()
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    try:
        with dbapi.cursor() as cur:
            if skip_checks:
                cur.execute("SET LOCAL session_replication_role = replica")
            with cur.copy(statement) as copy:
                if data is not None:
                    copy.write(data)
                else:
                    write = copy.write_row
                    for row in rows:  # type: ignore[union-attr]
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

    def __init__(self, conn: Connection, columns: list[str], rows: ColumnRows | Iterable[tuple[Any, ...]],
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
