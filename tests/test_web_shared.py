"""A server a team shares: jobs are rows in the database, run by a worker process, and followed through any
server process — with real processes (`reckon serve`, `reckon worker`) on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from test_web_support import free_port, make_users, reckon_env, synthetic_csv, wait_job


@contextmanager
def process(args: list[str], **env: str) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen([sys.executable, "-m", "reckon", *args], env=reckon_env(**env),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _up(base: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/login", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} did not answer within {timeout}s")


def test_a_job_started_through_one_process_is_followed_through_another(workspace, tmp_path) -> None:
    """Two server processes leave jobs to a worker: an import posted to A is queued (seen so through B),
    run by the worker process once it starts, and its state, progress and result read through B."""
    from reckon.store import jobs as queue

    users = make_users(workspace.database_url)
    csv = synthetic_csv(tmp_path / "list.csv", n=50, seed=3)
    port_a, port_b = free_port(), free_port()
    a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    root = str(workspace.root)
    with process(["serve", "--workspace", root, "--port", str(port_a)], RECKON_JOBS="external") as pa, \
            process(["serve", "--workspace", root, "--port", str(port_b)], RECKON_JOBS="external") as pb:
        _up(a, pa)
        _up(b, pb)
        with open(csv, "rb") as handle:
            r = httpx.post(a + "/api/imports", data={"source": "List A"}, headers=users.headers("editor"),
                           files={"file": ("list.csv", handle, "text/csv")}, timeout=60)
        assert r.status_code == 202, r.text
        job_id = r.json()["job_id"]
        seen = httpx.get(f"{b}/api/jobs/{job_id}", headers=users.headers("viewer"), timeout=30).json()
        assert seen["status"] == "queued" and seen["kind"] == "import" and seen["actor"] == "web:editor"
        assert "_upload" not in seen["params"] and seen["params"]["source"] == "List A"
        # a second import while one is queued is refused through the other process, naming the first
        with open(csv, "rb") as handle:
            r = httpx.post(b + "/api/imports", data={"source": "List A"}, headers=users.headers("editor"),
                           files={"file": ("list.csv", handle, "text/csv")}, timeout=60)
        assert r.status_code == 409 and r.json()["job_id"] == job_id
        with process(["worker", "--workspace", root, "--poll", "0.2"]) as worker:
            with httpx.Client(base_url=b, timeout=60) as client:
                done = wait_job(client, job_id, users.headers("viewer"), timeout=180)
            assert done["status"] == "done", done
            assert done["percent"] == 100.0 and done["result"]["new"] == 50
            row = queue.read(workspace.database_url, job_id)
            assert row["worker"].endswith(f":{worker.pid}") and row["heartbeat_at"] is not None
        hits = httpx.get(a + "/api/persons", params={"q": "Дубракоў"}, headers=users.headers("analyst"),
                         timeout=60).json()
        assert hits and {h["source"] for h in hits} == {"List A"}  # searchable through A: indexed by the worker


def test_claims_never_take_the_same_job_twice(workspace) -> None:
    """Four claimers at once over twenty queued jobs: each job is claimed exactly once (SKIP LOCKED on
    PostgreSQL, BEGIN IMMEDIATE on SQLite)."""
    from reckon.store import jobs as queue

    ids = [queue.enqueue(workspace.database_url, "index", "test", {"n": i}) for i in range(20)]
    taken: list[int] = []
    lock = threading.Lock()

    def claimer() -> None:
        while (got := queue.claim(workspace.database_url)) is not None:
            with lock:
                taken.append(got[0])

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(taken) == ids
    assert all(queue.read(workspace.database_url, i)["status"] == "running" for i in ids)


def test_a_dead_workers_job_fails_and_a_queued_one_waits(workspace) -> None:
    """A running job whose worker process is gone is failed; a queued job stays for the next worker."""
    from sqlalchemy import update

    from reckon.store import jobs as queue
    from reckon.store.db import session_scope
    from reckon.store.web import Job

    url = workspace.database_url
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    running = queue.enqueue(url, "index", "test", {})
    queue.claim(url, running)
    with session_scope(url) as s:
        s.execute(update(Job).where(Job.id == running).values(worker=f"{queue.worker_name().rpartition(':')[0]}:{dead.pid}"))
    alive = queue.enqueue(url, "link", "test", {})
    queue.claim(url, alive)  # claimed by this (living) process
    waiting = queue.enqueue(url, "estimate", "test", {})
    assert queue.fail_stale(url) == 1
    assert queue.read(url, running)["status"] == "failed"
    assert queue.read(url, alive)["status"] == "running"
    assert queue.read(url, waiting)["status"] == "queued"


@pytest.mark.postgres
def test_serve_with_two_processes_runs_jobs_on_postgres(pg_url, tmp_path) -> None:
    """`reckon serve --workers 2` on PostgreSQL: the worker it starts runs an import posted to it."""
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws", database_url=pg_url)
    users = make_users(ws.database_url)
    csv = synthetic_csv(tmp_path / "list.csv", n=30, seed=5)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with process(["serve", "--workspace", str(ws.root), "--port", str(port), "--workers", "2"]) as proc:
        _up(base, proc)
        with open(csv, "rb") as handle:
            r = httpx.post(base + "/api/imports", data={"source": "List B"}, headers=users.headers("editor"),
                           files={"file": ("list.csv", handle, "text/csv")}, timeout=60)
        assert r.status_code == 202, r.text
        with httpx.Client(base_url=base, timeout=60) as client:
            done = wait_job(client, r.json()["job_id"], users.headers("viewer"), timeout=180)
        assert done["status"] == "done" and done["result"]["new"] == 30, done
