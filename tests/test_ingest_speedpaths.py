"""The import's fast paths give the same results as the plain ones they stand in for."""

from __future__ import annotations

import hashlib
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest.fields import clean_text, split_articles
from reckon.ingest.mapping import MappingSpec, RowMapper
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
    expected = hashlib.sha256(b"salt" + raw).hexdigest()
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
