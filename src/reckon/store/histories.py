"""Tables and queries of the histories stage: persons' dated events and the per-person summary counted.

Everything here is *derived* from the current records (``reckon.histories`` rebuilds it after each import
and link run); nothing is entered by hand, so the tables can always be dropped and rebuilt.

A **subject** is whom a history belongs to: a linked person (``subject_id = person_id``, positive) or, for a
current record that no link run has placed in a person yet, that record alone (``subject_id = -record_id``).

* :class:`HistoryEvents` -- a subject's dated events (detention, charge, verdict, appeal, recognition,
  release, death, wanted, other), packed in one row: each with the partial date as written, its day bounds
  (``date_lo``/``date_hi``, proleptic ordinals), the record ids and fields it came from, and
  ``alternatives`` when sources disagree (a disputed date: never averaged).
* :class:`HistorySpan` -- the summary that counts: for each subject and state disjoint day intervals
  ``[lo, hi)`` on which the state is *surely* true (``sure``) and those on which it is *undetermined* (true
  for some reading of a partial or disputed date, false for another): the count on D is the number of
  sure intervals holding D, the undetermined figure that of the others; two indexed sums.
* :class:`HistoryKey` -- a subject's keys per dimension of several (article, court, judge, source): with two
  articles it counts once under each. Its one region, district and sex are :class:`HistorySubject` columns.
* :class:`HistorySubject` -- one row per subject: its person, a digest of its record ids (what tells an
  incremental refresh that it changed), birth year (for age bands), numbers of events and conflicts.
* :class:`HistorySourceRule` -- what a documenter declared about a source: that it is a political-prisoner
  list, and the list's own date (from which its people count as recognised when no date is given).
* :class:`HistoryBuild` -- each build: the register's signature it was built from (the staleness test).

Store API (for the person page, judges and courts and the counts; what a build reads of the register and
writes is :mod:`reckon.store.histories_build`; every query of the stage lives in these two modules):

* ``history_rows(s, subject_id) -> (summary, events, keys)`` and ``spans_of(s, subject_id)``: one subject
  (``reckon.histories.service.history`` wraps them into a person's history with conflicts and states);
* ``events_for(s, kind="verdict", judge=KEY, court=KEY)``: events across subjects; a verdict's ``details``
  hold court, judge (and ``*_key``), prosecutor, lawyer and the normalised ``sentence``;
* ``count_rows``, ``count_by``, ``span_ends``, ``subjects_in``: the per-subject summary, counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import orjson
from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, and_, case, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.store.base import Base, utcnow
from reckon.store.models import Source

STATES = ("in_custody", "political_prisoner", "persecuted", "released")
DIMENSIONS = ("region", "district", "article", "court", "judge", "sex", "source")


class HistoryBuild(Base):
    __tablename__ = "history_build"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(20), default="full")  # full | incremental
    signature: Mapped[dict] = mapped_column(default=dict)
    subjects_total: Mapped[int] = mapped_column(Integer, default=0)
    subjects_rebuilt: Mapped[int] = mapped_column(Integer, default=0)
    subjects_removed: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    finished_at: Mapped[datetime] = mapped_column(default=utcnow)


class HistorySourceRule(Base):
    __tablename__ = "history_source"

    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), primary_key=True)
    political_prisoners: Mapped[bool] = mapped_column(Boolean, default=True)
    list_date: Mapped[str | None] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class HistorySubject(Base):
    __tablename__ = "history_subject"

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    person_id: Mapped[int | None] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(40))
    n_records: Mapped[int] = mapped_column(Integer, default=0)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    n_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    # SUBJECT_DIMS: columns, not key rows (0016: 1.4 M rows fewer at 1 M records); NULL: no key
    region: Mapped[str | None] = mapped_column(String(300))
    district: Mapped[str | None] = mapped_column(String(300))
    sex: Mapped[str | None] = mapped_column(String(300))


SUBJECT_DIMS = ("region", "district", "sex")
"""Dimensions of which a subject has at most one key: :class:`HistorySubject`'s columns (the others, several
per subject, are rows of :class:`HistoryKey`)."""


class HistoryEvents(Base):
    """A subject's events in one row (migration 0016: 4.3 M rows and two indexes fewer at 1 M records; every
    reader takes a subject's events whole, or all of them). ``events``: a JSON list of ``EVENT_FIELDS``
    arrays (the position is ``seq``); ``date_lo``/``date_hi``: first and last day of its dated events."""

    __tablename__ = "history_events"

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    date_lo: Mapped[int | None] = mapped_column(Integer)
    date_hi: Mapped[int | None] = mapped_column(Integer)
    events: Mapped[str] = mapped_column(Text)


EVENT_FIELDS = ("case_no", "kind", "date", "date_lo", "date_hi", "derived", "alternatives", "details",
                "record_ids", "fields")
"""The order of one packed event (:class:`HistoryEvents`): what the person page and the judges read."""


class HistorySpan(Base):
    __tablename__ = "history_span"
    __table_args__ = (Index("ix_history_span_state", "state", "sure", "hi", "lo", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, index=True)
    state: Mapped[str] = mapped_column(String(20))
    sure: Mapped[bool] = mapped_column(Boolean)
    lo: Mapped[int] = mapped_column(Integer)
    hi: Mapped[int] = mapped_column(Integer)


class HistoryKey(Base):
    __tablename__ = "history_key"
    __table_args__ = (Index("ix_history_key_dim", "dim", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no index of its own (0016): (dim, subject_id) answers a subject's keys asked with dim IN DIMENSIONS
    subject_id: Mapped[int] = mapped_column(Integer)
    dim: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(300))


def set_source_rule(s: Session, source_name: str, *, political_prisoners: bool, list_date: str | None,
                    actor: str) -> int | None:
    """Record what a documenter declares about a source; None when no source has that name."""
    src = s.scalars(select(Source).where(Source.name == source_name)).first()
    if src is None:
        return None
    rule = s.get(HistorySourceRule, src.id) or HistorySourceRule(source_id=src.id)
    rule.political_prisoners, rule.list_date, rule.actor, rule.updated_at = (
        political_prisoners, list_date, actor, utcnow())
    s.add(rule)
    s.flush()
    return src.id


# ---------------------------------------------------------------------------------------------- counting


def count_rows(s: Session, state: str, day: int) -> tuple[int, int]:
    """(surely, undetermined) subjects in ``state`` on ``day``: two indexed sums over disjoint intervals."""
    stmt = (select(HistorySpan.sure, func.count())
            .where(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
            .group_by(HistorySpan.sure))
    got = {bool(sure): int(n) for sure, n in s.execute(stmt)}
    return got.get(True, 0), got.get(False, 0)


def count_by(s: Session, state: str, day: int, dim: str) -> dict[str, tuple[int, int]]:
    """Per key of ``dim``: (surely, undetermined) subjects on ``day``. ``age_band`` uses birth years."""
    live = and_(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
    if dim == "age_band":
        from datetime import date

        year = date.fromordinal(day).year
        age = year - HistorySubject.birth_year
        band = case((HistorySubject.birth_year.is_(None), "unknown"), (age < 18, "under 18"),
                    (age < 30, "18-29"), (age < 40, "30-39"), (age < 50, "40-49"), (age < 60, "50-59"),
                    else_="60+")
        stmt = (select(band, HistorySpan.sure, func.count())
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live).group_by(band, HistorySpan.sure))
    elif dim in SUBJECT_DIMS:
        col = getattr(HistorySubject, dim)
        stmt = (select(func.coalesce(col, "unknown"), HistorySpan.sure, func.count())
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live).group_by(col, HistorySpan.sure))
    else:
        stmt = (select(HistoryKey.key, HistorySpan.sure, func.count())
                .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                .where(live).group_by(HistoryKey.key, HistorySpan.sure))
    out: dict[str, list[int]] = {}
    for key, sure, n in s.execute(stmt):
        out.setdefault(key, [0, 0])[0 if sure else 1] += int(n)
    if dim not in ("age_band", *SUBJECT_DIMS):  # subjects with no key of this dimension count as "unknown"
        keyed = select(HistoryKey.subject_id).where(HistoryKey.dim == dim)
        stmt = (select(HistorySpan.sure, func.count()).where(live, HistorySpan.subject_id.not_in(keyed))
                .group_by(HistorySpan.sure))
        for sure, n in s.execute(stmt):
            out.setdefault("unknown", [0, 0])[0 if sure else 1] += int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def keyed_subjects(s: Session, state: str, day: int, dim: str) -> list[tuple[str, int, bool]]:
    """(key of ``dim``, subject, sure) of every subject in ``state`` on ``day`` that has a key of ``dim``:
    for counts whose keys are merged after the query (judges and courts spelled several ways)."""
    live = and_(HistorySpan.state == state, HistorySpan.hi > day, HistorySpan.lo <= day)
    if dim in SUBJECT_DIMS:
        col = getattr(HistorySubject, dim)
        stmt = (select(col, HistorySpan.subject_id, HistorySpan.sure)
                .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                .where(live, col.is_not(None)).distinct())
    else:
        stmt = (select(HistoryKey.key, HistorySpan.subject_id, HistorySpan.sure)
                .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                .where(live).distinct())
    return [(str(k), int(sid), bool(sure)) for k, sid, sure in s.execute(stmt)]


def span_ends(s: Session, state: str) -> dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Per ``sure`` flag: how many intervals of ``state`` start on each day and how many end on each day.

    Grouped in SQL (a few thousand distinct days, not a million rows): the count on D is the number of
    starts on or before D minus the number of ends on or before D, so a series is one pass over these.
    """
    out: dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {True: ([], []), False: ([], [])}
    for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
        stmt = (select(HistorySpan.sure, col, func.count()).where(HistorySpan.state == state)
                .group_by(HistorySpan.sure, col))
        for sure, d, n in s.execute(stmt):
            out[bool(sure)][slot].append((int(d), int(n)))
    return out


