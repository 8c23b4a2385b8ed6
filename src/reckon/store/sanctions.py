"""Tables of the sanctions stage: officials, their spellings and posts, the sanctions against them.

Two layers, as in the register (records and persons):

* :class:`OfficialEntity` is one person *as one source lists them* (an FtM ``Person`` or one CSV row), keyed
  by ``(source_id, external_id)`` so that re-importing a list updates rather than duplicates. It keeps the
  raw entity or row verbatim and a content hash.
* :class:`Official` is the real individual that matching (and human review) says those entities describe.
  Names, positions and sanctions point at the entity they came from *and* at its current official; when
  matching merges or splits officials only ``official_id`` moves, provenance never does.

Sanctions reported by the news (``reported`` true) live in the same table but are never mixed with official
lists in views: the flag is shown everywhere, and a reported sanction may wait for its official
(``official_id`` null) until a list names the target. Dates are partial ISO strings ("1975",
"1975-05", "1975-05-05").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from reckon.store.base import Base, utcnow
from reckon.store.models import Record, Source

PAIR_STATUSES = ("merged", "review", "rejected")
ACCOUNTABILITY_KINDS = ("investigation", "prosecution", "conviction", "none_reported")


class Official(Base):
    """One real individual in a position of responsibility."""

    __tablename__ = "official"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(500))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OfficialEntity(Base):
    """One listing of a person by one source (FtM Person, CSV row), with the raw input kept verbatim."""

    __tablename__ = "official_entity"
    __table_args__ = (UniqueConstraint("source_id", "external_id", name="uq_official_entity_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(300))
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    origin: Mapped[str] = mapped_column(String(10), default="csv")  # csv | ftm
    name: Mapped[str] = mapped_column(String(1000))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    birth_place: Mapped[str | None] = mapped_column(String(500))
    sex: Mapped[str | None] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(500))
    line_number: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    raw: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OfficialName(Base):
    """Every spelling of an official, with its script and the entity (hence source) that gave it."""

    __tablename__ = "official_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(20), default="name")  # name | alias | weak_alias
    script: Mapped[str | None] = mapped_column(String(20))


class OfficialPosition(Base):
    """A post held: title, agency, country and dates as the source gives them."""

    __tablename__ = "official_position"

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(1000))
    agency: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str | None] = mapped_column(String(10))
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    # FtM ids of the Position and Occupancy entities, kept so that an export gives the same ids back.
    position_key: Mapped[str | None] = mapped_column(String(300))
    occupancy_key: Mapped[str | None] = mapped_column(String(300))


class Sanction(Base):
    """A measure by an authority against an official, from an official list or (``reported``) the news."""

    __tablename__ = "sanction"
    __table_args__ = (UniqueConstraint("source_id", "external_id", name="uq_sanction_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int | None] = mapped_column(ForeignKey("official.id"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"),
                                                  index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(300))
    target_name: Mapped[str | None] = mapped_column(String(1000))
    authority: Mapped[str | None] = mapped_column(String(500))
    jurisdiction: Mapped[str | None] = mapped_column(String(10), index=True)
    programme: Mapped[str | None] = mapped_column(String(100))
    measure: Mapped[str | None] = mapped_column(String(300))
    listing_date: Mapped[str | None] = mapped_column(String(10))
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    source_document: Mapped[str | None] = mapped_column(String(1000))
    reported: Mapped[bool] = mapped_column(Boolean, default=False)
    raw: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccountabilityEvent(Base):
    """An investigation or prosecution of an official, or the recorded fact that none is reported (count 0)."""

    __tablename__ = "accountability_event"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    count: Mapped[int] = mapped_column(Integer, default=1)
    jurisdiction: Mapped[str | None] = mapped_column(String(10))
    date: Mapped[str | None] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(Text)
    source_document: Mapped[str | None] = mapped_column(String(1000))
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfficialCaseLink(Base):
    """A register record (a case) that names the official, e.g. as the judge of a verdict."""

    __tablename__ = "official_case_link"
    __table_args__ = (UniqueConstraint("official_id", "record_id", "role", name="uq_official_case_link"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("official.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(50), default="judge")
    field: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(String(1000))
    score: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfficialMatchPair(Base):
    """A pair of entities the matcher looked at: merged, sent to review, or rejected, with its reasons."""

    __tablename__ = "official_match_pair"
    __table_args__ = (
        UniqueConstraint("entity_a", "entity_b", name="uq_official_match_pair"),
        CheckConstraint("entity_a < entity_b", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_a: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    entity_b: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    name_score: Mapped[float] = mapped_column(Float)
    birth: Mapped[str] = mapped_column(String(20))  # exact | compatible | unknown | conflict
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OfficialMatchDecision(Base):
    """A person's verdict on a pair of entities. Never updated or deleted; the latest wins over the model."""

    __tablename__ = "official_match_decision"
    __table_args__ = (CheckConstraint("entity_a < entity_b", name="ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_a: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    entity_b: Mapped[int] = mapped_column(ForeignKey("official_entity.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)


# ------------------------------------------------------------------------------------------------ queries
# Every query the sanctions stage makes: its services call these and write no SQL of their own.

def sources(session: Session) -> dict[int, Source]:
    return {s.id: s for s in session.scalars(select(Source))}


def official_names(session: Session) -> list[tuple[int, str]]:
    """(official id, name) of every spelling of every official."""
    return [(oid, name) for oid, name in session.execute(select(OfficialName.official_id, OfficialName.name))]


def sanction_by_key(session: Session, source_id: int, external_id: str) -> Sanction | None:
    return session.scalar(select(Sanction).where(Sanction.source_id == source_id,
                                                 Sanction.external_id == external_id))


def sanctions_of_source(session: Session, source_id: int) -> dict[str, Sanction]:
    return {s.external_id: s for s in session.scalars(select(Sanction).where(Sanction.source_id == source_id))}


def waiting_reported(session: Session) -> list[Sanction]:
    """Reported sanctions not attached to an official yet that name a target."""
    return list(session.scalars(select(Sanction).where(Sanction.reported.is_(True), Sanction.official_id.is_(None),
                                                       Sanction.target_name.is_not(None))))


def pairs_to_review(session: Session) -> list[OfficialMatchPair]:
    """Pairs of listings the matcher doubts, most likely first."""
    return list(session.scalars(select(OfficialMatchPair).where(OfficialMatchPair.status == "review")
                                .order_by(OfficialMatchPair.score.desc(), OfficialMatchPair.id)))


def match_pairs(session: Session) -> dict[tuple[int, int], OfficialMatchPair]:
    return {(p.entity_a, p.entity_b): p for p in session.scalars(select(OfficialMatchPair))}


def decisions_in_order(session: Session) -> list[OfficialMatchDecision]:
    """Every decision on two listings, oldest first (a later one on a pair supersedes)."""
    return list(session.scalars(select(OfficialMatchDecision).order_by(OfficialMatchDecision.decided_at,
                                                                       OfficialMatchDecision.id)))


def entities(session: Session) -> list[OfficialEntity]:
    """Every listing, oldest first."""
    return list(session.scalars(select(OfficialEntity).order_by(OfficialEntity.id)))


def entity_rows(session: Session) -> list[tuple[int, int, int, str | None, str | None]]:
    """(id, source id, official id, birth date, sex) of every listing."""
    return [tuple(r) for r in session.execute(  # type: ignore[misc]
        select(OfficialEntity.id, OfficialEntity.source_id, OfficialEntity.official_id,
               OfficialEntity.birth_date, OfficialEntity.sex))]


def entity_names(session: Session) -> list[tuple[int, str]]:
    """(listing id, name) of every spelling, in the order stored."""
    return [(eid, name) for eid, name in session.execute(select(OfficialName.entity_id, OfficialName.name)
                                                         .order_by(OfficialName.id))]


def entities_of_source(session: Session, source_id: int) -> dict[str, OfficialEntity]:
    return {e.external_id: e for e in session.scalars(select(OfficialEntity).where(OfficialEntity.source_id == source_id))}


def entity_by_key(session: Session, source_id: int, external_id: str) -> OfficialEntity | None:
    return session.scalar(select(OfficialEntity).where(OfficialEntity.source_id == source_id,
                                                       OfficialEntity.external_id == external_id))


def drop_entity_details(session: Session, entity_ids: Sequence[int], chunk: int = 500) -> None:
    """Delete the names, positions and sanctions of these listings (they are written again)."""
    ids = list(entity_ids)
    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        for table in (OfficialName, OfficialPosition, Sanction):
            session.execute(delete(table).where(table.entity_id.in_(part)))


def count_officials(session: Session) -> int:
    return session.scalar(select(func.count(Official.id))) or 0


def officials(session: Session) -> list[Official]:
    """Every official, by id."""
    return list(session.scalars(select(Official).order_by(Official.id)))


def official_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Official.id)))


