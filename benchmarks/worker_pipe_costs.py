"""What a first import's batch costs on each side of the reader worker's pipe into PostgreSQL, per row:
the worker's hashing, packing, conversion and pickling (``ship``), the importing process's unpickling and
COPY text (``text_data``), with the columns sent as Python lists (before) and as Arrow arrays (now,
reckon.ingest.worker.arrow_columns). One process, CPU time (time.process_time), best of the rounds; the
COPY text is checked to be the same bytes both ways. No database is needed.

    .venv/bin/python benchmarks/worker_pipe_costs.py LIST.csv [--batches 40] [--rounds 3]

LIST.csv: e.g. the file benchmarks/import_speed.py generates (its child keeps it in its folder).
Figures: docs/ingest.md, "PostgreSQL, third pass".
"""

from __future__ import annotations

import argparse
import copy
import pickle
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from reckon.ingest.columnar import columnar_batches
    from reckon.ingest.mapper import RowMapper
    from reckon.ingest.mapping import MappingSpec, resolve_mapping
    from reckon.ingest.readers import open_table
    from reckon.ingest.worker import ship
    from reckon.store.pgcopy import ColumnRows, CopyShape, text_data

    with open_table(args.csv) as reader:
        sample = [row.values for row, _ in zip(reader, range(200), strict=False)]
        spec = resolve_mapping(reader.headers, sample, MappingSpec())
    batches = []
    with open_table(args.csv) as reader:
        for batch in columnar_batches(reader, RowMapper(spec), salt=b"bench", strict=False, file_name="f",
                                      batch_size=5000):
            batches.append(batch)
            if len(batches) == args.batches:
                break
    rows = sum(len(b.identities) for b in batches)
    shape = CopyShape({"source_id": 1, "import_id": 1, "is_current": True, "raw": "{}"}, batches[0].fields, False)
    best: dict[bool, list[float]] = {False: [1e9, 1e9], True: [1e9, 1e9]}
    texts: dict[bool, list[bytes]] = {}
    for _ in range(args.rounds):
        for arrow in (False, True):
            fresh = [copy.copy(b) for b in batches]
            for b in fresh:
                b.raws, b.columns = list(b.raws), list(b.columns)
            t0 = time.process_time()
            for b in fresh:
                ship(b, True, arrow)
            sent = [pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL) for b in fresh]
            t1 = time.process_time()
            got = [pickle.loads(s) for s in sent]
            out = []
            for b in got:
                n = len(b.numbers)
                columns = [b.identities, b.hashes, b.numbers, *b.columns, [i % 1000 for i in range(n)]]
                out.append(bytes(text_data(ColumnRows(columns, shape.tail, [7] * n)) or b""))
            t2 = time.process_time()
            texts[arrow] = out
            best[arrow] = [min(best[arrow][0], t1 - t0), min(best[arrow][1], t2 - t1)]
    assert texts[False] == texts[True], "the COPY text differs"
    for arrow, (worker, importing) in best.items():
        print(f"{'Arrow arrays' if arrow else 'Python lists'}: worker {worker / rows * 1e6:.2f} µs a row, "
              f"importing process {importing / rows * 1e6:.2f} µs a row ({rows:,} rows)")


if __name__ == "__main__":
    main()
