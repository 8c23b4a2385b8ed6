"""What a Belarusian documenter met walking the news from import to dashboard, article page, chart and report
(issue 16, hwalkn): the dashboard's table of reported figures never reached the latest count of political
prisoners once the news held more than thirty figures, an article page left the date of a figure blank
where the dashboard showed the article's date, `reckon figures --plot` drew an English chart, skip and
read errors of `reckon news import` were English sentences, «Вясна» quoted in a Russian article became a
reporter of its own ("«Вясон»"), the report broke "article 28" inside the word, and `reckon users add`
asked to repeat the password in English.

Every article here is made up (synthetic places, organisations and numbers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reckon import i18n
from test_i18n import source_msgids
from test_web_support import PASSWORD, login, serve

SRC = Path(__file__).resolve().parents[1] / "src"

DETAINED = """Police hold protesters in Testville

Police detained {n} people at a protest in Testville on Sunday, the Demo Rights Centre said.
"""
HELD = """Count of prisoners grows

At least 1,234 political prisoners remain behind bars, the Demo Rights Centre said.
"""


@pytest.fixture()
def newsroom(tmp_path):
    """A workspace with 31 old articles counting detentions and one newer count of political prisoners
    whose figure names no date of its own (its date is the article's)."""
    from reckon.config import init_workspace
    from reckon.news.service import import_text
    from reckon.services.accounts import add_user

    ws = init_workspace(tmp_path / "ws")
    for i in range(31):
        import_text(ws, DETAINED.format(n=20 + i), file_name=f"detained_{i}.txt",
                    published=f"2021-{1 + i % 12:02d}-{1 + i // 12:02d}")
    import_text(ws, HELD, file_name="held.txt", published="2023-06-01")
    add_user(ws.database_url, "anna", "admin", PASSWORD)
    return ws


def run(args: list[str], root: Path, lang: str = "be", stdin: str | None = None) -> tuple[int, str]:
    """A command as the terminal runs it, in ``lang``: its exit code and everything it printed."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "RECKON_LANG": lang, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "reckon", *args, "--workspace", str(root)], capture_output=True,
                          text=True, env=env, timeout=600, input=stdin)
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def test_dashboard_reaches_the_latest_figures_and_the_article_page_dates_them(newsroom) -> None:
    """The table showed the first thirty rows in category order: thirty-one counts of detentions filled it
    and the newer count of political prisoners was not on the dashboard at all. It now shows the thirty of
    the latest dates and says how many there are; the article page gives a figure without a date of its
    own the article's date, as the dashboard does, and names the languages in words."""
    from reckon.web.language import COOKIE

    with serve(newsroom) as base:
        client = login(base, "anna")
        for lang in ("be", "en"):
            client.cookies.set(COOKIE, lang)
            page = client.get("/", headers={"Accept-Language": lang}).text
            with i18n.use(lang):
                held = i18n.number(1234)
                note = i18n.gettext("The %(shown)s figures of the latest dates, of %(total)s.") % {
                    "shown": i18n.number(30), "total": i18n.number(32)}
                in_belarusian = i18n.column("be")
            table = page.split('class="by-language"')[0]
            assert held in table, lang
            assert note in page and f"<th>{in_belarusian}</th>" in page, lang
        article = next(a for a in client.get("/api/articles").json()["articles"] if a["file"] == "held.txt")
        client.cookies.set(COOKIE, "en")
        page = client.get(f"/articles/{article['id']}", headers={"Accept-Language": "en"}).text
        with i18n.use("en"):
            dated = i18n.gettext("%(day)s (the article's date)") % {"day": i18n.day("2023-06-01")}
        assert dated in page


def test_figures_plot_speaks_the_terminal_language(newsroom, tmp_path) -> None:
    """`reckon figures --plot` drew "Documented vs reported vs estimated", "people" and "(reported)" on a
    Belarusian terminal; its words now come from the catalogue the dashboard's chart uses."""
    out = tmp_path / "figures.svg"
    code, said = run(["figures", "--plot", str(out)], newsroom.root)
    assert code == 0, said
    svg = out.read_text(encoding="utf-8")
    with i18n.use("be"):
        title = i18n.gettext("Documented, reported and estimated: %(what)s") % {
            "what": i18n.label("political_prisoners")}
        kind = i18n.label("reported")
    assert title != "Documented, reported and estimated: political prisoners"
    assert f"<!-- {title} -->" in svg and f"({kind})" in svg
    assert "Documented vs" not in svg and "<!-- people -->" not in svg


def test_news_import_says_skips_and_read_errors_through_the_catalogue(tmp_path) -> None:
    """"прапушчана key.json: not an article format (.json)" and "памылка file a.txt: the file has too few
    words to be an article": the reasons are now catalogued messages, said in the terminal's language
    around the file's name."""
    from reckon.config import init_workspace
    from reckon.errors import InputError
    from reckon.news.readers import SKIP_REASONS, read_file, skip_reason

    catalogued = source_msgids()
    assert set(SKIP_REASONS) <= catalogued
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "key.json").write_text("{}", encoding="utf-8")
    (folder / "short.txt").write_text("Two words", encoding="utf-8")
    assert i18n.said_from(skip_reason(folder / "key.json"), SKIP_REASONS) == skip_reason(folder / "key.json")
    with pytest.raises(InputError) as caught:
        read_file(folder / "short.txt")
    assert caught.value.template in catalogued
    ws = init_workspace(tmp_path / "ws")
    code, said = run(["news", "import", str(folder)], ws.root)
    with i18n.use("be"):
        skipped = i18n.gettext(SKIP_REASONS[0]) % {"suffix": ".json"}
        where = i18n.gettext("file %(file)s") % {"file": "short.txt"}
    assert f"key.json: {skipped}" in said and where in said, said


