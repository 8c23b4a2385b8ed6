"""Where the quotations of an English paragraph are: matched marks, and the sentence around a position.

Kept apart from ``quotes`` (who speaks) because finding the marks is a parser of its own: curly, straight,
guillemet and single quotation marks, a quotation whose closing mark the page lost, and sentence bounds
that treat quotations as opaque.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reckon.news.entities import person_names
from reckon.news.lexicon import SPEECH_VERBS

# '“…” Jan Example said.': the words after a closed quotation that still attribute it (a verb of speech within
# its first five words, and no "that" nor a quotation of its own after it: "Jan Example also said that …" is new)
_ATTRIBUTION = re.compile(rf"\s+(?:[\w’'.-]+\s+){{0,4}}(?:{SPEECH_VERBS})\b(?!\s+that\b)(?=[^.!?“”\"]*(?:[.!?]|$))")


@dataclass
class Span:
    start: int  # of the quoted text (inside the marks), relative to the block
    end: int
    open_at: int
    close_at: int
    single: bool


def quote_spans(text: str, *, last: bool = False) -> list[Span]:
    """The quotations of a paragraph; ``last`` says it ends the text, which may be an opening cut mid-sentence
    (a quotation opened there runs to the end though no sentence closes it)."""
    text = _mojibake_marks(text)
    spans: list[Span] = []
    stack: list[int] = []
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch in "“«":
            stack.append(i)
        elif ch == "”" and not stack and straight is None and re.search(r"(?:^|[.!?:]\s)\s*$", text[:i]) and \
                text[i + 1:i + 2].isalpha() and "”" in text[i + 2:]:
            # ”I studied there,” he said: some pages set the closing mark at both ends (a sentence opening with it;
            # mid-sentence, as in 'referred to as ”…”', it stays a stray mark)
            stack.append(i)
        elif ch in "”»" and stack:
            a = stack.pop()
            if not stack:
                spans.append(Span(a + 1, i, a, i + 1, False))
        elif ch == '"' and len(stack) == 1 and text[stack[0]] == "“" and i > 0 and not text[i - 1].isspace():
            a = stack.pop()  # “thousands of innocent political prisoners": a curly quotation closed by a straight mark
            spans.append(Span(a + 1, i, a, i + 1, False))
        elif ch == "”" and straight is not None and not stack and i > straight + 1 and not text[i - 1].isspace():
            # "They put a blindfold over my eyes … west,” he said: a straight opening mark closed by a curly one
            spans.append(Span(straight + 1, i, straight, i + 1, False))
            straight = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append(Span(straight + 1, i, straight, i + 1, False))
                straight = None
    if len(stack) == 1 and text[stack[0]] in "“”":
        # “… we will keep asking for their release. – Jana Example, spokesperson: a statement whose closing
        # mark the page lost, signed with a dash and a name at the end of its paragraph (the last such dash)
        a = stack[0]
        signs = list(re.finditer(r"(?<=[.!?])\s+[–—]\s*(?=[A-Z][\w’'-]+\s+[A-Z][\w’'-]+[^\n]*$)", text[a:]))
        sign = signs[-1] if signs else None
        said = _OPEN_SAID.search(text, a + 1)
        if sign is not None and person_names(text[a + sign.end():a + sign.end() + 60]):
            spans.append(Span(a + 1, a + sign.start(), a, a + sign.start(), False))
        elif said is not None:
            # “Journalists are forced to … survival, told the union's head Jan Example: a quotation whose closing
            # mark the page lost before its attribution at the end of the paragraph
            spans.append(Span(a + 1, said.start(), a, said.start(), False))
        elif (not text[:a].strip() or re.search(r"[.!?:]\s+$", text[:a])) \
                and len(text) > a + 20:
            # “They were convicted for … (no closing mark): a quotation that goes on in the next paragraph, which
            # opens with “ again, as English typesetting does
            spans.append(Span(stack[0] + 1, len(text.rstrip()), stack[0], len(text), False))
    if straight is not None and re.search(r"(?:^|[.!?:]\s+)$", text[:straight]) and \
            re.match(r"[A-Z][^\n]{20,}" + ("" if last else r"[.!?:]\s*$"), text[straight + 1:]):
        # … says Natallia Example. "The sentence was cruel. … (no closing mark): a quotation that opens a sentence
        # and runs to its paragraph's end goes on in the next paragraph, as English typesetting does
        spans.append(Span(straight + 1, len(text.rstrip()), straight, len(text), False))
    for m in re.finditer(r"(?<![\w’'])‘([^‘’]{3,400}?)’(?![\w])", text):
        if not any(s.open_at <= m.start() < s.close_at for s in spans):
            spans.append(Span(m.start(1), m.end(1), m.start(), m.end(), True))
    # 'It's a tragedy,' she said: straight single quotes around a sentence; an apostrophe between letters is
    # part of a word, and a lower-case 'scare quote' is left alone
    for m in re.finditer(r"(?<![\w'])'(?=[A-Z])((?:[^'\n]|(?<=\w)'(?=\w)){3,400}?)'(?![\w])", text):
        if not any(s.open_at <= m.start() < s.close_at for s in spans):
            spans.append(Span(m.start(1), m.end(1), m.start(), m.end(), True))
    spans.sort(key=lambda s: s.start)
    return spans


# “ and ” stored as UTF-8 read as Windows-1252 whose two control bytes were lost: a lone "â" opening a paragraph or a
# word before a capital, or closing a sentence before a space or the end ("âThere was …â he said"); "â" inside a
# word ("château") or between spaces (a lost dash) is left alone
_MOJIBAKE_OPEN = re.compile(r"(?:^|(?<=\s))â(?=[A-Z])")
_MOJIBAKE_CLOSE = re.compile(r"(?<=[\w.,!?…])â(?=\s|$)")


# ", told the head of the union Jan Example at AP." ending a paragraph: the attribution of a quotation left open
_OPEN_SAID = re.compile(rf",\s+(?:{SPEECH_VERBS})\s+(?:the\s+)?[^,.;:!?“”\"]{{0,80}}\b[A-Z][\w’'-]+[^.;:!?“”\"]{{0,40}}[.!]?\s*$")


def _mojibake_marks(text: str) -> str:
    """``text`` with those lost curly marks put back, one character for one (offsets stay)."""
    if "â" not in text:
        return text
    return _MOJIBAKE_CLOSE.sub("”", _MOJIBAKE_OPEN.sub("“", text))


# a quotation between paired double marks (curly, straight or guillemets), marks included: the plain reading
# the category and statement rules mask by, where ``quote_spans`` is the speaker finder's fuller parser
PAIRED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def paired_spans(text: str) -> list[tuple[int, int]]:
    """Where each quotation between paired double marks is, its marks included (start, end)."""
    return [m.span() for m in PAIRED.finditer(text)]


def blank(text: str, spans: Iterable[tuple[int, int]], *, keep_marks: bool,
          term: Callable[[str], object] | None = None) -> str:
    """``text`` with the quoted words of each span turned to spaces, so that rules reading it do not take
    someone's words for the article's; offsets and line breaks stay, so a match points into ``text``.

    A span is (start, end) with its marks included (``text[start]`` opens it; ``text[end - 1]`` closes it).
    ``keep_marks`` leaves the marks, for rules that want to see a quotation stood there ("said: “ ”");
    ``term`` tells a quotation that is a term the sentence uses (“extremist”, “a political prisoner”), not
    speech, from its words: its words are kept and its marks blanked instead."""
    chars = list(text)
    for a, b in spans:
        lo, hi = (a + 1, b - 1) if keep_marks else (a, b)
        if term is not None and term(text[a + 1:b - 1]):
            todo: Iterable[int] = (a, b - 1)
        else:
            todo = range(lo, min(hi, len(chars)))
        for k in todo:
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def mask_quotes(text: str, *, keep_marks: bool = True) -> str:
    """``text`` with the words between paired marks blanked: someone's rhetoric decides no category."""
    return blank(text, paired_spans(text), keep_marks=keep_marks)


