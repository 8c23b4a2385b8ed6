"""Who speaks for an institution in Belarusian and Russian quotations: organisations, ministries, embassies and
statements named in the genitive ("в заявлении Белого дома", "в пресс-релизе ведомства", "в Telegram-канале
посольства"), put back in the nominative, and full names for a surname used alone.

Split from ``cyr_quotes`` (which finds the quotations and decides which construction names the speaker); these are
the look-ups those constructions make in the text before a quotation. pymorphy3 (its Russian dictionary) inflects
Russian words; Belarusian endings are rules.
"""

from __future__ import annotations

import re

from reckon.names.given import given_sex
from reckon.news import cyr_lexicon as cx
from reckon.news.cyr_names import find_person_names, is_belarusian_word, surname_stem


def _clean(np: str) -> str:
    return re.sub(r"\s+", " ", np).strip(" ,—–-")

# "Белага дома", "Министерства иностранных дел": an organisation named in the genitive after "в заявлении"
_GENITIVE_ORG = re.compile(r"(?P<adj>[А-ЯЁІЎ][а-яёіў]+(?:ого|его|ага|яга|ой|ай|ей))\s+(?P<noun>[а-яёіў]{3,})\b")


def _org_nominative(adj: str, noun: str) -> str:
    """"Белого дома" -> "Белый дом", "Белага дома" -> "Белы дом": pymorphy3 for Russian, endings for Belarusian."""
    from reckon.news.cyr_names import _morph

    morph = _morph()
    if morph is not None and not (is_belarusian_word(adj) or is_belarusian_word(noun)):
        words = []
        for w in (adj, noun):
            p = next((p for p in morph.parse(w) if p.tag.case == "gent"), None)
            form = p.inflect({"nomn"}) if p is not None else None
            words.append(form.word if form is not None else w.lower())
        return f"{words[0].capitalize()} {words[1]}"
    low_adj = re.sub(r"(к|г|х)ага$", r"\1і", adj.lower())
    low_adj = re.sub(r"(ага|яга)$", "ы", low_adj)
    noun_nom = re.sub(r"(а|у)$", "", noun) if len(noun) > 3 else noun
    return f"{low_adj.capitalize()} {noun_nom}"


_NAMED_IN_QUOTES = re.compile(r"^\s*[«„“\"](?P<name>[^»“”\"\n]{2,40})[»“”\"]")


def _phrase_nominative(words: list[str], belarusian: bool) -> str:
    """"правозащитного центра" -> "правозащитный центр" (pymorphy3, the adjectives in the noun's gender);
    Belarusian by its regular endings ("праваабарончага цэнтра" -> "праваабарончы цэнтр")."""
    from reckon.news.cyr_names import _morph

    morph = _morph()
    if belarusian or morph is None:
        return " ".join(re.sub(r"(ага|яга)$", "ы", w) if re.search(r"(ага|яга)$", w) else re.sub(r"(а|у)$", "", w)
                        for w in words)
    head = next((p for p in morph.parse(words[-1]) if p.tag.case == "gent" and p.tag.POS == "NOUN"), None)
    gender = head.tag.gender if head is not None else None
    out = []
    for w in words:
        parses = [p for p in morph.parse(w) if p.tag.case == "gent"]
        p = next((p for p in parses if gender is None or p.tag.gender in (gender, None)), parses[0] if parses else None)
        want = {"nomn", gender} if gender and p is not None and p.tag.POS == "ADJF" else {"nomn"}
        form = p.inflect(want) if p is not None else None
        out.append(form.word if form is not None else w)
    return " ".join(out)


def _org_named_after(rest: str, following: str) -> str | None:
    """"— говорится в заявлении правозащитного центра «Весна»": the organisation, its name in quotation
    marks at the end of the attribution's words (or right after them); None when no such name follows."""
    inside = re.match(r"^(?P<words>[^«]*?)\s*(?P<q>«[^»\n]{2,40}»)\s*$", rest)
    if inside:
        rest, following = inside.group("words"), inside.group("q")
    named = _NAMED_IN_QUOTES.match(following)
    words = re.sub(r"^\s*(?:(?:в|у|ў)\s+\S+|со\s+ссылкой\s+на|са\s+спасылкай\s+на)\s*", "", rest).split()
    if named is None or not (1 <= len(words) <= 3) or not all(w.isalpha() and w.islower() for w in words):
        return None
    return f"{_phrase_nominative(words, is_belarusian_word(rest))} «{named.group('name')}»"


