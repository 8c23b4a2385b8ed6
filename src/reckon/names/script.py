"""Script and language detection per token, homoglyph repair, apostrophes and case.

Why: lists typed by hand mix Latin look-alike letters into Cyrillic words ("Дзмiтрый" with a Latin i,
"КАРАНIК" with a Latin I); a key built on such a word would never meet its clean twin. We decide each
token's script from the letters only one script has, then replace the look-alikes of the other script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reckon.names._memo import memo

# Latin letters that look like Cyrillic ones, and back. Lower-case "i" stands for Belarusian/Ukrainian "і".
LATIN_TO_CYRL = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "k": "к", "m": "м",
    "t": "т", "b": "в", "h": "н", "ë": "ё", "ï": "ї", "j": "ј", "ĸ": "к", "ɑ": "а", "ӏ": "і",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "Ë": "Ё", "Ï": "Ї",
}
CYRL_TO_LATIN = {
    "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i", "к": "k", "ј": "j",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Т": "T", "Х": "X", "У": "Y",
}
_TO_CYRL = str.maketrans(LATIN_TO_CYRL)
_TO_LATIN = str.maketrans(CYRL_TO_LATIN)
# Apostrophe-like marks used for the Belarusian/Ukrainian apostrophe and for the soft sign in romanisations.
APOSTROPHES = "'’‘ʼʹ`´ʻ′"
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
BE_ONLY = set("ўі")  # і is shared with Ukrainian; ў is Belarusian only
RU_ONLY = set("щъ")
UK_ONLY = set("їєґ")
LACINKA_MARKS = set("łŭčšžćśźńŁŬČŠŽĆŚŹŃ")


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


CYRILLIC_RE = re.compile("[\u0400-\u052f]")
_ASCII_ALPHA_RE = re.compile("[A-Za-z]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")


def has_cyrillic(text: str) -> bool:
    return CYRILLIC_RE.search(text) is not None


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or ("\u00c0" <= ch <= "\u024f" and ch.isalpha()) \
        or ("\u1e00" <= ch <= "\u1eff")


# "ЕвгенийАлексеевич": two Cyrillic words glued together (Latin is left alone: McLean, DiCaprio)
_GLUED_RE = re.compile(r"(?<=[а-яёіўїєґ]{2})(?=[А-ЯЁІЎЇЄҐ][а-яёіўїєґ])")
_GLUED_PRE_RE = re.compile(r"[а-яёіўїєґ][А-ЯЁІЎЇЄҐ]")


def normalize_text(text: str) -> str:
    """NFC, one apostrophe (U+0027), single spaces, glued words split; keeps case (case carries the
    SURNAME convention)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _APOS_RE.search(text) is not None:  # a search costs half a substitution, and most names have none
            text = _APOS_RE.sub("'", text)
        # cheap necessary conditions first: a title-case text ("Іван Дубракоў") has no upper-case letter
        # right after a letter, so no glued words
        if not text.istitle() and _GLUED_PRE_RE.search(text) is not None:
            text = _GLUED_RE.sub(" ", text)
    elif "`" in text:
        text = text.replace("`", "'")
    # a printable text has no white space but U+0020: with no space at either end and no double space it
    # is already what the split and join would give
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


# any character is_latin() can accept (the exact test, with isalpha, follows only when one is present)
_LATIN_ANY_RE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


@memo(200_000)
def token_script(token: str) -> str:
    """"Cyrl", "Latn", "Mixed" (both, undecidable alone) or "" (no letters)."""
    # fast paths (same answers as the count below): one script only, decided without a per-letter loop
    if token.isascii():
        return "Latn" if _ASCII_ALPHA_RE.search(token) else ""
    if _LATIN_ANY_RE.search(token) is None:
        return "Cyrl" if CYRILLIC_RE.search(token) else ""
    cyr = lat = cyr_only = lat_only = 0
    for ch in token:
        if is_cyrillic(ch):
            cyr += 1
            if ch not in CYRL_TO_LATIN:
                cyr_only += 1
        elif ch.isalpha() and is_latin(ch):
            lat += 1
            if ch not in LATIN_TO_CYRL:
                lat_only += 1
    if not cyr and not lat:
        return ""
    if cyr and not lat:
        return "Cyrl"
    if lat and not cyr:
        return "Latn"
    if cyr_only and not lat_only:
        return "Cyrl"
    if lat_only and not cyr_only:
        return "Latn"
    if cyr_only and lat_only:
        return "Cyrl" if cyr_only >= lat_only else "Latn"
    return "Mixed"


@lru_cache(maxsize=200_000)
def repair_token(token: str, script: str) -> str:
    """Replace the other script's look-alike letters so the token is in one script."""
    if script == "Cyrl":
        return token.translate(_TO_CYRL)
    if script == "Latn":
        return token.translate(_TO_LATIN)
    return token


def repair_homoglyphs(text: str) -> str:
    """Repair every token; tokens undecidable alone follow the majority script of the text."""
    if text.isascii() or not _LATIN_RE.search(text) or not CYRILLIC_RE.search(text):
        return text  # one script only: nothing to repair
    tokens = text.split(" ")
    scripts = [token_script(t) for t in tokens]
    cyr = scripts.count("Cyrl")
    lat = scripts.count("Latn")
    default = "Cyrl" if cyr >= lat and cyr else ("Latn" if lat else "Cyrl")
    out = []
    for tok, scr in zip(tokens, scripts, strict=True):
        if scr == "Mixed":
            scr = default
        out.append(repair_token(tok, scr) if scr else tok)
    return " ".join(out)


@memo(200_000)
def token_lang(token: str) -> str | None:
    """Language of one (repaired) token: "be", "ru", "uk" for Cyrillic, "be" for Łacinka, else None."""
    low = token.lower()
    letters = set(low)
    if CYRILLIC_RE.search(low) is not None:
        if letters & UK_ONLY:
            return "uk"
        has_i = "і" in letters
        has_ru_i = "и" in letters
        if has_i and has_ru_i:
            return "uk"
        if "ў" in letters or (has_i and not letters & RU_ONLY):
            return "be"
        if has_ru_i or letters & RU_ONLY:
            return "ru"
        if "'" in letters:
            return "be"
        return None
    if not letters.isdisjoint(_LACINKA_LOWER):
        return "be"
    return None


_LACINKA_LOWER = frozenset(c.lower() for c in LACINKA_MARKS)


def text_lang(tokens: list[str]) -> str | None:
    """Language of a whole name: the first decisive token wins (be beats ru: Belarusian lists cite both)."""
    langs = [token_lang(t) for t in tokens]
    for lang in ("uk", "be", "ru"):
        if lang in langs:
            return lang
    return None


def text_script(tokens: list[str]) -> str:
    scripts = {token_script(t) for t in tokens} - {""}
    if not scripts:
        return ""
    if len(scripts) == 1:
        return scripts.pop()
    return "Mixed"


def is_lacinka(token: str) -> bool:
    return any(c in LACINKA_MARKS for c in token)
