"""PostgreSQL's import writer (reckon.store.pgcopy): rows COPYed from columns read back exactly, the
foreign keys checked once per import guard as the per-row checks do, and nothing else is ever skipped."""

from __future__ import annotations

import os
from itertools import repeat
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from reckon.ingest.service import import_file
from reckon.store.db import get_engine
from reckon.store.imports import HASH_BYTES
from reckon.store.pgcopy import ColumnRows, CopyJob, checks_once, copy_text, text_data

pytestmark = pytest.mark.postgres

HEADER = "id,ФИО,Пол,Статья\n"

# Text as a list may hold it: COPY's own characters (tab, newline, CR, backslash, "\N", "\."), Cyrillic,
# emoji; never NUL or a lone surrogate, which an import quarantines before any store sees them.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12) | \
    st.sampled_from(["\\N", "\\.", "a\tb", "\r\n", "\\", "Іваноў\\x"])
INT = st.integers(-(2**31), 2**31 - 1)
ROWS = st.lists(st.tuples(st.none() | TEXT, TEXT, st.none() | INT, st.binary(min_size=HASH_BYTES, max_size=HASH_BYTES),
                          st.booleans()), min_size=1, max_size=30)


def test_rows_copied_from_columns_read_back_exactly(pg_url: str) -> None:
    # The writer's COPY: each row made by zip over the batch's columns and the import's constants.
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (n int, a text, b text, c int, h bytea, f bool, k int, j json)")
        conn.commit()

        @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(ROWS)
        def round_trip(rows: list[tuple]) -> None:
            numbered = [(i, *r) for i, r in enumerate(rows)]
            columns = [list(c) for c in zip(*numbered, strict=True)]
            job = CopyJob(conn, ["n", "a", "b", "c", "h", "f", "k", "j"],
                          zip(*columns, repeat(7), repeat("{}")), False, table="t")  # noqa: B905
            job.wait()
            back = conn.exec_driver_sql("SELECT n, a, b, c, h, f FROM t ORDER BY n").all()
            assert [(n, a, b, c, bytes(h), f) for n, a, b, c, h, f in back] == numbered
            assert conn.exec_driver_sql("SELECT DISTINCT k, j::text FROM t").all() == [(7, "{}")]
            conn.rollback()

        round_trip()
    engine.dispose()



# Hashes of the writer's width, and bytes of other widths (NULL among them): both ways of writing bytea.
HASHES = st.lists(st.binary(min_size=HASH_BYTES, max_size=HASH_BYTES), min_size=1, max_size=30)
ODD_BYTES = st.lists(st.none() | st.binary(max_size=20), min_size=1, max_size=30)


def test_columns_written_as_csv_by_arrow_read_back_as_written_row_by_row(pg_url: str) -> None:
    # The writer's COPY of a batch (ColumnRows -> text built by Arrow) stores what psycopg's write_row
    # stores for the same rows: NULL apart from empty text, COPY's and CSV's own characters, bytea.
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (n int, a text, b text, c int, h bytea, f bool, k int, j json, "
                             "o bytea, w text, l int)")
        conn.commit()
        names = ["n", "a", "b", "c", "h", "f", "o", "k", "j", "w", "l"]

        @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(ROWS, st.data())
        def same_rows(rows: list[tuple], data: st.DataObject) -> None:
            numbered = [(i, *r) for i, r in enumerate(rows)]
            columns = [list(c) for c in zip(*numbered, strict=True)]
            odd = data.draw(st.lists(st.none() | st.binary(max_size=20), min_size=len(rows), max_size=len(rows)))
            # The last column (the writer's block ids) is written in place into text made ahead (CopyText).
            ids = data.draw(st.lists(st.integers(0, 2**31 - 1), min_size=len(rows), max_size=len(rows)))
            batch = ColumnRows([*columns, odd], (7, "{}", ""), ids)
            ahead = copy_text(batch.columns, batch.tail, last=True)
            assert ahead is not None and text_data(batch) is not None  # these go Arrow's way
            assert ahead.fill([2**31 - 1 - i for i in ids]) is not None  # filled twice: the last fill counts
            back = []
            for rows_in in (ColumnRows(batch.columns, batch.tail, ids, ahead), batch.tuples()):  # Arrow's, psycopg's
                CopyJob(conn, names, rows_in, False, table="t").wait()
                back.append(conn.exec_driver_sql("SELECT n, a, b, c, h, f, o, k, j::text, w, l FROM t ORDER BY n")
                            .all())
                conn.exec_driver_sql("TRUNCATE t")
            assert back[0] == back[1]
            assert [(n, a, b, c, bytes(h), f) for n, a, b, c, h, f, *_ in back[0]] == numbered
            assert [None if o is None else bytes(o) for *_, o, _k, _j, _w, _l in back[0]] == odd
            assert {(k, j, w) for *_, k, j, w, _l in back[0]} == {(7, "{}", "")}
            assert [r[-1] for r in back[0]] == ids
            conn.rollback()

        same_rows()
    engine.dispose()


