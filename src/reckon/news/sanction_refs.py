"""Sanctions targets named otherwise than by a plain full name.

- By a title alone: "The ban covers fifty individuals, including the President".
- By kinship after a pronoun: "… sanctioned Ivan Example, as well as his wife Volha" (Volha Example).
- In a sanctions list's inverted form: "- EXAMPLE, Ivan Ivanavich (Chair of the City Court);" (Ivan Ivanavich
  EXAMPLE), which the plain name reader takes for "Ivan Ivanavich" and the role in brackets for a second person.

Title references first:

Announcements often name the most senior target only by office, after the article has named him with it
("… associated with President Alexander Example"). When the article gives exactly one person that title, the
title stands for that person; when it gives none, or two people share the title, the reference stays unresolved
(no guess). Only capitalised offices count ("the President", "the Interior Minister"), and only where a target
stands: after "including", "against", "targets", "covers" or "sanctions on", and not followed by "of" or a name of
its own ("the President of the European Council" is someone else). A quoted statement is one sentence to the
layout even when it holds several ("… after the 2020 elections ... The ban covers …, including the President"):
each of its inner sentences is read up to where its own targets end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reckon.news.entities import Name, person_names

_OFFICE = (r"(?:President|Prime\s+Minister|(?:[A-Z][a-z]+\s+)?Minister|Prosecutor[- ]General|"
           r"(?:[A-Z][a-z]+\s+)?(?:Chairman|Chairwoman|Commander|Governor|Mayor|Speaker))")
# "including the President and key members …", "against the Interior Minister": the title where a target stands
_TITLE_REF = re.compile(r"\b(?:including|includes|included|against|targets?|covers?|(?:sanctions|measures|bans?)\s+on)"
                        r"\s+the\s+(?P<t>" + _OFFICE +
                        r")\b(?!\s+(?:of\b|[A-Z]))(?![’']s)")
# the title written just before a full name: "President Alexander Example", "Interior Minister Ivan Example"
_TITLE_BEFORE = re.compile(r"(?:^|[\s(,])(?P<t>" + _OFFICE + r")\s+$")


def titled_people(texts: list[str]) -> dict[str, set[str]]:
    """Each capitalised office the article writes before a full name, with the names it writes it before."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for n in person_names(text):
            m = _TITLE_BEFORE.search(text[max(0, n.start - 40):n.start])
            if m and len(n.tokens) >= 2:
                out.setdefault(_key(m.group("t")), set()).add(n.text)
    return out


_INNER_BREAK = re.compile(r"[.!?…]+[\"”’]?\s+(?=[A-Z])")


def title_targets(masked: str, start: int, titled: dict[str, set[str]],
                  targets_end: Callable[[str, int], int]) -> list[Name]:
    """People named by their office alone in a sanctioning sentence, from ``start`` to where its targets end
    (``targets_end``), and in each inner sentence of a quoted statement after it."""
    out: list[Name] = []
    starts = [start] + [m.end() for m in _INNER_BREAK.finditer(masked, start)]
    for a in starts:
        for m in _TITLE_REF.finditer(masked, a, max(a, targets_end(masked, a))):
            names = titled.get(_key(m.group("t")), set())
            if len({n.split()[-1] for n in names}) == 1 and not any(n.start == m.start("t") for n in out):
                full = max(names, key=len)
                out.append(Name(full, m.start("t"), m.end("t"), full.split()))
    return out


def _key(title: str) -> str:
    return re.sub(r"\s+", " ", title).lower()


# "his wife Volha", "her eldest son Pavel": a relative named by the given name after a pronoun takes the surname of
# the person named last before it
_PRONOUN_KIN = re.compile(r"\b(?:his|her)\s+(?:(?:eldest|elder|youngest|younger|oldest|adult|minor|\w+-year-old)\s+)?"
                          r"(?:son|daughter|wife|husband|brother|sister|father|mother)\s*,?\s+(?P<given>[A-Z][a-z]+)\b"
                          r"(?!\s+[A-Z])")


def pronoun_kin(masked: str, names: list, start: int, stop: int, is_given: Callable[[str], bool]) -> list[Name]:
    """Relatives named as "his wife Volha" after a full name of ``names``, with that person's surname."""
    out: list[Name] = []
    for m in _PRONOUN_KIN.finditer(masked, start, stop):
        before = [n for n in names if n.end <= m.start() and len(n.text.split()) >= 2]
        if before and is_given(m.group("given")):
            full = f"{m.group('given')} {before[-1].text.split()[-1]}"
            out.append(Name(full, m.start("given"), m.end("given"), full.split()))
    return out


# "- EXAMPLE, Ivan Ivanavich (Chair of …);", "PRYKLAD-TESTAU, Pavel": a list line that opens with a surname in
# capitals, a comma and the given names
_INVERTED = re.compile(r"^\W{0,3}(?P<sur>[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž’'-]{2,}(?:[- ][A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž’'-]{2,})?),\s+"
                       r"(?P<given>[A-Z][a-zà-ÿā-ž’'-]+(?:\s+[A-Z][a-zà-ÿā-ž’'-]+){0,2})(?=\s*(?:[(,;:.–—-]|$))")


def inverted_name(line: str) -> Name | None:
    """The person a list line names in the inverted form, in the usual order ("Ivan Ivanavich EXAMPLE")."""
    m = _INVERTED.match(line)
    if m is None:
        return None
    full = f"{m.group('given')} {m.group('sur')}"
    return Name(full, m.start("sur"), m.end("given"), full.split())
