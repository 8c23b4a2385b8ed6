"""Only lists are capture systems by default (issue 19, item 3).

Once news was imported, ``reckon estimate`` counted the news source as a third list. On the real Viasna
lists with the real news articles (read in place): by default the estimate uses the two lists and says
news was left out; naming news in ``--lists`` uses it, with a warning.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("kinds") / "ws")
    app, root = _build(), str(ws.root)
    run(app, "import", str(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")),
        "--source", "viasna_admin", "--workspace", root)
    run(app, "import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
        "--source", "viasna_pp", "--workspace", root)
    run(app, "news", "import", str(shared_path("eval", "news", "articles_ru_be")), "--workspace", root)
    run(app, "link", "--workspace", root)
    yield ws
    dispose_engines()


def test_news_is_no_list_by_default(workspace) -> None:
    from reckon.services.estimate import capture_data

    data = capture_data(workspace)
    assert data.lists == ("viasna_admin", "viasna_pp")
    assert data.not_lists == ("news",) and "news" in data.sources_left_out


def test_news_named_in_lists_counts_with_a_warning(workspace) -> None:
    from reckon.estimate.notes import text
    from reckon.services.estimate import capture_data, estimate_workspace

    data = capture_data(workspace, lists=["viasna_admin", "viasna_pp", "news"])
    assert data.lists == ("viasna_admin", "viasna_pp", "news") and data.not_lists == ("news",)
    est = estimate_workspace(workspace, lists=["viasna_admin", "viasna_pp", "news"], force=True)
    assert any("not lists" in text(w) and "news" in text(w) and "biased" in text(w) for w in est.warnings)
    default = estimate_workspace(workspace, force=True)
    assert default.lists == ("viasna_admin", "viasna_pp")
    assert any("left out: news" in text(w) for w in default.warnings)
