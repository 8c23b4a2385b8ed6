"""The short cuts a web request takes (issue 18, search p95 at a million records) give what the long way
gave: whole numbers as Babel writes them, and pooled PostgreSQL connections that are pinged only after
sitting idle still recover from a server that dropped them."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from reckon import i18n


@given(st.one_of(st.integers(-10**15, 10**15), st.floats(-1e12, 1e12, allow_nan=False)),
       st.sampled_from(i18n.LANGUAGES))
def test_whole_numbers_are_written_as_babel_writes_them(value: float, lang: str) -> None:
    with i18n.use(lang):
        assert i18n.number(value) == format_decimal(round(value), format="#,##0", locale=lang)


def test_numbers_by_language_examples() -> None:
    with i18n.use("be"):
        assert i18n.number(1405) == "1\xa0405" and i18n.number(-1405.4) == "-1\xa0405"
    with i18n.use("en"):
        assert i18n.number(1405) == "1,405" and i18n.number(None) == "—" and i18n.number(2.345, 2) == "2.35"


@pytest.mark.postgres
def test_a_dropped_idle_connection_is_replaced_before_use(pg_url, monkeypatch) -> None:
    from reckon.store import db
    from reckon.store.db import get_engine, session_scope

    with session_scope(pg_url) as s:
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:   # the server ends the pooled connection (a restart, a proxy's idle cut)
        assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
    admin.dispose()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)   # it has now sat idle long enough to be pinged
    with session_scope(pg_url) as s:
        assert s.execute(text("SELECT pg_backend_pid()")).scalar() != pid
    assert get_engine(pg_url).pool.checkedout() == 0
