"""Importing articles into a workspace (SQLite and PostgreSQL), bad files, the figures view and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from reckon.news import demo_article, import_demo
from reckon.news.service import figure_series, import_paths, import_text, list_articles, side_by_side
from reckon.store.db import session_scope
from reckon.store.models import ImportBatch, Record, Source
from reckon.store.news import NewsArticle, NewsFigure, NewsQuote, NewsSanctionStatement


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "demo_2031-06-03.txt").write_text(demo_article(), encoding="utf-8")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 10)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    # what an evaluation folder carries beside its articles: never imported as articles
    (folder / "README.md").write_text("# Articles\n\nThe keys are in key.json; these are made-up articles.\n",
                                      encoding="utf-8")
    (folder / "key.json").write_text('[{"file": "demo_2031-06-03.txt", "figures": []}]', encoding="utf-8")
    (folder / "key_ru_be.json").write_text("[]", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"a " * (5 * 1024 * 1024 + 10))
    (folder / "latin1.txt").write_bytes(
        "Police detained 25 people in Hrodna on Sunday, human rights defenders said. Café.".encode("cp1252"))
    (folder / "strange.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 50)
    return folder


def test_import_folder_idempotent_with_bad_files(workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    report = import_paths(workspace, [folder], source="news")
    by_file = {f.file: f for f in report.files}
    assert by_file["demo_2031-06-03.txt"].status == "imported"
    assert by_file["latin1.txt"].status == "imported"
    for bad in ("binary.txt", "empty.txt", "broken.html", "huge.txt", "strange.txt"):
        assert by_file[bad].status == "error", bad
        assert bad in by_file[bad].error
    # files that are not articles are skipped, each with the reason, and counted apart from errors
    for other, why in (("README.md", "README"), ("key.json", ".json"), ("key_ru_be.json", ".json"),
                       ("binary.bin", ".bin")):
        assert by_file[other].status == "skipped", other
        assert why in by_file[other].error
    assert report.totals()["skipped"] == 4 and report.totals()["errors"] == 5
    assert "empty" in by_file["empty.txt"].error
    assert "MB" in by_file["huge.txt"].error
    demo = by_file["demo_2031-06-03.txt"]
    assert demo.declared == 7 and demo.figures >= 6 and demo.sanctions == 2 and demo.quotes == 1

    with session_scope(workspace.database_url) as session:
        art = session.scalar(select(NewsArticle).where(NewsArticle.file_name == "demo_2031-06-03.txt"))
        assert art.published == "2031-06-03"  # from the file name
        assert art.outlet == "Demo Herald"
        fig = session.scalar(select(NewsFigure).where(NewsFigure.article_id == art.id, NewsFigure.value == 1512))
        assert art.text[fig.start:fig.end] == "1,512" and fig.as_of == "2031-06-03"
        women = session.scalar(select(NewsFigure).where(NewsFigure.value == 171))
        assert women.parent_id == fig.id
        st = session.scalars(select(NewsSanctionStatement).where(NewsSanctionStatement.article_id == art.id)).all()
        assert sorted(tuple(s.jurisdictions) for s in st) == [("CA", "EU", "GB"), ("LT", "PL")]
        assert session.scalar(select(NewsQuote.speaker)) == "Lavon Kazłoŭski"
        records = session.scalars(select(Record).join(Source).where(Source.name == "news")
                                  .order_by(Record.row_number)).all()
        assert [r.full_name for r in records][:2] == ["Ales Zmitrovič", "Hryhor Pałujan"]
        first = records[0]
        assert first.file_name == "demo_2031-06-03.txt" and first.row_number == 0
        assert first.raw["name"] == "Ales Zmitrovič" and first.raw["article"] == "Article 342 of the Criminal Code"
        assert first.articles == ["Article 342 of the Criminal Code"]
        assert first.sentence == "three years' imprisonment"
        assert session.scalar(select(Source.kind).where(Source.name == "news")) == "news"
        counts = (session.scalar(select(func.count(NewsArticle.id))), session.scalar(select(func.count(Record.id))),
                  session.scalar(select(func.count(ImportBatch.id))))

    again = import_paths(workspace, [folder], source="news")
    assert {f.file: f.status for f in again.files}["demo_2031-06-03.txt"] == "unchanged"
    with session_scope(workspace.database_url) as session:
        assert (session.scalar(select(func.count(NewsArticle.id))), session.scalar(select(func.count(Record.id))),
                session.scalar(select(func.count(ImportBatch.id)))) == counts


def test_figures_view_and_plot(sqlite_workspace) -> None:
    import_text(sqlite_workspace, demo_article(), file_name="demo.txt", published="2031-06-03")
    rows = figure_series(sqlite_workspace, category="political_prisoners")
    reported = [r for r in rows if r["kind"] in ("reported", "estimated")]
    assert {(r["value"], r["kind"], r["reporter"]) for r in reported} == {
        (1512, "reported", "Human rights defenders"), (4800, "estimated", "Opposition sources")}
    assert {r["reporter_as_written"] for r in reported} == {"human rights defenders", "Opposition sources"}
    assert all(r["date"] == "2031-06-03" for r in reported)
    from reckon.news.plots import plot_figures

    svg = plot_figures(rows, category="political_prisoners")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Opposition sources" in svg
    assert list_articles(sqlite_workspace)[0]["figures"] >= 6
    assert list_articles(sqlite_workspace)[0]["language"] == "en"


def test_language_is_stored_and_figures_stand_side_by_side(sqlite_workspace) -> None:
    """Each article keeps its language; the same count in three languages lines up on one row."""
    import_text(sqlite_workspace, "На 5 мая 2031 года праваабаронцы налічылі 1612 палітвязняў у краіне Зімы.",
                file_name="be.txt", published="2031-05-05")
    import_text(sqlite_workspace, "По состоянию на 5 мая 2031 года правозащитники насчитали 1612 политзаключённых.",
                file_name="ru.txt", published="2031-05-05")
    import_text(sqlite_workspace, "As of May 5, 2031, human rights defenders counted at least 1,612 political "
                "prisoners.", file_name="en.txt", published="2031-05-05")
    assert sorted(a["language"] for a in list_articles(sqlite_workspace)) == ["be", "en", "ru"]
    rows = figure_series(sqlite_workspace, category="political_prisoners")
    assert sorted(r["language"] for r in rows if r["article_id"]) == ["be", "en", "ru"]
    table = side_by_side(rows)
    assert table == [{"category": "political_prisoners", "date": "2031-05-05", "be": "1,612", "ru": "1,612",
                      "en": "≥1,612", "other": ""}]

    # the dashboard shows the same table, rendered by the web app's own template
    from reckon.services import dashboard
    from reckon.services.dashboard import invalidate
    from reckon.store.db import session_scope as scope
    from reckon.web.deps import templates

    invalidate()
    with scope(sqlite_workspace.database_url) as s:
        view = dashboard.build(sqlite_workspace, s)
    assert view["figures_by_language"] == table
    page = templates.get_template("dashboard.html").render(view=view, jobs=[], request=None, user=None)
    assert "By language of the article" in page and "≥1,612" in page


def test_demo_import(sqlite_workspace) -> None:
    results = import_demo(sqlite_workspace)
    assert results[0].status == "imported" and results[0].declared == 7
    again = import_demo(sqlite_workspace)
    assert again[0].status == "unchanged"


def test_cli_import_figures_and_extract(sqlite_workspace, tmp_path: Path) -> None:
    from reckon.cli import _build

    app = _build()
    runner = CliRunner()
    folder = _folder(tmp_path)
    ws = str(sqlite_workspace.root)
    result = runner.invoke(app, ["news", "import", str(folder), "--workspace", ws, "--date", "2031-06-03"])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output and "binary.bin" in result.output
    out = tmp_path / "figures.csv"
    result = runner.invoke(app, ["figures", "--workspace", ws, "--category", "political_prisoners", "--format", "csv",
                                 "--out", str(out), "--plot", str(tmp_path / "f.svg")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["value"] for r in rows} >= {"1512", "4800"}
    assert (tmp_path / "f.svg").read_text(encoding="utf-8").count("<svg") == 1
    result = runner.invoke(app, ["figures", "--workspace", ws, "--category", "nonsense"])
    assert result.exit_code != 0
    # extract needs no workspace
    article = folder / "demo_2031-06-03.txt"
    result = runner.invoke(app, ["news", "extract", str(article), "--json", "--date", "2031-06-03"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"published", "title", "outlet", "figures", "sanctions", "quotes",
                         "declared_political_prisoners", "persons"}
    assert data["published"] == "2031-06-03"
    result = runner.invoke(app, ["news", "extract", str(article), "--json", "--date", "03/06/2031"])
    assert result.exit_code != 0


def test_statements_reach_the_sanctions_stage(sqlite_workspace) -> None:
    from reckon.store import sanctions as store

    import_text(sqlite_workspace, demo_article(), file_name="demo.txt", published="2031-06-03")
    with session_scope(sqlite_workspace.database_url) as session:
        rows = session.scalars(select(store.Sanction).where(store.Sanction.reported.is_(True))).all()
        assert sorted(r.jurisdiction for r in rows) == ["CA", "EU", "GB", "LT", "PL"]
        assert {r.target_name for r in rows} == {"Piatro Hrebień"}
