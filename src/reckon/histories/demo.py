"""The demo's histories step: persons on a date, counted by reckon beside the synthetic world's truth.

The demo's main world knows who was documented but not what happened when, so this step draws a second
world with known histories (:mod:`reckon.simulate.histories`), imports its three lists into a workspace of
its own, links them, and prints `reckon count --as-of` for a few dates beside the truth and beside what the
lists themselves determine (the truth minus the people no list reports, with the undetermined apart).
"""

from __future__ import annotations

from datetime import date
from typing import Any

AS_OF = (date(2022, 1, 1), date(2024, 3, 4))


def step_histories(ctx: Any) -> None:
    from reckon.config import init_workspace
    from reckon.histories.service import count, set_source
    from reckon.i18n import _, ngettext, number
    from reckon.ingest.service import import_file
    from reckon.link import run_link
    from reckon.simulate.histories import simulate_histories

    world = simulate_histories(seed=ctx.seed, n_people=300)
    ws = init_workspace(ctx.root / "histories")
    for name, path in world.write_csvs(ctx.root / "histories" / "lists").items():
        import_file(ws, path, source=name, organisation=f"{name} (synthetic)")
    set_source(ws.database_url, "pp_register", political_prisoners=True, list_date=world.list_date.isoformat())
    run_link(ws)
    rows = []
    for on in AS_OF:
        for status in ("political_prisoner", "in_custody"):
            res = count(ws.database_url, as_of=on, status=status)
            sure, undetermined = world.documented_count(status, on)
            rows.append({"reckon count --as-of": on.isoformat(), "status": status, "count": res.count,
                         "undetermined": res.undetermined, "lists determine": f"{sure} (+{len(undetermined)})",
                         "truth": world.true_count(status, on)})
    ctx.results["histories"] = rows
    line = ngettext("a second synthetic world with known histories (%(n)s person; lists dated %(date)s), "
                    "imported into %(folder)s and linked",
                    "a second synthetic world with known histories (%(n)s people; lists dated %(date)s), "
                    "imported into %(folder)s and linked", len(world.people))
    ctx.heading(_("histories"), line % {"n": number(len(world.people)), "date": world.list_date, "folder": ws.root})
    ctx.table(rows, list(rows[0]), title=_("persons on a date: reckon vs. the truth"))
