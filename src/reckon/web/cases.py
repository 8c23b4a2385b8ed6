"""Pages of judges, courts and corrections: /judges, /courts (and one of each), and the correction form
of the person page. Routes parse input, call :mod:`reckon.histories` and render; reads that show persons
are audited, corrections are audited by the service in the same transaction as the change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from reckon.errors import ReckonError
from reckon.histories import corrections, judges
from reckon.i18n import N_
from reckon.web.deps import Id, actor, audit_read, redirect, render, said_error
from reckon.web.security import guard

router = APIRouter(include_in_schema=False, dependencies=[Depends(guard)])
Key = Annotated[str, PathParam(min_length=1, max_length=300)]


def _record_ids(detail: dict) -> list[int]:
    return sorted({r for v in detail["verdicts"] for r in v["record_ids"]})


NOT_FOUND = {"judge": N_("no verdict names this judge"), "court": N_("no verdict names this court")}


def _pages(kind: str) -> None:
    """/judges and /judges/{key}, or /courts and /courts/{key}: the list, and one with its verdicts."""
    listing, detail = {"judge": (judges.judges, judges.judge_detail),
                       "court": (judges.courts, judges.court_detail)}[kind]

    def list_page(request: Request):
        return render(request, "judges.html", rows=listing(request.app.state.workspace), kind=kind)

    def one_page(request: Request, key: Key):
        try:
            d = detail(request.app.state.workspace, key)
        except ReckonError:
            raise HTTPException(404, NOT_FOUND[kind]) from None
        audit_read(request, f"read.{kind}", "record", _record_ids(d), **{kind: d[kind]})
        return render(request, "judge.html", d=d, kind=kind)

    router.get(f"/{kind}s", response_class=HTMLResponse, name=f"{kind}s_page")(list_page)
    router.get(f"/{kind}s/{{key:path}}", response_class=HTMLResponse, name=f"{kind}_page")(one_page)


_pages("judge")
_pages("court")


@router.post("/persons/{person_id}/corrections")
def correct_person(request: Request, person_id: Id, field: Annotated[str, Form(max_length=50)],
                   value: Annotated[str, Form(max_length=1000)], note: Annotated[str, Form(max_length=2000)] = ""):
    """Store one correction (an editor's): a manual record on the person, never an edit of an import."""
    if field not in corrections.FIELDS:
        raise HTTPException(400, f"field must be one of {', '.join(corrections.FIELDS)}")
    try:
        corrections.correct(request.app.state.workspace, person_id, {field: value}, note=note or None,
                            actor=actor(request))
    except ReckonError as exc:
        raise HTTPException(400, said_error(exc)) from None
    from reckon.services import summary

    summary.refresh_soon(request.app.state.url)   # the dashboard's numbers follow, in the background
    return redirect(f"/persons/{person_id}")
