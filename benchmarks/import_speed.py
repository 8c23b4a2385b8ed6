"""How fast reckon imports a large list, beside pandas on the same file, and what it costs in memory and disk.

Generates synthetic CSV lists (1,000,000 and 100,000 rows by default; synthetic people only, in a
temporary folder) and, each in its own process so peak memory is its own:

- imports the file with reckon into a fresh workspace (SQLite, and PostgreSQL with ``--db postgres``);
- runs ``pandas.read_csv`` + ``DataFrame.to_sql`` on the same file into a fresh database of the same kind
  (no mapping, hashing or provenance), and prints reckon's speed as a multiple of pandas';
- reads the raw row of 500 random records, one at a time, with the block cache emptied before each read,
  and prints the p50/p95 time (what a record page, the quarantine or an export pays for one raw row);
- prints the store's growth on disk beside the CSV's size, and peak RSS (ru_maxrss, with SQLite's page
  cache) against the smallest size measured.

Goals (issue 15): SQLite >= 1.2x pandas.to_sql wall clock at 1 M rows; PostgreSQL >= 150,000 rows/s; peak
RSS at 1 M within 1.2x of 100 k; raw-row read p95 < 5 ms on 1 M records; store no larger than the CSV.

    .venv/bin/python benchmarks/import_speed.py                          # 100k and 1M rows, SQLite
    .venv/bin/python benchmarks/import_speed.py --db sqlite postgres     # both databases
    .venv/bin/python benchmarks/import_speed.py --rows 300000 --reimport --no-pandas

Figures on 2026-12-06 (two shared cores, load average 13-15: wall clock there is mostly waiting for a
core, so CPU is given), ``--rows 100000 1000000 --db sqlite postgres``, main 9f21d70 then after migration
0015 and COPY straight into record, back to back: SQLite 1 M 23.7 s CPU (old) / 25.4 s CPU (new), 0.45x
pandas; store 2.66x -> 2.12x the CSV on SQLite, 3.07x -> 2.70x on PostgreSQL; PostgreSQL 100 k 2.11 +
1.53 s (old) / 2.22 + 1.44 s (new) and 1 M 20.8 + 15.3 s / 20.7 + 14.1 s CPU of client + backends, about
28,000 rows per CPU-second either way.
On 2026-12-07 (load average 10-12), with the columnar CSV path (reckon.ingest.columnar): SQLite 1 M
14.3-15.4 s CPU against 23.3 s for the row path (RECKON_IMPORT_COLUMNAR=0) in the same session, 0.77x-0.93x
pandas wall; peak RSS 1 M / 100 k 1.17x.
On 2026-12-07 (load average 9-10), PostgreSQL with the COPY text built by Arrow (reckon.store.pgcopy): 1 M
in 37.2 s, 11.54 + 5.4 s CPU of client + backends, against main's 49.6 s, 13.46 + 5.4 s in the same session.
On 2026-12-07 (load average 11-17), with 8-byte content hashes and the source's id stored once (migration
0017), ``--rows 1000000 --db sqlite postgres --no-pandas --worker off`` alternated twice with main: store
2.12x -> 1.98x the CSV on SQLite, 2.70x -> 2.58x on PostgreSQL, CPU unchanged (13.5-13.8 s SQLite; 9.0 +
4.7-4.9 s PostgreSQL client + backends).
On 2026-12-07 (load average 3-5), the import's SQLite page cache 32 MB instead of 64 (h15rss), ``--rows
100000 1000000 --db sqlite --worker on --no-pandas`` alternated twice with main: peak RSS 1 M / 100 k of
the importing process 1.28-1.29x -> 1.05x (198 -> 162 MB at 1 M), 1 M CPU 12.3-12.6 s either way.
docs/ingest.md has where the time and the bytes go.

On a shared machine single runs scatter (the SQLite ratio to pandas read 1.10-1.62x from run to run on
one machine): ``--repeat N`` runs N rounds, each importing the file with every code tree of ``--src`` (a
folder holding ``reckon``, put first on the child's path; default the reckon this Python imports) and
running pandas, in an order that reverses from round to round, and prints each run, the ratio to pandas
of each round, and per tree the median and spread of rows/s, wall clock and the CPU of the importing
process, the reader worker and PostgreSQL's backends:

    .venv/bin/python benchmarks/import_speed.py --rows 1000000 --db postgres --worker on --no-pandas \
        --repeat 3 --src ../main/src src

``--reimport`` then imports a changed copy of the same list into the same source (every tenth row's
status changed, line endings CRLF instead of LF) and prints its time beside the first import's.
``--worker on|off|auto`` (default auto, as reckon itself) reads and maps in a second process.
PostgreSQL runs create and drop a database ``reckon_bench_<pid>`` through RECKON_BENCH_PG (default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); RECKON_BENCH_PG_PREFIX names it otherwise (on a
shared server, a prefix of one's own databases).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = ["Іваноў", "Пятроў", "Сідараў", "Лукашэвіч", "Навіцкі", "Кавалёў", "Шчукін", "Мельнік", "Бондар",
            "Козел", "Ткачук", "Марозаў", "Кузняцоў", "Жук", "Клімовіч", "Васілеўскі", "Грынь", "Лапцёнак"]
GIVEN_M = ["Аляксандр", "Сяргей", "Дзмітрый", "Андрэй", "Ігар", "Уладзімір", "Павел", "Віктар", "Максім"]
GIVEN_F = ["Вольга", "Алена", "Ганна", "Марыя", "Наталля", "Кацярына", "Святлана", "Юлія", "Таццяна"]
REGIONS = ["Minsk", "Brest", "Gomel", "Grodno", "Mogilev", "Vitebsk", "Minsk Region"]
STATUSES = ["active", "former", "np"]
ARTICLES = ["Part 2 of Art. 293", "Art. 342", "Art. 130", "Art. 361", "Art. 369", "23.34 ч.1 КаАП"]


# Made-up surname stems from Belarusian-looking syllables: with the endings, about 13,000 surnames, so
# full names (surname, given name, patronymic) almost never repeat, as in a real list. A handful of
# repeated names would let the importer's per-column memos do all the work and flatter the figure.
SYLLABLES = ["ба", "ва", "га", "да", "жу", "за", "ка", "ла", "ма", "на", "па", "ра", "са", "та", "ха", "ца",
             "ча", "ша", "бе", "ве", "ле", "ме", "не", "ры", "сі", "ту", "шу", "ко", "ро", "лю"]
ENDINGS = ["віч", "чык", "нка", "ёнак", "ка", "ук", "ень"]
PATRONYMICS = ["Аляксандравіч", "Сяргеевіч", "Дзмітрыевіч", "Андрэевіч", "Ігаравіч", "Уладзіміравіч",
               "Паўлавіч", "Віктаравіч", "Максімавіч"]


def _surname(rng: random.Random, male: bool) -> str:
    if rng.random() < 0.3:
        surname = rng.choice(SURNAMES)
    else:
        surname = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize()
        surname += rng.choice(ENDINGS)
    if not male and surname.endswith("ў"):
        return surname[:-1] + "ва"
    return surname


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A Viasna-shaped list of synthetic people: id, name, sex, birth date, region, detention, ..."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("id,name,gender,birthday,region,arrested,status,articles\n")
        for i in range(1, rows + 1):
            male = rng.random() < 0.8
            surname = _surname(rng, male)
            given = rng.choice(GIVEN_M if male else GIVEN_F)
            patronymic = rng.choice(PATRONYMICS)
            given = f"{given} {patronymic if male else patronymic[:-3] + 'ўна'}"
            born = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1950, 2004)}"
            if rng.random() < 0.1:
                born = born[-4:]
            arrested = f"20{rng.randint(20, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            arts = " | ".join(rng.sample(ARTICLES, rng.randint(1, 3)))
            fh.write(f'B-{i:07d},{surname} {given},{"male" if male else "female"},{born},{rng.choice(REGIONS)},'
                     f'{arrested},{rng.choice(STATUSES)},"{arts}"\n')


def changed_copy(path: Path, out: Path) -> int:
    """``path`` with every tenth row's status changed and CRLF line endings; returns rows changed."""
    import csv

    changed = 0
    with path.open(encoding="utf-8", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\r\n")
        for i, row in enumerate(csv.reader(src)):
            if i and i % 10 == 0:
                row[6] = {"active": "former", "former": "np", "np": "active"}[row[6]]
                changed += 1
            writer.writerow(row)
    return changed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PG_ADMIN = os.environ.get("RECKON_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PG_PREFIX = os.environ.get("RECKON_BENCH_PG_PREFIX", "reckon_bench")


def _pg_database(name: str, create: bool) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _server_cpu(database: str) -> float:
    """CPU seconds of the PostgreSQL backends now serving ``database`` (from /proc; a local server only):
    the server's share of an import, which the client's CPU time does not show."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if f" {database} ".encode() not in fh.read():
                    continue
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return total / tick


def _store_bytes(url: str) -> int:
    """Bytes the database takes on disk now (SQLite: the file after a WAL checkpoint)."""
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        engine = create_engine(url)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return int(size)


def _raw_read_times(url: str, samples: int = 500) -> tuple[list[float], list[float]]:
    """Seconds to read one record's raw row, for ``samples`` random records, cache emptied before each:
    wall clock, and this process's CPU (on a loaded machine the wall clock is mostly waiting for a core)."""
    from sqlalchemy import func, select

    from reckon.store.db import get_engine
    from reckon.store.models import Record

    try:  # the store's one reader of raw rows (issue 15); before it, the raw row was a column of the record
        from reckon.store.rawblocks import clear_cache, raw_row
    except ImportError:
        clear_cache = None
    engine = get_engine(url)
    rng = random.Random(5)
    times: list[float] = []
    cpu: list[float] = []
    with engine.connect() as conn:
        top = conn.execute(select(func.max(Record.id))).scalar_one()
        for _ in range(samples):
            rid = rng.randint(1, top)
            t0, c0 = time.perf_counter(), time.process_time()
            if clear_cache is not None:
                clear_cache()
                raw = raw_row(conn, rid)
            else:
                raw = conn.execute(select(Record.raw).where(Record.id == rid)).scalar_one()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            assert raw, rid
    return times, cpu


def child(rows: int, folder: Path, use_tracemalloc: bool, worker: bool | None, reimport: bool = False,
          db: str = "sqlite") -> dict:
    """One reckon import in a fresh process, so ru_maxrss is this import's peak alone."""
    from reckon.config import init_workspace
    from reckon.ingest.service import import_file

    path = folder / f"list_{rows}.csv"
    if not path.exists():
        generate(path, rows)
    url = _pg_database(f"{PG_PREFIX}_{os.getpid()}", True) if db == "postgres" else None
    try:
        ws = init_workspace(folder / f"ws_{db}_{rows}_{os.getpid()}", url)
        empty_bytes = _store_bytes(ws.database_url)
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if use_tracemalloc:
            import tracemalloc

            tracemalloc.start()
        database = f"{PG_PREFIX}_{os.getpid()}"
        server_started = _server_cpu(database) if url else 0.0
        started, cpu_started, children_started = time.perf_counter(), time.process_time(), _children_cpu()
        report = import_file(ws, path, "benchmark", worker=worker)
        server_cpu = _server_cpu(database) - server_started if url else None
        seconds = time.perf_counter() - started
        # CPU of this process and of the reader worker (reckon.ingest.prepare), when one was used.
        main_cpu = time.process_time() - cpu_started
        worker_cpu = _children_cpu() - children_started
        cpu = main_cpu + worker_cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out = {
            "db": db, "rows": rows, "new": report.new, "quarantined": report.quarantined,
            "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "cpu_seconds": round(cpu, 2), "rows_per_cpu_s": round(rows / cpu),
            "db_seconds": round(report.db_seconds, 2), "file_mb": round(path.stat().st_size / 2**20, 1),
            "rss_before_import_mb": round(baseline), "peak_rss_mb": round(peak),
            "worker": bool(worker_cpu > 0.05), "main_cpu_seconds": round(main_cpu, 2),
            "worker_cpu_seconds": round(worker_cpu, 2),
            "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "server_cpu_seconds": None if server_cpu is None else round(server_cpu, 2),
        }
        if use_tracemalloc:
            out["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        out["store_mb"] = round((_store_bytes(ws.database_url) - empty_bytes) / 2**20, 1)
        times, cpu = map(sorted, _raw_read_times(ws.database_url))
        out["raw_p50_ms"] = round(statistics.median(times) * 1000, 2)
        out["raw_p95_ms"] = round(times[int(0.95 * len(times))] * 1000, 2)
        out["raw_cpu_p95_ms"] = round(cpu[int(0.95 * len(cpu))] * 1000, 2)
        if reimport:
            again = folder / f"list_{rows}_changed.csv"
            expected = changed_copy(path, again)
            started, cpu_started = time.perf_counter(), time.process_time() + _children_cpu()
            server_started = _server_cpu(database) if url else 0.0
            second = import_file(ws, again, "benchmark", worker=worker)
            out.update(reimport_cpu_seconds=round(time.process_time() + _children_cpu() - cpu_started, 2),
                       reimport_server_cpu_seconds=round(_server_cpu(database) - server_started, 2) if url else None)
            out.update(reimport_seconds=round(time.perf_counter() - started, 2), reimport_changed=second.changed,
                       reimport_unchanged=second.unchanged, reimport_expected_changed=expected,
                       reimport_db_seconds=round(second.db_seconds, 2))
        return out
    finally:
        from reckon.store.db import dispose_engines

        dispose_engines()
        if url:
            _pg_database(f"{PG_PREFIX}_{os.getpid()}", False)
        shutil.rmtree(folder / f"ws_{db}_{rows}_{os.getpid()}", ignore_errors=True)  # rounds would fill the disk


def pandas_child(rows: int, folder: Path, db: str) -> dict:
    """``pandas.read_csv`` + ``to_sql`` of the same file: no mapping, hashing, versions or provenance."""
    import pandas as pd
    from sqlalchemy import create_engine

    path = folder / f"list_{rows}.csv"
    if not path.exists():
        generate(path, rows)
    name = f"{PG_PREFIX}_pd_{os.getpid()}"
    url = _pg_database(name, True) if db == "postgres" else f"sqlite:///{folder / (name + '.db')}"
    try:
        engine = create_engine(url)
        server_started = _server_cpu(name) if db == "postgres" else 0.0
        started, cpu_started = time.perf_counter(), time.process_time()
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.to_sql("records", engine, index=False, chunksize=50_000)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        server = _server_cpu(name) - server_started if db == "postgres" else None
        engine.dispose()
        return {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
                "cpu_seconds": round(cpu, 2), "server_cpu_seconds": None if server is None else round(server, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    finally:
        if db == "postgres":
            _pg_database(name, False)
        else:
            for part in folder.glob(name + ".db*"):
                part.unlink()


def _run(args: argparse.Namespace, tmp: str, rows: int, db: str, what: str, src: str | None = None) -> dict:
    """One import (or pandas' run) in a child process; ``src``: the code tree (a folder holding ``reckon``)
    it imports reckon from, first on its path, so that two trees alternate on the same file."""
    cmd = [sys.executable, __file__, "--child", str(rows), "--folder", tmp, "--worker", args.worker,
           "--db", db, "--what", what]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
    if args.reimport:
        cmd.append("--reimport")
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(src).resolve()), env.get("PYTHONPATH")]))
    load = os.getloadavg()[0]
    result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout)
    result["load"] = (round(load, 1), round(os.getloadavg()[0], 1))
    return result