def span_ends_by(s: Session, state: str, dim: str) -> dict[str, dict[bool, tuple[list[tuple[int, int]],
                                                                        list[tuple[int, int]]]]]:
    """:func:`span_ends` per key of ``dim`` (a subject under two keys counts under each; one under none as
    "unknown", as :func:`count_by`): counts by key on any day from one grouped pass, for the dashboard's
    summary (reckon.services.summary)."""
    out: dict[str, dict[bool, tuple[list[tuple[int, int]], list[tuple[int, int]]]]] = {}
    if dim in SUBJECT_DIMS:
        key_col = getattr(HistorySubject, dim)
        for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
            stmt = (select(func.coalesce(key_col, "unknown"), HistorySpan.sure, col, func.count())
                    .join(HistorySubject, HistorySubject.subject_id == HistorySpan.subject_id)
                    .where(HistorySpan.state == state).group_by(key_col, HistorySpan.sure, col))
            for key, sure, d, n in s.execute(stmt):
                ends = out.setdefault(str(key), {True: ([], []), False: ([], [])})
                ends[bool(sure)][slot].append((int(d), int(n)))
        return out
    keyed = select(HistoryKey.subject_id).where(HistoryKey.dim == dim)
    for col, slot in ((HistorySpan.lo, 0), (HistorySpan.hi, 1)):
        joined = (select(HistoryKey.key, HistorySpan.sure, col, func.count())
                  .join(HistoryKey, and_(HistoryKey.subject_id == HistorySpan.subject_id, HistoryKey.dim == dim))
                  .where(HistorySpan.state == state).group_by(HistoryKey.key, HistorySpan.sure, col))
        bare = (select(HistorySpan.sure, col, func.count())
                .where(HistorySpan.state == state, HistorySpan.subject_id.not_in(keyed))
                .group_by(HistorySpan.sure, col))
        rows = [*s.execute(joined), *(("unknown", sure, d, n) for sure, d, n in s.execute(bare))]
        for key, sure, d, n in rows:
            ends = out.setdefault(str(key), {True: ([], []), False: ([], [])})
            ends[bool(sure)][slot].append((int(d), int(n)))
    return out


