"""Hostile files through ``reckon import`` on SQLite and PostgreSQL: nothing lost, nothing leaked.

Two halves: the seeded generator of tests/hostile_files.py (CSV, TSV, JSON, NDJSON, XLSX with NUL bytes,
NaN, overlong values, stray bytes, formulas, duplicate headers and keys, odd UTF-16, deep nesting ...) and
a Hypothesis search over CSV cells and stray bytes. Every file goes through the real command line entry
point into a real workspace, and each must end one of two ways: exit 0 with every data row a record or a
quarantined row of that import, or a one-line ``error:`` naming the file. Never an exception escaping
the command, never a name from the file in anything printed.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hostile_files import generate, run_cli, stored_rows, stored_values

FILES = 40  # a modest share of the 300 of benchmarks/hostile_imports.py: about 20-40 s per database


def _check(code: int, text: str, escaped: str | None, expected: int | None, url: str, source: str,
           names: list[str], what: str, values: int | None = None) -> None:
    assert escaped is None, f"{what}: an exception escaped the command:\n{text}"
    for name in names:
        assert name not in text, f"{what}: a name from the file was printed"
    if code == 0:
        if expected is not None:
            assert stored_rows(url, source) == expected, f"{what}: rows lost or doubled"
        if values is not None:
            assert stored_values(url, source) >= values, f"{what}: cell values lost"
    else:
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        assert lines and lines[0].startswith("error: "), f"{what}: not a clean error:\n{text}"
        assert "Traceback" not in text and "[SQL:" not in text and "parameters" not in text


def test_seeded_hostile_files(workspace, tmp_path: Path) -> None:
    files = generate(tmp_path / "files", FILES, seed=14)
    clean = errors = 0
    for i, h in enumerate(files):
        source = f"fuzz{i}"
        code, text, escaped = run_cli(["import", str(h.path), "--source", source,
                                       "--workspace", str(workspace.root)])
        _check(code, text, escaped, h.rows, workspace.database_url, source, h.names, f"{h.path.name} {h.traits}",
               h.values)
        clean += code == 0
        errors += code != 0
    # The set is hostile, not broken: most files import (bad rows quarantined), a few are refused.
    assert clean >= FILES // 2 and errors >= 1


_CYR = "абвгдеёжзийклмнопрстуфхцчшщыьэюяіўАБВГДЕЖЗІЙКЛМНОПРСТУЎ"
cells = st.text(alphabet=st.sampled_from(list(_CYR) + ["\x00", "\x01", "\r", "\n", '"', ",", ";", " ", "🙂",
                                                         "\u202e", "\ufeff", "=", "\t", "\\"]),
                max_size=40) | st.sampled_from(["NaN", "inf", "", "=A1", "Ан" * 600, "9" * 400])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cells, cells), min_size=1, max_size=8),
       stray=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0x80, 0xFF)), max_size=3),
       crlf=st.booleans())
@example(rows=[("Ганна\x00", "x")], stray=[], crlf=False)
@example(rows=[("", "\r;")], stray=[], crlf=False)
@example(rows=[("Ан" * 600, "9" * 400)], stray=[(40, 0xFF)], crlf=True)
@example(rows=[(",", ","), ("", ';"ІІ')], stray=[(214, 0x80)], crlf=True)  # once before an opening quote
def test_csv_cells_and_stray_bytes(workspace, rows: list[tuple[str, str]], stray: list[tuple[int, int]],
                                   crlf: bool) -> None:
    buf = io.StringIO()
    # QUOTE_ALL: csv quotes a lone "\r" only when the line terminator holds one, else it starts a row
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "ФИО", "регион"])
    for i, (name, region) in enumerate(rows, start=1):
        writer.writerow([str(i), name, region])
    data = bytearray(buf.getvalue().encode("utf-8"))
    header_end = data.index(b"\n") + 1
    for pos, byte in stray:  # bytes >= 0x80 inside a cell never make or break a row: the count stays known
        at = header_end + pos % max(1, len(data) - header_end - 1)
        while data[at - 1] in b"\r\n" and at > header_end:  # not a line of its own, nor after a lone CR
            at -= 1
        # nor just before a quote: a byte before an opening quote makes the field unquoted, and the quotes
        # that follow then join rows (a real change of the row count, not a lost row); inside or after the
        # quotes it is only a byte of the cell
        while at < len(data) and data[at] == 0x22:
            at += 1
        data.insert(at, byte)
    path = Path(workspace.root) / f"h{uuid.uuid4().hex[:12]}.csv"  # a new source each example
    path.write_bytes(bytes(data))
    source = path.stem
    code, text, escaped = run_cli(["import", str(path), "--source", source, "--workspace", str(workspace.root)])
    names = [m for name, _r in rows for m in re.findall(f"[{_CYR}]{{6,}}", name)]
    _check(code, text, escaped, len(rows), workspace.database_url, source, names, f"csv {rows!r} {stray!r} {crlf}")
    assert code == 0, text


def test_reimport_with_other_line_endings_does_not_quarantine_again(workspace, tmp_path: Path) -> None:
    text = "id,ФИО\n1,Ганна Тэст\n2,\x00\n3,Ан" + "н" * 1200 + '\n4,"Тэст\x00\nдругі радок"\n'
    lf, crlf = tmp_path / "lf.csv", tmp_path / "crlf.csv"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    from reckon.ingest import import_file

    first = import_file(workspace, lf, "s")
    second = import_file(workspace, crlf, "s")
    assert (first.new, first.quarantined, first.quarantine_known) == (1, 3, 0)
    assert (second.unchanged, second.quarantined, second.quarantine_known) == (1, 3, 3)
    from reckon.ingest.records import list_quarantine

    rows = list_quarantine(workspace, "s")
    assert len(rows) == 3 and {r["field"] for r in rows} == {"ФИО"}
    assert any(r["raw"]["ФИО"] == "\\x00" for r in rows)  # kept, written out visibly


@pytest.mark.parametrize("payload, expected", [
    (b"\x00", "binary file"),
    (b"[" * 5000 + b"]" * 5000, "nested more than"),
])
def test_broken_files_give_one_line_errors(workspace, tmp_path: Path, payload: bytes, expected: str) -> None:
    path = tmp_path / ("x.json" if payload.startswith(b"[") else "x.csv")
    path.write_bytes(payload)
    code, text, escaped = run_cli(["import", str(path), "--source", "s", "--workspace", str(workspace.root)])
    flat = " ".join(text.split())  # the console wraps long lines
    assert escaped is None and code != 0 and flat.startswith("error: ") and expected in flat, text
