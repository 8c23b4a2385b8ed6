"""The extraction rules of issue 16's second round, each on made-up articles (synthetic names and places).

Every rule here was written against real articles no rule had seen; the articles themselves stay outside the
project, so these examples restate each rule in invented words.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from news_shapes import figs
from reckon.news import extract
from reckon.news.cyr_names import find_person_names
from reckon.news.cyr_numbers import find_numbers
from reckon.news.readers import ARTICLE_SUFFIXES, skip_reason

_figs = figs


# --- English -------------------------------------------------------------------------------------------

def test_a_list_of_counts_inherits_the_category() -> None:
    facts = extract("Rights monitors say there are 412 political prisoners in Zembla today, 31 in Ostrava, "
                    "208 in Karvia and 95 in Lutania.\n\nThe Council sanctioned 17 more officials in March, 12 in May, "
                    "three in June and 20 in October.", source_hint="t.txt")
    assert _figs(facts) == {(412, "exact", "political_prisoners"), (31, "exact", "political_prisoners"),
                            (208, "exact", "political_prisoners"), (95, "exact", "political_prisoners"),
                            (17, "exact", "sanctioned"), (12, "exact", "sanctioned"), (3, "exact", "sanctioned"),
                            (20, "exact", "sanctioned")}


def test_a_list_needs_the_same_preposition() -> None:
    # "4 in a row" does not continue "50 political prisoners on Monday": a different preposition
    facts = extract("Rights monitors counted 50 political prisoners on Monday, 4 in a row of cells.",
                    source_hint="t.txt")
    assert _figs(facts) == {(50, "exact", "political_prisoners")}


def test_recognition_title_over_a_numbered_list() -> None:
    text = ("Statement on recognition of three political prisoners\n\n"
            "We, the human rights community of Zembla, note that criminal law is used against dissent. Thus:\n\n"
            "  1. Arvid Tolmach was sentenced to two years of imprisonment for a comment;\n"
            "  2. Mirela Hostova was taken into custody for a donation;\n"
            "  3. Dzianis Purlo was detained for a repost.\n")
    facts = extract(text, source_hint="t.txt")
    assert [d.name for d in facts.declared_political_prisoners] == ["Arvid Tolmach", "Mirela Hostova",
                                                                   "Dzianis Purlo"]
    three = [f for f in facts.figures if f.value == 3]
    assert [(f.category, f.headline) for f in three] == [("newly_recognised", False)]  # the only statement of it
    assert three[0].note.startswith("title only")


def test_a_title_figure_the_body_repeats_stays_a_headline() -> None:
    facts = extract("Number of political prisoners in Zembla reaches 640\n\n"
                    "As of today, there are 640 political prisoners in Zembla, rights monitors say.",
                    source_hint="t.txt")
    assert [(f.value, f.headline) for f in facts.figures] == [(640, True), (640, False)]


def test_back_reference_is_not_a_new_figure() -> None:
    facts = extract("The Zemblan presidency said on Monday that 117 prisoners were pardoned. The 117 prisoners "
                    "had asked for mercy, and the 117 prisoners will leave on Friday.", source_hint="t.txt")
    assert [f.value for f in facts.figures] == [117]


def test_institution_speakers() -> None:
    facts = extract("The Zemblan presidency pardoned 40 people on Monday. \"They all admitted guilt,\" the "
                    "presidency said.\n\n\"This is a humanitarian step,\" the statement read.\n\n"
                    "On March 3, 2031, the Ostravan Council imposed travel bans on 12 officials for their role in "
                    "\"the falsification of the vote count\".", source_hint="t.txt")
    assert [(q.speaker, q.text[:20]) for q in facts.quotes] == [
        ("Zemblan presidency", "They all admitted gu"), ("Zemblan presidency", "This is a humanitari"),
        ("Ostravan Council", "the falsification of")]


# --- Belarusian and Russian ----------------------------------------------------------------------------

def test_one_and_a_half_thousand() -> None:
    facts = extract("Колькасць палітвязняў у Зембле расце: цяпер праваабаронцы паведамляюць амаль пра паўтары "
                    "тысячы тых, хто трапіў за краты.", source_hint="t.txt")
    assert _figs(facts) == {(1500, "about", "political_prisoners")}


@given(st.sampled_from(["полтора", "полторы", "полутора", "паўтара", "паўтары"]),
       st.sampled_from(["тысячи", "тысяч", "тысячы", "тысяча"]))
def test_one_and_a_half_before_a_scale_is_1500(half: str, scale: str) -> None:
    found = find_numbers(f"уже {half} {scale} человек")
    assert [(n.value, n.words) for n in found] == [(1500, True)]


@given(st.sampled_from(["полтора", "полторы", "паўтара", "паўтары"]),
       st.sampled_from(["года", "месяца", "гады", "часа", "дня"]))
def test_one_and_a_half_without_a_scale_is_no_count(half: str, noun: str) -> None:
    assert find_numbers(f"{half} {noun}") == []


def test_already_after_a_recognition_is_the_running_total() -> None:
    facts = extract("Правозащитники признали политзаключенными уже 157 сограждан. "
                    "Вчера правозащитники признали политзаключенными еще 4 человек.", source_hint="t.txt")
    assert _figs(facts) == {(157, "exact", "political_prisoners"), (4, "exact", "newly_recognised")}


def test_a_woman_whose_surname_does_not_decline() -> None:
    text = "Политзаключенными признали Ульяну Зимович и Артема Климовича."
    names = [n.nominative for n in find_person_names(text, belarusian=False)]
    assert names == ["Ульяна Зимович", "Артём Климович"]


def test_be_quote_speakers() -> None:
    text = ("Санкцыі ЗША працягнулі яшчэ на год.\n\n"
            "„Дзеянні пэўных асоб працягваюць ствараць пагрозу для бяспекі ЗША”, – гаворыцца ў заяве Белага дома.\n\n"
            "«Людзі павінны вярнуцца дадому як мага хутчэй», — сказаў кіраўнік дэлегацыі Алег Зорын.")
    facts = extract(text, source_hint="t.txt")
    assert [(q.speaker, q.text[:12]) for q in facts.quotes] == [("Белы дом", "Дзеянні пэўн"),
                                                               ("Алег Зорын", "Людзі павінн")]


def test_ru_quote_speakers() -> None:
    text = ("Правительства соседей не имеют отношения к помилованию. Об этом заявил президент Зембли Олег Зорин "
            "на встрече с экспертами.\n\n"
            "«Они мне что только ни предлагали. Я с ними за стол не сяду», — сказал глава государства.\n\n"
            "«Мы осуждаем поддержку этой войны и призываем прекратить ее», — говорится в сообщении "
            "Министерства иностранных дел Остравы.\n\n"
            "Там призвали «немедленно прекратить поддержку войны».\n"
            "- Напомним, выборы прошли 9 августа.")
    facts = extract(text, source_hint="t.txt")
    # "Там призвали «…»" is the ministry's too (where the last speaker spoke from); "— Напомним" is nobody
    assert [(q.speaker, q.text[:10]) for q in facts.quotes] == [
        ("Олег Зорин", "Они мне чт"), ("Министерство иностранных дел Остравы", "Мы осуждае"),
        ("Министерство иностранных дел Остравы", "немедленно")]


def test_sanctioned_relatives() -> None:
    text = ("Остравия ввела санкции против 5 человек.\n\n"
            "Кроме того, Остравия ввела санкции против семей Олега Зорина и Петра Гульбы: в отношении жены "
            "Зорина Ирины и сына Игоря, а также в отношении супруги Гульбы Татьяны и сыновей Артема и Максима.")
    facts = extract(text, source_hint="t.txt")
    assert sorted(s.target for s in facts.sanctions) == ["Артём Гульба", "Игорь Зорин", "Ирина Зорина",
                                                         "Максим Гульба", "Татьяна Гульба"]


# --- what a folder import skips ---------------------------------------------------------------------------

@given(st.sampled_from(["README", "readme", "LICENSE", "key", "key_ru_be", "keys", "NOTES", "manifest"]),
       st.sampled_from(sorted(s for s in ARTICLE_SUFFIXES if s)))
def test_readme_and_key_files_are_skipped(stem: str, suffix: str) -> None:
    assert skip_reason(Path(f"{stem}{suffix}")) is not None


@given(st.sampled_from([".json", ".csv", ".py", ".png", ".pdf", ".docx", ".bin"]))
def test_other_formats_are_skipped(suffix: str) -> None:
    assert "not an article format" in (skip_reason(Path(f"article_01{suffix}")) or "")


@given(st.from_regex(r"[a-z]{2}_[0-9]{2}_[a-z]{3,10}", fullmatch=True),
       st.sampled_from([".txt", ".html", ".htm", ".xml", ".warc", ""]))
def test_article_names_are_read(stem: str, suffix: str) -> None:
    assert skip_reason(Path(f"{stem}{suffix}")) is None


def test_a_label_or_a_date_is_never_a_speaker() -> None:
    en = extract("Zembla news\n\n“Freedom for all political prisoners of Zembla now,” Photo: Ostrava News said.\n"
                 "“The verdict is unjust and must be annulled,” Ales Koval said.", source_hint="t.txt")
    assert [q.speaker for q in en.quotes] == ["Ales Koval"]
    be = extract("Навіны Зембли\n\n«Мы не спынім працу ні на дзень», — 5 сакавіка 2031 года.\n"
                 "«Свабоду ўсім палітвязням Зембли», — Фота: Астрава Навіны.\n"
                 "«Мы працягнем працу ў любых умовах», — заявіў Алег Зорын.", source_hint="t.txt")
    assert [q.speaker for q in be.quotes] == ["Алег Зорын"]
