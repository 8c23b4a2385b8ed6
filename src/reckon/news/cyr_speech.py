"""A general cue for who says a Belarusian or Russian quotation that no construction of ``cyr_quotes`` reads.

Why: five rounds of construction rules ("— заявіў …", "паводле слоў …") each fixed the batch they were written
against and left unseen articles where they were. This module reads the speaker from cues that do not depend on
the construction: a verb of speech, recognised by its lemma rather than its form, in the quotation's own sentence
or the sentence just before or after it; the speaker is the person named in the nominative in that sentence
nearest the verb, else a personal pronoun there ("яна сказала", "он отметил"), which stands for the last person
named before the quotation whose sex fits. pymorphy3 gives Russian lemmas; it has no Belarusian dictionary, so a
Belarusian form is brought back to its infinitive stem by the regular endings (-ў, -ла, -лі, -е, -ць).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reckon.names.given import given_sex
from reckon.news import cyr_lexicon as cx
from reckon.news.cyr_names import _morph, find_person_names, given_readings, is_belarusian_word, surname_stem
from reckon.news.cyr_orgs import _full_name_of, _last_org

# Russian lemmas of verbs that introduce or close a quotation (perfective and imperfective)
_RU_LEMMAS = frozenset((
    "сказать", "заявить", "заявлять", "отметить", "отмечать", "сообщить", "сообщать", "подчеркнуть",
    "подчёркивать", "подчеркивать", "считать", "полагать", "написать", "писать", "рассказать", "рассказывать",
    "добавить", "добавлять", "пояснить", "пояснять", "объяснить", "объяснять", "уточнить", "уточнять",
    "заметить", "говорить", "ответить", "отвечать", "признать", "признаться", "призвать", "призывать",
    "напомнить", "прокомментировать", "комментировать", "констатировать", "подытожить", "резюмировать",
    "продолжить", "указать", "цитировать",
    # more verbs that report words: "— повторял Лукашенко", "объяснив это тем, что «…»"
    "повторить", "повторять", "утверждать", "заверить", "заверять", "уверять", "возразить", "предупредить",
    "предупреждать", "подтвердить", "подтверждать", "настаивать", "вспомнить", "вспоминать", "спросить",
    "спрашивать", "поделиться", "делиться", "описать", "описывать",
    "поблагодарить", "благодарить",  # thanking is said: "Колесникова поблагодарила … «Я бы хотела …»"
    "воскликнуть", "высказаться", "рассуждать", "обратиться", "жаловаться", "пожаловаться", "назвать",
    # impersonal: "Об этом говорится в заявлении X", "в сообщении отмечается"
    "говориться", "сообщаться", "отмечаться", "указываться", "подчёркиваться", "подчеркиваться",
))
# Belarusian infinitive stems (the infinitive without -ць / -ці) of the same verbs, and the present stems
# that differ from them (кажа, піша, гаворыць)
_BE_STEMS = frozenset((
    "сказа", "заяві", "заяўля", "адзначы", "адзнача", "паведамі", "паведамля", "падкрэслі",
    "падкрэсліва", "лічы", "напіса", "піса", "піша", "расказа", "расказва", "распаве", "распавё", "распавя",
    "распавяда", "дада", "растлумачы", "тлумачы", "каза", "кажа", "кажу", "гавары", "гавора", "гаворы", "адказа",
    "адказва", "нагада", "заклік", "закліка", "пракаментава", "каментава", "каментуе",
    "працягну", "падсумава", "прызна", "удакладні", "удакладня", "паясні", "зазначы",
    "пыта", "спыта", "запыта",  # "Ён пытаўся: «…»": a question is speech too
    "падзялі", "дзялі",  # "— падзяліўся Бабарыка"
    # recalling and describing are telling: "— згадвае Х", "— апісвае Х" (Russian: вспоминать, описывать)
    "згада", "згадва", "успомні", "успаміна", "апіса", "апісва",
    "падзякава", "дзякава", "дзяку",  # "Ціханоўская падзякавала …": thanking is said
))
_WORD = re.compile(r"[А-ЯЁІЎа-яёіў’'-]+")
_VERB = rf"(?:{cx.SPEECH_VERBS})"
_PRONOUN_SEX = {"он": "male", "ён": "male", "она": "female", "яна": "female"}
_PRONOUN = re.compile(r"(?<![\w-])(он|она|ён|яна)(?![\w-])", re.IGNORECASE)
# a sentence ends at . ! ? … followed by a space and a capital (or a dash), or at a line break
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[—–-]?\s*[А-ЯЁІЎA-Z«„“\"])|(?<=[»“”\"])[.!?…](?=[А-ЯЁІЎ][а-яёіў])|\n")


def belarusian_text(text: str) -> bool:
    """Whether ``text`` is written in Belarusian: і and ў outnumber the Russian и (a Belarusian name in a Russian
    article does not turn it)."""
    return text.count("і") + text.count("ў") > text.count("и")


@lru_cache(maxsize=4096)
def is_speech_verb(word: str, belarusian: bool) -> bool:
    """Whether ``word`` is a form of a verb of speech (сказала, заявіў, отмечает, кажа)."""
    low = word.lower().replace("’", "").replace("'", "")
    if belarusian:
        return any(stem in _BE_STEMS for stem in _be_stems(low))
    morph = _morph()
    if morph is None:  # pragma: no cover - the dependency is declared
        return False
    return any(p.normal_form.replace("ё", "е") in _RU_LEMMAS or p.normal_form in _RU_LEMMAS
               for p in morph.parse(low) if p.tag.POS in ("VERB", "INFN", "GRND"))


def _be_stems(low: str) -> tuple[str, ...]:
    """Candidate infinitive stems of a Belarusian verb form (сказала -> сказа, заявіў -> заяві, адзначае -> адзнача)."""
    low = re.sub(r"(цца|ся|ца)$", "", low) if len(low) > 6 else low  # "пытаецца" -> пытае -> пыта
    out = [low]
    for ending in ("ў", "ла", "лі", "ло", "ць", "ці", "е", "юць", "уць"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.append(low[:-len(ending)])
    return tuple(out)


def _verb_sex(verb: str) -> str | None:
    """The speaker's sex a past-tense verb shows: "заявила", "сказала" (a woman), "заявил", "сказаў" (a man)."""
    low = verb.lower()
    if low.endswith(("ла", "лася", "лась")):
        return "female"
    if low.endswith(("л", "ў", "лся")):
        return "male"
    return None


