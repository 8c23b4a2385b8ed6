"""Synthetic people for the tests that need a linked register: a :func:`reckon.simulate.simulate_world`
world, its lists written as the documenters would export them and imported through the importer (the way
a user does), and which record is which person. (No tests here; other test files import from this module.)
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from reckon.config import Workspace
from reckon.ingest.service import import_file
from reckon.simulate import World, simulate_world
from reckon.store.db import session_scope
from reckon.store.models import Record, Source


def world_files(folder: Path, *, n_people: int, seed: int, noise: str = "low", n_lists: int = 3
                ) -> tuple[World, dict[str, Path]]:
    """A world and its lists as CSV files in ``folder`` (list name -> path)."""
    world = simulate_world(seed=seed, n_people=n_people, n_lists=n_lists, noise=noise)
    return world, world.write_csvs(folder)


def import_lists(ws: Workspace, world: World, files: dict[str, Path], names: list[str] | None = None
                 ) -> dict[int, int]:
    """Import the lists (all, or those in ``names``) and return record id -> the person it truly is."""
    wanted = list(files) if names is None else names
    for name in wanted:
        import_file(ws, files[name], name)
    with session_scope(ws.database_url) as s:
        rows = s.execute(select(Record.id, Source.name, Record.external_id).join(Source, Source.id == Record.source_id)
                         .where(Source.name.in_(wanted), Record.is_current.is_(True))).all()
    return {rid: world.truth[(source, ext)] for rid, source, ext in rows}


def import_world(ws: Workspace, folder: Path, *, n_people: int, seed: int, noise: str = "low",
                 n_lists: int = 3) -> dict[int, int]:
    """Simulate, write and import a whole world; record id -> the person it truly is."""
    world, files = world_files(folder, n_people=n_people, seed=seed, noise=noise, n_lists=n_lists)
    return import_lists(ws, world, files)
