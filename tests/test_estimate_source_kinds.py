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


@pytest.fixture(scope="module")
def pg_module_url(pg_template: str):
    """A PostgreSQL database from the session's template, for this module's one workspace."""
    import uuid

    from sqlalchemy import create_engine, text

    from conftest import PG_ADMIN_URL

    name = f"reckon_kinds_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workspace(request, tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    database = request.getfixturevalue("pg_module_url") if request.param == "postgresql" else None
    ws = init_workspace(tmp_path_factory.mktemp("kinds") / "ws", database)
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
