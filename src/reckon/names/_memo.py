"""A bounded memo for one-argument functions of strings, cheap for the garbage collector and for the caller.

Why not functools.lru_cache: its linked-list nodes are objects the cyclic garbage collector must walk; with
hundreds of thousands of cached tokens the collector took half of the time of ``keys()``. A plain dict of
strings is untracked by the collector. When full, the memo is cleared (names repeat within a register, so
it refills with what matters).

Why a dict subclass whose ``__getitem__`` is the memoised function: a hit is then one C-level dict lookup,
no Python frame (a Python wrapper cost ~0.3 µs a call, and keying one name makes about fifteen such calls).
A miss goes through ``__missing__``, which computes and stores the value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class _Memo(dict):
    __slots__ = ("fn", "maxsize")

    def __init__(self, fn: Callable[[Any], Any], maxsize: int) -> None:
        super().__init__()
        self.fn = fn
        self.maxsize = maxsize

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.maxsize:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def memo(maxsize: int) -> Callable[[Callable[[Any], T]], Callable[[Any], T]]:
    """Decorate a one-argument function with a bounded memo; the result is the memo's lookup."""
    def decorate(fn: Callable[[Any], T]) -> Callable[[Any], T]:
        return _Memo(fn, maxsize).__getitem__

    return decorate


def unwrap(memoised: Callable[[Any], T]) -> Callable[[Any], T]:
    """The function behind a memo (to bypass the cache, e.g. in benchmarks of one step)."""
    return memoised.__self__.fn  # type: ignore[attr-defined]
