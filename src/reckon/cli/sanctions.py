"""CLI commands of the sanctions stage: ``reckon sanctions ...``, ``reckon officials``, ``reckon official``,
``reckon export officials``. Each parses options, calls a service in :mod:`reckon.sanctions` and prints."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.text import Text

from reckon.cli.common import WorkspaceOption, console, emit_rows, err_console, export_app, workspace
from reckon.decisions import Decision
from reckon.i18n import N_, _, day, label, number

sanctions_app = typer.Typer(help=N_("Officials and the sanctions against them: import, matrix, gaps, review."),
                            no_args_is_help=True)


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    ftm = "ftm"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    ftm = "ftm"


class InputFormat(StrEnum):
    csv = "csv"
    ftm = "ftm"


class DetailFormat(StrEnum):
    """One official is a nested record (names, positions, sanctions, cases): a table or JSON, no rows to csv."""

    table = "table"
    json = "json"


def _ftm_out(ws, official_ids, out: Path | None) -> int:
    from reckon.sanctions.views import ftm_lines

    handle = io.StringIO() if out else sys.stdout
    count = 0
    for line in ftm_lines(ws, official_ids=official_ids):
        handle.write(line + "\n")
        count += 1
    if out:  # sealed with age when the workspace is encrypted
        from reckon.secure import write_output

        write_output(out, handle.getvalue().encode("utf-8"), ws)  # type: ignore[union-attr]
    return count


@sanctions_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help=N_("FtM JSON lines or a CSV list.")),
    source: str = typer.Option(..., "--source", "-s", help=N_("Name of the list (created if new).")),
    fmt: InputFormat | None = typer.Option(None, "--format", help=N_("csv or ftm (default: detected).")),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", exists=True, dir_okay=False,
                                        help=N_("YAML mapping for a CSV list (columns, defaults).")),
    name_column: list[str] | None = typer.Option(None, "--name-column",
                                                 help=N_("CSV column(s) holding the name (repeatable).")),
    strict: bool = typer.Option(False, "--strict", help=N_("Any bad line aborts the import, with no change.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Import officials and sanctions, then match officials across sources."""
    from reckon.cli.common import drawn_on, progress
    from reckon.sanctions.importer import import_sanctions

    ws = workspace(ws_path)
    with progress() as bar:
        report = import_sanctions(ws, file, source, format=fmt.value if fmt else None, mapping=mapping,
                                  name_columns=name_column or None, strict=strict,
                                  progress=drawn_on(bar, _("storing %(file)s") % {"file": file.name}))
    from reckon.i18n import said_from
    from reckon.sanctions.lines import LINE_MESSAGES

    for issue in report.issues[:100]:   # file, row and the message in the terminal's language
        colour = "red" if issue.level == "error" else "yellow"
        where = _("file %(file)s") % {"file": file.name} + (
            ", " + _("line %(line)s") % {"line": number(issue.line)} if issue.line else "")
        err_console.print(Text.assemble((label(issue.level), colour), f" {where}: "
                                        f"{said_from(issue.message, LINE_MESSAGES)}"), highlight=False, soft_wrap=True)
    if len(report.issues) > 100:
        err_console.print(_("... and %(n)s more (see `reckon quarantine`)") % {"n": number(len(report.issues) - 100)})
    s = report.summary()
    console.print(Text(
        _("%(source)s: read %(read)s listings from %(file)s (%(format)s): %(new)s new, %(changed)s changed, "
          "%(unchanged)s unchanged; %(errors)s bad lines, %(warnings)s warnings")
        % {**s, **{k: number(s[k]) for k in ("read", "new", "changed", "unchanged", "errors", "warnings")}}),
        soft_wrap=True)
    if report.match is not None:
        console.print(_("officials: %(officials)s (merged pairs %(merged)s, pairs to review %(review)s; names "
                        "compared with %(comparer)s)")
                      % {"officials": number(s["officials"]), "merged": number(s["merged_pairs"]),
                         "review": number(s["review_pairs"]), "comparer": s["comparer"]}, soft_wrap=True)


