"""Checks the figure rules of every language share: which uncategorised counts stay, and the stages of a case.

Why (issue 16, h16fig round): on articles no rule had seen, in English, Belarusian and Russian alike, many wrong
figures were counts the rules could not place and reported as ``other``: a crowd ("прыйшлі каля 20 тысяч
чалавек"), a mobilisation target, a guess ("а может, и более ста"), a count of names that was really the size of
a list. No key of the development or held-out sets holds such a count, but they do hold uncategorised counts of
people who lost something for their views ("300 teachers were dismissed", "200 lawyers have lost their
licences"). So an ``other`` count stays only when its sentence speaks of persecution (``drop_unplaced``).

A part of a count may name an event of its own ("150 persecuted, including 35 detained"), but not one that comes
earlier in the same people's case: "pardoning 18 people, 15 of whom were convicted" says why the 15 were in
prison, not that they were convicted again (``part_category``).
"""

from __future__ import annotations

import re
from typing import Any

from reckon.news.lexicon import COMMON_CAPS, ORG_WORDS, ROLE_WORDS

_NOT_NAME_WORDS = ORG_WORDS | ROLE_WORDS | COMMON_CAPS

# the stages a person's case goes through, in order; a part's own event overrides its parent's only when it
# is not an earlier stage of the same case
_STAGE = {"detained": 1, "charged": 2, "convicted": 3, "political_prisoners": 4, "released": 5, "died": 5}

# words of persecution in English, Russian and Belarusian: an uncategorised count in a sentence with one of
# them is a count of people who lost something ("dismissed", "уволены", "адлічаныя"), kept as ``other``
_PERSECUTION = re.compile(
    r"\b(?:persecut\w*|repress\w*|reprisals?|harass\w*|dismiss\w*|fired|sacked|expell?\w*|licen[cs]es?|"
    r"forced\s+to|fled|flee\w*|left\s+the\s+country|exiled?|searche[sd]|fined|fines|summon\w*|interrogat\w*|"
    r"prisons?|jail\w*|pardon\w*|custody|banned|barred|liquidat\w*|extremis\w*|terroris\w*|detain\w*|arrest\w*|"
    r"convict\w*|sentenc\w*|charged|prosecut\w*|releas\w*|freed|sanction\w*|political\s+prisoners?)\b"
    r"|(?<!\w)(?:пресле\w*|пераслед\w*|репресс\w*|рэпрэс\w*|уволен\w*|уволил\w*|звольнен\w*|звольніл\w*|"
    r"отчислен\w*|отчислил\w*|адлічан\w*|адлічыл\w*|лишен\w*|лишил\w*|пазбаўлен\w*|пазбавіл\w*|обыск\w*|"
    r"ператрус\w*|вобыск\w*|штраф\w*|допрос\w*|допыт\w*|задерж\w*|затрым\w*|арест\w*|арышт\w*|экстремист\w*|"
    r"экстрэміст\w*|тюрьм\w*|турм\w*|колони\w*|калоні\w*|осужд\w*|асудж\w*|приговор\w*|прысуд\w*|"
    r"помилова\w*|памілава\w*|освобо\w*|вызвал\w*|санкц\w*|политзаключ\w*|палітвяз\w*|политзек\w*|"
    r"уехал\w*|выехал\w*|з'ехал\w*|эмигр\w*|эміграц\w*)",
    re.IGNORECASE,
)

# scare quotes around a word or two of the writer's own sentence ("have been “pardoned,”"): the words count
_SHORT_QUOTED = re.compile(r"[“«„\"]([^“”«»„\"\n]{1,30})[”»“\"]")


def part_category(parent: str | None, own: str | None) -> str | None:
    """The category of a part of ``parent`` whose own clause names ``own``: its own event, unless that is an
    earlier stage of the same case ("pardoned 18, 15 of whom were convicted" stays released)."""
    if own is None:
        return parent
    if parent in _STAGE and own in _STAGE and _STAGE[own] < _STAGE[parent] and parent in ("released", "died"):
        return parent
    if parent == "convicted" and own in ("detained", "charged"):
        return parent  # "35 convicted, 20 of whom had been detained at the protests": how their case began
    return own


def unmask_short_quotes(text: str, masked: str) -> str:
    """``masked`` (quotations blanked) with the words of quotations of one or two words restored: a scare quote
    inside the writer's own sentence ("have been “pardoned,”") is no one's speech."""
    out = list(masked)
    for m in _SHORT_QUOTED.finditer(text):
        words = re.findall(r"[^\W\d_][\w’'-]*", m.group(1))
        if 1 <= len(words) <= 2 and masked[m.start(1):m.end(1)] != text[m.start(1):m.end(1)]:
            out[m.start(1):m.end(1)] = text[m.start(1):m.end(1)]
    return "".join(out)


