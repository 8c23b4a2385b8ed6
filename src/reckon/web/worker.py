"""The worker that runs queued jobs (the app factory of ``reckon serve --workers N`` is web.app.app_from_env).

A job row names its kind and options; :data:`HANDLERS` turns them back into the work, so any process with
the workspace can run a job another process queued. Three ways a job gets run:

- ``reckon worker``: polls the queue and runs jobs one at a time (:func:`run_forever`);
- ``reckon serve --workers N`` starts one such worker beside its N server processes (unless
  ``--no-worker``), and tells the server processes to leave jobs to it (``RECKON_JOBS=external``);
- a single-process ``reckon serve`` (and the tests' app) runs the jobs it queued in a thread of its own
  that drains the queue and ends (:func:`wake`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from reckon.config import Workspace
from reckon.errors import N_, ReckonError
from reckon.store import jobs as queue
from reckon.store.db import database_error
from reckon.store.words import FIRST_LOOK
from reckon.web.joberrors import JobFailure

log = logging.getLogger(__name__)

Handler = Callable[[Workspace, str, dict, Any], Any]
_WORKSPACES: dict[str, Workspace] = {}  # database URL -> the workspace this process serves
_DRAINING: set[str] = set()
_LOCK = threading.Lock()


def _upload_file(ws: Workspace, rel: str) -> Path:
    """The uploaded file a queued import names, refused outside the workspace's uploads folder."""
    root = (ws.root / "uploads").resolve()
    path = (root / rel).resolve()
    if root not in path.parents or not path.is_file():
        raise JobFailure("upload_gone")
    return path


def _import(ws: Workspace, actor: str, params: dict, progress: Any) -> Any:
    from reckon.ingest.service import import_file
    from reckon.web import search
    from reckon.web.actions import discard

    path = _upload_file(ws, str(params.get("_upload", "")))
    try:
        result = import_file(ws, path, params["source"], actor=actor, progress=progress)
    finally:
        discard(path)
    search.build(ws.database_url)
    # The job's result is readable by viewers: keep the counts, never the preview rows of a report.
    summary = getattr(result, "summary", None)
    return summary() if callable(summary) else result


def _link(ws: Workspace, actor: str, params: dict, progress: Any) -> Any:
    from reckon.link import run_link

    return run_link(ws, actor=actor, progress=progress)


def _estimate(ws: Workspace, actor: str, params: dict, progress: Any) -> Any:
    from reckon.services.estimate import estimate_workspace

    return estimate_workspace(ws, actor=actor, progress=progress, origin="web", force=bool(params.get("force")))


def _index(ws: Workspace, actor: str, params: dict, progress: Any) -> Any:
    from reckon.web import search

    return search.build(ws.database_url, progress)


HANDLERS: dict[str, Handler] = {"import": _import, "link": _link, "estimate": _estimate, "index": _index}


def attach(ws: Workspace) -> None:
    """This process serves ``ws``: jobs it queues can be run here (when it runs jobs at all)."""
    from reckon.web import jobs

    _WORKSPACES[ws.database_url] = ws
    jobs.set_runner(_on_queued)


def _on_queued(url: str, job_id: int, wait: bool) -> None:
    """``jobs.start`` queued a job in this process: run it now (``wait``) or let the drain thread take it."""
    if wait:
        run_now(url, job_id)
    else:
        wake(url)


def runs_jobs() -> bool:
    """False in the server processes of ``reckon serve --workers N``: a worker of its own runs the jobs."""
    return os.environ.get("RECKON_JOBS", "inline") != "external"


def run_one(ws: Workspace, job_id: int | None = None) -> int | None:
    """Claim one queued job (or ``job_id``) and run it here; returns its id, None when none was queued."""
    from reckon.web import jobs

    claimed = queue.claim(ws.database_url, job_id)
    if claimed is None:
        return None
    job_id, kind, actor, params = claimed
    handler = HANDLERS.get(kind, _unknown(kind))
    jobs.execute(ws.database_url, job_id, kind, lambda progress: handler(ws, actor, params, progress))
    return job_id


def _unknown(kind: str) -> Handler:
    """A job of a kind no handler runs fails with a message naming the kinds there are (every worker runs
    the same code, so no other worker would take it: left queued, it would wait for ever)."""
    def fail(ws: Workspace, actor: str, params: dict, progress: Any) -> Any:
        raise JobFailure("unknown_kind", kind=repr(kind[:40]), kinds=", ".join(HANDLERS))

    return fail


def run_now(url: str, job_id: int) -> None:
    """Run job ``job_id`` in this thread (``jobs.start(..., wait=True)``)."""
    ws = _WORKSPACES.get(url)
    if ws is None:
        raise ReckonError.of(N_("this process serves no workspace at that database; run `reckon worker`"))
    run_one(ws, job_id)


def wake(url: str) -> None:
    """A job was queued here: drain the queue in a thread of this process, unless a worker of its own
    runs the jobs (``RECKON_JOBS=external``) or this process serves no workspace at ``url``."""
    ws = _WORKSPACES.get(url)
    if ws is None or not runs_jobs():
        return
    with _LOCK:
        if url in _DRAINING:
            return
        _DRAINING.add(url)

    def drain() -> None:
        try:
            while run_one(ws) is not None:
                pass
        except Exception as exc:  # noqa: BLE001 - the database went away; the jobs stay queued
            log.warning("job queue: %s", type(exc).__name__)
        finally:
            with _LOCK:
                _DRAINING.discard(url)

    threading.Thread(target=drain, name="reckon-jobs", daemon=True).start()


def run_forever(ws: Workspace, *, poll_s: float = 1.0, once: bool = False,
                stop: threading.Event | None = None) -> int:
    """``reckon worker``: fail the jobs of dead workers, then run queued jobs as they come (one at a
    time). ``once`` stops when the queue is empty. Returns how many jobs it ran."""
    try:
        queue.fail_stale(ws.database_url)
    except SQLAlchemyError as exc:  # a wrong URL, a server that is down: one clear line, not a traceback
        raise database_error(exc, FIRST_LOOK) from None
    ran = 0
    stop = stop or threading.Event()
    while not stop.is_set():
        if run_one(ws) is not None:
            ran += 1
            continue
        if once:
            break
        stop.wait(poll_s)
    return ran
