"""record: an index of retired versions only, in place of one of every record by (source, current)

``ix_record_current`` (source_id, is_current) held an entry for every record. Nothing needed it: a source's
current records are found through the unique index (source_id, identity, version), which leads with the
source, and only the link stage's look-ups of retired versions ("stale" records, whose person is carried to
their current version) ask for ``is_current`` false. Keeping it up cost a first import into PostgreSQL
about a fifth of the server's CPU (15 % of its instructions, docs/ingest.md "PostgreSQL, fourth pass") and
SQLite about 10 bytes a record. ``ix_record_retired`` is partial: a record enters it only when a later
version retires it, so a first import writes nothing to it.

The predicate is written as the ORM writes the look-ups (``IS 0`` on SQLite, ``IS false`` on PostgreSQL),
because SQLite uses a partial index only for a query whose WHERE holds the index's own term.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retired = "is_current IS false" if op.get_bind().dialect.name == "postgresql" else "is_current IS 0"
    op.drop_index("ix_record_current", table_name="record")
    op.create_index("ix_record_retired", "record", ["source_id"], unique=False,
                    sqlite_where=sa.text(retired), postgresql_where=sa.text(retired))


def downgrade() -> None:
    op.drop_index("ix_record_retired", table_name="record")
    op.create_index("ix_record_current", "record", ["source_id", "is_current"], unique=False)
