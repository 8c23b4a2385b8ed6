"""Reporter keys: one reporter in the nominative however the sentence inflects it (issue 16, output side), and
an article's title that is a real heading, not a logo's alt text. Every text here is made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news.readers import html_to_text
from reckon.news.reporter_keys import ALIASES, aliases, nominative, reporter_key
from reckon.news.service import figure_series, import_text
from reckon.news.text import layout


def test_russian_reporters_in_any_case_share_one_key() -> None:
    keys = {nominative(r, "ru") for r in ("правозащитников", "правозащитникам", "Правозащитники")}
    assert keys == {"Правозащитники"}
    assert nominative("правозащитного центра «Весна»", "ru") == nominative('Правозащитный центр "Весна"', "ru") \
        == "Правозащитный центр «Весна»"
    assert nominative("«Весны»", "ru") == "«Весна»"
    assert nominative("Придуманской ассоциации журналистов", "ru") == "Придуманская ассоциация журналистов"
    # genitive singular or nominative plural: a complement after the head makes it an organisation, singular
    assert nominative("пресс-службы МВД", "ru") == "Пресс-служба МВД"


def test_russian_words_that_are_no_noun_phrase_stay_as_written() -> None:
    assert nominative("уже о не менее", "ru") == "Уже о не менее"  # "уже" is no snake ("уж")
    assert nominative("собранным организацией данным", "ru") == "Собранным организацией данным"
    assert nominative("правозащитные организации", "ru") == "Правозащитные организации"  # a nominative plural
    assert nominative("МВД", "ru") == "МВД"


def test_belarusian_reporters_by_endings() -> None:
    keys = {nominative(r, "be") for r in ("праваабаронцаў", "праваабаронцам", "праваабаронцы")}
    assert keys == {"Праваабаронцы"}
    assert nominative("праваабарончага цэнтра “Вясна”", "be") == "Праваабарончы цэнтр «Вясна»"
    assert nominative("праваабарончай супольнасці", "be") == "Праваабарончая супольнасць"
    assert nominative("Вясны", "be") == nominative("Вясной", "be") == "Вясна"
    assert nominative("Прыдуманай асацыяцыі журналістаў", "be") == "Прыдуманая асацыяцыя журналістаў"
    # a nominative already stays one: "-ыя" after a feminine adjective is its noun, not a plural adjective
    assert nominative("Прыдуманая асацыяцыя журналістаў", "be") == "Прыдуманая асацыяцыя журналістаў"
    assert nominative("праваабарончых арганізацый", "be") == "Праваабарончыя арганізацыі"
    assert nominative("Алены Сідаравай", "be") == "Алена Сідарава"


def test_english_reporters_stay_as_written_but_for_the_first_letter() -> None:
    assert nominative("human rights defenders", "en") == "Human rights defenders"
    assert nominative("Made-up Watch  Group", None) == "Made-up Watch Group"
    assert nominative(None) is None and nominative("  ") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўАБВЕКМПСabc «»\"“”-", max_size=40))
def test_keys_of_any_text(text: str) -> None:
    for lang in ("be", "ru", "en", None):
        key = nominative(text, lang)
        if not text.strip():
            assert key is None
            continue
        assert key and key == " ".join(key.split())  # one spelling of the spaces
        assert key[:1] == key[:1].upper()
        assert len(key.split()) <= len(text.split())  # words are put in a case, never added or dropped
        assert reporter_key(text, lang) in (key, *aliases().values())  # the nominative, or a table's key
    quoted = "".join(c for c in text if c.isalpha()) or "Весна"
    assert nominative(f"центр «{quoted}»", "ru") == nominative(f'центр "{quoted}"', "ru")


def test_figures_of_two_articles_group_by_the_key(workspace) -> None:
    """The store keeps each reporter as written; ``reckon figures`` rows and the chart's legend take the key."""
    import_text(workspace, "Придуманный заголовок о задержаниях\n\nПо данным правозащитников, за неделю в "
                "Придуманске задержали 37 человек.\n", file_name="a.txt", published="2031-05-02")
    import_text(workspace, "Другой придуманный заголовок\n\nПравозащитники сообщают, что за неделю в Придуманске "
                "задержали 41 человека.\n", file_name="b.txt", published="2031-05-09")
    rows = [r for r in figure_series(workspace, category="detained") if r["kind"] == "reported"]
    assert sorted((r["value"], r["reporter"], r["reporter_as_written"]) for r in rows) == [
        (37, "Правозащитники", "правозащитников"), (41, "Правозащитники", "Правозащитники")]
    from reckon.news.plots import plot_figures

    svg = plot_figures(rows, category="detained")
    assert svg.count("Правозащитники (reported)") == 1 and "правозащитников" not in svg


