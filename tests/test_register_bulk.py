"""What makes a large import cheaper must leave the register as it was: indexes and content hashes.

A first import into an empty SQLite register once dropped the record table's secondary indexes and built
them at its end (until 7 December 2026: with the records inserted fifty a statement, keeping them as the
rows go in cost less, see docs/ingest.md); whatever the way, they must be there afterwards exactly as they
were defined, be left alone by an import into a register that already holds records, and be whole when an
import fails. Content hashes are 8 bytes (16 hex characters); records stored with longer ones (16 bytes
from migration 0015 on, all 64 hex characters before) must still be found unchanged by a re-import and by
a dry run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import bindparam, select

from reckon.errors import InputError
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import Record

HEADER = "id,ФИО,Дата рождения,Пол\n"


def _indexes(ws) -> list[tuple[str, str]]:
    with get_engine(ws.database_url).connect() as conn:
        return sorted(conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'record'").all())


def _rows(n: int, start: int = 1) -> str:
    return "".join(f"T{i},Тэставы Асоба{i},0{1 + i % 9}.05.1975,м\n" for i in range(start, start + n))


def test_first_import_into_an_empty_register_keeps_every_index(sqlite_workspace, tmp_path: Path) -> None:
    before = _indexes(sqlite_workspace)
    assert any(name == "ix_record_retired" for name, _ in before)
    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(12_000), encoding="utf-8")
    report = import_file(sqlite_workspace, path, "partner", batch_size=5000)
    assert report.new == 12_000
    assert _indexes(sqlite_workspace) == before
    with get_engine(sqlite_workspace.database_url).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        # A source's current records are found through the unique index, which the source leads; the
        # retired versions through their own partial index, which a first import (all current) leaves empty.
        plan = " ".join(str(r) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM record WHERE source_id = 1 AND is_current = 1").all())
        assert "SEARCH record USING" in plan and "(source_id=?)" in plan  # the unique constraint's index
        plan = " ".join(str(r) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM record WHERE is_current IS 0").all())
        assert "ix_record_retired" in plan
        assert conn.exec_driver_sql("SELECT count(*) FROM record INDEXED BY ix_record_retired "
                                    "WHERE is_current IS 0").scalar_one() == 0
    # A second source's import finds records in the table and writes through the indexes as it goes.
    other = tmp_path / "other.csv"
    other.write_text(HEADER + _rows(300, 50_000), encoding="utf-8")
    assert import_file(sqlite_workspace, other, "other").new == 300
    assert _indexes(sqlite_workspace) == before


def test_a_failed_first_import_leaves_the_indexes_as_they_were(sqlite_workspace, tmp_path: Path) -> None:
    before = _indexes(sqlite_workspace)
    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(6_000) + "T9,Тэставы Хібны,31.02.1975,м\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(sqlite_workspace, path, "partner", strict=True, batch_size=5000)
    assert _indexes(sqlite_workspace) == before
    with get_engine(sqlite_workspace.database_url).connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM record").scalar_one() == 0


@pytest.mark.parametrize("hex_chars", [32, 64])
def test_records_with_a_longer_hash_are_still_found_unchanged(workspace, tmp_path: Path, hex_chars: int) -> None:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(40), encoding="utf-8")
    assert import_file(workspace, path, "partner").new == 40
    t = Record.__table__
    with get_engine(workspace.database_url).begin() as conn:
        stored = conn.execute(select(t.c.id, t.c.content_hash)).all()
        assert {len(h) for _, h in stored} == {16}
        # As earlier imports wrote them: the same first 16 hex characters, then more. 64 hex characters
        # (before migration 0015) are kept as hex text on SQLite, as their 32 bytes on PostgreSQL (what 0015
        # made); 32 (from 0015 to 2026-12-07) as their 16 bytes on both.
        filler = "0123456789abcdef" * 4
        old = [{"rid": i, "h": h + filler[:hex_chars - 16]} for i, h in stored]
        if conn.dialect.name == "sqlite" and hex_chars == 64:
            conn.exec_driver_sql("UPDATE record SET content_hash = ? WHERE id = ?", [(o["h"], o["rid"]) for o in old])
        else:
            conn.execute(t.update().where(t.c.id == bindparam("rid")).values(content_hash=bindparam("h")), old)
        assert {len(h) for h in conn.execute(select(t.c.content_hash)).scalars()} == {hex_chars}
    changed = tmp_path / "list2.csv"
    changed.write_text(HEADER + _rows(40).replace("T7,Тэставы Асоба7", "T7,Тэставы Іншы7"), encoding="utf-8")
    dry = import_file(workspace, changed, "partner", dry_run=True)
    assert (dry.new, dry.changed, dry.unchanged) == (0, 1, 39)
    report = import_file(workspace, changed, "partner")
    assert (report.new, report.changed, report.unchanged) == (0, 1, 39)


def test_the_collector_gets_back_what_the_import_froze(sqlite_workspace, tmp_path: Path) -> None:
    import gc

    path = tmp_path / "list.csv"
    path.write_text(HEADER + _rows(50), encoding="utf-8")
    before = gc.get_freeze_count()
    assert import_file(sqlite_workspace, path, "partner").new == 50
    assert gc.get_freeze_count() == before and gc.isenabled()
    path.write_text(HEADER + _rows(20) + "T99,Тэставы Хібны,31.02.1975,м\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(sqlite_workspace, path, "other", strict=True)
    assert gc.get_freeze_count() == before
