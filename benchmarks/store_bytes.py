"""Where an SQLite store's bytes go, and what other designs of the record table would take (issue 15).

    .venv/bin/python benchmarks/store_bytes.py WORKSPACE/reckon.db [--csv-bytes N] [--designs]

Prints, per record: the bytes of each part (``dbstat``: table, indexes, raw blocks, and how much of their
pages is unused), and each column's stored size as SQLite's record format keeps it (a text's UTF-8
bytes, an integer's 0-8 bytes, nothing for the constants 0 and 1, one header byte a column). With
``--designs`` it copies the records into a scratch file beside the store (deleted after) and measures the
designs docs/ingest.md compares ("Bytes, second pass"): B, codes through dictionary tables for what
repeats; C, only what SQL filters or groups on kept as columns and the rest in zstd blocks; D, keys only.
The store is only read. Make one with ``benchmarks/import_speed.py``'s generator and ``reckon import``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from pathlib import Path

import zstandard

KEYS = ("id, source_id, import_id, identity, version, is_current, content_hash, row_number, raw_block_id, "
        "raw_offset, person_id")
DISPLAY = ("external_id", "full_name", "surname", "given_name", "patronymic", "initials", "locality", "articles",
           "sentence", "place_of_detention", "extra")
CODED = ("status", "sex", "region", "locality", "articles")


def _stored(value: object) -> tuple[int, int]:
    """(body bytes, header bytes) of one value in an SQLite record."""
    if value is None:
        return 0, 1
    if isinstance(value, int):
        if value in (0, 1):
            return 0, 1
        for size, limit in ((1, 1 << 7), (2, 1 << 15), (3, 1 << 23), (4, 1 << 31), (6, 1 << 47)):
            if -limit <= value < limit:
                return size, 1
        return 8, 1
    if isinstance(value, float):
        return 8, 1
    size = len(value.encode()) if isinstance(value, str) else len(value)  # type: ignore[arg-type]
    return size, 1 if 2 * size + 13 < 128 else 2


def parts(db: sqlite3.Connection, schema: str, n: int) -> None:
    print("part: bytes a record (unused share of its pages)")
    for name, size, unused in db.execute(
            f"SELECT name, sum(pgsize), sum(unused) FROM dbstat('{schema}') GROUP BY name ORDER BY 2 DESC"):
        if size / n >= 0.05:
            print(f"  {name}: {size / n:.1f} ({100 * unused / size:.1f} % unused)")


def columns(db: sqlite3.Connection, n: int) -> None:
    names = [r[1] for r in db.execute("PRAGMA s.table_info(record)")]
    body = dict.fromkeys(names, 0)
    header = 1 * n  # the header's own length
    for row in db.execute("SELECT * FROM s.record"):
        for name, value in zip(names, row, strict=True):
            b, h = _stored(value)
            body[name] += 0 if name == "id" else b  # the id is the rowid: the cell's key, not in the record
            header += h
    print("column: stored bytes a record")
    print("  " + ", ".join(f"{k} {v / n:.1f}" for k, v in body.items() if v))
    print(f"  body {sum(body.values()) / n:.1f} + header {header / n:.1f}")


def designs(db: sqlite3.Connection, n: int) -> None:
    """Fill the designs' tables in id order, build their indexes, and print each one's bytes a record."""
    ddl = db.execute("SELECT sql FROM s.sqlite_schema WHERE name = 'record'").fetchone()[0]
    db.execute(ddl.replace("CREATE TABLE record", "CREATE TABLE a", 1))
    db.execute("INSERT INTO a SELECT * FROM s.record ORDER BY id")
    db.execute("CREATE INDEX a_cur ON a (source_id, is_current)")
    db.execute("CREATE TABLE dict (id INTEGER PRIMARY KEY, kind TEXT, value TEXT, UNIQUE (kind, value))")
    for kind in CODED:
        db.execute(f"INSERT OR IGNORE INTO dict (kind, value) SELECT '{kind}', {kind} FROM s.record "
                   f"WHERE {kind} IS NOT NULL AND {kind} <> '[]'")
    code = {k: f"(SELECT id FROM dict WHERE kind = '{k}' AND value = r.{k})" for k in CODED}
    db.execute("""CREATE TABLE b (id INTEGER PRIMARY KEY, source_id INT NOT NULL, import_id INT NOT NULL,
      identity TEXT NOT NULL, version INT NOT NULL, is_current INT NOT NULL, content_hash BLOB NOT NULL,
      row_number INT NOT NULL, raw TEXT, raw_block_id INT, raw_offset INT, external_id TEXT, full_name TEXT,
      surname TEXT, given_name TEXT, patronymic TEXT, initials TEXT, sex INT, birth_date TEXT, region INT,
      locality INT, detention_date TEXT, release_date TEXT, status INT, articles INT, sentence TEXT,
      place_of_detention TEXT, extra TEXT, person_id INT, UNIQUE (source_id, identity, version))""")
    db.execute(f"""INSERT INTO b SELECT id, source_id, import_id, identity, version, is_current, content_hash,
      row_number, nullif(raw, '{{}}'), raw_block_id, raw_offset, external_id, full_name, surname, given_name,
      patronymic, initials, {code['sex']}, birth_date, {code['region']}, {code['locality']}, detention_date,
      release_date, {code['status']}, {code['articles']}, sentence, place_of_detention, nullif(extra, '{{}}'),
      person_id FROM s.record r ORDER BY id""")
    db.execute("CREATE INDEX b_cur ON b (source_id, is_current)")
    db.execute("""CREATE TABLE c (id INTEGER PRIMARY KEY, source_id INT NOT NULL, import_id INT NOT NULL,
      identity TEXT NOT NULL, version INT NOT NULL, is_current INT NOT NULL, content_hash BLOB NOT NULL,
      row_number INT NOT NULL, raw_block_id INT, raw_offset INT, person_id INT, shown_block_id INT, sex INT,
      birth_date TEXT, region INT, detention_date TEXT, release_date TEXT, status INT,
      UNIQUE (source_id, identity, version))""")
    db.execute("CREATE TABLE c_blocks (id INTEGER PRIMARY KEY, data BLOB)")
    zstd = zstandard.ZstdCompressor(level=3)
    shown = db.execute(f"SELECT id, {', '.join(DISPLAY)} FROM s.record ORDER BY id").fetchall()
    for start in range(0, len(shown), 1000):
        chunk = shown[start:start + 1000]
        lines = b"\n".join(json.dumps(r[1:], ensure_ascii=False, separators=(",", ":")).encode() for r in chunk)
        block = db.execute("INSERT INTO c_blocks (data) VALUES (?)", (zstd.compress(lines),)).lastrowid
        db.execute(f"INSERT INTO c SELECT {KEYS}, {block}, sex, birth_date, region, detention_date, release_date, "
                   "status FROM b WHERE id BETWEEN ? AND ? ORDER BY id", (chunk[0][0], chunk[-1][0]))
    db.execute("CREATE INDEX c_cur ON c (source_id, is_current)")
    db.execute("""CREATE TABLE d (id INTEGER PRIMARY KEY, source_id INT NOT NULL, import_id INT NOT NULL,
      identity TEXT NOT NULL, version INT NOT NULL, is_current INT NOT NULL, content_hash BLOB NOT NULL,
      row_number INT NOT NULL, raw_block_id INT, raw_offset INT, person_id INT,
      UNIQUE (source_id, identity, version))""")
    db.execute(f"INSERT INTO d SELECT {KEYS} FROM s.record ORDER BY id")
    db.execute("CREATE INDEX d_cur ON d (source_id, is_current)")
    db.commit()
    sizes = dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    dictionary = sizes.get("dict", 0) + sizes.get("sqlite_autoindex_dict_1", 0)
    for label, table, extra in (("A now", "a", 0), ("B codes", "b", dictionary),
                                ("C display fields in blocks", "c", dictionary + sizes.get("c_blocks", 0)),
                                ("D keys only", "d", 0)):
        own = sizes[table] + sizes[f"sqlite_autoindex_{table}_1"] + sizes[f"{table}_cur"]
        print(f"  {label}: {(own + extra) / n:.1f} bytes a record (table {sizes[table] / n:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--designs", action="store_true", help="also measure the other designs (a scratch copy)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.store.parent) as scratch:
        db = sqlite3.connect(Path(scratch) / "designs.db")
        db.execute("ATTACH DATABASE ? AS s", (str(args.store),))
        n = db.execute("SELECT count(*) FROM s.record").fetchone()[0]
        print(f"{n:,} records; page size {db.execute('PRAGMA s.page_size').fetchone()[0]}, "
              f"{db.execute('PRAGMA s.freelist_count').fetchone()[0]} free pages")
        parts(db, "s", n)
        columns(db, n)
        if args.designs:
            print("designs (record table, its indexes and what they need; the raw blocks come on top of each):")
            designs(db, n)
        db.close()


if __name__ == "__main__":
    main()
