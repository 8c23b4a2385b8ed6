"""The dashboard and the report in Belarusian and English, in Debian's Chromium (issue 18): the language is
picked with the footer's selector and kept; screenshots go to docs/screenshots/ (dashboard-be, -en,
report-be, -en). Synthetic people only."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from test_web_browser import browser, fill_other_stages, second_list, shot, sign_in  # noqa: F401 - the fixture
from test_web_support import PASSWORD, serve, synthetic_csv

pytestmark = pytest.mark.browser


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dashboard_and_report_in_belarusian_and_english(browser, tmp_path) -> None:  # noqa: F811
    from reckon.cli import _build
    from reckon.config import init_workspace
    from reckon.report.build import write_report
    from reckon.services.accounts import add_user

    ws = init_workspace(tmp_path / "ws")
    add_user(ws.database_url, "editor", "editor", PASSWORD)
    app, root = _build(), str(ws.root)
    list_a = synthetic_csv(tmp_path / "list_a.csv", n=60, seed=11)
    run(app, "import", str(list_a), "--source", "Партнёрскі спіс A", "--workspace", root)
    run(app, "import", str(second_list(list_a, tmp_path / "list_b.csv")), "--source", "Partner list B",
        "--workspace", root)
    run(app, "link", "--workspace", root)
    fill_other_stages(ws, tmp_path)
    run(app, "estimate", "--force", "--workspace", root)

    with serve(ws) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page.goto(base + "/login")
        assert page.get_attribute("html", "lang") == "en"  # the browser's language first
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url(base + "/")
        assert page.locator("svg.chart").count() >= 3
        shot(page, "dashboard-en")
        # the selector in the footer: the choice is kept on the account, over the browser's language
        with page.expect_navigation():
            page.click("footer button[value=be]")
        assert page.get_attribute("html", "lang") == "be"
        assert "Зводка" in page.inner_text("header") and "палітвязняў па стане на" in page.content()
        shot(page, "dashboard-be")
        page.goto(base + "/sources")
        assert page.get_attribute("html", "lang") == "be" and "Крыніцы і імпарты" in page.content()
        page.close()

    for lang in ("be", "en"):
        out = write_report(ws, tmp_path / f"report-{lang}.html", lang=lang)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(out.as_uri())
        assert page.get_attribute("html", "lang") == lang
        assert page.locator("svg.chart").count() >= 3
        shot(page, f"report-{lang}")
        page.close()


def test_review_conflicts_in_belarusian_and_english(browser, tmp_path) -> None:  # noqa: F811
    """The page of open review conflicts (two editors, one pair, two decisions), in English from the
    browser's language, then in Belarusian from the footer's selector: docs/screenshots/review-conflicts-*."""
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.link import decide
    from reckon.services.accounts import add_user

    ws = init_workspace(tmp_path / "ws")
    add_user(ws.database_url, "editor", "editor", PASSWORD)
    import_file(ws, synthetic_csv(tmp_path / "list.csv", n=12, seed=5), "Партнёрскі спіс A")
    for pair, first, second in (((1, 2), "same", "different"), ((3, 4), "different", "unsure")):
        decide(ws, pair, first, actor="web:ales", seen=0, note="same birth date and town")
        assert decide(ws, pair, second, actor="web:volha", seen=0)["conflict"] is True
    with serve(ws) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 700}, locale="en-GB")
        sign_in(page, base, "editor")
        page.goto(base + "/review")
        page.click("a[href='/review/conflicts']")
        page.wait_for_url(base + "/review/conflicts")
        assert page.get_attribute("html", "lang") == "en" and page.locator("table.conflicts tbody tr").count() == 2
        shot(page, "review-conflicts-en")
        with page.expect_navigation():
            page.click("footer button[value=be]")
        assert page.get_attribute("html", "lang") == "be" and "Канфлікты праверкі" in page.content()
        shot(page, "review-conflicts-be")
        page.close()
