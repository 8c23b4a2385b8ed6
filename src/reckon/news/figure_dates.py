"""The dates of figures: "As of March 4", an event's own day, and a line that dates the paragraph before it.

Split from ``figures`` (which numbers count, and as what) to keep each module small; the rules are the
ones described in docs/news.md under "as_of".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reckon.dates.text import iter_dates
from reckon.news.model import Figure
from reckon.news.text import Sentence

if TYPE_CHECKING:
    from reckon.news.figures import FigureContext

_AS_OF = re.compile(r"\bas (?:of|at)\b|\bby\b(?=\s+(?:the\s+)?end\s+of\s+(?:19|20)\d\d)", re.I)
_CORRECT_AS_OF = re.compile(r"\b(correct|accurate|valid|current|up to date|data|figures?|numbers?|"
                            r"statistics)\b.{0,30}\bas (?:of|at)\b", re.I)


def event_date(sent: str, ctx: FigureContext, on_only: bool = False) -> str | None:
    """The one day an event sentence names ("on Demo Day, May 9, at least 12 people were detained").

    ``on_only``: the day must open with "On" ("On May 9, 2031, OFAC designated 8 individuals"); a sanctions
    sentence names other days too ("for their roles in the May 9 election")."""
    days = [(a, v) for a, _b, v in iter_dates(sent, ctx.published, ctx.fallback_year) if v]
    if on_only:
        opening = [v for a, v in days if re.fullmatch(r"\s*On\s+", sent[:a])]
        return opening[0] if opening else None
    if len(days) != 1:
        return None
    a, value = days[0]
    if re.search(r"\b(since|from|until|before|after|by)\s+$", sent[:a], re.I):
        return None
    return value


def as_of(sent: str, ctx: FigureContext) -> str | None:
    m = _AS_OF.search(sent)
    if not m:
        return None
    # from the cue itself, so that "As of Monday" reads as one phrase
    for s, _e, value in iter_dates(sent[m.start():m.end() + 40], ctx.published, ctx.fallback_year):
        if s <= m.end() - m.start() + 3:
            return value
    return None


def apply_correct_as_of(sentences: list[Sentence], figures: list[Figure], ctx: FigureContext) -> None:
    """'The number is correct as of 03.05.2031' dates the undated figures of the paragraph just before it."""
    para_of = {x.start: x.para for x in sentences}
    for s in sentences:
        if not _CORRECT_AS_OF.search(s.text) or any(f.sentence_start == s.start for f in figures):
            continue
        value = as_of(s.text, ctx)
        if not value:
            continue
        earlier = [para_of.get(f.sentence_start) for f in figures if f.sentence_start < s.start]
        earlier = [p for p in earlier if p is not None]
        if not earlier:
            continue
        target = max(earlier)
        for f in figures:
            if para_of.get(f.sentence_start) == target and f.as_of is None:
                f.as_of = value
