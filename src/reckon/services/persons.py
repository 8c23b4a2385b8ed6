"""Persons as the register holds them after linkage: one person with every current record, all spellings
and which source said what, field by field.

The one reading of a person that the CLI (``reckon person``), the web pages and the API show; records are
dicts of :func:`record_dict` everywhere (the record page, search results, the review queue), made from
the register's one record shape (:func:`reckon.store.records.read_records`).
"""

from __future__ import annotations

from typing import Any

from reckon.errors import N_, InputError
from reckon.store import link as store
from reckon.store.db import session_scope

RECORD_FIELDS = ("full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date", "region",
                 "locality", "detention_date", "release_date", "status", "articles", "sentence",
                 "place_of_detention", "external_id")
# The keys of a record in the web app and the API: the register's own column names (``id``, ``file_name``,
# ``row_number``), kept so that API clients keep working. The CLI and export name three of them otherwise
# (``record_id``, ``file``, ``row``: reckon.ingest.records.CLI_NAMES); both come from the same read.
API_KEYS = ("id", "source_id", "source", "version", "is_current", "file_name", "row_number", "person_id",
            "import_id", *RECORD_FIELDS)


# Facts imports keep by name in Record.extra that a person page compares across sources (and corrections set).
EXTRA_SAID = ("judge", "court", "court_date", "verdict_date", "appeal_date", "lawyer", "prosecutor",
              "recognition_date", "death_date", "release_how")


def record_dict(rec: dict[str, Any]) -> dict[str, Any]:
    """A record (a dict of :data:`reckon.store.records.RECORD_KEYS`) as every page and the API show it:
    :data:`API_KEYS`, and its raw row and extra when it was read with its raw row (the record page)."""
    out = {k: rec[k] for k in API_KEYS}
    if "raw" in rec:
        out["raw"] = rec["raw"]
        out["extra"] = rec["extra"]
    return out


def person(target: Any, person_id: int) -> dict[str, Any]:
    """A person (id, display name, sources) with every current record, all spellings and which source said
    what, field by field; ``target`` is a workspace or a database URL. InputError when there is no such
    person (linkage may not have run yet)."""
    url = target if isinstance(target, str) else target.database_url
    with session_scope(url) as s:
        found = store.person_records(s, person_id)
        if found is None:
            raise InputError.of(N_("no person with id %(id)s (linkage may not have run yet)"), id=str(person_id))
        p, records = found
        recs = [record_dict(r) for r in records]
        extras = [{k: r["extra"].get(k) for k in EXTRA_SAID} for r in records]
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
