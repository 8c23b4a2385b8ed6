"""Import one list file into the register: the service behind ``reckon import``, the demo and the web app.

The whole import is one database transaction: it commits with its audit entry, or (on an error, on
``--strict`` with a bad row, or when the process is killed) leaves the store exactly as before.

How rows become records, in batches of a few thousand so memory stays flat however long the file:

1. The reader streams rows; :meth:`~reckon.ingest.mapping.RowMapper.map_many` maps a batch of them
   column by column (each distinct date, sex, status or article text is parsed once per import).
   Rows that cannot be mapped go whole to ``quarantined_row`` with the column and the reason.
2. Each row gets an *identity*: the source's own id (``19``), or ``row:N`` when the list has none. A
   repeated id inside one file gets ``#2``, ``#3`` in order, not tracked in Python memory: on a
   source's first import the record table's unique index finds ids met in earlier batches (the batch
   is retried under a savepoint when it refuses one); on later imports a temporary table of ids seen
   does (one ``INSERT ... ON CONFLICT DO NOTHING`` per batch when no id repeats).
3. The row's content hash (sha256 of the mapping's fingerprint and the raw row, which together
   determine every stored field) is compared with the current version of that identity: equal means
   unchanged (nothing written); different means a new version is written and the old one kept with
   ``is_current`` false; absent means a new record. Records of the source missing from the file are
   kept as they are (a list may be partial) and counted as ``not_in_file``.
4. Records are written with driver-level ``executemany``: no ORM object and no SQL compilation per row.
   What every row shares (source, import, file, time, version 1) is an SQL literal and fields no row of
   the batch fills are left out, so only the differing values are bound. Optionally a worker process
   reads and maps while this one writes (:mod:`reckon.ingest.prepare`, off by default); see
   benchmarks/import_speed.py for the figures.

The same file under the same mapping as the source's latest import is recognised up front (sha256):
nothing is written and the report says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from reckon.config import Workspace
from reckon.errors import ConfigError, ReckonError
from reckon.ingest.mapping import (
    MappingSpec,
    RowMapper,
    load_mapping_file,
    resolve_mapping,
)
from reckon.ingest.prepare import (
    Prepared,
    batches_from_worker,
    prepare_batches,
    use_worker,
)
from reckon.ingest.readers import SourceRow, TableReader, open_table
from reckon.ingest.storable import safe_raw
from reckon.store.audit import audit, default_actor
from reckon.store.base import utcnow
from reckon.store.db import database_error, session_scope
from reckon.store.locks import WaitFn, begin_write, in_turn
from reckon.store.models import SOURCE_KINDS, ImportBatch, QuarantinedRow, Record, Source

__all__ = ["ImportReport", "import_file", "file_sha256", "ProgressFn"]

BATCH = 5000
SAMPLE_ROWS = 200
ProgressFn = Callable[[int, int, int], None]  # rows read, bytes read, bytes total

_QUARANTINE_COLUMNS = ("import_id", "source_id", "file_name", "row_number", "field", "reason", "raw",
                       "created_at")

_seen_meta = MetaData()
_SEEN = Table("reckon_import_seen", _seen_meta, Column("identity", String(300), primary_key=True),
              Column("n", Integer, nullable=False), Column("batch", Integer, nullable=False),
              prefixes=["TEMPORARY"])


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do). Holds no personal data except ``preview``."""

    source: str
    file: str
    sha256: str
    format: str
    encoding: str | None
    delimiter: str | None
    mapping: MappingSpec
    rows_read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    quarantine_known: int = 0  # of ``quarantined``, rows already in quarantine from an earlier import
    not_in_file: int = 0
    already_imported: bool = False
    dry_run: bool = False
    import_id: int | None = None
    seconds: float = 0.0
    db_seconds: float = 0.0  # of ``seconds``, the time spent in database calls (writes, lookups, commit)
    encoding_note: str | None = None  # said when the encoding was guessed (letters depend on it)
    preview: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # the first 50 quarantined rows
    reasons: Counter[tuple[str | None, str]] = field(default_factory=Counter)  # (column, reason) -> rows

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "source": self.source, "file": self.file, "sha256": self.sha256, "format": self.format,
            "rows_read": self.rows_read, "new": self.new, "changed": self.changed,
            "unchanged": self.unchanged, "quarantined": self.quarantined,
            "quarantine_known": self.quarantine_known, "not_in_file": self.not_in_file,
            "already_imported": self.already_imported, "dry_run": self.dry_run, "import_id": self.import_id,
        }


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _spec_from(mapping: str | Path | MappingSpec | None) -> MappingSpec:
    if mapping is None:
        return MappingSpec()
    if isinstance(mapping, MappingSpec):
        return mapping
    return load_mapping_file(mapping)


