"""A dry run against a workspace that already has the source: the import's own counts, nothing written.

Run on SQLite and PostgreSQL. The store is compared before and after row count by row count and max id by
max id, and no temporary table may be left on any connection of the store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from reckon.ingest.mapping import MappingSpec
from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.models import AuditEvent, ImportBatch, QuarantinedRow, Record, Source

HEADER = "id,ФИО,Дата рождения,Пол,Статус\n"
BASE = [f"P{i},Асоба Прозвішча{i},{i % 28 + 1:02d}.0{i % 9 + 1}.19{60 + i % 40},{'мж'[i % 2]},active\n"
        for i in range(1, 41)]
# A repeated id: the register numbers it "P7#2", in the file and in the dry run alike.
BASE.append("P7,Другі Чалавек,01.01.1970,м,active\n")
TABLES = (Source, ImportBatch, Record, QuarantinedRow, AuditEvent)


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def second_version() -> list[str]:
    """BASE with 2 rows changed (one of them the repeated id), 1 dropped, 1 added and 1 unmappable."""
    rows = list(BASE)
    rows[2] = rows[2].replace("active", "released")  # P3 changed
    rows[-1] = rows[-1].replace("Другі Чалавек", "Другі Чалавек-Змена")  # P7#2 changed
    del rows[10]  # P11 dropped
    rows.append("P99,Новая Асоба,1985,ж,active\n")  # new
    rows.append("P100,Зламаная Дата,31.02.1990,м,active\n")  # quarantined
    return rows


def snapshot(ws) -> dict[str, tuple[int, int | None]]:
    """(rows, max id) of every register table."""
    with get_engine(ws.database_url).connect() as conn:
        return {m.__tablename__: tuple(conn.execute(select(func.count(), func.max(m.id)).select_from(m)).one())
                for m in TABLES}


def temp_tables(ws) -> int:
    """Temporary tables anywhere in the store (PostgreSQL: every session; SQLite: pooled connections)."""
    engine = get_engine(ws.database_url)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pg_class WHERE relpersistence = 't'")).scalar_one()
    total = 0
    conns = [engine.connect() for _ in range(engine.pool.size())]
    try:
        for conn in conns:
            total += conn.execute(text("SELECT count(*) FROM sqlite_temp_master")).scalar_one()
    finally:
        for conn in conns:
            conn.close()
    return total


def counts(report) -> tuple[int, ...]:
    return (report.rows_read, report.new, report.changed, report.unchanged, report.quarantined,
            report.not_in_file)


@pytest.mark.parametrize("batch_size", [5000, 7])
def test_dry_run_counts_what_the_import_then_does(workspace, tmp_path: Path, batch_size: int) -> None:
    first = import_file(workspace, write(tmp_path / "v1.csv", BASE), "viasna", batch_size=batch_size)
    assert (first.new, first.quarantined) == (41, 0)
    v2 = write(tmp_path / "v2.csv", second_version())
    before = snapshot(workspace)

    dry = import_file(workspace, v2, "viasna", dry_run=True, batch_size=batch_size)
    # 42 rows: P99 new; P3 and P7#2 changed; 38 unchanged; P100 quarantined; P11 not in the file.
    assert counts(dry) == (42, 1, 2, 38, 1, 1)
    assert dry.dry_run and not dry.already_imported and dry.import_id is None
    assert dry.problems == [{"file": "v2.csv", "row": 43, "field": "Дата рождения",
                             "reason": dry.problems[0]["reason"]}]
    assert snapshot(workspace) == before
    assert temp_tables(workspace) == 0

    real = import_file(workspace, v2, "viasna", batch_size=batch_size)
    assert counts(real) == counts(dry)
    assert real.reasons == dry.reasons
    after = snapshot(workspace)
    assert after["record"][0] == before["record"][0] + 3  # the new record and two new versions

    # Once imported, a dry run of the same file says so, and that nothing would change.
    again = import_file(workspace, v2, "viasna", dry_run=True)
    assert again.already_imported and again.import_id == real.import_id
    assert (again.new, again.changed, again.unchanged) == (0, 0, 41)
    assert snapshot(workspace) == after


def test_dry_run_under_another_mapping_sees_every_row_changed(workspace, tmp_path: Path) -> None:
    """The content hash is salted with the mapping's fingerprint, in the dry run as in the import."""
    path = write(tmp_path / "v1.csv", BASE)
    import_file(workspace, path, "viasna")
    other = MappingSpec(date_order="mdy")
    before = snapshot(workspace)
    dry = import_file(workspace, path, "viasna", other, dry_run=True)
    assert snapshot(workspace) == before
    real = import_file(workspace, path, "viasna", other)
    assert counts(dry) == counts(real)
    assert real.changed + real.quarantined == 41 and real.changed > 0 and real.unchanged == 0


def test_dry_run_of_a_new_source_or_without_a_workspace(workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "v2.csv", second_version())
    before = snapshot(workspace)
    for ws in (workspace, None):
        dry = import_file(ws, path, "nobody-yet", dry_run=True)
        assert counts(dry) == (42, 41, 0, 0, 1, 0)
    assert snapshot(workspace) == before
    assert temp_tables(workspace) == 0


def test_the_command_line_dry_run_shows_the_counts(workspace, tmp_path: Path, monkeypatch) -> None:
    from reckon.cli import _build

    app, runner = _build(), CliRunner()
    ws = str(workspace.root)
    v1, v2 = write(tmp_path / "v1.csv", BASE), write(tmp_path / "v2.csv", second_version())
    assert runner.invoke(app, ["import", str(v1), "--source", "viasna", "-w", ws]).exit_code == 0
    before = snapshot(workspace)
    result = runner.invoke(app, ["import", str(v2), "--source", "viasna", "--dry-run", "-w", ws],
                           catch_exceptions=False, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "42 rows read; importing into 'viasna': 1 new, 2 changed (new version), 38 unchanged, " \
           "1 would be quarantined" in out
    assert "1 current records of this source are not in this file" in out
    assert snapshot(workspace) == before
    # Outside any workspace the file is still checked, and the output says it was not compared.
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["import", str(v2), "--source", "viasna", "--dry-run"],
                           catch_exceptions=False, env={"COLUMNS": "250"})
    assert result.exit_code == 0 and "41 would be stored" in result.stdout
    assert "not compared with the register" in result.stdout
