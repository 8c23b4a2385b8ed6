"""Storing articles and their facts in a workspace, and reading the reported figures back.

Import is idempotent by the article's sha256 within a source: the same file imported twice changes
nothing. Each file is its own transaction, so one bad file never stops a folder. People declared political
prisoners become ``Record`` rows of the news source (raw = the extracted fact, file_name = the article
file, row_number = their position), so linkage treats them like rows of any list.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reckon.errors import N_, InputError
from reckon.i18n import number
from reckon.news.extract import extract
from reckon.news.language import detect
from reckon.news.model import ArticleFacts
from reckon.news.readers import RawArticle, iter_paths, read_file, sha256
from reckon.news.reporter_keys import reporter_key
from reckon.store import news_queries as nq
from reckon.store.audit import audit
from reckon.store.db import session_scope
from reckon.store.models import ImportBatch, Record, Source
from reckon.store.news import NewsArticle, NewsFigure, NewsQuote, NewsSanctionStatement

EXTRACTOR_VERSION = "1"
DEFAULT_SOURCE = "news"


@dataclass
class FileResult:
    file: str
    status: str  # imported | unchanged | skipped (not an article: ``error`` says why) | error
    articles: int = 0
    figures: int = 0
    sanctions: int = 0
    quotes: int = 0
    declared: int = 0
    error: str | None = None
    languages: list[str] = field(default_factory=list)  # main language of each article imported
    unsupported: int = 0  # articles in a language reckon does not read: stored, no facts taken
    already: int = 0  # articles of the file stored by an earlier import (same text): left as they are
    cause: InputError | None = field(default=None, repr=False, compare=False)
    """The error itself, so a surface says it in its reader's language (``error`` stays English, for logs)."""


@dataclass
class NewsImportReport:
    source: str
    files: list[FileResult] = field(default_factory=list)

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]

    def totals(self) -> dict[str, int]:
        keys = ("articles", "figures", "sanctions", "quotes", "declared", "unsupported")
        out = {k: sum(getattr(f, k) for f in self.files) for k in keys}
        out["files"] = len(self.files)
        out["imported"] = sum(f.status == "imported" for f in self.files)
        out["unchanged"] = sum(f.status == "unchanged" for f in self.files)
        out["errors"] = len(self.errors)
        out["skipped"] = sum(f.status == "skipped" for f in self.files)
        return out


def _source(session: Session, name: str) -> Source:
    return nq.news_source(session, name)


def _as_iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def import_paths(workspace, paths: Iterable[Path | str], *, source: str = DEFAULT_SOURCE,
                 published: date | str | None = None, actor: str | None = None,
                 on_file: Callable[[FileResult], None] | None = None) -> NewsImportReport:
    """Import article files and folders (text, HTML, RSS/Atom, WARC) into ``source``.

    A file that cannot be read or parsed gets an error result with the reason; the others still import.
    """
    report = NewsImportReport(source=source)
    for path, skip in iter_paths([Path(p) for p in paths]):
        if skip is not None:
            result = FileResult(file=path.name, status="skipped", error=skip)
            report.files.append(result)
            if on_file is not None:
                on_file(result)
            continue
        try:
            if not path.exists():
                raise InputError.of(N_("no such file or folder"), file=str(path))
            raws = read_file(path)
            result = _import_raws(workspace, raws, source=source, published=published, actor=actor)
        except InputError as exc:
            result = FileResult(file=path.name, status="error", error=str(exc), cause=exc)
        except Exception as exc:  # a parser bug must not stop the folder: report it like bad input
            result = FileResult(file=path.name, status="error",
                                error=f"file {path.name}: could not be processed ({type(exc).__name__})")
        report.files.append(result)
        if on_file is not None:
            on_file(result)
    return report


def import_text(workspace, text: str, *, file_name: str, source: str = DEFAULT_SOURCE,
                published: date | str | None = None, actor: str | None = None, fmt: str = "text") -> FileResult:
    """Import one article given as a string (the demo and the web app use this)."""
    data = text.encode("utf-8")
    raw = RawArticle(file_name=file_name, sha256=sha256(data), content=text, fmt=fmt)
    return _import_raws(workspace, [raw], source=source, published=published, actor=actor)


def shared_seed_path() -> Path | None:
    """The seed article in ../shared/eval/news beside the project, when it is there."""
    root = Path(__file__).resolve().parents[3]
    base = Path(os.environ.get("RECKON_SHARED", root.parent / "shared"))
    folder = base / "eval" / "news"
    if not folder.is_dir():
        return None
    seeds = sorted(folder.glob("seed_*.txt"))
    return seeds[0] if seeds else None


