"""CLI commands of the link stage: link, review, explain, persons, person, export links."""

from __future__ import annotations

import json
import sys
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
    audit_cli,
    console,
    drawn_on,
    emit_rows,
    err_console,
    export_app,
)
from reckon.cli.common import progress as progress_bar
from reckon.cli.common import workspace as find_ws
from reckon.decisions import Decision
from reckon.i18n import N_, _, column, day, decimal, label, number

# One person's records as `reckon person` prints them (the web's person page shows the same records).
PERSON_RECORD_COLUMNS = ["id", "source", "external_id", "version", "full_name", "birth_date", "sex", "region",
                         "detention_date", "articles"]


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def notes_words(note: str) -> str:
    """A training note (stored as English text) in the terminal's language, comparisons named in words."""
    from reckon.i18n import said_from
    from reckon.link.levels import comparison_words, level_words
    from reckon.link.training import NOTES

    return said_from(note, NOTES, words=lambda k, v: comparison_words(v) if k == "comparison" else
                     level_words({"level": v}) if k == "level" else v)


def _shown(field: str, value: Any) -> str:
    """A record's value beside the other's: codes (sex, status) in words, lists joined."""
    if isinstance(value, str) and field in ("sex", "status"):
        return label(value)
    return _fmt_value(value)


def _fmt_value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "—"
    return str(v)


def print_explanation(ex: dict[str, Any]) -> None:
    """Both records side by side, then the waterfall of match weights."""
    a, b = ex["record_a"], ex["record_b"]
    side = Table(title=_("record %(a)s ↔ record %(b)s") % {"a": a["record_id"], "b": b["record_id"]},
                 show_lines=False)
    side.add_column(_("field"))
    side.add_column(f"{a['source']} · {a['external_id']}", overflow="fold")
    side.add_column(f"{b['source']} · {b['external_id']}", overflow="fold")
    for field in ("full_name", "surname", "given_name", "patronymic", "birth_date", "sex", "region",
                  "detention_date", "articles", "person_id"):
        va, vb = a.get(field), b.get(field)
        if va in (None, [], "") and vb in (None, [], ""):
            continue
        side.add_row(label(field), _shown(field, va), _shown(field, vb))
    console.print(side)
    # Here, not at the top: importing reckon.link.* loads the link package (Splink, pandas), which every
    # other command (`reckon names show`, `news extract`) would then pay at start-up.
    from reckon.link.levels import comparison_words, level_words

    wf = Table(title=_("match weights (bits): prior, then each comparison"), show_lines=False)
    for col in ("step", "level", "weight", "running", "bar"):
        wf.add_column(column(col), justify="right" if col in ("weight", "running") else "left")
    def bits(w: float) -> str:   # in the locale's numbers, as the probability below (+10,93 beside 0,9998)
        return decimal(w, 2, signed=True)

    wf.add_row(_("prior"), "", bits(ex["prior"]["weight"]), bits(ex["prior"]["weight"]), "")
    for st in ex["steps"]:
        w = st["weight"]
        bar = ("[green]" + "█" * min(20, round(abs(w))) + "[/]") if w > 0 else ("[red]" + "█" * min(20, round(abs(w))) + "[/]")
        wf.add_row(comparison_words(st["comparison"]), level_words(st), bits(w), bits(st["cumulative"]), bar)
    wf.add_row(_("total"), "", bits(ex["match_weight"]), "", "")
    console.print(wf)
    line = ((_("probability %(p)s (threshold %(threshold)s) → model: linked") if ex["linked_by_model"] else
             _("probability %(p)s (threshold %(threshold)s) → model: not linked"))
            % {"p": decimal(ex["match_probability"], 4), "threshold": decimal(ex["threshold"])})
    if ex.get("decision"):
        d = ex["decision"]
        line += "; " + (_("decision in force: %(decision)s by %(actor)s at %(when)s")
                        % {"decision": label(d["decision"]), "actor": d["actor"], "when": day(d["decided_at"])})
    console.print(line, highlight=False)


