"""Matching officials across sources: confident merges, doubtful pairs to review, human decisions win.
Also the pure helpers it rests on (partial dates, vocabularies), with properties; name skeletons and
spelling variants are reckon.names' (tests/test_names_coarse.py)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.dates import parse_date, parse_dates, relation
from reckon.sanctions import decide, import_sanctions, list_officials, review_queue
from reckon.sanctions.matching import judge
from reckon.sanctions.vocab import jurisdiction, measures, programme_jurisdiction


def ent(eid, schema, **props):
    return {"id": eid, "schema": schema, "properties": {k: v if isinstance(v, list) else [v]
                                                        for k, v in props.items()}}


def write(path: Path, items) -> Path:
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return path


LIST_A = [
    ent("a1", "Person", name="Ivan Uladzimiravich TSIMOKHAU", birthDate="1974-02-11"),
    ent("a2", "Person", name="Hanna Siarheeuna KALCHYK", birthDate="1983"),
    ent("a3", "Person", name="Aliaksei RUSETSKI"),  # no birth date
]
LIST_B = [
    ent("b1", "Person", name="Иван Владимирович ТИМОХОВ", birthDate="1974-02-11"),   # same as a1
    ent("b2", "Person", name="Анна Сергеевна КАЛЬЧИК", birthDate="1983-06-30"),      # same as a2
    ent("b3", "Person", name="Алексей РУШЕЦКИЙ", birthDate="1961-10-10"),            # doubtful with a3
]


def test_cross_script_merges_and_doubtful_pair_goes_to_review(workspace, tmp_path) -> None:
    import_sanctions(workspace, write(tmp_path / "a.jsonl", LIST_A), "list-a")
    report = import_sanctions(workspace, write(tmp_path / "b.jsonl", LIST_B), "list-b")
    officials = list_officials(workspace)
    assert len(officials) == 4  # a1+b1, a2+b2, a3, b3
    merged = {frozenset(o["names"]) for o in officials if len(o["names"]) == 2}
    assert frozenset({"Ivan Uladzimiravich TSIMOKHAU", "Иван Владимирович ТИМОХОВ"}) in merged
    assert frozenset({"Hanna Siarheeuna KALCHYK", "Анна Сергеевна КАЛЬЧИК"}) in merged
    queue = review_queue(workspace)
    assert report.match.review_pairs == len(queue) == 1
    (pair,) = queue
    assert {pair["name_a"], pair["name_b"]} == {"Aliaksei RUSETSKI", "Алексей РУШЕЦКИЙ"}
    assert "unknown" in pair["reason"]

    # a person says "same": the officials merge and the pair leaves the queue
    summary = decide(workspace, pair["entity_a"], pair["entity_b"], "same", note="same passport")
    assert summary.officials == 3 and review_queue(workspace) == []
    # re-importing (which re-runs the model) keeps the decision
    import_sanctions(workspace, write(tmp_path / "b.jsonl", LIST_B), "list-b")
    assert len(list_officials(workspace)) == 3


def test_different_decision_splits_and_stays_split(sqlite_workspace, tmp_path) -> None:
    ws = sqlite_workspace
    import_sanctions(ws, write(tmp_path / "a.jsonl", LIST_A), "list-a")
    import_sanctions(ws, write(tmp_path / "b.jsonl", LIST_B), "list-b")
    tsim = next(o for o in list_officials(ws) if "Ivan Uladzimiravich TSIMOKHAU" in o["names"])
    from reckon.sanctions import official_detail

    ents = [e["entity_id"] for e in official_detail(ws, tsim["id"])["entities"]]
    assert len(ents) == 2
    decide(ws, ents[0], ents[1], "different")
    assert len(list_officials(ws)) == 5
    import_sanctions(ws, write(tmp_path / "b.jsonl", LIST_B), "list-b")
    assert len(list_officials(ws)) == 5
    # the latest decision wins
    decide(ws, ents[1], ents[0], "same")
    assert len(list_officials(ws)) == 4


def test_same_source_pairs_are_never_merged_by_the_model(sqlite_workspace, tmp_path) -> None:
    items = [ent("x1", "Person", name="Pavel KAZLOU", birthDate="1970-01-01"),
             ent("x2", "Person", name="Pavel KAZLOU", birthDate="1970-01-01")]
    import_sanctions(sqlite_workspace, write(tmp_path / "x.jsonl", items), "one-list")
    assert len(list_officials(sqlite_workspace)) == 2
    (pair,) = review_queue(sqlite_workspace)
    assert "one source" in pair["reason"]


def test_judge_rules() -> None:
    assert judge(0.6, "exact", False, False)[0] == "merged"
    assert judge(0.6, "compatible", False, False)[0] == "review"
    assert judge(0.6, "unknown", False, False)[0] == "rejected"
    assert judge(0.95, "unknown", False, False, name_parts=3)[0] == "merged"
    assert judge(0.95, "unknown", False, False, name_parts=2)[0] == "review"
    assert judge(0.99, "unknown", False, False, name_parts=2)[0] == "merged"
    assert judge(0.99, "conflict", False, False)[0] == "review"
    assert judge(0.9, "conflict", False, False)[0] == "rejected"
    assert judge(1.0, "exact", True, False)[0] == "rejected"
    assert judge(1.0, "exact", False, True)[0] == "review"


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_dates_in_any_common_form_parse_to_iso(d) -> None:
    iso = d.isoformat()
    if not 1800 <= d.year <= 2100:
        return
    for text in (iso, f"{d.day}.{d.month}.{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}"):
        assert parse_date(text) == iso
    assert parse_date(f"{d.month:02d}.{d.year}") == iso[:7]
    assert parse_date(str(d.year)) == iso[:4]
    assert relation(iso, iso[:4]) == "compatible" and relation(iso, iso) == "exact"


@given(st.text(max_size=30))
def test_date_parser_never_crashes(text: str) -> None:
    for value in parse_dates(text):
        assert len(value) in (4, 7, 10)


def test_date_alternatives_and_relations() -> None:
    assert parse_dates("21.11.1964 / 1965") == ["1964-11-21", "1965"]
    assert parse_date("28.01 1966") == "1966-01-28"
    assert relation("1975-05-05", "1975-05-06") == "conflict"
    assert relation(None, "1975") == "unknown"


def test_vocabularies() -> None:
    assert jurisdiction("United Kingdom") == "GB" and jurisdiction("eu") == "EU" and jurisdiction("Литва") == "LT"
    assert jurisdiction("Narnia") is None
    assert programme_jurisdiction("EU-BLR") == "EU" and programme_jurisdiction("UK-BLR") == "GB"
    assert programme_jurisdiction("Belarus") is None
    assert measures("Asset freeze; entry ban") == ["asset freeze", "travel ban"]
    assert measures("Запрет въезда") == ["travel ban"]


def test_a_corrected_listing_is_matched_again(sqlite_workspace, tmp_path) -> None:
    ws = sqlite_workspace
    import_sanctions(ws, write(tmp_path / "a.jsonl", LIST_A), "list-a")
    wrong = [ent("b1", "Person", name="Иван Владимирович ТИМОХОВ", birthDate="1947-02-11")]  # a typo
    import_sanctions(ws, write(tmp_path / "b.jsonl", wrong), "list-b")
    assert len(list_officials(ws)) == 4  # birth dates conflict: not merged
    fixed = [ent("b1", "Person", name="Иван Владимирович ТИМОХОВ", birthDate="1974-02-11")]
    report = import_sanctions(ws, write(tmp_path / "b.jsonl", fixed), "list-b")
    assert report.changed == 1
    assert len(list_officials(ws)) == 3
    # and the other way: a listing that changes so it no longer matches is split off again
    import_sanctions(ws, write(tmp_path / "b.jsonl", wrong), "list-b")
    assert len(list_officials(ws)) == 4
