"""Tables of the link stage: model runs, scored record pairs, and human review decisions.

* :class:`LinkRun` is one run of ``reckon link``: its settings, the trained Splink model (JSON), the seed,
  the threshold, counts and timestamps, so every person can be traced to the model that formed it.
* :class:`LinkPair` is one scored pair of current records (``record_a < record_b``) with its probability,
  match weight and per-comparison weights. Only pairs at or above the run's storage floor are kept; a full
  run replaces them, an incremental run adds the pairs that involve new records.
* :class:`ReviewDecision` is a person's verdict on a pair of records. Decisions are never deleted or
  updated: a later decision on the same pair supersedes an earlier one, and the latest always wins over
  the model on every re-run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.decisions import DECISIONS
from reckon.store.base import Base, utcnow
from reckon.store.models import Person
from reckon.store.records import records_read


class LinkRun(Base):
    __tablename__ = "link_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(20), default="full")  # full | incremental
    engine: Mapped[str] = mapped_column(String(20), default="duckdb")
    status: Mapped[str] = mapped_column(String(20), default="running")  # running | done | failed
    seed: Mapped[int] = mapped_column(Integer, default=0)
    threshold: Mapped[float] = mapped_column(Float)
    store_floor: Mapped[float] = mapped_column(Float, default=0.05)
    duplicate_free: Mapped[list] = mapped_column(default=list)
    settings: Mapped[dict] = mapped_column(default=dict)
    model: Mapped[dict] = mapped_column(default=dict)
    counts: Mapped[dict] = mapped_column(default=dict)
    # Records get ever-growing ids (a changed row is a new version, a new id), so the highest record id a
    # run covered tells a later run which records are new.
    max_record_id: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class LinkPair(Base):
    __tablename__ = "link_pair"
    __table_args__ = (
        UniqueConstraint("record_a", "record_b", name="uq_link_pair_records"),
        CheckConstraint("record_a < record_b", name="ordered"),
        Index("ix_link_pair_probability", "match_probability"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("link_run.id", ondelete="CASCADE"), index=True)
    record_a: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    record_b: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    weights: Mapped[dict] = mapped_column(default=dict)


class ReviewDecision(Base):
    __tablename__ = "review_decision"
    __table_args__ = (
        CheckConstraint("record_a < record_b", name="ordered"),
        CheckConstraint(f"decision in ({', '.join(repr(d) for d in DECISIONS)})", name="decision"),
        Index("ix_review_decision_pair", "record_a", "record_b"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_a: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"))
    record_b: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    # What the model said when the decision was taken (for audits of model vs. people).
    model_probability: Mapped[float | None] = mapped_column(Float)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("link_run.id", ondelete="SET NULL"))
    # Set when another editor decided the pair differently after this editor saw it: the decision that was
    # in force. Such a decision is kept and shown, never applied (see link.review.decide).
    conflict_with: Mapped[int | None] = mapped_column(Integer)


# --- persons as linkage left them ----------------------------------------------------------------------

def person_records(s: Session, person_id: int) -> tuple[Person, list[dict[str, Any]]] | None:
    """A person and their current records in source order (the one record shape,
    :func:`reckon.store.records.read_records`, without raw rows); None when there is no such person."""
    p = s.get(Person, person_id)
    if p is None:
        return None
    return p, records_read(s, person_id=person_id, raw=False)
