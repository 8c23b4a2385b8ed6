"""Import the EU Belarus list (Annex I.A of Council Regulation 765/2006, 312 persons) twice — once with its
Belarusian-Latin names, once with its Russian-Cyrillic names — into a temporary workspace, and print how
many officials result (goal: 312, not 624) and how many pairs go to review (goal: at most 3).

Both imports are ordinary ``import_sanctions`` calls with ``--name-column``; nothing here knows the file.
Because each row is one person in both imports, the row id is a truth to score the merges against: a
merged official whose two listings have different row ids is a wrong merge.

    .venv/bin/python benchmarks/sanctions_eval.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("RECKON_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temporary folder")
    parser.add_argument("--columns", nargs=2, default=["name_be_latn", "name_ru_cyrl"], metavar=("FIRST", "SECOND"),
                        help="the name columns of the two imports (other pairings test the same ability)")
    args = parser.parse_args(argv)
    path = args.shared / "eval" / "linkage" / "eu_blr_annex_ia_persons.csv"
    if not path.exists():
        print(f"skipped: {path} is absent (evaluation data lives in ../shared)")
        return 0

    from sqlalchemy import select

    from reckon.config import init_workspace
    from reckon.sanctions import import_sanctions, review_queue
    from reckon.store.db import session_scope
    from reckon.store.sanctions import OfficialEntity

    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(Path(tmp) / "ws", database_url=args.database_url)
        t0 = time.perf_counter()
        col_a, col_b = args.columns
        first = import_sanctions(ws, path, f"eu-{col_a}", name_columns=[col_a])
        t1 = time.perf_counter()
        second = import_sanctions(ws, path, f"eu-{col_b}", name_columns=[col_b])
        t2 = time.perf_counter()
        queue = review_queue(ws)
        with session_scope(ws.database_url) as session:
            groups: dict[int, list[str]] = defaultdict(list)
            for official_id, external_id in session.execute(select(OfficialEntity.official_id,
                                                                   OfficialEntity.external_id)):
                groups[official_id].append(external_id)
        rows = {e for ids in groups.values() for e in ids}
        wrong = sum(1 for ids in groups.values() if len(set(ids)) > 1)
        complete = sum(1 for ids in groups.values() if len(ids) == 2 and len(set(ids)) == 1)
        split = sum(1 for r in rows if sum(r in ids for ids in groups.values()) > 1)
        assert second.match is not None
        print(f"file: {path.name}; names compared with {second.match.comparer}")
        print(f"import 1 ({col_a}): {first.entities_read} listings, {len(first.errors)} bad rows, "
              f"{t1 - t0:.1f} s")
        print(f"import 2 ({col_b}): {second.entities_read} listings, {len(second.errors)} bad rows "
              f"({'; '.join(str(e) for e in second.errors)}), {t2 - t1:.1f} s")
        print(f"officials: {len(groups)} (goal 312, not 624; {first.entities_read + second.entities_read} "
              f"listings read)")
        print(f"pairs to review: {len(queue)} (goal <= 3)")
        for pair in queue:
            print(f"  review: entities {pair['entity_a']} / {pair['entity_b']}: {pair['reason']}")
        for row_id in sorted(r for r in rows if sum(r in ids for ids in groups.values()) > 1):
            print(f"  split: row {row_id}")
        print(f"truth (row ids): {complete} officials hold both listings of their row, {wrong} wrong merges, "
              f"{split} rows split over several officials")
    return 0


if __name__ == "__main__":
    sys.exit(main())
