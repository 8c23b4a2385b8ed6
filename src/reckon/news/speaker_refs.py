"""Who a phrase that names no one stands for, from what the article said before: the author of the statement
it mentioned ("a written statement by Secretary Jan Example" … "As it states, “…”", "the statement reads"), and
the person a description points back to ("the interlocutor", "the veteran campaigner", "the Zemblan foreign
ministry spokesman" for the one person speaking so far).

Kept apart from ``quotes`` (which quotation, which phrase) and ``speaker_np`` (what a phrase names by itself):
these read a phrase against the article's earlier sentences. English only; Belarusian and Russian have their
own (``cyr_speech``).
"""

from __future__ import annotations

import re
from typing import Protocol

from reckon.news import lexicon as lx
from reckon.news.entities import person_names
from reckon.news.model import Quote
from reckon.news.speaker_np import lone_surname


class Tracker(Protocol):
    """What these readers need of ``quotes.SpeakerTracker``: the article's full names and its resolvers."""

    full_names: dict[str, str]

    def expand(self, name: str) -> str: ...

    def resolve(self, np: str | None) -> str | None: ...

# "a (written) statement by X", "remarks of X"
_BY = re.compile(r"\b(?:statement|address|letter|message|appeal|remarks|declaration|communiqu\w+|press release)\s+"
                 r"(?:\w+\s+){0,2}?(?:by|of|from)\s+(?P<np>(?:the\s+)?[A-Z][^,;:!?()“”\"]{1,80}?)(?=\s*(?:[,;:!?()]|\.(?:\s|$)|$))")
# "X said in Thursday’s statement", "X said in a written statement", "X, in a statement, said"
_SAID_IN = re.compile(rf"(?P<np>(?:[Tt]he\s+)?[A-Z][^,;:!?()“”\"]{{1,80}}?)(?:,[^,;:!?“”\"]{{1,60}},)?\s+(?:{lx.SPEECH_VERBS}|issued|"
                      r"released|published|posted)\s+(?:in\s+)?(?:a|an|the|his|her|its|their|[A-Z]\w+[’']s)\s+"
                      r"(?:\w+\s+)?(?:statement|press release|communiqu\w+|declaration)\b")
# "X's statement", "X’s written statement"
_OWNED = re.compile(r"(?P<np>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s\s+(?:\w+\s+)?(?:statement|press release|communiqu\w+)\b")


def statement_author(sentence: str) -> str | None:
    """The phrase naming who issued the statement a sentence mentions, as written; None if it mentions none.

    "This is stated in a written statement by Secretary of State Jan Example." gives "Secretary of State Jan
    Example"; "Jan Example, a minister, said in Thursday’s statement …" gives "Jan Example"."""
    for rx in (_BY, _SAID_IN, _OWNED):
        m = rx.search(sentence)
        if m:
            np = m.group("np").strip()
            np = re.sub(r"^(?:This|That|It|As|In|On|But|And)\b\s*", "", np).strip()  # "This is stated in …": no one
            if np and np[:1].isupper() and not re.match(r"(?i)(?:this|that|it|which|what)\b", np):
                return np
    return None


# a description of one person by what they are ("the interlocutor", "the veteran human rights campaigner"): the
# nouns the role rule of ``quotes`` does not already read
PERSON_NOUNS = (r"interlocutor|campaigner|laureate|dissident|writer|author|blogger|reporter|editor|candidate|"
                r"expert|analyst|detainee|economist|scientist|historian|philosopher|poet|priest|opposition figure")


def described_as(person: str, phrase: str, doc: str) -> bool:
    """Whether the article's description of ``person`` (the words right after their full name, or right
    before it) shares a capitalised word with ``phrase``: "Jan Example, Deputy Secretary of State, …" is
    the one "the State Department spokesman" points back to."""
    words = {w for w in re.findall(r"[A-Z][\w’'-]{2,}", phrase) if w not in {"The", "And", "For"}}
    if not words:
        return False
    at = re.escape(person)
    for m in re.finditer(rf"(?P<before>[^.\n]{{0,60}}){at}(?P<after>[^.\n]{{0,120}})", doc):
        around = set(re.findall(r"[A-Z][\w’'-]{2,}", m.group("before") + " " + m.group("after")))
        if words & around:
            return True
    return False


