"""No test goes quiet under CI: a test that lacks a part (PostgreSQL, ../shared, Chromium, Spark, /proc)
skips on a developer's machine and fails under CI=true, through conftest.unavailable and nothing else."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
QUIET = {"skip", "skipif", "importorskip", "xfail"}


def _quiet_calls(path: Path) -> list[int]:
    """Lines of ``pytest.skip(...)``, ``pytest.importorskip``, ``pytest.mark.skip/skipif/xfail`` in a file,
    except inside conftest.unavailable (the one place a skip may be written)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "unavailable" and path.name == "conftest.py":
            allowed.update(id(n) for n in ast.walk(node))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in QUIET and id(node) not in allowed]


def test_no_test_skips_but_through_unavailable(tmp_path: Path) -> None:
    found = {p.name: lines for p in sorted(TESTS.glob("*.py")) if (lines := _quiet_calls(p))}
    assert found == {}, f"skips that would go quiet under CI (use conftest.unavailable): {found}"
    # The scan sees a skip where there is one, a decorator or a call.
    probe = TESTS / "conftest.py"
    assert _quiet_calls(probe) == []
    tree = "import pytest\n@pytest.mark.skipif(True, reason='x')\ndef test_a():\n    pytest.skip('y')\n"
    scratch = tmp_path / "quiet_probe.py"
    scratch.write_text(tree, encoding="utf-8")
    assert _quiet_calls(scratch) == [2, 4]


def _run_missing_part(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    test = tmp_path / "test_missing_part.py"
    test.write_text(f"import sys\nsys.path.insert(0, {str(TESTS)!r})\nfrom conftest import shared_path\n\n"
                    "def test_reads_evaluation_data():\n    shared_path('eval', 'no-such-list.csv')\n",
                    encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "--rootdir", str(tmp_path), str(test)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)


def test_a_missing_part_skips_here_and_fails_under_ci(tmp_path: Path) -> None:
    here = _run_missing_part(tmp_path, ci=False)
    assert here.returncode == 0 and "1 skipped" in here.stdout, here.stdout
    under_ci = _run_missing_part(tmp_path, ci=True)
    assert under_ci.returncode == 1 and "1 failed" in under_ci.stdout, under_ci.stdout
    assert "under CI every part is there" in under_ci.stdout