def sentence_bounds(text: str, pos: int, spans: list[Span]) -> tuple[int, int]:
    """The sentence around ``pos``, treating quotations as opaque."""
    def inside(k: int) -> bool:
        # a stop closing a quotation ('… prisoners.” According to him, …') ends the sentence too when a new one
        # follows that is not the quotation's attribution ('“… the border.” Jan Example said.' stays one)
        for s in spans:
            if s.open_at < k < s.close_at:
                return not (k + 1 >= s.close_at - 1 and re.match(r"\s+[A-Z]", text[s.close_at:]) and
                            not _ATTRIBUTION.match(text[s.close_at:]))
        return False

    start = 0
    for m in re.finditer(r"(?<!\b[A-Z])(?<!\bM[rs])(?<!\bMrs)(?<!\bDr)[.!?…]+[\"”’»]*\s+", text[:pos]):
        if not inside(m.start()):
            start = m.end()
    end = len(text)
    for m in re.finditer(r"(?<!\b[A-Z])(?<!\bM[rs])(?<!\bMrs)(?<!\bDr)[.!?…]+(?=[\"”’»]*(\s|$))", text[pos:]):
        k = pos + m.start()
        if not inside(k):
            end = pos + m.end()
            while end < len(text) and text[end] in "\"”’»":
                end += 1  # the closing mark after the stop belongs to the sentence it ends
            break
    return start, end
