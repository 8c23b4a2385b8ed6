"""A count of 0 political prisoners says why it may be 0 (found on the real Viasna list).

A new user imports Viasna's political-prisoner list and asks `reckon count --as-of 2024-03-04`: the answer
was a bare 0, because a recognition without a date counts from its list's date, and that is the day of the
import until the list's own date is declared. The count now says so and names the command; once the list's
date is declared, the same question gives the list's people who were held that day.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build


def _run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False, env={"LANG": "en_GB.UTF-8"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_zero_political_prisoners_names_the_list_date_command(tmp_path) -> None:
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path / "ws")
    app, root = _build(), str(ws.root)
    try:
        _run(app, "import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
             "--source", "viasna_pp", "--workspace", root)
        before = _run(app, "count", "--as-of", "2024-03-04", "--workspace", root)
        assert "--list-date" in " ".join(before.split())
        _run(app, "histories", "source", "viasna_pp", "--list-date", "2024-03-04", "--workspace", root)
        after = json.loads(_run(app, "count", "--as-of", "2024-03-04", "--json", "--workspace", root))
        # rows 1-4 and 215 are "active" with terms running past that day; "former" and "np" rows are not
        assert after["count"] == 5 and after["undetermined"] == 0
        plain = _run(app, "count", "--as-of", "2024-03-04", "--workspace", root)
        assert "--list-date" not in " ".join(plain.split())
    finally:
        dispose_engines()
