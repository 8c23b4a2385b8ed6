"""Who a Belarusian or Russian recognition of one person means when it names them only in part.

Why: a report on one person names them in full once and then by the given name or the surname alone, and the
recognition is often one of those later sentences ("На скамье подсудимых оказался студент Иван Петров. …
7 октября Иван был признан политзаключенным.", "Праваабаронцы прызналі Сідарава палітвязнем."). The
construction rules of ``cyr_facts`` read only full names there and found nobody. Here a recognition of one
person (the status in the singular) that names nobody in full takes the single capitalised word that is the
given name or the surname of exactly one person the article named in full before it; the word is compared
as a given name through its case readings (``cyr_names.given_readings``) and as a surname through its stem
without the case ending, or the stem of its nominative (``cyr_names.surname_stem``, ``surname_nominative``). A word that fits two earlier people, or none, names
nobody: a recognition is a record of a person, and a guess would be a false one.

A personal pronoun that is itself the one recognised ("Его признали политзаключенным", "Яна была прызнана
палітвязнем": the pronoun right before the recognising verb, with at most an adverb or a date between) means
the person named in full in that paragraph or the one before, when that window names exactly one person and the
pronoun's gender fits the given name's sex ("его подзащитного признали …" names the client, not the lawyer, and
is left alone: a noun stands between the pronoun and the verb).
"""

from __future__ import annotations

import re

from reckon.news.cyr_names import (
    NAME_TOKEN,
    PersonName,
    Reading,
    find_person_names,
    given_readings,
    surname_nominative,
    surname_stem,
)
from reckon.news.text import Sentence

# "признали политзаключенными еще трех человек": an active recognising verb, whose object (the people it counts)
# stands in the accusative when the paragraphs after it name them one by one ("Михаила Х., который …;")
ACTIVE_RECOGNITION = re.compile(r"(?<![\w-])(?:признал[аи]?|прызнал[аі]?|прызнаў|признают|прызнаюць)(?![\w-])",
                                re.IGNORECASE)
# the status given to one person: "признан политзаключенным", "признали политической заключенной", "палітвязнем"
_ONE_PERSON = re.compile(r"(?<![\w-])(?:политзаключ[её]нн(?:ым|ой)|политическ(?:им|ой)\s+заключ[её]нн(?:ым|ой)|"
                         r"палітвязь?нем|палітычн(?:ым|ай)\s+(?:вязь?нем|зь?няволен(?:ым|ай))|"
                         r"палітзь?няволен(?:ым|ай))(?![\w-])", re.IGNORECASE)


# the pronoun as the recognised itself: "Его признали", "Она была признана", "Яго 3 сакавіка прызналі"
_PRONOUN_OBJECT = re.compile(
    r"(?<![\w-])(?P<p>его|её|ее|он|она|яго|яе|ён|яна)\s+(?:(?:также|тоже|уже|ещ[её]|вскоре|позже|затем|потом|"
    r"таксама|ужо|яшчэ|неўзабаве|пазней|\d{1,2}\s+[а-яёіў]+|в\s+[а-яёіў]+|у\s+[а-яёіў]+|ў\s+[а-яёіў]+)\s+){0,2}"
    r"(?:был[аи]?\s+|быў\s+|стал[аи]?\s+|стаў\s+)?(?:признал|признан|прызнал|прызнаў|прызнан|назвал|назван)",
    re.IGNORECASE)
_FEMININE = ("её", "ее", "она", "яе", "яна")


def one_person_recognition(text: str) -> bool:
    """The recognition gives the status to one person (the status word is singular)."""
    return bool(_ONE_PERSON.search(text))


