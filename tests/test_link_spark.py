"""--engine spark: the same model on Splink's Spark backend (local mode) gives the same persons as DuckDB."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from reckon.link import run_link
from reckon.link.synthetic import insert_records, world
from reckon.store.db import session_scope
from reckon.store.link import LinkRun
from reckon.store.models import Record

pytestmark = pytest.mark.slow


def _partition(url: str) -> set[frozenset[int]]:
    with session_scope(url) as s:
        rows = s.execute(select(Record.id, Record.person_id)).all()
    groups: dict[int, set[int]] = {}
    for rid, pid in rows:
        groups.setdefault(pid, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


def test_spark_gives_the_same_persons_as_duckdb(tmp_path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (Debian's default-jre-headless)")
    from reckon.config import init_workspace

    lists = world(50, noise=0.1, seed=4)
    results = {}
    for engine in ("duckdb", "spark"):
        ws = init_workspace(tmp_path / engine)
        for src, rows in lists.items():
            insert_records(ws.database_url, src, rows)
        res = run_link(ws, engine=engine, seed=5)
        assert res.engine == engine and res.mode == "full"
        with session_scope(ws.database_url) as s:
            run = s.scalars(select(LinkRun)).one()
            assert run.model["sql_dialect"] == engine
        results[engine] = _partition(ws.database_url)
    assert results["spark"] == results["duckdb"]
    assert any(len(g) > 1 for g in results["spark"])
