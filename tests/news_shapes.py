"""What the news tests compare: an article's figures, quotes and sanctions as plain tuples.

Why one module: each test file of the news rules used to define its own ``_figs``/``_quotes`` with the same
body (the duplicates tool's D-groups); a file now binds the shape it asserts on (a set, a sorted list, quotes
cut at a width), so every assertion reads as before. A helper takes the extracted facts or the text itself
(extracted as a ``t.txt`` file unless ``hint`` says otherwise).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from reckon.news import extract

ROOT = Path(__file__).resolve().parents[1]


def facts_of(text_or_facts: Any, hint: str | None = "t.txt") -> Any:
    """The facts as given, or extracted from a text (``hint``: the file name it is read as; None for none)."""
    if not isinstance(text_or_facts, str):
        return text_or_facts
    return extract(text_or_facts, source_hint=hint) if hint else extract(text_or_facts)


def figs_list(text_or_facts: Any) -> list[tuple[int, str, str]]:
    """(value, qualifier, category) of each figure but the headline's, in the article's order."""
    return [(f.value, f.qualifier, f.category) for f in facts_of(text_or_facts).figures if not f.headline]


def figs(text_or_facts: Any) -> set[tuple[int, str, str]]:
    return set(figs_list(text_or_facts))


def figs_sorted(text_or_facts: Any) -> list[tuple[int, str, str]]:
    return sorted(figs_list(text_or_facts))


def quotes(text_or_facts: Any, width: int | None = None, hint: str | None = "t.txt") -> list[tuple[str | None, str]]:
    """(speaker, text) of each quote, the text cut at ``width`` characters when given."""
    return [(q.speaker, q.text[:width]) for q in facts_of(text_or_facts, hint).quotes]


def quotes_set(text_or_facts: Any) -> set[tuple[str | None, str]]:
    return set(quotes(text_or_facts))


def sanctions(text_or_facts: Any) -> dict[str, list[str]]:
    """Each sanctioned target with its jurisdictions, sorted."""
    return {s.target: sorted(s.jurisdictions) for s in facts_of(text_or_facts).sanctions}


def evaluate_folder() -> Any:
    """benchmarks/news_eval.py's ``evaluate_folder`` (the benchmarks are no package)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from news_eval import evaluate_folder as run
    finally:
        sys.path.pop(0)
    return run
