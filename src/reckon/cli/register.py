"""CLI commands of the register stage: init, import, sources, imports, records, quarantine, export records, demo.

Commands only parse options, call the service functions in :mod:`reckon.ingest` and print; the web
app calls the same functions.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from reckon.cli.common import (
    Format,
    FormatOption,
    WorkspaceOption,
    console,
    emit_rows,
    err_console,
    export_app,
    progress,
    workspace,
)
from reckon.i18n import N_, _, label, number, said


class Kind(StrEnum):
    list = "list"
    news = "news"
    court = "court"
    other = "other"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


TABLE_RECORD_COLUMNS = ["source", "row", "external_id", "full_name", "sex", "birth_date", "detention_date",
                        "status", "articles"]


def init(
    directory: Path = typer.Argument(Path("."), help=N_("Folder for the workspace (created if missing).")),
    database_url: str | None = typer.Option(
        None, "--database-url", envvar="RECKON_DATABASE_URL",
        help=N_("Use this database (e.g. postgresql://user@host/db) instead of the embedded SQLite file.")),
    encrypt: bool = typer.Option(False, "--encrypt", help=N_("Encrypt the SQLite database with a passphrase "
                                 "(asked, or RECKON_PASSPHRASE); see docs/security.md.")),
) -> None:
    """Create a workspace: reckon.toml and its database (SQLite by default), at the latest schema."""
    from reckon.config import init_workspace

    ws = init_workspace(directory, database_url=database_url, encrypt=encrypt)
    where = (_("encrypted SQLite") if ws.encrypted else _("embedded SQLite") if ws.database_url.startswith("sqlite")
             else _("the configured database"))
    console.print(_("workspace ready in %(folder)s (%(where)s)") % {"folder": f"[bold]{ws.root}[/]", "where": where})


def import_(
    file: Path = typer.Argument(..., help=N_("CSV/TSV, XLSX, XLS (Excel 97-2003), JSON or NDJSON list file.")),
    source: str = typer.Option(..., "--source", "-s", help=N_("Name of the source (list) the file belongs to.")),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", help=N_("YAML mapping file (columns -> fields).")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("Show the mapping, the first rows and what would "
                                 "change in the register; write nothing.")),
    strict: bool = typer.Option(False, "--strict", help=N_("Abort with no change if any row cannot be mapped.")),
    organisation: str | None = typer.Option(None, "--organisation", help=N_("Who keeps the source.")),
    kind: Kind | None = typer.Option(None, "--kind", help=N_("What the source is (new sources: list).")),
    description: str | None = typer.Option(None, "--description", help=N_("A line about the source.")),
    encoding: str | None = typer.Option(None, "--encoding", help=N_("Text encoding (default: detected).")),
    delimiter: str | None = typer.Option(None, "--delimiter", help=N_("CSV delimiter (default: detected).")),
    sheet: str | None = typer.Option(None, "--sheet", help=N_("XLSX/XLS sheet (default: the first).")),
    json_key: str | None = typer.Option(None, "--json-key", help=N_("JSON key holding the array of rows.")),
    rows: int = typer.Option(10, "--rows", help=N_("Rows to show in a dry run.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Import a list file into a source, with provenance; rows that cannot be mapped go to quarantine."""
    from reckon.ingest.service import import_file

    common: dict[str, Any] = dict(mapping=mapping, strict=strict, encoding=encoding, delimiter=delimiter,
                                  sheet=sheet, json_key=json_key)
    if dry_run:
        ws = _dry_run_workspace(ws_path)
        report = import_file(ws, file, source, dry_run=True, preview_rows=rows, **common)  # type: ignore[arg-type]
        _print_dry_run(report, compared=ws is not None)
        return
    ws = workspace(ws_path)
    with progress() as bar:
        # The bar appears with the first batch, so a file that cannot be opened prints only its error.
        task: list[Any] = []

        def on_progress(done: int, total: int | None = None, message: str = "") -> None:
            # bytes read of the file's bytes; the message counts the rows read so far
            size = max(total or 0, 1)
            if not task:
                task.append(bar.add_task(_("importing %(file)s") % {"file": file.name}, total=size))
            bar.update(task[0], completed=done, total=size,
                       description=_("importing %(file)s: %(progress)s") % {"file": file.name, "progress": said(message)})

        def on_wait(message: str) -> None:
            from reckon.said_errors import waiting

            err_console.print(_("%(message)s (another writer holds the workspace) ...") % {"message": waiting(message)},
                              highlight=False)

        report = import_file(ws, file, source, organisation=organisation, kind=kind.value if kind else None,
                             description=description, progress=on_progress, on_wait=on_wait, **common)
    _print_summary(report)
    from reckon.services.summary import after_change

    after_change(ws.database_url)   # persons' histories and the dashboard's numbers follow


