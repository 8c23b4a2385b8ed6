"""What a speaker phrase names: a person's name without their title, an organisation, a place; the named
subject a sentence opens with; and a surname the page misspelt once ("Biliatski" for the "Ales Bialiatski" it
named in full).

Kept apart from ``quotes`` (which quotation, which phrase) because these read a noun phrase alone, against
the article's own text, without the speaker tracker's memory of who spoke before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reckon.names.given import given_sex
from reckon.news import lexicon as lx
from reckon.news.entities import ADJECTIVES, is_place, person_names

_SLAVIC_SURNAME = re.compile(r"(enka|enko|ovich|evich|ivich|skaya|skaja|ski|sky|skiy|ova|eva|au|ou|ov|ev|chuk|uk|yk|ets|ich)$")


def lone_surname(word: str) -> bool:
    """A capitalised word shaped like a Belarusian or Russian surname ("Dziadok" no, "Prykladau" yes), not a
    place nor a common capitalised word: a person an opening may name by the surname alone."""
    return len(word) >= 6 and word[:1].isupper() and word[1:].islower() and \
        bool(_SLAVIC_SURNAME.search(word) or re.search(r"(?:ava|aja|aya)$", word)) \
        and word.lower() not in lx.COMMON_CAPS and word.lower() not in ADJECTIVES and not is_place(word)


_FEMALE_SURNAME = re.compile(r"(?:aya|aja|ava|ova|eva|ina|yna)$")
_MALE_SURNAME = re.compile(r"(?:ski|sky|skiy|au|ou|ov|ev|ich|in|yn)$")


def surname_sex(word: str) -> str | None:
    """The sex a Belarusian or Russian surname alone shows by its ending ("Prykladava" a woman, "Prykladau" a
    man); None where the ending is shared ("-enka", "-uk") or the word is not of that shape."""
    if not lone_surname(word):
        return None
    if _FEMALE_SURNAME.search(word):
        return "female"
    return "male" if _MALE_SURNAME.search(word) else None


def misspelt(word: str, surnames: dict[str, str]) -> str | None:
    """The full name of the one person whose surname ``word`` is a slip of the pen for: one letter added,
    dropped or changed ("Borrel" for "Borrell", "Biliatski" for "Bialiatski"), in a surname of five letters or
    more with the same first letter. ``surnames`` maps each surname the article gave in full to that full name;
    two candidates, or a word the article already uses as a surname, give nothing (no guess between people)."""
    if len(word) < 5 or word in surnames or not word[:1].isupper():
        return None
    found = {full for sur, full in surnames.items()
             if len(sur) >= 5 and sur[0] == word[0] and sur != full and abs(len(sur) - len(word)) <= 1
             and _distance(sur.lower(), word.lower()) == 1}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _distance(a: str, b: str) -> int:
    from reckon.names.compare import levenshtein  # rigour's edit distance, loaded only when a name is unknown
    return levenshtein(a, b)


def GENERIC(np: str) -> bool:  # noqa: N802 - reads as a predicate in the rules above
    return bool(lx.GENERIC_SPEAKERS.match(np.strip())) and not _has_proper(np)


def _has_proper(np: str) -> bool:
    words = np.split()
    return any(w[0].isupper() for w in words[1:]) if len(words) > 1 else False


# "The UK government says": a state named with its government speaks as that government
_GOV_NOUN = re.compile(r"\s+(government|foreign office|foreign ministry)\b")


def named(np: str, doc: str) -> str | None:
    """The name in a speaker phrase: a person's name without their title, or an organisation/place."""
    np = re.sub(r"^(the)\s+", "", np.strip(), flags=re.I)
    if re.fullmatch(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}" + _GOV_NOUN.pattern, np) and is_place(np.split()[0]):
        return np
    np = re.split(r"\s+(?:on|in|at|last|this|earlier|later|during|after|before|to|from|via|when|while)\s", np)[0]
    persons = person_names(np)
    if persons:
        return persons[-1].text
    # trailing run of capitalised words (an organisation, agency, city or country)
    words = re.findall(r"[\w’'.&-]+", np)
    run: list[str] = []
    for w in reversed(words):
        if w[0].isupper() or (run and w.lower() in {"of", "for", "and", "the"}) or (run and w.isdigit()):
            run.insert(0, w)
        else:
            break
    while run and run[0].lower() in {"of", "for", "and", "the"}:
        run.pop(0)
    if not run:
        return None
    name = " ".join(run)
    if len(run) == 1 and (run[0].lower() in ADJECTIVES or not _proper_in_doc(run[0], doc)):
        return None  # "Belarusian (authorities)" names nobody
    return name


