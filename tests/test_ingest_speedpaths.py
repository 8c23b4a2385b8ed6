"""The import's fast paths give the same results as the plain ones they stand in for."""

from __future__ import annotations

import hashlib
import json
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reckon.ingest.fields import clean_text, split_articles
from reckon.ingest.mapper import RowMapper
from reckon.ingest.mapping import MappingSpec
from reckon.ingest.prepare import content_hash, raw_json


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(
    st.none(), st.text(max_size=20).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)),
    st.integers(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False)), max_size=6))
def test_raw_json_round_trips_plain_rows(row: dict) -> None:
    assert json.loads(raw_json(row)) == row


def test_raw_json_keeps_what_orjson_would_refuse_or_change() -> None:
    row = {"n": float("nan"), "big": 2**70, "nested": [1, {"a": "б"}]}
    back = json.loads(raw_json(row))
    assert math.isnan(back["n"]) and back["big"] == 2**70 and back["nested"] == [1, {"a": "б"}]


def test_content_hash_is_sha256_of_salt_and_raw_row() -> None:
    raw = raw_json({"id": "7", "name": "Іваноў"})
    expected = hashlib.sha256(b"salt" + raw).hexdigest()[:16]
    assert content_hash(b"salt", raw) == expected == content_hash(b"salt", raw.decode())


def _mapper(values: dict | None = None) -> RowMapper:
    return RowMapper(MappingSpec(columns={"id": "external_id", "name": "full_name", "region": "region",
                                          "arts": "articles"}, values=values or {}))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12), st.text(max_size=30), st.text(max_size=12), st.text(max_size=40))
def test_memoised_mapping_matches_the_plain_functions(ident: str, name: str, region: str, arts: str) -> None:
    m = _mapper()
    row = {"id": ident, "name": name, "region": region, "arts": arts}
    for _ in range(2):  # the second time from the memos
        fields, _problems = m.map(row)
        assert fields.get("region") == clean_text(region)
        assert fields.get("articles", []) == split_articles(arts)
        clean_id = clean_text(ident)
        assert m.identity_of(row, fields, 5) == ("row:5" if clean_id is None else clean_id[:280])


def test_memoised_articles_are_independent_lists() -> None:
    m = _mapper()
    row = {"id": "1", "name": "Іваноў Іван", "region": "Minsk", "arts": "Art. 342 | Art. 130"}
    first, _ = m.map(row)
    first["articles"].append("changed")
    second, _ = m.map(row)
    assert second["articles"] == ["Art. 342", "Art. 130"]


def test_identity_ignores_a_value_map_on_the_id_column() -> None:
    m = _mapper(values={"external_id": {"x1": "mapped"}})
    row = {"id": " x1 ", "name": "Іваноў Іван", "region": "", "arts": ""}
    fields, _ = m.map(row)
    assert fields["external_id"] == "mapped"
    assert m.identity_of(row, fields, 3) == "x1"


# --- the batch mapper (map_many) against the row mapper (map) -------------------------------------------

_COLUMNS = ["a", "b", "c", "d", "e", "f"]
_TARGETS = ["external_id", "full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date",
            "region", "detention_date", "release_date", "status", "articles", "sentence", "place_of_detention",
            "extra.judge", "extra.court", "ignore"]
# Cells as lists give: real values of each kind, blanks and blank markers, bad values, non-text (JSON input).
_cells = st.one_of(
    st.sampled_from(["Minsk", "brest", "a1", " A1 ", "Соц С.В.", "Іваноў І.", "1"]),
    st.sampled_from(["", " ", "-", "н/д", "Іваноў Іван", "Соц С.В.", "DUBRAKOU Ivan", "м", "ж", "female", "x",
                     "05.05.1975", "1975", "05.1975", "31.02.1975", "2999-01-01", "2021-03-04", "active",
                     "released", "за кратамі", "???", "Art. 342 | Part 2 of Art. 293", "23.34 ч.1 КаАП",
                     "  two  spaces ", "Minsk\n"]),
    st.text(max_size=12), st.none(), st.integers(-3, 3000), st.lists(st.text(max_size=4), max_size=2),
)


