"""The queries of the dashboard and the report (:mod:`reckon.services.dashboard`, :mod:`reckon.services.summary`):
the data's fingerprint and generation, the register's totals, one grouped scan of the current records
from which every breakdown is summed. (The stored summary the pages read instead of scanning is a
:mod:`reckon.store.web` state row.)"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reckon.store.histories import HistorySourceRule
from reckon.store.link import LinkRun
from reckon.store.models import ImportBatch, Record, Source
from reckon.store.schema import metadata


def max_ids(session: Session, tables: Iterable[str]) -> dict[str, int]:
    """The highest id of each named append-only table, in one statement (index lookups: a millisecond on
    any size; a page reads it on every view). A table not migrated yet on this database is left out."""
    names, stmt = _max_ids_statement(tuple(tables))
    cols = {name: metadata.tables[name].c.id for name in names}
    try:
        row = session.execute(stmt).one()
        return {name: int(v or 0) for name, v in zip(names, row, strict=True)}
    except Exception:  # a stage's table not migrated yet on this database: ask table by table
        session.rollback()
    out: dict[str, int] = {}
    for name, col in cols.items():
        try:
            out[name] = int(session.execute(select(func.max(col))).scalar() or 0)
        except Exception:
            session.rollback()
    return out


@lru_cache(maxsize=16)
def _max_ids_statement(tables: tuple[str, ...]) -> tuple[tuple[str, ...], Any]:
    """The tables of ``tables`` that have an id column, and the one statement of their highest ids (built
    once: the dashboard asks on every view)."""
    names = tuple(name for name in tables if name in metadata.tables and "id" in metadata.tables[name].c)
    return names, select(*(select(func.max(metadata.tables[n].c.id)).scalar_subquery().label(n) for n in names))


_RULES_STAMP = select(select(func.count()).select_from(HistorySourceRule).scalar_subquery(),
                      select(func.max(HistorySourceRule.updated_at)).scalar_subquery(),
                      select(func.count()).select_from(LinkRun).where(LinkRun.status == "done").scalar_subquery())


def rules_stamp(session: Session) -> list[str | int | None]:
    """What tells that a documenter changed a source's rule or a link run ended, both updates in place that
    no new id shows: (rules, latest rule change, link runs done). Small tables, read in a millisecond, in
    one statement."""
    n, latest, done = session.execute(_RULES_STAMP).one()
    return [int(n or 0), latest.isoformat() if latest else None, int(done or 0)]


def register_totals(session: Session) -> tuple[int, int, int, datetime | None]:
    """(current records, sources, imports, when the latest import finished)."""
    records = session.execute(select(func.count()).select_from(Record).where(Record.is_current.is_(True))).scalar()
    sources = session.execute(select(func.count()).select_from(Source)).scalar()
    imports = session.execute(select(func.count()).select_from(ImportBatch)).scalar()
    latest = session.execute(select(func.max(ImportBatch.finished_at))).scalar()
    return int(records or 0), int(sources or 0), int(imports or 0), latest


def schema_revision(session: Session) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    try:
        return session.execute(text("select version_num from alembic_version")).scalar()
    except Exception:
        session.rollback()
        return None


def region_status_month(session: Session) -> list[tuple[str | None, str | None, str | None, int]]:
    """(region, status, detention month "YYYY-MM" or a shorter prefix, current records), one grouped scan."""
    month = func.substr(Record.detention_date, 1, 7)
    return [(r, s, m, int(n)) for r, s, m, n in session.execute(
        select(Record.region, Record.status, month, func.count())
        .where(Record.is_current.is_(True)).group_by(Record.region, Record.status, month)).all()]


def persons_by_first_month(session: Session) -> tuple[int, dict[str, int]]:
    """Persons among current records (an unlinked record counts as its own person) and how many were first
    detained in each month."""
    month = func.substr(Record.detention_date, 1, 7)
    pid = func.coalesce(Record.person_id, -Record.id)
    total = int(session.execute(select(func.count(func.distinct(pid))).where(Record.is_current.is_(True))).scalar()
                or 0)
    first = (select(pid.label("p"), func.min(month).label("m"))
             .where(Record.is_current.is_(True)).group_by(pid).subquery())
    by_month = {m: int(n) for m, n in session.execute(
        select(first.c.m, func.count()).where(first.c.m.is_not(None)).group_by(first.c.m)).all()
        if m and len(m) == 7}
    return total, by_month


def sources_with_counts(session: Session) -> list[dict]:
    """Every source (id, name, kind) with its current records, by name."""
    return [
        {"id": sid, "name": name, "kind": kind, "records": int(n or 0)}
        for sid, name, kind, n in session.execute(
            select(Source.id, Source.name, Source.kind,
                   select(func.count()).where(Record.source_id == Source.id, Record.is_current.is_(True))
                   .correlate(Source).scalar_subquery())
            .order_by(Source.name)).all()
    ]
