"""The verbatim rows of imports, kept in zstd-compressed blocks: writing them, and the one way to read them.

Why blocks: a raw row stored as a JSON column of its record made every imported row carry (and every
record page, link run and histories build read past) a few hundred bytes of text, and bound one more
large value per row. Rows of a file compress well together (the same keys, the same places, the same
articles), so an import writes its rows in blocks of :data:`BLOCK_ROWS` lines, one JSON object per line,
in file order, compressed with zstd; a record keeps only ``raw_block_id`` and ``raw_offset`` (its line).
Reading one record's raw row costs one block read and one decompression; a small cache of decompressed
blocks, keyed by the block's sha256, makes exports and other passes in record order read each block once.

Records written one at a time (news facts, corrections, test fixtures) keep their small document in
``record.raw``; a record with a block has the empty object there. :func:`raw_of` reads either, and every
reader of raw rows goes through it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import orjson
import zstandard
from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from reckon.errors import N_, StoreError
from reckon.store.models import RawBlock, Record
from reckon.store.packing import BLOCK_ROWS, pack_blocks

__all__ = ["BLOCK_ROWS", "write_blocks", "write_block_columns", "pack_blocks", "insert_blocks", "block_lines", "raw_rows", "raw_row", "raw_of", "LazyRaw", "clear_cache", "RawRef", "lazy_raws"]

CACHE_BLOCKS = 16

RawRef = tuple[Any, int | None, int | None]
"""What a record holds of its raw row: (inline ``raw``, ``raw_block_id``, ``raw_offset``); the block wins."""

_cache: OrderedDict[str, list[bytes]] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every decompressed block (benchmarks measure a cold read with it)."""
    with _cache_lock:
        _cache.clear()


def _conn(bind: Connection | Session) -> Connection:
    return bind.connection() if isinstance(bind, Session) else bind


def write_blocks(bind: Connection | Session, import_id: int, file_name: str, numbers: Sequence[int],
                 raws: Sequence[bytes | str]) -> list[tuple[int, int]]:
    """Store ``raws`` (raw rows as JSON; ``numbers``, their rows in the file) in blocks of the import, in
    the order given, which callers keep as the file's; (block id, line) per row.

    Written in the caller's transaction: a rolled-back import leaves no block behind.
    """
    blocks, lines = write_block_columns(bind, import_id, file_name, numbers, raws)
    return list(zip(blocks, lines, strict=True))


def write_block_columns(bind: Connection | Session, import_id: int, file_name: str, numbers: Sequence[int],
                        raws: Sequence[bytes | str]) -> tuple[list[int], list[int]]:
    """:func:`write_blocks`, answering with two columns, the block id of each row and its line."""
    return insert_blocks(bind, import_id, file_name, pack_blocks(numbers, raws))


def insert_blocks(bind: Connection | Session, import_id: int, file_name: str, packed: list[dict[str, Any]]
                  ) -> tuple[list[int], list[int]]:
    """Store blocks made by :func:`pack_blocks`, in one statement, in the caller's transaction (a
    rolled-back import leaves no block behind); the block id and line of each row, in order."""
    if not packed:
        return [], []
    table = RawBlock.__table__
    # sort_by_parameter_order: the ids come back in the order of the blocks, on every store.
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = _conn(bind).execute(stmt, [{"import_id": import_id, "file_name": file_name, **block}
                                     for block in packed]).scalars().all()
    blocks: list[int] = []
    for block_id, block in zip(ids, packed, strict=True):
        blocks.extend([block_id] * block["rows"])
    return blocks, block_lines(packed)


def block_lines(packed: list[dict[str, Any]]) -> list[int]:
    """The line of each row in blocks made by :func:`pack_blocks` (known before they are stored)."""
    lines: list[int] = []
    for block in packed:
        lines.extend(range(block["rows"]))
    return lines


