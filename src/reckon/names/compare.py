"""Compare two names: per-part similarities on the best-aligned keys, a calibrated score and a reason."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from reckon.names.given import name_ids
from reckon.names.keys import NameKeys, Parts, keys_of, parts_of, read_text, text_keys
from reckon.names.parse import parse
from reckon.names.script import CYRILLIC_RE
from reckon.names.skeleton import given_skeleton, l_folded, skeleton, surname_forms

# What a score reads of a reading: its Parts (surname, given, patronymic, initials), a plain tuple (see
# _readings for why); a ParsedName's are copied into one.
_GIVEN, _PATRONYMIC, _INITIALS = 1, 2, 3


@dataclass(frozen=True)
class NameScore:
    score: float
    reason: str
    parts: dict[str, float] = field(default_factory=dict)


def jaro_winkler(a: str, b: str) -> float:
    """A stand-in for rigour's, which replaces it at the first call (see _load_distances)."""
    _load_distances()
    return jaro_winkler(a, b)


def levenshtein(a: str, b: str) -> int:
    """A stand-in for rigour's, which replaces it at the first call (see _load_distances)."""
    _load_distances()
    return levenshtein(a, b)


def _load_distances() -> None:
    """Bind rigour's distances in place of the two stand-ins above, at the first comparison.

    Why not a plain import at the top: rigour.text pulls in normality and ICU (~0.1 s), which a command
    that never compares two names (names show, news extract) should not pay at start-up; and why not an
    import inside _sim: that costs ~1.5 µs on every call of a hot loop."""
    from rigour.text import distance

    globals().update(jaro_winkler=distance.jaro_winkler, levenshtein=distance.levenshtein)


