"""The cross-language, script-neutral skeleton of one name token.

Why: Belarusian and Russian forms of one name differ regularly (akanne а/о, э/е, ы/и, і/и, ў/в, soft ц/т
and дз/д, -аў/-ов, -ава/-ова, soft sign), and every romanisation scheme spells the same sound its own way
(Dubrakoŭ, Dubrakow, Dubrakou, Dubrakov). Instead of listing pairs, the skeleton maps every spelling into
a small alphabet where those differences vanish:

- Cyrillic is first rendered in one internal ASCII form; Łacinka diacritics are read as Łacinka;
- digraphs become one symbol: щ/ш → S, ж → Z, х/г/kh/h/g → H (Belarusian г is h, Russian г is g; a
  loose romanisation writes х as h), and ч/č/ch/tch/cz → C. ч and х stay apart: Малачава and Малахава are
  different surnames. Łacinka writes х as "ch" and ч as "č", so a word with Łacinka letters reads its "ch"
  as х; in a plain Latin word "ch" is ч as in every passport, BGN, ICAO and English spelling (they write х
  "kh"), and :func:`latin_ch_skeleton` gives the other reading (Łacinka without diacritics, Polish,
  German: х), which comparisons and search terms also accept;
- ц becomes т and дз becomes д (Цімашоўская/Тимашовская, Зайцаў/Зайцев, Дзмітрый/Дмитрий);
- у, ў, в, w → V (so Dubrakou = Dubrakov, Uladzimir = Vladimir, Laurynau = Lavrinov once doubles fold);
- every other vowel (а о э е ы и і й and their iotated forms) → a, then runs of one symbol fold to one;
- a final vowel is dropped, which makes feminine and masculine surnames meet (Palesnikava/Palesnikau,
  Тимашовская/Тимашовский) and -а/-о endings agree (Гарашэнка/Гарашенко).

The skeleton over-merges on purpose (it is a blocking and equality key); comparisons add fuzzy scores.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reckon.names._memo import memo
from reckon.names.script import CYRILLIC_RE, LACINKA_MARKS
from reckon.names.translit import ascii_fold, ending_form

_LACINKA_PRE = [("ch", "kh"), ("dź", "dz"), ("ć", "ts"), ("c", "ts"), ("ł", "l"), ("ŭ", "u"), ("č", "ch"),
                ("š", "sh"), ("ž", "zh"), ("ś", "s"), ("ź", "z"), ("ń", "n")]

# Digraphs and letters to one symbol each, in one left-to-right pass (longest spelling first):
# ш/щ -> S, ж -> Z, х -> H (with г, below), ч -> C (ASCII "ch" is ч in English, passport, BGN and ICAO
# spellings, which write х "kh"; Łacinka's "ch" for х is turned into "kh" before), ц -> т and дз -> д
# (Belarusian soft т/д are ц/дз: Цімашоўская/Тимашовская, Дзмітрый/Дмитрий; Belarusian ца after a hard
# consonant is Russian це: Зайцаў/Зайцев; no spelling tells the cases apart, so ц and т meet), BGN's w
# for ў -> u.
_DIGRAPHS = {
    "shtch": "S", "shch": "S", "szcz": "S", "tch": "C", "dzh": "dZ", "sh": "S", "sz": "S", "zh": "Z",
    "zs": "Z", "kh": "H", "ch": "C", "cz": "C", "ck": "k", "ph": "f", "ts": "t", "dz": "d", "c": "t",
    "x": "ks", "q": "k", "w": "u",
}
_DIGRAPH_RE = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))
_NOT_LETTER_RE = re.compile(r"[^a-z]")
_IOTATION_RE = re.compile(r"(?<=[bdfghklmnprstvzSZHC])[yij](?=u)")  # lyu/liu -> lu (Людміла/Ludmila)


def _digraph(m: re.Match[str]) -> str:
    return _DIGRAPHS[m[0]]


def _digraph_ch_as_kh(m: re.Match[str]) -> str:
    """The digraphs with a plain "ch" read as х (Łacinka without diacritics, Polish, German)."""
    return "H" if m[0] == "ch" else _DIGRAPHS[m[0]]


# single letters to classes in one pass: г/х/h/g -> H, у/ў/в -> V, other vowels -> a (a bytes table: the
# string is ASCII by then, and bytes.translate is several times faster than str.translate with a dict)
_CLASSES = bytes.maketrans(b"hguveioyj", b"HHVVaaaaa")
_RUNS = re.compile(r"(.)\1+")


def _first(m: re.Match[str]) -> str:
    return m[1]


# Belarusian ў after a vowel where Russian keeps л before a consonant (Воўк/Волк, Воўчак/Волчек): "vowel
# l consonant" read as "vowel V".
_L_BEFORE_CONSONANT = re.compile(r"(?<=a)l(?=[^aV])")


def l_folded(key: str) -> str:
    """A surname key with л before a consonant read as ў (Волк -> the key of Воўк).

    Why not inside the key itself: folding it there changed which surnames share a key for the linkage
    model (one true pair fewer with birth dates on the EU list), so compare() and search terms use this
    second form instead, and the key stays as it was."""
    return _L_BEFORE_CONSONANT.sub("V", key) if "l" in key else key


def surname_skeleton(full: str) -> str:
    """The surname key from a full skeleton: the final vowel dropped (Palesnikava = Palesnikau)."""
    return full[:-1] if len(full) > 2 and full.endswith("a") else full


def skeleton_uncached(token: str) -> str:
    """``skeleton`` without touching the caches: for a caller that caches the result itself."""
    return surname_skeleton(_skeleton_full(token))


@memo(400_000)
def skeleton(token: str) -> str:
    """Skeleton of one token in any of the scripts; "" when it has no letters."""
    return surname_skeleton(skeleton_full(token))


def _skeleton_full(token: str) -> str:
    """The skeleton with its final vowel kept: given names need it (Віктар ≠ Вікторыя, Aleksandr ≠
    Aleksandra), surnames do not (Palesnikava = Palesnikau)."""
    low = token.lower()
    if not low.isascii():  # an ASCII word needs no table, no Łacinka letters and no folding
        if CYRILLIC_RE.search(low) is not None:
            # low.translate(SKELETON_TABLE), which is a Cyrillic word's ending form: parsing and the
            # surname's sex have read it already, so this is usually a cache hit
            low = ending_form(token)
        elif not LACINKA_MARKS.isdisjoint(token):  # is_lacinka(token), as one set operation
            for a, b in _LACINKA_PRE:
                low = low.replace(a, b)
        if not low.isascii():
            low = ascii_fold(low).lower()
    return _ascii_skeleton(low, _digraph)


def _ascii_skeleton(low: str, digraph: Callable[[re.Match[str]], str]) -> str:
    """The skeleton of a lower-case ASCII form: digraphs (read by ``digraph``), classes, runs folded."""
    if not (low.isascii() and low.isalpha()):  # else already a-z only (lower case, ASCII letters)
        low = _NOT_LETTER_RE.sub("", low)
    low = _DIGRAPH_RE.sub(digraph, low)
    if "yu" in low or "iu" in low or "ju" in low:  # iotation is only ever y/i/j before u
        low = _IOTATION_RE.sub("", low)
    low = low.encode("ascii").translate(_CLASSES).decode("ascii")
    # fold runs of one symbol; most words have none, and a search is cheaper than a substitution
    return _RUNS.sub(_first, low) if _RUNS.search(low) else low


skeleton_full = memo(400_000)(_skeleton_full)


@memo(200_000)
def latin_ch_skeleton(token: str) -> str:
    """The full skeleton of a plain Latin word with its "ch" read as х; "" when no "ch" is in doubt.

    Why: in a Latin word without Łacinka letters "ch" is ч for passports, BGN, ICAO and English (which
    write х "kh"), but х for Łacinka typed without diacritics, Polish and German. The key takes the first
    reading; this second one lets compare() and search terms meet the other (Machno = Махно, and also =
    Мачно: the spelling cannot tell). Cyrillic and Łacinka words are never in doubt."""
    low = token.lower()
    if CYRILLIC_RE.search(low) is not None or not LACINKA_MARKS.isdisjoint(token):
        return ""
    if not low.isascii():
        low = ascii_fold(low).lower()
    if "ch" not in low:
        return ""
    alt = _ascii_skeleton(low, _digraph_ch_as_kh)
    return "" if alt == _ascii_skeleton(low, _digraph) else alt


@memo(200_000)
def surname_forms(token: str) -> frozenset[str]:
    """Every key a surname word may be read as: its key, the key with a plain Latin "ch" read as х
    (:func:`latin_ch_skeleton`), and each of those with л before a consonant read as ў (:func:`l_folded`).

    Two surnames are the same by key when their forms meet; the linkage column holds one key only."""
    key = skeleton(token)
    alt = latin_ch_skeleton(token)
    forms = {key, l_folded(key)}
    if alt:
        alt = surname_skeleton(alt)
        forms.update((alt, l_folded(alt)))
    forms.discard("")
    return frozenset(forms)


def given_skeleton(token: str) -> str:
    """The full skeleton in the given-name alphabet, where ч and х are one symbol (H) as they were when
    ``data/given_heads.json`` was built.

    Why given names keep them together: their classes come from a closed list of heads and rigour's
    corpus, not from the key alone, no two heads differ by х/ч alone, and a Latin given name's "ch" is as
    ambiguous as a surname's (Michail, Chvedar / Cheslav). Surnames, an open set, keep them apart."""
    full = skeleton_full(token)
    if "C" not in full:
        return full
    full = full.replace("C", "H")
    return _RUNS.sub(_first, full) if "HH" in full else full
