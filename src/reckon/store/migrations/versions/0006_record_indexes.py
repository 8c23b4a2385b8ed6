"""record: drop three indexes no query needs (source_id, import_id, birth_year)

The unique (source_id, identity, version) index already serves lookups by source; nothing selects
records by import or birth year in SQL. Each index cost every imported row about as much as the row's
own insert (benchmarks/import_speed.py).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_DROPPED = {"ix_record_source_id": ["source_id"], "ix_record_import_id": ["import_id"],
            "ix_record_birth_year": ["birth_year"]}


def upgrade() -> None:
    for name in _DROPPED:
        op.drop_index(name, table_name="record")


def downgrade() -> None:
    for name, columns in _DROPPED.items():
        op.create_index(name, "record", columns, unique=False)