def _print_mapping(report: Any) -> None:
    origin = report.mapping.origin   # "inferred", or the mapping file's name
    table = Table(title=_("mapping (%(origin)s)") % {"origin": _("inferred from the headers") if origin == "inferred"
                                                      else origin})
    table.add_column(_("column"))
    table.add_column(_("field"))
    for col, target in report.mapping.columns.items():
        words = label(target)   # the field in words, its key beside it for a mapping file
        table.add_row(Text(col), Text(_("kept in raw only"), style="dim") if target == "ignore" else
                      (Text.assemble(words, (f" ({target})", "dim")) if words != target else Text(target)))
    console.print(table)
    _print_mapping_notes(report.mapping.notes)


def _print_mapping_notes(notes: list[str]) -> None:
    """What inference left out of the mapping (a column whose values do not parse, no name column), in the
    terminal's language: said by the dry run and by the import itself, which otherwise reads a column of
    bad dates into the raw row only without a word."""
    from reckon.said_errors import reason as said_reason

    for note in notes:
        console.print(Text.assemble((_("note:"), "yellow"), f" {said_reason(note)}"), highlight=False)


def _dry_run_workspace(ws_path: Path | None) -> Any:
    """The workspace a dry run compares with: the named one (an error if it is not one), else the one
    found as for other commands, else None, so a file can be checked before any workspace exists."""
    from reckon.errors import WorkspaceError

    if ws_path is not None:
        return workspace(ws_path)
    try:
        return workspace(None)
    except WorkspaceError:
        return None


def _print_dry_run(report: Any, *, compared: bool) -> None:
    enc = ", " + _("encoding %(encoding)s") % {"encoding": report.encoding} if report.encoding else ""
    delim = ", " + _("delimiter %(delimiter)r") % {"delimiter": report.delimiter} if report.delimiter else ""
    nothing = _("nothing written")
    console.print(Text.assemble((_("dry run"), "bold"), f" {report.file}: {report.format}{enc}{delim}; {nothing}"))
    _print_encoding_note(report.encoding_note)
    _print_warnings(report.warned, report.warnings)
    _print_mapping(report)
    if report.preview:
        cols = ["row", "identity"] + sorted({k for p in report.preview for k in p} - {"row", "identity"},
                                             key=_field_order)
        emit_rows(report.preview, cols, Format.table, title=_("first rows as they would be stored"))
    if report.problems:
        emit_rows(report.problems[:20], ["file", "row", "field", "reason"], Format.table,
                  title=_("rows that would go to quarantine"))
        _print_reasons(report)
    if not compared:
        console.print(_("%(read)s rows read: %(new)s would be stored, %(quarantined)s would be quarantined (no "
                        "workspace: not compared with the register)")
                      % {"read": number(report.rows_read), "new": number(report.new),
                         "quarantined": number(report.quarantined)}, highlight=False)
        return
    if report.already_imported:
        console.print(_("%(file)s is the latest import into %(source)r (import %(id)s, same sha256 and mapping): "
                        "importing it would change nothing")
                      % {"file": report.file, "source": report.source, "id": report.import_id}, highlight=False)
    console.print(
        _("%(read)s rows read; importing into %(source)r: %(new)s new, %(changed)s changed (new version), "
          "%(unchanged)s unchanged, %(quarantined)s would be quarantined")
        % {"read": number(report.rows_read), "source": report.source, "new": f"[green]{number(report.new)}[/]",
           "changed": number(report.changed), "unchanged": number(report.unchanged),
           "quarantined": f"[yellow]{number(report.quarantined)}[/]"}, highlight=False)
    if report.not_in_file:
        console.print(_("%(n)s current records of this source are not in this file (they would be kept as they "
                        "are)") % {"n": number(report.not_in_file)}, highlight=False)


