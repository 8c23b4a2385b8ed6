"""Belarusian and Russian figure rules of the h17fig round (issue 16), restated with invented numbers.

Each mechanism was written against real articles no rule had seen (kept outside the project); the sentences here
are made up, and each test fails without its rule.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.cyr_figure_scope import LeadLine, held_now, item_category, shares_noun
from reckon.news.cyr_numbers import find_numbers
from reckon.news.figure_checks import per_period


def _figs(text: str) -> list[tuple[int, str, str]]:
    return [(f.value, f.qualifier, f.category) for f in extract(text, source_hint="t.txt").figures]


# --- a list's lead line ---------------------------------------------------------------------------------------

def test_the_items_of_a_list_take_the_event_of_the_line_they_hang_from() -> None:
    text = ("Праваабаронцам вядома пра 912 асуджаных за год.\n\n"
            "Па гэтых справах суды вынеслі наступныя пакаранні:\n\n"
            "• 1017 гадоў пазбаўлення волі ў дачыненні да 321 чалавека;\n"
            "• 3 гады абмежавання волі ў дачыненні да 58 чалавек;\n"
            "• 2 месяцы арышту ў дачыненні да 27 чалавек;\n"
            "• прымусовыя меры лячэння — 4 чалавекі;\n"
            "• 9 гадоў пазбаўлення права займаць пасады ў дачыненні да 1 чалавека.")
    assert _figs(text) == [(912, "exact", "convicted"), (321, "exact", "convicted"), (58, "exact", "convicted"),
                           (27, "exact", "convicted"), (4, "exact", "convicted"), (1, "exact", "convicted")]


def test_one_person_counts_only_as_an_item_of_a_breakdown() -> None:
    assert _figs("Суд асудзіў 1 чалавека за каментар у сацсетках.") == []


def test_a_line_that_opens_direct_speech_is_no_list_lead() -> None:
    text = ("Лічба расце, бо прызнаюць больш людзей, чым выходзіць на волю, распавяла праваабаронца Марта:\n"
            "– Цяпер у вобласці трымаецца ўзровень 140-145 чалавек, і гэта толькі палітвязні.")
    assert _figs(text) == [(140, "at_least", "political_prisoners")]


def test_an_item_keeps_a_later_stage_of_its_own_and_a_lead_without_an_event_adds_nothing() -> None:
    lead = LeadLine("detained")
    assert item_category(lead, "convicted") == "convicted"
    assert item_category(LeadLine("convicted"), "detained") == "convicted"
    assert item_category(LeadLine(None), "released") == "released"
    assert item_category(None, None) is None


# --- changes, totals, "behind bars now" -----------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(value=st.integers(min_value=11, max_value=4000),
       verb=st.sampled_from(["узрасла", "павялічылася", "скарацілася", "зменшылася"]),
       between=st.sampled_from(["", "сама меней ", "не менш чым ", "прыкладна "]))
def test_a_change_is_no_count_whatever_qualifier_stands_before_its_na(value: int, verb: str, between: str) -> None:
    text = f"За месяц колькасць палітвязняў {verb} {between}на {value} чалавек."
    assert [f for f in _figs(text) if f[0] == value] == []


def test_a_total_that_rose_to_a_number_is_that_number_not_a_ceiling() -> None:
    assert _figs("На акции 9 мая число задержанных возросло до 4,2 тысячи человек.") == [(4200, "exact", "detained")]


def test_people_behind_bars_now_are_a_stock_not_the_event_of_the_sentence_before() -> None:
    text = "Яго жонку адпусцілі праз дзве гадзіны. На дадзены момант за кратамі — 41 прадстаўнік медыя."
    assert _figs(text) == [(41, "exact", "political_prisoners")]
    assert held_now("на дадзены момант за кратамі застаюцца")
    assert not held_now("за кратамі апынуліся ў 2021 годзе")


# --- a noun left out, administrative penalties ------------------------------------------------------------------

def test_a_second_count_after_a_dash_shares_the_first_counts_noun() -> None:
    text = ("За год более 12 тысяч протестующих попали в автозаки, более трех тысяч — понесли административное "
            "наказание.")
    assert _figs(text) == [(12000, "more_than", "detained"), (3000, "more_than", "convicted")]
    assert shares_noun("…, более ", " — понесли наказание")
    assert not shares_noun("…, ", " — в Гомельской области")
    assert not shares_noun("… к колонии, ", " — к «химии»")


def test_administrative_arrests_are_a_courts_penalty_not_detentions() -> None:
    assert _figs("За декабрь, по данным правозащитников, было 37 административных арестов участников акций.") == [
        (37, "exact", "convicted")]


# --- the page's shape: a menu above the title, a subheading that states a count, a collective numeral -----------

def test_a_menu_of_short_bullets_above_the_title_is_furniture() -> None:
    text = ("• Навіны\n• Рэгіёны\n• Агляды\n\nЗа тыдзень затрымалі сем журналістаў\n\n"
            "У абласным цэнтры прайшлі ператрусы ў рэдакцыях.")
    facts = extract(text, source_hint="t.txt")
    assert facts.title == "За тыдзень затрымалі сем журналістаў"
    assert [(f.value, f.category) for f in facts.figures] == [(7, "detained")]


def test_a_subheading_that_states_a_count_is_read() -> None:
    text = ("Агляд за зіму\n\nПраваабаронцы зноў фіксавалі крымінальны пераслед.\n\n"
            "За студзень асуджана не менш за 64 чалавекі\n\nЯны вядуць спіс тых, каго асудзілі.")
    assert _figs(text) == [(64, "at_least", "convicted")]


def test_a_collective_numeral_opening_a_sentence_counts_people() -> None:
    text = "За выходныя затрымалі пяць актывістаў. Трое не выйшлі на свабоду."
    assert _figs(text) == [(5, "exact", "detained"), (3, "exact", "detained")]
    assert _figs("Яе затрымалі ў панядзелак. Яна маці дваіх дзяцей і працавала настаўніцай.") == []


# --- numbers: "N тыс. M"; a rate is no count in any language ---------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(thousands=st.integers(min_value=1, max_value=99), rest=st.integers(min_value=1, max_value=999),
       scale=st.sampled_from(["тыс.", "тысяч", "тысячи", "тыс"]))
def test_hundreds_after_a_thousands_scale_belong_to_the_number(thousands: int, rest: int, scale: str) -> None:
    found = find_numbers(f"задержали {thousands} {scale} {rest} человек")
    assert [n.value for n in found] == [thousands * 1000 + rest]


def test_thousands_and_hundreds_make_one_count_across_the_scales_dot() -> None:
    assert _figs("По данным правозащитников, за год задержали 14 тыс. 212 человек.") == [(14212, "exact", "detained")]
    assert [n.value for n in find_numbers("арыштавалі 3 тыс. 17 верасня")] == [3000, 17]


def test_a_rate_is_no_count_in_any_language() -> None:
    assert _figs("Суды Земблы штомесяц асуджаюць каля 45 чалавек па палітычных артыкулах.") == []
    assert _figs("В среднем суды выносят 38 приговоров по политическим статьям в месяц.") == []
    assert per_period("Courts in Zembla convict on average ", " people per month")
    assert not per_period("За месяц суды асудзілі ", " чалавек")


# --- parts of a group in one sentence ----------------------------------------------------------------------------

def test_a_bare_number_after_from_a_group_is_a_part_of_it() -> None:
    text = "На сегодня из 212 политзаключенных мужчин 83 преследуются за участие в акциях протеста."
    assert _figs(text) == [(212, "exact", "political_prisoners"), (83, "exact", "political_prisoners")]


def test_a_one_person_part_of_a_dashed_breakdown_counts() -> None:
    text = ("С 2020 года 141 женщину приговорили к колонии, 57 — к «домашней химии», три женщины — к аресту, "
            "одна — к принудительному лечению.")
    assert _figs(text) == [(141, "exact", "convicted"), (57, "exact", "convicted"), (3, "exact", "convicted"),
                           (1, "exact", "convicted")]
