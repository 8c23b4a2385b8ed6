"""Figure rules of the h16fig round (issue 16), restated with invented people, places and numbers.

Each mechanism was written against real articles no rule had seen; the examples here are made up.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.figure_checks import drop_unplaced, part_category, unmask_short_quotes
from reckon.news.quote_marks import mask_quotes


def _figs(text: str) -> list[tuple[int, str, str]]:
    return [(f.value, f.qualifier, f.category) for f in extract(text, source_hint="t.txt").figures]


# --- English ------------------------------------------------------------------------------------------------

def test_a_scare_quoted_verb_is_the_writers_own_word() -> None:
    text = "Since 2020, 412 political prisoners in Zembla have been “pardoned,” the Demo Centre said."
    assert _figs(text) == [(412, "exact", "released")]


def test_a_part_does_not_restate_an_earlier_stage_of_the_case() -> None:
    text = ("The ruler of Zembla signed a decree pardoning 21 people, 17 of whom were convicted under “extremism” "
            "articles. Most of those pardoned are women, and five of them have children.")
    assert _figs(text) == [(21, "exact", "released"), (17, "exact", "released"), (5, "exact", "released")]


def test_a_qualifier_may_stand_between_including_and_the_count() -> None:
    text = ("At least 520 people in Zembla are deprived of liberty for their faith, including more than 100 "
            "Demovian Tatars.")
    assert _figs(text) == [(520, "at_least", "political_prisoners"), (100, "more_than", "political_prisoners")]


def test_prisoners_for_political_reasons_are_political_prisoners() -> None:
    assert _figs("The Demo Centre adds some 1,300 prisoners for political reasons.") == [
        (1300, "about", "political_prisoners")]


def test_a_list_that_includes_names_gives_its_size_and_a_demonstrative_repeat_is_no_second_count() -> None:
    text = ("Zembla holds some 900 people for political reasons, rights groups say. The Demo Centre's list of "
            "political prisoners currently includes 613 names. This list of 613 names is only the minimum.")
    figs = _figs(text)
    assert (613, "exact", "political_prisoners") in figs
    assert [f for f in figs if f[0] == 613] == [(613, "exact", "political_prisoners")]


def test_a_bracketed_count_after_a_body_is_labelled_by_the_words_before_it() -> None:
    text = ("Most people were convicted of group actions (18), violence against officers of the law enforcement "
            "bodies (11), insulting an official (8).")
    assert _figs(text) == [(18, "exact", "convicted"), (11, "exact", "convicted"), (8, "exact", "convicted")]


def test_an_uncategorised_count_stays_only_when_its_sentence_speaks_of_persecution() -> None:
    assert _figs("Around 3,000 people live in the village of Demovo, where the activist grew up.") == []
    # people who lost something for their views stay, uncategorised
    assert _figs("Some 300 teachers were dismissed for their views this summer.") == [(300, "about", "other")]


def test_a_small_count_of_people_named_one_by_one_is_the_people_not_a_figure() -> None:
    assert _figs("The court imposed prison sentences on two Demoville residents, Ivan Demov and Petr Samplov.") == []
    assert _figs("Міліцыянты затрымалі 24 чалавек. Як вядома, два з іх — былыя настаўнікі Іван Дземаў і Пятро "
                 "Узораў.") == [(24, "exact", "detained")]
    # recognitions keep their counts: the number of new political prisoners is the statistic
    assert _figs("Rights groups recognised two more people as political prisoners, Ivan Demov and Petr Samplov.") == [
        (2, "exact", "newly_recognised")]


# --- Belarusian and Russian ---------------------------------------------------------------------------------

def test_pa_menshai_mery_is_at_least() -> None:
    text = "У Дземаве затрыманыя па меншай меры 479 чалавек, паведамляюць праваабаронцы."
    assert _figs(text) == [(479, "at_least", "detained")]


def test_a_difference_is_no_count() -> None:
    text = "В Зембле 420 политзаключенных. Это на 60 человек больше, чем в прошлом году."
    assert _figs(text) == [(420, "exact", "political_prisoners")]


def test_the_rest_of_a_count_is_a_sibling_of_its_parts() -> None:
    text = ("В списках перечислены имена 362 человек, из них 297 были лишены свободы по религиозным мотивам, "
            "остальные 65 — по прочим политическим мотивам.")
    facts = extract(text, source_hint="t.txt")
    assert [(f.value, f.category, f.parent) for f in facts.figures] == [
        (362, "political_prisoners", None), (297, "political_prisoners", 0), (65, "political_prisoners", 0)]


def test_a_count_of_them_after_the_number_is_a_part() -> None:
    text = "Вядома пра 1 235 асуджаных. Каля 450 зь іх — гэта прысуды за паклёп."  # Taraškievica "зь"
    assert _figs(text) == [(1235, "exact", "convicted"), (450, "about", "convicted")]


def test_the_lists_of_extremists_are_persecution() -> None:
    assert _figs("Сейчас в «экстремистском перечне» значатся 6353 человека.") == [(6353, "exact", "persecuted")]


def test_a_crowd_or_a_mobilisation_target_is_no_figure() -> None:
    assert _figs("На акцыю ў Дземаве прыйшлі каля 20 тысяч чалавек.") == []
    assert _figs("Прызваць плануецца каля 300 тысяч чалавек.") == []


def test_story_headlines_under_read_also_are_teasers() -> None:
    text = ("Сейчас в «экстремистском перечне» значатся 6353 человека.\n\nЧитайте также\n\n"
            "В Дземове вынесли приговор семи парням и девушке - по делу «Демо»\n")
    assert _figs(text) == [(6353, "exact", "persecuted")]


# --- the shared checks, as properties ------------------------------------------------------------------------

@given(st.text(alphabet=st.sampled_from(list("ab “”«»\",.")), max_size=60))
def test_unmasking_changes_only_masked_characters_back_to_the_text(text: str) -> None:
    masked = mask_quotes(text)
    out = unmask_short_quotes(text, masked)
    assert len(out) == len(masked)
    assert all(o == m or o == t for o, m, t in zip(out, masked, text, strict=True))


_STAGES = st.sampled_from([None, "detained", "charged", "convicted", "political_prisoners", "released", "died",
                           "newly_recognised", "sanctioned", "persecuted", "other"])


@given(_STAGES, _STAGES)
def test_a_parts_category_is_its_own_or_its_parents(parent: str | None, own: str | None) -> None:
    assert part_category(parent, own) in (parent, own)
    if own is None:
        assert part_category(parent, own) == parent


@dataclass
class _F:
    category: str
    sentence: str
    parent: int | None
    value: int = 100
    end: int = 0
    sentence_start: int = 0


@given(st.lists(st.tuples(st.sampled_from(["other", "detained"]), st.sampled_from(["a town", "were dismissed"]),
                          st.integers(min_value=-1, max_value=6)), max_size=7))
def test_dropping_keeps_order_and_parents_point_at_kept_figures(rows: list[tuple[str, str, int]]) -> None:
    figs = [_F(c, s, p if 0 <= p < i else None) for i, (c, s, p) in enumerate(rows)]
    before = [(f.category, f.sentence) for f in figs]
    targets = {id(f): figs[f.parent] for f in figs if f.parent is not None}
    kept = drop_unplaced(figs)
    assert [(f.category, f.sentence) for f in kept] == [x for x in before
                                                         if not (x[0] == "other" and x[1] == "a town")]
    for f in kept:
        if f.parent is not None:
            assert kept[f.parent] is targets[id(f)]
