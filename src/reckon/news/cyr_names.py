"""Names of people in Belarusian and Russian text, brought back to the nominative case.

A news sentence names people in whatever case its grammar needs: "прызналі палітвязнямі Тараса Дзямчука" (the
accusative of Тарас Дзямчук), "санкции против Геннадия Демидовича" (genitive), "заявлении Демченко". A
register wants the nominative. The given name decides the case and the sex: it is looked up in reckon.names'
corpus of given names after undoing the case ending, and for Russian pymorphy3 analyses it (its dictionary
knows given names and predicts surnames). The surname is then put in the same case and sex back to the
nominative: pymorphy3 for Russian, the regular Belarusian endings (-ага → -і, -ава → -аў, -ую → -ая, …)
for Belarusian, which has no analyser dictionary among the packages reckon can install.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reckon.names.given import given_sex, is_known_given, vocabulary
from reckon.names.skeleton import given_skeleton

# a capitalised word; a hyphenated surname keeps its capitalised second part ("Кара-Мурзе")
CAP = r"[А-ЯЁІЎЄЇҐ][а-яёіўєїґ’'ʼ-]*[а-яёіўєїґ](?:-[А-ЯЁІЎЄЇҐ][а-яёіўєїґ’'ʼ-]*[а-яёіўєїґ])*"
NAME_TOKEN = re.compile(rf"(?<![\w’'-]){CAP}(?![\w’'])")
INITIAL_SURNAME = re.compile(rf"(?<![\w’'-])(?P<i>[А-ЯЁІЎ]\.\s?(?:[А-ЯЁІЎ]\.\s?)?)(?P<s>{CAP})(?![\w’'])")


@dataclass(frozen=True)
class Reading:
    nominative: str
    sex: str | None  # "male" / "female"
    case: str  # "nomn", "obl" (any oblique case)


@dataclass(frozen=True)
class PersonName:
    start: int
    end: int
    written: str
    nominative: str
    case: str


@lru_cache(maxsize=1)
def _morph():
    """The Russian analyser, loaded once (about 0.3 s; its dictionary ships in pymorphy3-dicts-ru)."""
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - the dependency is declared; tolerate a stripped install
        return None
    return pymorphy3.MorphAnalyzer(lang="ru")


# kin: "трое детей", "двух сыновей" count a prisoner's family, not people a persecution befell
_KIN_LEMMAS = frozenset(("ребёнок", "ребенок", "сын", "дочь", "внук", "внучка", "брат", "сестра", "жена", "муж", "мать",
                         "отец", "родитель", "собака", "кошка"))


@lru_cache(maxsize=20000)
def animate_noun(word: str) -> bool:
    """Whether a Russian word is a common noun of people by pymorphy3's dictionary ("политзеков", "экоактивистов",
    "волонтёров", "силовиков"): a number before it counts people. Why: a closed list of person nouns misses every
    calling it was not written for, while the dictionary tags animacy on every noun it knows or guesses. Names,
    kin and pets are left out; Belarusian words (no dictionary) are not read."""
    morph = _morph()
    if morph is None or is_belarusian_word(word) or not word.isalpha():
        return False
    score = sum(p.score for p in morph.parse(word.lower())
                if p.tag.POS == "NOUN" and "anim" in p.tag and not {"Name", "Surn", "Patr"} & p.tag.grammemes
                and p.normal_form not in _KIN_LEMMAS)
    return score >= 0.5


_BE_GIVEN_ENDINGS = [  # oblique ending -> nominative ending, sex
    ("ўла", "вел", "male"), ("вла", "вел", "male"), ("ўлу", "вел", "male"), ("ўлам", "вел", "male"),
    ("ея", "ей", "male"), ("ая", "ай", "male"), ("ія", "ій", "male"), ("ыя", "ый", "male"), ("ія", "і", "male"),
    ("эя", "эй", "male"), ("ею", "ей", "male"), ("аю", "ай", "male"), ("ыю", "ый", "male"),
    ("ыем", "ый", "male"), ("іем", "ій", "male"), ("ем", "ей", "male"), ("ам", "", "male"), ("ом", "", "male"), ("ым", "ы", "male"),
    ("а", "", "male"), ("я", "ь", "male"), ("у", "", "male"), ("ю", "ь", "male"), ("ю", "я", "male"),
    ("у", "а", "female"), ("ю", "я", "female"), ("ы", "а", "female"), ("і", "а", "female"), ("і", "я", "female"),
    ("ай", "а", "female"), ("яй", "я", "female"), ("ой", "а", "female"), ("е", "а", "female"),
]


def _head_of(token: str) -> str | None:
    """The vocabulary head whose skeleton the word has, directly or after the initial vowel that the
    Belarusian form drops ("Кацярына" of "Екатерина", "Лізавета" of "Елизавета")."""
    key = given_skeleton(token)
    if not key:
        return None
    heads = vocabulary().heads
    if key in heads:
        return heads[key]
    head = heads.get("a" + key) if len(key) >= 4 else None
    return head if head and head[:1] in "ЕЁ" else None


_LAST_LETTER = str.maketrans("ўіэёЎІЭЁ", "виееВИЕЕ")


@lru_cache(maxsize=20000)
def known_given(token: str) -> bool:
    """A given name of the vocabulary in any case form, including a Belarusian form without the initial vowel
    of the Russian head.

    Why here and not in ``reckon.names.given.is_known_given``: the dropped vowel is one of that module's
    word-formation rules (``variants.rule_class``), which it applies only when classing a name, never when
    parsing decides word order; reading news text, a capitalised word whose vowel-prefixed skeleton is a head
    is read as that head's form (a dict lookup, rigour is not asked)."""
    return is_known_given(token) or _head_of(token) is not None


