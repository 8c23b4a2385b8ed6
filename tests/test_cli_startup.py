"""Start-up: `reckon names show` and `reckon news extract` load no heavy library they do not use.

Why: the goal is under 1 s warm (benchmarks/startup.py); one top-level import of a link module from a CLI
module loaded Splink, pandas and SQLAlchemy into every command (4.7 s of imports on a busy machine). Wall
time is not behaviour on a shared machine, so this checks what a command imports, in its own process.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import shared_path
from test_web_support import reckon_env

HEAVY = ("splink", "pandas", "duckdb", "sqlalchemy", "numba", "scipy", "statsmodels", "fastapi")
PROBE = ("import sys, atexit\n"
         "atexit.register(lambda: print('LOADED', ' '.join(sorted(m for m in {heavy!r} if m in sys.modules)),"
         " file=sys.stderr))\n"
         "from reckon.cli import main\nmain()\n")


def _loaded(*args: str, tmp_path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True,
                          timeout=600, env=reckon_env(XDG_CACHE_HOME=str(tmp_path)), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-500:]
    (line,) = [ln for ln in done.stderr.splitlines() if ln.startswith("LOADED")]
    return line.split()[1:]


def test_names_show_and_news_extract_load_no_heavy_library(tmp_path) -> None:
    assert _loaded("names", "show", "Іван Дубракоў", tmp_path=tmp_path) == []
    article = shared_path("eval", "news", "articles", "article_01.txt")
    assert _loaded("news", "extract", str(article), tmp_path=tmp_path) == []
    # The probe sees a heavy library when one is loaded.
    probe = PROBE.format(heavy=HEAVY).replace("from reckon.cli import main", "import pandas\nfrom reckon.cli import main")
    done = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True, text=True, timeout=600,
                          env=reckon_env(XDG_CACHE_HOME=str(tmp_path)), cwd=tmp_path)
    assert "pandas" in done.stderr


def test_building_the_app_again_adds_no_command() -> None:
    """A process that runs many commands (the suite runs them in-process through _build() and main())
    pays for one app: every registration became a Click command again on each run, so before _build()
    was idempotent the suite's later CLI tests ran 25-40 times slower than alone."""
    import typer.main

    from reckon.cli import _build

    app = _build()
    commands, groups = len(app.registered_commands), len(app.registered_groups)
    export = typer.main.get_command(app).commands["export"]
    assert commands > 20 and groups > 5
    for _ in range(3):
        assert _build() is app
    assert (len(app.registered_commands), len(app.registered_groups)) == (commands, groups)
    assert sorted(typer.main.get_command(app).commands["export"].commands) == sorted(export.commands)
