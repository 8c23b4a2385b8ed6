"""Reading persons back: the list of persons and the links export (one person with its records is
:func:`reckon.services.persons.person`, shared with the web app)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reckon.link.features import name_string
from reckon.link.service import database_url
from reckon.store import link_queries as q
from reckon.store.db import session_scope

LINK_COLUMNS = ["source", "external_id", "record_id", "person_id", "cluster_size"]
PERSON_COLUMNS = ["person_id", "display_name", "records", "sources", "spellings", "birth_dates"]


def persons(target: Any, *, min_records: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
    """Persons with their record count, sources, spellings and birth dates (largest first)."""
    with session_scope(database_url(target)) as s:
        rows = q.person_rows(s)
    agg: dict[int, dict[str, Any]] = {}
    for r in rows:
        p = agg.setdefault(r.person_id, {"person_id": r.person_id, "display_name": r.display_name, "records": 0,
                                         "sources": set(), "spellings": set(), "birth_dates": set()})
        p["records"] += 1
        p["sources"].add(r.name)
        name = name_string(r._mapping)
        if name:
            p["spellings"].add(name)
        if r.birth_date:
            p["birth_dates"].add(r.birth_date)
    out = []
    for p in agg.values():
        if p["records"] < min_records:
            continue
        for k in ("sources", "spellings", "birth_dates"):
            p[k] = sorted(p[k])
        out.append(p)
    out.sort(key=lambda p: (-p["records"], p["person_id"]))
    return out[:limit] if limit else out


def export_links(target: Any) -> Iterator[dict[str, Any]]:
    """One row per current record: its source, the source's own row id, record id, person and cluster size."""
    with session_scope(database_url(target)) as s:
        sizes = q.person_sizes(s)
        rows = q.link_rows(s)
    for source, external_id, identity, rid, pid in rows:
        yield {"source": source, "external_id": external_id or identity, "record_id": rid, "person_id": pid,
               "cluster_size": sizes.get(pid, 1) if pid is not None else 1}
