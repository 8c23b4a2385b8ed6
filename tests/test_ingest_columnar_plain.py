"""Which cells the columnar reader lets skip ``clean_text`` (``ArrowColumns.plain``), found in C.

The mapper calls :func:`reckon.ingest.fields.clean_text` only for cells ``plain`` says it may change, so a
cell called plain must come out of clean_text as it went in; and plain must stay as sharp as its
definition (a cell with nothing to clean is skipped), or the columnar path quietly loses its gain. Both on
generated columns (ends, runs and breaks of every kind of whitespace, blank markers), plain as a whole
column and as the distinct values of a column of repeats. (A version that trimmed in C and ran the regular
expressions only where the column's bytes could match was measured on 7 December 2026: 0.05 s less at
1 M rows, not worth its code; this test would hold for it.)
"""

from __future__ import annotations

import re

import pyarrow as pa  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest.columnar import _BLANK_START, ArrowColumns
from reckon.ingest.fields import _BLANK_MAX, clean_text

# plain()'s definition, spelt out from str.isspace() rather than copied from its hand-written ranges.
_WS = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_OLD = re.compile(f"^$|^[{re.escape(_WS)}]|[{re.escape(_WS)}]$|  |[\n\t\r\xa0]")
_OLD_BLANK = re.compile(_BLANK_START)

CHARS = st.sampled_from(list("aB9-./_ нд/Ні") + [" ", "  ", "\n", "\t", "\r", "\xa0", "\u3000", "\u2003", "\x85",
                                                 "\x1c", "Асоба", "н/д", "N/A", "няма звестак"])
CELLS = st.lists(CHARS, max_size=8).map("".join)


def _old_plain(value: str) -> bool:
    return not (_OLD.search(value) or (len(value) <= _BLANK_MAX and _OLD_BLANK.search(value)))


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=60))
def test_plain_cells_are_what_clean_text_keeps(cells: list[str]) -> None:
    source = ArrowColumns(pa.table({"c": pa.array(cells, pa.string())}), ["c"])
    codes = source.codes("c")
    values = cells if codes is None else codes[1]  # plain() answers for the values the mapper reads
    plain = source.plain("c")
    assert plain is not None and len(plain) == len(values)
    for value, keep in zip(values, plain, strict=True):
        assert keep == _old_plain(value), value
        if keep:
            assert clean_text(value) == value


def test_plain_skips_ordinary_cells_and_catches_each_kind_of_change() -> None:
    cells = ["Іваноў Іван Іванавіч", "B-0000001", " lead", "trail\u3000", "two  spaces", "line\nbreak",
             "no\xa0break", "", "н/д", "Nobody in particular", "N"]
    source = ArrowColumns(pa.table({"c": pa.array(cells, pa.string())}), ["c"])
    assert source.plain("c") == [True, True, False, False, False, False, False, False, False, True, False]


def test_short_cells_starting_like_a_blank_marker_are_not_plain_up_to_its_length() -> None:
    """plain() is one regular expression: "short and starting with a blank marker's character" is a
    length bound inside it, which must fall exactly where clean_text's check does."""
    cells = ["н" + "x" * (_BLANK_MAX - 1), "н" + "x" * _BLANK_MAX, "-" * _BLANK_MAX, "-" * (_BLANK_MAX + 1),
             "Ні" + "ё" * (_BLANK_MAX - 2), "Ні" + "ё" * (_BLANK_MAX - 1)]
    source = ArrowColumns(pa.table({"c": pa.array(cells, pa.string())}), ["c"])
    assert source.plain("c") == [False, True, False, True, False, True]
    assert source.plain("c") == [_old_plain(c) for c in cells]