def import_seed_if_present(workspace, *, actor: str | None = None) -> FileResult | None:
    path = shared_seed_path()
    if path is None:
        return None
    report = import_paths(workspace, [path], source="news-seed", actor=actor)
    return report.files[0] if report.files else None


def _import_raws(workspace, raws: list[RawArticle], *, source: str, published, actor: str | None) -> FileResult:
    name = raws[0].file_name if raws else "?"
    result = FileResult(file=name, status="unchanged")
    with session_scope(workspace.database_url) as session:
        src = _source(session, source)
        batch: ImportBatch | None = None
        for raw in raws:
            exists = nq.stored_article_id(session, src.id, raw.sha256)
            if exists is not None:
                result.already += 1
                continue
            facts = extract(raw.content, published=published or raw.published, source_hint=raw.url or raw.file_name,
                            title=raw.title, url=raw.url, outlet=raw.outlet)
            if batch is None:
                batch = ImportBatch(source_id=src.id, file_name=raw.file_name, file_sha256=raw.sha256,
                                    file_format=raw.fmt, mapping={"extractor": f"reckon.news/{EXTRACTOR_VERSION}"},
                                    actor=actor or "cli")
                session.add(batch)
                session.flush()
            article = store_facts(session, src, batch, raw, facts)
            result.status = "imported"
            result.articles += 1
            result.figures += len(article.figures)
            result.sanctions += len(article.sanctions)
            result.quotes += len(article.quotes)
            result.declared += len(facts.declared_political_prisoners)
            result.languages.append(facts.language or "?")
            result.unsupported += not facts.supported
        if batch is not None:
            batch.rows_read = batch.rows_new = result.declared
            from reckon.store.base import utcnow

            batch.finished_at = utcnow()
            audit(session, "news.import", actor=actor, target_type="import_batch", target_ids=[batch.id],
                  file=name, source=source, articles=result.articles, figures=result.figures,
                  declared=result.declared)
    return result


def _parse_name(name: str) -> dict[str, Any]:
    try:
        from reckon.names import parse

        parsed = parse(name)
        if parsed:
            p = parsed[0]
            return {"surname": p.surname, "given_name": p.given, "patronymic": p.patronymic,
                    "initials": p.initials}
    except Exception:  # reckon.names is optional here: fall back to "Given Surname"
        pass
    parts = name.split()
    return {"surname": parts[-1] if parts else None, "given_name": " ".join(parts[:-1]) or None}


