"""Matrix and gaps on a fixture whose answer is known; ended and reported sanctions kept apart; the CLI.

Four fictional officials from two lists (one FtM, one CSV in another script), listed as:

    official   EU  GB  US  LT  CA
    Orlik      x   x   x   .   .
    Zhuk       x   .   .   x   .
    Sarokin    .   ended   .   .   (GB listing has ended; reported by CA in the news)
    Hlinski    .   .   .   x   .
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reckon.errors import InputError
from reckon.sanctions import (
    add_reported_sanctions,
    import_sanctions,
    list_officials,
    official_detail,
    sanction_gaps,
    sanctions_matrix,
)


def ent(eid, schema, **props):
    return {"id": eid, "schema": schema, "properties": {k: v if isinstance(v, list) else [v]
                                                        for k, v in props.items()}}


FTM = [
    ent("o1", "Person", name="Uladzimir Pavlavich ORLIK", birthDate="1970-01-15"),
    ent("o2", "Person", name="Natallia Viktarauna ZHUK", birthDate="1982-07-03"),
    ent("o3", "Person", name="Kiryl Ivanavich SAROKIN", birthDate="1977-12-01"),
    ent("s1", "Sanction", entity="o1", country="eu", programId="EU-BLR", provisions="asset freeze"),
    ent("s2", "Sanction", entity="o1", country="gb", programId="GB-BLR", provisions="asset freeze"),
    ent("s3", "Sanction", entity="o1", country="us", programId="US-BLR", provisions="asset freeze"),
    ent("s4", "Sanction", entity="o2", country="eu", programId="EU-BLR", provisions="travel ban"),
    ent("s5", "Sanction", entity="o3", country="gb", programId="GB-BLR", endDate="2023-05-01"),
]
CSV = """id,name,birth_date,jurisdiction,program,measure,listing_date
L1,Наталья Викторовна ЖУК,03.07.1982,LT,LT-BLR,entry ban,2021-01-20
L2,Сергей Петрович ГЛИНСКИЙ,1965,LT,LT-BLR,entry ban,2021-01-20
"""
EXPECTED = {
    "ORLIK": {"EU": "listed", "GB": "listed", "US": "listed", "LT": "", "CA": ""},
    "ZHUK": {"EU": "listed", "GB": "", "US": "", "LT": "listed", "CA": ""},
    "SAROKIN": {"EU": "", "GB": "ended", "US": "", "LT": "", "CA": "reported"},
    "ГЛИНСКИЙ": {"EU": "", "GB": "", "US": "", "LT": "listed", "CA": ""},
}


def key_of(name: str) -> str:
    return next(k for k in EXPECTED if k in name.upper())


@pytest.fixture
def loaded(workspace, tmp_path: Path):
    ftm = tmp_path / "intl.jsonl"
    ftm.write_text("\n".join(json.dumps(e) for e in FTM) + "\n", encoding="utf-8")
    lt = tmp_path / "lt.csv"
    lt.write_text(CSV, encoding="utf-8")
    import_sanctions(workspace, ftm, "intl")
    import_sanctions(workspace, lt, "lt")
    add_reported_sanctions(workspace, [{"target": "Kiryl SAROKIN", "jurisdictions": ["CA"], "date": "2022-03-01",
                                        "sentence": "Canada sanctioned Kiryl Sarokin."}])
    return workspace


def test_matrix_has_the_known_answer(loaded) -> None:
    columns, rows = sanctions_matrix(loaded)
    assert columns[3:-1] == ["EU", "CA", "GB", "LT", "US"]  # EU first, then alphabetical
    assert len(rows) == 4  # Zhuk's two spellings are one official
    for row in rows:
        want = EXPECTED[key_of(row["name"])]
        assert {j: row[j] for j in want} == want, row["name"]
        assert row["listed_by"] == sum(v == "listed" for v in want.values())


def test_matrix_restricted_to_chosen_jurisdictions(loaded) -> None:
    columns, rows = sanctions_matrix(loaded, ["gb,us", "United Kingdom"])
    assert columns == ["id", "name", "birth_date", "GB", "US", "listed_by"]
    orlik = next(r for r in rows if "ORLIK" in r["name"])
    assert (orlik["GB"], orlik["US"], orlik["listed_by"]) == ("listed", "listed", 2)
    with pytest.raises(InputError, match="not recognised"):
        sanctions_matrix(loaded, ["Narnia"])


@pytest.mark.parametrize("target,expected", [
    ("US", {"ZHUK", "ГЛИНСКИЙ"}),          # Orlik is listed by the US; Sarokin is listed by nobody now
    ("LT", {"ORLIK"}),
    ("GB", {"ZHUK", "ГЛИНСКИЙ"}),          # Sarokin's GB listing ended, and nobody else lists him
    ("EU", {"ГЛИНСКИЙ"}),
    ("CA", {"ORLIK", "ZHUK", "ГЛИНСКИЙ"}),  # a news report is not a listing
])
def test_gaps_have_the_known_answer(loaded, target, expected) -> None:
    rows = sanction_gaps(loaded, target)
    assert {key_of(r["name"]) for r in rows} == expected
    for r in rows:
        assert target not in r["sanctioned_by"] and r["sanctioned_by"]


def test_reported_sanctions_stay_apart(loaded) -> None:
    rows = {key_of(r["name"]): r for r in list_officials(loaded)}
    assert rows["SAROKIN"]["jurisdictions"] == [] and rows["SAROKIN"]["reported_by"] == ["CA"]
    detail = official_detail(loaded, rows["SAROKIN"]["id"])
    (ca,) = detail["sanctions"]["CA"]
    assert ca["reported"] is True and ca["source"] == "news"
    assert rows["ZHUK"]["sources"] == ["intl", "lt"]
    assert rows["ZHUK"]["jurisdictions"] == ["EU", "LT"]


def test_cli_officials_matrix_gaps_export(loaded, tmp_path) -> None:
    from reckon.cli import _build

    app = _build()
    runner = CliRunner()
    ws = ["--workspace", str(loaded.root)]
    res = runner.invoke(app, ["officials", "--format", "csv", *ws])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 4 and set(rows[0]) >= {"id", "names", "birth_date", "positions", "jurisdictions"}
    zhuk = next(r for r in rows if "ZHUK" in r["name"])
    assert zhuk["jurisdictions"] == "EU | LT" and "ЖУК" in zhuk["names"]

    res = runner.invoke(app, ["sanctions", "gaps", "--jurisdiction", "LT", "--format", "jsonl", *ws])
    assert res.exit_code == 0, res.output
    (gap,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert "ORLIK" in gap["name"] and gap["sanctioned_by"] == ["EU", "GB", "US"]

    out = tmp_path / "matrix.csv"
    res = runner.invoke(app, ["sanctions", "matrix", "-j", "EU", "-j", "LT", "--format", "csv", "--out", str(out),
                              *ws])
    assert res.exit_code == 0, res.output
    matrix = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted((r["EU"], r["LT"]) for r in matrix) == sorted(
        [("listed", ""), ("listed", "listed"), ("", ""), ("", "listed")])

    res = runner.invoke(app, ["export", "officials", "--format", "ftm", *ws])
    assert res.exit_code == 0, res.output
    entities = [json.loads(line) for line in res.stdout.splitlines()]
    assert sum(e["schema"] == "Person" for e in entities) == 4
    assert sum(e["schema"] == "Sanction" for e in entities) == 8  # 5 FtM + 2 LT + 1 reported

    oid = zhuk["id"]
    res = runner.invoke(app, ["official", oid, "--format", "json", *ws])
    assert res.exit_code == 0, res.output
    assert sorted(json.loads(res.stdout)["sanctions"]) == ["EU", "LT"]

    res = runner.invoke(app, ["official", "99999", *ws])
    assert res.exit_code != 0
