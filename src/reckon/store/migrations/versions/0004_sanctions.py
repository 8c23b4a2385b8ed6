"""sanctions stage tables: officials, their names, positions, sanctions, accountability, matching

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('official',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=500), nullable=True),
    sa.Column('birth_date', sa.String(length=10), nullable=True),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official'))
    )
    op.create_table('accountability_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('jurisdiction', sa.String(length=10), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source_document', sa.String(length=1000), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_accountability_event_count_not_negative')),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_accountability_event_official_id_official')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_event'))
    )
    with op.batch_alter_table('accountability_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accountability_event_official_id'), ['official_id'], unique=False)

    op.create_table('official_entity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=300), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=1000), nullable=False),
    sa.Column('birth_date', sa.String(length=10), nullable=True),
    sa.Column('birth_place', sa.String(length=500), nullable=True),
    sa.Column('sex', sa.String(length=10), nullable=True),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('line_number', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('raw', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['import_batch.id'], name=op.f('fk_official_entity_import_id_import_batch')),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_official_entity_official_id_official')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_official_entity_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_entity')),
    sa.UniqueConstraint('source_id', 'external_id', name='uq_official_entity_key')
    )
    with op.batch_alter_table('official_entity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_entity_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_entity_official_id'), ['official_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_entity_source_id'), ['source_id'], unique=False)

    op.create_table('official_case_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=50), nullable=False),
    sa.Column('field', sa.String(length=200), nullable=True),
    sa.Column('value', sa.String(length=1000), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_official_case_link_official_id_official')),
    sa.ForeignKeyConstraint(['record_id'], ['record.id'], name=op.f('fk_official_case_link_record_id_record'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_case_link')),
    sa.UniqueConstraint('official_id', 'record_id', 'role', name='uq_official_case_link')
    )
    with op.batch_alter_table('official_case_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_case_link_official_id'), ['official_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_case_link_record_id'), ['record_id'], unique=False)

    op.create_table('official_match_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_a', sa.Integer(), nullable=False),
    sa.Column('entity_b', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('entity_a < entity_b', name=op.f('ck_official_match_decision_ordered')),
    sa.ForeignKeyConstraint(['entity_a'], ['official_entity.id'], name=op.f('fk_official_match_decision_entity_a_official_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_b'], ['official_entity.id'], name=op.f('fk_official_match_decision_entity_b_official_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_match_decision'))
    )
    with op.batch_alter_table('official_match_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_match_decision_entity_a'), ['entity_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_match_decision_entity_b'), ['entity_b'], unique=False)

    op.create_table('official_match_pair',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_a', sa.Integer(), nullable=False),
    sa.Column('entity_b', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('name_score', sa.Float(), nullable=False),
    sa.Column('birth', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('entity_a < entity_b', name=op.f('ck_official_match_pair_ordered')),
    sa.ForeignKeyConstraint(['entity_a'], ['official_entity.id'], name=op.f('fk_official_match_pair_entity_a_official_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_b'], ['official_entity.id'], name=op.f('fk_official_match_pair_entity_b_official_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_match_pair')),
    sa.UniqueConstraint('entity_a', 'entity_b', name='uq_official_match_pair')
    )
    with op.batch_alter_table('official_match_pair', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_match_pair_entity_a'), ['entity_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_match_pair_entity_b'), ['entity_b'], unique=False)

    op.create_table('official_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=1000), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('script', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['official_entity.id'], name=op.f('fk_official_name_entity_id_official_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_official_name_official_id_official')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_name'))
    )
    with op.batch_alter_table('official_name', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_name_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_name_official_id'), ['official_id'], unique=False)

    op.create_table('official_position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('agency', sa.String(length=500), nullable=True),
    sa.Column('country', sa.String(length=10), nullable=True),
    sa.Column('start_date', sa.String(length=10), nullable=True),
    sa.Column('end_date', sa.String(length=10), nullable=True),
    sa.Column('position_key', sa.String(length=300), nullable=True),
    sa.Column('occupancy_key', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['official_entity.id'], name=op.f('fk_official_position_entity_id_official_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_official_position_official_id_official')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_position'))
    )
    with op.batch_alter_table('official_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_position_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_position_official_id'), ['official_id'], unique=False)

    op.create_table('sanction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('official_id', sa.Integer(), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('external_id', sa.String(length=300), nullable=False),
    sa.Column('target_name', sa.String(length=1000), nullable=True),
    sa.Column('authority', sa.String(length=500), nullable=True),
    sa.Column('jurisdiction', sa.String(length=10), nullable=True),
    sa.Column('programme', sa.String(length=100), nullable=True),
    sa.Column('measure', sa.String(length=300), nullable=True),
    sa.Column('listing_date', sa.String(length=10), nullable=True),
    sa.Column('start_date', sa.String(length=10), nullable=True),
    sa.Column('end_date', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=100), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('source_document', sa.String(length=1000), nullable=True),
    sa.Column('reported', sa.Boolean(), nullable=False),
    sa.Column('raw', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['official_entity.id'], name=op.f('fk_sanction_entity_id_official_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['import_id'], ['import_batch.id'], name=op.f('fk_sanction_import_id_import_batch')),
    sa.ForeignKeyConstraint(['official_id'], ['official.id'], name=op.f('fk_sanction_official_id_official')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_sanction_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sanction')),
    sa.UniqueConstraint('source_id', 'external_id', name='uq_sanction_key')
    )
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sanction_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sanction_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sanction_jurisdiction'), ['jurisdiction'], unique=False)
        batch_op.create_index(batch_op.f('ix_sanction_official_id'), ['official_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sanction_source_id'), ['source_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sanction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sanction_source_id'))
        batch_op.drop_index(batch_op.f('ix_sanction_official_id'))
        batch_op.drop_index(batch_op.f('ix_sanction_jurisdiction'))
        batch_op.drop_index(batch_op.f('ix_sanction_import_id'))
        batch_op.drop_index(batch_op.f('ix_sanction_entity_id'))

    op.drop_table('sanction')
    with op.batch_alter_table('official_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_position_official_id'))
        batch_op.drop_index(batch_op.f('ix_official_position_entity_id'))

    op.drop_table('official_position')
    with op.batch_alter_table('official_name', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_name_official_id'))
        batch_op.drop_index(batch_op.f('ix_official_name_entity_id'))

    op.drop_table('official_name')
    with op.batch_alter_table('official_match_pair', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_match_pair_entity_b'))
        batch_op.drop_index(batch_op.f('ix_official_match_pair_entity_a'))

    op.drop_table('official_match_pair')
    with op.batch_alter_table('official_match_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_match_decision_entity_b'))
        batch_op.drop_index(batch_op.f('ix_official_match_decision_entity_a'))

    op.drop_table('official_match_decision')
    with op.batch_alter_table('official_case_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_case_link_record_id'))
        batch_op.drop_index(batch_op.f('ix_official_case_link_official_id'))

    op.drop_table('official_case_link')
    with op.batch_alter_table('official_entity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_entity_source_id'))
        batch_op.drop_index(batch_op.f('ix_official_entity_official_id'))
        batch_op.drop_index(batch_op.f('ix_official_entity_import_id'))

    op.drop_table('official_entity')
    with op.batch_alter_table('accountability_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accountability_event_official_id'))

    op.drop_table('accountability_event')
    op.drop_table('official')
