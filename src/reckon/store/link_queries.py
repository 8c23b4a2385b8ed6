"""The link stage's queries over the register: records to link, runs, stored pairs, persons and decisions.

Kept beside ``store/link.py`` (the tables) so that ``reckon.link`` builds no SQL itself. Statements are
built by small pure functions (``*_stmt``) and run by the functions that take a session, as Splink keeps
its SQL in one place. Where the line is drawn: every query of the workspace database lives here; the
DuckDB SQL that Splink and ``link/features``, ``link/training`` and ``link/diagnose`` run over linkage's
own in-memory frames (never the register) stays with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, text, update
from sqlalchemy.orm import Session, aliased

from reckon.store import corrections
from reckon.store.link import LinkPair, LinkRun, ReviewDecision
from reckon.store.models import Person, Record, Source
from reckon.store.rows import chunks

CHUNK = 20_000  # rows per executemany
IDS_CHUNK = 2_000  # ids per IN (...) list


# --- records to link ---------------------------------------------------------------------------------

def linkage_records_stmt() -> Select:
    """Current records with the fields linkage uses, corrections (the ``manual`` source) left out."""
    cols = [Record.id, Source.name.label("source"), Record.full_name, Record.surname, Record.given_name,
            Record.patronymic, Record.initials, Record.sex, Record.birth_date, Record.birth_year, Record.region,
            Record.locality, Record.detention_date, Record.articles, Record.extra, Record.person_id]
    return select(*cols).join(Source, Source.id == Record.source_id).where(
        Record.is_current.is_(True), ~corrections.is_manual(Source.kind))


def load_records(session: Session, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Current records as plain dicts with the fields linkage uses (and person_id, source_id), by id.

    Corrections (records of the ``manual`` source) are left out: they follow their anchor record's person
    (:func:`reckon.store.corrections.follow_anchors`) instead of being linked by the model."""
    stmt = linkage_records_stmt()
    if ids is None:
        return [dict(r._mapping) for r in session.execute(stmt.order_by(Record.id))]
    out: list[dict[str, Any]] = []
    for part in chunks(list(ids), 5000):
        out += [dict(r._mapping) for r in session.execute(stmt.where(Record.id.in_(part)))]
    return sorted(out, key=lambda r: r["id"])


def record_summary(session: Session, record_id: int) -> Any:
    """Provenance and the fields linkage does not load, of one record (the review's side-by-side view)."""
    return session.execute(select(Record.external_id, Record.identity, Record.file_name, Record.row_number,
                                  Record.detention_date, Record.articles).where(Record.id == record_id)).first()


def existing_record_ids(session: Session, ids: Iterable[int]) -> set[int]:
    return set(session.scalars(select(Record.id).where(Record.id.in_(list(ids)))).all())


def person_of(session: Session, record_id: int) -> int | None:
    return session.scalar(select(Record.person_id).where(Record.id == record_id))


def current_persons_of(session: Session, ids: Iterable[int] | None) -> dict[int, int | None]:
    """Record id -> person id of current records (``ids``, or all when None)."""
    stmt = select(Record.id, Record.person_id).where(Record.is_current.is_(True))
    if ids is not None:
        stmt = stmt.where(Record.id.in_(list(ids)))
    return {int(r): p for r, p in session.execute(stmt).all()}