def print_diagnostics(res: dict[str, Any]) -> None:
    """What training fell back on, the match-weight histogram, lists overlap, and any collapse warning."""
    for note in res.get("training_notes") or []:
        err_console.print(_("training: %(note)s") % {"note": notes_words(note)}, highlight=False)
    d = res.get("diagnostics") or {}
    if not d:
        return
    hist = "  ".join(f"{k}: {v}" for k, v in d["match_weight_histogram"].items())
    console.print(_("match weights of stored pairs (threshold %(threshold)s bits): %(histogram)s")
                  % {"threshold": decimal(d["threshold_weight"], 1, signed=True), "histogram": hist}, highlight=False)
    line = (_("%(links)s links (%(between)s between lists); %(share)s %% of records belong to a person on several "
              "lists") % {"links": number(d["links"]), "between": number(d["links_between_sources"]),
                          "share": number(100 * d["share_of_records_on_several_lists"], 1)})
    if "easy_pairs" in d:
        line += "; " + (_("%(linked)s of %(easy)s easy pairs (same surname key and birth date, or names and "
                          "detention date, on two lists) linked")
                        % {"linked": number(d["easy_pairs_linked"]), "easy": number(d["easy_pairs"])})
    console.print(line, highlight=False)
    for warning in d.get("warnings", []):
        err_console.print(Text.assemble((_("warning:"), "bold red"), f" {warning}"), highlight=False)


