"""Capture tables and estimate results: construction, validation with clear errors, derived tables, JSON."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from conftest import shared_path
from reckon.errors import InputError
from reckon.estimate import CaptureTable, EstimateResult, as_table


def write(tmp_path, text: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_from_counts_canonical_and_views():
    t = CaptureTable.from_counts({(1, 0, 0): 5, (0, 1, 0): 3, (1, 1, 0): 2, (0, 0, 1): 4, (1, 0, 1): 0},
                                 ("A", "B", "C"))
    assert t.k == 3 and t.n_observed == 14 and t.m == 4  # the zero count is dropped
    # cell numbers: first list is the most significant bit
    assert list(t.cells) == [1, 2, 4, 6]
    full = t.full_array()
    assert full.shape == (2, 2, 2) and full[0, 0, 0] == 0
    assert full[1, 1, 0] == 2 and full[0, 0, 1] == 4
    flat = t.full_array(flat=True)
    assert flat.tolist() == [0, 4, 3, 0, 5, 0, 2, 0]
    assert t.list_totals == {"A": 7, "B": 5, "C": 4}
    assert t.observable_counts().shape == (7,)
    # immutable arrays
    with pytest.raises(ValueError):
        t.counts[0] = 9
    # duplicates merge; order does not matter for equality
    u = CaptureTable(("A", "B", "C"), np.array([[0, 0, 1], [1, 1, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0]]),
                     np.array([4, 2, 2, 3, 3]))
    assert u == t and hash(u) == hash(t)
    assert CaptureTable.from_counts({"100": 5, "010": 3, "110": 2, "001": 4}, ("A", "B", "C")) == t
    assert CaptureTable.from_full_array(t.full_array(), t.lists) == t
    assert CaptureTable.from_full_array(flat, t.lists) == t


def test_collapse_drops_people_unseen_by_the_chosen_lists():
    t = CaptureTable.from_counts({(1, 0, 0): 5, (0, 1, 0): 3, (1, 1, 0): 2, (0, 0, 1): 4, (1, 0, 1): 1},
                                 ("A", "B", "C"))
    ab = t.collapse(["A", "B"])
    assert ab.lists == ("A", "B")
    assert ab.as_dict() == {(1, 0): 6, (0, 1): 3, (1, 1): 2}  # the 4 seen by C only are gone
    ca = t.collapse(["C", "A"])
    assert ca.as_dict() == {(0, 1): 7, (1, 0): 4, (1, 1): 1}
    with pytest.raises(InputError, match="unknown list 'Z'"):
        t.collapse(["A", "Z"])
    with pytest.raises(InputError, match="at least two lists"):
        t.collapse(["A"])


def test_from_csv_counts_and_per_individual(tmp_path):
    counts = write(tmp_path, "A,B,count\n1,0,3\n0,1,2\n1,1,1\n")
    t = CaptureTable.from_csv(counts)
    assert t.as_dict() == {(1, 0): 3, (0, 1): 2, (1, 1): 1}
    # one row per person, no count column; a BOM and ; delimiters are fine
    people = write(tmp_path, "\ufeffA;B\n1;0\n1;0\n0;1\n1;1\n1;0\n0;1\n", "p.csv")
    assert CaptureTable.from_csv(people) == t
    # choose list columns; others (an id) ignored
    with_id = write(tmp_path, "id,A,B\nx1,1,0\nx2,1,1\n", "id.csv")
    assert CaptureTable.from_csv(with_id, lists=["A", "B"]).n_observed == 2
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [3, 2, 1]})
    assert CaptureTable.from_frame(frame) == t
    assert as_table(counts) == t and as_table({(1, 0): 3, (0, 1): 2, (1, 1): 1}, ["A", "B"]) == t
    out = t.to_csv(tmp_path / "back.csv")
    assert CaptureTable.from_csv(out) == t
    assert t.individuals().shape == (6, 2)


@pytest.mark.parametrize(
    ("text", "message", "row", "field"),
    [
        ("A,B,count\n1,0,3\n0,1,-2\n", "must not be negative", 3, "count"),
        ("A,B,count\n1,0,3\n0,1,2.5\n", "whole number", 3, "count"),
        ("A,B,count\n1,0,three\n", "whole number", 2, "count"),
        ("A,B,count\n1,0,\n", "count is empty", 2, "count"),
        ("A,B,count\n1,2,3\n", "must be 0 or 1", 2, "B"),
        ("A,B,count\n1,yes,3\n", "must be 0 or 1", 2, "B"),
        ("A,B,count\n1,0,3\n0,0,4\n0,1,1\n", "all-zero pattern", 3, None),
        ("A,count\n1,3\n", "at least two list", None, None),
        ("A,B,C,count\n1,0,0,3\n0,1,0,2\n1,1,0,1\n", r"never observed anyone \(a column of zeros\): 'C'", None, None),
        ("A,B,count\n1,0,3\n0,1\n", "expected 3 fields", 3, None),
        ("A,B,count\n", "no rows", None, None),
        ("", "empty", None, None),
    ],
)
def test_bad_tables_get_clear_errors(tmp_path, text, message, row, field):
    path = write(tmp_path, text, "bad.csv")
    with pytest.raises(InputError, match=message) as info:
        CaptureTable.from_csv(path)
    err = info.value
    assert err.file == "bad.csv"
    assert err.row == row
    assert err.field == field
    assert "bad.csv" in str(err)


def test_constructor_validation():
    with pytest.raises(InputError, match="unique"):
        CaptureTable(("A", "A"), np.array([[1, 0], [0, 1]]), np.array([1, 1]))
    with pytest.raises(InputError, match="no observed individual"):
        CaptureTable(("A", "B"), np.array([[1, 0], [0, 1]]), np.array([0, 0]))
    with pytest.raises(InputError, match="must be 0 or 1"):
        CaptureTable(("A", "B"), np.array([[1, 0], [0, 3]]), np.array([1, 1]))
    with pytest.raises(InputError, match="whole number"):
        CaptureTable(("A", "B"), np.array([[1, 0], [0, 1]]), np.array([1.5, 1]))
    with pytest.raises(InputError, match="different lengths"):
        CaptureTable.from_counts({(1, 0): 1, (1, 1, 0): 2})
    with pytest.raises(InputError, match="never observed"):
        CaptureTable(("A", "B"), np.array([[1, 0]]), np.array([3]))


def test_every_shared_table_loads():
    folder = shared_path("eval", "mse")
    for path in sorted(folder.glob("*.csv")):
        if path.name == "published_estimates.csv":
            continue
        t = CaptureTable.from_csv(path)
        assert t.k >= 2 and t.n_observed > 0
        assert t.full_array(flat=True)[0] == 0
        assert t.full_array().sum() == t.n_observed


def test_result_summary_and_json():
    r = EstimateResult(
        method="loglinear", observed=np.int64(100), estimate=np.float64(150.5), lower=120.0, upper=math.inf,
        level=0.95, model="A:B", models=[("A:B", 12.5), ("main effects", 14.0)], settings={"criterion": "bic"},
        seed=3, diagnostics={"deviance": np.float64(1.5), "rank": np.int64(0), "draws": np.arange(3)},
        warnings=["sparse table"], extra={"nan": float("nan")}, lists=("A", "B"),
    )
    d = r.to_dict()
    text = json.dumps(d)  # JSON-safe: numpy types converted, inf/nan as null
    assert "Infinity" not in text and "NaN" not in text
    for key in ("method", "observed", "estimate", "lower", "upper", "level", "model", "settings", "seed", "warnings"):
        assert key in d
    assert d["upper"] is None and d["observed"] == 100 and d["diagnostics"]["draws"] == [0, 1, 2]
    assert d["models"][0] == {"model": "A:B", "weight": 12.5}
    assert d["unobserved"] == pytest.approx(50.5)
    s = r.summary()
    assert "150.50" in s and "∞" in s and "warning: sparse table" in s and "A:B" in s
    with pytest.raises(AttributeError):
        r.estimate = 3  # frozen
