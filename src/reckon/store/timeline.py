"""Queries for placing figures in time on the dashboard: the span the histories cover, and the date each
source's data describes (what an estimate computed from those sources is about)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reckon.store.histories import HistoryEvents, HistorySourceRule
from reckon.store.models import Record, Source


def event_span(s: Session) -> tuple[int | None, int | None]:
    """First and last day any dated event of any history falls on (None, None without histories)."""
    # each subject's row holds the first and last day of its own dated events
    lo, hi = s.execute(select(func.min(HistoryEvents.date_lo), func.max(HistoryEvents.date_hi))
                       .where(HistoryEvents.date_lo.is_not(None))).one()
    return (int(lo) if lo is not None else None, int(hi) if hi is not None else None)


def source_data_dates(s: Session) -> dict[str, str | None]:
    """Per source name: the list's own date when a documenter declared one, else the latest detention or
    release date its current records give (the newest thing the source describes), else None."""
    declared = dict(s.execute(select(Source.name, HistorySourceRule.list_date)
                              .join(HistorySourceRule, HistorySourceRule.source_id == Source.id)).all())
    latest = s.execute(select(Source.name, func.max(Record.detention_date), func.max(Record.release_date))
                       .join(Source, Source.id == Record.source_id).where(Record.is_current.is_(True))
                       .group_by(Source.name)).all()
    out: dict[str, str | None] = {}
    for name, det, rel in latest:
        out[name] = declared.get(name) or max((d for d in (det, rel) if d), default=None)
    for name, when in declared.items():
        out.setdefault(name, when)
    return out
