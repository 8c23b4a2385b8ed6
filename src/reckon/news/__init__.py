"""News: the figures others publish, people newly declared political prisoners, sanctions, quotes.

``extract`` is pure (text or HTML in, :class:`ArticleFacts` out); ``reckon.news.service`` stores articles
and facts in a workspace; ``reckon.news.plots`` draws the reported-figures chart.
"""

from reckon.news.demo import demo_article, import_demo
from reckon.news.extract import extract
from reckon.news.model import (
    CATEGORIES,
    QUALIFIERS,
    ArticleFacts,
    DeclaredPrisoner,
    Figure,
    PersonMention,
    Quote,
    SanctionStatement,
)

__all__ = [
    "CATEGORIES", "QUALIFIERS", "ArticleFacts", "DeclaredPrisoner", "Figure", "PersonMention", "Quote",
    "SanctionStatement", "demo_article", "extract", "import_demo",
]
