"""``quote_marks.blank``: the one quotation mask every news rule reads (English and be/ru)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news.declared_scope import is_recognition
from reckon.news.quote_marks import blank, mask_quotes, paired_spans, quote_spans

_TEXT = st.text(alphabet="abc XYZ.,\n“”«»\"'‘’", max_size=200)


def test_marks_kept_or_blanked_and_words_gone() -> None:
    text = "She said “they are heroes” and «ушли»."
    spans = paired_spans(text)
    assert spans == [(9, 26), (31, 37)]
    assert blank(text, spans, keep_marks=True) == "She said “               ” and «    »."
    assert blank(text, spans, keep_marks=False) == "She said                   and       ."


def test_short_quotation_is_a_term_and_stays() -> None:
    text = "They called him “extremist” and said “we will not stop here at all”."
    out = blank(text, paired_spans(text), keep_marks=False, term=lambda words: len(words.split()) <= 4)
    assert out == "They called him  extremist  and said " + " " * len("“we will not stop here at all”") + "."


def test_line_breaks_stay_for_line_readers() -> None:
    text = "«Первая строка.\nВторая строка» — сказал он."
    out = blank(text, [(0, text.index("»") + 1)], keep_marks=True)
    assert out == "«" + " " * 14 + "\n" + " " * 13 + "» — сказал он."


def test_long_quotation_is_speech_short_one_a_term() -> None:
    # the words of a long quotation are someone's speech; a short one is the term the sentence declares
    assert not is_recognition("He wrote: “the regime has recognised them as political prisoners for years now”.")
    assert is_recognition("Viasna recognised Ivan Example as a “political prisoner”.")


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.booleans(), st.one_of(st.none(), st.integers(min_value=0, max_value=5)))
def test_blank_keeps_offsets_and_only_touches_quotations(text: str, keep_marks: bool, keep_short: int | None) -> None:
    term = None if keep_short is None else (lambda words: len(words.split()) <= keep_short)
    for spans in (paired_spans(text), [(s.open_at, s.close_at) for s in quote_spans(text)]):
        out = blank(text, spans, keep_marks=keep_marks, term=term)
        assert len(out) == len(text)
        inside = {k for a, b in spans for k in range(a, min(b, len(text)))}
        for k, (old, new) in enumerate(zip(text, out, strict=True)):
            if k not in inside or old == "\n":
                assert new == old  # outside quotations and every line break: untouched
            else:
                assert new in (old, " ")
    spans = paired_spans(text)  # these never overlap: each quotation's own words and marks
    out = blank(text, spans, keep_marks=keep_marks, term=term)
    for a, b in spans:
        if term is not None and term(text[a + 1:b - 1]):
            assert out[a + 1:b - 1] == text[a + 1:b - 1]
        else:
            assert not out[a + 1:b - 1].strip()
            assert out[a] + out[b - 1] == (text[a] + text[b - 1] if keep_marks else "  ")


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_mask_quotes_leaves_no_quoted_letter(text: str) -> None:
    out = mask_quotes(text)
    for a, b in paired_spans(text):
        assert out[a] == text[a] and out[b - 1] == text[b - 1]
        assert set(out[a + 1:b - 1]) <= {" ", "\n"}
