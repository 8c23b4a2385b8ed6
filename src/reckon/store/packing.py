"""Raw rows packed into compressed blocks, the CPU half of :mod:`reckon.store.rawblocks`, with no SQLAlchemy.

Why apart: the import's reader worker packs a first import's blocks beside the writer
(:func:`reckon.ingest.worker.ship`), and importing the store's writing half for this one function loaded
SQLAlchemy and every model into that process before its first batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import orjson
import zstandard

__all__ = ["BLOCK_ROWS", "LEVEL", "pack_blocks"]

BLOCK_ROWS = 1000
"""Lines per block. zstd finds the repeats between rows (keys, places, articles) within a block: on the
benchmark's rows 1,000 lines compress 7.0x, 2,000 7.3x, 4,000 7.4x, while reading one row decompresses
and splits the whole block, so its cost grows with the block; 1,000 keeps a cold read of one row near a
millisecond for 3 % more disk than 2,000."""
LEVEL = 3
_LF = ord("\n")


def pack_blocks(numbers: Sequence[int], raws: Sequence[bytes | str]) -> list[dict[str, Any]]:
    """The blocks of ``raws`` (their rows' ``numbers`` in the file) compressed, ready for
    :func:`reckon.store.rawblocks.insert_blocks`: the CPU half of writing blocks, which needs no
    connection (an import does it while the database still writes its previous batch)."""
    packed: list[dict[str, Any]] = []
    compressor = zstandard.ZstdCompressor(level=LEVEL, write_checksum=True)
    for start in range(0, len(raws), BLOCK_ROWS):
        lines = list(raws[start:start + BLOCK_ROWS])
        try:  # bytes, as imports give them (a join refuses text: then encoded first)
            payload = b"\n".join(lines)  # type: ignore[arg-type]
        except TypeError:
            lines = [r if isinstance(r, bytes) else r.encode() for r in lines]
            payload = b"\n".join(lines)  # type: ignore[arg-type]
        # JSON laid out on several lines: one line per row. (numpy counts the block's bytes in vector
        # steps: bytes.count of one byte went byte by byte, 0.07 µs a row of the reader worker's CPU.)
        if np.count_nonzero(np.frombuffer(payload, np.uint8) == _LF) != len(lines) - 1:
            lines = [orjson.dumps(orjson.loads(line)) if b"\n" in line else line for line in lines]  # type: ignore[operator]
            payload = b"\n".join(lines)  # type: ignore[arg-type]
        packed.append({"first_row": numbers[start], "last_row": numbers[start + len(lines) - 1], "rows": len(lines),
                       "sha256": hashlib.sha256(payload).hexdigest(), "data": compressor.compress(payload)})
    return packed
