"""histories: a subject's events in one row, its region, district and sex as columns, fewer key indexes

A full build at 1 M records wrote 4.3 M event rows (twelve columns, four of them JSON) and built two
indexes over them; every reader takes a subject's events whole (the person page) or all of them (the
judges' verdicts). ``history_events`` holds one row per subject: its events as one JSON list, and the
first and last day of its dated events (the dashboard's time span). ``history_key``'s own index on
``subject_id`` goes: the ``(dim, subject_id)`` index answers a subject's keys when asked with every
dimension, as the store's queries now do. A subject's one region, district and sex (1.4 M of the 4.5 M
key rows at 1 M records) become columns of ``history_subject``.

The histories are derived data: the old event rows are dropped, not converted. So that nothing stale is
counted, every derived table is emptied and the build log cleared; the next refresh (the next
`reckon import`, `reckon link`, or a lazy `count`/person page, which see no build) rebuilds every
subject from the records. The downgrade does the same the other way.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_SUBJECT_DIMS = ("region", "district", "sex")
_DERIVED = ("history_subject", "history_span", "history_key", "history_build")


def _clear() -> None:
    for table in _DERIVED:
        op.execute(f"DELETE FROM {table}")


def upgrade() -> None:
    op.drop_index("ix_history_event_kind", table_name="history_event")
    op.drop_index("ix_history_event_subject_id", table_name="history_event")
    op.drop_table("history_event")
    op.create_table(
        "history_events",
        sa.Column("subject_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("date_lo", sa.Integer(), nullable=True),
        sa.Column("date_hi", sa.Integer(), nullable=True),
        sa.Column("events", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_history_events")),
    )
    op.drop_index("ix_history_key_subject_id", table_name="history_key")
    _clear()
    with op.batch_alter_table("history_subject", schema=None) as batch_op:
        for dim in _SUBJECT_DIMS:
            batch_op.add_column(sa.Column(dim, sa.String(length=300), nullable=True))


def downgrade() -> None:
    op.drop_table("history_events")
    op.create_table(
        "history_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("date_lo", sa.Integer(), nullable=True),
        sa.Column("date_hi", sa.Integer(), nullable=True),
        sa.Column("derived", sa.Boolean(), nullable=False),
        sa.Column("alternatives", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_event")),
    )
    op.create_index("ix_history_event_kind", "history_event", ["kind", "date_lo"], unique=False)
    op.create_index("ix_history_event_subject_id", "history_event", ["subject_id"], unique=False)
    op.create_index("ix_history_key_subject_id", "history_key", ["subject_id"], unique=False)
    _clear()
    with op.batch_alter_table("history_subject", schema=None) as batch_op:
        for dim in _SUBJECT_DIMS:
            batch_op.drop_column(dim)
