"""Issue 16, English rules written against fresh real English articles (kept outside the project, scored before
any rule was changed). Every example restates a failure class in invented words, places and names."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_shapes import figs, quotes
from reckon.news import extract
from reckon.news.quotes import _quote_spans

_figs = figs
_quotes = quotes

GIVEN = ["Ivan", "Hanna", "Pavel", "Alena", "Mikita", "Volha", "Siarhei", "Tatsiana", "Andrei", "Maryia"]
SURNAMES = ["Pralesku", "Zarechnaya", "Lomaka", "Kvetkina", "Dubrovich", "Sasnouski", "Vyrayeva", "Hrabok",
            "Lyatsinski", "Chernyshka"]


def _declared(facts) -> list[str]:
    return [d.name for d in facts.declared_political_prisoners]


# --- declared political prisoners ---------------------------------------------------------------------------


def test_a_paragraph_naming_as_many_people_as_were_recognised_names_them() -> None:
    text = ("Three activists declared political prisoners\n\n"
            "The Zemblan rights community has recognised three more people as political prisoners, the group "
            "reports.\n\nOn May 3, police raided several offices across the country.\n\n"
            "Officers took in custody Ivan Pralesku (a teacher at the Example Band school), Hanna Zarechnaya "
            "(a nurse) and Pavel Lomaka (a driver).")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Pralesku", "Hanna Zarechnaya", "Pavel Lomaka"]


def test_a_paragraph_naming_a_different_number_of_people_names_no_one() -> None:
    text = ("Three activists declared political prisoners\n\n"
            "The Zemblan rights community has recognised three more people as political prisoners.\n\n"
            "Officers took in custody Ivan Pralesku and Hanna Zarechnaya.")
    assert _declared(extract(text, source_hint="t.txt")) == []


def test_activists_consider_the_following_convicts_political_prisoners() -> None:
    text = ("New names\n\nGuided by paragraph 3.2 of the Guidelines, Zemblan human rights activists consider the "
            "following convicts as political prisoners: Ivan Pralesku (sentenced to 3 years in prison); Alena "
            "Kvetkina (sentenced to eight months in prison).")
    facts = extract(text, source_hint="t.txt")
    assert _declared(facts) == ["Ivan Pralesku", "Alena Kvetkina"]
    assert [d.sentence_text for d in facts.declared_political_prisoners] == ["3 years in prison",
                                                                            "eight months in prison"]


def test_the_released_listed_near_a_recognition_are_not_declared() -> None:
    text = ("Weekly review\n\n14 people were recognized as political prisoners over the past week. In addition, "
            "rights activists learned that 3 political prisoners had served their sentences and were released: "
            "Ivan Pralesku, Pavel Lomaka, and Mikita Dubrovich.")
    facts = extract(text, source_hint="t.txt")
    assert _declared(facts) == []
    assert (3, "exact", "released") in _figs(facts)


def test_a_released_statement_frees_no_one() -> None:
    text = ("Six more political prisoners\n\nZemblan rights groups labeled two more people as political prisoners. "
            "In a statement released yesterday, they listed two foreign nationals: Ivan Pralesku (four years) "
            "and Pavel Lomaka (five years).")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Pralesku", "Pavel Lomaka"]


def test_put_on_the_list_of_political_prisoners_is_a_recognition() -> None:
    text = ("Weekly review\n\nThus, a businessman Pavel Lomaka whose firm once built websites for the ministry "
            "was put on the list of political prisoners among others.")
    assert _declared(extract(text, source_hint="t.txt")) == ["Pavel Lomaka"]


# --- quotes ---------------------------------------------------------------------------------------------------


def test_a_quote_under_said_colon_runs_over_paragraphs() -> None:
    text = ("Convictions condemned\n\nIvan Pralesku, Deputy Director at the Example Watch,  said:\n\n"
            "“These activists have been convicted only for exercising their right to protest.\n\n"
            "“They must be released at once. Their imprisonment is one more example of the crackdown.”\n\n"
            "More than 300 people gathered in the centre of the town.")
    quotes = _quotes(text)
    assert len(quotes) == 1
    assert quotes[0][0] == "Ivan Pralesku"
    assert quotes[0][1].startswith("These activists") and "They must be released" in quotes[0][1]


def test_a_document_quoting_a_person_as_saying_gives_the_person() -> None:
    text = ("Sanctions\n\n\"Our partners stand united in imposing costs,\" the document quotes Zemblan Secretary "
            "Ivan T. Pralesku as saying.")
    assert _quotes(text) == [("Ivan T. Pralesku", "Our partners stand united in "
                                                                                 "imposing costs")]


def test_with_a_person_saying_gives_the_person() -> None:
    text = ("Sanctions\n\nOfficials have for weeks previewed new measures, with Foreign Minister Hanna Zarechnaya "
            "saying in an interview Wednesday, “we are working very closely with our partners on more steps.”")
    assert _quotes(text)[0][0] == "Hanna Zarechnaya"


def test_the_name_of_a_case_in_quotes_is_no_quote() -> None:
    text = ("Twenty more\n\nPavel Lomaka is also a defendant in the \"Slander against the Leader\" case.")
    assert _quotes(text) == []


def test_an_unnamed_statement_after_a_date_speaks_for_no_one() -> None:
    text = ("Raids\n\nOn July 14, Zemblan security forces raided dozens of offices.\n\n"
            "“We consider their prosecution politically motivated,” the statement reads.")
    assert _quotes(text) == []


def test_a_lower_case_institution_speaks() -> None:
    text = ("Pardons\n\n“All of those released repented and asked to be pardoned,” the presidential administration "
            "said in a statement.")
    assert _quotes(text)[0][0].lower() == "administration"


def test_a_persons_statement_says_gives_the_person() -> None:
    text = ("Sanctions\n\nForeign Minister Hanna Zarechnaya announced new sanctions on Tuesday.\n\n"
            "“The regime’s disregard for human rights is unjustifiable,” Zarechnaya’s statement says.")
    assert _quotes(text)[0][0] == "Hanna Zarechnaya"


def test_a_teaser_headline_in_quotes_is_no_quote() -> None:
    text = ("Sanctions\n\nBe the first to comment on \"Zembla imposes new sanctions over border crisis\"")
    assert _quotes(text) == []


# --- figures --------------------------------------------------------------------------------------------------


def test_people_currently_held_after_a_count_of_political_prisoners_are_political_prisoners() -> None:
    text = ("Day of Political Prisoners\n\nSince 2020, 2,291 people have been recognized as political prisoners "
            "by the rights community. Currently, 1525 individuals, including 171 women, are held in places of "
            "detention.")
    figs = _figs(text)
    assert (1525, "exact", "political_prisoners") in figs and (171, "exact", "political_prisoners") in figs


def test_names_added_to_the_rights_groups_list_are_newly_recognised() -> None:
    text = ("Updates\n\nAnother seven names have been added to the list kept by Zemblan human rights defenders "
            "since the summer.")
    assert _figs(text) == {(7, "exact", "newly_recognised")}


def test_a_headline_takes_the_category_of_the_same_number_in_the_body() -> None:
    text = ("258 persons recognised as political prisoners in Zembla\n\n"
            "As of 26 February, 258 persons have been recognised as prisoners of conscience in Zembla.")
    facts = extract(text, source_hint="t.txt")
    assert {f.category for f in facts.figures} == {"political_prisoners"}


def test_amnesty_international_releases_no_one() -> None:
    text = ("Convictions\n\nAmnesty International has documented the cases of eight prisoners of conscience who "
            "have been sentenced to terms of imprisonment.")
    assert _figs(text) == {(8, "exact", "convicted")}


def test_people_now_recognised_are_the_total_and_those_added_are_new() -> None:
    text = ("Digest\n\nAt the moment 1349 people are recognized as political prisoners, including 44 individuals "
            "who were added to the list in September.")
    assert _figs(text) == {(1349, "exact", "political_prisoners"),
                                                         (44, "exact", "newly_recognised")}


def test_people_taken_into_custody_are_detained_whatever_is_demanded() -> None:
    text = ("Digest\n\nRights defenders demanded the release of another 18 people taken into custody for "
            "protesting.")
    assert _figs(text) == {(18, "exact", "detained")}


def test_serving_a_term_in_full_is_a_release() -> None:
    text = ("Out of jail\n\nAt least 22 political prisoners were released in January. Seventeen of them served "
            "their terms in full.")
    assert (17, "exact", "released") in _figs(text)


# --- sanctions ------------------------------------------------------------------------------------------------


def test_a_leader_named_for_the_regime_or_the_time_is_no_target() -> None:
    text = ("Zembla sanctions\n\nThe Council adopted measures against 38 individuals that benefit from the Ivan "
            "Pralesku regime.\n\nCanada imposed new sanctions on Zembla over gross violations under President "
            "Pavel Lomaka.")
    targets = {s.target for s in extract(text, source_hint="t.txt").sanctions}
    assert not targets & {"Ivan Pralesku", "Pavel Lomaka"}


def test_the_sanctions_include_a_named_person() -> None:
    text = ("Zembla sanctions\n\nCanada announced new sanctions against Zembla on Aug. 9, targeting nine individuals "
            "and seven entities.\n\nThe sanctions include Ivan Pralesku, the head of Zemblan state television, "
            "and several companies.")
    facts = extract(text, source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Pralesku", ["CA"])]
    assert {(9, "exact", "sanctioned"), (7, "exact", "sanctioned")} <= _figs(facts)


# --- properties -----------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab .,“”\"‘’'\n:")), max_size=300))
def test_quote_spans_stay_inside_their_paragraph(text: str) -> None:
    for sp in _quote_spans(text):
        assert 0 <= sp.open_at < sp.start <= sp.end <= len(text)
        assert sp.close_at <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(GIVEN), st.sampled_from(SURNAMES)), min_size=2, max_size=6, unique=True),
       st.booleans())
def test_a_counted_list_is_taken_only_when_the_count_matches(people: list[tuple[str, str]], extra: bool) -> None:
    names = [f"{g} {s}" for g, s in people]
    if len({n.split()[1] for n in names}) < len(names):
        return  # two people of one surname read as one family here; the property is about counts
    count = len(names) - (1 if extra else 0)
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
    text = (f"Recognitions\n\nThe Zemblan rights community has recognised {words[count]} more people as political "
            f"prisoners.\n\nOfficers took in custody " + ", ".join(names[:-1]) + f" and {names[-1]}.")
    got = _declared(extract(text, source_hint="t.txt"))
    assert got == ([] if extra else names)


# --- later fresh batches ----------------------------------------------------------------------------------------


def test_with_a_person_calling_gives_the_person_and_a_scare_quoted_word_is_no_quote() -> None:
    text = ("Verdict\n\nThe verdict drew reactions, with Zemblan Foreign Minister Hanna Zarechnaya calling the "
            "proceedings a \"farce\" that judged the men \"simply for their fight for the rights of the people.\"")
    assert _quotes(text) == [
        ("Hanna Zarechnaya", "simply for their fight for the rights of the people.")]


def test_a_name_then_its_role_then_told_gives_the_name() -> None:
    text = ("Verdict\n\nBerta Example-Hansen, head of the Example Committee, told Reuters in an interview that Pavel "
            "Lomaka \"is one of the foremost fighters for freedom.\"")
    assert _quotes(text)[0][0] == "Berta Example-Hansen"


def test_he_after_a_person_said_in_an_interview_is_that_person() -> None:
    text = ("Zembla sanctions\n\nThe UK has imposed sanctions on Zemblan President Ivan Pralesku and seven other "
            "officials, Foreign Secretary Pavel Lomaka told Reuters on Tuesday.\n\n"
            "Pralesku's security adviser is also among them, Lomaka said in an interview. \"There is a window to act "
            "now,\" he said.")
    facts = extract(text, source_hint="t.txt")
    assert _quotes(facts) == [("Pavel Lomaka", "There is a window to act now")]
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Pralesku", ["GB"])]
    assert (7, "exact", "sanctioned") in _figs(facts)


def test_a_team_writing_before_a_colon_speaks_the_paragraph_below() -> None:
    text = ("Annual report\n\nIn an email, the Example team wrote to a newspaper that for the year ahead:\n\n"
            "“We hope to see change, sooner rather than later, because so many are languishing in prisons.”")
    assert _quotes(text) == [
        ("Example team", "We hope to see change, sooner rather than later, because so many are languishing in "
                         "prisons.")]


def test_the_rights_watchdog_is_the_organisation_the_text_is_about() -> None:
    text = ("Harassment\n\nThe Zemblan Helsinki Committee has called on the authorities to end all harassment.\n\n"
            "In its statement, the rights watchdog urges the capital to order an investigation of all instances of "
            "\"mistreatment of detainees held on politically motivated charges.\"")
    assert _quotes(text)[0][0] == "Zemblan Helsinki Committee"


def test_a_back_reference_to_the_other_two_adds_no_figure_and_the_dead_count() -> None:
    text = ("Verdict\n\nThe court sentenced two activists to nine and seven years in prison. Ivan Pralesku and the "
            "other two activists were accused of funding protests. At least six have died behind bars.")
    figs = _figs(text)
    assert (2, "exact", "charged") not in figs
    assert (6, "at_least", "died") in figs


def test_a_part_of_the_released_with_no_event_of_its_own_is_released() -> None:
    text = ("Pardons\n\nThe leader has pardoned and released 31 political prisoners. His office said three of them "
            "are invalids and 17 have chronic illnesses.")
    figs = _figs(text)
    assert {(31, "exact", "released"), (3, "exact", "released"), (17, "exact", "released")} <= figs


def test_a_title_counting_the_recognised_points_at_the_paragraph_naming_that_many() -> None:
    text = ("The statement on the recognition of 3 people as political prisoners\n\n"
            "Joint statement by the Zemblan human rights community\n\n"
            "In connection with the charges and sentences under Part 1 of Article 342 of the Criminal Code against "
            "Ivan Pralesku, Hanna Zarechnaya, Pavel Lomaka, we note the following:\n\n"
            "Freedom of peaceful assembly is guaranteed by the Covenant.")
    assert _declared(extract(text, source_hint="t.txt")) == ["Ivan Pralesku", "Hanna Zarechnaya", "Pavel Lomaka"]


def test_people_currently_in_captivity_are_held_now() -> None:
    text = ("Press conference\n\nAt a press conference a year after the first arrests, rights defenders said that "
            "there are currently seven leaders and members of the group in captivity.")
    assert _figs(text) == {(7, "exact", "political_prisoners")}


# --- fifth fresh batch ------------------------------------------------------------------------------------------


def test_hard_wrapped_lines_ending_in_a_function_word_or_before_a_number_join() -> None:
    text = ("Zembla blacklists officials\n\n"
            "On\nJanuary 31, 2011, the EU Council imposed asset freezes and travel bans\non 156 Zemblan officials for "
            "their role in the crackdown on civil society and its supporters. The Council blacklisted\n"
            "19 more officials in March.")
    figs = _figs(text)
    assert {(156, "exact", "sanctioned"), (19, "exact", "sanctioned")} <= figs


def test_since_the_summer_of_a_year_is_a_running_total() -> None:
    text = ("Summary\n\nSince the summer of 2020, the rights community has identified 3,531 individuals as "
            "political prisoners, 627 of whom are women.")
    assert _figs(text) == {(3531, "exact", "political_prisoners_ever"),
                                                         (627, "exact", "political_prisoners_ever")}


def test_a_part_naming_its_own_event_is_that_event() -> None:
    text = ("Summary\n\nIn January the group learned of at least 560 cases of repression, including 310 detentions "
            "and 349 administrative proceedings on political grounds.")
    figs = _figs(text)
    assert {(310, "exact", "detained"), (349, "exact", "charged")} <= figs


def test_the_words_after_the_next_count_describe_that_count() -> None:
    text = ("Solidarity\n\nAccording to the group, as of the end of April, there were 1,495 political prisoners in "
            "Zembla and more than 3,200 people convicted in politically motivated trials. Six of the group’s "
            "members are currently in jail.")
    figs = _figs(text)
    assert {(1495, "exact", "political_prisoners"), (3200, "more_than", "convicted")} <= figs


def test_a_quoted_status_and_a_known_surname_declare() -> None:
    text = ("Trial\n\nThe regional court started the trial of Pavel Lomaka, who was arrested in March last year.\n\n"
            "Zemblan human rights organizations have recognized Lomaka as \"a political prisoner.\"")
    assert _declared(extract(text, source_hint="t.txt")) == ["Pavel Lomaka"]


def test_an_offence_in_quotes_is_no_quote_unless_someone_says_it() -> None:
    silent = ("Weekly\n\nOn July 11, Pavel Lomaka was found guilty of “insulting the president” and “insulting an "
              "official”.")
    said = "Weekly\n\nThey were found guilty of “grossly violating public order” among other charges, Viasna said."
    assert _quotes(silent) == []
    assert _quotes(said) == [("Viasna", "grossly violating public order")]


# --- sixth fresh batch ------------------------------------------------------------------------------------------


def test_the_event_a_noun_before_the_count_names_unless_it_is_wished() -> None:
    text = ("Pardons\n\nThe crackdown resulted in the arrest of over 35,000 individuals and the sentencing of many "
            "opposition figures. She will keep advocating for the release of approximately 1,400 political "
            "prisoners still detained.")
    assert _figs(text) == {(35000, "more_than", "detained"),
                                                         (1400, "about", "political_prisoners")}


def test_a_bare_count_repeating_one_just_given_is_the_same_people() -> None:
    text = ("Pardons\n\nThe leader pardoned 22 people, including twenty political prisoners, the presidency said. "
            "Among those pardoned were 15 women and seven men, and twenty were convicted of extremism.")
    figs = _figs(text)
    assert (20, "exact", "convicted") not in figs and (22, "exact", "released") in figs


def test_a_swiss_federal_council_is_the_jurisdiction_and_an_encourager_is_no_target() -> None:
    text = ("Sanctions\n\nOn 11 December, the Swiss Federal Council extended sanctions against Zembla. Financial "
            "sanctions and travel bans were imposed on 15 individuals, including President Ivan Pralesku.\n\n"
            "Zemblan leader Pavel Lomaka encouraged Zembla to release prisoners in return for easing sanctions "
            "against it.")
    facts = extract(text, source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Pralesku", ["CH"])]


def test_words_on_a_wall_are_no_quote() -> None:
    text = ("Graffiti\n\nPavel Lomaka was detained on suspicion of spray-painting graffiti reading “He lost, "
            "resign!” on a bus stop shelter.")
    assert _quotes(text) == []
