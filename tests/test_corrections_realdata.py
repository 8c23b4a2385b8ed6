"""A documenter's corrections on Viasna's real political-prisoner list, through the CLI as README shows them:
`reckon person ID --add-event recognition DATE` and `--set release_date=...`, then `reckon count` and
`reckon histories show` (found walking the product on real data, 7 December 2026)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from conftest import shared_path
from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.store.db import get_engine

LIST_DATE = "2024-03-04"


@pytest.fixture
def listed(sqlite_workspace):
    """The real list imported, linked, declared a political-prisoner list of 4 March 2024; the person of its
    row with id 6 (released 30 November 2022, so on no day both held and recognised by the list's date)."""
    from reckon.link import run_link

    ws = sqlite_workspace
    import_file(ws, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
    run_link(ws)
    sv.set_source(ws.database_url, "viasna_pp", political_prisoners=True, list_date=LIST_DATE)
    with get_engine(ws.database_url).connect() as c:
        pid = c.execute(text("select person_id from record where identity = '6'")).scalar_one()
    return ws, pid


def _cli(ws, *args: str) -> str:
    from reckon.cli import _build

    res = CliRunner().invoke(_build(), [*args, "--workspace", str(ws.root)], catch_exceptions=False,
                             env={"COLUMNS": "400"})   # a table's cells on one line each
    assert res.exit_code == 0, res.output
    return res.output


def test_an_added_recognition_counts_from_its_date_and_replaces_the_lists(listed) -> None:
    ws, pid = listed
    on = date(2022, 1, 1)
    before = sv.count(ws.database_url, as_of=on)
    _cli(ws, "person", str(pid), "--add-event", "recognition", "2021-05-03", "--note", "a test correction")
    after = sv.count(ws.database_url, as_of=on)
    assert after.count == before.count + 1      # held in a criminal case then, and now recognised then
    recognitions = [e for e in sv.history(ws.database_url, pid)["events"] if e["kind"] == "recognition"]
    assert [e["date"] for e in recognitions] == ["2021-05-03"]
    assert recognitions[0]["details"]["corrected"]["replaced"][0]["date"] == LIST_DATE
    assert sv.count(ws.database_url, as_of=date(2021, 5, 2)).count == before.count


def test_histories_show_says_a_correction_and_the_sentence_in_words(listed) -> None:
    ws, pid = listed
    _cli(ws, "person", str(pid), "--set", "release_date=2022-12-01")
    out = _cli(ws, "histories", "show", str(pid))
    assert "{" not in out and "'by'" not in out
    assert "corrected according to record" in out and "replaces 2022-11-30 (record" in out
    # the sentence as the list wrote it (as the person page shows it), not its internal codes
    assert "imprisonment in a general-security penal colony" in out and "colony general" not in out


def test_a_documenters_recognition_is_said_as_such(listed) -> None:
    """Not "recognised by: manual corrections" (in Russian it read as a verb and its object); the person page:
    tests/test_web_person_timeline.py."""
    ws, pid = listed
    _cli(ws, "person", str(pid), "--add-event", "recognition", "2021-05-03")
    out = _cli(ws, "histories", "show", str(pid))
    assert "recognition date entered by a documenter" in out and "recognised by: manual" not in out