def _open_args(spec: MappingSpec, fmt: str | None, encoding: str | None, delimiter: str | None,
               sheet: str | None, json_key: str | None) -> dict[str, Any]:
    read = spec.read
    return {"fmt": fmt or read.get("format"), "encoding": encoding or read.get("encoding"),
            "delimiter": delimiter or read.get("delimiter"), "sheet": sheet or read.get("sheet"),
            "json_key": json_key or read.get("json_key")}


class _Batcher:
    """Writes prepared batches: quarantined rows, new records and new versions of changed ones.

    What is the same for every row of an import (source, import, file name, time, ``is_current``, the
    version of a new record, empty articles/extra when no row has any) is written into the SQL as
    literals, and fields no row of a batch fills are left out: the driver then binds only the values
    that differ, which is most of the cost of an insert from Python (binding a NULL costs more than the
    row's B-tree work in SQLite).
    """

    def __init__(self, conn: Connection, source_id: int, import_id: int, file_name: str,
                 existing: bool, seen_table: bool, number_by_collision: bool = False,
                 known_bad: set[str] | None = None) -> None:
        self.conn = conn
        # Rows earlier imports of the source already quarantined (see _bad_key): not quarantined again.
        self.known_bad = known_bad or set()
        self.quarantine_known = 0
        self.source_id, self.import_id, self.file_name = source_id, import_id, file_name
        self.existing = existing
        self.seen_table = seen_table
        # First import of a source with ids: the ids met more than once so far, with their counts (see
        # _insert_numbered); None in the other modes.
        self.repeats: dict[str, int] | None = {} if number_by_collision else None
        self.mark = mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.true: Any = 1 if conn.dialect.name == "sqlite" else True
        now = utcnow()
        self.now: Any = now.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else now
        t = Record.__table__
        self._constants = {
            "source_id": _literal(conn, t.c.source_id, source_id),
            "import_id": _literal(conn, t.c.import_id, import_id),
            "is_current": _literal(conn, t.c.is_current, True),
            "file_name": _literal(conn, t.c.file_name, file_name),
            "created_at": _literal(conn, t.c.created_at, now),
        }
        # JSON has no literal renderer; quoted text converts to json/jsonb on PostgreSQL and is what SQLite keeps.
        self._empty = {"articles": "'[]'", "extra": "'{}'"}
        self._sql: dict[tuple[tuple[str, ...], bool], str] = {}
        self.quarantine_sql = (f"INSERT INTO quarantined_row ({', '.join(_QUARANTINE_COLUMNS)}) "
                               f"VALUES ({', '.join([mark] * len(_QUARANTINE_COLUMNS))})")
        self.seen_insert = (f"INSERT INTO reckon_import_seen (identity, n, batch) VALUES ({mark}, {mark}, {mark}) "
                            "ON CONFLICT (identity) DO NOTHING")
        self.batches = 0
        self.seen_update = f"UPDATE reckon_import_seen SET n = {mark} WHERE identity = {mark}"
        self.new = self.changed = self.unchanged = self.quarantined = 0

    def _marks(self, n: int) -> str:
        return ", ".join([self.mark] * n)

    def _insert_sql(self, fields: tuple[str, ...], versioned: bool) -> str:
        """INSERT for rows shaped (identity, content hash, row number, raw, *fields[, version])."""
        sql = self._sql.get((fields, versioned))
        if sql is None:
            fixed = dict(self._constants)
            if not versioned:
                fixed["version"] = "1"
            fixed.update((k, v) for k, v in self._empty.items() if k not in fields)
            bound = ["identity", "content_hash", "row_number", "raw", *fields] + (["version"] if versioned else [])
            sql = self._sql[(fields, versioned)] = (
                f"INSERT INTO record ({', '.join([*fixed, *bound])}) "
                f"VALUES ({', '.join([*fixed.values(), *[self.mark] * len(bound)])})")
        return sql

    # -- identities --------------------------------------------------------------------------------
    def _assign_identities(self, bases: list[str]) -> list[str]:
        """Give repeated ids within the file ``#2``, ``#3`` ... in file order, across batches.

        The ids of each batch go into the import's table of ids seen with ``ON CONFLICT DO NOTHING``;
        when every one was new (the usual case) that single statement is all. Only ids met in an earlier
        batch are looked up, renumbered after their earlier occurrences and their counts updated.
        """
        out, counts = _number_repeats(bases, {})
        if not self.seen_table or not counts:
            return out
        self.batches += 1
        inserted = self.conn.exec_driver_sql(
            self.seen_insert, [(b, n, self.batches) for b, n in counts.items()]).rowcount
        if inserted == len(counts):
            return out
        earlier: dict[str, int] = {}
        for chunk in _chunks(list(counts), 900):
            sql = (f"SELECT identity, n FROM reckon_import_seen WHERE batch <> {self.mark} "
                   f"AND identity IN ({self._marks(len(chunk))})")
            earlier.update(self.conn.exec_driver_sql(sql, (self.batches, *chunk)).all())
        if not earlier:
            raise ReckonError(f"import bookkeeping: {len(counts) - inserted} ids neither new nor seen before")
        out, _ = _number_repeats(bases, earlier)
        self.conn.exec_driver_sql(self.seen_update, [(earlier[b] + counts[b], b) for b in earlier])
        return out

    def _insert_numbered(self, fields: tuple[str, ...], good: list[tuple[Any, ...]]) -> None:
        """Insert the batch of a source's first import, numbering repeated ids without a table of ids seen.

        Every record of the source is then this import's, at version 1, so the unique index on (source,
        identity, version) already knows every id met: the batch goes in under a savepoint, numbered
        from the ids known to repeat (a small dict), and only when the index refuses it (an id of an
        earlier batch met again, which is rare) are this batch's ids looked up among the records and
        the batch numbered and written again. That saves the ids-seen table's insert per row.
        """
        repeats = self.repeats
        assert repeats is not None
        bases = [g[0] for g in good]
        sql = self._insert_sql(fields, False)
        for attempt in (1, 2):
            unique = set(bases)
            counts: dict[str, int] = {}
            rows = good
            if len(unique) != len(bases) or not repeats.keys().isdisjoint(unique):
                idents, counts = _number_repeats(bases, repeats)
                rows = [g if g[0] == ident else (ident, *g[1:]) for g, ident in zip(good, idents, strict=True)]
            try:
                with self.conn.begin_nested():
                    self.conn.exec_driver_sql(sql, rows)
            except IntegrityError:
                met = self._met_before([b for b in unique if b not in repeats and not b.startswith("row:")]) \
                    if attempt == 1 else []
                if not met:
                    raise id_clash(self.file_name, good) from None
                repeats.update(dict.fromkeys(met, 1))
                continue
            for base, n in counts.items():  # empty when no id of the batch repeats
                if n > 1 or base in repeats:
                    repeats[base] = repeats.get(base, 0) + n
            self.new += len(good)
            return

    def _met_before(self, bases: list[str]) -> list[str]:
        """Which of ``bases`` earlier batches of this (first) import stored."""
        met: list[str] = []
        for chunk in _chunks(bases, 900):
            sql = (f"SELECT identity FROM record WHERE source_id = {self.mark} "
                   f"AND identity IN ({self._marks(len(chunk))})")
            met.extend(r[0] for r in self.conn.exec_driver_sql(sql, (self.source_id, *chunk)))
        return met

    # -- one batch ---------------------------------------------------------------------------------
    def flush(self, batch: Prepared) -> None:
        """Write one prepared batch: quarantined rows, then new records and new versions of changed ones."""
        if batch.bad:
            rows = []
            for row, column, reason, raw in batch.bad:
                # Column names and reasons can quote the file: keep them storable everywhere.
                column, reason = (safe_raw(column)[:200] if column else None), safe_raw(reason)
                if self.known_bad and _bad_key(column, reason, raw) in self.known_bad:
                    self.quarantine_known += 1
                    continue
                rows.append((self.import_id, self.source_id, self.file_name, row, column, reason, raw, self.now))
            if rows:
                self.conn.exec_driver_sql(self.quarantine_sql, rows)
            self.quarantined += len(batch.bad)
        good = batch.good
        if not good:
            return
        if self.repeats is not None:
            self._insert_numbered(batch.fields, good)
            return
        bases = [g[0] for g in good]
        identities = self._assign_identities(bases)
        if identities != bases:  # repeated ids in the file: "#2", "#3" ...
            good = [g if g[0] == ident else (ident, *g[1:]) for g, ident in zip(good, identities, strict=True)]
        current: dict[str, tuple[int, int, str]] = {}
        if self.existing:
            for chunk in _chunks(list(set(identities)), 900):
                # COALESCE hides is_current from the planner: SQLite would otherwise walk the source's
                # whole (source_id, is_current) index for every chunk instead of the unique index.
                sql = ("SELECT identity, id, version, content_hash FROM record WHERE source_id = "
                       f"{self.mark} AND COALESCE(is_current, is_current) = {self.mark} "
                       f"AND identity IN ({self._marks(len(chunk))})")
                for ident, rid, version, chash in self.conn.exec_driver_sql(
                        sql, (self.source_id, self.true, *chunk)):
                    current[ident] = (rid, version, chash)
        if not current:
            self.new += len(good)
            self.conn.exec_driver_sql(self._insert_sql(batch.fields, False), good)
            return
        new: list[tuple[Any, ...]] = []
        changed: list[tuple[Any, ...]] = []
        retire: list[int] = []
        for g in good:
            old = current.get(g[0])
            if old is None:
                new.append(g)
            elif old[2] == g[1]:
                self.unchanged += 1
            else:
                retire.append(old[0])
                changed.append((*g, old[1] + 1))
        self.new += len(new)
        self.changed += len(changed)
        if retire:
            t = Record.__table__
            for chunk in _chunks(retire, 900):
                self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(is_current=False))
        if new:
            self.conn.exec_driver_sql(self._insert_sql(batch.fields, False), new)
        if changed:
            self.conn.exec_driver_sql(self._insert_sql(batch.fields, True), changed)