@sanctions_app.command("matrix")
def matrix_cmd(
    jurisdictions: list[str] | None = typer.Option(None, "--jurisdictions", "-j",
                                                   help=N_("Columns to show, e.g. -j EU -j GB or -j EU,GB,US.")),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=N_("How to print the rows.")),
    out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write to this file instead of the screen.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Officials × jurisdictions: listed, ended, reported (news only) or blank."""
    from reckon.sanctions.views import sanctions_matrix

    ws = workspace(ws_path)
    columns, rows = sanctions_matrix(ws, jurisdictions)
    if fmt is ListFormat.ftm:
        _ftm_out(ws, [r["id"] for r in rows if r["listed_by"]], out)
        return
    if fmt is ListFormat.table and out is None:
        mark = {"listed": "●", "ended": "○", "reported": "r", "": ""}
        shown = [{k: (mark.get(v, v) if k not in ("id", "name", "birth_date", "listed_by") else v)
                  for k, v in r.items()} for r in rows]
        emit_rows(shown, columns, "table", title=_("Sanctions matrix (● listed, ○ ended, r reported in news)"))
        return
    emit_rows(rows, columns, fmt.value, out=out)


@sanctions_app.command("gaps")
def gaps_cmd(
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help=N_("ISO code or EU, e.g. GB.")),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=N_("How to print the rows.")),
    out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write to this file instead of the screen.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Officials listed by other jurisdictions but not by JURISDICTION."""
    from reckon.sanctions import vocab
    from reckon.sanctions.views import GAP_COLUMNS, jurisdictions, sanction_gaps

    ws = workspace(ws_path)
    rows = sanction_gaps(ws, jurisdiction)
    code = vocab.jurisdiction(jurisdiction)
    if code not in jurisdictions(ws):  # else every official listed elsewhere would read as a gap of that list
        err_console.print(_("no sanctions list of %(jurisdiction)s is in the register: every official listed "
                            "elsewhere is shown; import its list with `reckon sanctions import`")
                          % {"jurisdiction": code}, highlight=False)
    if fmt is ListFormat.ftm:
        _ftm_out(ws, [r["id"] for r in rows], out)
        return
    n = emit_rows(rows, GAP_COLUMNS, fmt.value, out=out,
                  title=_("Listed elsewhere, not by %(jurisdiction)s") % {"jurisdiction": jurisdiction.upper()})
    if fmt is ListFormat.table and out is None:
        console.print(_("%(n)s officials") % {"n": number(n)})


@sanctions_app.command("review")
def review_cmd(fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=N_("How to print the rows.")),
               ws_path: Path | None = WorkspaceOption) -> None:
    """Pairs of listings that may be one official, waiting for a person's decision."""
    from reckon.sanctions.service import review_queue

    rows = review_queue(workspace(ws_path))
    cols = ["entity_a", "entity_b", "name_a", "name_b", "birth_a", "birth_b", "source_a", "source_b", "score",
            "reason"]
    emit_rows(rows, cols, "table" if fmt is ListFormat.ftm else fmt.value, title=_("Officials to review"),
              empty=_("no pairs of listings wait for a decision"))
    if fmt is ListFormat.table and rows:
        console.print(_("decide with: %(command)s") % {"command": "reckon sanctions decide ENTITY_A ENTITY_B "
                                                                  "same|different|unsure"})


@sanctions_app.command("decide")
def decide_cmd(entity_a: int = typer.Argument(..., help=N_("Id of the first listing.")),
               entity_b: int = typer.Argument(..., help=N_("Id of the second listing.")),
               decision: Decision = typer.Argument(..., help=N_("same, different or unsure")),
               note: str | None = typer.Option(None, "--note", help=N_("Why (kept with the decision).")),
               ws_path: Path | None = WorkspaceOption) -> None:
    """Record a decision on two listings; it wins over the model from now on."""
    from reckon.sanctions.service import decide

    summary = decide(workspace(ws_path), entity_a, entity_b, decision.value, note=note)
    console.print(_("recorded; officials now %(officials)s, pairs to review %(review)s")
                  % {"officials": number(summary.officials), "review": number(summary.review_pairs)})


@sanctions_app.command("rematch")
def rematch_cmd(ws_path: Path | None = WorkspaceOption) -> None:
    """Match officials across sources again (after a change of reckon.names, say)."""
    from reckon.sanctions.matching import rematch
    from reckon.store.db import session_scope

    with session_scope(workspace(ws_path).database_url) as session:
        summary = rematch(session)
    console.print(_("officials %(officials)s, merged pairs %(merged)s, pairs to review %(review)s (%(comparer)s)")
                  % {"officials": number(summary.officials), "merged": number(summary.merged_pairs),
                     "review": number(summary.review_pairs), "comparer": summary.comparer})


