"""`reckon count`, `reckon series`, `reckon histories ...` and /api/count, /api/series on a synthetic world."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reckon.cli import _build
from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.simulate.histories import simulate_histories
from test_web_support import make_users, serve

runner = CliRunner()


def _ws(tmp_path, n_people: int = 150):
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws")
    world = simulate_histories(seed=5, n_people=n_people)
    files = world.write_csvs(tmp_path / "lists")
    return ws, world, files


def _run(*args: str):
    return runner.invoke(_build(), list(args), catch_exceptions=False)


def test_count_json_series_and_show(tmp_path) -> None:
    ws, world, files = _ws(tmp_path)
    for name in ("pp_register", "admin_cases"):
        r = _run("import", str(files[name]), "--source", name, "--workspace", str(ws.root))
        assert r.exit_code == 0, r.output
    r = _run("histories", "source", "pp_register", "--list-date", world.list_date.isoformat(),
             "--workspace", str(ws.root))
    assert r.exit_code == 0, r.output
    r = _run("count", "--as-of", "2023-01-01", "--status", "in_custody", "--json", "--workspace", str(ws.root))
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert set(out) >= {"as_of", "status", "count", "undetermined", "by"}
    assert out["as_of"] == "2023-01-01" and out["status"] == "in_custody" and out["count"] > 0
    assert out["unlinked_records"] > 0                     # not linked yet: each record is its own person
    r = _run("count", "--as-of", "2023-01-01", "--by", "sex", "--json", "--workspace", str(ws.root))
    by = json.loads(r.output)
    assert sum(by["by"].values()) == by["count"] and set(by["by"]) <= {"male", "female", "unknown"}
    default = json.loads(_run("count", "--json", "--workspace", str(ws.root)).output)
    assert default["status"] == "political_prisoner" and default["as_of"] == date.today().isoformat()
    table = _run("count", "--as-of", "2023-01-01", "--workspace", str(ws.root)).output
    assert "political prisoners as of 1 January 2023: " in table and "not linked" in table
    r = _run("series", "--from", "2021-01-01", "--to", "2021-12-31", "--step", "month", "--status", "in_custody",
             "--format", "csv", "--workspace", str(ws.root))
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [x["date"] for x in rows][:2] == ["2021-01-01", "2021-02-01"] and len(rows) == 13
    assert [x["date"] for x in rows][-2:] == ["2021-12-01", "2021-12-31"]   # the date asked for ends it
    jan = sv.count(ws.database_url, as_of=date(2021, 1, 1), status="in_custody")
    assert (int(rows[0]["count"]), int(rows[0]["undetermined"])) == (jan.count, jan.undetermined)
    r = _run("series", "--from", "2021-01-01", "--to", "2021-01-15", "--step", "week", "--format", "jsonl",
             "--workspace", str(ws.root))
    assert len(r.output.strip().splitlines()) == 3
    r = _run("series", "--from", "2020-02-29", "--to", "2024-03-04", "--step", "year", "--status", "in_custody",
             "--format", "csv", "--workspace", str(ws.root))
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))   # the same day each year; 28 February when no 29th
    assert [x["date"] for x in rows] == ["2020-02-29", "2021-02-28", "2022-02-28", "2023-02-28", "2024-02-29",
                                         "2024-03-04"]
    for x in rows:
        res = sv.count(ws.database_url, as_of=date.fromisoformat(x["date"]), status="in_custody")
        assert (int(x["count"]), int(x["undetermined"])) == (res.count, res.undetermined)
    pid = next(iter(world.reported))
    r = _run("histories", "show", "1", "--record", "--format", "jsonl", "--workspace", str(ws.root))
    assert r.exit_code == 0 and '"event"' in r.output and pid is not None


def test_bad_options_are_clear_errors(tmp_path) -> None:
    ws, _, _ = _ws(tmp_path, 20)
    r = runner.invoke(_build(), ["count", "--as-of", "04.03.2024", "--workspace", str(ws.root)])
    assert r.exit_code != 0
    r = runner.invoke(_build(), ["series", "--from", "2024-01-01", "--to", "2023-01-01", "--workspace", str(ws.root)])
    assert r.exit_code != 0
    r = runner.invoke(_build(), ["histories", "source", "nope", "--workspace", str(ws.root)])
    assert r.exit_code != 0


def test_import_and_link_refresh_histories(tmp_path) -> None:
    ws, _, files = _ws(tmp_path, 60)
    _run("import", str(files["pp_register"]), "--source", "pp", "--workspace", str(ws.root))
    from reckon.store import histories_build as hb
    from reckon.store.db import session_scope

    with session_scope(ws.database_url) as s:
        build = hb.last_build(s)
        assert build is not None and build.signature == hb.register_signature(s)   # fresh right after import


def test_api_count_and_series_audited_and_suppressed_in_public_mode(tmp_path) -> None:
    ws, world, files = _ws(tmp_path, 200)
    for name in ("pp_register", "partner", "admin_cases"):
        import_file(ws, files[name], name)
    sv.set_source(ws.database_url, "pp_register", list_date=world.list_date.isoformat())
    users = make_users(ws.database_url)
    with serve(ws) as base:
        h = users.headers("analyst")
        got = httpx.get(base + "/api/count", params={"as_of": "2023-01-01", "status": "in_custody", "by": "region"},
                        headers=h, timeout=60).json()
        want = sv.count(ws.database_url, as_of=date(2023, 1, 1), status="in_custody", by="region").as_dict()
        assert got == want
        series = httpx.get(base + "/api/series", params={"from": "2021-01-01", "to": "2021-06-01", "step": "month"},
                           headers=h, timeout=60).json()
        assert len(series) == 6
        years = httpx.get(base + "/api/series", params={"from": "2020-08-01", "to": "2024-03-04", "step": "year"},
                          headers=h, timeout=60).json()
        assert [x["date"] for x in years] == ["2020-08-01", "2021-08-01", "2022-08-01", "2023-08-01", "2024-03-04"]
        assert years[2]["count"] == sv.count(ws.database_url, as_of=date(2022, 8, 1)).count
        assert httpx.get(base + "/api/series", params={"from": "2022-01-01", "to": "2021-01-01"}, headers=h,
                         timeout=60).status_code == 422
        stats = httpx.get(base + "/api/stats", params={"as_of": "2023-01-01"}, headers=h, timeout=60).json()
        assert stats["persons"]["by_status"]["in_custody"] == want["count"]
        log = httpx.get(base + "/api/audit", params={"action": "read.count"}, headers=users.headers("admin"),
                        timeout=60).json()
        assert log and log[0]["details"]["status"] == "in_custody"
    with serve(ws, public=True) as base:
        pub = httpx.get(base + "/api/count", params={"as_of": "2023-01-01", "status": "in_custody", "by": "region"},
                        timeout=60).json()
        cells = [v for v in pub["by"].values()]
        assert all(v is None or v >= 5 for v in cells)
        assert pub["count"] is None or pub["count"] >= 5
        if any(0 < v < 5 for v in want["by"].values()):
            assert None in cells
        stats = httpx.get(base + "/api/stats", timeout=60).json()
        assert all(v is None or v == 0 or v >= 5 for v in stats["persons"]["by_status"].values())


def test_store_api_for_the_person_page_and_judges(tmp_path) -> None:
    """history() gives events with their records and states; events_for() finds a judge's verdicts."""
    from reckon.histories.derive import text_key
    from reckon.store import histories as hs
    from reckon.store.db import session_scope

    ws, world, files = _ws(tmp_path, 80)
    import_file(ws, files["admin_cases"], "admin_cases")
    sv.refresh(ws.database_url)
    judge = world.lists["admin_cases"][0]["judge"]
    with session_scope(ws.database_url) as s:
        verdicts = hs.events_for(s, "verdict", judge=text_key(judge))  # judges are found by their key
        everything = hs.events_for(s, "verdict")
    want = sum(1 for row in world.lists["admin_cases"] if row["judge"] == judge)
    assert len(verdicts) == want and 0 < want < len(everything)
    assert all(v["details"]["judge"] == judge and v["record_ids"] for v in verdicts)
    h = sv.history(ws.database_url, 1, record=True)
    assert h is not None and h["subject_id"] == -1 and h["n_records"] == 1
    kinds = [e["kind"] for e in h["events"]]
    assert kinds[0] == "detention" and "verdict" in kinds and all(e["record_ids"] == [1] for e in h["events"])
    assert {x["state"] for x in h["states"]} >= {"in_custody", "persecuted"}
    assert sv.history(ws.database_url, 10_000) is None


