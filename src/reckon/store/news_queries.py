"""The news stage's queries: the store owns every query, the news service only asks for what it needs.

Kept beside ``store/news.py`` (the tables) so that the news stage never builds SQL itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reckon.store.imports import get_or_create_source
from reckon.store.models import Record, Source
from reckon.store.news import NewsArticle, NewsFigure


def news_source(session: Session, name: str) -> Source:
    """The news source called ``name``, created (kind ``news``) the first time articles are imported into it."""
    return get_or_create_source(session, name, kind="news", description="articles imported with reckon news import")


def stored_article_id(session: Session, source_id: int, sha256: str) -> int | None:
    """The id of the article of this source with this sha256, if one is stored (re-imports change nothing)."""
    return session.scalar(select(NewsArticle.id).where(NewsArticle.source_id == source_id,
                                                       NewsArticle.sha256 == sha256))


def figures_with_articles(session: Session, category: str | None = None) -> Iterator[tuple[NewsFigure, NewsArticle]]:
    """Every stored figure (of ``category`` when given) with its article."""
    q = select(NewsFigure, NewsArticle).join(NewsArticle, NewsFigure.article_id == NewsArticle.id)
    if category:
        q = q.where(NewsFigure.category == category)
    for row in session.execute(q):
        yield row[0], row[1]


def register_counts_by_status(session: Session) -> dict[str | None, int]:
    """Distinct people (linked persons, else records) per status in the current records of non-news sources."""
    news_sources = select(Source.id).where(Source.kind == "news")
    base = (Record.is_current.is_(True), Record.source_id.not_in(news_sources))
    per_status: dict[str | None, int] = {}
    linked = (select(Record.status, func.count(func.distinct(Record.person_id)))
              .where(*base, Record.person_id.is_not(None)).group_by(Record.status))
    unlinked = (select(Record.status, func.count(Record.id))
                .where(*base, Record.person_id.is_(None)).group_by(Record.status))
    for q in (linked, unlinked):
        for status, n in session.execute(q):
            per_status[status] = per_status.get(status, 0) + n
    return per_status


def article(session: Session, article_id: int) -> NewsArticle | None:
    return session.get(NewsArticle, article_id)


def articles_with_sources(session: Session) -> list[tuple[NewsArticle, str]]:
    """Every stored article with the name of its source, in import order."""
    q = select(NewsArticle, Source.name).join(Source, NewsArticle.source_id == Source.id).order_by(NewsArticle.id)
    return [(art, name) for art, name in session.execute(q)]


def declared_records(session: Session, art: NewsArticle) -> list[dict[str, Any]]:
    """The people ``art`` declared political prisoners: its current records (their identity starts with the
    article's sha256 prefix and feed position, as ``news.service.store_facts`` writes it), in the order the
    article names them, each with its recognition's date and declarer and its person once linked."""
    prefix = f"{art.sha256[:16]}:{art.entry_index}:"
    rows = session.execute(
        select(Record.id, Record.full_name, Record.person_id, Record.extra, Record.row_number)
        .where(Record.source_id == art.source_id, Record.identity.startswith(prefix, autoescape=True),
               Record.is_current.is_(True))
        .order_by(Record.row_number))
    out = []
    for rid, name, person_id, extra, _row in rows:
        ex = json.loads(extra) if isinstance(extra, str | bytes) else (extra or {})
        out.append({"record_id": rid, "name": name, "person_id": person_id,
                    "recognition_date": ex.get("recognition_date"), "recognised_by": ex.get("recognised_by")})
    return out
