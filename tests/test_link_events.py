"""The fields of one event count once (link.events): people tried together are not one person.

On Viasna's admin-cases list with a second list that reports some of the same court sessions, four
persons joined two different men who shared a given name and a session (the court, the hearing date and
the detention day added about 13 bits between them, a different surname cost 7). The synthetic world
below is made up; the real list is read in place.
"""

from __future__ import annotations

import csv
import math
import random
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import shared_path
from reckon.link import events

# made-up surnames from parts, in Belarusian Cyrillic and in Latin, and common given names
STEMS = [("Ждан", "Zhdan"), ("Луцэв", "Lutsev"), ("Мархоц", "Markhots"), ("Дубін", "Dubin"),
         ("Гаплык", "Haplyk"), ("Бярвен", "Biarven"), ("Пятрош", "Piatrosh"), ("Сакрыт", "Sakryt"),
         ("Вішнеў", "Vishneu"), ("Тарэнт", "Tarent"), ("Кужэл", "Kuzhel"), ("Рабуш", "Rabush")]
ENDS = [("аленка", "alenka"), ("ічук", "ichuk"), ("ашэвіч", "ashevich"), ("оўскі", "ouski"), ("ейка", "eika"),
        ("ута", "uta"), ("ягін", "iahin"), ("ман", "man")]
GIVEN = [("Іван", "Ivan"), ("Аляксей", "Aliaksei"), ("Дзмітрый", "Dzmitryi"), ("Сяргей", "Siarhei")]


def _world(seed: int = 5) -> tuple[list[dict], dict[int, int]]:
    """A court list of 96 men tried in 8 sessions (each on one day, by one court and judge), and a
    partner's list in Latin letters that reports half of them again; each person's surname is his own
    and clearly another man's (no two are within two letters of each other)."""
    rng = random.Random(seed)
    surnames = [(a + b, c + d) for a, c in STEMS for b, d in ENDS]
    rng.shuffle(surnames)
    records, person_of = [], {}
    for person in range(len(surnames)):
        session = person % 8
        court, day = f"court {session % 5}", f"2020-{8 + session // 8:02d}-{10 + session:02d}"
        extra = {"court": court, "court_date": day, "judge": f"judge {session}"}
        (cyr, lat), (gcyr, glat) = surnames[person], GIVEN[person % len(GIVEN)]
        rid = len(records) + 1
        records.append({"id": rid, "source": "court", "full_name": f"{cyr} {gcyr}", "sex": "м",
                        "detention_date": day, "extra": extra})
        person_of[rid] = person
        if person % 2 == 0:
            rid = len(records) + 1
            records.append({"id": rid, "source": "partner", "full_name": f"{glat} {lat.upper()}", "sex": "m",
                            "detention_date": day, "extra": dict(extra)})
            person_of[rid] = person
    return records, person_of


def test_people_of_one_session_stay_apart_and_one_person_on_two_lists_links() -> None:
    from reckon.link.service import link_frame

    records, person_of = _world()
    labels, _pairs, _report = link_frame(records)
    people_in: dict[int, set[int]] = defaultdict(set)
    records_in: dict[int, int] = defaultdict(int)
    for rid, label in labels.items():
        people_in[label].add(person_of[rid])
        records_in[label] += 1
    assert all(len(people) == 1 for people in people_in.values()), "two people of one session joined"
    both = [label for label, n in records_in.items() if n == 2]
    assert len(both) >= 44  # of the 48 people on both lists (a transliterated surname still links)


def test_event_comparisons_are_the_models_own() -> None:
    def comp(name: str, u: float) -> dict:
        return {"output_column_name": name, "comparison_levels": [
            {"is_null_level": True}, {"u_probability": u}, {"u_probability": 1 - u}]}

    model = {"comparisons": [comp("surname", 0.001), comp("region", 0.2), comp("detention_date", 0.01),
                             comp("extra_court", 0.2), comp("extra_passport", 0.0001), comp("articles", 0.5)]}
    assert events.event_comparisons(model) == ["detention_date", "extra_court", "articles"]


def _agree(rows: list[tuple[bool, bool]]) -> pd.DataFrame:
    return pd.DataFrame({"a": [r[0] for r in rows], "b": [r[1] for r in rows]})