def _sex_of(name: str) -> str | None:
    """The sex a name shows: its given name, else a surname's ending ("Петрова", "Сідараў"); None if neither."""
    if len(name.split()) > 1 and given_sex(name.split()[0]):
        return given_sex(name.split()[0])
    low = name.split()[-1].lower()  # a surname alone: "Петрова", "Дзямчук" (either), "Сідараў"
    if re.search(r"(ова|ева|ёва|ина|ына|іна|ая|ская|цкая)$", low):
        return "female"
    if re.search(r"(ов|ев|ёв|ин|ын|ін|ий|ский|скі|цкі|аў|оў|еў)$", low):
        return "male"
    return None


# "Иван Петров, советник министра, сказал Reuters, что …": a sentence that opens with a person who speaks
_SPEAKING_SUBJECT = re.compile(rf"^\s*(?P<name>[А-ЯЁІЎ][а-яёіў’-]+\s+[А-ЯЁІЎ][а-яёіў’-]+)(?:\s*,[^,.]{{2,90}},)?\s+{_VERB}\b",
                               re.IGNORECASE)


def _previous_speaking_subject(context: str) -> str | None:
    """The person the sentence before the current one opens with, when that person speaks in it."""
    parts = re.split(r"(?<=[.!?…])\s+", context)
    if len(parts) < 2:
        return None
    m = _SPEAKING_SUBJECT.match(parts[-2])
    if m is None or not (m.group("name")[:1].isupper() and m.group("name").split()[1][:1].isupper()):
        return None
    names = find_person_names(m.group("name"), belarusian=is_belarusian_word(context))
    return names[0].nominative if names else m.group("name")


