"""The dashboard's documented vs reported vs estimated chart: each series from its stage, placed at the
right date, of the same category, named in the legend, never drawn across a gap (made-up people)."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from reckon import charts
from reckon.histories.service import set_source
from reckon.ingest import import_file
from reckon.link import run_link
from reckon.services import dre
from reckon.services.dashboard import reported_figures

# Made-up political prisoners: detained, recognised, some released; the list is dated 2022-06-30.
PEOPLE = [
    ("P1", "Testau Ales", "1980-01-01", "2020-08-10", "", "active", "2020-09-01"),
    ("P2", "Probnaya Alena", "1985-02-02", "2020-09-01", "2021-06-20", "former", "2020-10-01"),
    ("P3", "Uzorau Ihar", "1990-03-03", "2020-10-05", "", "active", "2020-11-01"),
    ("P4", "Prykladau Yury", "1975-04-04", "2020-11-11", "2022-01-10", "former", "2020-12-01"),
    ("P5", "Chystau Pavel", "1970-05-05", "2020-12-24", "", "active", "2021-01-20"),
    ("P6", "Novaya Hanna", "1995-06-06", "2021-02-14", "", "active", "2021-03-10"),
]
ARTICLE = ("Human rights defenders of Viasna said that at least 40 political prisoners were held in Belarus as of "
           "1 March 2021. By then more than 3,000 people had been persecuted, Viasna reported. "
           "There are 44 political prisoners in Belarus, Viasna said on Friday.")


@pytest.fixture
def ws(workspace, tmp_path):
    path = tmp_path / "pp.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name", "birthday", "arrested", "release_date", "status", "recognition date",
                    "declaration"])
        w.writerows([(*p, "https://example.org/statement") for p in PEOPLE])
    import_file(workspace, path, "pp-list")
    set_source(workspace.database_url, "pp-list", political_prisoners=True, list_date="2022-06-30")
    run_link(workspace, seed=1)
    return workspace


def _point(points, when: str) -> dict:
    return next(p for p in points if p["date"] == when)


def test_documented_series_counts_persons_by_month(ws) -> None:
    points = dre.documented(ws.database_url, today=date(2022, 3, 1))
    # from the month of the first dated event; recognised from the list's date on
    assert points[0]["date"] == "2020-08-01" and points[-1]["date"] == "2022-03-01"
    assert _point(points, "2020-08-01")["count"] == 0          # detained on the 10th, not yet recognised
    assert _point(points, "2021-01-01")["count"] == 4          # P1-P4; P5 recognised on 20 January
    assert _point(points, "2021-02-01")["count"] == 5
    assert _point(points, "2021-04-01")["count"] == 6
    assert _point(points, "2021-07-01")["count"] == 5          # P2 released on 20 June
    assert _point(points, "2022-02-01")["count"] == 4          # P4 released on 10 January
    assert all(p["undetermined"] == 0 for p in points)
    # public: a month below the threshold is a gap, and no undetermined band is given
    public = dre.documented(ws.database_url, today=date(2022, 3, 1), k=5)
    assert _point(public, "2022-02-01")["count"] is None and _point(public, "2021-04-01")["count"] == 6
    assert _point(public, "2021-01-01")["count"] is None and _point(public, "2021-02-01")["count"] == 5
    assert all(p["undetermined"] is None for p in public)


def test_reported_figures_keep_their_category_and_date(ws) -> None:
    from reckon.news.service import import_text

    import_text(ws, ARTICLE, file_name="article.txt", source="press", published="2021-03-05")
    figures = reported_figures(ws)
    assert {f["category"] for f in figures} >= {"political_prisoners", "persecuted"}
    rows = dre.reported(figures)
    assert [(r["date"], r["value"]) for r in sorted(rows, key=lambda r: r["date"])] == [
        ("2021-03-01", 40), ("2021-03-05", 44)]  # as-of date, else the article's publication date
    assert all(r["reporter"] for r in rows)
    assert [r["value"] for r in dre.reported(figures, category="persecuted")] == [3000]


def test_estimates_stand_at_their_data_date_not_their_run_date(ws) -> None:
    run = [{"estimate": 9.5, "lower": 7, "upper": 14, "method": "loglinear", "lists": ["pp-list"],
            "as_of": "2026-12-06"}]
    placed = dre.estimated(ws.database_url, run)
    assert placed == [{"date": "2022-06-30", "value": 9.5, "lower": 7, "upper": 14, "method": "loglinear",
                       "lists": ["pp-list"], "publishable": None, "run_on": "2026-12-06"}]
    set_source(ws.database_url, "pp-list", political_prisoners=True, list_date="2021-05")
    assert dre.estimated(ws.database_url, run)[0]["date"] == "2021-05-31"  # a partial date: its last day
    assert dre.estimated(ws.database_url, [{"estimate": None}]) == []


def _documented_path(svg: str) -> str:
    group = svg.split('id="documented"', 1)[1]
    return re.search(r'<path d="([^"]+)"', group).group(1)


def test_chart_names_every_series_and_breaks_at_gaps() -> None:
    documented = [{"date": "2021-01-01", "count": 10, "undetermined": 2}, {"date": "2021-02-01", "count": 12, "undetermined": 0},
                  {"date": "2021-03-01", "count": None, "undetermined": None},
                  {"date": "2021-04-01", "count": 11, "undetermined": 0}, {"date": "2021-05-01", "count": 9, "undetermined": 0}]
    reported = [{"date": "2021-02-10", "value": 15, "reporter": "Made-up Group"}]
    estimated = [{"date": "2021-05-01", "value": 20.0, "lower": 14, "upper": 30, "method": "loglinear"}]
    svg = charts.documented_reported_estimated("t", documented, reported, estimated)
    for label in ("documented in this register (persons)",
                  "documented, undetermined (partial or disputed dates)",
                  "reported by Made-up Group, at the date it gives",
                  "estimated total (log-linear models), at its data's date"):
        assert label in svg
    assert "reported by reported" not in charts.documented_reported_estimated(
        "w", [], [{"date": "2021-02-10", "value": 15, "reporter": "reported"}], [])
    path = _documented_path(svg)
    assert path.count("M") == 2  # two runs of line: none across the suppressed month
    whole = charts.documented_reported_estimated("u", [p for p in documented if p["count"] is not None], [], [])
    assert _documented_path(whole).count("M") == 1
    assert "nothing documented" in charts.documented_reported_estimated("v", [], [], [])


def _tick_values(svg: str) -> list[int]:
    """The y axis's tick labels as numbers (English grouping)."""
    group = svg.split('id="matplotlib.axis_2"', 1)[1]
    return [int(t.replace(",", "")) for t in re.findall(r"<text[^>]*>([\d,]+)</text>", group)]


