"""A checkbox sits beside its words in Chromium: the estimates page's "estimate even if the lists fail the
checks" box was drawn alone on a line above them (every label is a column of text and input), found
walking the product in Belarusian, Russian and English on 7 December 2026."""

from __future__ import annotations

import pytest

from test_web_browser import browser  # noqa: F401  (the module's Chromium fixture)
from test_web_support import PASSWORD, make_users, serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_the_force_box_is_on_the_line_of_its_words(browser, sqlite_workspace, lang: str) -> None:  # noqa: F811
    make_users(sqlite_workspace.database_url)
    with serve(sqlite_workspace) as base:
        page = browser.new_page(extra_http_headers={"Accept-Language": lang}, viewport={"width": 1280, "height": 900})
        page.goto(base + "/login")
        page.fill("input[name=username]", "analyst")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(base + "/estimates")
        box = page.locator("input[name=force]").bounding_box()
        label = page.locator("label:has(input[name=force])").bounding_box()
        page.close()
    assert box is not None and label is not None
    assert box["x"] - label["x"] < 20                       # at the start of its line, not centred above it
    assert label["height"] < 3 * box["height"]              # one line (at 1280 px), not box over text
