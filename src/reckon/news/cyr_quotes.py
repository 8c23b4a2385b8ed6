"""Quotes in Belarusian and Russian articles, and who said them.

Quotation marks: «…» (nested «…» inside), „…“ and „…” (Belarusian), “…” and "…". A quotation may run over
several paragraphs. Its speaker comes, in order, from the words after it ("», — заявила Демченко",
"», — говорится в заявлении …", "», — сказаў …", or a bare "», — Name" as in headlines), from a speech verb
or a colon before it ("X заявил, что «…»", "Дзямчук: «…»", a paragraph ending in ":" above it),
"паводле слоў X" / "по словам X", and a pronoun ("она добавила") stands for the last speaker. A name in a
genitive phrase ("в заявлении Демченко") is brought back to the nominative. What has no speaker is
left out: short capitalised quotations are names of organisations, media and laws («Вясна», «Радио
Свобода»), and scare quotes («домашняя химия») are not speech.
"""

from __future__ import annotations

import re

from reckon.names.given import given_sex
from reckon.news import cyr_cues as cc
from reckon.news import cyr_lexicon as cx
from reckon.news.cyr_interview import (
    answer_lines,
    headline_quotes,
    interviewee,
    spoken_fragment,
    under_heading,
)
from reckon.news.cyr_marks import _Span, quote_spans
from reckon.news.cyr_names import (
    NAME_TOKEN,
    as_oblique,
    find_person_names,
    is_belarusian_word,
    surname_nominative,
)
from reckon.news.cyr_orgs import (
    _CHANNEL_OF,
    _GENITIVE_ORG,
    _GROUP_OWNER,
    _INSTITUTION_BACKREF,
    _ORG_BACKREF,
    _STATEMENT_LEFT,
    _clean,
    _common_noun_nominative,
    _full_name_of,
    _last_institution,
    _last_mission,
    _last_org,
    _org_named_after,
    _org_nominative,
    _phrase_nominative,
    _reporting_institution,
    _statement_author,
    not_patronymic,
    written_surname,
)
from reckon.news.cyr_speech import (
    _GOVERNING,
    _pronoun_speaker,
    _sex_of,
    _verb_sex,
    belarusian_text,
    general_speaker,
    group_speaker,
    institution_source,
    quoted_name_nominative,
    relative_of_named,
    signature_after,
)
from reckon.news.model import Quote
from reckon.news.quote_marks import blank

_VERB = rf"(?:{cx.SPEECH_VERBS})"
# "», — заявила …", "» — адзначыў …", and "», заявила …" with the comma alone (no dash)
# the words after the verb may name a medium in quotation marks ("— отметил в разговоре с «Зеркалом» Иван П.")
_AFTER_VERB = re.compile(rf"^\s*(?:[,.!?…]?\s*[—–-]{{1,2}}|,)\s*(?P<verb>{_VERB})\b"
                         r"(?P<rest>(?:[^.!?\n«„“\"]|«[^»\n]{1,40}»){0,160})", re.IGNORECASE)
# "— сообщили в пресс-службе МВД": the press office as the speaker, in the nominative
_PRESS_OFFICE = re.compile(r"^\s*(?:в|у|ў)\s+(?P<office>пресс-служб\w*|прэс-служб\w*)\s+(?P<whose>[^,.;:]{2,60})", re.I)
_AFTER_NAME = re.compile(r"^[ \t]*[,.!?…]?[ \t]*[—–-]{1,2}[ \t]*(?P<rest>[А-ЯЁІЎ][^.!?\n«„“\"]{0,120})")
_BEFORE_VERB = re.compile(rf"(?P<left>[^.!?\n»“”\"]{{0,200}}?)\b(?P<verb>{_VERB})\b[^«„“\"\n.!?]{{0,60}}?[:,]?\s*(?:что|што)?\s*$",
                          re.IGNORECASE)
_BEFORE_COLON = re.compile(r"(?P<left>[А-ЯЁІЎ][^.!?\n:«„“\"]{0,80}):\s*$")
_BY_WORDS = re.compile(r"(?:по\s+словам|паводле\s+слоў|па\s+словах|по\s+версии|па\s+версіі|паводле\s+версіі|паводле|"
                       r"как\s+заявил\w*|як\s+заявіў\w*)\s+"
                       r"(?P<who>[^,.;:«„“\"]{2,80})", re.IGNORECASE)
# "По ее словам, «…»", "Паводле яе слоў, „…“": whose words a pronoun says, by its sex
_BY_PRONOUN = re.compile(r"(?:по|паводле)\s+(?P<pron>его|её|ее|яго|яе)\s+(?:словам|слоў)|"
                         r"(?:по\s+словам|паводле\s+слоў)\s+(?P<pron2>его|её|ее|яго|яе)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^\s*(он|она|они|ён|яна|яны|его|её|ее|яго|яе)\b", re.IGNORECASE)
_GENITIVE_HEAD = re.compile(r"(заявлени\w*|сообщени\w*|словам|слов|заяв\w*|паведамленн\w*|выступлени\w*|"
                            r"выступ\w*|обращени\w*|зварот\w*|пост\w*)\s+(?:\S+\s+){0,4}$", re.IGNORECASE)
