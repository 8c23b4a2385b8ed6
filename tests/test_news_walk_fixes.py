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


def test_count_on_news_alone_says_recognitions_are_recorded(workspace) -> None:
    """Two recognitions are recorded, but news names no arrest, so nobody counts: the hint said "no
    recognition is recorded"; it now says how many are recognised and why none is counted (both stores)."""
    from reckon.histories.service import count
    from reckon.news.service import import_text

    assert import_text(workspace, DECLARED, file_name="declared.txt", published="2024-03-05").declared == 2
    res = count(workspace.database_url, as_of=__import__("datetime").date(2024, 6, 1))
    assert res.count == 0 and not res.ever and res.recognised == 2
    code, out = run(["count", "--as-of", "2024-06-01"], workspace.root)
    assert code == 0, out
    assert "no recognition is recorded" not in out
    assert "Persons recognised as political prisoners: 2" in out, out


def _zxcvbn_warnings() -> set[str]:
    """Every warning the installed zxcvbn can give, read from its feedback module: the ``_()`` strings
    assigned to ``warning`` or to a feedback's ``'warning'`` key (its suggestions are not shown)."""
    import ast
    import inspect

    import zxcvbn.feedback

    tree = ast.parse(inspect.getsource(zxcvbn.feedback))
    calls = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == "warning" for t in node.targets)]
    calls += [v for node in ast.walk(tree) if isinstance(node, ast.Dict)
              for k, v in zip(node.keys, node.values, strict=True)
              if isinstance(k, ast.Constant) and k.value == "warning"]
    return {ast.literal_eval(c.args[0]) for c in calls
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "_"}


def test_every_zxcvbn_warning_is_said_through_the_catalogue() -> None:
    """A refused password said zxcvbn's English warning; each is now a catalogued reason (hi18n), and this
    holds for every warning the installed zxcvbn can give, so a newer zxcvbn cannot bring English back
    unseen. A refusal's reason is one of them, said through the catalogue."""
    from reckon.errors import ConfigError
    from reckon.said_errors import error_text
    from reckon.services.accounts import PASSWORD_WARNINGS, check_password

    warnings = _zxcvbn_warnings()
    assert len(warnings) >= 12   # the parse found them (14 in zxcvbn 4.4)
    assert {w.rstrip(".").lower() for w in warnings} <= set(PASSWORD_WARNINGS)
    for password in ("qwertyuiop1", "aaaaaaaaaaaa", "abcdefghijkl", "1990-05-12a"):
        with pytest.raises(ConfigError) as caught:
            check_password(password, "anna")
        assert caught.value.params["reason"] in PASSWORD_WARNINGS
        assert error_text(caught.value) is not None


def test_the_table_by_language_writes_numbers_as_the_locale_does() -> None:
    """The dashboard's table of figures by language printed "≥1267" in every language; a cell now writes
    its value as the language in force writes numbers (the dashboard caches its view per language)."""
    from reckon.news.service import side_by_side

    rows = [{"article_id": 1, "category": "political_prisoners", "date": "2031-05-05", "language": "ru",
             "qualifier": "at_least", "value": 1267},
            {"article_id": 2, "category": "political_prisoners", "date": "2031-05-05", "language": "be",
             "qualifier": None, "value": 1267}]
    for lang in ("be", "ru", "en"):
        with i18n.use(lang):
            written = i18n.number(1267)
            table = side_by_side(rows)
        assert table[0]["ru"] == f"≥{written}" and table[0]["be"] == written, lang
    assert written == "1,267"
    with i18n.use("be"):
        assert i18n.number(1267) != "1267"   # the case that was wrong: a separator is written


HELD = """Count of prisoners grows

At least 1,234 political prisoners remain behind bars, the Demo Rights Centre said.
"""


def test_figures_table_writes_days_as_the_locale_does(tmp_path) -> None:
    """`reckon figures` printed "2024-09-16" where the web and `reckon news extract` print the day as the
    locale writes it; the terminal table now goes through the same formatter, csv keeps ISO."""
    from reckon.config import init_workspace
    from reckon.news.service import import_text

    ws = init_workspace(tmp_path / "ws")
    import_text(ws, HELD, file_name="held.txt", published="2024-09-16")
    with i18n.use("be"):
        written = i18n.day("2024-09-16")
    assert written != "2024-09-16"
    code, out = run(["figures"], ws.root, lang="be")
    assert code == 0, out
    assert " ".join(written.split()) in out and "2024-09-16" not in out, out
    code, out = run(["figures", "--format", "csv"], ws.root, lang="be")
    assert code == 0 and "2024-09-16" in out, out


