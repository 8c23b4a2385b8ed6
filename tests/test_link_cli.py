"""The link stage's commands as a user runs them: link, review, explain, persons, person, export links."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reckon.cli import _build
from sim_support import import_world


@pytest.fixture
def app():
    return _build()


def run(app, *args: str, input: str | None = None):
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_link_review_explain_persons_export(app, sqlite_workspace, tmp_path) -> None:
    ws = str(sqlite_workspace.root)
    import_world(sqlite_workspace, tmp_path / "lists", n_people=80, seed=2, noise="medium")
    summary = json.loads(run(app, "link", "--workspace", ws, "--seed", "3", "--threshold", "0.9", "--json"))
    assert summary["mode"] == "full" and summary["persons"] > 0 and summary["seed"] == 3

    out = run(app, "export", "links", "--format", "csv", "--workspace", ws)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["source", "external_id", "record_id", "person_id", "cluster_size"]
    assert len(rows) == summary["records"]
    target = Path(ws) / "links.csv"
    run(app, "export", "links", "--format", "csv", "--out", str(target), "--workspace", ws)
    assert target.read_text(encoding="utf-8").splitlines()[0] == "source,external_id,record_id,person_id,cluster_size"

    queue = [json.loads(line) for line in run(app, "review", "--list", "--format", "jsonl", "--workspace", ws).splitlines()]
    assert queue and {"record_a", "record_b", "kind", "impact"} <= set(queue[0])
    a, b = queue[0]["record_a"], queue[0]["record_b"]

    waterfall = run(app, "explain", str(a), str(b), "--workspace", ws)
    assert "prior" in waterfall and "total" in waterfall
    ex = json.loads(run(app, "explain", str(a), str(b), "--json", "--workspace", ws))
    assert ex["record_a"]["record_id"] == min(a, b)

    out = run(app, "review", "decide", str(a), str(b), "different", "--note", "namesakes", "--workspace", ws)
    assert "recorded: different" in out
    after = {r["record_id"]: r["person_id"] for r in csv.DictReader(io.StringIO(
        run(app, "export", "links", "--workspace", ws)))}
    assert after[str(a)] != after[str(b)]

    # interactive review: one decision with the keys, then quit
    out = run(app, "review", "--workspace", ws, input="s\nq\n")
    assert "recorded: same" in out

    persons = list(csv.DictReader(io.StringIO(run(app, "persons", "--format", "csv", "--workspace", ws))))
    assert persons and int(persons[0]["records"]) >= 2
    detail = run(app, "person", persons[0]["person_id"], "--workspace", ws)
    assert "which source said what" in detail and "spellings" in detail
    one = json.loads(run(app, "person", persons[0]["person_id"], "--format", "jsonl", "--workspace", ws))
    assert len(one["records"]) == int(persons[0]["records"])


def test_errors_are_clear_and_without_traceback(sqlite_workspace) -> None:
    exe = Path(sys.executable).with_name("reckon")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from reckon.cli import main; main()"]
    res = subprocess.run(cmd + ["link", "--workspace", str(sqlite_workspace.root)], capture_output=True, text=True)
    assert res.returncode != 0
    assert "no current records to link" in res.stderr and "Traceback" not in res.stderr
    res = subprocess.run(cmd + ["explain", "1", "2", "--workspace", str(sqlite_workspace.root)],
                         capture_output=True, text=True)
    assert res.returncode != 0 and "reckon link" in res.stderr and "Traceback" not in res.stderr
