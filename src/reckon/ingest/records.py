"""Reading the register back: sources, records, quarantine and exports, as plain dicts.

The CLI prints these, the web app serves them, the export streams them; all go through here so the
columns and their meaning are the same everywhere. Listings stream from the database in chunks, so an
export of millions of records does not build a list in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from reckon.config import Workspace
from reckon.errors import ConfigError
from reckon.store import records as store
from reckon.store.db import get_engine

SOURCE_COLUMNS = ["name", "organisation", "kind", "records", "quarantined", "imports", "files",
                  "last_import"]
RECORD_COLUMNS = ["source", "file", "row", "external_id", "identity", "version", "full_name", "surname",
                  "given_name", "patronymic", "initials", "sex", "birth_date", "region", "locality",
                  "detention_date", "release_date", "status", "articles", "sentence", "place_of_detention"]
EXPORT_COLUMNS = ["record_id", *RECORD_COLUMNS, "content_hash", "import_id", "person_id"]
QUARANTINE_COLUMNS = ["source", "file", "row", "field", "reason", "import_id"]


def _source_id(conn: Any, name: str | None) -> int | None:
    if name is None:
        return None
    sid = store.source_named(conn, name)
    if sid is None:
        names = store.source_names(conn)
        known = ", ".join(names) if names else "none yet; import a file first"
        raise ConfigError(f"no source named {name!r}; sources: {known}")
    return sid


def list_sources(workspace: Workspace) -> list[dict[str, Any]]:
    """Every source with its counts: current records, quarantined rows, imports and files."""
    with get_engine(workspace.database_url).connect() as conn:
        return [{"id": src["id"], "name": src["name"], "organisation": src["organisation"], "kind": src["kind"],
                 "description": src["description"], "records": records, "quarantined": quarantined,
                 "imports": n, "files": files,
                 "last_import": last.isoformat(sep=" ", timespec="seconds") if last else None}
                for src, records, quarantined, n, files, last in store.source_summaries(conn)]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _record_dict(row: Any, source_name: str, raw: Any) -> dict[str, Any]:
    articles = _json(row["articles"])
    return {
        "record_id": row["id"], "source": source_name, "file": row["file_name"], "row": row["row_number"],
        "external_id": row["external_id"], "identity": row["identity"], "version": row["version"],
        "full_name": row["full_name"], "surname": row["surname"], "given_name": row["given_name"],
        "patronymic": row["patronymic"], "initials": row["initials"], "sex": row["sex"],
        "birth_date": row["birth_date"], "region": row["region"], "locality": row["locality"],
        "detention_date": row["detention_date"], "release_date": row["release_date"], "status": row["status"],
        "articles": articles or [], "sentence": row["sentence"], "place_of_detention": row["place_of_detention"],
        "content_hash": row["content_hash"], "import_id": row["import_id"], "person_id": row["person_id"],
        "extra": _json(row["extra"]) or {}, "raw": raw,
    }


def iter_records(workspace: Workspace, source: str | None = None, limit: int | None = None,
                 include_old: bool = False, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Current records (every version with ``include_old``) in source and row order, streamed."""
    with get_engine(workspace.database_url).connect() as conn:
        sid = _source_id(conn, source)
        names = store.source_names_by_id(conn)
        for rows in store.record_chunks(conn, sid, include_old=include_old, limit=limit, chunk=chunk):
            for row, raw in rows:
                yield _record_dict(row, names.get(row["source_id"], ""), raw)


def list_records(workspace: Workspace, source: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
    return list(iter_records(workspace, source, limit))


def iter_export_records(workspace: Workspace, source: str | None = None) -> Iterator[dict[str, Any]]:
    """Every current record with provenance (source, file, row, the source's own id), for export."""
    return iter_records(workspace, source, None)


def list_quarantine(workspace: Workspace, source: str | None = None, limit: int | None = None
                    ) -> list[dict[str, Any]]:
    with get_engine(workspace.database_url).connect() as conn:
        sid = _source_id(conn, source)
        names = store.source_names_by_id(conn)
        return [{"source": names.get(s, ""), "file": f, "row": n, "field": fld, "reason": reason,
                 "import_id": imp, "raw": _json(raw)}
                for s, f, n, fld, reason, imp, raw in store.quarantine_rows(conn, sid, limit)]


def record_counts(workspace: Workspace) -> dict[str, int]:
    """Totals for summaries: current records, all versions, quarantined rows, sources, imports."""
    with get_engine(workspace.database_url).connect() as conn:
        return store.register_totals(conn)
