"""Plain-string keys of a name, usable as Splink / DuckDB columns and search terms.

Why keys and not only a comparison: linkage blocks on equal keys (millions of pairs never get compared),
the web app indexes them, and Splink compares columns. Every key is script-neutral: a name and each of its
romanisations give the same keys (tested as a property).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields

from reckon.names._memo import memo
from reckon.names.given import given_class, given_sex, patronymic_class
from reckon.names.parse import MAX_NAME_CHARS, ParsedName, _parse_text, parse, read_fields
from reckon.names.script import CYRILLIC_RE, LACINKA_MARKS, normalize_text, repair_homoglyphs
from reckon.names.skeleton import (
    latin_ch_skeleton,
    skeleton,
    skeleton_uncached,
    surname_forms,
    surname_skeleton,
)
from reckon.names.translit import ICAO_TABLE, ascii_fold, ending_form, has_ending

# Endings read on one ASCII form of the word (Cyrillic, Łacinka and Latin alike), so the hint is the same
# for a name and each of its romanisations.
# (tuples for has_ending, which reads them as the regular expression "(?:...|...)$" would)
_FEMALE_SURNAME = ("ova", "eva", "yova", "ina", "yna", "aya", "aja", "aia", "yaya", "ava", "skaya", "skaja", "skaia",
                   "kaya", "kaja", "kaia")
_MALE_SURNAME = ("ov", "ev", "yov", "in", "yn", "iy", "ii", "yi", "yy", "yj", "ij", "oy", "oi", "oj", "au", "ou", "eu",
                 "ski", "sky", "skiy", "skii", "skij", "ow", "aw", "ew")
_FEMALE_PATR = ("vna", "una", "chna", "cna")
_MALE_PATR = ("vich", "vic", "ich", "ic", "vych", "ych", "vitch")


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


# The slots' own setters, to build a NameKeys for a new name without the frozen dataclass's __init__ (one
# object.__setattr__ call per field: ~1.2 µs a name, against ~0.5 µs this way). Same object, same equality.
(_set_surname_key, _set_given_key, _set_patronymic_key, _set_initials, _set_surname_latn, _set_given_latn,
 _set_sex_hint) = (getattr(NameKeys, f.name).__set__ for f in fields(NameKeys))
_new = object.__new__


def _name_keys(surname_key: str, given_key: str, patronymic_key: str, initials: str, surname_latn: str,
               given_latn: str, sex: str | None) -> NameKeys:
    """``NameKeys(...)`` with every field given, built faster (see the setters above)."""
    k = _new(NameKeys)
    _set_surname_key(k, surname_key)
    _set_given_key(k, given_key)
    _set_patronymic_key(k, patronymic_key)
    _set_initials(k, initials)
    _set_surname_latn(k, surname_latn)
    _set_given_latn(k, given_latn)
    _set_sex_hint(k, sex)
    return k


def sex_hint(parsed: ParsedName) -> str | None:
    """"female"/"male" from the patronymic, else the surname's ending, else the given name's class."""
    return _sex(parsed.surname, parsed.given, parsed.patronymic)


def _sex(surname: str, given: str, patronymic: str) -> str | None:
    return ((_patronymic_facts(patronymic)[1] if patronymic else None)
            or (_surname_facts(surname)[2] if surname else None) or (_given_facts(given)[2] if given else None))


def _patronymic_sex(token: str) -> str | None:
    patr = ending_form(token)
    if has_ending(patr, _FEMALE_PATR):
        return "female"
    if has_ending(patr, _MALE_PATR):
        return "male"
    return None


@memo(200_000)
def _surname_facts(token: str) -> tuple[str, str, str | None]:
    """Skeleton, Latin form and the sex its ending says, of a surname: one cache entry for all three
    (a register's surnames are mostly new words, and each cached call costs a lookup)."""
    sur = ending_form(token)
    sex = None
    if len(sur) > 3:
        if has_ending(sur, _FEMALE_SURNAME):
            sex = "female"
        elif has_ending(sur, _MALE_SURNAME):
            sex = "male"
    return skeleton_uncached(token), _latin_form(token), sex


@memo(200_000)
def _given_facts(token: str) -> tuple[str, str, str | None]:
    """Class key, Latin form and sex of a given name, in one cache entry."""
    return given_class(token), _latin_form(token), given_sex(token)


@memo(200_000)
def _patronymic_facts(token: str) -> tuple[str, str | None]:
    """Class key and sex of a patronymic, in one cache entry."""
    return patronymic_class(token), _patronymic_sex(token)


def patronymic_key(token: str) -> str:
    """The father's given-name class inside a patronymic, gender-neutral (-авіч = -аўна = -ович = -овна)."""
    return patronymic_class(token) if token else ""


def _latin_form(token: str) -> str:
    """Canonical lower-case ASCII Latin of one token for fuzzy comparison (passport style for Cyrillic)."""
    if not token:
        return ""
    low = token.lower()
    if low.isascii():
        return low
    if CYRILLIC_RE.search(low) is not None:
        low = low.translate(ICAO_TABLE)
    return ascii_fold(low).lower() if not low.isascii() else low


latin_form = memo(200_000)(_latin_form)


@memo(20_000)
def _initials_of(initials: str) -> str:
    """Latin initials of the written ones ("ИВ" -> "IV"); few distinct strings, so cached."""
    out = []
    for ch in initials:
        lat = skeleton(ch) if not ch.isascii() else ch.lower()
        out.append(latin_form(ch)[:1].upper() if lat else "")
    return "".join(out)


def _keys_of(parsed: ParsedName) -> NameKeys:
    return _keys_from(parsed.surname, parsed.given, parsed.patronymic, parsed.initials)


def _keys_from(surname: str, given: str, patronymic: str, initials: str) -> NameKeys:
    sur_key, sur_latn, sur_sex = _surname_facts(surname) if surname else _NONE3
    if "C" in sur_key and (given or patronymic) and (not LACINKA_MARKS.isdisjoint(given)
                                                     or not LACINKA_MARKS.isdisjoint(patronymic)):
        sur_key = _lacinka_surname_key(surname, sur_key)
    giv_key, giv_latn, giv_sex = _given_facts(given) if given else _NONE3
    pat_key, pat_sex = _patronymic_facts(patronymic) if patronymic else _NONE2
    # sex: the patronymic says it best, then the surname's ending, then the given name's class
    return _name_keys(sur_key, giv_key, pat_key, _initials_of(initials), sur_latn, giv_latn,
                      pat_sex or sur_sex or giv_sex)


def _lacinka_surname_key(surname: str, key: str) -> str:
    """The key of a surname without diacritics in a name written in Łacinka: its "ch" is х.

    Why: Łacinka writes х "ch" and ч "č"; a surname such as Machno has no letter to show it is Łacinka,
    but a given name or patronymic beside it (Mikoła, Kastuś, -avič) does."""
    alt = latin_ch_skeleton(surname)
    return surname_skeleton(alt) if alt else key


_NONE3: tuple[str, str, None] = ("", "", None)
_NONE2: tuple[str, None] = ("", None)


# compare() meets the same readings again and again: cached; keys() has its own cache per text
keys_of = memo(100_000)(_keys_of)


_EMPTY = NameKeys()


# A plain name's parts as a plain tuple: surname, given, patronymic, initials
Parts = tuple[str, str, str, str]


def read_text(text: str) -> tuple[NameKeys, Parts | tuple[()]]:
    """Keys of the first reading of a text and, for a plain name (no ";", brackets or commas: the common
    case), its parts; () for any other text. A plain name is read straight into keys, without a
    ParsedName: same keys, about half the work."""
    if len(text) > MAX_NAME_CHARS:
        return _EMPTY, ()
    clean = repair_homoglyphs(normalize_text(text))
    if ";" not in clean and "(" not in clean and "," not in clean:
        read = read_fields(clean)
        if read is None:
            return _EMPTY, ()
        parts = read[:4]
        return _keys_from(*parts), parts
    parsed = _parse_text(text)
    return (_keys_of(parsed[0]) if parsed else _EMPTY), ()


# The parts of every plain name keyed lately (text -> Parts; () when the text is not one plain name), for
# compare(): a name keyed once is not parsed again to be compared.
_PARTS: dict[str, Parts | tuple[()]] = {}
_PARTS_MAX = 200_000
# the parts text_keys() kept of a text, or None when they were dropped since (the dict is cleared when full)
parts_of = _PARTS.get


@memo(200_000)
def text_keys(text: str) -> NameKeys:
    """Keys of the first reading of a text; its parts are kept for compare() (see ``parts_of``).

    Why the parts are not cached beside the keys as one (keys, NamedTuple of parts) pair: the cyclic
    garbage collector keeps tracking every container that holds a NameKeys, and a NamedTuple subclass is
    never untracked, so each new name left three tracked objects; the collector's full passes over them
    took a fifth of keys()' time on all-new names. A plain tuple of strings is untracked at its first collection: each
    new name now leaves one tracked object, its NameKeys."""
    k, parts = read_text(text)
    if len(_PARTS) >= _PARTS_MAX:
        _PARTS.clear()
    _PARTS[text] = parts
    return k


def keys(name: str | ParsedName) -> NameKeys:
    """Keys of a name (the first reading when a string has alternatives; see all_keys for every one)."""
    if type(name) is str:  # the common case first
        return text_keys(name)
    if isinstance(name, ParsedName):
        return keys_of(name)
    if not isinstance(name, str):
        raise TypeError("keys() takes a string or a ParsedName")
    return text_keys(name)


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
    """Terms to index or search a name by, across scripts and spellings ("Dubrakov" finds Дубракоў).

    Every word of every reading contributes its skeleton and given-name class, so a one-word query
    matches whatever part it is in the indexed name. Terms are plain ASCII strings.
    """
    if not isinstance(text, str):
        raise TypeError("search_terms() takes a string")
    terms: set[str] = set()
    for p in parse(text):
        for word in (p.surname, p.given, *p.extra):
            if word:
                # its key, л read as ў (Волк finds Воўк), a Latin "ch" read as х too (Machno finds Махно)
                terms.update(surname_forms(word))
                gc = given_class(word)
                if gc:
                    terms.add(gc)
        if p.patronymic:
            pk = patronymic_key(p.patronymic)
            if pk:
                terms.add("p:" + pk)
    return terms