def _lines(conn: Connection, block_ids: Iterable[int], known: dict[int, str] | None = None) -> dict[int, list[bytes]]:
    """The lines of each block, from the cache or decompressed (and checked by zstd's frame checksum; the
    sha256 of the lines, kept for anyone verifying a block against what was read, keys the cache)."""
    wanted = sorted(set(block_ids))
    if not wanted:
        return {}
    t = RawBlock.__table__
    shas: dict[int, str] = {b: known[b] for b in wanted if b in known} if known else {}
    ask = [b for b in wanted if b not in shas]
    for i in range(0, len(ask), 900):
        shas.update(conn.execute(select(t.c.id, t.c.sha256).where(t.c.id.in_(ask[i:i + 900]))).all())
    out: dict[int, list[bytes]] = {}
    missing: list[int] = []
    with _cache_lock:
        for bid in wanted:
            sha = shas.get(bid)
            hit = _cache.get(sha) if sha else None
            if hit is None:
                missing.append(bid)
            else:
                _cache.move_to_end(sha)  # type: ignore[arg-type]
                out[bid] = hit
    for bid in missing:
        if bid not in shas:
            raise StoreError.of(N_("raw block %(id)s is missing from the store; the raw rows that point to it are "
                                   "lost"), id=bid)
        data = conn.execute(select(t.c.data).where(t.c.id == bid)).scalar_one()
        try:  # the frame's own checksum (written with every block) finds a damaged block
            payload = zstandard.ZstdDecompressor().decompress(data)
        except zstandard.ZstdError:
            raise StoreError.of(N_("raw block %(id)s is damaged (it does not decompress to what was written)"),
                                id=bid) from None
        lines = out[bid] = payload.split(b"\n")
        with _cache_lock:
            _cache[shas[bid]] = lines
            while len(_cache) > CACHE_BLOCKS:
                _cache.popitem(last=False)
    return out


def raw_of(bind: Connection | Session, refs: Sequence[RawRef], shas: dict[int, str] | None = None
           ) -> list[dict[str, Any] | None]:
    """The raw rows of records given what they hold (:data:`RawRef`), in order; each block read once.

    This is the one reader of raw rows: record pages, quarantine, exports, histories and the sanctions
    matcher all come here.
    """
    conn = _conn(bind)
    blocks = _lines(conn, (b for _, b, _ in refs if b is not None), shas)
    out: list[dict[str, Any] | None] = []
    for raw, block, offset in refs:
        if block is not None and offset is not None:
            out.append(orjson.loads(blocks[block][offset]))
        elif raw is not None:
            out.append(orjson.loads(raw) if isinstance(raw, str | bytes) else raw)
        else:
            out.append(None)
    return out


def raw_rows(bind: Connection | Session, record_ids: Iterable[int]) -> dict[int, dict[str, Any] | None]:
    """The raw row of each record id (None for a record that has none)."""
    conn = _conn(bind)
    ids = list(dict.fromkeys(record_ids))
    t, b = Record.__table__, RawBlock.__table__
    found: list[Any] = []
    for i in range(0, len(ids), 900):  # with each block's sha256: a cached block costs no second query
        found.extend(conn.execute(select(t.c.id, t.c.raw, t.c.raw_block_id, t.c.raw_offset, b.c.sha256)
                                  .outerjoin(b, b.c.id == t.c.raw_block_id)
                                  .where(t.c.id.in_(ids[i:i + 900]))).all())
    shas = {r[2]: r[4] for r in found if r[4] is not None}
    rows = raw_of(conn, [(raw, blk, o) for _, raw, blk, o, _ in found], shas)
    return {r[0]: row for r, row in zip(found, rows, strict=True)}


def raw_row(bind: Connection | Session, record_id: int) -> dict[str, Any] | None:
    """One record's raw row: one block read (or none, from the cache or an inline document)."""
    return raw_rows(bind, [record_id]).get(record_id)


class LazyRaw(dict):  # type: ignore[type-arg]
    """A raw row read only when first looked into: for passes over every record (histories) that need
    the raw row of a few. Behaves as the dict it stands for."""

    __slots__ = ("_load",)

    def __init__(self, load: Callable[[], dict[str, Any] | None]) -> None:
        super().__init__()
        self._load: Callable[[], dict[str, Any] | None] | None = load

    def _fill(self) -> None:
        if self._load is not None:
            load, self._load = self._load, None
            dict.update(self, load() or {})

    def __getitem__(self, key: Any) -> Any:
        self._fill()
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._fill()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self) -> Any:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyRaw):
            other._fill()   # dict's own comparison reads the other's storage directly
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (to a worker process) as the plain dict, read now: the worker has no connection."""
        self._fill()
        return (dict, (dict(dict.items(self)),))


def lazy_raws(bind: Connection | Session, refs: Sequence[RawRef]) -> list[dict[str, Any] | LazyRaw | None]:
    """The raw rows of ``refs``, read only when one of them is looked into, and then all together (each
    block once), through a connection of ``bind``'s engine of its own: the rows may be looked into after
    the caller's connection closed. A record's inline document is returned as it is (JSON or text)."""
    engine = _conn(bind).engine
    loaded: list[dict[str, Any] | None] = []

    def load(i: int) -> dict[str, Any] | None:
        if not loaded:
            with engine.connect() as conn:
                loaded.extend(raw_of(conn, refs))
        return loaded[i]

    return [ref[0] if ref[1] is None else LazyRaw(partial(load, i)) for i, ref in enumerate(refs)]
