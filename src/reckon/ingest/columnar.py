"""The columnar import path for CSV lists: read in C (``pyarrow.csv``), mapped on columns, same records.

Why: an import of a million rows spent about 21 µs of client CPU a row, most of it in Python work that
touches every cell: the csv module's row dicts (4 µs), mapping column by column (4), the raw row's JSON
and the batch (4). Here the file is read by pyarrow's streaming CSV reader into Arrow columns, and

- the raw row (the verbatim JSON :func:`reckon.ingest.prepare.raw_json` writes) is built by joining
  columns in C: the keys are constant, and cells are escaped the way orjson escapes them;
- each column's distinct cells are found in C (dictionary encoding) and mapped once each by the same
  :class:`~reckon.ingest.mapper.RowMapper` functions, then spread back over the rows by their codes;
- everything after mapping (quarantine, storability, identities) is :func:`reckon.ingest.prepare.finish`,
  the row path's own code, so a row the mapper refuses is quarantined with its file, row and field as
  before, and the batches (:class:`~reckon.ingest.prepare.Prepared`, of ``batch_size`` rows, the row
  path's too) are identical: tests/test_ingest_columnar.py imports files both ways and compares.

Only what the csv module would read the same way goes this way. A file the columnar reader cannot
read exactly as :func:`reckon.ingest.readers.open_table` does is found while reading (a row with
another number of cells than the header, a blank line, bytes that are not text in the file's
encoding, an unclosed quote, a cell past pyarrow's block) and raises :class:`Irregular`: the service
then rolls the import's savepoint back and imports the file through the row path, which reads such
rows and quarantines them as always. Formats other than CSV, one-column files, and headers with a
quote character go through the row path from the start (:func:`supported`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pcsv  # type: ignore[import-untyped]

from reckon.ingest.fields import _BLANK_CHARS, _BLANK_MAX
from reckon.ingest.mapper import RowMapper
from reckon.ingest.prepare import Prepared, _text_raws, finish
from reckon.ingest.table import TableReader

__all__ = ["Irregular", "supported", "columnar_batches", "ArrowColumns"]

CODES_PROBE = 512
"""Rows of a batch looked at to tell a column of repeated cells (encoded) from one of distinct cells."""
BLOCK_BYTES = 2**20
"""Bytes pyarrow parses at a time (a row longer than this is :class:`Irregular`: the row path reads it)."""
AHEAD = 3
"""Blocks pyarrow's reader thread may read ahead of the batches taken (see :class:`_Paced`)."""

# What orjson writes as a two-character escape inside a JSON string; other control characters it writes
# as \\u00XX, which a batch holding one gets from orjson itself (the row path's raw_json).
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\b", "\\b"),
            ("\f", "\\f"))
_NEEDS_ESCAPE = '["\\\\\\x00-\\x1f]'
_OTHER_CONTROL = "[\\x00-\\x07\\x0b\\x0e-\\x1f]"
_QUOTE, _BACKSLASH = ord('"'), ord("\\")


# Text clean_text (reckon.ingest.fields) may change: empty, starting or ending with what str.strip()
# removes, holding a run it collapses, or short (at most _BLANK_MAX characters) and starting with a
# character of a blank marker ("н/д"). One expression, so one pass of RE2 over a column.
_SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BLANK_START = "^[" + "".join(c if c.isalnum() else "\\" + c if c.isascii() else c
                              for c in sorted(_BLANK_CHARS)) + "]"
_NOT_PLAIN = f"^$|^[{_SPACE}]|[{_SPACE}]$|  |[\n\t\r\xa0]|(?s:{_BLANK_START}.{{0,{_BLANK_MAX - 1}}}$)"


class Irregular(Exception):
    """The file holds something only the row path reads as the csv module does; import it that way."""


def supported(reader: TableReader) -> bool:
    """Whether ``reader``'s file may go the columnar way: CSV, two columns or more, a one-line header."""
    if reader.format != "csv" or len(reader.headers) < 2 or not reader.delimiter or len(reader.delimiter) != 1:
        return False
    head = _header_lines(reader.path, reader.encoding or "utf-8")
    return head is not None


