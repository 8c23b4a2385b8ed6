"""Comparing officials' names across scripts and transliterations.

reckon.names (the names stage) is the authority: when it is installed, :func:`compare_names` uses its
``compare`` and blocking adds its ``search_terms``. Until then, and as a cheap blocking key always, this
module has a small *consonant skeleton* comparer. The skeleton maps a Belarusian or Russian name in any
script to the consonants the spellings share: it transliterates Cyrillic (after repairing Latin look-alike
letters), folds Łacinka and digraphs (ш/š/sh, ц/c/ts, дз/dz, г/h/g, ў/u/v after a vowel), drops vowels
(so akanne а/о, э/е, ы/и, і/и cannot matter) and soft signs, and collapses doubles:
НАВУМАЎ, Navumau, Наумов and Naumov all become ``nvmv``. Tokens are then aligned one to one and compared
by edit distance, with surnames (upper-case tokens, as sanctions lists write them) weighted double.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.distance import levenshtein

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Latin letters that look like Cyrillic ones, for repairing mixed tokens ("Дзмiтрый" with a Latin i).
_HOMOGLYPHS = str.maketrans({
    "a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
    "h": "н", "b": "в", "i": "і", "A": "А", "E": "Е", "O": "О", "C": "С", "P": "Р", "X": "Х", "Y": "У",
    "K": "К", "M": "М", "T": "Т", "H": "Н", "B": "В", "I": "І", "ĸ": "к",
})
_LATIN_DIACRITICS = {"š": "sh", "č": "ch", "ž": "zh", "ŭ": "u", "ł": "l", "ć": "ts", "ś": "s", "ź": "z",
                     "ń": "n", "ĺ": "l", "ë": "e", "ô": "o"}
_DIGRAPHS = [("szcz", "S"), ("sz", "S"), ("cz", "C"), ("tch", "C"), ("shch", "S"), ("sch", "S"), ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("kh", "h"), ("ts", "t"),
             ("tz", "t"), ("dz", "d"), ("ph", "f"), ("x", "ks"), ("c", "t"), ("w", "v"), ("q", "k"),
             ("g", "h"), ("j", "y")]
_VOWELS = set("aeiouy")
_COARSE = str.maketrans({"S": "s", "Z": "z", "C": "t"})
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼʹ`-][^\W\d_]+)*", re.UNICODE)
_BRACKET = re.compile(r"\(([^()]*)\)")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def latin(token: str) -> str:
    """A lower-case ASCII rendering of one token in any script (homoglyphs repaired first)."""
    t = token
    if any(_is_cyrillic(ch) for ch in t) and any(ch.isalpha() and not _is_cyrillic(ch) for ch in t):
        t = t.translate(_HOMOGLYPHS)
    t = t.lower()
    out: list[str] = []
    for ch in t:
        if _is_cyrillic(ch):
            out.append(_CYR.get(ch, ""))
        elif ch in _LATIN_DIACRITICS:
            out.append(_LATIN_DIACRITICS[ch])
        elif ch.isascii():
            if ch.isalpha():
                out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if c.isascii() and c.isalpha()))
    return "".join(out)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of one name token (see the module docstring)."""
    t = latin(token)
    if not t:
        return ""
    for src, dst in _DIGRAPHS:
        t = t.replace(src, dst)
    chars = list(t)
    # ў: a "u" after a vowel is a consonant (Navumau, Kubrakou); Belarusian initial У = Russian В.
    for i, ch in enumerate(chars):
        if ch == "u" and i > 0 and chars[i - 1] in _VOWELS:
            chars[i] = "v"
    if len(chars) > 1 and chars[0] == "u" and chars[1] not in _VOWELS:
        chars[0] = "v"
    if len(chars) > 1 and chars[0] == "v" and chars[1] in _VOWELS:  # prosthetic в: Вольга / Ольга,
        chars = chars[1:]  # and akanne makes Варабей of Воробей, so any initial в before a vowel goes
    out: list[str] = []
    for ch in chars:
        if ch in _VOWELS:
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def variants(name: str) -> list[str]:
    """The spellings inside one written name: ";"-separated forms and bracketed alternatives.

    "Maxim GAMOLA (HAMOLA)" gives "Maxim GAMOLA (HAMOLA)" -> ["Maxim GAMOLA", "Maxim HAMOLA"]; a bracket with
    a whole name ("... SHEIMAN (Viktar ... SHEYMAN)") gives that name; "A, B" inside a bracket gives both.
    """
    out: list[str] = []
    for part in re.split(r"\s*;\s*", name or ""):
        part = part.strip()
        if not part:
            continue
        brackets = _BRACKET.findall(part)
        main = _BRACKET.sub(" ", part)
        main = re.sub(r"\s+", " ", main).strip(" ,")
        if main:
            out.append(main)
        main_tokens = main.split()
        for inner in brackets:
            for alt in re.split(r"\s*,\s*", inner):
                alt = alt.strip()
                if not alt:
                    continue
                alt_tokens = alt.split()
                if len(alt_tokens) >= 2 or not main_tokens:
                    out.append(alt)
                else:  # a single word replaces the main token most like it (usually the surname)
                    best = max(range(len(main_tokens)),
                               key=lambda i: _token_sim(main_tokens[i], alt_tokens[0]))
                    out.append(" ".join(alt if i == best else t for i, t in enumerate(main_tokens)))
        # "СIВАКАЎ, СIВАКОЎ": a single word after a comma is an alternative when it resembles a token of
        # the name; otherwise the comma is punctuation ("Aleh Mikalaevich, BELIAKOU").
        if "," in main and not brackets:
            head, *rest = [p.strip() for p in main.split(",")]
            head_tokens = head.split()
            alts = []
            for alt in rest:
                alt_tokens = alt.split()
                if len(alt_tokens) == 1 and len(head_tokens) >= 2:
                    best = max(range(len(head_tokens)), key=lambda i: _token_sim(head_tokens[i], alt))
                    if _token_sim(head_tokens[best], alt) >= 0.5:
                        alts.append(" ".join(alt if i == best else t for i, t in enumerate(head_tokens)))
                        continue
                alts = []
                break
            if alts:
                out[-1] = head
                out.extend(alts)
            else:
                out[-1] = re.sub(r"\s*,\s*", " ", main)
        # "VARABEI/VERABEI": a slash inside a word gives alternatives
        if out and "/" in out[-1]:
            toks = out[-1].split()
            alts = []
            for k, tok in enumerate(toks):
                for alt in (a for a in tok.split("/") if a) if "/" in tok else ():
                    alts.append(" ".join(alt if i == k else t.split("/")[0] for i, t in enumerate(toks)))
            out[-1] = " ".join(t.split("/")[0] for t in toks if t.split("/")[0])
            out.extend(alts)
    seen: set[str] = set()
    return [v for v in out if not (v in seen or seen.add(v))]


