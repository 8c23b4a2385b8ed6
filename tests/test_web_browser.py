"""Browser tests with Playwright in Debian's Chromium against the real server: log in, import a list,
review a pair, see the dashboard. Screenshots of each page go to docs/screenshots/ for the README."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import unavailable
from test_web_support import PASSWORD, serve, synthetic_csv

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium (scripts/setup.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def second_list(first: Path, out: Path) -> Path:
    """Half of the first list again, as a partner would write it: names romanised, own ids, some birth
    dates only as a year or off by a day, some regions missing (so some pairs need a person's review)."""
    from reckon.names import romanize

    with open(first, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for i, row in enumerate(rows[::2]):
            born = row["birth_date"]
            if i % 3 == 1:
                born = born[:4]
            elif i % 3 == 2:
                born = f"{born[:8]}{int(born[8:10]) % 28 + 1:02d}"
            writer.writerow(dict(row, id=f"P{i}", full_name=romanize(row["full_name"], "passport_be"),
                                 birth_date=born, region="" if i % 2 else row["region"]))
        # and some people the first list never saw
        extra = synthetic_csv(out.with_name("extra.csv"), n=12, seed=99)
        with open(extra, encoding="utf-8") as handle:
            for i, row in enumerate(csv.DictReader(handle)):
                writer.writerow(dict(row, id=f"N{i}", full_name=romanize(row["full_name"], "passport_be"),
                                     birth_date=f"19{40 + i}-01-0{1 + i % 9}"))
    return out


ARTICLE = """Court in Minsk jails two more protesters

MINSK, 4 March 2024. At least 1,287 political prisoners remain behind bars in Belarus, the human rights
centre Viasna said on Monday. A week earlier the group had counted 1,419 political prisoners.
"Nobody is safe," a spokesperson said.
"""

OFFICIALS = """id,name,birth_date,position,jurisdiction,program,measure,listing_date
O1,Ivan Testovich Sampleau,1970-01-01,Judge of a district court (synthetic),EU,EU-BLR,asset freeze,2021-06-21
O1,Ivan Testovich Sampleau,1970-01-01,Judge of a district court (synthetic),GB,GB-BLR,asset freeze,2022-03-01
O2,Piotr Exampleu,1965-05-05,Prosecutor (synthetic),EU,EU-BLR,travel ban,2020-10-02
O3,Aliaksei Fictiou,1980-12-12,Head of a detention centre (synthetic),CA,CA-BLR,asset freeze,2022-08-09
O3,Aliaksei Fictiou,1980-12-12,Head of a detention centre (synthetic),US,US-BLR,asset freeze,2021-08-09
"""


def fill_other_stages(ws, tmp_path: Path) -> None:
    """Synthetic articles and officials, through the stages' own services."""
    from reckon.news.service import import_text
    from reckon.sanctions.importer import import_sanctions

    import_text(ws, ARTICLE, file_name="synthetic_article.txt", published="2024-03-04")
    path = tmp_path / "synthetic_officials.csv"
    path.write_text(OFFICIALS, encoding="utf-8")
    import_sanctions(ws, path, "Synthetic sanctions list")


def sign_in(page, base: str, name: str) -> None:
    """Log in through the login form, as a person would; the page lands on the dashboard."""
    page.goto(base + "/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(base + "/")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def import_through_page(page, base: str, path: Path, source: str) -> None:
    page.goto(base + "/imports/new")
    page.fill("input[name=source]", source)
    page.set_input_files("input[name=file]", str(path))
    page.click("button[type=submit]:has-text('Preview')")
    page.wait_for_selector("#confirm-import")
    assert "column in the file" in page.content()
    shot(page, "import-preview")
    page.click("#confirm-import")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector(".job-done:not([hidden])", timeout=120_000)
    assert "Failed" not in page.inner_text(".job-done")


def test_login_import_review_dashboard(browser, tmp_path) -> None:
    from reckon.config import init_workspace
    from reckon.services.accounts import add_user

    ws = init_workspace(tmp_path / "ws")
    add_user(ws.database_url, "editor", "editor", PASSWORD)
    add_user(ws.database_url, "admin", "admin", PASSWORD)
    list_a = synthetic_csv(tmp_path / "viasna_style_list.csv", n=60, seed=11)
    with serve(ws) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # 1. log in (the dashboard sends anonymous visitors to the login form)
        page.goto(base + "/")
        assert "/login" in page.url
        shot(page, "login")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        assert "editor" in page.inner_text("header")

        # 2. import a list: preview of the inferred mapping, then the background job with its progress bar
        import_through_page(page, base, list_a, "Partner list A")
        shot(page, "import-job")
        page.goto(base + "/sources")
        assert "Partner list A" in page.content()
        shot(page, "sources")

        # 3. review a pair: a second list, a link run from the page, one key decides the first pair
        list_b = second_list(list_a, tmp_path / "partner_b.csv")
        import_through_page(page, base, list_b, "Partner list B")
        page.goto(base + "/review")
        page.click("button:has-text('Run linkage')")
        page.wait_for_url("**/jobs/*")
        page.wait_for_selector(".job-done:not([hidden])", timeout=300_000)
        page.goto(base + "/review")
        assert page.query_selector("#decide"), "the link run left no pair to review"
        shot(page, "review")
        reviewed = page.input_value("input[name=record_a]"), page.input_value("input[name=record_b]")
        with page.expect_navigation():
            page.keyboard.press("s")  # one key decides
        assert page.url.endswith("/review")
        from reckon.link import decisions

        assert any((str(d["record_a"]), str(d["record_b"])) == reviewed and d["decision"] == "same"
                   for d in decisions(ws)), "the one-key decision was not recorded"

        # 4. the dashboard: counts and server-rendered charts
        page.goto(base + "/")
        assert page.inner_text("[data-testid=records-total]").strip() in {"60", "102"}
        assert page.locator("svg.chart").count() >= 3
        shot(page, "dashboard")

        # 5. search across spellings, the person or record page
        page.goto(base + "/persons?q=Dubrakou")
        shot(page, "persons-search")
        link = page.query_selector("a[href^='/persons/']") or page.query_selector("a[href^='/records/']")
        assert link, "the search found no person across spellings"
        link.click()
        page.wait_for_load_state("load")
        shot(page, "person")
        # 6. the other stages' pages, with synthetic data where the stage is installed
        fill_other_stages(ws, tmp_path)
        page.goto(base + "/estimates")
        page.click("button:has-text('Estimate now')")
        page.wait_for_url("**/jobs/*")
        page.wait_for_selector(".job-done:not([hidden])", timeout=300_000)
        for path, name in (("/officials", "officials"), ("/estimates", "estimates"), ("/articles", "articles")):
            page.goto(base + path)
            shot(page, name)
        assert page.query_selector("a[href='/articles/1']"), "the synthetic article is not listed"
        page.click("a[href='/articles/1']")
        page.wait_for_load_state("load")
        assert page.locator("mark.fact").count() >= 1
        shot(page, "article")
        page.goto(base + "/")
        shot(page, "dashboard-with-figures")
        page.close()

        # the admin's audit log shows the reads and the decision
        admin = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(admin, base, "admin")
        admin.goto(base + "/audit")
        assert "read.search" in admin.content()
        shot(admin, "audit")
        admin.close()
    with serve(ws, public=True) as public_base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(public_base + "/")
        assert "public aggregates" in page.content()
        shot(page, "public-dashboard")
        page.close()