def _proper_in_doc(word: str, doc: str) -> bool:
    """A capitalised word is a name if it is a place or also appears capitalised mid-sentence."""
    if is_place(word) or len(word) > 1 and word.isupper():
        return True
    if any(c in word for c in "ŁłŭŬčČšŠžŽćĆńŃśŚźŹ"):
        return True
    if len(word) >= 6 and _SLAVIC_SURNAME.search(word) and word.lower() not in lx.COMMON_CAPS:
        return True  # "Demchanka said …" at a sentence start: the shape of a Belarusian/Russian surname
    return bool(re.search(rf"[a-z,;:”\")][ \t]+{re.escape(word)}\b", doc))


def sentence_subject(sentence: str) -> str | None:
    """A named subject opening the sentence ("The European Union has…", "Canada, for its part, …")."""
    m = re.match(r"^\s*(?:[Tt]he\s+)?((?:[A-Z][\w’'.-]*|of|for|and|the|\d+)(?:\s+(?:[A-Z][\w’'.-]*|of|for|and|the|\d+))*)",
                 sentence)
    if not m:
        return None
    run = m.group(1).strip()
    if re.search(r"[’']s\b", run.split()[-1] if run.split() else ""):
        return None  # "Demčanka’s message": the subject is the message
    after = sentence[m.end():]
    if re.match(r"^[’']s\b", after):
        return None
    if re.match(r"\s*[a-z]", after) and lx.GENERIC_SPEAKERS.match(after.strip()):
        return None  # "The U.S. authorities do not …": the subject is the authorities, whom no name stands for
    words = run.split()
    while words and words[-1].lower() in {"of", "for", "and", "the"}:
        words.pop()
    if not words:
        return None
    if words[0].lower() in lx.COMMON_CAPS and len(words) == 1:
        return None
    if len(words) == 1 and words[0].endswith("ing"):
        return None  # "Referring to a report, …": a participle, not who acts
    if words[0].lower() in {"on", "in", "at", "since", "by", "after", "before", "during", "from", "until", "as"}:
        return None  # "On July 14, …": a date or place the sentence opens with, not who acts
    inst = _GOV_NOUN.match(after) if words == run.split() else None
    return " ".join(words) + (" " + inst.group(1) if inst else "")  # "The UK government says …"


def given_alone(word: str, surnames: dict[str, str]) -> str | None:
    """The full name of the one person the article named in full whose given name ``word`` is ("Maryja noted"
    after "Maryja Prykladava"); nobody when two share it or when ``word`` is itself someone's surname."""
    if word in surnames or not word[:1].isupper() or given_sex(word) is None:
        return None  # only a given name the name lists know ("Viasna" before a misread "Viasna Ales X" is none)
    found = {full for full in surnames.values() if len(full.split()) > 1 and full.split()[0] == word}
    return found.pop() if len(found) == 1 else None


def last_np(left: str) -> str | None:
    """The noun phrase just before a verb; "Kostya S., a spokesperson for Viasna, said" gives the name."""
    left = left.rstrip().rstrip(",").rstrip()
    parts = re.split(r"[,;:()]", left)
    np = parts[-1].strip()
    if len(parts) > 1 and re.match(r"^(who|which|whose|whom)\b", np):
        k = len(parts) - 2
        while k > 0 and re.match(r"^\s*(who|which|whose|whom)\b", parts[k]):
            k -= 1
        np = parts[k].strip()
    elif len(parts) > 1 and (re.match(r"^(a|an|the|his|her|their)\s+[a-z]", np) or
                             (np.split() or [""])[0].lower() in lx.ROLE_WORDS - {"the", "a", "an", "his", "her", "their", "its"}) and \
            (person_names(parts[-2]) or re.fullmatch(r"\s*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+\s*", parts[-2])):
        np = parts[-2].strip()
    elif len(parts) > 1 and re.match(r"^(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|ing)\b|^\d{1,3}$|^[A-Z][^,]*[’']s\s+\w", np) and \
            any(not n.possessive and n.end >= len(parts[-2].rstrip()) for n in person_names(parts[-2])):
        # "Jan Example, newly freed after five years, shouted:", "Jan Example, 63, said", "Jan Example, Zorka's
        # Senior Campaigner, said": the name before an apposition
        np = parts[-2].strip()
    if len(parts) > 1 and re.match(r"^(?:in|on|at|during|via|through)\s", np):
        np = parts[-2].strip()  # "the U.S. government, in a separate release Thursday, said": the aside names no one
    # "Lukashenko had on Tuesday told": the auxiliaries and the time between the subject and its verb
    np = re.sub(r"(?:\s+(?:has|have|had|also|then|later|earlier|previously|once|reportedly|(?:on|last|this)\s+"
                r"(?:[A-Z][a-z]+day|week|month|year)))+$", "", np, flags=re.I)
    rel = re.search(r"\b(?:which|whom|that)\s+(?P<rest>(?:the\s+)?[A-Z][^,;:]*)$", np)
    if rel:
        np = rel.group("rest")  # "the elections, which the EU deemed “…”": the relative clause's own subject
    words = np.split()
    if not words or len(words) > 9:
        return None
    return np
