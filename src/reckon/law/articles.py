"""Criminal-code and administrative-code articles: one key however a list writes them.

INTERFACE STUB (to be completed): the signatures and dataclasses are fixed; the parsing is minimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Article", "ArticleReading", "parse_articles"]

JURISDICTIONS = ("BY", "RU")
CODES = ("CC", "CAO")  # criminal code; code of administrative offences


@dataclass(frozen=True, slots=True)
class Article:
    """One article (and part) of one code of one country, e.g. BY CC 342 part 1."""

    jurisdiction: str          # "BY" | "RU"
    code: str                  # "CC" | "CAO"
    article: str               # "342", "23.34", "293"
    part: str | None = None    # "1", "2"

    @property
    def key(self) -> str:
        """Stable text key: "BY-CC-342", "BY-CC-342.1" with a part is NOT used; parts go in ``key_part``."""
        return f"{self.jurisdiction}-{self.code}-{self.article}"

    @property
    def key_part(self) -> str:
        return self.key if self.part is None else f"{self.key}:{self.part}"


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """What one cell of articles said: the articles found and the pieces that could not be read."""

    articles: tuple[Article, ...]
    unparsed: tuple[str, ...]


_NUM = re.compile(r"(\d+(?:\.\d+)?)")


def parse_articles(text: str | None, *, jurisdiction: str = "BY") -> ArticleReading:
    """Every article in ``text`` (several may be listed with | ; , or "and"). Never raises."""
    if not text:
        return ArticleReading((), ())
    found = [Article(jurisdiction, "CAO" if "." in n else "CC", n) for n in _NUM.findall(text)]
    return ArticleReading(tuple(dict.fromkeys(found)), ())
