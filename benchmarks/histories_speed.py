"""Wall time and peak memory of persons' histories on N records: the build, a count as of a date, a series.

The records are generated straight into the store (SQLite, one executemany per 50,000 rows), not through
`reckon import`, so that the benchmark measures histories and not the importer (benchmarks/import_speed.py
does that): two sources shaped like Viasna's lists (a political-prisoner register with articles, terms and
statuses, 30 % of the records; an administrative-case list with arrests in days and fines, court and judge),
about 1.5 records per person, 10 % partial detention dates. Each phase runs in its own child process, so
each peak RSS is its own.

Phases: build (full), count, incremental (1,000 records change person), import (a 200-row list through the
real importer, then the refresh `reckon import` runs).

What a full build does, in the order its time goes (1 M records, 518,207 persons, two workers): the writing
process lists (record id, person id) pairs from SQLite's cursor and groups them into persons; each worker
reads its chunks' records, derives them (about nine tenths of its CPU) and sends the rows back marshalled;
the writer inserts them (8.2 M rows since migration 0016 packed each person's events in one row; 12 M
before), with a 128 MB page cache, and at the end, alone, builds the three indexes (six before)
and commits. build_cpu_main_s is the writer's CPU; build_cpu_s adds the workers'. On a loaded machine wall
time is mostly waiting for a core: compare CPU seconds, old code against new, on copies of one store.
The `--keep` store is changed by the incremental and import phases; measure builds on copies of it.

Usage: python benchmarks/histories_speed.py [--n 1000000] [--seed 1] [--keep DIR] [--workers N]
       python benchmarks/histories_speed.py --phase build|count|incremental|import --url URL
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
from datetime import date, timedelta
from pathlib import Path

import numpy as np

COURTS = ["Менск, Першамайскі", "Менск, Партызанскі", "Менск, Савецкі", "Гародня", "Магілёў", "Берасце",
          "Віцебск", "Гомель", "Жодзіна", "Смаргонь, раённы"]
JUDGES = [f"Суддзя {i}" for i in range(300)]
PP_ARTICLES = [["Part 2 of Art. 342"], ["Art. 130", "Part 1 of Art. 293"], ["Art. 361-1"], ["Part 1 of Art. 342"]]
TERMS = ["2 years; imprisonment in a general-security penal colony", "3 1/2 years; imprisonment in a medium-security "
         "penal colony", "5 years; imprisonment in a high security prison", "1 year; restricted freedom"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_children_mb() -> float:
    """The largest peak RSS of any finished child (a derivation worker); 0 when none ran."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cpu_main_s() -> float:
    self_ = resource.getrusage(resource.RUSAGE_SELF)
    return self_.ru_utime + self_.ru_stime


