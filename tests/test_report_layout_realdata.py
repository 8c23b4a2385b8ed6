"""The report's tables fit the A4 page, laid out by WeasyPrint as `reckon report --out x.pdf` prints them.

Walking the product on real data (7 December 2026) found the Belarusian PDF's table of figures reported
in the news cut at the page's right edge: its heading "задакументавана тут на тую дату" was kept on one
line, so the last column ("артыкул") fell off the page. The layout is read from WeasyPrint's boxes, so
the test sees what the PDF shows without comparing pixels.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build


@pytest.fixture(scope="module")
def workspace_with_figures(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("report_layout") / "ws")
    app, root = _build(), str(ws.root)
    for args in (("import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
                  "--source", "viasna_pp"),
                 ("news", "import", str(shared_path("eval", "news", "articles_ru_be")), "--source", "press"),
                 ("link",)):
        res = CliRunner().invoke(app, [*args, "--workspace", root], catch_exceptions=False)
        assert res.exit_code == 0, res.output
    yield ws
    dispose_engines()


def _overflowing_tables(html: str) -> list[tuple[int, float, float]]:
    """(page, table's right edge, page content's right edge) of every table wider than its page."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    out = []
    for n, page in enumerate(HTML(string=html).render().pages, start=1):
        box = page._page_box
        right = box.content_box_x() + box.width
        out += [(n, t.position_x + t.margin_width(), right) for t in box.descendants()
                if isinstance(t, boxes.TableBox) and t.position_x + t.margin_width() > right + 0.5]
    return out


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_every_table_of_the_report_fits_the_page(workspace_with_figures, lang: str) -> None:
    from reckon.report.build import render_html

    html = render_html(workspace_with_figures, lang=lang)
    assert "<table" in html and ("артыкул" in html or "статья" in html or "article" in html)
    assert _overflowing_tables(html) == []
