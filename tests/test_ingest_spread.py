"""Columns mapped on codes (``reckon.ingest.mapper.Spread``) give what their plain lists give, everywhere.

The columnar reader maps a column of repeats once per distinct cell and spreads the results over the rows;
the spread column remembers its codes and distinct values, so the longest text, the JSON of articles and the
reader worker's Arrow array are computed per distinct value. Each must equal the per-row result, on columns
read by pyarrow from generated cells (blanks, blank markers, repeats, long text, Cyrillic).
"""

from __future__ import annotations

import pickle

import pyarrow as pa  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest.columnar import ArrowColumns
from reckon.ingest.mapper import RowCells, RowMapper, Spread
from reckon.ingest.mapping import MappingSpec
from reckon.ingest.prepare import Prepared, _json_column
from reckon.ingest.storable import too_long
from reckon.ingest.worker import arrow_columns
from reckon.store.pgcopy import ColumnRows, text_data

CELL = st.sampled_from(["", " ", "-", "н/д", "Minsk", "Мінск", " Brest ", "Соц С.В.", "Art. 342 | Art. 130",
                        "Art. 130", "м", "ж", "male", "x" * 260, "Іваноў  Іван", "01.02.1990", "1990"])
MAPPING = MappingSpec(columns={"id": "external_id", "name": "full_name", "surname": "surname", "region": "region",
                               "arts": "articles", "sex": "sex", "born": "birth_date"}, infer=False)
HEADERS = ["id", "name", "surname", "region", "arts", "sex", "born"]


def _read(rows: list[list[str]]) -> ArrowColumns:
    table = pa.table({h: pa.array([r[j] for r in rows], pa.string()) for j, h in enumerate(HEADERS)})
    return ArrowColumns(table, HEADERS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=40))
def test_spread_columns_give_what_their_lists_give(rows: list[list[str]]) -> None:
    rows = [[f"B-{i}", *r[1:]] for i, r in enumerate(rows)]  # ids distinct, the rest repeats
    source = _read(rows)
    mapped, problems = RowMapper(MAPPING).map_columns(source)
    by_rows, row_problems = RowMapper(MAPPING).map_many([dict(zip(HEADERS, r, strict=True)) for r in rows])
    assert mapped == by_rows and problems.keys() == row_problems.keys()
    spread = {f: col for f, col in mapped.items() if isinstance(col, Spread)}
    for col in spread.values():  # still what its codes and values say (nothing changed it in place)
        assert list(col) == [col.values[k] for k in col.codes]
        assert type(pickle.loads(pickle.dumps(col))) is list
    plain = {f: list(col) for f, col in mapped.items()}
    limits = {f: f for f in mapped}
    assert too_long(mapped, limits) == too_long(plain, limits)
    if "articles" in spread:
        assert _json_column(mapped["articles"], "articles") == _json_column(plain["articles"], "articles")
    fields = [f for f in mapped if f != "articles"] + ["articles"]
    columns = [_json_column(mapped[f], f) if f == "articles" else mapped[f] for f in fields]
    coded, listed = Prepared(columns=list(columns)), Prepared(columns=[list(c) for c in columns])
    coded._hashes = listed._hashes = [b"\x00" * 8] * len(rows)
    arrow_columns(coded)
    arrow_columns(listed)
    for a, b in zip(coded.columns, listed.columns, strict=True):
        assert type(a) is type(b) and (a.equals(b) if isinstance(a, pa.Array) else a == b)
    tail = (7, True, "{}")
    assert bytes(text_data(ColumnRows(coded.columns, tail)) or b"") == \
        bytes(text_data(ColumnRows(listed.columns, tail)) or b"")


def test_a_name_split_into_initials_leaves_a_spread_surname_column_as_its_codes_say() -> None:
    """"Соц С.В." with no surname of its own gets one from the name: written into a copy of the surname
    column, never into the spread column in place (whose codes and values would then lie)."""
    rows = [["1", "Соц С.В.", "", "Minsk", "", "м", ""]] + [[str(i), "Іваноў Іван", "Іваноў", "Minsk", "", "м", ""]
                                                          for i in range(2, 12)]
    source = _read(rows)
    assert source.codes("surname") is not None  # read on codes
    mapped, _ = RowMapper(MAPPING).map_columns(source)
    by_rows, _ = RowMapper(MAPPING).map_columns(RowCells([dict(zip(HEADERS, r, strict=True)) for r in rows]))
    assert mapped == by_rows
    assert mapped["surname"][:2] == ["Соц", "Іваноў"] and mapped["initials"][0] == "С.В."
    assert type(mapped["surname"]) is list
