"""The names CLI: `reckon names show` and `reckon names score`, through the real Typer app."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from reckon.cli import _build

runner = CliRunner()


def test_show_json_gives_parts_keys_and_romanisations() -> None:
    result = runner.invoke(_build(), ["names", "show", "--json", "Іван Уладзіміравіч ДУБРАКОЎ"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    reading = info["readings"][0]
    assert reading["surname"] == "ДУБРАКОЎ" and reading["lang"] == "be"
    assert reading["keys"]["surname_key"] == "dVbrakaV" and reading["keys"]["sex_hint"] == "male"
    assert info["romanizations"]["lacinka"] == "Ivan Uładzimiravič DUBRAKOŬ"
    assert info["romanizations"]["passport_be"] == "Ivan Uladzimiravich DUBRAKOU"


def test_show_table_and_latin_candidates() -> None:
    result = runner.invoke(_build(), ["names", "show", "Dubrakou"])
    assert result.exit_code == 0, result.output
    assert "Дубракоў" in result.output and "dVbrakaV" in result.output


def test_score_pairs_file(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    out = tmp_path / "scores.csv"
    with open(pairs, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b"])
        writer.writerow(["Іван Уладзіміравіч Дубракоў", "Ivan Vladimirovich DUBRAKOV"])
        writer.writerow(["Palesnikava Maryia", "Palesnikau Mikalai"])
        writer.writerow(["", "12345"])
    result = runner.invoke(_build(), ["names", "score", "--pairs", str(pairs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert [list(r) for r in rows][0] == ["a", "b", "score", "reason"]
    assert float(rows[0]["score"]) > 0.95 and "surname_key" in rows[0]["reason"]
    assert float(rows[1]["score"]) < 0.2
    assert rows[2]["score"] == "0.0000" and rows[2]["reason"] == "empty"


def test_score_rejects_file_without_columns(tmp_path: Path) -> None:
    pairs = tmp_path / "bad.csv"
    pairs.write_text("x,y\n1,2\n", encoding="utf-8")
    result = runner.invoke(_build(), ["names", "score", "--pairs", str(pairs), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code != 0
    assert "columns a and b" in str(result.exception)


def test_score_pairs_reports_in_the_one_progress_shape() -> None:
    """names.service.score_pairs calls progress(done, total, message) every 1,000 pairs and at the end."""
    from reckon.names.service import score_pairs

    calls: list[tuple[int, int | None, str]] = []
    pairs = [("Аляксей Жук", "Aliaksei Zhuk")] * 2500
    rows = list(score_pairs(pairs, progress=lambda done, total=None, message="": calls.append((done, total, message))))
    assert len(rows) == 2500
    assert calls == [(1000, 2500, "scoring pairs"), (2000, 2500, "scoring pairs"), (2500, 2500, "scoring pairs")]
    calls.clear()
    list(score_pairs(iter(pairs[:3]), progress=lambda done, total=None, message="": calls.append((done, total, message))))
    assert calls == [(3, None, "scoring pairs")]
