"""Import one list file into the register: the service behind ``reckon import``, the demo and the web app.

The whole import is one database transaction: it commits with its audit entry, or (on an error, on
``--strict`` with a bad row, or when the process is killed) leaves the store exactly as before.

How rows become records, in batches of a few thousand so memory stays flat however long the file:

1. A CSV file is read by pyarrow in C and mapped on columns (:mod:`reckon.ingest.columnar`: each
   distinct date, sex, status, article or place text is mapped once; the raw rows are joined in C);
   other formats, and a CSV file that turns out to hold what only the csv module reads exactly (a
   blank line, a short row, bytes not in its encoding), go the row way: the reader streams rows and
   :meth:`~reckon.ingest.mapper.RowMapper.map_many` maps a batch of them column by column. Both end in
   :func:`reckon.ingest.prepare.finish`, so they store the same. Rows that cannot be mapped go whole
   to ``quarantined_row`` with the column and the reason.
2. Each row gets an *identity*: the source's own id (``19``), or ``row:N`` when the list has none. A
   repeated id inside one file gets ``#2``, ``#3`` in order (see :mod:`reckon.store.imports`).
3. The row's content hash (64 bits of sha256 of the mapping's fingerprint and the raw row, which together
   determine every stored field) is compared with the current version of that identity: equal means
   unchanged (nothing written); different means a new version is written and the old one kept with
   ``is_current`` false; absent means a new record. Records of the source missing from the file are
   kept as they are (a list may be partial) and counted as ``not_in_file``.
4. The store writes them (:class:`reckon.store.imports.RecordWriter`): the raw rows in zstd-compressed
   blocks, the records in INSERTs of fifty rows on SQLite and by ``COPY`` straight into ``record`` on
   PostgreSQL; the file name and time stay on the import's row, not on each record. For a large file with a core free, a worker process
   reads, maps, hashes and packs blocks (the columnar way for CSV) while this one writes
   (:mod:`reckon.ingest.prepare`); see benchmarks/import_speed.py and docs/ingest.md for the figures.
   On SQLite the import's rows are written with the per-row foreign-key checks off, their two keys
   (source, import) checked once (:func:`reckon.store.locks.keys_checked_once`).

The same file under the same mapping as the source's latest import is recognised up front (sha256):
nothing is written and the report says so.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import closing, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from reckon.config import Workspace
from reckon.errors import ConfigError
from reckon.i18n import N_
from reckon.ingest.columnar import Irregular, columnar_batches, supported
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import MappingSpec, load_mapping_file, resolve_mapping
from reckon.ingest.prepare import (
    Prepared,
    long_lived_frozen,
    prepare_batches,
    use_worker,
)
from reckon.ingest.readers import open_table
from reckon.ingest.report import ImportReport, content_salt
from reckon.ingest.storable import safe_raw
from reckon.ingest.table import SourceRow, TableReader
from reckon.ingest.worker import Started, batches_from_worker
from reckon.progress import Progress
from reckon.store import imports as store
from reckon.store.audit import audit, default_actor
from reckon.store.base import utcnow
from reckon.store.db import database_error, session_scope, sqlite_cache
from reckon.store.locks import WaitFn, begin_write, in_turn, keys_checked_once
from reckon.store.models import SOURCE_KINDS, ImportBatch
from reckon.store.pgcopy import refresh_statistics
from reckon.store.words import IMPORT_INTO, IMPORT_OF, IMPORT_OF_FILE

__all__ = ["ImportReport", "import_file", "file_sha256"]

BATCH = 5000
SAMPLE_ROWS = 200

ROWS_READ = N_("%(n)s rows read")  # the progress message "12,000 rows read", said by reckon.i18n.said


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
                progress: Progress | None = None, organisation: str | None = None, kind: str | None = None,
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
        raise ConfigError.of(N_("name the source the file comes from: --source NAME"))
    if kind is not None and kind not in SOURCE_KINDS:
        raise ConfigError.of(N_("--kind must be one of %(choices)s"), choices=", ".join(SOURCE_KINDS))
    if len(source) > 200 or safe_raw(source) != source:
        raise ConfigError.of(N_("a source name is at most 200 characters of text; choose a shorter --source"))
    spec = _spec_from(mapping)
    open_args = _open_args(spec, fmt, encoding, delimiter, sheet, json_key)
    reader = open_table(path, **open_args)
    # The worker must read exactly what was detected here.
    open_args.update(fmt=reader.format, encoding=reader.encoding, delimiter=reader.delimiter)
    if reader.format in ("xlsx", "xls"):
        open_args["sheet"] = reader.sheet
    elif reader.format == "json" and reader.sheet:
        open_args["json_key"] = reader.sheet
    # A reader worker starts now, so its interpreter's start-up overlaps the mapping, the file's hash and
    # the store's opening here; it gets its job as soon as the mapping is resolved, and how to ship its
    # batches once the store is open (reckon.ingest.worker.Started).
    early = Started() if not dry_run and use_worker(path, worker) else None
    with reader, long_lived_frozen(), closing(early) if early else nullcontext():
        sample, rest = _rows_with_sample(reader)
        resolved = resolve_mapping(reader.headers, [r.values for r in sample], spec, file=path.name)
        mapper = RowMapper(resolved)
        if early is not None:
            # The worker reads and maps the first batch while this process hashes the file and opens the
            # store; before sending it, it asks whether the source has records (how to ship it).
            early.begin(reader.path, open_args, resolved, salt=content_salt(resolved), strict=strict,
                        file_name=path.name, batch_size=batch_size, columnar=columnar_path(reader))
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
                        early=early, open_args=open_args, on_wait=on_wait)
        except SQLAlchemyError as exc:
            raise database_error(exc, IMPORT_OF_FILE % {"file": report.file}) from None
    report.seconds = time.perf_counter() - started
    return report


def columnar_path(reader: TableReader) -> bool:
    """Whether to import the way of :mod:`reckon.ingest.columnar`: a CSV file it reads (see
    :func:`~reckon.ingest.columnar.supported`), unless RECKON_IMPORT_COLUMNAR=0. In this process or, for a
    large file with a core free, in the reader worker (:func:`reckon.ingest.prepare.use_worker`)."""
    if os.environ.get("RECKON_IMPORT_COLUMNAR", "1") == "0":
        return False
    return supported(reader)


def _write(report: ImportReport, writer: store.RecordWriter, batches: Iterator[Prepared],
           progress: Progress | None, total: int) -> None:
    """Write every prepared batch, counting reasons and the first problems into ``report``."""
    # On PostgreSQL the last COPY ends (or, on an error, stops) when ``writer`` is left.
    with closing(batches), writer:  # type: ignore[type-var]
        for prepared in batches:
            report.take(prepared)
            t0 = time.perf_counter()
            try:
                writer.flush(prepared)
            except IntegrityError:
                raise store.id_clash(report.file, prepared.numbers) from None
            report.db_seconds += time.perf_counter() - t0
            if progress:
                progress(prepared.bytes_read, total, f"{report.rows_read:,} rows read")


def _import(report: ImportReport, workspace: Workspace, reader: TableReader, rows: Iterator[SourceRow],
            mapper: RowMapper, *, strict: bool, actor: str | None, progress: Progress | None,
            organisation: str | None, kind: str | None, description: str | None, batch_size: int,
            early: Started | None, open_args: dict[str, Any], on_wait: WaitFn | None = None) -> None:
    actor = actor or default_actor()
    mapping_doc = {**report.mapping.to_dict(), "fingerprint": report.mapping.fingerprint()}
    with session_scope(workspace.database_url) as session:
        # SQLite: queue behind another writer now, visibly, rather than fail after a silent wait.
        # Per-row foreign-key checks off: the import checks its two keys once (locks.keys_checked_once).
        begin_write(session.connection(), IMPORT_OF % {"file": report.file, "source": report.source}, on_wait,
                    foreign_keys=False)
        # PostgreSQL: one import per source at a time (its row is locked); say so when queueing behind one.
        src = in_turn(session, lambda: store.get_or_create_source(
            session, report.source, kind=kind, organisation=organisation, description=description, lock=True,
            update_fields=True), IMPORT_INTO % {"source": report.source}, on_wait)
        # The same file under the same mapping as the source's latest import: nothing can change. (An
        # older file imported again after others is compared row by row, so its rows become current.)
        latest = store.latest_import(session, src.id)
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
        keys_checked_once(conn, src.id, batch.id)
        # A bigger page cache while the indexes grow (RECKON_SQLITE_CACHE_MB, default 32; the pool puts the
        # connection's own back afterwards). It is the importing process's only memory that grows with the
        # file: 64 MB cost 1.29x the peak RSS at 1 M rows of that at 100 k, and no CPU less than 32 MB on a
        # first import or a re-import in file or shuffled order (docs/ingest.md, "Memory").
        sqlite_cache(conn, int(os.environ.get("RECKON_SQLITE_CACHE_MB", "32") or 32))
        current_before = store.current_count(conn, src.id)
        # Repeated ids are numbered through a temporary table of ids seen, or, on a source's first
        # import, through the record table's own unique index (see RecordWriter._insert_numbered). Every
        # record retired is replaced by a current version, so "no current record" means "no record".
        existing = current_before > 0
        seen_table = bool(mapper.identity_cols) and existing
        if seen_table:
            store.SEEN.create(conn, checkfirst=True)  # temporary: private to this connection
            conn.execute(store.SEEN.delete())
        known_bad = store.quarantined_keys(conn, src.id)

        def new_writer() -> store.RecordWriter:
            return store.RecordWriter(conn, src.id, batch.id, report.file, existing=existing, seen_table=seen_table,
                                      number_by_collision=bool(mapper.identity_cols) and not existing,
                                      known_bad=known_bad)

        writer = new_writer()
        salt = content_salt(report.mapping)
        total = reader.size
        rows_left: Iterator[SourceRow] | None = rows
        off_process = early is not None  # the worker started in import_file (reckon.ingest.prepare.use_worker)
        if columnar_path(reader):
            # Read and mapped on columns in C (reckon.ingest.columnar), under a savepoint: a file that turns
            # out to need the row path (a blank line, a short row, bytes not in its encoding) is undone and
            # imported again the row path's way, so both store the same. For a large file with a core free,
            # in the reader worker, which also hashes and (first import) packs the raw rows' blocks.
            try:
                with conn.begin_nested():
                    if off_process:
                        columns = batches_from_worker(reader.path, open_args, report.mapping, salt=salt,
                                                      strict=strict, file_name=report.file,
                                                      batch_size=batch_size, columnar=True, pack=not existing,
                                                      arrow=writer.takes_arrow, started=early)
                    else:
                        columns = columnar_batches(reader, mapper, salt=salt, strict=strict,
                                                   file_name=report.file, batch_size=batch_size)
                    _write(report, writer, columns, progress, total)
                rows_left = None
            except Irregular:
                report.rows_read, report.problems, report.warnings, report.warned = 0, [], [], 0
                report.reasons.clear()
                writer = new_writer()
                if seen_table:
                    conn.execute(store.SEEN.delete())
                reader = open_table(reader.path, **open_args)
                rows_left = iter(reader)
            report.columnar = rows_left is None
        if rows_left is not None:
            if off_process:
                reader.close()  # the worker reads the file itself
                batches = batches_from_worker(reader.path, open_args, report.mapping, salt=salt, strict=strict,
                                              file_name=report.file, batch_size=batch_size, pack=not existing,
                                              arrow=writer.takes_arrow, started=early)
            else:
                batches = prepare_batches(rows_left, mapper, salt=salt, strict=strict, file_name=report.file,
                                          batch_size=batch_size, position=lambda: reader.bytes_read,
                                          text_cells=reader.format == "csv")
            with reader:
                _write(report, writer, batches, progress, total)
        if progress:
            progress(total, total, f"{report.rows_read:,} rows read")
        if seen_table:
            store.SEEN.drop(conn)
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
              quarantine_known=report.quarantine_known, not_in_file=report.not_in_file,
              warned=report.warned, warnings=report.warnings, encoding_note=report.encoding_note)
        t0 = time.perf_counter()
        session.commit()
        try:  # PostgreSQL: statistics that know this import's records, for the next one's lookups
            if refresh_statistics(session.connection(), report.new + report.changed):
                session.commit()
        except SQLAlchemyError:  # the import is committed; autovacuum analyses the table later
            session.rollback()
        report.db_seconds += time.perf_counter() - t0
