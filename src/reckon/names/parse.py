"""Parse a name string into surname / given / patronymic / initials, for the orders lists use.

Orders seen in registers, court records and sanctions lists: "Given Patronymic SURNAME", "Surname Given
Patronymic", "Surname G.P.", "SURNAME Given", "Surname, Given"; bracketed alternatives ("Alexander
(Alexandr)", "GAROLA (HAROLA)", "(Dmitriy Valeriyevich DAVLICHENKO)"), comma-separated alternative
surnames ("СIНАКАЎ, СIНАКОЎ") and several names separated by ";". Each alternative becomes its own
ParsedName, so a comparison can take the best-aligned one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reckon.names._memo import memo
from reckon.names.given import is_known_given, latin_corpus_given
from reckon.names.script import (
    normalize_text,
    repair_homoglyphs,
    token_lang,
    token_script,
)
from reckon.names.translit import ending_form, has_ending

MAX_NAME_CHARS = 1000  # a longer "name" is a pasted document: parse() returns [] rather than slow down


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One reading of a person's name. Empty strings mean "not present"."""

    original: str
    surname: str = ""
    given: str = ""
    patronymic: str = ""
    initials: str = ""  # as written, letters only ("ИВ", "IV")
    script: str = ""  # "Cyrl", "Latn", "Mixed" or ""
    lang: str | None = None  # "be", "ru", "uk" or None (Łacinka is "be" in Latin script)
    extra: tuple[str, ...] = ()  # further given/middle names

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.given, *self.extra, self.patronymic, self.surname) if p)


_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*\.?")
_PATRONYMIC_RE = re.compile(
    r"(?:"
    r"[оеаэё]вич|[оеаэё]віч|ьич|[іи]ч|ичн[аы]|[оеаэё]вн[аы]|[оеаэё]ўн[аы]|інічн[аы]|ічн[аы]|"
    r"[oea]vich|[oea]vic|[oea]vič|[oea]wicz|yevich|ievich|ich|[oea]vna|[oea]una|[oea]ŭna|ichna|ičn[aы]|"
    r"ovitch|evitch|ievna|yevna"
    r")$"
)
# Endings are read on translit.ending_form (one ASCII form for every script), so the parse of a name and
# of its romanisations agree.
# (tuples for has_ending, which reads them as the regular expression "(?:...|...)$" would)
_PATRONYMIC_STRONG = ("vich", "vic", "vych", "vitch", "vna", "una", "ichna", "icna")
_FEMALE_PATRONYMIC = ("vna", "una", "chna", "cna")
_SURNAME_END = (
    "ov", "ev", "in", "yn", "iy", "ii", "yi", "yy", "yj", "ij", "oy", "oi", "oj", "ova", "eva", "ina", "yna", "aya",
    "aja", "aia", "au", "ou", "eu", "ava", "enko", "enka", "ko", "ich", "uk", "iuk", "yuk", "chuk", "ski", "sky",
    "skiy", "skii", "skij", "skaya", "skaja", "skaia", "kaya", "kaja", "ow", "aw", "ew")


def is_given_head(tok: str) -> bool:
    """A known given name, for word-order decisions: a class head by skeleton or a form in the built dict
    of given-name forms; rigour's corpus (on the Latin spelling) only for a word without a surname ending.

    Why: this is asked of new surnames, and every call into rigour costs 10-300 µs; a word ending like a
    surname (-оў, -ава, -енка, -скі, -ук, ...) is taken for a given name only when the data says so."""
    return is_known_given(tok) or (not looks_like_surname(tok) and latin_corpus_given(tok))


@memo(200_000)
def _has_letter(tok: str) -> bool:
    return tok.isalpha() or any(c.isalpha() for c in tok)


def _is_initial(tok: str) -> bool:
    letters = tok.rstrip(".")
    return len(letters) == 1 or (tok.endswith(".") and len(letters) <= 3 and letters[0].isupper()
                                 and not _PATRONYMIC_RE.search(letters.lower()))


