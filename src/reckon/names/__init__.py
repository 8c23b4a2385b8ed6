"""Names across scripts: one person, many spellings (pure library: plain data in, dataclasses out).

Public API (stable, see CONTRACT.md): ``romanize``, ``parse``/``ParsedName``, ``keys``/``NameKeys``,
``compare``/``NameScore``, ``search_terms``; ``keys_many`` keys a batch (each distinct name once).
"""

from reckon.names.compare import NameScore, compare
from reckon.names.keys import NameKeys, all_keys, keys, keys_many, search_terms, sex_hint
from reckon.names.parse import ParsedName, parse
from reckon.names.skeleton import skeleton
from reckon.names.translit import SCHEMES, cyrillic_candidates, national_latin, romanize

__all__ = [
    "SCHEMES", "NameKeys", "NameScore", "ParsedName", "all_keys", "compare", "cyrillic_candidates", "keys",
    "keys_many", "national_latin", "parse", "romanize", "search_terms", "sex_hint", "skeleton",
]
