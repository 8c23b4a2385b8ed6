"""One name per reporter: the reporter of a figure as a key in the nominative, for grouping and legends.

A sentence names its source in whatever case its grammar needs ("по данным правозащитников", "паводле
праваабаронцаў", "праваабарончага цэнтра «Вясна»"), so the same reporter is written several ways and a chart
legend or ``reckon figures`` would list it several times. The figure keeps the reporter as written (a reader
checks it against the article); this key is what rows are grouped and labelled by. Russian phrases are put in
the nominative with pymorphy3 (the head noun and the adjectives agreeing with it before it); Belarusian, which
has no analyser dictionary among reckon's packages, by its regular endings; people's names by
``cyr_names``; English as written. Then one organisation's names in every language ("Весна", "Вясна",
"Viasna-96", "Правозащитный центр «Весна»") become one key through the alias table (news/data/
reporter_aliases.tsv: data, so a documenter adds a spelling without touching code), and a reporter's figures
line up across languages in ``reckon figures`` and on the dashboard. Nothing here changes what extraction
finds.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from reckon.news.cyr_names import _morph, find_person_names, is_belarusian_word

ALIASES = Path(__file__).with_name("data") / "reporter_aliases.tsv"
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЎў]")
# quotation marks around an organisation's name, written «», “”, „“ or "": one spelling for the key
_QUOTED = re.compile(r"[«„“\"]\s*(?P<name>[^»“”\"]+?)\s*[»“”\"]")
_TOKEN = re.compile(r"«[^»]*»\S*|\S+")
_CYR_WORD = re.compile(r"[А-Яа-яЁёІіЎў][а-яёіў’'-]*")
_RU_ADJ_POS = {"ADJF", "PRTF"}
# Belarusian: adjectives by their endings (oblique singular and plural forms)
_BE_ADJ = re.compile(r"(?:ага|яга|ых|іх|ай|яй|ую|юю|ым|ім|аму|яму|ая|ае|ыя|ія|[^аеёіоуыэюя][ыі])$")


def reporter_key(reporter: str | None, language: str | None = None) -> str | None:
    """The reporter as one key: the key of the alias table when the name as written is one of the names
    there ("Viasna-96" -> "Праваабарончы цэнтр «Вясна»"), else its :func:`nominative` and the key of that.

    Why the name as written first: a name in the table is already a nominative, and the Russian analyser
    takes a Belarusian name it does not know for an oblique case ("«Вясна»" in a Russian article became
    "«Вясон»"), which then matched no alias and stood on the dashboard as a reporter of its own."""
    table = aliases()
    if reporter is not None and (written := table.get(alias_form(reporter))) is not None:
        return written
    text = nominative(reporter, language)
    return None if text is None else table.get(alias_form(text), text)


def nominative(reporter: str | None, language: str | None = None) -> str | None:
    """The reporter in the nominative for Russian and Belarusian, the first letter capitalised, quotation
    marks as «»; None for no reporter. ``language`` is the article's (be, ru, en), a hint only: a Cyrillic
    phrase with Belarusian letters is read as Belarusian whatever the article's main language."""
    if reporter is None or not reporter.strip():
        return None
    text = " ".join(reporter.split())
    text = _QUOTED.sub(lambda m: f"«{m.group('name')}»", text)
    if _CYRILLIC.search(text):
        belarusian = language == "be" or any(is_belarusian_word(w) for w in _CYR_WORD.findall(text))
        text = _cyr_nominative(text, belarusian)
    return text[:1].upper() + text[1:]


def alias_form(name: str) -> str:
    """A reporter's name as the alias table compares it: case, quotation marks, hyphens and spaces left out."""
    return " ".join(re.sub(r"[«»“”„\"'’‐‑–—-]", " ", name).casefold().split())


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """The alias table (news/data/reporter_aliases.tsv) as {compared form of a name: key}; a key is its own
    alias. Read once: the table ships with reckon."""
    out: dict[str, str] = {}
    with ALIASES.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for row in rows:
            key, alias = row["key"].strip(), row["alias"].strip()
            out[alias_form(key)] = key
            out[alias_form(alias)] = key
    return out