# "У першай размове Бяляцкі падзяліўся …", "… з якімі размаўляў Азаронак": a capitalised word next to a
# past-tense verb, not governed by a preposition; a surname the article uses alone, without a given name
_LONE_BEFORE = re.compile(r"(?<![\w’'-])(?P<name>[А-ЯЁІЎ][а-яёіў’'-]{3,})\s+(?P<verb>[а-яёіў]{3,}(?:л|ла|ў|лся|лася|лась|ўся))(?![\w-])")
_LONE_AFTER = re.compile(r"(?<![\w-])(?P<verb>[а-яёіў]{3,}(?:л|ла|ў|лся|лася|лась|ўся))\s+(?P<name>[А-ЯЁІЎ][а-яёіў’'-]{3,})"
                         r"(?=\s*[.,;:!?]|\s+(?:[а-яёіў]+\s+)?[—–])")
_GOVERNING = re.compile(r"(?:^|\s)(?:в|во|у|ў|на|з|са|с|со|за|да|до|ад|от|аб|об|о|пра|про|па|по|пры|при|перад|перед|"
                        r"праз|через|для|к|ля|каля|около|пасля|после|без|бяз|пад|под|над)\s*$", re.IGNORECASE)


def lone_surname_subject(context: str, want: str | None) -> str | None:
    """The last person the context names by a surname alone as the subject of a past-tense verb ("Бяляцкі
    падзяліўся", "размаўляў Азаронак"), whose sex fits ``want`` (a surname that shows none fits too).

    Why: reports often name a well-known person by the surname alone; "— адзначыў ён" then stands for that
    person, and no given name is there for the name finder to start from."""
    found: list[tuple[int, str]] = []
    for rx in (_LONE_BEFORE, _LONE_AFTER):
        for m in rx.finditer(context):
            name, verb = m.group("name"), re.sub(r"(?:ся|сь)$", "", m.group("verb"))
            if _GOVERNING.search(context[:m.start("name")]) or _verb_sex(verb) is None:
                continue
            sex = _sex_of(name)
            at_start = not context[:m.start("name")].strip() or \
                re.search(r"[.!?…»\n]\s*$", context[:m.start("name")]) is not None
            if (at_start and sex is None) or (want and sex not in (want, None)) or \
                    (want and _verb_sex(verb) != want):
                continue  # a sentence's first word is a name only when it reads as a surname
            if not find_person_names(name, belarusian=is_belarusian_word(name)) and sex is None and \
                    not re.search(r"(?:ак|ок|ук|юк|ич|іч|ко|ка|іс|ас|ус|ель|ерт)$", name):
                continue
            found.append((m.start("name"), name))
    return max(found)[1] if found else None


# "… эксперт … Рычард Чарнецкі крытычна ацаніў …": a full name as the subject of a past-tense verb (an adverb
# may stand between), in a main clause (no "што/что/як/калі" before it in its sentence)
_SUBJECT_PAST = re.compile(r"\s+(?:[а-яёіў]+(?:а|о|е|і|ы|и)\s+)?[а-яёіў]{3,}(?:л|ла|ў|лся|лася|лась|ўся)(?![\w-])")
_SUBORDINATE = re.compile(r"(?:^|[\s,])(?:што|что|як|как|калі|если|бо|каб|чтобы|які|яка[яе]|который|которая)\s",
                          re.IGNORECASE)


def new_subject(context: str, last_speaker: str, want: str | None) -> str | None:
    """The person brought in after the last speaker's words as the subject of a new sentence, whose sex fits
    ``want``: "заявіў ён" then stands for that person, not for the speaker before ("Уроньскі. … эксперт Рычард
    Чарнецкі крытычна ацаніў …: “…”, – заявіў ён"). None when nobody new is brought in."""
    stem = last_speaker.split()[-1][:5].lower()
    seen = max(context.lower().rfind(stem), 0) if stem else 0
    best: str | None = None
    for n in find_person_names(context, belarusian=is_belarusian_word(context)):
        if n.start < seen or n.case != "nomn" or len(n.nominative.split()) < 2 or \
                n.nominative.split()[-1][:5].lower() == stem:
            continue
        if not _SUBJECT_PAST.match(context, n.end) or (want and _sex_of(n.nominative) not in (want, None)):
            continue
        sentence_start = max(context.rfind(". ", 0, n.start), context.rfind("\n", 0, n.start)) + 1
        if _SUBORDINATE.search(context[sentence_start:n.start]):
            continue
        best = n.nominative
    return best


