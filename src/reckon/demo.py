"""``reckon demo``: the whole pipeline on a synthetic world, as a list of steps later stages extend.

Each step is a function ``step(ctx) -> None`` that reads and adds to a shared :class:`DemoContext`
(workspace, world, the list files, what was imported, each stage's results); :data:`STEPS` lists them
in pipeline order, and each stage's own step lives in that stage's ``demo`` module. Only synthetic people are used and nothing touches the network.

Steps print nothing: what they show (lines and tables) is data in ``ctx.shown``, handed as it is made to
the printer the CLI gives (``reckon.cli.common.show_demo``), so no module below the CLI imports it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reckon.i18n import _, ngettext, number

DEFAULT_SEED = 7
DEFAULT_PEOPLE = 600
DEFAULT_LISTS = 3


@dataclass(frozen=True)
class Table:
    """Rows a step shows as a table, with their columns and title."""

    rows: list[Mapping[str, Any]]
    columns: list[str]
    title: str


Shown = str | Table


@dataclass
class DemoContext:
    root: Path
    seed: int = DEFAULT_SEED
    n_people: int = DEFAULT_PEOPLE
    n_lists: int = DEFAULT_LISTS
    show: Callable[[Shown], None] | None = None  # the CLI's printer; each item goes to it as it is made
    shown: list[Shown] = field(default_factory=list)  # everything the steps showed, in order
    workspace: Any = None
    world: Any = None
    files: dict[str, Path] = field(default_factory=dict)
    reports: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)  # later steps put their outputs here


    def say(self, line: str) -> None:
        """A line for the reader (Rich markup allowed); the CLI prints it."""
        self._show(line)

    def heading(self, title: str, line: str = "") -> None:
        """A step's line: its title in bold, then what it did. Why apart: the title and the line are
        catalogued messages of their own (said in the reader's language); the markup stays out of both."""
        self._show(f"[bold]{title}[/]" + (f" {line}" if line else ""))

    def table(self, rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, title: str) -> None:
        """Rows to show as a table; the CLI prints it."""
        self._show(Table(list(rows), list(columns), title))

    def text(self) -> str:
        """The lines said so far, one per line (tables left out)."""
        return "\n".join(item for item in self.shown if isinstance(item, str))

    def _show(self, item: Shown) -> None:
        self.shown.append(item)
        if self.show is not None:
            self.show(item)


Step = Callable[[DemoContext], None]


def step_workspace(ctx: DemoContext) -> None:
    """Create the workspace (embedded SQLite unless RECKON_DATABASE_URL says otherwise)."""
    from reckon.config import init_workspace

    ctx.workspace = init_workspace(ctx.root)
    ctx.heading(_("1. workspace"), str(ctx.root))


def step_world(ctx: DemoContext) -> None:
    """Generate a seeded synthetic world and write its lists as the documenters would export them."""
    from reckon.simulate import simulate_world

    ctx.world = simulate_world(seed=ctx.seed, n_people=ctx.n_people, n_lists=ctx.n_lists)
    ctx.files = ctx.world.write_csvs(ctx.root / "lists")
    sizes = ", ".join(ngettext("%(name)s (%(n)s row)", "%(name)s (%(n)s rows)", len(rows))
                      % {"name": name, "n": number(len(rows))} for name, rows in ctx.world.lists.items())
    line = ngettext("seed %(seed)s: %(n)s person in truth; lists: %(sizes)s",
                    "seed %(seed)s: %(n)s people in truth; lists: %(sizes)s", ctx.world.n_total)
    ctx.heading(_("2. synthetic world"), line % {"seed": ctx.seed, "n": number(ctx.world.n_total), "sizes": sizes})


def step_import(ctx: DemoContext) -> None:
    """Import every list with an inferred mapping, as a user would with `reckon import`."""
    from reckon.ingest.service import import_file

    ctx.heading(_("3. import"))
    for name, path in ctx.files.items():
        report = import_file(ctx.workspace, path, source=name, organisation=f"{name} (synthetic)")
        ctx.reports[name] = report
        if report.already_imported:
            ctx.say("   " + _("%(file)s: already imported (same file, same mapping): nothing changed")
                    % {"file": path.name})
            continue
        mapped = sorted({f for f in report.mapping.columns.values() if f != "ignore"})
        line = ngettext("%(file)s: %(read)s row, %(new)s new, %(quarantined)s quarantined; fields: %(fields)s",
                        "%(file)s: %(read)s rows, %(new)s new, %(quarantined)s quarantined; fields: %(fields)s",
                        report.rows_read)
        ctx.say("   " + line % {"file": path.name, "read": number(report.rows_read), "new": number(report.new),
                               "quarantined": number(report.quarantined), "fields": ", ".join(mapped)})


def step_summary(ctx: DemoContext) -> None:
    """Print what the register now holds: sources, a few records, the quarantine."""
    from reckon.ingest.records import (
        SOURCE_COLUMNS,
        list_quarantine,
        list_records,
        list_sources,
        record_counts,
    )

    counts = record_counts(ctx.workspace)
    ctx.results["register"] = counts
    line = ngettext("holds %(records)s record from %(sources)s sources; %(quarantined)s rows in quarantine",
                    "holds %(records)s records from %(sources)s sources; %(quarantined)s rows in quarantine",
                    counts["records"])
    ctx.heading(_("4. the register"), line % {"records": number(counts["records"]),
                                              "sources": number(counts["sources"]),
                                              "quarantined": number(counts["quarantined"])})
    ctx.table(list_sources(ctx.workspace), SOURCE_COLUMNS, title=_("sources"))
    ctx.table(list_records(ctx.workspace, limit=8),
              ["source", "row", "external_id", "full_name", "sex", "birth_date", "detention_date", "status",
               "articles"], title=_("first records (synthetic people)"))
    quarantined = list_quarantine(ctx.workspace, limit=10)
    if quarantined:
        ctx.table(quarantined, ["source", "file", "row", "field", "reason"], title=_("quarantine"))


def step_link(ctx: DemoContext) -> None:
    """Link the lists into persons and score the links against the world's truth."""
    from reckon.link.demo import step_link as link_step

    link_step(ctx)


def step_estimate(ctx: DemoContext) -> None:
    """Estimate the total from the linked lists with each method, beside the documented count and the truth.

    LCMCR runs shorter chains than its reference defaults so the demo stays quick; `reckon estimate
    --method lcmcr` uses the full ones.
    """
    from reckon.services.estimate import estimate_workspace

    methods: list[tuple[str, dict[str, Any]]] = [
        ("loglinear", {}),
        ("stepwise", {"seed": ctx.seed}),
        ("dga", {}),
        ("lcmcr", {"seed": ctx.seed, "burn_in": 2000, "samples": 400, "thinning": 10, "chains": 2}),
    ]
    rows = []
    for method, options in methods:
        est = estimate_workspace(ctx.workspace, method=method, **options)
        r = est.total
        rows.append({"method": method, "model": r.model, "estimate": number(r.estimate),
                     "interval": f"[{number(r.lower)}, {number(r.upper)}]" if r.lower is not None else "",
                     "seed": r.seed if r.seed is not None else ""})
        ctx.results.setdefault("estimate", {})[method] = r.to_dict()
    documented = est.persons
    truth = getattr(ctx.world, "n_total", None)
    line = ngettext("%(n)s person documented (linked); true total in this synthetic world: %(truth)s",
                    "%(n)s persons documented (linked); true total in this synthetic world: %(truth)s", documented)
    ctx.heading(_("6. estimates"), line % {"n": number(documented), "truth": number(truth)})
    ctx.table(rows, ["method", "model", "estimate", "interval", "seed"],
              title=_("how many people did no list see? (%(level)s intervals)") % {"level": "95 %"})


def step_news(ctx: DemoContext) -> None:
    """Import a synthetic article (and the seed page when ../shared is there) and show its facts."""
    from reckon.news.demo import step_news as news_step

    news_step(ctx)


def step_sanctions(ctx: DemoContext) -> None:
    """Import fictional officials and their sanctions; show the matrix."""
    from reckon.sanctions.demo import step_sanctions as sanctions_step

    sanctions_step(ctx)


def step_histories(ctx: DemoContext) -> None:
    """Count persons on a date (`reckon count --as-of`) beside the truth of a world with known histories."""
    from reckon.histories.demo import step_histories as histories_step

    histories_step(ctx)


def step_next(ctx: DemoContext) -> None:
    """Say where to go next: the web app and the report run on the same workspace."""
    ctx.say(_("next: %(serve)s (create a user first with %(add_user)s), or %(report)s")
            % {"serve": f"`reckon serve --workspace {ctx.root}`",
               "add_user": f"`reckon users add NAME --role admin --workspace {ctx.root}`",
               "report": f"`reckon report --out report.html --workspace {ctx.root}`"})


STEPS: list[Step] = [step_workspace, step_world, step_import, step_summary, step_link, step_estimate,
                     step_news, step_sanctions, step_histories, step_next]


def run_demo(directory: str | Path | None = None, *, seed: int = DEFAULT_SEED, n_people: int = DEFAULT_PEOPLE,
             n_lists: int = DEFAULT_LISTS, show: Callable[[Shown], None] | None = None,
             steps: list[Step] | None = None) -> DemoContext:
    """Run every step in order; a temporary folder is used (and kept, so it can be explored) unless given."""
    root = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="reckon-demo-"))
    ctx = DemoContext(root=root.resolve(), seed=seed, n_people=n_people, n_lists=n_lists,
                      show=show)
    for step in steps if steps is not None else STEPS:
        step(ctx)
    ctx.say(_("done. explore it with: %(command)s") % {"command": f"reckon records --workspace {ctx.root}"})
    return ctx
