"""Judges and courts from the persons' histories: on Viasna's two real lists (counts checked against the
files read with the csv module), and on a made-up list with a made-up sanctions list (SQLite, PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import shared_path
from reckon.errors import InputError
from reckon.histories.judges import court_detail, courts, judge_detail, judges, split_judges
from reckon.ingest import import_file
from reckon.link import run_link

LISTS = ("viasna_political_prisoners_sample.csv", "viasna_admin_cases_2020_sample.csv")


def _norm(text: str) -> str:
    """How a person would compare two cells by eye: quotes, extra spaces and trailing dots ignored."""
    return re.sub(r"\s+", " ", text.replace("«", "").replace("»", "").replace('"', "")).strip(" .,;")


def _csv_counts(column: str) -> Counter:
    """Rows per judge (or court) in the two files, read independently of reckon."""
    counts: Counter = Counter()
    for name in LISTS:
        with open(shared_path("eval", "lists", name), encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cell = (row.get(column) or "").strip()
                if not cell:
                    continue
                pieces = [p.strip() for p in re.split(r"[;,]", cell) if p.strip()] if column == "judge" else [cell]
                if len(pieces) > 1 and not all(len(p.replace(".", " ").split()) >= 2 for p in pieces):
                    pieces = [cell]
                for p in pieces:
                    counts[_norm(p)] += 1
    return counts


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("judges") / "ws")
    import_file(ws, shared_path("eval", "lists", LISTS[0]), "viasna-pp")
    import_file(ws, shared_path("eval", "lists", LISTS[1]), "viasna-admin")
    run_link(ws, seed=42)
    yield ws
    dispose_engines()


def test_judges_of_the_real_lists_count_their_cases(real) -> None:
    expected = _csv_counts("judge")
    rows = judges(real)
    spelled = [s for r in rows for s in r["spellings"]]
    # every judge the files name is listed, under one spelling only
    assert sorted(_norm(s) for s in spelled) == sorted(expected)
    for r in rows:
        assert r["cases"] == sum(expected[_norm(s)] for s in r["spellings"]), r["judge"]
        assert 1 <= r["persons"] <= r["cases"]
        assert r["criminal"] + r["administrative"] <= r["cases"]
    assert sum(r["cases"] for r in rows) == sum(expected.values())
    # one judge written in Latin by one list and in Cyrillic by the other is one judge
    assert any(any(c.isascii() for c in r["spellings"]) and any(not c.isascii() for c in r["spellings"])
               for r in rows)
    top = rows[0]
    detail = judge_detail(real, top["key"])
    assert detail["cases"] == top["cases"] == len(detail["verdicts"])
    assert {v["judge"] for v in detail["verdicts"]} <= set(top["spellings"])
    assert all(v["person_id"] for v in detail["verdicts"])
    with pytest.raises(InputError, match="reckon judges"):
        judge_detail(real, "no such judge")


def test_judges_of_the_real_lists_against_the_real_eu_list(real) -> None:
    """With the EU's Belarus annex as the officials register, judges are matched to listed officials; the
    case counts still add up, and the officials matched hold judicial posts (the precision we can check)."""
    from reckon.sanctions import import_sanctions, official_detail

    import_sanctions(real, shared_path("eval", "linkage", "eu_blr_annex_ia_persons.csv"), "EU")
    expected = _csv_counts("judge")
    rows = judges(real)
    assert sum(r["cases"] for r in rows) == sum(expected.values())
    for r in rows:
        assert r["cases"] == sum(expected[_norm(s)] for s in r["spellings"]), r["judge"]
    matched = [r for r in rows if r["official"]]
    assert len(matched) >= 20 and all(r["sanctioned_by"] for r in matched)
    assert len({r["official_id"] for r in matched}) == len(matched)  # one row per official
    judicial = [r for r in matched if any(w in " ".join(p["title"] for p in official_detail(real, r["official_id"])
                                                        ["positions"]).lower() for w in ("judge", "court"))]
    assert len(judicial) >= 0.9 * len(matched)
    # a surname alone is never matched
    assert not [r for r in matched if all(len(s.replace(".", " ").split()) < 2 for s in r["spellings"])]


def test_courts_of_the_real_lists_count_their_cases(real) -> None:
    expected = _csv_counts("court")
    rows = courts(real)
    assert sorted(_norm(r["court"]) for r in rows) == sorted(expected)
    for r in rows:
        assert r["cases"] == expected[_norm(r["court"])], r["court"]
    detail = court_detail(real, rows[0]["key"])
    assert detail["cases"] == rows[0]["cases"] and set(detail["judges"]) == set(rows[0]["judges"])


def test_judges_and_courts_commands(real) -> None:
    from reckon.cli import _build

    app = _build()
    out = CliRunner().invoke(app, ["judges", "--workspace", str(real.root), "--format", "csv"],
                             catch_exceptions=False)
    assert out.exit_code == 0, out.output
    listed = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(listed) == len(judges(real)) and int(listed[0]["cases"]) >= int(listed[-1]["cases"])
    name = listed[0]["judge"]
    one = CliRunner().invoke(app, ["judges", name, "--workspace", str(real.root), "--format", "jsonl"],
                             catch_exceptions=False)
    assert one.exit_code == 0 and len(one.stdout.splitlines()) == int(listed[0]["cases"])
    # the summary line in the "label: n" form, not "1 cases ... of 1 persons"
    line = CliRunner().invoke(app, ["judges", name, "--workspace", str(real.root)], catch_exceptions=False,
                              env={"RECKON_LANG": "en", "COLUMNS": "300"})
    assert f"cases: {listed[0]['cases']} (criminal: " in line.stdout and " cases (" not in line.stdout
    out = CliRunner().invoke(app, ["courts", "--workspace", str(real.root), "--format", "jsonl"],
                             catch_exceptions=False)
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == len(courts(real))
    missing = CliRunner().invoke(app, ["judges", "Nobody Atall", "--workspace", str(real.root)])
    assert missing.exit_code != 0 and isinstance(missing.exception, InputError)


# ---------------------------------------------------------------------------- made-up judges and sanctions

OFFICIALS = [
    {"id": "j1", "schema": "Person", "properties": {"name": ["Aliaksandr Piatrovich KAVALENKA"],
                                                    "birthDate": ["1968-03-03"], "position": ["Judge"]}},
    {"id": "j2", "schema": "Person", "properties": {"name": ["Maryna Ivanauna ZHDANOVICH"],
                                                    "birthDate": ["1975-09-09"], "position": ["Judge"]}},
    {"id": "s1", "schema": "Sanction", "properties": {"entity": ["j1"], "country": ["eu"], "programId": ["EU-BLR"]}},
]
# Made-up defendants; judges spelled as lists spell them (Latin, Cyrillic, surname alone).
ROWS = [
    ("1", "Testau Ales", "2021-03-01", "Art. 342", "Aliaksandr Kavalenka", "3 years", "2021-06-01"),
    ("2", "Probnaya Alena", "2021-04-01", "Art. 342", "Каваленка Аляксандр", "2 years", "2021-07-01"),
    ("3", "Uzorau Ihar", "2021-05-01", "Art. 293", "Maryna Zhdanovich", "1 year", "2021-08-01"),
    ("4", "Prykladau Yury", "2021-05-02", "Art. 293", "Каваленка", "", "2021-08-02"),
    ("5", "Zhyvy Maksim", "2021-05-03", "Art. 342", "Каваленка А.П.", "1 year", "2021-08-03"),
]


def _made_up(workspace, tmp_path: Path) -> None:
    from reckon.sanctions import import_sanctions

    path = tmp_path / "officials.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in OFFICIALS) + "\n", encoding="utf-8")
    import_sanctions(workspace, path, "intl")
    lst = tmp_path / "cases.csv"
    with open(lst, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name", "arrested", "articles", "judge", "decision", "verdict_date"])
        w.writerows(ROWS)
    import_file(workspace, lst, "cases")
    run_link(workspace, seed=1)


def test_sanctioned_judges_and_sentences(workspace, tmp_path) -> None:
    _made_up(workspace, tmp_path)
    rows = {r["judge"]: r for r in judges(workspace)}
    kav = next(r for r in rows.values() if "Aliaksandr Kavalenka" in r["spellings"])
    # across scripts by reckon.names; with initials only, because the register matches the same official
    assert set(kav["spellings"]) == {"Aliaksandr Kavalenka", "Каваленка Аляксандр", "Каваленка А.П."}
    assert kav["cases"] == 3 and kav["persons"] == 3 and kav["criminal"] == 3
    assert kav["imprisonment_years"] == 6.0
    assert kav["sanctioned_by"] and kav["official"]["official"].upper().endswith("KAVALENKA")
    zh = rows["Maryna Zhdanovich"]
    assert zh["official_id"] is not None and zh["sanctioned_by"] == []   # in the register, on no list
    alone = rows["Каваленка"]
    assert alone["official_id"] is None and alone["sanctioned_by"] == []  # a surname alone is never matched
    detail = judge_detail(workspace, kav["key"])
    assert [v["date"] for v in detail["verdicts"]] == ["2021-06-01", "2021-07-01", "2021-08-03"]
    assert detail["official"]["jurisdictions"] == kav["sanctioned_by"]


def test_split_judges_examples() -> None:
    assert split_judges("Alena Testava, Iryna Probnaja") == ["Alena Testava", "Iryna Probnaja"]
    assert split_judges("Testau, A.D.") == ["Testau, A.D."]
    assert split_judges("Тэстаў А.Д.") == ["Тэстаў А.Д."]
    assert split_judges("Тэстаў; Probnaja Iryna") == ["Тэстаў; Probnaja Iryna"]  # one piece is no full name
    assert split_judges("  ") == [] and split_judges(None) == []


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзіклмнопрстуўфхцчшыэюя", min_size=2, max_size=8)
_NAME = st.lists(_WORD, min_size=2, max_size=3).map(lambda ws: " ".join(w.capitalize() for w in ws))


@given(st.lists(_NAME, min_size=1, max_size=4), st.sampled_from([", ", ",", "; "]))
@example(["Alena Testava", "Iryna Probnaja"], ", ")
def test_split_judges_round_trips_lists_of_full_names(names, sep) -> None:
    assert split_judges(sep.join(names)) == names


@given(st.text(max_size=60))
@example("Testau, A.D.")
@example(" ; ,")
def test_split_judges_loses_nothing(text) -> None:
    pieces = split_judges(text)
    assert all(p and p == p.strip() and p in text for p in pieces)
    squeeze = re.compile(r"[\s,;]+")
    assert squeeze.sub("", "".join(pieces)) == squeeze.sub("", text)