def _is_caps(tok: str) -> bool:
    if tok.isalpha():  # the common case: every character is a letter
        # str.isupper() is a necessary condition (it allows uncased letters), and a sufficient one for ASCII
        return len(tok) > 1 and tok.isupper() and (tok.isascii() or all(map(str.isupper, tok)))
    letters = [c for c in tok if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def is_patronymic(tok: str) -> bool:
    return len(tok) > 5 and has_ending(ending_form(tok), _PATRONYMIC_STRONG)


def looks_like_surname(tok: str) -> bool:
    return len(tok) > 3 and has_ending(ending_form(tok), _SURNAME_END)


def _split_alternatives(text: str) -> list[str]:
    """Expand "(...)" alternatives and ", X" surname alternatives into full name strings."""
    text = text.strip()
    m = re.search(r"\(([^()]*)\)", text)
    if m:
        before, inside, after = text[: m.start()].strip(), m.group(1).strip(), text[m.end():].strip()
        main = f"{before} {after}".strip()
        results = _split_alternatives(main) if main else []
        prev_tokens = before.split()
        parts = [a.strip() for a in inside.split(",") if a.strip()]
        if parts and (len(parts[0].split()) >= 2 or not prev_tokens):
            results.extend(_split_alternatives(inside))  # a full alternative name, maybe with ", X"
            parts = []
        for alt in parts:
            alt_tokens = alt.split()
            if len(alt_tokens) >= 2:
                results.extend(_split_alternatives(alt))
            else:  # one token replaces the token before the bracket ("GAROLA (HAROLA)", "Iury (Yuri)")
                results.extend(_split_alternatives(" ".join([*prev_tokens[:-1], alt, after]).strip()))
        return _dedupe(results)
    if "," in text:
        head, *rest = [p.strip() for p in text.split(",")]
        head_tokens = head.split()
        alts: list[str] = []
        separate: list[str] = []
        for part in rest:
            ptoks = part.split()
            if not ptoks:
                continue
            idx = _alternative_of(head_tokens, ptoks)
            if idx is not None:  # an alternative spelling of one head word ("СIНАКАЎ, СIНАКОЎ")
                alt = list(head_tokens)
                alt[idx] = ptoks[0]
                alts.append(" ".join(alt))
            elif len(ptoks) == 1 or len(head_tokens) == 1:
                head_tokens = head_tokens + ptoks  # "Surname, Given" or "Given Patronymic, SURNAME"
            else:
                separate.append(part)
        head = " ".join(head_tokens)
        return _dedupe([head, *alts, *[a for p in separate for a in _split_alternatives(p)]])
    return [text] if text else []


def _alternative_of(head_tokens: list[str], ptoks: list[str]) -> int | None:
    """Index of the head word that a lone word after a comma re-spells, or None (then it is a new part)."""
    if len(ptoks) != 1 or len(head_tokens) < 2:
        return None
    from rigour.text.distance import jaro_winkler

    from reckon.names.skeleton import skeleton

    alt = skeleton(ptoks[0])
    best, best_sim = None, 0.0
    for i, tok in enumerate(head_tokens):
        sim = jaro_winkler(skeleton(tok), alt) if alt else 0.0
        if sim > best_sim and _is_caps(tok) == _is_caps(ptoks[0]):
            best, best_sim = i, sim
    return best if best_sim >= 0.8 else None


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for it in items:
        if it and it not in seen:
            seen.append(it)
    return seen


@memo(200_000)
def _token_info(tok: str) -> tuple[str, bool, bool, bool, bool, bool]:
    """Per-token facts, cached (names repeat their words): word, initial?, caps?, patronymic?,
    feminine patronymic?, has a letter? (script and language are read only when a ParsedName is built)."""
    word = tok.rstrip(".")
    patr = female = False
    if len(word) > 5:
        end = ending_form(word)
        patr = has_ending(end, _PATRONYMIC_STRONG)
        female = patr and has_ending(end, _FEMALE_PATRONYMIC)
    return word, _is_initial(tok), _is_caps(word), patr, female, tok.isalpha() or _has_letter(tok)


# What one reading of a name is made of, before it becomes a ParsedName: surname, given, patronymic,
# initials, extra given names, and every word (for the script and language of the ParsedName).
Fields = tuple[str, str, str, str, tuple[str, ...], list[str]]


def read_fields(text: str) -> Fields | None:
    """The parts of one plain name (no alternatives), or None without words.

    Why a tuple and not a ParsedName: keys() needs only the parts, and building the dataclass, its script
    and its language costs as much again (see ``_reading`` for the ParsedName)."""
    # plain words split on spaces (the common case, fast); dots, hyphens and apostrophes need the regex
    raw = text.split(" ") if text.replace(" ", "").isalpha() else _TOKEN_RE.findall(text)
    # one pass over the tokens gathers what the rules below need (comprehensions cost a frame each)
    info: list[tuple[str, bool, bool, bool, bool, bool]] = []
    words: list[str] = []
    initials = ""
    rest: list[int] = []  # indexes of the words that are not initials
    caps: list[int] = []  # ... of those, the ALL-CAPS ones
    patr: list[int] = []  # ... of those, the ones ending like a patronymic
    for tok in raw:
        t = _token_info(tok)
        if not t[5]:  # Ⅻ and the like are not words
            continue
        if t[1]:
            initials += t[0][0]
        else:
            rest.append(len(info))
            if t[2]:
                caps.append(len(info))
            if t[3]:
                patr.append(len(info))
        info.append(t)
        words.append(t[0])
    if not info:
        return None
    if not rest:
        return "", "", "", initials, (), words
    # (index lists are narrowed with copy and remove below, not comprehensions: a comprehension costs a
    # frame, and this runs once per new name)
    surname_by_case = len(caps) == 1 and len(rest) > 1
    if surname_by_case and caps[0] in patr:
        patr.remove(caps[0])
    p: int | None = None
    if len(rest) > 1 and patr:
        # several candidates ("Ірына Барысаўна Ахрамовіч"): a feminine patronymic never is a surname; else
        # the second word of "Given Patronymic Surname", the most common order
        for i in patr:
            if info[i][4]:
                p = i
                break
        if p is None:
            p = rest[1] if len(patr) > 1 and rest[1] in patr else patr[-1]
    if p is not None and len(rest) == 2 and not info[p][4] and not surname_by_case:
        # two words, one ending like a masculine patronymic: Belarusian surnames end so too (Ахрамовіч,
        # Martsinovich), and "Given Surname" is far commoner than "Given Patronymic" without a surname
        p = None
    others = rest
    if p is not None:
        others = rest.copy()
        others.remove(p)
    s_idx: int | None = None
    if caps and len(caps) < len(rest):
        s_idx = caps[0] if caps[0] != p else None
    if s_idx is None and others and not (len(others) == 1 and p is not None and p > others[0]
                                         and not initials and is_given_head(words[others[0]])):
        if len(others) == 1:
            # "Ірына Барысаўна": a known given name before a patronymic is a given name without surname
            # (the test above); otherwise a single word is the surname
            s_idx = others[0]
        elif p is not None:
            # "Given Patronymic Surname" when the patronymic follows the first word, else surname first
            s_idx = others[-1] if p == others[0] + 1 and p < others[-1] else others[0]
        else:
            s_idx = _surname_of_two(words[others[0]], words[others[-1]], others[0], others[-1])
    surname = words[s_idx] if s_idx is not None else ""
    given = patronymic = ""
    extra: tuple[str, ...] = ()
    remaining = others
    if s_idx is not None:  # one of others
        remaining = others.copy()
        remaining.remove(s_idx)
    if remaining:
        given = words[remaining[0]]
        if len(remaining) > 1:
            extra = tuple(words[i] for i in remaining[1:])
    if p is not None:
        patronymic = words[p]
    if not initials:
        initials = (given[:1] + patronymic[:1]) if given else patronymic[:1]
    elif given and not initials.startswith(given[0]):
        initials = given[0] + initials
    return surname, given, patronymic, initials, extra, words


def _surname_of_two(first: str, last: str, i_first: int, i_last: int) -> int:
    """Which of two words without other clues is the surname.

    A known given name (a closed class) decides, then surname endings; else "Surname Given" (registers,
    court records), the same whatever the script. Evaluated lazily (same outcome as asking both): a known
    given name first with a surname ending last is "Given Surname" whatever the last word is."""
    ending_says_last = looks_like_surname(last) and not looks_like_surname(first)
    if is_given_head(first):
        return i_last if ending_says_last or not is_given_head(last) else i_first
    return i_first if not ending_says_last or is_given_head(last) else i_last


def _reading(original: str, text: str) -> ParsedName | None:
    """One ParsedName: the parts, and the script and language read from every word."""
    fields = read_fields(text)
    if fields is None:
        return None
    surname, given, patronymic, initials, extra, words = fields
    scripts = {token_script(w) for w in words}
    langs = {token_lang(w) for w in words}
    scripts.discard("")
    script = scripts.pop() if len(scripts) == 1 else ("Mixed" if scripts else "")
    lang = "uk" if "uk" in langs else "be" if "be" in langs else "ru" if "ru" in langs else None
    if lang is None and surname:
        lang = token_lang(surname)
    return ParsedName(original, surname=surname, given=given, patronymic=patronymic, initials=initials,
                      script=script, lang=lang, extra=extra)


def parse(text: str) -> list[ParsedName]:
    """All readings of ``text``: one per ";"-separated name and per bracketed or comma alternative.

    Returns [] for text without letters (empty, digits only) or longer than MAX_NAME_CHARS; raises
    TypeError for non-strings.
    """
    if not isinstance(text, str):
        raise TypeError("parse() takes a string")
    if len(text) > MAX_NAME_CHARS:
        return []
    return list(_parse_text(text))  # a fresh list: callers may change theirs, the cached tuple stays


@memo(200_000)
def _parse_text(text: str) -> tuple[ParsedName, ...]:
    """The readings of one text, cached: compare() and linkage parse the same strings again and again."""
    return tuple(_parse_uncached(text))


def _parse_uncached(text: str) -> list[ParsedName]:
    original = text
    text = repair_homoglyphs(normalize_text(text))
    if ";" not in text and "(" not in text and "," not in text:  # the common case: one plain name
        parsed = _reading(original, text)
        return [parsed] if parsed is not None else []
    out: list[ParsedName] = []
    for chunk in text.split(";"):
        for alt in _split_alternatives(chunk):
            parsed = _reading(original, alt)
            if parsed is not None and parsed not in out:
                out.append(parsed)
    return out
