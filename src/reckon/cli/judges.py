"""CLI commands of judges and courts: ``reckon judges [NAME]`` and ``reckon courts [NAME]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.text import Text

from reckon.cli.common import Format, FormatOption, WorkspaceOption, console, emit_rows
from reckon.cli.common import workspace as find_ws
from reckon.i18n import N_, _, current, day, label, number
from reckon.places import district_label, region_label

# What fits a terminal; --format csv|jsonl gives every column.
JUDGE_TABLE = ["judge", "cases", "persons", "imprisonment_years", "arrest_days", "fines", "courts", "sanctioned_by"]
COURT_TABLE = ["court", "district", "region", "cases", "persons", "imprisonment_years", "arrest_days", "fines"]
CASE_COLUMNS = ["date", "person_id", "record_id", "case_kind", "court", "judge", "sentence", "disputed"]


def _find(rows: list[dict[str, Any]], name: str, field: str) -> str:
    """The key of the row whose key or one of whose spellings is ``name`` (case-insensitive)."""
    from reckon.errors import InputError
    from reckon.histories.derive import text_key

    want = text_key(name).lower()
    for r in rows:
        if want in {r["key"].lower(), *(s.lower() for s in r.get("spellings", [r[field]]))}:
            return r["key"]
    raise (InputError.of(N_("no judge with that name in any verdict; `reckon judges` lists them")) if field == "judge"
           else InputError.of(N_("no court with that name in any verdict; `reckon courts` lists them")))


def _fines(fines: dict[str, float]) -> str:
    """Fines per currency as a terminal shows them: the locale's numbers, base units ("BV") in words;
    csv and jsonl keep ``table_row``'s plain text for programs."""
    return ", ".join(f"{number(v, 2 if v % 1 else 0)} {label(k)}" for k, v in fines.items())


def _detail(d: dict[str, Any], field: str, fmt: Format) -> None:
    if fmt is not Format.table:
        emit_rows(d["verdicts"], CASE_COLUMNS, fmt)
        return
    console.print(Text.assemble((d[field], "bold"), ": ")
                  + _("cases: %(cases)s (criminal: %(criminal)s, administrative: %(administrative)s); persons: "
                      "%(persons)s; years of imprisonment: %(years)s; days of arrest: %(days)s; %(first)s to %(last)s")
                  % {"cases": number(d["cases"]), "criminal": number(d["criminal"]),
                     "administrative": number(d["administrative"]), "persons": number(d["persons"]),
                     "years": number(d["imprisonment_years"], 1), "days": number(d["arrest_days"]),
                     "first": day(d["first"]) or "?", "last": day(d["last"]) or "?"}, highlight=False)
    if field == "judge":
        o = d.get("official")
        said = (_("official %(id)s (%(name)s), listed by %(jurisdictions)s")
                % {"id": o["official_id"], "name": o["official"],
                   "jurisdictions": ", ".join(o["jurisdictions"]) or _("no jurisdiction")} if o else
                _("no official in the register matches this name"))
        console.print(_("sanctions: %(said)s") % {"said": said}, highlight=False)
    else:
        lang = current()
        district = district_label(d["district_id"], lang) if d.get("district_id") else d.get("district")
        region = region_label(d["region_code"], lang) if d.get("region_code") else d.get("region")
        console.print(_("where: %(district)s, %(region)s") % {"district": district or "?", "region": region or "?"},
                      highlight=False)
    emit_rows(d["verdicts"], CASE_COLUMNS, fmt, title=_("cases"))


def _command(kind: str, table: list[str], one: str, fewest: str) -> Any:
    """``reckon judges`` or ``reckon courts``: the list, or one of them with its cases. ``one`` and ``fewest``
    are the help of the NAME argument and of --min-cases (catalogued where registered, for --help)."""

    def command(
        name: str | None = typer.Argument(None, help=one),
        workspace: Path | None = WorkspaceOption,
        fmt: Format = FormatOption,
        min_cases: int = typer.Option(1, "--min-cases", help=fewest),
    ) -> None:
        from reckon.histories import judges as stage

        listing, detail, columns = {"judge": (stage.judges, stage.judge_detail, stage.JUDGE_COLUMNS),
                                    "court": (stage.courts, stage.court_detail, stage.COURT_COLUMNS)}[kind]
        ws = find_ws(workspace)
        rows = listing(ws, min_cases=1 if name else min_cases)
        if name:
            _detail(detail(ws, _find(rows, name, kind)), kind, fmt)
            return
        shown = [stage.table_row(r) | ({"fines": _fines(r.get("fines") or {})} if fmt is Format.table else {})
                 for r in rows]
        emit_rows(shown, table if fmt is Format.table else columns, fmt,
                  title=_("judges") if kind == "judge" else _("courts"))

    return command


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.command("judges", help=N_(
        "Judges named in verdicts: cases, persons, sentences, courts, and sanctions lists that hold them."))(
        _command("judge", JUDGE_TABLE, N_("One judge (as `reckon judges` spells them): the cases."),
                 N_("Only judges with at least this many cases.")))
    app.command("courts", help=N_(
        "Courts named in verdicts, with district and region: cases, persons, sentences, judges."))(
        _command("court", COURT_TABLE, N_("One court (as `reckon courts` spells them): the cases."),
                 N_("Only courts with at least this many cases.")))
