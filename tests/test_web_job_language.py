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


def _failed(url: str, kind: str, exc: BaseException) -> dict:
    """A job of ``kind`` that raises ``exc``, run as a worker runs it; its status as the API reads it."""
    from reckon.store import jobs as queue
    from reckon.web import jobs

    def work(progress):
        raise exc

    job_id = queue.enqueue(url, kind, "web:editor", {})
    jobs.execute(url, job_id, kind, work)
    return jobs.status(url, job_id)


def test_a_failed_job_keeps_its_error_as_a_code_and_says_it_in_each_language(workspace) -> None:
    """job.error keeps the English text (programs, old readers); result.error the code and parameters the
    job page and /api/jobs/{id} say it with in the reader's language (SQLite and PostgreSQL)."""
    from reckon.errors import InputError
    from reckon.web.joberrors import JobFailure

    url = workspace.database_url
    with i18n.use("be"):
        gone = _failed(url, "import", JobFailure("upload_gone"))
        bad = _failed(url, "import", InputError("not a date", file="list.csv", row=12, field="birth_date"))
        odd = _failed(url, "link", ValueError("a message that might quote a name"))
    assert gone["error_raw"] == "the uploaded file of this import is gone; upload it again"
    assert gone["error_code"] == "upload_gone" and gone["error_params"] == {}
    assert gone["error"] == "загружанага файла гэтага імпарту ўжо няма; загрузіце яго зноў"
    assert bad["error_code"] == "input" and bad["error_params"]["row"] == 12
    assert bad["error_raw"] == "file list.csv, row 12, field 'birth_date': not a date"
    assert bad["error"] == "файл list.csv, радок 12, поле «дата нараджэння»: не дата"   # field and message said
    assert odd["error_code"] == "unexpected" and odd["error_params"] == {"type": "ValueError"}
    assert "quote a name" not in odd["error"] + odd["error_raw"] and odd["error"].startswith("нечаканая памылка")
    with i18n.use("ru"):
        from reckon.web import jobs

        again = jobs.status(url, gone["id"])
    assert again["error"] == "загруженного файла этого импорта больше нет; загрузите его снова"


def test_an_old_job_row_with_text_only_shows_its_text(sqlite_workspace) -> None:
    from reckon.store import jobs as queue
    from reckon.web import jobs

    url = sqlite_workspace.database_url
    job_id = queue.enqueue(url, "import", "web:editor", {})
    queue.finish(url, job_id, {"status": "failed", "error": "an error written by an older version"})
    with i18n.use("be"):
        job = jobs.status(url, job_id)
    assert job["error"] == job["error_raw"] == "an error written by an older version"
    assert job["error_code"] is None and job["error_params"] == {}


def test_a_stopped_worker_s_job_says_so_in_the_page_language(sqlite_workspace) -> None:
    """store.jobs.fail_stale writes the code too; the job page shows it in Belarusian."""
    from reckon.store import jobs as queue
    from reckon.web import jobs
    from reckon.web.deps import templates

    url = sqlite_workspace.database_url
    job_id = queue.enqueue(url, "link", "web:editor", {})
    assert queue.claim(url, job_id) is not None
    import socket

    from reckon.store.db import session_scope
    from reckon.store.web import Job

    with session_scope(url) as s:   # as if the worker of this host that claimed it had died
        s.get(Job, job_id).worker = f"{socket.gethostname()}:2147483000"
    assert queue.fail_stale(url) == 1
    with i18n.use("be"):
        job = jobs.status(url, job_id)
        page = templates.env.get_template("job.html").render(job=job, request=None, nav=[], user=None, csrf="")
    assert job["error_code"] == "worker_stopped"
    assert "працэс, які выконваў гэтую задачу, спыніўся" in page and "the worker running" not in page


@given(st.sampled_from(sorted(set(__import__("reckon.web.joberrors", fromlist=["MESSAGES"]).MESSAGES)
                            - {"estimate_refused", "input", "stage", "database", "unexpected", "unknown_kind"})),
       st.sampled_from(i18n.LANGUAGES))
def test_every_plain_failure_is_said_in_every_language(code: str, lang: str) -> None:
    from reckon.web.joberrors import JobFailure, said_error

    failure = JobFailure(code)
    with i18n.use(lang):
        said = said_error({"code": code, "params": {}}, str(failure))
    assert said and (lang == "en") == (said == str(failure))