@lru_cache(maxsize=20000)
def nominative_given(token: str) -> bool:
    """The word is a given name as written in the nominative: a form of the vocabulary (its forms are
    nominatives: "Юры", "Ганна") or a word that ends as its head does ("Раман" of "Роман", "Кацярына" of
    "Екатерина"; "Сергея" and "Кацярыны" share their head's skeleton but not its ending)."""
    if token.lower() in vocabulary().forms:
        return True
    head = _head_of(token)
    return head is not None and head[-1:].lower().translate(_LAST_LETTER) == token[-1:].lower().translate(_LAST_LETTER)


@lru_cache(maxsize=20000)
def given_readings(token: str) -> tuple[Reading, ...]:
    """Readings of a capitalised word as a given name: nominative form, sex, case; empty if it is none."""
    out: list[Reading] = []
    weight: dict[Reading, float] = {}
    dropped: set[tuple[str, str | None]] = set()
    morph = _morph()
    known = nominative_given(token)
    exact = token.lower() in vocabulary().forms
    if morph is not None and not is_belarusian_word(token):
        for p in morph.parse(token):
            if "Name" in p.tag and p.tag.case and "plur" not in p.tag:
                nom = p.normal_form.capitalize()
                if p.tag.case != "nomn" and "femn" in p.tag:
                    nom = (p.inflect({"nomn", "sing"}) or p).word.capitalize()
                sex = "female" if "femn" in p.tag else "male"
                case = "nomn" if p.tag.case == "nomn" else "obl"
                r = Reading(nom, sex, case)
                weight[r] = weight.get(r, 0.0) + p.score
                if r not in out:
                    out.append(r)
        if not out and morph.word_is_known(token.lower()) and not known:
            return ()  # a word of the dictionary that is no given name: "Совета", "Республики"
        if len(out) > 1:
            # "Алла" is a woman's name as written (0.9 in pymorphy's estimate), hardly ever the genitive of a
            # "Алл" (0.1): a reading far less likely than the best is dropped; "Даниила" keeps both
            best = max(weight.values())
            dropped = {(r.nominative, r.sex) for r in out if weight[r] < 0.2 * best}
            out = [r for r in out if weight[r] >= 0.2 * best]
    if (exact or known and not out) and not any(r.case == "nomn" for r in out):
        # "Юры", "Раман": a Belarusian given name as written, which pymorphy3 reads only as a Russian oblique
        # form ("Юры" the genitive of "Юра") or as a plural; the vocabulary's forms are nominatives
        out.append(Reading(token, given_sex(token), "nomn"))
    by_ending: dict[str, int] = {}  # the longest ending read for each sex: "Дзмітрыем" is -ыем (Дзмітрый), not -ем
    for ending, nom_end, sex in _BE_GIVEN_ENDINGS:
        if token.endswith(ending) and len(token) >= len(ending) + 2 and by_ending.get(sex, 0) <= len(ending):
            cand = token[: -len(ending)] + nom_end
            if re.search(r"[ыі]а$", cand):
                continue  # "Марыі" is no form of "Марыа": Belarusian spelling never ends a name in -ыа/-іа
            if (cand, sex) in dropped:
                continue  # "Александру": pymorphy3 weighed the woman's accusative at 0.1 and dropped it; no ending brings it back
            if cand != token and known_given(cand) and given_sex(cand) in (sex, None):
                r = Reading(cand, sex, "obl")
                by_ending[sex] = max(by_ending.get(sex, 0), len(ending))
                if r not in out:
                    out.append(r)
    # "Пятра" → "Пётр": the stressed ё of a nominative is я in the Belarusian oblique cases
    alts = [Reading(re.sub(r"я(?=[^аеёіоуыэюяй’']+$)", "ё", r.nominative), r.sex, r.case) if r.case == "obl" else r
            for r in out]
    return tuple(a if a.nominative != r.nominative and is_known_given(a.nominative) else r
                 for a, r in zip(alts, out, strict=True))


