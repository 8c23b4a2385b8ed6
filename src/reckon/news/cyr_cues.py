"""Cues for who speaks in Belarusian and Russian quotations that the constructions of ``cyr_quotes`` miss.

Why (issue 16, a round on unseen articles): the constructions read a verb of speech from a closed list of forms,
so "», -- пытаецца прэс-сакратар …" or "», — згадвае X" went unread; a topic heading over an interview's dash
answer ("Об оптимизме:") was taken for an introduction that names nobody; "— заявіў ён" after a new person
had been brought in ("… эксперт Рычард Ч. крытычна ацаніў …") went to the speaker before; a role noun as the
subject ("Згадваючы …, біёлаг адзначае:") was read as the name of an organisation. Each cue here is a form of
the page, not a phrase of one article.
"""

from __future__ import annotations

import re
from typing import Any

from reckon.news.cyr_names import find_person_names, is_belarusian_word
from reckon.news.cyr_speech import group_speaker, is_speech_verb
from reckon.news.model import Quote

# "», — <word> …" / "», <word> …": the word right after the dash (or the comma) and what follows it up to the
# sentence's end; a medium's or an organisation's name in marks may stand in it ("Зубр", «Зеркалу»)
_AFTER_WORD = re.compile(r"^\s*(?:[,.!?…]?\s*[—–-]{1,2}|,)\s*(?P<verb>[а-яёіў]{4,})\b"
                         r"(?P<rest>(?:[^.!?\n«„“\"]|«[^»\n]{1,40}»|\"[^\"\n]{1,40}\"){0,160})")


def after_speech_verb(after: str) -> re.Match[str] | None:
    """The attribution after a quotation when its verb is a verb of speech by its lemma, not only by the
    constructions' list of forms ("», -- пытаецца прэс-сакратар …", "», — згадвае Х"); None otherwise."""
    m = _AFTER_WORD.match(after)
    if m is None:
        return None
    verb = m.group("verb")
    return m if is_speech_verb(verb, True) or is_speech_verb(verb, False) else None


def topic_heading(line: str) -> bool:
    """Whether a line ending in ":" above a dash paragraph is an interview's topic ("Об оптимизме:", "Что в
    тюремной жизни напрягает:"), not the introduction of a speaker: short, no verb of speech and no name in it."""
    text = line.strip()
    if not text.endswith(":") or len(text) > 90 or re.search(r"[.!?…]\s", text):
        return False
    be = is_belarusian_word(text)
    if any(is_speech_verb(w, be) for w in re.findall(r"[А-ЯЁІЎа-яёіў’'-]+", text)):
        return False
    return not find_person_names(text, belarusian=be)


def role_subject(left: str) -> bool:
    """Whether the words before a verb of speech end in a role noun in lower case as its subject ("Згадваючы
    свае падарожжы, біёлаг адзначае:"): one or two lower-case words after a comma or alone, not a group
    ("праваабаронцы") and not a pronoun; the role stands for the person the article named before."""
    tail = left.rsplit(",", 1)[-1].strip()
    if not re.fullmatch(r"[а-яёіў’'-]{4,}(?:\s+[а-яёіў’'-]{4,})?", tail):
        return False
    if re.fullmatch(r"(?:он|она|они|ён|яна|яны|это|гэта|тут|там|также|таксама|также|потом|потым|затым|затем)", tail):
        return False
    return group_speaker(tail) is None and not re.search(r"(?:ы|і|и)$", tail.split()[-1])


# "Эйсмонт: Лукашенко помиловал 52 заключенных …", "Аліна С.: Дзеці вельмі сумуюць": a name, a colon, words
_TITLE_COLON = re.compile(r"(?P<who>[А-ЯЁІЎ][а-яёіў’'-]+(?:[ \t]+[А-ЯЁІЎ][а-яёіў’'-]+){0,2}):[ \t]+"
                          r"(?P<words>[А-ЯЁІЎа-яёіў0-9][^\n«»„“”\"]{8,200}?)[ \t]*")


def title_colon_quote(body: str) -> tuple[str, int, int] | None:
    """The title's quotation in the headline form without marks: a person's name, a colon and their words
    ("Эйсмонт: Лукашенко помиловал …"); (speaker, start, end) of the words, the speaker as the body names them in
    full. Only the first line of some length is a title; the name must be a person's (a given name with a surname,
    or a surname the body gives with a given name), so "Беларусь: …" or "Итоги: …" are no speakers."""
    from reckon.news.cyr_orgs import _full_name_of

    start = 0
    for line in body.split("\n"):
        if len(line.split()) < 3:
            start += len(line) + 1
            continue
        m = _TITLE_COLON.fullmatch(line)
        if m is None or len(m.group("words").split()) < 3:
            return None
        who = m.group("who")
        names = [n for n in find_person_names(who, belarusian=is_belarusian_word(who)) if n.case == "nomn"]
        speaker = names[0].nominative if names and names[0].written == who else \
            (_full_name_of(who, body[len(line):]) if " " not in who else None)
        return (speaker, start + m.start("words"), start + m.end("words")) if speaker else None
    return None


def title_colon_quotes(body: str, spans: list[Any], offset_of: int) -> list[Quote]:
    """The title's quotation without marks (``title_colon_quote``) as a Quote, unless marks already hold words there."""
    found = title_colon_quote(body)
    if found is None or any(sp.open_at < found[2] and found[1] <= sp.close_at for sp in spans):
        return []
    speaker, start, end = found
    return [Quote(speaker=speaker, text=body[start:end].strip(), start=offset_of + start, end=offset_of + end,
                  sentence=None)]


def dash_goes_on(words: str) -> bool:
    """Whether a dash paragraph with no attribution of its own, on a page that has already set someone's speech
    after a dash, is more of that speech ("– Дзеці сумуюць, …" a paragraph after "Па словах Аліны С. …"): a full
    statement (six words or more, ending a sentence), not a question nor a list item."""
    text = words.strip()
    return len(text.split()) >= 6 and text[-1:] in ".!…»" and text[:1] not in "«„“\""
