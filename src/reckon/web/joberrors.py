"""Why a job failed, as a message code and parameters, said in the reader's language.

Why codes: a job fails in a worker process, which knows no reader; the page and the API that show the
failure are read later by people who read Belarusian, Russian or English. So, as an estimate's warnings
are (:mod:`reckon.estimate.notes`), a failure is kept as ``{"code", "params"}`` in the job's ``result``
(under ``"error"``), and ``job.error`` keeps the English text for programs and for anyone reading the raw
row. :func:`said` says it in the language in force; a row written before codes existed holds only the
text, and is shown as it was stored.

The parameters are what the failure is about, never data of a person: a file name, a row number, a field
name, an exception's type, the database server's first line (:func:`reckon.store.db.database_error`), or
the English message of a stage's own error (which names files, rows and fields only; it is said through
the catalogue when it is catalogued, :func:`reckon.i18n.said`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reckon.errors import BusyError, EstimateRefused, InputError, ReckonError, StoreError
from reckon.i18n import N_, gettext, label, said, use
from reckon.store.words import OUT_OF_MEMORY, UNEXPECTED

__all__ = ["MESSAGES", "JobFailure", "code_of", "said_error"]

# code -> message with ``%(name)s`` parameters. "worker_stopped" is also written by reckon.store.jobs.
MESSAGES: dict[str, str] = {
    "worker_stopped": N_("the worker running this job stopped; start it again"),
    "upload_gone": N_("the uploaded file of this import is gone; upload it again"),
    "unknown_kind": N_("unknown job kind %(kind)s: a worker runs %(kinds)s jobs"),
    "estimate_refused": N_("reckon will not estimate on these lists: %(reasons)s"),
    "busy": N_("another reckon process is writing to this workspace; nothing was changed. Try again when it "
               "is done"),
    "database": N_("the database refused the job (%(kind)s%(detail)s); nothing was changed"),
    "out_of_memory": OUT_OF_MEMORY,
    "unexpected": UNEXPECTED,
    "input": N_("%(where)s: %(message)s"),
    "stage": "%(message)s",   # a stage's own error: its message, through the catalogue when it is there
}
_FILE, _ROW, _FIELD = N_("file %(file)s"), N_("row %(row)s"), N_("field %(field)s")


class JobFailure(ReckonError):
    """A failure of the job machinery itself (its upload gone, a kind no worker runs), with its code."""

    def __init__(self, code: str, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message {code!r}")
        self.code, self.params = code, params
        with use("en"):
            super().__init__(_say(code, params))


def code_of(exc: BaseException) -> dict[str, Any]:
    """The code and parameters of the error that ended a job (what :func:`reckon.store.db.public_message`
    says of it, in parts)."""
    from sqlalchemy.exc import SQLAlchemyError

    from reckon.store.db import database_error

    if isinstance(exc, SQLAlchemyError):
        exc = database_error(exc)
    if isinstance(exc, JobFailure):
        return {"code": exc.code, "params": dict(exc.params)}
    if isinstance(exc, EstimateRefused):
        return {"code": "estimate_refused", "params": {}}   # its reasons, as codes, are in result.reasons
    if isinstance(exc, BusyError):
        return {"code": "busy", "params": {}}
    if isinstance(exc, StoreError) and exc.kind:
        return {"code": "database", "params": {"kind": exc.kind, "detail": exc.detail}}
    # a catalogued error keeps its template and parameters (files, rows, counts, never personal data) beside
    # the English message, so the job's page says it in its reader's language
    said_as = {"template": exc.template, "values": dict(exc.params)} \
        if isinstance(exc, ReckonError) and exc.template else {}
    if isinstance(exc, InputError) and (exc.file or exc.row is not None or exc.field):
        return {"code": "input", "params": {"file": exc.file, "row": exc.row, "field": exc.field,
                                            "message": exc.message, **said_as}}
    if isinstance(exc, ReckonError):
        return {"code": "stage", "params": {"message": str(exc), **said_as}}
    if isinstance(exc, MemoryError):
        return {"code": "out_of_memory", "params": {}}
    return {"code": "unexpected", "params": {"type": type(exc).__name__}}


def said_error(error: Any, text: str | None = None, reasons: Any = ()) -> str:
    """A job's failure in the language in force: its stored ``{"code", "params"}``, else ``text`` (a row
    written before codes, or by another version), as it was stored. ``reasons``: a refused estimate's
    reasons (``result.reasons``, as :mod:`reckon.estimate.notes` stores them)."""
    if isinstance(error, Mapping):
        code, params = error.get("code"), error.get("params")
        if isinstance(code, str) and code in MESSAGES and isinstance(params, Mapping):
            if code == "estimate_refused":
                params = {"reasons": list(reasons) if isinstance(reasons, list | tuple) else []}
            try:
                return _say(code, params)
            except (KeyError, TypeError, ValueError):   # parameters another version wrote: its own text
                pass
    return text or ""


def _message(params: Mapping[str, Any]) -> str:
    """A stage's message: through its template when the error was catalogued, else its English text
    through the catalogue when it is a message there."""
    template, values = params.get("template"), params.get("values")
    if isinstance(template, str) and isinstance(values, Mapping):
        from reckon.said_errors import message_of

        return message_of(template, values)
    return said(str(params.get("message", "")))


def _say(code: str, params: Mapping[str, Any]) -> str:
    values = dict(params)
    if code == "input":
        parts = [gettext(_FILE) % {"file": params["file"]} if params.get("file") else "",
                 gettext(_ROW) % {"row": params["row"]} if params.get("row") is not None else "",
                 gettext(_FIELD) % {"field": label(params["field"])} if params.get("field") else ""]
        values = {"where": ", ".join(p for p in parts if p), "message": _message(params)}
    elif code == "stage":
        values = {"message": _message(params)}
    elif code == "estimate_refused":
        from reckon.estimate.notes import text

        values = {"reasons": "; ".join(text(r) for r in params.get("reasons", []))}
    elif code == "database":
        detail = params.get("detail") or ""
        values = {"kind": params.get("kind", ""), "detail": f": {detail}" if detail else ""}
    return gettext(MESSAGES[code]) % values