def _cpu_s() -> float:
    """User + system CPU seconds of this process and its finished children (the build's derivation workers):
    on a shared, loaded machine wall time overstates the work."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def generate(url: str, n: int, seed: int) -> dict:
    from sqlalchemy import insert

    from reckon.store.db import get_engine, upgrade
    from reckon.store.histories import HistorySourceRule
    from reckon.store.models import ImportBatch, Person, Record, Source

    upgrade(url)
    rng = np.random.default_rng(seed)
    engine = get_engine(url)
    t0 = time.perf_counter()
    n_persons = int(n / 1.5)
    person_of = np.sort(rng.integers(1, n_persons + 1, size=n))
    start = date(2020, 8, 9).toordinal()
    with engine.begin() as c:
        c.execute(insert(Source), [{"id": 1, "name": "bench_pp", "kind": "list"},
                                   {"id": 2, "name": "bench_admin", "kind": "list"}])
        c.execute(insert(ImportBatch), [
            {"id": 1, "source_id": 1, "file_name": "pp.csv", "file_sha256": "0" * 64, "file_format": "csv",
             "mapping": {"columns": {"declaration": "extra.declaration", "sentence": "sentence"}}},
            {"id": 2, "source_id": 2, "file_name": "admin.csv", "file_sha256": "1" * 64, "file_format": "csv",
             "mapping": {"columns": {"sentence": "sentence"}}}])
        c.execute(insert(HistorySourceRule), [{"source_id": 1, "political_prisoners": True, "list_date": "2021-06-01"}])
        for i in range(1, n_persons + 1, 100_000):
            c.execute(insert(Person), [{"id": p} for p in range(i, min(i + 100_000, n_persons + 1))])
        rows = []
        for i in range(n):
            pp = rng.random() < 0.3
            det = date.fromordinal(start + int(rng.integers(0, 1500)))
            det_text = det.isoformat() if rng.random() > 0.1 else det.isoformat()[:7]
            if pp:
                rows.append({"source_id": 1, "import_id": 1, "identity": str(i), "content_hash": "x",
                             "file_name": "pp.csv", "row_number": i + 2, "raw": {}, "person_id": int(person_of[i]),
                             "sex": "male" if rng.random() < 0.8 else "female", "birth_date": "1985",
                             "detention_date": det_text, "status": "in_custody" if rng.random() < 0.4 else "released",
                             "articles": PP_ARTICLES[int(rng.integers(0, 4))], "sentence": TERMS[int(rng.integers(0, 4))],
                             "place_of_detention": "Penal colony No. 1, Navapolack",
                             "extra": {"verdict_date": (det + timedelta(days=200)).isoformat(),
                                       "judge": JUDGES[int(rng.integers(0, 300))],
                                       "declaration": f"https://example.org/{i}"}})
            else:
                rows.append({"source_id": 2, "import_id": 2, "identity": str(i), "content_hash": "x",
                             "file_name": "admin.csv", "row_number": i + 2, "raw": {}, "person_id": int(person_of[i]),
                             "sex": "male", "birth_date": None, "status": None, "place_of_detention": None,
                             "detention_date": det_text, "articles": ["23.34 ч.1 КаАП"],
                             "sentence": "15 сут." if rng.random() < 0.4 else "20 б.в. 580,00 руб.",
                             "extra": {"court_date": (det + timedelta(days=2)).isoformat(),
                                       "court": COURTS[int(rng.integers(0, 10))],
                                       "judge": JUDGES[int(rng.integers(0, 300))]}})
            if len(rows) == 50_000:
                c.execute(insert(Record), rows)
                rows = []
        if rows:
            c.execute(insert(Record), rows)
    return {"records": n, "persons": n_persons, "generate_s": round(time.perf_counter() - t0, 1)}


def phase_build(url: str, workers: int | None = None) -> dict:
    from reckon.histories.service import refresh

    t0, c0, m0 = time.perf_counter(), _cpu_s(), _cpu_main_s()
    rep = refresh(url, full=True, workers=workers)
    # on a loaded machine wall time says little: with workers, the CPU of the writing process and that of
    # the workers (together) tell what two free cores would take (about the larger of main and workers / 2)
    return {"build_s": round(time.perf_counter() - t0, 1), "build_cpu_s": round(_cpu_s() - c0, 1),
            "build_cpu_main_s": round(_cpu_main_s() - m0, 1),
            "subjects": rep.subjects_total, "workers": rep.workers, "peak_mb": round(_peak_mb()),
            "peak_worker_mb": round(_peak_children_mb())}


def phase_count(url: str) -> dict:
    from reckon.histories.service import count, series

    out: dict = {}
    t0, c0 = time.perf_counter(), _cpu_s()
    res = count(url, as_of=date(2022, 3, 4), status="political_prisoner", fresh=False)
    out["count_s"] = round(time.perf_counter() - t0, 3)
    out["count_cpu_s"] = round(_cpu_s() - c0, 3)
    out["count"] = [res.count, res.undetermined]
    t0 = time.perf_counter()
    count(url, as_of=date(2022, 3, 4), status="in_custody")          # with the staleness check
    out["count_with_staleness_check_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    count(url, as_of=date(2022, 3, 4), status="in_custody", by="region", fresh=False)
    out["count_by_region_s"] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    pts = series(url, start=date(2020, 8, 1), end=date(2024, 12, 1), step="month", status="in_custody", fresh=False)
    out["series_monthly_s"] = round(time.perf_counter() - t0, 3)
    out["series_points"] = len(pts)
    out["peak_mb"] = round(_peak_mb())
    return out


def phase_incremental(url: str) -> dict:
    """1,000 persons' records change (a link run merged them with new records): rebuild only those."""
    from sqlalchemy import text

    from reckon.histories.service import refresh
    from reckon.store.db import get_engine

    with get_engine(url).begin() as c:
        c.execute(text("update record set person_id = person_id + 1 where id in "
                       "(select id from record order by id limit 1000)"))
    t0, c0 = time.perf_counter(), _cpu_s()
    rep = refresh(url)
    return {"incremental_s": round(time.perf_counter() - t0, 1), "incremental_cpu_s": round(_cpu_s() - c0, 1),
            "rebuilt": rep.subjects_rebuilt,
            "removed": rep.subjects_removed, "peak_mb": round(_peak_mb())}


def phase_import(url: str) -> dict:
    """A documenter imports a small list (200 made-up people) into the large workspace, through the real
    importer; then the histories are refreshed as `reckon import` does: only the new records are read."""
    import csv

    from reckon.config import init_workspace
    from reckon.histories.service import refresh
    from reckon.ingest.service import import_file

    folder = Path(tempfile.mkdtemp(prefix="reckon-histories-import-"))
    ws = init_workspace(folder / "ws", database_url=url)
    path = folder / "small_list.csv"
    rng = np.random.default_rng(7)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ФИО", "Дата рождения", "Дата задержания", "Статья", "Приговор"])
        for i in range(200):
            det = date(2021, 1, 1) + timedelta(days=int(rng.integers(0, 900)))
            w.writerow([f"Тэставы{i} Ян Пятровіч", f"1990-05-0{1 + i % 9}", det.isoformat(),
                        "ч. 1 ст. 342 УК", "2 года колонии"])
    t0 = time.perf_counter()
    rep = import_file(ws, path, "bench_small")
    import_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu_s()
    built = refresh(url)
    return {"import_s": round(import_s, 1), "imported": rep.new,
            "refresh_after_import_s": round(time.perf_counter() - t0, 2),
            "refresh_after_import_cpu_s": round(_cpu_s() - c0, 2), "rebuilt": built.subjects_rebuilt,
            "peak_mb": round(_peak_mb())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--phase", choices=["build", "count", "incremental", "import"])
    ap.add_argument("--url")
    ap.add_argument("--workers", type=int, help="derivation processes of the build (default: chosen by size)")
    a = ap.parse_args()
    if a.phase:
        if a.phase == "build":
            print(json.dumps(phase_build(a.url, a.workers)))
            return
        fn = {"count": phase_count, "incremental": phase_incremental, "import": phase_import}[a.phase]
        print(json.dumps(fn(a.url)))
        return
    folder = a.keep or Path(tempfile.mkdtemp(prefix="reckon-histories-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'bench.db'}"
    print(json.dumps({**generate(url, a.n, a.seed), "load_average": [round(x, 1) for x in os.getloadavg()],
                      "cpus": os.cpu_count()}), flush=True)
    for phase in ("build", "count", "incremental", "import"):
        extra = ["--workers", str(a.workers)] if phase == "build" and a.workers is not None else []
        out = subprocess.run([sys.executable, __file__, "--phase", phase, "--url", url, *extra],
                             capture_output=True, text=True, check=True)
        print(phase, out.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