def _header_lines(path: Path, encoding: str) -> int | None:
    """How many lines come before the data (the header, and Excel's ``sep=;`` line, recognised as
    :func:`reckon.ingest.readers.open_table` does), or None when the header holds a quote (it may then
    span lines, which the columnar reader does not count) or the first lines cannot be told apart."""
    with open(path, "rb") as fh:
        lines = [fh.readline(1 << 16), fh.readline(1 << 16)]
    try:
        texts = [line.decode(encoding) for line in lines]
    except (UnicodeDecodeError, LookupError):
        return None
    skip = 1
    if re.fullmatch(r"sep=.", texts[0].split("\n", 1)[0].strip(), flags=re.IGNORECASE):
        skip = 2
    header = texts[skip - 1]
    if '"' in header or not header.endswith("\n"):
        return None  # a quoted header, or a file of one line: the row path
    if any("\r" in text.rstrip("\r\n") for text in texts[:skip]):
        return None  # a bare CR ends a line for both readers, but readline() saw two lines as one
    return skip


class _Paced:
    """The file as pyarrow's streaming reader reads it, at most :data:`AHEAD` blocks ahead of the batches
    taken from it.

    The reader reads in a thread of its own, as fast as the disk allows: left alone it held a whole
    1 M-row file (131 MB) in memory while the import wrote the first batches, so memory grew with the file.
    Here each read waits until the import has taken all but AHEAD of the blocks read (:meth:`took`); a
    wait ends after a few seconds in any case, so a block that needs more than AHEAD blocks read ahead
    (a very long row) slows the import but cannot stop it.
    """

    closed = False

    def __init__(self, path: Path) -> None:
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._cond = threading.Condition()
        self._reads = self._taken = 0

    def read(self, size: int = -1) -> bytes:
        with self._cond:
            self._cond.wait_for(lambda: self._reads <= self._taken + AHEAD, timeout=5)
            self._reads += 1
        return self._fh.read(size)

    def took(self) -> None:
        with self._cond:
            self._taken += 1
            self._cond.notify_all()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._fh.tell()

    def close(self) -> None:
        with self._cond:
            self._taken = 1 << 60  # let a waiting read go: it finds the file closed
            self._cond.notify_all()
        self._fh.close()
        self.closed = True


class _Codes(list):  # type: ignore[type-arg]
    """The codes of a dictionary-encoded column, with the Arrow array they came from (``arrow``), which
    :func:`reckon.ingest.worker.arrow_columns` gives Arrow's ``take`` for a column spread by them."""

    __slots__ = ("arrow",)

    def __init__(self, indices: pa.Array) -> None:
        super().__init__(indices.to_numpy().tolist())
        self.arrow = indices


class _Cells(list):  # type: ignore[type-arg]
    """A column's cells as Python values, with the Arrow array they came from (``arrow``): a column the
    mapper keeps as it is (:class:`reckon.ingest.mapper.Same`) is then sent as that array."""

    __slots__ = ("arrow",)
    arrow: pa.Array

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