_LOGO_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<header><h1 class="site"><a href="/"><img src="/l.png" alt="{alt}"></a></h1><nav>Menu Search</nav></header>
<article><h2>Вызваленыя 12 палітвязняў: каментар прыдуманага кабінета</h2>
<p>Сёння на волю выйшлі 12 палітвязняў, у тым ліку некалькі знакавых асоб прыдуманага руху.</p>
<p>Гэта радасная навіна для іх сем’яў і сяброў, але за кратамі застаюцца іншыя людзі.</p></article></body></html>"""


def test_a_logo_as_the_pages_title_gives_way_to_its_heading() -> None:
    heading = "Вызваленыя 12 палітвязняў: каментар прыдуманага кабінета"
    for title, alt in (("Madeup Logo", "Madeup Logo"), ("Made-up Herald", "Made-up Herald"),
                       ("Прыдуманы лагатып", "Made-up Herald")):
        page = html_to_text(_LOGO_PAGE.format(title=title, alt=alt))
        assert page.title == heading, (title, alt)
        assert page.text.startswith(heading)
    # a real title is kept, and a logo's alt text elsewhere on the page does not touch it
    page = html_to_text(_LOGO_PAGE.format(title="Сёння на волю выйшлі 12 палітвязняў", alt="Madeup Logo"))
    assert page.title == "Сёння на волю выйшлі 12 палітвязняў"


def test_a_text_file_skips_logo_lines_and_reads_a_title_after_an_emoji() -> None:
    text = ("Madeup Logo\nMade-up Cabinet logo\nMenu Пошук\n\n⚡️Вызваленыя 12 палітвязняў – каментуе Ганна Прыдуманая"
            "\n\n2031-09-11\n\nСёння на волю выйшлі 12 палітвязняў, паведамляе прыдуманы кабінет.\n")
    lay = layout(text)
    assert lay.title == "⚡️Вызваленыя 12 палітвязняў – каментуе Ганна Прыдуманая"
    assert [b.kind for b in lay.blocks[:3]] == ["boilerplate"] * 3


# --- the alias table: one reporter in every language -------------------------------------------------------

VIASNA = "Праваабарончы цэнтр «Вясна»"


def test_one_organisation_in_three_languages_is_one_key() -> None:
    spellings = [("Весна", "ru"), ("Вясна", "be"), ("Viasna", "en"), ("Viasna-96", "en"), ("«Весны»", "ru"),
                 ("правозащитного центра «Весна»", "ru"), ("праваабарончага цэнтра “Вясна”", "be"),
                 ("Праваабарончы цэнтр «ВЯСНА»", "be"), ("Viasna Human Rights Center", "en"),
                 ("human rights centre Viasna", "en"), ("Human Rights Centre “Viasna”", "en")]
    assert {reporter_key(r, lang) for r, lang in spellings} == {VIASNA}
    # a reporter the table does not name keeps its nominative
    assert reporter_key("правозащитников", "ru") == nominative("правозащитников", "ru") == "Правозащитники"
    assert reporter_key("Made-up Watch Group", "en") == "Made-up Watch Group"


def test_every_key_of_the_table_is_its_own_alias_and_no_name_has_two_keys() -> None:
    import csv

    with ALIASES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    assert rows and all(reporter_key(r["alias"]) == r["key"] == reporter_key(r["key"]) for r in rows)
    assert len(set(aliases().values())) == len({r["key"] for r in rows})


def test_figures_in_three_languages_line_up_under_one_reporter(workspace) -> None:
    """Made-up figures of one day said by one organisation in Russian, Belarusian and English: one reporter in
    ``reckon figures`` rows and one line in the chart's legend."""
    import_text(workspace, "Придуманный заголовок\n\nПо данным правозащитного центра «Весна», в Придуманске "
                "задержали 37 человек.\n", file_name="ru.txt", published="2031-05-02")
    import_text(workspace, "Прыдуманы загаловак\n\nПаводле звестак праваабарончага цэнтра «Вясна», у Прыдуманску "
                "затрымалі 37 чалавек.\n", file_name="be.txt", published="2031-05-02")
    import_text(workspace, "A made-up headline\n\nAccording to Viasna-96, 37 people were detained in Madeupton.\n",
                file_name="en.txt", published="2031-05-02")
    rows = [r for r in figure_series(workspace, category="detained") if r["kind"] == "reported"]
    assert len(rows) == 3 and {r["reporter"] for r in rows} == {VIASNA}
    assert len({r["reporter_as_written"] for r in rows}) == 3  # each article's words are kept
    from reckon.news.plots import plot_figures

    assert plot_figures(rows, category="detained").count(f"{VIASNA} (reported)") == 1