def back_reference(sentence: Sentence, earlier: list[Sentence], *, belarusian: bool) -> list[PersonName]:
    """The person named in full before ``sentence`` whom its lone given name or surname means, as a name
    placed in ``sentence`` (its span is the word's, its nominative the full name); else nothing."""
    people: dict[str, tuple[str, str]] = {}  # full nominative -> (given name, surname stem)
    for s in earlier:
        for n in find_person_names(s.text, belarusian=belarusian):
            parts = n.nominative.split()
            if len(parts) >= 2:
                people.setdefault(n.nominative, (parts[0], surname_stem(parts[-1])))
    if not people:
        return []
    found: list[PersonName] = []
    for m in NAME_TOKEN.finditer(sentence.text):
        word = m.group(0)
        givens = {r.nominative for r in given_readings(word)}
        # the surname in any case: its stem, or the stem of its nominative ("Лугавога" → "Лугавы")
        stems = {surname_stem(word)} | {surname_stem(surname_nominative(word, sex, "obl", belarusian, True))
                                        for sex in ("male", "female")}
        fits = {full for full, (given, sur) in people.items()
                if given in givens or (len(sur) >= 3 and sur in stems)}
        if len(fits) == 1:
            full = next(iter(fits))
            found.append(PersonName(m.start(), m.end(), word, full, "nomn"))  # the full name is a nominative
    # two different people, or one word fitting several: nobody is sure
    return found[:1] if len({f.nominative for f in found}) == 1 else []


def pronoun_reference(sentence: Sentence, window: list[Sentence], *, belarusian: bool) -> list[PersonName]:
    """The one person named in full in ``window`` (the sentences of this paragraph and the one before) whom the
    recognised pronoun of ``sentence`` stands for; else nothing."""
    m = _PRONOUN_OBJECT.search(sentence.text)
    if not m:
        return []
    people: dict[str, str | None] = {}  # full nominative -> sex of the given name
    for s in window:
        for n in find_person_names(s.text, belarusian=belarusian):
            parts = n.nominative.split()
            if len(parts) >= 2:
                sexes = {r.sex for r in given_readings(parts[0]) if r.nominative == parts[0]}
                people.setdefault(n.nominative, next(iter(sexes)) if len(sexes) == 1 else None)
    if len(people) != 1:
        return []
    full, sex = next(iter(people.items()))
    want = "female" if m.group("p").lower() in _FEMININE else "male"
    if sex is not None and sex != want:
        return []
    return [PersonName(m.start("p"), m.end("p"), m.group("p"), full, "nomn")]


def named_in_part(sentence: Sentence, earlier: list[Sentence], *, belarusian: bool) -> list[PersonName]:
    """The person a one-person recognition names only by a given name, a surname or a pronoun; else nothing."""
    return back_reference(sentence, earlier, belarusian=belarusian) or pronoun_reference(
        sentence, [s for s in earlier if s.para >= sentence.para - 1], belarusian=belarusian)


# what stands between two names of one run: a comma, "и"/"і", "а также"/"а таксама"
_RUN_GAP = re.compile(r"\s*(?:,|,?\s+(?:и|і|а\s+также|а\s+таксама))\s*")


def list_neighbours(names: list[PersonName], text: str, *, belarusian: bool) -> list[PersonName]:
    """``names`` (two or more found in a recognition sentence) with the other items of their run: two capitalised
    words between commas or "и" next to a name already found ("Энвера Мамутова, Зеври Абсеитова и Ремзи
    Меметова": given names the vocabulary does not know, Crimean Tatar, Bashkir or Polish, are a run's items
    all the same). Such an item takes the case the run's known names share: in an oblique run its given name
    loses a case ending after a consonant ("Рушата" → "Рушат") and its surname comes back to the nominative."""
    if len(names) < 2:
        return names
    out = list(names)
    extra = [n for n in find_person_names(text, belarusian=belarusian, list_context=True)
             if not any(n.start < o.end and o.start < n.end for o in out)]
    grown = True
    while grown:
        grown = False
        for n in list(extra):
            if any(_RUN_GAP.fullmatch(text[o.end:n.start]) or _RUN_GAP.fullmatch(text[n.end:o.start]) for o in out):
                out.append(_in_run_case(n, names, belarusian))
                extra.remove(n)
                grown = True
    return sorted(out, key=lambda n: n.start)


def _in_run_case(n: PersonName, known: list[PersonName], belarusian: bool) -> PersonName:
    parts = n.written.split()
    if len(parts) != 2 or given_readings(parts[0]) or sum(k.case == "obl" for k in known) * 2 <= len(known):
        return n
    given = parts[0][:-1] if re.search(r"[бвгджзклмнпрстфхцчшщ][ау]$", parts[0]) else parts[0]
    sex = "male" if given != parts[0] else None
    nominative = f"{given} {surname_nominative(parts[1], sex, 'obl', belarusian, True)}"
    return PersonName(n.start, n.end, n.written, nominative, Reading(given, sex, "obl").case)