class ArrowColumns:
    """One batch of string columns from pyarrow, seen as the mapper's :class:`~reckon.ingest.mapper.Columns`."""

    def __init__(self, table: pa.Table, headers: list[str]) -> None:
        self.table = table
        self.headers = headers
        self.n = table.num_rows
        self._index = {h: i for i, h in enumerate(headers)}
        self._cells: dict[str, list[Any]] = {}
        self._codes: dict[str, tuple[list[int], list[Any]] | None] = {}
        self._distinct: dict[str, pa.Array] = {}  # the distinct cells of a column :meth:`codes` encoded

    def _array(self, column: str) -> pa.Array:
        chunked = self.table.column(self._index[column])
        return chunked.combine_chunks() if isinstance(chunked, pa.ChunkedArray) else chunked

    def cells(self, column: str) -> list[Any]:
        if column not in self._index:
            return [None] * self.n
        hit = self._cells.get(column)
        if hit is None:
            array = self._array(column)
            hit = self._cells[column] = _Cells(array.to_pylist())
            hit.arrow = array
        return hit

    def codes(self, column: str) -> tuple[list[int], list[Any]] | None:
        """(code of each row, distinct cells), for a column whose cells repeat (dates, sexes, places); None
        for one of mostly distinct cells (ids, names), where encoding would cost more than it saves."""
        if column not in self._index:
            return None
        if column not in self._codes:
            array = self._array(column)
            probe = array.slice(0, CODES_PROBE)
            hit: tuple[list[int], list[Any]] | None = None
            if len(pc.unique(probe)) <= len(probe) // 2:
                encoded = pc.dictionary_encode(array)
                hit = (_Codes(encoded.indices), encoded.dictionary.to_pylist())
                self._distinct[column] = encoded.dictionary
            self._codes[column] = hit
        return self._codes[column]

    def plain(self, column: str) -> list[bool] | None:
        """Whether :func:`~reckon.ingest.fields.clean_text` keeps each value as it is, for the values the
        mapper reads (the distinct cells of :meth:`codes`, else every cell): found in C, so the mapper calls
        clean_text only for the others."""
        if column not in self._index:
            return None
        values = self._distinct.get(column) if self.codes(column) is not None else self._array(column)
        return pc.invert(pc.match_substring_regex(values, _NOT_PLAIN)).to_pylist()  # type: ignore[no-any-return]

    def row(self, i: int) -> dict[str, Any]:
        return {h: self.cells(h)[i] for h in self.headers}

    def take(self, keep: list[int]) -> ArrowColumns:
        return ArrowColumns(self.table.take(pa.array(keep, type=pa.int64())), self.headers)

    def rows(self) -> list[dict[str, Any]]:
        columns = [self.cells(h) for h in self.headers]
        return [dict(zip(self.headers, cells, strict=True)) for cells in zip(*columns, strict=True)]


def raw_json_columns(source: ArrowColumns) -> tuple[list[bytes] | None, bool]:
    """The raw row of every row of the batch, byte for byte what :func:`reckon.ingest.prepare.raw_json`
    writes for its dict, built by joining columns in C; None when some cell holds a control character
    orjson writes as ``\\u00XX`` (then the caller asks orjson). And whether no raw row holds an escape (no
    backslash): then none holds what a store cannot keep (a NUL is written ``\\u0000``; every cell is text),
    which :func:`~reckon.ingest.prepare.finish` need not look for.

    The usual batch has nothing to escape: the cells are joined as they are and the result checked in a
    few passes over its bytes (its quotes are the keys' and the cells' own, no backslash, no control
    character but the lines' ends); only otherwise are the columns that need it escaped and joined again.
    """
    keys = [pa.scalar(("{" if j == 0 else '",') + orjson.dumps(h).decode() + ':"') for j, h in
            enumerate(source.headers)]
    columns = [source._array(h) for h in source.headers]
    joined = _joined(keys, columns)
    quotes = sum(k.as_py().count('"') for k in keys) + 1
    if _plain_json(joined, quotes * len(joined)):
        return joined.to_pylist(), True
    for j, column in enumerate(columns):
        if pc.any(pc.match_substring_regex(column, _NEEDS_ESCAPE)).as_py():
            if pc.any(pc.match_substring_regex(column, _OTHER_CONTROL)).as_py():
                return None, False
            for plain, escaped in _ESCAPES:
                column = pc.replace_substring(column, plain, escaped)
            columns[j] = column
    return _join(keys, columns), False


def _joined(keys: list[Any], columns: list[Any]) -> pa.Array:
    parts = [x for pair in zip(keys, columns, strict=True) for x in pair]
    return pc.binary_join_element_wise(*parts, pa.scalar('"}'), "").cast(pa.binary())


def _join(keys: list[Any], columns: list[Any]) -> list[bytes]:
    return _joined(keys, columns).to_pylist()  # type: ignore[no-any-return]


def _plain_json(joined: pa.Array, quotes: int) -> bool:
    """Whether the raw rows ``joined`` hold exactly ``quotes`` quote characters (the keys' own), no backslash
    and no control character: then nothing in them needed escaping. Checked on the array's bytes as numpy
    sees them, without copying them: three vector passes (a byte each), where the same counts on a joined
    Python ``bytes`` (``count``, ``translate``) cost about 30 instructions a byte."""
    offsets, data = joined.buffers()[1:3]
    if data is None or not len(joined):
        return quotes == 0
    ends = np.frombuffer(offsets, np.int32)
    body = np.frombuffer(data, np.uint8)[int(ends[joined.offset]):int(ends[joined.offset + len(joined)])]
    return bool(np.count_nonzero(body == _QUOTE) == quotes and not np.count_nonzero(body == _BACKSLASH)
                and not np.count_nonzero(body < 32))


