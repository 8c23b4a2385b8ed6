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
from reckon.errors import N_, ConfigError
from reckon.store import records as store
from reckon.store.db import get_engine

__all__ = ["SOURCE_COLUMNS", "RECORD_COLUMNS", "EXPORT_COLUMNS", "RAW_COLUMNS", "QUARANTINE_COLUMNS", "CLI_NAMES", "cli_record",
           "IMPORT_COLUMNS", "list_sources", "list_imports", "iter_records", "list_records", "iter_export_records",
           "list_quarantine", "record_counts"]

SOURCE_COLUMNS = ["name", "organisation", "kind", "records", "quarantined", "imports", "files",
                  "last_import"]
RECORD_COLUMNS = ["source", "file", "row", "external_id", "identity", "version", "full_name", "surname",
                  "given_name", "patronymic", "initials", "sex", "birth_date", "region", "locality",
                  "detention_date", "release_date", "status", "articles", "sentence", "place_of_detention"]
EXPORT_COLUMNS = ["record_id", *RECORD_COLUMNS, "content_hash", "import_id", "person_id"]
RAW_COLUMNS = ["extra", "raw"]
"""What ``--raw`` adds to ``reckon records`` and ``reckon export records`` in csv and jsonl: what reckon read
beyond the fields (``extra``: a recognition's date and declarer, a news record's article) and the row as written."""
QUARANTINE_COLUMNS = ["source", "file", "row", "field", "reason", "import_id"]
IMPORT_COLUMNS = ["import_id", "source", "file", "finished", "read", "new", "changed", "unchanged", "quarantined",
                  "warned"]


def _source_id(conn: Any, name: str | None) -> int | None:
    if name is None:
        return None
    sid = store.source_named(conn, name)
    if sid is None:
        names = store.source_names(conn)
        if not names:
            raise ConfigError.of(N_("no source named %(name)s; there is none yet: import a file first"),
                                 name=repr(name))
        raise ConfigError.of(N_("no source named %(names)s; sources are %(sources)s"), names=repr(name),
                             sources=", ".join(names))
    return sid


def list_sources(workspace: Workspace) -> list[dict[str, Any]]:
    """Every source with its counts: current records, quarantined rows, imports and files."""
    with get_engine(workspace.database_url).connect() as conn:
        return [{"id": src["id"], "name": src["name"], "organisation": src["organisation"], "kind": src["kind"],
                 "description": src["description"], "records": records, "quarantined": quarantined,
                 "imports": n, "files": files,
                 "last_import": last.isoformat(sep=" ", timespec="seconds") if last else None}
                for src, records, quarantined, n, files, last in store.source_summaries(conn)]


def list_imports(workspace: Workspace, source: str | None = None) -> list[dict[str, Any]]:
    """Every import, newest first, with its counts and what it warned of (kept in its audit entry: the
    rows stored with a warning, the first 50 as file, row and reason, and a guessed encoding), so that a
    documenter who comes back later learns what the one who ran the import was told."""
    with get_engine(workspace.database_url).connect() as conn:
        sid = _source_id(conn, source)
        names = store.source_names_by_id(conn)
        batches = store.import_rows(conn, sid)
        notes = store.import_notes(conn, [b.id for b in batches])
        return [{"import_id": b.id, "source": names.get(b.source_id, ""), "file": b.file_name,
                 "finished": b.finished_at.isoformat(sep=" ", timespec="seconds") if b.finished_at else None,
                 "read": b.rows_read, "new": b.rows_new, "changed": b.rows_changed, "unchanged": b.rows_unchanged,
                 "quarantined": b.rows_quarantined, "warned": notes[b.id]["warned"],
                 "encoding": notes[b.id]["encoding_note"], "warnings": notes[b.id]["warnings"]}
                for b in batches]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# The CLI's and the export's names for keys of the register's one record shape
# (reckon.store.records.RECORD_KEYS): three renamed, the source's id left out (the CLI names sources);
# every other key keeps its name. The web and the API keep the register's names
# (reckon.services.persons.record_dict).
CLI_NAMES: dict[str, str | None] = {"id": "record_id", "file_name": "file", "row_number": "row", "source_id": None}


def cli_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A record of :func:`reckon.store.records.read_records` under the CLI's and the export's names."""
    return {new: v for k, v in rec.items() if (new := CLI_NAMES.get(k, k)) is not None}


def iter_records(workspace: Workspace, source: str | None = None, limit: int | None = None,
                 include_old: bool = False, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Current records (every version with ``include_old``) in source and row order, streamed."""
    with get_engine(workspace.database_url).connect() as conn:
        sid = _source_id(conn, source)
        for rows in store.read_records(conn, source_id=sid, include_old=include_old, limit=limit, chunk=chunk):
            for rec in rows:
                yield cli_record(rec)


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
