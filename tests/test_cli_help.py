"""``reckon ... --help`` in Belarusian, Russian and English (issue 18): every help text of the command tree is
in the catalogue and translated, the pages the real app prints say the frame (usage, panel titles, defaults)
and the helps in the terminal's language, and an English sentence left on a Belarusian or Russian page
fails. The language is the one of the CLI's messages: the terminal's, else the workspace's default."""

from __future__ import annotations

import ast
import inspect
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from reckon import i18n

SRC = Path(__file__).resolve().parents[1] / "src"
LANG_VARS = ("RECKON_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# A sentence of English: a capitalised word, then two more Latin words ("Show this message", "Workspace folder
# (default"). Option names, choices (in_custody|political_prisoner) and `commands` are no sentence.
ENGLISH = re.compile(r"\b[A-Z][a-z]+,? [a-z]{2,},? [a-z]{2,}\b")


def tree():
    """The Click command tree the real app builds: (path, command) for every group and command."""
    import typer

    from reckon.cli import _build

    def walk(path: tuple[str, ...], command):
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk((*path, name), sub)

    return list(walk((), typer.main.get_command(_build())))


def help_texts() -> set[str]:
    """Every help text a --help page can show: commands', groups', parameters', and the frame's words."""
    import typer

    from reckon.cli import helptext

    texts: set[str] = {*helptext.FRAME.values(), helptext.USAGE, helptext.OPTIONS_METAVAR,
                       helptext.SUBCOMMAND_METAVAR, helptext.HELP_OPTION}
    for _path, command in tree():
        ctx = typer.Context(command)
        texts |= {t for t in (command.help, command.short_help) if t}
        texts |= {p.help for p in command.get_params(ctx) if getattr(p, "help", None)}
    return texts


def test_the_tree_is_walked() -> None:
    paths = {" ".join(p) for p, _c in tree()}
    assert {"", "count", "import", "users", "users token add", "news extract", "judges", "export records"} <= paths
    assert len(help_texts()) > 200


def test_every_command_and_parameter_has_a_help() -> None:
    """A help page with a bare option says nothing of it in any language."""
    import typer

    bare = [(" ".join(path), p.name) for path, command in tree() for p in command.get_params(typer.Context(command))
            if not getattr(p, "help", None) and not getattr(p, "hidden", False)]
    assert bare == []
    assert [" ".join(path) for path, command in tree() if not command.help] == []


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_help_text_is_translated(lang: str) -> None:
    catalogue = i18n.translations(lang)
    missing = sorted(t for t in help_texts() if catalogue.gettext(t) == t)
    assert missing == []


def test_placeholders_survive_translation() -> None:
    from reckon.cli.helptext import FRAME

    for lang in ("be", "ru"):
        for message in FRAME.values():
            assert message.count("{}") == i18n.translations(lang).gettext(message).count("{}")


def _page(*args: str, lang: str, **env: str) -> str:
    """A help page printed by the real entry point (its own process), as a terminal in ``lang`` sees it."""
    environ = {k: v for k, v in os.environ.items() if k != "RECKON_WORKSPACE"}
    environ.update({"PYTHONPATH": str(SRC), "COLUMNS": "200", **{v: "" for v in LANG_VARS}, "LANG": lang, **env})
    done = subprocess.run([sys.executable, "-m", "reckon", *args, "--help"], capture_output=True, text=True,
                          env=environ, timeout=300, cwd="/")
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


def _sentences(page: str) -> list[str]:
    """English sentences on a page, leaving out the usage line and `quoted commands`."""
    text = "\n".join(line for line in page.splitlines() if "reckon" not in line or "`" in line)
    text = re.sub(r"`[^`]*`", "", text)
    return ENGLISH.findall(text)


WORDS = {
    "be_BY.UTF-8": ["Ужыванне:", "Параметры", "Паказаць гэтую даведку і выйсці."],
    "ru_RU.UTF-8": ["Использование:", "Параметры", "Показать эту справку и выйти."],
    "en_GB.UTF-8": ["Usage:", "Options", "Show this message and exit."],
}


@pytest.mark.parametrize("lang", list(WORDS))
def test_help_pages_in_the_terminal_language(lang: str) -> None:
    top = _page(lang=lang)
    count = _page("count", lang=lang)
    imp = _page("import", lang=lang)
    for page in (top, count, imp):
        assert all(w in page for w in WORDS[lang]), page
    if lang.startswith("be"):
        assert "Каманды" in top and "КАМАНДА [АРГУМЕНТЫ]..." in top
        assert "Падлічыць пераследаваных, ацаніць незадакументаваных" in top
        assert "Імпартаваць файл спіса ў крыніцу з паходжаннем" in top   # a command's docstring, translated
        assert "Якую катэгорыю лічыць." in count and "[па змаўчанні: political_prisoner]" in count
        assert "[зменная асяроддзя: RECKON_WORKSPACE]" in count
        assert "Назва крыніцы (спіса), да якой належыць файл." in imp and "[абавязкова]" in imp
    elif lang.startswith("ru"):
        assert "Команды" in top and "Какую категорию считать." in count and "[по умолчанию:" in count
        assert "Название источника (списка), к которому относится файл." in imp and "[обязательно]" in imp
    else:
        assert "Commands" in top and "Which state to count." in count and "[default: political_prisoner]" in count
        assert "Name of the source (list) the file belongs to." in imp and "[required]" in imp
    if not lang.startswith("en"):
        for page in (top, count, imp):
            assert _sentences(page) == [], _sentences(page)


@pytest.mark.parametrize("lang", ["be_BY.UTF-8", "ru_RU.UTF-8"])
def test_no_english_sentence_on_any_help_page(lang: str) -> None:
    """Every command and group of the tree, through the real app (in-process), in Belarusian and Russian."""
    from reckon.cli import _build

    app = _build()
    env = {**{v: "" for v in LANG_VARS}, "LANG": lang, "COLUMNS": "200", "RECKON_WORKSPACE": ""}
    pages = 0
    for path, _command in tree():
        result = CliRunner().invoke(app, [*path, "--help"], env=env, catch_exceptions=False)
        assert result.exit_code == 0, (path, result.output)
        assert _sentences(result.output) == [], (path, _sentences(result.output))
        assert "Show this message" not in result.output and "Options" not in result.output, path
        pages += 1
    assert pages > 50


def test_english_sentences_are_caught() -> None:
    """The check finds English where a translation is missing (the page as English shows it)."""
    page = _page("count", lang="en_GB.UTF-8")
    assert {"Show this message", "Which state to"} <= set(_sentences(page))


def test_a_terminal_without_a_language_takes_the_workspace_default(tmp_path) -> None:
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws")
    ws.config_path.write_text(ws.config_path.read_text(encoding="utf-8") + '\n[web]\nlanguage = "ru"\n',
                              encoding="utf-8")
    assert "Какую категорию считать." in _page("count", lang="C.UTF-8", RECKON_WORKSPACE=str(ws.root))
    assert "Which state to count." in _page("count", lang="C.UTF-8")          # no workspace: English
    assert "Якую катэгорыю лічыць." in _page("count", lang="be_BY.UTF-8", RECKON_WORKSPACE=str(ws.root))


def test_usage_errors_keep_their_frame_without_help() -> None:
    """A usage error prints the usage line through the same words (usage.show), not doubled."""
    environ = {**os.environ, "PYTHONPATH": str(SRC), **{v: "" for v in LANG_VARS}, "LANG": "be_BY.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "reckon", "count", "--status", "nobody"], capture_output=True,
                          text=True, env=environ, timeout=300)
    assert done.returncode == 2
    assert "Ужыванне: python -m reckon count [ПАРАМЕТРЫ]" in done.stderr and "Usage" not in done.stderr


def test_docstrings_of_commands_are_extracted() -> None:
    """Babel sees each command's docstring exactly as Typer shows it (inspect.getdoc)."""
    from reckon.cli import helptext

    source = (SRC / "reckon" / "cli" / "estimate.py").read_bytes()
    found = {m for _l, f, m, _c in helptext.extract(io.BytesIO(source), {"_": None, "N_": None}, [], {})
             if f is None}
    from reckon.cli.estimate import estimate, estimates

    assert {inspect.getdoc(estimate), inspect.getdoc(estimates)} <= found
    assert not any(m.startswith("Run ``run(callback)``") for m in found)   # a helper's docstring is not help


SOURCE = st.sampled_from(["@app.command()\n", "@sub.callback()\n", "", "@other\n"])


@given(decorator=SOURCE, doc=st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\'),
                                     min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_a_docstring_is_extracted_only_from_a_command(decorator: str, doc: str) -> None:
    from reckon.cli.helptext import commands

    module = ast.parse(f'{decorator}def f():\n    """{doc}"""\n')
    found = [d for _n, d in commands(module)]
    assert found == ([inspect.cleandoc(doc)] if ".command(" in decorator or ".callback(" in decorator else [])
    registered = ast.parse(f'def f():\n    """{doc}"""\n\napp.command("x")(f)\n')
    assert [d for _n, d in commands(registered)] == [inspect.cleandoc(doc)]


def test_one_process_says_each_page_in_the_language_of_its_run() -> None:
    """Typer builds the command tree afresh per run and the frame is set per page: a process that prints
    pages in several languages (a test run, a shell) never keeps the last one's words."""
    from reckon.cli import _build

    app = _build()
    said = {}
    for lang in ("be_BY.UTF-8", "ru_RU.UTF-8", "en_GB.UTF-8", "be_BY.UTF-8"):
        env = {**{v: "" for v in LANG_VARS}, "LANG": lang, "COLUMNS": "200"}
        out = CliRunner().invoke(app, ["count", "--help"], env=env, catch_exceptions=False).output
        said.setdefault(lang, []).append(out)
    assert "Якую катэгорыю лічыць." in said["be_BY.UTF-8"][0] and said["be_BY.UTF-8"][0] == said["be_BY.UTF-8"][1]
    assert "Какую категорию считать." in said["ru_RU.UTF-8"][0] and "Параметры" in said["ru_RU.UTF-8"][0]
    assert "Which state to count." in said["en_GB.UTF-8"][0] and "╭─ Options" in said["en_GB.UTF-8"][0]
