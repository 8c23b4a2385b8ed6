"""People declared political prisoners, and sanctions statements, in Belarusian and Russian articles.

Recognitions are announced the same few ways in both languages: a sentence that names the people
("Праваабаронцы прызналі палітвязнямі Тараса Дзямчука, …"), a sentence that introduces a list after a colon
or a dash ("Имена новых политзаключенных — …", "В перечень … добавлены следующие люди:"), or a list
that follows a recognition a paragraph or two later ("Это Ольга Демченко, …"). Each name is brought back to
the nominative (``cyr_names``). Sanctions statements are sentences with a sanctions word that name people,
or, in an article about sanctions, the sentences that list them ("В частности, это …", "Зараз у спісе …:");
the jurisdictions are the states named in the sentence, else in the article's last sanctioning sentence.
"""

from __future__ import annotations

import re
import unicodedata

from reckon.dates.text import iter_cyr_dates
from reckon.news import cyr_declared_refs as refs
from reckon.news import cyr_lexicon as cx
from reckon.news.cyr_names import (
    PersonName,
    find_person_names,
    fleeting_vowel_surname,
    given_readings,
    prefer_case,
    surname_nominative,
    surname_stem,
)
from reckon.news.cyr_numbers import find_numbers
from reckon.news.cyr_sanction_people import (
    NOT_TARGET_AFTER,
    as_listed,
    governed_oblique,
    no_person,
    victims_among,
)
from reckon.news.model import DeclaredPrisoner, SanctionStatement
from reckon.news.sanction_removals import removal
from reckon.news.text import BODY, BULLET, HEADING, TITLE, Layout, Sentence

_LIST_INTRO = re.compile(r"(следующ\w+\s+(?:фамили|имен|им[её]н|люд)\w*|наступн\w+\s+(?:прозвішч|імён|людз)\w*|"
                         r"имена\s+(?:и\s+фамилии\s+)?нов\w+|імёны\s+(?:і\s+прозвішчы\s+)?нов\w+|"
                         r"завуць|зовут|[:—–]\s*$)", re.IGNORECASE)
_THIS_IS = re.compile(r"^\s*(это|гэта|ими\s+стали|імі\s+сталі|среди\s+них|сярод\s+іх|"
                      # "В него вошли …", "В списке оказались …": the members of a list just published
                      r"(?:в|у|ў)\s+(?:него|нее|неё|них|список|списке|списки|списках|перечень|перечне|яго|яе|іх|"
                      r"спіс|спісе|спісы)(?:\s*,[^,.]{1,80},)?\s+(?:впервые\s+|также\s+|упершыню\s+|таксама\s+)?"
                      r"(?:вош[её]?л\w*|оказал\w*|попал\w*|включен\w*|включ[её]н\w*|увайш\w*|трапіл\w*|уключан\w*|"
                      r"вход(?:ят|ит)|уваход(?:зяць|зіць))|"
                      # "Новые политзеки - …": the recognised named by a noun, then a dash
                      r"(?:[а-яёіў]+\s+){0,2}(?:политзаключ|политз[еэ]к|палітвяз|палітзняволен|узник)\w*(?=\s*[—–-]\s))"
                      r"\b[\s:—–-]*", re.IGNORECASE)
_NOT_DECLARED = re.compile(r"(лишил\w*\s+статус|исключил\w*\s+из\s+списк|пазбавіл\w*\s+статус|выключыл\w*\s+са\s+спіс|"
                           r"не\s+признал|не\s+прызнал)", re.IGNORECASE)
_CUSTODY = re.compile(r"(находится\s+под\s+стражей|в\s+СИЗО|у\s+СІЗА|за\s+решеткой|за\s+кратамі|за\s+кратами|"
                      r"знаходзіцца\s+пад\s+вартай|остается\s+в\s+заключении|застаецца\s+ў\s+зняволенні)", re.IGNORECASE)
