"""Given-name equivalence classes (Uladzimir = Vladimir = Уладзімір = Владимир, Zmicier = Dmitry).

Why not a hand list: the pairs are many and uneven (Mikalai/Nikolai, Ryhor/Grigory, Kastuś/Konstantin,
Volha/Olga, Alexander/Aliaksandr). Two real sources that ship in packages do the work:

- the vocabulary of canonical heads is the list of Russian (then Ukrainian) given names that Faker ships
  (``faker.providers.person.ru_RU`` / ``uk_UA``): one class per head;
- the equivalence is rigour's Wikidata-derived person-name corpus: ``rigour.names.analyze_names`` tags a
  form with the Wikidata ids (QIDs) of the given-name items it is a label of. A form joins the head with
  which it shares the most ids.

A form whose skeleton equals a head's skeleton joins that head directly (the regular Belarusian/Russian
correspondences are already folded by the skeleton). A form no source knows keeps its own skeleton as its
class. The class key is the head's skeleton: a plain ASCII string, script-neutral.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from reckon.names._memo import memo
from reckon.names.script import is_cyrillic
from reckon.names.skeleton import skeleton_full as skeleton


@memo(200_000)
def name_ids(token: str) -> frozenset[str]:
    """Wikidata ids of the given-name items ``token`` is a known form of (rigour's corpus)."""
    token = token.strip().lower()
    if not token or len(token) > 40 or not any(c.isalpha() for c in token):
        return frozenset()
    from rigour.names import analyze_names
    from rigour.names.tag import NameTypeTag

    ids: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], symbols=True, phonetics=False, numerics=False):
        for sym in name.symbols:
            if sym.category.value == "NAME":
                ids.add(sym.id)
    return frozenset(ids)


DATA_FILE = Path(__file__).with_name("data") / "given_heads.json"


class _Vocabulary:
    """Heads (canonical given names) indexed by skeleton and by Wikidata id.

    Loaded from ``data/given_heads.json``, which ``python -m reckon.names.given`` rebuilds from Faker's
    Russian given names and rigour's corpus (Faker is needed only for that rebuild).
    """

    def __init__(self, data: dict) -> None:
        self.heads: dict[str, str] = dict(data["heads"])  # skeleton -> head as written (Cyrillic)
        self.by_id: dict[str, list[str]] = {k: list(v) for k, v in data["by_id"].items()}
        self.sex: dict[str, str] = dict(data.get("sex", {}))  # skeleton -> "male"/"female" (Faker's list)

    @classmethod
    def build(cls) -> dict:
        from faker.providers.person.ru_RU import Provider as Ru

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
        return {"source": "faker ru_RU first names; rigour person-name corpus (Wikidata ids)",
                "heads": heads, "by_id": dict(sorted(by_id.items())),
                "sex": {k: next(iter(v)) for k, v in sorted(sexes.items()) if len(v) == 1}}


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    if DATA_FILE.exists():
        return _Vocabulary(json.loads(DATA_FILE.read_text(encoding="utf-8")))
    return _Vocabulary(_Vocabulary.build())


def _token_ids(token: str) -> frozenset[str]:
    ids = set(name_ids(token))
    if any(is_cyrillic(c) for c in token):
        from reckon.names.translit import romanize

        ids |= name_ids(romanize(token, "passport_be"))
    return frozenset(ids)


@memo(200_000)
def known_class(token: str) -> str | None:
    """The head a given-name form belongs to, or None when neither source knows it."""
    key = skeleton(token)
    if not key:
        return None
    voc = vocabulary()
    if key in voc.heads:
        return key
    ids = _token_ids(token)
    if not ids:
        return None
    votes: dict[str, int] = defaultdict(int)
    for qid in ids:
        heads = voc.by_id.get(qid, ())
        for head in heads:
            votes[head] += 1
    if not votes:
        return None
    from rigour.text.distance import jaro_winkler

    return max(votes, key=lambda h: (votes[h], jaro_winkler(h, key), h))


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


@memo(200_000)
def father_name_candidates(patronymic: str) -> tuple[str, ...]:
    """Plausible given names inside a patronymic (Сяргеевіч -> Сярге, Сяргей; Igorevich -> Igor)."""
    low = patronymic.lower()
    stem = _PATR_SUFFIX.sub("", low)
    if stem == low or len(stem) < 2:
        return ()
    cyr = any(is_cyrillic(c) for c in stem)
    tails = ("", "й", "ий", "ь", "а") if cyr else ("", "i", "y", "iy", "a")
    if stem[-1] in "аеёиоуыэюяіaeiouy":
        tails = ("й", "", "ий") if cyr else ("i", "y", "")
    return tuple(stem + t for t in tails)


@memo(200_000)
def patronymic_class(patronymic: str) -> str:
    """Class key of the father's given name inside a patronymic; gender-neutral (-авіч = -аўна = -ович)."""
    for cand in father_name_candidates(patronymic):
        cls = known_class(cand)
        if cls:
            return cls
    cands = father_name_candidates(patronymic)
    if cands:
        return skeleton(cands[0])
    return skeleton(patronymic)


if __name__ == "__main__":  # rebuild data/given_heads.json
    DATA_FILE.parent.mkdir(exist_ok=True)
    DATA_FILE.write_text(json.dumps(_Vocabulary.build(), ensure_ascii=False, indent=0, sort_keys=True),
                         encoding="utf-8")
    print(f"wrote {DATA_FILE}")
