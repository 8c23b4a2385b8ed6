"""Two search-index builds at once (each web import job ends with one; several workers run side by side)
on a real register, SQLite and PostgreSQL: neither fails and no record is keyed twice.

The builds run in two threads, each on its own sessions and connections. So that they meet where a
read-then-insert of the index's progress row broke (both read "no row", both insert it), a listener on the
real engine holds each thread's first write of ``web_state`` until the other has reached its own, or two
seconds have passed (a build that correctly waits for the other's lock never reaches it in time).
"""

from __future__ import annotations

import csv
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import event, func, select

from reckon.ingest import import_file
from reckon.store.db import get_engine, session_scope
from reckon.store.models import Record
from reckon.store.web import SearchKey, WebState
from reckon.web import search

SURNAMES = ["Дубракоў", "Лукашэвіч", "Смирнова", "Kavaliou", "Ткачук", "Жукава", "Каваль", "Tkachuk"]
GIVEN = ["Іван", "Аляксандр", "Maryia", "Вольга", "Сяргей", "Тацяна", "Андрэй", "Ольга", "Siarhei"]


def _register(workspace, tmp_path: Path) -> int:
    path = tmp_path / "people.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name"])
        w.writerows((f"P{i}", f"{s} {g}") for i, (s, g) in enumerate((s, g) for s in SURNAMES for g in GIVEN))
    import_file(workspace, path, "made-up list")
    return len(SURNAMES) * len(GIVEN)


def _meet_at_first_state_write(url: str, wait: float = 2.0):
    """Hold each thread's first statement writing ``web_state`` until the other thread's first one comes,
    or ``wait`` seconds pass. Returns the listener (to remove)."""
    arrived: set[int] = set()
    cond = threading.Condition()

    def hook(conn, cursor, statement, params, context, executemany) -> None:
        head = " ".join(statement.split()[:3]).lower()
        if not (head.startswith("insert into web_state") or head.startswith("update web_state")):
            return
        me = threading.get_ident()
        with cond:
            if me in arrived:
                return
            arrived.add(me)
            cond.notify_all()
            cond.wait_for(lambda: len(arrived) >= 2, timeout=wait)

    event.listen(get_engine(url), "before_cursor_execute", hook)
    return hook


def test_two_index_builds_at_once_neither_fails_nor_keys_a_record_twice(workspace, tmp_path, monkeypatch) -> None:
    url = workspace.database_url
    n = _register(workspace, tmp_path)
    monkeypatch.setattr(search, "BATCH", 25)   # several batches each, so that the two builds interleave
    hook = _meet_at_first_state_write(url)
    results: list[dict] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def one_build() -> None:
        try:
            start.wait(10)
            results.append(search.build(url))
        except BaseException as exc:  # handed to the assertions below
            errors.append(exc)

    threads = [threading.Thread(target=one_build) for _ in range(2)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    event.remove(get_engine(url), "before_cursor_execute", hook)
    assert not any(t.is_alive() for t in threads), "a build hung"
    assert not errors, [type(e).__name__ + ": " + str(e).splitlines()[0] for e in errors]
    assert time.monotonic() - t0 < 60

    # Every record indexed exactly once between the two builds, each of its keys once.
    assert sum(r["records_indexed"] for r in results) == n
    with session_scope(url) as s:
        pairs = Counter(tuple(r) for r in s.execute(select(SearchKey.record_id, SearchKey.key)).all())
        top = s.execute(select(func.max(Record.id))).scalar()
        progress = s.get(WebState, search.STATE).value
        names = {rid: (full, sur, given, patr) for rid, full, sur, given, patr in s.execute(
            select(Record.id, Record.full_name, Record.surname, Record.given_name, Record.patronymic)).all()}
    assert max(pairs.values()) == 1
    assert set(pairs) == {(rid, key) for rid, nm in names.items() for key in search.keys_for(nm)}
    assert progress == {"scheme": search.search_scheme(), "max_record_id": top}
    with session_scope(url) as s:   # and the search finds what was indexed
        assert len(search.search(s, "Дубраков", limit=100)) == len(GIVEN)


def test_two_writers_saving_a_state_at_once_leave_the_second_value(workspace) -> None:
    # The same row saved by two transactions at once: the second waits for the first's uncommitted row
    # and replaces it (a read-then-insert failed there on the row's key, on PostgreSQL).
    from reckon.store.db import session_factory
    from reckon.store.web import save_state, state

    url = workspace.database_url
    first = session_factory(url)()
    save_state(first, "race", {"n": 1})  # inserted, not yet committed
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with session_scope(url) as s:
                save_state(s, "race", {"n": 2})
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(1)  # waits on the first's uncommitted row (PostgreSQL) or the write lock (SQLite)
    first.commit()
    first.close()
    thread.join(30)
    assert not errors
    with session_scope(url) as s:
        assert state(s, "race") == {"n": 2}
