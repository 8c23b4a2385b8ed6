"""Given-name equivalence classes (Uladzimir = Vladimir = Уладзімір = Владимир, Zmicier = Dmitry).

Why not a hand list: the pairs are many and uneven (Mikalai/Nikolai, Ryhor/Grigory, Kastuś/Konstantin,
Volha/Olga, Alexander/Aliaksandr). Two real sources that ship in packages do the work:

- the vocabulary of canonical heads is the list of Russian given names that Faker ships
  (``faker.providers.person.ru_RU``): one class per head;
- the equivalence is rigour's Wikidata-derived person-name corpus: ``rigour.names.analyze_names`` tags a
  form with the Wikidata ids (QIDs) of the given-name items it is a label of. A form joins the head with
  which it shares the most ids. Wikidata holds Belarusian forms in the classical orthography
  (Зьміцер, Настасься), so a form is also looked up in that spelling (``variants.classical``).

A form whose skeleton equals a head's skeleton joins that head directly (the regular Belarusian/Russian
correspondences are already folded by the skeleton). Forms neither source ties to a head go through two
Belarusian word-formation rules (``variants.rule_class``: a dropped initial а or a prothetic г/в, and
hypocoristics in -сь: Кастусь → Канстанцін, Алесь → Аляксандр). A form nothing knows keeps its own
skeleton as its class. The class key is the head's skeleton: a plain ASCII string, script-neutral.

Speed: looking a new Cyrillic word up in rigour's corpus costs ~100-300 µs (rigour's ASCII folding).
``data/given_heads.json`` therefore also holds every given-name form the build found tied to a head
(``forms``): parsing decides word order from that dict and the heads alone (``is_known_given``), never
calling rigour, and ``known_class`` answers those forms without rigour too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from reckon.names._memo import memo
from reckon.names.corpus import index as corpus_index
from reckon.names.script import is_cyrillic
from reckon.names.skeleton import given_skeleton as skeleton
from reckon.names.variants import classical_spellings, rule_class


@memo(200_000)
def name_ids(token: str) -> frozenset[str]:
    """Wikidata ids of the given-name items ``token`` is a known form of (rigour's corpus, through the
    on-disk index of :mod:`reckon.names.corpus`)."""
    token = token.strip().lower()
    if not token or len(token) > 40 or not any(c.isalpha() for c in token):
        return frozenset()
    return corpus_index().get(token)  # the on-disk index first: building the corpus takes seconds


DATA_FILE = Path(__file__).with_name("data") / "given_heads.json"


class _Vocabulary:
    """Heads (canonical given names) indexed by skeleton and by Wikidata id, and the known forms.

    Loaded from ``data/given_heads.json``, which ``python -m reckon.names.given`` rebuilds from Faker's
    given names and rigour's corpus (Faker is needed only for that rebuild; see ``reckon.names.buildforms``).
    """

    def __init__(self, data: dict) -> None:
        self.heads: dict[str, str] = dict(data["heads"])  # skeleton -> head as written (Cyrillic)
        self.by_id: dict[str, list[str]] = {k: list(v) for k, v in data["by_id"].items()}
        self.sex: dict[str, str] = dict(data.get("sex", {}))  # skeleton -> "male"/"female" (Faker's list)
        self.forms: dict[str, str] = dict(data.get("forms", {}))  # lower-case form -> head skeleton
        n_ids: dict[str, int] = defaultdict(int)
        for heads in self.by_id.values():
            for head in heads:
                n_ids[head] += 1
        self.n_ids: dict[str, int] = dict(n_ids)  # how many Wikidata items a head has: its commonness

    @classmethod
    def build(cls) -> dict:
        from faker.providers.person.ru_RU import Provider as Ru

        from reckon.names.buildforms import known_forms
        from reckon.names.translit import romanize

        heads: dict[str, str] = {}
        by_id: dict[str, list[str]] = defaultdict(list)
        sexes: dict[str, set[str]] = defaultdict(set)
        for attr, sex in (("first_names_male", "male"), ("first_names_female", "female")):
            for name in getattr(Ru, attr):
                key = skeleton(name)
                if not key:
                    continue
                heads.setdefault(key, name)
                sexes[key].add(sex)
                ids = set(name_ids(name))
                for scheme in ("bgn_ru", "icao_ru"):
                    ids |= name_ids(romanize(name, scheme))
                for qid in sorted(ids):
                    if key not in by_id[qid]:
                        by_id[qid].append(key)
        data = {"source": "faker first names (all locales); rigour person-name corpus (Wikidata ids)",
                "heads": heads, "by_id": dict(sorted(by_id.items())),
                "sex": {k: next(iter(v)) for k, v in sorted(sexes.items()) if len(v) == 1}}
        voc = cls(data)
        data["forms"] = known_forms(lambda form: _corpus_class(form, voc))
        return data


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    if DATA_FILE.exists():
        return _Vocabulary(json.loads(DATA_FILE.read_text(encoding="utf-8")))
    return _Vocabulary(_Vocabulary.build())


def _token_ids(token: str) -> frozenset[str]:
    """Corpus ids of the word as written and of its plain Latin spelling.

    Why both: the corpus holds mostly plain Latin forms. A Cyrillic word is also asked in passport style
    (Бальла -> Balla), and a Latin word with diacritics folded to ASCII (Łacinka Balła -> Balla), so a
    name and its romanisations meet the same ids (hypothesis found Бальла/Balła apart)."""
    ids = set(name_ids(token))
    if any(is_cyrillic(c) for c in token):
        from reckon.names.translit import romanize

        ids |= name_ids(romanize(token, "passport_be"))
    elif not token.isascii():
        from reckon.names.translit import ascii_fold

        ids |= name_ids(ascii_fold(token))
    return frozenset(ids)


def _vote(ids: frozenset[str], key: str, voc: _Vocabulary) -> str | None:
    votes: dict[str, int] = defaultdict(int)
    for qid in ids:
        for head in voc.by_id.get(qid, ()):
            votes[head] += 1
    if not votes:
        return None
    from rigour.text.distance import jaro_winkler

    return max(votes, key=lambda h: (votes[h], jaro_winkler(h, key), h))


def _corpus_class(token: str, voc: _Vocabulary) -> str | None:
    """The head by skeleton, else by rigour's corpus (the form, then its classical spellings)."""
    key = skeleton(token)
    if not key:
        return None
    if key in voc.heads:
        return key
    found = _vote(_token_ids(token), key, voc)
    if found is None:
        for variant in classical_spellings(token):
            found = _vote(name_ids(variant), key, voc)
            if found is not None:
                break
    return found