def move_entity(session: Session, entity_id: int, official_id: int) -> None:
    """Put a listing, with its names, positions and sanctions, on another official."""
    session.execute(update(OfficialEntity).where(OfficialEntity.id == entity_id).values(official_id=official_id))
    for table in (OfficialName, OfficialPosition, Sanction):
        session.execute(update(table).where(table.entity_id == entity_id).values(official_id=official_id))


def move_official_facts(session: Session, old: int, new: int) -> None:
    """What was recorded about official ``old`` beyond its listings (accountability events, links to case
    records, sanctions reported without a listing) moves to ``new``; a case link ``new`` already has is
    dropped."""
    session.execute(update(AccountabilityEvent).where(AccountabilityEvent.official_id == old)
                    .values(official_id=new))
    have = {(r.record_id, r.role) for r in session.scalars(
        select(OfficialCaseLink).where(OfficialCaseLink.official_id == new))}
    for link in session.scalars(select(OfficialCaseLink).where(OfficialCaseLink.official_id == old)).all():
        if (link.record_id, link.role) in have:
            session.delete(link)
        else:
            link.official_id = new
    session.flush()
    session.execute(update(Sanction).where(Sanction.official_id == old, Sanction.entity_id.is_(None))
                    .values(official_id=new))


def has_accountability(session: Session, official_id: int) -> bool:
    return session.scalar(select(AccountabilityEvent.id).where(AccountabilityEvent.official_id == official_id)
                          .limit(1)) is not None