@st.composite
def _spec_and_rows(draw: st.DrawFn) -> tuple[MappingSpec, list[dict]]:
    columns = {c: draw(st.sampled_from(_TARGETS)) for c in draw(st.lists(st.sampled_from(_COLUMNS), min_size=1,
                                                                        max_size=6, unique=True))}
    values = draw(st.sampled_from([{}, {
        "sex": {"x": "female", "1": "male"}, "status": {"за кратамі": "in_custody", "???": None},
        "region": {"minsk": "Minsk city", "brest": None}, "external_id": {"a1": "mapped"},
        "surname": {"1": None}}]))
    spec = MappingSpec(columns=columns, values=values, date_order=draw(st.sampled_from(["dmy", "mdy"])),
                       identity=draw(st.sampled_from([[], [next(iter(columns))]])))
    rows = draw(st.lists(st.fixed_dictionaries({c: _cells for c in _COLUMNS}), min_size=1, max_size=40))
    return spec, rows


def _as_row(fields: dict, i: int, mapped: dict[str, list]) -> dict:
    """Row ``i`` of a map_many result in the shape map() gives (absent = None, articles as a list)."""
    out = {}
    for name, column in mapped.items():
        v = column[i]
        if v is not None:
            out[name] = list(v) if name == "articles" else v
    return out


_RICH = MappingSpec(columns={"a": "full_name", "b": "initials", "c": "region", "d": "surname", "e": "birth_date",
                             "f": "birth_date"},
                    values={"region": {"minsk": "Minsk city", "brest": None}, "surname": {"1": None}})
_RICH_ROWS = [{"a": "Соц С.В.", "b": "", "c": "Minsk\n", "d": None, "e": "31.02.1975", "f": "1975"},
              {"a": "Соц С.В.", "b": "С.В.", "c": "brest", "d": "", "e": "-", "f": "05.1975"},
              {"a": None, "b": "І.", "c": "", "d": "Іваноў", "e": "", "f": ["x"]},
              {"a": "", "b": None, "c": 7, "d": "1", "e": 1975, "f": "2999-01-01"}]


@settings(max_examples=300, deadline=None)
@given(_spec_and_rows())
@example((_RICH, _RICH_ROWS))
def test_batch_mapping_equals_row_mapping(case: tuple[MappingSpec, list[dict]]) -> None:
    spec, rows = case
    by_row, by_batch = RowMapper(spec), RowMapper(spec)
    for _ in range(2):  # cold memos, then warm ones
        mapped, problems = by_batch.map_many(rows)
        numbers = list(range(2, len(rows) + 2))
        assert by_batch.identities(rows, mapped, numbers) == [
            by_row.identity_of(r, by_row.map(r)[0], n) for r, n in zip(rows, numbers, strict=True)]
        for i, row in enumerate(rows):
            fields, expected = by_row.map(row)
            assert _as_row(fields, i, mapped) == {k: v for k, v in fields.items() if v is not None}
            assert [(p.column, p.reason) for p in problems.get(i, [])] == [(p.column, p.reason) for p in expected]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=6), min_size=1, max_size=5))
def test_text_rows_take_orjson_at_once_with_raw_json_bytes(rows: list[dict]) -> None:
    """CSV rows (every cell text) skip raw_json's look at each type; the bytes are raw_json's, and a row
    orjson refuses (a lone surrogate) sends the batch through raw_json, None for that row as before."""
    from reckon.ingest.prepare import _text_raws

    assert _text_raws(rows) == [raw_json(r) for r in rows]


def test_a_lone_surrogate_in_text_rows_gives_raw_json_none() -> None:
    from reckon.ingest.prepare import _text_raws

    rows = [{"a": "Іван"}, {"a": "bad \ud800 cell"}]
    assert _text_raws(rows) == [raw_json(rows[0]), None]
