"""CLI of the histories stage: the count of persons on a date, a series over time, and the histories behind them.

    reckon count --as-of 2024-03-04 [--status political_prisoner] [--by region] [--json]
    reckon series --from 2020-08-01 --to 2024-03-04 --step month [--status in_custody] [--format csv]
    reckon histories rebuild [--full]
    reckon histories source viasna --political-prisoners --list-date 2024-03-04
    reckon histories show 12 [--record]

The commands parse options, call :mod:`reckon.histories.service` and print.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from reckon.cli.common import Format, FormatOption, WorkspaceOption, console, emit_rows, workspace
from reckon.errors import ConfigError
from reckon.i18n import N_, _, column, day, label, number


class Status(StrEnum):
    in_custody = "in_custody"
    political_prisoner = "political_prisoner"
    persecuted = "persecuted"
    released = "released"


class By(StrEnum):
    region = "region"
    district = "district"
    article = "article"
    court = "court"
    judge = "judge"
    sex = "sex"
    age_band = "age_band"
    source = "source"


class Step(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError.of(N_("%(option)s %(value)r is not a date; write it as YYYY-MM-DD"), option=option,
                             value=text) from None


def _label(dim: str | None, key: str) -> str:
    from reckon.i18n import current
    from reckon.places import REGIONS, district_label, region_label

    if dim == "region" and key in REGIONS:
        return region_label(key, current())
    if dim == "district" and key != "unknown":
        return district_label(key, current())
    if dim == "article" and key != "unknown":   # the code's key and its short title, where the law has one
        from reckon.law import label as article_title

        title = article_title(key, current())
        return f"{key} {title}" if title else key
    if key == "unknown" or dim in ("sex", "source"):
        return label(key) if dim != "source" or key == "unknown" else key
    return key


_LABELS = {"political_prisoner": N_("political prisoners"), "in_custody": N_("persons in custody"),
           "persecuted": N_("persons persecuted"), "released": N_("persons released")}


def _sentence_text(s: dict | None) -> str | None:
    if not s:
        return None
    term = " ".join(f"{n} {u}" for n, u in ((s.get("years"), "y"), (s.get("months"), "m"), (s.get("days"), "d")) if n)
    fine = f"{s['fine_amount']:g} {s.get('fine_currency') or ''}".strip() if s.get("fine_amount") else ""
    return " ".join(x for x in (s.get("kind"), s.get("regime"), term, fine) if x)


def _when(e: dict) -> str:
    """An event's date as a documenter reads it: as written, the alternatives of a disputed one, or a range."""
    if e["date"]:
        return e["date"]
    if e["alternatives"]:
        return " | ".join(a["date"] for a in e["alternatives"]) + " (disputed)"
    first, last = e["date_first"], e["date_last"]
    if first is None and last is None:
        return ""
    return first if first == last else f"{first or '?'} .. {last or '?'}"


# Keys of an event's details that are no column of a table (the others are said by reckon.i18n.column).
_DETAIL_WORDS = {"by": N_("recognised by"), "link": N_("link"), "place": N_("place"), "how": N_("how"),
                 "dated_by": N_("date taken from")}


def _shown_details(details: dict, fmt: Format) -> dict | str:
    return _details_words(details) if fmt is Format.table else details


def _details_words(details: dict) -> str:
    """An event's details as a terminal reads them: each key and code in words ("kind of case: criminal")."""
    from reckon.i18n import LABELS, said

    parts = []
    for key, value in details.items():
        if key == "corrected" and isinstance(value, dict):   # as the person page says it
            parts.append(_corrected_words(value))
            continue
        if key == "by" and value == "manual":   # not "recognised by: manual corrections"
            parts.append(_("recognition date entered by a documenter"))
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        elif isinstance(value, str):
            value = label(value) if value in LABELS else said(value)
        parts.append(f"{_(_DETAIL_WORDS[key]) if key in _DETAIL_WORDS else column(key)}: {value}")
    return "; ".join(parts)


