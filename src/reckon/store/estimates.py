"""Stored estimates, and the reads the estimate stage makes of the register.

Every workspace estimate is kept as one :class:`EstimateRun` with what it was made from (the capture
table, the lists and strata, the data window), how (method, model, settings, seed), what to beware of
(warnings, publishable) and who ran it when, so the CLI, the web app and the report all show the same
estimates, whichever of them ran it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.store.base import Base, utcnow
from reckon.store.models import ImportBatch, Record, Source

__all__ = ["EstimateRun", "capture_rows", "count_current", "get_estimate", "list_estimates", "list_profile_rows",
           "save_estimate", "source_names", "sources_imported_until"]


class EstimateRun(Base):
    """One estimate on a workspace's linked persons, with its inputs and caveats (never changed after)."""

    __tablename__ = "estimate_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))  # cli | web
    method: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(1000), default="")
    by: Mapped[str | None] = mapped_column(String(20))
    lists: Mapped[list] = mapped_column(JSON)
    strata: Mapped[list] = mapped_column(JSON, default=list)  # the stratum values estimated
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    seed: Mapped[int | None] = mapped_column(Integer)
    persons: Mapped[int] = mapped_column(Integer)
    observed: Mapped[int] = mapped_column(Integer)
    estimate: Mapped[float] = mapped_column(Float)
    lower: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    level: Mapped[float] = mapped_column(Float, default=0.95)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    publishable: Mapped[bool] = mapped_column(Boolean)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    window_first: Mapped[str | None] = mapped_column(String(10))  # first detention date the lists record
    window_last: Mapped[str | None] = mapped_column(String(10))
    data_window: Mapped[dict] = mapped_column(JSON, default=dict)
    capture_table: Mapped[dict] = mapped_column(JSON)  # {"lists": [...], "patterns": [[0/1...]], "counts": [...]}
    result: Mapped[dict] = mapped_column(JSON)  # the whole WorkspaceEstimate as JSON


def save_estimate(session: Session, **values: Any) -> int:
    """Store one estimate; returns its id."""
    run = EstimateRun(**values)
    session.add(run)
    session.flush()
    return int(run.id)


def list_estimates(session: Session, limit: int = 20) -> list[EstimateRun]:
    """Stored estimates, newest first."""
    return list(session.execute(select(EstimateRun).order_by(EstimateRun.id.desc()).limit(limit)).scalars())


def get_estimate(session: Session, estimate_id: int) -> EstimateRun | None:
    return session.get(EstimateRun, estimate_id)


# ---- reads of the register for estimation -------------------------------------------------------------

def source_names(session: Session) -> list[str]:
    """The lists a capture table has columns for: every source but corrections (kind "manual"), since a
    person corrected by hand was not "captured" again."""
    return [name for (name,) in session.execute(select(Source.name).where(Source.kind != "manual")
                                                .order_by(Source.id))]


def source_kinds(session: Session) -> dict[str, str]:
    """The kind of every source but corrections (list, court, news, other), by name."""
    return {name: kind for name, kind in session.execute(select(Source.name, Source.kind)
                                                         .where(Source.kind != "manual"))}


def count_current(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Record).where(Record.is_current.is_(True))) or 0)


def capture_rows(session: Session) -> list[tuple[Any, ...]]:
    """(person_id, source, region, sex, detention_date, status, locality, birth_year) of every current
    linked record, by person."""
    return list(session.execute(
        select(Record.person_id, Source.name, Record.region, Record.sex, Record.detention_date,
               Record.status, Record.locality, Record.birth_year)
        .join(Source, Source.id == Record.source_id)
        .where(Record.is_current.is_(True), Record.person_id.is_not(None), Source.kind != "manual")
        .order_by(Record.person_id, Record.id)
    ).all())


def list_profile_rows(session: Session, sources: Sequence[str]) -> list[tuple[Any, ...]]:
    """(source, status, region, detention_date, articles, sentence) of every current record of
    ``sources``: what a list says about the population it covers."""
    return list(session.execute(
        select(Source.name, Record.status, Record.region, Record.detention_date, Record.articles,
               Record.sentence)
        .join(Source, Source.id == Record.source_id)
        .where(Record.is_current.is_(True), Source.name.in_(list(sources)))
    ).all())


def sources_imported_until(session: Session, sources: Sequence[str]) -> datetime | None:
    """When the last import of any of ``sources`` finished: the lists' own 'as of'."""
    return session.scalar(select(func.max(ImportBatch.finished_at)).join(Source, Source.id == ImportBatch.source_id)
                          .where(Source.name.in_(list(sources))))
