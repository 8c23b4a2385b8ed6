"""``extract``: one article (plain text or HTML) in, its facts out. Pure: no database, no network."""

from __future__ import annotations

import re
from datetime import date, datetime

from reckon.dates.months import EN_MONTHS
from reckon.dates.text import iso, iter_cyr_dates, iter_dates, latest_year, parse_iso
from reckon.news import cyr_lexicon as cx
from reckon.news.be_script import restore, view_of
from reckon.news.cyr_facts import extract_cyr_declared, extract_cyr_sanctions, is_cyr_sanctions_doc
from reckon.news.cyr_figures import CyrContext, extract_cyr_figures
from reckon.news.cyr_quotes import extract_cyr_quotes
from reckon.news.declared import extract_declared
from reckon.news.figure_checks import drop_unplaced
from reckon.news.figure_dates import apply_correct_as_of
from reckon.news.figures import FigureContext, extract_figures
from reckon.news.language import SUPPORTED, article_language, detect
from reckon.news.model import ArticleFacts
from reckon.news.persons import group_persons
from reckon.news.quotes import extract_quotes
from reckon.news.sanctions import extract_sanctions, is_sanctions_doc
from reckon.news.text import BODY, BULLET, HEADING, ISO_DATE_PREFIX, TITLE, Layout, layout

_HTML_HINT = re.compile(r"<\s*(html|body|article|div|p|head|meta|title|span|section|!doctype)\b", re.I)
_CYRILLIC_LANGS = ("be", "ru", "uk")
_PRINTED_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|опубликовано|апублікавана|дата публикации|дата)\s*:?\s*|"
    r"[^\W\d_][^\d,.!?:]{0,40},\s*)?"  # or a rubric before the stamp: "Протесты в Белоруссии, 29 сен 2020, 17:16"
    r"(?P<date>\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|\d{1,2}\s+[^\W\d_]+\.?\s+(?:19|20)\d\d|"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:\s*(?:г\.|года)?\s*[,/|–—-]?\s*\d{1,2}:\d{2})?\s*$", re.IGNORECASE)
_WEEKDAY_EN = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
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


def printed_date(lay: Layout) -> date | None:
    """A publication date as a page prints it on a line of its own near the top: "31.07.2024 / 16:44",
    "4 сакавіка 2024", "Oct 6, 2022", "published: 17.08.2024", or an ISO date opening a line. A line that names a weekday is the site's
    "today" banner, not the article's date, and is passed over."""
    for b in lay.blocks[:14]:
        line = b.text.strip()
        lead = ISO_DATE_PREFIX.match(line)
        if lead and parse_iso(lead.group("date")):
            return parse_iso(lead.group("date"))  # "date 2031-05-04 Title …": ISO, never a weekday banner
        if len(line) > 60 or _WEEKDAY_EN.search(line) or cx.WEEKDAY_RE.search(line):
            continue
        m = _PRINTED_DATE_LINE.match(line)
        if not m:
            continue
        text = m.group("date")
        for _s, _e, value in iter_cyr_dates(text):
            if value:
                return parse_iso(value)
        for _s, _e, value in iter_dates(text):
            if value:
                return parse_iso(value)
    return None


