"""Bad input to the newest entry points, each on SQLite and on PostgreSQL: `reckon worker` (a database URL it
cannot open, an empty queue, a job of a kind no handler runs, a job that raises), `reckon serve --workers N`
with an N out of range, and POST /language (a code reckon does not speak, no CSRF token).

The commands run as real processes (`python -m reckon`, the entry point people use), so what is checked is
what a person sees: the exit code and one line on stderr, never a traceback or the data behind an error.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import httpx
import pytest

from test_web_support import PASSWORD, csrf_from, free_port, login, reckon_env, serve


def reckon(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reckon", *args], env=reckon_env(), capture_output=True,
                          text=True, timeout=timeout)


def one_line(text: str) -> str:
    """stderr with Rich's wrapping undone."""
    return " ".join(text.split())


# --- reckon worker -------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, says", [
    pytest.param("postgresql+psycopg://postgres:s3cret-pw@127.0.0.1:1/nothing", "first look at the job queue",
                 id="postgres-unreachable"),
    pytest.param("sqlite:////nonexistent-h20/dir/reckon.db", "first look at the job queue", id="sqlite-no-folder"),
    pytest.param("nosuchdb://x/y", "database URL is not one reckon can open", id="unknown-scheme"),
    pytest.param("not a url at all", "database URL is not one reckon can open", id="not-a-url"),
])
def test_worker_refuses_a_database_url_it_cannot_open(tmp_path, url: str, says: str) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "reckon.toml").write_text(f'# reckon workspace\n[database]\nurl = "{url}"\n', encoding="utf-8")
    done = reckon("worker", "--once", "--workspace", str(root))
    err = one_line(done.stderr)
    assert done.returncode == 1, err
    assert "error:" in err and says in err and "Traceback" not in err
    assert "s3cret-pw" not in err  # a URL's password is never printed


def test_worker_on_an_empty_queue_stops_after_no_job(workspace) -> None:
    done = reckon("worker", "--once", "--workspace", str(workspace.root))
    assert done.returncode == 0, done.stderr
    assert "stopped after 0 job(s)" in one_line(done.stderr)


def test_a_job_of_an_unknown_kind_fails_and_the_next_runs(workspace) -> None:
    """A kind no handler runs is failed with the kinds there are (left queued it would wait for ever), and
    the worker goes on to the next job."""
    from reckon.store import jobs as queue

    url = workspace.database_url
    odd = queue.enqueue(url, "teleport", "test", {})
    index = queue.enqueue(url, "index", "test", {})
    done = reckon("worker", "--once", "--workspace", str(workspace.root))
    assert done.returncode == 0, done.stderr
    assert "stopped after 2 job(s)" in one_line(done.stderr)
    failed = queue.read(url, odd)
    assert failed["status"] == "failed" and failed["finished_at"] is not None
    assert failed["error"] == "unknown job kind 'teleport': a worker runs import, link, estimate, index jobs"
    assert queue.read(url, index)["status"] == "done"


def test_a_job_that_raises_is_failed_with_a_clear_message(workspace) -> None:
    """reckon's own error says what to do; the worker goes on and stops normally."""
    from reckon.store import jobs as queue

    url = workspace.database_url
    gone = queue.enqueue(url, "import", "test", {"source": "Made-up list", "_upload": "never-uploaded.csv"})
    done = reckon("worker", "--once", "--workspace", str(workspace.root))
    assert done.returncode == 0, done.stderr
    job = queue.read(url, gone)
    assert job["status"] == "failed"
    assert job["error"] == "the uploaded file of this import is gone; upload it again"


def test_a_job_whose_error_quotes_data_keeps_the_data_out(workspace, caplog) -> None:
    """Any other exception fails the job by its type only: its message may quote a record (here a made-up
    name and birth date), which must reach neither the job's row (readable by viewers) nor the log."""
    from reckon.store import jobs as queue
    from reckon.web import jobs

    url = workspace.database_url
    job_id = queue.enqueue(url, "estimate", "test", {})
    assert queue.claim(url, job_id) is not None

    def work(progress):
        progress(1, 2, "reading records")
        raise ValueError("cannot read Ганна Новік, born 1990-02-03")

    with caplog.at_level(logging.DEBUG):
        jobs.execute(url, job_id, "estimate", work)
    job = queue.read(url, job_id)
    assert job["status"] == "failed" and job["progress_done"] == 1 and job["message"] == "reading records"
    assert job["error"].startswith("unexpected ValueError; nothing of the data is shown here")
    for text in (job["error"], caplog.text, str(jobs.status(url, job_id))):
        assert "Новік" not in text and "1990-02-03" not in text


# --- reckon serve --workers N --------------------------------------------------------------------------

@pytest.mark.parametrize("n", ["0", "65", "-1", "two"])
def test_serve_refuses_a_number_of_workers_out_of_range(workspace, n: str) -> None:
    """A usage error before anything starts (no server, no worker): exit 2 naming the option."""
    done = reckon("serve", "--workers", n, "--port", str(free_port()), "--workspace", str(workspace.root),
                  timeout=120)
    err = one_line(done.stderr)
    assert done.returncode == 2, err
    assert "--workers" in err and "Traceback" not in err and "reckon serving" not in err


# --- POST /language ------------------------------------------------------------------------------------

def _lang(page: str) -> str | None:
    import re

    m = re.search(r'<html lang="([a-z]+)"', page)
    return m.group(1) if m else None


def test_language_refuses_unknown_codes_and_requests_without_csrf(workspace) -> None:
    from reckon.services.accounts import add_user
    from reckon.store.preferences import user_language

    url = workspace.database_url
    user = add_user(url, "ales", "viewer", PASSWORD)
    with serve(workspace) as base:
        visitor = httpx.Client(base_url=base, timeout=60)
        token = csrf_from(visitor.get("/login").text)
        assert visitor.post("/language", data={"lang": "ru", "next": "/login", "csrf_token": token}).status_code == 303
        assert _lang(visitor.get("/login").text) == "ru"
        # a code reckon does not speak changes nothing (no cookie, the page stays Russian)
        for code in ("xx", "de-DE", "", "../be"):
            r = visitor.post("/language", data={"lang": code, "next": "/login", "csrf_token": token})
            assert r.status_code in (303, 422), (code, r.status_code)
            assert "reckon_lang" not in r.headers.get("set-cookie", ""), code
            assert _lang(visitor.get("/login").text) == "ru", code
        # longer than any code: refused by the form's limit, never echoed back
        r = visitor.post("/language", data={"lang": "<script>alert(1)</script>", "csrf_token": token})
        assert r.status_code == 422 and "<script>alert(1)" not in r.text
        # no CSRF token, or a wrong one: refused, nothing changes
        for data in ({"lang": "be"}, {"lang": "be", "csrf_token": "forged"}):
            r = visitor.post("/language", data=data)
            assert r.status_code == 403 and "reckon_lang" not in r.headers.get("set-cookie", "")
        assert _lang(visitor.get("/login").text) == "ru"

        # a user: an unknown code or a request without the token leaves their setting as it is
        client = login(base, "ales")
        token = csrf_from(client.get("/").text)
        assert client.post("/language", data={"lang": "en", "next": "/", "csrf_token": token}).status_code == 303
        assert user_language(url, user["id"]) == "en"
        assert client.post("/language", data={"lang": "xx", "csrf_token": token}).status_code == 303
        assert client.post("/language", data={"lang": "ru"}).status_code == 403
        assert user_language(url, user["id"]) == "en"
        # an outside address to go back to is not followed
        r = client.post("/language", data={"lang": "en", "next": "//evil.example/", "csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == "/"