def current_members(session: Session, person_ids: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(record id, person id) of the current records of these persons."""
    for part in chunks(sorted(person_ids), 5000):
        for rid, pid in session.execute(select(Record.id, Record.person_id).where(
                Record.person_id.in_(part), Record.is_current.is_(True))):
            if pid is not None:  # the IN list holds persons only
                yield int(rid), int(pid)


def records_to_recluster(session: Session, record_ids: set[int]) -> set[int]:
    """These records and every current record of the persons they belong to."""
    pids = set(session.scalars(select(Record.person_id).where(Record.id.in_(record_ids))).all()) - {None}
    stmt = select(Record.id).where(Record.is_current.is_(True))
    if pids:
        stmt = stmt.where(Record.person_id.in_(pids) | Record.id.in_(record_ids))
    else:
        stmt = stmt.where(Record.id.in_(record_ids))
    return set(session.scalars(stmt).all())


# --- runs ---------------------------------------------------------------------------------------------

def latest_run(session: Session, *, done: bool = True) -> LinkRun | None:
    """The newest run (the newest finished one with ``done``)."""
    stmt = select(LinkRun)
    if done:
        stmt = stmt.where(LinkRun.status == "done")
    return session.scalars(stmt.order_by(LinkRun.id.desc()).limit(1)).first()


# --- stored pairs -------------------------------------------------------------------------------------

def drop_stale_pairs(session: Session) -> None:
    """Pairs that hold a record which is no longer current."""
    stale = select(Record.id).where(Record.is_current.is_(False))
    session.execute(delete(LinkPair).where(LinkPair.record_a.in_(stale) | LinkPair.record_b.in_(stale)))


def drop_all_pairs(session: Session) -> None:
    session.execute(delete(LinkPair))


def insert_pairs(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    """Store scored pairs (dicts of LinkPair's columns), CHUNK rows per statement."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            session.execute(insert(LinkPair), chunk)
            chunk = []
    if chunk:
        session.execute(insert(LinkPair), chunk)


def stored_pairs_with_weights(session: Session) -> list[Any]:
    """(id, record_a, record_b, match_weight, weights) of every stored pair."""
    return list(session.execute(select(LinkPair.id, LinkPair.record_a, LinkPair.record_b, LinkPair.match_weight,
                                       LinkPair.weights)).all())


def update_pair(session: Session, pair_id: int, *, probability: float, weight: float,
                weights: dict[str, Any]) -> None:
    session.execute(update(LinkPair).where(LinkPair.id == pair_id).values(
        match_probability=probability, match_weight=weight, weights=weights))


def edges_at_least(session: Session, threshold: float) -> list[tuple[int, int, float]]:
    """(record_a, record_b, probability) of the stored pairs at or above ``threshold``."""
    stmt = select(LinkPair.record_a, LinkPair.record_b, LinkPair.match_probability).where(
        LinkPair.match_probability >= threshold)
    return [(int(a), int(b), float(p)) for a, b, p in session.execute(stmt)]


def pairs_below(session: Session, below: float) -> list[tuple[int, int]]:
    """The stored pairs the model scored under ``below`` (clearly different)."""
    stmt = select(LinkPair.record_a, LinkPair.record_b).where(LinkPair.match_probability < below)
    return [(int(a), int(b)) for a, b in session.execute(stmt)]


def edges_from(session: Session, ids: Iterable[int], *, at_least: float | None = None
               ) -> Iterator[tuple[int, int, float]]:
    """Stored pairs whose first record is one of ``ids`` (at or above ``at_least`` when given)."""
    for part in chunks(sorted(ids), IDS_CHUNK):
        stmt = select(LinkPair.record_a, LinkPair.record_b, LinkPair.match_probability).where(
            LinkPair.record_a.in_(part))
        if at_least is not None:
            stmt = stmt.where(LinkPair.match_probability >= at_least)
        for a, b, p in session.execute(stmt):
            yield int(a), int(b), float(p)


def pair_keys(session: Session) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in session.execute(select(LinkPair.record_a, LinkPair.record_b))}


def match_weights(session: Session) -> list[float]:
    return [float(w) for (w,) in session.execute(select(LinkPair.match_weight))]


def pair_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(LinkPair)) or 0)


def pairs_in_band(session: Session, low: float, high: float) -> list[tuple[int, int, float, float]]:
    """(record_a, record_b, probability, weight) of the stored pairs with a match weight in [low, high]."""
    rows = session.execute(select(LinkPair.record_a, LinkPair.record_b, LinkPair.match_probability,
                                  LinkPair.match_weight)
                           .where(LinkPair.match_weight >= low, LinkPair.match_weight <= high)).all()
    return [(int(a), int(b), float(p), float(w)) for a, b, p, w in rows]


def stored_pair(session: Session, a: int, b: int) -> Any:
    """(match_probability, match_weight, weights) of the stored pair (a, b), or None."""
    return session.execute(select(LinkPair.match_probability, LinkPair.match_weight, LinkPair.weights).where(
        LinkPair.record_a == a, LinkPair.record_b == b)).first()


# --- persons ------------------------------------------------------------------------------------------

