"""Migration 0016 on SQLite and PostgreSQL: a workspace built at 0015 rebuilds its histories after the upgrade.

The histories are derived data: 0016 drops the one-row-per-event table for one row per subject and empties
every derived table. What must hold is that nothing stale is counted and that the next refresh (here the
lazy one of ``count``) rebuilds everything: the counts, `--by` breakdowns and a person's history after the
upgrade equal those built before it, on Viasna's political-prisoner list imported into the workspace.
"""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import create_engine, inspect, text

from conftest import shared_path
from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.store.db import alembic_config, dispose_engines, upgrade

DAYS = [date(2021, 6, 15), date(2022, 3, 4), date(2024, 6, 1)]


def _outputs(url: str) -> dict:
    counts = {(str(d), st, by): sv.count(url, as_of=d, status=st, by=by).as_dict()
              for d in DAYS for st in ("in_custody", "political_prisoner") for by in (None, "article", "region")}
    return {"counts": counts, "person": sv.history(url, 1, record=True), "series": sv.series(
        url, start=date(2020, 8, 1), end=date(2024, 12, 1), status="in_custody")}


def test_a_workspace_at_0015_rebuilds_its_histories_after_the_upgrade(workspace) -> None:
    url = workspace.database_url
    import_file(workspace, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
    sv.set_source(url, "viasna_pp", political_prisoners=True, list_date="2024-03-04")
    sv.refresh(url, full=True)
    before = _outputs(url)
    assert before["counts"][("2022-03-04", "in_custody", None)]["count"] > 0 and before["person"]["events"]
    dispose_engines()
    command.downgrade(alembic_config(url), "0015")
    dispose_engines()
    engine = create_engine(url)
    with engine.begin() as c:   # what a 0015 build left behind, with a signature equal to the register's
        assert "history_event" in inspect(c).get_table_names()
        c.execute(text("INSERT INTO history_event (subject_id, seq, kind, derived, alternatives, details, "
                       "record_ids, fields) VALUES (-1, 0, 'detention', false, '[]', '{}', '[1]', '[]')"))
        c.execute(text("INSERT INTO history_span (subject_id, state, sure, lo, hi) VALUES (-1, 'in_custody', true, 1, 9)"))
        c.execute(text("INSERT INTO history_subject (subject_id, digest, n_records, n_events, n_conflicts) "
                       "VALUES (-1, 'stale', 1, 1, 0)"))
    engine.dispose()
    upgrade(url)
    dispose_engines()
    engine = create_engine(url)
    with engine.connect() as c:
        tables = set(inspect(c).get_table_names())
        key_indexes = {ix["name"] for ix in inspect(c).get_indexes("history_key")}
        left = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in
                ("history_events", "history_span", "history_key", "history_subject", "history_build")}
    engine.dispose()
    assert "history_event" not in tables and "history_events" in tables
    assert key_indexes == {"ix_history_key_dim"}
    assert set(left.values()) == {0}, left   # nothing stale is counted; no build, so the next count refreshes
    assert _outputs(url) == before
