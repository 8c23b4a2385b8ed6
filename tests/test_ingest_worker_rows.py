"""The reader worker's per-row shortcuts give exactly what the plain per-row code gives.

Each shortcut of the second pass on the worker's CPU (docs/ingest.md) replaces a per-row Python step by C
passes; here each is compared with its definition: the raw rows' check on Arrow's bytes, the date memo's
C-level look-up (also when the memo is full and forgotten), names with and without initials or a blank,
identities with missing and overlong ids, and a column kept as read (``Same``) sent as the reader's array.
"""

from __future__ import annotations

import pickle

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest import mapper as mapper_module
from reckon.ingest.columnar import ArrowColumns, _plain_json
from reckon.ingest.mapper import RowCells, RowMapper, Same
from reckon.ingest.mapping import MappingSpec
from reckon.ingest.prepare import Prepared, same_as_identity
from reckon.ingest.worker import arrow_columns

BYTES = st.binary(max_size=12) | st.sampled_from([b'{"id":"B-1"}', b'"', b"\\", b"\n", b"\x1f", b"\x7f", b"\xd0\x86"])


def _definition(raws: list[bytes], quotes: int) -> bool:
    blob = b"".join(raws)
    return blob.count(b'"') == quotes and b"\\" not in blob and not any(c < 32 for c in blob)


@settings(max_examples=300, deadline=None)
@given(st.lists(BYTES, max_size=20), st.integers(0, 5), st.integers(0, 5), st.integers(0, 12))
def test_raw_rows_are_checked_on_arrows_bytes_as_on_python_bytes(raws: list[bytes], start: int, cut: int,
                                                                  quotes: int) -> None:
    """Sliced arrays too (an offset into the buffers), and an empty one."""
    array = pa.array([b"x"] * start + raws + [b'"\\\x00'] * cut, pa.binary()).slice(start, len(raws))
    assert _plain_json(array, quotes) == _definition(raws, quotes)
    real = raws[0].count(b'"') * len(raws) if raws else 0
    assert _plain_json(array, real) == _definition(raws, real)


DATES = st.sampled_from(["", "-", "н/д", "01.02.1990", "31.02.1990", "1990", "05.1990", "2031-01-01", "32.13.2000",
                         "12.03.1980 г.", "не дата", "0", " 1990 "]) | st.dates().map(lambda d: d.strftime("%d.%m.%Y"))
DATE_MAPPING = MappingSpec(columns={"id": "external_id", "name": "full_name", "born": "birth_date",
                                    "held": "detention_date"}, infer=False)


def _rows(cells: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"id": f"B-{i}", "name": "Іваноў Іван", "born": b, "held": h} for i, (b, h) in enumerate(cells)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(DATES, DATES), min_size=1, max_size=30), min_size=1, max_size=4))
def test_dates_through_the_memos_maps_give_the_row_mappings_values_and_reasons(batches: list) -> None:
    """One mapper over several batches (the memo carries over), against :meth:`RowMapper.map` row by row,
    with the memo's bound cut to a few dates, so it is forgotten within and between batches."""
    keep = mapper_module._CODED_MEMO_MAX
    mapper_module._CODED_MEMO_MAX = 7
    try:
        columns, rows = RowMapper(DATE_MAPPING), RowMapper(DATE_MAPPING)
        for cells in batches:
            batch = _rows(cells)
            mapped, problems = columns.map_columns(RowCells(batch))
            for i, row in enumerate(batch):
                one, found = rows.map(row)
                for f in ("birth_date", "detention_date", "birth_year"):
                    assert mapped[f][i] == one.get(f)
                assert [(p.column, p.reason) for p in problems.get(i, [])] == [(p.column, p.reason) for p in found]
            assert len(columns._memos["birth_date"].values) <= max(7, len(cells))  # bounded
    finally:
        mapper_module._CODED_MEMO_MAX = keep


