"""Tables of the news stage: articles and the facts extracted from them, each with its sentence span.

People an article declares political prisoners are not stored here: they become ``Record`` rows of the
news source (raw = the extracted fact), so they enter linkage like any list row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from reckon.store.base import Base, utcnow


class NewsArticle(Base):
    """One article as imported: where it came from, its text, and what extraction found in it."""

    __tablename__ = "news_article"
    __table_args__ = (UniqueConstraint("source_id", "sha256", name="uq_news_article_source_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    entry_index: Mapped[int] = mapped_column(Integer, default=0)  # position inside a feed or WARC file
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_format: Mapped[str] = mapped_column(String(20), default="text")
    url: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(1000))
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    # main language of the article (be, ru, en; another code when reckon cannot read it), migration 0011
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    persons: Mapped[list] = mapped_column(default=list)  # [{name, spellings, count}]
    extractor_version: Mapped[str] = mapped_column(String(20), default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    figures: Mapped[list[NewsFigure]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                     order_by="NewsFigure.idx")
    sanctions: Mapped[list[NewsSanctionStatement]] = relationship(back_populates="article",
                                                                  cascade="all, delete-orphan")
    quotes: Mapped[list[NewsQuote]] = relationship(back_populates="article", cascade="all, delete-orphan")


class NewsFigure(Base):
    """A number the article reports: "at least 1,405 political prisoners as of 4 March, per Viasna"."""

    __tablename__ = "news_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_article.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(BigInteger)
    qualifier: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40), index=True)
    reporter: Mapped[str | None] = mapped_column(String(300))
    as_of: Mapped[str | None] = mapped_column(String(10))
    counted: Mapped[str | None] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("news_figure.id", ondelete="SET NULL"))
    headline: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(500))
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)

    article: Mapped[NewsArticle] = relationship(back_populates="figures")


class NewsSanctionStatement(Base):
    """An article's statement that jurisdictions sanctioned a named person."""

    __tablename__ = "news_sanction_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_article.id", ondelete="CASCADE"), index=True)
    target: Mapped[str | None] = mapped_column(String(500))
    target_key: Mapped[str | None] = mapped_column(String(200), index=True)  # cross-spelling surname key
    role: Mapped[str | None] = mapped_column(String(500))
    jurisdictions: Mapped[list] = mapped_column(default=list)
    date: Mapped[str | None] = mapped_column(String(10))
    official_id: Mapped[int | None] = mapped_column(Integer)  # the sanctions stage's official, when matched
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)

    article: Mapped[NewsArticle] = relationship(back_populates="sanctions")


class NewsQuote(Base):
    """Words in quotation marks and who said them."""

    __tablename__ = "news_quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_article.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)

    article: Mapped[NewsArticle] = relationship(back_populates="quotes")


# The names the issue uses for these tables.
Article = NewsArticle
Figure = NewsFigure
SanctionStatement = NewsSanctionStatement
Quote = NewsQuote


def article_spans(session: Session, article_id: int) -> dict[str, Any]:
    """An article's text and every fact with the character span it was found at (figures, quotes,
    sanction statements), for the page that marks them in the text; {} when there is no such article."""
    art = session.get(NewsArticle, article_id)
    if art is None:
        return {}
    facts = [{"start": f.start, "end": f.end, "kind": "figure", "value": f"{f.value:,} {f.category or ''}".strip(),
              "number": f.value, "category": f.category, "reporter": f.reporter, "as_of": f.as_of, "qualifier": f.qualifier} for f in art.figures]
    facts += [{"start": q.start, "end": q.end, "kind": "quote", "value": q.speaker or "quote"} for q in art.quotes]
    facts += [{"start": x.sentence_start, "end": x.sentence_end, "kind": "sanction",
               "value": f"{x.target or ''} {', '.join(x.jurisdictions or [])}".strip()} for x in art.sanctions]
    return {"text": art.text, "facts": facts}
