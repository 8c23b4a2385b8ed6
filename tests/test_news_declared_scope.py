"""Issue 16: the declared political prisoners of a recognition statement's scope, found by a name detector rather
than by the construction around each name. Invented sentences and names only; hypothesis properties for the
scope parser."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.declared_scope import is_recognition, scope_declared
from reckon.news.text import layout


def _scoped(text: str) -> list[str]:
    return [d.name for d in scope_declared(layout(text))]


def _declared(text: str) -> list[str]:
    return [d.name for d in extract(text).declared_political_prisoners]


def test_any_construction_in_the_statement_names_the_recognised() -> None:
    text = ("Rights groups in Zembla have recognised five more people as political prisoners this week. "
            "The latest to join them are baker Iryna Kavalenka and driver Pavel Dubrouski, both held in Lakeside.")
    assert _scoped(text) == ["Iryna Kavalenka", "Pavel Dubrouski"]
    assert set(_declared(text)) >= {"Iryna Kavalenka", "Pavel Dubrouski"}


def test_list_additions_count_as_recognitions() -> None:
    assert is_recognition("Nine names were added to the list this month.")
    assert is_recognition("The watchdog published an updated list of 40 political prisoners.")
    assert is_recognition("The council recognized student Olga Example as another political prisoner.")
    assert not is_recognition("The court sentenced the man to three years in a colony.")


def test_the_speaker_the_compiler_and_the_official_are_not_recognised() -> None:
    text = ("Political prisoners in Zembla\n\n"
            "The group declared Pavel Dubrouski a political prisoner, said its coordinator Siarhei Makarevich. "
            "The list was compiled by Iryna Kavalenka; judge Alena Petrova had sentenced him in May.")
    assert _scoped(text) == ["Pavel Dubrouski"]


def test_people_released_in_the_scope_are_not_recognised() -> None:
    text = ("Four new names were added to the list of political prisoners on Friday. "
            "Meanwhile Pavel Dubrouski and Iryna Kavalenka have been released after serving their terms.")
    assert _scoped(text) == []


def test_a_recognition_title_heads_the_whole_article_but_not_its_byline() -> None:
    text = ("Recognition of two people as political prisoners\n\n"
            "The charges against Iryna Kavalenka and Pavel Dubrouski concern comments under a video.\n\n"
            "We call for their release.\n\n"
            "Alena Petrova")
    assert _scoped(text) == ["Iryna Kavalenka", "Pavel Dubrouski"]


def test_people_in_brackets_and_relations_are_someone_else() -> None:
    text = ("Three people were declared political prisoners:\n\n"
            "- Iryna Kavalenka (a nurse married to Pavel Dubrouski)\n"
            "- Alena Petrova, who ran the social networks of Siarhei Makarevich\n")
    assert _scoped(text) == ["Iryna Kavalenka", "Alena Petrova"]


def test_capitalised_phrases_that_no_name_knowledge_confirms_are_not_people() -> None:
    text = ("The Popular Front said that the Great Purge was recalled as new political prisoners were "
            "recognised, among them Pavel Dubrouski.")
    assert _scoped(text) == ["Pavel Dubrouski"]


def test_an_article_not_about_political_prisoners_has_no_scope() -> None:
    assert _scoped("Nine names were added to the list of sanctioned officials, including Pavel Dubrouski.") == []


_WORDS = st.sampled_from(["Iryna", "Kavalenka", "Pavel", "political", "prisoners", "recognised", "added", "list",
                          "said", "judge", "released", "(", ")", ":", ",", ".", "\n", "\n\n", "- ", "“", "”", "as",
                          "Zembla", "the", "of", "new", "names", "Dubrouski", "by", "a"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=60))
def test_scope_names_are_spans_of_the_text(words: list[str]) -> None:
    lay = layout(" ".join(words))
    for d in scope_declared(lay):
        assert lay.text[d.start:d.end] == d.name
        assert 2 <= len(d.name.split()) <= 5


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_scope_never_fails_on_any_text(text: str) -> None:
    lay = layout(text)
    found = scope_declared(lay)
    if "political prisoner" not in lay.text.lower():
        assert found == []


def test_said_that_names_the_subject_and_the_authors_of_a_list_are_not_on_it() -> None:
    text = ("Rights groups in Zembla recognised a driver as a political prisoner on Friday. "
            "The group said in a statement that Pavel Dubrouski, held since May, was a political prisoner.\n\n"
            "The updated list was compiled by the head of the Zembla Centre, Iryna Kavalenka, and added two names.")
    assert _scoped(text) == ["Pavel Dubrouski"]
