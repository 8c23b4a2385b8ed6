"""Figures: counts of people (or of what happened to them) that an article reports.

A number becomes a figure only when it counts something person-like ("1,405 political prisoners",
"16,437 detentions", "37 entities" when sanctioned). Dates, ages, years, durations and sentence lengths,
article numbers, money and percentages never do. Its category comes from the words of its own clause
first (recognised / released / sanctioned / convicted / detained / political prisoners / persecuted),
then from what it refers back to ("10 others", "including 572 women"), then from the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reckon.dates.text import date_spans
from reckon.news import figure_checks as fc
from reckon.news import figure_links as fl
from reckon.news import figure_refs as fr
from reckon.news import lexicon as lx
from reckon.news.figure_dates import as_of as as_of_date
from reckon.news.figure_dates import event_date
from reckon.news.model import Figure
from reckon.news.numbers import NUMBER_RE, is_dozen, parse_number
from reckon.news.quote_marks import mask_quotes
from reckon.news.reporters import article_voice, carry_reporters, reporter_of, sanctioning_actor
from reckon.news.text import BULLET, TITLE, Sentence

_BEFORE_EXCLUDE = re.compile(
    r"(\b(article|art|arts|part|paragraph|para|clause|no|nos|e\.o|order|decree|resolution|regulation|law|"
    r"chapter|section|page|case|code|protocol|convention|item|point|charter|room|unit|block|building|"
    r"colony|prison|camp|school|gymnasium|flight|route|bus|channel|version|level|stage|grade|class|"
    r"aged|age of|ages of|rank|number|version|top|what would be)\.?|[§#№$€£₽]|\b(usd|eur|byn|gbp|rub|uah|pln))\s*$",
    re.IGNORECASE,
)
_AFTER_EXCLUDE = re.compile(
    r"^\s*(?:[-‑–]\s*)?(?:\s*(?:hundred|thousand|million|billion))?\s*(?:[-‑]?\s*)"
    r"(years?|yrs?|months?|days?|weeks?|hours?|minutes?|seconds?|decades?|centur(y|ies)|year-old|years-old|"
    r"percent|per\s?cent|percentage|%|times|fold|km|kilomet(re|er)s?|miles?|met(re|er)s?|kg|kilograms?|tons?|"
    r"tonnes?|pounds|euros?|dollars?|rubles?|roubles?|rub|byn|usd|eur|gbp|hryvnias?|zlotys?|cents?|am|pm|"
    r"o'clock|seats?|votes?|pages?|square|sq|points?|th|st|nd|rd|degrees?|°|storeys|floors|shots|for(?=[-‑]\d))(?![\w])",
    re.IGNORECASE,
)
_YEARISH_BEFORE = re.compile(r"\b(in|since|from|until|till|by|after|before|of|early|late|mid|during|the|"
                             r"between|and|spring|summer|autumn|fall|winter|year)\s*[-–]?\s*$", re.I)
_SUB_BEFORE = re.compile(r"(\bincluding|\bincl\.|,\s*with|\bamong them|\bamong whom|\bamong which|\bof whom|\bof them|"
                         r"\bof which|\bof those|\bof these|\bincludes|\binclude|\bincluded|"
                         # "among the pardoned, eight were …": a part of the group the participle names
                         r"\bamong\s+(?:the|those)\s+[\w-]+(?:ed|ees))(?:\s+(?:were|are|was|is))?[\s,:]*"
                         r"(?:(?:more than|over|about|around|some|nearly|almost|at least|up to)\s+)?$", re.I)
_SUB_OPENING = re.compile(r"^\W*(among|of)\s+(them|whom|(?:those|these|the)(?:\s+[\w-]+){0,6}?)\s*(,|\s(?:there\s+)?(were|are|was|is)\b)", re.I)
_ELLIPTIC_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(of whom|of which|of them|of these|of those|among them)\b", re.I)
_REFERENTIAL = re.compile(r"\b(the|these|those|our|their|his|her|its|all|both|the other)\s+$", re.I)
# "This list of 778 names" after "the list … includes 778 names": the same count named again
_DEMONSTRATIVE_OF = re.compile(r"\b(?:this|that|these|those)\s+(?:[\w-]+\s+){1,2}of\s+$", re.I)
# "Memorial's list of political prisoners … includes 778 names": the list's size, not a part of a count before
_LIST_INCLUDES = re.compile(r"\blists?\b[^.;:]{0,80}\b(?:includes?|included|contains?|contained)\s+$", re.I)
_PAREN_COUNT = re.compile(r"(?P<noun>(?:[\w’'-]+\s+){0,2}[\w’'-]+)\s*\(\s*(?:already|now|currently|over|about|"
                          r"some|at least|more than|nearly|almost|around)?\s*$", re.I)
_CLAUSE_SPLIT = re.compile(r"[;:()]|,\s|\s(?:but|while|whereas|although|though)\s", re.I)
# "… and at least 440 were detained": a bare number as the subject of a verb of what happens to people
_BARE_SUBJECT = re.compile(r"^\s+(?:have|has|had|were|was|are|will)\s+"
                           r"(?:(?:already|also|since|now|just|reportedly|subsequently|later|been|be|\w+ly)\s+){0,3}"
                           r"(?:detained|arrested|convicted|sentenced|released|freed|pardoned|killed|charged|"
                           r"prosecuted|jailed|imprisoned|recogni[sz]ed|declared|sanctioned|designated|listed)\b"
                           r"|^\s+(?:have|has|had)\s+(?:since\s+|also\s+)?(?:died|perished)\b"  # "At least six have died"
                           r"|^\s+(?:still\s+)?(?:remain|remains|are\s+still|are)\s+(?:currently\s+|now\s+)?(?:serving|behind bars|in prison|in jail|in custody|"
                           r"imprisoned|jailed)\b", re.I)
# "Of them, 261 people have been sentenced": a finite verb of its own gives a sub-count its own category
_PREDICATE = re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:have|has|had|were|was|are|is|got)\s+"
                        r"(?:been\s+|also\s+|already\s+|since\s+)*[\w-]+(?:\s+[\w-]+){0,2}", re.I)
_POPULATION = re.compile(r"\b(country|nation|city|town|region|population|home to|inhabited by)\s+(of\s+)?"
                         r"(about|some|around|nearly|almost|roughly|over|more than|approximately|just over)?\s*$", re.I)
_HELD_NOW = re.compile(r"\b(remain(s|ed|ing)?|still|leaves?|leaving|keeps?)\b(?:\s+\S+){0,5}?\s+"
                       r"(jailed|imprisoned|in prison|in jail|behind bars)\b|"
                       # "1,400 political prisoners still detained": held now
                       r"\bpolitical\s+prisoners\s+(?:still|now|currently)\s+(?:detained|held)\b|"
                       # "there are currently seven leaders of the group in captivity"
                       # "nine journalists are currently in custody": the state, not the event of detaining
                       r"\b(?:currently|still|now)\b(?:\s+[^\s.;]+){0,8}?\s+(?:in\s+(?:captivity|custody|detention)|behind\s+bars)\b|"
                       # "1,150 people are imprisoned on political grounds": held now, in the present tense
                       r"\b(?:are|is)\s+(?:currently\s+|now\s+|still\s+)?(?:imprisoned|jailed|behind\s+bars|in\s+prison|in\s+jail)\b"
                       r"[^.;]{0,40}\b(?:political|politically)\b|"
                       # "At least 40 are serving long prison sentences": the state, not the verdict
                       r"\b(?:are|is)\s+(?:currently\s+|still\s+|now\s+)?serving\s+(?:\w+\s+){0,3}?(?:sentences?|terms?)\b", re.I)
# "Viasna currently recognizes 1,150 people as political prisoners": the present count, not new recognitions
# "there are 261 individuals and 37 entities listed" in an article about sanctions: the list's size
_LISTED_NOW = re.compile(r"\b(?:individuals|persons|people|entities|officials)\b[^.;:]{0,40}?\blisted\s*(?:[.;,]|$)", re.I)
_CURRENT_RECOGNITION = re.compile(r"\b(?:currently|now|today|at present|presently)\s+(?:recogni[sz]es|considers|counts|lists)\b|"
                                  # "Now 1,449 people are recognized as political prisoners": the state, not an event
                                  r"^\W*(?:now|currently|at the moment|at present|today)\b[^.;]{0,60}?\b(?:are|is)\s+"
                                  r"(?:recogni[sz]ed|considered|listed)\b|"
                                  r"\b(?:recogni[sz]es|considers|counts|lists)\b[^.;]{0,60}\b(?:currently|at present)\b",
                                  re.I)
# "As of 27 July, 586 people were recognised as …", "up from 305 people listed as …": the level, not new ones
_AS_OF_RECOGNISED = re.compile(r"^\W*as of\b[^.;]{0,80}?\b(?:are|were|is|was)\s+(?:officially\s+)?recogni[sz]ed\b|"
                               r"\b(?:up|down)\s+from\s+[\d,]+\s+(?:\w+\s+)?(?:listed|recogni[sz]ed)\b", re.I)
# "…, bringing the total to 1,398": the running total of what the sentence counts
_BRINGING = re.compile(r"\b(bring(s|ing)?|rais(e|es|ing)|tak(e|es|ing)|push(es|ing)?)\s+(the|its|their|his|her)\s+"
                       r"(\w+\s+)?(total|number|tally|list|count)(\s+of\s+[\w ]{1,40}?)?(\s+(?:since|for|in)\s+[\w ]{1,20}?)?\s+to\s+"
                       r"(?:at least\s+|about\s+|over\s+|more than\s+)?$", re.I)
_PARTICIPLE = re.compile(r"^\s+(?:people\s+|persons\s+|of\s+them\s+)?(detained|arrested|convicted|sentenced|"
                         r"released|freed|pardoned|charged|jailed|killed|accused)\b", re.I)
# "314 political prisoners in Russia, 27 in Kazakhstan and 350 in Venezuela", "19 more Belarusians in March,
# 13 in May, four in June": a bare number followed by the preposition the figure before it took counts the same
# thing; it inherits that figure's category.
# "the opposition march of more than 100 people", "a rally of about 5,000": a crowd's size, never a figure
_CROWD_OF = re.compile(r"\b(?:march|rally|protest|demonstration|crowd|gathering|procession|picket|column|chain)\s+of\s+"
                       r"(?:(?:more than|over|about|around|some|nearly|almost|up to|at least|roughly|approximately)\s+)?$",
                       re.I)
_LIST_PREP = re.compile(r"^\s+(in|on|for|from|at|during|since|after|before)\s+\S", re.I)


@dataclass
class FigureContext:
    published: date | None
    fallback_year: int | None
    sanctions_doc: bool
    outlet: str | None = None
    rights_lists: bool = False  # the article speaks of lists of political prisoners ("these lists" are those)


def _new_clause_after(tail: str) -> bool:
    """"… recalled that 250 … were released": a clause of its own after the modal, with no modal of its own
    ("demand that 300 … should be released" stays a wish)."""
    m = re.search(r"\b(?:that|who|which)\s", tail, re.I)
    return bool(m) and not lx.IRREALIS.search(tail[m.end():])


def _clause(text: str, pos: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _words_after(text: str, limit: int = 8) -> list[tuple[str, int]]:
    return [(m.group().lower(), m.start()) for m in re.finditer(r"[\w’'-]+|[^\w\s]", text)][:limit * 2]


def counted_noun(after: str) -> tuple[str | None, str]:
    """The noun a number counts, looking a few words ahead; kind is person, event, org, other or elliptic."""
    # "Six of Viasna’s members are in jail", "Fifty-one of the freed prisoners crossed …": members, prisoners
    of = re.match(r"^\s+of\s+(?:the\s+|its\s+|their\s+|[A-Z][\w-]*[’']s\s+)((?:[\w-]+\s+){0,2}[\w-]+)", after)
    held = [w for w in (of.group(1).lower().split() if of else []) if w in lx.PERSON_NOUNS]
    if held:
        return held[0], "person"
    if _ELLIPTIC_AFTER.match(after):
        return None, "elliptic"
    words = _words_after(after, 8)
    i, steps = 0, 0
    prev = ""
    while i < len(words) and steps < 7:
        w, _ = words[i]
        if w == "(":
            while i < len(words) and words[i][0] != ")":
                i += 1
            i += 1
            continue
        if w in {",", ";", ":", ".", "!", "?", ")", "“", "”", '"'}:
            break
        if w in {"and", "or"} and i + 1 < len(words) and re.match(r"\d", words[i + 1][0]):
            break
        if w in {"of", "from", "in", "on", "at", "who", "which", "that", "to", "for", "with", "by"} or \
                fl.verb_begins(w, words[i + 1][0] if i + 1 < len(words) else ""):
            break  # "40 are serving prison sentences": what follows a verb is its object, not the counted noun
        if w == "prisoners" and prev == "political":
            return "political prisoners", "person"
        if w == "others":
            return "others", "anaphoric"
        if w == "more" and (i + 1 >= len(words) or words[i + 1][0] in {",", ".", ";", "of", "to",
                                                                                  "for", "in", "and", "were",
                                                                                  "have", "had", "are"}):
            return "others", "anaphoric"
        if w in lx.PERSON_NOUNS and w not in ("others",):
            return w, "person"
        if w in lx.EVENT_NOUNS:
            if w == "cases" and prev + "s" in lx.EVENT_NOUNS:
                return prev + "s", "event"  # "six death cases", "320 detention cases": the kind of case
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            return (nxt, "event") if nxt in lx.EVENT_NOUNS else (w, "event")  # "detention sentences": sentences
        if w in lx.ORG_NOUNS and not (i + 1 < len(words) and words[i + 1][0] in lx.PERSON_NOUNS):
            return w, "org"  # "37 entities"; "33 media workers" count workers
        if w in lx.THING_NOUNS:
            return w, "thing"
        prev = w
        i += 1
        steps += 1
    return None, "none"


def _qualifier(before: str, after: str, phrase: str) -> str:
    tail = before[-40:]
    if fl.as_many_as_exact(tail, parse_number(phrase) or 0):
        return "exact"
    for name, rx in lx.QUALIFIER_BEFORE:
        if rx.search(tail):
            return name
    if re.match(r"^\s*(\+|or more\b|and more\b|[-‑]?plus\b)", after, re.I):
        return "at_least" if "more" in after[:12].lower() else "more_than"
    if is_dozen(phrase):
        return "about"
    return "exact"


_ADDED_TO_LIST = re.compile(r"\b(?:added|entered|included|put)\s+(?:to|in|into|on)\s+(?:the|their|its)\s+(?:[\w-]+\s+){0,2}"
                            r"list\b", re.I)
# whose list it is: the rights groups' list of political prisoners (a sanctions list is another matter)
_RIGHTS_LIST = re.compile(r"\bpolitical prisoners?\b|\bprisoners of conscience\b|\bhuman rights\b|\bViasna\b|"
                          r"\brights (?:defenders|activists|groups|community)\b", re.I)


def _category_from(text: str, noun: str | None, noun_kind: str, ctx: FigureContext,
                   sentence: str | None = None) -> str | None:
    if noun_kind == "event" and noun in lx.EVENT_NOUNS:
        return lx.EVENT_NOUNS[noun]
    if _HELD_NOW.search(text):
        return "political_prisoners"  # "three dozen journalists remain jailed": held now, not a conviction
    if lx.RECOGNITION.search(text) and (_CURRENT_RECOGNITION.search(text) or _AS_OF_RECOGNISED.search(sentence or text)) and \
            not re.search(r"\b(more(?!\s+than)|new|newly|another)\b", text, re.I):
        return "political_prisoners"
    if lx.RECOGNITION.search(text):
        whole = sentence or text
        # "more than 3,760 … recognised since 2020" is the running total; "five more" are new ones
        if lx.EVER.search(whole) and not re.search(r"\b(more(?!\s+than)|new|newly|another)\b", text, re.I):
            return "political_prisoners_ever"
        return "newly_recognised"
    if not ctx.sanctions_doc and _ADDED_TO_LIST.search(text) and _RIGHTS_LIST.search(sentence or text):
        return "newly_recognised"
    if ctx.rights_lists and not ctx.sanctions_doc and (fr.ON_LISTS.search(text) or (
            re.search(r"\badded\b", text, re.I) and re.search(r"\bthe\s+lists?\b", sentence or "", re.I))):
        # "117 names are on these lists", "168 new names have been added to the lists" of political prisoners;
        # "Although 10 … from the list, an additional 14 new ones have been added": the list of the sentence
        return "newly_recognised" if fr.NEW_ON_LIST.search(text) else "political_prisoners"
    if lx.MEASURES_AGAINST.search(text) and (ctx.sanctions_doc or lx.JURISDICTION_ACTOR.search(sentence or text)):
        return "sanctioned"
    for cat, rx in lx.CUES:
        # "detained on politically motivated criminal charges": "on … charges" says why, it counts no charges
        for cue in rx.finditer(lx.ON_CHARGES.sub(lambda m: " " * len(m.group()), text) if cat == "charged" else text):
            if cat == "sanctioned" and cue.group().lower().startswith("designat") and not ctx.sanctions_doc:
                continue
            if cat == "detained" and lx.CURRENT_STATE.search(text) and (lx.POLITICAL_PRISONERS.search(text) or noun == "political prisoners"):
                return "political_prisoners"  # "150 political prisoners are being held in custody": held now
            if re.search(r"\b(?:not|never|no longer|yet to be)\s+(?:(?:been|be|yet|already|also)\s+)*$",
                         text[max(0, cue.start() - 30):cue.start()], re.I):
                continue  # "who … have not been released yet": the event did not happen
            if fl.cue_for_others(text, cue):
                continue  # "…, most of whom were released, were detained", "… and arrests several of them"
            irrealis = lx.IRREALIS.search(text[max(0, cue.start() - 90):cue.start()])
            if cat != "sanctioned" and irrealis and \
                    not _new_clause_after(irrealis.group()[len(irrealis.group(1)):]) and \
                    not re.search(r"\b(?:people|persons|individuals|citizens|activists|protesters|journalists|"
                                  r"prisoners|detainees|convicts|women|men)\s+(?:will\s+be\s+)?$",
                                  text[:cue.start()], re.I):
                # a clause of its own after the modal ("It should be recalled that 250 … were released", "the
                # release of all who were detained") is no wish; "29 political prisoners will be pardoned" is news
                # "demanded the release of 18 people taken into custody": the participle says what befell them,
                # the wish is about something else
                continue
            return cat
    if ctx.sanctions_doc and (lx.SANCTION_LIST.search(text) or _LISTED_NOW.search(text) or
                              re.search(r"\btarget(?:ing|ed|s)\b|\brestrictions\s+(?:against|on)\b", text, re.I)):
        return "sanctioned"
    if lx.CURRENT_STATE.search(text) and (lx.POLITICAL_PRISONERS.search(text) or noun == "political prisoners"):
        return "political_prisoners"
    if lx.POLITICAL_PRISONERS.search(text) or noun == "political prisoners":
        # "Since the summer of 2020, the community has identified 3,531 …": the opening clause dates the count
        opening = sentence[:sentence.find(text)] if sentence and text in sentence else ""
        ever = lx.EVER.search(text) or (re.match(r"^\W*since\b", opening, re.I) and lx.EVER.search(opening))
        return "political_prisoners_ever" if ever and not lx.CURRENT_STATE.search(text) else "political_prisoners"
    if lx.CURRENT_STATE.search(text) and re.search(r"behind bars|imprisoned|in prisons?|jailed|in (places of )?detention|"
                                                   r"in custody",
                                                   text, re.I):
        return "political_prisoners"  # "remain behind bars": held now, the register's political prisoners
    if lx.PERSECUTED.search(text):
        return "persecuted"
    return None


def extract_figures(sentences: list[Sentence], text: str, ctx: FigureContext,
                    title: str | None = None) -> list[Figure]:
    """Every figure in the given sentences (title first if it is among them), in text order."""
    figures: list[Figure] = []
    title_values: dict[int, str] = {}
    para_of: dict[int, int] = {}
    intro: tuple[str | None, str | None] | None = None  # "According to Viasna, as of September 30:" + bullets
    opener: Figure | None = None  # the last count of that line ("142 … include:"): the items are its parts
    prev: Sentence | None = None
    for s in sentences:
        sent_figs = _sentence_figures(s, text, ctx, figures, title_values,
                                      opener if s.kind == BULLET else None, prev.text if prev else None)
        if s.kind == BULLET and intro is not None:
            for f in sent_figs:
                f.reporter = f.reporter or intro[0]
                f.as_of = f.as_of or intro[1]
        elif s.kind != BULLET:
            intro = ((reporter_of(s.text, mask_quotes(s.text), ctx.outlet), as_of_date(s.text, ctx))
                     if s.text.rstrip().endswith(":") else None)
            opener = sent_figs[-1] if intro is not None and sent_figs else None
        prev = s
        if s.kind == TITLE:
            for f in sent_figs:
                f.headline = True
                f.note = "headline"
                title_values.setdefault(f.value, f.category)
        para_of[s.start] = s.para
        figures.extend(sent_figs)
    # "258 persons recognised as political prisoners" over "As of 26 February, 258 persons have been recognised":
    # a headline repeats the body, so it takes the category the body's sentence gives the same number
    for f in figures:
        if f.headline:
            body = {g.category for g in figures if not g.headline and g.value == f.value}
            if len(body) == 1:
                f.category = body.pop()
    fr.link_parts_that_sum(figures)
    fl.share_qualifiers(figures)
    carry_reporters(figures, para_of, article_voice(title))
    return figures


def _sentence_figures(s: Sentence, text: str, ctx: FigureContext, prior: list[Figure],
                      title_values: dict[int, str], opener: Figure | None = None,
                      prev_text: str | None = None) -> list[Figure]:
    sent = s.text
    masked_all = fc.unmask_short_quotes(sent, mask_quotes(sent))  # "have been “pardoned,”": the writer's word
    blocked = date_spans(sent) + [m.span() for m in re.finditer(r"\b\d{1,2}:\d{2}\b|\b\d+(?:\.\d+){2,}\b", sent)]
    out: list[Figure] = []
    for m in NUMBER_RE.finditer(sent):
        a, b = m.span()
        if any(not (b <= x or a >= y) for x, y in blocked):
            continue
        phrase = m.group()
        value = parse_number(phrase)
        if value is None or value <= 0:
            continue
        if m.group("words") and value == 1:
            continue
        before, after = sent[:a], sent[b:]
        # cue words count inside a quotation only when the number itself is quoted
        masked = sent if masked_all[a:b] != sent[a:b] else masked_all
        if _BEFORE_EXCLUDE.search(before) or _AFTER_EXCLUDE.match(after):
            continue
        if re.search(r"[$€£₽]\s*$", before):
            continue
        if _POPULATION.search(before) or fl.age_apposition(before, after, value) or fl.KIN_OF.search(before):
            continue  # "a country of about 9.2 million people": a population, not a count of the repressed
        if m.group("digits") and re.fullmatch(r"(19|20)\d\d", phrase):
            nxt = re.match(r"\s*([\w’'-]+)", after)
            if _YEARISH_BEFORE.search(before) or not (nxt and nxt.group(1).lower() in lx.PERSON_NOUNS):
                continue
        if _REFERENTIAL.search(before) and (value < 20 or not m.group("digits")):
            continue  # "the three activists", "our three colleagues": people already named, not a count
        if (_REFERENTIAL.search(before) or _DEMONSTRATIVE_OF.search(before) or fl.REFERENTIAL_ADJ.search(before)) and \
                any(f.value == value and not f.headline for f in (*prior, *out)):
            continue  # "the 117 prisoners" after "117 prisoners were released": the same count again
            # (a title is no statement of the body: "The 32 prisoners pardoned were …" after it still counts)
        noun, kind = counted_noun(after)
        if kind == "thing":
            continue  # "14 penal colonies", "300 complaints": counts of something else
        listed: Figure | None = None
        lp = _LIST_PREP.match(after) if noun is None and kind == "none" and out else None
        if noun is None and kind == "none" and out and (fr.PAREN_THEN.search(before) and _LIST_PREP.match(after) or
                                                        fr.DASH_ITEM.match(after) and re.fullmatch(
                r"[^.;:()]{0,160}?,\s*(?:and\s+)?", sent[out[-1].end - s.start:a]) or fr.PLACE_DASH.search(
                sent[out[-1].end - s.start:a])):
            # "385 people on the list are …, 117 – for other political reasons"; "19 people detained, in the
            # town of Ramon - 18, and in Moscow - 17": the same count, elsewhere
            listed = out[-1]
            noun, kind = listed.counted, "listed"
        elif lp and re.fullmatch(rf"[^.;:()]{{0,80}}?\b(?:{fl.prep_family(lp.group(1))})\b[^.;:()]{{0,40}}?(?:,\s*(?:and\s+|as well as\s+)?|,?\s+(?:and|as well as)\s+|\s+[—–]\s+)",
                               sent[out[-1].end - s.start:a], re.I):
            listed = out[-1]
            noun, kind = listed.counted, "listed"
        if noun is None and kind == "none" and (_BARE_SUBJECT.match(after) or fl.participle_subject(after)):
            if any(f.value == value and not f.headline and 0 <= s.start - f.sentence_start < 400
                   for f in (*prior, *out)):
                continue  # "pardoning 22 people, including twenty …, and twenty were convicted": the same twenty
            kind = "person"
        if (out or prior) and (fr.SUCH.match(after) or noun is None and kind == "none" and
                               re.search(r"\b(a further|another|an additional|a(nother)? new)\s*$", before, re.I)):
            kind = "anaphoric"  # "A further 50 were forced to resign": more of what was just counted
        bringing = None
        brings = _BRINGING.search(before) if noun is None and kind == "none" else None
        if brings:
            kind = "person"
            prev_cat = out[-1].category if out else None
            bringing = ("political_prisoners" if prev_cat == "newly_recognised" or lx.POLITICAL_PRISONERS.search(masked)
                        else prev_cat)
            if bringing == "political_prisoners" and lx.EVER.search(brings.group()):
                bringing = "political_prisoners_ever"  # "bringing the total since 2020 to 3,760": all ever
        paren_noun = None
        if noun is None and kind == "none":
            pm = _PAREN_COUNT.search(masked[:a])
            if pm and re.match(r"^\s*\)", after):
                noun, kind = counted_noun(pm.group("noun") + " .")
                if kind == "org" and not ctx.sanctions_doc:  # "violence against … law enforcement bodies (11)":
                    noun, kind = None, "none"  # a label of the count, not the bodies counted
                paren_noun = noun
        parent: int | None = None
        label = fr.paren_label(masked[:a], after) if noun is None and kind == "none" else None
        category = _category_from(label, None, "none", ctx) if label else None
        kind = "person" if category else kind  # "held in a pre-trial detention center (51, including 44 …)"
        reporter: str | None = None
        # "including 572 women", "of whom 40 women", "This number ... includes 138 detentions";
        # "…, 118 detentions … and 62 detentions" share the parent of the sub-count before them.
        included = bool(_SUB_BEFORE.search(before[-30:])) and not _LIST_INCLUDES.search(before) or (not out and bool(prior) and
                                                                bool(_SUB_OPENING.match(sent)))
        # "Around 35 journalists are among them.": a part of the figure before
        included = included or (bool(out or prior) and bool(re.match(
            r"^\s*(?:[\w’'-]+\s+){0,2}(are|were|is|was)\s+(also\s+)?among\s+(them|those|these|whom)\b", after, re.I)))
        by_opener = opener is not None and not out and not included and fr.opens_item(sent[:a])
        included = included or by_opener
        sibling = (not included and bool(out) and out[-1].parent is not None
                   and bool(re.fullmatch(r"[^.;:()]{0,90}?(,\s*|\s+and\s+|\s+as well as\s+)",
                                         sent[out[-1].end - s.start:a])))
        if kind == "none" and noun is None and ctx.rights_lists and fr.LIST_OBJECT.search(masked[:a]):
            noun, kind = "names", "person"  # "both lists taken together contain 102"
        if kind == "none" and noun is None:
            back = (re.search(r"\b(?:number|total|count|tally) of\s+([^.;:]{1,90})$", masked[:a], re.I)
                    or re.search(r"(?:^|[.;]\s)((?:[\w’'-]+\s+){0,3}[\w’'-]+)\s*[:–—]\s*(?:at least\s+|about\s+|over\s+)?$",
                                 masked[:a], re.I))
            if back:
                noun2, kind2 = counted_noun(back.group(1))
                if noun2 is None and lx.POLITICAL_PRISONERS.search(back.group(1)):
                    noun2, kind2 = "political prisoners", "person"
                elif noun2 is None and _category_from(back.group(1), None, "none", ctx):
                    kind2 = "person"  # "persecuted since 2020: 6,000+": a labelled count
                noun, kind = noun2, kind2
        if kind == "elliptic" and not prior and not out:
            c0, c1 = _clause(masked, a)
            if _category_from(masked[c0:c1], None, "person", ctx) is None:
                continue
            kind = "person"  # "police detained 35 of them" after a crowd that is no figure
        if noun is None and kind == "none" and not (included or sibling) and (out or prior) and \
                fr.place_counts(masked, a, b):
            # "… 103 detentions. … in Novosibirsk (24), Omsk (15)": its parts, the later ones siblings of the first
            sibling = bool(out) and out[-1].parent is not None
            included = not sibling
        if kind == "none" and noun is None and not (included or sibling):
            continue
        parent_fig: Figure | None = None
        if sibling:
            parent_fig = fl.fig_at(prior, out, out[-1].parent)
        elif by_opener:
            parent_fig = opener
        elif included or kind == "elliptic":
            parent_fig = (out or prior)[-1] if (out or prior) else None
        if parent_fig is None and kind in ("none", "elliptic"):
            continue
        parent = fl.index_of(prior, out, parent_fig)
        if kind == "elliptic" and parent_fig is not None:
            noun = parent_fig.counted
        event_of = re.search(r"\b(arrests?|detentions?|releases?|deaths?|convictions?|sentencing)\s+of\s+(?:(?:over|more "
                             r"than|about|some|at least|nearly|almost|approximately)\s+)?$", before, re.I)
        cstart, cend = _clause(masked, a)
        if fr.rate_or_change(masked[:a], masked[b:cend]) or fl.forecast(sent[cstart:a]):
            continue  # "… each month", "there will have about 250 by December": no count of what happened
        # "there were 1,495 political prisoners and more than 3,200 people convicted": the words after the next
        # count describe that count
        nxt_num = re.search(r"\s(?:and|or)\s+(?:(?:more than|over|about|some|at least|nearly|almost)\s+)?\d",
                            masked[b:cend])
        if nxt_num and noun is not None and kind == "person":
            cend = b + nxt_num.start()
        cstart = fl.own_clause_start(masked, cstart, a, out[-1].end - s.start if out else None)
        clause = masked[cstart:cend]
        if re.search(r"\b(?:disappearances?|abductions?)\s+of\s+$", masked[max(0, a - 40):a], re.I):
            continue  # "the disappearances of four people" a sanctions regime names: who vanished, not who is listed
        if _CROWD_OF.search(masked[max(0, a - 60):a]):
            continue  # "a march of more than 100 people": the size of a crowd, whatever the clause goes on to say
        if lx.PARTICIPATION.search(clause) and _category_from(clause, noun, kind, ctx) is None:
            continue  # "about 5,000 people took part in the march": a crowd's size
        if kind == "org" and not (ctx.sanctions_doc or re.search(r"sanction|blacklist", masked, re.I)):
            continue
        if parent_fig is not None and kind != "elliptic" and (sibling or included):
            # "560 cases of repression, including 310 detentions": a part that names its own event is that event
            category = lx.EVENT_NOUNS[noun] if kind == "event" and noun in lx.EVENT_NOUNS else parent_fig.category
            pred = _PREDICATE.match(masked[b:b + 120])
            own = _category_from(pred.group(0), None, "none", ctx) if pred else None
            part = _PARTICIPLE.match(masked[b:b + 60])
            if own is None and part and category in ("persecuted", "other"):
                # "150 persecuted, including 35 detained on …": a part of an umbrella count names its own event
                own = _category_from(part.group(1), None, "none", ctx)
            if own in _EVENTS - {"newly_recognised"}:
                category = fc.part_category(category, own)  # "among the pardoned, eight were convicted": why jailed
            elif category == "political_prisoners" and re.match(
                    r"^\s*(?:[\w-]+\s+){0,2}?(?:who|that)\s+(?:were|was|have\s+been|had\s+been)\s+(?:added|recogni[sz]ed|"
                    r"included|listed)\b", masked[b:b + 80], re.I):
                category = "newly_recognised"  # "1,349 …, including 44 individuals who were added to the list"
            elif category != "political_prisoners" and lx.CURRENT_STATE.search(re.split(r"[,;()]", masked[b:b + 120])[0]):
                category = "political_prisoners"  # "Of these, 28 remain behind bars": held now
        if category is None and parent_fig is not None and kind == "elliptic":
            rest = re.sub(r"\([^)]*\)", " ", masked[a:a + 200])
            clause = re.split(r"[;,]\s", rest)[0]
            if lx.CURRENT_STATE.search(clause) and parent_fig.category.startswith("political_prisoners"):
                category = "political_prisoners"
            else:
                # "three of them are invalids": a part with no event of its own is a part of its parent's event
                category = fc.part_category(parent_fig.category, _category_from(clause, None, kind, ctx))
        if listed is None and fr.SUCH.match(after) and (out or prior):
            listed = (out or prior)[-1]  # "(in March there were 32 such cases)": the kind just counted
        if listed is not None:
            category, reporter = listed.category, listed.reporter
        if category is None and event_of is not None and not lx.IRREALIS.search(before[max(0, a - 120):]) \
                and not _HELD_NOW.search(masked[a:cend]):
            # "the arrest of over 35,000 individuals and the sentencing of …": the event the noun before names
            word = event_of.group(1).lower()
            category = {"arrest": "detained", "detention": "detained", "release": "released", "death": "died",
                        "conviction": "convicted", "sentencing": "convicted"}.get(word.rstrip("s"), None)
        if category is None and bringing:
            category = bringing
            reporter = out[-1].reporter if out else None
        if category is None and noun in ("cases", "criminal cases"):
            # "6,200 cases of politically motivated persecution": the kind of case decides, not the word "cases"
            of = re.match(r"^\s*(?:[\w-]+\s+){0,2}?cases\s+of\s+((?:[\w-]+\s+){0,3}[\w-]+)", after, re.I)
            if of:  # ("cases of detention": the noun of what befell them)
                category = _category_from(of.group(1), *counted_noun(" " + of.group(1)), ctx)
        if category is None and paren_noun is not None:
            # "all political prisoners (already 862)": the count belongs to the noun, not to the verb around it
            category = _category_from(paren_noun, noun, kind, ctx)
        if category is None and noun == "cases" and re.match(r"\s+cases\b", after):
            # "found guilty in 37 cases": the clause's event; "91 cases were recorded": the kind just counted
            category = _category_from(clause, None, "none", ctx) or fl.cases_like_before(clause, prior + out, s.start)
        if category is None:
            category = _category_from(clause, noun, kind, ctx, masked)
        if category is None and parent_fig is not None:
            category = parent_fig.category
        if category is None and kind == "anaphoric" and (out or prior):
            category = (out or prior)[-1].category
            reporter = (out or prior)[-1].reporter
        if category is None and value in title_values and s.kind != TITLE:
            category = title_values[value]
        if category is None and s.kind != TITLE:
            category = fl.repeated_category(value, prior)  # the same people counted again, further on
        if category is None:
            category = _category_from(masked, noun, kind, ctx)
        if category is None and noun in ("detainees", "arrestees", "detained"):
            category = "detained"  # "information on 261 detainees": the noun says what befell them
        if category is None and value >= 10 and prev_text and (fr.POINTS_BACK.search(masked[cstart:a]) or
                                                               fl.ON_THAT_LIST.search(masked[b:cend])):
            # "They contained 314 names", "estimate their total at 1,118 people": what the sentence before counted
            # (a small count that points back, "They listed two foreign nationals", stays a detail, as below)
            category = _category_from(mask_quotes(prev_text), None, "none", ctx)
        if category is None and fl.held_by_demand(masked[:a], noun):
            category = "political_prisoners"  # "calling for the release of a further 1,150 prisoners": held now
        if category is None:
            if value < 10:
                continue  # "two fellow campaigners, A and B": a small uncategorised count is no reported figure
            category = "other"
        if category != "sanctioned" and kind == "org":
            continue
        if category == "political_prisoners" and (
                re.match(r"^\s+(more|new|newly\s+recogni[sz]ed)\s+political\s+prisoners?\b", after, re.I) or
                re.match(r"^\s+(more|new)\s+(people|persons|names|individuals)\b", after, re.I) and
                re.search(r"\b(list|updated|added)\b", masked, re.I)):
            # "Three more political prisoners", "list updated with 28 new people": added to the list, not its size
            category = "newly_recognised"
        last = (out or prior)[-1] if (out or prior) else None
        if category == "convicted" and parent is None and last is not None and last.category == "newly_recognised" \
                and value < last.value and re.search(r"\b(?:listed|named|included|added)\s+$", before, re.I) \
                and re.match(r"^\s+(?:[\w-]+\s+){0,2}?(?:convicted|sentenced|jailed)\b", after, re.I):
            # "labeled six more people as political prisoners … they listed three foreign nationals convicted
            # of spying": the list names part of the recognised; "convicted" only says who they are
            category, parent = "newly_recognised", fl.index_of(prior, out, last)
        if reporter is None:
            reporter = reporter_of(sent, masked, ctx.outlet)
        if reporter is None and category == "sanctioned":
            reporter = sanctioning_actor(masked, sent)
        if reporter is None and parent_fig is not None:
            reporter = parent_fig.reporter
        if reporter is None and kind == "anaphoric" and (out or prior):
            reporter = (out or prior)[-1].reporter
        as_of = as_of_date(sent, ctx)
        if as_of is None and parent_fig is not None:
            as_of = parent_fig.as_of
        if as_of is None and category in _EVENTS:
            as_of = event_date(sent, ctx)
        if as_of is None and category == "sanctioned":
            as_of = event_date(sent, ctx, on_only=True)
        out.append(Figure(
            value=value, qualifier=_qualifier(before, after, phrase), category=category, reporter=reporter,
            as_of=as_of, sentence=sent, start=s.start + a, end=s.start + b, sentence_start=s.start,
            sentence_end=s.end, counted=noun, parent=parent,
        ))
    return out


_EVENTS = {"detained", "released", "convicted", "charged", "died", "newly_recognised"}