def _common_noun_nominative(token: str) -> str | None:
    """The nominative of a capitalised Russian common noun in the genitive ("Министерства" -> "Министерство");
    None for names and for words the dictionary does not know as such a noun."""
    from reckon.news.cyr_names import _morph

    morph = _morph()
    if morph is None or is_belarusian_word(token):
        return None
    parses = morph.parse(token)
    if not parses or any({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes for p in parses[:3]):
        return None
    p = parses[0]
    if p.tag.POS != "NOUN" or p.tag.case != "gent" or p.score < 0.5:
        return None
    form = p.inflect({"nomn"})
    return form.word.capitalize() if form is not None else None


# "говорится в сообщении центра": a lowercase head noun that refers back to an organisation named before
_ORG_BACKREF = re.compile(r"^\s*(?:в|у|ў)\s+(?:заявлени\w*|сообщени\w*|заяв\w*|паведамленн\w*|документ\w*)\s+"
                          r"(?:центра|цэнтра|организации|арганізацыі|объединения|аб['’]яднання|сообщества|"
                          r"супольнасці|правозащитников|праваабаронцаў)\s*$", re.IGNORECASE)
# an organisation as written: a head noun, up to three words, then its name in quotation marks
_ORG_NAMED = re.compile(r"(?P<org>(?:[а-яёіў'’-]{3,}(?:ый|ий|ой|ая|ое|ые|ых|ом|ым|ого|ага|ай|ы|і|ае|ых|ую)\s+){0,3}?(?:центр|цэнтр|цэнтар|организаци|арганізацы|объединени|"
                        r"аб['’]яднанн|сообществ|супольнасц)\w*\s+[«„“\"][^»“”\"\n]{2,40}[»“”\"])", re.IGNORECASE)
# "— говорится в пресс-релизе ведомства": the ministry or department the article named before
# "в заявлении", "у дакуменце", "в пресс-релизе": the statement words both patterns below start with
_IN_STATEMENT = (r"^\s*(?:в|у|ў)\s+(?:заявлени\w*|сообщени\w*|заяв\w*|паведамленн\w*|документ\w*|дакумент\w*|"
                 r"пресс-релиз\w*|прэс-рэліз\w*|релиз\w*|рэліз\w*)")
_INSTITUTION_BACKREF = re.compile(_IN_STATEMENT + r"\s+(?:ведомства|ведамства|министерства|міністэрства|"
                                  r"департамента|дэпартамента)\s*$", re.IGNORECASE)
# the statement the last words came from: "В документе подчеркивается, что …"
_STATEMENT_LEFT = re.compile(_IN_STATEMENT + r"\s*$", re.IGNORECASE)
_INSTITUTION = re.compile(r"(?P<head>Министерств\w*|Міністэрств\w*|Госдепартамент\w*|Дзярждэпартамент\w*|"
                          r"Департамент\w*|Дэпартамент\w*)(?P<tail>(?:\s+[а-яёіў]{3,}){0,3}(?:\s+(?:США|ЗША|[А-ЯЁІЎ][а-яёіў]+))?)")


# "в Telegram-канале посольства", "на сайте министерства": the channel of an institution named before
_CHANNEL_OF = re.compile(r"(?:в|у|ў|на)\s+\S*(?:канал|сайт|аккаунт|акаўнт|старонц|страниц)\w*\s+"
                         r"(?P<head>посольств|пасольств|министерств|міністэрств|ведомств|ведамств)\w*", re.IGNORECASE)
_MISSION = re.compile(r"(?P<head>[Пп]осольств|[Пп]асольств|[Мм]инистерств|[Мм]іністэрств)\w*(?P<tail>\s+[А-ЯЁІЎ][\w-]+"
                      r"(?:\s+(?:в|у|ў)\s+[А-ЯЁІЎ][\w-]+)?)")
_MISSION_NOMINATIVE = {"посольств": "посольство", "пасольств": "пасольства", "министерств": "министерство",
                       "міністэрств": "міністэрства"}


def _last_mission(context: str, head: str) -> str | None:
    """The last embassy or ministry named with its country ("посольство Великобритании в Москве"), its head noun
    in the nominative; None when none of that kind is named."""
    key = head.lower()
    found = [m for m in _MISSION.finditer(context) if m.group("head").lower() == key]
    if not found:
        return None
    return _MISSION_NOMINATIVE.get(key, key) + found[-1].group("tail")


def _full_name_of(surname: str, context: str) -> str | None:
    """The full name the article gave before to a surname used alone ("Блинкен" -> "Энтони Блинкен")."""
    stem = surname_stem(surname)
    for n in reversed(find_person_names(context, belarusian=is_belarusian_word(context))):
        parts = n.nominative.split()
        if len(parts) >= 2 and surname_stem(parts[-1]) == stem:
            # the surname used alone is the nominative as the article spells it ("Азаронак" beside "Рыгора
            # Азаронка"): keep it rather than a nominative rebuilt from an oblique form
            fleeting = re.search(r"[аоеэ][кцл]$", surname) and parts[-1] == surname[:-2] + surname[-1]
            return " ".join([*parts[:-1], surname]) if fleeting else n.nominative
    return None


# "в опубликованном сообщении Госдепа": whose statement the impersonal "отмечается" quotes
_STATEMENT_OF = re.compile(r"(?:сообщени|заявлени|заяв|паведамленн|пресс-релиз|прэс-рэліз)\w*\s+"
                           r"(?P<org>[А-ЯЁІЎ][а-яёіў-]+(?:\s+(?:США|ЗША|ЕС|[А-ЯЁІЎ][а-яёіў]+))?)")


def _statement_author(context: str) -> str | None:
    found = list(_STATEMENT_OF.finditer(context))
    if not found:
        return None
    org = found[-1].group("org")
    words = org.split()
    head = _common_noun_nominative(words[0]) or (_morph_nominative(words[0]) if not is_belarusian_word(org) else None)
    return " ".join([head or words[0], *words[1:]])


def _morph_nominative(word: str) -> str | None:
    """A capitalised Russian noun in the genitive back in the nominative ("Госдепа" -> "Госдеп"), names included."""
    from reckon.news.cyr_names import _morph

    morph = _morph()
    if morph is None:
        return None
    p = next((p for p in morph.parse(word) if p.tag.POS == "NOUN" and p.tag.case == "gent"), None)
    form = p.inflect({"nomn"}) if p is not None else None
    return form.word.capitalize() if form is not None else None


def _last_institution(context: str) -> str | None:
    """The last ministry or department named ("пресс-службу Министерства финансов США"), its head noun in the
    nominative ("Министерство финансов США"); None when none is named."""
    found = list(_INSTITUTION.finditer(context))
    if not found:
        return None
    m = found[-1]
    head = m.group("head")
    from reckon.news.cyr_names import _morph

    morph = _morph()
    if morph is not None and not is_belarusian_word(head):
        p = next((p for p in morph.parse(head) if p.tag.POS == "NOUN"), None)
        form = p.inflect({"nomn", "sing"}) if p is not None else None
        head = form.word.capitalize() if form is not None else head
    return _clean(f"{head}{m.group('tail')}")


def _last_org(context: str) -> str | None:
    """The last organisation named with its name in quotation marks ("правозащитном центре «Весна»")."""
    found = list(_ORG_NAMED.finditer(context))
    return _clean(found[-1].group("org")) if found else None


# "— говорится в пресс-релизе правозащитников", "— гаворыцца ў заяве праваабаронцаў": a statement whose owner is a
# group of people named by a plural noun in the genitive
_GROUP_OWNER = re.compile(r"^\s*(?:в|у|ў)\s+(?:заявлени|сообщени|заяв|паведамленн|пресс-релиз|прэс-рэліз|обращени|"
                          r"зварот|докладе|дакладзе|отч[её]т|справаздач)\w*\s+"
                          r"(?P<who>(?:[а-яёіў-]+(?:ых|их|ых)\s+)?[а-яёіў-]{4,}(?:ов|ев|аў|еў|яў|ей))\s*[.,]?\s*$")
# "Об этом сообщило Министерство финансов США": the institution that reported what a quotation then gives
_REPORTED_BY_INSTITUTION = re.compile(rf"(?:{cx.SPEECH_VERBS})\s+(?=(?:Министерств|Міністэрств|Госдепартамент|Дзярждэпартамент|"
                                      r"МИД|МЗС|Минфин|Мінфін|ведомств|ведамств)\w*)", re.IGNORECASE)


# "Праваабарончыя арганізацыі Беларусі прынялі супольную заяву, у якой …": who made the statement a
# "— гаворыцца ў заяве" after it quotes (the subject of the sentence that says a statement was made)
_STATEMENT_MADE = re.compile(r"\s(?:прынял|прыняў|приня|выступіл|выступил|апублікавал|опубликовал|распаўсюдзіл|"
                             r"распространил|падпісал|подписал|агучыл|зрабіл|сделал|выдал|абнародавал|обнародовал)\w*\s+"
                             r"(?:[а-яёіў]+\s+){0,2}?(?:з\s+|с\s+)?(?:заяв|зварот|заявлени|обращени|маніфэст|маніфест|"
                             r"манифест|звернут)\w*")
_MAKER = re.compile(r"[А-ЯЁІЎ][^.!?\n«„“\"]{2,80}")


def _reporting_institution(context: str) -> str | None:
    """The ministry or department the context says reported ("Об этом сообщило Министерство финансов США"), else
    whoever the context says made the statement ("Праваабарончыя арганізацыі Беларусі прынялі заяву")."""
    found = list(_REPORTED_BY_INSTITUTION.finditer(context))
    if found:
        return _last_institution(context[found[-1].start():])
    made = list(_STATEMENT_MADE.finditer(context))
    if not made:
        return None
    begin = max(context.rfind(". ", 0, made[-1].start()), context.rfind("\n", 0, made[-1].start())) + 1
    who = _MAKER.fullmatch(context[begin:made[-1].start()].strip())
    return who.group(0) if who else None


_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|авіч|евіч|аўна|еўна)$")