@lru_cache(maxsize=4096)
def _cyr_nominative(text: str, belarusian: bool) -> str:
    """A Cyrillic reporter phrase in the nominative (cached: a store has few distinct reporters)."""
    names = find_person_names(text, belarusian=belarusian)
    if len(names) == 1 and names[0].start == 0 and names[0].end == len(text):
        return names[0].nominative  # "Вольгі Зазулінскай" -> "Вольга Зазулінская"
    tokens = _TOKEN.findall(text)
    fix = _be_nominative if belarusian else _ru_nominative
    return " ".join(fix(tokens))


def _quoted_inner(tok: str) -> str | None:
    return tok[1:-1] if tok.startswith("«") and tok.endswith("»") else None


def _ru_nominative(tokens: list[str]) -> list[str]:
    """The head noun (the first noun) and the adjectives before it to the nominative, keeping the head's number;
    the words after the head (its genitive complements, a name in quotation marks) stay as written."""
    morph = _morph()
    if morph is None:
        return tokens
    out = list(tokens)
    for i, tok in enumerate(tokens):
        inner = _quoted_inner(tok)
        if inner is not None:
            if i == 0 and len(tokens) == 1 and _CYR_WORD.fullmatch(inner):
                out[0] = f"«{_ru_word_nominative(morph, inner) or inner}»"  # "«Весны»" -> "«Весна»"
            return out
        if not _CYR_WORD.fullmatch(tok) or (tok.isupper() and len(tok) > 1):
            return out  # an abbreviation ("МВД", "ПЦ") or a Latin name: the rest is its complement
        parses = morph.parse(tok)
        top = parses[0] if parses else None
        if top is not None and top.tag.POS == "NOUN":
            return _ru_head(morph, tokens, i, parses) or out
        if top is None or top.tag.POS not in _RU_ADJ_POS:
            return out  # "уже о …": no noun phrase to put in the nominative
    # adjectives only ("правозащитного"): the head noun was left out; each in the nominative of its own gender
    for j, tok in enumerate(tokens):
        adj = [p for p in morph.parse(tok) if p.tag.POS in _RU_ADJ_POS]
        a = next((p for p in adj if p.tag.gender in ("masc", None)), adj[0] if adj else None)
        aform = a.inflect({"nomn", a.tag.number} | ({a.tag.gender} if a.tag.gender else set())) if a else None
        if aform is not None:
            out[j] = _recase(aform.word, tok)
    return out


def _ru_head(morph: Any, tokens: list[str], i: int, parses: list[Any]) -> list[str] | None:
    """``tokens[i]`` is the head noun: it and the adjectives before it in the nominative, when they agree in
    case (else None: the words are no noun phrase, "собранным организацией данным"). A head that can be read
    as a nominative already ("организации", "девушки") is left as written, and its adjectives with it."""
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if i == 0 and any(p.tag.case == "nomn" for p in nouns):
        if len(tokens) == 1 or not any(p.tag.case == "gent" and p.tag.number == "sing" for p in nouns):
            return list(tokens)
        # "Министерства юстиции", "пресс-службы МВД": genitive singular or nominative plural; with a complement
        # after it the head is an organisation's name, singular
        nouns = [p for p in nouns if p.tag.case == "gent" and p.tag.number == "sing"]
    for noun in nouns:
        number, gender = noun.tag.number, noun.tag.gender
        agreeing = []
        for tok in tokens[:i]:
            a = next((p for p in morph.parse(tok) if p.tag.POS in _RU_ADJ_POS and p.tag.case == noun.tag.case
                      and p.tag.number == number and (number != "sing" or p.tag.gender in (gender, None))), None)
            if a is None:
                break
            agreeing.append(a)
        if len(agreeing) < i or number is None:
            continue
        if noun.tag.case == "nomn":
            return list(tokens)  # the adjectives agree with a nominative: the phrase is one already
        form = noun.inflect({"nomn", number})
        if form is None:
            continue
        out = list(tokens)
        out[i] = _recase(form.word, tokens[i])
        want = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        for j, a in enumerate(agreeing):
            aform = a.inflect(want)
            out[j] = _recase(aform.word, tokens[j]) if aform is not None else tokens[j]
        return out
    return None


def _ru_word_nominative(morph: Any, word: str) -> str | None:
    p = next((p for p in morph.parse(word) if p.tag.POS == "NOUN"), None)
    if p is None or p.tag.case == "nomn":
        return None
    form = p.inflect({"nomn", p.tag.number}) if p.tag.number else None
    return _recase(form.word, word) if form is not None else None


