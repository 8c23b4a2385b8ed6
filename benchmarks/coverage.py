"""Interval coverage and error of each estimator on simulated worlds with known totals.

For each of ``--worlds`` worlds per scenario, ``reckon.simulate.simulate_captures`` draws who each list
sees among ``--n-total`` people; every method estimates the total from the observed table. Printed per
method and scenario: how often the ``--level`` interval holds the true total (coverage; goal 93-97 % at
95 % where the method's assumptions hold), the median relative error of the point estimate, the median
relative interval width, the time per world and failures.

Scenarios (the generator's knobs):
  independent    homogeneous people, independent lists: every method's assumptions hold
  heterogeneous  people differ in visibility (log-odds s.d. 1): latent classes (LCMCR) are built for it,
                 the independence log-linear model is not
  dependent      a list sees more of whom the previous list saw (log-odds +1): a chain of pairwise
                 interactions, a decomposable graph (dga) and a log-linear model with 2-way terms
  classes        two equal latent classes of people, log-odds visibility -1 and +1, lists independent
                 within a class: exactly LCMCR's model (a finite latent-class mixture)

Worlds are seeded from ``--seed`` and their index only, so results do not depend on ``--workers``.

    python benchmarks/coverage.py                      # 200 worlds, scenario independent, all methods
    python benchmarks/coverage.py --worlds 50 --scenario all --methods dga,lcmcr
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named coverage.py: keep its folder off the import path, or numba's `import coverage`
# (coverage.py support) would find this script instead of the coverage package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

SCENARIOS = {
    "independent": {"heterogeneity": 0.0, "dependence": 0.0},
    "heterogeneous": {"heterogeneity": 1.0, "dependence": 0.0},
    "dependent": {"heterogeneity": 0.0, "dependence": 1.0},
    "classes": {"heterogeneity": 1.0, "dependence": 0.0, "two_classes": True},
}
ALL_METHODS = ("independence", "loglinear", "stepwise", "dga", "lcmcr")


@dataclass
class Outcome:
    scenario: str
    world: int
    method: str
    n_total: int
    observed: int
    estimate: float | None = None
    lower: float | None = None
    upper: float | None = None
    seconds: float = 0.0
    error: str | None = None


def _simulate(n_total: int, n_lists: int, seed: int, heterogeneity: float, dependence: float,
              two_classes: bool = False):
    """The lead's generator when present; otherwise a small stand-in with the same knobs."""
    if two_classes:
        return _simulate_classes(n_total, n_lists, seed, heterogeneity)
    try:
        from reckon.simulate import simulate_captures
    except ImportError:  # pragma: no cover - only before reckon.simulate exists
        try:
            from reckon.simulate.captures import simulate_captures
        except ImportError:
            simulate_captures = None
    if simulate_captures is not None:
        world = simulate_captures(n_total, n_lists, seed=seed, heterogeneity=heterogeneity, dependence=dependence)
        return world.table, tuple(world.list_names)
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.15, 0.35, size=n_lists)
    logits = np.log(base / (1 - base))[None, :] + heterogeneity * rng.normal(size=(n_total, 1))
    seen = np.zeros((n_total, n_lists), dtype=bool)
    for j in range(n_lists):
        lj = logits[:, j] + (dependence * seen[:, j - 1] if j else 0.0)
        seen[:, j] = rng.random(n_total) < 1 / (1 + np.exp(-lj))
    rows = seen[seen.any(axis=1)].astype(int)
    patterns, counts = np.unique(rows, axis=0, return_counts=True)
    return ({tuple(p): int(c) for p, c in zip(patterns.tolist(), counts, strict=True)},
            tuple(chr(65 + j) for j in range(n_lists)))


def _simulate_classes(n_total: int, n_lists: int, seed: int, spread: float):
    """Two latent classes of people (visibility -1 or +1 times ``spread`` on the log-odds scale)."""
    from reckon.simulate.captures import CaptureSettings, capture_matrix

    rng = np.random.default_rng(seed)
    base = tuple(float(x) for x in rng.uniform(0.15, 0.35, size=n_lists))
    visibility = np.where(rng.random(n_total) < 0.5, -1.0, 1.0)
    seen = capture_matrix(rng, n_total, CaptureSettings(base=base, heterogeneity=spread), visibility=visibility)
    rows = seen[seen.any(axis=1)].astype(int)
    patterns, counts = np.unique(rows, axis=0, return_counts=True)
    return ({tuple(p): int(c) for p, c in zip(patterns.tolist(), counts, strict=True)},
            tuple(chr(65 + j) for j in range(n_lists)))


