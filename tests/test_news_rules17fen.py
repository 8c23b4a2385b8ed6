"""English figures of issue 16's h17fen round: what ties a count to the words and counts around it.

Written against a batch of real English articles no rule had seen (kept outside the project). Every example
here is invented (people, places, organisations and numbers), so the tests check the mechanisms: a cue on a
subset, coordinated counts, a repeated count, a demanded release, forecasts, ages, one clause per statement,
persecution short of arrest, states of being held, and two layout cases (a ticker, a cut last line).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from news_shapes import figs_sorted
from reckon.news import extract
from reckon.news.figure_links import age_apposition, as_many_as_exact, own_clause_start

_figs = figs_sorted


def _body(*sentences: str) -> str:
    return "Zembla news\n\n" + "\n\n".join(sentences)


# --- attachments: subsets, coordination, repeats, clauses -------------------------------------------------

def test_a_cue_on_a_subset_is_not_the_counts() -> None:
    # without the rule "detained" (of the several) made the 45 detained
    assert _figs(_body("Officers searched the homes of 45 activists and detained several of them.")) == \
        [(45, "exact", "persecuted")]
    # the count itself as the object keeps the verb
    assert _figs(_body("The march drew more than 900 people, and police detained 35 of them.")) == \
        [(35, "exact", "detained")]


def test_a_qualifier_bounds_coordinated_counts() -> None:
    assert _figs(_body("Police detained at least 23 students and 12 teachers in Demoville.")) == \
        [(12, "at_least", "detained"), (23, "at_least", "detained")]
    # a verb between them makes two statements, each with its own qualifier
    assert _figs(_body("At least 120 people were interrogated and 31 were arrested.")) == \
        [(31, "exact", "detained"), (120, "at_least", "persecuted")]


def test_a_repeated_count_keeps_its_category() -> None:
    text = _body("Security officers searched the flats of 57 relatives of prisoners.",
                 "By evening they had visited at least 57 people, a local portal wrote.")
    assert _figs(text) == [(57, "at_least", "persecuted"), (57, "exact", "persecuted")]


def test_one_clause_per_statement_joined_by_and() -> None:
    text = _body("Since summer 2020, some 2,345 people have been recognised as political prisoners and about "
                 "1,111 are currently behind bars.")
    assert _figs(text) == [(1111, "about", "political_prisoners"), (2345, "about", "political_prisoners_ever")]
    # two counts of one statement stay together
    assert _figs(_body("The Council imposed sanctions on 30 individuals and 5 entities.")) == \
        [(5, "exact", "sanctioned"), (30, "exact", "sanctioned")]


def test_another_time_of_the_same_count() -> None:
    assert _figs(_body("We know of 1,234 detentions during the rallies, and 56 after them.")) == \
        [(56, "exact", "detained"), (1234, "exact", "detained")]


# --- what the words say about the people ---------------------------------------------------------------------

def test_those_whose_release_is_demanded_are_held_now() -> None:
    assert _figs(_body("The opposition leader called for the release of a further 1,234 prisoners.")) == \
        [(1234, "exact", "political_prisoners")]


def test_persecution_short_of_arrest() -> None:
    assert _figs(_body("Over 12 thousand people were hurt at the rallies in Zembla, four were killed.")) == \
        [(4, "exact", "died"), (12000, "more_than", "persecuted")]
    assert _figs(_body("At least 76 people were affected by the raids, according to the Demo Centre.")) == \
        [(76, "at_least", "persecuted")]


def test_states_of_being_held() -> None:
    assert _figs(_body("at least 19 reporters continue to be held in detention;")) == \
        [(19, "at_least", "political_prisoners")]
    assert _figs(_body("At least 44 are serving long prison sentences, according to the Demo Union of Reporters.")) \
        == [(44, "at_least", "political_prisoners")]


def test_cases_take_the_event_of_their_clause() -> None:
    assert _figs(_body("Courts found defendants guilty in 41 cases, a record.")) == [(41, "exact", "convicted")]
    text = _body("During the month we learned of 28 new defendants in criminal cases, 21 of whom received sentences.")
    assert _figs(text) == [(21, "exact", "convicted"), (28, "exact", "charged")]


def test_counts_of_investigations_and_their_baseline() -> None:
    text = _body("Officers launched 88 treason investigations this year, a fourfold increase from the 22 cases "
                 "investigated in all of last year.")
    assert _figs(text) == [(22, "exact", "charged"), (88, "exact", "charged")]
    # "the existing 88 cases" names the same count again
    text2 = _body("Officers launched 88 treason investigations this year.",
                  "An analysis of the existing 88 treason cases says 61 of the defendants are accused of spying.")
    assert [v for v, _, _ in _figs(text2)].count(88) == 1


def test_a_participle_after_a_bare_number_counts_people() -> None:
    assert _figs(_body("Officials reported 35 accused of sabotage in the region.")) == [(35, "exact", "charged")]


# --- what is not a count ---------------------------------------------------------------------------------------

def test_forecasts_ages_and_as_many_as() -> None:
    assert _figs(_body("At this pace there will be about 300 cases by December, the lawyer said.")) == []
    assert _figs(_body("Among those detained were Ivan Demau, 71, a retired teacher.")) == []
    assert _figs(_body("Police detained as many as 2,347 protesters.")) == [(2347, "exact", "detained")]
    assert _figs(_body("Police detained as many as 3,000 protesters.")) == [(3000, "up_to", "detained")]


# --- layout --------------------------------------------------------------------------------------------------

def test_a_ticker_above_the_title_is_furniture() -> None:
    facts = extract("• USD12.34\n• EUR13.45\n• 171\n\nOver 40 activists detained in Zembla\n\n"
                    "Officers came at dawn, the Demo Centre said.", source_hint="t.txt")
    assert facts.title == "Over 40 activists detained in Zembla"
    assert [(f.value, f.qualifier, f.category) for f in facts.figures] == [(40, "more_than", "detained")]


def test_a_last_line_cut_mid_sentence_is_read() -> None:
    text = _body("In the past year 40 people have been added to the list of political prisoners.",
                 "Of those newly added to the list, 12 were imprisoned on charges related")
    assert _figs(text) == [(12, "exact", "newly_recognised"), (40, "exact", "newly_recognised")]


# --- properties --------------------------------------------------------------------------------------------

@given(st.text(alphabet="abc ,and", max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_a_clause_start_stays_between_its_bounds(text: str, i: int, j: int) -> None:
    cstart, a = sorted((min(i, len(text)), min(j, len(text))))
    got = own_clause_start(text, cstart, a, (cstart + a) // 2)
    assert cstart <= got <= a


@given(st.integers(120, 10 ** 6))
def test_large_numbers_are_no_ages(value: int) -> None:
    assert not age_apposition("Among them was Ivan Demau, ", ", a teacher", value)


@given(st.integers(1, 10 ** 5))
def test_as_many_as_keeps_round_numbers_as_ceilings(value: int) -> None:
    assert as_many_as_exact("as many as ", value) == (value % 10 != 0)


# --- cases, parts "of which", numbers as Europe prints them -------------------------------------------------

def test_cases_of_the_kind_just_counted() -> None:
    text = _body("Over nine months, 140 cases of detentions were recorded in Zembla, 120 of which targeted students.",
                 "The number significantly exceeds last year's.",
                 "Back then, 95 cases were recorded, 61 of which were in relation to students.")
    assert _figs(text) == [(61, "exact", "detained"), (95, "exact", "detained"), (120, "exact", "detained"),
                           (140, "exact", "detained")]
    # cases someone opens are criminal cases, whatever was counted before
    text2 = _body("Police detained 50 people in Demoville.", "Prosecutors then opened 20 cases.")
    assert _figs(text2) == [(20, "exact", "charged"), (50, "exact", "detained")]
    assert _figs(_body("In 2030, there were recorded 128 cases of detention in Zembla.")) == [(128, "exact", "detained")]


def test_a_dot_between_thousands_and_held_political_prisoners() -> None:
    assert _figs(_body("More than 27.000 residents have been held there after arbitrary arrests.")) == \
        [(27000, "more_than", "detained")]
    assert _figs(_body("More than 150 political prisoners are being held in custody in Zembla.")) == \
        [(150, "more_than", "political_prisoners")]
    assert _figs(_body("Around 50 youngsters are expected to stand trial tomorrow.")) == [(50, "about", "charged")]


def test_small_counts_named_after_a_colon_and_crowds_that_gather() -> None:
    text = _body("On May 4, three more members of the Demo Centre were detained on criminal charges: Ivan Demau, "
                 "chairman of the organisation, Piotr Testau, member of the Demo Board, and Anton Probau, lawyer;")
    assert _figs(text) == []
    assert _figs(_body("Approximately 30 people gather near the prison in the town of Demoville.")) == []


def test_the_states_lists_and_the_children_of_prisoners() -> None:
    text = _body("At the end of October, 615 people were recognised by the authorities as extremists, a record.",
                 "All in all, there are about 1,400 people on the list.")
    assert _figs(text) == [(615, "exact", "persecuted"), (1400, "about", "persecuted")]
    assert _figs(_body("Currently, there are 4,321 people on the wanted list.")) == [(4321, "exact", "persecuted")]
    assert _figs(_body("- 21 female political prisoners - mothers of 38 minor children")) == \
        [(21, "exact", "political_prisoners")]
    assert _figs(_body("1,234 women have been subjected to politically motivated criminal prosecution since 2020.")) \
        == [(1234, "exact", "charged")]
