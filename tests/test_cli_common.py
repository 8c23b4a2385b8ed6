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


def test_a_long_quoted_sentence_is_one_short_cell_in_a_terminal_but_whole_in_a_file(monkeypatch, tmp_path) -> None:
    """A figure's sentence of 300 characters folded a row into dozens of lines on a terminal; the table now
    cuts it at a word with "…", while CSV keeps every character."""
    sentence = " ".join(["Made-up words of a long sentence"] * 10) + " ending here."
    out = io.StringIO()
    monkeypatch.setattr(common, "console", Console(file=out, width=200))
    common.emit_rows([{"quoted_sentence": sentence, "value": 7}], ["quoted_sentence", "value"], "table")
    shown = out.getvalue()
    assert "…" in shown and "ending here." not in shown and "Made-up words" in shown
    cell = shown.split("│")[1].strip()
    assert len(cell) <= common.PROSE_WIDTH and not cell[:-1].endswith(" ")
    common.emit_rows([{"quoted_sentence": sentence}], ["quoted_sentence"], "csv", out=tmp_path / "f.csv")
    assert sentence in (tmp_path / "f.csv").read_text(encoding="utf-8")
