"""Everyone a recognition statement names: a name detector over the statement's scope, not per construction.

Why: the construction rules of :mod:`reckon.news.declared` ("One of them is X", "Other additions are A and
B", "granted the status … to X") each fix the batch they were written on and miss the next one's wording.
Here the construction around a name does not matter. A *recognition statement* is a sentence that says people
were recognised, declared, added to or newly put on a list of political prisoners (in an article about
political prisoners); its *scope* is that sentence and the next sentence of its paragraph (where "Among them
are …", "They are …" and the like name the people it counted). Every person name in the scope is taken,
unless something near it gives the person another part: the one who speaks or compiles the list, an
official, a relative, a lawyer, someone released or dead, the subject of the recognising verb.

A name must also be confirmed as a person's name by what :mod:`reckon.names` knows (a given name of its
vocabulary, or a name part of rigour's corpus), so that capitalised phrases ("Popular Front", "Caucasian
Knot") are not taken for people.
"""

from __future__ import annotations

import re

from reckon.names.given import known_class, name_ids
from reckon.news import lexicon as lx
from reckon.news.entities import Name, person_names
from reckon.news.model import DeclaredPrisoner
from reckon.news.numbers import parse_number
from reckon.news.quote_marks import blank, paired_spans
from reckon.news.text import BODY, BULLET, HEADING, TITLE, Layout, split_sentences

_ABOUT_PP = re.compile(r"\bpolitical\s+prisoners?\b", re.I)
# a recognition whatever the words between verb and status: "recognized PFPA activist X as another political
# prisoner", "declared them political prisoners", "X became a new political prisoner"
_RECOG_ANY = re.compile(
    r"\b(?:recogni[sz]\w*|declar\w*|acknowledg\w*|designat\w*|consider\w*|deem\w*|label\w*|nam(?:ed|es|ing)|"
    r"became|become|becomes)\b[^.;:]{0,120}?"
    r"\b(?:as|to\s+be|an?|another|new(?:ly)?)\s+(?:(?:an?|another|new)\s+)?political\s+prisoners?\b", re.I)
# additions to the list (the list is of political prisoners: the article is about them): "34 names were added",
# "New on the list were …", "has been added to the list", "the list was updated with …", "included in the list"
_LIST_ADD = re.compile(
    r"\b(?:add(?:ed|ing|s|itions?)|includ(?:ed|ing)\s+(?:in|on|into)|new(?:ly)?|entered|put|placed|appeared|updated|expanded|"
    r"publish\w*|made\s+public|announc\w*|distribut\w*|posted|issued)\b"
    r"[^.;]{0,60}?\blists?\b|\blists?\b[^.;]{0,60}?\b(?:add(?:ed|itions?)|updated\s+with|new\s+(?:names|faces|ones))\b", re.I)
# "the first trial of the political prisoner X", "with fellow political prisoner Y": someone the article already
# calls a political prisoner, named for what relates to another event, not one a statement recognises
NAMED_PRISONER = re.compile(r"\b(?:of|with|from)\s+(?:the\s+|a\s+|fellow\s+|jailed\s+|imprisoned\s+)*political\s+"
                            r"prisoners?\s+$", re.I)
# other parts a named person can play near a recognition (what the words just before the name say of them)
_ROLE_BEFORE = re.compile(
    r"\b(?:judges?|prosecutors?|investigators?|ministers?|officers?|police(?:man|woman)?|officials?|spokes(?:man|woman|person)|"
    r"lawyers?|attorneys?|advocates?|defen[cs]e\s+counsel|wife|husband|son|daughter|mother|father|brother|sister|widow|"
    r"relatives?|correspondents?|reporters?|editors?|authors?|compiled\s+by|signed\s+by|by|according\s+to|"
    r"colleagues?\s+of|case\s+of|release\s+of|death\s+of)\s*(?:of\s+)?(?:the\s+)?$", re.I)
_ROLE_AFTER = re.compile(r"^\s*,?\s*(?:the\s+|a\s+)?(?:judge|prosecutor|investigator|minister|lawyer|attorney|spokes\w+|"
                         r"wife|husband|son|daughter|mother|father)\b", re.I)
_SPEECH_AFTER = re.compile(r"^\s*(?:,[^,]{0,100},\s*)?(?:has\s+|had\s+)?(?:said|says|told|tells|stated|states|noted|notes|"
                           r"wrote|writes|reported|reports|explained|stressed|emphasi[sz]ed|believes?|thinks?|"
                           r"recogni[sz]ed|declared|considers?|compiled|published|announced)\b", re.I)
_OTHER_EVENT = re.compile(r"\b(?:releas\w*|freed|pardon\w*|sanction\w*|died|dead|killed|deceased|passed\s+away|served\s+(?:their|his|her)"
                          r"\s+(?:full\s+)?(?:terms?|sentences?)|excluded|removed|acquitted)\b", re.I)