@memo(200_000)
def _data_class(token: str) -> str | None:
    """The head by the built dict of forms, else by skeleton and rigour's corpus; no rules."""
    voc = vocabulary()
    found = voc.forms.get(token.lower())
    return found if found is not None else _corpus_class(token, voc)


def _rule_class(token: str) -> str | None:
    key = skeleton(token)
    voc = vocabulary()
    return rule_class(key, voc.heads, voc.sex, voc.n_ids) if key else None


@memo(200_000)
def known_class(token: str) -> str | None:
    """The head a given-name form belongs to, or None when neither the sources nor the rules know it."""
    found = _data_class(token)
    return found if found is not None else _rule_class(token)


@memo(200_000)
def is_known_given(token: str) -> bool:
    """A given name known without asking rigour: a head by skeleton or a form in the built dict.

    Why a separate, cheaper test than ``known_class``: parsing asks it of every new surname when word
    order is in doubt; rigour's lookup would cost ~100 µs a word there.
    """
    voc = vocabulary()
    return token.lower() in voc.forms or skeleton(token) in voc.heads


@memo(200_000)
def latin_corpus_given(token: str) -> bool:
    """rigour's corpus ties the word's Latin spelling (passport style for Cyrillic) to a head.

    Why the Latin spelling only: rigour folds a new Cyrillic word to ASCII itself at ~100-300 µs, a Latin
    one costs ~10 µs; and a Cyrillic word and its romanisation then get the same answer."""
    from reckon.names.translit import ascii_fold, romanize

    latin = romanize(token, "passport_be") if any(is_cyrillic(c) for c in token) else ascii_fold(token)
    by_id = vocabulary().by_id
    return any(qid in by_id for qid in name_ids(latin))


@memo(200_000)
def given_sex(token: str) -> str | None:
    """"male"/"female" when the given name's class head is one sex only in the list of heads."""
    cls = known_class(token)
    return vocabulary().sex.get(cls) if cls else None


@memo(200_000)
def given_class(token: str) -> str:
    """Class key of a given name: its head's skeleton, else its own skeleton; "" without letters."""
    return known_class(token) or skeleton(token)


_PATR_SUFFIX = re.compile(
    r"(?:[аоеэё]віч|[аоеэё]вич|[аоеэё]ўна|[аоеэё]вна|інічна|ініч|ічна|ична|іч|ич|"
    r"[aoe]vich|[aoe]vič|[aoe]vitch|[aoe]vych|[aoe]una|[aoe]ŭna|[aoe]vna|inichna|ichna|ična|ich|ič|ych)$")
_VOWELS = frozenset("аеёиоуыэюяіaeiouy")


@memo(200_000)
def father_name_candidates(patronymic: str) -> tuple[str, ...]:
    """Plausible given names inside a patronymic (Сяргеевіч -> Сярге, Сяргей; Igorevich -> Igor;
    Паўлавіч -> Паўл, ..., Паўел: the fleeting vowel of Павел/Павлович, Лев/Львович)."""
    low = patronymic.lower()
    stem = _PATR_SUFFIX.sub("", low)
    if stem == low or len(stem) < 2:
        return ()
    cyr = any(is_cyrillic(c) for c in stem)
    tails = ("", "й", "ий", "ь", "а") if cyr else ("", "i", "y", "iy", "a")
    if stem[-1] in _VOWELS:
        return tuple(stem + t for t in (("й", "", "ий") if cyr else ("i", "y", "")))
    out = [stem + t for t in tails]
    # the fleeting vowel: a stem ending in two consonants (or a soft sign and a consonant) had an е between
    body, last = stem[:-1], stem[-1]
    if body and body[-1] not in _VOWELS and last not in "йjь'":
        body = body[:-1] if body[-1] in "ь'" else body
        out.append(body + ("е" if cyr else "e") + last)
    return tuple(out)


@memo(200_000)
def patronymic_class(patronymic: str) -> str:
    """Class key of the father's given name inside a patronymic; gender-neutral (-авіч = -аўна = -ович).

    Data only (a head, a known form, the corpus), not the word-formation rules: nobody's patronymic is
    made from a hypocoristic, and on a misspelt patronymic the rules would guess wildly."""
    cands = father_name_candidates(patronymic)
    for cand in cands:
        cls = _data_class(cand)
        if cls:
            return cls
    if cands:
        return skeleton(cands[0])
    return skeleton(patronymic)


if __name__ == "__main__":  # rebuild data/given_heads.json
    DATA_FILE.parent.mkdir(exist_ok=True)
    DATA_FILE.write_text(json.dumps(_Vocabulary.build(), ensure_ascii=False, indent=0, sort_keys=True),
                         encoding="utf-8")
    print(f"wrote {DATA_FILE}")
