"""Start-up: wall and CPU time of ``reckon names show NAME`` and ``reckon news extract ARTICLE``, cold and warm,
and of ``reckon --help`` and ``reckon count --help`` in Belarusian (the help pages are translated as printed).

Each command runs as its own process (``subprocess``), as a documenter runs it. *Cold* is the first run
with the names index removed (a fresh, empty cache directory: rigour's corpus has to be built); *warm*
runs the same command again, with the index the cold run left (see ``reckon.names.corpus``). The goal is
under 1 s wall warm. CPU (user + system of the child) is printed beside wall time because on a shared
machine wall time also measures the other processes; the load average is printed for the same reason.

    .venv/bin/python benchmarks/startup.py [--name NAME] [--article FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT.parent / "shared" / "eval" / "news" / "articles" / "article_01.txt"


def run(args: list[str], cache: Path, **extra: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``reckon`` process with ``cache`` as its XDG cache home (and the
    environment variables ``extra``)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), **extra)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from reckon.cli import main; main()", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"reckon {args[0]} {args[1]} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="Лупакоў Іван Сцяпанавіч", help="a (made-up) name to show")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="one article file")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per command (the best is printed)")
    args = parser.parse_args(argv)
    if not args.article.exists():
        print(f"error: {args.article} is absent (evaluation articles live in ../shared)", file=sys.stderr)
        return 1
    commands = {"names show": ["names", "show", args.name], "news extract": ["news", "extract", str(args.article)],
                "--help (be)": ["--help"], "count --help (be)": ["count", "--help"]}
    belarusian = {"LANG": "be_BY.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "RECKON_LANG": ""}
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'command':<18} {'cold wall':>10} {'cold CPU':>9} {'warm wall':>10} {'warm CPU':>9}")
    for label, cmd in commands.items():
        extra = belarusian if "(be)" in label else {}
        with tempfile.TemporaryDirectory() as tmp:
            cold = run(cmd, Path(tmp), **extra)
            warm = min((run(cmd, Path(tmp), **extra) for _ in range(max(1, args.repeat))), key=lambda r: r[0])
        print(f"{label:<18} {cold[0]:>9.2f}s {cold[1]:>8.2f}s {warm[0]:>9.2f}s {warm[1]:>8.2f}s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
