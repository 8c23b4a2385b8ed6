"""The person page over real HTTP: the timeline (events linked to their sources, conflicts flagged) beside
"which source said what", the editor's correction form, and the judges and courts pages. Made-up people."""

from __future__ import annotations

import csv
from urllib.parse import quote

import pytest
from sqlalchemy import select

from reckon.ingest import import_file
from reckon.link import decide, run_link
from reckon.store.db import session_scope
from reckon.store.models import AuditEvent, Record, Source
from sim_support import import_world
from test_web_support import csrf_from, login, make_users, serve

HEADER = ["id", "name", "birthday", "arrested", "articles", "judge", "court", "decision", "verdict_date"]


def _write(path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(HEADER)
        w.writerows(rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("timeline")
    ws = init_workspace(tmp / "ws")
    import_world(ws, tmp / "lists", n_people=40, seed=4)
    # one made-up person told by two lists that disagree on the day of detention
    _write(tmp / "a.csv", [["A1", "Testovich Uladzimir", "1980-02-03", "2021-05-10", "Art. 342", "Zmitser Probny",
                            "Made-up district court", "3 years", "2021-09-01"]])
    _write(tmp / "b.csv", [["B1", "Testovich Uladzimir", "1980-02-03", "2021-05-12", "Art. 342", "", "", "", ""]])
    import_file(ws, tmp / "a.csv", "list-a")
    import_file(ws, tmp / "b.csv", "list-b")
    run_link(ws, seed=3)
    with session_scope(ws.database_url) as s:
        a, b = (s.scalar(select(Record.id).join(Source).where(Source.name == n)) for n in ("list-a", "list-b"))
    decide(ws, (a, b), "same", actor="tests")
    with session_scope(ws.database_url) as s:
        pid = s.get(Record, a).person_id
        assert pid == s.get(Record, b).person_id
    users = make_users(ws.database_url)
    with serve(ws) as base:
        yield ws, base, users, pid, (a, b)
    dispose_engines()


def test_timeline_shows_events_sources_and_conflicts(site) -> None:
    ws, base, _, pid, (a, b) = site
    client = login(base, "analyst")
    page = client.get(f"/persons/{pid}")
    assert page.status_code == 200
    html = page.text
    timeline = html.split("<h2>Timeline</h2>")[1].split("<h2>Which source said what</h2>")[0]
    # the disputed detention: both days, each with the record that gave it, and a flag
    assert "disputed" in timeline and "10 May 2021" in timeline and "12 May 2021" in timeline
    assert f'href="/records/{a}">list-a #{a}</a>' in timeline and f'href="/records/{b}">list-b #{b}</a>' in timeline
    assert "1 event on which sources disagree" in timeline
    # the verdict, its judge and court linked to their pages; the inferred end of term marked as inferred
    assert "1 September 2021" in timeline and "Zmitser Probny" in timeline and "Made-up district court" in timeline
    assert f'/judges/{quote("Zmitser Probny")}' in timeline and "inferred" in timeline
    said = html.split("<h2>Which source said what</h2>")[1]
    assert "date of detention" in said and "2 values" in said
    assert '<th rowspan="1">judge' in said and '<th rowspan="1">date of the verdict' in said  # facts kept in extra
    # no correction form for an analyst; the read is audited with the person's records
    assert 'action="/persons/' not in html
    with session_scope(ws.database_url) as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "read.person")
                       .order_by(AuditEvent.id.desc())).first()
        assert ev.actor.endswith("analyst") and {a, b} <= set(ev.target_ids)


def test_editor_corrects_and_the_timeline_says_what_changed(site) -> None:
    ws, base, _, pid, (a, b) = site
    analyst = login(base, "analyst")
    token = csrf_from(analyst.get(f"/persons/{pid}").text)
    assert analyst.post(f"/persons/{pid}/corrections", data={"field": "detention_date", "value": "2021-05-11",
                                                             "csrf_token": token}).status_code == 403
    editor = login(base, "editor")
    page = editor.get(f"/persons/{pid}")
    assert 'action="/persons/' in page.text
    token = csrf_from(page.text)
    bad = editor.post(f"/persons/{pid}/corrections", data={"field": "detention_date", "value": "someday",
                                                           "csrf_token": token})
    assert bad.status_code == 400 and "date of detention" in bad.text  # the field in words
    assert editor.post(f"/persons/{pid}/corrections", data={"field": "shoe_size", "value": "1",
                                                            "csrf_token": token}).status_code == 400
    r = editor.post(f"/persons/{pid}/corrections", data={"field": "detention_date", "value": "2021-05-11",
                                                         "note": "court papers", "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == f"/persons/{pid}"
    with session_scope(ws.database_url) as s:
        fix = s.scalars(select(Record).join(Source).where(Source.name == "manual")).one()
        assert fix.person_id == pid and fix.detention_date == "2021-05-11"
        assert s.get(Record, a).detention_date == "2021-05-10" and s.get(Record, b).detention_date == "2021-05-12"
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "person.correct")).one()
        assert ev.actor.endswith("editor") and ev.target_ids == [pid]
    html = editor.get(f"/persons/{pid}").text
    timeline = html.split("<h2>Timeline</h2>")[1].split("<h2>Which source said what</h2>")[0]
    # the correction wins, and the page says which dates it replaced and from where
    assert "corrected" in timeline and f"manual #{fix.id}" in timeline
    assert "disputed" not in timeline and "10 May 2021 (" in timeline and "12 May 2021 (" in timeline
    corrections = html.split("<h2>Corrections</h2>")[1].split("<h2>Records</h2>")[0]
    assert "date of detention = 2021-05-11" in corrections and "court papers" in corrections and "editor" in corrections
    # a recognition date entered by hand is said as such, not "recognised by: manual corrections"
    assert editor.post(f"/persons/{pid}/corrections", data={"field": "recognition_date", "value": "2021-06-01",
                                                            "csrf_token": token}).status_code == 303
    timeline = editor.get(f"/persons/{pid}").text.split("<h2>Timeline</h2>")[1].split("<h2>Which source")[0]
    assert "recognition date entered by a documenter" in timeline and "recognised by: manual" not in timeline


def test_judges_and_courts_pages(site) -> None:
    ws, base, _, pid, _ = site
    viewer = login(base, "viewer")
    page = viewer.get("/judges")
    assert page.status_code == 200 and "Zmitser Probny" in page.text and "Judges &amp; courts" in page.text
    assert viewer.get(f"/judges/{quote('Zmitser Probny')}").status_code == 403  # cases name persons
    analyst = login(base, "analyst")
    detail = analyst.get(f"/judges/{quote('Zmitser Probny')}")
    assert detail.status_code == 200 and f'href="/persons/{pid}"' in detail.text
    assert '<div class="num">3</div>years of imprisonment' in detail.text and "Made-up district court" in detail.text
    assert analyst.get(f"/judges/{quote('Nobody Atall')}").status_code == 404
    courts = viewer.get("/courts")
    assert courts.status_code == 200 and "Made-up district court" in courts.text
    court = analyst.get(f"/courts/{quote('Made-up district court')}")
    assert court.status_code == 200 and "Zmitser Probny" in court.text
    with session_scope(ws.database_url) as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "read.judge")).first() is not None
