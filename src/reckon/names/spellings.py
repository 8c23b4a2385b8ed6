"""Officials' names in every spelling a list gives them: alternatives, a skeleton comparison, blocking keys.

Why here and not in sanctions: which spellings one written name holds ("A (B)", "A; B", "X/Y", "A, B"),
how two sets of spellings compare and under which keys they meet are questions about names; sanctions
matching asks them (:mod:`reckon.sanctions.matching`) and decides with birth dates and thresholds.

The comparison is the larger of two opinions: the consonant skeletons of the words (:mod:`.coarse`),
aligned one to one and compared by edit distance, surnames (upper-case words, as sanctions lists write
them) weighted double; and :func:`reckon.names.compare`, asked only when the skeletons see some
resemblance (it analyses every word, which costs more).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.distance import levenshtein

from reckon.names.coarse import coarse_latin as latin
from reckon.names.coarse import consonant_skeleton as skeleton
from reckon.names.compare import compare

__all__ = ["NameMatch", "blocking_keys", "compare_spellings", "given_keys", "skeleton_compare", "variants"]

_COARSE = str.maketrans({"S": "s", "Z": "z", "C": "t"})
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼʹ`-][^\W\d_]+)*", re.UNICODE)
_BRACKET = re.compile(r"\(([^()]*)\)")


def variants(name: str) -> list[str]:
    """The spellings inside one written name: ";"-separated forms and bracketed alternatives.

    "Maksim HALOUKA (GALOVKO)" -> ["Maksim HALOUKA", "Maksim GALOVKO"]; a bracket with a whole name
    ("... TSERAKH (Viktar ... TSERAKHAU)") gives that name; "A, B" inside a bracket gives both.
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
        # "ЛУПАКАЎ, ЛУПАКОЎ": a single word after a comma is an alternative when it resembles a token of
        # the name; otherwise the comma is punctuation ("Aleh Mikalaevich, ZHURAUNIK").
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
        # "SHAPAVAL/SHAPOVAL": a slash inside a word gives alternatives
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


NAMES_FLOOR = 0.3


@lru_cache(maxsize=200_000)
def _pair_score(a: str, b: str) -> float:
    """The larger of reckon.names' score and the skeleton score.

    They err in different directions: reckon.names is calibrated like a probability and is strict when a
    part is missing or a spelling falls outside its rules; the skeleton is blunt but cannot be thrown by
    script, transliteration or akanne. Birth dates and the thresholds in :mod:`.matching` guard precision.
    """
    score = skeleton_compare(a, b)
    # compare() analyses every word (costly); it is asked only when the skeletons see some resemblance
    if NAMES_FLOOR <= score < 0.999:
        try:
            score = max(score, float(compare(a, b).score))
        except (TypeError, ValueError):  # a name compare() cannot read: the skeleton alone decides
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


def compare_spellings(names_a: Sequence[str], names_b: Sequence[str]) -> NameMatch:
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
