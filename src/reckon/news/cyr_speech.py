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

from reckon.news.cyr_names import _morph, find_person_names, surname_stem
from reckon.news.cyr_orgs import _full_name_of

# Russian lemmas of verbs that introduce or close a quotation (perfective and imperfective)
_RU_LEMMAS = frozenset((
    "сказать", "заявить", "заявлять", "отметить", "отмечать", "сообщить", "сообщать", "подчеркнуть",
    "подчёркивать", "подчеркивать", "считать", "полагать", "написать", "писать", "рассказать", "рассказывать",
    "добавить", "добавлять", "пояснить", "пояснять", "объяснить", "объяснять", "уточнить", "уточнять",
    "заметить", "говорить", "ответить", "отвечать", "признать", "признаться", "призвать", "призывать",
    "напомнить", "прокомментировать", "комментировать", "констатировать", "подытожить", "резюмировать",
    "продолжить", "указать", "цитировать",
))
# Belarusian infinitive stems (the infinitive without -ць / -ці) of the same verbs, and the present stems
# that differ from them (кажа, піша, гаворыць)
_BE_STEMS = frozenset((
    "сказа", "заяві", "заяўля", "адзначы", "адзнача", "паведамі", "паведамля", "падкрэслі",
    "падкрэсліва", "лічы", "напіса", "піса", "піша", "расказа", "расказва", "распаве", "распавё", "распавя",
    "распавяда", "дада", "растлумачы", "тлумачы", "каза", "кажа", "кажу", "гавары", "гавора", "гаворы", "адказа",
    "адказва", "нагада", "заклік", "закліка", "пракаментава", "каментава", "каментуе",
    "працягну", "падсумава", "прызна", "удакладні", "удакладня", "паясні", "зазначы",
))
_WORD = re.compile(r"[А-ЯЁІЎа-яёіў’'-]+")
_PRONOUN_SEX = {"он": "male", "ён": "male", "она": "female", "яна": "female"}
_PRONOUN = re.compile(r"(?<![\w-])(он|она|ён|яна)(?![\w-])", re.IGNORECASE)
# a sentence ends at . ! ? … followed by a space and a capital (or a dash), or at a line break
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[—–-]?\s*[А-ЯЁІЎA-Z«„“\"])|\n")


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
               for p in morph.parse(low) if p.tag.POS in ("VERB", "INFN"))


def _be_stems(low: str) -> tuple[str, ...]:
    """Candidate infinitive stems of a Belarusian verb form (сказала -> сказа, заявіў -> заяві, адзначае -> адзнача)."""
    low = re.sub(r"(ся|ца)$", "", low) if len(low) > 6 else low
    out = [low]
    for ending in ("ў", "ла", "лі", "ло", "ць", "ці", "е", "юць", "уць"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.append(low[:-len(ending)])
    return tuple(out)


def _sex_of_verb(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("ла", "лася", "лась")):
        return "female"
    if low.endswith(("л", "ў", "лся")):
        return "male"
    return None


def masked(body: str, spans: list[tuple[int, int]]) -> str:
    """``body`` with the inside of each quotation blanked out, so that words quoted are no cue of who quotes."""
    chars = list(body)
    for a, b in spans:
        for i in range(a + 1, min(b, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


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

    ``mask`` is ``masked(body, …)``; ``sex_of`` reads a person's sex from a name (given name, else surname)."""
    for k, (a, b) in enumerate(_sentences_around(mask, open_at, close_at)):
        sentence = mask[a:b]
        if k and any(ch in sentence for ch in "«„“\""):
            continue  # a sentence next door with a quotation of its own: its verb is that quotation's
        verbs = [m for m in _WORD.finditer(sentence) if is_speech_verb(m.group(0), belarusian)]
        if not verbs:
            continue
        names = [n for n in find_person_names(sentence, belarusian=belarusian) if n.case == "nomn"]
        if names:
            at = verbs[0].start()
            best = min(names, key=lambda n: min(abs(n.start - at), abs(n.end - at)))
            return best.nominative
        lone = re.search(r"([А-ЯЁІЎ][а-яёіў’'-]{2,})\s+$", sentence[:verbs[0].start()])
        full = _full_name_of(lone.group(1), body[:open_at]) if lone else None
        if full:
            return full  # "Што Паўлічэнка адказаў …?": a surname alone, of someone the article named in full
        for v in verbs:
            near = sentence[max(0, v.start() - 25):v.end() + 25]
            pron = _PRONOUN.search(near)
            if pron is None:
                continue
            want = _PRONOUN_SEX[pron.group(1).lower()]
            verb_sex = _sex_of_verb(v.group(0))
            if verb_sex and verb_sex != want:
                continue
            before = body[max(0, open_at - 1500):a + max(0, v.start() - 25)]
            named = find_person_names(before, belarusian=belarusian)
            for n in reversed(named):
                if sex_of(n.nominative) == want:
                    return n.nominative
            return None
        return None
    return None



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
        words = re.findall(r"[А-ЯЁІЎа-яёіў’'-]+", window[m.end():m.end() + 60])[:2]
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
