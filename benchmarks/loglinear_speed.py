"""Exhaustive log-linear model search speed: every hierarchical model up to order 2 on 6 lists.

Prints, for each 6-list table in ../shared/eval/mse (or a synthetic 6-list table when that folder is
absent), the number of models fitted, the time taken and the best model by BIC. The goal (issue 5) is
under 5 s for the 32,768 pairwise models of a 6-list table. The first run in a fresh checkout also
compiles the numba kernels (cached afterwards); that time is printed separately.

    python benchmarks/loglinear_speed.py [--repeat 3] [--stepwise-boot 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# benchmarks/coverage.py would shadow the `coverage` package numba probes for: drop this folder from the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import numpy as np  # noqa: E402

from reckon.estimate import CaptureTable  # noqa: E402
from reckon.estimate.loglinear import search_models  # noqa: E402
from reckon.estimate.stepwise import estimate_stepwise  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RECKON_SHARED", ROOT.parent / "shared")) / "eval" / "mse"


def synthetic_table(seed: int = 1, k: int = 6, n: int = 5000) -> CaptureTable:
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.4, size=k)
    caught = rng.random((n, k)) < p
    caught = caught[caught.any(axis=1)]
    patterns, counts = np.unique(caught.astype(int), axis=0, return_counts=True)
    return CaptureTable(tuple(f"L{j + 1}" for j in range(k)), patterns, counts, source="synthetic")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stepwise-boot", type=int, default=2000,
                        help="also time a SparseMSE stepwise BCa bootstrap with this many resamples (0: skip)")
    args = parser.parse_args()
    tables = []
    if SHARED.exists():
        for path in sorted(SHARED.glob("*6lists*.csv")):
            tables.append((path.name, CaptureTable.from_csv(path)))
    tables.append(("synthetic 6 lists", synthetic_table()))

    warm = time.perf_counter()
    search_models(tables[0][1].collapse(tables[0][1].lists[:3]), max_order=2)
    print(f"kernel load/compile: {time.perf_counter() - warm:.2f} s")
    for name, table in tables:
        times, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            search = search_models(table, max_order=2, criterion="bic")
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        best, score, est = search.top(1)[0]
        print(f"{name}: {search.n_fitted:,} models up to order 2 in {min(times):.2f} s "
              f"(best of {args.repeat}; CPU {min(cpu):.2f} s; {search.n_usable:,} usable) -> {best.describe(table.lists)}, "
              f"BIC {score:.2f}, N = {est:,.1f}  [goal < 5 s]")
        if args.stepwise_boot:
            t0 = time.perf_counter()
            res = estimate_stepwise(table, n_boot=args.stepwise_boot, seed=1)
            dt = time.perf_counter() - t0
            print(f"  stepwise + BCa ({args.stepwise_boot} resamples): {dt:.2f} s -> N = {res.estimate:,.1f} "
                  f"[{res.lower:,.1f}, {res.upper:,.1f}]")


if __name__ == "__main__":
    main()
