"""The package's import graph, read from the source with ast: no circles, no back-arrow to the CLI, no
import by name at run time.

Every import counts, the ones inside functions too (a lazy import is still an arrow); only imports under
``if TYPE_CHECKING:`` are left out, since they never run. ``from reckon.web import api`` is an arrow to
the module ``reckon.web.api``; ``from reckon.sanctions import decide`` one to the package's ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "reckon"

# Circles known and being removed: none now. An entry that is no longer a circle fails below, so the list
# only shrinks.
KNOWN_CYCLES: set[frozenset[str]] = set()
# Imports by name that stay, each with its reason.
BY_NAME_ALLOWED = {
    # build step only (python -m reckon.names.given): Faker's per-locale person modules are known only by listing their folder.
    "reckon.names.buildforms",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                skip.update(id(n) for n in ast.walk(stmt))
    return skip


def _base(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        skip = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                graph.add_edges_from((module, a.name) for a in node.names if a.name in MODULES)
            elif isinstance(node, ast.ImportFrom):
                base = _base(module, node)
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    if target in MODULES:
                        graph.add_edge(module, target)
                    elif base in MODULES:
                        graph.add_edge(module, base)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph()


def test_the_graph_sees_the_package(graph: nx.DiGraph) -> None:
    # A reader that found nothing would pass every test below: check it sees known arrows, lazy ones too.
    assert len(graph) > 150
    assert graph.has_edge("reckon.web.app", "reckon.web.api")           # inside create_app
    assert graph.has_edge("reckon.ingest.mapping", "reckon.dates")
    assert graph.has_edge("reckon.cli.register", "reckon.demo")


def test_no_import_cycle(graph: nx.DiGraph) -> None:
    cycles = {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}
    new = [sorted(c) for c in cycles - KNOWN_CYCLES]
    assert not new, "import cycles: " + "; ".join(
        " -> ".join([*cyc, cyc[0]]) for c in new for cyc in [next(nx.simple_cycles(graph.subgraph(c)))])
    gone = [sorted(c) for c in KNOWN_CYCLES - cycles]
    assert not gone, f"no longer a cycle, drop it from KNOWN_CYCLES: {gone}"


def test_nothing_below_the_cli_imports_it(graph: nx.DiGraph) -> None:
    entry = {"reckon.__main__"}
    back = sorted((a, b) for a, b in graph.edges
                  if b.startswith("reckon.cli") and not a.startswith("reckon.cli") and a not in entry)
    assert not back, f"modules below the CLI import it: {back}"


ENTRY_POINTS = ("reckon.cli", "reckon.web", "reckon.report")


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _entry(module: str) -> bool:
    return any(_under(module, e) for e in ENTRY_POINTS)


def test_below_the_entry_points_nothing_imports_one(graph: nx.DiGraph) -> None:
    # The floors: entry points (cli, web, report) -> services -> stages -> pure libraries and store. A
    # service or a stage that imported web or report would be an arrow pointing up.
    up = sorted((a, b) for a, b in graph.edges if _entry(b) and not _entry(a) and a != "reckon.__main__")
    assert not up, f"modules below the entry points import them: {up}"
    assert graph.has_edge("reckon.cli.register", "reckon.services.summary")  # the check sees the arrows


# The arrows from one entry point to another that stay: the CLI launches the other two, as datasette's
# cli.py builds its app. `reckon serve` builds and runs the web app, `reckon worker` runs the web app's job
# queue, `reckon report` writes the report file. Nothing else: what two entry points both show comes from a
# service below them (reckon.services.dashboard, reckon.services.report, reckon.services.accounts, ...).
LAUNCHES = {
    ("reckon.cli.web", "reckon.web.app"),
    ("reckon.cli.web", "reckon.web.worker"),
    ("reckon.cli.web", "reckon.report.build"),
}


def _entry_point(module: str) -> str | None:
    return next((e for e in ENTRY_POINTS if _under(module, e)), None)


def test_no_entry_point_imports_another(graph: nx.DiGraph) -> None:
    # cli, web and report stand side by side on the top floor: the web app's dashboard and report download
    # and `reckon report` read the same services; the CLI's `reckon users` and `reckon backup` call the
    # services the web app calls. An arrow between two of them would make one entry point the library of
    # another.
    across = sorted((a, b) for a, b in graph.edges
                    if _entry_point(a) and _entry_point(b) and _entry_point(a) != _entry_point(b))
    assert set(across) - LAUNCHES == set(), f"entry points import one another: {sorted(set(across) - LAUNCHES)}"
    assert LAUNCHES <= set(across), f"no longer imported, drop from LAUNCHES: {sorted(LAUNCHES - set(across))}"
    # the check sees the arrows it forbids: the shared reads are below both
    assert graph.has_edge("reckon.web.pages", "reckon.services.dashboard")
    assert graph.has_edge("reckon.report.build", "reckon.services.report")


def test_the_step_after_a_write_is_a_service(graph: nx.DiGraph) -> None:
    # after_change (histories, then the dashboard's summary) is reckon.services.summary's: the CLI and the
    # web's jobs call it there. The old modules reckon.report.summary, .data, .dashboard are gone.
    assert graph.has_edge("reckon.web.jobs", "reckon.services.dashboard")
    for gone in ("reckon.report.summary", "reckon.report.data", "reckon.report.dashboard",
                 "reckon.report.suppression", "reckon.web.accounts"):
        assert gone not in graph


def _by_name(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in {"import_module", "__import__", "spec_from_file_location", "find_spec"}:
                lines.append(node.lineno)
    return lines


def test_no_import_by_name_at_run_time() -> None:
    found = {m: lines for m, p in MODULES.items() if (lines := _by_name(ast.parse(p.read_text(encoding="utf-8"))))}
    assert set(found) - BY_NAME_ALLOWED == set(), f"imports by name: {found}"
    assert _by_name(ast.parse("import importlib\nimportlib.import_module('reckon.x')\n")) == [2]
