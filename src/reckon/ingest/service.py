"""Import one list file into the register: the service behind ``reckon import``, the demo and the web app.

The whole import is one database transaction: it commits with its audit entry, or (on an error, on
``--strict`` with a bad row, or when the process is killed) leaves the store exactly as before.

How rows become records, in batches of a few thousand so memory stays flat however long the file:

1. The reader streams rows; :class:`~reckon.ingest.mapping.RowMapper` maps each to register fields.
   Rows that cannot be mapped go whole to ``quarantined_row`` with the column and the reason.
2. Each row gets an *identity*: the source's own id (``19``), or ``row:N`` when the list has none. A
   repeated id inside one file gets ``#2``, ``#3`` in order, tracked in a temporary table of ids seen,
   not in Python memory.
3. The row's content hash (sha256 of the mapping's fingerprint and the raw row, which together
   determine every stored field) is compared with the current version of that identity: equal means
   unchanged (nothing written); different means a new version is written and the old one kept with
   ``is_current`` false; absent means a new record. Records of the source missing from the file are
   kept as they are (a list may be partial) and counted as ``not_in_file``.
4. Records are written with driver-level ``executemany`` on pre-serialised values (raw row and lists as
   JSON by orjson, one ``created_at`` per import): no ORM object and no SQL compilation per row or batch. Optionally a worker process reads and maps while this one writes (:mod:`reckon.ingest.prepare`,
   off by default); see benchmarks/import_speed.py for the figures.

The same file under the same mapping as the source's latest import is recognised up front (sha256):
nothing is written and the report says so.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, select, update

from reckon.config import Workspace
from reckon.errors import ConfigError
from reckon.ingest.mapping import (
    RECORD_FIELDS,
    MappingSpec,
    RowMapper,
    load_mapping_file,
    resolve_mapping,
)
from reckon.ingest.prepare import (
    Prepared,
    batches_from_worker,
    map_row,
    prepare_batches,
    strict_error,
    use_worker,
)
from reckon.ingest.readers import SourceRow, TableReader, open_table
from reckon.store.audit import audit, default_actor
from reckon.store.base import utcnow
from reckon.store.db import session_scope
from reckon.store.models import SOURCE_KINDS, ImportBatch, Record, Source

__all__ = ["ImportReport", "import_file", "file_sha256", "ProgressFn"]

BATCH = 5000
SAMPLE_ROWS = 200
ProgressFn = Callable[[int, int, int], None]  # rows read, bytes read, bytes total

_RECORD_COLUMNS = (
    "source_id", "import_id", "identity", "version", "is_current", "content_hash", "file_name", "row_number",
    "raw", *RECORD_FIELDS, "created_at",
)
_JSON_FIELDS = {"articles", "extra"}
_QUARANTINE_COLUMNS = ("import_id", "source_id", "file_name", "row_number", "field", "reason", "raw",
                       "created_at")

_seen_meta = MetaData()
_SEEN = Table("reckon_import_seen", _seen_meta, Column("identity", String(300), primary_key=True),
              Column("n", Integer, nullable=False), prefixes=["TEMPORARY"])


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
    not_in_file: int = 0
    already_imported: bool = False
    dry_run: bool = False
    import_id: int | None = None
    seconds: float = 0.0
    db_seconds: float = 0.0  # of ``seconds``, the time spent in database calls (writes, lookups, commit)
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
            "unchanged": self.unchanged, "quarantined": self.quarantined, "not_in_file": self.not_in_file,
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
    """Turns mapped rows into insert tuples and writes them, one batch per call to :meth:`flush`."""

    def __init__(self, conn: Connection, source_id: int, import_id: int, file_name: str,
                 existing: bool, seen_table: bool) -> None:
        self.conn = conn
        self.source_id, self.import_id, self.file_name = source_id, import_id, file_name
        self.existing = existing
        self.seen_table = seen_table
        sqlite = conn.dialect.name == "sqlite"
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        now = utcnow()
        self.now: Any = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
        self.true: Any = 1 if sqlite else True
        self.record_sql = (f"INSERT INTO record ({', '.join(_RECORD_COLUMNS)}) "
                           f"VALUES ({', '.join([mark] * len(_RECORD_COLUMNS))})")
        self.quarantine_sql = (f"INSERT INTO quarantined_row ({', '.join(_QUARANTINE_COLUMNS)}) "
                               f"VALUES ({', '.join([mark] * len(_QUARANTINE_COLUMNS))})")
        self.seen_insert = f"INSERT INTO reckon_import_seen (identity, n) VALUES ({mark}, {mark})"
        self.seen_update = f"UPDATE reckon_import_seen SET n = {mark} WHERE identity = {mark}"
        self.new = self.changed = self.unchanged = self.quarantined = 0
        self.mark = mark

    def _marks(self, n: int) -> str:
        return ", ".join([self.mark] * n)

    # -- identities --------------------------------------------------------------------------------
    def _assign_identities(self, bases: list[str]) -> list[str]:
        """Give repeated ids within the file ``#2``, ``#3`` ... in file order, across batches."""
        counts: dict[str, int] = {}
        if self.seen_table:
            wanted = list({b for b in bases if not b.startswith("row:")})
            for chunk in _chunks(wanted, 900):
                # Driver-level SQL: compiling a 900-item IN through SQLAlchemy each batch costs more than
                # the lookup itself.
                sql = f"SELECT identity, n FROM reckon_import_seen WHERE identity IN ({self._marks(len(chunk))})"
                counts.update(self.conn.exec_driver_sql(sql, tuple(chunk)).all())
        before = dict(counts)
        out: list[str] = []
        for base in bases:
            if base.startswith("row:"):
                out.append(base)
                continue
            n = counts.get(base, 0) + 1
            counts[base] = n
            out.append(base if n == 1 else f"{base}#{n}")
        if self.seen_table:
            inserts = [(b, n) for b, n in counts.items() if b not in before]
            updates = [(n, b) for b, n in counts.items() if b in before and before[b] != n]
            if inserts:
                self.conn.exec_driver_sql(self.seen_insert, inserts)
            if updates:
                self.conn.exec_driver_sql(self.seen_update, updates)
        return out

    # -- one batch ---------------------------------------------------------------------------------
    def flush(self, batch: Prepared) -> None:
        """Write one prepared batch: quarantined rows, then new records and new versions of changed ones."""
        if batch.bad:
            self.conn.exec_driver_sql(self.quarantine_sql, [
                (self.import_id, self.source_id, self.file_name, row, column, reason, raw, self.now)
                for row, column, reason, raw in batch.bad
            ])
            self.quarantined += len(batch.bad)
        good = batch.good
        if not good:
            return
        identities = self._assign_identities([g[1] for g in good])
        current: dict[str, tuple[int, int, str]] = {}
        if self.existing:
            for chunk in _chunks(list(set(identities)), 900):
                sql = ("SELECT identity, id, version, content_hash FROM record WHERE source_id = "
                       f"{self.mark} AND is_current = {self.mark} AND identity IN ({self._marks(len(chunk))})")
                for ident, rid, version, chash in self.conn.exec_driver_sql(
                        sql, (self.source_id, self.true, *chunk)):
                    current[ident] = (rid, version, chash)
        rows: list[tuple[Any, ...]] = []
        retire: list[int] = []
        sid, iid, fname, now, true = self.source_id, self.import_id, self.file_name, self.now, self.true
        for (row, _base, raw, chash, values), ident in zip(good, identities, strict=True):
            version = 1
            if current:
                old = current.get(ident)
                if old is not None:
                    if old[2] == chash:
                        self.unchanged += 1
                        continue
                    retire.append(old[0])
                    version = old[1] + 1
                    self.changed += 1
                    rows.append((sid, iid, ident, version, true, chash, fname, row, raw, *values, now))
                    continue
            self.new += 1
            rows.append((sid, iid, ident, version, true, chash, fname, row, raw, *values, now))
        if retire:
            t = Record.__table__
            for chunk in _chunks(retire, 900):
                self.conn.execute(update(t).where(t.c.id.in_(chunk)).values(is_current=False))
        if rows:
            self.conn.exec_driver_sql(self.record_sql, rows)


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
                batch_size: int = BATCH, preview_rows: int = 10, worker: bool | None = None) -> ImportReport:
    """Import ``path`` into the source called ``source`` (created if new); see the module docstring.

    ``dry_run`` reads and maps the whole file but opens no transaction: the report holds the mapping,
    the first ``preview_rows`` rows as they would be stored and the quarantine reasons. ``strict`` makes
    the first row that cannot be mapped abort the import (InputError naming file, row and column).
    ``worker`` reads and maps in a second process (default: RECKON_IMPORT_WORKER, off; see
    :mod:`reckon.ingest.prepare`).
    """
    started = time.perf_counter()
    path = Path(path)
    source = (source or "").strip()
    if not source:
        raise ConfigError("name the source the file comes from: --source NAME")
    if kind is not None and kind not in SOURCE_KINDS:
        raise ConfigError(f"--kind must be one of {', '.join(SOURCE_KINDS)}")
    spec = _spec_from(mapping)
    open_args = _open_args(spec, fmt, encoding, delimiter, sheet, json_key)
    reader = open_table(path, **open_args)
    # The worker must read exactly what was detected here.
    open_args.update(fmt=reader.format, encoding=reader.encoding, delimiter=reader.delimiter)
    if reader.format == "xlsx":
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
                              dry_run=dry_run)
        rows = _all_rows(sample, rest)
        if dry_run:
            _dry_run(report, rows, mapper, strict, preview_rows)
        else:
            _import(report, workspace, reader, rows, mapper, strict=strict, actor=actor, progress=progress,
                    organisation=organisation, kind=kind, description=description, batch_size=batch_size,
                    worker=worker, open_args=open_args)
    report.seconds = time.perf_counter() - started
    return report


