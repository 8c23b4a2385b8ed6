"""Sanctions, issue 16 round h16sanc2: the mechanisms that fresh announcements (batch A of the round, kept
outside the project) showed missing, restated with invented people.

- English: an entry ban with a long object ("banned … from entering"), partners that "took similar measures" in
  the same sentence, a foreign ministry as the subject, "to blacklist", "Also affected by sanctions are",
  "The updated lists includes" after a sanctioning sentence, "We are also placing sanctions on" in a minister's
  words, the last list item without its closing mark;
- English, no targets: the people the targets acted against ("for sentencing activists X and Y", "the death
  of X", "colonies where X was held"), a title in quotation marks ("Director of “Example Expert”");
- Russian and Belarusian: the same victims ("приговор оппозиционеру X", "зьнікненьні X", "где отбывал срок X"),
  a president who signs the decree, "Вялікай Брытаніі" (no name), a hyphenated surname, New Zealand, "Ограничения
  коснулись судьи X".
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.cyr_names import find_person_names


def _targets(text: str) -> list[tuple[str, list[str]]]:
    return [(s.target, sorted(s.jurisdictions)) for s in extract(text).sanctions]


def test_an_entry_ban_with_partners_that_took_similar_measures() -> None:
    text = ("The Norwegian Foreign Ministry has banned Belarusian Deputy Interior Minister Ivan Somaŭ and 19 other "
            "Belarusian officials from entering the country; the authorities of Latvia and Estonia also took "
            "similar measures.\n\nThe list, in addition to the deputy minister, also includes judge Hanna Kratava "
            "and prosecutor Pavel Rymsha.")
    want = ["EE", "LV", "NO"]
    assert _targets(text) == [("Ivan Somaŭ", want), ("Hanna Kratava", want), ("Pavel Rymsha", want)]


def test_a_list_after_a_sanctioning_sentence_in_an_article_that_never_says_sanctions() -> None:
    text = ("Baltic states blacklist more officials\n\nOn March 25, Latvia added the names of 40 officers to its "
            "persona non grata list.\n\nThe updated lists includes Ivan Somaŭ, the head of a riot police unit; "
            "Hanna Kratava, a spokeswoman, and others.")
    assert _targets(text) == [("Ivan Somaŭ", ["LV"]), ("Hanna Kratava", ["LV"])]
    # the same "list includes" with no sanctioning sentence before it is a list of something else
    assert _targets("School news\n\nThe updated lists includes Ivan Somaŭ, a teacher.") == []


def test_to_blacklist_and_affected_by_sanctions() -> None:
    text = ("The EU Council decided to blacklist the names of Ivan Somov and Oleg Dudko. "
            "Also affected by sanctions are Anna Kratova and Marina Zhuk, judges of the city court.")
    want = ["EU"]
    assert _targets(text) == [("Ivan Somov", want), ("Oleg Dudko", want), ("Anna Kratova", want),
                              ("Marina Zhuk", want)]


def test_we_in_a_ministers_words_is_the_government_of_the_article() -> None:
    text = ("Australia sanctions Belarusian officials\n\nIvan Levchuk has been added to the list.\n\n"
            "“We are also placing sanctions on his son Pavel Levchuk and his wife Olga Levchuk,” Foreign Minister "
            "Anna Example said.")
    assert _targets(text) == [("Ivan Levchuk", ["AU"]), ("Pavel Levchuk", ["AU"]), ("Olga Levchuk", ["AU"])]


def test_the_last_list_item_without_its_closing_mark() -> None:
    text = ("EU sanctions nine officials\n\nThe list includes:\nIvan Somov, judge;\nOleg Dudko, Head of SIZO-1 "
            "in Moscow")
    assert _targets(text) == [("Ivan Somov", ["EU"]), ("Oleg Dudko", ["EU"])]


def test_victims_and_quoted_titles_are_no_targets() -> None:
    text = ("The European Union is sanctioning the key people responsible for the death of Ivan Somov, the "
            "opponent of President Pavel Rymsha.")
    assert _targets(text) == []
    text = ("The new listings target two judges responsible for sentencing Russian activists Oleg Dudko and "
            "Marina Zhuk. Among them are Anna Kratova and Olga Levchuk.")
    assert _targets(text) == [("Anna Kratova", []), ("Olga Levchuk", [])]
    text = "EU sanctions officials\n\nThe list includes:\nIvan Somov, judge;\nOleg Dudko, Director of “Example Expert”;"
    assert _targets(text) == [("Ivan Somov", ["EU"]), ("Oleg Dudko", ["EU"])]


_GIVEN = ["Ivan", "Anna", "Oleg", "Marina", "Pavel", "Olga", "Sergey", "Natalia"]
_SUR = ["Somov", "Kratova", "Dudko", "Rymsha", "Levchuk", "Hreben", "Mazur", "Zhuk"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_GIVEN), st.sampled_from(_SUR)), min_size=2, max_size=4, unique=True),
       st.sampled_from(["for sentencing activists", "over the persecution of", "in the case of"]))
def test_victims_are_dropped_and_the_targets_kept(people: list[tuple[str, str]], victim_cue: str) -> None:
    """Whatever the names, the sanctioned stay targets and the coordinated victims after a cue do not."""
    targets, victims = people[:1], people[1:]
    names = ", ".join(f"{g} {s}" for g, s in victims[:-1])
    victims_text = (f"{names} and " if names else "") + " ".join(victims[-1])
    text = f"Canada sanctioned judge {' '.join(targets[0])} {victim_cue} {victims_text}."
    assert _targets(text) == [(" ".join(targets[0]), ["CA"])]


def test_cyrillic_victims_signers_and_country_words_are_no_targets() -> None:
    ru = "Великобритания ввела санкции против пятерых россиян из-за приговора оппозиционеру Ивану Сомову."
    assert _targets(ru) == []
    ru = ("Санкции против руководства колонии, где отбывал срок Павел Рымша, ввело правительство Великобритании. "
          "Под санкции попал судья Олег Дудко.")
    assert _targets(ru) == [("Олег Дудко", ["GB"])]
    ru = "Президент Украины Иван Сомов подписал указ о введении персональных санкций против Олега Дудко."
    assert _targets(ru) == [("Олег Дудко", ["UA"])]
    be = ("Урад Вялікай Брытаніі захавае санкцыі адносна Беларусі. Санкцыі ўжываюцца, каб улады:\n"
          "- належным чынам расьсьледаваць зьнікненьні Івана Сомава і Алега Дудкі;")
    assert _targets(be) == []


def test_hyphenated_surnames_new_zealand_and_restrictions_reaching_people() -> None:
    assert [n.nominative for n in find_person_names("против Ивана Сола-Мурзы и", belarusian=False)] == \
        ["Иван Сола-Мурза"]
    assert [n.nominative for n in find_person_names("против Павла Кара-Мурзы", belarusian=False)] == \
        ["Павел Кара-Мурза"]
    ru = "Правительство Новой Зеландии сообщило, что ввело санкции против министра Ивана Петрова."
    assert _targets(ru) == [("Иван Петров", ["NZ"])]
    ru = "Евросоюз ввел санкции против трех чиновников. Ограничения коснулись также судьи Олега Дудко."
    assert _targets(ru) == [("Олег Дудко", ["EU"])]
