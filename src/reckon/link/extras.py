"""Which fields kept in ``Record.extra`` may become linkage comparisons: only those that describe the person.

An extra field is compared when most records of two sources fill it (:mod:`reckon.link.features`). That
suits a passport number, an address or a case number, but a news import also keeps the article's id and
its language, a list keeps its page URL, a file its row: two records sharing these say nothing about
being one person (every person of one article shares its id and language), and as comparisons they
teach the model that provenance is identity. The rule is by what a column is, from its name and its
values, never by a list of known keys: a name made of provenance, identifier, language or free-text words
is refused, and so are values that are links, flags, a handful of codes or running text.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from typing import Any

# words of a field name that say it is not about the person: identifiers of records and documents of the
# register, links, languages, file and row provenance, dates of the record's own making, running text
_NOT_PERSON = {
    "id", "ids", "uid", "uuid", "guid", "key", "hash", "url", "uri", "link", "links", "href", "web", "page",
    "site", "lang", "language", "languages", "locale", "script", "file", "filename", "path", "row", "line",
    "sheet", "source", "sources", "batch", "import", "imported", "news", "article", "outlet", "publisher",
    "published", "recognition", "recognised", "recognized", "declared", "declaration", "status", "note",
    "notes", "comment", "comments", "text", "description", "title", "summary", "quote", "sentence", "body",
}
# words that make a field about the person whatever else its name says ("passport_id", "personal_number")
_PERSON = {"passport", "personal", "national", "identity", "inn", "snils", "document", "address", "phone",
           "email", "birthplace", "residence"}
_URL = re.compile(r"^\s*(?:https?://|www\.)", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
MIN_DISTINCT = 6  # fewer different values than this across the records is a code (language, flag), not a person
MAX_WORDS = 8  # a typical value longer than this is running text


def _tokens(key: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", key)
    return {t for t in re.split(r"[^0-9a-zA-Z]+", spaced.lower()) if t}


def describes_person(key: str, values: Iterable[Any]) -> bool:
    """Whether the extra field ``key``, with these values across the records, may be compared in linkage."""
    words = _tokens(key)
    if words & _NOT_PERSON and not words & _PERSON:
        return False
    filled = [str(v) for v in values if v not in (None, "") and not isinstance(v, dict | list | bool)]
    if not filled:
        return False
    if sum(bool(_URL.match(v)) for v in filled) * 2 >= len(filled):
        return False
    if len(set(filled)) < min(MIN_DISTINCT, len(filled)):
        return False
    return statistics.median(len(_WORDS.findall(v)) for v in filled) <= MAX_WORDS
