"""Mark extracted facts in an article's text: pure function from (text, spans) to safe HTML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from reckon.i18n import label, number


def spans_of(facts: Iterable[Mapping[str, Any]]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, title) of each fact that says where it is in the text."""
    out = []
    for f in facts:
        start, end = f.get("start"), f.get("end")
        span = f.get("span")
        if (start is None or end is None) and isinstance(span, list | tuple) and len(span) == 2:
            start, end = span
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            continue
        kind = str(f.get("kind") or f.get("type") or f.get("label") or "fact")
        if f.get("category") and f.get("number") is not None:  # a figure: its number and category in words
            title = f"{number(f['number'])} {label(f['category'])}"
        else:
            title = str(f.get("value") or f.get("summary") or kind)
        out.append((start, end, kind, title))
    return sorted(out)


def in_words(value: str) -> str:
    """A fact's summary with its codes in words: "897 political_prisoners" -> "897 political prisoners"."""
    return " ".join(label(w) if "_" in w and w.isascii() else w for w in value.split(" "))


def highlight(text: str, facts: Iterable[Mapping[str, Any]]) -> str:
    """HTML of ``text`` with each fact's span in a <mark>; overlapping spans keep the earlier one.

    Everything is escaped, so article text can never inject markup into the page.
    """
    parts: list[str] = []
    pos = 0
    for start, end, kind, title in spans_of(facts):
        start, end = max(start, 0), min(end, len(text))
        if start < pos or start >= end:
            continue
        parts.append(escape(text[pos:start]))
        kind_cls = "".join(ch for ch in kind.lower() if ch.isalnum() or ch == "-")[:30]
        parts.append(f'<mark class="fact fact-{kind_cls}" title="{escape(label(kind))}: {escape(in_words(title))}">'
                     f"{escape(text[start:end])}</mark>")
        pos = end
    parts.append(escape(text[pos:]))
    return "".join(parts)