def test_a_quoted_name_from_the_alias_table_is_its_reporter_in_any_language() -> None:
    """«Вясна» quoted in a Russian article went through the Russian analyser first, which took the
    unknown word for a genitive ("«Вясон»"), so its figures stood apart from the organisation's."""
    from reckon.news.reporter_keys import aliases, reporter_key

    key = aliases()["вясна"]
    for written in ("«Вясна»", "Вясна", "«Весна»", "Viasna"):
        assert reporter_key(written, "ru") == key
        assert reporter_key(written, "be") == key
    assert reporter_key("Demo Rights Centre", "en") == "Demo Rights Centre"
    assert reporter_key("  ", "ru") is None and reporter_key(None) is None


def test_report_keeps_an_article_reference_on_one_line(newsroom, tmp_path) -> None:
    """The PDF's narrow last column broke "артыкул 28" as "артык / ул 28"."""
    out = tmp_path / "r.html"
    code, said = run(["report", "--out", str(out)], newsroom.root)
    assert code == 0, said
    html = out.read_text(encoding="utf-8")
    with i18n.use("be"):
        ref = i18n.gettext("article %(id)s") % {"id": 32}
    assert f'<span class="article-ref">{ref}</span>' in html
    assert ".article-ref { white-space: nowrap; }" in html


def test_users_add_asks_again_in_the_terminal_language(tmp_path) -> None:
    """Click's "Repeat for confirmation:" and "Error: The two entered values do not match." were English on
    a Belarusian terminal; the second prompt and the mismatch are now reckon's own messages."""
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws")
    first, other = "plum orbit velvet cactus", "plum orbit velvet cactuz"
    code, said = run(["users", "add", "dora", "--role", "viewer"], ws.root,
                     stdin=f"{first}\n{other}\n{first}\n{first}\n")
    assert code == 0, said
    assert "do not match" not in said
    with i18n.use("be"):
        assert i18n.gettext("The two passwords differ; type them again.") in said
