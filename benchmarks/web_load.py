"""Latency of the web app under concurrent load: p50/p95 of the dashboard and of a person search.

    .venv/bin/python benchmarks/web_load.py --records 1000000 --concurrency 8 --seconds 20
    .venv/bin/python benchmarks/web_load.py --records 1000000 --server-workers 2 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/reckon_load

1. Builds (or reuses, with --workspace) a register of N synthetic records with bulk inserts (one source,
   one import batch; names from a few hundred Belarusian/Russian/Latin forms with numbered surnames so
   searches hit realistic numbers of rows), then what an import does after its rows are in: the search
   index, the persons' histories and the dashboard's summary (reckon.services.summary).
   On PostgreSQL (--database-url, an empty database) the rows go in with COPY.
2. Starts `reckon serve [--workers N]` in its own process on a free loopback port.
3. From a second process, C threads send requests for a fixed time: the dashboard (`/`, as HTML, with
   its SVG charts) and person searches (`/api/persons?q=...`, which also write an audit entry each).
4. Prints p50/p95/p99 latency and throughput per endpoint, plus the cold (first) dashboard time.

Synthetic people only. Figures depend on machine load; the report notes the conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOTS = ["Дубрак", "Іван", "Смірн", "Лукаш", "Шэўч", "Нові", "Каваль", "Бонд", "Мельн", "Кузняц", "Пятр",
         "Сідар", "Калесн", "Гваздз", "Пальч", "Рызап", "Чап", "Макар", "Лапц", "Жук", "Барыс", "Грыц", "Дуб",
         "Зайц", "Карп", "Лебедз", "Марозав", "Ніканав", "Арл", "Паўл", "Рамен", "Сав", "Ткач", "Уласав", "Філіп",
         "Харытон", "Цыган", "Чарн", "Шапав", "Юрк"]
ENDINGS = ["оў", "ёў", "ук", "чык", "енка", "ёнак", "іч", "скі", "ава", "ына", "ец", "ін", "ко", "ель", "ан",
           "іцкі", "ушка", "ок", "ейка", "ар"]
SURNAMES = [r + e for r in ROOTS for e in ENDINGS] + ["Palesnikau", "Hvazdziolka", "Palchys", "Ryzapur"]
GIVEN = ["Іван", "Пётр", "Аляксандр", "Сяргей", "Уладзімір", "Андрэй", "Дзмітрый", "Ігар", "Maryia", "Алена",
         "Вольга", "Ганна", "Тацяна", "Natallia", "Siarhei", "Aliaksandr"]
REGIONS = ["Minsk", "Minsk region", "Brest", "Hrodna", "Homiel", "Mahilioŭ", "Viciebsk", "unknown"]
STATUSES = ["in_custody", "released", "persecuted", "wanted", "deceased", "unknown"]


def _rows(n: int, seed: int, now: str):
    rnd = random.Random(seed)
    for i in range(1, n + 1):
        surname = rnd.choice(SURNAMES)
        given = rnd.choice(GIVEN)
        year = rnd.randint(1940, 2005)
        born = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        detained = f"{rnd.randint(2020, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        full = f"{surname} {given}"
        raw = json.dumps({"id": f"B{i}", "name": full, "born": born}, ensure_ascii=False)
        # a record's file name and time are its import's, its content hash 16 bytes (migration 0015)
        yield (1, 1, f"B{i}", 1, 1, i.to_bytes(16, "big"), i + 1, raw, f"B{i}", full, born, year,
               rnd.choice(REGIONS), detained, rnd.choice(STATUSES), "[]", "{}")


COLUMNS = ("source_id, import_id, identity, version, is_current, content_hash, row_number, raw, "
           "external_id, full_name, birth_date, birth_year, region, detention_date, status, articles, extra")


def _build_postgres(url: str, n: int, seed: int) -> None:
    """The same register on PostgreSQL, with COPY (the schema's types: booleans, dates, JSON)."""
    import psycopg

    now = "2026-01-01 00:00:00"
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as con:
        con.execute("INSERT INTO source (name, kind, created_at) VALUES ('Benchmark list', 'list', %s)", (now,))
        con.execute("INSERT INTO import_batch (source_id, file_name, file_sha256, file_format, mapping, actor, "
                    "started_at, finished_at, rows_read, rows_new, rows_changed, rows_unchanged, rows_quarantined) "
                    "VALUES (1, 'bench.csv', %s, 'csv', '{}', 'bench', %s, %s, %s, %s, 0, 0, 0)",
                    ("0" * 64, now, now, n, n))
        with con.cursor().copy(f"COPY record ({COLUMNS}) FROM STDIN") as copy:
            for row in _rows(n, seed, now):
                copy.write_row(tuple(True if k == 4 else v for k, v in enumerate(row)))
        con.execute("ANALYZE record")


def build_register(ws_root: Path, n: int, seed: int = 1, database_url: str | None = None) -> dict:
    """A workspace with n current records, inserted in bulk; returns timings."""
    from reckon.config import init_workspace
    from reckon.store.db import dispose_engines

    ws = init_workspace(ws_root, database_url=database_url)
    dispose_engines()
    t0 = time.perf_counter()
    if database_url:
        _build_postgres(ws.database_url, n, seed)
        return _index(ws, n, t0)
    path = ws.database_url[len("sqlite:///"):]
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    now = "2026-01-01 00:00:00"
    con.execute("INSERT INTO source (name, kind, created_at) VALUES ('Benchmark list', 'list', ?)", (now,))
    con.execute("INSERT INTO import_batch (source_id, file_name, file_sha256, file_format, mapping, actor, "
                "started_at, finished_at, rows_read, rows_new, rows_changed, rows_unchanged, rows_quarantined) "
                "VALUES (1, 'bench.csv', ?, 'csv', '{}', 'bench', ?, ?, ?, ?, 0, 0, 0)", ("0" * 64, now, now, n, n))
    batch = []
    for row in _rows(n, seed, now):
        batch.append(row)
        if len(batch) >= 50_000:
            _flush(con, batch)
            batch = []
    if batch:
        _flush(con, batch)
    con.commit()
    con.close()
    return _index(ws, n, t0)


def _index(ws, n: int, t0: float) -> dict:
    from reckon.store.db import dispose_engines

    t_insert = time.perf_counter() - t0
    from reckon.web import search

    t1 = time.perf_counter()
    indexed = search.build(ws.database_url)
    t_index = time.perf_counter() - t1
    # what `reckon import` does after its rows are in: the persons' histories, then the dashboard's summary
    from reckon.histories.service import refresh

    t2 = time.perf_counter()
    refresh(ws.database_url)
    t_histories = time.perf_counter() - t2
    t3 = time.perf_counter()
    try:
        from reckon.services import summary
    except ImportError:  # an older reckon, measured for comparison: its dashboard computes at read time
        summary = None
    if summary is not None:
        summary.refresh(ws.database_url)
    t_summary = time.perf_counter() - t3
    dispose_engines()
    return {"workspace": str(ws.root), "records": n, "insert_s": round(t_insert, 1),
            "insert_rows_per_s": round(n / t_insert), "index_s": round(t_index, 1), "index": indexed,
            "histories_s": round(t_histories, 1), "summary_s": round(t_summary, 1)}


def _flush(con: sqlite3.Connection, batch: list[tuple]) -> None:
    con.executemany(
        f"INSERT INTO record ({COLUMNS}) VALUES ({', '.join('?' * len(COLUMNS.split(',')))})", batch)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(ws_root: Path, port: int, workers: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "reckon", "serve", "--port", str(port), "-w", str(ws_root),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    import httpx

    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server exited")
    raise RuntimeError("server did not answer within 300 s")


def _cpu_s(pids: list[int]) -> dict[int, float]:
    """Per live process: the user + system CPU seconds it has used (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two readings by the processes alive at the second (new ones in full)."""
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


def _group_pids(pgid: int) -> list[int]:
    """The server's processes: every process in its process group (serve, its uvicorn workers, the worker)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                    out.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return out


def _backend_pids(url: str) -> list[int]:
    """PostgreSQL's backends serving the register's database (the servers' pooled connections)."""
    if not url.startswith("postgresql"):
        return []
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as con:
        return [r[0] for r in con.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()")]


def load(base: str, token: str, concurrency: int, seconds: float, seed: int) -> dict:
    """Runs in a separate process: C threads, each alternating dashboard and search requests."""
    import httpx

    results: dict[str, list[float]] = {"dashboard": [], "search": []}
    errors: dict[str, int] = {"dashboard": 0, "search": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    def worker(i: int) -> None:
        rnd = random.Random(seed + i)
        with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
            while time.monotonic() < stop:
                if rnd.random() < 0.5:
                    kind, path, params = "dashboard", "/", None
                else:
                    q = rnd.choice(SURNAMES) + ("" if rnd.random() < 0.5 else " " + rnd.choice(GIVEN))
                    kind, path, params = "search", "/api/persons", {"q": q}
                t = time.perf_counter()
                r = client.get(path, params=params)
                dt = time.perf_counter() - t
                with lock:
                    if r.status_code == 200:
                        results[kind].append(dt)
                    else:
                        errors[kind] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out = {}
    for kind, xs in results.items():
        xs.sort()
        if not xs:
            out[kind] = {"n": 0, "errors": errors[kind]}
            continue
        q = statistics.quantiles(xs, n=100) if len(xs) >= 2 else [xs[0]] * 99
        out[kind] = {"n": len(xs), "errors": errors[kind], "p50_ms": round(q[49] * 1000, 1),
                     "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
                     "rps": round(len(xs) / seconds, 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000, help="register size (goal: 1,000,000)")
    ap.add_argument("--workspace", type=Path, help="reuse (or create) this workspace instead of a temporary one")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--server-workers", type=int, default=1, help="server processes (reckon serve --workers N)")
    ap.add_argument("--database-url", help="an empty PostgreSQL database for the register (default: SQLite)")
    ap.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--base", help=argparse.SUPPRESS)
    ap.add_argument("--token", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.load_only:  # the second process
        print(json.dumps(load(args.base, args.token, args.concurrency, args.seconds, args.seed)))
        return

    tmp = None
    if args.workspace is None:
        tmp = tempfile.TemporaryDirectory(prefix="reckon-load-")
        ws_root = Path(tmp.name) / "ws"
    else:
        ws_root = args.workspace
    build = {"records": None}
    if not (ws_root / "reckon.toml").exists():
        print(f"building a register of {args.records:,} synthetic records ...", flush=True)
        build = build_register(ws_root, args.records, args.seed, args.database_url)
        print(f"  inserted in {build['insert_s']} s ({build['insert_rows_per_s']:,} rows/s); "
              f"search index in {build['index_s']} s ({build['index']['keys']:,} keys); histories in "
              f"{build['histories_s']} s; dashboard summary in {build['summary_s']} s", flush=True)
    from reckon.config import load_workspace
    from reckon.services.accounts import add_user, create_token, list_users

    url = load_workspace(ws_root).database_url
    if not any(u["name"] == "bench" for u in list_users(url)):
        add_user(url, "bench", "analyst", "benchmark-password")
    token = create_token(url, "bench", "web_load")
    port = free_port()
    server = start_server(ws_root, port, args.server_workers)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        t = time.perf_counter()
        httpx.get(base + "/", headers={"Authorization": f"Bearer {token}"}, timeout=600)
        cold = time.perf_counter() - t
        print(f"first dashboard after start (stored summary read, charts drawn): {cold * 1000:.0f} ms", flush=True)
        t = time.perf_counter()
        httpx.get(base + "/api/persons", params={"q": SURNAMES[0]}, headers={"Authorization": f"Bearer {token}"},
                  timeout=600)
        print(f"cold search (name keys loaded): {(time.perf_counter() - t) * 1000:.0f} ms", flush=True)
        servers, backends = _group_pids(server.pid), _backend_pids(url)
        cpu0 = (_cpu_s(servers), _cpu_s(backends), os.getloadavg()[0])
        out = subprocess.run([sys.executable, __file__, "--load-only", "--base", base, "--token", token,
                              "--concurrency", str(args.concurrency), "--seconds", str(args.seconds),
                              "--seed", str(args.seed)], capture_output=True, text=True, check=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        backends = sorted(set(backends) | set(_backend_pids(url)))
        cpu = (_cpu_used(cpu0[0], _cpu_s(servers)), _cpu_used(cpu0[1], _cpu_s(backends)),
               (cpu0[2] + os.getloadavg()[0]) / 2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    n = build.get("records") or "existing"
    db = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"\nregister: {n} records · {db} · {args.server_workers} server process(es) · {args.concurrency} "
          f"concurrent clients for {args.seconds:.0f} s from a second process on loopback · {os.cpu_count()} cores")
    print(f"{'endpoint':<11}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}")
    for kind, r in res.items():
        print(f"{kind:<11}{r['n']:>9}{r['errors']:>8}{r.get('p50_ms', '-'):>9}{r.get('p95_ms', '-'):>9}"
              f"{r.get('p99_ms', '-'):>9}{r.get('rps', '-'):>8}")
    served = sum(r["n"] for r in res.values()) or 1
    print(f"CPU per request (load-independent): {cpu[0] / served * 1000:.1f} ms in the server processes"
          + (f", {cpu[1] / served * 1000:.1f} ms in PostgreSQL's backends" if cpu[1] else "")
          + f"; machine load average during the run ≈ {cpu[2]:.1f}")
    print("goal: p95 < 200 ms at 1,000,000 records")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