_RECOGNISER = re.compile(
    r"(правозащитн\w+(?:\s+(?:сообществ\w*|центр\w*|организаци\w*))?(?:\s+(?:из\s+)?«[^»]{2,40}»)?|"
    r"праваабаронц\w+(?:\s+(?:з\s+)?«[^»]{2,40}»)?|праваабарончая\s+супольнасць|беларуская\s+праваабарончая\s+"
    r"супольнасць|правозащитное\s+сообщество|«Вясн\w*»|«Весн\w*»)", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^\W{{0,3}}\s*({cx.SPEECH_VERBS})", re.IGNORECASE)
_SANCTIONING_ROLE = re.compile(r"(госсекретар\w*|дзяржсакратар\w*|глав\w+\s+(?:Евросовета|Еврокомиссии|МИД|Минфина)|"
                               r"председател\w*\s+(?:Еврокомиссии|Евросовета)|министр\w*\s+иностранных\s+дел|"
                               r"міністр\w*\s+замежных\s+спраў|верховн\w*\s+представител\w*|спецпосланник\w*|"
                               r"спэцпасланьнік\w*|президент\w*\s+США|прэзідэнт\w*\s+ЗША|сенатор\w*)\s+(?:\S+\s+){0,3}$",
                               re.IGNORECASE)
# "в том числе премьер-министр …, министр иностранных дел X": a role inside a list of targets is a target's
_ENUMERATION = re.compile(r"(в\s+том\s+числе|включая|в\s+частности|среди\s+(?:них|которых)|у\s+тым\s+ліку|"
                          r"уключаючы|у\s+прыватнасці|сярод\s+(?:іх|якіх))", re.IGNORECASE)
_LISTING = re.compile(r"(спис\w*|спіс\w*|сьпіс\w*|перечень|в\s+частности|у\s+прыватнасці|под\s+санкци\w*|"
                      r"пад\s+санкцы\w*|попал\w*|трапіл\w*|включ[её]н\w*|уключан\w*|внес[её]н\w*|унесен\w*|"
                      r"фигурант\w*|фігурант\w*)", re.IGNORECASE)

_JURISDICTIONS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"(США|ЗША|Соедин[её]нн\w+\s+Штат\w*|Злучан\w+\s+Штат\w*|Минфин\w*\s+США|Госдеп\w*|"
                r"американск\w*|амерыканск\w*|Вашингтон\w*|Белый\s+дом|Белага\s+дома|Белы\s+дом|OFAC)"), ("US",)),
    (re.compile(r"(\bЕС\b|\bЕЗ\b|Евросоюз\w*|Еўрасаюз\w*|Эўразьвяз\w*|Еўразвяз\w*|Европейск\w+\s+союз\w*|Еўрапейск\w+\s+саюз\w*|"
                r"Евросовет\w*|Еврокомисси\w*|Совет\w*\s+ЕС|Савет\w*\s+ЕС|стран\w*\s+ЕС)"), ("EU",)),
    (re.compile(r"(Великобритани\w*|Британи\w*|британск\w*|Вялікабрытані\w*|Брытані\w*|брытанск\w*|"
                r"Соедин[её]нн\w+\s+Королевств\w*|Лондон\w*)"), ("GB",)),
    (re.compile(r"(Канад\w*|канадск\w*)"), ("CA",)),
    (re.compile(r"(Швейцари\w*|Швейцары\w*|швейцарск\w*)"), ("CH",)),
    (re.compile(r"(Япони\w*|Японі\w*|японск\w*)"), ("JP",)),
    (re.compile(r"(Австрали\w*|Аўстралі\w*|австралийск\w*|аўстралійск\w*)"), ("AU",)),
    (re.compile(r"(Нов\w+\s+Зеланди\w*|Нов\w+\s+Зеландыі|Нов\w+\s+Зеландыя|Нов\w+\s+Зеландыю|новозеландск\w*|"
                r"новазеландск\w*|Веллингтон\w*|Велінгтон\w*)"), ("NZ",)),
    (re.compile(r"(Норвеги\w*|Нарвегі\w*)"), ("NO",)),
    (re.compile(r"(Украин\w*|Украін\w*|Украiн\w*)"), ("UA",)),
    (re.compile(r"(Литв\w*|Літв\w*|литовск\w*|літоўск\w*)"), ("LT",)),
    (re.compile(r"(Латви\w*|Латві\w*|латвийск\w*)"), ("LV",)),
    (re.compile(r"(Эстони\w*|Эстоні\w*|эстонск\w*)"), ("EE",)),
    (re.compile(r"(Польш\w*|Польшч\w*|польск\w*)"), ("PL",)),
    (re.compile(r"(Прибалтик\w*|прибалтийск\w*|Балтыі|Балтыя|балтыйск\w*|стран\w*\s+Балтии)"), ("LT", "LV", "EE")),
]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")


def jurisdictions(text: str) -> list[str]:
    """States and blocs named in ``text`` (ISO 3166 alpha-2, ``EU``), in order of mention."""
    found: list[tuple[int, str]] = []
    for rx, codes in _JURISDICTIONS:
        for m in rx.finditer(text):
            found.extend((m.start(), c) for c in codes)
    out: list[str] = []
    for _, c in sorted(found):
        if c not in out:
            out.append(c)
    return out


_QUOTED_STATEMENT = re.compile(r"^\s*[„«“\"]")


# every alternative of ``cx.RECOGNITION`` holds one of these: a cheap test before the costly search
_RECOGNITION_KEYS = ("призна", "прызна", "назва", "аб'яв", "аб’яв", "палітвяз", "политзак", "палітычн", "политическ",
                     "палітзн", "палітзьн", "статус", "дадал", "добав", "внес", "внёс", "включ", "уключ", "унёс",
                     "унесл", "спис", "спіс", "сьпіс", "ліча", "лічы", "счита")


