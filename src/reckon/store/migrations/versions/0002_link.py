"""link stage tables: link_run, link_pair, review_decision

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('link_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('engine', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=False),
    sa.Column('store_floor', sa.Float(), nullable=False),
    sa.Column('duplicate_free', sa.JSON(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('model', sa.JSON(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('max_record_id', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_run'))
    )
    op.create_table('link_pair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('record_a', sa.Integer(), nullable=False),
    sa.Column('record_b', sa.Integer(), nullable=False),
    sa.Column('match_probability', sa.Float(), nullable=False),
    sa.Column('match_weight', sa.Float(), nullable=False),
    sa.Column('weights', sa.JSON(), nullable=False),
    sa.CheckConstraint('record_a < record_b', name=op.f('ck_link_pair_ordered')),
    sa.ForeignKeyConstraint(['record_a'], ['record.id'], name=op.f('fk_link_pair_record_a_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_b'], ['record.id'], name=op.f('fk_link_pair_record_b_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['link_run.id'], name=op.f('fk_link_pair_run_id_link_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_pair')),
    sa.UniqueConstraint('record_a', 'record_b', name='uq_link_pair_records')
    )
    with op.batch_alter_table('link_pair', schema=None) as batch_op:
        batch_op.create_index('ix_link_pair_probability', ['match_probability'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_pair_record_a'), ['record_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_pair_record_b'), ['record_b'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_pair_run_id'), ['run_id'], unique=False)

    op.create_table('review_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_a', sa.Integer(), nullable=False),
    sa.Column('record_b', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('model_probability', sa.Float(), nullable=True),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("decision in ('same', 'different', 'unsure')", name=op.f('ck_review_decision_decision')),
    sa.CheckConstraint('record_a < record_b', name=op.f('ck_review_decision_ordered')),
    sa.ForeignKeyConstraint(['record_a'], ['record.id'], name=op.f('fk_review_decision_record_a_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_b'], ['record.id'], name=op.f('fk_review_decision_record_b_record'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['link_run.id'], name=op.f('fk_review_decision_run_id_link_run'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decision'))
    )
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_decision_decided_at'), ['decided_at'], unique=False)
        batch_op.create_index('ix_review_decision_pair', ['record_a', 'record_b'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.drop_index('ix_review_decision_pair')
        batch_op.drop_index(batch_op.f('ix_review_decision_decided_at'))
    op.drop_table('review_decision')
    with op.batch_alter_table('link_pair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_pair_run_id'))
        batch_op.drop_index(batch_op.f('ix_link_pair_record_b'))
        batch_op.drop_index(batch_op.f('ix_link_pair_record_a'))
        batch_op.drop_index('ix_link_pair_probability')
    op.drop_table('link_pair')
    op.drop_table('link_run')