def _print_run(result: dict, db: str, label: str) -> None:
    """The lines of one reckon import: speed, CPU of each process, memory, store, raw-row reads."""
    line = (f"[{db}]{label} {result['rows']:>9,} rows ({result['file_mb']} MB CSV): {result['seconds']:>6} s, "
            f"{result['rows_per_s']:>7,} rows/s wall; {result['cpu_seconds']} s CPU = "
            f"{result['rows_per_cpu_s']:>7,} rows/CPU-s; {result['db_seconds']} s in database calls; "
            f"peak RSS {result['peak_rss_mb']} MB (before import {result['rss_before_import_mb']} MB)")
    if result["worker"]:
        line += (f"; reader worker used ({result['main_cpu_seconds']} s CPU here, "
                 f"{result['worker_cpu_seconds']} s in the worker), its peak RSS "
                 f"{result['worker_peak_rss_mb']} MB")
    if result.get("server_cpu_seconds") is not None:
        line += (f"; PostgreSQL backends {result['server_cpu_seconds']} s CPU "
                 f"({result['rows'] / (result['cpu_seconds'] + result['server_cpu_seconds']):,.0f} rows "
                 "per CPU-second of client and server)")
    if "python_peak_mb" in result:
        line += f", Python peak {result['python_peak_mb']} MB (tracemalloc, slower run)"
    print(line + f"; load {result['load'][0]} -> {result['load'][1]}", flush=True)
    print(f"{'':>11}store on disk: +{result['store_mb']} MB for a {result['file_mb']} MB CSV "
          f"({result['store_mb'] / result['file_mb']:.2f}x the CSV; goal <= 1.0x)", flush=True)
    print(f"{'':>11}raw row of one record: p50 {result['raw_p50_ms']} ms, p95 {result['raw_p95_ms']} ms "
          f"wall, p95 {result.get('raw_cpu_p95_ms', '?')} ms CPU here (500 random records, block cache "
          "emptied before each; goal p95 < 5 ms)", flush=True)
    if "reimport_seconds" in result:
        print(f"{'':>11}re-import of a changed copy: {result['reimport_seconds']} s "
              f"({result['reimport_seconds'] / result['seconds']:.2f}x the first import; "
              f"{result['reimport_db_seconds']} s in database calls): {result['reimport_changed']:,} changed "
              f"(expected {result['reimport_expected_changed']:,}), {result['reimport_unchanged']:,} unchanged",
              flush=True)
    if db == "postgres":
        print(f"{'':>11}PostgreSQL goal >= 150,000 rows/s: {result['rows_per_s']:,}", flush=True)


