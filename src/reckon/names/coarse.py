"""Coarse consonant skeletons of name tokens: blocking keys and a blunt second opinion beside ``compare``.

Why beside the finer keys of :mod:`reckon.names.skeleton`: those keep vowel classes and given-name
classes apart, and are strict where a spelling falls outside their rules. Linkage and sanctions matching
also want a key that forgives nearly everything a spelling can do (script, transliteration, akanne,
-аў/-ов/-ou, ў/в/w), and let the model or a threshold decide what an agreement on it is worth.

One romaniser, :func:`coarse_latin` (lower-case ASCII letters of one token in any script, look-alike
letters repaired first; Cyrillic through the same table as the fine keys), feeds two skeletons:

- :func:`head_skeleton` keeps the first letter and the consonants after it (linkage's second opinion on
  surname and patronymic; :func:`given_head_skeleton` also drops a prosthetic у-/а-/в-: Уладзімір /
  Владимир);
- :func:`consonant_skeleton` keeps consonants only, Polish digraphs read too (sanctions' blocking and
  comparison of officials: ЛАЎРЫНАЎ, Laurynau, Лавринов and Lavrinov all become ``lvrnv``).

The spelling-level comparison of officials' names built on the second lives in :mod:`reckon.names.spellings`.
"""

from __future__ import annotations

import re
import unicodedata

from reckon.names._memo import memo
from reckon.names.script import CYRILLIC_RE, LACINKA_MARKS, repair_token
from reckon.names.translit import SKELETON_TABLE

__all__ = ["coarse_latin", "consonant_skeleton", "given_head_skeleton", "head_skeleton"]

# Łacinka and other Latin letters with a fixed ASCII spelling (the rest lose their diacritics by NFKD)
_LATIN_LETTERS = str.maketrans({
    "ł": "l", "ŭ": "u", "š": "sh", "č": "ch", "ž": "zh", "ć": "ts", "ś": "s", "ź": "z", "ń": "n", "ß": "ss",
    "ø": "o", "æ": "ae", "đ": "d",
})
_NOT_ASCII_LETTER = re.compile(r"[^a-z]")


@memo(200_000)
def coarse_latin(token: str) -> str:
    """Lower-case ASCII letters of one token in any script: Cyrillic (look-alike Latin letters inside a
    Cyrillic word repaired first), Łacinka or Latin; every other character is dropped."""
    t = token
    if CYRILLIC_RE.search(t) is not None:
        t = repair_token(t, "Cyrl").lower().translate(SKELETON_TABLE)
    else:
        t = t.lower()
    if not t.isascii():
        if "ch" in t and not LACINKA_MARKS.isdisjoint(t):
            t = t.replace("ch", "kh")  # Łacinka (and Polish, Czech) "ch" is х; their ч is č, read as ch below
        t = t.translate(_LATIN_LETTERS)
        if not t.isascii():
            t = "".join(c for c in unicodedata.normalize("NFKD", t) if c.isascii())
    return _NOT_ASCII_LETTER.sub("", t)


# --- the head skeleton (linkage): first letter, then consonants -----------------------------------------
_HEAD_RULES = [(re.compile(p), r) for p, r in (
    (r"shch|sch", "S"), (r"ck", "k"), (r"dzh|dž", "J"), (r"zh", "Z"), (r"kh", "h"), (r"sh", "S"),
    (r"ch", "C"), (r"ph", "f"), (r"ts|tz|c", "t"), (r"dz", "d"), (r"g", "h"), (r"x", "ks"), (r"q", "k"),
    (r"w", "v"), (r"(?<=[aeiouy])u(?=[^aeiouy]|$)", "v"),  # ў, and -ou/-au for -ов/-аў
)]
_VOWELS_RE = re.compile(r"[aeiouy]")


def _fold_runs(chars: str) -> str:
    out: list[str] = []
    for ch in chars:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@memo(200_000)
def head_skeleton(token: str) -> str:
    """First letter and consonants of a token's coarse Latin form, doubles folded ("" without letters).

    It forgives what the finer keys keep apart (Паўлавіч / Pavlovich, -аў / -ov / -ou endings)."""
    s = coarse_latin(token)
    if not s:
        return ""
    for pattern, repl in _HEAD_RULES:
        s = pattern.sub(repl, s)
    s = s.replace("j", "y")
    return _fold_runs(s[0] + _VOWELS_RE.sub("", s[1:]))


@memo(200_000)
def given_head_skeleton(token: str) -> str:
    """:func:`head_skeleton` without Belarusian prosthetic у-/а- or Russian в- before a consonant
    (Уладзімір / Владимир, Аляксей / Алексей): for given names and patronymics."""
    sk = head_skeleton(token)
    sk = re.sub(r"^[aeiouy]+", "", sk) or sk
    return re.sub(r"^v(?=[^aeiouy])", "", sk) or sk


# --- the consonant skeleton (sanctions): consonants only ------------------------------------------------
_CONSONANT_DIGRAPHS = [("szcz", "S"), ("sz", "S"), ("cz", "C"), ("tch", "C"), ("shch", "S"), ("sch", "S"),
                       ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("kh", "h"), ("ts", "t"), ("tz", "t"), ("dz", "d"),
                       ("ph", "f"), ("x", "ks"), ("c", "t"), ("w", "v"), ("q", "k"), ("g", "h"), ("j", "y")]
_VOWELS = frozenset("aeiouy")


@memo(200_000)
def consonant_skeleton(token: str) -> str:
    """The consonants of a token's coarse Latin form, digraphs as one symbol, doubles folded.

    Vowels go (so akanne а/о, э/е, ы/и, і/и cannot matter); a "u" after a vowel is ў (Laurynau, Lupakou)
    and an initial У before a consonant is Russian В; an initial в before a vowel is prosthetic (Вольга /
    Ольга, and akanne makes Варабей of Воробей, so any initial в before a vowel goes)."""
    t = coarse_latin(token)
    if not t:
        return ""
    for src, dst in _CONSONANT_DIGRAPHS:
        t = t.replace(src, dst)
    chars = list(t)
    for i, ch in enumerate(chars):
        if ch == "u" and i > 0 and chars[i - 1] in _VOWELS:
            chars[i] = "v"
    if len(chars) > 1 and chars[0] == "u" and chars[1] not in _VOWELS:
        chars[0] = "v"
    if len(chars) > 1 and chars[0] == "v" and chars[1] in _VOWELS:
        chars = chars[1:]
    return _fold_runs("".join(ch for ch in chars if ch not in _VOWELS))
