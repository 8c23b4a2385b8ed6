"""Who and where: person names, organisation-like names and jurisdictions in a sentence.

Person names are runs of capitalised words (any script, with Łacinka diacritics and initials) cut at role
words ("Interior Minister"), organisation words ("Committee") and acronyms; a person name has two to four
parts. Jurisdictions are country names, adjectives and capitals (rigour's territory list plus the EU).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reckon.news.lexicon import COMMON_CAPS, ORG_WORDS, ROLE_WORDS

TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d+(?:[.,]\d+)*|\S")


@dataclass
class Tok:
    text: str
    start: int
    end: int


@dataclass
class Name:
    text: str
    start: int
    end: int
    tokens: list[str]
    possessive: bool = False


def tokens(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and tok[0].isalpha()


def _is_acronym(tok: str) -> bool:
    if len(tok) < 2 or tok[1:] == tok[1:].lower():
        return False  # "Ivan": only the first letter is a capital
    return sum(1 for c in tok if c.isupper()) >= 2


_WORD_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*\.?")


def cap_runs(text: str) -> list[list[tuple[str, int, int, bool]]]:
    """Runs of capitalised words separated only by spaces: (word, start, end, possessive).

    Initials ("T.") continue a run; a possessive ("Demčanka’s") or a full stop ends it.
    """
    runs: list[list[tuple[str, int, int, bool]]] = []
    cur: list[tuple[str, int, int, bool]] = []
    prev_end = -1
    closed = True
    for m in _WORD_RE.finditer(text):
        word, start = m.group(), m.start()
        initial = len(word) == 2 and word[1] == "." and word[0].isupper()
        stop = word.endswith(".") and not initial
        if stop:
            word = word[:-1]
        poss = False
        if word[0].isupper() and len(word) > 2 and word[-2] in "’'" and word[-1] == "s":
            word, poss = word[:-2], True
        if not word[0].isupper():
            if cur:
                runs.append(cur)
            cur, closed = [], True
            prev_end = m.end()
            continue
        gap = text[prev_end:start] if prev_end >= 0 else ""
        if cur and (closed or (gap and not gap.isspace())):
            runs.append(cur)
            cur = []
        end = start + len(word) + (0 if not initial else 0)
        cur.append((word, start, end, poss))
        closed = poss or stop
        prev_end = m.end()
    if cur:
        runs.append(cur)
    return runs


def _stop(word: str, at_start: bool) -> bool:
    low = word.lower().rstrip(".")
    if low in ROLE_WORDS or low in ORG_WORDS or _is_acronym(word):
        return True
    if at_start and low in COMMON_CAPS:
        return True
    if low in COMMON_CAPS and low not in {"may", "march"}:
        return True
    return is_place(word)


def person_names(text: str, offset: int = 0) -> list[Name]:
    """Person-like names in ``text`` (2–4 parts), with spans shifted by ``offset``."""
    found = _person_names(text)
    if not offset:
        return list(found)
    return [Name(n.text, n.start + offset, n.end + offset, n.tokens, n.possessive) for n in found]


@lru_cache(maxsize=4096)
def _person_names(text: str) -> tuple[Name, ...]:
    out: list[Name] = []
    first = _first_word_start(text)
    for run in cap_runs(text):
        seg: list[tuple[str, int, int, bool]] = []
        segments: list[list[tuple[str, int, int, bool]]] = []
        org_tail: set[int] = set()  # segments that a following organisation word shows to be part of its name
        for k, item in enumerate(run):
            word = item[0]
            caps_surname = (len(word) >= 4 and word.isupper() and word.isalpha() and word.lower() not in ORG_WORDS
                            and k > 0 and not _stop(run[k - 1][0], run[k - 1][1] == first))
            if caps_surname:  # "Ivan Uladzimiravich DEMIDAU": sanctions lists write surnames in capitals
                seg.append(item)
                continue
            if _stop(word, item[1] == first):
                if seg:
                    if word.lower().rstrip(".") in ORG_WORDS and word.lower() not in ROLE_WORDS:
                        org_tail.add(len(segments))  # "Joint Stock Company", "Steel Works Management Company"
                    segments.append(seg)
                seg = []
            else:
                seg.append(item)
        if seg:
            segments.append(seg)
        for i, seg in enumerate(segments):
            org_of = _ORG_OF.search(text[max(0, seg[0][1] - 40):seg[0][1]])
            if i in org_tail or (org_of is not None and org_of.group(1).lower() in ORG_WORDS):
                continue  # "Department of Financial Investigation": the words name the organisation, not a person
            parts = [w for w, *_ in seg]
            full_parts = [p for p in parts if not p.endswith(".")]
            if len(full_parts) < 2 or len(parts) > 5:
                continue
            if full_parts[-1].endswith(".") or len(full_parts[-1]) < 2:
                continue
            start, end = seg[0][1], seg[-1][2]
            out.append(Name(text[start:end], start, end, parts, possessive=seg[-1][3]))
    return tuple(out)


_ORG_OF = re.compile(r"\b([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?$")


def _first_word_start(text: str) -> int:
    m = re.search(r"[^\W\d_]", text)
    return m.start() if m else -1


def name_surname(name: str) -> str:
    parts = [p for p in re.split(r"\s+", name.strip()) if p and not p.endswith(".")]
    return parts[-1] if parts else name


# ---------------------------------------------------------------- jurisdictions

_EXTRA = {
    "european union": "EU", "the european union": "EU", "eu": "EU", "european council": "EU",
    "council of the eu": "EU", "council of the european union": "EU", "european commission": "EU",
    "brussels": "EU", "european": "EU",
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US", "american": "US",
    "washington": "US", "ofac": "US", "state department": "US", "us treasury": "US", "u.s. treasury": "US",
    "treasury department": "US", "department of the treasury": "US", "department of state": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "british": "GB", "london": "GB",
    "canadian": "CA", "ottawa": "CA", "swiss": "CH", "bern": "CH", "japanese": "JP", "tokyo": "JP",
    "ukrainian": "UA", "kyiv": "UA", "kiev": "UA", "estonian": "EE", "tallinn": "EE", "latvian": "LV",
    "riga": "LV", "lithuanian": "LT", "vilnius": "LT", "polish": "PL", "warsaw": "PL", "norwegian": "NO",
    "oslo": "NO", "australian": "AU", "canberra": "AU", "new zealand": "NZ", "nz": "NZ", "wellington": "NZ", "icelandic": "IS",
    "belarusian": "BY", "minsk": "BY", "russian": "RU", "moscow": "RU", "kremlin": "RU", "german": "DE",
    "berlin": "DE", "french": "FR", "paris": "FR", "czech": "CZ", "prague": "CZ", "moldovan": "MD",
    "georgian": "GE", "albanian": "AL", "montenegrin": "ME", "north macedonian": "MK", "taiwanese": "TW",
    "korean": "KR", "south korean": "KR", "swedish": "SE", "finnish": "FI", "danish": "DK", "dutch": "NL",
    "belgian": "BE", "austrian": "AT", "italian": "IT", "spanish": "ES", "irish": "IE", "kazakh": "KZ",
    "chinese": "CN", "beijing": "CN",
}


ADJECTIVES = {k for k in _EXTRA if re.search(r"(ian|ish|ese|an|ch|ss|ic|ean|kh|ai)$", k) and " " not in k
              and k not in {"canberra", "tehran", "washington", "london", "ottawa", "bern", "kremlin", "moscow", "brussels",
                            "tokyo", "kyiv", "kiev", "tallinn", "riga", "vilnius", "warsaw", "oslo", "minsk", "berlin",
                            "paris", "prague", "beijing", "us", "eu", "uk", "usa", "america", "britain", "ofac", "nz"}}
ADJECTIVES |= {"north macedonian", "south korean", "montenegrin"}


# Names that stand for several jurisdictions at once: "The Baltic countries imposed sanctions" is Estonia's,
# Latvia's and Lithuania's act ("Baltic" alone is a sea, a region: only with a word for states)
_GROUPS = {f"baltic {w}": ("EE", "LV", "LT") for w in ("states", "countries", "republics", "nations")}


@lru_cache(maxsize=1)
def _jurisdiction_table() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = dict(_EXTRA)
    names.update({k: ",".join(v) for k, v in _GROUPS.items()})
    try:
        from rigour.territories import get_territories

        for t in get_territories():
            if not t.is_country or t.is_historical or len(t.code) != 2:
                continue
            for n in (t.name, t.full_name):
                if n and len(n) > 3:
                    names.setdefault(n.lower(), t.code.upper())
    except Exception:  # pragma: no cover - rigour is a dependency; keep working without its data
        pass
    alts = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:the\s+)?(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])",
                         re.IGNORECASE)
    return pattern, names


@dataclass
class Jurisdiction:
    code: str
    text: str
    start: int
    end: int

    @property
    def adjective(self) -> bool:
        """"British", "Belarusian": a nationality word, an actor only in "the British government"."""
        return re.sub(r"^the\s+", "", self.text.lower()) in ADJECTIVES


_CAPWORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w’'-]*|\b(?:of|and|the|states|countries|republics|nations)\b")


def jurisdictions(text: str, offset: int = 0) -> list[Jurisdiction]:
    """Every mention of a sanctioning jurisdiction in ``text`` (ISO 3166 alpha-2 upper case, or EU)."""
    _pattern, names = _jurisdiction_table()
    words = [m for m in _CAPWORD.finditer(text)]
    out: list[Jurisdiction] = []
    i = 0
    while i < len(words):
        w = words[i]
        if not w.group()[0].isupper():
            i += 1
            continue
        hit = None
        for j in range(min(len(words) - 1, i + 5), i - 1, -1):
            if any(text[words[k].end():words[k + 1].start()].strip() for k in range(i, j)):
                continue  # only words separated by spaces form one name
            phrase = text[w.start():words[j].end()]
            code = names.get(phrase.lower())
            if code is None and re.search(r"['’]s$", phrase):
                code = names.get(phrase[:-2].lower())  # "the EU's 27 member states"
                phrase = phrase[:-2] if code else phrase
            if code and not (phrase.lower() == "us" and phrase != "US"):
                hit = (j, phrase, code)
                break
        if hit is None:
            i += 1
            continue
        j, phrase, code = hit
        start = w.start()
        before = text[max(0, start - 4):start]
        shown = phrase
        if before.lower() == "the ":
            start -= 4
            shown = text[start:words[j].end()]
        for one in code.split(","):  # a group ("the Baltic states") is each of its members, at the same place
            out.append(Jurisdiction(one, shown, start + offset, words[j].end() + offset))
        i = j + 1
    return out


def is_place(word: str) -> bool:
    pattern, names = _jurisdiction_table()
    return word.lower() in names and word.lower() not in {"us"}