# Recognitions the shared lexicon (which figures use too) does not read, for declarations only:
_DECLARING = re.compile(
    # "признал редакторов журнала X Армена А., Аллу Г. … политическими заключенными": whatever stands between
    # the verb and the status, the status in the instrumental is what the verb makes of its object
    r"(?:признал\w*|призна[её]т|признают|призна[её]м|прызнал\w*|прызнаў|прызнае|прызнаюць|прызна[её]м|назвал\w*|"
    r"назвалі|считает|считают|лічыць|лічаць)\s[^.!?;]{0,400}?"
    r"(?:политзаключ[её]нн(?:ым|ыми)|политическ(?:им|ими)\s+заключ[её]нн(?:ым|ыми)|палітвязь?н(?:ем|ямі)|"
    r"палітычн(?:ым|ымі)\s+(?:вязь?н(?:ем|ямі)|зь?няволен(?:ым|ымі))|палітзь?няволен(?:ым|ымі))|"
    # "внес в список политических заключенных еще четырех журналистов": a list of political prisoners grows
    r"(?:внес|внёс|внесл|включил|добавил|дадал|уключыл|унёс|унесл|дабавіл)\w*\s+(?:\S+\s+){0,4}?(?:в|у|ў|к|да)\s+"
    r"(?:\S+\s+)?(?:спис|спіс|сьпіс|перечень|пералік)\w*\s+(?:политзаключ|политическ\w*\s+заключ|палітвяз|"
    r"палітычн\w*\s+(?:вязн|зняволен))|"
    # "список политических заключенных пополнили A, B …": the list grew by the people it names (the lexicon
    # reads only "список политзаключенных пополнился")
    r"(?:спис|спіс|сьпіс)\w*\s+(?:политзаключ|политическ\w*\s+заключ|палітвяз|палітычн\w*\s+(?:вязн|зняволен))\w*\s+"
    r"(?:\S+\s+){0,3}?(?:пополнил\w*|папоўнілі|папоўніў|папоўніла)|"
    # "о двух политзаключенных, которых признали правозащитники": the recognised named before the verb
    r"(?:политзаключ|палітвяз|палітзняволен)\w*\s*,\s*(?:которых|которого|которую|якіх|якога|якую)\s+"
    r"(?:\S+\s+){0,3}?(?:признал\w*|прызнал\w*|прызнаў)|"
    # "опубликовал новый список политзаключенных": the list's members follow ("В него вошли …")
    r"(?:опубликовал\w*|обнародовал\w*|апублікавал\w*|апублікаваў)\s+(?:\S+\s+){0,3}?(?:спис|спіс)\w*\s+"
    r"(?:\S+\s+)?(?:политзаключ|политическ\w*\s+заключ|палітвяз)", re.IGNORECASE)
# "дадалі абвінавачанне", "добавили статью": a charge added to a case, not a name to a list
_ADDED_CHARGE = re.compile(r"(?:дадал|добавил|дабавіл)\w*\s+(?:\S+\s+)?(?:абвінавачванн|абвінавачанн|обвинени|артыкул|"
                           r"стать|стате|эпізод|эпизод|тэрмін|срок)\w*", re.IGNORECASE)


def _is_recognition(sentence: str) -> bool:
    low = sentence.lower()
    if not any(k in low for k in _RECOGNITION_KEYS):
        return False
    if _NOT_DECLARED.search(sentence):
        return False
    text = _ADDED_CHARGE.sub(lambda m: " " * len(m.group(0)), sentence)
    return bool(cx.RECOGNITION.search(text) or _DECLARING.search(text))


# a name followed by a verb of speech is whoever speaks of the recognition ("Юрист «Весны» X подчеркивает, что
# это решение … которые признали A и B политзаключенными"), not one of the recognised
_SPEAKS_AFTER = re.compile(rf"^\s+(?:(?!призна|прызна)(?:{cx.SPEECH_VERBS})|подчеркива\w*|перечисля\w*|"
                           r"отмечает|падкрэслівае|пералічвае)", re.IGNORECASE)
# a name just after a state office in the genitive ("дачи кубанского губернатора Александра Ткачева") is the
# official's, named to say who did what to the recognised, not one of them ("бывшего следователя X" is the
# recognised one's past work)
_OFFICE_BEFORE = re.compile(r"(?<![\w’-])(?<!бывшего\s)(?<!бывшей\s)(?<!былога\s)(?<!былой\s)(?<!экс-)(?:губернатор|судь|судд|прокурор|следовател|следчаг|министр|міністр|"
                            r"мэр|глав|кіраўнік|начальник|начальнік|президент|прэзідэнт)[а-яёіў]*\s+$", re.IGNORECASE)


def _list_like(text: str) -> bool:
    body = _THIS_IS.sub("", text)
    body = re.sub(r"^[^:—–]{0,80}[:—–]\s*", "", body) if re.search(r"[:—–]", body[:90]) else body
    items = [i.strip(" .;") for i in re.split(r",|\s+(?:и|і|а\s+также)\s+", body) if i.strip(" .;")]
    if len(items) < 2:
        return False
    named = sum(1 for i in items if re.fullmatch(r"[А-ЯЁІЎ][\w’'-]+(?:\s+[А-ЯЁІЎ][\w’'-]+){1,2}", i))
    return named / len(items) >= 0.7