@given(st.lists(st.integers(0, 6), min_size=2, max_size=40))
def test_a_field_that_copies_another_adds_nothing(days: list[int]) -> None:
    frame = pd.DataFrame({"a": days, "b": [d + 100 for d in days]})  # the hearing is the day after
    bits = events.correction(_agree([(True, True), (True, False), (False, False)]), events.shares(frame, ["a", "b"]))
    assert np.isclose(bits[0], math.log2(events.agreement_share(frame, ["b"])))  # b is taken back whole
    assert bits[1] == bits[2] == 0


@given(st.lists(st.tuples(st.integers(0, 4), st.one_of(st.none(), st.integers(0, 4))), min_size=2, max_size=40),
       st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=10))
def test_the_correction_only_takes_back_and_only_where_fields_agree_together(
        values: list[tuple[int, int | None]], rows: list[tuple[bool, bool]]) -> None:
    frame = pd.DataFrame({"a": [v[0] for v in values], "b": [v[1] for v in values]})
    bits = events.correction(_agree(rows), events.shares(frame, ["a", "b"]))
    assert np.all(bits <= 0)
    assert all(b == 0 for (x, y), b in zip(rows, bits, strict=True) if not (x and y))


def _copy_of_first_records(dest: Path, n: int) -> Path:
    """The first ``n`` records of the admin list as a second list reporting the same court sessions."""
    with open(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:n + 1])
    return dest


def test_the_real_list_keeps_people_of_one_session_apart(workspace, tmp_path) -> None:
    from reckon.ingest import import_file
    from reckon.link import run_link
    from reckon.store.db import session_scope
    from reckon.store.link_queries import load_records

    import_file(workspace, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    import_file(workspace, _copy_of_first_records(tmp_path / "copy.csv", 60), "partner")
    run_link(workspace)
    with session_scope(workspace.database_url) as s:
        recs = load_records(s)
    surnames: dict[int, set[str]] = defaultdict(set)
    sources: dict[int, set[str]] = defaultdict(set)
    for rec in recs:
        surnames[rec["person_id"]].add(rec["full_name"].split()[0])
        sources[rec["person_id"]].add(rec["source"])
    joined = sorted(sorted(names) for names in surnames.values() if len(names) > 1)
    assert joined == [], f"persons joining different surnames: {len(joined)}"
    # the copy's records still find their originals
    assert sum(1 for s in sources.values() if s == {"viasna_admin", "partner"}) >= 55


def test_explain_weighs_a_pair_never_stored_as_the_run_does(workspace, tmp_path) -> None:
    """``reckon explain`` of two records of one court session that the run did not store shows the one-event
    step, with the weight the run's own function gives that pair on all the run's records."""
    from reckon.ingest import import_file
    from reckon.link import engine as eng
    from reckon.link import run_link
    from reckon.link.features import prepare
    from reckon.link.review import explain
    from reckon.store import link_queries as q
    from reckon.store.db import session_scope
    from reckon.store.link_queries import latest_run, load_records

    import_file(workspace, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    import_file(workspace, _copy_of_first_records(tmp_path / "copy.csv", 60), "partner")  # the session's extras
    run_link(workspace)
    with session_scope(workspace.database_url) as s:
        run = latest_run(s)
        model, settings = dict(run.model), dict(run.settings)
        recs = load_records(s)
        stored = {(int(a), int(b)) for a, b in q.pair_keys(s)}
    assert len(settings["event_shares"]) >= 3  # each event column and their sets, kept with the run
    frame = prepare(recs, columns=eng.model_columns(model))
    cols = events.event_columns(model, frame)
    session = frame.dropna(subset=cols).groupby([frame[c].astype(str) for c in cols])["unique_id"].apply(sorted)
    candidates = [(a, b) for ids in session for i, a in enumerate(ids) for b in ids[i + 1:]
                  if (a, b) not in stored]
    assert candidates, "no unstored pair of one session in the list"
    a, b = (int(x) for x in candidates[0])
    steps = {st["comparison"]: st["weight"] for st in explain(workspace, a, b)["steps"]}
    assert events.NAME in steps and steps[events.NAME] < 0
    pair = pd.DataFrame({"record_a": [a], "record_b": [b], "match_weight": [0.0], "match_probability": [0.5]})
    expected = events.beyond_fields(pair, model, frame, settings)[events.WEIGHT].iloc[0]
    assert steps[events.NAME] == pytest.approx(expected, abs=1e-4)
