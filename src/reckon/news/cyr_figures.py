"""Figures in Belarusian and Russian articles: counts of people and what happened to them.

The same rules as the English extractor (``figures.py``), in the shape these languages give them. A number
counts people when a person noun follows it ("17 человек", "1414 палітвязняў", "+8 новых") or, with no
noun of its own, when it completes a statement about them ("число политзаключенных достигло 970",
"прысудаў, 105"). Dates ("17 сентября"), years, ages and terms ("74 года", "9 гадоў калоніі"), article
numbers, money and percentages never do; a change ("увеличилось на 82") and a back-reference ("гэтых 27
новых вязняў") add nothing. The category comes from the words around the number first (a recognition,
a release, a sanction, a sentence, a detention), then from a total ("общее число", "усяго", "на сённяшні
дзень") or the counted noun, then from the count it belongs to ("из них", "сярод іх", "20 из которых").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reckon.dates.text import iter_cyr_dates
from reckon.news import cyr_figure_scope as scope
from reckon.news import cyr_lexicon as cx
from reckon.news.cyr_facts import jurisdictions
from reckon.news.cyr_names import animate_noun
from reckon.news.cyr_numbers import COLLECTIVE_WORDS, NumberMatch, find_numbers
from reckon.news.cyr_speech import belarusian_text
from reckon.news.figure_checks import per_period
from reckon.news.model import Figure
from reckon.news.text import BULLET, HEADING, TITLE, Sentence

_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|[%№§]", re.UNICODE)
_BEFORE_EXCLUDE = re.compile(r"(стать[яиюей]|ст\.|ч\.|част[ьиюей]|артыкул\w*|арт\.|пункт\w*|п\.|№|№\s*|"
                             r"колони[яи]\w*|калоні[яі]\w*|ИК|ПК|СИЗО|номер\w*|нумар\w*|указ\w*|постановлени\w*|"
                             r"закон\w*|решени\w*|протокол\w*|\$|€|£|рост\w*|возраст\w*|узрост\w*|ему|ей|яму|ёй)\s*$",
                             re.IGNORECASE)
# "увеличилось на 82", "узрасла сама меней на 50": a change, whatever qualifier stands between the verb and "на"
_CHANGE_BEFORE = re.compile(rf"{cx.CHANGE_VERB}(?:\s+[^\W\d_]+){{0,3}}?\s+на\s*$", re.IGNORECASE)
# "Это на 60 человек больше, чем в прошлом году": a difference, not a count
_CHANGE_AFTER = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:больше|меньше|больш|менш|болей|меней)\b", re.IGNORECASE)
# "остальные 65 — по прочим политическим мотивам": the rest of the count the parts before belong to
_REST_BEFORE = re.compile(r"(?<!\w)(остальн\w+|астатні\w*|рэшта)[\s,:—–-]*$", re.IGNORECASE)
_THRESHOLD_BEFORE = re.compile(r"(превыша\w*|превысил\w*|перасяга\w*|перавыша\w*|перавысі\w*|ниже|ніжэй\s+за|"
                               r"выше|вышэй\s+за|отметк\w*|адзнак\w*|рубеж\w*)\s*$", re.IGNORECASE)
_CHANGED_TO = re.compile(rf"{cx.CHANGE_VERB}\s+(?:до|да)\s*$", re.IGNORECASE)
_SKIP_AFTER = re.compile(r"^(только|толькі|лишь|лише|уже|ужо|ещ[её]|яшчэ|почти|амаль|всего|усяго|же|жа)$", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r"[;:()]|,\s|\s[—–]\s|(?<=[^\W\d_]{3})[.!?…]\s+(?=[А-ЯЁІЎ])")
# a sentence end inside a "sentence" the layout kept whole (a quoted paragraph: "… РУВД. Там было около 30 человек.")
_INNER_END = re.compile(r"(?<=[^\W\d_]{3})[.!?…]+[\"»”]?\s+(?=[\"«„“]?[А-ЯЁІЎ])")
_REFERENTIAL = re.compile(r"(?<![\w])(эт(?:их|и|им|ими)|гэт(?:ых|ыя|ым|ымі)|т(?:ех|ем|ыя|ых)|вс(?:ех|е)|"
                          r"ус(?:іх|е)|ўс(?:іх|е)|обоих|абодвух)\s+$", re.IGNORECASE)
_SUB_BEFORE = re.compile(r"(из\s+них(?:\s+(?:есть|было|были))?|среди\s+них\s+(?:есть|было|были)|сярод\s+іх\s+(?:ёсць|было|былі)|большинств\w*|бальшын\w*|из\s+(?:этого|их)\s+числа|з\s+(?:гэтай\s+колькасці|гэтага\s+ліку|іх\s+ліку)|среди\s+них|в\s+том\s+числе|из\s+которых|среди\s+которых|з\s+іх|"
                         r"сярод\s+іх|у\s+тым\s+ліку|з\s+якіх|сярод\s+якіх|среди\s+\w+ых|сярод\s+\w+ых|"
                         r"включая|уключаючы)[\s,:—–-]*(?:(?:и|і)\s+)?(?:(?:каля|около|почти|амаль|примерно|прыкладна|больш\s+за|"
                         r"более|не\s+менее|не\s+менш\s+за)\s+)?$", re.IGNORECASE)
_SUB_AFTER = re.compile(r"^\s*(из\s+(?:которых|них|\w+(?:ых|ых))|зь?\s+(?:якіх|іх|\w+ых))\b", re.IGNORECASE)
_BARE_OK_BEFORE = re.compile(r"(составля\w*|составил\w*|достиг\w*|достигнув|складае|склала|дасягну\w*|"
                             # "количество политзаключенных увеличилось до 246": the new total
                             rf"{cx.CHANGE_VERB}\s+(?:до|да)|"
                             r"насчитыва\w*|налічва\w*|[—–:])\s*$", re.IGNORECASE)
_APPOSITION = re.compile(r"(?P<noun>[^\W\d_]+),\s*$")
_DASH_BEFORE = re.compile(r"[—–-]\s*$")
_HANDED_OVER = re.compile(r"(передал\w*|передан\w*|перадал\w*|перададзен\w*)\b", re.IGNORECASE)
# "15 — у Жодзіне", "20 — Салігорску": one place's share of a count broken down by place
_PLACE_SHARE_AFTER = re.compile(r"^\s*[—–]\s+(?:(?:у|ў|в|во|на)\s+)?[А-ЯЁІЎ][а-яёіў'’-]+")
# "Гродне (11), Пінску, Смалявічах (10)": a count in brackets after the place it belongs to
_BRACKET_BEFORE = re.compile(r"(?:[А-ЯЁІЎ][а-яёіў'’-]+|\))\s*\(\s*$")
_BRACKET_AFTER = re.compile(r"^\s*\)")
# "30 затрыманых, дзесьці 32": the same count again, roughly
_ROUGHLY_GAP = re.compile(r"^\s*(?:[^\W\d_]+\s*)?[,;]\s*(?:(?:а|або|или|ці)\s+)?(?:дзесьці|где-то|около|каля|прыкладна|примерно|"
                          r"приблизительно|блізу)\s*$", re.IGNORECASE)
# "увеличилось с 305 до 362 человек": the first end of a change counts what the second one counts
_FROM_TO_AFTER = re.compile(r"^\s*(?:до|да)\s+\d[\d\s.]*\d?\s*(?=[^\W\d_])", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?:^|\s)(?:с|со|з|ад|от)\s*$", re.IGNORECASE)
_FROM_BEFORE_TO = re.compile(r"(?:^|\s)(?:с|со|з|ад|от)\s+\d[\d\s.]*\s+(?:до|да)\s*$", re.IGNORECASE)
# "колькасць … перасягала 1500 чалавек": a count of people put as a threshold passed, "more than"
_PASSED_BEFORE = re.compile(r"(превыша\w*|превысил\w*|перасяга\w*|перавыша\w*|перавысі\w*)\s*$", re.IGNORECASE)
_WITH_THEM = re.compile(r"(?<=[^\W\d_]{3})\s+(?:с|со|з)\s+(?:ним|ними|ней|нею|им|імі|ім|ёй)\b", re.IGNORECASE)
# "9 з 12 чалавек", "20 из 25 задержанных": the first number counts, the second is the group it is part of
_POOL_AFTER = re.compile(r"^\s*(?:з|із|из)\s+\d[\d\s]*?(?=\s*[^\W\d_])", re.IGNORECASE)
_COORDINATED_AFTER = re.compile(r"^\s*(?:и|или|і|ці|або)\s+\d[\d\s]*?(?=\s*[^\W\d_])", re.IGNORECASE)
_POOL_BEFORE = re.compile(r"\d\s+(?:з|із|из)\s*$", re.IGNORECASE)
# "два з паловай года калоніі", "два с половиной года": a term with a half, no count
_AND_A_HALF = re.compile(r"^\s*(?:з|с)\s+(?:паловай|половиной)\b", re.IGNORECASE)
_ADJ_AFTER = re.compile(r"^-(?!(?:ці|ти|ми|мі|х|м|му|ю|ох|ёх|ым|ім)\b)\w")  # "71-гадовы", "6-летний"; not "69-ці"
# "69-ці схопленых", "78-м затрыманых": a number with its case ending
_CASE_ENDING = re.compile(r"^-(?:ці|ти|ми|мі|х|м|му|ю|ох|ёх|ым|ім)\b")
# "ад 10 да 15 чалавек", "от 5 до 7 человек": a range, the lower bound at least; "увеличилось с 5 до 7" is a change
_RANGE_FROM = re.compile(r"(?:^|[\s(])(?:ад|от)\s*$", re.IGNORECASE)
_RANGE_TO_AFTER = re.compile(r"^\s*(?:да|до)\s+\d[\d\s]*?(?=\s*[^\W\d_])", re.IGNORECASE)
_RANGE_HIGH_BEFORE = re.compile(r"(?:^|[\s(])(?:ад|от)\s+\d[\d\s]*\s+(?:да|до)\s*$", re.IGNORECASE)
_CHANGE_VERB = re.compile(cx.CHANGE_VERB, re.IGNORECASE)
# "МУС назвала колькасць затрыманых …": a sentence that names which count the next one gives
_COUNT_NAMED = re.compile(r"(?:колькасць|количество|число|лічбу)\s+(?P<noun>затрыман\w*|задержан\w*|асуджан\w*|"
                          r"осужд[её]нн\w*|арыштаван\w*|арестован\w*)", re.IGNORECASE)
# "задержали 77 в Петербурге, 15 в Новосибирске и 11 в Екатеринбурге": a list of counts by place
_PLACE_AFTER = re.compile(r"^\s+(?:в|во|у|ў)\s+[А-ЯЁІЎ]")
_REPORTER = re.compile(
    r"(правозащитн\w+(?:\s+(?:центр\w*|сообществ\w*|организаци\w*))?(?:\s+(?:«[^»]{2,40}»|\"[^\"]{2,40}\"))?|"
    r"праваабаронц\w+(?:\s+«[^»]{2,40}»)?|праваабарончы\w*\s+(?:цэнтр\w*|супольнасц\w*)(?:\s+«[^»]{2,40}»)?|"
    r"праваабарончая\s+супольнасць|правозащитное\s+сообщество|(?:ПЦ\s+)?«Вясн\w*»|(?:ПЦ\s+)?«Весн\w*»|"
    r"\"Весн\w*\"|ОВД-Инфо|МВД(?:\s+РФ)?|Проект\s+\S+|Сайт\s+\S+|Dissidentby|Dissydentby\S*)", re.IGNORECASE)
_YESTERDAY = re.compile(r"(накануне|напярэдадні|вчера|учора|ўчора)", re.IGNORECASE)
# "а всего их 41", "усяго — 1 200": a bare total after a count of the same people in the sentence
_TOTAL_BARE = re.compile(r"(?:^|[\s,(])(?:а\s+)?(?:всего|усяго|итого|агулам)(?:\s+(?:их|іх|уже|ужо))?\s*[—–:-]?\s*$",
                         re.IGNORECASE)
_COUNTS_OF_PRISONERS = {"newly_recognised", "political_prisoners", "political_prisoners_ever"}
# "C начала кампании" typed with a Latin C: Latin look-alikes touching Cyrillic letters are read as Cyrillic
_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_HOMOGLYPHS = re.compile(r"(?<=[а-яё])[AaBCcEeHKMOoPpTXxy]+|[AaBCcEeHKMOoPpTXxy]+(?=[а-яё])|"
                         r"(?<![A-Za-z])[AaBCcEeHKMOoPpTXxy](?=\s[а-яё])")
_EVENTS = {"detained", "released", "convicted", "charged", "died", "newly_recognised", "sanctioned"}


@dataclass
class CyrContext:
    published: date | None
    fallback_year: int | None
    sanctions_doc: bool = False


# "Усе яны былі затрыманыя", "Всех их задержали": the next sentence says what befell the people just counted
_ALL_OF_THEM = re.compile(r"(?:^|[.!?…]\s*)\W{0,3}(?:все\s+они|всех\s+их|их\s+всех|все\s+из\s+них|усе\s+яны|ўсе\s+яны|"
                          r"усіх\s+іх|іх\s+усіх|усе\s+з\s+іх)\b", re.IGNORECASE)


def _words(text: str) -> list[tuple[str, int]]:
    return [(m.group(0), m.start()) for m in _WORD.finditer(text)]


def _after_kind(after: str, russian: bool = False) -> tuple[str | None, str]:
    """The counted noun after a number: (noun, kind) with kind person / org / event / excluded / none.

    ``russian``: a noun of no list is a person noun when the Russian dictionary calls it animate."""
    # "15 аффилированных с ними компаний": a participle's "with them" sits between the number and its noun
    after = _WITH_THEM.sub("", after[:80], count=1)
    # "101 «политический»": the counted noun in quotation marks, a substantivised "political" one a political prisoner
    after = re.sub(r"^(\s*)[«„“\"](?:политическ|палітычн)\w*[»“”\"]", r"\1политзаключенные", after)
    after = re.sub(r"^(\s*)[«„“\"]", r"\1", after)
    for i, (w, _) in enumerate(_words(after)[:4]):
        if re.match(r"^[.;!?]", after.lstrip()) and i == 0:
            return None, "none"
        if cx.NOT_COUNTED.match(w):
            return w, "excluded"
        if _SKIP_AFTER.match(w):
            continue
        two = " ".join(x for x, _ in _words(after)[i:i + 2])
        if cx.ORG_NOUN.match(two) or cx.ORG_NOUN.match(w):
            return w, "org"
        if cx.EVENT_NOUN.match(w):
            return w, "event"
        if cx.PERSON_NOUN.match(w):
            nxt = _words(after)[i + 1][0] if i + 1 < len(_words(after)) else ""
            if cx.POLITICAL_PRISONERS.match(w) and nxt and cx.NOT_COUNTED.match(nxt):
                return nxt, "excluded"  # "97 политзаключенных семей": families, not people
            return w, "person"
        if re.match(r"^(?:факт|случа|выпад)\w*$", w, re.IGNORECASE) and i + 1 < len(_words(after)) and \
                cx.EVENT_NOUN.match(_words(after)[i + 1][0]):
            return _words(after)[i + 1][0], "event"  # "о 22 фактах задержания": detentions counted
        if russian and animate_noun(w):
            return w, "person"  # "30 политзеков", "12 экоактивистов": people by the dictionary
        if re.fullmatch(r"тех|тых", w, re.I) and re.match(rf"^.{{0,{_words(after)[i][1] + len(w)}}}?,?\s+(?:кто|хто)\b",
                                                         after, re.S):
            return w, "person"  # "паўтары тысячы тых, хто трапіў за краты": those who, people
        if not re.search(r"(ых|их|ые|ие|ая|ую|ой|ым|ым|ыя|іх|ых|ага|ае|ова|ева|ску|шых|вых|них)$", w.lower()):
            return None, "none"  # not an adjective: the noun phrase ended without a counted noun
        # an adjective ("белорусских", "новых палітычных"): read on
        between = after[: after.find(w) + len(w)]
        if re.search(r"[,.;:—–()]", between[:-len(w)] if len(between) > len(w) else ""):
            return None, "none"
    return None, "none"


def _qualifier(before: str, after: str, num: NumberMatch) -> str:
    if num.about:
        return "about"
    if num.is_range:
        return "at_least"
    tail = before[-40:]
    if _CHANGED_TO.search(tail) or _FROM_BEFORE_TO.search(tail):
        return "exact"  # "скарацілася да 897": the new total, not a ceiling
    for rx, q in cx.QUALIFIER_BEFORE:
        if rx.search(tail):
            if q == "up_to" and re.search(r"(?:^|\s)(?:до|да)\s*$", tail) and re.match(r"^\s*(лет|гадоў|года|гады)", after):
                continue
            if q == "up_to" and re.search(r"(?:дачыненні|адносінах|отношению)\s+(?:да|до|к)\s*$", tail):
                continue  # "у дачыненні да 38 асоб": "in respect of", no ceiling
            return q
    if _PASSED_BEFORE.search(tail[-25:]):
        return "more_than"
    if cx.QUALIFIER_AFTER.search(after):
        return "more_than"
    return "exact"


def _cue_category(text: str) -> str | None:
    """The event a stretch of text reports, strongest cue first (a wish or demand reports none)."""
    if cx.SANCTION.search(text):
        return "sanctioned"
    rec = cx.RECOGNITION.search(text)
    if rec and not cx.TOTAL.search(text) and not (rec.group(0).lower().startswith("нов") and cx.CONVICTED.search(text)):
        return "newly_recognised"  # "дают срок … новым политзаключенным": sentenced, "new" says no recognition
    m = cx.RELEASED.search(text)
    if m and not cx.IRREALIS.search(text[max(0, m.start() - 30):m.start()]):
        return "released"
    if cx.DIED.search(text):
        return "died"
    if cx.CONVICTED.search(text):
        return "convicted"
    if cx.CHARGED.search(cx.ON_CHARGES.sub(" ", text)):
        return "charged"
    if cx.DETAINED.search(text):
        return "detained"
    return None


def _noun_category(noun: str | None) -> str | None:
    if not noun:
        return None
    if cx.POLITICAL_PRISONERS.match(noun):
        return "political_prisoners"
    if re.match(r"(задерж|затрым|арест|арышт|схоплен|схвачен)", noun, re.I):
        return "detained"
    if re.match(r"(осужд|асудж|приговор|прысуд)", noun, re.I):
        return "convicted"
    if re.match(r"(освобожд|вызвален|помилова|памілава)", noun, re.I):
        return "released"
    return None


def _clause(sentence: str, pos: int, end: int) -> str:
    """The clause around a number: between the nearest separators (; : ( ) ", " " — ")."""
    start = 0
    for m in _CLAUSE_SPLIT.finditer(sentence[:pos]):
        start = m.end()
    m = _CLAUSE_SPLIT.search(sentence, end)
    return sentence[start:m.start() if m else len(sentence)]


def _segment(sentence: str, pos: int, end: int) -> str:
    """The part of a sentence around a number between semicolons or colons: a list item of a summary, whose
    "з 2020 года" belongs to it and not to the item before ("… прызнала 36 чалавек; … з 2020 года вызвалены")."""
    start = max(sentence.rfind(";", 0, pos), sentence.rfind(":", 0, pos)) + 1
    stops = [i for i in (sentence.find(";", end), sentence.find(":", end)) if i >= 0]
    return sentence[start:min(stops) if stops else len(sentence)]


def _inner_sentence(sentence: str, pos: int) -> str:
    """The real sentence around ``pos`` inside a layout sentence that holds several (a quoted paragraph)."""
    start = 0
    for m in _INNER_END.finditer(sentence[:pos]):
        start = m.end()
    stop = _INNER_END.search(sentence, pos)
    return sentence[start:stop.start() + 1 if stop else len(sentence)]


def _topic(sentences: list[Sentence], s_index: int, before: str) -> str | None:
    """The event the text just before a count reports, when the count's own sentence names none: "… собирать
    данные о задержанных … В списке … есть уже 75 людей", "поменяла автозаки … Там было около 30 человек". The
    earlier sentences of its own layout sentence, then up to three sentences before it in its paragraph or the
    one above; a wish or a sanctions list sets no topic. Why: a report names what it counts once and then gives
    the numbers; the constructions read the cue only in the number's own sentence."""
    here = sentences[s_index]
    parts = [p for p in _INNER_END.split(before)[:-1] if p.strip()][::-1]
    earlier = [x.text for x in sentences[max(0, s_index - 3):s_index][::-1] if here.para - x.para <= 1]
    for text in [*parts, *earlier]:
        cue = _cue_category(text)
        if cue is not None and cue != "sanctioned":
            return cue
    # "Число политических заключенных выросло до 410 … В начале года в списках было 349 имён": the stock named before
    return "political_prisoners" if any(cx.POLITICAL_PRISONERS.search(t) for t in [*parts, *earlier]) else None