def _bad_key(column: str | None, reason: str, raw: Any) -> str:
    """What makes two quarantined rows the same: column, reason and the row's content (keys in order, so
    the same row read from a CRLF or an LF copy of the file, or stored by either database, matches)."""
    obj = json.loads(raw) if isinstance(raw, str | bytes) else raw
    # Line breaks inside cells follow the file's line endings: CRLF and LF copies are the same row.
    canon = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str).replace("\\r\\n", "\\n")
    return hashlib.sha256(f"{column}\x1f{reason}\x1f{canon}".encode("utf-8", "surrogatepass")).hexdigest()


def _quarantined_keys(conn: Connection, source_id: int) -> set[str]:
    """The keys (:func:`_bad_key`) of every row already in quarantine for the source."""
    q = QuarantinedRow.__table__
    rows = conn.execute(select(q.c.field, q.c.reason, q.c.raw).where(q.c.source_id == source_id))
    return {_bad_key(f, r, raw) for f, r, raw in rows}


def id_clash(file_name: str, good: list[tuple[Any, ...]]) -> ReckonError:
    """The error for a batch the store refused as repeated ids. Not the driver's message: it carries the
    rows' values, which are personal data."""
    return ReckonError(
        f"the store refused rows {good[0][2]}-{good[-1][2]} of {file_name} as repeats of others: an id "
        "written with '#2', '#3' ... in the file clashes with the numbering of repeated ids; rename those ids")


