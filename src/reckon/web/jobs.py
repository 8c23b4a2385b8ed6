"""Long operations (import, link, estimate, search index) in a background thread, tracked in the Job table.

The page that started a job polls ``/api/jobs/{id}`` and draws a progress bar. Live progress is kept in
memory in the server process that runs the job, not written to the database: on SQLite an import holds
the one write lock for its whole transaction, so a progress row could not be updated until the import was
over anyway. The Job row records the start, the end, the final counts, the result and any error. Jobs
left "running" by a stopped server are marked failed when the app starts again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from reckon.errors import ReckonError
from reckon.jsonable import jsonable
from reckon.store import web as store
from reckon.store.audit import audit
from reckon.store.base import utcnow
from reckon.store.db import session_scope

log = logging.getLogger(__name__)

_LIVE: dict[int, dict[str, Any]] = {}
_RUNNING: dict[tuple[str, str], int] = {}  # (database, kind) -> job id: one job of a kind at a time
_LOCK = threading.Lock()


class Busy(ReckonError):
    """A job of the same kind is still running; follow it instead of starting another."""

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

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        self.done = int(done)
        self.total = int(total) if total is not None else None
        if message:
            self.message = str(message)
        _LIVE[self.job_id] = {"progress_done": self.done, "progress_total": self.total,
                              "message": self.message[:500]}


def start(url: str, kind: str, actor: str, params: dict, work: Callable[[Progress], Any], *,
          wait: bool = False) -> int:
    """Record a job and run ``work(progress)`` in a daemon thread; returns the job id at once.

    Raises :class:`Busy` while another job of the same kind runs (two linkage runs at once would only
    compete for the same rows and the machine's memory).
    """
    from reckon.web.limits import check_job_rate

    check_job_rate(url, actor)
    slot = (url, kind)
    with _LOCK:
        if slot in _RUNNING:
            raise Busy(kind, _RUNNING[slot])
        _RUNNING[slot] = 0
    try:
        job_id = _create(url, kind, actor, params)
    except BaseException:
        _RUNNING.pop(slot, None)
        raise
    _RUNNING[slot] = job_id

    def run() -> None:
        try:
            _run(url, job_id, kind, work)
        finally:
            _RUNNING.pop(slot, None)

    thread = threading.Thread(target=run, name=f"reckon-job-{job_id}", daemon=True)
    thread.start()
    if wait:
        thread.join()
    return job_id


def _create(url: str, kind: str, actor: str, params: dict) -> int:
    with session_scope(url) as s:
        job_id = store.create_job(s, kind, actor, jsonable(params))
        audit(s, f"job.{kind}", actor=actor, target_type="job", target_ids=[job_id], params=jsonable(params))
        return job_id


def _run(url: str, job_id: int, kind: str, work: Callable[[Progress], Any]) -> None:
    progress = Progress(url, job_id)
    try:
        with session_scope(url) as s:
            store.update_job(s, job_id, status="running", started_at=utcnow())
        result = work(progress)
        values: dict[str, Any] = {"status": "done", "result": _as_dict(result)}
        if kind in ("import", "link"):   # persons' histories follow the records they come from
            from reckon.histories.service import refresh

            refresh(url, actor=f"job:{job_id}")
    except Exception as exc:  # the job fails, the server goes on
        log.warning("job %s (%s) failed: %s", job_id, kind, type(exc).__name__)
        values = {"status": "failed", "error": str(exc)[:2000] or type(exc).__name__}
    if progress.total is not None and values["status"] == "done":
        progress.done = progress.total
    try:
        with session_scope(url) as s:
            store.update_job(s, job_id, finished_at=utcnow(), progress_done=progress.done,
                             progress_total=progress.total, message=progress.message[:500], **values)
    except Exception as exc:  # the database went away (server stopping); the restart marks it failed
        log.warning("job %s (%s): could not record its end: %s", job_id, kind, type(exc).__name__)
    finally:
        _LIVE.pop(job_id, None)
    from reckon.report.data import invalidate

    invalidate()


def _as_dict(result: Any) -> dict:
    value = jsonable(result)
    if isinstance(value, dict):
        return value
    return {"value": value}


def status(url: str, job_id: int) -> dict | None:
    with session_scope(url) as s:
        job = store.get_job(s, job_id)
        if job is None:
            return None
        live = _LIVE.get(job_id, {}) if job.status in ("queued", "running") else {}
        done = live.get("progress_done", job.progress_done)
        total = live.get("progress_total", job.progress_total)
        pct = None
        if total:
            pct = round(100.0 * min(done, total) / total, 1)
        elif job.status == "done":
            pct = 100.0
        return {
            "id": job.id, "kind": job.kind, "status": job.status, "actor": job.actor,
            "done": done, "total": total, "percent": pct, "message": live.get("message", job.message),
            "result": job.result, "error": job.error, "params": job.params,
            "created_at": job.created_at.isoformat() if job.created_at else None,
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        }


def recent(url: str, limit: int = 10) -> list[dict]:
    with session_scope(url) as s:
        ids = store.recent_job_ids(s, limit)
    return [j for j in (status(url, i) for i in ids) if j]


def fail_stale(url: str) -> None:
    with session_scope(url) as s:
        store.fail_unfinished_jobs(s, "the server stopped while this job ran; start it again")
