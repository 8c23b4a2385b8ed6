"""Issue 16, English quotes round (h16qen): mechanisms found on a fresh batch of real English article openings (kept
outside the project, keyed by hand before the extractor ran; see docs/news.md). Every example restates a mechanism
in invented words, places and names; the parsers get hypothesis properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.quote_marks import _mojibake_marks, quote_spans
from reckon.news.speaker_np import misspelt


def _quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text[:24]) for q in extract(text, published="2031-04-28").quotes]


def test_a_surname_misspelt_once_is_the_person_named_in_full() -> None:
    text = ("News\n\nOn Monday, Zemblan envoy Jan Kowalewski spoke to the assembly about the prisoners.\n\n"
            "Kowalevski added that the new arrests by the guards “are deeply alarming”.\n")
    assert _quotes(text) == [("Jan Kowalewski", "are deeply alarming")]


def test_a_misspelling_between_two_people_is_no_guess() -> None:
    assert misspelt("Kowalevski", {"Kowalewski": "Jan Kowalewski", "Kowalevsky": "Ida Kowalevsky"}) is None
    assert misspelt("Kowalewski", {"Kowalewski": "Jan Kowalewski"}) is None  # a surname the article uses as such
    assert misspelt("Nowak", {"Kowak": "Jan Kowak"}) is None  # a different first letter is another name


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=5, max_size=12), st.data())
def test_one_letter_changed_in_a_surname_finds_its_bearer(tail: str, data: st.DataObject) -> None:
    surname = "K" + tail
    k = data.draw(st.integers(min_value=1, max_value=len(surname) - 1))
    letter = data.draw(st.sampled_from([c for c in "abcdefghijklmnopqrstuvwxyz" if c != surname[k]]))
    slip = surname[:k] + letter + surname[k + 1:]
    assert misspelt(slip, {surname: f"Ida {surname}"}) == f"Ida {surname}"
    assert misspelt(slip + "xyz", {surname: f"Ida {surname}"}) is None


def test_a_closing_mark_may_open_a_quotation() -> None:
    text = ("News\n\nPolitical prisoner Anton Prykladau has been released from the colony near Zembla.\n\n"
            "”I learned a trade there and I will not give up my work,” he said.\n")
    assert _quotes(text) == [("Anton Prykladau", "I learned a trade there ")]


def test_a_person_named_before_the_verb_wins_over_a_plural_noun_after_the_quotation() -> None:
    text = ("News\n\nIn her first interview, Ina Prykladava spoke about the border.\n\n"
            "The rules were a blow to “deeply travelled” Zemblans, Prykladava said.\n")
    assert _quotes(text) == [("Ina Prykladava", "deeply travelled")]


def test_a_title_names_the_speaker_of_its_quotation() -> None:
    text = ('Prykladau on the verdict: "Nobody will stop us"\n\n'
            "Zemblan activist Anton Prykladau spoke to reporters after the hearing in Zembla on Monday.\n")
    assert ("Anton Prykladau", "Nobody will stop us") in _quotes(text)


def test_a_title_quotation_without_a_person_is_no_quote() -> None:
    text = ('Prices on the market: "Going up again"\n\nThe market in Zembla was busy on Monday, traders said.\n')
    assert _quotes(text) == []


def test_a_quotation_left_open_at_the_end_of_a_cut_opening_is_kept() -> None:
    text = ("News\n\nAt a meeting, the leader Ivan Prykladau spoke about the pardons he signed in May.\n\n"
            'These were his own decisions, Ivan Prykladau said: "Someone fell ill, someone is no longer a danger, '
            "and why keep the\n")
    assert _quotes(text) == [("Ivan Prykladau", "Someone fell ill, someon")]


def test_marks_lost_to_a_windows_1252_reading_are_marks_again() -> None:
    text = ("News\n\nZemblan activist Anton Prykladau told reporters about his release on Monday.\n\n"
            "âThey woke me at four and told me to pack my things,â he said.\n")
    assert _quotes(text) == [("Anton Prykladau", "They woke me at four and")]


def test_a_circumflex_inside_a_word_or_between_spaces_is_left_alone() -> None:
    assert _mojibake_marks("the château of Zembla â a ruin") == "the château of Zembla â a ruin"
    assert _mojibake_marks("âNo,â she said") == "“No,” she said"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .,\n\"“”'‘’â")), max_size=80), st.booleans())
def test_spans_stay_inside_the_paragraph(text: str, last: bool) -> None:
    assert len(_mojibake_marks(text)) == len(text)
    for sp in quote_spans(text, last=last):
        assert 0 <= sp.open_at <= sp.start <= sp.end <= sp.close_at <= len(text)


def test_he_stands_for_a_surname_the_opening_uses_alone() -> None:
    text = ("News\n\nIn his first talk with reporters, Prykladau described the road through the forest.\n\n"
            "“They woke me at four and told me to pack my things,” he noted.\n\n"
            "Prykladau also shared his first feelings after the release:\n\n"
            "“I am free now, and it is still hard to believe.”\n")
    assert _quotes(text) == [("Prykladau", "They woke me at four and"), ("Prykladau", "I am free now, and it is")]


def test_a_surname_alone_shows_its_bearer_s_sex_by_its_ending() -> None:
    from reckon.news.speaker_np import surname_sex
    assert (surname_sex("Prykladava"), surname_sex("Prykladau"), surname_sex("Prykladenka")) == ("female", "male", None)
    text = ("News\n\nThe arrest of Prykladau drew crowds, and the exiled Prykladava left after Lukashevich declared "
            "his win.\n\nThe release “is a step for all of Zembla,” Prykladava told reporters. "
            "“I am grateful for the support,” she said.\n")
    assert _quotes(text)[-1] == ("Prykladava", "I am grateful for the su")
