"""Romanisations of Belarusian and Russian names, and back from Latin to candidate Cyrillic.

Why several: one person is printed as Dubrakoŭ (Łacinka), Dubrakow (ICU BGN), Dubrakou (Belarusian
passports, EU lists) and Dubrakov (from Russian). The simulator renders synthetic people in each scheme;
the keys module only needs one internal rendering (``skeleton_latin``) but users want to see them all.

ICU transliterators are expensive to create, so each is created once and cached.
"""

from __future__ import annotations

import re
import threading

from reckon.names._memo import memo
from reckon.names.script import CYRILLIC_RE, is_cyrillic, normalize_text, repair_homoglyphs, text_lang

SCHEMES = ("bgn_be", "bgn_ru", "lacinka", "passport_be", "icao_ru", "ascii")


_LOCAL = threading.local()


def icu_transliterator(spec: str):  # noqa: ANN201 - icu type
    """One cached ICU transliterator per thread (creating one parses its rules: milliseconds each time;
    ICU transliterator objects must not be shared between threads, and the web app runs in threads)."""
    cache = getattr(_LOCAL, "cache", None)
    if cache is None:
        cache = _LOCAL.cache = {}
    trans = cache.get(spec)
    if trans is None:
        import icu

        trans = cache[spec] = icu.Transliterator.createInstance(spec)
    return trans


def _icu(spec: str, text: str) -> str:
    return icu_transliterator(spec).transliterate(text)


# --- case handling: rules work on lower case, the token's case pattern is re-applied -------------------

def _recase(src: str, out: str) -> str:
    letters = [c for c in src if c.isalpha()]
    if not letters or not out:
        return out
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return out.upper()
    if letters[0].isupper():
        return out[0].upper() + out[1:]
    return out


def _by_token(text: str, fn) -> str:  # noqa: ANN001
    return " ".join(_recase(tok, fn(tok.lower())) if any(is_cyrillic(c) for c in tok) else tok
                    for tok in text.split(" "))


VOWELS_CYRL = set("аеёіиоуыэюяєї")
IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a", "є": "e", "ї": "i"}
SOFTENERS = set("еёіюяьєїи")

# --- Łacinka (no ICU transform exists; rules after the 1929/Taraškievič-era standard as used today) ----------
_LAC_BASIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "и": "i",
    "й": "j", "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e", "ъ": "",
}
_LAC_SOFT = {"з": "ź", "с": "ś", "ц": "ć", "н": "ń", "л": "l", "дз": "dź"}


def _lacinka_token(tok: str) -> str:
    out: list[str] = []
    i, n = 0, len(tok)
    while i < n:
        ch = tok[i]
        nxt = tok[i + 1] if i + 1 < n else ""
        if ch == "д" and nxt in "зж" and nxt:
            cons = "дз" if nxt == "з" else "дж"
            after = tok[i + 2] if i + 2 < n else ""
            if cons == "дж":
                out.append("dž")
            elif after == "ь":
                out.append("dź")
                i += 1
            else:
                out.append("dz")
            i += 2
            continue
        if ch == "л":
            out.append("l" if nxt in SOFTENERS and nxt else "ł")
            if nxt == "ь":
                i += 1
        elif ch in IOTATED:
            prev = tok[i - 1] if i else ""
            vowel = IOTATED[ch]
            if prev == "л":
                out.append(vowel)
            elif not prev or prev in VOWELS_CYRL or prev in "'ўьъ":
                out.append("j" + vowel)
            else:
                out.append("i" + vowel)
        elif ch in _LAC_SOFT and nxt == "ь":
            out.append(_LAC_SOFT[ch])
            i += 1
        elif ch == "ь" or ch == "'":
            pass
        else:
            out.append(_LAC_BASIC.get(ch, ch))
        i += 1
    return "".join(out)


# --- Belarusian passport / EU style (ASCII: ў→u, ц→ts, ч→ch, я→ia) --------------------------------------------
_PASSPORT_BASIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "zh", "з": "z", "і": "i", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
    "э": "e", "ь": "", "ъ": "", "'": "", "ю": "iu", "я": "ia", "ё": "io", "є": "ie", "ї": "i",
}