_BE_SURNAME_MALE = [("авым", "аў"), ("овым", "оў"), ("евым", "еў"), ("ёвым", "ёў"), ("ынам", "ын"), ("інам", "ін"), ("ічам", "іч"),
                    ("ычам", "ыч"), ("скім", "скі"), ("цкім", "цкі"), ("кам", "ка"),  # instrumental: "з Паўлічэнкам"
                    ("ага", "і"), ("яга", "і"), ("ога", "ы"), ("ага", "ы"), ("ава", "аў"), ("ова", "оў"),
                    ("ева", "еў"), ("ёва", "ёў"), ("ына", "ын"), ("іна", "ін"), ("іча", "іч"), ("ыча", "ыч"),
                    ("аму", "і"), ("аву", "аў"), ("ову", "оў"), ("ыну", "ын"), ("іну", "ін"), ("ічу", "іч"),
                    ("кі", "ка"), ("гі", "га"), ("хі", "ха"), ("ку", "ка"),
                    # "Сяргея Крыўчэні": the genitive of a man's surname in -я (a soft consonant before it), read
                    # so only after a given name that is itself declined (``_SOFT_GENITIVE``)
                    ("ні", "ня"), ("лі", "ля"), ("сі", "ся"), ("зі", "зя"), ("ці", "ця"),
                    ("ы", "а"), ("у", "а"), ("ю", "я"), ("а", ""), ("я", "ь")]
# "Пятровай" is the genitive of "Пятрова", not of an adjective "Пятровая": the -ова/-ава/-ына endings of a
# surname come before the adjectival -ай.
_BE_SURNAME_FEMALE = [("скую", "ская"), ("цкую", "цкая"), ("скай", "ская"), ("цкай", "цкая"), ("аву", "ава"),
                      ("авай", "ава"), ("ову", "ова"), ("овай", "ова"), ("еву", "ева"), ("евай", "ева"),
                      ("ыну", "ына"), ("іну", "іна"), ("ынай", "ына"), ("інай", "іна"), ("ую", "ая"), ("ай", "ая"),
                      ("у", "а"), ("ю", "я"), ("ы", "а"), ("і", "а")]


@lru_cache(maxsize=20000)
def fleeting_vowel_surname(surname: str, text: str) -> str:
    """The nominative an article writes for a surname whose vowel drops in the other cases: "Пільца" reads
    back as "Пільц", but the article's own "Пілец" (or "Мазок" for "Мазка") is the name. Unchanged when the
    article writes the surname as given, or no such form."""
    def written(word: str) -> bool:
        return bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))

    m = re.fullmatch(r"(.*[^аеёіиоуыэюяь])(ь?)([цкгнл])", surname)
    if not m or written(surname):
        return surname
    stems = [m.group(1)] + ([m.group(1)[:-1] + "в"] if m.group(1).endswith("ў") else [])  # "Крапіўца": "Крапівец"
    for stem in stems:
        for vowel in "еёо":
            candidate = stem + vowel + m.group(3)
            if written(candidate):
                return candidate
    return surname


