"""The bar of issue 3 on the EU Annex I.A list, kept as a regression test (the figures: benchmarks/)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import shared_path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "names_eval.py"


def _bench():
    spec = importlib.util.spec_from_file_location("names_eval", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize(("src", "dst"), [("be_cyrl", "ru_latn"), ("ru_cyrl", "be_latn")])
def test_top1_across_language_and_script(src: str, dst: str) -> None:
    path = shared_path("eval", "linkage", "eu_blr_annex_ia_persons.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    top1, recall, n, _speed = _bench().evaluate(rows, src, dst, show=0)
    assert n > 300
    assert top1 >= 0.97
    assert recall >= 0.9


def test_recall_at_precision_counts_ties_together() -> None:
    bench = _bench()
    scored = [(0.9, True), (0.9, False), (0.8, True), (0.1, False)]
    assert bench.recall_at_precision(list(scored), n_true=2, target=0.99) == 0.0
    assert bench.recall_at_precision([(0.9, True), (0.8, True), (0.1, False)], 2) == 1.0