def detach_official(session: Session, official_id: int) -> None:
    """Sanctions of an official about to go wait unattached; its case links go."""
    session.execute(update(Sanction).where(Sanction.official_id == official_id).values(official_id=None))
    session.execute(delete(OfficialCaseLink).where(OfficialCaseLink.official_id == official_id))


def drop_official(session: Session, official_id: int) -> None:
    session.execute(delete(Official).where(Official.id == official_id))


def names_in_order(session: Session) -> list[OfficialName]:
    return list(session.scalars(select(OfficialName).order_by(OfficialName.entity_id, OfficialName.id)))


def positions_in_order(session: Session) -> list[OfficialPosition]:
    return list(session.scalars(select(OfficialPosition).order_by(OfficialPosition.id)))


def attached_sanctions(session: Session) -> list[Sanction]:
    """Sanctions attached to an official, by id."""
    return list(session.scalars(select(Sanction).where(Sanction.official_id.is_not(None)).order_by(Sanction.id)))


def jurisdictions_used(session: Session) -> set[str]:
    return {j for j in session.scalars(select(Sanction.jurisdiction).distinct()) if j}


def official_cases(session: Session, official_id: int) -> list[tuple[OfficialCaseLink, Record]]:
    """The case records linked to an official, by record id."""
    return [(link, record) for link, record in session.execute(
        select(OfficialCaseLink, Record).join(Record, Record.id == OfficialCaseLink.record_id)
        .where(OfficialCaseLink.official_id == official_id).order_by(OfficialCaseLink.record_id))]


def accountability_events(session: Session, official_id: int, kind: str | None = None) -> list[AccountabilityEvent]:
    q = select(AccountabilityEvent).where(AccountabilityEvent.official_id == official_id)
    if kind is not None:
        q = q.where(AccountabilityEvent.kind == kind)
    return list(session.scalars(q.order_by(AccountabilityEvent.id)))


def case_link_keys(session: Session) -> set[tuple[int, int, str]]:
    """(official id, record id, role) of every stored case link."""
    return {(link.official_id, link.record_id, link.role) for link in session.scalars(select(OfficialCaseLink))}


def current_records(session: Session) -> Iterator[Record]:
    return iter(session.scalars(select(Record).where(Record.is_current.is_(True))))