# a sentence after a recognition that points back at the recognised ("among them", "they", "the others")
_BACK_REF = re.compile(r"\b(?:them|they|these|those|among|including|includes?|such\s+as|one\s+of|both|all|others?|another|"
                       r"further|latest|additions?|also|list)\b", re.I)
_COUNT = re.compile(r"\b([\w-]+)\s+(?:more\s+|new\s+|other\s+)?(?:people|persons|individuals|activists|names|men|women)\b", re.I)


def _count(text: str) -> int | None:
    """How many people a recognition counts ("recognised five more people"), None when it gives no number."""
    m = _COUNT.search(text)
    return parse_number(m.group(1)) if m else None


def _masked(sent: str) -> str:
    """Quotations blanked (their words are someone's speech, not the statement), spans kept; a quotation of a
    few words is a term ("political prisoners", “extremist”), kept with its marks blanked."""
    return blank(sent, paired_spans(sent), keep_marks=False, term=lambda words: len(words.split()) <= 4)


# "The list of 70 political prisoners … includes the following:": a line that opens the list itself
_LIST_OPENS = re.compile(r"\blist\s+of\s+(?:[\d,]+\s+|[a-z-]+\s+)?(?:[a-z-]+\s+)?political\s+prisoners\b[^.;]{0,100}?"
                         r"\b(?:includes?|contains?|consists?\s+of|comprises?|the\s+following|are)\b[^.;]{0,40}:\s*$", re.I)


def is_recognition(sent: str) -> bool:
    """Says people were recognised as, declared or added to the list of political prisoners, or opens that list."""
    masked = _masked(sent)
    return bool(lx.RECOGNITION.search(masked) or _RECOG_ANY.search(masked) or _LIST_ADD.search(masked)
                or _LIST_OPENS.search(masked))


def is_person(name: Name) -> bool:
    """The name reckon.names knows a part of: a given name of its vocabulary or a name in rigour's corpus."""
    parts = [p for p in name.tokens if not p.endswith(".") and len(p) > 1]
    if not 2 <= len(parts) <= 4:
        return False
    # the first part is a given name (reckon's vocabulary or rigour's corpus), or the last one is a given name
    # of reckon's vocabulary (surname first); rigour's corpus alone also holds words ("Knot", "Union", "Code")
    # that are surnames somewhere, so it never confirms a last part
    return known_class(parts[0]) is not None or bool(name_ids(parts[0])) or known_class(parts[-1]) is not None


# what may stand between two names of one list: a comma, "and", and an aside in brackets after the first
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,200}\)\s*)?(?:,\s*(?:and\s+)?|and\s+)", re.I)


def _listed_people(sent: str) -> list[Name]:
    """The confirmed person names of a sentence, and the unconfirmed ones that stand in a list among them.

    A run of names joined by commas and "and" is one list, and a list names one kind of thing: in "A, B, C and
    D" with three of them known people, the fourth ("Almaz Usmanov", a given name reckon.names lacks) is one too.
    """
    cands = [n for n in person_names(sent) if not n.possessive]
    known = [is_person(n) for n in cands]
    keep = list(known)
    start = 0
    for i in range(1, len(cands) + 1):
        if i < len(cands) and _LIST_GAP.fullmatch(sent[cands[i - 1].end:cands[i].start]):
            continue
        if sum(known[start:i]) >= 3:  # a run of at least three known names: its other members are names too
            for k in range(start, i):
                keep[k] = keep[k] or (2 <= len(cands[k].tokens) <= 3 and
                                      all(re.fullmatch(r"[A-Z][a-z’'-]+", t) for t in cands[k].tokens))
        start = i
    return [n for n, k in zip(cands, keep, strict=True) if k]


def _excluded(sent: str, name: Name) -> bool:
    """Something next to the name gives the person another part than the recognised."""
    before = sent[max(0, name.start - 60):name.start]
    after = sent[name.end:name.end + 80]
    if _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after) or _SPEECH_AFTER.match(after):
        return True
    if re.search(r"\b(?:said|says|told|wrote|according\s+to)\b(?:(?!\bthat\b)[^,.;:]){0,50}$", before, re.I):
        return True  # "said Memorial board member X": the speaker ("said that X was …" names the subject)
    if re.search(r"\b(?:compiled|drawn\s+up|prepared|signed)\s+by\b[^.;]{0,120}$", before, re.I):
        return True  # "compiled by the director of the Institute, X, and the head of the Centre, Y": the authors
    if re.search(r"(?:^|[”\"»])\s*[–—-]\s*$", before):
        return True  # "“…” – X, head of Y": the one quoted
    if sent[:name.start].count("(") > sent[:name.start].count(")"):
        return True  # "A (a lawyer married to B)": what the brackets say of a person names someone else
    # "the social networks of X", "together with X": a person named for what relates to another; the list's
    # own "names of X" and "recognition of X" are the recognised
    if re.search(r"\b(?:of|with|from)\s+$", before) and not re.search(r"\b(?:names?|recognition|declaration)\s+of\s+$",
                                                                       before, re.I):
        return True
    # "the first trial of the political prisoner X": someone the article already calls a political prisoner, named for
    # what relates to another event, not one the statement recognises
    if NAMED_PRISONER.search(before):
        return True
    # "since then X and Y have been released": the clause of the name says something else happened to them
    clause_end = re.search(r"[;.]|,\s+(?:and\s+)?(?:who|which|while|but)\b", after)
    clause = after[:clause_end.start()] if clause_end else after
    return bool(_OTHER_EVENT.search(clause) and not is_recognition(clause))