def _field_order(name: str) -> int:
    from reckon.ingest.mapper import RECORD_FIELDS

    return RECORD_FIELDS.index(name) if name in RECORD_FIELDS else len(RECORD_FIELDS)


def _print_summary(report: Any) -> None:
    if report.already_imported:
        console.print(_("%(file)s was already imported into %(source)r (import %(id)s, same sha256 and mapping): "
                        "nothing changed") % {"file": report.file, "source": report.source, "id": report.import_id},
                      highlight=False)
        return
    console.print(
        _("imported %(file)s into %(source)r (import %(id)s): %(read)s rows read, %(new)s new, %(changed)s "
          "changed, %(unchanged)s unchanged, %(quarantined)s quarantined in %(seconds)s s")
        % {"file": report.file, "source": report.source, "id": report.import_id, "read": number(report.rows_read),
           "new": f"[green]{number(report.new)}[/]", "changed": number(report.changed),
           "unchanged": number(report.unchanged), "quarantined": f"[yellow]{number(report.quarantined)}[/]",
           "seconds": number(report.seconds, 1)}, highlight=False)
    _print_encoding_note(report.encoding_note)
    _print_mapping_notes(report.mapping.notes)
    _print_warnings(report.warned, report.warnings)
    if report.not_in_file:
        console.print(_("%(n)s current records of this source are not in this file (kept as they are)")
                      % {"n": number(report.not_in_file)}, highlight=False)
    if report.quarantine_known:
        console.print(_("%(n)s of the quarantined rows were already in quarantine from an earlier import of this "
                        "source (not added again)") % {"n": number(report.quarantine_known)}, highlight=False)
    if report.quarantined:
        _print_reasons(report)
        err_console.print(_("see them with: %(command)s") % {"command": f"reckon quarantine --source {report.source!r}"},
                          highlight=False)
    if report.rows_read and not report.new and not report.changed and not report.quarantined:
        console.print(_("nothing changed: every row is already in the register"))


def _print_encoding_note(note: str | None, to: Any = err_console) -> None:
    from reckon.said_errors import reason as said_reason

    if note:
        to.print(Text.assemble((_("encoding:"), "yellow"), f" {said_reason(note)}"), highlight=False)


def _print_warnings(warned: int, warnings: list[dict[str, Any]]) -> None:
    """Rows stored although the reader had to complete them (file, row, reason: no values)."""
    if warned:
        emit_rows(warnings[:20], ["file", "row", "reason"], Format.table,
                  title=_("rows stored with a warning: %(n)s") % {"n": number(warned)})


def _print_reasons(report: Any) -> None:
    """The commonest quarantine reasons with their counts (columns and reasons only, no values)."""
    from reckon.ingest.storable import safe_raw
    from reckon.said_errors import reason as said_reason

    for (column, reason), n in report.reasons.most_common(5):
        where = _("column %(column)r: ") % {"column": safe_raw(column)} if column else ""
        console.print(f"   {number(n)} × {where}{said_reason(reason)}", highlight=False)


def sources(fmt: Format = FormatOption, ws_path: Path | None = WorkspaceOption) -> None:
    """List the sources with their record, quarantine and import counts."""
    from reckon.ingest.records import SOURCE_COLUMNS, list_sources

    emit_rows(list_sources(workspace(ws_path)), SOURCE_COLUMNS, fmt, title=_("sources"))


