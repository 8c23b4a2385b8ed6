"""Reading article files: plain text, HTML (trafilatura), RSS/Atom (feedparser), WARC (warcio), folders.

Everything is local: trafilatura is given the page's text and never a URL to fetch, feedparser is given
bytes, WARC records are read from the file. Each bad file raises ``InputError`` naming the file and why,
so a folder import can report it and go on.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reckon.errors import N_, InputError

MIN_WORDS = 5
MAX_BYTES = 8 * 1024 * 1024  # a news page is never this big; larger files are refused, not parsed
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
WARC_SUFFIXES = {".warc", ".gz"}


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass
class RawArticle:
    """One article as read from a file (a feed or WARC file yields several)."""

    file_name: str
    sha256: str  # of the article's own bytes (the entry/record for feeds and WARCs)
    content: str  # text or HTML
    fmt: str  # text | html | rss | warc
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    index: int = 0


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else what charset-normalizer is confident about."""
    if not data.strip():
        raise InputError.of(N_("the file is empty"), file=name)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.of(N_("the file is binary, not a text, HTML, feed or WARC file"), file=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError.of(N_("unknown text encoding (not UTF-8 and no confident guess); save it as UTF-8"),
                            file=name)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError.of(N_("the text does not decode as %(encoding)s; save it as UTF-8"), file=name,
                            encoding=best.encoding) from None


def html_to_text(html: str, *, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page through trafilatura (no fetching, no fallback crawling)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, fast=True, deduplicate=False)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise InputError.of(N_("the HTML could not be parsed (%(kind)s)"), file=url, kind=type(exc).__name__) from exc
    if doc is None:
        text = _strip_tags(html)
        if not text.strip():
            raise InputError.of(N_("the HTML page has no readable text"), file=url)
        return Page(text=text, url=url)
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    if not text.strip():
        text = _strip_tags(html)
    if not text.strip():
        raise InputError.of(N_("the HTML page has no readable text"), file=url)
    title = _real_title(get("title"), html, text)
    body = text
    if title and not body.lstrip().startswith(title.strip()):
        body = title.strip() + "\n\n" + body
    return Page(text=body, title=title, published=get("date"), outlet=get("sitename"), url=get("url") or url)


_HEADING = re.compile(r"(?is)<h([12])\b[^>]*>(?P<h>.*?)</h\1\s*>")
_ALT = re.compile(r"""(?is)<img\b[^>]*?\balt\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)')""")


def _real_title(title: str | None, html: str, text: str) -> str | None:
    """The page's metadata title, unless it is an image's alt text (a site logo): then the first h1/h2 heading
    whose words the article text carries, else none (the text's first line is then read as the title)."""
    if not title or not title.strip():
        return title
    import html as _h

    from reckon.news.text import LOGO_ALT

    def plain(fragment: str) -> str:
        return " ".join(_h.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())

    alts = {plain(m.group("a") or m.group("b") or "").casefold() for m in _ALT.finditer(html)}
    if not LOGO_ALT.search(title) and " ".join(title.split()).casefold() not in alts:
        return title
    flat = " ".join(text.split())
    return next((h for m in _HEADING.finditer(html) if (h := plain(m.group("h"))) and h in flat), None)


def _strip_tags(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|noscript)[^>]*>.*?</\1>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</li>", "\n", html)
    text = re.sub(r"<[^>]+>", " ", html)
    import html as _h

    text = _h.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    low = head[:2048].lstrip().lower()
    if suffix in WARC_SUFFIXES or head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc"
    if low.startswith(b"<?xml") and (b"<rss" in low or b"<feed" in low or b"<rdf" in low) or \
            low.startswith((b"<rss", b"<feed")) or suffix in {".rss", ".atom"}:
        return "rss"
    if suffix in HTML_SUFFIXES or re.search(rb"<\s*(html|body|!doctype|article|div|p)\b", low):
        return "html"
    return "text"


def read_file(path: Path) -> list[RawArticle]:
    """The articles in one file; raises InputError for files that cannot be articles."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError.of(N_("cannot read the file (%(reason)s)"), file=name, reason=exc.strerror) from exc
    if size == 0:
        raise InputError.of(N_("the file is empty"), file=name)
    if size > MAX_BYTES:
        raise InputError.of(N_("the file is %(size)s MB; news pages over %(limit)s MB are refused"), file=name,
                           size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024))
    data = path.read_bytes()
    kind = _kind(path, data[:4096])
    if kind == "warc":
        return list(_read_warc(data, name))
    if kind == "rss":
        return list(_read_feed(data, name))
    text = decode(data, name)
    if not text.strip():
        raise InputError.of(N_("the file has no text"), file=name)
    if kind == "html":
        page = html_to_text(text, url=name)  # fail here, per file, on pages with no readable text
        if len(re.findall(r"\w+", page.text)) < MIN_WORDS:
            raise InputError.of(N_("the HTML page has no article text (broken or empty markup)"), file=name)
        return [RawArticle(name, sha256(data), page.text, "html", url=page.url if page.url != name else None,
                           title=page.title, published=page.published, outlet=page.outlet)]
    if _binaryish(text):
        raise InputError.of(N_("the file does not look like text (too many control characters)"), file=name)
    if len(re.findall(r"\w+", text)) < MIN_WORDS:
        raise InputError.of(N_("the file has too few words to be an article"), file=name)
    return [RawArticle(name, sha256(data), text, "text")]


def _binaryish(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad > max(5, len(sample) // 100)


def _read_feed(data: bytes, name: str) -> Iterator[RawArticle]:
    import feedparser

    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None)
        if why:
            raise InputError.of(N_("the feed has no entries (%(kind)s)"), file=name, kind=type(why).__name__)
        raise InputError.of(N_("the feed has no entries"), file=name)
    outlet = (feed.feed.get("title") if getattr(feed, "feed", None) else None) or None
    for i, entry in enumerate(feed.entries):
        content = ""
        if entry.get("content"):
            content = "\n".join(c.get("value", "") for c in entry["content"])
        content = content or entry.get("summary", "") or ""
        title = entry.get("title")
        published = None
        for key in ("published_parsed", "updated_parsed"):
            if entry.get(key):
                t = entry[key]
                published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        text = _strip_tags(content) if "<" in content else content
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        if not text.strip():
            continue
        raw = (entry.get("id") or entry.get("link") or "") + text
        yield RawArticle(name, sha256(raw.encode("utf-8")), text, "rss", url=entry.get("link"), title=title,
                         published=published, outlet=outlet, index=i)


def _read_warc(data: bytes, name: str) -> Iterator[RawArticle]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        for i, record in enumerate(ArchiveIterator(io.BytesIO(data))):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower() and "text" not in ctype.lower():
                continue
            body = record.content_stream().read()
            if not body.strip():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                text = decode(body, f"{name}#{url}")
            except InputError:
                continue
            count += 1
            yield RawArticle(name, sha256(body), text, "warc", url=url, index=i)
    except Exception as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError.of(N_("the WARC file is damaged (%(kind)s)"), file=name, kind=type(exc).__name__) from exc
    if count == 0:
        raise InputError.of(N_("the WARC file has no HTML or text responses"), file=name)


# Files a folder of articles carries beside them that are not articles: its README, licence, notes, and the
# keys or metadata an evaluation folder keeps (key.json, key_ru_be.json).
_NOT_ARTICLE_STEMS = re.compile(r"^(readme|license|licence|copying|changelog|changes|notes?|index|manifest|"
                                r"key(s)?([_-].*)?|metadata|sha256sums?|md5sums?)$", re.I)
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
# Why a file is skipped, kept in English (``FileResult.error``, logs) and said in the reader's language by
# the surfaces (``i18n.said_from(reason, SKIP_REASONS)``): a Belarusian screen read "not an article format".
NOT_ARTICLE_FORMAT = N_("not an article format (%(suffix)s)")
NOT_ARTICLE_FILE = N_("a README, licence, key or notes file, not an article")
NO_EXTENSION = N_("no extension")
SKIP_REASONS = (NOT_ARTICLE_FORMAT, NOT_ARTICLE_FILE, NO_EXTENSION)


def skip_reason(path: Path) -> str | None:
    """Why a file met inside a folder is not an article (None when it may be one).

    Only the name decides, so the rule is the same for every folder and says plainly what it skipped; a
    file named on the command line is always read, whatever its name.
    """
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return NOT_ARTICLE_FORMAT % {"suffix": suffix or NO_EXTENSION}
    stem = name[: -len(path.suffix)] if path.suffix else name
    if _NOT_ARTICLE_STEMS.match(stem):
        return NOT_ARTICLE_FILE
    return None


def iter_paths(paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each file named, and every file inside folders named (sorted, hidden files left out), with the reason
    a file found in a folder is skipped (``skip_reason``), else None."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, skip_reason(f)
        else:
            yield p, None
