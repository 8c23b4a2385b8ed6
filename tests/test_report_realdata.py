"""`reckon report` on Viasna's two real lists and the real news articles, as a coordinator would publish
it (issue 18): in be, ru and en; no "None", no raw codes, no snake_case labels; reported figures beside
the documented count of the same category with reporter and date; the estimate with its caveats; a
methods section for the estimator used. The linked lists (with the EU's annex of sanctioned persons and a
list date besides) are the session's ``viasna_workspace`` of tests/conftest.py, shared with the PDF tests."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import copy_workspace, shared_path
from reckon.cli import _build
from test_i18n import english_phrases, html_lang, leftovers, visible_text


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def reports(viasna_workspace, tmp_path_factory):
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("viasna_report")
    # the session's linked real lists (tests/conftest.py), copied: this module writes to its copy
    root = str(copy_workspace(viasna_workspace, tmp / "ws"))
    app = _build()
    run(app, "news", "import", str(shared_path("eval", "news", "articles")),
        str(shared_path("eval", "news", "articles_ru_be")), "--workspace", root)
    # two lists of different populations: refused unless forced, and then marked not for publication
    run(app, "estimate", "--force", "--workspace", root)
    out = {}
    for lang in ("be", "ru", "en"):
        path = tmp / f"report-{lang}.html"
        run(app, "report", "--out", str(path), "--lang", lang, "--workspace", root)
        out[lang] = path.read_text(encoding="utf-8")
    public = tmp / "public-be.html"
    run(app, "report", "--public", "--out", str(public), "--lang", "be", "--workspace", root)
    out["public"] = public.read_text(encoding="utf-8")
    pdf = tmp / "report-be.pdf"
    run(app, "report", "--out", str(pdf), "--lang", "be", "--workspace", root)
    out["pdf"] = pdf.read_bytes()
    yield out
    dispose_engines()


SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.mark.parametrize("lang", ["be", "ru", "en", "public"])
def test_no_none_no_codes_no_snake_case(reports, lang: str) -> None:
    page = reports[lang]
    text = visible_text(page)
    assert html_lang(page) == ("be" if lang == "public" else lang)
    assert "None" not in text
    assert "political_prisoners_ever" not in page
    assert SNAKE.findall(text) == []
    assert "reported by reported" not in text and "unattributed" not in text


def test_reported_figures_stand_beside_documented_persons_of_their_category(reports) -> None:
    page = reports["en"]
    text = visible_text(page)
    section = text[text.index("Documented and reported"):text.index("Estimates")]
    # one block per category the register counts, each with the register's count on a date
    assert "Political prisoners Documented in this register on" in section
    assert section.count("documented here on that date") >= 2
    # sanctioned officials are never in the prisoners' table: they come after, under their own heading
    assert section.index("Sanctioned officials, as counted in the news") > section.index("Political prisoners")
    # every figure names who reported it (or says no one is named) and its date (or says it has none)
    rows = re.findall(r"<tr><td>(?:[^<]|<small>)*?</td>\s*<td>([^<]*)</td><td>([^<]*)</td>", page)
    assert rows and all(when.strip() and who.strip() for when, who in rows)
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", section)  # dates written out, as the locale does


def test_the_estimate_carries_its_caveats_and_its_method(reports) -> None:
    en = visible_text(reports["en"])
    assert "Not for publication." in en and "What to keep in mind:" in en
    assert "different populations" in en  # the check that refused it, in words
    assert "The lists record detentions from" in en  # its data window
    assert re.search(r"between [\d,]+ and [\d,]+ \(95 % interval\)", en)
    methods = en[en.index("Methods"):]
    assert "Log-linear models:" in methods  # one paragraph per estimator used
    be = visible_text(reports["be"])
    assert "Не для публікацыі." in be and "Лог-лінейныя мадэлі:" in be
    # the public report never shows an estimate that failed the checks
    assert "Not for publication" not in reports["public"] and "Не для публікацыі" not in reports["public"]


def test_the_pdf_is_written_in_belarusian(reports) -> None:
    assert reports["pdf"].startswith(b"%PDF") and len(reports["pdf"]) > 20_000


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_no_english_left_in_the_report(reports, lang: str) -> None:
    # An estimate's warnings are stored as codes and said in the report's language, so they are checked too.
    page = reports[lang]
    assert '<ul class="warnings">' in page
    assert leftovers(page, english_phrases()) == []
    assert "палітвязн" in page if lang == "be" else "политзаключ" in page
