"""Raw rows packed into compressed blocks, the CPU half of :mod:`reckon.store.rawblocks`, with no SQLAlchemy.

Why apart: the import's reader worker packs a first import's blocks beside the writer
(:func:`reckon.ingest.worker.ship`), and importing the store's writing half for this one function loaded
SQLAlchemy and every model into that process before its first batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

import orjson
import zstandard

__all__ = ["BLOCK_ROWS", "LEVEL", "pack_blocks"]

BLOCK_ROWS = 1000
"""Lines per block. zstd finds the repeats between rows (keys, places, articles) within a block: on the
benchmark's rows 1,000 lines compress 7.0x, 2,000 7.3x, 4,000 7.4x, while reading one row decompresses
and splits the whole block, so its cost grows with the block; 1,000 keeps a cold read of one row near a
millisecond for 3 % more disk than 2,000."""
LEVEL = 3


def pack_blocks(numbers: Sequence[int], raws: Sequence[bytes | str],
                joined: bytes | None = None) -> list[dict[str, Any]]:
    """The blocks of ``raws`` (their rows' ``numbers`` in the file) compressed, ready for
    :func:`reckon.store.rawblocks.insert_blocks`: the CPU half of writing blocks, which needs no
    connection (an import does it while the database still writes its previous batch). ``joined``:
    ``b"\\n".join(raws)`` when the caller has it (the columnar reader does), from which each block is cut
    (a copy) instead of joined again from its rows; the same bytes either way."""
    packed: list[dict[str, Any]] = []
    compressor = zstandard.ZstdCompressor(level=LEVEL, write_checksum=True)
    ends = _ends(raws, joined)
    for start in range(0, len(raws), BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, len(raws))
        payload = None
        if ends is not None and joined is not None:  # row i holds joined[ends[i-1] + i : ends[i] + i]
            payload = joined[ends[start - 1] + start if start else 0:ends[stop - 1] + stop - 1]
        if payload is None or payload.count(b"\n") != stop - start - 1:
            payload = _payload(raws[start:stop])
        packed.append({"first_row": numbers[start], "last_row": numbers[stop - 1], "rows": stop - start,
                       "sha256": hashlib.sha256(payload).hexdigest(), "data": compressor.compress(payload)})
    return packed


def _ends(raws: Sequence[bytes | str], joined: bytes | None) -> list[int] | None:
    """Where each raw row ends in ``joined``, not counting the newlines before it; None when ``joined``
    cannot be the raw rows joined (another length: text rows, say, whose length is not their bytes')."""
    if joined is None or not raws:
        return None
    ends = list(accumulate(map(len, raws)))
    return ends if ends[-1] + len(raws) - 1 == len(joined) else None


def _payload(lines: Sequence[bytes | str]) -> bytes:
    """The rows of one block joined by newlines, one line each."""
    lines = list(lines)
    try:  # bytes, as imports give them (a join refuses text: then encoded first)
        payload = b"\n".join(lines)  # type: ignore[arg-type]
    except TypeError:
        lines = [r if isinstance(r, bytes) else r.encode() for r in lines]
        payload = b"\n".join(lines)  # type: ignore[arg-type]
    if payload.count(b"\n") != len(lines) - 1:  # JSON laid out on several lines: one line per row
        lines = [orjson.dumps(orjson.loads(line)) if b"\n" in line else line for line in lines]  # type: ignore[operator]
        payload = b"\n".join(lines)  # type: ignore[arg-type]
    return payload
