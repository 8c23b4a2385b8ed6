"""Cross-script name matching on the EU Annex I.A list (../shared/eval/linkage/eu_blr_annex_ia_persons.csv).

For every pair of spelling columns (be_cyrl, ru_cyrl, be_latn, ru_latn) and both directions, each name of
one column is ranked against every name of the other (blocking on keys to skip hopeless pairs; a query
whose block is empty is ranked against all). Prints top-1 accuracy, and recall at precision >= 0.99 over
all scored pairs (a pair skipped by blocking counts as score 0). One row is one person: the truth.

Usage: python benchmarks/names_eval.py [--show-errors N]   (--show-errors prints names: local use only)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "linkage" / "eu_blr_annex_ia_persons.csv"
COLUMNS = ["be_cyrl", "ru_cyrl", "be_latn", "ru_latn"]


def block_keys(text: str) -> set[str]:
    from reckon.names import all_keys

    out: set[str] = set()
    for k in all_keys(text):
        if k.surname_key:
            out.add("s:" + k.surname_key)
            out.add("s3:" + k.surname_key[:3])
        if k.given_key and k.patronymic_key:
            out.add("gp:" + k.given_key + "|" + k.patronymic_key)
    return out


def recall_at_precision(scored: list[tuple[float, bool]], n_true: int, target: float = 0.99) -> float:
    scored.sort(key=lambda x: -x[0])
    best = 0.0
    tp = fp = 0
    i = 0
    while i < len(scored):
        s = scored[i][0]
        while i < len(scored) and scored[i][0] == s:  # ties enter together
            tp += scored[i][1]
            fp += not scored[i][1]
            i += 1
        if tp / (tp + fp) >= target:
            best = max(best, tp / n_true)
    return best


BANDS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.01)


def reliability(scored: list[tuple[float, bool]]) -> list[str]:
    """Observed share of true pairs per score band: a calibrated score keeps them close."""
    out = []
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        band = [t for s, t in scored if lo <= s < hi]
        if band:
            out.append(f"[{lo:.2f},{min(hi, 1.0):.2f}) n={len(band):6d} true={sum(band) / len(band):.3f}")
    return out


ALL_SCORED: list[tuple[float, bool]] = []


def evaluate(rows: list[dict[str, str]], src: str, dst: str, show: int,
             blocking: bool = True) -> tuple[float, float, int, float]:
    from reckon.names import compare

    pairs = [(r[f"name_{src}"].strip(), r[f"name_{dst}"].strip()) for r in rows]
    pairs = [(i, a, b) for i, (a, b) in enumerate(pairs) if a and b]
    index: dict[str, set[int]] = defaultdict(set)
    for i, _a, b in pairs:
        for k in block_keys(b):
            index[k].add(i)
    targets = {i: b for i, _a, b in pairs}
    correct = 0
    scored: list[tuple[float, bool]] = []
    shown = 0
    t0 = time.perf_counter()
    n_cmp = 0
    for i, a, _b in pairs:
        cands: set[int] = set()
        if blocking:
            for k in block_keys(a):
                cands |= index.get(k, set())
        if not cands:
            cands = set(targets)
        results = []
        for j in cands:
            res = compare(a, targets[j])
            n_cmp += 1
            results.append((res.score, j, res.reason))
            scored.append((res.score, j == i))
        results.sort(key=lambda x: (-x[0], x[1]))
        if results and results[0][1] == i:
            correct += 1
        elif shown < show:
            shown += 1
            best = results[0] if results else (0.0, -1, "")
            truth = next((r for r in results if r[1] == i), None)
            print(f"  MISS {a!r} -> {targets.get(best[1])!r} {best[0]:.3f} {best[2]}; "
                  f"truth {targets[i]!r} {truth[0] if truth else 'not in block'}", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    ALL_SCORED.extend(scored)
    n = len(pairs)
    return correct / n if n else 0.0, recall_at_precision(scored, n), n, n_cmp / elapsed if elapsed else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", type=int, default=0, help="print up to N misses (names!) to stderr")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-blocking", action="store_true", help="rank every name against every name")
    parser.add_argument("--pairs", default="", help="only these column pairs, e.g. be_cyrl:ru_latn,ru_cyrl:be_latn")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"evaluation file not found: {args.data} (needs ../shared beside the project)", file=sys.stderr)
        return 2
    with open(args.data, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'from':8} {'to':8} {'n':>4} {'top1':>6} {'R@P.99':>7} {'pairs/s':>8}")
    t0 = time.perf_counter()
    todo = list(itertools.permutations(COLUMNS, 2))
    if args.pairs:
        todo = [tuple(p.split(":")) for p in args.pairs.split(",")]
    for src, dst in todo:
        top1, rec, n, speed = evaluate(rows, src, dst, args.show_errors, blocking=not args.no_blocking)
        print(f"{src:8} {dst:8} {n:4d} {top1:6.3f} {rec:7.3f} {speed:8.0f}", flush=True)
    print(f"total {time.perf_counter() - t0:.1f}s")
    print("calibration over all scored pairs (score band: observed share of true pairs):")
    for line in reliability(ALL_SCORED):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
