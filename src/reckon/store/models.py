"""The register's core tables: sources, the files imported into them, records, persons, quarantine, audit.

A Record is one row of one source *as a version*: the raw row is kept verbatim beside the mapped fields,
so any figure can be traced back to the file and row it came from. The raw rows of an import live in
compressed blocks (:class:`RawBlock`, read through :mod:`reckon.store.rawblocks`); records written one at a
time (news facts, corrections) keep their small source document in ``raw``. A changed row becomes a new version
(``version`` + 1) and the old one stays with ``is_current`` false; nothing is overwritten.
Dates of birth, detention and release are *partial* ISO strings ("1975", "1975-05", "1975-05-05"),
because registers often know only the year.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    case,
    select,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import FromClause
from sqlalchemy.types import TypeDecorator

from reckon.store.base import Base, utcnow
from reckon.store.shapes import RECORD_LENGTHS, SAME_AS_IDENTITY

SOURCE_KINDS = ("list", "news", "court", "sanctions", "other", "manual")  # manual: corrections by documenters


class Source(Base):
    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="list")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    imports: Mapped[list[ImportBatch]] = relationship(back_populates="source")


class ImportBatch(Base):
    """One import of one file into one source: what was read, what changed, under which mapping."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_format: Mapped[str] = mapped_column(String(20))
    mapping: Mapped[dict] = mapped_column(default=dict)
    actor: Mapped[str] = mapped_column(String(200), default="cli")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_new: Mapped[int] = mapped_column(default=0)
    rows_changed: Mapped[int] = mapped_column(default=0)
    rows_unchanged: Mapped[int] = mapped_column(default=0)
    rows_quarantined: Mapped[int] = mapped_column(default=0)

    source: Mapped[Source] = relationship(back_populates="imports")