def test_demo_step_prints_the_count_beside_the_truth(tmp_path) -> None:
    from reckon.demo import DemoContext, step_histories

    ctx = DemoContext(root=tmp_path / "demo", seed=4)
    step_histories(ctx)
    rows = ctx.results["histories"]
    assert [r["reckon count --as-of"] for r in rows] == ["2022-01-01", "2022-01-01", "2024-03-04", "2024-03-04"]
    for r in rows:
        determined = int(r["lists determine"].split()[0])
        assert 0 < r["count"] <= r["truth"] + r["undetermined"]
        assert abs(r["count"] - determined) <= max(3, 0.1 * determined), r
    assert "known histories" in ctx.text()


def test_dashboard_and_stats_count_persons_on_a_date_not_records(tmp_path) -> None:
    """Two lists of the same people: records double, persons do not; the headline follows as_of."""
    from reckon.places import region_label
    from reckon.report.build import render_html

    ws, world, files = _ws(tmp_path, 150)
    for name in ("pp_register", "partner", "admin_cases"):
        import_file(ws, files[name], name)
    sv.set_source(ws.database_url, "pp_register", list_date=world.list_date.isoformat())
    from test_histories_world import _link_from_truth

    _link_from_truth(ws, world)
    users = make_users(ws.database_url)
    on = date(2022, 1, 1)
    held = sv.count(ws.database_url, as_of=on, status="in_custody", by="region")
    pp = sv.count(ws.database_url, as_of=on, status="political_prisoner")
    with serve(ws) as base:
        h = users.headers("viewer")
        stats = httpx.get(base + "/api/stats", params={"as_of": on.isoformat()}, headers=h, timeout=60).json()
        assert stats["as_of"] == "2022-01-01"
        assert stats["by_status"]["in_custody"] == held.count and stats["by_status"]["political_prisoner"] == pp.count
        assert stats["by_region"] == {region_label(k) if k != "unknown" else k: n for k, n in held.by.items()}
        assert sum(stats["by_region"].values()) == held.count
        persecuted = stats["by_status"]["persecuted"]
        assert sum(stats["records_by_status"].values()) == stats["records_total"] > persecuted > 0
        page = httpx.get(base + "/", params={"as_of": on.isoformat()}, headers=h, timeout=60).text
        assert f'data-testid="persons-in-custody">{held.count}<' in page
        assert f'data-testid="persons-political-prisoner">{pp.count}<' in page
        assert "Persons held on 1 January 2022, by region" in page and "Persons by region and state on 1 January 2022" in page
        later = httpx.get(base + "/", params={"as_of": "2020-01-01"}, headers=h, timeout=60).text
        assert 'data-testid="persons-in-custody">0<' in later   # before anyone's detention
    with serve(ws, public=True) as base:
        stats = httpx.get(base + "/api/stats", params={"as_of": on.isoformat()}, timeout=60).json()
        assert all(v is None or v == 0 or v >= 5 for v in stats["by_region"].values())
        assert all(v is None or v == 0 or v >= 5 for v in stats["by_status"].values())
        if any(0 < v < 5 for v in held.by.values()):
            assert None in stats["by_region"].values()
    report = render_html(ws)
    from reckon import i18n

    with i18n.use("en"):
        today = i18n.day(date.today())
    assert f"Held in custody: persons on {today}" in report


