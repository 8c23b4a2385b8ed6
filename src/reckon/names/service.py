"""Service functions behind the CLI and the web app: describe one name, score many pairs.

Pure: plain data in, dataclasses / dicts out; file handling stays in the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from dataclasses import asdict

from reckon.names.compare import compare
from reckon.names.keys import keys_of, search_terms
from reckon.names.parse import parse
from reckon.names.script import normalize_text, repair_homoglyphs, token_lang, token_script
from reckon.names.translit import SCHEMES, cyrillic_candidates, romanize
from reckon.progress import Progress, no_progress


def describe(text: str) -> dict:
    """Everything reckon knows about one name string: readings, tokens, keys, romanisations."""
    repaired = repair_homoglyphs(normalize_text(text))
    readings = []
    for p in parse(text):
        entry = asdict(p)
        entry["extra"] = list(p.extra)
        entry["keys"] = keys_of(p).as_dict()
        readings.append(entry)
    tokens = [{"token": t, "script": token_script(t), "lang": token_lang(t)} for t in repaired.split(" ") if t]
    has_cyrl = any(t["script"] == "Cyrl" for t in tokens)
    return {
        "input": text,
        "repaired": repaired,
        "homoglyphs_repaired": repaired != normalize_text(text),
        "tokens": tokens,
        "readings": readings,
        "romanizations": {s: romanize(text, s) for s in SCHEMES} if has_cyrl else {"ascii": romanize(text, "ascii")},
        "cyrillic_candidates": [] if has_cyrl else cyrillic_candidates(text),
        "search_terms": sorted(search_terms(text)),
    }


def score_pairs(pairs: Iterable[tuple[str, str]], progress: Progress | None = None) -> Iterator[dict[str, object]]:
    """Score each (a, b) pair; yields rows a, b, score, reason. Reports progress in the one shape
    (:mod:`reckon.progress`) every 1,000 pairs and at the end (total known when ``pairs`` has a length)."""
    progress = progress or no_progress
    total = len(pairs) if isinstance(pairs, Sized) else None
    i = 0
    for i, (a, b) in enumerate(pairs, 1):
        res = compare(a or "", b or "")
        yield {"a": a, "b": b, "score": f"{res.score:.4f}", "reason": res.reason}
        if i % 1000 == 0:
            progress(i, total, "scoring pairs")
    progress(i, total, "scoring pairs")