def extract(text_or_html: str | bytes, *, published: date | datetime | str | None = None,
            source_hint: str | None = None, title: str | None = None, url: str | None = None,
            outlet: str | None = None, _viewed: bool = False) -> ArticleFacts:
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
            mon = next((EN_MONTHS[p.lower()] for p in parts if p.lower() in EN_MONTHS), None)
            day = next((int(p) for p in parts if p.isdigit() and len(p) <= 2), None)
            if mon and day:
                pub = parse_iso(iso(int(m.group(1)), mon, day))
    if pub is None:
        pub = printed_date(lay)
    facts = ArticleFacts(published=pub.isoformat() if pub else None, title=lay.title, outlet=outlet or lay.outlet,
                         url=url, text=raw)
    block_lang = {i: detect(b.text) for i, b in enumerate(lay.blocks)}
    facts.language, weights = article_language(
        [b.text for b in lay.blocks if b.kind in (TITLE, BODY, BULLET, HEADING)])
    facts.languages = sorted(weights)
    facts.supported = facts.language in SUPPORTED or facts.language is None
    if not _viewed and facts.language in ("be", "be-latn"):
        # Łacinka or Taraškievica: read through the official Cyrillic spelling
        view = view_of(raw, latin=True if facts.language == "be-latn" else None)
        if view is not None:
            found = extract(view.text, published=pub, source_hint=source_hint, title=view_of_title(title),
                            url=url, outlet=outlet, _viewed=True)
            found.languages = facts.languages
            return restore(found, view)
    if not facts.supported:
        return facts  # imported and said to be unsupported: no rules for this language, no guesses
    sentences = lay.sentences((TITLE, BODY, BULLET, HEADING))
    if facts.language in _CYRILLIC_LANGS:
        return _extract_cyrillic(facts, lay, sentences, block_lang, pub, raw)
    sentences = [s for s in sentences if block_lang.get(s.block) not in _CYRILLIC_LANGS]
    ctx = FigureContext(published=pub, fallback_year=pub.year if pub else latest_year(raw),
                        sanctions_doc=is_sanctions_doc(lay.title, raw), outlet=facts.outlet,
                        rights_lists=bool(re.search(r"\blists?\s+of\s+political\s+prisoners\b", raw, re.I)))
    fig_sentences = [s for s in sentences if s.kind in (TITLE, BODY, BULLET)]
    facts.figures = extract_figures(fig_sentences, raw, ctx, title=lay.title)
    # "The number is correct as of …" may stand alone on a line: let it date the figures before it
    apply_correct_as_of(sentences, facts.figures, ctx)
    _title_only(facts.figures)
    facts.figures = drop_unplaced(facts.figures)
    body = "\n".join(b.text for b in lay.blocks if b.kind in (TITLE, BODY, BULLET, HEADING))
    facts.quotes = extract_quotes(lay, body)
    _quoted_reporters(facts)
    speakers = {q.speaker for q in facts.quotes if q.speaker}
    facts.sanctions = _title_repeats_dropped(
        extract_sanctions(sentences, sanctions_doc=ctx.sanctions_doc, published=pub,
                          fallback_year=ctx.fallback_year, speakers=speakers), lay)
    facts.declared_political_prisoners = extract_declared(lay)
    _recognition_details(facts, pub, ctx.fallback_year)
    facts.persons = group_persons(body, extra=sorted(s for s in speakers if len(s.split()) > 1))
    return facts


def view_of_title(title: str | None) -> str | None:
    """A title handed in beside the text (an HTML page's) read through the same spelling view."""
    view = view_of(title) if title else None
    return view.text if view is not None else title


def _quoted_reporters(facts: ArticleFacts) -> None:
    """A figure inside a quotation is its speaker's: "«Сёння памілаваны 52 чалавекі», — сказала Ганна Лапко"
    is Лапко's count, when the sentence names no source of its own."""
    for f in facts.figures:
        if f.reporter is None:
            q = next((q for q in facts.quotes if q.speaker and q.start <= f.start < q.end), None)
            f.reporter = q.speaker if q is not None else None


def _title_only(figures: list) -> None:
    """A title's figure is a headline (a repeat) only when the body gives the same number; "Statement on
    recognition of seven political prisoners" over a list that never counts them is the one statement of it."""
    body_values = {f.value for f in figures if not f.headline}
    for f in figures:
        if f.headline and f.value not in body_values:
            f.headline = False
            f.note = "title only: the body does not give this number"


_RECOGNISERS_EN = re.compile(
    r"((?:the\s+)?(?:Viasna(?:\s+Human\s+Rights\s+Cent(?:er|re))?|(?:Belarusian\s+)?human\s+rights\s+"
    r"(?:community|defenders|activists|groups|organi[sz]ations|cent(?:er|re)s?|institutions|watchdogs)"
    r"(?:\s+of\s+Belarus)?|(?:\w+\s+)?(?:Belarusian\s+)?human\s+rights\s+(?:groups|organi[sz]ations|institutions)))",
    re.IGNORECASE)
_CUSTODY_EN = re.compile(r"\b(in custody|remains? (?:in|behind) (?:prison|jail|bars)|taken into custody|is held|"
                         r"remanded|in pre-trial detention|behind bars)\b", re.IGNORECASE)


