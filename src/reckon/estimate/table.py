"""Capture-history tables: which lists saw how many people, the input of every estimator.

A :class:`CaptureTable` holds, for ``k`` lists, the *observed* capture patterns (one 0/1 row per pattern,
never the all-zero pattern, which nobody can observe) and how many individuals show each pattern. It is
immutable and always canonical: duplicate patterns are merged, zero counts dropped, rows sorted by cell
index, so two tables with the same content compare equal cell by cell.

Cell numbering (used by :meth:`CaptureTable.full_array` and :attr:`CaptureTable.cells`): the pattern
``(x_1, ..., x_k)`` is cell ``sum_j x_j * 2**(k - 1 - j)`` — the first list is the most significant
bit, i.e. C order of a ``(2,) * k`` array indexed ``array[x_1, ..., x_k]``. Cell 0 is the unobserved one.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reckon.cells import writer as safe_csv_writer
from reckon.errors import N_, InputError

COUNT_COLUMNS = ("count", "freq", "frequency")


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr = np.ascontiguousarray(arr)
    arr.setflags(write=False)
    return arr


NOT_WHOLE = N_("count must be a whole number, got '%(value)s'")


def _as_count(value: Any, *, file: str | None = None, row: int | None = None, field: str | None = None) -> int:
    """An integer count >= 0 from an int, an integral float or a string, else a clear InputError."""
    if isinstance(value, bool):
        raise InputError.of(NOT_WHOLE, file=file, row=row, field=field, value=str(value))
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            raise InputError.of(N_("count is empty"), file=file, row=row, field=field)
        try:
            number = float(text)
        except ValueError:
            raise InputError.of(NOT_WHOLE, file=file, row=row, field=field, value=text) from None
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InputError.of(NOT_WHOLE, file=file, row=row, field=field, value=str(value)) from None
    if not math.isfinite(number) or number != int(number):
        raise InputError.of(NOT_WHOLE, file=file, row=row, field=field, value=str(value))
    if number < 0:
        raise InputError.of(N_("count must not be negative, got '%(value)s'"), file=file, row=row, field=field,
                            value=str(value))
    return int(number)


def _as_bit(value: Any, *, file: str | None = None, row: int | None = None, field: str | None = None) -> int:
    if isinstance(value, str):
        text = value.strip()
        if text in ("0", "1"):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = None
    elif isinstance(value, bool | np.bool_):
        return int(value)
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
    if number in (0.0, 1.0):
        return int(number)
    raise InputError(f"capture indicator must be 0 or 1, got {value!r}", file=file, row=row, field=field)


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Observed capture patterns of ``k`` lists and their counts (immutable, canonical).

    ``patterns`` is an ``m × k`` array of 0/1 (observed patterns only, never all-zero), ``counts`` the
    ``m`` counts, all > 0. Build one with :meth:`from_counts`, :meth:`from_csv`, :meth:`from_frame` or
    :meth:`from_full_array`; the plain constructor validates and canonicalises too.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray
    source: str | None = None  # where the table came from (file name), for messages only

    def __post_init__(self) -> None:
        file = self.source
        lists = tuple(str(name).strip() for name in self.lists)
        if len(lists) < 2:
            raise InputError.of(N_("a capture table needs at least two lists, got %(n)s%(names)s; one list alone "
                                   "says nothing about who it missed"), file=file, n=len(lists),
                                names=f" ({lists[0]!r})" if lists else "")
        if any(not name for name in lists):
            raise InputError("every list needs a name (a column header is empty)", file=file)
        dupes = sorted({name for name in lists if lists.count(name) > 1})
        if dupes:
            raise InputError(f"list names must be unique; repeated: {', '.join(dupes)}", file=file)
        k = len(lists)
        if k > 30:
            raise InputError(f"at most 30 lists are supported, got {k}", file=file)

        patterns = np.asarray(self.patterns)
        counts = np.asarray(self.counts)
        if patterns.ndim != 2 or patterns.shape[1] != k:
            raise InputError(f"patterns must be an m × {k} array of 0/1, got shape {patterns.shape}", file=file)
        if counts.ndim != 1 or counts.shape[0] != patterns.shape[0]:
            raise InputError(f"counts must be a vector of {patterns.shape[0]} counts, got shape {counts.shape}",
                             file=file)
        if patterns.size and not np.isin(patterns, (0, 1)).all():
            bad_row, bad_col = map(int, np.argwhere(~np.isin(patterns, (0, 1)))[0])
            raise InputError(f"capture indicator must be 0 or 1, got {patterns[bad_row, bad_col]!r}",
                             file=file, row=bad_row + 1, field=lists[bad_col])
        int_counts = np.empty(counts.shape[0], dtype=np.int64)
        for i, value in enumerate(counts.tolist()):
            int_counts[i] = _as_count(value, file=file, row=i + 1, field="count")
        patterns = patterns.astype(np.int8)
        zero_rows = np.flatnonzero((patterns.sum(axis=1) == 0) & (int_counts > 0))
        if zero_rows.size:
            raise InputError("the all-zero pattern (seen by no list) cannot be observed; remove that row",
                             file=file, row=int(zero_rows[0]) + 1)

        weights = 1 << np.arange(k - 1, -1, -1, dtype=np.int64)
        cells = patterns.astype(np.int64) @ weights
        keep = int_counts > 0
        cells, int_counts = cells[keep], int_counts[keep]
        uniq, inverse = np.unique(cells, return_inverse=True)
        merged = np.zeros(uniq.shape[0], dtype=np.int64)
        np.add.at(merged, inverse, int_counts)
        canon = ((uniq[:, None] >> np.arange(k - 1, -1, -1)) & 1).astype(np.int8)
        if merged.sum() == 0:
            raise InputError.of(N_("the table has no observed individual (all counts are zero)"), file=file)
        never = [lists[j] for j in range(k) if not canon[:, j].any()]
        if never:
            raise InputError.of(N_("lists that never observed anyone (a column of zeros): %(lists)s; drop them or "
                                   "check the table"), file=file, lists=", ".join(repr(n) for n in never))
        object.__setattr__(self, "lists", lists)
        object.__setattr__(self, "patterns", _readonly(canon))
        object.__setattr__(self, "counts", _readonly(merged))
        object.__setattr__(self, "_cells", _readonly(uniq))

    # ---- basic views -------------------------------------------------------------------------------
    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def m(self) -> int:
        """Number of distinct observed patterns."""
        return int(self.counts.shape[0])

    @property
    def n_observed(self) -> int:
        """Individuals seen by at least one list."""
        return int(self.counts.sum())

    @property
    def cells(self) -> np.ndarray:
        """Cell index of each observed pattern (see the module docstring for the numbering)."""
        return self._cells  # type: ignore[attr-defined]

    @property
    def n_multiple(self) -> int:
        """Individuals seen by two lists or more: without any, nothing can be estimated."""
        return int(self.counts[self.patterns.sum(axis=1) >= 2].sum())

    def require_overlap(self) -> None:
        """Raise a clear InputError when no individual is on two lists."""
        if self.n_multiple == 0:
            raise InputError.of(N_("no one is on two lists: the lists do not overlap, so the number nobody saw "
                                   "cannot be estimated"), file=self.source)

    @property
    def list_totals(self) -> dict[str, int]:
        """How many individuals each list saw."""
        return {name: int(self.counts[self.patterns[:, j] == 1].sum()) for j, name in enumerate(self.lists)}

    def __len__(self) -> int:
        return self.m

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaptureTable):
            return NotImplemented
        return (self.lists == other.lists and np.array_equal(self.cells, other.cells)
                and np.array_equal(self.counts, other.counts))

    def __hash__(self) -> int:
        return hash((self.lists, self.cells.tobytes(), self.counts.tobytes()))

    def __repr__(self) -> str:
        return f"CaptureTable(lists={self.lists!r}, patterns={self.m}, n_observed={self.n_observed})"

    def full_array(self, *, flat: bool = False) -> np.ndarray:
        """All ``2**k`` cell counts with the unobserved cell (all zeros) set to 0.

        Shape ``(2,) * k`` indexed ``[x_1, ..., x_k]`` (default), or the flat vector of length ``2**k`` in
        the same (C) order with ``flat=True``.
        """
        full = np.zeros(1 << self.k, dtype=np.int64)
        full[self.cells] = self.counts
        return full if flat else full.reshape((2,) * self.k)

    def all_patterns(self) -> np.ndarray:
        """The ``2**k - 1`` observable patterns (every non-zero one), in cell order 1 .. 2**k - 1."""
        idx = np.arange(1, 1 << self.k, dtype=np.int64)
        return ((idx[:, None] >> np.arange(self.k - 1, -1, -1)) & 1).astype(np.int8)

    def observable_counts(self) -> np.ndarray:
        """Counts of all ``2**k - 1`` observable cells (zeros included), in cell order 1 .. 2**k - 1."""
        return self.full_array(flat=True)[1:]

    def as_dict(self) -> dict[tuple[int, ...], int]:
        """``{pattern: count}`` of the observed patterns."""
        return {tuple(int(x) for x in p): int(c) for p, c in zip(self.patterns, self.counts, strict=True)}

    def rows(self) -> list[dict[str, int]]:
        """One dict per observed pattern: a 0/1 value per list and ``count`` (the CSV layout)."""
        out = []
        for p, c in zip(self.patterns, self.counts, strict=True):
            row = {name: int(x) for name, x in zip(self.lists, p, strict=True)}
            row["count"] = int(c)
            out.append(row)
        return out

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=[*self.lists, "count"])

    def to_csv(self, path: str | Path) -> Path:
        path = Path(path)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = safe_csv_writer(handle)
            writer.writerow([*self.lists, "count"])
            for p, c in zip(self.patterns, self.counts, strict=True):
                writer.writerow([*(int(x) for x in p), int(c)])
        return path

    # ---- derived tables ----------------------------------------------------------------------------
    def collapse(self, lists: Sequence[str] | Iterable[str]) -> CaptureTable:
        """The table of a subset of lists (in the order given): individuals none of them saw drop out."""
        chosen = tuple(lists)
        unknown = [name for name in chosen if name not in self.lists]
        if unknown:
            raise InputError(f"unknown list{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                             f"the table has {', '.join(self.lists)}", file=self.source)
        idx = [self.lists.index(name) for name in chosen]
        sub = self.patterns[:, idx]
        keep = sub.any(axis=1)
        return CaptureTable(chosen, sub[keep], self.counts[keep], source=self.source)

    def with_counts(self, counts: np.ndarray) -> CaptureTable:
        """The same patterns with other counts (e.g. a bootstrap resample); zero counts drop out."""
        return CaptureTable(self.lists, self.patterns, np.asarray(counts), source=self.source)

    def resample(self, rng: np.random.Generator) -> np.ndarray:
        """Multinomial resample of the observed counts (same n), as a count vector over ``patterns``."""
        n = self.n_observed
        return rng.multinomial(n, self.counts / n)

    def individuals(self) -> np.ndarray:
        """One 0/1 row per observed individual (``n_observed × k``)."""
        return np.repeat(self.patterns, self.counts, axis=0)

    # ---- constructors ------------------------------------------------------------------------------
    @classmethod
    def from_counts(cls, counts: Mapping[Any, Any], lists: Sequence[str] | None = None, *,
                    source: str | None = None) -> CaptureTable:
        """From ``{pattern: count}``; a pattern is a tuple of 0/1 or a string such as ``"101"``."""
        items = list(counts.items())
        if not items:
            raise InputError.of(N_("the table is empty"), file=source)
        pats = []
        for i, (pattern, _count) in enumerate(items, start=1):
            if isinstance(pattern, str):
                pattern = tuple(ch for ch in pattern.strip() if ch not in " ,")
            try:
                bits = [_as_bit(x, file=source, row=i) for x in pattern]
            except TypeError:
                raise InputError(f"pattern must be a sequence of 0/1, got {pattern!r}", file=source,
                                 row=i) from None
            pats.append(bits)
        widths = {len(p) for p in pats}
        if len(widths) != 1:
            raise InputError(f"patterns have different lengths: {sorted(widths)}", file=source)
        k = widths.pop()
        if lists is None:
            lists = tuple(chr(ord("A") + j) if k <= 26 else f"L{j + 1}" for j in range(k))
        elif len(lists) != k:
            raise InputError(f"{len(lists)} list names for patterns of length {k}", file=source)
        cnts = [_as_count(c, file=source, row=i, field="count") for i, (_p, c) in enumerate(items, start=1)]
        return cls(tuple(lists), np.array(pats, dtype=np.int8).reshape(len(pats), k),
                   np.array(cnts, dtype=np.int64), source=source)

    @classmethod
    def from_full_array(cls, full: np.ndarray, lists: Sequence[str] | None = None, *,
                        source: str | None = None) -> CaptureTable:
        """From ``2**k`` cell counts (flat in cell order, or shaped ``(2,) * k``); cell 0 is ignored."""
        flat = np.asarray(full).ravel()
        k = int(round(math.log2(flat.size))) if flat.size else 0
        if flat.size < 4 or (1 << k) != flat.size:
            raise InputError(f"a full table needs 2**k cells with k >= 2, got {flat.size}", file=source)
        idx = np.arange(1, flat.size)
        pats = ((idx[:, None] >> np.arange(k - 1, -1, -1)) & 1).astype(np.int8)
        if lists is None:
            lists = tuple(chr(ord("A") + j) if k <= 26 else f"L{j + 1}" for j in range(k))
        return cls(tuple(lists), pats, flat[1:], source=source)

    @classmethod
    def from_frame(cls, frame, lists: Sequence[str] | None = None, *, count: str | None = None,
                   source: str | None = None) -> CaptureTable:
        """From a pandas DataFrame: 0/1 columns plus a count column, or one 0/1 row per individual.

        ``lists`` picks the list columns (default: every column except the count column); ``count``
        names the count column (default: ``count``/``freq``/``frequency`` if present, any case).
        """
        columns = [str(c) for c in frame.columns]
        records = frame.to_dict(orient="records")
        keyed = [{str(k): v for k, v in rec.items()} for rec in records]
        return cls._from_records(columns, keyed, lists=lists, count=count, source=source, row_offset=1)

    @classmethod
    def from_csv(cls, path: str | Path, lists: Sequence[str] | None = None, *, count: str | None = None,
                 delimiter: str | None = None) -> CaptureTable:
        """Read a CSV: one 0/1 column per list and a ``count`` column (as in shared/eval/mse), or
        per-individual 0/1 rows without ``count``. Row numbers in errors are file line numbers."""
        path = Path(path)
        name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError("no such file", file=str(path)) from None
        except UnicodeDecodeError:
            raise InputError("not a UTF-8 text file", file=name) from None
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            raise InputError.of(N_("the file is empty"), file=name)
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff(lines[0], delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
        reader = csv.reader(lines, delimiter=delimiter)
        header = None
        records: list[dict[str, Any]] = []
        row_numbers: list[int] = []
        for lineno, cells in enumerate(reader, start=1):
            if not cells or all(not c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) != len(header):
                raise InputError(f"expected {len(header)} fields as in the header, got {len(cells)}",
                                 file=name, row=lineno)
            records.append(dict(zip(header, cells, strict=True)))
            row_numbers.append(lineno)
        if header is None:
            raise InputError.of(N_("the file is empty"), file=name)
        if not records:
            raise InputError("the file has a header but no rows", file=name)
        return cls._from_records(header, records, lists=lists, count=count, source=name, row_numbers=row_numbers)

    @classmethod
    def _from_records(cls, columns: list[str], records: list[dict[str, Any]], *, lists: Sequence[str] | None,
                      count: str | None, source: str | None, row_offset: int = 1,
                      row_numbers: list[int] | None = None) -> CaptureTable:
        if count is None:
            lowered = {c.lower(): c for c in columns}
            count = next((lowered[c] for c in COUNT_COLUMNS if c in lowered), None)
        elif count not in columns:
            raise InputError(f"no count column {count!r}; columns are {', '.join(columns)}", file=source)
        if lists is None:
            lists = [c for c in columns if c != count]
        else:
            missing = [c for c in lists if c not in columns]
            if missing:
                raise InputError(f"no column {', '.join(map(repr, missing))}; columns are {', '.join(columns)}",
                                 file=source)
        lists = tuple(lists)
        if len(lists) < 2:
            raise InputError(
                f"a capture table needs at least two list columns, got {len(lists)}"
                + (f" ({lists[0]!r})" if lists else "") + "; one list alone says nothing about who it missed",
                file=source)
        pats = np.zeros((len(records), len(lists)), dtype=np.int8)
        cnts = np.ones(len(records), dtype=np.int64)
        for i, rec in enumerate(records):
            row = row_numbers[i] if row_numbers is not None else i + row_offset
            for j, name in enumerate(lists):
                pats[i, j] = _as_bit(rec.get(name), file=source, row=row, field=name)
            if count is not None:
                cnts[i] = _as_count(rec.get(count), file=source, row=row, field=count)
            if not pats[i].any() and cnts[i] > 0:
                raise InputError("the all-zero pattern (seen by no list) cannot be observed; remove that row",
                                 file=source, row=row)
        return cls(lists, pats, cnts, source=source)


def as_table(table: CaptureTable | Mapping[Any, Any] | str | Path, lists: Sequence[str] | None = None) -> CaptureTable:
    """Accept a CaptureTable, a ``{pattern: count}`` mapping or a CSV path."""
    if isinstance(table, CaptureTable):
        return table
    if isinstance(table, str | Path):
        return CaptureTable.from_csv(table, lists=lists)
    if isinstance(table, Mapping):
        return CaptureTable.from_counts(table, lists)
    raise TypeError(f"expected a CaptureTable, a mapping or a CSV path, got {type(table).__name__}")