def not_patronymic(speaker: str, context: str) -> str:
    """"Виктор Дмитриевич вспоминает": a given name and a patronymic name the person the article named in full
    with that given name ("Виктор Бабарико"), not someone surnamed Дмитриевич."""
    parts = speaker.split()
    sex = given_sex(parts[0]) if len(parts) == 2 else None
    # a patronymic agrees with the given name ("Виктор Дмитриевич", "Анна Ивановна"); "Татьяна Францкевич" is a surname
    if sex is None or not _PATRONYMIC.search(parts[1]) or \
            (sex == "female") != bool(re.search(r"(?:на|аўна|еўна)$", parts[1])):
        return speaker
    for n in reversed(find_person_names(context, belarusian=is_belarusian_word(context))):
        words = n.nominative.split()
        if len(words) >= 2 and words[0] == parts[0] and words[-1] != parts[1] and not _PATRONYMIC.search(words[-1]):
            return n.nominative
    return speaker


def written_surname(speaker: str, body: str) -> str:
    """"Рыгор Азаронк" rebuilt from "Рыгора Азаронка" is "Рыгор Азаронак" when the article writes that form
    (a vowel that drops out in the other cases); a rebuilt form the article never writes yields to it."""
    last = speaker.split()[-1] if speaker.split() else ""
    if len(last) < 4 or re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", body):
        return speaker
    m = re.search(rf"(?<![\w-]){re.escape(last[:-1])}[аоеэ]{re.escape(last[-1])}(?![\w-])", body)
    return speaker[:len(speaker) - len(last)] + m.group(0) if m else speaker
