"""job.worker, job.heartbeat_at, review_decision.conflict_with: a server a team shares

Jobs are a queue in the database, claimed by a worker process; two editors deciding the same pair
differently leave a conflict, not a silent overwrite.

Several server processes share one database: a job started through one is run by a worker (``reckon
worker``) and followed through any other; the worker's host:pid and its heartbeat tell a stopped worker's
jobs from live ones.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.add_column(sa.Column("worker", sa.String(200), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
    op.create_index("ix_job_status", "job", ["status"])
    with op.batch_alter_table("review_decision") as batch:
        batch.add_column(sa.Column("conflict_with", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_decision") as batch:
        batch.drop_column("conflict_with")
    op.drop_index("ix_job_status", "job")
    with op.batch_alter_table("job") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("worker")
