"""Who reports a figure: "according to X", "…, X said.", the subject of a verb of reporting or of a sanctioning
verb, the article's own voice ("Statement of the … Centre"), and attribution that carries on to the next figure.

Kept apart from ``figures`` (which finds and categorises the numbers) so that each stays readable.
"""

from __future__ import annotations

import re

from reckon.news import lexicon as lx
from reckon.news.model import Figure
from reckon.news.numbers import NUMBER_RE

_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?P<r>(?:the\s+|an?\s+|his\s+|her\s+|their\s+|its\s+)?[^,;:“”\"]{2,70}?)\s+(?:has\s+|have\s+)?"
    r"(?:said|says|reported|reports|estimated|estimates|added|adds|noted|notes|wrote|writes|stated|announced|"
    r"told\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|points?\s+out|counted|calculated)"
    r"(?:\s+(?:on|in|last|this|earlier|late|yesterday|today)\b[^,.;]{0,40})?\s*[.!]?\s*$")
_PRONOUN_REPORTERS = {"we", "he", "she", "they", "it"}


def reporter_of(sentence: str, masked: str, outlet: str | None) -> str | None:
    """Who gives the sentence's figure: "according to X", "…, X said.", or the subject of a verb of reporting."""
    m = re.search(r"\b(?:according to|as per|cited by|citing)\s+(?:the\s+)?(?:(?:figures|data|estimates|statistics|"
                  r"information|(?:a |the )?reports?|calculations|counts?)\s+(?:\w+\s+)?(?:by|from|of)\s+(?:the\s+)?)?"
                  r"(?P<r>[^,;:()“\"]+?)(?=[,;:()“\"]|\.(?:\s|$)|$)", masked, re.I)
    if m:
        return _trim_np(sentence[m.start("r"):m.end("r")])
    # "…, the human rights centre added." / "…, Viasna said on Wednesday.": the attribution closing the sentence
    tail = _TRAILING_ATTRIBUTION.search(masked)
    if tail and tail.group("r").strip().lower() not in _PRONOUN_REPORTERS and not re.search(r"\d", tail.group("r")) \
            and not re.match(r"(which|who|that|and|but|as|it|this|there)\b", tail.group("r").strip(), re.I):
        return _trim_np(sentence[tail.start("r"):tail.end("r")])
    for vm in re.finditer(rf"\b(?:{lx.REPORT_VERBS})\b", masked, re.I):
        if vm.group()[0].isupper():
            continue  # "The United States", "Reports": a name or a sentence opening, not the verb
        before = masked[:vm.start()]
        if re.search(r"\b(been|were|was|are|is|being|as)\s+$", before, re.I):
            # ("as reported by X": the same agent, in a clause of manner)
            # "2,291 people have been recognised as political prisoners by the rights community": the passive's agent
            by = re.search(r"\bby\s+(?:the\s+)?(?P<r>[^,;:()“\".]+)", masked[vm.end():])
            if by:
                return _trim_np(sentence[vm.end() + by.start("r"):vm.end() + by.end("r")])
            continue
        before = re.sub(r"\s+(have|has|had|also|now|previously|earlier|already)\s*$", " ", before, flags=re.I)
        before = re.sub(r"\s+(have|has|had|also)\s*$", " ", before, flags=re.I)
        pieces = re.split(r"[,;:]|\.\s", before)
        while len(pieces) > 1 and not pieces[-1].strip():
            pieces.pop()
        subj = pieces[-1].strip()
        prev_piece = pieces[-2].strip() if len(pieces) > 1 else ""
        if prev_piece and prev_piece[0].isupper() and len(prev_piece.split()) <= 5 and \
                re.match(r"^(an?\s+\w|the\s+[a-z])", subj) and not any(w[:1].isupper() for w in subj.split()[1:]):
            subj = pieces[-2].strip()  # "OVD-Info, a Russian rights group, reported"
        subj = re.sub(r"^(as of [^,]*|that|and|but|so)\s+", "", subj, flags=re.I)
        words = subj.split()
        if not words or len(words) > 7:
            continue
        if any(NUMBER_RE.fullmatch(w.strip(",.")) for w in words) or re.search(r"\d", subj):
            continue
        low = subj.lower()
        if re.match(r"^(the\s+)?(number|total|count|figure|tally|list)\b", low):
            continue  # "The number of people recognised …": the subject counted, not who counts
        if low in _PRONOUN_REPORTERS:
            if low == "we" and outlet:
                return outlet
            continue
        if re.match(r"^(there|it|this|which|who|and|but|or|so|then)\b", low):
            continue  # "…, and declares:": a verb that shares its subject, not a reporter named "and"
        found = _trim_np(sentence[before.find(subj):before.find(subj) + len(subj)] if subj in sentence else subj)
        if found:
            return found   # else "An estimated …": a determiner alone, the sentence may name a reporter later
    return None


