"""English rules of issue 16's third round (h16en), each restated on made-up articles.

They were written against a development batch of real English articles no rule had seen (kept outside the
project); every example here is invented (people, places and numbers), so the tests check the mechanism, not
the articles.
"""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import figs, quotes
from reckon.news import extract
from reckon.news.sanctions import _person_like

_figs = figs
_quotes = partial(quotes, width=20)


# --- figures ---------------------------------------------------------------------------------------------

def test_a_modal_of_the_main_clause_does_not_make_the_event_a_wish() -> None:
    facts = extract("It should be recalled that 140 political prisoners were released in Zembla today.",
                    source_hint="t.txt")
    assert _figs(facts) == {(140, "exact", "released")}


def test_a_count_that_will_be_pardoned_is_a_release() -> None:
    facts = extract("The Zemblan ruler announced that 23 political prisoners will be pardoned.", source_hint="t.txt")
    assert _figs(facts) == {(23, "exact", "released")}


def test_a_demand_is_still_no_release() -> None:
    facts = extract("Rights groups demand that 300 political prisoners should be released at once.",
                    source_hint="t.txt")
    assert (300, "exact", "released") not in _figs(facts)


def test_a_bare_number_with_adverbs_before_the_verb() -> None:
    facts = extract("Prosecutors in Ostrava are investigating more than 31 individuals on riot charges. "
                    "Five have already been convicted.", source_hint="t.txt")
    assert _figs(facts) == {(31, "more_than", "charged"), (5, "exact", "convicted")}


def test_clemency_and_gained_freedom_are_releases() -> None:
    facts = extract("The ruler granted clemency to 18 convicted citizens. At least a dozen more detainees "
                    "gained freedom as well.", source_hint="t.txt")
    assert _figs(facts) == {(18, "exact", "released"), (12, "at_least", "released")}


def test_what_the_pardoned_were_convicted_of_stays_a_release() -> None:
    facts = extract("The ruler of Zembla has pardoned 13 prisoners. Among the pardoned, nine were convicted of "
                    "protest activity.", source_hint="t.txt")
    assert _figs(facts) == {(13, "exact", "released"), (9, "exact", "released")}


def test_a_crowd_size_is_no_figure() -> None:
    facts = extract("The opposition march of more than 400 people began at noon. At least 12 people were detained.",
                    source_hint="t.txt")
    assert _figs(facts) == {(12, "at_least", "detained")}


def test_called_political_prisoners_is_a_recognition() -> None:
    facts = extract("Seven more convicts in slander trials called political prisoners", source_hint="t.txt")
    assert {(f.value, f.category) for f in facts.figures} == {(7, "newly_recognised")}


# --- sanctions -------------------------------------------------------------------------------------------

def test_sanctions_targets_are_people_not_seas_or_firms() -> None:
    facts = extract("The EU agreed sanctions against officials of Zembla, but Ostravia blocked sanctions against "
                    "Lutania in a dispute over the Karvian Sea. The Council also sanctioned firms Zorbo Logistik "
                    "and Ivan Demidovich.", source_hint="t.txt")
    targets = {s.target for s in facts.sanctions}
    assert "Karvian Sea" not in targets and "Zorbo Logistik" not in targets
    assert "Ivan Demidovich" in targets


def test_among_those_sanctioned_names_a_target() -> None:
    facts = extract("The Council of the European Union imposed sanctions on 12 individuals in Zembla.\n\n"
                    "The ruler's party held a congress.\n\n"
                    "Among those sanctioned is Aleh Zorkaŭ, the chair of the party.", source_hint="t.txt")
    assert ("Aleh Zorkaŭ", ["EU"]) in [(s.target, s.jurisdictions) for s in facts.sanctions]


def test_the_ruler_of_a_regime_is_no_target() -> None:
    facts = extract("The Council adopted restrictive measures against 14 individuals linked to the regime of "
                    "Zemblan dictator Ivan Zorkin.", source_hint="t.txt")
    assert [s.target for s in facts.sanctions] == []


def test_similar_sanctions_by_another_jurisdiction_and_a_known_surname() -> None:
    facts = extract("Britain imposed sanctions on Zemblan ruler Ivan Zorkin on Tuesday.\n\n"
                    "The British measures include an asset freeze on six officials, including Zorkin and his "
                    "son Pavel Zorkin. Similar sanctions were imposed by Canada.", source_hint="t.txt")
    got = {(s.target, tuple(s.jurisdictions)) for s in facts.sanctions}
    assert ("Ivan Zorkin", ("GB",)) in got and ("Pavel Zorkin", ("CA",)) in got
    # the surname again under the same jurisdiction is the same statement said twice (kept once)
    assert [(s.target, s.jurisdictions) for s in facts.sanctions].count(("Ivan Zorkin", ["GB"])) == 1
    assert ("Ivan Zorkin", ("CA",)) in got


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Ivan", "Alena", "Siarhei", "Maryja", "Natallia", "Uladzimir"]),
       st.text(alphabet="abcdefghijklmnoprstuvz", min_size=3, max_size=9))
def test_a_known_given_name_makes_any_surname_a_person(given_name: str, tail: str) -> None:
    assert _person_like([given_name, tail.capitalize() + "ski"])
    assert _person_like([given_name, tail.capitalize()])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Sea", "Square", "Holding", "Street", "Bridge"]),
       st.sampled_from(["Karvian", "Zorbo", "Vlatex", "Mediterranean"]))