def _scopes(lay: Layout) -> list[tuple[int, str, int | None]]:
    """(offset, text, count to match) of every recognition statement and what it covers: the next two sentences
    (into the next paragraph), the list after a statement ending in ':', everything under a recognition heading."""
    units: list[tuple[str, int, str]] = []  # (block kind, offset, sentence or list item)
    for block in lay.blocks:
        if block.kind == BULLET:
            units.append((BULLET, block.start, block.text))
        elif block.kind in (BODY, HEADING, TITLE):
            units.extend((block.kind, block.start + s, block.text[s:e]) for s, e in split_sentences(block.text))
    out: list[tuple[int, str, int | None]] = []  # (offset, text, the count a follow-on sentence must match)
    count: int | None = None  # what the last recognition counted ("five more people"), None when it did not
    # a line that is one name alone, with no such line next to it, is a byline ("Natalia Example" after the text)
    sole = [bool(re.fullmatch(r"[\s•*-]*" + re.escape(ns[0].text) + r"[\s.,;]*", t)) if (ns := person_names(t)) else False
            for _, _, t in units]
    units = [u for i, u in enumerate(units)
             if not sole[i] or (i > 0 and sole[i - 1]) or (i + 1 < len(units) and sole[i + 1])]
    # a recognition in the title, or in a heading before the first paragraph, heads the whole article
    first_body = next((i for i, u in enumerate(units) if u[0] == BODY), len(units))
    whole = bool(lay.title and is_recognition(lay.title)) or any(is_recognition(t) for k, _, t in units[:first_body])
    under_heading = whole
    if whole:
        count = _count(next(t for t in [lay.title or ""] + [t for _, _, t in units[:first_body]] if is_recognition(t)))
    follow = 0  # sentences after a recognition statement still in its scope
    in_list = False
    items = False  # after a statement ending in ':', paragraphs ending in ';' are the items of its list
    for kind, offset, text in units:
        if kind in (HEADING, TITLE):
            under_heading = whole or is_recognition(text)
            follow, in_list = 0, False
            if is_recognition(text):
                count = _count(text)
                out.append((offset, text, None))
            continue
        if kind == BULLET:
            if in_list or under_heading:
                out.append((offset, text, None))
            continue
        in_list = False
        if is_recognition(text):
            count = _count(text)
            out.append((offset, text, None))
            follow, in_list = 2, text.rstrip().endswith(":")
            items = in_list
            continue
        if items:
            # "…includes the following:" then "Pussy Riot prisoners: A and B;" / "C, D and E sentenced on …;"
            out.append((offset, text, None))
            items = text.rstrip().endswith(";")
            continue
        if under_heading or (follow and (not _OTHER_EVENT.search(_masked(text)))):
            out.append((offset, text, None if _BACK_REF.search(text) else count))
        follow = max(0, follow - 1)
    return out


def scope_declared(lay: Layout) -> list[DeclaredPrisoner]:
    """Every confirmed person name in the scope of a recognition statement, minus those with another part."""
    if not _ABOUT_PP.search(lay.text):
        return []
    out: list[DeclaredPrisoner] = []
    seen: set[int] = set()
    for offset, sent, must in _scopes(lay):
        if offset in seen:
            continue
        seen.add(offset)
        masked = _masked(sent)
        names = [n for n in _listed_people(masked) if not _excluded(masked, n)]
        if must is not None and len({n.text for n in names}) != must:
            continue  # a sentence after "recognised three people" naming two others is about someone else
        for name in names:
            rec = lx.RECOGNITION.search(masked) or _RECOG_ANY.search(masked) or _LIST_ADD.search(masked)
            if rec and name.end <= rec.start() and re.fullmatch(r"[\s,]*(?:(?:has|have|had|also|now|then|again)\s+)*",
                                                                masked[name.end:rec.start()]):
                continue  # the one who recognises, not the recognised
            out.append(DeclaredPrisoner(name=name.text, article=None, sentence_text=None, context=sent,
                                        start=offset + name.start, end=offset + name.end))
    return out