def _pronoun_speaker(context: str, verb: str, last_speaker: str | None) -> str | None:
    """Who "сказала она" / "заявіў ён" stands for: the last speaker if the verb's gender fits, else the last
    person named before the quotation whose given name has that sex; nobody rather than the wrong one."""
    want = _verb_sex(verb)
    sex_of = _sex_of
    prev = _previous_speaking_subject(context)
    if prev and want and sex_of(prev) in (want, None) and (not last_speaker or sex_of(last_speaker) != want):
        return prev  # "Франак В., советник …, сказал Reuters, что … Он добавил, что …": who spoke just before
    named = find_person_names(context, belarusian=is_belarusian_word(context))
    if last_speaker and want:
        fresh = new_subject(context, last_speaker, want)
        if fresh:
            return fresh  # "… эксперт Рычард Ч. крытычна ацаніў …: “…”, – заявіў ён": the person brought in since
    if last_speaker and (want is None or sex_of(last_speaker) in (want, None)):
        fits = [n for n in named if sex_of(n.nominative) in (want, None)] if want and sex_of(last_speaker) is None else []
        if fits and not find_person_names(last_speaker, belarusian=is_belarusian_word(last_speaker)):
            return fits[-1].nominative  # "Соединенные Штаты …", then "— сообщил он": a person, the one named last
        return last_speaker
    for i, n in enumerate(reversed(named)):
        # the nearest person may be one whose sex the name does not show ("Гитанас Науседа"); others must fit
        if want is None or sex_of(n.nominative) == want or (i == 0 and sex_of(n.nominative) is None):
            return n.nominative
    return lone_surname_subject(context, want)


def _sentences_around(mask: str, open_at: int, close_at: int) -> list[tuple[int, int]]:
    """The quotation's own sentence, then the sentence before it and the sentence after it (start, end)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(mask)]
    starts = [0, *ends]
    bounds = list(zip(starts, [*ends, len(mask)], strict=True))
    own = next((i for i, (a, b) in enumerate(bounds) if a <= open_at < b), None)
    if own is None:
        return []
    # the sentence runs on to where the quotation's closing mark and its attribution end
    j = own
    while j + 1 < len(bounds) and bounds[j][1] <= close_at:
        j += 1
    out = [(bounds[own][0], bounds[j][1])]
    # the nearest non-blank sentence on either side (pages set blank lines between paragraphs)
    before = [bd for bd in bounds[:own] if mask[bd[0]:bd[1]].strip()]
    after = [bd for bd in bounds[j + 1:j + 4] if mask[bd[0]:bd[1]].strip()]
    return out + before[-1:] + after[:1]


def general_speaker(body: str, mask: str, open_at: int, close_at: int, *, belarusian: bool,
                    sex_of: Callable[[str], str | None]) -> str | None:
    """The speaker of the quotation at ``open_at``..``close_at`` by the general cues, or None.

    ``mask`` is ``quote_marks.blank(body, …, keep_marks=True)``; ``sex_of`` reads a person's sex from a name (given name, else surname)."""
    for k, (a, b) in enumerate(_sentences_around(mask, open_at, close_at)):
        sentence = mask[a:b]
        if k and (_QUOTED_WORDS.search(body[a:b]) or (belarusian and any(ch in sentence for ch in "«„“\""))):
            continue  # a sentence next door with a quotation of its own: its verb is that quotation's
        verbs = [m for m in _WORD.finditer(sentence) if is_speech_verb(m.group(0), belarusian)]
        by_words = _BY_WORDS.search(sentence) if not belarusian else None
        if not verbs and by_words:
            return _by_words_speaker(body, a, sentence, by_words)
        if not verbs:
            continue
        found = find_person_names(sentence, belarusian=belarusian)
        names = [n for n in found if n.case == "nomn"]
        if not names and not belarusian:
            # "Об этом говорится в заявлении госсекретаря Энтони Блинкена": whose statement it is
            names = [n for n in found if _STATEMENT_OF_PERSON.search(sentence[max(0, n.start - 70):n.start])]
        if names:
            at = verbs[0].start()
            best = min(names, key=lambda n: min(abs(n.start - at), abs(n.end - at)))
            return best.nominative
        lone = re.search(r"([А-ЯЁІЎ][а-яёіў’'-]{2,})\s+$", sentence[:verbs[0].start()]) or \
            re.match(r"\s*([А-ЯЁІЎ][а-яёіў’'-]{2,})\s*[.,]", sentence[verbs[0].end():])  # "— поделился Бабарико."
        full = _full_name_of(lone.group(1), body[:open_at]) if lone else None
        if full:
            return full  # "Што Паўлічэнка адказаў …?": a surname alone, of someone the article named in full
        for v in verbs:
            near = sentence[max(0, v.start() - 25):v.end() + 25]
            pron = _PRONOUN.search(near)
            if pron is None:
                continue
            want = _PRONOUN_SEX[pron.group(1).lower()]
            verb_sex = _verb_sex(v.group(0))
            if verb_sex and verb_sex != want:
                continue
            before = body[max(0, open_at - 1500):a + max(0, v.start() - 25)]
            named = find_person_names(before, belarusian=belarusian)
            for n in reversed(named):
                if sex_of(n.nominative) == want:
                    return n.nominative
            return lone_surname_subject(before, want)
        group = _group_or_institution(body, a, sentence, verbs[0]) if not belarusian else None
        if group is None and all(v.group(0).lower().endswith(("ся", "сь")) for v in verbs):
            continue  # "— говорится в сообщении": impersonal, the source is named next door
        return group
    return None


