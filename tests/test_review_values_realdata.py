"""The review page's "values (A · B)" on Viasna's real administrative list: the dates and articles the
model compared, as a reviewer reads them. Walking the product (7 December 2026) found day numbers
(17708 · 17595) where the detention dates belong, and a Python list (['22.9.2']) for the articles."""

from __future__ import annotations

from sqlalchemy import text

from conftest import shared_path
from reckon.ingest.service import import_file
from reckon.link import run_link
from reckon.link.review import explain, review_queue
from reckon.store.db import get_engine


def test_explained_values_are_dates_and_articles_in_words(sqlite_workspace) -> None:
    ws = sqlite_workspace
    import_file(ws, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    run_link(ws)
    with get_engine(ws.database_url).connect() as c:
        dates = dict(c.execute(text("select id, detention_date from record")).all())
    pairs = [(q["record_a"], q["record_b"]) for q in review_queue(ws, limit=None)]
    a, b = next(p for p in pairs if dates[p[0]] and dates[p[1]] and dates[p[0]] != dates[p[1]])
    steps = {st["comparison"]: st["values"] for st in explain(ws, a, b)["steps"]}
    assert steps["detention_date"]["detention_days"] == [dates[a], dates[b]]
    shown = [v for v in steps["articles"]["articles"] if v is not None]
    assert shown and all(isinstance(v, str) and "[" not in v and "'" not in v for v in shown)