def test_records_raw_shows_the_recognition_date_as_the_export_does(declared_ws) -> None:
    """`reckon records --format jsonl` left out ``extra``: a recognition's date could not be seen from the
    command line. `--raw` adds extra and the row in csv and jsonl, the same columns as `export records --raw`."""
    import json

    code, out = run(["records", "--format", "jsonl", "--raw"], declared_ws.root)
    assert code == 0, out
    rows = [json.loads(line) for line in out.replace("} {", "}\n{").splitlines()]
    assert sorted(r["full_name"] for r in rows) == ["Ivan Testarenka", "Olga Primerova"]
    assert all(r["extra"]["recognition_date"] == "2024-03-05" for r in rows)
    code, plain = run(["records", "--format", "jsonl"], declared_ws.root)
    assert code == 0 and "recognition_date" not in plain
    code, exported = run(["export", "records", "--format", "jsonl", "--raw"], declared_ws.root)
    assert code == 0 and exported.count('"recognition_date": "2024-03-05"') == 2


def test_reimporting_an_unchanged_news_file_says_it_was_imported_already(tmp_path) -> None:
    """A second import of the same file printed "articles 0 [-]"; it now says the file is already imported,
    with how many of its articles are stored."""
    from reckon.config import init_workspace

    ws = init_workspace(tmp_path / "ws")
    article = tmp_path / "declared.txt"
    article.write_text(DECLARED, encoding="utf-8")
    code, first = run(["news", "import", str(article), "--date", "2024-03-05"], ws.root)
    assert code == 0 and "already imported" not in first, first
    code, again = run(["news", "import", str(article), "--date", "2024-03-05"], ws.root)
    assert code == 0, again
    assert "already imported (1 article(s)); nothing changed" in again and "articles 0" not in again, again


def test_the_article_page_lists_the_people_it_declared(declared_ws) -> None:
    """An article page showed figures, quotes and sanctions but not the people the article declared political
    prisoners; it now lists them with the date of recognition and, once linked, a link to the person."""
    from reckon.news.service import article_facts, list_articles
    from reckon.services.accounts import add_user
    from test_web_support import PASSWORD, login, serve

    code, out = run(["link"], declared_ws.root)
    assert code == 0, out
    add_user(declared_ws.database_url, "anna", "admin", PASSWORD)
    article_id = list_articles(declared_ws)[0]["id"]
    declared = article_facts(declared_ws, article_id)["declared"]
    assert [d["name"] for d in declared] == ["Ivan Testarenka", "Olga Primerova"]
    assert all(d["person_id"] and d["recognition_date"] == "2024-03-05" for d in declared)
    with serve(declared_ws) as base:
        page = login(base, "anna").get(f"/articles/{article_id}").text
    listed = page.split('class="declared"')[1]
    with i18n.use("en"):
        written = i18n.day("2024-03-05")
    for d in declared:
        assert f'<a href="/persons/{d["person_id"]}">{d["name"]}</a>' in listed
    assert listed.count(written) == 2


@pytest.mark.parametrize(("sentence", "reporter"), [
    ("An estimated 65,000 people were detained after the vote in Testville.", None),
    ("An estimated 4,321 people were detained in Testville, rights groups say.", "rights groups"),
    ("As reported by the Demo Rights Centre, 1,234 people remain political prisoners.", "Demo Rights Centre"),
    ("As the Demo Rights Centre reported, 1,234 political prisoners remain behind bars.", "Demo Rights Centre"),
    ("As of May 2031, 1,234 people remain political prisoners, as reported by local media.", "local media"),
])
def test_a_determiner_or_conjunction_is_no_english_reporter(sentence: str, reporter: str | None) -> None:
    """"An estimated …" gave the reporter "An" and "As reported by …" the reporter "As": a reporter is a name
    or an organisation's noun phrase, found further on in the sentence or not at all."""
    from reckon.news.extract import extract

    figures = extract(sentence, published="2031-06-01").figures
    assert len(figures) == 1 and figures[0].reporter == reporter


@pytest.mark.parametrize(("sentence", "reporter"), [
    ("Правозащитная кампания зафиксировала 1234 политзаключенных.", None),
    ("Об этом сообщает правозащитная кампания «Тест», по её данным, задержаны 25 человек.",
     "правозащитная кампания «Тест»"),
    ("Как сообщили из провластных каналов, задержаны 25 человек.", None),
    ("Правозащитная организация сообщила, что в стране 1234 политзаключенных.", "Правозащитная организация"),
    ("По данным правозащитников, в стране 1234 политзаключенных.", "правозащитников"),
])
def test_an_adjective_or_a_prepositional_phrase_is_no_cyrillic_reporter(sentence: str, reporter: str | None) -> None:
    """Russian reporters "правозащитная" and "из провластных каналов": an adjective alone and a phrase opened
    by a preposition name nobody; the noun phrase named after a verb of reporting does."""
    from reckon.news.extract import extract

    figures = extract(sentence, published="2031-06-01").figures
    assert len(figures) == 1 and figures[0].reporter == reporter


def test_reporter_phrase_keeps_a_capitalised_name_in_an_adjectives_form() -> None:
    """The adjective rule reads case: a surname that looks like an adjective keeps its capital mid-sentence."""
    from reckon.news.cyr_lexicon import reporter_phrase

    assert reporter_phrase("Тестовая", "Об этом сообщила Тестовая.") == "Тестовая"
    assert reporter_phrase("Правозащитная", "Правозащитная кампания сообщила") is None
    assert reporter_phrase("из провластных каналов") is None
