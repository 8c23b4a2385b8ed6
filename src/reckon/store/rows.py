"""Rows laid out for SQL: pure functions on lists, no database (shared by the import writer and linkage's
queries, so each job is written once)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size`` (an IN list's or an executemany's share)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def interleave(columns: Sequence[Sequence[Any]]) -> list[Any]:
    """Equal-length ``columns`` as one list, row after row: each row's values in the columns' order (what
    ``chain.from_iterable(zip(*columns))`` gives, built a column at a time by slice assignment in C)."""
    width = len(columns)
    flat: list[Any] = [None] * (width * len(columns[0])) if columns else []
    for j, column in enumerate(columns):
        flat[j::width] = column  # a column of another length raises ValueError
    return flat


def number_repeats(bases: list[str], before: dict[str, int]) -> tuple[list[str], dict[str, int]]:
    """The identities of a batch in file order: an id's n-th occurrence in the file, counting ``before``
    earlier ones, is ``id#n`` (the first keeps the bare id); and how often each id occurs in the batch.
    ``row:N`` ids never repeat and are not counted."""
    counts: dict[str, int] = {}
    out: list[str] = []
    for base in bases:
        if base.startswith("row:"):
            out.append(base)
            continue
        n = counts[base] = counts.get(base, 0) + 1
        n += before.get(base, 0)
        out.append(base if n == 1 else f"{base}#{n}")
    return out, counts
