"""Who in a Belarusian or Russian sanctioning sentence is no target: the people the targets acted against, a
signer of the decree, a country's or a government's name read as a person's.

Kept apart from ``cyr_facts`` (the sanctions loop) so that each job has one small home; the coordination walk is
``persons.coordinated_marks``, shared with the English rules.
"""

from __future__ import annotations

import re

from reckon.news.cyr_names import PersonName, as_oblique, given_readings
from reckon.news.persons import coordinated_marks

# The person the targets acted against: "из-за приговора оппозиционеру X", "по делу X", "колонии, где отбывал срок X",
# "расьсьледаваць зьнікненьні X"; an opposition figure or a political prisoner is no sanctions target
_VICTIM_BEFORE = re.compile(r"(?:приговор\w*|прысуд\w*|\bдел[аоу]м?\b|\bсправ[аеуы]\b|ситуаци\w+\s+с|преследовани\w*|"
                            r"пераслед\w*|исчезновени\w*|зьнікненьн\w*|знікненн\w*|смерт\w*|сьмерц\w*|гибел\w*|"
                            r"убийств\w*|забойств\w*|отравлени\w*|атручэнн\w*|оппозиционер\w*|апазіцыянер\w*|"
                            r"политзаключ\w*|палітвяз\w*|палітвязьн\w*|\bгде\b|\bдзе\b)(?:\s+[^\s:—–]+){0,4}\s+$",
                            re.IGNORECASE)
# after the name: a signer ("Владимир Зеленский подписал указ …") or the second word of a country's name
NOT_TARGET_AFTER = re.compile(r"\s*(?:подписал|подписала|падпісаў|падпісала|утвердил|зацвердзіў)\b|"
                               r"\s+(?:Брытані|Британи|Зеланд)", re.IGNORECASE)


_VICTIM_JOINED = re.compile(r"[\s*]*(?:,\s*|\s+и\s+|\s+і\s+)")


def victims_among(names: list, text: str) -> set:
    """Names marked as victims (``_VICTIM_BEFORE``), with the names coordinated with them ("X, Y и Z")."""
    marks = coordinated_marks(names, text, _VICTIM_BEFORE, _VICTIM_JOINED, window=80)
    return {n for n, victim in zip(names, marks, strict=True) if victim}


# "Урад Японіі ўвёў санкцыі": two capitalised words that are a government and a country, not a given name and a
# surname. A word of a country's or an institution's name anywhere in a candidate makes it no person.
_STATE_WORD = re.compile(r"^(?:Урад|Правительств|Уряд|Кабм|Міністэрств|Министерств|Парламент|Сейм|Рад[аы]|Совет|"
                         r"Япон|Канад|Літв|Литв|Латв|Эстон|Польш|Украін|Украин|Швейцар|Аўстрал|Австрал|Нарвег|Норвег|"
                         r"Брытан|Британ|Зеланд|Амерык|Америк|Злучан|Соединен|Ісланд|Исланд|Германі|Германи|Францы|Франци)",
                         re.IGNORECASE)


def no_person(name: str) -> bool:
    """Whether a candidate name is in fact a state, a government or an institution ("Урад Японіі")."""
    return any(_STATE_WORD.match(part) for part in name.split())


# "санкцыі супраць міністра абароны Сяргея Прыкладава і суддзі Віктара Сомава": these prepositions govern the
# genitive, so a name after them (past lower-case role words) is in an oblique case, and so are the names coordinated
# with it, however well "Сяргея Прыкладава" would read as a woman's nominative
_GOVERNS_OBLIQUE = re.compile(r"(?:супраць|против|у\s+дачыненні\s+да|в\s+отношении|адносна|относительно)\s+"
                              r"(?:[а-яёіў’-]+\s+){0,5}$", re.IGNORECASE)
_LIST_JOINED = re.compile(r"\s*(?:,\s*|\s+и\s+|\s+і\s+|,?\s+(?:а\s+)?таксама\s+)(?:[а-яёіў’-]+\s+){0,4}")


def governed_oblique(names: list, text: str, *, belarusian: bool) -> list:
    """``names`` with those a genitive-governing preposition stands before re-read in an oblique case."""
    marks = coordinated_marks(names, text, _GOVERNS_OBLIQUE, _LIST_JOINED, window=80)
    return [as_oblique(n, belarusian=belarusian) if m else n for n, m in zip(names, marks, strict=True)]


def as_listed(n: PersonName) -> PersonName:
    """A name that opens a list line ("– Алена Тэстава, суддзя …;") in the nominative, as lists write their items,
    when its given name reads so ("Алена", which alone also reads as the genitive of a man's "Ален")."""
    parts = n.written.split()
    if n.case == "obl" and len(parts) == 2 and any(r.case == "nomn" and r.nominative == parts[0]
                                                    for r in given_readings(parts[0])):
        return PersonName(n.start, n.end, n.written, n.written, "nomn")
    return n
