"""Rows -> batches ready to write: mapping, raw JSON, content hash; in this process or in a worker.

Reading and mapping is pure Python work that does not need the database, so it can run in a second
process while the importing process writes the previous batch: on two idle cores an import would then
take about as long as the slower half instead of the sum. The worker only reads the file and sends
batches through a pipe; the transaction stays in the importing process, so a kill -9 still leaves the
store as before (and the worker ends at its next send, when the pipe is gone).

It pays only where a second core is free: on 2026-12-05, 1,000,000 rows of benchmarks/import_speed.py
on this two-core machine idle took 27.6 s without and 20.2 s with the worker (the pickling costs CPU
on both sides); with the other core busy it gained nothing, and on a loaded machine it lost. So by default (RECKON_IMPORT_WORKER
``auto``) it runs for files of 16 MB and more when the load average leaves two cores idle; ``1``
forces it, ``0`` turns it off, ``worker=True/False`` decides per call. Measure with
``benchmarks/import_speed.py --worker on|off|auto``.

The worker reads CSV lists the columnar way too (:mod:`reckon.ingest.columnar`), and does there what
needs no database: the content hashes and, on a source's first import (every row new), the raw rows'
compressed blocks (:func:`reckon.ingest.worker.ship`). On 1,000,000 rows of the benchmark's file that leaves the importing
process 7.3-8.6 s of CPU and the worker 8.6-9.2 s, against 14.9-16.7 s for the whole import in one
process (2026-12-07, load average 5-12): on two free cores the import takes about as long as its
slower half. The worker is :mod:`reckon.ingest.worker`. A file the columnar reader finds irregular is reported by it
(:class:`~reckon.ingest.columnar.Irregular`) after the batches before it; the importing process
rolls them back and starts the worker again on the row path, as it does in-process.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from reckon.errors import N_, InputError
from reckon.ingest.mapper import RECORD_FIELDS, Columns, Problem, RowCells, RowMapper, Spread, spread
from reckon.ingest.storable import first_column, safe_raw, too_long, unstorable
from reckon.ingest.table import SourceRow
from reckon.store.shapes import CONTENT_HASH_CHARS, HASH_BYTES, SAME_AS_IDENTITY

# With RECKON_IMPORT_WORKER=auto, files at least this large are read in a worker process.
WORKER_MIN_BYTES = 16 * 2**20

_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
dumps = _ENCODER.encode
_orjson_dumps = orjson.dumps


def raw_json(values: Any) -> bytes | None:
    """The raw row as UTF-8 JSON: orjson (about ten times faster than ``json``) for rows that are plain
    JSON data, else the standard encoder, which also writes what orjson refuses or would change (NaN and
    infinite floats, integers past 64 bits, other types via ``str``). None when the row is not valid
    Unicode at all (a lone surrogate, an undecodable byte): :mod:`reckon.ingest.storable` handles it."""
    try:
        for v in values.values():
            t = type(v)
            if t is not str and v is not None and (t is float or t not in _PLAIN):
                if t is float and v == v and v not in (_INF, -_INF):
                    continue
                return dumps(values).encode()
        try:
            return _orjson_dumps(values)
        except (orjson.JSONEncodeError, TypeError):
            return dumps(values).encode()
    except UnicodeEncodeError:
        return None


def _suspect(raw: bytes | None) -> bool:
    """Whether a raw row may hold what no store can keep (then :func:`unstorable` looks closely)."""
    return raw is None or b"\\u0000" in raw or b"NaN" in raw or b"Infinity" in raw


_PLAIN = frozenset({str, int, bool, float})
_INF = float("inf")


@dataclass
class Prepared:
    """One batch: rows to store (column by column) and rows to quarantine, with the reader's position after it.

    The rows to store travel as columns, not row tuples: a worker process pickles fewer objects, and the
    store builds each row's tuple once, with its raw row's block and line (:meth:`rows`). Their content
    hashes are computed on first use (:attr:`hashes`), so in the process that writes them: the reader
    worker (:mod:`reckon.ingest.prepare`) is the busier side of the pipe.
    """

    fields: tuple[str, ...] = ()
    """The register fields (of RECORD_FIELDS, in that order) that some row of this batch fills; the
    others are NULL (or the empty list/object for ``articles``/``extra``) in every row."""
    identities: list[str] = field(default_factory=list)
    """The base identity of each row to store (repeats not yet numbered: the store does that)."""
    numbers: list[int] = field(default_factory=list)
    """The file's row number of each row to store."""
    columns: list[list[Any]] = field(default_factory=list)
    """The values of ``fields``, one list per field, in the order of the rows; ``external_id`` as the store
    keeps it (:func:`same_as_identity`)."""
    raws: list[bytes] = field(default_factory=list)
    """The raw row of each row to store, as UTF-8 JSON."""
    salt: bytes = b""
    """What the content hashes are salted with (:func:`reckon.ingest.report.content_salt`)."""
    bad: list[tuple[int, str | None, str, str]] = field(default_factory=list)
    """(row number, column, reason, raw row as JSON)"""
    first_problems: list[tuple[str | None, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    """(row number, reason) of rows stored although the reader had to complete them (a short CSV row)."""
    rows_read: int = 0
    bytes_read: int = 0
    packed: list[dict[str, Any]] | None = None
    """The raw rows already compressed into blocks (:func:`reckon.store.rawblocks.pack_blocks`) by the reader
    worker, for a source's first import (every row is new, so every raw row is written); ``raws`` is then
    empty. None: the store packs what it writes."""
    _hashes: Any = field(default=None, repr=False)  # list[bytes]; an Arrow array (reckon.ingest.worker.arrow_columns)

    @property
    def hashes(self) -> list[bytes]:
        """The content hash (:func:`content_hash`) of each row to store, as the store keeps it: its bytes."""
        if self._hashes is None:  # a copy of the salt's state, updated with the row: no salt + raw per row
            out: list[bytes] = []
            append, fresh = out.append, hashlib.sha256(self.salt).copy
            for raw in self.raws:
                h = fresh()
                h.update(raw)
                append(h.digest()[:HASH_BYTES])
            self._hashes = out
        return self._hashes

    def rows(self, identities: list[str] | None = None, *tail: list[Any]) -> list[tuple[Any, ...]]:
        """(identity, content hash, row number, *values of ``fields``, *``tail``) for each row to store;
        ``identities`` in place of the base ones (numbered repeats), ``tail`` more columns (block, line)."""
        return list(zip(identities or self.identities, self.hashes, self.numbers, *self.columns, *tail,
                        strict=True))


def content_hash(salt: bytes, raw_json: str | bytes) -> str:
    """sha256 of the mapping's fingerprint and the raw row (its first 64 bits in hex: CONTENT_HASH_CHARS).

    The mapped fields are a pure function of the raw row, the mapping and the parser version (all in the
    fingerprint), so this stands for a hash of the stored content at a third of the cost: the same row
    under a changed mapping hashes differently and becomes a new version.
    """
    if isinstance(raw_json, str):
        raw_json = raw_json.encode()
    return hashlib.sha256(salt + raw_json).hexdigest()[:CONTENT_HASH_CHARS]


def strict_error(file: str, row: int, problem: Problem, *, stored: bool = False) -> InputError:
    """The refusal of ``--strict`` at the first bad row; ``stored``: without --strict that row would be
    stored with a warning (not quarantined), and the message says so."""
    return InputError.of(
        N_("%(reason)s (--strict: nothing was imported; fix the row or drop --strict to store it with this "
           "warning)") if stored else
        N_("%(reason)s (--strict: nothing was imported; fix the row or drop --strict to quarantine it)"),
        file=file, row=row, field=problem.column, reason=problem.reason)


def map_row(mapper: RowMapper, row: SourceRow) -> tuple[dict[str, Any], list[Problem]]:
    fields, problems = mapper.map(row.values)
    if row.problem:
        problems.insert(0, Problem(None, row.problem))
    return fields, problems


def prepare_batches(rows: Iterator[SourceRow], mapper: RowMapper, *, salt: bytes, strict: bool, file_name: str,
                    batch_size: int, position: Callable[[], int], text_cells: bool = False) -> Iterator[Prepared]:
    """Map rows and yield them in batches of ``batch_size`` rows (stored and quarantined together).

    ``text_cells`` says every cell is text (a CSV reader's rows), so raw rows skip :func:`raw_json`'s
    look at each value's type (the bytes are the same). Always yields at least one batch (an empty file
    gives one empty batch with the final counts).
    """
    read = 0
    it = iter(rows)
    while True:
        chunk = list(islice(it, batch_size))
        read += len(chunk)
        if not chunk and read:
            return
        batch = _prepare(chunk, mapper, salt, strict, file_name, text_cells)
        batch.rows_read, batch.bytes_read = read, position()
        yield batch
        if not chunk:
            return


def _text_raws(values: list[dict[str, Any]]) -> list[bytes | None]:
    """:func:`raw_json` of rows whose cells are all text: orjson at once, and :func:`raw_json` row by row
    only for a batch orjson refuses (a lone surrogate), so the bytes are raw_json's in every case."""
    try:
        return list(map(_orjson_dumps, values))
    except (orjson.JSONEncodeError, TypeError):
        return list(map(raw_json, values))


def _prepare(chunk: list[SourceRow], mapper: RowMapper, salt: bytes, strict: bool, file_name: str,
             text_cells: bool = False) -> Prepared:
    values = [r.values for r in chunk]
    raws: list[Any] = _text_raws(values) if text_cells else list(map(raw_json, values))
    warnings = [(r.number, r.warning) for r in chunk if r.warning]
    try:
        batch = finish(RowCells(values), [r.number for r in chunk], raws, mapper, salt, strict, file_name,
                       {i: r.problem for i, r in enumerate(chunk) if r.problem})
    except InputError as exc:  # --strict: the first bad row, a quarantined one or one with a warning
        if not (strict and warnings) or (exc.row or 0) < warnings[0][0]:
            raise
    if strict and warnings:
        raise strict_error(file_name, warnings[0][0], Problem(None, warnings[0][1]), stored=True)
    batch.warnings = warnings
    return batch


def finish(source: Columns, numbers: list[int], raws: list[Any], mapper: RowMapper, salt: bytes, strict: bool,
           file_name: str, read_problems: dict[int, str] | None = None, storable: bool = False) -> Prepared:
    """A batch read (``source``: its cells; ``numbers``: its rows in the file; ``raws``: :func:`raw_json` of
    each row, None where not valid Unicode) mapped and checked into a :class:`Prepared`: the one way both
    the row path and the columnar path (:mod:`reckon.ingest.columnar`) make a batch, so they store the
    same. ``read_problems``: what the reader found wrong with a row (quarantined whole). ``storable``: the
    caller knows every cell is text and no raw row holds an escape (the columnar reader's usual batch), so
    none holds what a store cannot keep and the raw rows are not searched for it (0.35 s at 1 M rows)."""
    mapped, problems = mapper.map_columns(source)
    for i, problem in (read_problems or {}).items():
        problems.setdefault(i, []).insert(0, Problem(None, problem))
    # What the store cannot hold (NUL, NaN, invalid Unicode, text past a column's length) is quarantined
    # here, before any database sees it; such rows keep a raw row every store can hold.
    blob = b"" if storable or None in raws else b"\n".join(raws)  # one C-level search per batch, usually
    for i, raw in enumerate(raws) if not storable and _suspect(None if None in raws else blob) else ():
        if _suspect(raw):
            row = source.row(i)
            found = unstorable(row)
            if found:
                problems.setdefault(i, []).extend(found)
            if found or raw is None:
                raws[i] = dumps(safe_raw(row)).encode()
    for i, found in too_long(mapped, first_column(list(mapper.spec.columns.items()))).items():
        problems.setdefault(i, []).extend(found)
    batch = Prepared()
    if problems:
        if strict:
            first = min(problems)
            raise strict_error(file_name, numbers[first], problems[first][0])
        for i in sorted(problems):
            found = problems[i]
            reason = found[0].reason if len(found) == 1 else "; ".join(
                f"{p.column}: {p.reason}" if p.column else p.reason for p in found)
            # Column names and reasons can quote the file: keep them storable everywhere.
            column = safe_raw(found[0].column)[:200] if found[0].column else None
            batch.bad.append((numbers[i], column, safe_raw(reason), raws[i].decode()))
            batch.first_problems.append((found[0].column, found[0].reason))
        keep = [i for i in range(source.n) if i not in problems]
        source = source.take(keep)
        numbers = [numbers[i] for i in keep]
        raws = [raws[i] for i in keep]
        mapped = {f: [col[i] for i in keep] for f, col in mapped.items()}
    if not raws:
        return batch
    n = len(raws)
    identities = mapper.identities(source, mapped, numbers)
    fields = tuple(f for f in RECORD_FIELDS if f in mapped and (mapped[f][0] is not None or mapped[f].count(None) != n))
    columns = [_json_column(mapped[f], f) if f in _JSON_FIELDS else mapped[f] for f in fields]
    if "external_id" in fields:
        at = fields.index("external_id")
        columns[at] = same_as_identity(columns[at], identities)
    batch.fields, batch.identities, batch.numbers, batch.columns = fields, identities, numbers, columns
    batch.raws, batch.salt = raws, salt
    return batch


_JSON_FIELDS = {"articles": "[]", "extra": "{}"}


def same_as_identity(ids: list[Any], identities: list[str]) -> list[Any]:
    """The source's ids as the store keeps them: :data:`SAME_AS_IDENTITY` where one is the row's identity
    (the usual case: an id is its row's identity, the 9-20 bytes of it otherwise stored twice). The store
    spells such an id out again where it numbers a repeated one (:func:`reckon.store.imports.spell_out_ids`).
    A blank id (a value map may give one) is no id: None, so that it cannot read as the identity."""
    if ids == identities:  # the usual batch (one C pass: the same objects)
        return [SAME_AS_IDENTITY] * len(ids)
    return [SAME_AS_IDENTITY if e == i else (e or None) for e, i in zip(ids, identities, strict=True)]


def _json_column(values: list[Any], fname: str) -> list[str]:
    """Articles (tuples shared between rows) and extras as JSON text, each distinct value encoded once."""
    if isinstance(values, Spread):  # articles read on codes: one JSON text per distinct cell, spread
        return spread(values.codes, _json_column(values.values, fname))
    empty = _JSON_FIELDS[fname]
    memo: dict[Any, str] = {}
    out: list[str] = []
    for v in values:
        if not v:
            out.append(empty)
        elif type(v) is tuple:
            text = memo.get(v)
            if text is None:
                text = memo[v] = _orjson_dumps(list(v)).decode()
            out.append(text)
        else:
            out.append(_orjson_dumps(v).decode())
    return out


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """Python's cyclic collector leaves alone what lived before the import, until the import ends.

    An import allocates millions of small objects (cells, tuples, batches), none of them in a cycle, so
    reference counting frees them all; but each full collection the allocations trigger walks every
    object the process holds (modules, SQLAlchemy's metadata, a web app), which cost about a tenth of
    the import's CPU on the benchmark. :func:`gc.freeze` moves those to a generation no collection walks
    (collections still run, over the import's own young objects); they go back at the end. Freezing
    is harmless to other threads: it only delays the collection of cycles that already exist.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def use_worker(path: Path, requested: bool | None) -> bool:
    """``requested`` if given, else RECKON_IMPORT_WORKER: "1" on, "0" off, "auto" (the default) for a file
    of WORKER_MIN_BYTES or more when a second core is mostly free (the load average leaves half a core
    idle): on a busy machine the worker only adds its pickling to the work. Half, not 1.5: the load
    average lags and counts what ran just before (a benchmark's own file generation), and at load 1.0 on
    two cores 1 M rows took 10.5 s with the worker against 15.5-16.5 s without (7 December 2026)."""
    if requested is not None:
        return requested
    env = os.environ.get("RECKON_IMPORT_WORKER", "auto")
    if env == "1":
        return True
    if env == "auto":
        return path.stat().st_size >= WORKER_MIN_BYTES and idle_cores() >= 0.5
    return False


def idle_cores() -> float:
    """Cores this process may use minus the one-minute load average (negative on an overloaded machine)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores - os.getloadavg()[0]
