"""histories stage tables: history_build, history_source, history_subject, history_event, history_span, history_key

All but history_source are derived from current records and rebuilt by ``reckon histories rebuild``.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('history_build',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('signature', sa.JSON(), nullable=False),
    sa.Column('subjects_total', sa.Integer(), nullable=False),
    sa.Column('subjects_rebuilt', sa.Integer(), nullable=False),
    sa.Column('subjects_removed', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history_build'))
    )
    op.create_table('history_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('date_lo', sa.Integer(), nullable=True),
    sa.Column('date_hi', sa.Integer(), nullable=True),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('alternatives', sa.JSON(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('record_ids', sa.JSON(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history_event'))
    )
    with op.batch_alter_table('history_event', schema=None) as batch_op:
        batch_op.create_index('ix_history_event_kind', ['kind', 'date_lo'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_event_subject_id'), ['subject_id'], unique=False)

    op.create_table('history_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('dim', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history_key'))
    )
    with op.batch_alter_table('history_key', schema=None) as batch_op:
        batch_op.create_index('ix_history_key_dim', ['dim', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_key_subject_id'), ['subject_id'], unique=False)

    op.create_table('history_span',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('sure', sa.Boolean(), nullable=False),
    sa.Column('lo', sa.Integer(), nullable=False),
    sa.Column('hi', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history_span'))
    )
    with op.batch_alter_table('history_span', schema=None) as batch_op:
        batch_op.create_index('ix_history_span_state', ['state', 'sure', 'hi', 'lo', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_span_subject_id'), ['subject_id'], unique=False)

    op.create_table('history_subject',
    sa.Column('subject_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('digest', sa.String(length=40), nullable=False),
    sa.Column('n_records', sa.Integer(), nullable=False),
    sa.Column('n_events', sa.Integer(), nullable=False),
    sa.Column('n_conflicts', sa.Integer(), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('subject_id', name=op.f('pk_history_subject'))
    )
    op.create_table('history_source',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('political_prisoners', sa.Boolean(), nullable=False),
    sa.Column('list_date', sa.String(length=10), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_history_source_source_id_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source_id', name=op.f('pk_history_source'))
    )


def downgrade() -> None:
    op.drop_table('history_source')
    op.drop_table('history_subject')
    with op.batch_alter_table('history_span', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_span_subject_id'))
        batch_op.drop_index('ix_history_span_state')

    op.drop_table('history_span')
    with op.batch_alter_table('history_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_key_subject_id'))
        batch_op.drop_index('ix_history_key_dim')

    op.drop_table('history_key')
    with op.batch_alter_table('history_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_event_subject_id'))
        batch_op.drop_index('ix_history_event_kind')

    op.drop_table('history_event')
    op.drop_table('history_build')