def test_columns_arrow_cannot_take_as_they_are_go_row_by_row(pg_url: str) -> None:
    # A column of mixed types (or a float, a lone surrogate) is not Arrow's: psycopg formats the batch.
    mixed = ColumnRows([[1, 2], ["a", 3]])
    assert text_data(mixed) is None
    assert text_data(ColumnRows([[1, 2], [0.5, 1.5]])) is None
    assert text_data(ColumnRows([[1, 2], ["a", "\ud800"]])) is None
    assert bytes(text_data(ColumnRows([[1, 2], ["", None]], (True,)))) == b'1\t\ttrue\n2\t\\N\ttrue\n'
    assert bytes(text_data(ColumnRows([[1, 2], ["", None]], (True,), [5, 2**31 - 1]))) == \
        b'1\t\ttrue\t0000000005\n2\t\\N\ttrue\t2147483647\n'
    # Ids that are not int4s of at least 0 (or None) go by write_row with the rest of the batch.
    assert text_data(ColumnRows([[1, 2], ["", None]], (True,), [5, -1])) is None
    assert text_data(ColumnRows([[1, 2], ["", None]], (True,), [5, None])) is None
    assert text_data(ColumnRows([[1, 2], ["", None]], (True,), [5, 2**31])) is None
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (n int, a text)")
        CopyJob(conn, ["n", "a"], mixed, False, table="t").wait()
        assert conn.exec_driver_sql("SELECT n, a FROM t ORDER BY n").all() == [(1, "a"), (2, "3")]
        conn.exec_driver_sql("TRUNCATE t")
        # Columns the reader kept as Arrow arrays go as they are; large text (not taken) goes by write_row.
        for text in (pa.array(["a\tb\\", None]), pa.array(["a\tb\\", None], pa.large_string())):
            CopyJob(conn, ["n", "a"], ColumnRows([pa.array([1, 2]), text]), False, table="t").wait()
            assert conn.exec_driver_sql("SELECT n, a FROM t ORDER BY n").all() == [(1, "a\tb\\"), (2, None)]
            conn.exec_driver_sql("TRUNCATE t")
        conn.rollback()
    engine.dispose()

def _workspace(pg_url: str, tmp_path: Path):
    from reckon.config import init_workspace

    return init_workspace(tmp_path / "ws", pg_url)


def _list(path: Path, n: int) -> Path:
    path.write_text(HEADER + "".join(f"P{i},Асоба {i},м,Art. 342\n" for i in range(n)), encoding="utf-8")
    return path


