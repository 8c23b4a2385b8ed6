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
from reckon.news.text import BODY, HEADING, TITLE, Layout, split_sentences

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
    r"\b(?:add(?:ed|ing|s|itions?)|includ(?:ed|ing)\s+(?:in|on|into)|new(?:ly)?|entered|put|placed|appeared|updated|expanded)\b"
    r"[^.;]{0,60}?\blists?\b|\blists?\b[^.;]{0,60}?\b(?:add(?:ed|itions?)|updated\s+with|new\s+(?:names|faces|ones))\b", re.I)
# other parts a named person can play near a recognition (what the words just before the name say of them)
_ROLE_BEFORE = re.compile(
    r"\b(?:judges?|prosecutors?|investigators?|ministers?|officers?|police(?:man|woman)?|officials?|spokes(?:man|woman|person)|"
    r"lawyers?|attorneys?|advocates?|defen[cs]e\s+counsel|wife|husband|son|daughter|mother|father|brother|sister|widow|"
    r"relatives?|correspondents?|reporters?|editors?|authors?|compiled\s+by|signed\s+by|by|according\s+to|"
    r"colleagues?\s+of|case\s+of|release\s+of|death\s+of)\s*(?:of\s+)?(?:the\s+)?$", re.I)
_ROLE_AFTER = re.compile(r"^\s*,?\s*(?:the\s+|a\s+)?(?:judge|prosecutor|investigator|minister|lawyer|attorney|spokes\w+|"
                         r"wife|husband|son|daughter|mother|father)\b", re.I)
_SPEECH_AFTER = re.compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:has\s+|had\s+)?(?:said|says|told|tells|stated|states|noted|notes|"
                           r"wrote|writes|reported|reports|explained|stressed|emphasi[sz]ed|believes?|thinks?|"
                           r"recogni[sz]ed|declared|considers?|compiled|published|announced)\b", re.I)
_OTHER_EVENT = re.compile(r"\b(?:releas\w*|freed|pardon\w*|died|dead|killed|deceased|passed\s+away|served\s+(?:their|his|her)"
                          r"\s+(?:full\s+)?(?:terms?|sentences?)|excluded|removed|acquitted)\b", re.I)


def _masked(sent: str) -> str:
    """Quotations blanked (their words are someone's speech, not the statement), spans kept."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"|«[^»]*»", lambda m: " " * len(m.group()), sent)


def is_recognition(sent: str) -> bool:
    """Says people were recognised as, declared or added to the list of political prisoners."""
    masked = _masked(sent)
    return bool(lx.RECOGNITION.search(masked) or _RECOG_ANY.search(masked) or _LIST_ADD.search(masked))


def is_person(name: Name) -> bool:
    """The name reckon.names knows a part of: a given name of its vocabulary or a name in rigour's corpus."""
    parts = [p for p in name.tokens if not p.endswith(".") and len(p) > 1]
    if not 2 <= len(parts) <= 4:
        return False
    # the first or the last part (given name first, or surname first) must be a known name part
    return any(known_class(p) is not None or bool(name_ids(p)) for p in (parts[0], parts[-1]))


def _excluded(sent: str, name: Name) -> bool:
    """Something next to the name gives the person another part than the recognised."""
    before = sent[max(0, name.start - 60):name.start]
    after = sent[name.end:name.end + 80]
    if _ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after) or _SPEECH_AFTER.match(after):
        return True
    # "the social networks of X", "together with X": a person named for what relates to another; the list's
    # own "names of X" and "recognition of X" are the recognised
    if re.search(r"\b(?:of|with|from)\s+$", before) and not re.search(r"\b(?:names?|recognition|declaration)\s+of\s+$",
                                                                       before, re.I):
        return True
    # "since then X and Y have been released": the clause of the name says something else happened to them
    clause_end = re.search(r"[;.]|,\s+(?:and\s+)?(?:who|which|while|but)\b", after)
    clause = after[:clause_end.start()] if clause_end else after
    return bool(_OTHER_EVENT.search(clause) and not is_recognition(clause))


def _scopes(lay: Layout) -> list[tuple[int, str]]:
    """(offset, sentence) of every recognition statement and of the sentence after it in its paragraph."""
    out: list[tuple[int, str]] = []
    for block in lay.blocks:
        if block.kind not in (BODY, HEADING, TITLE):
            continue
        spans = split_sentences(block.text)
        for k, (s, e) in enumerate(spans):
            sent = block.text[s:e]
            if not is_recognition(sent):
                continue
            out.append((block.start + s, sent))
            if k + 1 < len(spans) and block.kind == BODY:
                s2, e2 = spans[k + 1]
                nxt = block.text[s2:e2]
                if not _OTHER_EVENT.search(_masked(nxt)) or is_recognition(nxt):
                    out.append((block.start + s2, nxt))
    return out


def scope_declared(lay: Layout) -> list[DeclaredPrisoner]:
    """Every confirmed person name in the scope of a recognition statement, minus those with another part."""
    if not _ABOUT_PP.search(lay.text):
        return []
    out: list[DeclaredPrisoner] = []
    seen: set[int] = set()
    for offset, sent in _scopes(lay):
        if offset in seen:
            continue
        seen.add(offset)
        masked = _masked(sent)
        for name in person_names(masked):
            if name.possessive or not is_person(name) or _excluded(masked, name):
                continue
            rec = lx.RECOGNITION.search(masked) or _RECOG_ANY.search(masked)
            if rec and name.end <= rec.start() and re.fullmatch(r"[\s,]*(?:(?:has|have|had|also|now|then|again)\s+)*",
                                                                masked[name.end:rec.start()]):
                continue  # the one who recognises, not the recognised
            out.append(DeclaredPrisoner(name=name.text, article=None, sentence_text=None, context=sent,
                                        start=offset + name.start, end=offset + name.end))
    return out