@dataclass(frozen=True)
class _Tok:
    text: str
    skel: str
    initial: bool
    surname: bool


_CAMEL = re.compile(r"(?<=[a-zа-яёіўĸ])(?=[A-ZА-ЯЁІЎ][a-zа-яёіўĸ])")


def _tokens(name: str) -> list[_Tok]:
    raw = _TOKEN.findall(_CAMEL.sub(" ", name))
    mixed = any(t[:1].isupper() and not t.isupper() for t in raw)
    out = []
    for t in raw:
        if not latin(t):  # a lone soft sign or apostrophe is no word
            continue
        initial = len(t) == 1
        surname = mixed and t.isupper() and len(t) > 1
        out.append(_Tok(t, skeleton(t), initial, surname))
    return out


def _token_sim(a: str, b: str) -> float:
    return _sim(_Tok(a, skeleton(a), len(a) == 1, False), _Tok(b, skeleton(b), len(b) == 1, False))


def _sim(a: _Tok, b: _Tok) -> float:
    if a.text == b.text:
        return 1.0
    if a.initial or b.initial:
        fa = (a.skel or latin(a.text))[:1]
        fb = (b.skel or latin(b.text))[:1]
        la, lb = latin(a.text)[:1], latin(b.text)[:1]
        hit = bool((fa and fa == fb) or (la and la == lb))
        return (1.0 if a.initial and b.initial else 0.85) if hit else 0.0
    sa, sb = a.skel, b.skel
    if not sa or not sb:
        la, lb = latin(a.text), latin(b.text)
        return 1.0 if la == lb else 0.0
    if sa == sb:
        return 1.0
    dist = levenshtein(sa, sb)
    return max(0.0, 1.0 - dist / max(len(sa), len(sb)))


