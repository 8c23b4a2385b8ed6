"""Search finds a person written with initials, as courts write names (issue 18): "Дубраков И.В.",
"DUBRAKOV I.V.", "Дубраков И." find the made-up Дубракоў Іван Віктаравіч in any script, and not a
Дубракоў whose initials differ."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROWS = """id,full_name,birth_date
A1,Дубракоў Іван Віктаравіч,1971-02-03
A2,Dubrakou Ivan Viktaravich,1971-02-03
A3,Дубракоў Пётр Сяргеевіч,1980-05-06
A4,Смірнова Вольга Іванаўна,1990-01-01
"""


@pytest.fixture
def indexed(sqlite_workspace, tmp_path):
    from reckon.ingest import import_file
    from reckon.web import search

    path = tmp_path / "made_up.csv"
    path.write_text(ROWS, encoding="utf-8")
    import_file(sqlite_workspace, path, "Made-up court list")
    search.build(sqlite_workspace.database_url)
    return sqlite_workspace


def found(ws, query: str) -> set[str]:
    from sqlalchemy import select

    from reckon.store.db import session_scope
    from reckon.store.models import Record
    from reckon.web import search

    with session_scope(ws.database_url) as s:
        ids = search.search(s, query)
        return set(s.execute(select(Record.external_id).where(Record.id.in_(ids))).scalars())


@pytest.mark.parametrize("query", ["Дубраков И.В.", "DUBRAKOV I.V.", "Дубракоў І. В.", "Dubrakou I.V."])
def test_surname_and_both_initials(indexed, query: str) -> None:
    assert found(indexed, query) == {"A1", "A2"}


def test_one_initial_and_initials_that_differ(indexed) -> None:
    assert found(indexed, "Дубраков И.") == {"A1", "A2"}
    assert found(indexed, "Дубраков П.С.") == {"A3"}
    assert found(indexed, "Дубраков С.") == {"A3"}  # the patronymic's initial alone
    assert found(indexed, "Дубраков К.К.") == set()
    assert found(indexed, "Смирнова В.И.") == {"A4"}


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="АБВГДИІЙКЛМНПРСТУЎЯABCDIJKLMNPRSTUVY .", max_size=12))
def test_initials_never_fail(query: str) -> None:
    from reckon.web import search

    for word in search.words(query):
        if len(word) == 1:
            keys = search.initial_keys(word)
            assert word in keys and all(len(k) == 1 for k in keys)