def _methods(args: argparse.Namespace, seed: int) -> dict[str, Callable[[Any], Any]]:
    out: dict[str, Callable[[Any], Any]] = {}
    if "independence" in args.methods or "loglinear" in args.methods:
        try:
            from reckon.estimate.loglinear import estimate_loglinear
        except ImportError:
            estimate_loglinear = None
        if estimate_loglinear is not None:
            out["independence"] = lambda t: estimate_loglinear(t, max_order=1, level=args.level)
            out["loglinear"] = lambda t: estimate_loglinear(t, criterion="bic", level=args.level)
    if "stepwise" in args.methods:
        try:
            from reckon.estimate.stepwise import estimate_stepwise
        except ImportError:
            estimate_stepwise = None
        if estimate_stepwise is not None:
            out["stepwise"] = lambda t: estimate_stepwise(t, n_boot=args.boot, seed=seed, level=args.level)
    if "dga" in args.methods:
        from reckon.estimate.dga import estimate_dga

        out["dga"] = lambda t: estimate_dga(t, level=args.level)
    if "lcmcr" in args.methods:
        from reckon.estimate.lcmcr import estimate_lcmcr

        out["lcmcr"] = lambda t: estimate_lcmcr(t, K=args.classes, burn_in=args.burn_in, samples=args.samples,
                                                thinning=args.thinning, chains=args.chains, seed=seed,
                                                level=args.level, workers=1)
    return {m: f for m, f in out.items() if m in args.methods}


def run_world(task: tuple[str, int, argparse.Namespace]) -> list[Outcome]:
    scenario, index, args = task
    from reckon.estimate.table import CaptureTable

    seed = args.seed * 100_003 + index
    knobs = SCENARIOS[scenario]
    counts, names = _simulate(args.n_total, args.lists, seed, knobs["heterogeneity"], knobs["dependence"],
                              bool(knobs.get("two_classes", False)))
    table = CaptureTable.from_counts(counts, names)
    outcomes = []
    for method, fn in _methods(args, seed).items():
        out = Outcome(scenario, index, method, args.n_total, table.n_observed)
        start = time.perf_counter()
        try:
            r = fn(table)
            out.estimate, out.lower, out.upper = r.estimate, r.lower, r.upper
        except Exception as exc:  # a failure is a finding of the benchmark, counted and shown
            out.error = f"{type(exc).__name__}: {exc}"[:200]
        out.seconds = time.perf_counter() - start
        outcomes.append(out)
    return outcomes


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def summarise(outcomes: list[Outcome], level: float) -> list[dict[str, Any]]:
    rows = []
    keys = sorted({(o.scenario, o.method) for o in outcomes},
                  key=lambda k: (list(SCENARIOS).index(k[0]), ALL_METHODS.index(k[1])))
    for scenario, method in keys:
        group = [o for o in outcomes if o.scenario == scenario and o.method == method]
        ok = [o for o in group if o.error is None and _finite(o.estimate)]
        with_interval = [o for o in ok if _finite(o.lower) and _finite(o.upper)]
        covered = [o.lower <= o.n_total <= o.upper for o in with_interval]
        rel = [abs(o.estimate - o.n_total) / o.n_total for o in ok]
        bias = [(o.estimate - o.n_total) / o.n_total for o in ok]
        width = [(o.upper - o.lower) / o.n_total for o in with_interval]
        n_cov = len(covered)
        cov = float(np.mean(covered)) if covered else float("nan")
        rows.append({
            "scenario": scenario, "method": method, "worlds": len(group), "failed": len(group) - len(ok),
            "no_interval": len(ok) - len(with_interval),
            "coverage": cov,
            # binomial Monte-Carlo standard error of the coverage itself
            "coverage_se": math.sqrt(cov * (1 - cov) / n_cov) if n_cov else float("nan"),
            "median_rel_error": float(np.median(rel)) if rel else float("nan"),
            "median_rel_bias": float(np.median(bias)) if bias else float("nan"),
            "median_rel_width": float(np.median(width)) if width else float("nan"),
            "seconds_per_world": float(np.mean([o.seconds for o in group])) if group else float("nan"),
            "errors": sorted({o.error for o in group if o.error})[:3],
        })
    return rows


