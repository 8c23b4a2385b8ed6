"""Reporter keys: one reporter in the nominative however the sentence inflects it (issue 16, output side), and
an article's title that is a real heading, not a logo's alt text. Every text here is made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news.readers import html_to_text
from reckon.news.reporter_keys import reporter_key
from reckon.news.service import figure_series, import_text
from reckon.news.text import layout


def test_russian_reporters_in_any_case_share_one_key() -> None:
    keys = {reporter_key(r, "ru") for r in ("правозащитников", "правозащитникам", "Правозащитники")}
    assert keys == {"Правозащитники"}
    assert reporter_key("правозащитного центра «Весна»", "ru") == reporter_key('Правозащитный центр "Весна"', "ru") \
        == "Правозащитный центр «Весна»"
    assert reporter_key("«Весны»", "ru") == "«Весна»"
    assert reporter_key("Придуманской ассоциации журналистов", "ru") == "Придуманская ассоциация журналистов"
    # genitive singular or nominative plural: a complement after the head makes it an organisation, singular
    assert reporter_key("пресс-службы МВД", "ru") == "Пресс-служба МВД"


def test_russian_words_that_are_no_noun_phrase_stay_as_written() -> None:
    assert reporter_key("уже о не менее", "ru") == "Уже о не менее"  # "уже" is no snake ("уж")
    assert reporter_key("собранным организацией данным", "ru") == "Собранным организацией данным"
    assert reporter_key("правозащитные организации", "ru") == "Правозащитные организации"  # a nominative plural
    assert reporter_key("МВД", "ru") == "МВД"


def test_belarusian_reporters_by_endings() -> None:
    keys = {reporter_key(r, "be") for r in ("праваабаронцаў", "праваабаронцам", "праваабаронцы")}
    assert keys == {"Праваабаронцы"}
    assert reporter_key("праваабарончага цэнтра “Вясна”", "be") == "Праваабарончы цэнтр «Вясна»"
    assert reporter_key("праваабарончай супольнасці", "be") == "Праваабарончая супольнасць"
    assert reporter_key("Вясны", "be") == reporter_key("Вясной", "be") == "Вясна"
    assert reporter_key("Прыдуманай асацыяцыі журналістаў", "be") == "Прыдуманая асацыяцыя журналістаў"
    assert reporter_key("праваабарончых арганізацый", "be") == "Праваабарончыя арганізацыі"
    assert reporter_key("Алены Сідаравай", "be") == "Алена Сідарава"


def test_english_reporters_stay_as_written_but_for_the_first_letter() -> None:
    assert reporter_key("human rights defenders", "en") == "Human rights defenders"
    assert reporter_key("Made-up Watch  Group", None) == "Made-up Watch Group"
    assert reporter_key(None) is None and reporter_key("  ") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўАБВЕКМПСabc «»\"“”-", max_size=40))
def test_keys_of_any_text(text: str) -> None:
    for lang in ("be", "ru", "en", None):
        key = reporter_key(text, lang)
        if not text.strip():
            assert key is None
            continue
        assert key and key == " ".join(key.split())  # one spelling of the spaces
        assert key[:1] == key[:1].upper()
        assert len(key.split()) <= len(text.split())  # words are put in a case, never added or dropped
    quoted = "".join(c for c in text if c.isalpha()) or "Весна"
    assert reporter_key(f"центр «{quoted}»", "ru") == reporter_key(f'центр "{quoted}"', "ru")


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
