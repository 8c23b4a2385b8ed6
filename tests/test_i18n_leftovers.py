"""The English a walk through the app in Belarusian found (issue 18): each page, drawn by the real app on a
SQLite workspace of synthetic people, shows the Belarusian words and none of the English it used to show;
the CLI's empty listings say so, and `reckon report` says "wrote" in the report's own language."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from reckon import i18n
from test_i18n import visible_text
from test_web_support import PASSWORD, csrf_from, login, serve, synthetic_csv, wait_job


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.sanctions.demo import demo_sanctions
    from reckon.services.accounts import add_user
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("leftovers")
    ws = init_workspace(tmp / "ws")
    add_user(ws.database_url, "admin", "admin", PASSWORD)
    add_user(ws.database_url, "reader", "viewer", PASSWORD)
    import_file(ws, synthetic_csv(tmp / "list.csv", n=30, seed=5), "Made-up list")
    demo_sanctions(ws, tmp / "sanctions")
    with serve(ws) as base:
        client = login(base, "admin")
        client.headers["Accept-Language"] = "be"
        job = client.post("/link/run", data={"csrf_token": csrf_from(client.get("/review").text)})
        job_id = int(job.headers["location"].rsplit("/", 1)[1])
        assert wait_job(client, job_id)["status"] == "done"
        yield ws, base, client, job_id
    dispose_engines()


def english_left(page: str, words: list[str]) -> list[str]:
    text = visible_text(page)
    return [w for w in words if w in text]


def test_403_names_the_role_in_belarusian(site) -> None:
    _ws, base, _client, _job = site
    reader = login(base, "reader")
    reader.headers["Accept-Language"] = "be"
    page = reader.get("/users")
    assert page.status_code == 403
    assert "тут патрэбна роля «адміністратар» або вышэйшая" in visible_text(page.text)
    assert english_left(page.text, ["role or higher", "this needs"]) == []
    api = httpx.get(base + "/api/users", headers={"Accept-Language": "be"}, cookies=reader.cookies)
    assert "role or higher" in api.text or api.status_code in (401, 404)   # programs keep the English text


def test_person_page_fields_reasons_and_bad_dates_in_belarusian(site) -> None:
    _ws, _base, client, _job = site
    for field, value in (("verdict_date", "2022-05-04"), ("judge", "Суддзя Выдуманы"), ("court", "Суд Выдуманы"),
                         ("prosecutor", "Пракурор Выдуманы"), ("lawyer", "Адвакат Выдуманы")):
        r = client.post("/persons/1/corrections", data={"field": field, "value": value, "note": "test",
                                                          "csrf_token": csrf_from(client.get("/persons/1").text)})
        assert r.status_code == 303, r.text
    bad = client.post("/persons/1/corrections", data={"field": "birth_date", "value": "not a day at all",
                                                       "csrf_token": csrf_from(client.get("/persons/1").text)})
    assert bad.status_code == 400
    assert "дата нараджэння: не дата" in visible_text(bad.text)
    assert english_left(bad.text, ["file correction", "field 'birth_date'", "not a date"]) == []
    page = client.get("/persons/1").text
    text = visible_text(page)
    for words in ("дата прысуду", "суддзя", "пракурор", "адвакат"):
        assert words in text, words
    assert english_left(page, ["verdict_date", "verdict date", "prosecutor", "lawyer", "at the verdict",
                               "end of term", "recognised by declaration", "before the list's date"]) == []


def test_release_reasons_and_recognition_are_catalogued() -> None:
    with i18n.use("be"):
        assert i18n.said("end of term") == "канец тэрміну"
        assert i18n.said("at the verdict") == "пры вынясенні прысуду"
        assert i18n.label("declaration") == "заява"
    from reckon.link.levels import comparison_words

    with i18n.use("ru"):
        assert comparison_words("given_name_frequency") == "частота имени"
        assert comparison_words("extra_judge") == "судья"
        assert comparison_words("birth_date") == "дата рождения"


def test_job_page_says_the_result_in_words(site) -> None:
    _ws, _base, client, job_id = site
    page = client.get(f"/jobs/{job_id}").text
    assert "<details>" in page
    summary = page.split('class="job-summary">', 1)[1].split("</p>", 1)[0]
    assert summary.startswith("Запісаў: 30;") and "асоб:" in summary


def test_officials_headers_in_belarusian(site) -> None:
    _ws, _base, client, _job = site
    page = client.get("/officials").text
    headers = [visible_text(h).strip() for h in page.split("<thead>", 1)[1].split("</thead>", 1)[0].split("<th>")[1:]]
    assert headers[:3] == ["№", "імя", "дата нараджэння"] and headers[-1] == "у спісах:"
    assert english_left(page, ["listed by", "listed_by"]) == []


def test_audit_and_review_pages_carry_no_codes(site) -> None:
    _ws, _base, client, _job = site
    audit = client.get("/audit").text
    assert "прачытана радкоў" in visible_text(audit).lower() or "радкоў" in visible_text(audit)
    assert english_left(audit, ["rows_read", "rows read", "verdict_date", "political_prisoner"]) == []
    import re

    codes = set(re.findall(r"\b[a-z]+_[a-z_]+\b", visible_text(audit))) - {"demo_national_list", "demo_officials"}
    assert codes == set(), codes     # no code left as it is stored (the two are the demo's files' names)
    review = client.get("/review").text
    assert english_left(review, ["given name frequency", "All other comparisons", "evidence beyond the pair"]) == []


def test_cli_empty_listings_and_estimates_format(tmp_path, monkeypatch) -> None:
    from reckon.cli import _build
    from reckon.config import init_workspace

    app = _build()

    monkeypatch.setenv("RECKON_LANG", "be")
    ws = init_workspace(tmp_path / "ws")
    runner = CliRunner()
    quarantine = runner.invoke(app, ["quarantine", "-w", str(ws.root)])
    assert quarantine.exit_code == 0 and "у каранціне нічога" in quarantine.output
    assert "┏" not in quarantine.output                      # no empty table drawn
    csv_out = runner.invoke(app, ["quarantine", "-f", "csv", "-w", str(ws.root)])
    assert csv_out.output.startswith("source")                  # programs still get the header
    estimates = runner.invoke(app, ["estimates", "-f", "jsonl", "-w", str(ws.root)])
    assert estimates.exit_code == 0 and estimates.output == ""
    counted = runner.invoke(app, ["count", "--by", "region", "-w", str(ws.root)])
    assert counted.exit_code == 0, counted.output
    assert "няма каго лічыць" in counted.output


def test_report_says_wrote_in_the_reports_language(tmp_path, monkeypatch) -> None:
    from reckon.cli import _build
    from reckon.config import init_workspace

    app = _build()

    for name in ("RECKON_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    ws = init_workspace(tmp_path / "ws")
    out = tmp_path / "public.html"
    result = CliRunner().invoke(app, ["report", "--public", "-o", str(out), "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert 'lang="be"' in out.read_text(encoding="utf-8")
    assert result.output.startswith("запісана:") and not result.output.startswith("wrote")