@sanctions_app.command("accountability")
def accountability_cmd(
    official_id: int = typer.Argument(..., help=N_("Official id.")),
    kind: str = typer.Option(..., "--kind", help=N_("investigation, prosecution, conviction or none-reported")),
    count: int = typer.Option(1, "--count", help=N_("How many (0 with none-reported).")),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help=N_("ISO code or EU, e.g. GB.")),
    date: str | None = typer.Option(None, "--date", help=N_("Date of the event (YYYY-MM-DD).")),
    description: str | None = typer.Option(None, "--description", help=N_("What happened, in a few words.")),
    source_document: str | None = typer.Option(None, "--source-document",
                                               help=N_("Where it is stated: a document or a link.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Record an accountability event for an official (or that none is reported)."""
    from reckon.sanctions.service import add_accountability_event

    if kind.replace("-", "_") == "none_reported":
        count = 0
    event = add_accountability_event(workspace(ws_path), official_id, kind, count=count,
                                     jurisdiction=jurisdiction, date=date, description=description,
                                     source_document=source_document)
    console.print(_("recorded accountability event %(event)s") % {"event": event})


@sanctions_app.command("link-cases")
def link_cases_cmd(mentions: bool = typer.Option(True, "--mentions/--judges-only",
                                                  help=N_("Also link records whose other fields name an official.")),
                   ws_path: Path | None = WorkspaceOption) -> None:
    """Link register records to the officials their judge (prosecutor, investigator) field names."""
    from reckon.sanctions.service import link_cases

    s = link_cases(workspace(ws_path), mentions=mentions)
    console.print(_("%(records)s records, %(names)s official names read, %(links)s linked (%(new)s new)")
                  % {k: number(s[k]) for k in ("records", "names", "links", "new")})


def officials_cmd(fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=N_("How to print the rows.")),
                  out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write to this file instead of the screen.")),
                  ws_path: Path | None = WorkspaceOption) -> None:
    """One row per official: id, names, birth date, positions, jurisdictions that sanction them."""
    from reckon.sanctions.views import OFFICIAL_COLUMNS, list_officials

    ws = workspace(ws_path)
    if fmt is ListFormat.ftm:
        _ftm_out(ws, None, out)
        return
    emit_rows(list_officials(ws), OFFICIAL_COLUMNS, fmt.value, out=out, title=_("Officials"))


def official_cmd(official_id: int = typer.Argument(..., help=N_("Official id.")),
                 fmt: DetailFormat = typer.Option(DetailFormat.table, "--format", "-f", help=N_("table or json")),
                 ws_path: Path | None = WorkspaceOption) -> None:
    """One official: spellings, positions, cases, sanctions by jurisdiction, accountability."""
    from reckon.sanctions.views import official_detail

    d = official_detail(workspace(ws_path), official_id)
    if fmt is DetailFormat.json:
        typer.echo(json.dumps(d, ensure_ascii=False, default=str, indent=1))
        return
    born = _("born %(date)s") % {"date": day(d["birth_date"])} if d["birth_date"] else ""  # no "born ?"
    console.print(Text.assemble((_("Official %(id)s") % {"id": d["id"]}, "bold"), f": {d['name']}  ", born,
                                f"  {label(d['sex']) if d['sex'] else ''}"), highlight=False)
    emit_rows(d["names"], ["name", "kind", "script", "source"], "table", title=_("Names"))
    emit_rows(d["positions"], ["title", "agency", "country", "start_date", "end_date", "source"], "table",
              title=_("Positions"))
    rows = [s for items in d["sanctions"].values() for s in items]
    emit_rows(rows, ["jurisdiction", "programme", "measure", "listing_date", "end_date", "authority", "reported",
                     "source"], "table", title=_("Sanctions by jurisdiction"))
    emit_rows(d["cases"], ["record_id", "source", "external_id", "role", "value"], "table", title=_("Cases"))
    emit_rows(d["accountability"], ["kind", "count", "jurisdiction", "date", "description"], "table",
              title=_("Accountability"), empty=_("no accountability measures recorded for this official"))


def export_officials_cmd(fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help=N_("How to print the rows.")),
                         out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write to this file instead of the screen.")),
                         ws_path: Path | None = WorkspaceOption) -> None:
    """Export officials as CSV, JSON lines or FtM entities (to standard output unless --out)."""
    from reckon.sanctions.views import OFFICIAL_COLUMNS, list_officials

    ws = workspace(ws_path)
    if fmt is ExportFormat.ftm:
        n = _ftm_out(ws, None, out)
    else:
        n = emit_rows(list_officials(ws), OFFICIAL_COLUMNS, fmt.value, out=out)
    if out:
        err_console.print((_("wrote %(n)s entities to %(file)s") if fmt is ExportFormat.ftm else
                           _("wrote %(n)s officials to %(file)s")) % {"n": number(n), "file": out})


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.add_typer(sanctions_app, name="sanctions")
    app.command("officials")(officials_cmd)
    app.command("official")(official_cmd)
    export_app.command("officials")(export_officials_cmd)
