"""`reckon report` as a PDF on the real lists: Viasna's two lists and the EU's annex of sanctioned persons
in one workspace, linked (the session's ``viasna_workspace`` of tests/conftest.py, shared with
tests/test_report_realdata.py) and estimated, the report written in be, ru and en and as the public
version; the PDF's text layer read back with pdftotext (poppler-utils): Cyrillic headings as text, the
register's known count, numbers and chart ticks as the locale writes them, and no small cell in public.

What a reader saw on these PDFs before (rendered with pdftoppm): a chart of one person per region with
ticks 0.0, 0.2 ... 1.0 (fractions of persons, with a decimal point in be/ru), tick labels 140000 ungrouped,
"95" and "%" of an interval split across two lines, and summary labels folded into three lines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import copy_workspace, unavailable
from reckon.cli import _build

LANGS = ("be", "ru", "en")


def run(app, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def text_of(pdf: Path, *, layout: bool = False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


@pytest.fixture(scope="module")
def pdfs(viasna_workspace, tmp_path_factory) -> dict[str, Path]:
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext (Debian's poppler-utils) is not installed")
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("report_pdf")
    # the session's linked real lists (tests/conftest.py), copied: this module writes to its copy
    root = str(copy_workspace(viasna_workspace, tmp / "ws"))
    app = _build()
    run(app, "estimate", "--force", "--workspace", root)   # not publishable: marked so, and never public
    out = {}
    for lang in LANGS:
        out[lang] = tmp / f"report-{lang}.pdf"
        run(app, "report", "--out", str(out[lang]), "--lang", lang, "--workspace", root)
    out["public"] = tmp / "public-be.pdf"
    run(app, "report", "--public", "--out", str(out["public"]), "--lang", "be", "--workspace", root)
    yield out
    dispose_engines()


HEADINGS = {
    "be": ["Задакументаваны палітычны пераслед", "Асноўныя лічбы", "Задакументавана і паведамлена", "Ацэнкі",
           "Метады"],
    "ru": ["Задокументированное политическое", "Основные показатели", "Оценки", "Методы"],
    "en": ["Documented political persecution", "Summary", "Documented and reported", "Estimates", "Methods"],
}
RECORDS = {"be": "Актуальныя запісы", "ru": "Актуальные записи", "en": "Current records"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_text_layer_has_the_headings_and_the_registers_count(pdfs, lang: str) -> None:
    pdf = pdfs[lang]
    assert pdf.read_bytes().startswith(b"%PDF")
    text, layout = text_of(pdf), text_of(pdf, layout=True)
    assert "\ufffd" not in text            # every glyph maps back to its letter (embedded Unicode fonts)
    for heading in HEADINGS[lang]:
        assert heading in text, heading
    # 18 + 500 records of the two lists; the EU's 312 officials are sanctions, not register records
    assert re.search(rf"{RECORDS[lang]}\s+518\b", layout)
    assert "EU (0)" in text
    point = "." if lang == "en" else ","
    # the estimate's interval as the locale writes numbers, "95 %" never split across lines
    assert re.search(r"95[ \u00a0]%", text) and "95\n%" not in text
    if lang != "en":
        assert not re.search(r"\d\.\d", re.sub(r"reckon \d+\.\d+\.\d+", "", text)), "a decimal point in " + lang
    # chart ticks are whole persons, never 0.2, 0.4 ... of a person
    assert not re.search(rf"(?<![\d.,])0\{point}[2468](?![\d.,])", text)
    # a large tick or count grouped as the locale groups thousands (141 741 / 141,741)
    assert re.search(r"\b\d{1,3}[ \u00a0\u202f]\d{3}\b" if lang != "en" else r"\b\d{1,3},\d{3}\b", text)


def test_the_public_pdf_hides_small_cells_and_the_unpublishable_estimate(pdfs) -> None:
    text = text_of(pdfs["public"])
    assert "публічныя зводныя лічбы" in text and "Асноўныя лічбы" in text
    assert "·" in text                                   # the small cells of persons by region and state
    assert "Не для публікацыі" not in text and "8 568" not in text.replace("\u00a0", " ")
    assert "Вясна: палітвязні (18)" not in text          # no list of sources in public
    private = text_of(pdfs["be"])
    assert "Не для публікацыі" in private                # the forced estimate is there, marked
    assert len(re.findall(r"\f", private)) >= 3          # several pages, charts kept whole on each
