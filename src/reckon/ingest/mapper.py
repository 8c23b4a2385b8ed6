"""Applying a mapping to rows: :class:`RowMapper` turns a list's cells into the register's fields.

Written for speed, because the import of a million rows runs through it: :meth:`RowMapper.map_many` maps
a batch column by column, and each distinct date, sex, status or article text is parsed once per import
(bounded memos, so memory stays flat). What the mapping *is* (header words, YAML files, inference from
the first rows) lives in :mod:`reckon.ingest.mapping`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Mapping as TMapping
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable

from reckon.dates import DateError, parse_partial_date
from reckon.errors import N_
from reckon.ingest.fields import (
    FieldError,
    clean_text,
    compose_full_name,
    is_blank,
    key,
    normalise_sex,
    normalise_status,
    split_articles,
    split_initials,
)
from reckon.ingest.mapping import FIELDS, JOINERS, MappingSpec

# Why a row without a name is quarantined: stored in English, said by ``said_errors.reason``.
NO_NAME = N_("no name in this row")

RECORD_FIELDS = (
    "external_id", "full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date",
    "birth_year", "region", "locality", "detention_date", "release_date", "status", "articles", "sentence",
    "place_of_detention", "extra",
)


@dataclass
class Problem:
    column: str | None
    reason: str


_MISS = object()
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_TEXT_MEMO_MAX = 20_000  # distinct texts remembered per column: bounded, so memory stays flat
_CODED_MEMO_MAX = 50_000  # distinct dates, sexes, statuses remembered per field (then forgotten at once)


@runtime_checkable
class Columns(Protocol):
    """A batch of rows as the mapper reads it: column by column."""

    n: int
    """How many rows."""

    def cells(self, column: str) -> list[Any]:
        """The cells of ``column``, one per row (None where a row lacks it)."""

    def codes(self, column: str) -> tuple[list[int], list[Any]] | None:
        """The column as (each row's code, the distinct cells by code), when the reader has it cheaply
        (dictionary encoding in C); None to read :meth:`cells` instead."""

    def plain(self, column: str) -> list[bool] | None:
        """For each distinct cell of :meth:`codes`, whether clean_text keeps it as it is; None: not known."""

    def row(self, i: int) -> TMapping[str, Any]:
        """Row ``i`` as the reader's dict (for the few rows looked at one by one: quarantine)."""

    def take(self, keep: list[int]) -> Columns:
        """The rows at ``keep``, in that order."""


class RowCells:
    """Rows as dicts (what every reader yields), seen as :class:`Columns`."""

    def __init__(self, rows: Sequence[TMapping[str, Any]]) -> None:
        self.rows = rows
        self.n = len(rows)

    def cells(self, column: str) -> list[Any]:
        return [r.get(column) for r in self.rows]

    def codes(self, column: str) -> None:
        return None

    def plain(self, column: str) -> None:
        return None

    def row(self, i: int) -> TMapping[str, Any]:
        return self.rows[i]

    def take(self, keep: list[int]) -> RowCells:
        return RowCells([self.rows[i] for i in keep])


class Spread(list):  # type: ignore[type-arg]
    """A column spread from distinct values by codes (:func:`spread`) that remembers both, so what is
    computed per row from it can be computed per distinct value instead: the longest text
    (:func:`reckon.ingest.storable.too_long`), the JSON of articles (:func:`reckon.ingest.prepare.finish`),
    the Arrow array the reader worker sends (:func:`reckon.ingest.worker.arrow_columns`, by Arrow's
    ``take`` when the codes came from Arrow). It is a list like any other to everything else, and pickles
    as one. Mutating it in place would make ``codes`` and ``values`` lie: copy it first."""

    __slots__ = ("codes", "values")
    codes: list[int]
    values: list[Any]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


class Same(list):  # type: ignore[type-arg]
    """A column mapped to exactly the cells it was read from (text that ``clean_text`` keeps as it is: ids,
    names), with where they came from (``source``: the reader's Arrow array, or None), so the reader worker
    sends that array (:func:`reckon.ingest.worker.arrow_columns`) instead of converting the values back to
    Arrow. A list like any other to everything else, and pickled as one. Mutating it would make ``source``
    lie: copy it first (``list(...)``)."""

    __slots__ = ("source",)
    source: Any

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


def _known(lookup: Any, cells: list[Any]) -> tuple[list[Any], list[Any] | None] | None:
    """The stored value of each of ``cells`` through a memo of :meth:`RowMapper._memo` (``lookup``), and
    each one's reason when some cell is refused (else None); None when a cell is unhashable (JSON input).

    Why not a comprehension of ``lookup``: each cell then costs a Python-level step (0.3 µs a date, most of
    a non-repeating column's mapping). Here the cells missing from the memo are found as a set difference
    and converted once each, and the rest is C: a ``map`` of the memo's ``__getitem__`` and one
    ``isdisjoint`` with the refused cells. Same values and reasons, cell for cell."""
    values, reasons = lookup.values, lookup.reasons
    try:
        distinct = set(cells)
    except TypeError:
        return None
    missing = distinct.difference(values)
    if missing:
        if len(values) + len(missing) > _CODED_MEMO_MAX:  # forget the memo first: it must hold this batch
            lookup.cache.clear()
            values.clear()
            reasons.clear()
            missing = distinct
        cache, convert = lookup.cache, lookup.convert
        for raw in missing:  # (not lookup(), which would forget the memo when full, with this batch's part)
            hit = cache[raw] = convert(raw)
            values[raw] = hit[0]
            if hit[1] is not None:
                reasons[raw] = hit[1]
    out = list(map(values.__getitem__, cells))
    if not reasons or reasons.keys().isdisjoint(distinct):  # (a set: the smaller side is iterated)
        return out, None
    return out, list(map(reasons.get, cells))


def spread(codes: list[int], values: list[Any]) -> list[Any]:
    """``values`` (one per distinct cell) spread back over the rows by each row's code."""
    out = Spread(map(values.__getitem__, codes))
    out.codes, out.values = codes, values
    return out


class RowMapper:
    """A mapping compiled for one file's headers: ``map(values)`` -> (fields, problems)."""

    def __init__(self, spec: MappingSpec, today: date | None = None) -> None:
        self.spec = spec
        self.today = (today or date.today()).isoformat()
        cols = spec.fields_to_columns()
        self.plan: list[tuple[str, str, list[str]]] = []
        for fname in FIELDS:
            if fname in cols:
                self.plan.append((fname, FIELDS[fname], cols[fname]))
        self.extras = [(t[6:], c) for t, cs in cols.items() if t.startswith("extra.") for c in cs]
        self.identity_cols = spec.identity or cols.get("external_id", [])[:1]
        self.order = spec.date_order
        self.formats = {f: tuple(spec.date_formats.get(f, spec.date_formats.get("*", ())))
                        for f in FIELDS if FIELDS[f] == "date"}
        self.values = spec.values
        self.delims = spec.lists.get("articles", "|;\n")
        self._memos = {f: self._memo(k, f) for f, k, _c in self.plan if k in ("date", "sex", "status")}
        self._articles_memo: dict[str, tuple[str, ...]] = {}
        self._years: dict[str | None, int | None] = {}  # birth date -> year (_birth_years)
        self._text_memo: dict[str, dict[str, str | None]] = {c: {} for _f, _k, cs in self.plan for c in cs}
        # The usual case: the identity is the one external_id column, already cleaned by ``map``.
        self._identity_is_external_id = (cols.get("external_id") == self.identity_cols
                                         and len(self.identity_cols) == 1 and "external_id" not in spec.values)
        name_cols = [c for f, _k, cs in self.plan if f in ("full_name", "surname", "given_name") for c in cs]
        self.name_column = name_cols[0] if name_cols else None

    def _memo(self, kind: str, fname: str) -> Any:
        """A per-mapper cache of raw value -> stored value or error reason, for columns whose values repeat
        (dates, sexes, statuses): a million rows hold a few thousand distinct values."""
        cache: dict[Any, tuple[Any, str | None]] = {}
        formats = self.formats.get(fname, ())
        order = self.order
        vmap = self.values.get(fname)
        today = self.today

        def convert(raw: Any) -> tuple[Any, str | None]:
            if is_blank(raw):
                return None, None
            try:
                if kind == "date":
                    v = parse_partial_date(raw, order, formats)
                    if v is not None and fname == "birth_date" and v > today[: len(v)]:
                        return v, f"{fname}: in the future"
                    return v, None
                if kind == "sex":
                    return normalise_sex(raw, vmap), None
                return normalise_status(raw, vmap), None
            except DateError as exc:
                return None, f"{fname}: {exc}"
            except FieldError as exc:
                return None, str(exc)

        values: dict[Any, Any] = {}  # raw -> stored value, and raw -> reason for the refused ones only:
        reasons: dict[Any, str] = {}  # what a column's cells are looked up in by C-level maps (_coded_column)

        def lookup(raw: Any) -> tuple[Any, str | None]:
            try:
                return cache[raw]
            except KeyError:
                pass
            except TypeError:  # unhashable (a list from JSON)
                return convert(raw)
            if len(cache) > _CODED_MEMO_MAX:
                cache.clear()
                values.clear()
                reasons.clear()
            hit = cache[raw] = convert(raw)
            values[raw] = hit[0]
            if hit[1] is not None:
                reasons[raw] = hit[1]
            return hit

        lookup.cache = cache  # type: ignore[attr-defined]  # read directly by ``map`` on the hot path
        lookup.values, lookup.reasons, lookup.convert = values, reasons, convert  # type: ignore[attr-defined]
        return lookup

    def map(self, values: TMapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
        out: dict[str, Any] = {}
        problems: list[Problem] = []
        vmaps = self.values
        memos = self._memos
        text_memo = self._text_memo
        for fname, kind, cols in self.plan:
            if kind == "first" or kind == "id":
                for c in cols:
                    raw = values.get(c)
                    if kind == "first" and type(raw) is str:
                        # Regions, places and the like repeat: clean each distinct text once (bounded).
                        memo = text_memo[c]
                        v = memo.get(raw, _MISS)
                        if v is _MISS:
                            v = clean_text(raw)
                            if len(memo) < _TEXT_MEMO_MAX:
                                memo[raw] = v
                    else:
                        v = clean_text(raw)
                    if v is not None:
                        if fname in vmaps:
                            v = vmaps[fname].get(key(v), v)
                        out[fname] = v
                        break
            elif kind == "date" or kind == "sex" or kind == "status":
                lookup = memos[fname]
                cache = lookup.cache
                for c in cols:
                    raw = values.get(c)
                    if raw is None or raw == "":
                        continue
                    hit = cache.get(raw) if type(raw) is str else None
                    v, reason = hit if hit is not None else lookup(raw)
                    if reason is not None:
                        problems.append(Problem(c, reason))
                    elif v is None:
                        continue  # a blank marker ("-", "н/д"): try the next column
                    out[fname] = v
                    break
            elif kind == "articles":
                if len(cols) == 1:
                    items = list(self._articles_of(values.get(cols[0])))
                else:
                    items = []
                    for c in cols:
                        items.extend(split_articles(values.get(c), self.delims))
                if items:
                    out[fname] = items
            else:  # join
                parts = [p for c in cols if (p := clean_text(values.get(c)))]
                if parts:
                    out[fname] = parts[0] if len(parts) == 1 else JOINERS.get(fname, "; ").join(
                        dict.fromkeys(parts))
        if self.extras:
            extra = {}
            for name, c in self.extras:
                v = clean_text(values.get(c))
                if v is not None:
                    extra[name] = v
            if extra:
                out["extra"] = extra
        # Names: the full name as written, else composed from parts; "Соц С.В." gives surname + initials.
        full = out.get("full_name")
        if full is None:
            full = compose_full_name(out.get("surname"), out.get("given_name"), out.get("patronymic"),
                                     out.get("initials"))
            if full:
                out["full_name"] = full
        elif "." in full and "surname" not in out and "initials" not in out:
            split = split_initials(full)
            if split:
                out["surname"], out["initials"] = split
        if not full:
            problems.append(Problem(self.name_column, NO_NAME))
        bd = out.get("birth_date")
        if bd:
            out["birth_year"] = int(bd[:4])
        return out, problems

    # -- a batch at a time ---------------------------------------------------------------------------
    def map_many(self, rows: Sequence[TMapping[str, Any]]) -> tuple[dict[str, list[Any]], dict[int, list[Problem]]]:
        """:meth:`map` for a batch of rows, worked column by column: the import's hot path.

        Returns one list per mapped field (``None`` where :meth:`map` leaves the field out; fields the
        mapping never fills are absent) and the problems of the rows that have any, by position.
        Articles come as tuples shared between rows, not fresh lists. The results are those of
        :meth:`map` row by row (tests/test_ingest_speedpaths.py checks it on generated mappings and
        rows); the gain is that each column's distinct values are looked up in its memo once per cell
        with no per-row dict, branch on the field kind or problem list.
        """
        return self.map_columns(RowCells(rows))

    def map_columns(self, source: Columns) -> tuple[dict[str, list[Any]], dict[int, list[Problem]]]:
        """:meth:`map_many` over any :class:`Columns`: rows read as dicts, or columns read in C
        (:mod:`reckon.ingest.columnar`), whose distinct values (:meth:`Columns.codes`) are then mapped once
        each and spread back over the rows by their codes. Same results either way."""
        n = source.n
        out: dict[str, list[Any]] = {}
        problems: dict[int, list[Problem]] = {}
        vmaps = self.values
        for fname, kind, cols in self.plan:
            if kind == "first" or kind == "id":
                chosen: list[Any] | None = None
                for c in cols:
                    vals = self._text_values(c, kind, source, vmaps.get(fname) if len(cols) == 1 else None)
                    chosen = vals if chosen is None else [a if a is not None else b for a, b in zip(chosen, vals, strict=True)]
                assert chosen is not None
                if fname in vmaps and len(cols) > 1:
                    vm = vmaps[fname]
                    chosen = [v if v is None else vm.get(key(v), v) for v in chosen]
                out[fname] = chosen
            elif kind == "date" or kind == "sex" or kind == "status":
                out[fname] = self._coded_column(fname, cols, source, problems)
            elif kind == "articles":
                out[fname] = self._articles_column(cols, source)
            else:  # join
                joiner = JOINERS.get(fname, "; ")
                joined: list[Any] = []
                for cells in zip(*[source.cells(c) for c in cols], strict=True):
                    parts = [p for x in cells if (p := clean_text(x))]
                    joined.append(None if not parts else parts[0] if len(parts) == 1
                                  else joiner.join(dict.fromkeys(parts)))
                out[fname] = joined
        if self.extras:
            extras: list[Any] = []
            names = [name for name, _c in self.extras]
            for cells in zip(*[source.cells(c) for _name, c in self.extras], strict=True):
                extra = {}
                for name, x in zip(names, cells, strict=True):
                    v = clean_text(x)
                    if v is not None:
                        extra[name] = v
                extras.append(extra or None)
            out["extra"] = extras
        self._names_column(out, n, problems)
        birth = out.get("birth_date")
        if birth is not None:
            out["birth_year"] = self._birth_years(birth)
        return out, problems

    def _text_values(self, column: str, kind: str, source: Columns, vmap: TMapping[str, Any] | None) -> list[Any]:
        """One column of a "first" or "id" field cleaned (and, given ``vmap``, put through the value map)."""
        codes = source.codes(column)
        cells = source.cells(column) if codes is None else codes[1]
        plain = source.plain(column)
        vals: list[Any]
        if plain is not None:  # only the values clean_text would change go through it (usually none)
            if False not in plain:
                same = Same(cells)
                same.source = getattr(cells, "arrow", None) if codes is None and vmap is None else None
                vals = same
            else:
                vals = [v if keep else clean_text(v) for v, keep in zip(cells, plain, strict=True)]
        else:
            vals = self._clean_column(column, cells) if kind == "first" else list(map(clean_text, cells))
        if vmap is not None:
            vals = [v if v is None else vmap.get(key(v), v) for v in vals]
        return vals if codes is None else spread(codes[0], vals)

    def _clean_column(self, column: str, cells: list[Any]) -> list[str | None]:
        memo = self._text_memo[column]
        get = memo.get
        out: list[str | None] = []
        append = out.append
        for raw in cells:
            if type(raw) is str:
                v = get(raw, _MISS)
                if v is _MISS:
                    v = clean_text(raw)
                    if len(memo) < _TEXT_MEMO_MAX:
                        memo[raw] = v
                append(v)  # type: ignore[arg-type]
            else:
                append(clean_text(raw))
        return out

    def _coded_column(self, fname: str, cols: list[str], source: Columns,
                      problems: dict[int, list[Problem]]) -> list[Any]:
        """Dates, sexes, statuses: the first column with a value decides, as in :meth:`map`."""
        lookup = self._memos[fname]
        cache_get = lookup.cache.get
        if len(cols) == 1:
            # One column: blanks and blank markers give (None, None) from the memo like any other value,
            # so every cell takes the same path. A list or object (JSON input) is unhashable: the loop below.
            c = cols[0]
            codes = source.codes(c)
            cells = source.cells(c) if codes is None else codes[1]
            known = _known(lookup, cells)
            if known is not None:
                values, reasons = known
                if reasons is not None:
                    if codes is not None:
                        reasons = spread(codes[0], reasons)
                    for i, reason in enumerate(reasons):
                        if reason is not None:
                            problems.setdefault(i, []).append(Problem(c, reason))
                return values if codes is None else spread(codes[0], values)
        result: list[Any] = [None] * source.n
        pending: Iterable[int] = range(source.n)
        for c in cols:
            cells = source.cells(c)
            still: list[int] = []
            for i in pending:
                raw = cells[i]
                if raw is None or raw == "":
                    still.append(i)
                    continue
                hit = cache_get(raw) if type(raw) is str else None
                v, reason = hit if hit is not None else lookup(raw)
                if reason is not None:
                    problems.setdefault(i, []).append(Problem(c, reason))
                elif v is None:
                    still.append(i)  # a blank marker: the next column may have it
                    continue
                result[i] = v
            pending = still
            if not still:
                break
        return result

    def _birth_years(self, birth: list[Any]) -> list[Any]:
        """The year of each partial ISO birth date (None where none), each distinct date's once (a bounded
        memo): a list's birth dates repeat across batches, and ``int(bd[:4])`` per row was 0.2 µs of it."""
        if isinstance(birth, Spread):
            return spread(birth.codes, self._birth_years(birth.values))
        years = self._years
        missing = set(birth).difference(years)
        if missing:
            if len(years) + len(missing) > _CODED_MEMO_MAX:
                years.clear()
                missing = set(birth)
            for bd in missing:
                years[bd] = int(bd[:4]) if bd else None
        return list(map(years.__getitem__, birth))

    def _articles_column(self, cols: list[str], source: Columns) -> list[Any]:
        if len(cols) > 1:
            out: list[Any] = []
            for cells in zip(*[source.cells(c) for c in cols], strict=True):
                items: list[str] = []
                for x in cells:
                    items.extend(split_articles(x, self.delims))
                out.append(tuple(items) or None)
            return out
        c = cols[0]
        articles_of = self._articles_of
        codes = source.codes(c)
        if codes is None:
            return [articles_of(x) or None for x in source.cells(c)]
        return spread(codes[0], [articles_of(x) or None for x in codes[1]])

    def _articles_of(self, raw: Any) -> tuple[str, ...]:
        """The articles of one cell. Lists repeat the same few charges: each distinct text is split once
        (a bounded memo; the tuples are shared between rows)."""
        if type(raw) is not str:
            return tuple(split_articles(raw, self.delims))
        memo = self._articles_memo
        hit = memo.get(raw)
        if hit is None:
            if len(memo) > 50_000:
                memo.clear()
            hit = memo[raw] = tuple(split_articles(raw, self.delims))
        return hit

    def _names_column(self, out: dict[str, list[Any]], n: int, problems: dict[int, list[Problem]]) -> None:
        """The full name as written, else composed from parts; "Соц С.В." gives surname + initials."""
        none = [None] * n
        full = out.get("full_name", none)
        surname, given = out.get("surname", none), out.get("given_name", none)
        patronymic, initials = out.get("patronymic", none), out.get("initials", none)
        if full is not none and None not in full and "" not in full:
            try:
                dotted = "." in "".join(full)  # (TypeError: some name is no text; the loop below sees it)
            except TypeError:
                dotted = True
            if not dotted:
                return  # every row has a full name and none has initials to split: a few C passes, no loop
        full_out: list[Any] | None = None
        for i, name in enumerate(full):
            if name is None:
                name = compose_full_name(surname[i], given[i], patronymic[i], initials[i])
                if name:
                    if full_out is None:
                        full_out = list(full)
                    full_out[i] = name
            elif "." in name and surname[i] is None and initials[i] is None:
                split = split_initials(name)
                if split:
                    if surname is none or type(surname) is not list:  # a Spread is not changed in place
                        surname = out["surname"] = list(surname)
                    if initials is none or type(initials) is not list:
                        initials = out["initials"] = list(initials)
                    surname[i], initials[i] = split
            if not name:
                problems.setdefault(i, []).append(Problem(self.name_column, NO_NAME))
        if full_out is not None:
            out["full_name"] = full_out

    def identities(self, rows: Sequence[TMapping[str, Any]] | Columns, fields: TMapping[str, list[Any]],
                   numbers: Sequence[int]) -> list[str]:
        """:meth:`identity_of` for a batch mapped by :meth:`map_many` (rows) or :meth:`map_columns` (columns)."""
        if self._identity_is_external_id:
            ids = fields["external_id"]
            if None not in ids and max(map(len, ids), default=0) <= 280:
                return list(ids)  # the usual batch: every row has an id, none too long (C passes only)
            return [f"row:{num}" if one is None else one[:280] for one, num in zip(ids, numbers, strict=True)]
        if isinstance(rows, Columns):
            cols = self.identity_cols
            rows = [dict(zip(cols, cells, strict=True)) for cells in zip(*[rows.cells(c) for c in cols], strict=True)] \
                if cols else [{}] * rows.n
        return [self.identity_of(r, {}, num) for r, num in zip(rows, numbers, strict=True)]

    def identity_of(self, values: TMapping[str, Any], fields: TMapping[str, Any], row_number: int) -> str:
        """The source's own id for the row (its id column(s)), else ``row:N``."""
        cols = self.identity_cols
        if self._identity_is_external_id:
            one = fields.get("external_id")
            return f"row:{row_number}" if one is None else one[:280]
        if len(cols) == 1:
            one = clean_text(values.get(cols[0]))
            return f"row:{row_number}" if one is None else one[:280]
        if cols:
            parts = [clean_text(values.get(c)) for c in cols]
            if all(p is not None for p in parts):
                return "|".join(parts)[:280]  # type: ignore[arg-type]
        return f"row:{row_number}"
