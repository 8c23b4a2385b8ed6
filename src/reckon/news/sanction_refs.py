"""A sanctions target named by a title alone: "The ban covers fifty individuals, including the President".

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