_STATEMENT_OF_PERSON = re.compile(r"(?:заявлени|сообщени|обращени|интервью|словах|посте|письме)\w*\s+(?:[^\s.,;:]+\s+){0,4}$",
                                  re.IGNORECASE)
# a quotation of three words or more (one or two are a name or a scare quote: "в так называемом "стакане"")
_QUOTED_WORDS = re.compile(r"[«„“\"][^»“”\"\n]*?\s[^»“”\"\n]*?\s[^»“”\"\n]*?[»“”\"]")
# "По словам девушки, …", "По ее словам", "по мнению адвоката": whose words follow, without a verb
_BY_WORDS = re.compile(r"(?:по|па)\s+(?P<pron>(?:её|ее|его|их)\s+)?(?:словам|мнению)\s*(?P<who>[^,.;:]{0,60})", re.IGNORECASE)


def _by_words_speaker(body: str, offset: int, sentence: str, by: re.Match[str]) -> str | None:
    """Who "по словам …" names, when no verb does: a person named there (in the genitive), else the person named
    last before whose sex a pronoun ("по её словам") or a noun ("по словам девушки") shows."""
    named = find_person_names(by.group("who"), belarusian=False)
    if named and named[0].start <= 2:
        return named[0].nominative
    head = _TOKEN.match(by.group("who").strip())
    pron = (by.group("pron") or "").strip().lower()
    want = {"её": "female", "ее": "female", "его": "male"}.get(pron)
    if not pron and (head is None or _noun_kind(head.group(0), "gent") not in ("noun", "person")):
        return None
    morph = _morph()
    if head is not None and not pron and morph is not None:
        p = next((p for p in morph.parse(head.group(0).lower()) if p.tag.case == "gent" and "anim" in p.tag), None)
        if p is None:
            return None
        want = {"femn": "female", "masc": "male"}.get(p.tag.gender or "")
    before = find_person_names(body[max(0, offset - 800):offset + by.start()], belarusian=False)
    fits = [n for n in before if want is None or _sex_of(n.nominative) in (want, None)]
    return fits[-1].nominative if fits else None