_SOFT_GENITIVE = ("ні", "лі", "сі", "зі", "ці")


def surname_nominative(token: str, sex: str | None, case: str, belarusian: bool, given_declined: bool = False) -> str:
    """``token`` (a surname in ``case``) in the nominative of the given sex. ``given_declined``: the given name
    before it is written in an oblique form of its own ("Сергея", not an indeclinable "Луиджи"), which alone
    makes a man's surname in -и/-і a genitive ("Сергея Кривчени" → "Кривченя"; "Луиджи Пирелли" stays)."""
    if case == "nomn":
        return token
    head, dash, last = token.rpartition("-")
    if dash and head and last[:1].isupper():
        # "Кара-Мурзе" → "Кара-Мурза": the last part declines; the first, a fixed prefix here, stays
        return f"{head}-{surname_nominative(last, sex, case, belarusian, given_declined)}"
    if not belarusian:
        morph = _morph()
        if morph is not None:
            gender = {"male": "masc", "female": "femn"}.get(sex or "")
            best = None
            for p in morph.parse(token):
                if p.tag.case in (None, "nomn") or p.tag.POS not in ("NOUN", "ADJF"):
                    continue
                if gender and p.tag.gender not in (gender, None) and "Ms-f" not in p.tag:
                    continue
                form = p.inflect({"nomn", gender} if gender and p.tag.POS == "ADJF" else {"nomn"})
                if form is not None:
                    word = form.word
                    if gender == "femn" and p.tag.POS == "NOUN" and "Surn" in p.tag and word.endswith(("ов", "ев", "ин", "ын")):
                        word += "а"
                    best = word
                    if "Surn" in p.tag or p.tag.POS == "ADJF":
                        break
            if best:
                return _recase(best, token)
    rules = _BE_SURNAME_FEMALE if sex == "female" else _BE_SURNAME_MALE
    low = token.lower()
    if not belarusian and sex == "male" and given_declined and re.search(r"[бвгджзклмнпрстфхцчшщ]и$", low) \
            and len(low) > 4:
        # "Сергея Кривчени", "Ивана Гущи": a man's surname that declines like a noun in -я/-а (pymorphy3 has no
        # reading for it; the indeclinable Georgian and Italian ones in -и it reads as fixed surnames above):
        # -а after a velar or a hushing consonant, -я after a soft one
        return _recase(low[:-1] + ("а" if low[-2] in "гкхжшчщ" else "я"), token)
    for ending, nom in rules:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            if ending in _SOFT_GENITIVE and not given_declined:
                continue
            if nom in ("і", "ы") and ending in ("ага", "ога", "аму") and sex != "female":
                # an adjectival surname: -кі/-гі/-хі after a velar ("Сасноўскага" → "Сасноўскі"), else -ы
                nom = "і" if low[: -len(ending)][-1:] in "кгх" else "ы"  # ("Галаватага" → "Галаваты")
            stem = low[: -len(ending)] + nom
            if not belarusian and sex != "female" and ending == "а" and re.search(r"[бвдзмпстфх]к$", stem):
                stem = stem[:-1] + "ок"  # "Арсения Дедка" -> "Дедок": Russian drops the vowel of -ок in the cases
            if not belarusian and stem.endswith("ў"):
                stem = stem[:-1] + "в"  # "Константина Габова" (a surname pymorphy3 does not know): Russian -ов, not -оў
            return _recase(stem, token)
    return token


