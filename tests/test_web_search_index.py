"""The search query over the covering indexes finds exactly the records a plain reading of the matching
rule finds: every query word matches one of the record's keys exactly, as a prefix (3+ letters), or as an
initial (made-up people, a SQLite register; hypothesis draws the queries)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from reckon.config import init_workspace
from reckon.ingest import import_file
from reckon.store.db import session_scope
from reckon.store.models import Record
from reckon.web import search

SURNAMES = ["Дубракоў", "Дубраков", "Dubrakou", "Лукашэвіч", "Лукашевич", "Смірноў", "Смирнова", "Kavaliou",
            "Каваль", "Кавалёў", "Ткачук", "Tkachuk", "Жук", "Жукава"]
GIVEN = ["Іван Віктаравіч", "Иван Викторович", "Ivan", "Аляксандр", "Александр", "Maryia", "Мария", "Вольга",
         "Ольга", "Сяргей", "Siarhei", "Тацяна", "Андрэй"]
NAMES = [f"{s} {g}" for i, s in enumerate(SURNAMES) for j, g in enumerate(GIVEN) if (i + j) % 3 == 0]


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> tuple[str, dict[int, set[str]]]:
    root = tmp_path_factory.mktemp("search")
    ws = init_workspace(root / "ws")
    path = root / "people.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name"])
        w.writerows((f"S{i}", name) for i, name in enumerate(NAMES))
    import_file(ws, path, "made-up list")
    search.build(ws.database_url)
    with session_scope(ws.database_url) as s:
        rows = s.execute(select(Record.id, Record.full_name, Record.surname, Record.given_name, Record.patronymic)
                         .where(Record.is_current.is_(True))).all()
    return ws.database_url, {rid: search.keys_for(names) for rid, *names in rows}


def _expected(keys_of: dict[int, set[str]], query: str) -> list[int]:
    words = list(dict.fromkeys(search.words(query)))[:6]

    def matches(keys: set[str], word: str) -> bool:
        if len(word) == 1:
            return any(k.startswith(letter) for k in keys for letter in search.initial_keys(word))
        wanted = search.word_keys(word)
        return bool(keys & wanted) or (len(word) >= 3 and any(k.startswith(word) for k in keys))

    return sorted(rid for rid, keys in keys_of.items() if words and all(matches(keys, w) for w in words))


WORDS = [w for name in NAMES for w in name.split()]
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(lambda w: w[:3]),
                 st.sampled_from(WORDS).map(lambda w: w[0] + "."), st.sampled_from(["Ivanov", "Zzz", "Ан"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(word, min_size=1, max_size=3))
def test_search_finds_what_the_rule_says(register, words: list[str]) -> None:
    url, keys_of = register
    query = " ".join(words)
    with session_scope(url) as s:
        found = search.search(s, query, limit=500)
    assert found == _expected(keys_of, query)


def test_a_rare_surname_and_a_common_given_name(register) -> None:
    url, keys_of = register
    for query in ("Дубраков Иван", "DUBRAKOU I.V.", "Ткачук Ольга", "Kavaliou Maryia", "Жук А."):
        with session_scope(url) as s:
            assert search.search(s, query, limit=500) == _expected(keys_of, query), query
    assert Path(url[len("sqlite:///"):]).exists()