def _passport_token(tok: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(tok):
        prev = tok[i - 1] if i else ""
        after_consonant = bool(prev) and prev not in VOWELS_CYRL and prev not in "'ьъў"
        if ch == "е":
            out.append("ie" if after_consonant else "e")
        elif ch in "яюё":
            out.append(("i" if after_consonant else "y") + _PASSPORT_BASIC[ch][1])
        elif ch == "й" and prev == "ы" and i == len(tok) - 1:
            continue  # Дзмітрый -> Dzmitry, as printed in passports
        else:
            out.append(_PASSPORT_BASIC.get(ch, ch))
    return "".join(out)


# --- ICAO Doc 9303 (7th ed., part 3) for Russian, extended with Belarusian і and ў -------------------------------
ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i", "ў": "u", "'": "", "ґ": "g", "є": "ie", "ї": "i",
}


def _table_token(table: dict[str, str]):  # noqa: ANN202
    def run(tok: str) -> str:
        return "".join(table.get(ch, ch) for ch in tok)
    return run


# --- the internal rendering the keys are built on: every Cyrillic letter, ASCII digraphs -----------------------
SKELETON_CYRL = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "ј": "y",
}


SKELETON_TABLE = str.maketrans(SKELETON_CYRL)
ICAO_TABLE = str.maketrans(ICAO)


@memo(200_000)
def skeleton_latin(tok: str) -> str:
    """Lower-case ASCII rendering of one Cyrillic token for the key rules (not for display)."""
    return tok.lower().translate(SKELETON_TABLE)


def _clean_latin(text: str) -> str:
    text = text.replace("·", "")
    return " ".join(text.split())


