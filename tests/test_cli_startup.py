"""Start-up: `reckon names show` and `reckon news extract` load no heavy library they do not use.

Why: the goal is under 1 s warm (benchmarks/startup.py); one top-level import of a link module from a CLI
module loaded Splink, pandas and SQLAlchemy into every command (4.7 s of imports on a busy machine). Wall
time is not behaviour on a shared machine, so this checks what a command imports, in its own process.
"""

from __future__ import annotations

import os
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


# The shape of the script pip writes for the ``reckon`` console script (project.scripts: reckon.cli:main).
CONSOLE_SCRIPT = ("import sys\n{top}from reckon.cli import main\n"
                  "if __name__ == '__main__':\n"
                  "    import multiprocessing\n"
                  "    from spawned_probe import loaded\n"
                  "    ctx = multiprocessing.get_context('spawn')\n"
                  "    queue = ctx.Queue()\n"
                  "    worker = ctx.Process(target=loaded, args=(queue,))\n"
                  "    worker.start()\n"
                  "    print(' '.join(queue.get()))\n"
                  "    worker.join()\n")


def test_a_worker_spawned_from_the_console_script_loads_no_cli(tmp_path) -> None:
    """multiprocessing's spawn runs the parent's main script again in the child (as ``__mp_main__``)
    before the target: for the ``reckon`` console script that is ``from reckon.cli import main``, which
    must load neither Typer nor Rich (the import's reader worker and the histories build workers paid
    0.09 s of CPU each for them)."""
    (tmp_path / "spawned_probe.py").write_text(
        "import sys\n\n\ndef loaded(queue):\n"
        "    queue.put(sorted(m for m in ('typer', 'rich', 'click', 'reckon.cli.common', 'reckon.i18n')"
        " if m in sys.modules))\n")
    env = reckon_env(PYTHONPATH=os.pathsep.join([reckon_env()["PYTHONPATH"], str(tmp_path)]))

    def child_loads(top: str) -> list[str]:
        script = tmp_path / "reckon"
        script.write_text(CONSOLE_SCRIPT.format(top=top))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                              env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr[-500:]
        return done.stdout.split()

    assert child_loads("") == []
    assert "typer" in child_loads("import typer\n")   # the probe sees what the script loads