NAMES = st.sampled_from(["Іваноў Іван", "Соц С.В.", "С.В. Соц", "  ", "н/д", "Іваноў.", "x" * 300, "Мінск  Брэст"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from(["", "B-1", "B-2", " B-3 ", "-", "y" * 290])), min_size=1,
                max_size=25))
def test_names_and_identities_as_row_by_row(cells: list[tuple[str, str]]) -> None:
    """Initials split, a missing name reported, ids missing, repeated or past 280 characters: the batch's
    C-level shortcuts (no dot in any name, every id present and short) against the row mapping."""
    spec = MappingSpec(columns={"id": "external_id", "name": "full_name"}, infer=False)
    rows = [{"id": i, "name": n} for n, i in cells]
    table = pa.table({"id": pa.array([i for _n, i in cells]), "name": pa.array([n for n, _i in cells])})
    for source in (RowCells(rows), ArrowColumns(table, ["id", "name"])):
        mapper = RowMapper(spec)
        mapped, problems = mapper.map_columns(source)
        numbers = list(range(2, len(rows) + 2))
        identities = mapper.identities(source, mapped, numbers)
        for i, row in enumerate(rows):
            one, found = RowMapper(spec).map(row)
            assert {f: mapped[f][i] for f in mapped if mapped[f][i] is not None} == one
            assert [p.reason for p in problems.get(i, [])] == [p.reason for p in found]
            assert identities[i] == mapper.identity_of(row, one, numbers[i])
        ids = mapped["external_id"]
        assert same_as_identity(ids, identities) == [
            "" if e == i else (e or None) for e, i in zip(ids, identities, strict=True)]


def test_a_blank_name_from_a_value_map_is_still_no_name() -> None:
    spec = MappingSpec(columns={"id": "external_id", "name": "full_name"}, values={"full_name": {"нікто": ""}},
                       infer=False)
    rows = [{"id": "B-1", "name": "Нікто"}, {"id": "B-2", "name": "Іваноў Іван"}]
    _mapped, problems = RowMapper(spec).map_columns(RowCells(rows))
    assert [p.reason for p in problems[0]] == ["no name in this row"] and 1 not in problems


def test_a_column_kept_as_read_is_sent_as_the_readers_array_and_pickled_as_a_list() -> None:
    spec = MappingSpec(columns={"id": "external_id", "name": "full_name"}, infer=False)
    names = pa.array([f"Іваноў Іван {i}" for i in range(50)])
    table = pa.table({"id": pa.array([f"B-{i}" for i in range(50)]), "name": names})
    mapped, _ = RowMapper(spec).map_columns(ArrowColumns(table, ["id", "name"]))
    full = mapped["full_name"]
    assert isinstance(full, Same) and full.source.equals(names)
    assert type(pickle.loads(pickle.dumps(full))) is list
    assert len(pickle.dumps(full)) < len(pickle.dumps(names)) + len(pickle.dumps(list(full)))  # no array inside
    sent, plain = Prepared(columns=[full, [""] * 50]), Prepared(columns=[list(full), [""] * 50])
    sent._hashes = plain._hashes = [b"\x00" * 8] * 50
    arrow_columns(sent)
    arrow_columns(plain)
    assert sent.columns[0] is full.source
    for a, b in zip(sent.columns, plain.columns, strict=True):
        assert a.type == b.type and a.equals(b)


@pytest.mark.parametrize("cells", [["Іваноў Іван", " Іваноў Іван"], ["Іваноў Іван", "Соц С.В."]])
def test_a_column_with_something_to_clean_or_split_is_not_sent_as_read(cells: list[str]) -> None:
    spec = MappingSpec(columns={"id": "external_id", "name": "full_name"}, infer=False)
    table = pa.table({"id": pa.array(["B-1", "B-2"]), "name": pa.array(cells)})
    mapped, _ = RowMapper(spec).map_columns(ArrowColumns(table, ["id", "name"]))
    full = mapped["full_name"]
    assert full == ["Іваноў Іван", cells[1].strip()]
    if isinstance(full, Same):  # "Соц С.В." is kept as written (its surname and initials go elsewhere)
        assert full.source.to_pylist() == list(full)
