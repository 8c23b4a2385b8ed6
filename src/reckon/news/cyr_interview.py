"""Interviews set as dash dialogue: questions and answers, each a paragraph opened by a dash.

Belarusian and Russian papers print an interview without quotation marks and without "— сказала X" after
each answer: the lead names the person once ("Наталля Д. расказала «Газеце», што …"), then "— …?" lines are
the journalist's questions and the other dash lines are that person's answers. The form says who speaks,
so the answers are the interviewee's words even though no verb of speech stands next to them.
"""

from __future__ import annotations

import re
from typing import Any

from reckon.news.cyr_names import find_person_names, is_belarusian_word
from reckon.news.model import Quote

_DASH_LINE = re.compile(r"^[—–-]\s+(?=[А-ЯЁІЎA-Z0-9«„“\"\[(])")
_QUESTION = re.compile(r"\?[»”\"]?\s*$")


def answer_lines(lines: list[str]) -> set[int]:
    """Indices of the dash lines that answer a question: only on a page that asks at least one question in a
    dash line and whose dash lines are not all questions; a line with its own attribution is left to it."""
    dash = [i for i, line in enumerate(lines) if _DASH_LINE.match(line)]
    questions = [i for i in dash if _QUESTION.search(lines[i]) and len(lines[i]) < 300]
    if not questions or len(questions) == len(dash):
        return set()
    first_q = questions[0]
    # an answer comes after a question, or is the one dash line just before the first question
    before_first = [i for i in dash if i < first_q]
    lead = {before_first[-1]} if before_first else set()
    return {i for i in dash if i not in questions and (i > first_q or i in lead)}


_SUBJECT_VERB = re.compile(r"(?P<name>[А-ЯЁІЎ][а-яёіў’'-]+(?:\s+[А-ЯЁІЎ][а-яёіў’'-]+)?)\s+(?P<verb>[а-яёіў]+)")


def interviewee(context: str) -> str | None:
    """The person the lead names in the nominative, the last one before the first answer; else the capitalised
    words right before the lead's verb of speech ("Наталла Дуліна расказала", a given name the names corpus
    spells otherwise)."""
    from reckon.news.cyr_speech import belarusian_text, is_speech_verb

    names = [n for n in find_person_names(context, belarusian=is_belarusian_word(context)) if n.case == "nomn"]
    if names:
        return names[-1].nominative
    said = [m for m in _SUBJECT_VERB.finditer(context) if is_speech_verb(m.group("verb"), belarusian_text(context))]
    return said[-1].group("name") if said else None


_CONTENT = re.compile(r"[А-ЯЁІЎа-яёіў’'-]{3,}")


def headline_quotes(body: str, spans: list[Any], out: list[Quote], offset_of: int) -> list[Quote]:
    """A title that quotes someone without saying who ("«Столько лет ждали»") quotes words the body gives
    with their speaker ("— … Мы столько лет их ждали, — уверена Хомич"): most of its words in one of them."""
    found: list[Quote] = []
    for sp in spans:
        inner = body[sp.open_at + 1:sp.close_at].strip()
        want = {w.lower() for w in _CONTENT.findall(inner)}
        if len(want) < 2:
            continue
        for q in out:
            have = {w.lower() for w in _CONTENT.findall(q.text)}
            if len(want & have) >= max(2, 0.6 * len(want)):
                found.append(Quote(speaker=q.speaker, text=inner, start=offset_of + sp.open_at + 1,
                                   end=offset_of + sp.close_at, sentence=None))
                break
    return found


_HEADING = re.compile(r"^[А-ЯЁІЎA-Z][^.!?…:;«»„“\"\n]{3,90}$")


def under_heading(body: str, line_start: int) -> bool:
    """Whether the line at ``line_start`` (a quotation) follows a heading: a short line with no sentence end and no
    quotation of its own, itself after the article's lead."""
    before = body[:max(0, line_start - 1)].rstrip("\n").split("\n")
    prev = next((x for x in reversed(before) if x.strip()), "")
    return len(before) >= 2 and bool(_HEADING.match(prev.strip()))


# "по словам Лукашенко", "отметил, что …": a sentence that says whose words a short fragment in marks are
_SAID = re.compile(r"(?:по|па)\s+(?:его|её|ее|их|яго|яе)?\s*(?:словам|слова[хм]|мнению)|паводле\s+(?:яго|яе)?\s*слоў",
                   re.IGNORECASE)


def spoken_fragment(body: str, open_at: int, close_at: int, speaker: str | None) -> bool:
    """A short fragment in marks ("«на исходе»", "«очень много»") is someone's words, not a scare quote, when it is
    two words or more (one word in marks, "«турне»", is a word held at a distance), lower case, a person speaks it (the speaker found reads as a person's name) and its own sentence says so (a
    verb of speech, "по словам …")."""
    from reckon.news.cyr_speech import _sex_of, belarusian_text, is_speech_verb

    inner = body[open_at + 1:close_at].strip()
    if len(inner.split()) < 2 or not inner[:1].islower() or speaker is None or _sex_of(speaker) is None and \
            not find_person_names(speaker, belarusian=is_belarusian_word(speaker)) or f"«{speaker}" in body or \
            re.search(rf"«[^»\n]*{re.escape(speaker.split()[-1])}", body):
        return False  # "— піша «Радыё Рацыя»": a medium is no person whose words a fragment is
    start = max(body.rfind(". ", 0, open_at), body.rfind("\n", 0, open_at)) + 1
    end = min((k for k in (body.find(". ", close_at), body.find("\n", close_at)) if k >= 0), default=len(body))
    sentence = body[start:open_at] + " " + body[close_at + 1:end]
    be = belarusian_text(sentence)
    return bool(_SAID.search(sentence)) or any(is_speech_verb(w, be) for w in re.findall(r"[а-яёіў]+", sentence))
