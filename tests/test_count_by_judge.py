"""``reckon count --by judge`` names judges as ``reckon judges`` does (issue 19, item 2).

On the real Viasna lists (read in place) the admin-cases list writes "Фёдарава Марына" and the
political-prisoners list "Maryna Fiodarava": one judge for ``reckon judges``, once two rows of the count.
"""

from __future__ import annotations

import pytest

from conftest import shared_path


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.link import run_link
    from reckon.store.db import dispose_engines

    database = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    ws = init_workspace(tmp_path / "ws", database)
    import_file(ws, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    import_file(ws, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
    run_link(ws)
    yield ws.database_url
    dispose_engines()


def test_count_by_judge_and_court_use_the_listings_names(url) -> None:
    from reckon.histories.judges import courts, judges
    from reckon.histories.service import count

    by_judge = count(url, status="persecuted", by="judge").by
    listed = {r["judge"] for r in judges(url)}
    assert set(by_judge) - {"unknown"} <= listed
    assert "Maryna Fiodarava" not in by_judge and by_judge["Фёдарава Марына"] == 15
    by_court = count(url, status="persecuted", by="court").by
    assert set(by_court) - {"unknown"} <= {r["court"] for r in courts(url)}
    total = count(url, status="persecuted")
    assert sum(by_court.values()) >= total.count - by_court.get("unknown", 0)
