"""Shared fixtures: real workspaces on SQLite files and on the local PostgreSQL server.

PostgreSQL tests get a fresh database cloned from a template upgraded once per session. Where no server
is reachable they skip with the reason, except under CI (CI=true), where that is a failure: every test
that needs a part the machine may lack (PostgreSQL, ../shared, Chromium, Spark and Java, Linux /proc) goes
through :func:`unavailable`, and no test skips any other way (tests/test_no_quiet_skips.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import HealthCheck, settings

# Property tests search new random examples on every run on a developer's machine (that is how they find
# rare cases); under CI (CI=true) they replay a fixed sequence, so a landing is judged on the code, not
# on the luck of the draw. A case found locally is kept as an @example. Timing is not behaviour: a busy
# machine must not fail a property (no per-example deadline, no "too slow" health check).
_calm = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", **_calm)
settings.register_profile("ci", derandomize=True, **_calm)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# reckon.names keeps rigour's corpus answers in the user's cache (reckon.names.corpus): tests keep theirs in
# a folder of their own, so a run neither reads nor writes the developer's cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="reckon-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECKON_SHARED", ROOT.parent / "shared"))
PG_ADMIN_URL = os.environ.get("RECKON_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def unavailable(why: str) -> NoReturn:
    """A part this test needs is missing: a skip saying why on a developer's machine, a failure under CI
    (CI=true), where every part is installed, so that a missing part never passes as a quiet skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{why} (under CI every part is there: this is a failure, not a skip)")
    pytest.skip(why)


def shared_path(*parts: str) -> Path:
    """A file in ../shared/eval; absent, a skip saying why (a failure under CI: CI has ../shared beside it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        unavailable(f"{path} is absent: evaluation data lives in ../shared beside the project")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """Name of a template database holding the current schema (created once per test session)."""
    from sqlalchemy import create_engine, text

    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        unavailable(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"reckon_tpl_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    from reckon.store.db import dispose_engines, upgrade

    upgrade(url)
    dispose_engines()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database with the schema, dropped after the test."""
    from sqlalchemy import create_engine, text

    from reckon.store.db import dispose_engines

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"reckon_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path: Path) -> Iterator[str]:
    """An empty database (no schema yet), SQLite or PostgreSQL: for tests of migrations from an old schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    from sqlalchemy import create_engine, text

    from reckon.store.db import dispose_engines

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"reckon_m_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    dispose_engines()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> str:
    """Each test using this runs twice: on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reckon.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def workspace(db_url: str, tmp_path: Path):
    """An initialised workspace on ``db_url`` (SQLite or PostgreSQL)."""
    from reckon.config import init_workspace

    return init_workspace(tmp_path / "ws", database_url=db_url)


@pytest.fixture
def sqlite_workspace(tmp_path: Path):
    """A workspace on its default embedded SQLite database (for tests that need only one backend)."""
    from reckon.config import init_workspace

    return init_workspace(tmp_path / "ws")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never pick up a developer's own workspace or database from the environment."""
    monkeypatch.delenv("RECKON_WORKSPACE", raising=False)
    monkeypatch.delenv("RECKON_DATABASE_URL", raising=False)
    # Pages, reports and messages in English unless a test asks for another language (tests/test_i18n.py
    # checks Belarusian as the default without it).
    monkeypatch.setenv("RECKON_LANG", "en")
    yield
    from reckon.store.db import dispose_engines

    dispose_engines()


@pytest.fixture(scope="session")
def viasna_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real-lists workspace of the report tests, built once per session: Viasna's two lists and the
    EU's annex of sanctioned persons, linked, the prisoners' list dated 2024-03-04. Used by
    tests/test_report_realdata.py (which adds the real news) and tests/test_report_pdf_realdata.py, each
    then forcing its estimate. On its default SQLite file, so the folder moves: a test copies it with
    :func:`copy_workspace` and writes only to its copy."""
    from typer.testing import CliRunner

    from reckon.cli import _build
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(tmp_path_factory.mktemp("viasna_ws") / "ws")
    app, root = _build(), str(ws.root)
    steps = [
        ["import", str(shared_path("eval", "lists", "viasna_political_prisoners_sample.csv")),
         "--source", "Вясна: палітвязні"],
        ["import", str(shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")),
         "--source", "Вясна: адміністрацыйныя справы"],
        ["sanctions", "import", str(shared_path("eval", "linkage", "eu_blr_annex_ia_persons.csv")), "--source", "EU"],
        ["link"],
        ["histories", "source", "Вясна: палітвязні", "--list-date", "2024-03-04"],
    ]
    for step in steps:
        result = CliRunner().invoke(app, [*step, "--workspace", root], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    dispose_engines()
    yield ws.root


def copy_workspace(source: Path, dest: Path) -> Path:
    """A copy of the SQLite workspace folder ``source`` at ``dest`` (its config names no path: it moves)."""
    shutil.copytree(source, dest)
    return dest