def subjects_counted(s: Session) -> tuple[int, int]:
    """(subjects that are linked persons, subjects that are single unlinked records)."""
    pos = s.scalar(select(func.count()).select_from(HistorySubject).where(HistorySubject.subject_id > 0))
    neg = s.scalar(select(func.count()).select_from(HistorySubject).where(HistorySubject.subject_id < 0))
    return int(pos or 0), int(neg or 0)


def state_ever(s: Session, state: str) -> bool:
    """Whether anyone is ever in ``state``: a political-prisoner count of 0 then means no list or event
    recognises anyone yet (no source declared a political-prisoner list), not that nobody is held."""
    return s.scalar(select(HistorySpan.id).where(HistorySpan.state == state).limit(1)) is not None


def recognised_subjects(s: Session) -> int:
    """How many subjects have a recognition event (a news declaration, a list, a correction), held or not:
    what a political-prisoner count of nought owes its reader when recognitions exist but nobody they name
    is held in a criminal case. Read only on that rare path: a scan of the packed events for the kind,
    written by orjson as ``,"recognition",`` right after the case number."""
    n = s.scalar(select(func.count()).select_from(HistoryEvents)
                 .where(HistoryEvents.events.like('%,"recognition",%')))
    return int(n or 0)


def subjects_in(s: Session, state: str, day: int, sure: bool | None = None) -> list[int]:
    """The subjects in ``state`` on ``day``: surely (True), undetermined (False), or both (None)."""
    stmt = select(HistorySpan.subject_id).where(HistorySpan.state == state, HistorySpan.hi > day,
                                                HistorySpan.lo <= day)
    if sure is not None:
        stmt = stmt.where(HistorySpan.sure.is_(sure))
    return sorted(set(s.scalars(stmt)))