def _handed_over(text: str) -> bool:
    """"передали на Украину 114 человек", "перададзены Літве": prisoners handed over to another state, freed."""
    m = _HANDED_OVER.search(text)
    return bool(m and [j for j in jurisdictions(text[m.end():m.end() + 30]) if j not in ("BY", "RU")])


def _category(sentence: str, pos: int, end: int, noun: str | None, noun_kind: str, ctx: CyrContext) -> str | None:
    clause = _clause(sentence, pos, end)
    window = sentence[max(0, pos - 50):min(len(sentence), end + 30)]
    near = _cue_category(clause) or _cue_category(window)
    if near is None and _handed_over(clause):
        near = "released"
    if near in ("charged", "convicted", "detained") and _cue_category(sentence) == "newly_recognised":
        near = "newly_recognised"  # "20 фігурантаў справы … былі прызнаныя палітвязнямі": the case says who
    if cx.MEASURES_AGAINST.search(sentence) and jurisdictions(sentence):
        return "sanctioned"
    listing = ctx.sanctions_doc and re.search(r"(спис|спіс|сьпіс)\w*", sentence, re.IGNORECASE)
    if near == "newly_recognised" and ctx.sanctions_doc and not cx.POLITICAL_PRISONERS.search(sentence):
        near = "sanctioned"  # "Канада добавила ещё 22 чиновника" in an article about sanctions: added to a list
    if near == "sanctioned" or (near is None and ctx.sanctions_doc and (cx.SANCTION.search(sentence) or listing)):
        # "": weighed, not imposed: no figure ("ЕС может внести в черный список 15-20 чиновников"); a clause of its
        # own keeps a ban in force ("срок запрета … для 117 граждан истекает, … рассматривает продление")
        return "" if cx.MODAL.search(clause) or cx.MODAL.search(sentence[max(0, pos - 60):pos]) else "sanctioned"
    if near == "newly_recognised" and cx.EVER.search(_segment(sentence, pos, end)):
        return "political_prisoners_ever"  # "пасля пачатку … 2020 года больш за 3380 чалавек былі прызнаныя …"
    own = _noun_category(noun)
    total_match = cx.TOTAL.search(clause) or (cx.TOTAL.search(sentence) if near is None else None)
    total = bool(total_match)
    if total_match and near in ("released", "died", "detained", "convicted") and \
            re.fullmatch(r"(?:всего|усяго|агулам)", total_match.group(0), re.IGNORECASE):
        total = False  # "Всего 11 сентября были освобождены 52 политзаключенных": "всего" sums the event
    immediate = _cue_category(sentence[max(0, pos - 30):min(len(sentence), end + 20)])
    held = noun_kind == "person" and scope.held_now(_inner_sentence(sentence, pos))  # "на дадзены момант за кратамі — 30"
    if total and (own == "political_prisoners" or cx.POLITICAL_PRISONERS.search(sentence) or held) \
            and immediate not in ("released", "died", "sanctioned") \
            and not (near == "newly_recognised" and not cx.TOTAL.search(clause)):
        return "political_prisoners_ever" if cx.EVER.search(sentence) else "political_prisoners"
    if near:
        return near
    if own:
        return own
    whole = _cue_category(_inner_sentence(sentence, pos))
    if whole:
        return whole
    if cx.POLITICAL_PRISONERS.search(sentence) or (cx.IMPRISONED.search(sentence) and cx.POLITICAL_MOTIVE.search(sentence)):
        return "political_prisoners"  # "340 человек лишены свободы по религиозным мотивам": held for their beliefs
    if cx.PERSECUTED.search(sentence):
        return "persecuted"
    return None