def print_table(rows: list[dict[str, Any]], level: float) -> None:
    head = (f"{'scenario':<14} {'method':<13} {'worlds':>6} {'failed':>6} {'coverage':>9} {'± se':>6} "
            f"{'med |rel err|':>13} {'med rel bias':>12} {'med rel width':>13} {'s/world':>8}")
    print(head)
    print("-" * len(head))
    for r in rows:
        cov = "—" if math.isnan(r["coverage"]) else f"{r['coverage']:.1%}"
        se = "" if math.isnan(r["coverage_se"]) else f"{r['coverage_se']:.1%}"
        print(f"{r['scenario']:<14} {r['method']:<13} {r['worlds']:>6} {r['failed']:>6} {cov:>9} {se:>6} "
              f"{r['median_rel_error']:>13.1%} {r['median_rel_bias']:>+12.1%} {r['median_rel_width']:>13.1%} "
              f"{r['seconds_per_world']:>8.2f}")
        for e in r["errors"]:
            print(f"{'':<14} {'':<13} error: {e}")
    print(f"coverage: share of worlds whose {level:.0%} interval holds the true total (goal "
          f"{level - 0.02:.0%}-{level + 0.02:.0%} where the method's assumptions hold)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--worlds", type=int, default=200, help="worlds per scenario (default 200)")
    p.add_argument("--scenario", default="independent", help=f"one of {', '.join(SCENARIOS)} or all")
    p.add_argument("--methods", default=",".join(ALL_METHODS), help="comma-separated subset of "
                   + ", ".join(ALL_METHODS))
    p.add_argument("--lists", type=int, default=4, help="lists per world (default 4)")
    p.add_argument("--n-total", type=int, default=2000, help="true total of each world (default 2000)")
    p.add_argument("--level", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    p.add_argument("--boot", type=int, default=200, help="bootstrap resamples of stepwise (default 200)")
    p.add_argument("--classes", type=int, default=10, help="LCMCR K (default 10)")
    p.add_argument("--burn-in", type=int, default=2000, help="LCMCR burn-in sweeps per chain (default 2000)")
    p.add_argument("--samples", type=int, default=500, help="LCMCR kept draws per chain (default 500)")
    p.add_argument("--thinning", type=int, default=20, help="LCMCR thinning (default 20)")
    p.add_argument("--chains", type=int, default=2, help="LCMCR chains (default 2)")
    p.add_argument("--json", type=Path, default=None, help="also write every outcome and the summary here")
    args = p.parse_args(argv)
    args.methods = tuple(m.strip() for m in args.methods.split(",") if m.strip())
    unknown = [m for m in args.methods if m not in ALL_METHODS]
    if unknown:
        p.error(f"unknown methods: {', '.join(unknown)}")
    scenarios = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    if any(s not in SCENARIOS for s in scenarios):
        p.error(f"unknown scenario {args.scenario!r}")

    tasks = [(s, i, args) for s in scenarios for i in range(args.worlds)]
    start = time.perf_counter()
    # fill the numba caches once before the workers start (they would all compile otherwise)
    run_world((scenarios[0], 0, args))
    outcomes: list[Outcome] = []
    if args.workers <= 1:
        for t in tasks:
            outcomes.extend(run_world(t))
    else:
        # spawn, not fork: numba's parallel kernels start OpenMP threads, which do not survive a fork
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=args.workers, mp_context=ctx) as pool:
            for result in pool.map(run_world, tasks, chunksize=4):
                outcomes.extend(result)
    elapsed = time.perf_counter() - start
    print(f"{len(tasks)} worlds ({', '.join(scenarios)}), {args.lists} lists, true total {args.n_total:,}, "
          f"methods {', '.join(args.methods)}; {elapsed:.0f} s on {args.workers} worker(s)")
    rows = summarise(outcomes, args.level)
    print_table(rows, args.level)
    missing = [m for m in args.methods if not any(r["method"] == m for r in rows)]
    if missing:
        print(f"not run (estimator not importable): {', '.join(missing)}")
    if args.json:
        args.json.write_text(json.dumps({"summary": rows, "outcomes": [asdict(o) for o in outcomes]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
