"""Import and link speed on an encrypted workspace (SQLCipher) beside a plain one (SQLite).

Both workspaces get the same synthetic lists (two sources of the same made-up people, the second with
some spelling changes), imported with ``reckon.ingest.service.import_file`` and linked with
``reckon.link.service.run_link`` (Splink on DuckDB), each workspace in its own child process so that
neither warms the other's caches. The goal is the encrypted run within 1.3x of the plain one.

Usage: python benchmarks/encrypted_speed.py [--n 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = ["Кавалёў", "Новікаў", "Марозаў", "Ваўчок", "Казлоў", "Лебедзеў", "Сакалоў", "Попелаў", "Жукоўскі",
            "Кузняцоў", "Зайцаў", "Паўлаў", "Голубеў", "Віннікаў", "Мельнікаў", "Ткачук", "Карповіч"]
GIVEN = ["Уладзімір", "Аляксандр", "Дзмітрый", "Ігар", "Сяргей", "Андрэй", "Марыя", "Вольга", "Алена", "Ганна"]


def write_lists(folder: Path, n: int) -> tuple[Path, Path]:
    a, b = folder / "a.csv", folder / "b.csv"
    with a.open("w", encoding="utf-8") as fa, b.open("w", encoding="utf-8") as fb:
        for fh in (fa, fb):
            fh.write("id,name,birth_date,place_of_detention\n")
        for i in range(n):
            name = f"{SURNAMES[i % 17]}{'ич' * (i // 5000)} {GIVEN[(i * 7) % 10]} {i % 997}"
            birth = f"{1 + i % 28:02d}.{1 + (i // 28) % 12:02d}.{1940 + (i // 336) % 60}"
            fa.write(f"A{i},{name},{birth},калонія №{i % 23}\n")
            if i % 3:  # two thirds of them are on the second list too, some spelt differently
                fb.write(f"B{i},{name.replace('ў', 'в') if i % 5 == 0 else name},{birth},\n")
    return a, b


def run_one(kind: str, folder: Path, a: Path, b: Path) -> dict:
    from reckon.config import init_workspace
    from reckon.ingest.service import import_file
    from reckon.link.service import run_link

    ws = init_workspace(folder / kind, encrypt=kind == "encrypted")
    started, cpu0 = time.perf_counter(), _cpu()
    import_file(ws, a, "a")
    import_file(ws, b, "b")
    imported, cpu1 = time.perf_counter(), _cpu()
    run_link(ws)
    linked, cpu2 = time.perf_counter(), _cpu()
    return {"kind": kind, "import_s": round(imported - started, 2), "link_s": round(linked - imported, 2),
            "import_cpu": round(cpu1 - cpu0, 2), "link_cpu": round(cpu2 - cpu1, 2)}


def _cpu() -> float:
    """CPU seconds of this process and its threads (fairer than wall time on a shared, loaded machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="people on the first list")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder, a, b = args.child
        print(json.dumps(run_one(kind, Path(folder), Path(a), Path(b))))
        return
    os.environ.setdefault("RECKON_PASSPHRASE", "benchmark passphrase, not a secret")
    with tempfile.TemporaryDirectory(prefix="reckon-enc-bench-") as tmp:
        folder = Path(tmp)
        a, b = write_lists(folder, args.n)
        results = {}
        for kind in ("plain", "encrypted"):
            out = subprocess.run([sys.executable, __file__, "--child", kind, str(folder), str(a), str(b)],
                                 capture_output=True, text=True, check=True)
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
        rows = args.n + sum(1 for i in range(args.n) if i % 3)
        print(f"{rows:,} records imported from two lists, then linked (Splink on DuckDB)")
        for step in ("import_s", "link_s", "import_cpu", "link_cpu"):
            p, e = results["plain"][step], results["encrypted"][step]
            label = step.replace("_s", " wall").replace("_cpu", " cpu")
            print(f"{label:>11}: plain {p:7.2f} s   encrypted {e:7.2f} s   ratio {e / p:4.2f}x")
        p = results["plain"]["import_s"] + results["plain"]["link_s"]
        e = results["encrypted"]["import_s"] + results["encrypted"]["link_s"]
        print(f"wall total: plain {p:7.2f} s   encrypted {e:7.2f} s   ratio {e / p:4.2f}x (goal: within 1.3x)")


if __name__ == "__main__":
    main()
