"""Importing sanctions lists (FtM JSON lines or CSV) into a workspace, in one transaction.

Each listing becomes an :class:`~reckon.store.sanctions.OfficialEntity` keyed by (source, id): importing the
same file again changes nothing (content hashes), a changed listing is updated in place with its names,
positions and sanctions replaced. Bad lines go to the register's quarantine with line, field and reason,
and the rest imports. After the import, matching runs over all officials (see :mod:`.matching`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reckon.config import Workspace
from reckon.errors import N_, ConfigError, InputError
from reckon.progress import Progress
from reckon.sanctions import vocab
from reckon.sanctions.bundle import LineIssue, OfficialData, SanctionData
from reckon.sanctions.lines import NO_ENTITY
from reckon.sanctions.matching import MatchSummary, rematch
from reckon.store import sanctions as store
from reckon.store.audit import audit
from reckon.store.db import session_scope
from reckon.store.imports import get_or_create_source
from reckon.store.models import ImportBatch, QuarantinedRow, Source
from reckon.store.sanctions import Official, OfficialEntity, OfficialName, OfficialPosition, Sanction

FORMATS = ("csv", "ftm")


@dataclass
class SanctionsImportReport:
    """What an import of a sanctions list did: officials (entities), not register rows, so its counts are
    its own; the register's is :class:`reckon.ingest.service.ImportReport`."""

    source: str
    file: str
    format: str
    import_id: int | None = None
    entities_read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    sanctions: int = 0
    positions: int = 0
    issues: list[LineIssue] = field(default_factory=list)
    columns: dict[str, list[str]] = field(default_factory=dict)
    match: MatchSummary | None = None
    touched: set[int] = field(default_factory=set)  # listings added or changed by this import

    @property
    def errors(self) -> list[LineIssue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[LineIssue]:
        return [i for i in self.issues if i.level == "warning"]

    def summary(self) -> dict[str, Any]:
        out = {
            "source": self.source, "file": self.file, "format": self.format, "import_id": self.import_id,
            "read": self.entities_read, "new": self.new, "changed": self.changed, "unchanged": self.unchanged,
            "sanctions": self.sanctions, "positions": self.positions, "errors": len(self.errors),
            "warnings": len(self.warnings),
        }
        if self.match is not None:
            out.update(officials=self.match.officials, merged_pairs=self.match.merged_pairs,
                       review_pairs=self.match.review_pairs, comparer=self.match.comparer)
        return out


def detect_format(path: Path) -> str:
    from reckon.sanctions.ftm import looks_like_ftm

    if looks_like_ftm(path):
        return "ftm"
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl", ".ndjson", ".ftm"):
        return "ftm"
    return "csv"


def import_sanctions(workspace: Workspace, path: Path | str, source: str, *, format: str | None = None,
                     mapping: Path | str | None = None, name_columns: Sequence[str] | None = None,
                     actor: str | None = None, match: bool = True, strict: bool = False,
                     progress: Progress | None = None) -> SanctionsImportReport:
    """Import one file of officials and sanctions into ``source`` (created if new); returns the report."""
    from reckon.sanctions.csvlist import load_mapping, read_csv_file
    from reckon.sanctions.ftm import read_ftm_file

    path = Path(path)
    if not path.is_file():
        raise InputError.of(N_("no such file"), file=str(path))
    fmt = format or detect_format(path)
    if fmt not in FORMATS:
        raise ConfigError.of(N_("--format must be one of %(formats)s, not %(format)r"), formats=", ".join(FORMATS),
                             format=fmt)
    report = SanctionsImportReport(source=source, file=path.name, format=fmt)
    orphans: list[tuple[int, str, SanctionData]] = []
    mapping_data: dict[str, Any] = {}
    if fmt == "ftm":
        if mapping:
            raise ConfigError.of(N_("--mapping applies to CSV lists; FtM entities carry their own field names"))
        officials, orphans, issues = read_ftm_file(path)
    else:
        mapping_data = load_mapping(Path(mapping) if mapping else None)
        officials, issues, columns = read_csv_file(path, mapping_data, name_columns)
        report.columns = columns
    report.issues.extend(issues)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()

    with session_scope(workspace.database_url) as session:
        src = get_or_create_source(session, source, kind="sanctions")
        batch = ImportBatch(source_id=src.id, file_name=path.name, file_sha256=sha, file_format=fmt,
                            mapping={"columns": report.columns, **mapping_data}, actor=actor or _actor())
        session.add(batch)
        session.flush()
        report.import_id = batch.id
        store_officials(session, src, batch, officials, report, progress=progress)
        for number, target, sanction in orphans:
            ent = store.entity_by_key(session, src.id, target)
            if ent is None:
                report.issues.append(LineIssue(number, NO_ENTITY, field="entity"))
                continue
            _upsert_sanction(session, src, batch, ent, sanction, report)
        if strict and report.errors:
            first = report.errors[0]
            raise InputError.of(N_("%(n)s bad line(s), first: %(reason)s; nothing was imported (--strict)"),
                                n=len(report.errors), reason=first.message, file=path.name, row=first.line or None,
                                field=first.field)
        for issue in report.errors:
            session.add(QuarantinedRow(import_id=batch.id, source_id=src.id, file_name=path.name,
                                       row_number=issue.line, field=issue.field, reason=issue.message,
                                       raw={"level": issue.level}))
        batch.rows_read = report.entities_read + len(report.errors)
        batch.rows_new, batch.rows_changed, batch.rows_unchanged = report.new, report.changed, report.unchanged
        batch.rows_quarantined = len(report.errors)
        from reckon.store.base import utcnow

        batch.finished_at = utcnow()
        if match:
            report.match = rematch(session, changed=report.touched)
            from reckon.sanctions.service import attach_reported

            attach_reported(session)
        audit(session, "sanctions.import", actor=actor, target_type="import_batch", target_ids=[batch.id],
              source=source, file=path.name, format=fmt, new=report.new, changed=report.changed,
              unchanged=report.unchanged, errors=len(report.errors),
              review_pairs=report.match.review_pairs if report.match else None)
    return report


def _actor() -> str:
    from reckon.store.audit import default_actor

    return default_actor()


def store_officials(session: Session, src: Source, batch: ImportBatch, officials: list[OfficialData],
                    report: SanctionsImportReport, progress: Progress | None = None) -> None:
    """Insert new listings and update changed ones, in a few bulk flushes (not one per listing)."""
    existing = store.entities_of_source(session, src.id)
    todo: list[tuple[OfficialData, str, OfficialEntity | None]] = []
    for data in officials:
        report.entities_read += 1
        digest = data.content_hash()
        ent = existing.get(data.external_id)
        if ent is not None and ent.content_hash == digest:
            report.unchanged += 1
            continue
        todo.append((data, digest, ent))
    changed_ids = [ent.id for _, _, ent in todo if ent is not None]
    store.drop_entity_details(session, changed_ids)
    report.changed += len(changed_ids)
    new = [(data, digest) for data, digest, ent in todo if ent is None]
    report.new += len(new)
    fresh = [Official(display_name=data.primary_name[:500], birth_date=data.birth_date, sex=data.sex)
             for data, _ in new]
    session.add_all(fresh)
    session.flush()
    entities: list[tuple[OfficialData, OfficialEntity]] = []
    for (data, digest), official in zip(new, fresh, strict=True):
        ent = OfficialEntity(source_id=src.id, external_id=data.external_id, official_id=official.id)
        session.add(ent)
        existing[data.external_id] = ent
        _fill(ent, data, digest, batch)
        entities.append((data, ent))
    for data, digest, ent in todo:
        if ent is not None:
            _fill(ent, data, digest, batch)
            entities.append((data, ent))
    session.flush()
    report.touched.update(ent.id for _, ent in entities)
    sanctions = store.sanctions_of_source(session, src.id)
    total = len(entities)
    for i, (data, ent) in enumerate(entities, start=1):
        for name, kind in data.names:
            session.add(OfficialName(official_id=ent.official_id, entity_id=ent.id, name=name[:1000], kind=kind,
                                     script=vocab.script(name)))
        for pos in data.positions:
            session.add(OfficialPosition(official_id=ent.official_id, entity_id=ent.id, title=pos.title[:1000],
                                         agency=_fit(OfficialPosition, "agency", pos.agency), country=pos.country,
                                         start_date=pos.start_date, end_date=pos.end_date,
                                         position_key=_fit(OfficialPosition, "position_key", pos.position_key),
                                         occupancy_key=_fit(OfficialPosition, "occupancy_key", pos.occupancy_key)))
            report.positions += 1
        for sanction in data.sanctions:
            _upsert_sanction(session, src, batch, ent, sanction, report, sanctions)
        if progress is not None:
            progress(i, total)
    session.flush()


def _fill(ent: OfficialEntity, data: OfficialData, digest: str, batch: ImportBatch) -> None:
    ent.import_id = batch.id
    ent.origin = data.origin
    ent.name = data.primary_name[:1000]
    ent.birth_date = data.birth_date
    ent.birth_place = (data.birth_place or None) and data.birth_place[:500]
    ent.sex = data.sex
    ent.file_name = batch.file_name
    ent.line_number = data.line_number
    ent.content_hash = digest
    ent.raw = data.raw


def _upsert_sanction(session: Session, src: Source, batch: ImportBatch, ent: OfficialEntity,
                     data: SanctionData, report: SanctionsImportReport,
                     known: dict[str, Sanction] | None = None) -> None:
    if known is not None:
        row = known.get(data.external_id)
    else:
        row = store.sanction_by_key(session, src.id, data.external_id)
    if row is None:
        row = Sanction(source_id=src.id, external_id=data.external_id)
        session.add(row)
        if known is not None:
            known[data.external_id] = row
    row.official_id = ent.official_id
    row.entity_id = ent.id
    row.import_id = batch.id
    row.target_name = ent.name
    for attr in ("authority", "jurisdiction", "programme", "measure", "listing_date", "start_date", "end_date",
                 "status", "reason", "source_document", "reported", "raw"):
        setattr(row, attr, _fit(Sanction, attr, getattr(data, attr)))
    report.sanctions += 1
    if known is None:
        session.flush()


def _fit(table, attr: str, value: Any) -> Any:
    """Cut text to its column's length, so PostgreSQL stores what SQLite would."""
    if isinstance(value, str):
        length = getattr(table.__table__.c[attr].type, "length", None)
        if length and len(value) > length:
            return value[:length]
    return value


def count_officials(session: Session) -> int:
    return store.count_officials(session)
