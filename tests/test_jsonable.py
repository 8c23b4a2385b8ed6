"""reckon.jsonable: every value the stages return becomes valid JSON (no NaN), the same way everywhere."""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import dataclass
from datetime import date

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from reckon.estimate.result import EstimateResult
from reckon.jsonable import jsonable


@dataclass(frozen=True)
class Made:
    name: str
    when: date
    scores: tuple[float, ...]


Pair = namedtuple("Pair", "a b")


def test_examples() -> None:
    value = {"n": np.int64(3), "x": np.float32(0.5), "flag": np.bool_(True), "arr": np.array([[1, 2], [3, 4]]),
             "bad": [float("nan"), float("inf"), np.float64("nan")], 7: Made("Ales Test", date(2024, 3, 4), (1.0,)),
             "pair": Pair(1, 2), "set": frozenset({"a"})}
    assert jsonable(value) == {"n": 3, "x": 0.5, "flag": True, "arr": [[1, 2], [3, 4]], "bad": [None, None, None],
                               "7": {"name": "Ales Test", "when": "2024-03-04", "scores": [1.0]},
                               "pair": [1, 2], "set": ["a"]}
    assert type(jsonable(np.int64(3))) is int and type(jsonable(np.bool_(False))) is bool


def test_results_encode_through_their_to_dict() -> None:
    result = EstimateResult(method="loglinear", observed=10, estimate=12.5, lower=11.0, upper=float("inf"),
                            level=0.95, model="A + B")
    assert jsonable(result) == result.to_dict()
    assert jsonable(result)["upper"] is None


leaves = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(), st.text(max_size=5),
                   st.floats().map(np.float64), st.integers(-1000, 1000).map(np.int32), st.dates())
trees = st.recursive(leaves, lambda kids: st.one_of(st.lists(kids, max_size=4), st.tuples(kids, kids),
                                                      st.dictionaries(st.text(max_size=3), kids, max_size=4)),
                     max_leaves=20)


@given(trees)
def test_anything_becomes_strict_json(value: object) -> None:
    out = jsonable(value)
    assert json.loads(json.dumps(out, allow_nan=False)) == out
    assert jsonable(out) == out  # already plain: unchanged