def test_the_keys_are_checked_once_and_stay_enforced_after_the_import(pg_url: str, tmp_path: Path) -> None:
    ws = _workspace(pg_url, tmp_path)
    report = import_file(ws, _list(tmp_path / "a.csv", 2500), "list", batch_size=300)
    assert report.new == 2500
    engine = get_engine(ws.database_url)
    with engine.connect() as conn:
        assert checks_once(conn, 1, report.import_id)  # this store qualifies: the import took the fast path
        conn.rollback()
        # The pooled connection the import used checks every row again: SET LOCAL ended with its transaction.
        assert conn.exec_driver_sql("SHOW session_replication_role").scalar_one() == "origin"
        with pytest.raises(IntegrityError):
            conn.exec_driver_sql(
                "INSERT INTO record (source_id, import_id, identity, version, is_current, content_hash, "
                "row_number, raw, articles, extra) VALUES (1, 999, 'x', 1, true, '\\x00', 1, '{}', '[]', '{}')")
        conn.rollback()
        with pytest.raises(Exception, match="missing"):
            checks_once(conn, 1, 999)


def test_a_trigger_on_record_turns_the_once_check_off_and_still_fires(pg_url: str, tmp_path: Path) -> None:
    # session_replication_role would silence any trigger: with one on record, rows are checked one by one.
    ws = _workspace(pg_url, tmp_path)
    engine = get_engine(ws.database_url)
    with engine.begin() as conn:
        conn.execute(text(
            "CREATE TABLE seen_rows (n int); "
            "CREATE FUNCTION count_row() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN INSERT INTO seen_rows VALUES (1); RETURN NEW; END $$; "
            "CREATE TRIGGER count_rows AFTER INSERT ON record FOR EACH ROW EXECUTE FUNCTION count_row()"))
    with engine.connect() as conn:
        assert not checks_once(conn, 1, 1)
    report = import_file(ws, _list(tmp_path / "a.csv", 700), "list", batch_size=300)
    assert report.new == 700
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM seen_rows").scalar_one() == 700


def test_a_failure_while_a_copy_runs_leaves_the_store_as_before(pg_url: str, tmp_path: Path) -> None:
    # A bad row in a late batch under --strict, while the COPY of the batch before it runs in its thread.
    from reckon.errors import InputError

    ws = _workspace(pg_url, tmp_path)
    path = _list(tmp_path / "a.csv", 3000)
    path.write_text(path.read_text(encoding="utf-8") + "Z,Зыль,nonsense-sex,\n", encoding="utf-8")
    with pytest.raises(InputError):
        import_file(ws, path, "list", strict=True, batch_size=200)
    engine = get_engine(ws.database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM record").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM raw_block").scalar_one() == 0
    assert import_file(ws, _list(tmp_path / "b.csv", 500), "list", batch_size=200).new == 500


def test_a_reimport_with_ids_repeated_across_batches_stores_what_sqlite_stores(pg_url: str, tmp_path: Path) -> None:
    # PostgreSQL's re-import looks up current versions by one array and fills the ids seen from arrays:
    # repeated ids (#2, #3 across batches), changed and unchanged rows, new versions as on SQLite.
    from reckon.config import init_workspace

    rows = [f"P{i % 170},Асоба {i},м,Art. 342\n" for i in range(900)]  # every id five or six times
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + "".join(rows), encoding="utf-8")
    rows[::7] = [r.replace("Art. 342", "Art. 130") for r in rows[::7]]
    second.write_text(HEADER + "".join(rows) + "P1,Новая,ж,Art. 342\nQ9,Новы,м,\n", encoding="utf-8")
    stored = []
    for ws in (_workspace(pg_url, tmp_path), init_workspace(tmp_path / "lite")):
        reports = [import_file(ws, path, "list", batch_size=100) for path in (first, second)]
        with get_engine(ws.database_url).connect() as conn:
            records = conn.exec_driver_sql(
                "SELECT identity, version, is_current, row_number, full_name FROM record ORDER BY identity, version"
            ).all()
        stored.append(([(r.new, r.changed, r.unchanged) for r in reports], [tuple(r) for r in records]))
    assert stored[0] == stored[1]
    counts, records = stored[0]
    assert counts == [(900, 0, 0), (2, 129, 771)]
    assert ("P1#7", 1, True, 902, "Новая") in [(i, v, bool(c), n, f) for i, v, c, n, f in records]


