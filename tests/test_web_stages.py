"""The pages of the other stages light up once those stages have data: news articles with facts
highlighted and reported figures on the dashboard; estimates run as background jobs from the web app."""

from __future__ import annotations

import httpx
import pytest

from test_web_support import make_users, serve, three_lists, wait_job

ARTICLE = """Minsk court jails activists

MINSK, 4 March 2024. At least 1,287 political prisoners remain behind bars in Belarus, the human rights
centre Viasna said on Monday. "Nobody is safe," a spokesperson said.
"""


def test_articles_and_figures_pages(sqlite_workspace) -> None:
    from reckon.news.service import import_text

    import_text(sqlite_workspace, ARTICLE, file_name="synthetic_article.txt", published="2024-03-04")
    users = make_users(sqlite_workspace.database_url)
    with serve(sqlite_workspace) as base, httpx.Client(base_url=base, timeout=60) as client:
        listing = client.get("/articles", headers=users.headers("analyst"))
        assert listing.status_code == 200 and "synthetic_article" in listing.text or "Minsk court" in listing.text
        page = client.get("/articles/1", headers=users.headers("analyst")).text
        assert '<mark class="fact fact-figure"' in page and "1,287" in page
        figures = client.get("/api/figures", headers=users.headers("viewer")).json()["figures"]
        assert any(f["value"] == 1287 for f in figures)
        dash = client.get("/", headers=users.headers("viewer")).text
        assert "1287" in dash or "1,287" in dash


@pytest.mark.slow
def test_estimate_job_from_the_web(sqlite_workspace, tmp_path) -> None:
    three_lists(sqlite_workspace, tmp_path)
    users = make_users(sqlite_workspace.database_url)
    with serve(sqlite_workspace) as base, httpx.Client(base_url=base, timeout=120) as client:
        r = client.post("/api/estimates", headers=users.headers("analyst"))
        assert r.status_code == 202, r.text
        job = wait_job(client, r.json()["job_id"], users.headers("viewer"), timeout=300)
        assert job["status"] == "done", job
        est = client.get("/api/estimates", headers=users.headers("viewer")).json()["estimates"]
        assert est and est[0]["estimate"] >= est[0]["observed"] and est[0]["method"]
        page = client.get("/estimates", headers=users.headers("viewer")).text
        assert "No estimate yet" not in page
