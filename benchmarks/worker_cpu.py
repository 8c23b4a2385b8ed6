"""The reader worker's CPU per row: its whole job on one list, in this process, as a fresh worker does it.

What the worker does for a first import into PostgreSQL (reckon.ingest.worker): read the CSV the columnar
way, map, hash, pack the raw rows into blocks, turn the columns into Arrow arrays (``--no-arrow``: leave
them lists, as for SQLite) and pickle each batch for the pipe. Run it in a fresh process per measure (the
worker is one: its one-off costs count), alternating old and new code, and read CPU, not wall clock.

    PYTHONPATH=src .venv/bin/python benchmarks/worker_cpu.py LIST.csv [--rows 200000] [--no-arrow]

LIST.csv: e.g. the file benchmarks/import_speed.py generates. Figures: docs/ingest.md, "The reader worker's
CPU per row".
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--rows", type=int, help="stop after this many rows (default: the whole file)")
    parser.add_argument("--no-arrow", action="store_true", help="columns stay lists (a SQLite import's worker)")
    args = parser.parse_args()

    gc.disable()  # as in the worker
    from reckon.ingest import worker
    from reckon.ingest.columnar import columnar_batches
    from reckon.ingest.mapper import RowMapper
    from reckon.ingest.mapping import MappingSpec, resolve_mapping
    from reckon.ingest.readers import open_table
    from reckon.ingest.report import content_salt

    started = time.process_time()
    getattr(worker, "arrow_without_pandas", lambda: None)()  # what the worker does first (older code: nothing)
    with open_table(args.csv) as reader:
        sample = [row.values for row, _ in zip(reader, range(200), strict=False)]
        spec = resolve_mapping(reader.headers, sample, MappingSpec())
    rows = sent = 0
    with open_table(args.csv) as reader:
        for batch in columnar_batches(reader, RowMapper(spec), salt=content_salt(spec), strict=False,
                                      file_name=args.csv.name, batch_size=5000):
            worker.ship(batch, True, not args.no_arrow)
            sent += len(pickle.dumps(("batch", batch), protocol=pickle.HIGHEST_PROTOCOL))
            rows += len(batch.identities)
            if args.rows and rows >= args.rows:
                break
    cpu = time.process_time() - started
    print(f"{rows:,} rows: {cpu:.3f} s of CPU, {cpu / rows * 1e6:.2f} µs a row ({sent / rows:.0f} bytes a row "
          f"sent); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