def _corrected_words(corrected: dict) -> str:
    """"corrected according to record 574; replaces 2022-11-30 (record 506)": the correction's records
    and the dates it replaced, which are kept and not counted."""
    rec = _("record")
    by = ", ".join(f"{rec} {r}" for r in corrected.get("by") or [])
    replaced = ", ".join(f"{r.get('date') or '?'} ({rec} {r.get('record_id')})" for r in corrected.get("replaced") or [])
    return f"{_('corrected')} {_('according to')} {by}" + (f"; {_('replaces')} {replaced}" if replaced else "")


histories_app = typer.Typer(help=N_("Persons' histories: rebuild them, declare political-prisoner lists, show one."),
                            no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""

    @app.command("count")
    def count_cmd(
        as_of: str | None = typer.Option(None, "--as-of", help=N_("The date (YYYY-MM-DD); default today.")),
        status: Status = typer.Option(Status.political_prisoner, "--status", help=N_("Which state to count.")),
        by: By | None = typer.Option(None, "--by", help=N_("Also count per key of this dimension (per person).")),
        as_json: bool = typer.Option(False, "--json", help=N_("Print one JSON object.")),
        ws_path: Path | None = WorkspaceOption,
    ) -> None:
        """How many persons were in a state on a date; those whose state depends on a partial date apart."""
        from reckon.histories.service import count

        ws = workspace(ws_path)
        res = count(ws.database_url, as_of=_date(as_of, "--as-of"), status=status.value,
                    by=by.value if by else None)
        if as_json:
            typer.echo(json.dumps(res.as_dict(), ensure_ascii=False))
            return
        console.print(_("%(status)s as of %(day)s: %(count)s; %(undetermined)s more undetermined (their state that "
                        "day depends on a partial or disputed date)")
                      % {"count": f"[bold]{number(res.count)}[/]", "status": _(_LABELS[res.status]),
                         "day": day(res.as_of), "undetermined": f"[bold]{number(res.undetermined)}[/]"})
        if res.unlinked_records:
            console.print(_("records not linked to a person yet: %(n)s; each counts as a person until you run "
                            "`reckon link`.") % {"n": number(res.unlinked_records)})
        if res.status == "political_prisoner" and not (res.count or res.undetermined):
            console.print((_("A recognition without a date of its own counts from its list's date, which is the day "
                             "of the import until the list's own date is declared: "
                             "`reckon histories source NAME --list-date DATE`.") if res.undated_lists else
                           _("A recognition without a date of its own counts from its list's declared date, not from "
                             "the arrest: nobody listed was recognised on this day."))
                          if res.ever else
                          _("Persons recognised as political prisoners: %(n)s; none of them is held in a criminal "
                            "case on any date the records give, so none is counted: a recognition counts while its "
                            "person is held.") % {"n": number(res.recognised)}
                          if res.recognised else
                          _("Nobody is recognised as a political prisoner on any date: no source is declared a "
                            "political-prisoner list and no recognition is recorded. Declare a list with "
                            "`reckon histories source NAME --list-date DATE`."))
        if by:
            keys = list(res.by) + [k for k in res.undetermined_by if k not in res.by]
            emit_rows(({by.value: _label(by.value, k), "count": res.by.get(k, 0),
                        "undetermined": res.undetermined_by.get(k, 0)} for k in keys),
                      [by.value, "count", "undetermined"], Format.table,
                      empty=_("nobody to count by %(by)s on that date") % {"by": column(by.value)})

    @app.command("series")
    def series_cmd(
        start: str = typer.Option(..., "--from", help=N_("First date (YYYY-MM-DD).")),
        end: str = typer.Option(..., "--to", help=N_("Last date (YYYY-MM-DD).")),
        step: Step = typer.Option(Step.month, "--step", help=N_("day, week, month or year.")),
        status: Status = typer.Option(Status.political_prisoner, "--status", help=N_("Which state to count.")),
        fmt: Format = FormatOption,
        ws_path: Path | None = WorkspaceOption,
    ) -> None:
        """The documented count over time: persons in a state on each date, undetermined apart."""
        from reckon.histories.service import series

        ws = workspace(ws_path)
        rows = series(ws.database_url, start=_date(start, "--from"), end=_date(end, "--to"),  # type: ignore[arg-type]
                      step=step.value, status=status.value)
        emit_rows(rows, ["date", "status", "count", "undetermined"], fmt)

    @histories_app.command("rebuild")
    def rebuild_cmd(
        full: bool = typer.Option(False, "--full", help=N_("Rebuild every person, not only those whose records changed.")),
        ws_path: Path | None = WorkspaceOption,
    ) -> None:
        """Recompute histories from the current records (runs by itself after import and link)."""
        from reckon.services.summary import after_change

        ws = workspace(ws_path)
        rep = after_change(ws.database_url, full=full)   # and the dashboard's numbers
        console.print(_("histories (%(mode)s): %(total)s persons and unlinked records, %(rebuilt)s rebuilt, "
                        "%(removed)s removed in %(seconds)s s")
                      % {"mode": label(rep.mode), "total": number(rep.subjects_total), "rebuilt": number(rep.subjects_rebuilt),
                         "removed": number(rep.subjects_removed), "seconds": number(rep.seconds, 1)})

    @histories_app.command("source")
    def source_cmd(
        name: str = typer.Argument(..., help=N_("The source's name.")),
        political_prisoners: bool = typer.Option(
            True, "--political-prisoners/--not-political-prisoners",
            help=N_("Its people are recognised political prisoners (or not).")),
        list_date: str | None = typer.Option(
            None, "--list-date", help=N_("The list's own date: its people count as recognised from it when no "
                                      "recognition date is given (default: the day it was imported).")),
        ws_path: Path | None = WorkspaceOption,
    ) -> None:
        """Declare what a source is for histories: a political-prisoner list and its date."""
        from reckon.histories.service import set_source
        from reckon.services.summary import after_change

        ws = workspace(ws_path)
        set_source(ws.database_url, name, political_prisoners=political_prisoners, list_date=list_date)
        after_change(ws.database_url, full=True)
        when = list_date or _("the day of each import")
        console.print((_("Source '%(name)s': a political-prisoner list; list date: %(date)s.") if political_prisoners
                       else _("Source '%(name)s': not a political-prisoner list; list date: %(date)s."))
                      % {"name": name, "date": when})

    @histories_app.command("show")
    def show_cmd(
        person_id: int = typer.Argument(..., help=N_("Person id (or record id with --record).")),
        record: bool = typer.Option(False, "--record", help=N_("The id is an unlinked record's.")),
        fmt: Format = FormatOption,
        ws_path: Path | None = WorkspaceOption,
    ) -> None:
        """One person's events in order, with the records they came from; disputed dates flagged."""
        from reckon.histories.service import history

        ws = workspace(ws_path)
        h = history(ws.database_url, person_id, record=record)
        if h is None:
            raise (ConfigError.of(N_("no history for record %(id)s"), id=person_id) if record else
                   ConfigError.of(N_("no history for person %(id)s"), id=person_id))
        rows = [{"date": _when(e),
                 "event": (label(e["kind"]) + " " + _("(derived)") if e["derived"] else label(e["kind"]))
                 if fmt is Format.table else e["kind"] + (" (derived)" if e["derived"] else ""), "case": e["case_no"],
                 "details": _shown_details({k: (e["details"].get("sentence_text") or _sentence_text(v)
                                                if k == "sentence" else v)
                                            for k, v in e["details"].items()
                                            if v and not k.endswith("_key") and k != "sentence_text"}, fmt),
                 "records": e["record_ids"]} for e in h["events"]]
        emit_rows(rows, ["date", "event", "case", "details", "records"], fmt)

    app.add_typer(histories_app, name="histories")