def imports(
    source: str | None = typer.Option(None, "--source", "-s", help=N_("Only this source.")),
    fmt: Format = FormatOption,
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """List the imports, newest first, with their counts and what each warned of: the rows stored with a
    warning (file, row, reason) and a guessed encoding (in full with --format csv or jsonl)."""
    from reckon.ingest.records import IMPORT_COLUMNS, list_imports

    rows = list_imports(workspace(ws_path), source)
    if fmt is not Format.table:
        emit_rows(rows, [*IMPORT_COLUMNS, "encoding", "warnings"], fmt)
        return
    emit_rows(rows, IMPORT_COLUMNS, fmt, title=_("imports"), empty=_("No imports yet."))
    for row in rows:
        if row["warned"] or row["encoding"]:
            console.print(Text.assemble((_("Import #%(id)s") % {"id": row["import_id"]}, "bold"), f": {row['file']}"))
            _print_encoding_note(row["encoding"], console)
            _print_warnings(row["warned"], row["warnings"])


def records(
    source: str | None = typer.Option(None, "--source", "-s", help=N_("Only this source.")),
    limit: int = typer.Option(50, "--limit", "-n", help=N_("At most this many records (0: all).")),
    fmt: Format = FormatOption,
    raw: bool = typer.Option(False, "--raw", help=N_("Add the row as the source wrote it (JSON) and extra.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """List current records with their provenance (source, row, the source's own id)."""
    # --raw: in csv and jsonl also extra (a recognition's date) and the row as written, as `export records --raw`
    from reckon.ingest.records import RAW_COLUMNS, RECORD_COLUMNS, iter_records

    rows = iter_records(workspace(ws_path), source, limit or None)
    columns = TABLE_RECORD_COLUMNS if fmt is Format.table else RECORD_COLUMNS + (RAW_COLUMNS if raw else [])
    emit_rows(rows, columns, fmt, title=_("records"))


def quarantine(
    source: str | None = typer.Option(None, "--source", "-s", help=N_("Only this source.")),
    raw: bool = typer.Option(False, "--raw", help=N_("Add the whole row as the source wrote it (JSON).")),
    fmt: Format = FormatOption,
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """List quarantined rows: file, row, field and reason (the rows are kept whole; --raw shows them)."""
    from reckon.ingest.records import QUARANTINE_COLUMNS, list_quarantine

    columns = QUARANTINE_COLUMNS + (["raw"] if raw else [])
    emit_rows(list_quarantine(workspace(ws_path), source), columns, fmt, title=_("quarantine"),
              empty=_("nothing in quarantine: every row read so far was stored"))


def export_records(
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help=N_("csv or jsonl.")),
    out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write here instead of standard output.")),
    source: str | None = typer.Option(None, "--source", "-s", help=N_("Only this source.")),
    raw: bool = typer.Option(False, "--raw", help=N_("Add the row as the source wrote it (JSON) and extra.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Export current records (UTF-8) with provenance: source, file, row and the source's own id."""
    from reckon.ingest.records import EXPORT_COLUMNS, RAW_COLUMNS, iter_export_records

    columns = EXPORT_COLUMNS + (RAW_COLUMNS if raw else [])
    n = emit_rows(iter_export_records(workspace(ws_path), source), columns, fmt.value, out=out)
    if out:
        err_console.print(_("%(n)s records written to %(file)s") % {"n": number(n), "file": out})


def demo(
    directory: Path | None = typer.Argument(None, help=N_("Workspace folder (default: a temporary folder).")),
    seed: int = typer.Option(7, "--seed", help=N_("Seed of the synthetic world.")),
) -> None:
    """Run the whole pipeline on a synthetic world: workspace, lists, import, what the register holds."""
    from reckon.cli.common import show_demo
    from reckon.demo import run_demo

    run_demo(directory, seed=seed, show=show_demo)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.command("init")(init)
    app.command("import")(import_)
    app.command("sources")(sources)
    app.command("imports")(imports)
    app.command("records")(records)
    app.command("quarantine")(quarantine)
    app.command("demo")(demo)
    export_app.command("records")(export_records)
