"""One read of records, two public formats: `reckon export records` / `reckon records` (the CLI's names
record_id, file, row) and the API (the register's names id, file_name, row_number) show the same values for
the same record, both made from reckon.store.records.read_records. On the real Viasna lists in
../shared/eval, read in place, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json

import httpx
import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build
from reckon.ingest.service import import_file
from reckon.store.records import RECORD_KEYS
from test_web_support import make_users, serve

LISTS = {"viasna-pp": "viasna_political_prisoners_sample.csv", "viasna-admin": "viasna_admin_cases_2020_sample.csv"}
# The documented renames (docs/web.md, docs/architecture.md): API name -> CLI and export name.
CLI_NAME = {"id": "record_id", "file_name": "file", "row_number": "row"}
API_NAME = {v: k for k, v in CLI_NAME.items()}
ONLY_API = {"source_id", "is_current", "versions"}   # the API's own additions; the CLI names sources


def _cli_rows(app, ws: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(app, [*args, "--format", "jsonl", "-w", ws], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def viasna(workspace) -> dict[str, list[dict[str, str]]]:
    rows = {}
    for source, name in LISTS.items():
        path = shared_path("eval", "lists", name)
        report = import_file(workspace, path, source, organisation="Viasna")
        assert report.quarantined == 0
        with path.open(encoding="utf-8") as fh:
            rows[source] = list(csv.DictReader(fh))
    return rows


def test_the_cli_export_and_the_api_show_the_same_record(workspace, viasna) -> None:
    app, ws = _build(), str(workspace.root)
    exported = _cli_rows(app, ws, "export", "records", "--raw")
    listed = _cli_rows(app, ws, "records", "--limit", "0")
    assert len(exported) == len(listed) == sum(len(r) for r in viasna.values())
    # `reckon records` and the export: the same values under the same names (one read behind both).
    for row, rec in zip(listed, exported, strict=True):
        assert all(rec[k] == v for k, v in row.items()), row["row"]
    # What the files say, so that two empty surfaces could not agree: every row, name and id where it was.
    by_file = {(e["source"], e["row"]): e for e in exported}
    for source, rows in viasna.items():
        for n, row in enumerate(rows, start=2):
            rec = by_file[(source, n)]
            assert rec["file"] == LISTS[source] and rec["external_id"] == row["id"]
            assert rec["full_name"] == (row.get("name") or row.get("full_name")) and rec["raw"]["id"] == row["id"]

    users = make_users(workspace.database_url)
    with serve(workspace) as base, httpx.Client(base_url=base, headers=users.headers("analyst"), timeout=60) as api:
        for rec in exported:
            got = api.get(f"/api/records/{rec['record_id']}")
            assert got.status_code == 200
            shown = got.json()
            # Every key but the export's identity and content hash, under the API's name.
            assert set(shown) - ONLY_API == {API_NAME.get(k, k) for k in rec} - {"identity", "content_hash"}
            for key, value in shown.items():
                if key not in ONLY_API:
                    assert value == rec[CLI_NAME.get(key, key)], (rec["record_id"], key)
            assert shown["source_id"] is not None and shown["is_current"] is True
            assert [v["id"] for v in shown["versions"]] == [rec["record_id"]]
        # A search's results: the same values again, without the raw row.
        first = exported[0]
        found = api.get("/api/persons", params={"q": first["full_name"]}).json()
        hit = next(r for r in found if r["id"] == first["record_id"])
        assert "raw" not in hit
        assert all(v == first[CLI_NAME.get(k, k)] for k, v in hit.items() if k not in ONLY_API)


def test_the_one_shape_is_the_registers_column_names(workspace, viasna) -> None:
    from reckon.store.db import get_engine
    from reckon.store.records import read_records

    with get_engine(workspace.database_url).connect() as conn:
        chunks = list(read_records(conn, chunk=100))
        assert [len(c) for c in chunks[:-1]] == [100] * (len(chunks) - 1)
        recs = [r for c in chunks for r in c]
        assert all(tuple(r) == (*RECORD_KEYS, "raw") for r in recs)
        # Filters combine; without raw rows the key is absent, not None.
        one = recs[5]
        (again,) = [r for c in read_records(conn, ids=[one["id"]], source_id=one["source_id"], raw=False) for r in c]
        assert again == {k: v for k, v in one.items() if k != "raw"}
        assert [r for c in read_records(conn, ids=[one["id"]], source_id=one["source_id"] + 1000) for r in c] == []
