"""CLI commands of the names stage: ``reckon names show`` and ``reckon names score``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import typer

from reckon import cells
from reckon.i18n import N_, _, number

names_app = typer.Typer(help=N_("Names across scripts: parse, romanise, key and score names."), no_args_is_help=True)


@names_app.command("show")
def show(
    name: str = typer.Argument(..., help=N_("A name in any script, e.g. \"Іван Уладзіміравіч Дубракоў\".")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print JSON instead of tables.")),
) -> None:
    """Show the parts, script, keys and romanisations of NAME."""
    from reckon.cli.common import console, emit_rows
    from reckon.names.service import describe

    info = describe(name)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    emit_rows(info["tokens"], ["token", "script", "lang"], title=_("Tokens"))
    cols = ["surname", "given", "patronymic", "initials", "script", "lang"]
    emit_rows(info["readings"], cols, title=_("Readings"))
    key_rows = [r["keys"] for r in info["readings"]]
    if key_rows:
        emit_rows(key_rows, list(key_rows[0].keys()), title=_("Keys"))
    emit_rows([{"scheme": k, "text": v} for k, v in info["romanizations"].items()], ["scheme", "text"],
              title=_("Romanisations"))
    if info["cyrillic_candidates"]:
        console.print(_("Cyrillic candidates: %(names)s") % {"names": " | ".join(info["cyrillic_candidates"])})
    if info["homoglyphs_repaired"]:
        console.print(_("Latin look-alike letters were replaced inside Cyrillic words (or the reverse)."))


@names_app.command("score")
def score(
    pairs: Path = typer.Option(..., "--pairs", exists=True, dir_okay=False, help=N_("CSV with columns a,b.")),
    out: Path = typer.Option(..., "--out", help=N_("CSV to write: a,b,score,reason.")),
) -> None:
    """Score name pairs: read a,b from PAIRS, write a,b,score,reason to OUT."""
    from reckon.cli.common import drawn_on, err_console, progress
    from reckon.errors import InputError
    from reckon.names.service import score_pairs

    with open(pairs, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "a" not in reader.fieldnames or "b" not in reader.fieldnames:
            raise InputError.of(N_("needs the columns a and b"), file=pairs.name)
        rows = [(r.get("a") or "", r.get("b") or "") for r in reader]
    with progress() as bar, open(out, "w", encoding="utf-8", newline="") as dest:
        fields = ["a", "b", "score", "reason"]
        writer = cells.writer(dest)
        writer.writerow(fields)
        count = 0
        for row in score_pairs(rows, progress=drawn_on(bar, "scoring pairs")):
            writer.writerow([row.get(f) for f in fields])
            count += 1
    err_console.print(_("scored %(n)s pairs -> %(file)s") % {"n": number(count), "file": out})


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.add_typer(names_app, name="names")
