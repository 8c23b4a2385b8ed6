"""estimate stage: stored estimates with their inputs, caveats and data window

Revision ID: 0008
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "estimate_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("model", sa.String(length=1000), nullable=False),
        sa.Column("by", sa.String(length=20), nullable=True),
        sa.Column("lists", sa.JSON(), nullable=False),
        sa.Column("strata", sa.JSON(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("observed", sa.Integer(), nullable=False),
        sa.Column("estimate", sa.Float(), nullable=False),
        sa.Column("lower", sa.Float(), nullable=True),
        sa.Column("upper", sa.Float(), nullable=True),
        sa.Column("level", sa.Float(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("publishable", sa.Boolean(), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.Column("window_first", sa.String(length=10), nullable=True),
        sa.Column("window_last", sa.String(length=10), nullable=True),
        sa.Column("data_window", sa.JSON(), nullable=False),
        sa.Column("capture_table", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_estimate_run")),
    )
    with op.batch_alter_table("estimate_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_estimate_run_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("estimate_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_estimate_run_created_at"))
    op.drop_table("estimate_run")