def _recase(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def is_belarusian_word(word: str) -> bool:
    low = word.lower()
    # "Марыя", "Дар'я": -ыя is Belarusian spelling (Russian writes -ия)
    return any(ch in low for ch in "ўі") or "дз" in low or low.endswith(("аў", "ага", "ыя"))


# a man's adjectival surname in the nominative: "Беленькі", "Крыўскі", "Вишневский"
_MASC_ADJ_SURNAME = re.compile(r"(?:[сцзь]кі|[сцз]кий)$")


def find_person_names(text: str, *, belarusian: bool, list_context: bool = False,
                      offset: int = 0) -> list[PersonName]:
    """People named in ``text``: a given name (any case) followed by a surname, or an initial and a surname.

    In ``list_context`` (a list that a recognition or sanctions sentence announces) any two capitalised words
    in a row count, since such lists are names by construction and some given names are rare.
    """
    toks = [(m.start(), m.end(), m.group(0)) for m in NAME_TOKEN.finditer(text)]
    out: list[PersonName] = []
    used: set[int] = set()
    i = 0
    while i < len(toks):
        s, e, tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        adjacent = nxt is not None and re.fullmatch(r"\s+", text[e:nxt[0]] or "x") is not None
        readings = given_readings(tok)
        if list_context and not readings and nxt is not None and adjacent and given_readings(nxt[2]) and \
                i + 2 < len(toks) and re.fullmatch(r"\s+", text[nxt[1]:toks[i + 2][0]] or "x"):
            i += 1  # "жыхар Гомеля Іван Сідараў": a place before the given name is no part of the name
            continue
        third = toks[i + 2] if i + 2 < len(toks) else None
        if readings and nxt is not None and adjacent and third is not None and \
                re.fullmatch(r"\s+", text[nxt[1]:third[0]] or "x") and \
                any(r.case != "nomn" for r in readings) and given_readings(nxt[2]) and not given_readings(third[2]):
            i += 1  # "муж Паліны Андрэй Шарэнда": a given name in an oblique case before a full name is whose
            continue
        if nxt is not None and adjacent and (readings or list_context):
            surname_i = i + 1
            # Russian order with a patronymic: Иван Иванович Иванов
            nn = toks[i + 2] if i + 2 < len(toks) else None
            if nn is not None and re.search(r"(вич|вна|вича|вны|ична|ічна|авіч|евіч|аўна|еўна|ич|іч)$", nxt[2]) \
                    and re.fullmatch(r"\s+", text[nxt[1]:nn[0]] or "x"):
                surname_i = i + 2
            ss, se, stok = toks[surname_i]
            reading = _pick(readings, stok, tok if belarusian else "")
            if reading is None:
                reading = Reading(tok, None, "nomn")
            if reading.sex == "female" and _MASC_ADJ_SURNAME.search(stok.lower()):
                # "Юрась Беленькі": a man's adjectival surname in the nominative; a woman's would be -ская/-скай,
                # so a given name read as a woman's oblique form ("Юрася") is a man's name as written
                reading = Reading(tok, "male", "nomn")
            be = belarusian or is_belarusian_word(tok) or is_belarusian_word(stok)
            sur = surname_nominative(stok, reading.sex, reading.case, be,
                                     given_declined=reading.case == "obl" and reading.nominative != tok)
            middle = text[toks[i + 1][0]:toks[i + 1][1]] if surname_i == i + 2 else ""
            mid_nom = ""
            if middle:
                mid_nom = surname_nominative(middle, reading.sex, reading.case, be) + " "
            given = tok if reading.case == "nomn" else reading.nominative
            if be and reading.case != "nomn" and re.search(r"[аеоуыэяію]в$", given):
                given = given[:-1] + "ў"  # "Уладзіслава" → "Уладзіслаў": Belarusian ends a word in ў after a vowel
            # "міністра Ўладзімера": a word-initial ў after a vowel is a spelling of у, never the name's own letter
            nominative = re.sub(r"(?<![\w’'])Ў", "У", f"{given} {mid_nom}{sur}")
            out.append(PersonName(offset + s, offset + se, text[s:se], nominative, reading.case))
            used.update(range(i, surname_i + 1))
            i = surname_i + 1
            continue
        i += 1
    for m in INITIAL_SURNAME.finditer(text):
        if not any(p.start - offset <= m.start() < p.end - offset for p in out):
            out.append(PersonName(offset + m.start(), offset + m.end(), m.group(0), m.group(0), "nomn"))
    out.sort(key=lambda p: p.start)
    return out


def _sure_nominative(word: str) -> bool:
    """pymorphy3 reads ``word`` as a given name only in the nominative, and with confidence ("Анна", "Ирина")."""
    morph = _morph()
    if morph is None or is_belarusian_word(word):
        return False
    names = [p for p in morph.parse(word) if "Name" in p.tag and p.tag.case and "plur" not in p.tag]
    return bool(names) and all(p.tag.case == "nomn" for p in names) and names[0].score >= 0.9


def _pick(readings: tuple[Reading, ...], surname: str, given: str = "") -> Reading | None:
    """The reading of the given name that agrees with the surname's ending (Александра Ильина: masc obl)."""
    if not readings:
        return None
    if given and len(readings) > 1:
        # "Алены": the Belarusian "Алена" as written, not the Russian "Алёна" of the same case and sex
        same = {(r.sex, r.case) for r in readings}
        readings = tuple(r for r in readings if r.nominative.startswith(given[:-1]) or not any(
            o.nominative.startswith(given[:-1]) for o in readings if (o.sex, o.case) == (r.sex, r.case))) \
            if len(same) < len(readings) else readings
    if len(readings) == 1:
        return readings[0]
    if all(r.case == "obl" for r in readings) and {r.sex for r in readings} == {"male", "female"} \
            and re.search(r"[бвгджзклмнпрстфхцчшщ]$", surname.lower()):
        # "Ульяну Якович": a man's surname would carry the case ending (Яковича, Яковичу), so a woman
        return next(r for r in readings if r.sex == "female")
    morph = _morph()
    # in Belarusian text a surname pymorphy3 does not know ("Зайцава") gets only its guesses from Russian
    # endings: they do not decide between "Марына Зайцава" and a man's genitive
    if morph is not None and not is_belarusian_word(surname) and (not given or morph.word_is_known(surname.lower())):
        supported = []
        for r in readings:
            gender = "masc" if r.sex == "male" else "femn"
            for p in morph.parse(surname):
                case_ok = (p.tag.case == "nomn") if r.case == "nomn" else p.tag.case in ("gent", "accs", "datv", "ablt", "loct")
                if case_ok and (p.tag.gender in (gender, None) or "Ms-f" in p.tag) and "plur" not in p.tag:
                    supported.append(r)
                    break
        if len(supported) == 1:
            return supported[0]
    if re.search(r"[бвгджзклмнпрстфхцчшщў][иі]$", surname.lower()) and \
            any(r.sex == "male" and r.case == "obl" for r in readings):
        # "Сяргея Крыўчэні": no woman's surname ends in a consonant and -і/-и in the nominative (the fixed
        # Georgian ones go with a woman's given name that has no man's oblique reading), so a man's genitive
        return next(r for r in readings if r.sex == "male" and r.case == "obl")
    if re.search(r"(?:[ао]ву|[её]ву|[иыі]ну|[сц]кую|[ао]вай|[её]вай|[ыі]най|[сц]кай)$", surname.lower()) and \
            any(r.sex == "female" for r in readings) and not any(
                r.sex == "male" and r.case == "obl" and given_sex(r.nominative) == "male" for r in readings):
        # "Алену Пятрову", "Марыны Фёдаравай": a woman's surname in an oblique case ("Івану Пятрову" is a man's
        # dative: a known man's name decides)
        fem = [r for r in readings if r.sex == "female" and r.case == "obl"] or [r for r in readings if r.sex == "female"]
        return next((r for r in fem if given[:-1] and r.nominative.startswith(given[:-1])), fem[0])
    if re.search(r"[бвгджзклмнпрстфхцчшў]у$", surname.lower()) and not re.search(r"(?:[аоеё]ву|[иыі]ну)$", surname.lower()) \
            and any(r.sex == "male" and r.case == "obl" for r in readings):
        return next(r for r in readings if r.sex == "male" and r.case == "obl")  # "Аляксандру Лукашэнку"
    if readings[0].nominative[-1:] not in "уюУЮ" and any(r.sex == "female" for r in readings) \
            and any(r.sex == "male" and r.case == "obl" for r in readings) and surname[-1:] not in "аАуУ":
        fem = [r for r in readings if r.sex == "female"]
        if fem and all(r.case == "obl" for r in readings):
            return fem[0]
    low = surname.lower()
    fem_nom = low.endswith(("ая", "ва", "на", "ская", "цкая", "ич", "іч", "ук", "ко", "ка", "ець"))
    masc_obl = low.endswith(("ого", "ага", "ова", "ева", "ина", "ына", "іна", "ича", "іча", "ука", "ко"))
    if low.endswith(("у", "ю", "ага", "ого", "кі", "кага", "ыча", "іча")) or re.search(r"[^аеёиоуыэюяіў’]я$", low) or re.search(r"[^аеёиоуыэюяіў’]а$", low) and not fem_nom:
        obl = [r for r in readings if r.case == "obl"]
        if obl:
            return obl[0]
    if low.endswith(("ова", "ева", "ёва", "ина", "ына", "ко", "их", "ых")):
        # "Анна Левченко": an undeclined surname says nothing of the case, so a given name that is surely a
        # nominative ("Анна") decides
        # "Анна Сидорова": pymorphy3 knows "Анна" only as a woman's nominative; a rare man's name "Анн" that the
        # Belarusian endings could read into it does not make her "Анн Сидоров"
        sure = [r for r in readings if r.case == "nomn" and r.sex == "female" and _sure_nominative(r.nominative)]
        if sure:
            return sure[0]
    for r in readings:
        if masc_obl and r.case == "obl" and r.sex == "male":
            return r
    for r in readings:
        if fem_nom and r.case == "nomn" and r.sex == "female":
            return r
    nomn = [r for r in readings if r.case == "nomn"]
    return nomn[0] if nomn else readings[0]


def prefer_case(names: list[PersonName], text: str, *, belarusian: bool) -> list[PersonName]:
    """Re-read ambiguous names of one list in the case the list's unambiguous names share.

    "Александра Ильина, Дмитрия Халявкина" is a list in the accusative: its first name, which alone would
    read as the nominative of Александра Ильина, is the accusative of Александр Ильин.
    """
    obl = sum(1 for n in names if n.case == "obl")
    nom = sum(1 for n in names if n.case == "nomn")
    if nom > obl and obl:
        out = []
        for n in names:
            parts = n.written.split()
            if n.case == "obl" and len(parts) == 2 and any(r.case == "nomn" for r in given_readings(parts[0])):
                n = PersonName(n.start, n.end, n.written, n.written, "nomn")
            out.append(n)
        return out
    if obl < nom or not obl:
        return names
    # as many read oblique as nominative ("мастака Івана Сідарава і журналістку Алену Пятрову"): the names of
    # one list share their case, and an oblique reading is the one a surname ending can prove
    return [as_oblique(n, belarusian=belarusian) for n in names]


def as_oblique(n: PersonName, *, belarusian: bool) -> PersonName:
    """``n`` re-read in an oblique case when the words around it govern one ("паводле слоў Івана Сідарава":
    Іван Сідараў, though "Івана Сідарава" alone reads as a woman's name in the nominative)."""
    parts = n.written.split()
    if n.case != "nomn" or len(parts) != 2:
        return n
    obl_readings = [r for r in given_readings(parts[0]) if r.case == "obl"]
    if not obl_readings:
        # a given name the vocabulary does not know ("Рушата", "Анджэя") in a run of oblique names: a man's case
        # ending comes off (-а/-у after a consonant, -я after a vowel: "Рушат", "Анджэй"), else nothing is sure
        if re.search(r"[бвгджзклмнпрстфхцчшщ][ау]$", parts[0]):
            given = parts[0][:-1]
        elif re.search(r"[аеёэоиыіу]я$", parts[0]):
            given = parts[0][:-1] + "й"
        else:
            return n
        be = belarusian or is_belarusian_word(parts[0])
        sur = surname_nominative(parts[1], "male", "obl", be, given_declined=True)
        return PersonName(n.start, n.end, n.written, f"{given} {sur}", "obl")
    r = obl_readings[0]
    if r.sex == "female" and _MASC_ADJ_SURNAME.search(parts[1].lower()):
        return n  # "Юрась Беленькі" after "пасьля суду": no woman's oblique form beside a man's nominative surname
    be = belarusian or is_belarusian_word(parts[0])
    sur = surname_nominative(parts[1], r.sex, "obl", be, given_declined=r.nominative != parts[0])
    return PersonName(n.start, n.end, n.written, f"{r.nominative} {sur}", "obl")


def surname_stem(word: str) -> str:
    """A surname without its case ending, folded, to tell that two spellings are one surname in different cases
    ("Лукашэнку" and "Лукашэнка", "Карпенкова" and "Карпенков", "Блинкена" and "Блинкен")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    return re.sub(r"(?:ам|ом|ым|ой|ую|ая|аю)$|[аеёиоуыэюяіўй]$", "", folded.replace("’", "'"))
