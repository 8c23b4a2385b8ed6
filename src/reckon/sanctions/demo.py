"""The officials-and-sanctions step of ``reckon demo``, on a small synthetic fixture of fictional people.

Nobody here is real: names, birth dates, courts and listings are invented so that the demo and tests can
show every feature without personal data. An "international" FtM file lists four officials under several
programmes; a national CSV list (a fictional Lithuanian one) spells three of them in Russian Cyrillic,
surname first, and adds a fifth; a news report adds a Japanese sanction; one official has the recorded
fact that no investigation is reported. The answer is known: see :data:`EXPECTED_LISTED`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reckon.config import Workspace

# official key -> jurisdictions that list them (in force), for tests and the demo's self-check
EXPECTED_LISTED = {
    "harbuzau": ["CA", "EU", "GB", "LT"],
    "hlushakova": ["EU", "LT"],
    "baidakou": ["CH", "EU", "GB", "UA", "US"],
    "kalatsei": ["GB"],
    "verashchaka": ["LT"],
}
EXPECTED_REPORTED = {"baidakou": ["JP"]}

_PERSONS = [
    ("demo-p1", "Ales Piatrovich HARBUZAU", ["Алесь Пятровіч ГАРБУЗАЎ"], "1971-03-14", "male"),
    ("demo-p2", "Zinaida Mikalaeuna HLUSHAKOVA", ["Зінаіда Мікалаеўна ГЛУШАКОВА"], "1980-09-02", "female"),
    ("demo-p3", "Ihar Uladzimiravich BAIDAKOU", ["Игорь Владимирович БАЙДАКОВ"], "1968", "male"),
    ("demo-p4", "Siarhei Anatolevich KALATSEI", [], "1975-11-30", "male"),
]
_SANCTIONS = [
    ("demo-p1", "eu", "EU-BLR", "asset freeze; travel ban", "2021-06-21"),
    ("demo-p1", "gb", "GB-BLR", "asset freeze", "2021-08-09"),
    ("demo-p1", "ca", "CA-BLR", "asset freeze", "2021-06-21"),
    ("demo-p2", "eu", "EU-BLR", "asset freeze; travel ban", "2022-02-24"),
    ("demo-p3", "eu", "EU-BLR", "asset freeze; travel ban", "2020-10-02"),
    ("demo-p3", "gb", "GB-BLR", "asset freeze", "2020-09-29"),
    ("demo-p3", "us", "US-BLR", "asset freeze", "2020-10-02"),
    ("demo-p3", "ch", "CH-BLR", "asset freeze; travel ban", "2020-10-09"),
    ("demo-p3", "ua", "UA-BLR", "asset freeze", "2021-08-09"),
    ("demo-p4", "gb", "GB-BLR", "asset freeze", "2022-03-15"),
]
_POSITIONS = [
    ("demo-p1", "Judge", "Central District Court of Navapolle (fictional)", "2016-01-11", None),
    ("demo-p2", "Prosecutor", "Prosecutor's Office of Navapolle (fictional)", "2018", None),
    ("demo-p3", "Commander of a riot police unit", None, None, None),
    ("demo-p4", "Deputy Minister of Information", None, None, "2023"),
]

DEMO_CSV = """id,name,birth_date,position,jurisdiction,program,measure,listing_date
LT-001,Гарбузов Алесь Петрович,14.03.1971,Судья,LT,LT-BLR,Запрет въезда,2021-09-01
LT-002,Глушакова Зинаида Николаевна,02.09.1980,Прокурор,LT,LT-BLR,Запрет въезда,2022-03-01
LT-003,Верещака Ольга Ивановна,,Председатель районной избирательной комиссии,LT,LT-BLR,Запрет въезда,2020-09-01
"""

DEMO_REPORTED = [
    {"target": "Ihar Baidakou", "role": "commander of a riot police unit", "jurisdictions": ["JP"],
     "date": "2022-05-10", "sentence": "Japan imposed sanctions on Ihar Baidakou, a riot police commander.",
     "url": "https://example.org/demo-article"},
]


def demo_ftm_lines() -> list[str]:
    """The fictional FtM entities: Persons, Positions with their PublicBody, Occupancies, Sanctions."""
    lines: list[dict[str, Any]] = []
    for pid, name, aliases, born, sex in _PERSONS:
        lines.append({"id": pid, "schema": "Person", "properties": {
            "name": [name], "alias": aliases, "birthDate": [born], "gender": [sex], "country": ["by"]}})
    for i, (pid, title, agency, start, end) in enumerate(_POSITIONS, start=1):
        props: dict[str, list[str]] = {"name": [title], "country": ["by"]}
        if agency:
            lines.append({"id": f"demo-org{i}", "schema": "PublicBody", "properties": {"name": [agency]}})
            props["organization"] = [f"demo-org{i}"]
        lines.append({"id": f"demo-pos{i}", "schema": "Position", "properties": props})
        occ: dict[str, list[str]] = {"holder": [pid], "post": [f"demo-pos{i}"]}
        if start:
            occ["startDate"] = [start]
        if end:
            occ["endDate"] = [end]
        lines.append({"id": f"demo-occ{i}", "schema": "Occupancy", "properties": occ})
    for i, (pid, country, programme, measure, listed) in enumerate(_SANCTIONS, start=1):
        lines.append({"id": f"demo-s{i}", "schema": "Sanction", "properties": {
            "entity": [pid], "country": [country], "programId": [programme], "provisions": [measure],
            "listingDate": [listed], "authority": [f"Fictional authority of {country.upper()}"]}})
    return [json.dumps(line, ensure_ascii=False) for line in lines]


def write_fixture(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ftm = folder / "demo_officials.ftm.jsonl"
    ftm.write_text("\n".join(demo_ftm_lines()) + "\n", encoding="utf-8")
    csv_path = folder / "demo_national_list.csv"
    csv_path.write_text(DEMO_CSV, encoding="utf-8")
    return ftm, csv_path


def demo_sanctions(workspace: Workspace, folder: Path | None = None) -> dict[str, Any]:
    """Import the fixture, record a reported sanction and an accountability fact; return what resulted."""
    from reckon.sanctions.importer import import_sanctions
    from reckon.sanctions.service import add_accountability_event, add_reported_sanctions, review_queue
    from reckon.sanctions.views import list_officials, sanction_gaps, sanctions_matrix
    from reckon.store.db import session_scope
    from reckon.store.sanctions import accountability_events

    ftm, csv_path = write_fixture(folder or workspace.root / "demo-sanctions")
    first = import_sanctions(workspace, ftm, "demo-international", format="ftm")
    second = import_sanctions(workspace, csv_path, "demo-national-lt", format="csv")
    reported = add_reported_sanctions(workspace, DEMO_REPORTED, source="demo-news")
    officials = list_officials(workspace)
    baidakou = next((o for o in officials if any("BAIDAKOU" in n for n in o["names"])), None)
    if baidakou is not None:
        with session_scope(workspace.database_url) as session:
            if not accountability_events(session, baidakou["id"], "none_reported"):
                add_accountability_event(session, baidakou["id"], "none_reported", count=0, jurisdiction="BY",
                                         description="No investigation of the unit's conduct is reported.")
    cols, rows = sanctions_matrix(workspace)
    gaps = sanction_gaps(workspace, "US")
    return {
        "officials": len(officials),
        "listings_imported": first.entities_read + second.entities_read,
        "listed_cells": sum(len(o["jurisdictions"]) for o in officials),
        "jurisdictions": [c for c in cols if c not in ("id", "name", "birth_date", "listed_by")],
        "reported": reported["recorded"] + reported["unchanged"],
        "review_pairs": len(review_queue(workspace)),
        "gaps_us": [g["name"] for g in gaps],
        "matrix_rows": len(rows),
        "files": [str(ftm), str(csv_path)],
    }


def step_sanctions(ctx: Any) -> None:
    """The ``reckon demo`` step (see reckon.demo.add_step): run :func:`demo_sanctions` and print the matrix."""
    from reckon.i18n import _, ngettext, number
    from reckon.sanctions.views import sanctions_matrix

    summary = demo_sanctions(ctx.workspace, folder=Path(ctx.root) / "sanctions")
    ctx.results["sanctions"] = summary
    officials = ngettext("%(n)s fictional official from %(listings)s listings in two lists and two scripts",
                         "%(n)s fictional officials from %(listings)s listings in two lists and two scripts",
                         summary["officials"])
    reported = ngettext("%(n)s sanction reported in the news", "%(n)s sanctions reported in the news",
                        summary["reported"])
    ctx.heading(_("officials and sanctions"), "; ".join([
        officials % {"n": number(summary["officials"]), "listings": number(summary["listings_imported"])},
        reported % {"n": number(summary["reported"])},
        _("pairs to review: %(n)s") % {"n": number(summary["review_pairs"])}]))
    cols, rows = sanctions_matrix(ctx.workspace)
    mark = {"listed": "●", "ended": "○", "reported": "r"}
    ctx.table([{k: mark.get(v, v) if isinstance(v, str) and k not in ("name", "birth_date") else v
                for k, v in r.items()} for r in rows], [c for c in cols if c != "birth_date"],
              title=_("who sanctions whom (● listed, r reported in news)"))
    ctx.say("   " + _("not listed by the US although others list them: %(names)s")
            % {"names": ", ".join(summary["gaps_us"])})