# a line of a list set one name per line: "Алена Васілевіч, 1985 г. н.,", "Игорь Лемешевский." — the name first,
# then only punctuation, brackets or particulars, never a verb of a sentence
_LINE_REST = re.compile(r"^\s*(?:$|[,(—–:;.]|-\s)")
_LINE_VERB = re.compile(r"\b[а-яёіў]{3,}(?:ла|лі|ли|ў|ет|ит|ць|юць|ают|уют|ся|цца)\b")
# "… прызнаюць іх палітвязнямі": a recognition that points back at names listed just before
_BACK_REF = re.compile(r"(?<![\w])(их|іх|всех\s+их|усіх\s+іх|эт\w+\s+(?:люд\w+|лиц)|гэт\w+\s+(?:людз\w+|асоб)|"
                       r"перечисленн\w+|названн\w+|пералічан\w+|названы\w*)(?![\w])", re.IGNORECASE)


def _name_line(s: Sentence, belarusian: bool | None = None) -> list[PersonName]:
    """The one name a short line of a list gives, else nothing (``belarusian``: the line's language, when the
    caller knows it better than the line's letters do)."""
    if len(s.text) > 140:
        return []
    names = find_person_names(s.text, belarusian=_be(s.text) if belarusian is None else belarusian, list_context=True)
    if not names or names[0].start > 2:
        return []
    rest = s.text[names[0].end:]
    if not _LINE_REST.match(rest):
        return []
    # "Алена В. Яе асудзілі …" (the name a sentence of its own) and "Алена В., 1985 г. н., асуджана на 3 гады;"
    # (an item of a run that ends in ";" or ",") keep their verbs; a verb of speech makes a sentence
    item = bool(re.match(r"^\.\s+[А-ЯЁІЎ]", rest)) or s.text.rstrip().endswith((";", ","))
    if item and not re.search(cx.SPEECH_VERBS, rest, re.IGNORECASE):
        return names[:1]
    return [] if _LINE_VERB.search(rest.split("(")[0]) else names[:1]


def _lead_name(s: Sentence, objects: bool = False) -> list[PersonName]:
    """The name that opens a paragraph about one person ("Максим Петров, 34 года, из Гомеля. …"), else nothing;
    with ``objects`` (the paragraphs name the objects of an active recognition) the name may be in an oblique
    case ("Михаила Петрова, который …")."""
    names = find_person_names(s.text, belarusian=_be(s.text))
    if not names or names[0].start > 2 or names[0].case not in (("nomn", None, "obl") if objects else ("nomn", None)):
        return []
    return names[:1] if re.match(r"^\s*(?:[,(—–]|-\s|\.\s|$)", s.text[names[0].end:]) else []


def _announced_count(text: str) -> int | None:
    """How many people a recognition without names announces ("признаны еще три человека"), if it says."""
    counts = [n.value for n in find_numbers(text) if 1 <= n.value <= 60]
    return counts[0] if len(counts) == 1 else None


