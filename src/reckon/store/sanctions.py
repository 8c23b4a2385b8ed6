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

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reckon.store.base import Base, utcnow

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