# A rate is no count, in any language: "monthly", "each month", "ежемесячно дают срок 30-40 новым …",
# "штомесяц асуджаюць каля 50", "40 человек в месяц". Decided here once for the English and the Cyrillic rules
# (h17fig round: the English rules called rates no count while the Cyrillic ones read "ежемесячно … 30-40" as a
# conviction count; a rate counts no people on any date, so neither can be compared with a register's count).
_RATE_BEFORE = re.compile(
    r"\b(?:monthly|weekly|daily)\b|"
    r"(?<!\w)(?:ежемесячн\w*|еженедельн\w*|ежедневн\w*|ежегодн\w*|штомесяц\w*|штомесячн\w*|штотыдн\w*|"
    r"штодня|штодзён\w*|штодзен\w*|штогод\w*|кожн(?:ы|ага|ую)\s+(?:месяц|тыдзень|дзень|год)|"
    r"кажд(?:ый|ую|ого)\s+(?:месяц|неделю|день|год)|в\s+среднем|у\s+сярэднім)(?!\w)", re.I)
_RATE_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:(?:per|each|every)\s+(?:month|week|day|year)|"
    r"a\s+(?:month|week|day)(?!\s+(?:ago|earlier|later|before|after)))\b|"
    r"^\s*(?:[^\W\d_]+\s+){0,2}?(?:в|у|ў)\s+(?:месяц|неделю|тыдзень|день|дзень|сутки|суткі)(?!\w)", re.I)


def per_period(before: str, after: str) -> bool:
    """Is the number between ``before`` and ``after`` a rate ("ежемесячно … 30-40", "40 cases per month")? The
    rate word counts in the number's clause before it, or just after it."""
    near = re.split(r"[,;:.]", before[-100:])[-1]
    return bool(_RATE_BEFORE.search(near) or _RATE_AFTER.match(after))


def speaks_of_persecution(sentence: str) -> bool:
    return bool(_PERSECUTION.search(sentence))


_NAME = r"[A-ZА-ЯЁІЎ][\w’'-]+\s+[A-ZА-ЯЁІЎ][\w’'-]+"
# "imposing prison sentences on two Brest residents, A B and C D", "два з іх — былыя тэлевядоўцы A B і C D": the
# count of the people the clause goes on to name
_NAMES_AFTER = re.compile(rf"^[^\d.;:!?]{{0,50}}?[,—–-]\s*(?:[^\W\d_]+\s+){{0,3}}?(?P<names>{_NAME}(?:\s*(?:,|\band\b|\bі\b|\bи\b)"
                          rf"\s*{_NAME})*)")


def names_those_counted(f: Any) -> bool:
    """A small count of detained, charged or convicted people that the clause goes on to name, one by one: the
    people are the facts, the number only counts the names (recognitions and sanctions keep their counts)."""
    if f.value > 3 or f.category not in ("detained", "charged", "convicted"):
        return False
    after = f.sentence[f.end - f.sentence_start:]
    m = _NAMES_AFTER.match(after)
    if m:
        return len(re.findall(_NAME, m.group("names"))) == f.value
    # "three members … were detained on criminal charges: A B, chairman …, C D, … and E F, lawyer …": the names
    # after the colon (two capitalised words, neither a word of a title, a body or a sentence's opening)
    colon = re.match(r"^[^.;:]{0,120}:\s*(?P<rest>[^;]+)", after)
    if colon is None:
        return False
    names = [n for n in re.findall(_NAME, colon.group("rest")) if not set(n.lower().split()) & _NOT_NAME_WORDS]
    return len(names) == f.value


def drop_unplaced(figures: list[Any]) -> list[Any]:
    """The figures without the ``other`` counts whose sentence speaks of no persecution and without the small
    counts of people named one by one; ``parent`` indices follow the figures they point to (a part of a dropped
    count keeps no parent)."""
    keep = [not (f.category == "other" and not speaks_of_persecution(f.sentence)) and not names_those_counted(f)
            for f in figures]
    if all(keep):
        return figures
    new_index: dict[int, int] = {}
    out: list[Any] = []
    for i, (f, k) in enumerate(zip(figures, keep, strict=True)):
        if k:
            new_index[i] = len(out)
            out.append(f)
    for f in out:
        if f.parent is not None:
            f.parent = new_index.get(f.parent)
    return out
