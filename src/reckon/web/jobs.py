"""Long operations (import, link, estimate, search index) as jobs in the database, run by a worker.

Starting a job writes a queued row (kind, options, who) that every server process sees; a worker claims it
(``reckon worker``, the worker ``reckon serve --workers N`` starts, or — in a single-process server — a
thread of the process that started it) and writes state, progress, heartbeat and result to the row. There
is one path: the queue and a worker's handler for the job's kind (:data:`reckon.web.worker.HANDLERS`); no
callable runs beside it. The page that started a job polls ``/api/jobs/{id}`` through any process and draws
a progress bar.

On SQLite an import holds the one write lock for its whole transaction, so progress reaches the row only
where the stage commits between batches and at the end; a reader in the running process also sees the
live figures kept in memory (see :mod:`reckon.store.jobs`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from reckon.errors import N_, ReckonError
from reckon.jsonable import jsonable
from reckon.store import jobs as queue
from reckon.store.db import public_message
from reckon.web.joberrors import code_of, said_error

log = logging.getLogger(__name__)

_LIVE: dict[int, dict[str, Any]] = {}  # job id -> live progress of jobs this process runs
_LOCK = threading.Lock()
WRITE_EVERY_S = 1.0  # progress reaches the row at most this often
# How this process runs a job it queued, ``runner(url, job_id, wait)``: web.worker sets it when the process
# serves a workspace (an arrow up from here would close a circle). Without one, jobs wait for `reckon worker`.
_RUNNER: Callable[[str, int, bool], None] | None = None


def set_runner(runner: Callable[[str, int, bool], None]) -> None:
    """Let this process run the jobs it queues (see :func:`reckon.web.worker.attach`)."""
    global _RUNNER
    _RUNNER = runner


class Busy(ReckonError):
    """A job of the same kind is queued or running; follow it instead of starting another."""

    def __init__(self, kind: str, job_id: int) -> None:
        super().__init__(f"a {kind} job is already running (job {job_id}); wait for it to finish")
        self.job_id = job_id


class Progress:
    """A job's progress callback in the one shape of :mod:`reckon.progress`: ``progress(done, total,
    message)``, kept live for ``/api/jobs/{id}`` and stored when the job ends."""

    def __init__(self, url: str, job_id: int) -> None:
        self.url, self.job_id = url, job_id
        self.done: int = 0
        self.total: int | None = None
        self.message = ""
        self._written = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        self.done = int(done)
        self.total = int(total) if total is not None else None
        if message:
            self.message = str(message)
        _LIVE[self.job_id] = {"progress_done": self.done, "progress_total": self.total,
                              "message": self.message[:500]}
        now = time.monotonic()
        if now - self._written >= WRITE_EVERY_S:
            self._written = now
            queue.progress(self.url, self.job_id, self.done, self.total, self.message)


def start(url: str, kind: str, actor: str, params: dict, *, wait: bool = False) -> int:
    """Queue a job and return its id at once; a worker runs it (see :mod:`reckon.web.worker`).

    ``wait`` runs the job in this thread before returning (this process must serve the workspace).
    Raises :class:`Busy` while another job of the same kind is queued or running (two linkage runs at once
    would only compete for the same rows and the machine's memory).
    """
    from reckon.web.limits import check_job_rate

    check_job_rate(url, actor)
    with _LOCK:  # the database check covers other processes; the lock, two requests of this one
        running = queue.active_of_kind(url, kind)
        if running is not None:
            raise Busy(kind, running)
        job_id = queue.enqueue(url, kind, actor, jsonable(params))
    if _RUNNER is not None:
        _RUNNER(url, job_id, wait)
    elif wait:
        raise ReckonError.of(N_("this process serves no workspace at that database; run `reckon worker`"))
    return job_id


def execute(url: str, job_id: int, kind: str, work: Callable[[Progress], Any]) -> None:
    """Run a claimed job's ``work`` and record its end; a failure fails the job, never the process."""
    progress = Progress(url, job_id)
    beat = threading.Event()

    def heartbeat() -> None:  # a computation that reports no progress for minutes is still alive
        while not beat.wait(30):
            queue.heartbeat(url, job_id)

    threading.Thread(target=heartbeat, name=f"reckon-job-{job_id}-heartbeat", daemon=True).start()
    try:
        result = work(progress)
        values: dict[str, Any] = {"status": "done", "result": _as_dict(result)}
        if kind in ("import", "link"):   # persons' histories follow the records they come from
            from reckon.services.summary import after_change

            after_change(url, actor=f"job:{job_id}")   # and the dashboard's numbers, now
    except Exception as exc:  # the job fails, the worker goes on; its row says why, without data
        log.warning("job %s (%s) failed: %s", job_id, kind, type(exc).__name__)
        # the English text for programs, and the code and parameters the job page and the API say it with
        # in their reader's language (web.joberrors)
        failed: dict[str, Any] = {"error": code_of(exc)}
        reasons = getattr(exc, "reasons", None)
        if reasons:  # a refusal's reasons as codes: the job page says them in its language
            failed["reasons"] = reasons
        values = {"status": "failed", "error": public_message(exc)[:2000], "result": jsonable(failed)}
    finally:
        beat.set()
    if progress.total is not None and values["status"] == "done":
        progress.done = progress.total
    try:
        queue.finish(url, job_id, {"progress_done": progress.done, "progress_total": progress.total,
                                   "message": progress.message[:500], **values})
    except Exception as exc:  # the database went away (stopping); fail_stale marks it failed later
        log.warning("job %s (%s): could not record its end: %s", job_id, kind, type(exc).__name__)
    finally:
        _LIVE.pop(job_id, None)
    from reckon.services.dashboard import invalidate

    invalidate()


def _as_dict(result: Any) -> dict:
    value = jsonable(result)
    if isinstance(value, dict):
        return value
    return {"value": value}


def status(url: str, job_id: int) -> dict | None:
    job = queue.read(url, job_id)
    if job is None:
        return None
    live = _LIVE.get(job_id, {}) if job["status"] in queue.ACTIVE else {}
    done = live.get("progress_done", job["progress_done"])
    total = live.get("progress_total", job["progress_total"])
    pct = None
    if total:
        pct = round(100.0 * min(done, total) / total, 1)
    elif job["status"] == "done":
        pct = 100.0
    return {
        "id": job["id"], "kind": job["kind"], "status": job["status"], "actor": job["actor"],
        "done": done, "total": total, "percent": pct, "message": live.get("message", job["message"]),
        "result": job["result"], **_error(job),
        "params": {k: v for k, v in (job["params"] or {}).items() if not k.startswith("_")},
        "created_at": job["created_at"].isoformat() if job["created_at"] else None,
        "finished_at": job["finished_at"].isoformat() if job["finished_at"] else None,
    }


def _error(job: dict) -> dict[str, Any]:
    """A failed job's error in the language in force (``error``), as stored (``error_raw``, English), and
    its code and parameters (None and {} for a row written before codes, shown as stored)."""
    result: dict[str, Any] = job["result"] if isinstance(job["result"], dict) else {}
    stored = result.get("error")
    coded: dict[str, Any] = stored if isinstance(stored, dict) else {}
    return {"error": said_error(coded, job["error"], result.get("reasons") or ()) if job["error"] or coded
            else job["error"],
            "error_raw": job["error"], "error_code": coded.get("code"), "error_params": coded.get("params") or {}}


def recent(url: str, limit: int = 10) -> list[dict]:
    return [j for j in (status(url, i) for i in queue.recent_ids(url, limit)) if j]


def fail_stale(url: str) -> None:
    """Jobs whose worker stopped are failed (queued ones wait for a worker); see store.jobs.fail_stale."""
    queue.fail_stale(url)
