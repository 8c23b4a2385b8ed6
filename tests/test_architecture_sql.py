"""store/ owns every query: no module above it builds SQL, as text or with SQLAlchemy's query constructs.

The scan reads every module of src/reckon with ast (nothing is imported or run): an import of a query
construct from SQLAlchemy (select, insert, update, delete, text, func, ...) or a string that reads as a
SQL statement outside src/reckon/store fails the test, naming the file, the line and what was found.
Sessions themselves (``sqlalchemy.orm.Session`` as a type, ``session.add`` / ``session.get`` of a stored
object) are the unit of work, not queries, and stay allowed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "reckon"

# Packages another change is still moving into store/ (issue 20): the lead tightens this after merging.
STILL_CONVERTING: tuple[str, ...] = ()
# Modules whose SQL is not the register's, each with its reason (the scan checks the entry still holds SQL).
NOT_THE_REGISTER = {
    # rigour's name corpus remembered per word in a SQLite file of the user's cache directory (three plain
    # statements over one table): no workspace, no session, and importing store (SQLAlchemy) would slow the
    # pure names library that `reckon names show` loads alone.
    "reckon/names/corpus.py",
    # DuckDB over linkage's own in-memory frames (Splink's working database: features, training samples,
    # blocking checks), never the register; every query of the workspace is in store/link_queries.py.
    "reckon/link/diagnose.py",
    "reckon/link/features.py",
    "reckon/link/training.py",
}

# What SQLAlchemy offers for writing queries. Types, the ORM session and exceptions are not in here.
QUERY_CONSTRUCTS = {
    "select", "insert", "update", "delete", "text", "func", "and_", "or_", "not_", "exists", "literal",
    "literal_column", "union", "union_all", "case", "bindparam", "column", "table", "tuple_", "true", "false",
    "null", "distinct", "cast", "join", "outerjoin", "lateral", "values", "over", "aliased", "any_", "all_",
}
QUERY_MODULES = ("sqlalchemy", "sqlalchemy.sql", "sqlalchemy.sql.expression", "sqlalchemy.orm",
                 "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql", "sqlalchemy.future")

# A statement, not a word: "select COLUMNS from", "insert into", "update x set", "delete from", DDL, pragmas.
SQL_TEXT = re.compile(
    r"^\s*(select\s+(distinct\s+)?[\w.\"()*]+(\s*,\s*[\w.\"()*]+)*(\s+as\s+\w+)?\s+from\s|insert\s+(or\s+\w+\s+)?into\s|update\s+\S+\s+set\s|delete\s+from\s|"
    r"create\s+(unique\s+)?(table|index|view)\s|drop\s+(table|index|view)\s|alter\s+table\s|pragma\s+\w+|"
    r"set\s+transaction\s|copy\s+\S+\s+from\s)",
    re.IGNORECASE | re.DOTALL)


def _package(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (prose may well say "select ... from")."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def violations(path: Path) -> list[str]:
    """What in one module writes SQL: 'file:line what'."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docs = _docstrings(tree)
    rel = path.relative_to(SRC.parent)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in QUERY_MODULES:
            names = sorted(a.name for a in node.names if a.name in QUERY_CONSTRUCTS)
            if names:
                found.append(f"{rel}:{node.lineno} imports {', '.join(names)} from {node.module}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in ("sqlalchemy", "sa") and node.attr in QUERY_CONSTRUCTS:
            found.append(f"{rel}:{node.lineno} uses {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and SQL_TEXT.match(node.value):
            found.append(f"{rel}:{node.lineno} SQL text {node.value.strip()[:40]!r}")
        elif isinstance(node, ast.JoinedStr):
            head = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if SQL_TEXT.match(head):
                found.append(f"{rel}:{node.lineno} SQL f-string {head.strip()[:40]!r}")
    return found


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if _package(p) != "store")


def test_no_sql_outside_the_store() -> None:
    found = [v for p in modules() if _package(p) not in STILL_CONVERTING
             and str(p.relative_to(SRC.parent)) not in NOT_THE_REGISTER for v in violations(p)]
    assert not found, "SQL outside src/reckon/store (move it into the stage's store module):\n" + "\n".join(found)


def test_the_allow_list_names_only_packages_that_still_need_it() -> None:
    """An allow-listed package that no longer writes SQL is taken off the list, so it stays clean."""
    clean = [pkg for pkg in STILL_CONVERTING
             if not any(violations(p) for p in modules() if _package(p) == pkg)]
    assert not clean, f"no SQL left in {clean}: remove them from STILL_CONVERTING"
    gone = [m for m in NOT_THE_REGISTER if not violations(SRC.parent / m)]
    assert not gone, f"no SQL left in {gone}: remove them from NOT_THE_REGISTER"


@pytest.mark.parametrize("source, expected", [
    ("from sqlalchemy import select, Integer\n", "imports select"),
    ("import sqlalchemy as sa\nsa.update(1)\n", "uses sa.update"),
    ("from sqlalchemy.orm import aliased\n", "imports aliased"),
    ("def f(c):\n    c.execute('SELECT id FROM record')\n", "SQL text"),
    ("def f(c, n):\n    c.execute(f'select count(*) from \"{n}\"')\n", "SQL f-string"),
    ("def f(c):\n    c.execute('PRAGMA busy_timeout=50')\n", "SQL text"),
    ("x = 'insert into person (id) values (1)'\n", "SQL text"),
])
def test_the_scan_finds_sql(tmp_path, source: str, expected: str, monkeypatch) -> None:
    pkg = tmp_path / "reckon" / "somestage"
    pkg.mkdir(parents=True)
    path = pkg / "mod.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "SRC", tmp_path / "reckon")
    assert any(expected in v for v in violations(path))


@pytest.mark.parametrize("source", [
    "from sqlalchemy.orm import Session\nfrom sqlalchemy.exc import OperationalError\n",
    '"""Select the rows from the list that update the person set."""\n',
    "x = 'select a list from the menu'\n",
    "def f():\n    '''DELETE FROM the docstring is prose.'''\n",
])
def test_the_scan_leaves_sessions_types_and_prose_alone(tmp_path, source: str, monkeypatch) -> None:
    pkg = tmp_path / "reckon" / "somestage"
    pkg.mkdir(parents=True)
    path = pkg / "mod.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "SRC", tmp_path / "reckon")
    assert violations(path) == []