def _reporter(sentence: str) -> str | None:
    m = cx.REPORTED_BY.search(sentence)
    if m and re.match(r"(?:яго|яе|іх|его|её|ее|их)\b", m.group("who").strip(), re.IGNORECASE):
        m = None  # "Паводле яго слоў, …": a pronoun names no reporter
    if m:
        who = m.group("who").strip()
        r = _REPORTER.search(who)
        found = (r and cx.reporter_phrase(r.group(0), sentence)) or cx.reporter_phrase(" ".join(who.split()[:4]))
        if found:   # ("правозащитная кампания «Тест»": the adjective alone is none, the words named are)
            return found
    r = _REPORTER.search(sentence)
    return cx.reporter_phrase(r.group(0), sentence) if r else None


def _as_of(sentence: str, pos: int, category: str | None, ctx: CyrContext) -> str | None:
    dates = list(iter_cyr_dates(sentence, ctx.published, ctx.fallback_year))
    for s, _e, value in dates:
        if cx.AS_OF_RE.search(sentence[max(0, s - 25):s]) and value:
            return value
    if category in _EVENTS and dates and dates[0][2]:
        return dates[0][2]
    if _YESTERDAY.search(sentence) and ctx.published:
        return (ctx.published - timedelta(days=1)).isoformat()
    return ctx.published.isoformat() if ctx.published else None


