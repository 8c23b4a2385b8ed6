"""The simulator's promises: seeded, truthful, messy in the ways chosen, and writable as real CSV lists."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from reckon.simulate import NOISE_LEVELS, simulate_captures, simulate_world


def test_same_seed_same_world_other_seed_other_world() -> None:
    a = simulate_world(seed=7, n_people=300, n_lists=3)
    b = simulate_world(seed=7, n_people=300, n_lists=3)
    c = simulate_world(seed=8, n_people=300, n_lists=3)
    assert a.lists == b.lists and a.truth == b.truth
    assert a.lists != c.lists


def test_truth_covers_every_row_and_counts_add_up() -> None:
    world = simulate_world(seed=1, n_people=500, n_lists=4, noise="medium")
    rows = sum(len(r) for r in world.lists.values())
    assert len(world.truth) == rows
    assert world.n_total == 500
    assert 0 < world.n_documented < 500, "lists must miss some people, or there is nothing to estimate"
    table = world.capture_table()
    assert sum(table.values()) == world.n_documented
    assert all(any(p) for p in table)
    for name, rows_of_list in world.lists.items():
        ids = [row[world.columns[name][0]] for row in rows_of_list]
        assert len(ids) == len(set(ids)), "row ids are unique within a list"


def test_lists_write_names_in_their_own_scripts() -> None:
    world = simulate_world(seed=3, n_people=400, n_lists=5, noise="none")
    def letters(name: str, header: str) -> str:
        return "".join(row[header] for row in world.lists[name])
    assert not any("\u0400" <= ch <= "\u04ff" for ch in letters("viasna", "name"))
    assert any(ch in "іўІЎ" for ch in letters("partner", "Прозвішча, імя, імя па бацьку"))
    court = world.lists["court"]
    assert all(row["ФИО"].endswith(".") for row in court), "court lists give surname and initials"
    assert not any(ch in "іў" for ch in letters("court", "ФИО")), "court records are in Russian"
    assert any(ch in "łŁšžčćńś" for ch in letters("lacinka", "name"))


def test_noise_none_keeps_birth_dates_and_noise_high_loses_some() -> None:
    clean = simulate_world(seed=5, n_people=600, n_lists=2, noise="none")
    messy = simulate_world(seed=5, n_people=600, n_lists=2, noise="high")
    assert all(row["birthday"] for row in clean.lists["viasna"])
    missing = sum(1 for row in messy.lists["viasna"] if not row["birthday"])
    assert missing / len(messy.lists["viasna"]) > 0.15
    # duplicates inside one list: the same person twice
    pids = [messy.truth[("viasna", row["id"])] for row in messy.lists["viasna"]]
    assert len(pids) > len(set(pids))
    assert len(clean.true_pairs()) > 0


def test_same_person_pairs_share_the_birth_year_when_given() -> None:
    world = simulate_world(seed=11, n_people=300, n_lists=3, noise="none")
    people = {p["person_id"]: p for p in world.people}
    for row in world.lists["court"]:
        assert row["год рождения"] == str(people[world.truth[("court", row["номер дела"])]]["birth_date"].year)


def test_write_csvs_round_trips(tmp_path) -> None:
    world = simulate_world(seed=2, n_people=200, n_lists=3)
    paths = world.write_csvs(tmp_path)
    for name, path in paths.items():
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows == world.lists[name]


@pytest.mark.parametrize("bad", [{"noise": "extreme"}, {"n_lists": 1}, {"n_lists": 9}, {"n_people": 0}])
def test_bad_settings_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        simulate_world(seed=1, **bad)


def test_captures_independent_lists_match_their_probabilities() -> None:
    world = simulate_captures(200_000, 3, seed=4, base=(0.2, 0.3, 0.4))
    assert world.n_total == 200_000
    assert (0, 0, 0) not in world.table
    seen = np.zeros(3)
    for pattern, count in world.table.items():
        seen += np.array(pattern) * count
    assert np.allclose(seen / world.n_total, (0.2, 0.3, 0.4), atol=0.005)


def test_heterogeneity_and_dependence_create_positive_overlap() -> None:
    def overlap(world) -> float:
        both = sum(c for p, c in world.table.items() if p[0] and p[1])
        a = sum(c for p, c in world.table.items() if p[0])
        b = sum(c for p, c in world.table.items() if p[1])
        return both * world.n_total / (a * b)   # 1.0 under independence

    indep = simulate_captures(100_000, 2, seed=9, base=(0.2, 0.2))
    dep = simulate_captures(100_000, 2, seed=9, base=(0.2, 0.2), heterogeneity=1.0, dependence=1.0)
    assert abs(overlap(indep) - 1.0) < 0.05
    assert overlap(dep) > 1.3


def test_noise_levels_are_ordered() -> None:
    order = ["none", "low", "medium", "high"]
    for key in NOISE_LEVELS["low"]:
        values = [NOISE_LEVELS[level][key] for level in order]
        assert values == sorted(values)


def test_two_list_worlds_are_shaped_like_the_issue_describes() -> None:
    import re

    from reckon.simulate import simulate_two_lists

    world = simulate_two_lists(seed=4, n_people=2000, n_both=850)
    assert world == simulate_two_lists(seed=4, n_people=2000, n_both=850)
    assert world.n_documented == 2000, "every person is on at least one list"
    lists_of: dict[int, set[str]] = {}
    for (name, _row), pid in world.truth.items():
        lists_of.setdefault(pid, set()).add(name)
    assert sum(1 for s in lists_of.values() if len(s) == 2) == 850
    viasna, partner = world.lists["viasna"], world.lists["partner"]
    assert world.columns["viasna"] == ["id", "name", "status", "gender", "birthday", "arrested", "released"]
    assert world.columns["partner"] == ["№", "ФИО", "Дата рождения", "Дата задержания", "Дата освобождения"]
    assert not any("\u0400" <= ch <= "\u04ff" for row in viasna for ch in row["name"])
    assert all(len(row["ФИО"].split()) == 3 for row in partner)
    belarusian = sum(1 for row in partner if any(ch in "іўІЎ" for ch in row["ФИО"]))
    assert belarusian < 0.01 * len(partner), "Russian Cyrillic (a typo may slip in a Belarusian letter)"
    full = [row["Дата рождения"] for row in partner if row["Дата рождения"].count(".") == 2]
    assert full and all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", d) for d in full)
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", row["Дата задержания"]) for row in partner)
    # surnames are shared: several people per surname, none by a hundred
    per_surname = np.bincount(np.unique([p["surname_ru"].rstrip("а") for p in world.people], return_inverse=True)[1])
    assert per_surname.mean() >= 5 and per_surname.max() < 60
    narrow = simulate_two_lists(seed=4, n_people=2000, n_both=850, columns="names_birth")
    assert narrow.columns["partner"] == ["№", "ФИО", "Дата рождения"]
    assert [r["ФИО"] for r in narrow.lists["partner"]] == [r["ФИО"] for r in partner]
    with pytest.raises(ValueError):
        simulate_two_lists(seed=1, columns="some")
