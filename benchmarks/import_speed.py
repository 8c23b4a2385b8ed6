"""How fast reckon imports a large list into SQLite, and whether memory stays flat in file size.

Generates synthetic CSV lists (1,000,000 and 100,000 rows by default; synthetic people only, in a
temporary folder), imports each into a fresh SQLite workspace in its own process, and prints rows/s and
peak memory: the process's peak resident set (ru_maxrss, which includes SQLite's page cache) and, with
``--tracemalloc``, the peak of Python allocations during the import (slower run, separate figure).
``--worker on|off|auto`` (default auto, as reckon itself: files of 16 MB and more when two cores are
idle) reads and maps in a second process (reckon.ingest.prepare); its CPU time is counted in rows/CPU-s
and its CPU and peak RSS printed separately.

    .venv/bin/python benchmarks/import_speed.py                 # 100k and 1M rows
    .venv/bin/python benchmarks/import_speed.py --rows 200000   # one size
    .venv/bin/python benchmarks/import_speed.py --rows 300000 --reimport   # then a changed copy again

``--reimport`` then imports a changed copy of the same list into the same source (every tenth row's
status changed, line endings CRLF instead of LF) and prints its time beside the first import's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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


def child(rows: int, folder: Path, use_tracemalloc: bool, worker: bool | None, reimport: bool = False) -> dict:
    """One measurement in a fresh process, so ru_maxrss is this import's peak alone."""
    from reckon.config import init_workspace
    from reckon.ingest.service import import_file

    path = folder / f"list_{rows}.csv"
    generate(path, rows)
    ws = init_workspace(folder / f"ws_{rows}")
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started, cpu_started, children_started = time.perf_counter(), time.process_time(), _children_cpu()
    report = import_file(ws, path, "benchmark", worker=worker)
    seconds = time.perf_counter() - started
    # CPU of this process and of the reader worker (reckon.ingest.prepare), when one was used.
    main_cpu = time.process_time() - cpu_started
    worker_cpu = _children_cpu() - children_started
    cpu = main_cpu + worker_cpu
    out = {
        "rows": rows, "new": report.new, "quarantined": report.quarantined, "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "cpu_seconds": round(cpu, 2), "rows_per_cpu_s": round(rows / cpu),
        "db_seconds": round(report.db_seconds, 2), "file_mb": round(path.stat().st_size / 2**20, 1),
        "rss_before_import_mb": round(baseline), "peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker": bool(worker_cpu > 0.05), "main_cpu_seconds": round(main_cpu, 2),
        "worker_cpu_seconds": round(worker_cpu, 2),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    if use_tracemalloc:
        out["python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    if reimport:
        again = folder / f"list_{rows}_changed.csv"
        expected = changed_copy(path, again)
        started = time.perf_counter()
        second = import_file(ws, again, "benchmark", worker=worker)
        out.update(reimport_seconds=round(time.perf_counter() - started, 2), reimport_changed=second.changed,
                   reimport_unchanged=second.unchanged, reimport_expected_changed=expected,
                   reimport_db_seconds=round(second.db_seconds, 2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python's peak allocations")
    parser.add_argument("--worker", choices=["auto", "on", "off"], default="auto",
                        help="read and map in a second process: on, off, or auto (reckon's default: files "
                             ">= 16 MB when two cores are idle)")
    parser.add_argument("--reimport", action="store_true", help="then import a changed copy (see above)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.worker == "auto":
            os.environ["RECKON_IMPORT_WORKER"] = "auto"
        worker = {"auto": None, "on": True, "off": False}[args.worker]
        print(json.dumps(child(args.child, args.folder, args.tracemalloc, worker, args.reimport)))
        return
    print(f"reckon import benchmark: SQLite, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at start (other work on the machine slows these figures)")
    with tempfile.TemporaryDirectory(prefix="reckon-bench-") as tmp:
        for rows in args.rows:
            cmd = [sys.executable, __file__, "--child", str(rows), "--folder", tmp, "--worker", args.worker]
            if args.tracemalloc:
                cmd.append("--tracemalloc")
            if args.reimport:
                cmd.append("--reimport")
            result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            line = (f"{result['rows']:>9,} rows ({result['file_mb']} MB CSV): {result['seconds']:>6} s, "
                    f"{result['rows_per_s']:>7,} rows/s wall; {result['cpu_seconds']} s CPU = "
                    f"{result['rows_per_cpu_s']:>7,} rows/CPU-s; {result['db_seconds']} s in SQLite calls; peak RSS {result['peak_rss_mb']} MB "
                    f"(before import {result['rss_before_import_mb']} MB)")
            if result["worker"]:
                line += (f"; reader worker used ({result['main_cpu_seconds']} s CPU here, "
                         f"{result['worker_cpu_seconds']} s in the worker), its peak RSS "
                         f"{result['worker_peak_rss_mb']} MB")
            if "python_peak_mb" in result:
                line += f", Python peak {result['python_peak_mb']} MB (tracemalloc, slower run)"
            print(line, flush=True)
            if "reimport_seconds" in result:
                print(f"{'':>11}re-import of a changed copy: {result['reimport_seconds']} s "
                      f"({result['reimport_seconds'] / result['seconds']:.2f}x the first import; "
                      f"{result['reimport_db_seconds']} s in SQLite calls): {result['reimport_changed']:,} changed "
                      f"(expected {result['reimport_expected_changed']:,}), {result['reimport_unchanged']:,} unchanged",
                      flush=True)
            print(f"{'':>11}SQLite calls alone cap this import at "
                  f"{round(result['rows'] / result['db_seconds']):,} rows/s, however fast the Python side",
                  flush=True)
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
