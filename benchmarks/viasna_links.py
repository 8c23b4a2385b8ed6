"""The links ``reckon link`` makes on Viasna's two real lists (../shared/eval/lists), as record pairs.

Why: a change to the name keys moves links on real data that no synthetic world shows. Both lists are
imported and linked through the real path (benchmarks/link_eval.py's ``link_files``), and every pair of
records put in one person is printed as "source:id source:id" with the person's size; run it on the code
before and after a change and diff the two outputs. Names are left out unless --names is given (the list
holds people's names: local use only).

Usage: python benchmarks/viasna_links.py [--names] > links.txt
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_eval import ROOT, link_files  # noqa: E402

LISTS = ROOT.parent / "shared" / "eval" / "lists"
FILES = {"viasna_admin": LISTS / "viasna_admin_cases_2020_sample.csv",
         "viasna_pp": LISTS / "viasna_political_prisoners_sample.csv"}
NAME_COLUMNS = {"viasna_admin": "full_name", "viasna_pp": "name"}


def names_by_row() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, path in FILES.items():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[(source, row["id"])].append(row[NAME_COLUMNS[source]])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--names", action="store_true", help="print the names of linked records (local use only)")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    export, res = link_files(FILES)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in export:
        groups[row["person_id"]].append((row["source"], row["external_id"]))
    names = names_by_row() if args.names else {}
    pairs = []
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            pairs.append((a, b, len(members)))
    for a, b, size in sorted(pairs):
        line = f"{a[0]}:{a[1]} {b[0]}:{b[1]} person_size={size}"
        if names:
            line += f"  | {' / '.join(names.get(a, []))} | {' / '.join(names.get(b, []))}"
        print(line)
    print(f"# {len(pairs)} linked pairs, {res.get('persons')} persons", file=sys.stderr)


if __name__ == "__main__":
    main()