def test_columns_the_reader_worker_sends_as_arrow_make_the_same_copy_text() -> None:
    # reckon.ingest.worker.arrow_columns: a first import's columns and hashes cross the pipe to the importing
    # process as Arrow arrays (hashes of fixed width); the COPY text built from them is byte for byte the
    # text built from the Python lists, and a column Arrow cannot take (mixed types) stays a list.
    import pickle

    from reckon.ingest.prepare import Prepared
    from reckon.ingest.worker import arrow_columns

    @settings(max_examples=200, deadline=None)
    @given(ROWS, st.booleans())
    def same_text(rows: list[tuple], mixed: bool) -> None:
        maybe, texts, ints, hashes, flags = (list(c) for c in zip(*rows, strict=True))
        mixed = mixed and len(rows) > 1  # text and integers in one column
        odd = [i if i % 2 else str(i) for i in range(len(rows))] if mixed else list(range(len(rows)))
        columns = [maybe, texts, ints, flags, odd]
        batch = Prepared(columns=[list(c) for c in columns], _hashes=list(hashes))
        arrow_columns(batch)
        sent = pickle.loads(pickle.dumps(batch))  # as the worker's pipe carries it
        assert isinstance(sent.hashes, pa.FixedSizeBinaryArray)
        assert [isinstance(c, pa.Array) for c in sent.columns] == [True] * 4 + [not mixed]
        tail = (7, True, "{}")
        mine = text_data(ColumnRows([hashes, *columns], tail))
        theirs = text_data(ColumnRows([sent.hashes, *sent.columns], tail))
        assert (mine is None) == (theirs is None) == mixed
        if not mixed:
            assert bytes(theirs) == bytes(mine)
        assert list(ColumnRows([sent.hashes, *sent.columns], tail).tuples()) == \
            list(ColumnRows([hashes, *columns], tail).tuples())

    same_text()


def test_a_large_import_leaves_statistics_that_send_the_next_lookups_to_the_unique_index(
        pg_url: str, tmp_path: Path) -> None:
    # Without statistics the planner takes a freshly imported record for a few rows and looked a re-import's
    # ids up through ix_record_current (every record of the source, per batch; the index is gone since 0018, the
    # statistics still decide between the unique index and a scan): the import analyses it.
    from reckon.config import init_workspace
    from reckon.store.pgcopy import ANALYZE_ROWS, LOOKUP_COLUMNS, refresh_statistics

    ws = init_workspace(tmp_path / "ws", database_url=pg_url)
    path = tmp_path / "big.csv"
    n = ANALYZE_ROWS + 500
    path.write_text(HEADER + "".join(f"{i},Асоба {i},м,Art. 342\n" for i in range(n)), encoding="utf-8")
    engine = get_engine(pg_url)
    known = "SELECT reltuples FROM pg_class WHERE oid = 'record'::regclass"
    with engine.connect() as conn:
        assert conn.exec_driver_sql(known).scalar_one() < 0  # never analysed
    assert import_file(ws, path, "big").new == n
    with engine.connect() as conn:
        assert conn.exec_driver_sql(known).scalar_one() == n
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(
            "EXPLAIN SELECT identity, id, version, content_hash FROM record WHERE source_id = %s AND "
            "COALESCE(is_current, is_current) = %s AND identity = ANY(%s)", (1, True, [str(i) for i in range(0, n, 200)])))
        assert "uq_record_identity_version" in plan
        # Only the lookups' columns were analysed (the rest is autovacuum's), and the small sample's target
        # ended with the ANALYZE's transaction.
        analysed = conn.exec_driver_sql("SELECT attname FROM pg_stats WHERE tablename = 'record'").scalars().all()
        assert sorted(analysed) == sorted(LOOKUP_COLUMNS)
        assert conn.exec_driver_sql("SHOW default_statistics_target").scalar_one() == \
            conn.exec_driver_sql("SELECT boot_val FROM pg_settings WHERE name = 'default_statistics_target'").scalar_one()
        assert not refresh_statistics(conn, n)  # the statistics know as many rows already
        assert not refresh_statistics(conn, ANALYZE_ROWS - 1)  # a small import leaves them to autovacuum
        conn.exec_driver_sql("INSERT INTO record (source_id, import_id, identity, version, is_current, content_hash, "
                             "row_number, raw, articles, extra) SELECT source_id, import_id, identity || '#x', 1, true, "
                             "content_hash, row_number, raw, articles, extra FROM record")
        assert refresh_statistics(conn, 2 * n + 1)  # more than they know: analysed
        assert conn.exec_driver_sql(known).scalar_one() == 2 * n
        conn.rollback()


