"""news_article.language: the article's main language (be, ru, en, or another ISO code when unsupported)

Figures are shown side by side by language (``reckon figures``, the dashboard); detecting the language again
from each figure's sentence at every read gave a sentence-level guess, not the article's.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("news_article") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))
        batch.create_index("ix_news_article_language", ["language"])


def downgrade() -> None:
    with op.batch_alter_table("news_article") as batch:
        batch.drop_index("ix_news_article_language")
        batch.drop_column("language")