def print_blocking(res: dict[str, Any]) -> None:
    """Every blocking rule counted, whether kept, and the recall of the kept ones on the labelled sample."""
    table = Table(title=_("blocking rules (pairs counted before any join)"))
    for col in ("rule", "purpose", "comparisons", "kept", "note"):
        table.add_column(column(col), justify="right" if col == "comparisons" else "left", overflow="fold")
    for r in res.get("rules") or []:
        table.add_row(r["rule"], r["purpose"], number(r["comparisons"]), _("yes") if r["kept"] else _("no"), r["note"])
    console.print(table)
    b = res.get("blocking") or {}
    if not b.get("labelled_pairs"):
        console.print(_("blocking recall: no labelled pairs (no reviewer's 'same' and no easy pairs)"), highlight=False)
        return
    rec = Table(title=_("recall of the kept prediction rules on %(n)s labelled pairs (reviewers' 'same' and the "
                        "easy pairs)") % {"n": number(b["labelled_pairs"])})
    for col in ("rule", "finds", "new", "cumulative recall"):
        rec.add_column(column(col), justify="left" if col == "rule" else "right")
    for r in b["rules"]:
        rec.add_row(r["rule"], number(r["finds"]), number(r["new"]), decimal(r["cumulative_recall"], 4))
    console.print(rec)
    console.print(_("blocking recall %(recall)s (%(missed)s labelled pairs no rule generates)")
                  % {"recall": decimal(b["recall"], 4), "missed": number(b["missed"])}, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""

    @app.command("link")
    def link_cmd(
        workspace: Path | None = WorkspaceOption,
        engine: Engine = typer.Option(Engine.duckdb, "--engine", help=N_("Where Splink runs: duckdb, or spark (local).")),
        threshold: float | None = typer.Option(None, "--threshold", "-t",
                                               help=N_("Match probability at or above which two records are linked "
                                                    "(default: the last run's, else 0.9).")),
        duplicate_free: list[str] | None = typer.Option(
            None, "--duplicate-free", help=N_("A source with no duplicates inside (repeat, or separate by commas): "
                                           "its records go to different persons (one-to-one links).")),
        seed: int | None = typer.Option(None, "--seed", help=N_("Seed for training (default: the last run's, else 42).")),
        full: bool = typer.Option(False, "--full", help=N_("Train and score everything again, even if a model exists.")),
        rescore: bool = typer.Option(False, "--rescore", help=N_("Score everything again with the last model (no training).")),
        max_pairs: int | None = typer.Option(None, "--max-pairs",
                                             help=N_("Most comparisons blocking may generate (default: from free memory).")),
        json_out: bool = typer.Option(False, "--json", help=N_("Print the run summary as JSON.")),
        explain_blocking: bool = typer.Option(
            False, "--explain-blocking", help=N_("Also print every blocking rule (comparisons, kept or why not) "
                                              "and its recall on the labelled sample.")),
    ) -> None:
        """Link all records into persons (incrementally when a model exists and only new records came)."""
        from reckon.link import run_link

        ws = find_ws(workspace)
        df = None
        if duplicate_free is not None:
            df = [x.strip() for item in duplicate_free for x in item.split(",") if x.strip()]
        with progress_bar() as bar:
            res = run_link(ws, engine=engine.value, threshold=threshold, duplicate_free=df, seed=seed,
                           full=full or rescore, reuse_model=rescore, max_pairs=max_pairs, progress=drawn_on(bar, "linkage"))
        from reckon.services.summary import after_change

        after_change(ws.database_url)   # persons' histories and the dashboard's numbers follow
        if json_out:
            print(json.dumps(res.as_dict(), ensure_ascii=False, default=str))
            return
        console.print(
            _("link run %(run)s (%(mode)s, %(engine)s, names: %(names)s): %(records)s records (%(new)s new), "
              "%(pairs)s pairs scored, %(links)s links at ≥ %(threshold)s, %(persons)s persons (%(several)s with "
              "several records), %(decisions)s review decisions applied, %(seconds)s s")
            % {"run": res.run_id, "mode": label(res.mode), "engine": res.engine, "names": res.names,
               "records": number(res.records), "new": number(res.new_records), "pairs": number(res.pairs_scored),
               "links": number(res.links), "threshold": decimal(res.threshold), "persons": number(res.persons),
               "several": number(res.persons_with_several_records), "decisions": number(res.decisions_applied),
               "seconds": number(res.seconds, 1)}, highlight=False)
        for r in res.rules:
            if not r["kept"] and not explain_blocking:
                err_console.print(_("note: rule %(rule)s (%(purpose)s): %(note)s")
                                  % {"rule": r["rule"], "purpose": r["purpose"], "note": r["note"]}, highlight=False)
        print_diagnostics(res.as_dict())
        if explain_blocking:
            print_blocking(res.as_dict())

    review_app = typer.Typer(help=N_("Review pairs near the threshold; decisions win over the model forever."),
                             invoke_without_command=True)

    @review_app.callback()
    def review_cmd(
        ctx: typer.Context,
        workspace: Path | None = WorkspaceOption,
        list_: bool = typer.Option(False, "--list", help=N_("Print the queue instead of reviewing interactively.")),
        limit: int = typer.Option(50, "--limit", help=N_("How many queue entries to list.")),
        fmt: Format = FormatOption,
        actor: str | None = typer.Option(None, "--actor", help=N_("Who decides (default: the system user).")),
    ) -> None:
        """Review interactively: s = same person, d = different, u = unsure, q = quit."""
        if ctx.invoked_subcommand:
            ctx.obj = {"workspace": workspace}
            return
        from reckon.link import review_queue

        ws = find_ws(workspace)
        if list_:
            rows = [dict(r, match_probability=round(r["match_probability"], 4)) for r in review_queue(ws, limit=limit)]
            emit_rows(rows, ["record_a", "record_b", "match_probability", "kind", "impact", "person_a", "person_b"],
                      fmt, title=_("review queue (most useful first)"))
            return
        decided: list[int] = []
        try:
            _review_loop(ws, actor, decided)
        finally:   # also after Ctrl-C: what was decided is stored, and the numbers follow it
            if decided:   # persons changed: their histories and the dashboard's numbers follow, once
                _after_decisions(ws)

    def _review_loop(ws: Any, actor: str | None, decided: list[int]) -> None:
        """The interactive loop; appends the id of each decision it records to ``decided``."""
        from reckon.link import decide, next_review_item

        skipped: set[tuple[int, int]] = set()
        while True:
            item = next_review_item(ws)
            if item is None or (item["record_a"], item["record_b"]) in skipped:
                console.print(_("nothing (more) to review"))
                return
            console.rule(_("%(kind)s · records a decision changes: %(impact)s")
                         % {"kind": label(item["kind"]), "impact": number(item["impact"])})
            # a pair shown is a read of two persons' data, audited as the web's review page is
            audit_cli(ws, "cli.read", command="reckon review", target_type="record",
                      target_ids=[item["record_a"], item["record_b"]])
            print_explanation(item["explanation"])
            key = _ask(_("same person? [s]ame / [d]ifferent / [u]nsure / [q]uit: "))
            if key == "q":
                return
            choice = {"s": "same", "d": "different", "u": "unsure"}.get(key)
            if choice is None:
                err_console.print(_("keys: s, d, u or q"))
                continue
            note = None
            out = decide(ws, (item["record_a"], item["record_b"]), choice, actor=actor, note=note)
            decided.append(out["decision_id"])
            console.print(_("recorded: %(decision)s (decision %(id)s); persons now %(a)s and %(b)s")
                          % {"decision": label(out["decision"]), "id": out["decision_id"], "a": out["person_a"],
                             "b": out["person_b"]}, highlight=False)

    @review_app.command("decide")
    def decide_cmd(
        ctx: typer.Context,
        record_a: int = typer.Argument(..., help=N_("One record id.")),
        record_b: int = typer.Argument(..., help=N_("The other record id.")),
        decision: Decision = typer.Argument(..., help=N_("same, different or unsure.")),
        note: str | None = typer.Option(None, "--note", help=N_("Why (kept with the decision).")),
        actor: str | None = typer.Option(None, "--actor", help=N_("Who decides (default: the system user).")),
        workspace: Path | None = WorkspaceOption,
    ) -> None:
        """Record a decision on a pair without the interactive loop."""
        from reckon.link import decide

        ws = find_ws(workspace or (ctx.obj or {}).get("workspace"))
        out = decide(ws, (record_a, record_b), decision.value, actor=actor, note=note)
        if not out.get("conflict"):
            _after_decisions(ws)
        console.print(_("recorded: %(decision)s on records %(ra)s and %(rb)s (decision %(id)s); persons now %(a)s "
                        "and %(b)s") % {"decision": label(out["decision"]), "ra": out["record_a"],
                                        "rb": out["record_b"], "id": out["decision_id"], "a": out["person_a"],
                                        "b": out["person_b"]}, highlight=False)

    app.add_typer(review_app, name="review")

    @app.command("explain")
    def explain_cmd(
        record_a: int = typer.Argument(..., help=N_("One record id.")),
        record_b: int = typer.Argument(..., help=N_("The other record id.")),
        workspace: Path | None = WorkspaceOption,
        json_out: bool = typer.Option(False, "--json", help=N_("Print the waterfall as JSON.")),
    ) -> None:
        """The waterfall of match weights: why the model links (or not) two records."""
        from reckon.link import explain

        ws = find_ws(workspace)
        ex = explain(ws, record_a, record_b)
        audit_cli(ws, "cli.read", command="reckon explain", target_type="record", target_ids=[record_a, record_b])
        if json_out:
            print(json.dumps(ex, ensure_ascii=False, default=str, indent=1))
        else:
            print_explanation(ex)

    @app.command("persons")
    def persons_cmd(
        workspace: Path | None = WorkspaceOption,
        fmt: Format = FormatOption,
        min_records: int = typer.Option(1, "--min-records", help=N_("Only persons with at least this many records.")),
        limit: int | None = typer.Option(None, "--limit", help=N_("At most this many persons.")),
    ) -> None:
        """Persons found by linkage, largest first, with their sources and spellings."""
        from reckon.link import PERSON_COLUMNS, persons

        rows = persons(find_ws(workspace), min_records=min_records, limit=limit)
        emit_rows(rows, PERSON_COLUMNS, fmt, title=_("persons"))

    @app.command("person")
    def person_cmd(
        person_id: int = typer.Argument(..., help=N_("Person id.")),
        workspace: Path | None = WorkspaceOption,
        fmt: Format = FormatOption,
        set_: list[str] | None = typer.Option(
            None, "--set", help=N_("Correct a field: FIELD=VALUE (repeat for several; one correction record of "
                                "the 'manual' source, imported records are never changed).")),
        add_event: tuple[str, str] | None = typer.Option(
            None, "--add-event", help=N_("Add an event: KIND DATE (detention, verdict, appeal, recognition, "
                                              "release, death), stored like --set.")),
        note: str | None = typer.Option(None, "--note", help=N_("Why the correction (kept with it).")),
        actor: str | None = typer.Option(None, "--actor", help=N_("Who corrects (default: the system user).")),
    ) -> None:
        """One person: all records, all spellings, which source said what; --set corrects a field."""
        from reckon.services.persons import person

        ws = find_ws(workspace)
        event = add_event if add_event and add_event[0] else None
        if set_ or event:
            from reckon.errors import ConfigError
            from reckon.histories.corrections import correct, event_assignments, parse_assignments

            values = parse_assignments(set_ or [])
            for field, value in (event_assignments(*event) if event else {}).items():
                if field in values:
                    raise ConfigError.of(N_("--add-event and --set both give %(field)r"), field=field)
                values[field] = value
            done = correct(ws, person_id, values, note=note, actor=actor)
            _after_decisions(ws)
            err_console.print(_("correction stored as record %(record)s of source 'manual' (%(fields)s), pinned to "
                                "record %(anchor)s") % {"record": done["record_id"], "fields": ", ".join(done["fields"]),
                                                        "anchor": done["anchor_record"]}, highlight=False)
        elif note:
            raise typer.BadParameter("--note goes with --set or --add-event")
        p = person(ws, person_id)
        if fmt is not Format.table:
            if fmt is Format.jsonl:
                print(json.dumps(p, ensure_ascii=False, default=str))
            else:
                emit_rows(p["records"], PERSON_RECORD_COLUMNS, fmt)
            return
        console.print(f"[bold]{_('person %(id)s') % {'id': p['id']}}[/]: {p['display_name']}", highlight=False)
        emit_rows(p["records"], PERSON_RECORD_COLUMNS, fmt, title=_("records"))
        console.print(_("spellings: %(spellings)s") % {"spellings": "; ".join(p["spellings"])}, highlight=False)
        said = Table(title=_("which source said what"))
        said.add_column(_("field"))
        said.add_column(_("value"), overflow="fold")
        said.add_column(_("sources"))
        for field, values in p["fields"].items():
            for v in values:
                said.add_row(Text(label(field)), Text(_shown(field, v["value"])), Text(", ".join(v["sources"])))
        console.print(said)

    @export_app.command("links")
    def export_links_cmd(
        workspace: Path | None = WorkspaceOption,
        fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help=N_("csv or jsonl.")),
        out: Path | None = typer.Option(None, "--out", "-o", help=N_("Write here instead of standard output.")),
    ) -> None:
        """Links as rows: source, external_id, record_id, person_id, cluster_size."""
        from reckon.link import LINK_COLUMNS, export_links

        n = emit_rows(export_links(find_ws(workspace)), LINK_COLUMNS, Format(fmt.value), out=out)
        if out:
            err_console.print(_("%(n)s rows written to %(file)s") % {"n": number(n), "file": out})


def _after_decisions(ws: Any) -> None:
    """After review decisions or a correction from the command line: the one after-write step (persons'
    histories, then the dashboard's summary), as the web app and a link run do, so that the next page view
    finds the numbers current instead of computing them (seconds at a million records)."""
    from reckon.services.summary import after_change

    after_change(ws.database_url)


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        import click

        console.print(prompt, end="")
        key = click.getchar()
        console.print(key)
        return key.strip().lower()[:1]
    line = input(prompt)
    return line.strip().lower()[:1]
