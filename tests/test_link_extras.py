"""Only fields about the person become linkage comparisons (issue 18, item 1).

A news import keeps each declared person's article id and language in ``Record.extra``; with news in
two sources these once became the comparisons ``extra_news_article_id`` and ``extra_language``, so two
people of one article looked alike. The rule is by what a column is, checked here on synthetic fields
and on the real Viasna lists with the real news articles, read in place.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build
from reckon.link.extras import describes_person
from reckon.link.features import _extra_columns

PASSPORTS = [f"MP{1000000 + 7919 * i}" for i in range(40)]


@pytest.mark.parametrize("key,values", [
    ("news_article_id", list(range(40))),
    ("language", ["be", "ru", "en"] * 13),
    ("url", [f"https://example.org/person/{i}" for i in range(40)]),
    ("page", [f"www.example.org/p{i}" for i in range(40)]),
    ("file_row", [f"list.csv:{i}" for i in range(40)]),
    ("declared_political_prisoner", [True] * 40),
    ("biography", [f"born in Testava in {1960 + i}, worked as a teacher at school number {i} until the arrest"
                   for i in range(40)]),
    ("profession", ["teacher", "worker", "student"] * 13),
])
def test_provenance_codes_and_text_are_not_compared(key: str, values: list) -> None:
    assert not describes_person(key, values)


@pytest.mark.parametrize("key,values", [
    ("passport_id", PASSPORTS),
    ("passport", PASSPORTS),
    ("judge", [f"Тэстава {chr(0x410 + i % 30)}." for i in range(40)]),
    ("case_number", [f"2020-{i:04d}" for i in range(40)]),
    ("address", [f"vulica Testavaja {i}, Minsk" for i in range(40)]),
])
def test_fields_about_the_person_are_compared(key: str, values: list) -> None:
    assert describes_person(key, values)


@given(st.sampled_from(["id", "url", "language", "row", "file", "source", "news"]),
       st.text(alphabet="abcdefgh_", max_size=12),
       st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=30))
def test_a_provenance_word_refuses_whatever_the_values(word: str, rest: str, values: list[str]) -> None:
    assert not describes_person(f"{rest}_{word}_{rest}".strip("_"), values)


def test_two_news_sources_do_not_compare_article_ids_or_languages() -> None:
    records = []
    for i in range(20):
        for src in ("news_a", "news_b"):
            records.append({"source": src, "extra": {"news_article_id": i // 4, "language": "be" if i % 2 else "ru",
                                                     "declared_political_prisoner": True,
                                                     "passport": PASSPORTS[i]}})
    assert list(_extra_columns(records)) == ["extra_passport"]


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_real_lists_with_news_in_two_sources(tmp_path) -> None:
    from reckon.config import init_workspace
    from reckon.link import engine as eng
    from reckon.link.service import latest_run
    from reckon.store.db import dispose_engines, session_scope

    ws = init_workspace(tmp_path / "ws")
    app, root = _build(), str(ws.root)
    try:
        run(app, "import", str(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")),
            "--source", "viasna_admin", "--workspace", root)
        run(app, "import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
            "--source", "viasna_pp", "--workspace", root)
        run(app, "news", "import", str(shared_path("eval", "news", "articles")), "--workspace", root)
        run(app, "news", "import", str(shared_path("eval", "news", "articles_ru_be")), "--source", "news_ru_be",
            "--workspace", root)
        json.loads(run(app, "link", "--workspace", root, "--json"))
        with session_scope(ws.database_url) as s:
            columns = set(eng.model_columns(latest_run(s).model))
        extras = {c for c in columns if c.startswith("extra_")}
        assert extras == {"extra_judge"}, extras
    finally:
        dispose_engines()