def extract_cyr_declared(lay: Layout, sentences: list[Sentence], *, published: str | None,
                         fallback_year: int | None = None) -> list[DeclaredPrisoner]:
    """People an article declares political prisoners (names in the nominative, as the register wants them)."""
    out: list[DeclaredPrisoner] = []
    seen: set[str] = set()
    armed_until = -1  # paragraph index up to which a recognition may still be followed by its list
    armed_by: Sentence | None = None
    last_by: str | None = None
    last_date: str | None = None
    pending: list[tuple[Sentence, PersonName]] = []  # names listed after "… супраць наступных асоб:"
    pending_until = -1
    bios_left = 0  # paragraphs, one a person, still owed to a recognition that counted them without names
    last_para = -1
    for k, s in enumerate(sentences):
        opens_para, last_para = s.para != last_para, s.para
        if s.kind not in (TITLE, BODY, BULLET, HEADING):
            continue
        names: list[PersonName] = []
        source = s
        if s.para <= pending_until and not _is_recognition(s.text):
            line = _name_line(s)
            if line:
                pending.append((s, line[0]))
                pending_until = s.para + 1
                continue
        if _is_recognition(s.text) and pending and s.para <= pending_until + 1 and _BACK_REF.search(s.text) \
                and not find_person_names(s.text, belarusian=_be(s.text)):
            for src, n in pending:  # "Праваабаронцы прызнаюць іх палітвязнямі": the names listed above
                key = fold(n.nominative)
                if key not in seen:
                    seen.add(key)
                    out.append(DeclaredPrisoner(name=n.nominative, article=None, sentence_text=None,
                                                context=src.text, start=src.start + n.start, end=src.start + n.end,
                                                recognised_on=published, recognised_by=None, in_custody=False,
                                                written=n.written))
            pending, pending_until = [], -1
            continue
        if s.text.rstrip().endswith(":") and not _is_recognition(s.text):
            pending, pending_until = [], s.para + 1
        rec = cx.RECOGNITION.search(s.text)
        # "Всего признаны 1185 человек" is a total; "появилось девять новых …, а всего их 41" a recognition first
        if _is_recognition(s.text) and not (cx.TOTAL.search(s.text[:rec.end() if rec else len(s.text)]) and
                                            not _LIST_INTRO.search(s.text)):
            who = _RECOGNISER.search(s.text)
            last_by = who.group(0) if who else last_by
            when = [v for _, _, v in iter_cyr_dates(s.text, None, fallback_year) if v]
            last_date = when[0] if when else last_date
            cue = cx.RECOGNITION.search(s.text)
            tail_at = cue.start() if cue else 0
            colon = re.search(r"[:—–]\s*", s.text[tail_at:])
            if colon:
                list_part = s.text[tail_at + colon.end():]
                names = find_person_names(list_part, belarusian=_be(s.text), list_context=_list_like(list_part),
                                          offset=tail_at + colon.end())
            if not colon or not names and _QUOTED_STATEMENT.match(s.text):
                # "„Мы ацэньваем пераслед A, B … і прызнаем іх палітычнымі зняволенымі”, – гаворыцца ў заяве":
                # the dash after the cue is the attribution, the names are those of the quoted statement
                names = find_person_names(s.text, belarusian=_be(s.text))
            if not names and refs.one_person_recognition(s.text):  # "7 октября Иван был признан политзаключенным"
                names = refs.named_in_part(s, sentences[:k], belarusian=_be(s.text))
            if not names or _LIST_INTRO.search(s.text):
                armed_until, armed_by = s.para + 3, s
                bios_left = (_announced_count(s.text[tail_at:]) or 0) if not names else 0
        elif s.para <= armed_until and (_list_like(s.text) or _THIS_IS.match(s.text)):
            body_at = _THIS_IS.match(s.text).end() if _THIS_IS.match(s.text) else 0
            names = find_person_names(s.text[body_at:], belarusian=_be(s.text), list_context=True, offset=body_at)
            source = armed_by or s
            if names:
                armed_until = -1
        elif s.para <= armed_until and armed_by is not None and armed_by.text.rstrip().endswith(":") \
                and _name_line(s):
            names = _name_line(s)  # one name a line under "… прызнала палітвязнямі:"
            source = armed_by
            armed_until = s.para + 1
        elif s.para <= armed_until and armed_by is not None and bios_left > 0 and opens_para and \
                _lead_name(s, objects=bool(refs.ACTIVE_RECOGNITION.search(armed_by.text))):
            # "Политзаключенными признаны еще три человека." then a paragraph on each: "Максим Петров, 34 года, …"
            names = _lead_name(s, objects=bool(refs.ACTIVE_RECOGNITION.search(armed_by.text)))
            source = armed_by
            armed_until, bios_left = s.para + 2, bios_left - 1
        if not names:
            continue
        names = prefer_case(refs.list_neighbours(names, s.text, belarusian=_be(s.text)), s.text, belarusian=_be(s.text))
        names = [n for n in names if not _SPEAKS_AFTER.match(s.text[n.end:]) and
                 not _OFFICE_BEFORE.search(s.text[max(0, n.start - 40):n.start])]
        dates = [v for _, _, v in iter_cyr_dates(source.text, None, fallback_year) if v]
        by = _RECOGNISER.search(source.text)
        for n in names:
            key = fold(n.nominative)
            if key in seen:
                continue
            seen.add(key)
            out.append(DeclaredPrisoner(
                name=n.nominative, article=None, sentence_text=None, context=s.text,
                start=s.start + n.start, end=s.start + n.end,
                recognised_on=dates[0] if dates else (last_date or published),
                recognised_by=by.group(0) if by else last_by, in_custody=bool(_CUSTODY.search(s.text)),
                written=n.written,
            ))
    for d in out:
        parts = d.name.split()
        parts[-1] = fleeting_vowel_surname(parts[-1], lay.text)
        d.name = " ".join(parts)
        if d.written == d.name:
            d.written = None
    return out


def _be(text: str) -> bool:
    return "ў" in text or text.count("і") > text.count("и")


def is_cyr_sanctions_doc(title: str | None, text: str) -> bool:
    head = (title or "") + " " + text[:600]
    return bool(cx.SANCTION.search(head))


# "в отношении жены Карпенкова Ирины и сына Игоря", "сыновей Лукашенко – Виктора и Дмитрия": relatives named by
# kinship, the relative's surname in the genitive, then (after a dash, or not) their own given names
_KIN_WORD = (r"жен[аыуе]|супруг[аиуе]|муж[аеу]?|сын[аеу]?|сыновей|сыновья|доч(?:ь|ери|ерей)|брат[аеу]?|"
             r"сестр[аыу]|жонк[іау]|сыноў|дачк[іау]|дачок")
_KIN = re.compile(rf"\b(?P<kin>{_KIN_WORD})\s+(?P<sur>[А-ЯЁІЎ][а-яёіў’-]+)(?:\s*[–—-]\s*|\s+)"
                  rf"(?P<given>[А-ЯЁІЎ][а-яёіў]+(?:\s*(?:,|и|і)\s*(?:(?:{_KIN_WORD})\s+)?[А-ЯЁІЎ][а-яёіў]+)*)")