# head nouns of institutions that speak ("пресс-служба президента", "правозащитный центр «Мемориал»", "МИД Литвы")
_INSTITUTIONS = frozenset((
    "центр", "организация", "министерство", "ведомство", "посольство", "служба", "пресс-служба", "департамент",
    "госдепартамент", "госдеп", "комитет", "совет", "правительство", "администрация", "прокуратура", "суд",
    "полиция", "милиция", "партия", "движение", "союз", "евросоюз", "фонд", "комиссия", "офис", "штаб", "кабинет",
    "канцелярия", "сообщество", "общественность", "объединение", "агентство", "парламент", "кремль", "минюст",
    "минфин", "мид", "мвд", "кгб", "оон", "обсе", "ес", "сша", "проект", "инициатива", "ассоциация", "конгресс",
))
_TOKEN = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
_PREPOSITION = re.compile(r"(?:^|\s)(?:в|во|на|из|от|для|с|со|к|по|при|о|об|у|за|до)\s+$", re.IGNORECASE)


def _noun_kind(word: str, case: str) -> str | None:
    """"group" for a plural noun of people in ``case`` ("правозащитники"), "institution" for an institution's head
    noun ("пресс-служба", "МИД"), "adj" for an adjective, "noun" for another noun in ``case``; None otherwise
    (pymorphy3, Russian)."""
    morph = _morph()
    if morph is None:  # pragma: no cover - the dependency is declared
        return None
    for p in morph.parse(word.lower()):
        if p.tag.case != case or p.score < 0.05 or {"Name", "Surn", "Patr"} & p.tag.grammemes:
            continue
        if p.tag.POS == "NOUN" and (p.normal_form in _INSTITUTIONS or word.lower() in _INSTITUTIONS):
            return "institution"
        if p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.number == "plur":
            return "group"
        if p.tag.POS == "NOUN" and "anim" in p.tag and case == "nomn":
            return "person"
        if p.tag.POS == "ADJF":
            return "adj"
        if p.tag.POS == "NOUN":
            return "noun"
    return None


def _group_or_institution(body: str, offset: int, sentence: str, verb: re.Match[str]) -> str | None:
    """A Russian speaker that is no person's name, the nearest to the verb of speech: a group named by a plural
    noun of people ("— пишут правозащитники", "Правозащитники считают, что …") or an institution with its
    adjectives, the words after it in the genitive and its name in quotation marks ("правозащитный центр
    «Мемориал»", "пресс-служба президента"), as written. Why: the constructions read people and a few named
    institutions; unseen articles quote rights groups, ministries and press offices as often as people."""
    toks = list(_TOKEN.finditer(sentence))
    found = [t for t in toks if _noun_kind(t.group(0), "nomn") in ("group", "institution", "person") and
             not _PREPOSITION.search(sentence[max(0, t.start() - 6):t.start()])]
    if not found:
        return None
    head = min(found, key=lambda t: min(abs(t.start() - verb.end()), abs(verb.start() - t.end())))
    if min(abs(head.start() - verb.end()), abs(verb.start() - head.end())) > 80:
        return None
    i = toks.index(head)
    if _noun_kind(head.group(0), "nomn") == "person":
        # "— сообщила юрист", "— рассказала женщина": the person named just before whose sex the verb shows,
        # else the noun as written (an unnamed witness)
        want = _verb_sex(verb.group(0))
        named = find_person_names(body[max(0, offset - 600):offset], belarusian=False)
        fits = [n for n in named if want and _sex_of(n.nominative) in (want, None)]
        if fits:
            return fits[-1].nominative
        if named:
            return None
    start, end = head.start(), head.end()
    j = i - 1
    while j >= 0 and not sentence[toks[j].end():start].strip() and _noun_kind(toks[j].group(0), "nomn") == "adj":
        start, j = toks[j].start(), j - 1
    j = i + 1
    while j < len(toks) and j <= i + 4 and not sentence[end:toks[j].start()].strip() and \
            (_noun_kind(toks[j].group(0), "gent") or toks[j].group(0).isupper()) and \
            not is_speech_verb(toks[j].group(0), False):
        end, j = toks[j].end(), j + 1
    quoted = re.match(r"\s*[«\"](?P<n>[^»\"\n]{2,40})[»\"]", body[offset + end:offset + end + 45])
    phrase = body[offset + start:offset + end] + (f" «{quoted.group('n')}»" if quoted else "")
    return re.sub(r"\s+", " ", phrase).strip()


