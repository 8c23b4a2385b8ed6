"""Raw rows packed into blocks (reckon.store.packing): cut from the rows already joined, the same blocks."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.store.packing import BLOCK_ROWS, pack_blocks

ROW = st.dictionaries(st.sampled_from(["id", "name", "note"]),
                      st.text(alphabet="aZ9 Іваноў\"\\\n\t/", max_size=12), min_size=1).map(orjson.dumps)
# A row written over several lines (JSON input kept as read): each block must still hold one line a row.
SPREAD_OUT = st.just(b'{\n  "id": "7"\n}')


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(ROW, SPREAD_OUT), min_size=1, max_size=40), st.integers(1, 2 * BLOCK_ROWS + 30))
def test_blocks_cut_from_the_joined_rows_are_the_blocks_joined_row_by_row(rows: list[bytes], n: int) -> None:
    raws = (rows * (n // len(rows) + 1))[:n]
    numbers = list(range(2, n + 2))
    expected = pack_blocks(numbers, raws)
    assert pack_blocks(numbers, raws, b"\n".join(raws)) == expected
    assert pack_blocks(numbers, raws, b"\n".join(raws) + b"x") == expected  # not the rows joined: ignored
    assert [b["rows"] for b in expected] == [min(BLOCK_ROWS, n - s) for s in range(0, n, BLOCK_ROWS)]
    assert sum(b["rows"] for b in expected) == n and expected[-1]["last_row"] == n + 1
