"""Issue 16, English round G: rules written against a fresh development batch of 23 real English articles (kept
outside the project, keyed by hand before the extractor ran on them). Every example restates a rule in invented
words, places and names; the list shapes touched get hypothesis properties."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_shapes import figs, quotes_set, sanctions
from reckon.news import extract
from reckon.news.text import BULLET, layout

_figs = figs
_sanctions = sanctions
_quotes = quotes_set


def _declared(facts) -> list[str]:
    return [d.name for d in facts.declared_political_prisoners]


# --- layout and sanctions lists ------------------------------------------------------------------------------


def test_item_after_a_lone_marker_is_a_bullet() -> None:
    lay = layout("Zembla sanctions\n\nThe people sanctioned today are:\n-\nIvan Ivanovich PETRAK: head of camp 3,\n-\n"
                 "Olga Petrovna SIDAR: judge")
    kinds = [b.kind for b in lay.blocks if b.text.startswith(("Ivan", "Olga"))]
    assert kinds == [BULLET, BULLET]


def test_sanctioned_today_are_then_marker_items_are_targets() -> None:
    text = ("The UK has today sanctioned a further four individuals over the crackdown in Zembla.\n"
            "The individuals sanctioned today are:\n-\nIvan Ivanovich PETRAK: head of\ncamp 3,\n-\n"
            "Olga Petrovna SIDAR: judge of the city court,")
    assert _sanctions(text) == {"Ivan Ivanovich PETRAK": ["GB"],
                                                              "Olga Petrovna SIDAR": ["GB"]}


def test_a_gazette_listing_under_special_economic_measures_is_canadas() -> None:
    text = ("Regulations Amending the Special Economic Measures (Zembla) Regulations\n"
            "Amendment\n"
            "1 Part 1 of Schedule 1 to the Special Economic Measures (Zembla) Regulations is amended by adding the "
            "following in numerical order:\n"
            "- 41 Ivan Petrovich Dorak (born on May 2, 1970)\n"
            "- 42 Alena Ivanauna Sorak")
    assert _sanctions(text) == {"Ivan Petrovich Dorak": ["CA"],
                                                              "Alena Ivanauna Sorak": ["CA"]}


def test_a_list_name_with_its_initials_in_brackets_is_no_target() -> None:
    text = ("OFAC designated 12 individuals in Zembla. As a result of being placed on the Specially Designated "
            "Nationals (SDN) List, their property is blocked.")
    assert _sanctions(text) == {}


def test_a_region_adjective_is_no_target() -> None:
    text = ("Canada imposed more sanctions on Zembla over migrants funnelled by Middle Eastern smugglers to the "
            "border.")
    assert _sanctions(text) == {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Ivan Petrovich DORAK", "Alena Ivanauna SORAK", "Pavel Olegovich MIRAK",
                                 "Darya Sergeevna TULAK", "Oleg Ivanovich BRANIK"]), min_size=1, max_size=5,
                unique=True))
def test_every_marker_item_under_a_sanctions_colon_is_one_target(names: list[str]) -> None:
    items = "\n".join(f"-\n{n}: officer of camp {i + 1}," for i, n in enumerate(names))
    text = f"The UK has today sanctioned officials of Zembla.\nThe individuals sanctioned today are:\n{items}"
    assert sorted(_sanctions(text)) == sorted(names)


# --- declared political prisoners ------------------------------------------------------------------------------


def test_some_of_them_dash_names_after_a_recognition() -> None:
    text = ("Lists of political prisoners\n\n12 people were added to the lists of political prisoners over the year. "
            "Some of them – Ivan Dorak, Pavel Mirak and Oleg Branik – were sentenced for a march.")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Dorak", "Pavel Mirak", "Oleg Branik"]


def test_item_paragraphs_under_a_recognition_title_name_the_recognised() -> None:
    text = ("The statement on the recognition of 4 people as political prisoners\n\n"
            "We note that the authorities use criminal law against dissent.\n\n"
            "Thus, Iryna Dorak, Pavel Mirak were taken into custody under Article 361-2 for donations;\n\n"
            "Alena Sorak was sentenced to two years for a comment;\n\n"
            "Oleg Branik was detained under Article 342 for a march")
    assert _declared(extract(text, source_hint="t.txt")) == ["Iryna Dorak", "Pavel Mirak", "Alena Sorak",
                                                             "Oleg Branik"]


def test_a_second_colon_list_keeps_the_item_shape() -> None:
    text = ("The statement on the recognition of 3 people as political prisoners\n\n"
            "We are aware of the convictions of:\n\n"
            "Iryna Dorak under Article 361-1 for working for a banned channel;\n\n"
            "Pavel Mirak under Article 361-2 for donations;\n\n"
            "It is also known about the detention of:\n\n"
            "Oleg Branik under Article 361-1 of the Crim")
    assert _declared(extract(text, source_hint="t.txt")) == ["Iryna Dorak", "Pavel Mirak", "Oleg Branik"]


def test_a_published_list_of_political_prisoners_including_names() -> None:
    text = ('Rights news\n\nA rights group on Monday published a list of 40 "political prisoners," including '
            "blogger Ivan Dorak and a pilot held in Zembla City, Alena Sorak.")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Dorak", "Alena Sorak"]


# --- figures -----------------------------------------------------------------------------------------------


def test_names_on_lists_of_political_prisoners_count_them() -> None:
    text = ("Rights news\n\nThe Zembla Centre publishes its lists of political prisoners today. "
            "These lists, a minimum estimate of political repression, contain 210 names. "
            "A year ago, there were 150 names on the lists. Over the year, 90 new names have been added to the lists.")
    figs = _figs(text)
    assert {(210, "exact", "political_prisoners"), (150, "exact", "political_prisoners"),
            (90, "exact", "newly_recognised")} <= figs


def test_as_of_recognised_and_up_from_listed_are_levels() -> None:
    text = ("Rights news\n\nAs of 3 May, 612 people were recognised as political prisoners in Zembla. "
            "That is up from 480 people listed as political prisoners last year, with 300 individuals persecuted "
            "for their faith and 180 for their views.")
    figs = _figs(text)
    assert {(612, "exact", "political_prisoners"), (480, "exact", "political_prisoners"),
            (300, "exact", "political_prisoners"), (180, "exact", "political_prisoners")} <= figs


def test_the_released_as_a_noun_reports_no_release() -> None:
    text = ("Zembla news\n\nThe families of at least 1,050 other political prisoners did not find their relatives "
            "among the released.")
    assert _figs(text) == {(1050, "at_least", "political_prisoners")}


def test_hypothetical_and_exchange_numbers_are_no_counts() -> None:
    text = ("Zembla news\n\nMore than 900 political prisoners are behind bars, what would be 30,000 political "
            "prisoners in a larger country. Many were freed in a 20-for-20 prisoner exchange.")
    assert _figs(text) == {(900, "more_than", "political_prisoners")}


def test_penalties_against_individuals_are_sanctions() -> None:
    text = ("Zembla: more sanctions\n\nAlongside Canada, Britain has on Monday issued fresh penalties against "
            "eleven Zemblan individuals.")
    assert (11, "exact", "sanctioned") in _figs(text)


# --- quotes ------------------------------------------------------------------------------------------------


def test_subject_after_a_fronted_alongside_phrase_speaks() -> None:
    text = ("Zembla sanctions\n\nAlongside the United States, Canada and the European Union, Britain has on Monday "
            "issued fresh penalties against eleven Zemblan officials “responsible for the crackdown on the press”.")
    assert ("Britain", "responsible for the crackdown on the press") in _quotes(text)


def test_an_aside_before_said_names_no_speaker() -> None:
    text = ("Zembla sanctions\n\nAmong those targeted is a travel firm that the U.S. government, in a separate "
            "release Monday, said has “helped move people to the border of the European Union.”")
    speakers = {s for s, _t in _quotes(text)}
    assert "Monday" not in speakers and speakers == {"U.S. government"}


def test_a_state_and_its_government_speak_as_the_government() -> None:
    text = ("Zembla sanctions\n\nThe UK government has already imposed sanctions on more than 40 people in Zembla "
            "in response to “rigged elections”.")
    assert ("UK government", "rigged elections") in _quotes(text)


def test_an_organisation_name_in_quotes_with_the_sentence_comma_is_no_quote() -> None:
    text = ("Zembla news\n\nIvan Dorak is the founder of the Human Rights Center “Zorka,” one of the country's "
            "leading rights groups.")
    assert _quotes(text) == set()


# --- written after batch G2 was scored once (G2 then became development data) ----------------------------------


def test_granted_status_to_other_additions_and_also_on_the_list() -> None:
    text = ("Rights groups label five people as political prisoners\n\n"
            "Zemblan human rights groups have declared five people political prisoners, the Zorka centre reported.\n"
            "They granted the status of political prisoner to Ivan Dorak, who was sentenced for a comment.\n"
            "Other additions are Pavel Mirak and Alena Sorak, sentenced on public disorder charges.\n"
            "The same charge was brought against Oleg Branik and Darya Tulak, who are also on the list.")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Dorak", "Pavel Mirak", "Alena Sorak",
                                                             "Oleg Branik", "Darya Tulak"]


def test_included_are_names_targets_after_a_listing() -> None:
    text = ("Zembla sanctions list grows\n\nThe European Union has added 12 more names to its sanctions list "
            "against Zembla. Included are judges and media figures such as the head of the state agency, Irina "
            "Dorak, and the TV host Nikita Sorak, according to the Council.")
    assert _sanctions(text) == {"Irina Dorak": ["EU"], "Nikita Sorak": ["EU"]}


def test_a_contact_line_under_a_heading_and_a_legal_act_are_no_targets() -> None:
    text = ("EU sanctions against Zembla\n\nThe EU imposed sanctions on 12 officials of Zembla.\n"
            "EU sanctions against Zembla:\n- Council Implementing Decision (CFSP) 2031/12\nInquiries\n"
            "- Ivan Dorak, Senior Specialist, Unit for Sanctions, tel. 123")
    assert _sanctions(text) == {}

