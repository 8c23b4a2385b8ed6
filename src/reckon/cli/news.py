"""CLI commands of the news stage: ``reckon news import|extract|articles`` and ``reckon figures``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.text import Text

from reckon.cli.common import (
    FormatOption,
    WorkspaceOption,
    console,
    emit_rows,
    err_console,
    error_message,
    workspace,
)
from reckon.errors import ConfigError
from reckon.i18n import N_, _, day, label, number, said, said_from

news_app = typer.Typer(help=N_("Articles: import them, extract their facts (figures, sanctions, quotes, people)."),
                       no_args_is_help=True)

DateOption = typer.Option(None, "--date", help=N_("Publication date YYYY-MM-DD (completes 'As of March 4')."))


def _date(value: str | None):
    if value is None:
        return None
    from reckon.dates.text import parse_iso

    parsed = parse_iso(value)
    if parsed is None or len(value.strip()) != 10:
        raise ConfigError.of(N_("%(option)s %(value)r is not a date; write it as YYYY-MM-DD"), option="--date", value=value)
    return parsed


# Days reckon read from articles (a figure's date and "as of", an article's publication): a terminal table
# writes them as the locale does, as the web and this command's own headline do (``cli.common.shown``).
ARTICLE_DAYS = ("date", "as_of", "published")

@news_app.command("import")
def import_cmd(
    paths: list[Path] = typer.Argument(..., help=N_("Files or folders: .txt, .html, RSS/Atom, WARC.")),
    source: str = typer.Option("news", "--source", "-s", help=N_("Source name the articles belong to.")),
    date: str | None = DateOption,
    ws: Path | None = WorkspaceOption,
) -> None:
    """Import articles and their facts; re-importing the same file changes nothing."""
    from reckon.news.service import import_paths

    space = workspace(ws)
    published = _date(date)

    def show(result) -> None:
        if result.status == "error":
            shown = error_message(result.cause)[0] if result.cause is not None else said(result.error or "")
            err_console.print(Text.assemble((label("error"), "red"), f" {shown}"), highlight=False)
        elif result.status == "skipped":
            from reckon.news.readers import SKIP_REASONS

            err_console.print(Text.assemble((label("skipped"), "yellow"),
                                            f" {result.file}: {said_from(result.error or '', SKIP_REASONS)}"),
                              highlight=False)
        elif result.status == "unchanged" and result.already:   # every article already stored: "articles 0 [-]" said nothing
            console.print(Text(_("%(status)s %(file)s: already imported (%(n)s article(s)); nothing changed")
                               % {"status": label(result.status), "file": result.file, "n": number(result.already)}),
                          highlight=False)
        else:
            langs = ",".join(sorted(set(result.languages))) or "-"
            console.print(Text(_("%(status)s %(file)s: articles %(articles)s [%(languages)s], figures %(figures)s, "
                                 "sanctions %(sanctions)s, quotes %(quotes)s, declared political prisoners %(declared)s")
                               % {"status": label(result.status), "file": result.file, "articles": result.articles,
                                  "languages": langs, "figures": result.figures, "sanctions": result.sanctions,
                                  "quotes": result.quotes, "declared": result.declared}), highlight=False)
            if result.unsupported:
                err_console.print(Text(_("unsupported language: %(file)s: %(n)s article(s) stored without facts "
                                         "(reckon reads be, ru, en)") % {"file": result.file, "n": result.unsupported}),
                                  highlight=False)

    report = import_paths(space, paths, source=source, published=published, on_file=show)
    t = report.totals()
    console.print(_("%(files)s file(s): %(imported)s imported, %(unchanged)s unchanged, %(skipped)s skipped (not "
                    "articles), %(errors)s with errors, %(unsupported)s article(s) in unsupported languages")
                  % {k: number(t[k]) for k in ("files", "imported", "unchanged", "skipped", "errors", "unsupported")},
                  highlight=False)
    if t["errors"] and t["errors"] == t["files"] - t["skipped"]:
        raise typer.Exit(1)


@news_app.command("extract")
def extract_cmd(
    file: Path = typer.Argument(..., help=N_("One article file (text or HTML).")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the facts as JSON.")),
    date: str | None = DateOption,
    with_text: bool = typer.Option(False, "--with-text", help=N_("Include the article text spans point into.")),
) -> None:
    """Print what `news import` would store for FILE (no workspace needed)."""
    from reckon.news import extract
    from reckon.news.readers import read_file

    raws = read_file(file)
    published = _date(date)
    results = []
    for raw in raws:
        facts = extract(raw.content, published=published or raw.published, source_hint=raw.url or raw.file_name,
                        title=raw.title, url=raw.url, outlet=raw.outlet)
        results.append(facts.to_dict(with_text=with_text))
    payload = results[0] if len(results) == 1 else results
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for facts in results:
        console.print(Text.assemble((facts["title"] or _("(no title)"), "bold"),
                                    _(" — %(outlet)s, %(published)s, language %(language)s")
                                    % {"outlet": facts["outlet"] or "?",
                                       "published": day(facts["published"]) or _("date unknown"),
                                       "language": facts["language"] or "?"}), highlight=False)
        if not facts["supported"]:
            err_console.print(Text(_("unsupported language: %(language)s: no facts taken (reckon reads be, ru, en)")
                                   % {"language": facts["language"]}), highlight=False)
        emit_rows(facts["figures"], ["value", "qualifier", "category", "reporter", "as_of", "headline"],
                  title=_("figures"), days=ARTICLE_DAYS)
        emit_rows(facts["sanctions"], ["target", "role", "jurisdictions", "date"], title=_("sanctions"),
                  days=ARTICLE_DAYS)
        emit_rows(facts["quotes"], ["speaker", "text"], title=_("quotes"))
        emit_rows(facts["declared_political_prisoners"], ["name", "article", "sentence_text"],
                  title=_("declared political prisoners"))


@news_app.command("articles")
def articles_cmd(fmt=FormatOption, ws: Path | None = WorkspaceOption) -> None:
    """The imported articles with their fact counts."""
    from reckon.news.service import list_articles

    rows = list_articles(workspace(ws))
    emit_rows(rows, ["id", "source", "file", "published", "language", "outlet", "title", "figures", "sanctions",
                     "quotes"], fmt,
              title=_("articles"), days=ARTICLE_DAYS)


def figures_cmd(
    category: str | None = typer.Option(None, "--category", "-c", help=N_("Only this category.")),
    fmt=FormatOption,
    out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write the rows to this file.")),
    plot: Path | None = typer.Option(None, "--plot", help=N_("Also draw the series: SVG, or PNG for a .png name.")),
    ws: Path | None = WorkspaceOption,
) -> None:
    """Reported figures over time by reporter, beside the register's documented count."""
    from reckon.news.model import CATEGORIES
    from reckon.news.service import FIGURE_COLUMNS, SIDE_BY_SIDE_COLUMNS, figure_series, side_by_side

    if category and category not in CATEGORIES:
        raise ConfigError.of(N_("unknown category %(category)r; choose one of %(choices)s"), category=category,
                             choices=", ".join(CATEGORIES))
    rows = figure_series(workspace(ws), category=category)
    if out is None and str(getattr(fmt, "value", fmt)) == "table":
        # a terminal's header says "sentence quoted", never "sentence" (a record's penalty); files keep the key
        # and leaves out what a file keeps for programs (the reporter as written, the title): the outlet and
        # the article's id say where a figure comes from, `reckon news articles` gives the titles
        shown = [{**r, "quoted_sentence": r.get("sentence")} for r in rows]
        emit_rows(shown, [{"sentence": "quoted_sentence"}.get(c, c) for c in FIGURE_COLUMNS
                          if c not in ("reporter_as_written", "title")], fmt,
                  title=_("reported vs documented figures"), days=ARTICLE_DAYS)
    else:
        emit_rows(rows, FIGURE_COLUMNS, fmt, title=_("reported vs documented figures"), out=out)
    if out is None and str(getattr(fmt, "value", fmt)) == "table":
        # the same article figures once more, Belarusian, Russian and English side by side at each date
        emit_rows(side_by_side(rows), SIDE_BY_SIDE_COLUMNS, fmt, title=_("reported figures by language"),
                  days=ARTICLE_DAYS)
    if plot is not None:
        from reckon.news.plots import plot_figures

        if plot.suffix.lower() == ".png":
            plot.write_bytes(plot_figures(rows, category=category, fmt="png"))
        else:
            plot.write_text(plot_figures(rows, category=category), encoding="utf-8")
        err_console.print(_("plot written to %(path)s") % {"path": plot}, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.add_typer(news_app, name="news")
    app.command("figures")(figures_cmd)