_STATEMENT_ONLY = re.compile(r"^\s*(?:в|у|ў)\s+(?:заявлени\w*|сообщени\w*|заяв\w*|паведамленн\w*|документ\w*|"
                             r"пресс-релиз\w*|прэс-рэліз\w*|"
                             r"публикаци\w*|публікацы\w*|пост[еу]|допис\w*|материал\w*|матэрыял\w*|"
                             r"рашэнн\w*|решени\w*|пастанов\w*|постановлени\w*|прысуд\w*|приговор\w*)"
                             # "— гаворыцца ў рашэнні, апублікаваным у Банку …": where it was published, not who wrote it
                             r"(?:\s*,\s*(?:апублікаван|опубликован|размешчан|размещ[её]нн|выдадзен)\w*.*)?\s*$",
                             re.IGNORECASE)
# "— говорится в публикации" after "сообщил телеграм-канал «…»": the medium named before published the words
_PUBLICATION = re.compile(r"(?:в|у|ў)\s+(?:публикаци|публікацы|пост|допис|материал|матэрыял)", re.IGNORECASE)
_MEDIUM_NAMED = re.compile(r"(?:телеграм-канал|тэлеграм-канал|канал|издани|выданн|сайт|портал|газет)\w*\s+«(?P<name>[^»\n]{2,40})»",
                           re.IGNORECASE)
_OPEN = "«„“\""
_ROLE_WORDS = re.compile(r"^(глава|лидер|лідар|председатель|старшыня|министр|міністр|президент|прэзідэнт|"
                         r"госсекретарь|представитель|прадстаўні\w*|пресс-служба|прэс-служба|посол|пасол|"
                         r"советник|дарадца|спикер|спікер|директор|дырэктар|правозащитни\w*|праваабаронц\w*|"
                         r"пресс-секретар\w*|прэс-сакратар\w*|кіраўні\w*|руководител\w*|спецпредставител\w*|политик|політык)",
                         re.IGNORECASE)


# Words that open a page's boilerplate, not a speaker: "— Напомним, …", "Фото: …", a month name of a dateline.
_BOILERPLATE = re.compile(
    r"^(напомним|нагадаем|нагадваем|читайте|чытайце|смотрите|глядзіце|фото|фота|видео|відэа|источник|крыніца|"
    r"подробнее|падрабязней|реклама|рэклама|комментарии|каментары|поддержать|падтрымаць|подписывайтесь|"
    r"падпісвайцеся|теги|тэгі|обновлено|абноўлена|последнее|апошняе|"
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|"
    r"декабр\w*|студз\w*|лют\w*|сакав\w*|красав\w*|травен\w*|траўн\w*|чэрв\w*|ліп\w*|жні\w*|верас\w*|"
    r"кастрыч\w*|лістапад\w*|снеж\w*)\b|^\d", re.IGNORECASE)
def _is_role_only(speaker: str) -> bool:
    """"глава государства", "пресс-секретарь": a role with no name (every word after the first lowercase)."""
    words = speaker.split()
    if words and re.search(r"(?:ики|цы|ели|лі|ры)$", words[0].lower()):
        return False  # "правозащитники", "представители": a group speaks as written, not one person named before
    return bool(words) and bool(_ROLE_WORDS.match(words[0]) or re.match(r"^(глава|кіраўні\w*|руководител\w*|"
                                                                     r"спецпредставител\w*|пресс-секретар\w*|"
                                                                     r"прэс-сакратар\w*)", words[0], re.I)) \
        and all(not w[:1].isupper() for w in words[1:])


# "па дадзеных валанцёраў цэнтра «…»:" / "по данным правозащитников:": whose account the dash lines give
_BY_DATA = re.compile(r"(?:па\s+дадзеных|по\s+данным|паводле\s+(?:звестак|дадзеных))\s+(?P<who>[^,:;]{2,100}?)\s*[,:]",
                      re.IGNORECASE)
# «Сегодня …, — сказал он. — В нём …»: the speaker named inside the quotation, between its parts
_INNER_ATTRIBUTION = re.compile(rf"[,.!?…]\s*[—–-]{{1,2}}\s*(?P<verb>{_VERB})\s+(?P<rest>[^.!?,\n]{{1,80}})[.,]\s*[—–-]",
                                re.IGNORECASE)


# "Статкевіч — Эўропе:" over a headline's quotation: who speaks, a dash, to whom (one to three words)
_TO_WHOM = re.compile(r"(?P<who>[А-ЯЁІЎ][^—–:]{1,60}?)\s+[—–]\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}")
# "«…». Ціханоўская аб узнагароджанні …": after a headline's quotation, the speaker and what it is about
_TITLE_SPEAKER = re.compile(r"^[.!?…]?\s+(?P<name>[А-ЯЁІЎ][а-яёіў’-]+(?:\s+[А-ЯЁІЎ][а-яёіў’-]+)?)\s+"
                            r"(?:аб|об|о|пра|про|на|у|в|ў)\s+[а-яёіў]")
def _oblique_name(who: str) -> bool:
    """Whether ``who`` is a person's name read in an oblique case ("Мікалая Статкевіча")."""
    names = find_person_names(who, belarusian=is_belarusian_word(who))
    return bool(names) and names[0].start == 0 and names[0].case != "nomn"


_SUBJECT = re.compile(r"^(?P<who>[А-ЯЁІЎ][\w-]+(?:\s+(?:[А-ЯЁІЎ][\w-]*|[а-яёіў]+(?:ой|ого|ых|ей|ага|ай|ых|іх)|"
                      r"США|ЗША|ЕС|МИД|МЗС|ООН|ОБСЕ|АБСЕ)){0,3})\s+[а-яёіў]+(?:л|ла|ли|лі|ў|ет|ит|іць|юць|ают|уют|"
                      r"ецца|аецца|ается|ется|ится|іцца)\b")  # "Міліцыя збіраецца …"