def test_a_wide_interval_does_not_flatten_the_documented_line() -> None:
    """An interval's bound a hundred times the counts is cut at the top and written there; the scale
    stays that of the counts, so a line of a few hundred persons is not drawn on the floor."""
    documented = [{"date": f"2021-0{m}-01", "count": 300 + 20 * m, "undetermined": 0} for m in range(1, 6)]
    estimated = [{"date": "2021-05-01", "value": 900.0, "lower": 450, "upper": 141741, "method": "lcmcr"}]
    svg = charts.documented_reported_estimated("wide", documented, [], estimated)
    assert max(_tick_values(svg)) < 1200
    assert "up to 141,741" in svg
    # a bound within three times the counts sets the scale and is drawn whole, with no note
    near = charts.documented_reported_estimated(
        "near", documented, [], [{**estimated[0], "upper": 1500}])
    assert max(_tick_values(near)) >= 1500
    assert "up to" not in near


def test_dashboard_draws_the_chart(ws) -> None:
    from reckon.services import dashboard
    from reckon.services.dashboard import invalidate
    from reckon.store.db import session_scope

    invalidate()
    with session_scope(ws.database_url) as s:
        full = dashboard.build(ws, s)
        public = dashboard.build(ws, s, public=True)
    assert "documented in this register (persons)" in full["charts"]["dre"]
    assert "documented in this register (persons)" in public["charts"]["dre"]