# Lists as a batch's columns hold them: text only, integers only, booleans only, and anything mixed.
PLAIN = st.lists(TEXT, max_size=20) | st.lists(st.integers(-(2**70), 2**70), max_size=20) | \
    st.lists(st.booleans(), max_size=20) | \
    st.lists(st.none() | TEXT | st.integers(-(2**63), 2**63 - 1) | st.booleans() | st.binary(max_size=4)
             | st.floats(allow_nan=False), max_size=20) | \
    st.lists(st.text(max_size=4), max_size=20)  # with lone surrogates: neither way takes them


@settings(max_examples=400, deadline=None)
@given(PLAIN)
def test_plain_lists_become_the_arrow_arrays_pa_array_makes(values: list) -> None:
    # pgcopy._plain builds a list of text, integers or booleans from buffers (so pyarrow never asks whether
    # a value is a pandas object, which imports pandas): the same array as pa.array's, or None (pa.array's).
    from reckon.store.pgcopy import _plain

    try:
        expected = pa.array(values)
    except (pa.ArrowException, UnicodeError, OverflowError, TypeError, ValueError):
        expected = None
    try:
        mine = _plain(values)
    except UnicodeError:
        assert expected is None
        return
    kinds = set(map(type, values))
    if mine is None:
        assert kinds not in ({str}, {bool}) and (kinds != {int} or expected is None or expected.type != pa.int64())
    else:
        assert expected is not None and mine.equals(expected)


@settings(max_examples=300, deadline=None)
@given(st.none() | TEXT | st.text(max_size=3) | st.integers(-(2**70), 2**70) | st.booleans()
       | st.binary(max_size=6) | st.floats())
def test_a_constant_is_written_as_a_column_of_it_would_be(value) -> None:
    # The import's constants (source, import, current, raw ...) end every COPY row: written in Python as the
    # column's own text would be by Arrow (pgcopy._text), or refused (None) where that refuses them.
    import pickle

    from reckon.store.pgcopy import _constant, _text

    column = _text([value, value])
    expected = None if column is None else column[0].as_py()
    assert _constant(value) == expected, pickle.dumps(value)


def test_a_postgres_first_import_through_the_worker_never_imports_pandas(pg_url: str, tmp_path: Path) -> None:
    """The importing process of a first import into PostgreSQL with the reader worker: pyarrow imports pandas
    (0.3-0.7 s of CPU) at its first conversion of a Python value only to ask whether it is a pandas object;
    the COPY text is built from buffers and Arrow arrays only (pgcopy._plain, _scalar), so it never asks,
    and nothing is told to pyarrow: pandas objects convert as ever afterwards, in the same process."""
    import subprocess
    import sys

    _workspace(pg_url, tmp_path)
    path = _list(tmp_path / "list.csv", 12_000)
    probe = f"""
import sys
from pathlib import Path
from reckon.config import load_workspace
from reckon.ingest.service import import_file

def main():
    report = import_file(load_workspace(Path({str(tmp_path / "ws")!r})), {str(path)!r}, "probe", worker=True)
    print(report.new, report.columnar, "pandas" in sys.modules)
    import pandas, pyarrow
    print(pyarrow.array(pandas.Series([1.5, None])).null_count)  # pandas' NaN as null: pyarrow knows pandas

if __name__ == "__main__":
    main()
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.split() == ["12000", "True", "False", "1"]
    with get_engine(pg_url).connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*), count(DISTINCT identity) FROM record").one() == (12_000, 12_000)