class Person(Base):
    """A real individual as linkage (and human review) sees them; records point here."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ContentHash(TypeDecorator[str]):
    """A content hash: hex text in Python, its bytes in the store (migration 0015).

    Bytes, not hex text: half the size (an import's hash is 8 bytes, see
    :data:`reckon.store.shapes.CONTENT_HASH_CHARS`; 16 from 0015 to 2026-12-07). PostgreSQL keeps them in
    ``bytea``; SQLite in the same column as before (a VARCHAR column keeps a blob as it is), so hashes
    stored as hex text before 0015 are read back unchanged, and all compare on their first 16 hex
    characters. Text that is not hex (made-up hashes of tests) is kept as its UTF-8.
    """

    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        return dialect.type_descriptor(LargeBinary() if dialect.name == "postgresql" else String(64))

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return hash_bytes(value) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return hash_text(value) if value is not None else None


def hash_bytes(value: str | bytes) -> bytes:
    """A content hash as the store keeps it (see :class:`ContentHash`)."""
    if isinstance(value, bytes):
        return value
    try:
        return bytes.fromhex(value)
    except ValueError:
        return value.encode()


def hash_text(value: str | bytes | memoryview) -> str:
    """A stored content hash as hex text (hex text stored before migration 0015 comes back as it is)."""
    return value if isinstance(value, str) else bytes(value).hex()


_LENGTH = RECORD_LENGTHS


class Record(Base):
    __tablename__ = "record"
    __table_args__ = (
        UniqueConstraint("source_id", "identity", "version", name="uq_record_identity_version"),
        # Only retired versions are looked up by being retired (link_queries' stale records): a first import, all
        # current, adds nothing to it, where an index of every record cost the import a fifth of PostgreSQL's
        # CPU. A source's current records are found through the unique index (source_id leads it).
        Index("ix_record_retired", "source_id", sqlite_where=text("is_current IS 0"),
              postgresql_where=text("is_current IS false")),
        # Only linked records are looked up by person: a fresh import's records, all unlinked, add nothing.
        Index("ix_record_person_id", "person_id", postgresql_where="person_id IS NOT NULL",
              sqlite_where="person_id IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own on source_id, import_id or birth_year (migration 0006): the unique index
    # starts with source_id, nothing looks records up by import or birth year in SQL, and every index
    # costs each imported row about as much as its own B-tree insert.
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    import_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
    # What makes two rows "the same row" across imports: the source's own id, else the row number.
    identity: Mapped[str] = mapped_column(String(_LENGTH["identity"]))
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(ContentHash())  # compared per (source_id, identity): no index
    # The file a record came from is its import's, and its time the import's start (migration 0015: a
    # million records repeated both); read-only here, written on the ImportBatch.
    file_name: Mapped[str] = column_property(
        select(ImportBatch.file_name).where(ImportBatch.id == import_id.column)  # type: ignore[attr-defined]
        .scalar_subquery().label("file_name"))
    row_number: Mapped[int] = mapped_column(Integer)
    # The row as read: a row of an imported file is line ``raw_offset`` of block ``raw_block_id`` (and
    # ``raw`` is then the empty object); a record written on its own (news, corrections) keeps its
    # document in ``raw``. Read it through reckon.store.rawblocks, never from these columns. No foreign
    # key: the block is written in the record's own transaction, and a key would cost every row a check.
    raw: Mapped[dict] = mapped_column(default=dict)
    raw_block_id: Mapped[int | None] = mapped_column(Integer)
    raw_offset: Mapped[int | None] = mapped_column(Integer)

    # The source's own id, stored as '' when it is the record's identity (migration 0017): so it is on
    # every record of a list with ids but the repeats ("B-1#2"), and the 9-20 bytes of each id were kept
    # twice. Read and written through ``external_id``, which spells it out; never this column.
    stored_external_id: Mapped[str | None] = mapped_column("external_id", String(_LENGTH["external_id"]))

    @hybrid_property
    def external_id(self) -> str | None:
        """The source's own id (None: the list has none), whichever way it is stored."""
        return self.identity if self.stored_external_id == SAME_AS_IDENTITY else self.stored_external_id

    @external_id.inplace.setter
    def _external_id_setter(self, value: str | None) -> None:
        # Written as it is (a blank id is no id); only the bulk import writes SAME_AS_IDENTITY.
        self.stored_external_id = value or None

    @external_id.inplace.expression
    @classmethod
    def _external_id_expression(cls) -> ColumnElement[str | None]:
        return external_id_of(cls.__table__)
    full_name: Mapped[str | None] = mapped_column(String(_LENGTH["full_name"]))
    surname: Mapped[str | None] = mapped_column(String(_LENGTH["surname"]))
    given_name: Mapped[str | None] = mapped_column(String(_LENGTH["given_name"]))
    patronymic: Mapped[str | None] = mapped_column(String(_LENGTH["patronymic"]))
    initials: Mapped[str | None] = mapped_column(String(_LENGTH["initials"]))
    sex: Mapped[str | None] = mapped_column(String(_LENGTH["sex"]))
    birth_date: Mapped[str | None] = mapped_column(String(_LENGTH["birth_date"]))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[str | None] = mapped_column(String(_LENGTH["region"]))
    locality: Mapped[str | None] = mapped_column(String(_LENGTH["locality"]))
    detention_date: Mapped[str | None] = mapped_column(String(_LENGTH["detention_date"]))
    release_date: Mapped[str | None] = mapped_column(String(_LENGTH["release_date"]))
    status: Mapped[str | None] = mapped_column(String(_LENGTH["status"]))
    articles: Mapped[list] = mapped_column(default=list)
    sentence: Mapped[str | None] = mapped_column(String(_LENGTH["sentence"]))
    place_of_detention: Mapped[str | None] = mapped_column(String(_LENGTH["place_of_detention"]))
    extra: Mapped[dict] = mapped_column(default=dict)

    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = column_property(
        select(ImportBatch.started_at).where(ImportBatch.id == import_id.column)  # type: ignore[attr-defined]
        .scalar_subquery().label("created_at"))

    source: Mapped[Source] = relationship()


def external_id_of(record: FromClause) -> ColumnElement[str | None]:
    """SQL for the source's own id of ``record`` (the table, or an alias of it): the one way to read the
    ``external_id`` column (see :attr:`Record.external_id`)."""
    c = record.c
    return case((c.external_id == SAME_AS_IDENTITY, c.identity), else_=c.external_id).label("external_id")


class RawBlock(Base):
    """The verbatim rows of one stretch of an imported file, zstd-compressed (see reckon.store.rawblocks).

    ``rows`` is the number of lines in the block (one JSON object per line, in file order), ``first_row``
    and ``last_row`` the file's row numbers of the first and last; ``sha256`` is of the uncompressed
    lines, so a block can be checked against what was read.
    """

    __tablename__ = "raw_block"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    first_row: Mapped[int] = mapped_column(Integer)
    last_row: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class QuarantinedRow(Base):
    """A row that could not be mapped: kept whole, with the field and reason, never dropped."""

    __tablename__ = "quarantined_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    row_number: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Who did what, when, to which rows. Written in the same transaction as the change itself."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    target_type: Mapped[str | None] = mapped_column(String(100))
    target_ids: Mapped[list] = mapped_column(default=list)
    details: Mapped[dict] = mapped_column(default=dict)
