"""``reckon demo``: the whole pipeline on a synthetic world, as a list of steps later stages extend.

Each step is a function ``step(ctx) -> None`` that reads and adds to a shared :class:`DemoContext`
(workspace, world, the list files, what was imported). Stages add theirs with :func:`add_step`
(linkage after import, estimation after linkage, ...), so the demo grows without anyone editing another
stage's step. Only synthetic people are used and nothing touches the network.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

DEFAULT_SEED = 7
DEFAULT_PEOPLE = 600
DEFAULT_LISTS = 3


@dataclass
class DemoContext:
    root: Path
    seed: int = DEFAULT_SEED
    n_people: int = DEFAULT_PEOPLE
    n_lists: int = DEFAULT_LISTS
    console: Console = field(default_factory=Console)
    workspace: Any = None
    world: Any = None
    files: dict[str, Path] = field(default_factory=dict)
    reports: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)  # later steps put their outputs here


Step = Callable[[DemoContext], None]


def step_workspace(ctx: DemoContext) -> None:
    """Create the workspace (embedded SQLite unless RECKON_DATABASE_URL says otherwise)."""
    from reckon.config import init_workspace

    ctx.workspace = init_workspace(ctx.root)
    ctx.console.print(f"[bold]1. workspace[/] {ctx.root}")


def step_world(ctx: DemoContext) -> None:
    """Generate a seeded synthetic world and write its lists as the documenters would export them."""
    from reckon.simulate import simulate_world

    ctx.world = simulate_world(seed=ctx.seed, n_people=ctx.n_people, n_lists=ctx.n_lists)
    ctx.files = ctx.world.write_csvs(ctx.root / "lists")
    sizes = ", ".join(f"{name} ({len(rows)} rows)" for name, rows in ctx.world.lists.items())
    ctx.console.print(f"[bold]2. synthetic world[/] seed {ctx.seed}: {ctx.world.n_total} people in truth; "
                      f"lists: {sizes}")


def step_import(ctx: DemoContext) -> None:
    """Import every list with an inferred mapping, as a user would with `reckon import`."""
    from reckon.ingest.service import import_file

    ctx.console.print("[bold]3. import[/]")
    for name, path in ctx.files.items():
        report = import_file(ctx.workspace, path, source=name, organisation=f"{name} (synthetic)")
        ctx.reports[name] = report
        if report.already_imported:
            ctx.console.print(f"   {path.name}: already imported (same file, same mapping): nothing changed")
            continue
        mapped = sorted({f for f in report.mapping.columns.values() if f != "ignore"})
        ctx.console.print(f"   {path.name}: {report.rows_read} rows, {report.new} new, "
                          f"{report.quarantined} quarantined; fields: {', '.join(mapped)}")


def step_summary(ctx: DemoContext) -> None:
    """Print what the register now holds: sources, a few records, the quarantine."""
    from reckon.cli.common import emit_rows
    from reckon.ingest.records import (
        SOURCE_COLUMNS,
        list_quarantine,
        list_records,
        list_sources,
        record_counts,
    )

    counts = record_counts(ctx.workspace)
    ctx.results["register"] = counts
    ctx.console.print(f"[bold]4. the register[/] holds {counts['records']} records from {counts['sources']} "
                      f"sources; {counts['quarantined']} rows in quarantine")
    emit_rows(list_sources(ctx.workspace), SOURCE_COLUMNS, "table", title="sources")
    emit_rows(list_records(ctx.workspace, limit=8),
              ["source", "row", "external_id", "full_name", "sex", "birth_date", "detention_date", "status",
               "articles"], "table", title="first records (synthetic people)")
    quarantined = list_quarantine(ctx.workspace, limit=10)
    if quarantined:
        emit_rows(quarantined, ["source", "file", "row", "field", "reason"], "table", title="quarantine")


STEPS: list[Step] = [step_workspace, step_world, step_import, step_summary]


def add_step(step: Step, *, after: Step | None = None) -> None:
    """Let a later stage add its step (after ``after``, else at the end); adding twice is a no-op."""
    if step in STEPS:
        return
    if after is not None and after in STEPS:
        STEPS.insert(STEPS.index(after) + 1, step)
    else:
        STEPS.append(step)


def run_demo(directory: str | Path | None = None, *, seed: int = DEFAULT_SEED, n_people: int = DEFAULT_PEOPLE,
             n_lists: int = DEFAULT_LISTS, console: Console | None = None,
             steps: list[Step] | None = None) -> DemoContext:
    """Run every step in order; a temporary folder is used (and kept, so it can be explored) unless given."""
    root = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="reckon-demo-"))
    ctx = DemoContext(root=root.resolve(), seed=seed, n_people=n_people, n_lists=n_lists,
                      console=console or Console())
    for step in steps if steps is not None else STEPS:
        step(ctx)
    ctx.console.print(f"done. explore it with: reckon records --workspace {ctx.root}")
    return ctx