def _literal(conn: Connection, column: Column[Any], value: Any) -> str:
    """``value`` as an SQL literal of ``column``'s type, rendered (and escaped) by the dialect."""
    expr = literal(value, column.type)
    return str(expr.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def _number_repeats(bases: list[str], before: dict[str, int]) -> tuple[list[str], dict[str, int]]:
    """The identities of a batch in file order: an id's n-th occurrence in the file, counting ``before``
    earlier ones, is ``id#n`` (the first keeps the bare id); and how often each id occurs in the batch.
    ``row:N`` ids never repeat and are not counted."""
    counts: dict[str, int] = {}
    out: list[str] = []
    for base in bases:
        if base.startswith("row:"):
            out.append(base)
            continue
        n = counts[base] = counts.get(base, 0) + 1
        n += before.get(base, 0)
        out.append(base if n == 1 else f"{base}#{n}")
    return out, counts


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _rows_with_sample(reader: TableReader) -> tuple[list[SourceRow], Iterator[SourceRow]]:
    it = iter(reader)
    sample: list[SourceRow] = []
    for row in it:
        sample.append(row)
        if len(sample) >= SAMPLE_ROWS:
            break
    return sample, it


def _all_rows(sample: list[SourceRow], rest: Iterator[SourceRow]) -> Iterator[SourceRow]:
    yield from sample
    yield from rest


def import_file(workspace: Workspace, path: str | Path, source: str, mapping: str | Path | MappingSpec | None = None,
                *, dry_run: bool = False, strict: bool = False, actor: str | None = None,
                progress: ProgressFn | None = None, organisation: str | None = None, kind: str | None = None,
                description: str | None = None, fmt: str | None = None, encoding: str | None = None,
                delimiter: str | None = None, sheet: str | None = None, json_key: str | None = None,
                batch_size: int = BATCH, preview_rows: int = 10, worker: bool | None = None,
                on_wait: WaitFn | None = None) -> ImportReport:
    """Import ``path`` into the source called ``source`` (created if new); see the module docstring.

    ``dry_run`` reads and maps the whole file and writes nothing: the report holds the mapping, the
    first ``preview_rows`` rows as they would be stored, the quarantine reasons and, when ``workspace``
    is given, the counts the import would report (new, changed, unchanged, quarantined, not in the file),
    found by comparing with the store read-only (see :func:`reckon.ingest.dryrun.dry_run`). ``strict`` makes
    the first row that cannot be mapped abort the import (InputError naming file, row and column).
    ``worker`` reads and maps in a second process (default: RECKON_IMPORT_WORKER, ``auto``: large files
    on a machine with two idle cores; see :mod:`reckon.ingest.prepare`). ``on_wait`` hears, once, that
    the import waits for another writer of a SQLite workspace (:func:`reckon.store.locks.begin_write`).
    Any error the database raises comes out as a :class:`~reckon.errors.StoreError` without row values.
    """
    started = time.perf_counter()
    path = Path(path)
    source = (source or "").strip()
    if not source:
        raise ConfigError("name the source the file comes from: --source NAME")
    if kind is not None and kind not in SOURCE_KINDS:
        raise ConfigError(f"--kind must be one of {', '.join(SOURCE_KINDS)}")
    if len(source) > 200 or safe_raw(source) != source:
        raise ConfigError("a source name is at most 200 characters of text; choose a shorter --source")
    spec = _spec_from(mapping)
    open_args = _open_args(spec, fmt, encoding, delimiter, sheet, json_key)
    reader = open_table(path, **open_args)
    # The worker must read exactly what was detected here.
    open_args.update(fmt=reader.format, encoding=reader.encoding, delimiter=reader.delimiter)
    if reader.format in ("xlsx", "xls"):
        open_args["sheet"] = reader.sheet
    elif reader.format == "json" and reader.sheet:
        open_args["json_key"] = reader.sheet
    with reader:
        sample, rest = _rows_with_sample(reader)
        resolved = resolve_mapping(reader.headers, [r.values for r in sample], spec)
        mapper = RowMapper(resolved)
        sha = file_sha256(path)
        report = ImportReport(source=source, file=path.name, sha256=sha, format=reader.format,
                              encoding=reader.encoding, delimiter=reader.delimiter, mapping=resolved,
                              dry_run=dry_run, encoding_note=reader.encoding_note)
        rows = _all_rows(sample, rest)
        try:
            if dry_run:
                from reckon.ingest.dryrun import dry_run as count_only

                count_only(report, workspace, rows, mapper, strict=strict, preview_rows=preview_rows,
                           batch_size=batch_size)
            else:
                _import(report, workspace, reader, rows, mapper, strict=strict, actor=actor, progress=progress,
                        organisation=organisation, kind=kind, description=description, batch_size=batch_size,
                        worker=worker, open_args=open_args, on_wait=on_wait)
        except SQLAlchemyError as exc:
            raise database_error(exc, f"the import of {report.file}") from None
    report.seconds = time.perf_counter() - started
    return report


def content_salt(mapping: MappingSpec) -> bytes:
    """What :func:`~reckon.ingest.prepare.content_hash` is salted with for rows mapped by ``mapping``: the
    mapping's fingerprint and a separator, so the same row under another mapping hashes differently.

    The import and the dry run both hash with these bytes, so "unchanged" means the same in each.
    """
    return (mapping.fingerprint() + "\x1e").encode()


def _get_source(session: Any, name: str, organisation: str | None, kind: str | None,
                description: str | None) -> Source:
    """The source called ``name``, locked for this import on PostgreSQL, created if new.

    Two imports may name the same new source at once. On PostgreSQL both SELECTs find nothing (there is
    no row yet to lock), so a plain INSERT by the second would fail on the unique name once the first
    commits. ``INSERT ... ON CONFLICT DO NOTHING`` instead waits for the first import's transaction: if
    it committed, nothing is inserted and the re-select finds (and locks) its source, so the second
    import runs after the first, into the same source. SQLite needs none of this: its single writer
    lock already orders the two imports.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    stmt = select(Source).where(Source.name == name)
    if postgres:
        stmt = stmt.with_for_update()  # one import per source at a time
    src = session.scalars(stmt).first()
    created = False
    if src is None and postgres:
        insert = pg_insert(Source).values(name=name, organisation=organisation, kind=kind or "list",
                                          description=description)
        new_id = session.execute(insert.on_conflict_do_nothing(index_elements=[Source.name])
                                 .returning(Source.id)).scalar_one_or_none()
        # Either ours (new_id) or one a concurrent import committed while our INSERT waited for it.
        src = session.scalars(stmt).one()
        created = new_id is not None
    elif src is None:
        src = Source(name=name, organisation=organisation, kind=kind or "list", description=description)
        session.add(src)
        session.flush()
        created = True
    if created:
        audit(session, "source.create", target_type="source", target_ids=[src.id], source=name,
              kind=src.kind)
    else:
        changed = {}
        for attr, value in (("organisation", organisation), ("kind", kind), ("description", description)):
            if value is not None and getattr(src, attr) != value:
                setattr(src, attr, value)
                changed[attr] = value
        if changed:
            audit(session, "source.update", target_type="source", target_ids=[src.id], source=name,
                  fields=sorted(changed))
    return src


def _import(report: ImportReport, workspace: Workspace, reader: TableReader, rows: Iterator[SourceRow],
            mapper: RowMapper, *, strict: bool, actor: str | None, progress: ProgressFn | None,
            organisation: str | None, kind: str | None, description: str | None, batch_size: int,
            worker: bool | None, open_args: dict[str, Any], on_wait: WaitFn | None = None) -> None:
    actor = actor or default_actor()
    mapping_doc = {**report.mapping.to_dict(), "fingerprint": report.mapping.fingerprint()}
    with session_scope(workspace.database_url) as session:
        # SQLite: queue behind another writer now, visibly, rather than fail after a silent wait.
        begin_write(session.connection(), f"the import of {report.file} into {report.source!r}", on_wait)
        # PostgreSQL: one import per source at a time (its row is locked); say so when queueing behind one.
        src = in_turn(session, lambda: _get_source(session, report.source, organisation, kind, description),
                      f"another import into {report.source!r}", on_wait)
        # The same file under the same mapping as the source's latest import: nothing can change. (An
        # older file imported again after others is compared row by row, so its rows become current.)
        latest = session.scalars(
            select(ImportBatch).where(ImportBatch.source_id == src.id, ImportBatch.finished_at.is_not(None))
            .order_by(ImportBatch.id.desc()).limit(1)
        ).first()
        if latest is not None and latest.file_sha256 == report.sha256 and \
                (latest.mapping or {}).get("fingerprint") == mapping_doc["fingerprint"]:
            report.already_imported = True
            report.import_id = latest.id
            session.rollback()
            return
        batch = ImportBatch(source_id=src.id, file_name=report.file, file_sha256=report.sha256,
                            file_format=report.format, mapping=mapping_doc, actor=actor)
        session.add(batch)
        session.flush()
        report.import_id = batch.id
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            # A bigger page cache while the indexes grow (RECKON_SQLITE_CACHE_MB, default 64): past it,
            # each new row's index entries cost page reads and spills, so large imports slow down.
            mb = int(os.environ.get("RECKON_SQLITE_CACHE_MB", "64") or 64)
            conn.exec_driver_sql(f"PRAGMA cache_size=-{max(2, mb) * 1024}")
        t = Record.__table__
        current_before = conn.execute(
            select(func.count()).select_from(t).where(t.c.source_id == src.id, t.c.is_current.is_(True))
        ).scalar_one()
        # Repeated ids are numbered through a temporary table of ids seen, or, on a source's first
        # import, through the record table's own unique index (see _Batcher._insert_numbered). Every
        # record retired is replaced by a current version, so "no current record" means "no record".
        existing = current_before > 0
        seen_table = bool(mapper.identity_cols) and existing
        if seen_table:
            _SEEN.create(conn, checkfirst=True)  # temporary: private to this connection
            conn.execute(_SEEN.delete())
        writer = _Batcher(conn, src.id, batch.id, report.file, existing=existing, seen_table=seen_table,
                          number_by_collision=bool(mapper.identity_cols) and not existing,
                          known_bad=_quarantined_keys(conn, src.id))
        salt = content_salt(report.mapping)
        total = reader.size
        if use_worker(reader.path, worker):
            reader.close()  # the worker reads the file itself
            batches = batches_from_worker(reader.path, open_args, report.mapping, salt=salt, strict=strict,
                                          file_name=report.file, batch_size=batch_size)
        else:
            batches = prepare_batches(rows, mapper, salt=salt, strict=strict, file_name=report.file,
                                      batch_size=batch_size, position=lambda: reader.bytes_read)
        with closing(batches):
            for prepared in batches:
                report.rows_read = prepared.rows_read
                for column, reason in prepared.first_problems:
                    report.reasons[(column, reason)] += 1
                for row_number, column, reason, _raw in prepared.bad[: max(0, 50 - len(report.problems))]:
                    report.problems.append({"file": report.file, "row": row_number, "field": column,
                                            "reason": reason})
                t0 = time.perf_counter()
                try:
                    writer.flush(prepared)
                except IntegrityError:
                    raise id_clash(report.file, prepared.good) from None
                report.db_seconds += time.perf_counter() - t0
                if progress:
                    progress(report.rows_read, prepared.bytes_read, total)
        if progress:
            progress(report.rows_read, total, total)
        if seen_table:
            _SEEN.drop(conn)
        report.new, report.changed = writer.new, writer.changed
        report.unchanged, report.quarantined = writer.unchanged, writer.quarantined
        report.quarantine_known = writer.quarantine_known
        report.not_in_file = current_before - writer.unchanged - writer.changed
        batch.rows_read, batch.rows_new, batch.rows_changed = report.rows_read, report.new, report.changed
        batch.rows_unchanged, batch.rows_quarantined = report.unchanged, report.quarantined
        batch.finished_at = utcnow()
        # The audit entry: counts, file name and hash, never a name or a date of birth.
        audit(session, "import", actor=actor, target_type="import_batch", target_ids=[batch.id],
              source=report.source, file=report.file, sha256=report.sha256, format=report.format,
              rows_read=report.rows_read, new=report.new, changed=report.changed,
              unchanged=report.unchanged, quarantined=report.quarantined,
              quarantine_known=report.quarantine_known, not_in_file=report.not_in_file)
        t0 = time.perf_counter()
        session.commit()
        report.db_seconds += time.perf_counter() - t0