def _sim(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    # Jaro-Winkler alone is kind to prefixes (alaks ~ alaksandr): average it with the edit-distance ratio
    lev = levenshtein(a, b) / max(len(a), len(b))
    return (float(jaro_winkler(a, b)) + 1.0 - lev) / 2.0


# Evidence weights (log-odds, natural log), in the spirit of Fellegi-Sunter: what agreement on a part says
# about "same person" against the prior of a random pair that shares a block. Checked for calibration
# (observed match rate per score band) by benchmarks/names_eval.py.
PRIOR = -5.0
W_SURNAME_KEY = 6.0
W_GIVEN_CLASS = 4.0
W_GIVEN_IDS = 3.5
W_INITIAL_AGREES = 0.8
W_INITIAL_DIFFERS = -4.0
W_PATRONYMIC_KEY = 3.0
W_PATRONYMIC_DIFFERS = -6.0
W_SEX_DIFFERS = -6.0


def _fuzzy_weight(sim: float, top: float) -> float:
    """Piecewise-linear evidence of a fuzzy similarity: -5 at <= 0.75, 0 at 0.87, ``top`` at >= 0.97."""
    if sim >= 0.97:
        return top
    if sim >= 0.87:
        return top * (sim - 0.87) / 0.10
    if sim >= 0.75:
        return -5.0 * (0.87 - sim) / 0.12
    return -5.0


def _initial(key: NameKeys, pos: int) -> str:
    return key.initials[pos:pos + 1]


def _surname(pa: Parts, ka: NameKeys, pb: Parts, kb: NameKeys) -> tuple[float, float, str]:
    if not ka.surname_key or not kb.surname_key:
        return 0.0, 0.0, ""
    # the same key, or forms that meet: л read as ў (Волк/Воўк), a plain Latin "ch" read as х (Machno/Махно;
    # only a key with C, a "ch" read as ч, can have that second reading: the common pair skips the lookups)
    sa, sb = ka.surname_key, kb.surname_key
    if sa == sb or l_folded(sa) == l_folded(sb) or (
            ("C" in sa or "C" in sb) and (_maybe_latin_ch(pa[0]) or _maybe_latin_ch(pb[0]))
            and not _forms(pa, ka).isdisjoint(_forms(pb, kb))):
        return 1.0, W_SURNAME_KEY, "surname_key"
    sim = max(_sim(ka.surname_key, kb.surname_key), _sim(ka.surname_latn, kb.surname_latn))
    return sim, _fuzzy_weight(sim, W_SURNAME_KEY - 1.5), "surname_fuzzy"


def _maybe_latin_ch(token: str) -> bool:
    """Whether a surname word may have a second reading of "ch" (a Latin word holding "ch"; a non-ASCII
    Latin word is left to :func:`surname_forms` to decide): a cheap test before its cached forms."""
    low = token.lower()
    return "ch" in low or not (low.isascii() or CYRILLIC_RE.search(low) is not None)


def _forms(p: Parts, k: NameKeys) -> frozenset[str]:
    """The surname's forms (:func:`surname_forms`); only the key's own when its name's context chose the
    reading (a plain Latin "ch" in a name written in Łacinka is х, see keys._lacinka_surname_key)."""
    key = k.surname_key
    if p[0] and key == skeleton(p[0]):
        return surname_forms(p[0])
    return frozenset((key, l_folded(key)))


def _given(pa: Parts, ka: NameKeys, pb: Parts, kb: NameKeys) -> tuple[float | None, float, str]:
    if ka.given_key and kb.given_key:
        if ka.given_key == kb.given_key:
            return 1.0, W_GIVEN_CLASS, "given_key"
        if name_ids(pa[_GIVEN]) & name_ids(pb[_GIVEN]):
            return 0.95, W_GIVEN_IDS, "given_class"
        sim = max(_sim(ka.given_key, kb.given_key), _sim(ka.given_latn, kb.given_latn))
        return sim, _fuzzy_weight(sim, W_GIVEN_CLASS - 1.0), "given_fuzzy"
    ia, ib = _first_initial(pa, ka), _first_initial(pb, kb)
    if ia and ib:
        return (0.75, W_INITIAL_AGREES, "given_initial") if ia == ib else (0.0, W_INITIAL_DIFFERS,
                                                                              "given_initial_differs")
    return None, 0.0, ""


def _first_initial(p: Parts, k: NameKeys) -> str:
    """Script-neutral first letter: the given name's skeleton head, else the written initial's."""
    if p[_GIVEN]:
        return k.given_key[:1]
    initials = p[_INITIALS]
    # the given-name alphabet (ч and х one symbol), as the given key's first letter is read in
    return given_skeleton(initials[:1]) if initials else ""


def _second_initial(p: Parts, k: NameKeys) -> str:
    if p[_PATRONYMIC]:
        return skeleton(p[_PATRONYMIC])[:1]
    initials = p[_INITIALS]
    return skeleton(initials[1:2]) if len(initials) > 1 else ""


def _patronymic(pa: Parts, ka: NameKeys, pb: Parts, kb: NameKeys) -> tuple[float | None, float, str]:
    if ka.patronymic_key and kb.patronymic_key:
        if ka.patronymic_key == kb.patronymic_key:
            return 1.0, W_PATRONYMIC_KEY, "patronymic_key"
        sim = _sim(ka.patronymic_key, kb.patronymic_key)
        w = _fuzzy_weight(sim, W_PATRONYMIC_KEY - 0.5)
        return sim, max(w, W_PATRONYMIC_DIFFERS) if sim < 0.87 else w, "patronymic_fuzzy"
    sa, sb = _second_initial(pa, ka), _second_initial(pb, kb)
    if sa and sb and (not pa[_PATRONYMIC] or not pb[_PATRONYMIC]):
        return (0.75, W_INITIAL_AGREES, "patronymic_initial") if sa == sb else (
            0.0, W_INITIAL_DIFFERS, "patronymic_initial_differs")
    return None, 0.0, ""


def _pair_score(pa: Parts, ka: NameKeys, pb: Parts, kb: NameKeys) -> NameScore:
    reasons: list[str] = []
    parts: dict[str, float] = {}
    z = PRIOR
    s_sur, w, why = _surname(pa, ka, pb, kb)
    parts["surname"] = round(s_sur, 4)
    z += w if why else -3.0  # a name without a surname is weak evidence
    reasons.append(why or "no_surname")
    s_giv, w, why = _given(pa, ka, pb, kb)
    if s_giv is not None:
        parts["given"] = round(s_giv, 4)
        z += w
        reasons.append(why)
    s_pat, w, why = _patronymic(pa, ka, pb, kb)
    if s_pat is not None:
        parts["patronymic"] = round(s_pat, 4)
        z += w
        reasons.append(why)
    if ka.sex_hint and kb.sex_hint and ka.sex_hint != kb.sex_hint:
        parts["sex"] = 0.0
        z += W_SEX_DIFFERS
        reasons.append("sex_differs")
    score = 1.0 / (1.0 + math.exp(-z))
    return NameScore(round(score, 4), "+".join(reasons), parts)


def _readings(text: str) -> list[tuple[Parts, NameKeys]]:
    """Every reading with its keys; a plain name's single reading comes from the keys cache.

    Why plain tuples of parts: keys() keeps a plain name's parts as one (see text_keys), and making a
    NamedTuple of them for each comparison cost more than a tenth of compare()."""
    k = text_keys(text)
    parts = parts_of(text)
    if parts is None:  # dropped after the keys were cached: read the text again
        k, parts = read_text(text)
    if parts:
        return [(parts, k)]
    return [((p.surname, p.given, p.patronymic, p.initials), keys_of(p)) for p in parse(text)]


@lru_cache(maxsize=100_000)
def compare(a: str, b: str) -> NameScore:
    """Best score over all readings of ``a`` and ``b`` (alternatives, ";"-separated names)."""
    if not isinstance(a, str) or not isinstance(b, str):
        raise TypeError("compare() takes two strings")
    pas, pbs = _readings(a), _readings(b)
    if not pas or not pbs:
        return NameScore(0.0, "empty", {})
    best: NameScore | None = None
    for pa, ka in pas:
        for pb, kb in pbs:
            s = _pair_score(pa, ka, pb, kb)
            if best is None or s.score > best.score:
                best = s
    assert best is not None
    return best
