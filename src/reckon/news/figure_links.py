"""What ties an English count to the words and counts around it: coordination, subsets, repeats, demands.

Why (issue 16, h17fen round): on fresh English articles the figures the rules found but misread were mostly not
missing cue words but wrong attachments. A cue went to the wrong count ("searches the homes of 84 relatives and
arrests several of them": the arrests are of the several, not of the 84), a qualifier was read for the first of
two coordinated counts only ("at least 31 minors and 17 journalists"), a count that repeats an earlier one took
no category ("visited at least 84 people" after "searches the homes of 84 relatives"), and those whose release
is demanded ("calling for the release of a further 1,150 prisoners") were `other` because a wish reports no
release. Each rule here reads the structure of the sentence, not its words, so it holds whatever the topic.

Kept apart from ``figures.py`` (at its size limit) so that each rule can be read and tested on its own.
"""

from __future__ import annotations

import re
from typing import Any

from reckon.news import lexicon as lx

# "50 journalists, most of whom were later released …, were detained": an aside on some of them
_ASIDE_BEFORE = re.compile(r"\b(?:most|some|many|all|none|several|few|one|two|three|half)\s+of\s+whom\b[^,;]*$", re.I)
# "… and arrests several of them": the cue's own object is a subset of the people just counted
# (a vague quantifier only: in "police detained 35 of them" the 35 is the count being read)
_SUBSET_AFTER = re.compile(r"^\s+(?:(?:only|also|then|later)\s+)?(?:several|some|many|most|a\s+few|few|dozens|half)"
                           r"\s+of\s+(?:them|those|these|whom)\b", re.I)


def cue_for_others(text: str, cue: re.Match[str]) -> bool:
    """A cue that speaks of some of the people rather than of the count: an aside ("most of whom were released")
    or a verb whose object is a part of them ("searched the homes of 84 people and detained several of them")."""
    return bool(_ASIDE_BEFORE.search(text[max(0, cue.start() - 80):cue.start()]) or
                _SUBSET_AFTER.match(text[cue.end():cue.end() + 40]))


# "at least 31 minors and 17 journalists": the second count's gap to the first holds only the first's noun phrase
_COORDINATED_GAP = re.compile(r"^\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+\s+(?:and|as well as)\s+$", re.I)
_VERBISH = re.compile(r"\b(?:were|was|are|is|have|has|had|been|being|will|would)\b|\w+ed\b", re.I)


def share_qualifiers(figures: list[Any]) -> None:
    """A qualifier before the first of two coordinated counts ("at least 31 minors and 17 journalists", "more than
    200 students and 40 teachers") bounds both: the second, printed bare, takes it. A verb between them ("at least
    100 were questioned and 26 were arrested") makes two statements, each with its own qualifier."""
    for first, second in zip(figures, figures[1:], strict=False):
        if second.sentence_start != first.sentence_start or second.qualifier != "exact" \
                or first.qualifier not in ("at_least", "more_than", "about", "up_to"):
            continue
        gap = first.sentence[first.end - first.sentence_start:second.start - second.sentence_start]
        if _COORDINATED_GAP.match(gap) and not _VERBISH.search(gap) and first.counted and \
                first.counted.split()[-1] in gap and second.counted:
            second.qualifier = first.qualifier


def repeated_category(value: int, earlier: list[Any]) -> str | None:
    """The category of an earlier count of the article with the same value, for a count of ten or more with no cue
    of its own ("the KGB had visited at least 84 people" after "searches the homes of 84 relatives"): the same
    people told twice. Small numbers repeat by chance, so they are left alone."""
    if value < 10:
        return None
    same = [f.category for f in earlier if f.value == value and not f.headline and f.category != "other"]
    return same[-1] if same else None


# "calling for the release of a further 1,150 prisoners", "demands the freedom of all 1,200 detainees"
_RELEASE_OF = re.compile(r"\b(?:release|freedom|freeing|liberation)\s+of\s+(?:(?:all|the|a|remaining|other|further|"
                         r"another|more than|over|about|some|nearly|almost|at least|roughly|around)\s+)*$", re.I)


def held_by_demand(before: str, noun: str | None) -> bool:
    """Those whose release a wish or demand names are held now: a count of prisoners (or people) after "the
    release of" in a call or demand is the count of political prisoners, though the wish reports no release."""
    if noun is None or (noun not in ("political prisoners", "prisoners", "detainees", "people", "persons",
                                     "individuals", "others") and noun not in lx.PERSON_NOUNS):
        return False
    return bool(_RELEASE_OF.search(before) and lx.IRREALIS.search(before[-160:]))


def as_many_as_exact(before: str, value: int) -> bool:
    """"as many as 5,845 protesters": emphasis on a number that was counted, not a ceiling; only a round number
    ("as many as 5,000") can be an upper bound."""
    return bool(re.search(r"\bas many as\s*$", before, re.I)) and value % 10 != 0


