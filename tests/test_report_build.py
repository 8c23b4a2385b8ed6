"""`reckon report`: one self-contained file (inline SVG, no external references), HTML and PDF, stating its
snapshot and methods; the public variant applies suppression and shows no names."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from test_web_support import synthetic_csv


@pytest.fixture
def filled(sqlite_workspace, tmp_path):
    from reckon.ingest import import_file

    import_file(sqlite_workspace, synthetic_csv(tmp_path / "list.csv", n=70, seed=5), "List A")
    return sqlite_workspace


def external_refs(html: str) -> list[str]:
    return re.findall(r'(?:src|href)\s*=\s*["\'](?!#|data:)([^"\']+)', html) + re.findall(r"url\((?!#|data:)", html)


def test_html_report_is_self_contained(filled, tmp_path) -> None:
    from reckon.cli import _build

    out = tmp_path / "report.html"
    r = CliRunner().invoke(_build(), ["report", "--out", str(out), "-w", str(filled.root)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3
    assert external_refs(html) == []
    assert "data snapshot" in html and "schema revision" in html
    assert "70" in html  # current records


def test_public_report_suppresses_and_names_nobody(filled, tmp_path) -> None:
    from reckon.report.build import write_report

    out = write_report(filled, tmp_path / "public.html", public=True)
    html = out.read_text(encoding="utf-8")
    assert "Дубракоў" not in html and "Іван" not in html
    assert "·" in html  # some small cells are hidden
    assert "secondary suppression" in html


def test_pdf_report(filled, tmp_path) -> None:
    from reckon.report.build import write_report

    out = write_report(filled, tmp_path / "report.pdf", public=True)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


def test_unknown_suffix_is_refused(filled, tmp_path) -> None:
    from reckon.errors import ConfigError
    from reckon.report.build import write_report

    with pytest.raises(ConfigError, match=".html or .pdf"):
        write_report(filled, tmp_path / "report.docx")


def test_the_web_download_is_the_file_reckon_report_writes(filled, tmp_path) -> None:
    # The web app and `reckon report` are entry points side by side: each renders report.html from
    # services.report.report_data itself, so this pins that the two renderings give one file.
    import httpx

    from reckon.report.build import write_report
    from test_web_support import serve

    for lang in ("en", "be"):
        written = write_report(filled, tmp_path / f"public-{lang}.html", public=True, lang=lang)
        with serve(filled, public=True) as base:
            served = httpx.get(base + "/report/public", headers={"Accept-Language": lang}, timeout=120)
        assert served.status_code == 200
        assert 'filename="report-public.html"' in served.headers["content-disposition"]
        drawn_at = re.compile(r"<dc:date>[^<]*</dc:date>")  # when matplotlib drew each chart
        assert drawn_at.sub("", served.text) == drawn_at.sub("", written.read_text(encoding="utf-8"))
        assert f'lang="{lang}"' in served.text
