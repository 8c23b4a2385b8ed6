"""`reckon demo`: a synthetic world imported end to end, and the step list later stages extend."""

from __future__ import annotations

from pathlib import Path

from reckon.demo import (
    STEPS,
    DemoContext,
    Table,
    run_demo,
    step_import,
    step_summary,
    step_workspace,
    step_world,
)
from reckon.ingest.records import list_records, record_counts

# The register's own steps; STEPS continues with linkage, estimates, news and sanctions.
REGISTER_STEPS = [step_workspace, step_world, step_import, step_summary]


def test_demo_imports_every_synthetic_list(tmp_path: Path) -> None:
    printed: list = []
    ctx = run_demo(tmp_path / "demo", seed=3, n_people=300, n_lists=4, show=printed.append, steps=REGISTER_STEPS)
    world = ctx.world
    counts = record_counts(ctx.workspace)
    rows = sum(len(r) for r in world.lists.values())
    assert counts["sources"] == len(world.lists) == 4
    assert counts["records"] + counts["quarantined"] == rows and counts["records"] > 0.95 * rows
    for name, report in ctx.reports.items():
        mapped = set(report.mapping.columns.values())
        assert {"full_name", "external_id", "detention_date"} <= mapped, name
        recs = list_records(ctx.workspace, name, limit=None)
        # Each row is findable by the list's own id, as the truth names it.
        ids = {r["external_id"] for r in recs}
        assert {row_id for (lst, row_id) in world.truth if lst == name} >= ids
    text = ctx.text()
    assert "synthetic world" in text and "the register" in text and "sources" in text
    # The steps show data and print nothing; the printer given gets every item as it is made.
    assert printed == ctx.shown
    tables = {t.title: t for t in ctx.shown if isinstance(t, Table)}
    assert len(tables["sources"].rows) == 4 and tables["first records (synthetic people)"].rows
    # Running it again on the same folder changes nothing.
    again = run_demo(tmp_path / "demo", seed=3, n_people=300, n_lists=4,
                     steps=REGISTER_STEPS)
    assert all(r.already_imported for r in again.reports.values())
    assert record_counts(ctx.workspace) == counts


def test_steps_run_in_pipeline_order(tmp_path: Path) -> None:
    calls: list[str] = []

    def step_after_import(ctx: DemoContext) -> None:
        calls.append(f"{len(ctx.reports)} imported")

    assert STEPS[:4] == REGISTER_STEPS, "the register's steps come first, later stages build on them"
    run_demo(tmp_path / "d", seed=1, n_people=50, n_lists=2,
             steps=[*REGISTER_STEPS[:3], step_after_import])
    assert calls == ["2 imported"]


def test_demo_command_uses_a_temporary_folder_by_default(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from reckon.cli import _build

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = CliRunner().invoke(_build(), ["demo", "--seed", "2"], catch_exceptions=False)
    assert result.exit_code == 0
    made = list(tmp_path.glob("reckon-demo-*"))
    assert len(made) == 1 and (made[0] / "reckon.toml").exists() and (made[0] / "lists").is_dir()