def _open(path: Path, reader: TableReader, skip: int) -> tuple[Any, Any]:
    encoding = (reader.encoding or "utf-8").lower().replace("_", "-")
    read = pcsv.ReadOptions(column_names=[f"c{i}" for i in range(len(reader.headers))], skip_rows=skip,
                            block_size=BLOCK_BYTES, use_threads=False,
                            encoding="utf8" if encoding in ("utf-8", "utf8", "utf-8-sig") else encoding)
    parse = pcsv.ParseOptions(delimiter=reader.delimiter, quote_char='"', double_quote=True, escape_char=False,
                              newlines_in_values=True, ignore_empty_lines=False)
    convert = pcsv.ConvertOptions(column_types={f"c{i}": pa.string() for i in range(len(reader.headers))},
                                  strings_can_be_null=False, quoted_strings_can_be_null=False, check_utf8=True)
    fh = _Paced(path)
    try:
        return fh, pcsv.open_csv(fh, read_options=read, parse_options=parse, convert_options=convert)
    except (pa.ArrowException, UnicodeError, ValueError) as exc:
        fh.close()
        raise Irregular(str(exc)[:200]) from None


def _tables(stream: Any, fh: _Paced, batch_size: int) -> Iterator[pa.Table]:
    """The file's rows in tables of exactly ``batch_size`` rows (the last one shorter), as the row path
    batches them: the raw rows' blocks are cut per batch, so the same cut stores the same records."""
    pending: list[pa.RecordBatch] = []
    held = 0
    while True:
        try:
            part = stream.read_next_batch()
        except StopIteration:
            break
        except (pa.ArrowException, UnicodeError, ValueError) as exc:
            raise Irregular(str(exc)[:200]) from None
        fh.took()
        pending.append(part)
        held += part.num_rows
        while held >= batch_size:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, batch_size).combine_chunks()
            rest = table.slice(batch_size)
            pending, held = rest.to_batches(), rest.num_rows
    if held:
        yield pa.Table.from_batches(pending).combine_chunks()


def _blank_rows(table: pa.Table) -> bool:
    """Whether some row has every cell empty: a blank line, which the csv module skips (keeping the row
    numbers of the rest) while pyarrow cannot tell it from a row of empty cells."""
    if not pc.any(pc.equal(pc.binary_length(table.column(0)), 0)).as_py():
        return False
    empty = None
    for column in table.columns:
        is_empty = pc.equal(pc.binary_length(column), 0)
        empty = is_empty if empty is None else pc.and_(empty, is_empty)
    return bool(empty is not None and pc.any(empty).as_py())


def columnar_batches(reader: TableReader, mapper: RowMapper, *, salt: bytes, strict: bool, file_name: str,
                     batch_size: int) -> Iterator[Prepared]:
    """:func:`reckon.ingest.prepare.prepare_batches` for a :func:`supported` CSV file, read by pyarrow.

    Raises :class:`Irregular` (possibly after some batches) when the file needs the row path; the
    caller then undoes what it wrote and starts again that way.
    """
    skip = _header_lines(reader.path, reader.encoding or "utf-8")
    if skip is None:
        raise Irregular("header")
    fh, stream = _open(reader.path, reader, skip)
    try:
        number = skip + 1  # the row number of the next row: the header is row 1
        read = 0
        yielded = False
        for table in _tables(stream, fh, batch_size):
            if _blank_rows(table):
                raise Irregular("a blank line")
            source = ArrowColumns(table, reader.headers)
            n = table.num_rows
            raws: list[Any] | None
            raws, plain = raw_json_columns(source)
            if raws is None:
                raws = _text_raws(source.rows())  # what the row path writes, for the rare batch
            numbers = list(range(number, number + n))
            batch = finish(source, numbers, raws, mapper, salt, strict, file_name, storable=plain)
            number += n
            read += n
            batch.rows_read, batch.bytes_read = read, fh.tell()
            yielded = True
            yield batch
        if not yielded:
            batch = Prepared()
            batch.bytes_read = reader.size
            yield batch
    finally:
        fh.close()
