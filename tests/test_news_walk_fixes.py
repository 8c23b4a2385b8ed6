"""What a documenter's walk through the news in Belarusian and Russian left (issue 16, hfix): `reckon count`
said no recognition was recorded on a workspace of news alone, a refused password was explained in zxcvbn's
English, the dashboard's table by language wrote "≥1267" without the locale's separator, `reckon figures`
printed ISO dates, an article page did not list the people it declared political prisoners, `reckon records
--format jsonl` left out the recognition date, a re-import of an unchanged file said "articles 0", and a
determiner ("An", "As") or an adjective alone was taken for a figure's reporter.

Every article, name and number here is made up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reckon import i18n

SRC = Path(__file__).resolve().parents[1] / "src"

DECLARED = """Two more people recognised as political prisoners

The Demo Rights Centre recognised Ivan Testarenka and Olga Primerova as political prisoners.
"""


def run(args: list[str], root: Path, lang: str = "en") -> tuple[int, str]:
    """A command as the terminal runs it, in ``lang``: its exit code and everything it printed, lines joined."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "RECKON_LANG": lang, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "reckon", *args, "--workspace", str(root)], capture_output=True,
                          text=True, env=env, timeout=600)
    return done.returncode, " ".join((done.stdout + done.stderr).split())


@pytest.fixture()
def declared_ws(tmp_path):
    """A workspace holding one made-up article that declares two people political prisoners (nobody held)."""
    from reckon.config import init_workspace
    from reckon.news.service import import_text

    ws = init_workspace(tmp_path / "ws")
    res = import_text(ws, DECLARED, file_name="declared.txt", published="2024-03-05")
    assert res.declared == 2
    return ws


def test_count_on_news_alone_says_recognitions_are_recorded(declared_ws) -> None:
    """Two recognitions are recorded, but news names no arrest, so nobody counts: the hint said "no
    recognition is recorded"; it now says how many are recognised and why none is counted."""
    from reckon.histories.service import count

    res = count(declared_ws.database_url, as_of=__import__("datetime").date(2024, 6, 1))
    assert res.count == 0 and not res.ever and res.recognised == 2
    code, out = run(["count", "--as-of", "2024-06-01"], declared_ws.root)
    assert code == 0, out
    assert "no recognition is recorded" not in out
    assert "Persons recognised as political prisoners: 2" in out, out