_FEMALE_KIN = re.compile(r"^(жен|супруг[иуа]|доч|сестр|жонк|дачк|дачок)", re.I)
# "против семей Николая К. и Дмитрия Б.": the families are the targets, not the people they are named after
_FAMILY_OF = re.compile(r"(сем(?:ей|ьи|ью|ьям)|сем[’']?яў|сям[’']?і|родственник\w*|родных|сваякоў)\s+$", re.I)
_FAMILY_LIST = re.compile(r"(сем(?:ей|ьи|ью|ьям)|сем[’']?яў|сям[’']?і|родственник\w*|родных|сваякоў)\s+"
                          r"(?:[А-ЯЁІЎ][\w’-]+\s+){1,3}(?:,\s*|(?:и|і)\s+)$", re.I)


def _family_surname(genitive: str, belarusian: bool) -> str:
    """The family's surname (a man's nominative) from its genitive: Карпенкова -> Карпенков, Балабы -> Балаба."""
    low = genitive.lower()
    if re.search(r"(ов|ев|ёв|ин|ын|оў|еў|ін)а$", low):
        return genitive[:-1]
    if re.search(r"[^аеёиоуыэюяіў]ы$", low):
        return genitive[:-1] + "а"
    if re.search(r"[^аеёиоуыэюяіў]и$", low) and not belarusian:
        return genitive[:-1] + "а"
    return surname_nominative(genitive, "male", "obl", belarusian)


def _kin_targets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, nominative name) of each relative a kinship phrase names, with the family surname."""
    out: list[tuple[int, int, str]] = []
    for m in _KIN.finditer(text):
        family = _family_surname(m.group("sur"), _be(text))
        female = bool(_FEMALE_KIN.match(m.group("kin")))
        given = m.group("given")
        for g in re.finditer(rf"(?:(?P<k>{_KIN_WORD})\s+)?(?P<n>[А-ЯЁІЎ][а-яёіў]+)", given):
            if g.group("k"):
                female = bool(_FEMALE_KIN.match(g.group("k")))
            readings = [r for r in given_readings(g.group("n")) if r.sex == ("female" if female else "male")]
            if not readings:
                continue
            sur = family
            if female and re.search(r"(ов|ев|ёв|ин|ын|оў|еў|ін)$", family):
                sur = family + "а"
            elif female and re.search(r"(ский|цкий|скі|цкі)$", family):
                sur = re.sub(r"(ий|і)$", "ая", family)
            out.append((m.start(), m.end(), f"{readings[0].nominative} {sur}"))
    return out


# "В их числе …", "Среди бизнесменов …", "Сярод іх …": the opening of a sentence that points back at a set of people
# ("Среди причин …" is no set of people: the noun after среди/сярод must be a plural of people's shape)
_BACK_LIST = re.compile(r"^\W{0,3}(?:в\s+(?:их|том)\s+числе|у\s+(?:іх|тым)\s+ліку|сред(?:и|ь)\s+[а-яё]*(?:ов|ев|ей|их|ых)|"
                        r"сярод\s+[а-яёіў]*(?:аў|яў|оў|еў|ей|іх|ых)|"
                        r"в\s+частности|у\s+прыватнасці|ими\s+(?:стали|оказались)|імі\s+(?:сталі|апынуліся))\b",
                        re.IGNORECASE)
# "Аналогичные меры ввела Канада": another jurisdiction joins the sanctions just described
_SIMILAR_MEASURES = re.compile(r"\b(аналогичн\w*|такие\s+же|подобные(?:\s+же)?|аналагічн\w*|такія\s+ж|падобныя(?:\s+ж)?)\s+"
                               r"(меры|санкци\w*|ограничени\w*|санкцы\w*|абмежаванн\w*|крок\w*|шаги)", re.IGNORECASE)
# "Александра Лукашенко и его сына Виктора": a relative named by the given name after the person's own name
# "его бывшей жене Галине", "яго старэйшага сына Віктара": one or two adjectives may stand before the kinship word
_PRONOUN_KIN = re.compile(rf"\b(?:его|её|ее|яго|яе)\s+(?:[а-яёіў]+(?:ей|ой|ому|ему|ого|его|ую|юю|ая|яя|ий|ый|ые|ых|"
                          rf"ай|ага|аму|ым|ім|іх|ыя|ія)\s+){{0,2}}(?P<kin>{_KIN_WORD})\s+"
                          r"(?P<given>[А-ЯЁІЎ][а-яёіў]+)")


def _pronoun_kin_targets(text: str, names: list, last_named: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of relatives named as "его сына Виктора" after a person: the person's surname,
    in the relative's sex, with the relative's given name in the nominative. The person is the last one named
    in the sentence, else ``last_named`` (the last full name of the article's sentences before:
    "… Александра Лукашенко в санкционный список. Под ограничения попали также его сын Виктор")."""
    out: list[tuple[int, int, str]] = []
    for m in _PRONOUN_KIN.finditer(text):
        before = [n.nominative for n in names if n.end <= m.start()]
        if not before and last_named:
            before = [last_named]
        if not before or len(before[-1].split()) < 2:
            continue
        female = bool(_FEMALE_KIN.match(m.group("kin")))
        readings = [r for r in given_readings(m.group("given")) if r.sex == ("female" if female else "male")]
        if not readings:
            continue
        family = before[-1].split()[-1]
        if female and re.search(r"(ов|ев|ёв|ин|ын|оў|еў|ін)$", family):
            family += "а"
        elif female and re.search(r"(ский|цкий|скі|цкі)$", family):
            family = re.sub(r"(ий|і)$", "ая", family)
        out.append((m.start(), m.end(), f"{readings[0].nominative} {family}"))
    return out


