"""The CLI's messages in the terminal's language, else the workspace's default, else English (issue 18); a
refusal to estimate says its reasons in that language. Real workspaces (SQLite), the real Typer app."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from reckon import i18n
from test_web_support import synthetic_csv

LANG_VARS = ("RECKON_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture()
def app():
    from reckon.cli import _build

    return _build()


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_messages_follow_the_terminal_then_the_workspace(app, tmp_path, monkeypatch) -> None:
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws")
    root = str(ws.root)
    monkeypatch.setenv("RECKON_LANG", "be")
    assert "ацэнак пакуль няма: запусціце `reckon estimate`" in run(app, "estimates", "--workspace", root)
    out = run(app, "import", str(synthetic_csv(tmp_path / "a.csv", n=8, seed=4)), "--source", "Спіс A",
              "--workspace", root)
    assert "імпартаваны ў 'Спіс A'" in out and "прачытана радкоў 8" in out
    out = run(app, "count", "--as-of", "2024-03-04", "--workspace", root)
    assert "палітвязні па стане на 4 сакавіка 2024" in out
    monkeypatch.setenv("RECKON_LANG", "ru")
    assert "оценок пока нет" in run(app, "estimates", "--workspace", root)
    # a terminal that names no language: the workspace's default, then English
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "no estimate stored yet" in run(app, "estimates", "--workspace", root)
    ws.config_path.write_text(ws.config_path.read_text(encoding="utf-8") + '\n[web]\nlanguage = "be"\n',
                              encoding="utf-8")
    assert "ацэнак пакуль няма" in run(app, "estimates", "--workspace", root)
    assert i18n.cli_language() == "en" and i18n.cli_language("ru") == "ru"


def test_a_refusal_in_the_terminal_language() -> None:
    from reckon.cli.common import error_message
    from reckon.errors import EstimateRefused
    from reckon.estimate.notes import note

    exc = EstimateRefused([note("no_common_region", a="A", b="B"), "an old reason, as text"])
    with i18n.use("be"):
        message, code = error_message(exc)
    assert code == 3 and message.startswith("reckon не будзе рабіць ацэнку па гэтых спісах:")
    assert "- у спісаў A і B няма ніводнага агульнага рэгіёна" in message and "- an old reason, as text" in message
    with i18n.use("en"):
        assert error_message(exc)[0] == str(exc)  # English: the error as the stage raised it


@given(st.lists(st.sampled_from(["", "C", "POSIX", "C.UTF-8", "de_DE.UTF-8", "be_BY.UTF-8", "ru_RU", "en_GB",
                                 "be:ru", "xx"]), min_size=5, max_size=5),
       st.sampled_from([None, "be", "ru", "en", "de"]))
def test_the_cli_language_is_always_one_reckon_speaks(values: list[str], workspace_default: str | None) -> None:
    import os

    saved = {v: os.environ.get(v) for v in LANG_VARS}
    try:
        for var, value in zip(LANG_VARS, values, strict=True):
            os.environ[var] = value
        got = i18n.cli_language(workspace_default)
        terminal = i18n.terminal_language()
        assert got in i18n.LANGUAGES
        assert got == (terminal or i18n.normalise(workspace_default) or "en")
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value
