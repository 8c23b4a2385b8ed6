"""An index of retired versions only (migration 0018), on SQLite and PostgreSQL.

What must hold: a first import writes nothing to ``ix_record_retired``; a re-import that changes rows puts
exactly the versions it retires there; the link stage's look-up of retired versions uses it; a source's
current records are still found through the unique index; downgrading to 0017 brings ``ix_record_current``
back and upgrading again removes it, with every record read back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, func, select, text

from conftest import shared_path
from reckon.ingest.service import import_file
from reckon.store.db import alembic_config, dispose_engines, get_engine, upgrade
from reckon.store.models import Record
from reckon.store.records import records_read

LIST = shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")


def _indexes(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            names = conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'record'")).scalars()
        else:
            names = conn.execute(text("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'record'"))\
                .scalars()
        found = set(names)
    engine.dispose()
    return found


def _retired_plan_and_count(url: str) -> tuple[str, int]:
    """The plan of the ORM's look-up of retired versions, and how many entries the partial index holds."""
    engine = create_engine(url)
    stale = select(Record.id).where(Record.is_current.is_(False))
    with engine.connect() as conn:
        sql = str(stale.compile(conn, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))
            plan = " ".join(conn.execute(text("EXPLAIN " + sql)).scalars())
            held = conn.execute(text("SELECT count(*) FROM record WHERE is_current IS false")).scalar_one()
        else:
            plan = " ".join(str(r) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)).all())
            held = conn.execute(text("SELECT count(*) FROM record INDEXED BY ix_record_retired "
                                     "WHERE is_current IS 0")).scalar_one()
    engine.dispose()
    return plan, held


def _read(url: str) -> list[dict]:
    with get_engine(url).connect() as conn:
        return [{k: v for k, v in d.items() if k != "raw"} for d in records_read(conn, include_old=True)]


def test_retired_versions_only_are_indexed_and_the_downgrade_restores_the_old_index(workspace, tmp_path: Path) -> None:
    url = workspace.database_url
    assert "ix_record_retired" in _indexes(url) and "ix_record_current" not in _indexes(url)
    first = import_file(workspace, LIST, "viasna_pp")
    assert first.new > 10
    plan, held = _retired_plan_and_count(url)
    assert "ix_record_retired" in plan and held == 0  # a first import adds nothing to it
    # the same list with three rows changed: three versions retire
    lines = LIST.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [line.replace(",", ", ", 1) if 1 <= n <= 3 else line for n, line in enumerate(lines)]
    copy = tmp_path / "viasna_pp.csv"
    copy.write_text("".join(changed), encoding="utf-8")
    again = import_file(workspace, copy, "viasna_pp")
    assert again.changed == 3
    plan, held = _retired_plan_and_count(url)
    assert "ix_record_retired" in plan and held == 3
    with get_engine(url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(Record).where(Record.is_current.is_(False)))\
            .scalar_one() == 3
    before = _read(url)
    dispose_engines()
    command.downgrade(alembic_config(url), "0017")
    dispose_engines()
    assert "ix_record_current" in _indexes(url) and "ix_record_retired" not in _indexes(url)
    upgrade(url)
    dispose_engines()
    assert "ix_record_retired" in _indexes(url) and "ix_record_current" not in _indexes(url)
    assert _read(url) == before
    assert _retired_plan_and_count(url)[1] == 3
