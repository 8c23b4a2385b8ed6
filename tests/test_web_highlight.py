"""Facts highlighted in article text: spans marked, everything escaped, overlaps and bad spans ignored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reckon.web.highlight import highlight


def test_marks_spans_and_escapes() -> None:
    text = "At least 1,405 <b>political</b> prisoners, Viasna said."
    start = text.index("1,405")
    html = highlight(text, [{"start": start, "end": start + 5, "kind": "figure", "value": 1405}])
    assert '<mark class="fact fact-figure" title="reported figure: 1405">1,405</mark>' in html
    coded = highlight(text, [{"start": start, "end": start + 5, "kind": "figure",
                              "value": "1405 political_prisoners_ever"}])
    assert 'title="reported figure: 1405 political prisoners, ever recognised"' in coded  # codes in words
    assert "&lt;b&gt;political&lt;/b&gt;" in html and "<b>" not in html


def test_span_pairs_overlaps_and_garbage() -> None:
    text = "abcdefghij"
    facts = [{"span": [0, 3], "type": "a"}, {"start": 2, "end": 5, "kind": "b"}, {"start": 7, "end": 99},
             {"start": "x", "end": 2}, {"start": 5, "end": 5}]
    html = highlight(text, facts)
    assert html.startswith('<mark class="fact fact-a"') and html.count("<mark") == 2
    assert html.endswith("hij</mark>")


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_text_survives_highlighting(text, spans) -> None:
    """Removing the marks and unescaping gives the text back, whatever the spans."""
    import html as h
    import re

    marked = highlight(text, [{"start": a, "end": b, "kind": "k"} for a, b in spans])
    assert h.unescape(re.sub(r"</?mark[^>]*>", "", marked)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", marked)
