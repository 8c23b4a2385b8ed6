"""What an English count with no cue of its own refers to: a list, the sentence before, the line that opens a list.

Why: each round's cue words fixed the batch they were written on and left the next one where it was; most
counts the rules then called ``other`` (or a wrong event) were not uncategorised at all, they pointed at
something the reader had just been told. Three references cover them, whatever the words of the article:

- *the list*: in an article about lists of political prisoners, a count on, in or of "the list(s)" ("The
  list includes 144 names", "250 of them were in the religious list", "both lists taken together contain
  102") is the list's size; with "added" or "new names" it is the newly recognised.
- *the sentence before*: a count whose clause points back ("They contained 314 names", "estimate their
  total at 1,118 people") takes the category the previous sentence gives ("the number of political
  prisoners …").
- *the line that opens a list*: the counts that open the items under "142 confirmed cases of political
  prisoners include:" are parts of that count (``parent``), unless an item names its own event.

Kept apart from ``figures.py`` so that the cue rules and the reference rules can be read on their own.
"""

from __future__ import annotations

import re

from reckon.news.figure_checks import per_period
from reckon.news.model import Figure

# a count on/in/of the list, or the list's own verb of size
ON_LISTS = re.compile(r"\b(?:on|to|in)\s+(?:the|these|those|our|its|their|both)\s+(?:[\w-]+\s+){0,2}?lists?\b|"
                      r"\blists?\b[^.;]{0,200}\b(?:contains?|contained|includes?|included|comprises?|comprised)\b",
                      re.I)
# "168 new names", "added to the lists" are the newly recognised; "the new lists contain 318 names" are not
NEW_ON_LIST = re.compile(r"\badded\b|\bnew(?:ly)?\b(?!\s+(?:lists?|editions?|versions?|updates?)\b)", re.I)
# "both lists taken together contain 102": a bare number as the object of the list's verb of size
LIST_OBJECT = re.compile(r"\blists?\b[^.;:]{0,60}\b(?:contains?|contained|includes?|included|comprises?|comprised|"
                         r"numbers?|numbered)\s+(?:at least\s+|about\s+|over\s+|more than\s+|some\s+|nearly\s+)?$", re.I)
# a clause that points back at what the sentence before counted
POINTS_BACK = re.compile(r"\b(?:they|them|their|its|these|those)\b|"
                         r"\b(?:the|this|that)\s+(?:list|lists|total|number|figure|count|tally)\b(?!\s+of\b)", re.I)
# "117 – for other political reasons" after "385 people on the list are …, ": the same count, another reason
DASH_ITEM = re.compile(r"^\s*[–—]\s+(?:for|in|on|from|at|with|under|as)\b", re.I)


# "…, in the town of Ramon in the Voronezh region - 18": a place, a dash and a bare count continue a list
PLACE_DASH = re.compile(r"^[^.;:()]{0,120}?,\s*(?:and\s+)?(?:in|at)\s+[^.;:()]{1,80}?\s[-–—]\s*$", re.I)
_PLACE_COUNT = re.compile(r"\b[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?\s*\(\s*\d[\d,]*\s*\)")


def place_counts(sent: str, a: int, b: int) -> bool:
    """"in Novosibirsk (24), Omsk (15), Yekaterinburg (10)": a bare number in brackets after a capitalised
    word, in a run of at least two such, is a part of the count the text just gave."""
    if not (re.search(r"\b[A-Z][\w’'-]+\s*\(\s*$", sent[:a]) and re.match(r"\s*\)", sent[b:])):
        return False
    return len(_PLACE_COUNT.findall(sent)) >= 2


# "(in March there were 32 such cases)": the kind of count just given
SUCH = re.compile(r"^\s+(?:such|similar)\s", re.I)
# "Eight of these received prison sentences (19 in March 2023)": the same count at another time
PAREN_THEN = re.compile(r"\(\s*$")
_CHANGE = re.compile(r"\b(?:averag\w*|increase[sd]?|decrease[sd]?|rise|rose|grew|growth|drop(?:ped)?|fell|"
                     r"declined?|gain(?:ed)?)\b", re.I)


def rate_or_change(before: str, after: str) -> bool:
    """"an average of 55 cases … each month", "the monthly increase was 47 cases", "around 40 cases were initiated
    per month": a rate or a change, not a count ("rose to 1,500" is the new count)."""
    if re.search(r"\b(?:to|reach(?:ed|es|ing)?|from)\s+(?:\w+\s+){0,2}$", before, re.I):
        return False  # "rose to 1,500" is the new count, "an increase from the 20 cases of 2022" the old one
    near = re.split(r"[,;:]", before[-100:])[-1]
    return bool(_CHANGE.search(near)) or per_period(before, after)  # a rate: decided once for every language


def paren_label(before: str, after: str) -> str | None:
    """"– released (50, including 32 Crimean Tatars);": the words before a bracket that opens with a bare count
    label it (the clause since the last ':' or ';'); None when the number does not open a bracket."""
    if re.search(r"\b[a-z][\w-]*\s*\(\s*$", before) and re.match(r"^\s*[,)]", after):  # not "Lena Demova (34)"
        return re.split(r"[;:]", before)[-1]
    return None


def opens_item(before: str) -> bool:
    """The number opens its list item ("– 11 journalists and bloggers,"): nothing but marks before it."""
    return not re.search(r"\w", before)


def link_parts_that_sum(figures: list[Figure]) -> None:
    """"15 more people … five men … and 10 others": consecutive counts adding up to a total are its parts."""
    for i, total in enumerate(figures):
        if total.headline or total.parent is not None:
            continue
        running, parts = 0, []
        for j in range(i + 1, min(len(figures), i + 6)):
            part = figures[j]
            # "pardoned 15 prisoners. … eight were convicted of extremism and seven of drug crimes": the parts
            # of a release say what the released had been convicted of
            same = part.category == total.category or (total.category, part.category) == ("released", "convicted")
            if part.headline or part.parent is not None or not same \
                    or part.sentence_start - total.sentence_end > 600:
                break
            running += part.value
            parts.append(j)
            if running == total.value and len(parts) >= 2:
                for k in parts:
                    figures[k].parent = i
                    figures[k].category = total.category
                break
            if running > total.value:
                break
