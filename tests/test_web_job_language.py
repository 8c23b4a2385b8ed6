"""A job's progress message in the reader's language (issue 18): the API says it (the stage's own words kept
in ``message_raw``), so app.js, which redraws the job's line from the API, keeps the page's language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reckon import i18n
from test_web_support import csrf_from, login, make_users, serve, synthetic_csv, wait_job


def test_progress_messages_are_said_in_each_language() -> None:
    with i18n.use("be"):
        assert i18n.said("clustering") == "кластарызацыя"
        assert i18n.said("12,000 rows read") == "прачытана радкоў: 12\xa0000"
        assert i18n.said("a message nobody catalogued") == "a message nobody catalogued"
    with i18n.use("ru"):
        assert i18n.said("training") == "обучение модели"
    with i18n.use("en"):
        assert i18n.said("1,405 rows read") == "1,405 rows read" and i18n.said("") == ""


@given(st.text(max_size=60), st.sampled_from(i18n.LANGUAGES))
def test_any_message_is_said_without_failing(message: str, lang: str) -> None:
    with i18n.use(lang):
        assert isinstance(i18n.said(message), str)


def test_the_api_sends_the_job_message_in_the_reader_language(sqlite_workspace, tmp_path) -> None:
    from reckon.ingest import import_file

    ws = sqlite_workspace
    import_file(ws, synthetic_csv(tmp_path / "a.csv", n=30, seed=6), "List A")
    users = make_users(ws.database_url)
    with serve(ws) as base:
        editor = login(base, "editor")
        editor.headers["Accept-Language"] = "be"
        started = editor.post("/link/run", data={"csrf_token": csrf_from(editor.get("/review").text)})
        job_id = int(started.headers["location"].rsplit("/", 1)[1])
        wait_job(editor, job_id, users.headers("viewer"), timeout=300)
        raw = editor.get(f"/api/jobs/{job_id}", headers={"Accept-Language": "en"}).json()
        said = editor.get(f"/api/jobs/{job_id}").json()
    assert raw["message_raw"] and raw["message"] == raw["message_raw"]      # English: the stage's words
    assert said["message_raw"] == raw["message_raw"]
    with i18n.use("be"):
        assert said["message"] == i18n.said(raw["message_raw"]) != raw["message_raw"]


def test_a_refused_estimate_job_says_its_reasons_in_the_page_language(tmp_path) -> None:
    """The worker keeps a refusal's reasons as codes in the job's row; the job page says them in be and en."""
    from reckon.config import init_workspace
    from reckon.errors import EstimateRefused
    from reckon.estimate.notes import note
    from reckon.store import jobs as queue
    from reckon.store.db import dispose_engines
    from reckon.web import jobs
    from reckon.web.deps import templates

    ws = init_workspace(tmp_path / "ws")

    def refused(progress):
        raise EstimateRefused([note("no_common_region", a="A", b="B")])

    job_id = queue.enqueue(ws.database_url, "estimate", "web:analyst", {})
    jobs.execute(ws.database_url, job_id, "estimate", refused)  # as a worker runs it
    job = jobs.status(ws.database_url, job_id)
    dispose_engines()
    assert job["status"] == "failed" and "share no region" in job["error"]
    assert job["result"]["reasons"][0]["code"] == "no_common_region"
    page = templates.env.get_template("job.html")
    with i18n.use("be"):
        be = page.render(job=job, request=None, nav=[], user=None, csrf="")
    with i18n.use("en"):
        en = page.render(job=job, request=None, nav=[], user=None, csrf="")
    assert "reckon не будзе рабіць ацэнку па гэтых спісах" in be and "няма ніводнага агульнага рэгіёна" in be
    assert "share no region" not in be and "lists A and B share no region" in en