def _spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """``median (min-max)`` of ``values``: on a shared machine single runs scatter, medians of alternated
    runs hold."""
    if not values:
        return "-"
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def _summary(db: str, rows: int, runs: dict[str, list[dict]], pandas: list[dict | None]) -> None:
    """Per code tree: medians and spreads of the alternated runs, and the ratio to pandas of the same round."""
    print(f"[{db}] {rows:,} rows, {max(map(len, runs.values()))} alternated rounds: median (min-max)", flush=True)
    for label, results in runs.items():
        loads = [x for r in results for x in r["load"]]
        servers = [r["server_cpu_seconds"] for r in results if r.get("server_cpu_seconds") is not None]
        line = (f"  {label}: {_spread([r['rows_per_s'] for r in results], '{:,.0f}')} rows/s, wall "
                f"{_spread([r['seconds'] for r in results])} s; CPU importing process "
                f"{_spread([r['main_cpu_seconds'] for r in results])} s, worker "
                f"{_spread([r['worker_cpu_seconds'] for r in results])} s")
        if servers:
            line += f", backends {_spread(servers)} s"
        line += f"; peak RSS {_spread([r['peak_rss_mb'] for r in results], '{:.0f}')} MB"
        line += f"; load {min(loads)}-{max(loads)}"
        ratios = [p["seconds"] / r["seconds"] for r, p in zip(results, pandas, strict=False) if p]
        if ratios:
            line += (f"; vs pandas (wall, same round) {', '.join(f'{x:.2f}x' for x in ratios)}: median "
                     f"{statistics.median(ratios):.2f}x, spread {min(ratios):.2f}-{max(ratios):.2f}x")
        print(line, flush=True)
    done = [p for p in pandas if p]
    if done:
        line = (f"  pandas read_csv + to_sql: wall {_spread([p['seconds'] for p in done])} s, CPU "
                f"{_spread([p['cpu_seconds'] for p in done])} s")
        if done[0].get("server_cpu_seconds") is not None:
            line += f", backends {_spread([p['server_cpu_seconds'] for p in done])} s"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--db", nargs="*", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas comparison")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python's peak allocations")
    parser.add_argument("--worker", choices=["auto", "on", "off"], default="auto",
                        help="read and map in a second process: on, off, or auto (reckon's default: files "
                             ">= 16 MB when two cores are idle)")
    parser.add_argument("--reimport", action="store_true", help="then import a changed copy (see above)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds: each runs every code tree's import and pandas on the same file, in an "
                             "order that alternates from round to round; medians and spreads are printed")
    parser.add_argument("--src", nargs="*", default=[],
                        help="code trees to alternate (folders holding reckon, e.g. ../main/src src); "
                             "default: the reckon this Python imports")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--what", choices=["reckon", "pandas"], default="reckon", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.worker == "auto":
            os.environ["RECKON_IMPORT_WORKER"] = "auto"
        worker = {"auto": None, "on": True, "off": False}[args.worker]
        db = args.db[0]
        result = pandas_child(args.child, args.folder, db) if args.what == "pandas" else \
            child(args.child, args.folder, args.tracemalloc, worker, args.reimport, db)
        print(json.dumps(result))
        return
    print(f"reckon import benchmark: {', '.join(args.db)}; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start (other work on the machine slows these figures)")
    trees: list[str | None] = list(args.src) or [None]
    labels = {t: (f" {t}" if t is not None else "") for t in trees}
    with tempfile.TemporaryDirectory(prefix="reckon-bench-") as tmp:
        for db in args.db:
            rss: dict[str | None, dict[int, list[float]]] = {t: {} for t in trees}
            for rows in args.rows:
                runs: dict[str, list[dict]] = {labels[t].strip() or "reckon": [] for t in trees}
                pandas: list[dict | None] = []
                for round_ in range(args.repeat):
                    # Alternate the order from round to round, so a drift of the machine's load does not
                    # favour whichever always runs first.
                    order: list[str | None] = [*trees, "pandas"] if not args.no_pandas else list(trees)
                    if round_ % 2:
                        order.reverse()
                    pandas.append(None)
                    for what in order:
                        if what == "pandas":
                            pd_result = _run(args, tmp, rows, db, "pandas")
                            pandas[-1] = pd_result
                            print(f"{'':>11}pandas.read_csv + to_sql, same file: {pd_result['seconds']} s, "
                                  f"{pd_result['rows_per_s']:,} rows/s, {pd_result['cpu_seconds']} s CPU"
                                  + (f" + backends {pd_result['server_cpu_seconds']} s"
                                     if pd_result.get("server_cpu_seconds") is not None else "")
                                  + f", peak RSS {pd_result['peak_rss_mb']} MB; load {pd_result['load'][0]} -> "
                                  f"{pd_result['load'][1]}", flush=True)
                            continue
                        result = _run(args, tmp, rows, db, "reckon", what)
                        runs[labels[what].strip() or "reckon"].append(result)
                        rss[what].setdefault(rows, []).append(result["peak_rss_mb"])
                        _print_run(result, db, labels[what])
                    if pandas[-1] is not None:
                        for what in trees:
                            result = runs[labels[what].strip() or "reckon"][-1]
                            print(f"{'':>11}round {round_ + 1}:{labels[what]} reckon is "
                                  f"{pandas[-1]['seconds'] / result['seconds']:.2f}x pandas (goal on SQLite "
                                  ">= 1.2x)", flush=True)
                if args.repeat > 1 or len(trees) > 1:
                    _summary(db, rows, runs, pandas)
            for what in trees:
                sizes = rss[what]
                if len(sizes) > 1:
                    small, large = min(sizes), max(sizes)
                    ratio = statistics.median(sizes[large]) / statistics.median(sizes[small])
                    print(f"[{db}]{labels[what]} peak RSS at {large:,} rows is {ratio:.2f}x that at {small:,} rows "
                          "(goal <= 1.2x)", flush=True)
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