def _dry_run(report: ImportReport, rows: Iterator[SourceRow], mapper: RowMapper, strict: bool,
             preview_rows: int) -> None:
    for row in rows:
        report.rows_read += 1
        fields, problems = map_row(mapper, row)
        if problems:
            if strict:
                raise strict_error(report.file, row.number, problems[0])
            report.quarantined += 1
            report.reasons[(problems[0].column, problems[0].reason)] += 1
            if len(report.problems) < 50:
                report.problems.extend({"file": report.file, "row": row.number, "field": p.column,
                                        "reason": p.reason} for p in problems[:1])
            continue
        report.new += 1  # in a dry run "new" counts the rows that would be stored
        if len(report.preview) < preview_rows:
            ident = mapper.identity_of(row.values, fields, row.number)
            report.preview.append({"row": row.number, "identity": ident,
                                   **{f: fields.get(f) for f in RECORD_FIELDS if fields.get(f) is not None}})


def _get_source(session: Any, name: str, organisation: str | None, kind: str | None,
                description: str | None) -> Source:
    stmt = select(Source).where(Source.name == name)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()  # one import per source at a time
    src = session.scalars(stmt).first()
    if src is None:
        src = Source(name=name, organisation=organisation, kind=kind or "list", description=description)
        session.add(src)
        session.flush()
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
            worker: bool | None, open_args: dict[str, Any]) -> None:
    actor = actor or default_actor()
    mapping_doc = {**report.mapping.to_dict(), "fingerprint": report.mapping.fingerprint()}
    with session_scope(workspace.database_url) as session:
        src = _get_source(session, report.source, organisation, kind, description)
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
        seen_table = bool(mapper.identity_cols)
        if seen_table:
            _SEEN.create(conn, checkfirst=True)  # temporary: private to this connection
            conn.execute(_SEEN.delete())
        writer = _Batcher(conn, src.id, batch.id, report.file, existing=current_before > 0,
                          seen_table=seen_table)
        salt = (mapping_doc["fingerprint"] + "\x1e").encode()
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
                writer.flush(prepared)
                report.db_seconds += time.perf_counter() - t0
                if progress:
                    progress(report.rows_read, prepared.bytes_read, total)
        if progress:
            progress(report.rows_read, total, total)
        if seen_table:
            _SEEN.drop(conn)
        report.new, report.changed = writer.new, writer.changed
        report.unchanged, report.quarantined = writer.unchanged, writer.quarantined
        report.not_in_file = current_before - writer.unchanged - writer.changed
        batch.rows_read, batch.rows_new, batch.rows_changed = report.rows_read, report.new, report.changed
        batch.rows_unchanged, batch.rows_quarantined = report.unchanged, report.quarantined
        batch.finished_at = utcnow()
        # The audit entry: counts, file name and hash, never a name or a date of birth.
        audit(session, "import", actor=actor, target_type="import_batch", target_ids=[batch.id],
              source=report.source, file=report.file, sha256=report.sha256, format=report.format,
              rows_read=report.rows_read, new=report.new, changed=report.changed,
              unchanged=report.unchanged, quarantined=report.quarantined, not_in_file=report.not_in_file)
        t0 = time.perf_counter()
        session.commit()
        report.db_seconds += time.perf_counter() - t0

