"""Import seeded hostile files (tests/hostile_files.py) with ``reckon import`` and count what happens.

For each database (a SQLite file, and PostgreSQL when --pg URL is given) a fresh workspace gets every
file through the real command line entry point, run in this process with its output captured:

- clean: exit 0; rows lost = data rows of the file - (records + quarantined rows of its import), and
  cell values lost = filled cells of the file - filled values in those rows' raw rows
- clear error: exit non-zero with reckon's one-line ``error:`` message
- traceback: any exception that escaped the command (what a user would see as a traceback)
- leaks: files whose printed output contains a name from the file

    .venv/bin/python benchmarks/hostile_imports.py --files 300 --pg postgresql://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile_files import Hostile, generate, run_cli, stored_rows, stored_values  # noqa: E402


def measure(files: list[Hostile], url: str, folder: Path, label: str, verbose: bool) -> Counter[str]:
    from reckon.config import init_workspace

    ws = init_workspace(folder / f"ws-{label}", database_url=url)
    counts: Counter[str] = Counter()
    for i, h in enumerate(files):
        source = f"s{i}"
        t0 = time.perf_counter()
        code, text, escaped = run_cli(["import", str(h.path), "--source", source, "--workspace", str(ws.root)])
        counts["files"] += 1
        if verbose and time.perf_counter() - t0 > 5:
            print(f"  {label} {h.path.name} {h.traits} took {time.perf_counter() - t0:.0f} s", flush=True)
        leaked = any(name in text for name in h.names)
        counts["leaks"] += leaked
        if escaped:
            counts["tracebacks"] += 1
            kind = f"traceback {escaped}"
        elif code == 0:
            counts["clean"] += 1
            got = stored_rows(url, source) if h.rows is not None else None
            lost = max(0, (h.rows or 0) - (got or 0))
            counts["rows_lost"] += lost
            counts["files_losing_rows"] += lost > 0
            lost_values = max(0, h.values - stored_values(url, source)) if h.values is not None else 0
            counts["values_lost"] += lost_values
            counts["files_losing_values"] += lost_values > 0
            kind = "clean" + (f" LOST {lost}" if lost else "") + (f" LOST VALUES {lost_values}" if lost_values else "")
        else:
            counts["clear_errors"] += 1
            kind = "error"
        if verbose and (escaped or leaked or "LOST" in kind):
            last = text.strip().splitlines()[-1][:160] if text.strip() else ""
            print(f"  {label} {h.path.name} {h.traits} -> {kind}{' LEAK' if leaked else ''}: {last}", flush=True)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--pg", help="PostgreSQL server URL (a database is created and dropped)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--only", help="files FROM:TO of the generated set (for finding one case)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="reckon-hostile-") as tmp:
        folder = Path(tmp)
        files = generate(folder / "files", args.files, args.seed)
        if args.only:
            lo, hi = (int(x) for x in args.only.split(":"))
            files = files[lo:hi]
        targets = [("sqlite", f"sqlite:///{folder / 'reckon.db'}")]
        admin = None
        if args.pg:
            from sqlalchemy import create_engine, text

            from reckon.store.db import normalise_url

            admin = create_engine(normalise_url(args.pg), isolation_level="AUTOCOMMIT")
            name = f"reckon_hostile_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            targets.append(("postgresql", normalise_url(args.pg).rsplit("/", 1)[0] + f"/{name}"))
        try:
            for label, url in targets:
                c = measure(files, url, folder, label, args.verbose)
                print(f"{label}: files {c['files']}, clean imports {c['clean']}, clear errors "
                      f"{c['clear_errors']}, tracebacks {c['tracebacks']}, rows lost {c['rows_lost']} "
                      f"(in {c['files_losing_rows']} files), cell values lost {c['values_lost']} (in "
                      f"{c['files_losing_values']} files), files printing a name {c['leaks']}")
        finally:
            if admin is not None:
                from reckon.store.db import dispose_engines

                dispose_engines()
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
