"""Rows print as data: brackets in a value are not swallowed as Rich markup."""

from __future__ import annotations

import io

from rich.console import Console

from reckon.cli import common


def test_table_cells_keep_square_brackets(monkeypatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(common, "console", Console(file=out, width=200))
    common.emit_rows([{"model": "[viasna*partner][court]", "n": 3}], ["model", "n"], "table")
    assert "[viasna*partner][court]" in out.getvalue()


def test_csv_and_jsonl_to_a_file(tmp_path) -> None:
    rows = [{"a": "x,y", "b": ["1", "2"]}]
    assert common.emit_rows(rows, ["a", "b"], "csv", out=tmp_path / "o.csv") == 1
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines() == ["a,b", '"x,y",1 | 2']
    common.emit_rows(rows, ["a", "b"], "jsonl", out=tmp_path / "o.jsonl")
    assert (tmp_path / "o.jsonl").read_text(encoding="utf-8").strip() == '{"a": "x,y", "b": ["1", "2"]}'