_SMALL = {"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "by", "with", "under", "against"}


def is_mention(quoted: str, lead: str) -> bool:
    """Whether a quotation names something rather than reports speech: a title-case name of three words or
    more with no sentence stop ("the “Department of Financial Investigations of the State Control
    Committee”"), or a word cited as a word ("a message with the word “masks”")."""
    if re.search(r"\b(?:the|a)\s+(?:word|words|phrase|term|hashtag|slogan|inscription)\s*$", lead, re.I):
        return True
    words = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    return len(words) >= 3 and not re.search(r"[.!?,;:…]$", quoted.strip()) and \
        all(w[:1].isupper() or w.lower() in _SMALL for w in words) and words[0][:1].isupper()


_SAID_LINE = re.compile(rf"^(?P<np>(?:[A-Z][\w’'.-]*|of|the|for|and)(?:\s+(?:[A-Z][\w’'.-]*|of|the|for|and)){{0,8}})\s+"
                        rf"(?:{lx.SPEECH_VERBS})\s*:\s*$")


def said_line(line: str) -> str | None:
    """The speaker a paragraph of its own announces for the paragraph below ("Foreign Secretary Jan Example
    said:" above his words set without quotation marks, as press releases print them); only a run of
    capitalised words before the verb, so "The list includes:" or "He said the following:" announce no one."""
    m = _SAID_LINE.match(line.strip())
    return m.group("np") if m else None


def person_subject(sentence: str, tr: Tracker) -> str | None:
    """The person a sentence opens with ("Her lawyer, Anna K., said …", "Mr. Ivan P. was detained …"):
    a name that only titles, articles and capitalised words precede."""
    titled = re.match(r"^\s*(?:Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w’'-]+)\b", sentence)
    if titled and titled.group(1) in tr.full_names:
        return tr.full_names[titled.group(1)]  # "Ms. Zhuk agreed."
    names = [n for n in person_names(sentence) if not n.possessive]  # "Ihar Z.'s wife, Maryja K., …": the wife
    if not names:
        alone = re.match(r"^\s*([A-Z][a-z’'-]+)\s+(?:also\s+|then\s+)?[a-z]+(?:ed|s)\b", sentence)
        return tr.expand(alone.group(1)) if alone and lone_surname(alone.group(1)) else None  # "Prykladau noted:"
    prefix = re.sub(r"[“\"][^”\"]*[”\"]", " ", sentence[:names[0].start])
    words = re.findall(r"[\w’'-]+", prefix)
    titled = bool(words) and words[-1].lower() in lx.ROLE_WORDS  # "Federal transportation minister Omar E."
    if len(words) > 5 or not titled and any(w[0].islower() and w.lower() not in lx.ROLE_WORDS
                                            and w.lower() not in _SUBJECT_LEAD for w in words):
        return None
    return tr.expand(names[0].text)


_SUBJECT_LEAD = {"her", "his", "their", "human", "rights", "defender", "lawyer", "wife", "husband", "mother",
                 "father", "daughter", "son", "sister", "brother", "colleague", "friend", "of", "and"}


_TITLE_SAYS = (re.compile(r"^(?P<np>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)(?:\s+(?:on|about)\s[^:“”\"]{1,120})?:\s*"
                          r"[“\"](?P<q>[^“”\"]{3,200})[”\"]\W*$"),
               re.compile(r"^[“\"](?P<q>[^“”\"]{3,200})[”\"]\s*[—–:-]\s*(?P<np>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b"))


def title_quote(text: str, start: int, tr: Tracker) -> list[Quote]:
    """A title's quotation whose speaker the title names first or right after it ("Zhuk on the verdict:
    “…”", "“…” — Zhuk on …"), when that is a person the article names."""
    for rx in _TITLE_SAYS:
        m = rx.match(text.strip())
        if m and (m.group("np") in tr.full_names or person_names(m.group("np"))):
            q = m.group("q").strip()
            at = start + text.index(q)
            return [Quote(speaker=tr.expand(m.group("np")), text=q, start=at, end=at + len(q), sentence=text.strip())]
    return []


_BY_WHOM = re.compile(r"\b(?:statement|speech|address|letter|message|post|appeal|remarks|comment)\s+(?:\w+\s+){0,2}?by\s+"
                      r"(?P<np>[A-Z][^,.;:!?]{2,60})")


def announcer(prev: str, tr: Tracker) -> str | None:
    """Who speaks in a paragraph that opens with a quotation, from the paragraph announcing it: "A full statement
    by Jana Example has been published." or "Jana Example spoke at a briefing. It focused on …:" (a paragraph
    ending in a colon introduces the words of the person it opened with)."""
    m = _BY_WHOM.search(prev)
    if m and person_names(m.group("np")):
        return tr.resolve(person_names(m.group("np"))[0].text)
    if prev.rstrip().endswith(":"):
        who = person_subject(prev, tr)
        if who:
            return who
    return None


IN_INTERVIEW = re.compile(r"^\s*(?:In|During)\s+(?:an?|the|his|her|their)\s+(?:[\w’'-]+\s+){0,3}?(?:interview|statement|"
                           r"speech|address|op-ed|article|column|letter|post|remarks|comments)\b[^,.;:!?“\"]{0,80},\s*")
INTERVIEW = re.compile(r"\b(?P<p>he|she)\s+(?:gave|granted|has\s+given|had\s+given)\s+(?:an?\s+)?(?:\w+\s+)?"
                        r"interview\b[^.“\"]*\.?\s*$", re.I)
