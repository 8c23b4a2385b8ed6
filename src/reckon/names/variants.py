"""Belarusian spelling variants and word-formation rules for given names the data does not tie to a head.

Why rules and not a list of pairs: the gaps are regular. Three patterns cover the forms rigour's
Wikidata-derived corpus leaves apart (Zmicier, Nastassia, Kastuś, Aleś):

- **classical orthography** (taraškievica): Wikidata keeps many Belarusian given names in it, where the
  softness of з, с, ц, дз before a soft consonant is written with ь (Зьміцер, Настасься, Сьвятлана).
  ``classical_spellings`` gives those spellings of a form (Latin forms are first read as Belarusian
  Cyrillic), and the corpus is asked again;
- **a dropped initial а, a prothetic г/в** (Настасся/Анастасія, Ганна/Анна): the skeleton with "a" put in
  front, or with an initial H/V taken away, is a head;
- **hypocoristics in -сь** (Кастусь, Алесь, Янусь): the form, or the form without -усь/-ась, begins a
  masculine head once the head's consonant clusters are simplified as the diminutive does (нс → с,
  нт → т, кс → с: Канстанцін → Каст-, Аляксандр → Алес-). When several heads fit, the one with most
  Wikidata items (the commonest name) wins: Алесь → Аляксандр rather than Аляксей.

Only forms that neither the built dict, the skeleton nor the corpus know reach these rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reckon.names.script import has_cyrillic

# ь after з/с/ц/дз when the next consonant is soft (followed by і е ё ю я or ь)
_ASSIMILATED = re.compile(r"(дз|[зсц])(?=(?:дз|[бвгджзклмнпрстфхцчш])[іеёюяь])")
_E_AFTER_CONSONANT = re.compile(r"(?<=[бвгджзклмнпрстфхцчш])э")


def classical(low: str) -> str:
    """The classical-orthography spelling of a lower-case Belarusian Cyrillic word (Зміцер -> Зьміцер)."""
    return _ASSIMILATED.sub(r"\1ь", low)


def classical_spellings(token: str) -> list[str]:
    """Spellings of ``token`` to ask the corpus for besides the token itself: its classical orthography;
    for a Latin form, its Belarusian Cyrillic readings (э or е after a consonant) and theirs."""
    low = token.lower()
    if has_cyrillic(low):
        readings = [low]
    else:
        from reckon.names.translit import cyrillic_candidates

        cands = cyrillic_candidates(low)
        if not cands:
            return []
        be = cands[-1].lower()  # the Belarusian reading (ў, і, э)
        readings = [be, _E_AFTER_CONSONANT.sub("е", be)]
    out: list[str] = []
    for reading in readings:
        for form in (reading, classical(reading)):
            if form != low and form not in out:
                out.append(form)
    return out


_CLUSTERS = re.compile(r"n(?=[st])|k(?=s)")
_SIMPLIFIED: dict[int, list[tuple[str, str]]] = {}


def _simplified(heads: Mapping[str, str]) -> list[tuple[str, str]]:
    got = _SIMPLIFIED.get(id(heads))
    if got is None:
        got = _SIMPLIFIED[id(heads)] = [(h, _CLUSTERS.sub("", h)) for h in sorted(heads)]
    return got


def rule_class(key: str, heads: Mapping[str, str], sex: Mapping[str, str],
               n_ids: Mapping[str, int]) -> str | None:
    """The head a form with skeleton ``key`` (final vowel kept) derives from by the rules above, or None."""
    if "a" + key in heads:
        return "a" + key
    if len(key) > 2 and key[0] in "HV" and key[1] == "a" and key[1:] in heads:
        return key[1:]
    if len(key) >= 4 and key.endswith("s"):
        stems = [key]
        if key[-2] in "aV" and len(key) >= 6:
            stems.append(key[:-2])
        for stem in stems:
            fits = [h for h, simple in _simplified(heads) if simple.startswith(stem) and sex.get(h) != "female"]
            if fits:
                return max(fits, key=lambda h: (n_ids.get(h, 0), -len(h), h))
    return None