def insert_persons(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """New persons (dicts of Person's columns); their ids in the order of ``rows``."""
    ids: list[int] = []
    for part in chunks(rows, CHUNK):
        ids += [int(i) for i in session.scalars(insert(Person).returning(Person.id, sort_by_parameter_order=True),
                                                list(part)).all()]
    return ids


def set_record_persons(session: Session, changes: list[dict[str, Any]]) -> None:
    """``{"id": record, "person_id": person}`` per record; then older versions follow their current one."""
    for part in chunks(changes, CHUNK):
        session.execute(update(Record), list(part))
    if changes and session.scalar(select(func.count()).select_from(Record).where(Record.is_current.is_(False))):
        cur = aliased(Record, name="cur")
        sub = select(cur.person_id).where(cur.is_current.is_(True), cur.source_id == Record.source_id,
                                          cur.identity == Record.identity).scalar_subquery()
        session.execute(update(Record).where(Record.is_current.is_(False)).values(person_id=sub)
                        .execution_options(synchronize_session=False))


def rename_persons(session: Session, renames: list[dict[str, Any]]) -> None:
    """``{"id": person, "display_name": ..., "updated_at": ...}`` per person."""
    for part in chunks(renames, CHUNK):
        session.execute(update(Person), list(part))


def drop_persons_without_records(session: Session, person_ids: set[int]) -> None:
    """Delete those of ``person_ids`` that no record (of any version) points to any more."""
    if not person_ids:
        return
    still = set(session.scalars(select(Record.person_id).where(Record.person_id.in_(person_ids))).all())
    for part in chunks(sorted(person_ids - still), 5000):
        session.execute(delete(Person).where(Person.id.in_(part)))


def person_rows(session: Session) -> list[Any]:
    """Current records of linked persons with their names, source and the person's display name."""
    return list(session.execute(
        select(Record.person_id, Record.id, Source.name, Record.full_name, Record.surname, Record.given_name,
               Record.patronymic, Record.initials, Record.birth_date, Person.display_name)
        .join(Source, Source.id == Record.source_id).join(Person, Person.id == Record.person_id)
        .where(Record.is_current.is_(True))).all())


def person_sizes(session: Session) -> dict[int, int]:
    """Person id -> number of current records."""
    rows = session.execute(select(Record.person_id, func.count()).where(
        Record.is_current.is_(True), Record.person_id.is_not(None)).group_by(Record.person_id))
    return {int(pid): int(n) for pid, n in rows if pid is not None}


def link_rows(session: Session) -> list[Any]:
    """(source, external_id, identity, record id, person id) of every current record, by source and id."""
    return list(session.execute(select(Source.name, Record.external_id, Record.identity, Record.id, Record.person_id)
                                .join(Source, Source.id == Record.source_id).where(Record.is_current.is_(True))
                                .order_by(Source.name, Record.id)).all())


# --- review decisions ---------------------------------------------------------------------------------

def latest_decisions(session: Session, ids: set[int] | None = None) -> dict[tuple[int, int], ReviewDecision]:
    """The decision in force per record pair: the latest one (decisions are never edited or deleted)."""
    stmt = (select(ReviewDecision).where(ReviewDecision.conflict_with.is_(None))  # conflicts are not in force
            .order_by(ReviewDecision.decided_at, ReviewDecision.id))
    out: dict[tuple[int, int], ReviewDecision] = {}
    for d in session.scalars(stmt):
        if ids is not None and (d.record_a not in ids or d.record_b not in ids):
            continue
        out[(d.record_a, d.record_b)] = d
    return out


def decision_in_force(session: Session, a: int, b: int) -> ReviewDecision | None:
    """The decision in force on pair (a, b), read under a lock so two editors' checks do not interleave
    (PostgreSQL: a transaction advisory lock on the pair; SQLite has one writer at a time)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": a, "b": b})
    else:
        session.execute(text("UPDATE review_decision SET id = id WHERE 0"))  # take SQLite's write lock now
    return session.scalars(select(ReviewDecision).where(
        ReviewDecision.record_a == a, ReviewDecision.record_b == b, ReviewDecision.conflict_with.is_(None))
        .order_by(ReviewDecision.decided_at.desc(), ReviewDecision.id.desc()).limit(1)).first()


def conflicting_decisions(session: Session) -> list[ReviewDecision]:
    """Decisions stored as conflicts with another editor's, oldest first."""
    return list(session.scalars(select(ReviewDecision).where(ReviewDecision.conflict_with.is_not(None))
                                .order_by(ReviewDecision.id)))


def all_decisions(session: Session) -> list[ReviewDecision]:
    """Every decision ever taken, oldest first."""
    return list(session.scalars(select(ReviewDecision).order_by(ReviewDecision.decided_at, ReviewDecision.id)))