def store_facts(session: Session, src: Source, batch: ImportBatch, raw: RawArticle,
                facts: ArticleFacts) -> NewsArticle:
    article = NewsArticle(source_id=src.id, import_id=batch.id, file_name=raw.file_name, entry_index=raw.index,
                          sha256=raw.sha256, file_format=raw.fmt, url=(facts.url or raw.url),
                          title=(facts.title or None) and facts.title[:1000], outlet=facts.outlet,
                          published=facts.published, language=facts.language and facts.language[:8],
                          text=facts.text,
                          persons=[asdict(p) for p in facts.persons], extractor_version=EXTRACTOR_VERSION)
    session.add(article)
    session.flush()
    rows: list[NewsFigure] = []
    for i, f in enumerate(facts.figures):
        row = NewsFigure(article_id=article.id, idx=i, value=f.value, qualifier=f.qualifier, category=f.category,
                         reporter=f.reporter and f.reporter[:300], as_of=f.as_of, counted=f.counted,
                         headline=f.headline, note=f.note, sentence=f.sentence, start=f.start, end=f.end,
                         sentence_start=f.sentence_start, sentence_end=f.sentence_end)
        article.figures.append(row)
        rows.append(row)
    session.flush()
    for f, row in zip(facts.figures, rows, strict=True):
        if f.parent is not None and 0 <= f.parent < len(rows):
            row.parent_id = rows[f.parent].id
    from reckon.news.persons import name_key

    _match_officials(session, facts)
    for s in facts.sanctions:
        article.sanctions.append(NewsSanctionStatement(
            target=s.target, target_key=name_key(s.target)[0][:200] if s.target else None, role=s.role and s.role[:500],
            jurisdictions=s.jurisdictions, date=s.date, official_id=s.official_id, sentence=s.sentence,
            sentence_start=s.sentence_start, sentence_end=s.sentence_end))
    for q in facts.quotes:
        article.quotes.append(NewsQuote(speaker=q.speaker, text=q.text, start=q.start, end=q.end, sentence=q.sentence))
    for i, d in enumerate(facts.declared_political_prisoners):
        fact = asdict(d)
        fact.update({"article_sha256": raw.sha256, "article_title": facts.title, "article_url": facts.url or raw.url,
                     "published": facts.published, "outlet": facts.outlet})
        content_hash = hashlib.sha256(json.dumps(fact, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        parts = _parse_name(d.name)
        session.add(Record(
            source_id=src.id, import_id=batch.id, identity=f"{raw.sha256[:16]}:{raw.index}:{i}", version=1,
            is_current=True, content_hash=content_hash, row_number=i, raw=fact,
            full_name=d.name, surname=parts.get("surname"), given_name=parts.get("given_name"),
            patronymic=parts.get("patronymic"), initials=parts.get("initials"),
            articles=[a.strip() for a in (d.article or "").split(";") if a.strip()],
            sentence=d.sentence_text, status="in_custody" if d.in_custody else "unknown",
            extra={"news_article_id": article.id, "declared_political_prisoner": True,
                   "declared_on": facts.published,
                   # read by the histories stage as a recognition event (partial ISO date, declarers as written)
                   "recognition_date": d.recognised_on or facts.published, "recognised_by": d.recognised_by,
                   "language": facts.language},
        ))
    session.flush()
    _report_sanctions(session, src, facts, article)
    return article


def _match_officials(session: Session, facts: ArticleFacts) -> None:
    """Fill ``official_id`` of each statement whose target clearly names one official of the sanctions stage."""
    if not facts.sanctions:
        return
    try:
        from reckon.sanctions.service import OfficialIndex

        with session.begin_nested():  # a failure here must not spoil the import's transaction
            index = OfficialIndex(session)
    except Exception:  # the sanctions stage is optional for news
        return
    for s in facts.sanctions:
        if s.target and s.official_id is None:
            try:
                s.official_id, _score = index.find(s.target)
            except Exception:
                s.official_id = None


def _report_sanctions(session: Session, src: Source, facts: ArticleFacts, article: NewsArticle) -> None:
    """Hand the statements to the sanctions stage (kept there as *reported*), when that stage is present."""
    if not facts.sanctions:
        return
    try:
        from reckon.sanctions.service import add_reported_sanctions
    except Exception:
        return
    try:
        with session.begin_nested():
            add_reported_sanctions(session, [
                {"target": s.target, "role": s.role, "jurisdictions": s.jurisdictions, "date": s.date,
                 "sentence": s.sentence, "url": facts.url, "official_id": s.official_id} for s in facts.sanctions
            ], source=src.name, document=facts.url or article.file_name)
    except Exception:  # the news import never fails because another stage cannot take the statements
        pass


# ------------------------------------------------------------------------------------------- views

FIGURE_COLUMNS = ["date", "category", "value", "qualifier", "kind", "language", "reporter", "reporter_as_written",
                  "outlet", "title",
                  "sentence", "article_id", "figure_id"]


def figure_series(workspace, *, category: str | None = None, include_headlines: bool = False,
                  include_subcounts: bool = False,
                  estimates: Iterable[dict[str, Any]] = (), documented: bool = True) -> list[dict[str, Any]]:
    """The reported figures over time (date = as_of, else publication), with the register's own count.

    kind is ``reported`` for a figure an article attributes, ``estimated`` for one qualified "about" (an
    estimate), and ``documented`` for the register's own current count on today's date. ``estimates`` adds
    reckon's own estimates (dicts with value, and optionally date, lower, upper, method, category), e.g. a
    multiple-systems estimate of the total, so the chart shows documented vs reported vs estimated.
    ``documented=False`` leaves the register's count out (it scans the current records; the dashboard
    draws its own from the histories). ``reporter`` is the reporter's key in the nominative
    (:func:`reckon.news.reporter_keys.reporter_key`: "по данным правозащитников" and "правозащитники" are one
    reporter in every table and legend), ``reporter_as_written`` the words of the article.
    """
    rows: list[dict[str, Any]] = []
    with session_scope(workspace.database_url) as session:
        for fig, art in nq.figures_with_articles(session, category):
            if fig.headline and not include_headlines:
                continue
            if fig.parent_id is not None and not include_subcounts:
                continue
            language = art.language or detect(fig.sentence or "") or detect(art.title or "")
            rows.append({
                "date": fig.as_of or art.published, "value": fig.value, "qualifier": fig.qualifier,
                "language": language,
                "category": fig.category, "kind": "estimated" if fig.qualifier == "about" else "reported",
                "reporter": reporter_key(fig.reporter, language), "reporter_as_written": fig.reporter,
                "outlet": art.outlet, "title": art.title, "sentence": fig.sentence,
                "article_id": art.id, "figure_id": fig.id,
            })
        counts = documented_counts(session) if documented else {}
    for cat, count in counts.items():
        if category and cat != category:
            continue
        rows.append({"date": date.today().isoformat(), "value": count, "qualifier": "exact", "category": cat,
                     "language": None,
                     "kind": "documented", "reporter": "reckon register", "reporter_as_written": None, "outlet": None, "title": None,
                     "sentence": None, "article_id": None, "figure_id": None})
    for est in estimates:
        cat = est.get("category") or category or "political_prisoners"
        if category and cat != category:
            continue
        rows.append({"date": est.get("date") or date.today().isoformat(), "value": int(round(est["value"])),
                     "qualifier": "about", "category": cat, "kind": "estimated", "language": None,
                     "reporter": f"reckon estimate ({est.get('method') or 'MSE'})", "reporter_as_written": None, "outlet": None, "title": None,
                     "sentence": None, "article_id": None, "figure_id": None,
                     "lower": est.get("lower"), "upper": est.get("upper")})
    # by category, then date: figures in Belarusian, Russian and English stand side by side at their dates
    rows.sort(key=lambda r: (r["category"], r["date"] or "", r["kind"], r["language"] or ""))
    return rows


SIDE_BY_SIDE_LANGUAGES = ("be", "ru", "en")
SIDE_BY_SIDE_COLUMNS = ["category", "date", *SIDE_BY_SIDE_LANGUAGES, "other"]


def side_by_side(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reported figures of ``figure_series`` as one row per (category, date), one column per language.

    A documenter compares what Belarusian, Russian and English articles said about the same count on the
    same day; cells list each value with its qualifier ("≥1,405", "~5,000"), distinct values only, written as
    the language in force writes numbers ("≥1 405" in be/ru: a surface that caches the table keys it by
    language, as the dashboard does). The
    register's own count and reckon's estimates are not articles and are left out.
    """
    marks = {"at_least": "≥", "more_than": ">", "about": "~", "up_to": "≤", "less_than": "<"}
    cells: dict[tuple[str, str], dict[str, list[str]]] = {}
    for r in rows:
        if r.get("article_id") is None:
            continue
        lang = r.get("language") if r.get("language") in SIDE_BY_SIDE_LANGUAGES else "other"
        cell = cells.setdefault((r["category"], r.get("date") or ""), {}).setdefault(lang, [])
        text = f"{marks.get(r.get('qualifier') or '', '')}{number(r['value'])}"   # "≥1 267" in be/ru
        if text not in cell:
            cell.append(text)
    return [{"category": cat, "date": day or None,
             **{lang: ", ".join(by_lang.get(lang, [])) for lang in (*SIDE_BY_SIDE_LANGUAGES, "other")}}
            for (cat, day), by_lang in sorted(cells.items())]


def documented_counts(session: Session) -> dict[str, int]:
    """The register's own count per category: distinct people (linked persons, else records) in lists."""
    status_to_category = {"in_custody": "political_prisoners", "persecuted": "persecuted", "released": "released",
                          "deceased": "died"}
    per_status = nq.register_counts_by_status(session)
    counts: dict[str, int] = {}
    for status, n in per_status.items():
        cat = status_to_category.get(status or "")
        if cat:
            counts[cat] = counts.get(cat, 0) + n
    total = sum(per_status.values())
    if total:
        # everyone in a list of persecution is persecuted, whatever their status now
        counts["persecuted"] = total
    return counts


def article_facts(workspace, article_id: int) -> dict[str, Any] | None:
    """One stored article with its facts (for the web app and the demo)."""
    with session_scope(workspace.database_url) as session:
        art = nq.article(session, article_id)
        if art is None:
            return None
        return {
            "id": art.id, "title": art.title, "outlet": art.outlet, "published": art.published, "url": art.url,
            "language": art.language,
            "file_name": art.file_name,
            "figures": [{"value": f.value, "qualifier": f.qualifier, "category": f.category, "reporter": f.reporter,
                         "as_of": f.as_of, "sentence": f.sentence, "headline": f.headline} for f in art.figures],
            "sanctions": [{"target": s.target, "role": s.role, "jurisdictions": s.jurisdictions, "date": s.date,
                           "sentence": s.sentence} for s in art.sanctions],
            "quotes": [{"speaker": q.speaker, "text": q.text} for q in art.quotes],
            "persons": art.persons,
            # the people it declared political prisoners, with their recognition and person once linked
            "declared": nq.declared_records(session, art),
        }


def list_articles(workspace) -> list[dict[str, Any]]:
    with session_scope(workspace.database_url) as session:
        out = []
        for art, src in nq.articles_with_sources(session):
            out.append({"id": art.id, "source": src, "file": art.file_name, "published": art.published,
                        "language": art.language,
                        "outlet": art.outlet, "title": art.title, "figures": len(art.figures),
                        "sanctions": len(art.sanctions), "quotes": len(art.quotes)})
        return out