# "OFAC announced new sanctions last week against …": the announcing subject acts
_ANNOUNCED_SANCTIONS = re.compile(r"\b(?:announced|unveiled)\s+(?:\w+\s+){0,2}sanctions\b", re.I)


def sanctioning_actor(masked: str, sentence: str) -> str | None:
    """The named subject of a sanctioning verb ("… OFAC designated eight individuals") as the reporter."""
    m = _ANNOUNCED_SANCTIONS.search(masked) or lx.SANCTION_VERB.search(masked)
    if not m:
        return None
    before, prev = masked[:m.start()].rstrip(), None
    while before != prev:  # "The UK has today sanctioned": step over every auxiliary and adverb
        prev = before
        before = re.sub(r"\s+(has|have|had|is|are|was|were|also|previously|today|now|on \w+ \d*)\s*$", "", before)
    pieces = [p.strip() for p in re.split(r",\s", before) if p.strip()]
    if not pieces:
        return None
    subj = pieces[-1]
    words = subj.split()
    if words and words[0].islower() and words[0] not in ("the", "a", "an"):
        return None  # "…, including new sanctions against …": a participle phrase, not who acted
    if not words or len(words) > 14 or not any(w[:1].isupper() for w in words[1:] + words[:1]):
        return None
    if re.search(r"\d", subj) and not re.search(r"\(\w+\)", subj):
        return None
    at = before.find(subj)  # masking keeps length: the subject's place in the sentence as written
    return _trim_np(sentence[at:at + len(subj)]) if len(masked) == len(sentence) else None


# Words that never make a reporter on their own: determiners, conjunctions, prepositions ("An estimated
# 65,000 …", "As reported by …" gave reporters "An" and "As"). A reporter is a name or an organisation's noun
# phrase; these may open one ("as the centre reported": the centre), never be it.
_FUNCTION_WORDS = frozenset(
    "a an the this that these those some any each every another such many most several all both either neither "
    "as and but or nor so yet while when whereas although though because since if once until unless than "
    "of for by to in on at from with about after before over under into per via".split())
_OPENING_CONJUNCTION = re.compile(r"^(?:as|while|when|whereas|although|though|because|since|once|if)\s+", re.I)


def _trim_np(np: str) -> str | None:
    """The noun phrase of a reporter as written, trimmed of its article, an opening conjunction and what
    follows the phrase; None when only function words are left (:data:`_FUNCTION_WORDS`)."""
    np = np.strip().strip("“”\"'")
    np = _OPENING_CONJUNCTION.sub("", np)
    np = re.sub(r"^(the)\s+", "", np, flags=re.I)
    np = re.sub(r"\s+(further|also|later|earlier|previously|again|then|now)$", "", np, flags=re.I)
    np = re.split(r"\s+(?:that|who|which|on|in a|in its|in their|yesterday|today|last|this)\b", np)[0]
    words = np.split()
    if not words or all(w.lower().strip(",.") in _FUNCTION_WORDS for w in words):
        return None
    return " ".join(words[:12])


_VOICE = re.compile(r"^(?:joint\s+)?(?:statement|report|declaration|appeal|press release|communiqu\w+|address)\s+"
                    r"(?:of|by|from)\s+(?:the\s+)?(?P<who>.+?)(?:\s+(?:on|about|regarding|concerning|in)\s|$)", re.I)


def article_voice(title: str | None) -> str | None:
    """Who speaks in the whole article: "Statement of the Demo Rights Centre on …"."""
    m = _VOICE.match(title.strip()) if title else None
    return m.group("who").strip() if m else None


def carry_reporters(figures: list[Figure], para_of: dict[int, int], voice: str | None) -> None:
    """Attribution carries on: parts take their total's reporter, and an unattributed figure the one of the
    figure just before it in the same or the next paragraph, else the article's own voice."""
    for i, f in enumerate(figures):
        if f.reporter is not None:
            continue
        if f.parent is not None and figures[f.parent].reporter:
            f.reporter = figures[f.parent].reporter
            continue
        prev = next((g for g in reversed(figures[:i]) if not g.headline), None)
        if prev is not None and prev.reporter and not f.headline:
            pa, pb = para_of.get(prev.sentence_start), para_of.get(f.sentence_start)
            if pa is not None and pb is not None and 0 <= pb - pa <= 1:
                f.reporter = prev.reporter
                continue
        if voice:
            f.reporter = voice
