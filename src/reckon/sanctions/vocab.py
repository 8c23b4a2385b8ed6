"""Controlled values: jurisdictions (ISO 3166 alpha-2 or "EU"), programmes, measures, sex, scripts.

Jurisdictions are written upper-case ("GB", "EU") in reckon and lower-case in FtM ("gb", "eu"); the
followthemoney country type does the recognising, so "United Kingdom", "UK", "Литва" all work.
"""

from __future__ import annotations

import re

MEASURES = {
    "asset freeze": ("asset freeze", "assets freeze", "freezing of funds", "freeze of assets", "funds freeze",
                     "freezing of assets", "замораживание активов", "замарожванне актываў", "blocking",
                     "blocked", "asset freezing", "sdn"),
    "travel ban": ("travel ban", "entry ban", "visa ban", "admission ban", "ban on entry", "запрет въезда",
                   "забарона ўезду", "restriction on admission", "restrictions on admission", "entry prohibition"),
    "arms embargo": ("arms embargo",),
}
_MEASURE_LOOKUP = {alias: canon for canon, aliases in MEASURES.items() for alias in aliases}
_SPLIT = re.compile(r"\s*(?:;|,|\+|\band\b|&|/)\s*")
_PROGRAMME_PREFIX = re.compile(r"^([A-Za-z]{2})[-_ ]")


def jurisdiction(text: str | None) -> str | None:
    """'EU', or the ISO alpha-2 code (upper case) of a country named or coded in ``text``; None if unknown."""
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    from followthemoney import registry

    code = registry.country.clean(text)
    if code is None and len(text) > 3:
        code = registry.country.clean(text, fuzzy=True)
    if code is None:
        return None
    code = code.upper()
    return code if len(code) == 2 else None


def programme_jurisdiction(programme: str | None) -> str | None:
    """The jurisdiction a programme code implies: "EU-BLR" -> EU, "GB-BLR"/"UK-BLR" -> GB, "US-..." -> US."""
    if not programme:
        return None
    m = _PROGRAMME_PREFIX.match(programme.strip())
    if not m:
        return None
    return jurisdiction(m.group(1))


def measures(text: str | None) -> list[str]:
    """Canonical measures named in ``text`` ("Asset freeze; entry ban" -> ["asset freeze", "travel ban"])."""
    if not text:
        return []
    found: list[str] = []
    whole = str(text).strip().lower()
    parts = [whole, *_SPLIT.split(whole)]
    for part in parts:
        part = part.strip(" .")
        if not part:
            continue
        canon = _MEASURE_LOOKUP.get(part)
        if canon is None:
            canon = next((c for alias, c in _MEASURE_LOOKUP.items() if alias in part), None)
        if canon and canon not in found:
            found.append(canon)
    if not found:
        found.append(whole)
    return found


def measure(text: str | None) -> str | None:
    """One normalised string for storage: canonical measures joined by "; "."""
    found = measures(text)
    return "; ".join(found) if found else None


def sex(text: str | None) -> str | None:
    if not text:
        return None
    t = str(text).strip().lower()
    if t in {"m", "male", "man", "м", "муж", "мужской", "мужчына", "мужчина", "мужчынскі"}:
        return "male"
    if t in {"f", "female", "woman", "ж", "жен", "женский", "жанчына", "женщина", "жаночы"}:
        return "female"
    return None


def script(text: str) -> str | None:
    """'cyrl', 'latn', 'mixed' or None: enough to show which spelling a name is in."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if ch.isalpha() and ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if cyr and lat:
        return "cyrl" if cyr >= 3 * lat else ("latn" if lat >= 3 * cyr else "mixed")
    if cyr:
        return "cyrl"
    if lat:
        return "latn"
    return None