# "в отношении 44 должностных лиц, включая самого Лукашенко": a surname alone in a list of targets, of a person the
# article named in full before
_INCLUDING_SURNAME = re.compile(r"(?:включая|в\s+том\s+числе|уключаючы|у\s+тым\s+ліку)\s+(?:(?:самого|самога|и|і)\s+)?"
                                r"(?P<sur>[А-ЯЁІЎ][а-яёіў’-]{2,})(?![\w’-])(?!\s+[А-ЯЁІЎ])")




def _surname_only_targets(text: str, known: dict[str, str], names: list) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in _INCLUDING_SURNAME.finditer(text):
        full = known.get(surname_stem(m.group("sur")))
        if full and not any(n.start <= m.start("sur") < n.end for n in names):
            out.append((m.start("sur"), m.end("sur"), full))
    return out


def extract_cyr_sanctions(sentences: list[Sentence], *, sanctions_doc: bool, published: str | None = None,
                          speakers: set[str] | None = None) -> list[SanctionStatement]:
    """Sanctions statements about named people, with the jurisdictions that impose them."""
    out: list[SanctionStatement] = []
    speakers_folded = {fold(s.split()[-1]) for s in (speakers or set()) if s}
    last_juris: list[str] = []
    doc_juris: list[str] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    known: dict[str, str] = {}  # surname stem -> the full name the article gave before
    last_named: str | None = None
    prev_cue = False
    list_armed = False
    # a line with none of і, и, ў ("Алена Тэстава, суддзя абласнога суда;") is in the language of the article
    doc_be = 2 * sum(_be(s.text) for s in sentences if re.search(r"[іиўІИЎ]", s.text)) > \
        sum(1 for s in sentences if re.search(r"[іиўІИЎ]", s.text))
    for s in sentences:
        text = s.text
        be = _be(text) if re.search(r"[іиўІИЎ]", text) else doc_be
        similar = _SIMILAR_MEASURES.search(text)
        joined = [j for j in jurisdictions(text) if j not in ("BY", "RU")] if similar else []
        # "Раней Аўстралія ўвяла падобныя санкцыі супраць X": a sentence with targets of its own is a listing
        if joined and last_juris and not find_person_names(text, belarusian=be):
            # "Аналогичные меры ввела Канада": the targets of the sanctions just described are Canada's too
            for st in out:
                if st.jurisdictions == last_juris:
                    st.jurisdictions = st.jurisdictions + [j for j in joined if j not in st.jurisdictions]
            last_juris = last_juris + [j for j in joined if j not in last_juris]
            continue
        cue = cx.SANCTION.search(text)
        if removal(text):  # "Са спісу выключаныя A, B …": off the list, and no list of targets follows
            prev_cue = list_armed = False
            continue
        if cue is None:
            measures = cx.MEASURES_AGAINST.search(text)  # "Швейцарыя ўжыла меры супраць …"
            cue = measures if measures and jurisdictions(text) else None
        if s.kind == TITLE and cue:
            doc_juris = [j for j in jurisdictions(text) if j not in ("BY", "RU")]
        listing = sanctions_doc and _LISTING.search(text)
        # "… запрет на въезд для почти трехсот граждан. В их числе сам Александр Лукашенко.": a sentence that opens
        # by pointing back at the people a sanctioning sentence just counted or named goes on with its targets
        back = prev_cue and s.kind not in (TITLE, HEADING) and _BACK_LIST.match(text)
        # "Под санкции попали:" then one target a line ("- Иван Петров, судья;"): the lines after a sanctioning
        # sentence that ends in a colon name its targets, whatever their layout, as long as each is a name line
        item = list_armed and s.kind not in (TITLE, HEADING) and (s.kind == BULLET or _name_line(s, be))
        list_armed = bool(item) or (bool(cue or listing or back) and re.search(r"[:—–]\s*$", text) is not None
                                    and not _is_recognition(text))  # "В перечень политзаключенных добавлены:" lists no targets
        prev_cue = bool(cue or listing or back or item)
        if item and not cue:
            names = [as_listed(n) for n in
                     (_name_line(s, be) or find_person_names(text, belarusian=be, list_context=True)[:1])]
            victims = victims_among(names, text)
            for n in names:
                if n in victims:
                    continue
                key = (fold(n.nominative), tuple(sorted(last_juris or doc_juris)))
                if key not in seen:
                    seen.add(key)
                    out.append(SanctionStatement(target=n.nominative, role=None, jurisdictions=list(last_juris or doc_juris),
                                                 date=published, sentence=text, sentence_start=s.start,
                                                 sentence_end=s.end))
            continue
        if not cue and not listing and not back:
            continue
        named_before = jurisdictions(text[: cue.start()]) if cue else []
        here = named_before or jurisdictions(text)
        # a state named only after the cue ("запрещен въезд на территорию Великобритании") that is one of the
        # sanctioning states already in play does not narrow them; one named before the cue imposes them
        if cue and here and (named_before or not set(here) <= set(last_juris)):
            last_juris = here
        elif cue and here:
            here = last_juris
        juris = here or last_juris or doc_juris
        if cx.IRREALIS.search(text) and not re.search(r"(ввел|ввели|введен|увял|уведзен|попал|трапіл|включ|уключ)",
                                                      text, re.IGNORECASE):
            continue
        list_part_at = 0
        colon = re.search(r"[:—–]\s+(?=[А-ЯЁІЎ])", text)
        if colon:
            list_part_at = colon.end()
        names = find_person_names(text, belarusian=be,
                                  list_context=bool(colon) and _list_like(text[list_part_at:]))
        names = governed_oblique(prefer_case(names, text, belarusian=be), text, belarusian=be)
        kin = _kin_targets(text) + _pronoun_kin_targets(text, names, last_named)
        for n in names:
            if len(n.nominative.split()) >= 2:
                known.setdefault(surname_stem(n.nominative.split()[-1]), n.nominative)
                last_named = n.nominative
        kin += _surname_only_targets(text, known, names)
        for _a, _b, name in kin:
            key = (fold(name), tuple(sorted(juris)))
            if key not in seen:
                seen.add(key)
                out.append(SanctionStatement(target=name, role=None, jurisdictions=list(juris), date=published,
                                             sentence=text, sentence_start=s.start, sentence_end=s.end))
        victims = victims_among(names, text)
        for n in names:
            before = text[: n.start]
            after = text[n.end:]
            if n in victims or NOT_TARGET_AFTER.match(after) or no_person(n.nominative):
                continue  # whom the targets acted against, who signed the decree, or a country ("Вялікай Брытаніі")
            if any(a <= n.start < b for a, b, _ in kin) or _FAMILY_OF.search(before[-12:]) or \
                    _FAMILY_LIST.search(before[-80:]):
                continue  # a relative named by kinship (above), or the person a sanctioned family is named after
            acting_role = _SANCTIONING_ROLE.search(before[-60:]) and not _ENUMERATION.search(before)
            # "… и его заместителя Анны Сидоровой, сообщил МИД": a name in an oblique case is nobody who speaks
            # "Кая Каллас заявила, что …": a speech verb right after the name (no comma) makes a speaker, whatever
            # case the name was read in
            speaks = _SPEECH_AFTER.match(after) and (n.case == "nomn" or not re.match(r"^\s*,", after))
            if speaks or acting_role or \
                    re.search(r"(режим\w*|рэжым\w*|рэжыму)\s*$", before, re.IGNORECASE):
                continue
            if n.case == "obl" and len(n.nominative.split()) >= 2 and _GROUP_OF.search(before[-40:]) and \
                    not re.match(r"\s*(?:,|и\b|і\b)\s*[А-ЯЁІЎ]", after):
                # "санкцыі супраць прапагандыстаў Аляксандра Лукашэнкі": whose propagandists, not a target; a plural
                # role before a list of names ("против судей Елены Ж. и Марины З.") names them
                continue
            if fold(n.nominative.split()[-1]) in speakers_folded:
                continue
            clause = re.split(r"[.;]", after, maxsplit=1)[0]
            if cx.NEGATION.search(clause[:40]) or cx.NEGATION.search(before[-30:]):
                continue
            key = (fold(n.nominative), tuple(sorted(juris)))
            if key in seen:
                continue
            seen.add(key)
            role = _role(before)
            out.append(SanctionStatement(target=n.nominative, role=role, jurisdictions=list(juris), date=published,
                                         sentence=text, sentence_start=s.start, sentence_end=s.end))
    return out


_ROLE_TAIL = re.compile(r"(?<![\w’-])((?:[\w’-]+\s+){1,6})$")
# a plural noun in the genitive just before a name in the genitive: the people of that person ("прапагандыстаў
# Аляксандра Лукашэнкі", "сторонников Ивана Иванова"), not the person; a role agrees with its name in number
# ("министра Ивана Кубракова")
_GROUP_OF = re.compile(r"(?<![\w’-])(?!(?:против|супраць|отношении|дачыненні)\b)[а-яёіў]{4,}(?:ов|ев|ёв|аў|еў|яў|ей)\s+$")


def _role(before: str) -> str | None:
    """The words just before a name that say who the person is ("министр внутренних дел Беларуси")."""
    chunk = re.split(r"[,:;—–(]|\s(?:и|і)\s", before)[-1].strip()
    m = _ROLE_TAIL.search(chunk + " ")
    role = (m.group(1).strip() if m else "").strip()
    return role or None
