"""A bracket right after a sanctioned person's name holds another spelling of that name, not another person.

Made-up people; the names are drawn from English-looking given names and surnames the extractor reads as
names, so the test checks the mechanism, not one article.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract

GIVEN = ["Ivan", "Pavel", "Maria", "Olga", "Anton", "Victor"]
SURNAMES = ["Demidau", "Zorkin", "Karpovich", "Lesnik", "Barsukou", "Hlebau"]


def _targets(text: str) -> list[str | None]:
    return [s.target for s in extract(text, source_hint="t.txt").sanctions]


def test_a_spelling_in_brackets_is_the_same_target() -> None:
    assert _targets("The United Kingdom sanctioned Ivan Demidau (Ivan Demidov), a judge of the Minsk court.") \
        == ["Ivan Demidau"]


def test_a_bracket_without_a_name_keeps_the_next_target() -> None:
    assert _targets("The EU imposed sanctions on Ivan Demidau (a judge) and Pavel Zorkin.") \
        == ["Ivan Demidau", "Pavel Zorkin"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(GIVEN), st.sampled_from(SURNAMES), st.sampled_from(SURNAMES),
       st.sampled_from(GIVEN), st.sampled_from(SURNAMES))
def test_the_bracketed_spelling_never_adds_a_target(given1: str, sur1: str, alt: str, given2: str,
                                                    sur2: str) -> None:
    first, second, spelling = f"{given1} {sur1}", f"{given2} {sur2}", f"{given1} {alt}"
    targets = _targets(f"The United Kingdom sanctioned {first} ({spelling}) and {second}.")
    assert targets == list(dict.fromkeys([first, second]))  # the spelling adds no one (main listed it)