# ---------------------------------------------------------------------------------------------- histories


def history_rows(s: Session, subject_id: int) -> tuple[dict | None, list[dict], list[dict]]:
    """One subject's summary row, events (in order) and keys, as dicts."""
    subj = s.get(HistorySubject, subject_id)
    packed = s.scalar(select(HistoryEvents.events).where(HistoryEvents.subject_id == subject_id))
    events = unpack_events(subject_id, packed) if packed else []
    pairs = [(dim, key) for dim, key in s.execute(select(HistoryKey.dim, HistoryKey.key).where(
        HistoryKey.dim.in_(DIMENSIONS), HistoryKey.subject_id == subject_id).order_by(HistoryKey.dim, HistoryKey.key))]
    if subj is not None:
        pairs += [(dim, getattr(subj, dim)) for dim in SUBJECT_DIMS if getattr(subj, dim) is not None]
    # by dimension (a stable sort: within one, the database's order of the keys, as before 0016)
    keys = [{"dim": dim, "key": key} for dim, key in sorted(pairs, key=lambda p: p[0])]
    summary = None if subj is None else {"subject_id": subj.subject_id, "person_id": subj.person_id,
                                         "n_records": subj.n_records, "n_events": subj.n_events,
                                         "n_conflicts": subj.n_conflicts, "birth_year": subj.birth_year}
    return summary, events, keys


def spans_of(s: Session, subject_id: int) -> list[dict]:
    return [{"state": r.state, "sure": r.sure, "lo": r.lo, "hi": r.hi} for r in s.scalars(
        select(HistorySpan).where(HistorySpan.subject_id == subject_id).order_by(HistorySpan.state, HistorySpan.lo))]


def events_for(s: Session, kind: str | None = None, *, judge: str | None = None, court: str | None = None,
               subject_ids: Iterable[int] | None = None, limit: int | None = None) -> list[dict]:
    """Events of one kind across subjects (e.g. verdicts), optionally of one judge or court (exact key).

    Subjects are matched on their ``judge``/``court`` keys, then each unpacked event's kind and details are
    checked, so a subject with two verdicts only yields the matching one."""
    stmt = select(HistoryEvents.subject_id, HistoryEvents.events).order_by(HistoryEvents.subject_id)
    for dim, value in (("judge", judge), ("court", court)):
        if value is not None:
            stmt = stmt.where(HistoryEvents.subject_id.in_(
                select(HistoryKey.subject_id).where(HistoryKey.dim == dim, HistoryKey.key == value)))
    if subject_ids is not None:
        stmt = stmt.where(HistoryEvents.subject_id.in_(list(subject_ids)))
    if kind:   # a cheap textual filter before parsing: the kind is written as a JSON string
        stmt = stmt.where(HistoryEvents.events.contains(f'"{kind}"', autoescape=True))
    out = []
    for subject_id, packed in s.execute(stmt):
        for d in unpack_events(subject_id, packed):
            if kind and d["kind"] != kind:
                continue
            if judge is not None and d["details"].get("judge_key") != judge:
                continue
            if court is not None and d["details"].get("court_key") != court:
                continue
            out.append(d)
            if limit and len(out) >= limit:
                return out
    return out


def unpack_events(subject_id: int, packed: str) -> list[dict]:
    """A subject's packed events (:data:`EVENT_FIELDS` arrays) as the dicts the person page and judges read."""
    return [{"subject_id": subject_id, "seq": seq, **dict(zip(EVENT_FIELDS, e, strict=True))}
            for seq, e in enumerate(orjson.loads(packed))]
