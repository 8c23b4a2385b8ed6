"""Real, public lists from ../shared/eval imported with no mapping: fields must land where they belong."""

from __future__ import annotations

import csv
import re
from collections import Counter

from conftest import shared_path
from reckon.ingest.records import list_quarantine, list_records
from reckon.ingest.service import import_file


def test_viasna_admin_cases_without_a_mapping(workspace) -> None:
    path = shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    report = import_file(workspace, path, "viasna-admin", organisation="Viasna")
    assert report.rows_read == len(rows)
    assert report.new + report.quarantined == len(rows) and report.quarantined == 0
    cols = report.mapping.columns
    assert (cols["full_name"], cols["sex"], cols["article"], cols["id"]) == (
        "full_name", "sex", "articles", "external_id")
    assert cols["event_date"] == "detention_date" and cols["arrest"] == cols["fine"] == "sentence"

    records = list_records(workspace, "viasna-admin", limit=None)
    assert len(records) == len(rows)
    # Repeated ids in the list stay separate records, numbered in file order.
    dup_ids = [k for k, n in Counter(r["id"] for r in rows).items() if n > 1]
    assert dup_ids and all(f"{k}#2" in {r["identity"] for r in records} for k in dup_ids)
    by_row = {r["row"]: r for r in records}
    sexes = Counter(r["sex"] for r in records)
    expected = Counter({"м": "male", "ж": "female", "": None}[r["sex"]] for r in rows)
    assert sexes == expected and sexes["male"] > sexes["female"] > 0
    first = by_row[2]
    assert first["external_id"] == rows[0]["id"] and first["full_name"] == rows[0]["full_name"]
    assert first["detention_date"] == rows[0]["event_date"]
    assert first["articles"] == ["23.34 ч.1 КаАП"]
    two = next(r for r in records if len(r["articles"]) == 2)
    assert all("КаАП" in a and "«" not in a for a in two["articles"])
    # Every "Surname I.I." name gives surname and initials; every article is a code, never a quote.
    assert all(r["initials"] for r in records if r["full_name"] and r["full_name"].endswith("."))
    assert all(re.match(r"\d+\.\d+ ?(ч\.\d)? ?КаАП$", a) for r in records for a in r["articles"])
    assert sum(1 for r in records if r["sentence"]) >= len(rows) * 0.8


def test_viasna_political_prisoners_without_a_mapping(workspace) -> None:
    path = shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")
    with path.open(encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    report = import_file(workspace, path, "viasna-pp")
    assert (report.rows_read, report.new, report.quarantined) == (len(rows), len(rows), 0)
    assert list_quarantine(workspace, "viasna-pp") == []
    records = {r["external_id"]: r for r in list_records(workspace, "viasna-pp", limit=None)}
    assert set(records) == set(rows)
    for rid, row in rows.items():
        rec = records[rid]
        assert rec["full_name"] == row["name"]
        assert rec["sex"] == row["gender"]
        assert rec["birth_date"] == (row["birthday"] or None)
        assert rec["detention_date"] == (row["arrested"] or None)
        assert rec["release_date"] == (row["release_date"] or None)
        assert rec["status"] == {"active": "in_custody", "former": "released", "np": "persecuted"}[row["status"]]
        assert len(rec["articles"]) == (len(row["articles"].split("|")) if row["articles"] else 0)
    assert Counter(r["status"] for r in records.values()) == Counter(
        {"active": "in_custody", "former": "released", "np": "persecuted"}[r["status"]] for r in rows.values())
    one = records["1"]
    assert one["articles"][1] == "Part 2 of Art. 285" and "6 years" in one["sentence"]
    assert one["place_of_detention"].startswith("Pre-trial detention center No. 1")
