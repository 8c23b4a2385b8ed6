"""Gibbs sweeps per second of the LCMCR sampler on the UK 5-list table, for K = 5 and K = 10.

The R package LCMCR 0.4.14 runs 114,000 (K = 5) and 63,000 (K = 10) sweeps/s on this machine, one
chain; the goal is at least 1.5 times that. One chain is timed (the R figures are one chain); the
throughput of several chains in parallel threads is printed beside it.

    python benchmarks/lcmcr_speed.py [--sweeps 300000] [--repeats 3] [--table PATH]
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/coverage.py sits beside this file: keep this folder off the import path, or numba's
# `import coverage` (coverage.py support) would find that script instead of the coverage package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
R_SWEEPS_PER_S = {5: 114_000, 10: 63_000}
GOAL = 1.5


def default_table() -> Path:
    shared = Path(os.environ.get("RECKON_SHARED", ROOT.parent / "shared"))
    return shared / "eval" / "mse" / "uk_modern_slavery_2013_5lists.csv"


def time_one_chain(table, K: int, sweeps: int, seed: int) -> tuple[float, float]:
    """(sweeps per second of wall-clock time, sweeps per second of this thread's CPU time)."""
    from reckon.estimate import _lcmcr_kernels as kern

    cells = np.ascontiguousarray(table.patterns, dtype=np.int64)
    freq = np.ascontiguousarray(table.counts, dtype=np.int64)
    J = table.k
    rng = np.random.default_rng(seed)
    lam, nu, log_nu = np.empty((J, K)), np.empty(K), np.empty(K)
    count0, scalars = np.zeros(K, dtype=np.int64), np.zeros(4)
    dummy_i, dummy_f = np.zeros(1, dtype=np.int64), np.zeros(1)
    kern.chain_init(rng, cells, freq, K, 500, lam, nu, log_nu, count0, scalars, 0)
    start, cpu = time.perf_counter(), time.thread_time()
    done = kern.chain_run(rng, cells, freq, K, 0.25, 0.25, lam, nu, log_nu, count0, scalars, sweeps, 0, 1,
                          dummy_i, dummy_f, dummy_f, dummy_i, 0, 0)
    return done / (time.perf_counter() - start), done / max(time.thread_time() - cpu, 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweeps", type=int, default=300_000, help="sweeps per timed run")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per K (the best is reported)")
    parser.add_argument("--table", type=Path, default=None, help="capture table CSV (default: UK 5 lists)")
    args = parser.parse_args(argv)

    from reckon.estimate.lcmcr import sample_lcmcr
    from reckon.estimate.table import CaptureTable

    path = args.table or default_table()
    if not path.exists():
        print(f"no table at {path} (set RECKON_SHARED or pass --table)", file=sys.stderr)
        return 2
    table = CaptureTable.from_csv(path)
    start = time.perf_counter()
    time_one_chain(table, 5, 10, 0)  # compile (or load the numba cache)
    print(f"table {path.name}: {table.k} lists, {table.m} patterns, n = {table.n_observed:,}; "
          f"kernels ready in {time.perf_counter() - start:.1f} s")
    print(f"{'K':>3} {'sweeps/s (best)':>16} {'median':>10} {'per CPU-s':>10} {'R LCMCR':>9} {'ratio':>6} "
          f"{'goal':>6} {'parallel chains sweeps/s':>26}")
    ok = True
    for K in (5, 10):
        timed = [time_one_chain(table, K, args.sweeps, seed) for seed in range(args.repeats)]
        rates = [wall for wall, _cpu in timed]
        cpu_rate = max(cpu for _wall, cpu in timed)
        best = max(rates)
        ratio = best / R_SWEEPS_PER_S[K]
        ok &= ratio >= GOAL
        workers = os.cpu_count() or 1
        chains = 2 * workers
        samples = max(1, args.sweeps // 100)
        start = time.perf_counter()
        draws, _ = sample_lcmcr(table, K=K, burn_in=0, samples=samples, thinning=100, chains=chains, seed=1,
                                workers=workers)
        parallel = chains * draws.sweeps / (time.perf_counter() - start)
        print(f"{K:>3} {best:>16,.0f} {statistics.median(rates):>10,.0f} {cpu_rate:>10,.0f} {R_SWEEPS_PER_S[K]:>9,} "
              f"{ratio:>5.2f}x {'met' if ratio >= GOAL else 'MISSED':>6} "
              f"{parallel:>17,.0f} ({chains} on {workers})")
    print(f"goal: >= {GOAL}x the R package, one chain, wall clock: {'met' if ok else 'missed'}"
          f" (per CPU-s: sweeps per second of CPU time the chain got; equals the wall-clock rate on an idle"
          f" machine; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
