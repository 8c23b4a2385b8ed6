"""web_search_key: the two indexes cover both columns, (key, record_id) and (record_id, key)

A search reads the record ids of a word's keys (a key range) and probes whether a record has a key of
another word. With an index on one column each, every key read visits the table's heap (the ids of one
key lie scattered over it: 10,000 page visits for a common given name at a million records); with both
columns in the index the database answers from the index alone (PostgreSQL's index-only scans once the
table is vacuumed; SQLite's covering indexes).

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_web_search_key_key_record", "web_search_key", ["key", "record_id"])
    op.create_index("ix_web_search_key_record_key", "web_search_key", ["record_id", "key"])
    op.drop_index("ix_web_search_key_key", "web_search_key")
    op.drop_index("ix_web_search_key_record_id", "web_search_key")


def downgrade() -> None:
    op.create_index("ix_web_search_key_record_id", "web_search_key", ["record_id"])
    op.create_index("ix_web_search_key_key", "web_search_key", ["key"])
    op.drop_index("ix_web_search_key_record_key", "web_search_key")
    op.drop_index("ix_web_search_key_key_record", "web_search_key")