_DIALOGUE = re.compile(r"^[—–-]\s+(?=[А-ЯЁІЎ0-9])")  # "— 2020 стаў годам, …" opens with a number


# "— Вы свободны, — сказала Х." : the dash and comma that end a line of direct speech and open its attribution
_DIALOGUE_ATTRIBUTION = re.compile(rf"[,.!?…]\s*[—–-]{{1,2}}\s*(?:{_VERB})\b", re.IGNORECASE)


def _prev_nonempty(lines: list[str], i: int) -> str:
    """The nearest non-blank line above line ``i`` (pages set a blank line between an introduction and its speech)."""
    for j in range(i - 1, -1, -1):
        if lines[j].strip():
            return lines[j]
    return ""


def _with_dialogue(body: str, spans: list[_Span]) -> list[_Span]:
    """Add paragraphs of direct speech set off by a dash: after an introducing line ending in a colon
    ("…распавяла праваабаронца Ганна:" / "– За апошнія дні …", the span covers the paragraph after the dash),
    and a dash line with its own attribution ("— Вы свободны, — сказала Х.", the span ends before ", —").
    Quotation marks inside such a line are the speaker's own (a nested «…»), not quotations of their own."""
    extra: list[_Span] = []
    inner_of_dialogue: list[tuple[int, int]] = []
    pos = 0
    lines = body.split("\n")
    answers = answer_lines(lines)
    for i, line in enumerate(lines):
        m = _DIALOGUE.match(line)
        attribution = _DIALOGUE_ATTRIBUTION.search(line, m.end()) if m else None
        if m and attribution is not None:
            end = pos + attribution.start()
            if body[end] in ",":
                end_mark = end  # the comma closes the speech; what follows is the attribution
            else:
                end_mark = end + 1  # "?" / "!" / "." belong to the speech
            extra.append(_Span(pos + m.end() - 1, end_mark, dialogue=True))
            inner_of_dialogue.append((pos, end_mark))
        elif m and i > 0 and _prev_nonempty(lines, i).rstrip().endswith(":") and \
                line[m.end():m.end() + 1] not in _OPEN:
            # the paragraph after the dash is the speech; quotation marks inside it are the speaker's own
            # ("– Невялікія справы – па артыкулах „абраза ўлады”, …")
            extra.append(_Span(pos + m.end() - 1, pos + len(line)))
            inner_of_dialogue.append((pos, pos + len(line)))
        elif m and extra and cc.dash_goes_on(line[m.end():]):  # "– Дзеці сумуюць, …": more of the dash speech before
            extra.append(_Span(pos + m.end() - 1, pos + len(line), dialogue=True))
            inner_of_dialogue.append((pos, pos + len(line)))
        elif m and i in answers:  # an interview's answer: the interviewee's words
            extra.append(_Span(pos + m.end() - 1, pos + len(line), dialogue=True))
            inner_of_dialogue.append((pos, pos + len(line)))
        pos += len(line) + 1
    kept = [s for s in spans if not any(a <= s.open_at < b for a, b in inner_of_dialogue)]
    inline = [sp for sp in _inline_dialogue(body, kept + extra)
              if not any(e.open_at <= sp.open_at <= e.close_at or sp.open_at <= e.open_at <= sp.close_at
                         for e in kept + extra)]
    return sorted(kept + extra + inline, key=lambda s: s.open_at)


# verbs of telling someone: "рассказывает «Салідарнасці»" names whom, not who
_TOLD = re.compile(r"^(рассказ\w*|расказ\w*|сказал\w*|сказаў|распав\w*|говорит|кажа)$", re.IGNORECASE)
_ON_SITE = re.compile(r"^\s*на\s+(?:сайте|странице|старонцы|сайце|портале)\s+(?P<words>[а-яёіў]+(?:ого|его|ой|ага|ай)\s+"
                      r"[а-яёіў]{3,})\s*$", re.IGNORECASE)
# "сообщила пресс-служба главы государства": a press office that reported what the article goes on to quote
_OFFICE_REPORTED = re.compile(r"(?:сообщил\w*|заявил\w*|паведаміл\w*|заявіл\w*)\s+(?P<office>(?:пресс-служб|прэс-служб)\w*"
                              r"(?:\s+(?!(?:на|в|во|у|ў|по|па|со|са|с|з)\b)[^\s.,;:]+){1,3})", re.IGNORECASE)
_SLOGAN_BEFORE = re.compile(r"(лозунг\w*|слоган\w*|надпіс\w*|надпис\w*|плакат\w*|транспарант\w*|"
                            r"расцяжк\w*|растяжк\w*)(?:\s+[^\s«„“\"]+){0,3}\s*[:—–]?\s*$", re.IGNORECASE)
# "… Наталья Г. — Задержаны несколько десятков человек.\n\nОни доставлены …, — сказала Г.": direct speech opened by a
# dash after a sentence inside a paragraph, its attribution up to a paragraph later
_INLINE_DASH = re.compile(r"(?<=[.!?…])[ \t]+[—–][ \t]+(?=[А-ЯЁІЎ])")


