"""Where the quotations of a Belarusian or Russian text are: «…», „…“, “…”, "…" matched as the pages set them.

Kept apart from ``cyr_quotes`` (who speaks) because finding the marks is a parser of its own: nested marks, pages
that close one kind of mark with another, and quotations whose closing mark the page (or the opening of it that
was kept) lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reckon.news import cyr_lexicon as cx


@dataclass
class _Span:
    open_at: int
    close_at: int  # index of the closing mark
    dialogue: bool = False  # a line of direct speech after a dash: speech by its form, whatever its length


# "«Мы … «Это КГБ», — рассказала …": the inner mark, followed by the attribution, closes both
_SHARED_CLOSE = re.compile(rf"[,.!?…]?\s*[—–-]{{1,2}}\s*(?:{cx.SPEECH_VERBS})\b", re.IGNORECASE)


def quote_spans(text: str) -> list[_Span]:
    """Outermost quotations of ``text``, nested «» kept inside; none longer than 3,000 characters."""
    spans: list[_Span] = []
    stack: list[tuple[int, str]] = []
    straight: int | None = None
    nested = 0  # straight quotations opened inside the open straight one
    for i, ch in enumerate(text):
        if ch == "«":
            stack.append((i, "»"))
        elif ch == "„":
            # outermost, „ is closed by » as well on Belarusian pages („Людзі … назаўсёды».)
            stack.append((i, "“”" if stack else "“”»"))
        elif ch == "“" and not (stack and "“" in stack[-1][1]):
            # Russian pages close “ with “ or » as often as with ” ("“Мы … Иванова»")
            stack.append((i, "”“»" if not stack else "”“"))
        elif stack and ch in stack[-1][1]:
            a, _ = stack.pop()
            if stack and _SHARED_CLOSE.match(text, i + 1):
                a, stack = stack[0][0], []
            if not stack and straight is None and i - a <= 3000:
                spans.append(_Span(a, i))
        elif ch == "»" and stack:
            stack.clear()
        elif ch == "”" and straight is not None and not stack and not nested:
            spans.append(_Span(straight, i))  # "З гонарам абвяшчаем …”: a straight mark closed by a curly one
            straight = None
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
                nested = 0
            elif i > 0 and text[i - 1] in " \t:(" and i + 1 < len(text) and not text[i + 1].isspace():
                nested += 1  # "Она сказала: "Это ты!" Мы …": a quotation opened inside the open one
            elif nested:
                nested -= 1
            else:
                if i - straight <= 3000:
                    spans.append(_Span(straight, i))
                straight = None
        elif ch == "\n" and straight is not None and i - straight > 600:
            straight = None
    unclosed = stack[0][0] if stack else straight
    if unclosed is not None and not spans_after(spans, unclosed):
        # «…, „… or "… introduced by a colon ("Аўтуховіч адзначае: "…", or a line ending in ":") and never
        # closed: a speech the page (or the opening of it that was kept) cuts off
        line_start = text.rfind("\n", 0, unclosed) + 1
        introduced = text[:unclosed].rstrip().endswith(":") and (not text[line_start:unclosed].strip() or
                                                                 text[line_start:unclosed].rstrip().endswith(":"))
        # or the page's opening was cut inside it: it opens a sentence of the text's last paragraph ("… Лукашенко.
        # «Я бы хотела …" to the end), or opens a paragraph with no mark of any kind after it up to the text's end
        before = text[line_start:unclosed].rstrip(" \t—–-")
        rest = text[unclosed + 1:]
        last_paragraph = (not before or before.endswith((".", "!", "?", "…", ":"))) and "\n" not in rest.rstrip()
        cut_open = not before and len(rest) < 1500 and not any(c in rest for c in "«»„“”\"")
        if introduced or last_paragraph or cut_open:
            spans.append(_Span(unclosed, min(len(text.rstrip()), unclosed + 3000)))
    return spans


def spans_after(spans: list[_Span], at: int) -> bool:
    return any(s.open_at > at for s in spans)