def extract_cyr_figures(sentences: list[Sentence], ctx: CyrContext) -> list[Figure]:
    """Figures of the Belarusian and Russian sentences of an article, in order. A subheading counts only when it
    is a statement of its own ("За студзень … асуджана не менш за 79 чалавек"): a number and an event's word."""
    sentences = [s for s in sentences if s.kind != HEADING or (find_numbers(s.text) and _cue_category(s.text))]
    out: list[Figure] = []
    parent_of: dict[int, Figure] = {}  # id(figure) -> the count it is part of
    last_in_para: dict[int, Figure] = {}
    last_reporter: tuple[int, str] | None = None  # (paragraph, reporter) of the last sentence that named one
    announced: tuple[int, str] | None = None  # (sentence index, category) of "МУС назвала колькасць затрыманых"
    lead: scope.LeadLine | None = None  # the line ending with ":" the bullets below hang from
    for s_index, s in enumerate(sentences):
        text = _HOMOGLYPHS.sub(lambda m: m.group(0).translate(_LATIN_TO_CYRILLIC), s.text)  # same length
        if s.kind != BULLET:
            lead = scope.lead_line(s, _cue_category)
        item = lead if s.kind == BULLET else None
        russian = not belarusian_text(text)
        date_spans = [(a, b) for a, b, _ in iter_cyr_dates(text)]
        told = _COUNT_NAMED.search(text)
        if told and not any(_after_kind(text[n.end:])[1] == "person" for n in find_numbers(text)):
            announced = (s_index, _noun_category(told.group("noun")) or "")
        reporter = _reporter(text)
        if reporter:
            last_reporter = (s.para, reporter)
        elif last_reporter is not None and s.para - last_reporter[0] <= 2:
            reporter = last_reporter[1]  # "… признали … Всего в списке … 1 204": the same source
        prev: Figure | None = None
        prev_end = 0
        numbers = find_numbers(text)
        bracketed = [n for n in numbers if _BRACKET_BEFORE.search(text[:n.start][-40:]) and
                     _BRACKET_AFTER.match(text[n.end:]) and not 1900 <= n.value <= 2099]
        for num in numbers:
            if any(a <= num.start < b for a, b in date_spans):
                continue
            before, after = text[:num.start], text[num.end:]
            case_ending = _CASE_ENDING.match(after)
            if case_ending:
                after = after[case_ending.end():]
            ranged = bool(_RANGE_FROM.search(before[-6:]) and _RANGE_TO_AFTER.match(after)
                          and not _CHANGE_VERB.search(before[-60:]))
            if _RANGE_HIGH_BEFORE.search(before[-20:]) and not _CHANGE_VERB.search(before[-60:]):
                continue  # the upper end of "ад 10 да 15 чалавек"
            excluded = _BEFORE_EXCLUDE.search(before[-20:])
            if excluded and re.match(r"(колони|калоні)", excluded.group(1), re.IGNORECASE) \
                    and _after_kind(after)[1] == "person":
                excluded = None  # "дают срок в колонии 50-70 новым политзаключенным": people, not a colony's number
            if _ADJ_AFTER.match(after) or excluded or _CHANGE_BEFORE.search(before[-40:]) or _AND_A_HALF.match(after) \
                    or (re.search(r"(?<!\w)на\s*$", before) and _CHANGE_AFTER.match(after)):
                continue
            if num.value == 1 and not num.plus and not (item is not None and _after_kind(after, russian)[1] == "person") \
                    and not (prev is not None and scope.dash_part(before, after)):
                continue  # one person counts only as an item of a breakdown ("… у дачыненні да 1 чалавека;", "…, одна — к …")
            if 1900 <= num.value <= 2099 and not num.plus and not num.words and (
                    re.match(r"^\s*(г\.|год\w*|гг|г\b)", after) or
                    re.search(r"(?:^|\s)(?:в|у|ў|з|с|да|до|па|по|за|к|пасля|после|від|од)\s*$", before[-8:])):
                continue  # a year: "у 2021 — 1225 чалавек", "в 2023 году"
            if per_period(before, after):
                continue  # "ежемесячно дают срок 30-40 новым …": a rate, no count (figure_checks decides for all)
            if _POOL_BEFORE.search(before[-12:]):
                continue  # "затрымалі 9 з 12 чалавек": 12 is the group the 9 came from, not a count of its own
            noun, kind = _after_kind(after, russian)
            told_after: str | None = None  # what the clause after a noun left out says befell its people
            pool = _POOL_AFTER.match(after)
            if kind == "none" and pool:
                noun, kind = _after_kind(after[pool.end():], russian)
            coordinated = _COORDINATED_AFTER.match(after)
            if kind == "none" and coordinated:
                noun, kind = _after_kind(after[coordinated.end():], russian)  # "536 и 478 человек": one noun for both
            range_to = _RANGE_TO_AFTER.match(after) if ranged else None
            if kind == "none" and range_to:
                noun, kind = _after_kind(after[range_to.end():], russian)
            if kind == "none" and _FROM_BEFORE.search(before[-4:]):
                m_to = _FROM_TO_AFTER.match(after)
                if m_to:
                    noun, kind = _after_kind(after[m_to.end():], russian)
            back_ref = _REFERENTIAL.search(before[-12:])
            referential = bool(back_ref)
            if back_ref and re.match(r"[вуў]с", back_ref.group(1), re.IGNORECASE) and \
                    not any(f.value == num.value for f in out):
                referential = False  # "апошнія словы ўсіх сямі абвінавачаных": "all seven" is the count, said first
            if referential or (
                    _THRESHOLD_BEFORE.search(before[-25:]) and not (_PASSED_BEFORE.search(before[-25:]) and kind == "person")):
                continue
            if kind == "excluded":
                continue
            sub_of: Figure | None = None
            gap = text[prev_end:num.start]
            joined = prev is not None and len(gap.split()) <= 5 and re.search(r"(,|\s(?:и|і|а)\s)", gap)
            if joined and prev is not None and id(prev) in parent_of:
                sub_of = parent_of[id(prev)]
            elif _REST_BEFORE.search(before[-20:]) and prev is not None:
                sub_of = parent_of.get(id(prev), prev)  # "из них 297 …, остальные 65": a sibling of the parts before
            elif _SUB_BEFORE.search(before[-30:]) or _SUB_AFTER.match(after):
                sub_of = prev or (out[-1] if out else None)
            elif prev is not None and scope.part_of_pool(before, prev_end):
                sub_of = prev  # "из 155 политзаключенных женщин 70 преследуются …": a part of the group just named
            elif prev is not None and ":" in gap and len(gap) < 40:
                sub_of = prev  # "52 палітвязні: 14 замежных … і 38 беларусаў"
            same_as: Figure | None = None
            if kind == "none" and sub_of is None and prev is not None and _ROUGHLY_GAP.match(gap):
                same_as = prev  # "больш як пра 30 затрыманых, дзесьці 32": the same count, put roughly
            elif kind == "none" and sub_of is None and _PLACE_SHARE_AFTER.match(after) and s.para in last_in_para:
                last = last_in_para[s.para]
                sub_of = parent_of.get(id(last), last)  # "… 25 — у Слуцку. 15 — у Жодзіне": a place's share
            elif kind == "none" and sub_of is None and prev is not None and _PLACE_AFTER.match(after) and \
                    re.fullmatch(r"\s*[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*(?:,|\s(?:и|і|а))\s*", text[prev_end:num.start]) and \
                    prev.category in _EVENTS:
                same_as = prev  # "77 … в Петербурге, 15 в Новосибирске": the same kind of count, another place
            elif kind == "none" and num in bracketed and len(bracketed) >= 2 and \
                    _cue_category(text) in _EVENTS - {"sanctioned"}:
                kind = "person"  # "затрыманыя … у Гродне (11), Смалявічах (10)": counts by place, in brackets
            if same_as is not None:
                pass
            elif kind == "none":
                words_before = [w for w, _ in _words(before)[-16:]]
                app = _APPOSITION.search(before[-40:])
                if num.plus or (num.text.lower() in COLLECTIVE_WORDS and not before.strip(" \t«\"„“—–-")):
                    kind = "person"  # "+8": new ones; "Двое не выйшлі …": a collective numeral opening a sentence
                elif sub_of is not None:
                    pass
                elif _BARE_OK_BEFORE.search(before[-25:]) and (any(cx.PERSON_NOUN.match(w) for w in words_before) or
                                                               cx.POLITICAL_PRISONERS.search(before)):
                    pass
                elif app and cx.PERSON_NOUN.match(app.group("noun")):
                    pass
                elif _TOTAL_BARE.search(before[-20:]) and prev is not None and prev.category in _COUNTS_OF_PRISONERS:
                    pass  # "девять новых политзаключенных, а всего их 41": the total of what was just counted
                elif prev is not None and prev.counted and scope.shares_noun(before, after):
                    noun, kind = prev.counted, "person"  # "…, более пяти тысяч — понесли наказание": the same noun
                    told_after = _cue_category(re.split(r"[,;.]", after.lstrip(" —–-"), maxsplit=1)[0])
                elif _DASH_BEFORE.search(before[-4:]) and s.para in last_in_para:
                    sub_of = last_in_para[s.para]
                elif re.match(r"^\s*[—–]\s|^\s+-\s", after) and prev is not None and (
                        re.search(r",\s*$", before) or (id(prev) in parent_of and re.search(r"\s(?:и|і|а)\s*$", before))):
                    sub_of = parent_of.get(id(prev), prev)  # "22 человека – в Брестской, 12 – в Гомельской"
                elif len(before.split()) <= 1 and re.match(r"^\s*[—–-]", after) and (
                        cx.POLITICAL_PRISONERS.search(after) or cx.PERSON_NOUN.search(after)):
                    pass  # "Амаль 300 – столькі цяпер палітвязняў"
                else:
                    continue
            if kind == "org" and not cx.SANCTION.search(text) and not ctx.sanctions_doc:
                continue
            clause = _clause(text, num.start, num.end)
            if cx.PARTICIPATION.search(clause) and _cue_category(clause) is None \
                    and not cx.POLITICAL_PRISONERS.search(clause):
                continue  # "в акции приняли участие около 5000 человек": a crowd's size
            category = _category(text, num.start, num.end, noun, kind, ctx)
            if category == "":
                continue
            if category == "newly_recognised" and _PASSED_BEFORE.search(before[-25:]):
                category = "political_prisoners"  # "колькасць прызнаных … перасягала 1500": a level, no new ones
            if num.plus and category in (None, "political_prisoners"):
                category = "newly_recognised"
            if same_as is not None:
                category = same_as.category
            elif sub_of is not None:
                # a sub-count of a stock with a verb of its own takes that verb's category ("з іх … выйшлі
                # з-за кратаў"); a sub-count of an event stays in it ("из 22 помилованных 20 были осуждены")
                own_cue = _cue_category(_clause(text, num.start, num.end)[:120])
                category = own_cue if own_cue and own_cue != "sanctioned" and sub_of.category not in _EVENTS \
                    else sub_of.category
                if own_cue is None and cx.IMPRISONED.search(_clause(text, num.start, num.end)):
                    category = "political_prisoners"  # "902 фигуранта, из них 260 находятся в местах лишения свободы"
            if told_after is not None:
                category = told_after
            if item is not None and sub_of is None:
                category = scope.item_category(item, category)  # "… пакаранні:" / "• … арышту … 24 чалавек;"
            if category is None and announced is not None and s_index - announced[0] <= 2 and kind == "person" \
                    and announced[1]:
                category = announced[1]  # "МУС назвала колькасць затрыманых … Праверка … ў дачыненні да 100 грамадзян"
            if category is None and kind == "person":
                # "… каля 15 чалавек запалілі знічы. … Усе яны былі затрыманыя": what befell them all, said in one
                # of the next two sentences of the paragraph
                for nxt in sentences[s_index + 1:s_index + 3]:
                    follow = _ALL_OF_THEM.search(nxt.text) if nxt.para == s.para else None
                    if follow:
                        category = _cue_category(nxt.text[follow.start():follow.start() + 120])
                        break
            if category is None and kind in ("person", "event") and not ctx.sanctions_doc:
                category = _topic(sentences, s_index, before)
            if category is None:
                same = [f for f in out if f.value == num.value]
                if same:
                    category = same[-1].category  # a repeat of a count the article gave before
            if kind == "org" and category != "sanctioned":
                continue
            if category is None and ctx.sanctions_doc and kind == "person":
                category = "sanctioned"  # "197 чиновников из …" in an article about sanctions lists
            if category is None:
                if num.value < 10:
                    continue
                category = "other"
            fig = Figure(
                value=num.value, qualifier="at_least" if ranged else _qualifier(before, after, num), category=category,
                reporter=reporter or (sub_of.reporter if sub_of is not None else None),
                as_of=_as_of(text, num.start, category, ctx), sentence=s.text,
                start=s.start + num.start, end=s.start + num.end, sentence_start=s.start, sentence_end=s.end,
                counted=noun, parent=out.index(sub_of) if sub_of is not None and sub_of in out else None,
                headline=s.kind == TITLE,
            )
            out.append(fig)
            if sub_of is not None:
                parent_of[id(fig)] = sub_of
            announced = None
            last_in_para[s.para] = fig
            prev, prev_end = fig, num.end
    for fig in out:
        if fig.headline and fig.category in ("other", "political_prisoners"):
            # a title's count the body categorises ("праверка ў адносінах да 100 чалавек" over the body's
            # "колькасць затрыманых … 100"): the body says what it counts
            body = [f for f in out if not f.headline and f.value == fig.value and f.category != "other" and
                    (fig.category == "other" or f.category in _EVENTS)]
            if body:
                fig.category = body[0].category
    return out
