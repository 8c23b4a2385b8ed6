"""``reckon import --dry-run``: count what an import would do, writing nothing anywhere in the store."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, closing
from pathlib import Path

from sqlalchemy import Connection

from reckon.config import Workspace
from reckon.ingest.mapper import RECORD_FIELDS, RowMapper
from reckon.ingest.prepare import map_row, prepare_batches
from reckon.ingest.report import ImportReport, content_salt
from reckon.ingest.table import SourceRow
from reckon.store import imports as store


def dry_run(report: ImportReport, workspace: Workspace | None, rows: Iterator[SourceRow], mapper: RowMapper,
            *, strict: bool, preview_rows: int, batch_size: int) -> None:
    """Count what an import of ``rows`` would do, writing nothing anywhere in the store.

    Rows go through :func:`~reckon.ingest.prepare.prepare_batches` with the import's salt, so quarantine,
    base identities and content hashes are the import's own. Repeated ids get their ``#2``, ``#3`` from
    ``RecordWriter.assign_identities`` itself, run against a scratch SQLite file in a temporary folder (so
    ids seen stay out of Python memory, as in the import, and no temporary table is created in the
    store). Each identity's hash is then compared with the source's current version, read in one
    read-only snapshot. Without a workspace (``reckon import --dry-run`` outside one), or for a source
    the store does not have yet, every row that maps counts as new.
    """
    preview = _previewing(rows, mapper, report, preview_rows)
    batches = prepare_batches(preview, mapper, salt=content_salt(report.mapping), strict=strict,
                              file_name=report.file, batch_size=batch_size, position=lambda: 0)
    with ExitStack() as stack:
        stack.enter_context(closing(batches))
        store = _dry_run_store(stack, workspace, report)
        numbering = _identity_numbering(stack) if store is not None and mapper.identity_cols else None
        current_before = store.current_count() if store is not None else 0
        for prepared in batches:
            report.take(prepared)
            report.quarantined += len(prepared.bad)
            if store is None or not current_before:
                report.new += len(prepared.identities)
                continue
            bases = prepared.identities
            identities = numbering.assign_identities(bases) if numbering is not None else bases
            current = store.current_hashes(identities)
            for ident, chash in zip(identities, prepared.hashes, strict=True):
                old = current.get(ident)
                if old is None:
                    report.new += 1
                elif old == chash:
                    report.unchanged += 1
                else:
                    report.changed += 1
        report.not_in_file = current_before - report.unchanged - report.changed


def _previewing(rows: Iterator[SourceRow], mapper: RowMapper, report: ImportReport,
                limit: int) -> Iterator[SourceRow]:
    """Pass ``rows`` through, keeping the first ``limit`` that map as they would be stored."""
    for row in rows:
        if len(report.preview) < limit:
            fields, problems = map_row(mapper, row)
            if not problems:
                ident = mapper.identity_of(row.values, fields, row.number)
                report.preview.append({"row": row.number, "identity": ident,
                                       **{f: fields.get(f) for f in RECORD_FIELDS if fields.get(f) is not None}})
        yield row


class _StoreView:
    """The current versions of one source's records, read in one read-only snapshot."""

    def __init__(self, conn: Connection, source_id: int) -> None:
        self.conn, self.source_id = conn, source_id

    def current_count(self) -> int:
        return store.current_count(self.conn, self.source_id)

    def current_hashes(self, identities: list[str]) -> dict[str, bytes]:
        return store.current_hashes(self.conn, self.source_id, identities)


def _dry_run_store(stack: ExitStack, workspace: Workspace | None, report: ImportReport) -> _StoreView | None:
    """A read-only view of ``report.source`` in the store (one snapshot, :func:`store.read_only`), or None
    when there is nothing to compare with."""
    if workspace is None:
        return None
    conn = store.read_only(stack, workspace.database_url)
    source_id = store.source_id(conn, report.source)
    if source_id is None:
        return None
    # The same file under the same mapping as the source's latest import: the import would stop at once.
    latest = store.latest_import(conn, source_id)
    if latest is not None and latest.file_sha256 == report.sha256 and \
            (latest.mapping or {}).get("fingerprint") == report.mapping.fingerprint():
        report.already_imported, report.import_id = True, latest.id
    return _StoreView(conn, source_id)


def _identity_numbering(stack: ExitStack) -> store.RecordWriter:
    """A writer used only for :meth:`~reckon.store.imports.RecordWriter.assign_identities`, on a scratch
    SQLite file.

    Its "ids seen" table lives in that file, which goes with its temporary folder; nothing is written to
    the store and nothing else of the batcher is used.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="reckon-dry-run-"))
    engine = create_engine(f"sqlite:///{Path(folder) / 'seen.db'}", poolclass=NullPool)
    stack.callback(engine.dispose)
    conn = stack.enter_context(engine.connect())
    store.SEEN.create(conn)
    return store.RecordWriter(conn, 0, 0, "", existing=False, seen_table=True)