def fig_at(prior: list[Any], out: list[Any], index: int | None) -> Any | None:
    """The figure at ``index`` of the article's figures so far (``prior``, then this sentence's ``out``)."""
    if index is None:
        return None
    if index < len(prior):
        return prior[index]
    k = index - len(prior)
    return out[k] if 0 <= k < len(out) else None


def index_of(prior: list[Any], out: list[Any], fig: Any | None) -> int | None:
    """The index of ``fig`` among ``prior`` then ``out`` (a figure's ``parent``), by identity."""
    if fig is None:
        return None
    for i, f in enumerate(prior):
        if f is fig:
            return i
    for i, f in enumerate(out):
        if f is fig:
            return len(prior) + i
    return None


_TIME_PREPS = ("during", "after", "before", "since")


def prep_family(prep: str) -> str:
    """The prepositions that continue a list begun with ``prep`` ("314 … in Russia, 27 in Kazakhstan"): the same
    one, or for a time any time ("19,096 detentions during the protests, and 326 after them")."""
    prep = prep.lower()
    return "|".join(_TIME_PREPS) if prep in _TIME_PREPS else re.escape(prep)


def age_apposition(before: str, after: str, value: int) -> bool:
    """"Barys Demau, 76, a democratic activist": a number set off by commas right after a name is the person's
    age (as "Lena Demova (34)" is), not a count."""
    return value < 120 and bool(re.search(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+,\s*$", before)) and \
        bool(re.match(r"^\s*,", after))


# "three accused of working for China", "12 detained in Minsk": a bare number and a participle of the case
_PARTICIPLE_SUBJECT = re.compile(r"^\s+(?:accused|detained|arrested|convicted|sentenced|charged|jailed|"
                                 r"released|freed|pardoned)\s+(?:of|in|on|for|at|after|under|to)\b", re.I)
# "there will have about 250 by the end of December", "could reach 3,000": a forecast, not a count
_FORECAST = re.compile(r"\b(?:will|would|could|might|may)\s+(?:(?:have|be|reach|exceed|number|total|top)\s+)+"
                       r"(?:(?:about|around|some|over|more than|nearly|almost|up to|at least)\s+)?$", re.I)


def participle_subject(after: str) -> bool:
    """A bare number followed by a participle of what befalls people and its preposition ("three accused of
    spying", "12 detained in Minsk") counts people."""
    return bool(_PARTICIPLE_SUBJECT.match(after))


def forecast(before: str) -> bool:
    """The number is what someone expects ("there will have about 250 cases by December"): no count yet."""
    return bool(_FORECAST.search(before))


# "the existing 82 treason cases" after "launched 82 treason investigations": the same count named again
REFERENTIAL_ADJ = re.compile(r"\b(?:the|these|those|this|that)\s+(?:existing|same|said|above|aforementioned|"
                             r"mentioned|listed|named)\s+$", re.I)


def own_clause_start(masked: str, cstart: int, a: int, prev_end: int | None) -> int:
    """Where the clause of a count at ``a`` begins when an earlier count stands in the same clause and "and" joins
    a new statement about this one ("close to 3,150 were recognised as political prisoners and nearly 1,400 are
    behind bars"): after that "and", so the first statement's words do not describe the second count."""
    if prev_end is None or not cstart <= prev_end <= a:
        return cstart
    joins = [m for m in re.finditer(r"\s(?:and|while|whereas)\s", masked[prev_end:a])]
    # "30 individuals and 5 entities": two counts of one statement, not two statements
    if not joins or not _VERBISH.search(masked[prev_end:prev_end + joins[-1].start()]):
        return cstart
    return prev_end + joins[-1].end()


def verb_begins(word: str, nxt: str) -> bool:
    """An auxiliary and a participle ("are serving", "were given") start the count's predicate."""
    return word in ("are", "were", "is", "was", "have", "has", "had") and bool(re.fullmatch(r"[a-z]+(?:ing|ed)", nxt))


def cases_like_before(clause: str, earlier: list[Any], start: int) -> str | None:
    """"Back then, 91 cases were recorded" after a count of detentions: bare cases with no event of their own are
    of the kind the article just counted (the last count within a few sentences); cases someone opened, initiated
    or brought are criminal cases whatever came before."""
    if re.search(r"\b(?:open(?:s|ed|ing)?|initiat\w+|launch\w*|institut\w+|brought|bring(?:s|ing)?|fil(?:e|es|ed|ing))\b",
                 clause, re.I):
        return "charged"
    for f in reversed(earlier):
        if start - f.sentence_end > 600:
            break
        if not f.headline and f.category != "other":
            return f.category
    return None


# "20 women political prisoners - mothers of 39 minor children": the children of the persecuted, not a count of them
KIN_OF = re.compile(r"\b(?:mothers?|fathers?|parents?|famil(?:y|ies)|wives|husbands)\s+of\s+$", re.I)

# "there are about 1,500 people on the list" after a sentence about a list: that list
ON_THAT_LIST = re.compile(r"^\s+[\w\s-]{0,30}?\b(?:on|in)\s+(?:the|this|that)\s+lists?\b", re.I)
