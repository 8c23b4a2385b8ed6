"""The dashboard's and the report's region table on Viasna's two real lists (read in place from
../shared): it counts persons by region and state from their histories, as ``reckon count --by region``
does, not the records' own region column (empty in both lists, so every record used to show "unknown");
the public view hides its small cells so that none can be recomputed from what is shown."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from reckon.histories.model import STATES
from test_walk_realdata import viasna  # noqa: F401  (the fixture: both real lists imported)

ON = date(2021, 1, 1)


@pytest.fixture
def linked(viasna):  # noqa: F811 - the fixture imported above
    """Both real lists imported and linked (the histories and the summary follow the link run)."""
    from reckon.link import run_link

    run_link(viasna)
    return viasna


def _cli_count(ws, state: str) -> dict:
    from reckon.cli import _build

    r = CliRunner().invoke(_build(), ["count", "--as-of", ON.isoformat(), "--status", state, "--by", "region",
                                      "--json", "--workspace", str(ws.root)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def _column(table: dict, state: str) -> dict:
    j = table["cols"].index(state)
    return {r: row[j] for r, row in zip(table["rows"], table["cells"], strict=True)}


def test_region_table_counts_persons_as_reckon_count_by_region(linked) -> None:
    from reckon import i18n
    from reckon.places import region_label
    from reckon.services.dashboard import build
    from reckon.store.db import session_scope

    with i18n.use("en"), session_scope(linked.database_url) as s:
        view = build(linked, s, as_of=ON)
    table = view["region_status"]
    assert table is view["persons"]["region_state"]
    assert table["cols"] == list(STATES)
    assert "Minsk City" in table["rows"] and table["rows"] != ["unknown"]   # the persons' regions are known
    for state in STATES:
        cli = _cli_count(linked, state)
        expected = {region_label(k, "en") if k != "unknown" else k: n for k, n in cli["by"].items()}
        shown = {r: n for r, n in _column(table, state).items() if n}
        assert shown == expected, state
        j = table["cols"].index(state)
        assert table["col_totals"][j] == cli["count"]
        # the undetermined persons are a figure apart, in no region (as the CLI gives them)
        assert table["undetermined"][j] == cli["undetermined"]
        assert sum(shown.values()) == cli["count"]
    persecuted = _cli_count(linked, "persecuted")
    # persons, not records: 518 rows of the two lists are fewer persons once linked
    assert persecuted["count"] <= view["persons_total"] < view["records_total"]
    assert view["persons"]["held_by_region"] == {r: n for r, n in _column(table, "in_custody").items() if n}


def test_report_shows_persons_by_region_today(linked) -> None:
    """The report counts on the day it is made (as its summary's person counts do), persons not records."""
    from reckon import i18n
    from reckon.histories.service import count
    from reckon.report.build import render_html

    html = render_html(linked, lang="en")
    with i18n.use("en"):
        today = i18n.day(date.today())
    assert f"Persons by region and state on {today}" in html and "Records by region and status" not in html
    minsk = count(linked.database_url, status="persecuted", by="region").by["BY-HM"]
    assert "<tr><th>Minsk City</th><td>" in html and f"<td>{minsk}</td>" in html
    assert "undetermined (in no region above)" in html


def test_public_region_table_hides_small_cells_and_what_would_reveal_them(linked) -> None:
    from reckon.services.dashboard import persons_on

    full = persons_on(linked.database_url, ON)["region_state"]
    public = persons_on(linked.database_url, ON, k=5)["region_state"]
    assert public["rows"] == full["rows"]
    small = 0
    for j, state in enumerate(public["cols"]):
        cells = [row[j] for row in public["cells"]]
        truth = [row[j] for row in full["cells"]]
        for shown, n in zip(cells, truth, strict=True):
            assert shown is None or shown == n
            if 0 < n < 5:
                small += 1
                assert shown is None
        # large counts stay shown (Minsk City's persecuted persons, hundreds of them)
        assert all(shown == n for shown, n in zip(cells, truth, strict=True) if n >= 5 and
                   sum(1 for c in cells if c is None) == 0)
        # one equation per state (its regions add up to its count): never a single hidden entry in it
        entries = [*cells, public["col_totals"][j]]
        assert sum(1 for c in entries if c is None) != 1, state
        und = public["undetermined"][j]
        assert und is None or und == 0 or und >= 5
    assert small > 0   # the real lists do have small cells to hide
    # the same cells hidden as /api/count?by=region hides in public mode (two suppressions of one column
    # that differed would together reveal a hidden cell)
    from reckon.histories.service import count
    from reckon.places import region_label
    from reckon.web.api import _suppressed

    for j, state in enumerate(public["cols"]):
        api = _suppressed(count(linked.database_url, as_of=ON, status=state, by="region").as_dict(), "region")
        assert public["col_totals"][j] == api["count"]
        column = {r: row[j] for r, row in zip(public["rows"], public["cells"], strict=True)}
        assert {region_label(key) if key != "unknown" else key: n for key, n in api["by"].items()} == \
            {r: n for r, n in column.items() if full["cells"][full["rows"].index(r)][j]}
    minsk = public["rows"].index("Minsk City")
    assert public["cells"][minsk][public["cols"].index("persecuted")] == \
        full["cells"][minsk][full["cols"].index("persecuted")] > 100