def test_histories_source_confirms_in_the_terminal_language(tmp_path, monkeypatch) -> None:
    """The confirmation of `reckon histories source` goes through the catalogue: Belarusian in a
    Belarusian terminal, Russian in a Russian one, the list's date as declared or the import's day."""
    ws, _world, files = _ws(tmp_path, n_people=20)
    r = _run("import", str(files["pp_register"]), "--source", "pp_register", "--workspace", str(ws.root))
    assert r.exit_code == 0, r.output
    monkeypatch.setenv("RECKON_LANG", "be")
    out = _run("histories", "source", "pp_register", "--list-date", "2024-03-04", "--workspace", str(ws.root)).output
    out = " ".join(out.split())   # the console wraps long lines
    assert "Крыніца 'pp_register': спіс палітвязняў; дата спіса: 2024-03-04." in out
    out = _run("histories", "source", "pp_register", "--not-political-prisoners", "--workspace", str(ws.root)).output
    out = " ".join(out.split())
    assert "Крыніца 'pp_register': не спіс палітвязняў; дата спіса: дзень кожнага імпарту." in out
    monkeypatch.setenv("RECKON_LANG", "ru")
    out = _run("histories", "source", "pp_register", "--workspace", str(ws.root)).output
    out = " ".join(out.split())
    assert "Источник 'pp_register': список политзаключённых; дата списка: день каждого импорта." in out
    monkeypatch.setenv("RECKON_LANG", "en")
    out = _run("histories", "source", "pp_register", "--workspace", str(ws.root)).output
    out = " ".join(out.split())
    assert "Source 'pp_register': a political-prisoner list; list date: the day of each import." in out


def _step(start: date, i: int, months: int) -> date:
    import calendar

    y, m = divmod(start.month - 1 + i * months, 12)
    return date(start.year + y, m + 1, min(start.day, calendar.monthrange(start.year + y, m + 1)[1]))


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 40 * 366),
       st.sampled_from(["month", "year"]))
def test_month_and_year_steps_keep_the_day_or_the_months_last(start: date, span: int, step: str) -> None:
    import calendar
    from datetime import timedelta

    end = min(start + timedelta(days=span), date(9999, 12, 31))
    days = sv._dates(start, end, step)
    months = 12 if step == "year" else 1
    assert days[0] == start and days[-1] == end   # the date asked for is always the last point
    # every point but the last is a step; the last is one too, or else the end added after the last step
    grid = days if days[-1] == _step(start, len(days) - 1, months) else days[:-1]
    for i, d in enumerate(grid):
        y, m = divmod(start.month - 1 + i * months, 12)
        assert (d.year, d.month) == (start.year + y, m + 1)
        assert d.day == min(start.day, calendar.monthrange(d.year, d.month)[1])
    y, m = divmod(start.month - 1 + len(grid) * months, 12)   # the next step would be past the end
    if start.year + y <= 9999:
        nxt = date(start.year + y, m + 1, min(start.day, calendar.monthrange(start.year + y, m + 1)[1]))
        assert nxt > end
