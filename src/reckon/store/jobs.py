"""The job queue's queries: enqueue, claim, progress, heartbeat, finish, read, and stale jobs.

A job is a row every server process sees. A worker claims the oldest queued row: on PostgreSQL with
``SELECT … FOR UPDATE SKIP LOCKED`` (two workers never take the same row and never wait for each other);
on SQLite inside a short ``BEGIN IMMEDIATE`` transaction (SQLite has one writer at a time anyway).

Progress and heartbeat writes never wait: on SQLite an import holds the one write lock for its whole
transaction, so such a write is skipped while the lock is held (the row gets its counts at the end, and
between batches where a stage commits); on PostgreSQL they always land.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from reckon.errors import BusyError
from reckon.store.base import utcnow
from reckon.store.db import get_engine, session_scope
from reckon.store.locks import begin_write, sqlite_path
from reckon.store.web import Job

ACTIVE = ("queued", "running")
STALE_AFTER = timedelta(minutes=15)  # a running job whose worker gave no sign of life for this long died


def worker_name() -> str:
    """This process as a worker: host:pid (a dead pid on this host frees its jobs at once)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(url: str, kind: str, actor: str, params: dict) -> int:
    """A queued job; its audit event is written in the same transaction."""
    from reckon.store.audit import audit

    with session_scope(url) as s:
        job = Job(kind=kind, actor=actor, params=params, status="queued")
        s.add(job)
        s.flush()
        public = {k: v for k, v in params.items() if not k.startswith("_")}
        audit(s, f"job.{kind}", actor=actor, target_type="job", target_ids=[job.id], params=public)
        return job.id


def active_of_kind(url: str, kind: str) -> int | None:
    """The id of a queued or running job of this kind, if any (one of a kind at a time)."""
    with session_scope(url) as s:
        return s.execute(select(Job.id).where(Job.kind == kind, Job.status.in_(ACTIVE))
                         .order_by(Job.id).limit(1)).scalar_one_or_none()


def _claim_values() -> dict[str, Any]:
    now = utcnow()
    return {"status": "running", "started_at": now, "heartbeat_at": now, "worker": worker_name()}


def claim(url: str, job_id: int | None = None, kinds: tuple[str, ...] | None = None) -> tuple[int, str, str, dict] | None:
    """Take the oldest queued job (or job ``job_id``), mark it running by this process; None when none.

    ``kinds`` limits the claim to jobs this worker can run. Returns (id, kind, actor, params).
    """
    query = select(Job.id, Job.kind, Job.actor, Job.params).where(Job.status == "queued")
    if job_id is not None:
        query = query.where(Job.id == job_id)
    if kinds is not None:
        query = query.where(Job.kind.in_(kinds))
    query = query.order_by(Job.id).limit(1)
    engine = get_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            begin_write(conn, "claiming a job", timeout=5)
            row = conn.execute(query).first()
        else:
            conn.begin()
            row = conn.execute(query.with_for_update(skip_locked=True)).first()
        if row is None:
            conn.rollback()
            return None
        conn.execute(update(Job).where(Job.id == row.id).values(**_claim_values()))
        conn.commit()
    return row.id, row.kind, row.actor, dict(row.params or {})


def _write_now(url: str, job_id: int, values: dict[str, Any]) -> bool:
    """Update the running job's row unless that would wait for another writer (see module doc)."""
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                begin_write(conn, "a job's progress", timeout=0)
            else:
                conn.begin()
                conn.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
            _update(conn, job_id, values)
            conn.commit()
        return True
    except BusyError:
        return False
    except Exception:  # noqa: BLE001 - progress is best effort; the end of the job is always written
        return False


def _update(conn: Connection, job_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(Job).where(Job.id == job_id, Job.status == "running").values(**values))


def progress(url: str, job_id: int, done: int, total: int | None, message: str) -> bool:
    """Write a running job's progress and heartbeat; False when it had to be skipped (SQLite busy)."""
    return _write_now(url, job_id, {"progress_done": done, "progress_total": total, "message": message[:500],
                                    "heartbeat_at": utcnow()})


def heartbeat(url: str, job_id: int) -> bool:
    return _write_now(url, job_id, {"heartbeat_at": utcnow()})


def finish(url: str, job_id: int, values: dict[str, Any]) -> None:
    """The job's end: done or failed, with its result or error (waits for the lock like any writer)."""
    with session_scope(url) as s:
        s.execute(update(Job).where(Job.id == job_id).values(finished_at=utcnow(), heartbeat_at=utcnow(), **values))


def read(url: str, job_id: int) -> dict | None:
    with session_scope(url) as s:
        job = s.get(Job, job_id)
        if job is None:
            return None
        return {c: getattr(job, c) for c in (
            "id", "kind", "status", "actor", "params", "progress_done", "progress_total", "message", "result",
            "error", "created_at", "started_at", "finished_at", "worker", "heartbeat_at")}


def recent_ids(url: str, limit: int = 10) -> list[int]:
    with session_scope(url) as s:
        return list(s.execute(select(Job.id).order_by(Job.id.desc()).limit(limit)).scalars().all())


def _pid_dead(worker: str | None) -> bool:
    """True when ``worker`` (host:pid) ran on this host and that process is gone."""
    if not worker or ":" not in worker:
        return False
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def fail_stale(url: str) -> int:
    """Mark failed the running jobs whose worker is gone: a dead process on this host, or no heartbeat
    for :data:`STALE_AFTER`. Queued jobs stay queued: a worker will take them. Returns how many."""
    # On SQLite the worker shares the host (one database file) and a long import cannot write heartbeats
    # while it holds the write lock: only a dead process counts there.
    cutoff = None if sqlite_path(url) is not None else utcnow() - STALE_AFTER
    with session_scope(url) as s:
        rows = s.execute(select(Job.id, Job.worker, Job.heartbeat_at).where(Job.status == "running")).all()
        dead = [r.id for r in rows if r.worker is None or _pid_dead(r.worker)
                or (cutoff is not None and r.heartbeat_at is not None and r.heartbeat_at < cutoff)]
        if dead:
            s.execute(update(Job).where(Job.id.in_(dead)).values(
                status="failed", error="the worker running this job stopped; start it again",
                result={"error": {"code": "worker_stopped", "params": {}}},   # said by web.joberrors
                finished_at=utcnow()))
        return len(dead)
