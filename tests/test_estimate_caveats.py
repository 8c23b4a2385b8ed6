"""Estimates that carry their caveats: the checks that lists can serve as capture–recapture systems, the
refusal (or the forced, not-publishable estimate) and the stored estimate shown on every surface.

The real-data tests run `reckon` as a user does on the two Viasna sample lists (administrative cases and
political prisoners: two populations) and read the result over real HTTP and in the report file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import shared_path
from reckon.errors import EstimateRefused
from reckon.estimate.checks import (
    MIN_OVERLAP,
    MIN_PERSONS,
    ListProfile,
    check_lists,
    check_overlap,
    check_population,
    check_strata,
    data_window,
)
from test_web_support import csrf_from, login, make_users, serve, wait_job

# ---- pure checks ----------------------------------------------------------------------------------------


def table(rows: dict[tuple[int, ...], int]) -> tuple[np.ndarray, np.ndarray]:
    pats = np.array(list(rows), dtype=np.int8)
    return pats, np.array(list(rows.values()))


def refusals(findings) -> list[str]:
    return [f.check for f in findings if f.refuse]


def test_two_lists_with_little_overlap_are_refused_and_enough_overlap_passes() -> None:
    pats, counts = table({(1, 0): 480, (0, 1): 480, (1, 1): 3})
    found = check_overlap(["A", "B"], pats, counts)
    assert refusals(found) == ["overlap"]
    assert "only 3 persons appear on more than one list" in found[0].message
    pats, counts = table({(1, 0): 480, (0, 1): 480, (1, 1): 13})  # 13 of ~500 in common: a warning at best
    found = check_overlap(["A", "B"], pats, counts)
    assert refusals(found) == [] and ["overlap"] == [f.check for f in found]
    assert "only 13 persons in common" in found[0].message
    pats, counts = table({(1, 0): 300, (0, 1): 200, (1, 1): 150})
    assert check_overlap(["A", "B"], pats, counts) == []


def test_a_list_drawn_from_another_is_refused() -> None:
    pats, counts = table({(1, 0): 400, (1, 1): 120})  # everyone on B is on A
    found = check_overlap(["A", "B"], pats, counts)
    assert refusals(found) == ["containment"]
    assert "120 of 120 persons on list B are also on list A" in found[0].message
    pats, counts = table({(1, 0): 400, (1, 1): 120, (0, 1): 10})  # 92 %: a caution
    found = check_overlap(["A", "B"], pats, counts)
    assert refusals(found) == [] and [f.check for f in found] == ["containment"]


def test_too_few_persons_are_refused() -> None:
    pats, counts = table({(1, 0): 10, (0, 1): 10, (1, 1): 20})
    found = check_overlap(["A", "B"], pats, counts)
    assert refusals(found) == ["strata"] and f"fewer than {MIN_PERSONS}" in found[0].message


def admin(name: str = "admin", n: int = 500) -> ListProfile:
    return ListProfile(name, n, kinds={"administrative": n}, dates=("2020-08-10",) * (n // 2) + ("2020-11-15",) * (n - n // 2))


def prisoners(name: str = "prisoners", n: int = 100) -> ListProfile:
    return ListProfile(name, n, statuses={"in_custody": 40, "released": 60}, kinds={"criminal": n - 2},
                       dates=("2020-09-01",) * n)


def test_administrative_cases_and_political_prisoners_are_two_populations() -> None:
    found = check_population([admin(), prisoners()])
    assert refusals(found) == ["population"]
    msg = found[0].message
    assert "list admin is of administrative cases (500 of 500 records)" in msg
    assert "list prisoners of criminal cases (98 of 100 records)" in msg
    assert check_population([prisoners("a"), prisoners("b")]) == []


def test_status_period_and_place_of_one_population() -> None:
    custody = ListProfile("custody", 100, statuses={"in_custody": 100})
    released = ListProfile("released", 100, statuses={"former": 100})
    found = check_population([custody, released])
    assert refusals(found) == ["population"] and "no one can be on both" in found[0].message
    early = ListProfile("early", 100, dates=tuple(f"2011-0{m}-01" for m in range(1, 10)))
    late = ListProfile("late", 100, dates=tuple(f"2021-0{m}-01" for m in range(1, 10)))
    found = check_population([early, late])
    assert refusals(found) == ["population"] and "the periods do not overlap" in found[0].message
    assert "from 1 January 2011 to 1 September 2011" in found[0].message
    east = ListProfile("east", 100, regions={"Homiel": 60, "Mahilioŭ": 40})
    west = ListProfile("west", 100, regions={"Brest": 50, "Hrodna": 50})
    assert refusals(check_population([east, west])) == ["population"]
    minsk = ListProfile("minsk", 100, regions={"Minsk": 90, "Brest": 10})
    found = check_population([minsk, west])
    assert refusals(found) == [] and "mostly different regions" in found[0].message
    # a list that says nothing of status or region is not compared on them
    assert check_population([ListProfile("bare", 100), custody]) == []


def test_thin_strata_refuse_with_their_names() -> None:
    good = table({(1, 0): 200, (0, 1): 200, (1, 1): 100})
    thin = table({(1, 0): 20, (0, 1): 10, (1, 1): 2})
    found = check_strata("region", {"Minsk": (["A", "B"], *good), "Brest": (["A", "B"], *thin)})
    assert refusals(found) == ["strata"] and "1 of 2 groups by region" in found[0].message
    assert "(Brest)" in found[0].message
    assert check_strata("region", {"Minsk": (["A", "B"], *good)}) == []


def test_data_window_in_words() -> None:
    window = data_window([admin(n=4), prisoners(n=2)], "2026-03-04")
    assert window["first"] == "2020-08-10" and window["last"] == "2020-11-15"
    assert window["text"] == ("The lists record detentions from 10 August 2020 to 15 November 2020 (6 of 6 "
                              "records give a date); lists as imported on 4 March 2026.")


@st.composite
def capture_tables(draw):
    k = draw(st.integers(2, 5))
    patterns = [p for p in np.ndindex(*(2,) * k) if any(p)]
    counts = draw(st.lists(st.integers(0, 400), min_size=len(patterns), max_size=len(patterns)))
    return k, np.array(patterns, dtype=np.int8), np.array(counts)


@given(capture_tables())
@settings(max_examples=150, deadline=None)
@example((2, np.array([[0, 1], [1, 0], [1, 1]]), np.array([17, 475, 1])))
@example((2, np.array([[0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0])))
def test_overlap_rules_hold_for_any_table(case) -> None:
    k, pats, counts = case
    lists = [f"L{i}" for i in range(k)]
    found = check_lists(lists, pats, counts)
    multi = int(counts[pats.sum(axis=1) >= 2].sum())
    assert ("overlap" in refusals(found)) == (multi < MIN_OVERLAP)
    assert ("strata" in refusals(found)) == (int(counts.sum()) < MIN_PERSONS)
    # a list copied into the table twice is always caught when it is big enough to tell
    doubled = np.hstack([pats, pats[:, :1]])
    size = int(counts[pats[:, 0] == 1].sum())
    if size >= 10:
        assert "containment" in refusals(check_lists([*lists, "copy"], doubled, counts))


def test_synthetic_worlds_are_valid_systems() -> None:
    """reckon.simulate draws lists of one population: the checks must not refuse them."""
    from reckon.simulate import simulate_world

    for n_lists in (2, 3, 5):
        for seed in range(3):
            world = simulate_world(seed=seed, n_people=1000, n_lists=n_lists)
            rows = world.capture_table()
            pats, counts = table(rows)
            assert refusals(check_lists(list(world.lists), pats, counts)) == [], (n_lists, seed)


def test_published_reference_tables_are_not_refused() -> None:
    from reckon.services.estimate import estimate_table_file

    result = estimate_table_file(shared_path("eval", "mse", "uk_modern_slavery_2013_5lists.csv"))
    assert result.publishable
    assert any("pairs of lists have fewer than 20 persons in common" in w for w in result.warnings)


# ---- the real lists, through the CLI, the web app and the report -----------------------------------------

def reckon(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "COLUMNS": "200",
           "RECKON_ACTOR": "cli:tester"}
    proc = subprocess.run([str(Path(sys.executable).parent / "reckon"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The two Viasna sample lists imported and linked in a fresh workspace, as a documenter would."""
    lists = [shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"),
             shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")]
    root = tmp_path_factory.mktemp("real")
    reckon("init", "ws", cwd=root)
    ws = root / "ws"
    for path, source in zip(lists, ("admin_cases", "political_prisoners"), strict=True):
        reckon("import", str(path), "--source", source, cwd=ws)
    reckon("link", cwd=ws)
    return ws


@pytest.mark.slow
def test_real_lists_of_two_populations_are_refused_then_forced(real) -> None:
    refused = reckon("estimate", cwd=real, check=False)
    assert refused.returncode == 3
    assert "reckon will not estimate on these lists" in refused.stderr
    assert "list admin_cases is of administrative cases" in " ".join(refused.stderr.split())
    assert "--force" in refused.stderr
    as_json = reckon("estimate", "--json", cwd=real, check=False)
    assert as_json.returncode == 3 and json.loads(as_json.stdout)["refused"] is True
    assert reckon("estimates", "--format", "jsonl", cwd=real).stdout == ""  # nothing stored on refusal

    forced = json.loads(reckon("estimate", "--force", "--json", cwd=real).stdout)
    assert forced["publishable"] is False and forced["total"]["publishable"] is False
    assert forced["total"]["estimate"] > forced["total"]["observed"]
    # each warning: its code and parameters, and its text in the terminal's language (English here)
    assert any(w["code"] == "not_publishable" and w["params"]["reason"]["code"] == "different_kinds"
               and w["text"].startswith("not publishable: list admin_cases is of administrative cases")
               for w in forced["warnings"])
    window = forced["data_window"]
    assert window["first"] <= "2020-08-09" <= window["last"] and "The lists record detentions from" in window["text"]

    stored = [json.loads(line) for line in reckon("estimates", "--format", "jsonl", cwd=real).stdout.splitlines()]
    assert len(stored) == 1 and stored[0]["id"] == forced["id"] and stored[0]["publishable"] == "NO"
    assert stored[0]["by"] == "cli:tester" and stored[0]["data window"] == window["text"]

    from reckon.config import load_workspace
    from reckon.store.db import session_scope
    from reckon.store.estimates import get_estimate

    ws = load_workspace(real)
    with session_scope(ws.database_url) as s:
        run = get_estimate(s, forced["id"])
        assert run.forced and not run.publishable and run.origin == "cli" and run.actor == "cli:tester"
        assert run.capture_table["lists"] == ["admin_cases", "political_prisoners"]
        assert sum(run.capture_table["counts"]) == forced["total"]["observed"]

    # the web page, the API and the dashboard show the warnings and the window beside the number
    users = make_users(ws.database_url)
    with serve(ws) as base, httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/estimates", headers=users.headers("viewer")).text
        assert "Not for publication" in page and "administrative cases" in page
        assert window["text"] in page and "run by cli:tester from the command line" in page
        api = client.get("/api/estimates", headers=users.headers("viewer")).json()["estimates"]
        assert api[0]["publishable"] is False and (
            [(w["code"], w["params"]) for w in api[0]["warnings"]] == [(w["code"], w["params"]) for w in forced["warnings"]])
        dash = client.get("/", headers=users.headers("viewer")).text
        assert "not for publication" in dash.lower() and window["text"] in dash
        # run from the web: refused with the reason, then forced from the page's form
        job = wait_job(client, client.post("/api/estimates", headers=users.headers("analyst")).json()["job_id"],
                       users.headers("viewer"), timeout=300)
        assert job["status"] == "failed" and "administrative cases" in job["error"]
        job = wait_job(client, client.post("/api/estimates?force=true",
                                           headers=users.headers("analyst")).json()["job_id"],
                       users.headers("viewer"), timeout=300)
        assert job["status"] == "done" and job["result"]["publishable"] is False
        analyst = login(base, "analyst")
        token = csrf_from(analyst.get("/estimates").text)
        r = analyst.post("/estimates/run", data={"csrf_token": token, "force": "1"})
        assert r.status_code == 303, r.text
        job = wait_job(client, int(r.headers["location"].rsplit("/", 1)[1]), users.headers("viewer"), timeout=300)
        assert job["status"] == "done", job
        latest = client.get("/api/estimates", headers=users.headers("viewer")).json()["estimates"][0]
        assert latest["origin"] == "web" and latest["actor"] == "web:analyst" and latest["publishable"] is False
        assert "from the web app" in client.get("/estimates", headers=users.headers("viewer")).text
    with serve(ws, public=True) as base, httpx.Client(base_url=base, timeout=60) as client:
        public = client.get("/").text
        assert "administrative cases" not in public and "no estimate yet" in public  # never published

    # the report: the full one carries the warnings, the public one leaves the forced estimate out
    reckon("report", "--out", "full.html", cwd=real)
    full = (real / "full.html").read_text(encoding="utf-8")
    assert "Not for publication" in full and "administrative cases" in full and window["text"] in full
    reckon("report", "--out", "public.html", "--public", cwd=real)
    assert "administrative cases" not in (real / "public.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_synthetic_world_estimates_without_refusal_and_is_stored(sqlite_workspace, tmp_path) -> None:
    from reckon.ingest import import_file
    from reckon.link import run_link
    from reckon.services.estimate import estimate_workspace, list_estimates
    from reckon.simulate import simulate_world

    world = simulate_world(seed=4, n_people=600, n_lists=3)
    for name, path in world.write_csvs(tmp_path).items():
        import_file(sqlite_workspace, path, name)
    run_link(sqlite_workspace)
    est = estimate_workspace(sqlite_workspace, actor="anna", origin="web")
    assert est.publishable and est.id is not None
    # Not refused, and a sane interval. Whether intervals cover the truth is a property over many worlds
    # (benchmarks/coverage.py), not of one: this world's lists depend on each other more than the model says.
    assert est.total.observed <= est.total.lower <= est.total.estimate <= est.total.upper
    assert est.data_window["first"] and est.data_window["last"]
    (row,) = list_estimates(sqlite_workspace)
    assert row["id"] == est.id and row["actor"] == "anna" and row["origin"] == "web" and row["publishable"]
    from reckon.services import dashboard
    from reckon.services.dashboard import invalidate
    from reckon.store.db import session_scope

    invalidate()
    with session_scope(sqlite_workspace.database_url) as s:
        shown = dashboard.build(sqlite_workspace, s, public=True)["estimates"]
    assert [e["id"] for e in shown] == [est.id] and "actor" not in shown[0]  # published, without who ran it
    with pytest.raises(EstimateRefused, match="groups by region"):
        estimate_workspace(sqlite_workspace, by="region")  # regions of a few persons each


def test_chart_marks_a_forced_estimate_and_places_it_at_the_end_of_its_data_window(sqlite_workspace) -> None:
    from reckon.charts import documented_reported_estimated
    from reckon.services import dre

    newest = {"method": "loglinear", "estimate": 100, "lower": 50, "upper": 200, "publishable": False,
              "data_window": {"last": "2020-06-30"}, "as_of": "2026-12-06"}
    older = {"method": "loglinear", "estimate": 90, "publishable": True, "data_window": {"last": "2020-05-31"},
             "as_of": "2026-01-01"}
    placed = dre.estimated(sqlite_workspace.database_url, [newest, older])
    assert [(p["date"], p["value"]) for p in placed] == [("2020-06-30", 100.0)]  # the latest of each method
    svg = documented_reported_estimated("x", [{"date": "2020-01-01", "count": 3}, {"date": "2020-05-01", "count": 4}],
                                        [], placed)
    assert "not for publication" in svg
    import re

    drawn = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    assert "2026" not in drawn  # the axis ends with the data, not the day the estimate ran


def test_a_capture_table_with_too_little_overlap_is_refused_unless_forced(tmp_path) -> None:
    from reckon.services.estimate import estimate_table_file

    path = tmp_path / "two.csv"
    path.write_text("A,B,count\n1,0,480\n0,1,470\n1,1,4\n", encoding="utf-8")
    with pytest.raises(EstimateRefused, match="only 4 persons appear on more than one list"):
        estimate_table_file(path)
    forced = estimate_table_file(path, force=True)
    assert not forced.publishable and forced.warnings[0].startswith("not publishable: only 4 persons")
    assert forced.to_dict()["publishable"] is False and "NOT PUBLISHABLE" in forced.summary()