def test_two_words_without_a_given_name_or_a_slavic_surname_are_no_person(last: str, first: str) -> None:
    assert not _person_like([first, last])


# --- quotes ----------------------------------------------------------------------------------------------

def test_a_paragraph_opening_with_a_quote_takes_the_speaker_announced_before() -> None:
    facts = extract("Jana Zorkina spoke at a briefing in Ostrava. It focused on prisons:\n\n"
                    "“It has been a year since I last heard from my brother. Nobody tells us anything.\n\n"
                    "The world must act.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["Jana Zorkina"]


def test_a_statement_by_someone_announces_the_quote_below() -> None:
    facts = extract("A full statement by Jana Zorkina has been published.\n\n"
                    "“I sincerely welcome the release of the two teachers. This is a very important step for "
                    "their families.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["Jana Zorkina"]


def test_the_ministry_is_the_fullest_name_and_shares_its_subject_with_but() -> None:
    facts = extract("The Foreign Ministry of Zembla gave no details, but warned of “grave consequences” for "
                    "Ostravia.\n\n“We are for dialogue and understanding, always and everywhere,” the ministry "
                    "said in a statement.", source_hint="t.txt")
    assert {q.speaker for q in facts.quotes} == {"Foreign Ministry of Zembla"}


def test_a_relative_clause_judge_speaks_its_fragment_and_the_next_one() -> None:
    facts = extract("The commission organised the vote, which the EU deemed “neither free nor fair” and were "
                    "“held in a climate of fear,” observers say.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["EU", "EU"]


def test_a_closed_quotation_is_not_given_to_the_next_sentence() -> None:
    facts = extract("The Interior Ministry of Zembla will reportedly “watch the pardoned to ensure they keep the "
                    "law.” Some of those released earlier have reported harassment.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["Interior Ministry of Zembla"]


def test_the_politician_is_the_person_the_article_is_about() -> None:
    facts = extract("Dozens came to meet Pavel Zorkin in Ostrava after ruler Ivan Demidau freed him.\n\n"
                    "Zorkin looks well. Zorkin smiled.\n\n"
                    "“I thank everyone who supported me all these years,” the politician said.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["Pavel Zorkin"]


# --- declared political prisoners ------------------------------------------------------------------------

def test_they_are_therefore_political_prisoners_declares_the_names_before() -> None:
    facts = extract("We consider the persecution of Pavel Zorkin, Alena Demidava and Ivan Lutski to be "
                    "politically motivated. The convicts are therefore political prisoners.", source_hint="t.txt")
    assert [d.name for d in facts.declared_political_prisoners] == ["Pavel Zorkin", "Alena Demidava", "Ivan Lutski"]


def test_a_named_subject_is_a_political_prisoner() -> None:
    facts = extract("• Painter Ales Zorkin is a political prisoner\n\nHis portrait of a poet broke no law.",
                    source_hint="t.txt")
    assert [d.name for d in facts.declared_political_prisoners] == ["Ales Zorkin"]


def test_the_wife_of_a_prisoner_is_not_declared_by_a_copula() -> None:
    facts = extract("The wife of Pavel Zorkin is a political prisoner's wife, she says.", source_hint="t.txt")
    assert facts.declared_political_prisoners == []


# --- after the second batch ------------------------------------------------------------------------------

def test_detain_a_negated_release_and_an_aside_on_some() -> None:
    facts = extract("Police deploy brutal tactics and detain over 900 people.\n\n"
                    "Twelve reporters who were detained after the march have not been released yet.\n\n"
                    "Some 40 journalists, most of whom were later released, were detained on Friday.\n\n"
                    "The rights centre has information on 311 detainees.", source_hint="t.txt")
    assert _figs(facts) == {(900, "more_than", "detained"), (12, "exact", "detained"), (40, "about", "detained"),
                            (311, "exact", "detained")}


def test_relatives_of_a_ruler_and_companies_related_to_a_businessman_are_no_targets() -> None:
    facts = extract("Ostravia extends sanctions on Zembla\n\nOstravia imposed sanctions on 40 individuals. The list "
                    "includes relatives of Zemblan ruler Ivan Zorkin.\n\n12 companies related to businessman Pavel "
                    "Demidau have been also blacklisted.", source_hint="t.txt")
    assert [s.target for s in facts.sanctions] == []


def test_among_the_persons_on_the_sanctions_list() -> None:
    facts = extract("Ostravia imposes sanctions against Zorkin\n\nThe Federal Council of Ostravia has imposed "
                    "sanctions on ruler Ivan Zorkin and 9 others.\n\nIn addition, among the persons on the sanctions "
                    "list was also his son Pavel Zorkin.", source_hint="t.txt")
    assert "Pavel Zorkin" in {s.target for s in facts.sanctions}


def test_a_passive_speech_verb_names_no_speaker_and_a_body_spokesperson_speaks() -> None:
    facts = extract("Prize for Zemblan rights group\n\nWhen the prize was announced, Jana Zorkina, an activist in exile, told a radio station that it "
                    "was “a very symbolic choice.”\n\n“Ostravia expects the release of all detained reporters,” the "
                    "Zemblan External Service spokesperson wrote.", source_hint="t.txt")
    assert [q.speaker for q in facts.quotes] == ["Jana Zorkina", "Zemblan External Service spokesperson"]
