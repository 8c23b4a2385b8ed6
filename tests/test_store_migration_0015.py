"""Migration 0015 on SQLite and PostgreSQL: records made at 0014 keep their file name, time and content hash.

A workspace is built at revision 0014 with records the way that schema held them (file name and time on
every record, hashes as hex text of 32 and 64 characters, one made-up non-hex hash), upgraded, and read back
through the models: the file name and time now come from the import, the hashes as they were; a re-import's
comparison (``stored_hash``) finds the same 16 bytes. Downgrading gives the 0014 columns back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from reckon.store.db import dispose_engines, get_engine, upgrade
from reckon.store.imports import HASH_BYTES, current_hashes, stored_hash
from reckon.store.models import Record, hash_bytes, hash_text

HASHES = {"a": "0f" * 16, "b": "ab" * 32, "c": "not-hex!"}  # 0014: 32 hex, pre-2026-12 64 hex, a test's text


def _fill_at_0014(url: str, record_file: str = "liste.csv") -> None:
    upgrade(url, "0014")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO source (name, kind, created_at) VALUES ('old', 'list', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO import_batch (source_id, file_name, file_sha256, file_format, mapping, actor, "
                          "started_at, rows_read, rows_new, rows_changed, rows_unchanged, rows_quarantined) VALUES "
                          "(1, 'liste.csv', '', 'csv', '{}', 't', '2026-01-02 03:04:05', 3, 3, 0, 0, 0)"))
        conn.execute(text("INSERT INTO record (source_id, import_id, identity, version, is_current, content_hash, "
                          "file_name, row_number, raw, articles, extra, created_at) VALUES "
                          "(1, 1, :ident, 1, :cur, :h, :f, :n, '{}', '[]', '{}', '2026-01-02 03:04:05')"),
                     [{"ident": k, "h": h, "f": record_file if k == "a" else "liste.csv", "n": i + 2, "cur": True}
                      for i, (k, h) in enumerate(HASHES.items())])
    engine.dispose()


def test_records_made_at_0014_read_the_same_after_0015(empty_url: str) -> None:
    _fill_at_0014(empty_url)
    upgrade(empty_url)
    dispose_engines()
    with get_engine(empty_url).connect() as conn:
        rows = conn.execute(select(Record.identity, Record.file_name, Record.created_at, Record.content_hash)
                            .order_by(Record.identity)).all()
        columns = {c["name"] for c in conn.dialect.get_columns(conn, "record")}
        compared = current_hashes(conn, 1, list(HASHES))
    assert [(r.identity, r.file_name, str(r.created_at)[:19]) for r in rows] == \
        [(k, "liste.csv", "2026-01-02 03:04:05") for k in HASHES]
    # Hex text reads back as it was; made-up text stays text on SQLite, PostgreSQL's bytea gives its hex.
    expected_c = HASHES["c"] if empty_url.startswith("sqlite") else HASHES["c"].encode().hex()
    assert {r.identity: r.content_hash for r in rows} == {**HASHES, "c": expected_c}
    assert "file_name" not in columns and "created_at" not in columns
    assert compared == {"a": bytes.fromhex("0f" * HASH_BYTES), "b": bytes.fromhex("ab" * HASH_BYTES), "c": b"not-hex!"}
    assert compared == {k: stored_hash(h) for k, h in HASHES.items()}


def test_downgrade_gives_the_0014_columns_back(empty_url: str) -> None:
    _fill_at_0014(empty_url)
    upgrade(empty_url)
    dispose_engines()
    from alembic import command

    from reckon.store.db import alembic_config

    command.downgrade(alembic_config(empty_url), "0014")
    dispose_engines()
    engine = create_engine(empty_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT identity, file_name, content_hash FROM record ORDER BY identity")).all()
    engine.dispose()
    # Hex text comes back as it was; PostgreSQL held the made-up text as its bytes and gives them in hex.
    expected_c = HASHES["c"] if empty_url.startswith("sqlite") else HASHES["c"].encode().hex()
    assert rows == [("a", "liste.csv", HASHES["a"]), ("b", "liste.csv", HASHES["b"]), ("c", "liste.csv", expected_c)]


def test_a_record_naming_another_file_stops_the_migration(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'odd.db'}"
    _fill_at_0014(url, record_file="other.csv")
    with pytest.raises(RuntimeError, match="1 records name another file"):
        upgrade(url)
    dispose_engines()
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0014"
        assert conn.execute(text("SELECT file_name FROM record WHERE identity = 'a'")).scalar_one() == "other.csv"
    engine.dispose()


@given(digest=st.binary(min_size=16, max_size=32))
def test_a_hash_goes_to_the_store_and_back_as_the_same_hex(digest: bytes) -> None:
    """What an import compares (HASH_BYTES, the first bytes) is the same whether the store gave bytes (0015 on) or hex text
    (before), and hex text bound through the model comes back as it was written."""
    hexed = digest.hex()
    assert hash_text(hash_bytes(hexed)) == hexed
    assert stored_hash(hexed) == stored_hash(digest) == stored_hash(memoryview(digest)) == digest[:HASH_BYTES]
