"""Persons as the register holds them after linkage: one person with every current record, all spellings
and which source said what, field by field.

The one reading of a person that the CLI (``reckon person``), the web pages and the API show; records are
dicts of :func:`record_dict` everywhere (the record page, search results, the review queue).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reckon.errors import InputError
from reckon.store import link as store
from reckon.store.db import session_scope
from reckon.store.models import Record
from reckon.store.rawblocks import raw_of

RECORD_FIELDS = ("full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date", "region",
                 "locality", "detention_date", "release_date", "status", "articles", "sentence",
                 "place_of_detention", "external_id")


# Facts imports keep by name in Record.extra that a person page compares across sources (and corrections set).
EXTRA_SAID = ("judge", "court", "court_date", "verdict_date", "appeal_date", "lawyer", "prosecutor",
              "recognition_date", "death_date", "release_how")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


# The columns :func:`record_dict` reads without ``raw``: what a listing of records (a search) selects.
LISTED_COLUMNS = ("id", "source_id", "version", "is_current", "file_name", "row_number", "person_id", "import_id",
                  *RECORD_FIELDS)


def record_dict(r: Record | Any, source_name: str | None = None, *, raw: Session | None = None) -> dict:
    """A record as every page, the API and the CLI show it; with ``raw`` (the session to read it with), its
    raw row (from its block, :func:`~reckon.store.rawblocks.raw_of`) and extra. ``r``: a Record, or (without
    ``raw``) a row of its :data:`LISTED_COLUMNS`."""
    out = {"id": r.id, "source_id": r.source_id, "source": source_name, "version": r.version,
           "is_current": r.is_current, "file_name": r.file_name, "row_number": r.row_number,
           "person_id": r.person_id, "import_id": r.import_id}
    out.update({f: getattr(r, f) for f in RECORD_FIELDS})
    if raw is not None:
        out["raw"] = raw_of(raw, [(r.raw, r.raw_block_id, r.raw_offset)])[0]
        out["extra"] = r.extra
    return out


def person(target: Any, person_id: int) -> dict[str, Any]:
    """A person (id, display name, sources) with every current record, all spellings and which source said
    what, field by field; ``target`` is a workspace or a database URL. InputError when there is no such
    person (linkage may not have run yet)."""
    url = target if isinstance(target, str) else target.database_url
    with session_scope(url) as s:
        found = store.person_records(s, person_id)
        if found is None:
            raise InputError(f"no person with id {person_id} (linkage may not have run yet)")
        p, records = found
        names = store.source_names(s)
        recs = [record_dict(r, names.get(r.source_id)) for r in records]
        extras = [{k: (r.extra or {}).get(k) for k in EXTRA_SAID} for r in records]
        said: dict[str, list[dict]] = {}
        for f in (*RECORD_FIELDS, *EXTRA_SAID):
            values: dict[str, list[str]] = {}
            for r, ex in zip(recs, extras, strict=True):
                v = r.get(f) if f in r else ex.get(f)
                if v in (None, "", []):
                    continue
                text = " | ".join(map(str, v)) if isinstance(v, list) else str(v)
                values.setdefault(text, []).append(f"{r['source']} #{r['id']}")
            if values:
                said[f] = [{"value": k, "sources": v} for k, v in values.items()]
        spellings = sorted({r["full_name"] for r in recs if r.get("full_name")})
        return {"id": p.id, "display_name": p.display_name or (spellings[0] if spellings else f"person {p.id}"),
                "records": recs, "spellings": spellings, "fields": said,
                "sources": sorted({r["source"] for r in recs if r["source"]})}
