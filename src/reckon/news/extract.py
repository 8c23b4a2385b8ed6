"""``extract``: one article (plain text or HTML) in, its facts out. Pure: no database, no network."""

from __future__ import annotations

import re
from datetime import date, datetime

from reckon.news.dates import MONTHS, iso, latest_year, parse_iso
from reckon.news.declared import extract_declared
from reckon.news.figures import FigureContext, apply_correct_as_of, extract_figures
from reckon.news.model import ArticleFacts
from reckon.news.persons import group_persons
from reckon.news.quotes import extract_quotes
from reckon.news.sanctions import extract_sanctions, is_sanctions_doc
from reckon.news.text import BODY, BULLET, HEADING, TITLE, layout

_HTML_HINT = re.compile(r"<\s*(html|body|article|div|p|head|meta|title|span|section|!doctype)\b", re.I)
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4000]))


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_iso(value)


def date_from_name(name: str | None) -> date | None:
    """A date written in a file name ("seed_pozirk_2024-03-04.txt"), a common way archives keep it."""
    if not name:
        return None
    m = _FILE_DATE.search(name)
    if not m:
        return None
    return parse_iso(iso(int(m.group(1)), int(m.group(2)), int(m.group(3))))


def extract(text_or_html: str | bytes, *, published: date | datetime | str | None = None,
            source_hint: str | None = None, title: str | None = None, url: str | None = None,
            outlet: str | None = None) -> ArticleFacts:
    """The facts of one article.

    ``published`` wins over anything the page says; ``source_hint`` (a file name or URL) tells HTML from
    text and may carry a date. Never raises on odd text: what cannot be understood is left out.
    """
    if isinstance(text_or_html, bytes):
        from reckon.news.readers import decode

        text_or_html = decode(text_or_html, source_hint or "<bytes>")
    raw = text_or_html.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    meta_date: date | None = None
    if looks_like_html(raw):
        from reckon.news.readers import html_to_text

        page = html_to_text(raw, url=url or source_hint)
        raw = page.text
        title = title or page.title
        outlet = outlet or page.outlet
        url = url or page.url
        meta_date = _as_date(page.published)
    lay = layout(raw, title=title)
    pub = _as_date(published) or meta_date or date_from_name(source_hint)
    if pub is None and lay.dateline_date:
        m = re.search(r"((?:19|20)\d\d)", lay.dateline_date)
        if m:
            parts = re.findall(r"[A-Za-z]+|\d+", lay.dateline_date)
            mon = next((MONTHS[p.lower()] for p in parts if p.lower() in MONTHS), None)
            day = next((int(p) for p in parts if p.isdigit() and len(p) <= 2), None)
            if mon and day:
                pub = parse_iso(iso(int(m.group(1)), mon, day))
    facts = ArticleFacts(published=pub.isoformat() if pub else None, title=lay.title, outlet=outlet or lay.outlet,
                         url=url, text=raw)
    sentences = lay.sentences((TITLE, BODY, BULLET, HEADING))
    ctx = FigureContext(published=pub, fallback_year=pub.year if pub else latest_year(raw),
                        sanctions_doc=is_sanctions_doc(lay.title, raw), outlet=facts.outlet)
    fig_sentences = [s for s in sentences if s.kind in (TITLE, BODY, BULLET)]
    facts.figures = extract_figures(fig_sentences, raw, ctx, title=lay.title)
    # "The number is correct as of …" may stand alone on a line: let it date the figures before it
    apply_correct_as_of(sentences, facts.figures, ctx)
    body = "\n".join(b.text for b in lay.blocks if b.kind in (TITLE, BODY, BULLET, HEADING))
    facts.quotes = extract_quotes(lay, body)
    speakers = {q.speaker for q in facts.quotes if q.speaker}
    facts.sanctions = extract_sanctions(sentences, sanctions_doc=ctx.sanctions_doc, published=pub,
                                        fallback_year=ctx.fallback_year, speakers=speakers)
    facts.declared_political_prisoners = extract_declared(lay)
    facts.persons = group_persons(body, extra=sorted(s for s in speakers if len(s.split()) > 1))
    return facts