_STATEMENT_NOUN = re.compile(r"^(?:заявлени|сообщени|пресс-релиз|релиз|публикаци|обращени|документ|материал|"
                             r"коммюнике|отч[её]т|доклад)\w*$", re.IGNORECASE)
_IN = re.compile(r"(?<![\w-])(?:в|во|у)\s+", re.IGNORECASE)


def institution_source(text: str) -> tuple[int, str] | None:
    """The last institution ``text`` names as the source of words, in the nominative, with where it ends: "в
    сообщении пресс-службы" and "в пресс-службе Лукашенко" -> "пресс-служба (Лукашенко)", "в заявлении МИД
    Литвы" -> "МИД Литвы". Why: "— говорится в сообщении" and "Отмечается, что …" quote the statement named before;
    the constructions knew ministries and rights groups by name, not the press offices and services of unseen
    pages. Russian only (pymorphy3)."""
    morph = _morph()
    found: tuple[int, str] | None = None
    for m in _IN.finditer(text):
        medium = re.match(r"(?:Twitter|Telegram|Facebook|Instagram|X|telegram|твиттере|телеграме)\S*\s+", text[m.end():])
        at = m.end() + (medium.end() if medium else 0)
        toks = list(_TOKEN.finditer(text, at, min(len(text), at + 120)))
        if not toks or toks[0].start() != at:
            continue  # "в Минске": no phrase of this kind
        case = "gent" if medium else "loct"  # "в Twitter организации": the organisation's own channel
        if _STATEMENT_NOUN.match(toks[0].group(0)):
            toks, case = toks[1:], "gent"
        words: list[str] = []
        end = m.end()
        for t in toks[:6]:
            if text[end:t.start()].strip(" ") and words:
                break  # punctuation or a line break ends the phrase
            kind = _noun_kind(t.group(0), case) if not any(_noun_kind(w, case) == "institution" for w in words) else None
            if kind in ("adj", "institution"):
                words.append(t.group(0))
            elif words and (_noun_kind(t.group(0), "gent") in ("adj", "noun", "institution", "group") or
                            t.group(0)[:1].isupper()) and \
                    not is_speech_verb(t.group(0), False):
                words.append(t.group(0))  # the tail: whose office, of which state
            else:
                break
            end = t.end()
        heads = [i for i, w in enumerate(words) if _noun_kind(w, case) == "institution"]
        if not heads or morph is None:
            continue
        head = next(p for p in morph.parse(words[heads[0]].lower()) if p.tag.case == case)
        out = []
        for i, w in enumerate(words):
            p = next((p for p in morph.parse(w.lower()) if p.tag.case == case), None)
            form = p.inflect({"nomn", head.tag.gender} if i < heads[0] and head.tag.gender else {"nomn"}) \
                if p is not None and i <= heads[0] and not w.isupper() else None
            out.append((form.word.capitalize() if w[:1].isupper() else form.word) if form is not None else w)
        named = re.match(r"\s*[«\"](?P<n>[^»\"\n]{2,40})[»\"]", text[end:end + 45])
        phrase = " ".join(out) + (f" «{named.group('n')}»" if named else "")
        if len(out) == 1 and not named and out[0].islower():
            phrase = _last_org(text[:m.start()]) or phrase  # "в заявлении организации": the one named before
        found = (end, phrase)
    return found


# "жонка Дзьмітрыя Вуса паведаміла", "мать Ивана П. рассказала": the speaker is the relative, not the one named
# (a lawyer is left out: "адвакат Марыя Іванова" names the lawyer herself as often as whose lawyer she is)
_KIN = re.compile(r"(?<![\w-])(?:жонка|жонкі|муж|маці|бацька|сын|дачка|брат|сястра|жена|жены|мать|отец|дочь|"
                  r"сестра|родные|родныя|сваякі|родственники)(?![\w-])", re.IGNORECASE)


