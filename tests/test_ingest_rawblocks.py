"""Raw rows in compressed blocks (reckon.store.rawblocks): nothing lost, byte for byte, on both databases.

The real Viasna lists are imported and every raw row read back through the store's one reader is
compared with the row as Python's csv module reads the file; a workspace made at migration 0009 with
raw rows in the record table is upgraded and every row must come back the same from its block.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select, text

from conftest import shared_path
from reckon.errors import StoreError
from reckon.ingest.service import import_file
from reckon.store.db import dispose_engines, get_engine, upgrade
from reckon.store.models import RawBlock, Record
from reckon.store.rawblocks import BLOCK_ROWS, clear_cache, raw_of, raw_row, raw_rows, write_blocks

LISTS = ("viasna_political_prisoners_sample.csv", "viasna_admin_cases_2020_sample.csv")


@pytest.mark.parametrize("name", LISTS)
def test_every_raw_row_of_the_real_lists_comes_back_byte_for_byte(workspace, name: str) -> None:
    path = shared_path("eval", "lists", name)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        file_rows = list(reader)
    report = import_file(workspace, path, "viasna")
    assert report.new == len(file_rows) and report.quarantined == 0
    clear_cache()
    with get_engine(workspace.database_url).connect() as conn:
        found = conn.execute(select(Record.id, Record.row_number, Record.raw)).all()
        raws = raw_rows(conn, [rid for rid, _, _ in found])
        blocks = conn.execute(select(RawBlock.first_row, RawBlock.last_row, RawBlock.rows)).all()
    assert len(found) == len(file_rows)
    assert all(inline == {} for _, _, inline in found)  # the record row holds no copy
    assert sum(n for _, _, n in blocks) == len(file_rows) and all(n <= BLOCK_ROWS for _, _, n in blocks)
    by_row = {n: raws[rid] for rid, n, _ in found}
    for number, cells in enumerate(file_rows, start=2):
        raw = by_row[number]
        assert list(raw) == header, number  # every column, in the file's order
        assert list(raw.values()) == cells, number  # every cell's text exactly
    # The blocks hold, line by line and in file order, exactly the JSON of the file's cells: the raw row's
    # bytes as the import read them, nothing re-encoded or normalised.
    import zstandard

    with get_engine(workspace.database_url).connect() as conn:
        stored = b"\n".join(zstandard.ZstdDecompressor().decompress(d) for d in conn.execute(
            select(RawBlock.data).order_by(RawBlock.id)).scalars())
    assert stored == b"\n".join(orjson.dumps(dict(zip(header, cells, strict=True))) for cells in file_rows)


_cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.dictionaries(_cell, _cell | st.integers() | st.none() | st.floats(allow_nan=False, allow_infinity=False),
                                     max_size=5), min_size=1, max_size=30))
def test_blocks_return_any_rows_written(sqlite_workspace, rows: list[dict]) -> None:
    """Whatever JSON rows go in (line breaks, any script, numbers) come out equal, in order. (Infinities are
    not JSON: the import quarantines them before any block, reckon.ingest.storable.)"""
    engine = get_engine(sqlite_workspace.database_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO source (name, kind, created_at) VALUES ('s', 'list', '2026-01-01') "
                             "ON CONFLICT DO NOTHING")
        conn.exec_driver_sql("INSERT INTO import_batch (source_id, file_name, file_sha256, file_format, mapping, "
                             "actor, started_at, rows_read, rows_new, rows_changed, rows_unchanged, "
                             "rows_quarantined) VALUES (1, 'f', '', 'csv', '{}', 't', '2026-01-01', 0, 0, 0, 0, 0)")
        imp = conn.execute(text("SELECT max(id) FROM import_batch")).scalar_one()
        lines = [json.dumps(r, ensure_ascii=False, indent=1 if i % 2 else None) for i, r in enumerate(rows)]
        refs = write_blocks(conn, imp, "f", list(range(2, len(lines) + 2)), lines)
    clear_cache()
    with engine.connect() as conn:
        assert raw_of(conn, [(None, b, o) for b, o in refs]) == rows


def test_a_damaged_block_is_an_error_never_wrong_rows(sqlite_workspace, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,ФИО\n1,Тэставы Першы\n2,Тэставы Другі\n", encoding="utf-8")
    import_file(sqlite_workspace, path, "s")
    engine = get_engine(sqlite_workspace.database_url)
    with engine.begin() as conn:
        rid = conn.execute(select(func.min(Record.id))).scalar_one()
        assert raw_row(conn, rid) == {"id": "1", "ФИО": "Тэставы Першы"}
        clear_cache()
        data = conn.execute(select(RawBlock.data)).scalar_one()
        conn.execute(RawBlock.__table__.update().values(data=data[:-6] + bytes(6)))
        with pytest.raises(StoreError, match="damaged"):
            raw_row(conn, rid)


# ------------------------------------------------------------------------------------ migration 0010


def test_migration_0010_moves_raw_rows_made_at_0009_into_blocks(empty_url: str) -> None:
    upgrade(empty_url, "0009")
    engine = create_engine(empty_url)
    big = [{"id": f"B{i}", "ФИО": f"Тэставы {i}", "заўвага": "радок\nдругі" if i % 7 == 0 else ""}
           for i in range(BLOCK_ROWS + 500)]
    small = [{"name": "Ales Testovich", "article": "Art. 342"}, {"set": {"status": "released"}, "note": "x"}]
    now = "2026-01-01 00:00:00"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO source (name, kind, created_at) VALUES ('old', 'list', :t), "
                          "('news', 'news', :t)"), {"t": now})
        for sid in (1, 2):
            conn.execute(text("INSERT INTO import_batch (source_id, file_name, file_sha256, file_format, mapping, "
                              "actor, started_at, rows_read, rows_new, rows_changed, rows_unchanged, "
                              "rows_quarantined) VALUES (:s, 'f.csv', '', 'csv', '{}', 't', :t, 0, 0, 0, 0, 0)"),
                         {"s": sid, "t": now})
        insert = text("INSERT INTO record (source_id, import_id, identity, version, is_current, content_hash, "
                      "file_name, row_number, raw, articles, extra, created_at) VALUES "
                      "(:s, :s, :ident, 1, :cur, 'h', 'f.csv', :n, :raw, '[]', '{}', :t)")
        # Rows stored out of file order, as an import's versions can be: blocks follow the file's order.
        conn.execute(insert, [{"s": 1, "ident": r["id"], "n": i + 2, "raw": json.dumps(r, ensure_ascii=False),
                               "t": now, "cur": True} for i, r in reversed(list(enumerate(big)))])
        conn.execute(insert, [{"s": 2, "ident": str(i), "n": i, "raw": json.dumps(r, ensure_ascii=False),
                               "t": now, "cur": True} for i, r in enumerate(small)])
        before = dict(conn.execute(text("SELECT id, raw FROM record")).all())
    engine.dispose()
    upgrade(empty_url)
    dispose_engines()
    clear_cache()
    with get_engine(empty_url).connect() as conn:
        after = raw_rows(conn, list(before))
        inline = conn.execute(select(Record.raw).where(Record.raw_block_id.is_(None))).all()
        blocks = conn.execute(select(RawBlock.import_id, RawBlock.first_row, RawBlock.last_row, RawBlock.rows)
                              .order_by(RawBlock.id)).all()
        offsets = conn.execute(select(Record.row_number, Record.raw_offset, Record.raw_block_id)
                               .where(Record.import_id == 1).order_by(Record.row_number)).all()
    assert {k: (json.loads(v) if isinstance(v, str) else v) for k, v in before.items()} == after
    assert inline == []
    assert blocks == [(1, 2, BLOCK_ROWS + 1, BLOCK_ROWS), (1, BLOCK_ROWS + 2, BLOCK_ROWS + 501, 500), (2, 0, 1, 2)]
    assert [o for _, o, _ in offsets] == [*range(BLOCK_ROWS), *range(500)]


def test_postgres_and_sqlite_store_the_same_rows(tmp_path: Path, pg_url: str) -> None:
    """COPY + INSERT ... SELECT (PostgreSQL) and executemany (SQLite) keep the same records and raw rows."""
    from reckon.config import init_workspace
    from reckon.ingest.records import list_records

    path = shared_path("eval", "lists", LISTS[1])
    out = []
    for folder, url in (("a", None), ("b", pg_url)):
        ws = init_workspace(tmp_path / folder, url)
        import_file(ws, path, "viasna")
        out.append(sorted((orjson.dumps({k: v for k, v in r.items() if k not in ("record_id", "import_id")},
                                        option=orjson.OPT_SORT_KEYS)) for r in list_records(ws, None, None)))
    assert out[0] == out[1] and len(out[0]) > 100
