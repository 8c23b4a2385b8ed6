"""Name keys for linkage: reckon.names when it is there, a small built-in stand-in otherwise.

Linkage needs, per name string, the cross-language keys of :func:`reckon.names.keys` (surname key,
given-name equivalence class, patronymic key, initials, canonical Latin surname and given name, a sex
hint). ``reckon.names`` is imported lazily; where it is missing (an older checkout, a stripped install) the
stand-in below gives keys of the same shape from a Cyrillic/Latin skeleton, so linkage still works, only
less well across Belarusian and Russian given names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Keys:
    surname_key: str | None = None
    given_key: str | None = None
    patronymic_key: str | None = None
    initials: str | None = None
    surname_latn: str | None = None
    given_latn: str | None = None
    sex_hint: str | None = None
    patronymic_latn: str | None = None


def _names_module():
    try:
        import reckon.names as names  # noqa: PLC0415 - lazy on purpose

        if hasattr(names, "keys"):
            return names
    except Exception:  # pragma: no cover - depends on the checkout
        return None
    return None


def _reading(names, name: str):
    """The first reading of a name, with one repair: "Given Surname-vich" is not "Surname Patronymic".

    Belarusian surnames often end like patronymics (Vasilievich, Martsinovich); a two-word name with a
    surname and a patronymic but no given name is read as given name + surname instead.
    """
    import dataclasses

    try:
        parsed = names.parse(name)
    except Exception:  # pragma: no cover - let keys() report it
        return name
    if not parsed:
        return name
    p = parsed[0]
    if p.surname and p.patronymic and not p.given and not p.extra and len(name.split()) == 2:
        return dataclasses.replace(p, given=p.surname, surname=p.patronymic, patronymic="", initials="")
    return p


def backend() -> str:
    """Which key function is in use: ``reckon.names`` or ``builtin``."""
    return "reckon.names" if _names_module() is not None else "builtin"


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


@lru_cache(maxsize=500_000)
def keys_for(name: str) -> Keys:
    """Keys of one name string (cached by the string)."""
    return _keys_and_skeletons(name)[0]


@lru_cache(maxsize=500_000)
def skeleton_keys(name: str) -> tuple[str | None, str | None]:
    """A second, coarser opinion: the built-in consonant skeletons of surname and patronymic.

    They forgive what the finer keys keep apart (Паўлавіч / Pavlovich, -аў / -ov / -ou endings); the model
    learns how much an agreement on them is worth.
    """
    return _keys_and_skeletons(name)[1]


@lru_cache(maxsize=4096)
def _keys_and_skeletons(name: str) -> tuple[Keys, tuple[str | None, str | None]]:
    names = _names_module()
    if names is None:
        k = builtin_keys(name)
        return k, (k.surname_key, k.patronymic_key)
    reading = _reading(names, name)
    k = names.keys(reading)
    get = (lambda f: _clean(getattr(k, f, None))) if not isinstance(k, dict) else (lambda f: _clean(k.get(f)))
    surname = getattr(reading, "surname", "") or ""
    patr = getattr(reading, "patronymic", "") or ""
    if isinstance(reading, str):  # the parser gave nothing usable: the built-in reading
        b = builtin_keys(name)
        return (Keys(surname_key=get("surname_key"), given_key=get("given_key"), patronymic_key=get("patronymic_key"),
                     initials=get("initials"), surname_latn=get("surname_latn"), given_latn=get("given_latn"),
                     sex_hint=get("sex_hint"), patronymic_latn=b.patronymic_latn),
                (b.surname_key, b.patronymic_key))
    patr_latn = get("patronymic_latn") or (_token_latin(names, patr) if patr else None)
    keys = Keys(surname_key=get("surname_key"), given_key=get("given_key"), patronymic_key=get("patronymic_key"),
                initials=get("initials"), surname_latn=get("surname_latn"), given_latn=get("given_latn"),
                sex_hint=get("sex_hint"), patronymic_latn=patr_latn)
    return keys, (_token_skeleton(surname) if surname else None,
                  _token_skeleton(patr, given=True) if patr else None)


@lru_cache(maxsize=200_000)
def _token_latin(names, token: str) -> str | None:
    try:
        return _clean(names.romanize(token, "ascii").lower())
    except Exception:  # pragma: no cover - a token the transliterator cannot read
        return None


@lru_cache(maxsize=200_000)
def _token_skeleton(token: str, given: bool = False) -> str | None:
    latin = romanize(token).replace(" ", "")
    return (_given_skeleton(latin) if given else skeleton(latin)) or None


# ---------------------------------------------------------------------------------------------------
# The built-in stand-in: romanise Belarusian/Russian Cyrillic and Łacinka, then reduce to a skeleton that
# the regular Belarusian/Russian differences (akanne, ў/в, дз/д, ц/т, г/h, -аў/-ов) do not change.

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "w", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "’": "",
    "ʼ": "",
}
_LAT = {"ł": "l", "ŭ": "w", "š": "sh", "č": "ch", "ž": "zh", "ć": "ts", "ś": "s", "ź": "z", "ń": "n",
        "ß": "ss", "ø": "o", "æ": "ae", "đ": "d"}
# Latin look-alikes inside Cyrillic words (the EU list has them).
_HOMO = str.maketrans({"a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
                       "k": "к", "m": "м", "h": "н", "t": "т", "b": "в"})
_CYR_RE = re.compile(r"[\u0400-\u04ff]")
_PATRONYMIC = re.compile(r"(vich|vych|vic|vna|ich|ichna|ovna|evna|avna|auna|ič|yč|ych|ична|вич|віч|вна|ўна|ич|іч)$")
_FEMALE_PATRONYMIC = re.compile(r"(vna|auna|ovna|evna|avna|ichna|ична|вна|ўна)$")
_FEMALE_SURNAME = re.compile(r"(ova|eva|ava|ina|yna|aya|aja|skaya|skaja|ская|ова|ева|ава|ина|ына|ая)$")


def romanize(text: str) -> str:
    """Lower-case ASCII-ish Latin for Cyrillic, Łacinka or Latin input."""
    text = unicodedata.normalize("NFC", text.lower())
    words = []
    for word in re.split(r"(\W+)", text):
        if _CYR_RE.search(word):
            word = word.translate(_HOMO)
        out = []
        for ch in word:
            if ch in _CYR:
                out.append(_CYR[ch])
            elif ch in _LAT:
                out.append(_LAT[ch])
            else:
                decomposed = unicodedata.normalize("NFKD", ch)
                out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
        words.append("".join(out))
    return "".join(words)


_SKELETON_RULES = [
    (r"shch|sch", "S"), (r"ck", "k"), (r"dzh|dž", "J"), (r"zh", "Z"), (r"kh", "h"), (r"sh", "S"),
    (r"ch", "C"), (r"ph", "f"), (r"ts|tz|c", "t"), (r"dz", "d"), (r"g", "h"), (r"x", "ks"), (r"q", "k"),
    (r"w", "v"), (r"(?<=[aeiouy])u(?=[^aeiouy]|$)", "v"),
]


def skeleton(latin: str) -> str:
    """A consonant skeleton of a romanised word: first letter, then consonants, doubles collapsed."""
    s = re.sub(r"[^a-z]", "", latin)
    if not s:
        return ""
    for pattern, repl in _SKELETON_RULES:
        s = re.sub(pattern, repl, s)
    s = s.replace("j", "y")
    head, rest = s[0], re.sub(r"[aeiouy]", "", s[1:])
    out = []
    for ch in head + rest:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _given_skeleton(latin: str) -> str:
    sk = skeleton(latin)
    # Belarusian prosthetic у-/а- and Russian в- before a consonant (Уладзімір / Владимир, Аляксей / Алексей)
    sk = re.sub(r"^[aeiouy]+", "", sk) or sk
    sk = re.sub(r"^v(?=[^aeiouy])", "", sk) or sk
    return sk


def _strip_alternatives(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)
    name = name.split(";")[0]
    return re.sub(r"\s+", " ", name).strip(" ,")


def split_name(name: str) -> tuple[str | None, str | None, str | None, str]:
    """(surname, given, patronymic, initials) from a full name in any common order."""
    name = _strip_alternatives(name)
    if "," in name:
        head, _, tail = name.partition(",")
        if len(head.split()) == 1 and tail.strip():
            name = f"{tail.strip()} {head.strip().upper()}"
        else:
            name = head
    tokens = [t for t in re.split(r"\s+", name) if t]
    initials_tokens = [t for t in tokens if re.fullmatch(r"(\w\.?){1,3}", t) and (len(t) <= 2 or "." in t)]
    words = [t for t in tokens if t not in initials_tokens]
    initials = "".join(ch for t in initials_tokens for ch in t if ch.isalpha())
    if not words:
        return None, None, None, romanize(initials)[:3]
    if initials_tokens:
        surname = words[0]
        given = words[1] if len(words) > 1 else None
        return surname, given, None, romanize(initials)
    upper = [t for t in words if t.isupper() and len(t) > 1]
    if upper and len(upper) < len(words):
        surname = " ".join(upper)
        rest = [t for t in words if t not in upper]
    elif len(words) >= 3 and _PATRONYMIC.search(romanize(words[2])) and not _PATRONYMIC.search(romanize(words[1])):
        surname, rest = words[0], words[1:]
    elif len(words) == 2 and _CYR_RE.search(name):
        surname, rest = words[0], words[1:]
    else:
        surname, rest = words[-1], words[:-1]
    given = rest[0] if rest else None
    patronymic = rest[1] if len(rest) > 1 else None
    init = "".join(romanize(w)[:1] for w in (given, patronymic) if w)
    return surname, given, patronymic, init


def builtin_keys(name: str) -> Keys:
    surname, given, patronymic, initials = split_name(name)
    s_lat = romanize(surname).replace(" ", "") if surname else None
    g_lat = romanize(given) if given else None
    p_lat = romanize(patronymic) if patronymic else None
    sex = None
    if p_lat:
        sex = "female" if _FEMALE_PATRONYMIC.search(p_lat) else ("male" if _PATRONYMIC.search(p_lat) else None)
    if sex is None and s_lat:
        sex = "female" if _FEMALE_SURNAME.search(s_lat) else None
    s_key = skeleton(s_lat) if s_lat else None
    return Keys(
        surname_key=s_key or None,
        given_key=_given_skeleton(g_lat) or None if g_lat else None,
        patronymic_key=_given_skeleton(p_lat) or None if p_lat else None,
        initials=initials or None,
        surname_latn=s_lat or None,
        given_latn=g_lat or None,
        sex_hint=sex,
        patronymic_latn=p_lat or None,
    )