def _inline_dialogue(body: str, spans: list[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for m in _INLINE_DASH.finditer(body):
        dash = m.end() - 2
        att = _DIALOGUE_ATTRIBUTION.search(body, m.end(), min(len(body), m.end() + 500))
        if att is None or body.count("\n", m.end(), att.start()) > 2 or \
                any(c in body[m.end():att.start()] for c in "«„“\"") or \
                any(sp.open_at <= dash <= sp.close_at for sp in spans):
            continue
        end = att.start() if body[att.start()] == "," else att.start() + 1
        out.append(_Span(dash, end, dialogue=True))
    return out


def _who(rest: str, *, genitive: bool, last: bool = False) -> str | None:
    """The speaker named in a stretch of words: a full name, else a capitalised word after a role.

    ``last``: the stretch ends at the speech verb, so the nearest name is the last one; a capitalised word
    that only opens the sentence is no name."""
    if re.fullmatch(r"\s*[А-ЯЁІЎ]{2,6}(?:\s+(?:РБ|РФ|США|ЗША))?\s*", rest):
        return rest.strip()  # "па версіі МУС": an institution by its abbreviation
    be = is_belarusian_word(rest)
    names = find_person_names(rest, belarusian=be)
    if names:
        n = names[-1] if last else names[0]
        return as_oblique(n, belarusian=be).nominative if genitive else n.nominative
    words = rest.strip(" ,").split()
    all_toks = list(NAME_TOKEN.finditer(rest))
    if all_toks and 1 <= len(words) <= 6 and (_ROLE_WORDS.match(words[0]) or words[0][:1].isupper()) \
            and (len(all_toks) >= 2 or re.search(r"\b[А-ЯЁІЎ]{2,}\b", rest)):
        return _clean(" ".join(words))  # an organisation: "Прэс-служба Савета ЕС", "Министерство … Канады"
    toks = [m for m in all_toks
            if not (m.start() == len(rest) - len(rest.lstrip()) and last) and
            not re.search(r"[.!?]\s*$", rest[:m.start()]) and
            # "На Валадарцы …", "імя Ціханоўскай": a word a preposition governs, or a woman's name in an
            # oblique case, is not who speaks
            not (not genitive and (_GOVERNING.search(rest[:m.start()]) or m.group(0).endswith("ай")))]
    if last:
        toks = toks[::-1]
    if not toks:
        words = rest.strip().split(",")[0].split()  # "пресс-секретарь, ее слова передает ТАСС": the role alone
        while len(words) > 1 and re.fullmatch(r"[а-яё]+(?:ый|ий|ой|ая|яя)", words[0]):
            words = words[1:]  # "официальный представитель главы страны": the role noun after its adjective
        if words and _ROLE_WORDS.match(words[0]):
            return _clean(" ".join(words[:5]))
        return None
    tok = toks[0].group(0)
    org = _GENITIVE_ORG.search(rest) if genitive else None
    if org is not None and org.start("adj") == toks[0].start():
        return _org_nominative(org.group("adj"), org.group("noun"))
    head = _common_noun_nominative(tok) if genitive else None
    if head is not None:
        # "в сообщении Министерства иностранных дел Канады": an institution, its head noun back in the nominative
        tail = rest[toks[0].end():].strip(" ,.;:")
        return _clean(" ".join([head, *tail.split()[:4]]))
    if genitive or re.search(r"(ой|ай|ого|ага|ова|ева|іна|ина)$", tok):
        sex = "female" if re.search(r"(ой|ай)$", tok) else "male"
        if genitive:
            tok = surname_nominative(tok, sex, "obl", is_belarusian_word(tok))
    return tok


def _role_before_object(rest: str) -> str | None:
    """"призвала лидер демсил Беларуси присутствующих Сергея Т.": the speaker is the role; the people named
    after it in an oblique case are whom the words were addressed to. None when a name in the nominative
    follows the role ("заявил министр Иван Петров") or no role opens the words."""
    words = rest.strip(" ,").split()
    if not words or not _ROLE_WORDS.match(words[0]):
        return None
    names = find_person_names(rest, belarusian=is_belarusian_word(rest))
    if names and names[0].case == "nomn":
        return None
    role = []
    for w in words[:4]:
        if w[:1].isupper():
            break
        role.append(w.strip(",."))
        if w.endswith(","):
            break  # "— указала пресс-секретарь, ее слова передает ТАСС": the role ends at the comma
    return " ".join(role) or None


def _given_only(speaker: str, context: str) -> str:
    """A speaker named by the given name alone ("— говорит Светлана") is the person of that given name named
    before in the article ("Анна Прыкладава"); else the given name as written."""
    if len(speaker.split()) != 1 or not given_sex(speaker):
        return speaker
    for n in reversed(find_person_names(context, belarusian=is_belarusian_word(context))):
        if n.nominative.split()[0] == speaker and len(n.nominative.split()) > 1:
            return n.nominative
    return speaker


_CHARGED_IN = re.compile(r"(?:обвин\w*|абвінав\w*|подозрева\w*|падазрава\w*|осужд\w*|осудил\w*|асудзіл\w*)"
                         r"(?:\s+[а-яёіў]+)?\s+(?:в|у|ў)\s*$", re.IGNORECASE)
_GOVERNED = re.compile(r"(?:^|[\s(])(?:за|па|по|пра|про|аб|об|о|ад|от|для|пад|под|праз|через)\s*$", re.IGNORECASE)


def extract_cyr_quotes(body: str, offset_of: int = 0) -> list[Quote]:
    """Quotations with speakers in ``body`` (the article's paragraphs joined by newlines)."""
    out: list[Quote] = []
    headline: list[_Span] = []
    last_speaker: str | None = None
    prev_close = -10_000
    spans = _with_dialogue(body, quote_spans(body))
    mask: str | None = None
    for sp in spans:
        inner = body[sp.open_at + 1:sp.close_at]
        words = inner.split()
        after = body[sp.close_at + 1:sp.close_at + 200]
        line_start = body.rfind("\n", 0, sp.open_at) + 1
        before = body[line_start:sp.open_at]
        speaker: str | None = None
        if _BOILERPLATE.match(after.lstrip(" ,.!?…—–-")):
            after = ""  # "», — Фота: …", "», — 5 сакавіка": a label or a date follows, not who spoke
        m = _AFTER_VERB.match(after) or cc.after_speech_verb(after)  # a verb of speech by its lemma too
        if m:
            rest = m.group("rest")
            if _PRONOUN.match(rest) or not rest.strip():
                speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], m.group("verb"), last_speaker)
            elif loc := re.fullmatch(r"\s*(?:в|у|ў|во)\s+(?!(?:заяв|сообщени|паведамлен|документ|дакумент|пресс-|прэс-|"
                                     r"публ|пост|матэр|матер|зварот|обращени)\w*)((?:[а-яёіўА-ЯЁІЎ-]+\s+){0,3})«([^»\n]{2,40})»\s*",
                                     rest, re.IGNORECASE):
                # "— адзначаюць у «Вясне»": «Вясна»; "— адзначылі ў цэнтры «Зорка»": the centre as written
                name = quoted_name_nominative(loc.group(2), body)
                speaker = f"{loc.group(1)}«{name}»" if loc.group(1) else name
            elif _INSTITUTION_BACKREF.match(rest) and _last_institution(body[max(0, sp.open_at - 600):sp.open_at]):
                speaker = _last_institution(body[max(0, sp.open_at - 600):sp.open_at])
            elif _ORG_BACKREF.match(rest):
                speaker = _last_org(body[max(0, sp.open_at - 600):sp.open_at])
            elif _STATEMENT_ONLY.match(rest) and _PUBLICATION.search(rest) and \
                    list(_MEDIUM_NAMED.finditer(body[max(0, sp.open_at - 600):sp.open_at])):
                speaker = list(_MEDIUM_NAMED.finditer(body[max(0, sp.open_at - 600):sp.open_at]))[-1].group("name")
            elif _STATEMENT_ONLY.match(rest):
                context = body[max(0, sp.open_at - 600):sp.open_at]
                named = find_person_names(context, belarusian=is_belarusian_word(context))
                office = list(_OFFICE_REPORTED.finditer(context))
                if office and (not named or named[-1].start < office[-1].start()):
                    # "Об этом сообщила пресс-служба главы государства. … — говорится в сообщении": the office's
                    speaker = _clean(office[-1].group("office"))
                else:
                    source = institution_source(context) if not belarusian_text(context) else None
                    if source and (not named or named[-1].end <= source[0]):
                        speaker = source[1]  # "… говорится в сообщении пресс-службы. … — говорится в сообщении"
                    else:
                        speaker = named[-1].nominative if named else (last_speaker or _reporting_institution(context))
            elif owner := _GROUP_OWNER.match(rest):
                # "— говорится в пресс-релизе правозащитников": the group whose statement it is, as written
                speaker = owner.group("who")
            elif _org_named_after(rest, after[m.end():]):
                speaker = _org_named_after(rest, after[m.end():])
            elif _PRESS_OFFICE.match(rest):
                po = _PRESS_OFFICE.match(rest)
                office = "прэс-служба" if po.group("office").lower().startswith("прэс") else "пресс-служба"
                speaker = f"{office} {_clean(po.group('whose'))}"
            elif re.fullmatch(r"\s*«[^»\n]{2,40}»\s*", rest) and _TOLD.match(m.group("verb")):
                speaker = None  # "— рассказывает «Салідарнасці» жительница …": the medium is whom it was told
            elif re.fullmatch(r"\s*«[^»\n]{2,40}»\s*", rest):
                speaker = rest.strip()[1:-1]  # "— пишет «Наша Ніва»": the medium
            elif re.fullmatch(r"\s*[а-яёіў-]+(?:\s+[а-яёіў-]+){0,2}[.\s]*", rest) and belarusian_text(rest + after) \
                    and _verb_sex(m.group("verb")) and not group_speaker(rest.strip(" .")):
                # "— распавёў нобелеўскі лаўрэат": a role in lower case stands for the person named before it
                speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], m.group("verb"), last_speaker)
            elif _ON_SITE.match(rest):
                # "— сообщается на сайте канадского правительства": the institution whose site it is
                speaker = _phrase_nominative(_ON_SITE.match(rest).group("words").split(), is_belarusian_word(rest))
            else:
                # "— сказала Ганусевич «Интерфаксу»": the medium told, after the speaker, is no part of the name
                rest = re.sub(r"(?<=\S)\s+«[^»\n]{1,40}»\s*$", "", rest)
                source = institution_source(rest) if re.match(r"\s*(?:в|во)\s", rest) and not belarusian_text(rest) else None
                speaker = (source[1] if source else None) or _role_before_object(rest) or \
                    _who(rest, genitive=bool(_GENITIVE_HEAD.search(rest[:40]) or re.match(r"\s*(?:в|у|ў)\s", rest))) \
                    or group_speaker(rest)  # "— кажуць ініцыятары кампаніі": a group, as written
        if speaker is None and not m:
            m2 = _AFTER_NAME.match(after)
            if m2 and (len(words) >= 3 or sp.open_at == line_start):
                speaker = _who(m2.group("rest")[:60], genitive=False)
                if speaker is not None and _BOILERPLATE.match(speaker.strip(" –—-")):
                    speaker = None  # "». — Напомним, …": the page's boilerplate; look before the quotation
        line_end = body.find("\n", sp.close_at)
        if speaker is None and sp.open_at == line_start and len(words) >= 3 and \
                (line_end if line_end >= 0 else len(body)) - line_start <= 160:
            titled = _TITLE_SPEAKER.match(after)  # only a headline-length line: a body paragraph says who more fully
            if titled:  # "«Я б яго абняла». Ціханоўская аб узнагароджанні …": a headline's quotation, then who
                speaker = _who(titled.group("name"), genitive=False)
        as_named = re.search(rf"(?:^|\s)(?:як|как)\s+(?:{_VERB})\s+«([^»\n]{{2,40}})»\s*,\s*$", before, re.IGNORECASE)
        if speaker is None and as_named:
            speaker = as_named.group(1)  # "Як паведаміла «Вясна», «…»": the organisation or medium named
        if speaker is None:
            mb = _BEFORE_VERB.search(before)
            if mb:
                left = mb.group("left")
                if re.fullmatch(r"\s*(?:как|як)(?:\s+(?:уже|ужо|ранее|раней))?\s*", left, re.IGNORECASE):
                    # "Как рассказала Мария Иванова, «…»": the speaker follows the verb; "Як паведаміла «Вясна»,"
                    named = re.match(r"\s*«([^»\n]{2,40})»\s*,", before[mb.end("verb"):])
                    speaker = named.group(1) if named else _who(before[mb.end("verb"):], genitive=False)
                elif _PRONOUN.match(left.strip() + " ") or re.search(r"(?:^|[\s,])(?:он|она|ён|яна)\s*$", left, re.I):
                    # "Он подчеркнул: «…»", "На вопрос о Петрове она сказала:": the pronoun next to the verb
                    speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], mb.group("verb"),
                                               last_speaker)
                elif _STATEMENT_LEFT.match(left):
                    # "В документе подчеркивается, что … «…»": the author of the statement just quoted
                    speaker = last_speaker if sp.open_at - prev_close < 600 else \
                        _last_institution(body[max(0, sp.open_at - 600):sp.open_at])
                elif not left.strip() or re.fullmatch(r"\s*(?:там|тамака|в\s+ведомстве|у\s+ведамстве)"
                                                      r"(?:\s+(?:также|таксама|тоже|же|ж|еще|ещё|яшчэ))?\s*",
                                                      left, re.IGNORECASE):
                    speaker = last_speaker  # "Там также призвали …": where the last speaker spoke from
                    if speaker is None and re.search(r"(?:ся|ца)$", mb.group("verb")) and not belarusian_text(before):
                        # "Отмечается, что …" after "как подчеркнули в пресс-службе X": that office's statement
                        speaker = (institution_source(body[max(0, sp.open_at - 800):sp.open_at]) or (0, None))[1]
                elif cc.role_subject(left):  # "Згадваючы …, біёлаг адзначае:": the role stands for the person named
                    speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], mb.group("verb"), last_speaker)
                else:
                    speaker = _who(left, genitive=bool(_GENITIVE_HEAD.search(left)), last=True)
                    if speaker is None and re.fullmatch(r"\s*[А-ЯЁІЎ][а-яёіў’-]+\s*", left):
                        # "Блинкен рассказал, что «…»": a surname alone, of someone the article named in full
                        speaker = _full_name_of(left.strip(), body[:sp.open_at])
                    if speaker is None and re.search(r"(?:ся|ца)$", mb.group("verb")):
                        # "только отмечается, что …": impersonal, the statement the article named before
                        speaker = _statement_author(body[max(0, sp.open_at - 800):sp.open_at])
                    if speaker is None and _PRONOUN.search(left):
                        speaker = last_speaker
        if speaker is None:
            mc = _BEFORE_COLON.search(before)
            channel = _CHANNEL_OF.search(mc.group("left")) if mc else None
            if channel:
                # "В Telegram-канале посольства было написано следующее: «…»": the embassy the article named
                speaker = _last_mission(body[max(0, sp.open_at - 800):line_start + (mc.start() if mc else 0)],
                                        channel.group("head"))
            if speaker is None and mc:
                left = mc.group("left").strip()
                to_whom = _TO_WHOM.fullmatch(left)
                if to_whom:
                    left = to_whom.group("who")  # "Статкевіч — Эўропе: «…»": Statkevich speaks, to Europe
                if re.fullmatch(r"[А-ЯЁІЎ][а-яёіў'’-]+(?:\s+[А-ЯЁІЎ][а-яёіў'’-]+)?", left) and not _BOILERPLATE.match(left):
                    speaker = left  # "Тихановский: «…»" (a headline): the name before the colon as written
                elif (ms := _SUBJECT.match(left)) and not _PRONOUN.match(ms.group("who") + " ") and \
                        not _GOVERNING.search(ms.group("who").split()[0].lower() + " ") and \
                        not _oblique_name(ms.group("who")) and not find_person_names(left, belarusian=True):
                    speaker = _clean(ms.group("who"))  # "Праваабаронцы выступілі з Маніфэстам да Дня …: «…»"
                else:
                    speaker = _who(left, genitive=False, last=True)
        if speaker is None:
            sentence_before = re.split(r"[.!?…]\s+", before)[-1]
            mp = _BY_PRONOUN.search(sentence_before)
            mw = _BY_WORDS.search(sentence_before)
            if mp:
                pron = (mp.group("pron") or mp.group("pron2")).lower()
                verb_form = "сказал" if pron in ("его", "яго") else "сказала"
                speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], verb_form, last_speaker)
            elif mw:
                speaker = _who(mw.group("who"), genitive=True)
        if speaker is None and not before.strip(" –—-") and line_start > 0:
            prev_line = _prev_nonempty(body[:line_start - 1].split("\n") + [""], len(body[:line_start - 1].split("\n")))
            said = re.search(_VERB, prev_line, re.IGNORECASE) if prev_line.rstrip().endswith(":") else None
            if said and re.search(r"(?:^|[\s,])(?:он|она|ён|яна)\s+(?:[а-яёіў]+\s+)?$", prev_line[:said.start()], re.I):
                # "Аднак яна падкрэсліла, што … афіцыйным Мінскам:": the pronoun is the subject, not the last noun
                speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], said.group(0), last_speaker)
            elif said:  # the sentence that ends in the colon, not a name in the sentence before it
                speaker = _who(re.split(r"(?<=[.!?…])\s+", prev_line)[-1], genitive=False, last=True)
            elif prev_line.rstrip().endswith(":") and (by_line := _BY_WORDS.search(prev_line)):
                # "Па словах прэс-сакратаркі … Наталлі Ганусевіч, …:" above the words
                speaker = _who(by_line.group("who"), genitive=True)
            elif prev_line.rstrip().endswith(":") and _GENITIVE_HEAD.search(prev_line.rstrip()[:-1] + " "):
                speaker = _who(prev_line.rstrip()[:-1], genitive=True)  # "Текст выступу Святланы Ціханоўскай:"
            elif prev_line.rstrip().endswith(":") and _BY_DATA.search(prev_line):
                who = _BY_DATA.search(prev_line)
                speaker = _last_org(who.group("who")) if who else None  # "па дадзеных … цэнтра «Вясна», …:"
            elif cc.topic_heading(prev_line) and (lead := re.search(r"^[—–-]\s", body, re.MULTILINE)):
                speaker = interviewee(body[:lead.start()])  # "Об оптимизме:" over an answer: the one the lead named
        if speaker is None:
            mi = _INNER_ATTRIBUTION.search(inner)
            if mi and _PRONOUN.match(mi.group("rest")):
                speaker = _pronoun_speaker(body[max(0, sp.open_at - 600):sp.open_at], mi.group("verb"), last_speaker)
            elif mi:
                speaker = _who(mi.group("rest"), genitive=False)
        if speaker is None and len(words) >= 3 and inner[:1].islower():
            # a quoted fragment in a sentence whose named subject said it:
            # "Госдепартамент США ввел санкции против …, "ответственных за подрыв демократии""
            dot = body.rfind(". ", line_start, sp.open_at)
            sent_start = dot + 2 if dot >= 0 else line_start
            ms = _SUBJECT.match(body[sent_start:sp.open_at])
            if re.match(r"[^\w\n]{0,3}\s*(?:Об|Аб)\s+(?:этом|гэтым)\s", body[sp.close_at + 1:sp.close_at + 20]):
                ms = None  # "…, "направленную против …".Об этом говорится в заявлении X": X's words, not the subject's
            if ms and not _PRONOUN.match(ms.group("who") + " ") and not _oblique_name(ms.group("who")) and \
                    not re.match(r"(?:Как|Як|Так|Об|Аб|Это|Гэта|Там|Тут)\b", ms.group("who")):
                # "Яна дадала": a pronoun names nobody; "Мікалая Статкевіча затрымалі …, удзельнікаў «акцыі …»":
                # a name in an oblique case is whom something was done to, not who said it
                speaker = _clean(ms.group("who"))
            po = _PRESS_OFFICE.match(body[sent_start:sp.open_at]) if speaker is None else None
            said = re.search(rf"\s(?:{_VERB})\b", po.group("whose"), re.IGNORECASE) if po else None
            if po and said:
                # "В пресс-службе Лукашенко заявили, что … за "…"": the press office's words
                office = "прэс-служба" if po.group("office").lower().startswith("прэс") else "пресс-служба"
                speaker = f"{office} {_clean(po.group('whose')[:said.start()])}"
        if speaker is None and sp.open_at == line_start and under_heading(body, line_start):
            # "Кому позвонил после освобождения" / "«Я вот эти три года …»": an interview's quotation under a
            # heading of its own, the words of the person the lead named
            speaker = interviewee(body[:line_start])
        if speaker is None:  # a statement signed on the line after it ("U.S. Mission to OSCE")
            speaker = signature_after(body, sp.close_at)
        if speaker is None and sp.dialogue and \
                body.count("\n", 0, line_start) in (answers := answer_lines(body.split("\n"))):
            first = min(answers)  # an interview's answer: the person the lead named
            speaker = out[-1].speaker if out and out[-1].start > body.find("\n") else None
            speaker = speaker or interviewee(body[:sum(len(x) + 1 for x in body.split("\n")[:first])])
        if speaker is None:  # no construction read it: the general cues (a speech verb by its lemma, nearby)
            mask = mask if mask is not None else blank(body, [(s.open_at, s.close_at + 1) for s in spans], keep_marks=True)
            speaker = general_speaker(body, mask, sp.open_at, sp.close_at, belarusian=belarusian_text(body),
                                      sex_of=_sex_of)
            if inner[:1].islower() and not spoken_fragment(body, sp.open_at, sp.close_at, speaker):
                speaker = None  # a fragment inside a sentence is someone's words only where that sentence says so
        if speaker is None and (len(words) >= 6 or re.search(r"[.!?…]$", inner.strip()) or
                                (len(words) >= 3 and inner[:1].islower())) and out \
                and sp.open_at - prev_close < 500:
            speaker = out[-1].speaker  # the quotation goes on: the same speaker
        if speaker is not None and relative_of_named(speaker, body[max(0, line_start - 300):sp.close_at + 200]):
            speaker = out[-1].speaker if out and sp.open_at - prev_close < 800 else None  # the relative spoke
        if speaker is not None and re.search(rf"(?:^|\s)(?:{_VERB})[\s:,]*$", speaker, re.IGNORECASE):
            speaker = None  # "Сярод іншага Ціханоўская адзначыла:" read as a name: the verb is no part of it
        if speaker is not None and _BOILERPLATE.match(speaker.strip(" –—-")):
            speaker = None  # "— Напомним, …" after a quotation: the page's boilerplate, not who spoke
        if speaker is not None and _is_role_only(speaker) and not re.search(r"пресс-служб|прэс-служб", speaker, re.I):
            # "— сказал глава государства": the role of someone the article has named before; "— продолжила
            # политик" right after her last words: the last speaker, when the verb's gender fits
            context = body[max(0, sp.open_at - 800):sp.open_at]
            want = _verb_sex(m.group("verb")) if m else None
            named = find_person_names(context, belarusian=is_belarusian_word(context))
            if last_speaker and want and _sex_of(last_speaker) == want and sp.open_at - prev_close < 600:
                speaker = last_speaker
            elif named:
                fits = [n for n in named if want is None or _sex_of(n.nominative) in (want, None)]
                # "— отметил литовский президент": the one the article named with that role ("президент Литвы
                # Гитанас Н."), not just the last man named
                stem = speaker.split()[-1].lower()[:6]
                titled = [n for n in fits if stem in context[max(0, n.start - 40):n.start].lower()]
                speaker = (titled or fits or named)[-1].nominative
        if speaker is not None:
            speaker = written_surname(not_patronymic(_given_only(speaker, body[:sp.open_at]), body[:sp.open_at]), body)
            if re.fullmatch(r"[А-ЯЁІЎ][а-яёіў’-]+", speaker):
                speaker = _full_name_of(speaker, body[:sp.open_at]) or speaker  # "Ганусевич" -> "Наталья Ганусевич"
        if speaker is None and line_start == 0 and len(words) >= 2:
            headline.append(sp)  # the title's quotation: whose it is, the body's quotations may tell
        if speaker is None or _SLOGAN_BEFORE.search(before):
            continue  # "Асноўным лозунгам пратэстаў быў "Не вайне!"": a slogan, nobody's words here
        if not sp.dialogue and not re.search(_VERB, re.split(r"[.!?…]\s", before)[-1], re.IGNORECASE) and (
                _CHARGED_IN.search(before) or re.match(r"(?:за|па|по|пра|про)\s", inner)):
            # "Его обвинили в «поджоге …»", "поместили в карцер «за нарушение …»": a charge or a stated reason in
            # a sentence nobody speaks in, not someone's words
            continue
        if _GOVERNED.search(before) and not sp.dialogue and \
                not re.search(_VERB, re.split(r"[.!?…]\s", before)[-1], re.IGNORECASE):
            # "пакаралі за «парушэнне …»": the object of a preposition in a sentence nobody speaks in is a
            # charge or a title; "заявили, что … осуждены за «…»" stays the words of who spoke
            continue
        if len(words) <= 3 and inner[:1].isupper() and not re.search(r"[.!?]$", inner.strip()) and not sp.dialogue \
                and not (m and len(words) >= 2 and re.match(r"\s*[,.!?…]?\s*[—–-]", after)):
            if line_start == 0 and len(words) >= 2:
                headline.append(sp)  # a short title quotation ("«Столько лет ждали»"): the body may say whose
            continue  # a name in quotation marks, not speech ("«Мы не спынімся», — заявіла X" is speech)
        if len(words) <= 2 and not re.search(r"[.!?]$", inner.strip()) and not sp.dialogue and \
                not spoken_fragment(body, sp.open_at, sp.close_at, speaker):
            continue  # «хатняя хімія»: a scare quote, not speech
        last_speaker = speaker
        prev_close = sp.close_at
        spoken = inner.strip()
        inside = _INNER_ATTRIBUTION.search(spoken)
        if inside:  # "Я сядзеў …, - гаворыць Алесь Асіпцоў, - і чуў …": the words without who said them
            spoken = spoken[:inside.start()] + spoken[inside.start():inside.start() + 1].strip(".") + " " + \
                spoken[inside.end():].lstrip()
            spoken = re.sub(r"\s+", " ", spoken.replace(" ,", ",")).strip()
        out.append(Quote(speaker=speaker, text=spoken, start=offset_of + sp.open_at + 1,
                         end=offset_of + sp.close_at, sentence=None))
    return headline_quotes(body, headline, out, offset_of) + cc.title_colon_quotes(body, spans, offset_of) + out

