"""The dashboard's stored summary (reckon.services.summary): the same numbers as the histories and the
register give, read by a page view without touching the register, and new after every import, link run
and review decision (synthetic people from reckon.simulate, on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, func, select

from reckon.histories.intervals import counts_on
from reckon.histories.model import STATES
from reckon.histories.service import count, refresh, series
from reckon.ingest import import_file
from reckon.link import run_link
from reckon.link.review import decide
from reckon.services import dashboard, dre, summary
from reckon.services.dashboard import invalidate, persons_on
from reckon.store.db import get_engine, session_scope
from reckon.store.models import Record
from sim_support import world_files

DAYS = [date(2019, 1, 1), date(2020, 9, 1), date(2021, 6, 15), date(2022, 12, 31), date(2024, 3, 1), date.today()]


@pytest.fixture
def world_ws(workspace, tmp_path):
    """Two of a simulated world's three lists imported and linked; the third left for a later import."""
    world, files = world_files(tmp_path / "lists", n_people=150, seed=11)
    names = list(files)
    for name in names[:2]:
        import_file(workspace, files[name], name)
    run_link(workspace, seed=1)
    refresh(workspace.database_url)
    summary.refresh(workspace.database_url)
    invalidate()
    return workspace, (names[2], files[names[2]])


def test_summary_counts_as_the_histories_do(world_ws) -> None:
    ws, _later = world_ws
    url = ws.database_url
    summ = summary.current(url)
    seen = 0
    for d in DAYS:
        for state in STATES:
            r = count(url, as_of=d, status=state, fresh=False)
            assert summ.count(state, d.toordinal()) == (r.count, r.undetermined), (d, state)
            seen += r.count + r.undetermined
        held = count(url, as_of=d, status="in_custody", by="region", fresh=False)
        assert summ.held_on(d.toordinal()) == held.by
        for state in STATES:   # the dashboard's region table: persons per region as `reckon count --by region`
            r = count(url, as_of=d, status=state, by="region", fresh=False)
            assert summ.region_counts(state, d.toordinal()) == r.by, (d, state)
            assert summ.region_counts(state, d.toordinal(), sure=False) == r.undetermined_by, (d, state)
        on = persons_on(url, d, summary=summ)
        assert on["by_status"]["in_custody"] == held.count
        assert on["unlinked_records"] == held.unlinked_records
    assert seen > 0  # the world has people in some state on some of these days
    points = dre.documented(url, today=date(2024, 3, 1), summary=summ)
    first = date.fromisoformat(points[0]["date"])
    expected = series(url, start=first, end=date(2024, 3, 1), step="month", status="political_prisoner", fresh=False)
    assert [(p["date"], p["count"], p["undetermined"]) for p in points] == \
        [(p["date"], p["count"], p["undetermined"]) for p in expected]


def test_a_page_view_reads_the_stored_summary_not_the_register(world_ws) -> None:
    ws, _later = world_ws
    url = ws.database_url
    summary.forget()   # as a server process that has computed nothing yet
    statements: list[str] = []

    def seen(conn, cursor, statement, params, context, executemany) -> None:
        statements.append(" ".join(statement.lower().split()))

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with session_scope(url) as s:
            view = dashboard.build(ws, s)
            dashboard.build(ws, s, public=True)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert view["records_total"] > 0 and view["persons"]["by_status"]
    scans = [st for st in statements if any(t in st for t in ("from record ", "join record ", "from history_span",
                                                                "from history_key", "from history_event"))]
    assert scans == []   # index lookups of the generation and the stored row, nothing that grows with the data


