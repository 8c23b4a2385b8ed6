"""How far a Belarusian or Russian count's context reaches: a list's lead line, "behind bars now", a noun left out.

Why (issue 16, h17fig round): on fresh Belarusian and Russian articles most of the figures the rules missed or
misplaced were not numbers they failed to read but numbers whose category sits outside their own sentence or
clause:

- a breakdown set as a bulleted list under a line that ends with a colon ("за год суды вынеслі наступныя
  пакаранні:" and then "… у дачыненні да 636 чалавек;", "… арышту ў дачыненні да 24 чалавек;"): each item is a
  part of what the lead line counts, and an item's own word for an earlier stage of the same case (an arrest as
  a penalty) does not make it a detention (``LeadLine``);
- a count of people "за кратамі" / "behind bars" on a date with no word for political prisoners ("на дадзены
  момант за кратамі — 30 прадстаўнікоў медыя"): a stock of people held now, not the event of the sentence
  before it (``held_now``);
- the second of two counts that shares the first one's noun ("более 19 тысяч противников войны отправили в
  автозаки, более пяти тысяч — понесли наказание"): the noun is left out after a dash (``shares_noun``).

Rules, not a model: each is a shape of the page or of the sentence, checked in a few regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reckon.news import cyr_lexicon as cx
from reckon.news.figure_checks import part_category
from reckon.news.text import BULLET, Sentence

# "на дадзены момант", "сейчас", "остаются", "знаходзяцца": the people are held at the time of the report
_NOW = re.compile(r"(остают\w*|застаюц\w*|оста[её]тся|застаецца|находятся|знаходзяцца|находится|знаходзіцца)", re.I)
# a qualifier a second count may carry before its number ("…, более пяти тысяч — …")
_QUALIFIER_TAIL = re.compile(r"(?:,|\s(?:и|і|а))\s*(?:(?:более|больше|свыше|больш\s+за|звыш|около|каля|почти|амаль|"
                             r"не\s+менее|не\s+менш\s+за|минимум|мінімум)(?:\s+чем)?\s*)?$", re.I)
# a line that introduces direct speech ("…, распавяла праваабаронца Ганна:")
_SPEECH = re.compile(rf"(?<!\w)(?:{cx.SPEECH_VERBS})(?!\w)", re.I)
# after the number: a dash, then a verb, not a preposition ("12 – в Гомельской" is a place's share, "60 — к «химии»"
# a part of the count before it by its penalty)
_DASH_VERB = re.compile(r"^\s*[—–-]\s+(?!(?:в|во|у|ў|на|к|ко|с|со|з|за|по|па|до|да|от|ад|из|і|и|а|не|ня)\s)"
                        r"[^\W\d_]{3,}", re.I)


@dataclass(frozen=True)
class LeadLine:
    """The line a bulleted list hangs from: what it reports and the count it gave, if any."""

    category: str | None


def lead_line(sentence: Sentence, cue: Callable[[str], str | None]) -> LeadLine | None:
    """The lead a following list takes its category from, when ``sentence`` is one: a line (not itself an item)
    that ends with a colon ("… вынесены наступныя пакаранні:")."""
    if sentence.kind == BULLET or not sentence.text.rstrip().endswith(":"):
        return None
    if _SPEECH.search(sentence.text):
        return None  # "…, распавяла праваабаронца Ганна:" opens direct speech, whose dashed lines are no list
    return LeadLine(cue(sentence.text))


def item_category(lead: LeadLine | None, own: str | None) -> str | None:
    """The category of a list item under ``lead`` whose own words give ``own``: the lead's event, unless the item
    names a later stage of the same case (``figure_checks.part_category``); the item's own when the lead has none."""
    if lead is None or lead.category is None or lead.category == "sanctioned":
        return own
    if own == "sanctioned":
        return own
    return part_category(lead.category, own) if own is not None else lead.category


def held_now(text: str) -> bool:
    """Does ``text`` say its people are behind bars at the time of the report ("на дадзены момант за кратамі",
    "остаются в местах лишения свободы")?"""
    return bool(cx.IMPRISONED.search(text) and (cx.TODAY_RE.search(text) or _NOW.search(text)))


def shares_noun(before: str, after: str) -> bool:
    """Is a number with no noun of its own the second count of a pair that leaves the first one's noun out:
    "…, более пяти тысяч — понесли наказание" (a comma or "и"/"а", a qualifier, the number, a dash and a verb)?"""
    return bool(_QUALIFIER_TAIL.search(before[-40:]) and _DASH_VERB.match(after))


# "из 155 политзаключенных женщин 70 …": "from" a count and its noun phrase, then a bare number
_FROM_POOL = re.compile(r"(?:^|\s)(?:из|з|із|са)\s+(?:\d[\d\s]*|[^\W\d_]+)\s+(?:[^\W\d_]+\s+){1,3}$", re.I)


def part_of_pool(before: str, prev_end: int) -> bool:
    """Is the number after ``before`` a part of the group the count just before it names ("из 155 политзаключенных
    женщин 70 преследуются")? The earlier count must end inside that "из N …" phrase."""
    base = max(0, len(before) - 80)
    m = _FROM_POOL.search(before[base:])
    return bool(m) and prev_end > base + m.start()


def dash_part(before: str, after: str) -> bool:
    """Is the number one part of a breakdown given with dashes in its sentence ("…, четыре — к аресту, одна — к
    лечению"): after a comma, before a dash?"""
    return bool(re.search(r",\s*$", before) and re.match(r"^\s*[—–]\s", after))