def skeleton_compare(a: str, b: str) -> float:
    """Similarity in [0, 1] of two single written names (no alternatives), by aligned token skeletons."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    cells = sorted(((_sim(x, y), i, j) for i, x in enumerate(small) for j, y in enumerate(large)),
                   reverse=True)
    # When both names mark their surnames (upper case, as lists write them), surnames align with surnames.
    if any(t.surname for t in small) and any(t.surname for t in large):
        cells.sort(key=lambda c: (not (small[c[1]].surname and large[c[2]].surname), -c[0]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    total = weight = 0.0
    for s, i, j in cells:
        if i in used_i or j in used_j:
            continue
        if small[i].surname != large[j].surname and any(small[k].surname for k in range(len(small))
                                                        if k not in used_i) and \
                any(large[k].surname for k in range(len(large)) if k not in used_j) and \
                (small[i].surname or large[j].surname):
            continue
        used_i.add(i)
        used_j.add(j)
        w = 2.0 if (small[i].surname or large[j].surname) else 1.0
        if s < 0.75:  # a weak resemblance between two words is mostly chance
            s *= 0.5
        total += w * s
        weight += w
        if len(used_i) == len(small):
            break
    score = total / weight if weight else 0.0
    score *= 1.0 - 0.08 * (len(large) - len(small))
    if len(small) == 1 and len(large) > 1:  # one word against a full name is weak evidence
        score *= 0.7
    return max(0.0, min(1.0, score))


def _names_module():
    """reckon.names when installed and not switched off (RECKON_SANCTIONS_COMPARER=skeleton, for comparison)."""
    if os.environ.get("RECKON_SANCTIONS_COMPARER", "").lower() == "skeleton":
        return None
    try:
        import reckon.names as names  # type: ignore[import-not-found]
    except Exception:
        return None
    return names if callable(getattr(names, "compare", None)) else None


def backend() -> str:
    """Which comparer is in use: "reckon.names" or "skeleton" (the fallback)."""
    return "reckon.names" if _names_module() is not None else "skeleton"


NAMES_FLOOR = 0.3


@lru_cache(maxsize=200_000)
def _pair_score(a: str, b: str) -> float:
    """The larger of reckon.names' score and the skeleton score.

    They err in different directions: reckon.names is calibrated like a probability and is strict when a
    part is missing or a spelling falls outside its rules; the skeleton is blunt but cannot be thrown by
    script, transliteration or akanne. Birth dates and the thresholds in :mod:`.matching` guard precision.
    """
    score = skeleton_compare(a, b)
    names = _names_module()
    # reckon.names analyses every word (costly); it is asked only when the skeletons see some resemblance
    if names is not None and NAMES_FLOOR <= score < 0.999:
        try:
            score = max(score, float(names.compare(a, b).score))
        except Exception:  # a name the names stage cannot parse: the skeleton alone decides
            pass
    return score


@dataclass(frozen=True)
class NameMatch:
    score: float
    a: str
    b: str

    @property
    def parts(self) -> int:
        """Words in the shorter of the two matched spellings (3 = given, patronymic, surname)."""
        return min(len(_tokens(self.a)), len(_tokens(self.b))) if self.a and self.b else 0


def compare_names(names_a: Sequence[str], names_b: Sequence[str]) -> NameMatch:
    """The best similarity between any spelling of one official and any spelling of another."""
    best = NameMatch(0.0, "", "")
    va = [v for n in names_a for v in variants(n)]
    vb = [v for n in names_b for v in variants(n)]
    for x in va:
        for y in vb:
            s = _pair_score(x, y) if x <= y else _pair_score(y, x)
            if s > best.score:
                best = NameMatch(s, x, y)
                if s >= 0.999:
                    return best
    return best


def given_keys(names: Iterable[str]) -> set[str]:
    """Skeleton prefixes of the first unmarked word of each spelling (usually the given name); combined
    with a birth year they let two spellings meet even when their surnames were transliterated apart."""
    keys: set[str] = set()
    for n in names:
        for v in variants(n):
            toks = [t for t in _tokens(v) if not t.initial and not t.surname and t.skel]
            if toks:
                keys.add(toks[0].skel[:2])
    return keys


def blocking_keys(names: Iterable[str]) -> set[str]:
    """Keys under which two spellings of one person meet: the skeletons of the surname (upper-case words,
    as lists write them; every longer word when none is marked), exact and coarse. (reckon.names' surname
    key is a skeleton too, and costs a name analysis per word: the local one is used for blocking.)"""
    keys: set[str] = set()
    for n in names:
        for v in variants(n):
            toks = [t for t in _tokens(v) if not t.initial and len(t.skel) >= 2]
            marked = [t for t in toks if t.surname]
            for tok in marked or toks:
                keys.add("s:" + tok.skel[:4])
                # a coarser key folds the hushing sounds (ш/с, ж/з, ч/ц), where typos and dialects differ
                keys.add("c:" + tok.skel.translate(_COARSE)[:3])
    return keys
