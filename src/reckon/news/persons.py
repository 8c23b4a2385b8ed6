"""People mentioned in an article, with their spellings grouped (Demčanka / Demchanka / Demchenko).

Grouping uses ``reckon.names.keys`` (cross-language surname key + given-name class) when that library is
importable, and a plain accent-folded surname otherwise; two people with one surname but different given
names (brothers in one list) stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from reckon.news.entities import person_names
from reckon.news.model import PersonMention


def _fallback_key(name: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z]+", folded)
    if not parts:
        return name.lower(), ""
    sur = re.sub(r"(ka|ko|kaja|kaya|kay|kaia)$", "k", parts[-1])
    return sur, parts[0] if len(parts) > 1 else ""


def name_key(name: str) -> tuple[str, str]:
    """(surname key, given key) of a name, through reckon.names when available."""
    try:
        from reckon.names import keys

        k = keys(name)
        parts = name.split()
        return (k.surname_key or _fallback_key(name)[0], (k.given_key or "") if len(parts) > 1 else "")
    except Exception:
        return _fallback_key(name)


def group_persons(text: str, extra: list[str] | None = None) -> list[PersonMention]:
    """Group every person mention in ``text`` (and the ``extra`` names, e.g. speakers) by person."""
    mentions = [n.text for n in person_names(text)] + list(extra or [])
    full_surnames = {}
    for m in mentions:
        if len(m.split()) > 1:
            full_surnames.setdefault(m.split()[-1], m)
    # surname-only mentions of people named in full elsewhere ("Demčanka")
    for m in re.finditer(r"\b[^\W\d_][\w’'-]+\b", text):
        word = re.sub(r"[’']s$", "", m.group())
        if word in full_surnames:
            mentions.append(word)
    groups: dict[tuple[str, str], dict[str, int]] = {}
    order: list[tuple[str, str]] = []
    single: list[str] = []
    for m in mentions:
        sur, given = name_key(m)
        if not given:
            single.append(m)
            continue
        key = (sur, given)
        if key not in groups:
            groups[key] = {}
            order.append(key)
        groups[key][m] = groups[key].get(m, 0) + 1
    last_token = {}
    for key in order:
        for spelling in groups[key]:
            last_token.setdefault(spelling.split()[-1], key)
    for m in single:
        if m in last_token:
            groups[last_token[m]][m] = groups[last_token[m]].get(m, 0) + 1
            continue
        sur, _ = name_key(m)
        owners = [k for k in order if k[0] == sur]
        key = owners[0] if len(owners) == 1 else (sur, "")
        if key not in groups:
            groups[key] = {}
            order.append(key)
        groups[key][m] = groups[key].get(m, 0) + 1
    out: list[PersonMention] = []
    for key in order:
        spellings = groups[key]
        best = max(spellings, key=lambda s: (len(s.split()), spellings[s], len(s)))
        out.append(PersonMention(name=best, spellings=sorted(spellings), count=sum(spellings.values())))
    return out


def coordinated_marks(names: Sequence[Any], text: str, marker: re.Pattern[str], joiner: re.Pattern[str],
                      window: int | None = None) -> list[bool]:
    """For each name (with ``start``/``end`` in ``text``, in text order): whether ``marker`` matches the text
    before it (its last ``window`` characters, or all of it), or it is joined by ``joiner`` to a marked name
    just before ("activists X and Y", "X, Y и Z").

    Why one walk: the English and the Cyrillic sanctions rules both drop the people a target acted against,
    with their own words for the mark and for "and"; the coordination is the same in every language."""
    flags: list[bool] = []
    prev_end = None
    for n in names:
        before = text[:n.start] if window is None else text[max(0, n.start - window):n.start]
        marked = bool(marker.search(before)) or (
            prev_end is not None and joiner.fullmatch(text[prev_end:n.start]) is not None)
        prev_end = n.end if marked else None
        flags.append(marked)
    return flags