def romanize(text: str, scheme: str) -> str:
    """Render ``text`` (Belarusian or Russian Cyrillic, or already Latin) in one Latin scheme.

    Schemes: ``bgn_be`` (ICU Belarusian-Latin/BGN), ``bgn_ru`` (ICU Russian-Latin/BGN), ``lacinka``
    (Belarusian Łacinka), ``passport_be`` (Belarusian passport / EU lists), ``icao_ru`` (ICAO Doc 9303),
    ``ascii`` (any script folded to ASCII). Latin input passes through (``ascii`` folds it). Look-alike
    letters are repaired first; letters of other scripts fall back to ICU Any-Latin, so the output holds no
    Cyrillic. Unknown schemes raise ``ValueError``.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown romanisation scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
    if not isinstance(text, str):
        raise TypeError("romanize() takes a string")
    text = repair_homoglyphs(normalize_text(text))
    if not text:
        return ""
    if scheme == "bgn_be":
        out = _icu("Belarusian-Latin/BGN; Russian-Latin/BGN", text)
    elif scheme == "bgn_ru":
        out = _icu("Russian-Latin/BGN; Belarusian-Latin/BGN", text)
    elif scheme == "lacinka":
        out = _by_token(text, _lacinka_token)
    elif scheme == "passport_be":
        out = _by_token(text, _passport_token)
    elif scheme == "icao_ru":
        out = _by_token(text, _table_token(ICAO))
    else:
        out = _by_token(text, _table_token(ICAO))
        out = _icu("Any-Latin; Latin-ASCII", out)
        out = "".join(c for c in out if c.isascii())
        return _clean_latin(out.replace("'", "").replace('"', ""))
    if not out.isascii() and any(c.isalpha() and not _is_latin_letter(c) for c in out):
        out = _icu("Any-Latin", out)
        # letters no transform knows (rare Cyrillic extensions such as Ҝ) are dropped, not passed on
        out = "".join(c for c in out if not c.isalpha() or _is_latin_letter(c))
    return _clean_latin(out)


@memo(4096)
def _is_latin_letter(ch: str) -> bool:
    import unicodedata

    return ch.isascii() or "LATIN" in unicodedata.name(ch, "") or unicodedata.category(ch) in ("Lm", "Sk")


def ascii_fold(text: str) -> str:
    """Latin with diacritics (Łacinka, ISO 9) to ASCII; cached per distinct text (ASCII text is returned
    as it is, before the cache: a new ASCII word would only fill it)."""
    return text if text.isascii() else _ascii_fold(text)


@memo(200_000)
def _ascii_fold(text: str) -> str:
    if text.isascii():
        return text
    table = _FOLD_TABLE or _fold_table()
    if _FOLD_SAFE.issuperset(text):
        return text.translate(table)
    return _icu("Any-Latin; Latin-ASCII", text)


# ICU's own answer for each Latin letter with diacritics (Łacinka, ISO 9, ...) that it folds to one ASCII
# letter, whatever surrounds it: a word made of ASCII and such letters is folded by str.translate, the same
# result without an ICU call (~4 µs a word). Anything else still goes through ICU.
_FOLD_TABLE: dict[int, str] = {}
_FOLD_SAFE: set[str] = set()


def _fold_table() -> dict[int, str]:
    import unicodedata

    table: dict[int, str] = {}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        base = unicodedata.normalize("NFD", ch)
        if not (base[0].isascii() and base[0].isalpha() and all(unicodedata.category(c) == "Mn"
                                                                  for c in base[1:])) and ch not in "łŁ":
            continue
        out = _icu("Any-Latin; Latin-ASCII", ch)
        if len(out) == 1 and out.isascii() and out.isalpha():
            table[cp] = out
    _FOLD_SAFE.update(chr(c) for c in range(128))
    _FOLD_SAFE.update(chr(c) for c in table)
    _FOLD_TABLE.update(table)
    return _FOLD_TABLE


# --- Latin back to candidate Cyrillic -------------------------------------------------------------------
_REV_COMMON = [
    ("shch", "щ", "шч"), ("sch", "щ", "шч"), ("zh", "ж", "ж"), ("kh", "х", "х"), ("ch", "ч", "ч"),
    ("sh", "ш", "ш"), ("ts", "ц", "ц"), ("dz", "дз", "дз"), ("ya", "я", "я"), ("ia", "я", "я"),
    ("ja", "я", "я"), ("yu", "ю", "ю"), ("iu", "ю", "ю"), ("ju", "ю", "ю"), ("ye", "е", "е"),
    ("ie", "е", "е"), ("je", "е", "е"), ("yo", "ё", "ё"), ("io", "ё", "ё"), ("jo", "ё", "ё"),
    ("a", "а", "а"), ("b", "б", "б"), ("v", "в", "в"), ("w", "в", "ў"), ("g", "г", "г"), ("h", "х", "г"),
    ("d", "д", "д"), ("e", "е", "э"), ("z", "з", "з"), ("i", "и", "і"), ("j", "й", "й"), ("k", "к", "к"),
    ("l", "л", "л"), ("m", "м", "м"), ("n", "н", "н"), ("o", "о", "о"), ("p", "п", "п"), ("r", "р", "р"),
    ("s", "с", "с"), ("t", "т", "т"), ("u", "у", "у"), ("f", "ф", "ф"), ("c", "ц", "ц"), ("x", "кс", "кс"),
    ("y", "ы", "ы"), ("q", "к", "к"),
]
_LACINKA_REV = {"ł": "л", "ŭ": "ў", "č": "ч", "š": "ш", "ž": "ж", "ć": "ць", "ś": "сь", "ź": "зь",
                "ń": "нь", "l": "ль"}
_REV_RE = re.compile("|".join(re.escape(p[0]) for p in _REV_COMMON))


def cyrillic_candidates(text: str) -> list[str]:
    """Candidate Cyrillic spellings of a Latin name: a Russian reading and a Belarusian reading.

    Why: a user types "Dubrakou" and wants to find Дубракоў; a reviewer wants to see what the Latin could
    stand for. Readings are rule-based guesses, not a dictionary lookup; duplicates are removed.
    """
    text = repair_homoglyphs(normalize_text(text))
    out: list[str] = []
    for lang_idx in (1, 2):
        toks = []
        for tok in text.split(" "):
            if not tok or any(is_cyrillic(c) for c in tok):
                toks.append(tok)
                continue
            low = tok.lower()
            if any(c in _LACINKA_REV for c in low if c != "l") and lang_idx == 2:
                low = low.replace("ch", "х")
            res = []
            i = 0
            while i < len(low):
                ch = low[i]
                if ch in _LACINKA_REV and ch != "l":
                    res.append(_LACINKA_REV[ch])
                    i += 1
                    continue
                m = _REV_RE.match(low, i)
                if m:
                    pat = m.group(0)
                    row = next(p for p in _REV_COMMON if p[0] == pat)
                    cyr = row[lang_idx]
                    prev = res[-1][-1] if res else ""
                    if lang_idx == 2 and pat == "u" and prev in VOWELS_CYRL:
                        cyr = "ў"
                    if lang_idx == 1 and pat in ("y", "i") and prev in VOWELS_CYRL and prev:
                        cyr = "й"
                    if lang_idx == 2 and pat in ("y", "i") and prev in VOWELS_CYRL and prev:
                        cyr = "й"
                    res.append(cyr)
                    i += len(pat)
                else:
                    res.append(low[i])
                    i += 1
            word = "".join(res)
            if lang_idx == 1 and word.endswith("ы") and len(word) > 2:
                word = word[:-1] + "ий"
            toks.append(_recase(tok, word))
        cand = " ".join(toks)
        if cand not in out:
            out.append(cand)
    return out


def detect_lang(text: str) -> str | None:
    return text_lang(repair_homoglyphs(normalize_text(text)).split(" "))


@memo(200_000)
def ending_form(token: str) -> str:
    """One lower-case ASCII form of a word (Cyrillic, Łacinka, Latin alike) to read its ending from."""
    low = token.lower()
    if low.isascii():
        return low
    if CYRILLIC_RE.search(low) is not None:
        return low.translate(SKELETON_TABLE)  # skeleton_latin(low), without a second cache entry
    return ascii_fold(low).lower()


def has_ending(form: str, endings: tuple[str, ...]) -> bool:
    """Whether ``form`` ends in one of ``endings``: ``re.search("(?:e1|e2|...)$", form)`` without a regex
    (~0.1 µs a call against ~0.4 µs; a new surname is asked several times). ``$`` also matches before a
    final newline, and so does this."""
    return form.endswith(endings) or (form[-1:] == "\n" and form[:-1].endswith(endings))


# --- Belarus's national romanisation of geographic names (Mahilioŭ, Homieĺ, Navapolack, Žodzina) --------
# Why a scheme apart from SCHEMES: the national system (instruction on the transliteration of Belarusian
# geographic names, 2000, revised 2007, the one the UN recommends for Belarus) is what maps, signs and
# Viasna's English pages use for places; people's names are printed in the schemes above. Rules: е ё ю я
# are je jo ju ja at the start of a word and after a vowel, ў, an apostrophe or ь, and ie io iu ia after a
# consonant; ь softens the letter before it (ль ĺ, нь ń, сь ś, зь ź, ць ć) and is dropped elsewhere; і
# after an apostrophe is ji; г is h, х is ch.
_NAT_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e",
    "ъ": "",
}
_NAT_IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_NAT_SOFT = {"л": "ĺ", "н": "ń", "с": "ś", "з": "ź", "ц": "ć"}
_NAT_APOSTROPHES = set("'’ʼ`")


def _national_word(word: str) -> str:
    out: list[str] = []
    prev = ""
    for ch in word.lower():
        if ch in _NAT_IOTATED:
            after_consonant = prev.isalpha() and prev not in VOWELS_CYRL and prev not in ("ў", "ь", "ъ")
            out.append(("i" if after_consonant else "j") + _NAT_IOTATED[ch])
        elif ch == "і" and prev in _NAT_APOSTROPHES:
            out.append("ji")
        elif ch == "ь":
            if prev in _NAT_SOFT and out:
                out[-1] = _NAT_SOFT[prev]
        elif ch in _NAT_APOSTROPHES:
            pass
        else:
            out.append(_NAT_PLAIN.get(ch, ch))
        prev = ch
    text = "".join(out)
    if word[:1].isupper() and text:
        text = text[0].upper() + text[1:]
    return text


def national_latin(text: str) -> str:
    """``text`` (Belarusian Cyrillic) in the national Latin system: "Магілёў" -> "Mahilioŭ"."""
    out, word = [], []
    for ch in text:
        if ch.isalpha() or ch in _NAT_APOSTROPHES:
            word.append(ch)
        else:
            if word:
                out.append(_national_word("".join(word)))
                word = []
            out.append(ch)
    if word:
        out.append(_national_word("".join(word)))
    return "".join(out)
