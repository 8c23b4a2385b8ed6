"""The JSON REST API under /api, described by the OpenAPI schema at /api/openapi.json.

Same service functions and the same access rules and auditing as the pages; scripts authenticate with
``Authorization: Bearer <token>`` from ``reckon users token add NAME``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

import reckon
from reckon import said_errors
from reckon.decisions import DecisionWord
from reckon.errors import ReckonError
from reckon.jsonable import jsonable
from reckon.services import accounts
from reckon.services import summary as summaries
from reckon.services.dashboard import other_stages, persons_on, public_view, reported_figures
from reckon.store.db import session_scope
from reckon.suppression import K_DEFAULT, suppress_breakdown
from reckon.web import jobs, services
from reckon.web.actions import (
    decide,
    officials_matrix,
    read_import,
    read_record,
    review_item,
    save_upload,
    search_persons,
    start_estimate_job,
    start_import,
    start_link_job,
)
from reckon.web.deps import MAX_ID, audit_read
from reckon.web.security import guard

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(guard)])

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


class Health(BaseModel):
    status: str
    version: str
    public: bool


class Me(BaseModel):
    name: str
    role: str
    via: str


class JobRef(BaseModel):
    job_id: int
    url: str


class Decision(BaseModel):
    record_a: int = Field(ge=1, le=MAX_ID)
    record_b: int = Field(ge=1, le=MAX_ID)
    decision: DecisionWord
    note: str | None = Field(default=None, max_length=2000)
    seen: int | None = Field(default=None, ge=0, le=MAX_ID, description="id of the decision in force you saw "
                             "(0: none); a different decision taken since makes yours a conflict (409)")


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    return Health(status="ok", version=reckon.__version__, public=request.app.state.public)


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """A plain list of the endpoints from the schema (no CDN-hosted UI: everything works offline)."""
    from html import escape

    schema = request.app.openapi()
    rows = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            rows.append(f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}</code></td>"
                        f"<td>{escape(op.get('summary', ''))}</td></tr>")
    return HTMLResponse("<!doctype html><html><head><meta charset='utf-8'><title>reckon API</title>"
                        "<link rel='stylesheet' href='/static/app.css'></head><body><main>"
                        "<h1>reckon API</h1><p>Schema: <a href='/api/openapi.json'>/api/openapi.json</a>. "
                        "Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>.</p>"
                        f"<table><tr><th>method</th><th>path</th><th>summary</th></tr>{''.join(rows)}</table>"
                        "</main></body></html>")


@router.get("/me", response_model=Me)
def me(request: Request) -> Me:
    who = request.state.principal
    return Me(name=who.name, role=who.role, via=who.via)


@router.get("/stats")
def stats(request: Request, as_of: Annotated[date | None, Query()] = None) -> dict[str, Any]:
    """Aggregates of the register; in public mode only suppressed ones (cells below 5 hidden).

    ``by_status`` counts persons (not records) in each state on ``as_of`` (default today), from their
    histories, ``by_region`` the persons held on that day per region, and ``region_status`` the persons
    per region in each state (rows, cols, cells; undetermined per state apart); ``records_by_status``,
    ``records_by_region`` and ``records_region_status`` count the lists' rows. ``persons`` adds political
    prisoners by region.
    """
    with session_scope(request.app.state.url) as s:
        fp = summaries.fingerprint(s)
        summ = summaries.current(request.app.state.url, s, fp)
    agg = summ.aggregates
    persons = _persons_on(request, as_of)
    public = request.app.state.public
    on = persons_on(request.app.state.url, as_of, k=K_DEFAULT if public else None, summary=summ)
    if public:
        out = public_view(agg)
    else:
        out = agg.to_dict()
        out.update(other_stages(request.app.state.workspace, fp))
    # The headline counts are persons on the date; the lists' rows stay available, labelled as records.
    out["records_by_status"], out["records_by_region"] = out.pop("by_status"), out.pop("by_region")
    out["records_region_status"] = out.pop("region_status")
    out.update({"as_of": on["as_of"], "by_status": on["by_status"], "undetermined": on["undetermined"],
                "by_region": on["held_by_region"], "region_status": on["region_state"], "persons": persons})
    return out


StatusQuery = Annotated[Literal["in_custody", "political_prisoner", "persecuted", "released"], Query()]
ByQuery = Annotated[Literal["region", "district", "article", "court", "judge", "sex", "age_band", "source"] | None,
                    Query()]


def _count(request: Request, as_of: date | None, status: str, by: str | None) -> dict[str, Any]:
    from reckon.histories.service import count

    out = count(request.app.state.url, as_of=as_of, status=status, by=by).as_dict()
    if request.app.state.public:
        out = _suppressed(out, by)
    return out


def _suppressed(out: dict[str, Any], by: str | None, k: int = K_DEFAULT) -> dict[str, Any]:
    """Public mode: every count below k hidden (None), and enough others that none can be recomputed.

    Single-valued dimensions add up to the count, so they are suppressed as one table with it; a person
    counts under several articles, courts, judges or sources, so those cells are only primary-suppressed.
    """
    additive = by in ("region", "district", "sex", "age_band") and sum(out["by"].values()) == out["count"]
    count, cells = suppress_breakdown(out["count"], out["by"], additive=additive, k=k)
    und = out["undetermined"]
    return {**out, "count": count,
            "undetermined": und if und == 0 or und >= k else None,
            "by": cells,
            "undetermined_by": {key: n if n >= k else None for key, n in out["undetermined_by"].items()},
            "k": k}


def _persons_on(request: Request, as_of: date | None) -> dict[str, Any]:
    """Persons per state and, for political prisoners, per region, on a date (suppressed when public)."""
    states = {s: _count(request, as_of, s, None) for s in ("political_prisoner", "in_custody", "persecuted",
                                                          "released")}
    regions = _count(request, as_of, "political_prisoner", "region")
    any_state = next(iter(states.values()))
    return {"as_of": any_state["as_of"], "unlinked_records": any_state["unlinked_records"],
            "by_status": {s: v["count"] for s, v in states.items()},
            "undetermined": {s: v["undetermined"] for s, v in states.items()},
            "political_prisoners_by_region": regions["by"]}


@router.get("/count")
def count_persons(request: Request, as_of: Annotated[date | None, Query()] = None,
                  status: StatusQuery = "political_prisoner", by: ByQuery = None) -> dict[str, Any]:
    """Persons in a state on a date, undetermined apart (as `reckon count --json`)."""
    out = _count(request, as_of, status, by)
    audit_read(request, "read.count", "history_subject", [], as_of=out["as_of"], status=status, by=by)
    return out


@router.get("/series")
def series_persons(request: Request, start: Annotated[date, Query(alias="from")],
                   end: Annotated[date, Query(alias="to")],
                   step: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
                   status: StatusQuery = "political_prisoner") -> list[dict[str, Any]]:
    """The documented count over time (as `reckon series`); in public mode points below 5 hidden."""
    from reckon.histories.service import series

    try:
        rows = series(request.app.state.url, start=start, end=end, step=step, status=status)
    except ReckonError as exc:
        raise HTTPException(422, str(exc)) from None
    audit_read(request, "read.series", "history_subject", [], start=start.isoformat(), end=end.isoformat(),
               step=step, status=status)
    if request.app.state.public:
        rows = [{**r, "count": r["count"] if r["count"] == 0 or r["count"] >= K_DEFAULT else None,
                 "undetermined": r["undetermined"] if r["undetermined"] == 0 or r["undetermined"] >= K_DEFAULT
                 else None} for r in rows]
    return rows


@router.get("/sources")
def sources(request: Request) -> list[dict[str, Any]]:
    from reckon.ingest.records import list_sources

    return list_sources(request.app.state.workspace)


@router.get("/imports/{import_id}")
def import_detail(request: Request, import_id: IdPath) -> dict[str, Any]:
    return read_import(request, import_id)


@router.post("/imports", response_model=JobRef, status_code=202)
def import_upload(request: Request, file: Annotated[UploadFile, File()], source: Annotated[str, Form(min_length=1, max_length=200)]) -> JobRef:
    """Upload a list and import it in the background; follow the job at the returned URL."""
    if not source.strip():
        raise HTTPException(422, "name the source the list comes from")
    _, path = save_upload(request, file)
    job_id = start_import(request, path, source.strip(), file.filename or path.name)
    return JobRef(job_id=job_id, url=f"/api/jobs/{job_id}")


@router.get("/records/{record_id}")
def record(request: Request, record_id: IdPath) -> dict[str, Any]:
    return read_record(request, record_id)


@router.get("/persons")
def persons(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
            limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    """Records whose names match every word of ``q`` in any spelling or script."""
    return search_persons(request, q, limit)


@router.get("/persons/{person_id}")
def person(request: Request, person_id: IdPath) -> dict[str, Any]:
    from reckon.services.persons import person as person_detail

    try:
        p = person_detail(request.app.state.url, person_id)
    except ReckonError:
        raise HTTPException(404, "no such person") from None
    audit_read(request, "read.person", "record", [r["id"] for r in p["records"]], person_id=person_id)
    return p


@router.get("/review/next")
def review_next(request: Request) -> dict[str, Any]:
    view = review_item(request)
    if view["state"] == "unavailable":
        raise HTTPException(404, "no linkage run yet")
    if view["state"] == "pair":
        audit_read(request, "read.review", "record", [r["id"] for r in (view["a"], view["b"]) if r])
    return view


@router.post("/review/decisions")
def review_decide(request: Request, body: Decision) -> dict[str, Any]:
    out = decide(request, body.record_a, body.record_b, body.decision, body.note, seen=body.seen)
    result = jsonable(out)
    if isinstance(result, dict) and result.get("conflict"):  # kept, not applied: the caller must look again
        return JSONResponse({"ok": False, "conflict": True, "result": result}, status_code=409)
    return {"ok": True, "result": result}


@router.post("/link", response_model=JobRef, status_code=202)
def link(request: Request) -> JobRef:
    job_id = start_link_job(request)
    return JobRef(job_id=job_id, url=f"/api/jobs/{job_id}")


@router.get("/estimates")
def estimates(request: Request) -> dict[str, Any]:
    from reckon.estimate.notes import shown_in
    from reckon.services.estimate import list_estimates

    # each warning as its code and parameters, and its text in the reader's language
    return {"estimates": [shown_in(e) for e in list_estimates(request.app.state.workspace)] or None}


@router.post("/estimates", response_model=JobRef, status_code=202)
def estimate_run(request: Request, force: bool = False) -> JobRef:
    """Estimate on the linked persons; lists that fail the checks fail the job with the reason unless
    ``force`` (the estimate is then stored as not publishable)."""
    job_id = start_estimate_job(request, force=force)
    return JobRef(job_id=job_id, url=f"/api/jobs/{job_id}")


@router.get("/figures")
def figures(request: Request) -> dict[str, Any]:
    return {"figures": reported_figures(request.app.state.workspace)}


@router.get("/sanctions/matrix")
def sanctions_matrix(request: Request) -> dict[str, Any]:
    return {"matrix": officials_matrix(request)}


@router.get("/articles")
def articles(request: Request) -> dict[str, Any]:
    from reckon.news.service import list_articles

    return {"articles": list_articles(request.app.state.workspace) or None}


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: IdPath) -> dict[str, Any]:
    found = jobs.status(request.app.state.url, job_id)
    if found is None:
        raise HTTPException(404, "no such job")
    # the page that follows the job redraws its line from this: the message in the reader's language (as the
    # stage wrote it in "message_raw"), so the language holds while the job runs
    return {**found, "message": said_errors.waiting(found.get("message") or ""),
            "message_raw": found.get("message") or ""}


@router.get("/audit")
def audit_log(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 200,
              action: Annotated[str | None, Query(max_length=100)] = None) -> list[dict[str, Any]]:
    with session_scope(request.app.state.url) as s:
        return services.audit_log(s, limit=limit, action=action)


@router.get("/users")
def users(request: Request) -> list[dict[str, Any]]:
    return [{**u, "created_at": str(u["created_at"]), "last_login_at": str(u["last_login_at"] or "")}
            for u in accounts.list_users(request.app.state.url)]


__all__ = ["router"]