def test_the_summary_follows_imports_and_review_decisions(world_ws) -> None:
    ws, (name, path) = world_ws
    url = ws.database_url
    before = summary.current(url)
    with session_scope(url) as s:
        current = s.scalar(select(func.count()).select_from(Record).where(Record.is_current.is_(True)))
        persons = dict(s.execute(select(Record.id, Record.person_id).where(Record.is_current.is_(True))).all())
    assert before.aggregates.records_total == current
    # a review decision joins two persons: no write-time refresh, the next view sees it all the same
    a = min(persons)
    b = next(r for r in sorted(persons) if persons[r] != persons[a])
    decide(ws, (a, b), "same", actor="tester")
    after = summary.current(url)
    assert after.generation != before.generation
    assert after.aggregates.persons_total == before.aggregates.persons_total - 1
    assert sum(after.subjects) == sum(before.subjects) - 1
    # an import adds records: the summary a server process holds in memory is not used any more
    import_file(ws, path, name)
    later = summary.current(url)
    with session_scope(url) as s:
        now = s.scalar(select(func.count()).select_from(Record).where(Record.is_current.is_(True)))
    assert later.aggregates.records_total == now > current
    assert name in {src["name"] for src in later.aggregates.sources}
    # what the writer stored is what another process reads
    summary.forget()
    assert summary.current(url).stored() == later.stored()


def test_a_stored_summary_survives_its_round_trip(world_ws) -> None:
    summ = summary.current(world_ws[0].database_url)
    back = summary.Summary.from_stored(summ.stored())
    assert back.aggregates == summ.aggregates and back.ends == summ.ends
    assert back.held_by_region == summ.held_by_region and back.subjects == summ.subjects


def test_counts_on_sums_interval_ends() -> None:
    ends = {True: ([(10, 2), (20, 1)], [(15, 1), (30, 2)]), False: ([(12, 1)], [(13, 1)])}
    assert counts_on(ends, [9, 10, 12, 13, 15, 20, 29, 30]) == {
        True: [0, 2, 2, 2, 1, 2, 2, 0], False: [0, 0, 1, 0, 0, 0, 0, 0]}
    assert dre.months(date(2020, 11, 1), date(2021, 2, 3)) == [
        date(2020, 11, 1), date(2020, 12, 1), date(2021, 1, 1), date(2021, 2, 1)]


def _stored_is_current(url: str) -> dict:
    """The stored summary, asserted to be of the data's current generation (what a page view would find)."""
    from reckon.store.web import state as stored_summary

    with session_scope(url) as s:
        gen = summary.generation(summary.fingerprint(s))
        stored = stored_summary(s, summary.NAME)
    assert stored is not None and stored["generation"] == gen
    return stored


def test_the_summary_is_current_right_after_cli_decisions_and_corrections(world_ws) -> None:
    """`reckon review decide`, the interactive `reckon review` and `reckon person --set` run the one
    after-write step, as the web app and `reckon link` do: no page view is left to compute the numbers."""
    from typer.testing import CliRunner

    from reckon.cli import _build

    ws, _later = world_ws
    url = ws.database_url
    root = str(ws.root)
    before = _stored_is_current(url)
    with session_scope(url) as s:
        persons = dict(s.execute(select(Record.id, Record.person_id).where(Record.is_current.is_(True))).all())
    a = min(persons)
    b = next(r for r in sorted(persons) if persons[r] != persons[a])
    app = _build()

    def run(*args: str, input: str | None = None) -> None:
        res = CliRunner().invoke(app, [*args, "--workspace", root], input=input, catch_exceptions=False)
        assert res.exit_code == 0, res.output

    run("review", "decide", str(a), str(b), "same", "--actor", "cli:tester")
    joined = _stored_is_current(url)
    assert joined["generation"] != before["generation"]
    assert summary.Summary.from_stored(joined).aggregates.persons_total == \
        summary.Summary.from_stored(before).aggregates.persons_total - 1

    with session_scope(url) as s:
        pid = s.scalar(select(Record.person_id).where(Record.id == a))
    run("person", str(pid), "--set", "release_date=2023-05-06", "--note", "made-up")
    corrected = _stored_is_current(url)
    assert corrected["generation"] != joined["generation"]

    run("review", input="s\nq\n")   # one decision with the keys, then quit
    _stored_is_current(url)