def relative_of_named(speaker: str, window: str) -> bool:
    """Whether ``window`` names ``speaker`` only as whose relative the one who speaks is."""
    stem = surname_stem(speaker.split()[-1])
    for m in _KIN.finditer(window):
        # the relative's name right after the noun ("жонка Дзьмітрыя Вуса"), not an apposition further on
        # ("жонка экс-кандыдата Яўгенія" is the wife herself)
        if not re.match(r"[ \t]+[А-ЯЁІЎа-яёіў]", window[m.end():m.end() + 3]):
            continue  # "… сваю маці».\nКалацкая заклікала …": the quotation ended; the name opens the next line
        words = re.findall(r"[А-ЯЁІЎа-яёіў’'-]+", window[m.end():m.end() + 60])[:2]
        readings = given_readings(words[0]) if words and words[0] == speaker.split()[0] else ()
        if readings and all(r.case == "nomn" for r in readings):
            continue  # "Яго жонка Аліна распавядае": a given name in the nominative right after the noun is she
        if m.group(0).lower() in ("жонкі", "жены") and re.search(r"[ая]$", speaker.split()[0]):
            continue  # "для жонкі Алесі" … "— кажа Алеся": a wife's noun in an oblique case, then a woman: she herself
        if words and words[0][:1].isupper() and any(surname_stem(w) == stem for w in words):
            return True
    return False


def quoted_name_nominative(name: str, body: str) -> str:
    """An organisation's quoted name in an oblique case ("у «Вясне»") as the text writes it in the nominative
    elsewhere («Вясна»), else as written."""
    for m in re.finditer(r"«([^»\n]{2,40})»", body):
        other = m.group(1)
        # the stem without its ending, and the consonant before it that may alternate (Зорка, у Зорцы)
        if other != name and min(len(other), len(name)) >= 5 and other[:-2] == name[:-2] and \
                abs(len(other) - len(name)) <= 1:
            return other
    return name


# "— кажуць ініцыятары кампаніі", "— пішуць праваабаронцы": a group named by a plural noun (and whose it is)
_GROUP = re.compile(r"^\s*(?P<who>[а-яёіў-]{4,}(?:ы|і|ія|ыя|е|и)(?:\s+[а-яёіў-]{3,}){0,2})\s*$")
_GROUP_NOUNS = re.compile(r"^(?:ініцыятар|арганізатар|аўтар|праваабаронц|актывіст|дэпутат|удзельнік|сябр|"
                          r"супрацоўнік|прадстаўнік|сваяк|родн|інициатор|организатор|автор|правозащитник|активист|"
                          r"депутат|участник|сотрудник|представител|родственник)\w*$", re.IGNORECASE)


def group_speaker(rest: str) -> str | None:
    """A group that speaks, named by a plural noun of people after the verb, as written; else None."""
    m = _GROUP.match(rest)
    if m and _GROUP_NOUNS.match(m.group("who").split()[0]):
        return m.group("who")
    return None


# a line that signs the statement above it: capitalised words (or abbreviations), a few, no verb, no digits
_SIGNATURE = re.compile(r"^[ \t]*(?P<who>(?:[A-ZА-ЯЁІЎ][\w.’'-]*|of|to|for|the|and|у|ў|па|пры|при|по)"
                        r"(?:[ \t]+(?:[A-ZА-ЯЁІЎ][\w.’'-]*|of|to|for|the|and|у|ў|па|пры|при|по)){1,5})[ \t]*$")


def signature_after(body: str, close_at: int) -> str | None:
    """The signature line right below a paragraph that is a quotation and nothing more ("U.S. Mission to OSCE")."""
    end = body.find("\n", close_at)
    if end < 0 or body[close_at + 1:end].strip(" .,”»\"") or body.rfind("\n", 0, close_at) < 0:
        return None
    lines = body[end + 1:end + 200].split("\n")
    line = next((ln for ln in lines if ln.strip()), "")
    m = _SIGNATURE.match(line)
    if m is None or not m.group("who")[:1].isupper() or re.match(r"(?:Фота|Фото|Photo|Чытайце|Читайте)\b", line.strip()):
        return None
    words = m.group("who").split()
    # a section heading ("Справа Бяляцкага") is two words; a signature has an institution's abbreviation or more words
    if len(words) < 3 and not any(re.fullmatch(r"[A-ZА-ЯЁІЎ.]{2,}", w) for w in words):
        return None
    return m.group("who")
