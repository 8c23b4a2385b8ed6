"""Plain-string keys of a name, usable as Splink / DuckDB columns and search terms.

Why keys and not only a comparison: linkage blocks on equal keys (millions of pairs never get compared),
the web app indexes them, and Splink compares columns. Every key is script-neutral: a name and each of its
romanisations give the same keys (tested as a property).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from reckon.names._memo import memo
from reckon.names.given import given_class, given_sex, patronymic_class
from reckon.names.parse import MAX_NAME_CHARS, ParsedName, _parse_text, parse
from reckon.names.script import CYRILLIC_RE
from reckon.names.skeleton import skeleton
from reckon.names.translit import ICAO_TABLE, ascii_fold, ending_form

# Endings read on one ASCII form of the word (Cyrillic, Łacinka and Latin alike), so the hint is the same
# for a name and each of its romanisations.
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yova|ina|yna|aya|aja|aia|yaya|ava|skaya|skaja|skaia|kaya|kaja|kaia)$")
_MALE_SURNAME = re.compile(
    r"(?:ov|ev|yov|in|yn|iy|ii|yi|yy|yj|ij|oy|oi|oj|au|ou|eu|ski|sky|skiy|skii|skij|ow|aw|ew)$")
_FEMALE_PATR = re.compile(r"(?:vna|una|chna|cna)$")
_MALE_PATR = re.compile(r"(?:vich|vic|ich|ic|vych|ych|vitch)$")


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Keys of one name. Empty strings mean "part absent"; sex_hint is None when no form reveals it."""

    surname_key: str = ""
    given_key: str = ""
    patronymic_key: str = ""
    initials: str = ""
    surname_latn: str = ""
    given_latn: str = ""
    sex_hint: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def sex_hint(parsed: ParsedName) -> str | None:
    """"female"/"male" from the patronymic, else the surname's ending, else the given name's class."""
    patr = ending_form(parsed.patronymic)
    if patr:
        if _FEMALE_PATR.search(patr):
            return "female"
        if _MALE_PATR.search(patr):
            return "male"
    sur = ending_form(parsed.surname)
    if len(sur) > 3:
        if _FEMALE_SURNAME.search(sur):
            return "female"
        if _MALE_SURNAME.search(sur):
            return "male"
    if parsed.given:
        return given_sex(parsed.given)
    return None


def patronymic_key(token: str) -> str:
    """The father's given-name class inside a patronymic, gender-neutral (-авіч = -аўна = -ович = -овна)."""
    return patronymic_class(token) if token else ""


@memo(200_000)
def latin_form(token: str) -> str:
    """Canonical lower-case ASCII Latin of one token for fuzzy comparison (passport style for Cyrillic)."""
    if not token:
        return ""
    low = token.lower()
    if low.isascii():
        return low
    if CYRILLIC_RE.search(low) is not None:
        low = low.translate(ICAO_TABLE)
    return ascii_fold(low).lower() if not low.isascii() else low


def _initials_latin(parsed: ParsedName) -> str:
    return _initials_of(parsed.initials)


@memo(20_000)
def _initials_of(initials: str) -> str:
    """Latin initials of the written ones ("ИВ" -> "IV"); few distinct strings, so cached."""
    out = []
    for ch in initials:
        lat = skeleton(ch) if not ch.isascii() else ch.lower()
        out.append(latin_form(ch)[:1].upper() if lat else "")
    return "".join(out)


def _keys_of(parsed: ParsedName) -> NameKeys:
    given = parsed.given
    return NameKeys(
        surname_key=skeleton(parsed.surname) if parsed.surname else "",
        given_key=given_class(given) if given else "",
        patronymic_key=patronymic_key(parsed.patronymic),
        initials=_initials_latin(parsed),
        surname_latn=latin_form(parsed.surname),
        given_latn=latin_form(given),
        sex_hint=sex_hint(parsed),
    )


# compare() meets the same readings again and again: cached; keys() has its own cache per text
keys_of = memo(100_000)(_keys_of)


_EMPTY = NameKeys()


@memo(200_000)
def _keys_text(text: str) -> NameKeys:
    parsed = _parse_text(text) if len(text) <= MAX_NAME_CHARS else ()
    return _keys_of(parsed[0]) if parsed else _EMPTY


def keys(name: str | ParsedName) -> NameKeys:
    """Keys of a name (the first reading when a string has alternatives; see all_keys for every one)."""
    if type(name) is str:  # the common case first
        return _keys_text(name)
    if isinstance(name, ParsedName):
        return keys_of(name)
    if not isinstance(name, str):
        raise TypeError("keys() takes a string or a ParsedName")
    return _keys_text(name)


def keys_many(names: Iterable[str | ParsedName]) -> list[NameKeys]:
    """Keys of many names, in order; each distinct name is keyed once.

    Why: linkage keys up to a million records whose name strings repeat (one person on several lists, a
    register's re-imports). Deduplicating first keeps the work at the number of distinct names whatever
    the per-call memo holds (it is bounded and is cleared when full).
    """
    seen: dict[str | ParsedName, NameKeys] = {}
    out: list[NameKeys] = []
    append = out.append
    get = seen.get
    for name in names:
        try:
            k = get(name)
        except TypeError:  # unhashable: keys() raises its clear error
            k = keys(name)
        if k is None:
            k = seen[name] = keys(name)
        append(k)
    return out


def all_keys(text: str) -> list[NameKeys]:
    """Keys of every reading (";"-separated names, bracketed alternatives)."""
    return [keys_of(p) for p in parse(text)]


def search_terms(text: str) -> set[str]:
    """Terms to index or search a name by, across scripts and spellings ("Kubrakov" finds Кубракоў).

    Every word of every reading contributes its skeleton and given-name class, so a one-word query
    matches whatever part it is in the indexed name. Terms are plain ASCII strings.
    """
    if not isinstance(text, str):
        raise TypeError("search_terms() takes a string")
    terms: set[str] = set()
    for p in parse(text):
        for word in (p.surname, p.given, *p.extra):
            if word:
                sk = skeleton(word)
                if sk:
                    terms.add(sk)
                gc = given_class(word)
                if gc:
                    terms.add(gc)
        if p.patronymic:
            pk = patronymic_key(p.patronymic)
            if pk:
                terms.add("p:" + pk)
    return terms