def _be_nominative(tokens: list[str]) -> list[str]:
    """Belarusian by endings: adjectives (lowercase) before the head noun, then the head; the rest as written."""
    out = list(tokens)
    adjectives: list[int] = []
    for i, tok in enumerate(tokens):
        inner = _quoted_inner(tok)
        if inner is not None:
            if len(tokens) == 1 and _CYR_WORD.fullmatch(inner):
                out[0] = f"«{_be_feminine_name(inner)}»"  # "«Вясны»" -> "«Вясна»"
            return out
        if not _CYR_WORD.fullmatch(tok) or (tok.isupper() and len(tok) > 1):
            return out
        low = tok.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # after a feminine nominative adjective a word in -ыя/-ія is its noun ("беларуская асацыяцыя"), not
        # a plural adjective
        after_fem = bool(adjectives) and tokens[adjectives[-1]].lower().endswith(("ая", "яя"))
        if (tok.islower() or not adjectives and i == 0) and _BE_ADJ.search(low) and _CYR_WORD.fullmatch(nxt) \
                and nxt.islower() and not (after_fem and low.endswith(("ыя", "ія"))):
            adjectives.append(i)
            continue
        hint = tokens[adjectives[-1]].lower() if adjectives else ""
        if len(tokens) == 1 and tok[:1].isupper():
            out[i] = _be_feminine_name(tok)  # "Вясны": a one-word name of the -а declension
            return out
        if tok.islower():
            out[i], number = _be_noun(low, hint)
            for j in adjectives:
                out[j] = _recase(_be_adjective(tokens[j].lower(), number, fem=hint.endswith(("ай", "яй"))), tokens[j])
        return out
    return out


def _be_noun(word: str, adj: str) -> tuple[str, str]:
    """A Belarusian noun's nominative and number; ``adj`` is the adjective before it (its ending tells the case
    where the noun's own ending does not: "праваабарончага цэнтра" is genitive, "праваабаронца" nominative)."""
    for ending, nom in (("амі", "ы"), ("ямі", "і"), ("аў", "ы"), ("яў", "і"), ("ам", "ы"), ("ям", "і"), ("ах", "ы"),
                        ("ях", "і")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            if nom == "ы" and stem[-1:] in "кгх":
                nom = "і"
            return stem + nom, "plur"
    if adj.endswith(("ых", "іх")) and re.search(r"[ыі]й$", word):
        return word[:-1] + "і", "plur"  # "праваабарончых арганізацый" -> "… арганізацыі"
    if adj.endswith(("ага", "яга")) and re.search(r"[^аеёіоуыэюя][ау]$", word):
        return word[:-1], "sing"  # "цэнтра" -> "цэнтр"
    if adj.endswith(("ай", "яй")):
        if word.endswith("сці"):
            return word[:-1] + "ь", "sing"  # "супольнасці" -> "супольнасць"
        if re.search(r"[ыі]і$", word):
            return word[:-1] + "я", "sing"  # "арганізацыі" -> "арганізацыя"
        return _be_feminine_name(word), "sing"
    return word, "plur" if word.endswith(("ы", "і")) else "sing"


def _be_adjective(word: str, number: str, *, fem: bool) -> str:
    if number == "plur":
        return re.sub(r"(ых|ым|ымі)$", "ыя", re.sub(r"(іх|ім|імі)$", "ія", word))
    if fem:
        return re.sub(r"(ай|ой)$", "ая", re.sub(r"яй$", "яя", word))
    word = re.sub(r"(к|г|х)ага$", r"\1і", word)
    return re.sub(r"(ага|ым|аму)$", "ы", re.sub(r"(яга|ім|яму)$", "і", word))


def _be_feminine_name(word: str) -> str:
    """A noun of the -а declension from its genitive ("Вясны" -> "Вясна", "зямлі" -> "зямля")."""
    if re.search(r"[^кгхаеёіоуыэюя]ы$", word):
        return word[:-1] + "а"
    if re.search(r"[^аеёіоуыэюя][оа]й$", word) and word[:1].isupper():
        return word[:-2] + "а"  # "Вясной" -> "Вясна"
    return word


def _recase(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word
