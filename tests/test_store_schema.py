"""The Alembic migrations build exactly the tables the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reckon.store.db import get_engine
from reckon.store.schema import metadata


def test_migrations_match_models(workspace) -> None:
    engine = get_engine(workspace.database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"models and migrations differ; write the stage's migration: {diff}"


def test_init_is_idempotent(tmp_path) -> None:
    from reckon.config import init_workspace, load_workspace

    first = init_workspace(tmp_path / "ws")
    second = init_workspace(tmp_path / "ws")
    assert first == second == load_workspace(tmp_path / "ws")
    assert (tmp_path / "ws" / "reckon.db").exists()
