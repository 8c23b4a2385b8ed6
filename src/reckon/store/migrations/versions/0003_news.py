"""news stage tables: articles, figures, sanctions statements, quotes

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('news_article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('entry_index', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_format', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('title', sa.String(length=1000), nullable=True),
    sa.Column('outlet', sa.String(length=300), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('persons', sa.JSON(), nullable=False),
    sa.Column('extractor_version', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['import_batch.id'], name=op.f('fk_news_article_import_id_import_batch')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_news_article_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_article')),
    sa.UniqueConstraint('source_id', 'sha256', name='uq_news_article_source_sha256')
    )
    op.create_index(op.f('ix_news_article_import_id'), 'news_article', ['import_id'], unique=False)
    op.create_index(op.f('ix_news_article_published'), 'news_article', ['published'], unique=False)
    op.create_index(op.f('ix_news_article_sha256'), 'news_article', ['sha256'], unique=False)
    op.create_index(op.f('ix_news_article_source_id'), 'news_article', ['source_id'], unique=False)
    op.create_table('news_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('qualifier', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('reporter', sa.String(length=300), nullable=True),
    sa.Column('as_of', sa.String(length=10), nullable=True),
    sa.Column('counted', sa.String(length=100), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('headline', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['news_article.id'], name=op.f('fk_news_figure_article_id_news_article'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['news_figure.id'], name=op.f('fk_news_figure_parent_id_news_figure'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_figure'))
    )
    op.create_index(op.f('ix_news_figure_article_id'), 'news_figure', ['article_id'], unique=False)
    op.create_index(op.f('ix_news_figure_category'), 'news_figure', ['category'], unique=False)
    op.create_table('news_quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(length=500), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['news_article.id'], name=op.f('fk_news_quote_article_id_news_article'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_quote'))
    )
    op.create_index(op.f('ix_news_quote_article_id'), 'news_quote', ['article_id'], unique=False)
    op.create_table('news_sanction_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=500), nullable=True),
    sa.Column('target_key', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=500), nullable=True),
    sa.Column('jurisdictions', sa.JSON(), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('official_id', sa.Integer(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['news_article.id'], name=op.f('fk_news_sanction_statement_article_id_news_article'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_sanction_statement'))
    )
    op.create_index(op.f('ix_news_sanction_statement_article_id'), 'news_sanction_statement', ['article_id'], unique=False)
    op.create_index(op.f('ix_news_sanction_statement_target_key'), 'news_sanction_statement', ['target_key'], unique=False)



def downgrade() -> None:
    op.drop_index(op.f('ix_news_sanction_statement_target_key'), table_name='news_sanction_statement')
    op.drop_index(op.f('ix_news_sanction_statement_article_id'), table_name='news_sanction_statement')
    op.drop_table('news_sanction_statement')
    op.drop_index(op.f('ix_news_quote_article_id'), table_name='news_quote')
    op.drop_table('news_quote')
    op.drop_index(op.f('ix_news_figure_category'), table_name='news_figure')
    op.drop_index(op.f('ix_news_figure_article_id'), table_name='news_figure')
    op.drop_table('news_figure')
    op.drop_index(op.f('ix_news_article_source_id'), table_name='news_article')
    op.drop_index(op.f('ix_news_article_sha256'), table_name='news_article')
    op.drop_index(op.f('ix_news_article_published'), table_name='news_article')
    op.drop_index(op.f('ix_news_article_import_id'), table_name='news_article')
    op.drop_table('news_article')

