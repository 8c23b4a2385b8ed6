"""Month names in English, Russian and Belarusian, every case form reckon reads, in one table.

Registers write "17 мая 1996", news writes "4 сакавіка 2024", "у траўні", "Oct 6, 2022": the same twelve
months in three languages and several grammatical cases. One table serves the partial-date parser
(:mod:`reckon.dates.partial`) and the finders of dates in running text (:mod:`reckon.dates.text`), so a
form added here is read everywhere.
"""

from __future__ import annotations

__all__ = ["EN_MONTHS", "EN_MONTH_PATTERN", "CYR_MONTH_PATTERN", "month_number"]

# Per month: English names and abbreviations, then Russian and Belarusian forms (nominative, genitive,
# prepositional, the abbreviations registers use), lower case.
_FORMS = (
    "january jan январь января январе январи янв студзень студзеня студзені студз",
    "february feb февраль февраля феврале феврали фев люты лютага лютым лют",
    "march mar март марта марте сакавік сакавіка сакавікі сак",
    "april apr апрель апреля апреле апрели апр красавік красавіка красавікі крас",
    "may май мая мае травень траўня траўні",
    "june jun июнь июня июне июни чэрвень чэрвеня чэрвені чэрв",
    "july jul июль июля июле июли ліпень ліпеня ліпені ліп",
    "august aug август августа августе авг жнівень жніўня жніўні жн",
    "september sep sept сентябрь сентября сентябре сентябри сен сент верасень верасня верасні вер",
    "october oct октябрь октября октябре октябри окт кастрычнік кастрычніка кастрычнікі кастр",
    "november nov ноябрь ноября ноябре ноябри ноя лістапад лістапада лістападзе лістападз ліст",
    "december dec декабрь декабря декабре декабри дек снежань снежня снежні снеж",
)
_NUMBER: dict[str, int] = {form: num for num, forms in enumerate(_FORMS, start=1) for form in forms.split()}
_EN_FULL = tuple(forms.split()[0] for forms in _FORMS)

# English names as news writes them (full, and the abbreviations a period may follow).
EN_MONTHS: dict[str, int] = {
    **{name: num for num, name in enumerate(_EN_FULL, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
EN_MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Russian and Belarusian forms a day number precedes in running text ("4 сакавіка", "17 сентября").
CYR_MONTH_PATTERN = (
    r"(?P<mon>январ[яьеи]|феврал[яьеи]|марта?|марте|апрел[яьеи]|ма[яйе]|июн[яьеи]|июл[яьеи]|августа?|августе|"
    r"сентябр[яьеи]|октябр[яьеи]|ноябр[яьеи]|декабр[яьеи]|студзен[яьі]|лют(?:ага|ы|ым)|сакавік[аі]?|"
    r"красавік[аі]?|тра(?:ўня|вень|ўні)|чэрв(?:еня|ень|ені)|ліп(?:еня|ень|ені)|жні(?:ўня|вень|ўні)|"
    r"верас(?:ня|ень|ні)|кастрычнік[аі]?|лістапад[аз]?|лістападзе|снеж(?:ня|ань|ні))"
)


def month_number(word: str) -> int | None:
    """The month (1-12) a word names in en/ru/be, any listed case form; an English prefix of at least
    three letters counts too ("Sept", "Octob"). None for any other word."""
    w = word.lower().rstrip(".")
    if w in _NUMBER:
        return _NUMBER[w]
    if len(w) >= 3:
        for num, name in enumerate(_EN_FULL, start=1):
            if name.startswith(w):
                return num
    return None