def _recognition_details(facts: ArticleFacts, pub: date | None, fallback_year: int | None) -> None:
    """When and by whom the English article's declared political prisoners were recognised, and whether
    it says they are held now (the histories stage turns these into recognition events)."""
    for d in facts.declared_political_prisoners:
        dates = [v for _s, _e, v in iter_dates(d.context, pub, fallback_year) if v]
        d.recognised_on = dates[0] if dates else facts.published
        window = facts.text[max(0, d.start - 1500):d.end]
        found = _RECOGNISERS_EN.findall(window)
        d.recognised_by = found[-1].strip() if found else None
        d.in_custody = bool(_CUSTODY_EN.search(d.context))


def _extract_cyrillic(facts: ArticleFacts, lay: Layout, sentences: list, block_lang: dict, pub: date | None,
                      raw: str) -> ArticleFacts:
    """Belarusian and Russian articles: their own rules (``cyr_*``); English paragraphs in them still get
    the English figure rules."""
    cyr = [s for s in sentences if block_lang.get(s.block) in _CYRILLIC_LANGS]
    eng = [s for s in sentences if block_lang.get(s.block) == "en" and s.kind in (TITLE, BODY, BULLET)]
    fallback_year = pub.year if pub else latest_year(raw)
    sanctions_doc = is_cyr_sanctions_doc(lay.title, raw)
    ctx = CyrContext(published=pub, fallback_year=fallback_year, sanctions_doc=sanctions_doc)
    facts.figures = extract_cyr_figures([s for s in cyr if s.kind in (TITLE, BODY, BULLET, HEADING)], ctx)
    if eng:
        en_ctx = FigureContext(published=pub, fallback_year=fallback_year, sanctions_doc=sanctions_doc,
                               outlet=facts.outlet)
        facts.figures += extract_figures(eng, raw, en_ctx, title=lay.title)
    _title_only(facts.figures)
    facts.figures = drop_unplaced(facts.figures)
    body_blocks = []
    for b in lay.blocks:
        if b.kind in (TITLE, BODY, BULLET, HEADING):
            start = raw.rfind("\n", 0, b.start) + 1 if b.kind == BULLET else b.start
            body_blocks.append((start, raw[start:b.end]))  # a dash before direct speech is kept
    body = "\n".join(t for _, t in body_blocks)
    facts.quotes = extract_cyr_quotes(body)
    _respan_quotes(facts, body_blocks)
    _quoted_reporters(facts)
    speakers = {q.speaker for q in facts.quotes if q.speaker}
    facts.sanctions = extract_cyr_sanctions(cyr, sanctions_doc=sanctions_doc,
                                            published=pub.isoformat() if pub else None, speakers=speakers)
    facts.declared_political_prisoners = extract_cyr_declared(lay, cyr, published=facts.published,
                                                              fallback_year=fallback_year)
    facts.persons = group_persons(body, extra=sorted(s for s in speakers if len(s.split()) > 1))
    return facts


def _title_repeats_dropped(statements: list, lay: Layout) -> list:
    """A title's sanctions statement that the body makes again ("UK, Canada sanction officials, including
    A. L." over "… on eight individuals: A. L.; …") is a headline repeat, as a title's figure is."""
    title = next((b for b in lay.blocks if b.kind == TITLE), None)
    in_title = [st for st in statements if title is not None and title.start <= st.sentence_start < title.end]
    body = [st for st in statements if st not in in_title]
    body_keys = {(st.target, j) for st in body for j in st.jurisdictions}
    kept = [st for st in in_title if not all((st.target, j) in body_keys for j in st.jurisdictions)]
    # "The UK imposed sanctions on A. L. and …" and then the list "…: A. L.; …": one statement said twice
    out, seen = [], set()
    for st in statements:
        key = (st.target, tuple(sorted(st.jurisdictions)))
        if (st in body or st in kept) and (key not in seen or st.target is None):
            seen.add(key)
            out.append(st)
    return out


def _respan_quotes(facts: ArticleFacts, blocks: list) -> None:
    """Quote spans were found in the joined body text: map them back to the article text."""
    starts = []
    pos = 0
    for start, text in blocks:
        starts.append((pos, start))
        pos += len(text) + 1
    for q in facts.quotes:
        for (joined_at, raw_at) in reversed(starts):
            if q.start >= joined_at:
                shift = raw_at - joined_at
                q.start += shift
                q.end += shift
                break
        q.sentence = facts.text[max(0, q.start - 1):min(len(facts.text), q.end + 1)]
