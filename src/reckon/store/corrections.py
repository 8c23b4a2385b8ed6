"""Queries for corrections: the `manual` source, one record per correction, and the pin to a person.

A correction never edits an imported record. It is a new Record of the source named ``manual`` (kind
``manual``), written by its own ImportBatch (whose ``actor`` and ``started_at`` say who and when), with
only the fields it sets. A "same" ReviewDecision between the correction and one record of the person (the
*anchor*) keeps it on that person on every later ``reckon link``: decisions always win over the model.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reckon.store.base import utcnow
from reckon.store.imports import get_or_create_source
from reckon.store.link import ReviewDecision
from reckon.store.models import ImportBatch, Person, Record, Source
from reckon.store.rawblocks import raw_of

MANUAL_SOURCE = "manual"
MANUAL_KIND = "manual"


def manual_source(s: Session) -> Source:
    """The workspace's source of corrections, created on first use."""
    return get_or_create_source(s, MANUAL_SOURCE, kind=MANUAL_KIND,
                                description="Corrections entered by documenters (reckon person --set, web person page)")


def person_exists(s: Session, person_id: int) -> bool:
    return s.get(Person, person_id) is not None


def anchor_record(s: Session, person_id: int, manual_source_id: int) -> int | None:
    """The record a correction is pinned to: the person's oldest current imported record (else any)."""
    base = select(Record.id).where(Record.person_id == person_id, Record.is_current.is_(True))
    return (s.scalar(base.where(Record.source_id != manual_source_id).order_by(Record.id).limit(1))
            or s.scalar(base.order_by(Record.id).limit(1)))


def insert_correction(s: Session, *, person_id: int, fields: dict[str, Any], extra: dict[str, Any],
                      note: str | None, actor: str) -> Record:
    """Write one correction record (and its ImportBatch) of the manual source, on ``person_id``."""
    src = manual_source(s)
    number = (s.scalar(select(func.count()).select_from(Record).where(Record.source_id == src.id)) or 0) + 1
    raw = {"person_id": person_id, "set": {**fields, **{f"extra.{k}": v for k, v in extra.items()}},
           "note": note, "actor": actor}
    digest = hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    now = utcnow()
    batch = ImportBatch(source_id=src.id, file_name=f"correction {number}", file_sha256=digest,
                        file_format="manual", mapping={}, actor=actor, started_at=now, finished_at=now,
                        rows_read=1, rows_new=1)
    s.add(batch)
    s.flush()
    rec = Record(source_id=src.id, import_id=batch.id, identity=f"correction-{number}", version=1,
                 is_current=True, content_hash=digest, row_number=1, raw=raw,
                 extra=dict(extra), person_id=person_id, **fields)
    s.add(rec)
    s.flush()
    return rec


def pin(s: Session, record_id: int, anchor_id: int, *, actor: str, note: str) -> ReviewDecision:
    """A standing "same" decision between a correction and its anchor (the lower id first, as pairs are)."""
    a, b = sorted((int(record_id), int(anchor_id)))
    d = ReviewDecision(record_a=a, record_b=b, decision="same", actor=actor, note=note)
    s.add(d)
    s.flush()
    return d


def corrections_of(s: Session, person_id: int) -> list[dict[str, Any]]:
    """Every current correction record on a person, oldest first, with who and when."""
    rows = s.execute(
        select(Record.id, Record.raw, Record.raw_block_id, Record.raw_offset, Record.extra, ImportBatch.actor,
               ImportBatch.started_at)
        .join(Source, Source.id == Record.source_id).join(ImportBatch, ImportBatch.id == Record.import_id)
        .where(Source.name == MANUAL_SOURCE, Record.person_id == person_id, Record.is_current.is_(True))
        .order_by(Record.id)).all()
    raws = [raw or {} for raw in raw_of(s, [(r.raw, r.raw_block_id, r.raw_offset) for r in rows])]
    return [{"record_id": r.id, "set": dict(raw.get("set") or {}), "note": raw.get("note"),
             "actor": r.actor, "at": r.started_at.isoformat(timespec="seconds")} for r, raw in zip(rows, raws, strict=True)]


def is_manual(source_kind_column: Any) -> Any:
    """SQL condition: a record's source is the manual one (linkage leaves these records out)."""
    return source_kind_column == MANUAL_KIND


def follow_anchors(s: Session) -> int:
    """Put every current correction on the person of its anchor record (after linkage moved persons).

    Corrections take no part in linkage: they say what is true of a person, not who the person is, and a
    record holding one date and no name would only keep the model from joining the person's records.
    The anchor is the other record of the correction's latest "same" decision; when that record has a
    newer version, the current version's person counts. Persons left with no record are removed.
    Returns how many corrections changed person.
    """
    manual = select(Record.id).join(Source, Source.id == Record.source_id).where(
        Source.kind == MANUAL_KIND, Record.is_current.is_(True))
    ids = set(s.scalars(manual).all())
    if not ids:
        return 0
    anchor: dict[int, int] = {}
    for d in s.scalars(select(ReviewDecision).where(ReviewDecision.record_a.in_(ids) | ReviewDecision.record_b.in_(ids))
                       .order_by(ReviewDecision.decided_at, ReviewDecision.id)):
        own, other = (d.record_a, d.record_b) if d.record_a in ids else (d.record_b, d.record_a)
        if other in ids:
            continue
        if d.decision == "same":
            anchor[own] = other
        elif anchor.get(own) == other:  # a later decision on the pin withdraws it
            del anchor[own]
    if not anchor:
        return 0
    cur = select(Record.id, Record.source_id, Record.identity, Record.is_current, Record.person_id).where(
        Record.id.in_(set(anchor.values())))
    person_of: dict[int, int | None] = {}
    for rid, source_id, identity, is_current, pid in s.execute(cur):
        if not is_current:
            pid = s.scalar(select(Record.person_id).where(Record.source_id == source_id, Record.identity == identity,
                                                          Record.is_current.is_(True)))
        person_of[rid] = pid
    moved = 0
    emptied: set[int] = set()
    for rec in s.scalars(select(Record).where(Record.id.in_(set(anchor)))):
        target = person_of.get(anchor[rec.id])
        if target is not None and rec.person_id != target:
            if rec.person_id is not None:
                emptied.add(rec.person_id)
            rec.person_id = target
            moved += 1
    s.flush()
    if emptied:
        still = set(s.scalars(select(Record.person_id).where(Record.person_id.in_(emptied))).all())
        for pid in emptied - still:
            s.delete(s.get(Person, pid))
    return moved
