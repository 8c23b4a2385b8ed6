"""The facts one article yields, as plain dataclasses (the JSON of ``reckon news extract``).

Every fact keeps the sentence it came from and its character span in ``ArticleFacts.text``, so a number
shown anywhere in reckon can be traced back to the words that said it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = (
    "political_prisoners", "political_prisoners_ever", "persecuted", "detained", "convicted", "charged",
    "released", "died", "newly_recognised", "sanctioned", "other",
)
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "less_than")


@dataclass
class Figure:
    value: int
    qualifier: str
    category: str
    reporter: str | None
    as_of: str | None
    sentence: str
    start: int  # character span of the number phrase in the article text
    end: int
    sentence_start: int
    sentence_end: int
    counted: str | None = None  # the noun counted ("people", "political prisoners", "women")
    parent: int | None = None  # index of the figure this is a sub-count of ("including 572 women")
    headline: bool = False  # found in the title (usually repeats a figure of the body)
    note: str | None = None


@dataclass
class SanctionStatement:
    target: str | None
    role: str | None
    jurisdictions: list[str]
    date: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    official_id: int | None = None


@dataclass
class Quote:
    speaker: str | None
    text: str
    start: int  # span of the quoted text (without the quote marks)
    end: int
    sentence: str | None = None


@dataclass
class DeclaredPrisoner:
    name: str
    article: str | None
    sentence_text: str | None
    context: str  # the sentence or list line that declares the person
    start: int
    end: int
    recognised_on: str | None = None  # as-of date of the declaration, else the article's publication date
    recognised_by: str | None = None  # the organisation(s) declaring, as written
    in_custody: bool = False  # the article says the person is held now
    # the name as the article writes it, where that is not ``name`` (a Cyrillic name in an oblique case:
    # "признали … Александра Ильина" gives name "Александр Ильин", written "Александра Ильина"); the
    # register wants the nominative, a reader checking the article wants the words on the page
    written: str | None = None


@dataclass
class PersonMention:
    name: str  # the fullest spelling seen
    spellings: list[str]
    count: int


@dataclass
class ArticleFacts:
    published: str | None
    title: str | None
    outlet: str | None
    url: str | None = None
    figures: list[Figure] = field(default_factory=list)
    sanctions: list[SanctionStatement] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    declared_political_prisoners: list[DeclaredPrisoner] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    language: str | None = None  # main language (be, ru, en; or another, then unsupported)
    languages: list[str] = field(default_factory=list)  # every language a paragraph is written in
    supported: bool = True  # False: the article is in a language reckon does not read (no facts taken)
    text: str = ""  # the article text every span points into

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return data
