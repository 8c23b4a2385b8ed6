"""Workbook readers: .xlsx (openpyxl, streaming) and legacy .xls (xlrd), yielding the rows of one sheet.

Both give cells as Python values to one shared tail (:func:`_sheet_reader`), so they number, blank and
flag rows the same way as each other and as the text readers in :mod:`reckon.ingest.readers`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from reckon.errors import N_, InputError
from reckon.ingest.table import LONG_SHEET_ROW, MAX_COLUMNS, SourceRow, TableReader, clean_headers, scalar

NO_SHEET = N_("no sheet %(sheet)s; the workbook has %(sheets)s")


def _blank_cell(c: Any) -> bool:
    return c is None or (isinstance(c, str) and not c.strip())


def _sheet_header(it: Iterator[tuple[Any, ...]], path: Path) -> tuple[int, list[str], int]:
    """Read ``it`` up to the header (the first non-empty row): its row number, headers and width."""
    number = 0
    header: tuple[Any, ...] | None = None
    for cells in it:
        number += 1
        if cells and any(c is not None and str(c).strip() for c in cells):
            header = cells
            break
    if header is None:
        raise InputError.of(N_("the sheet is empty; the first row must name the columns"), file=path.name)
    if len(header) > MAX_COLUMNS and any(c is not None for c in header[MAX_COLUMNS:]):
        raise InputError.of(N_("the header has more than %(max)s columns"), file=path.name, row=number,
                            max=MAX_COLUMNS)
    # Drop empty trailing header cells (workbooks report the sheet's full width).
    width = len(header)
    while width and (header[width - 1] is None or not str(header[width - 1]).strip()):
        width -= 1
    return number, clean_headers(list(header[:width])), width


def _sheet_rows(it: Iterator[tuple[Any, ...]], header_row: int, headers: list[str], width: int,
                state: dict[str, int], close: Any) -> Iterator[SourceRow]:
    """Rows after the header as :class:`SourceRow`; cells are already Python values (None for empty).

    Shared by the .xlsx and .xls readers so both number, blank and flag rows the same way.
    """
    n = header_row
    try:
        for cells in it:
            n += 1
            state["rows"] = n
            if not cells or all(_blank_cell(c) for c in cells):
                continue
            values = {h: ("" if c is None else scalar(c)) for h, c in zip(headers, cells, strict=False)}
            for h in headers[len(cells):]:
                values[h] = ""
            problem = None
            formulas = [h for h, c in zip(headers, cells, strict=False) if type(c) is Formula]
            if formulas:
                problem = (f"formula with no saved value in {', '.join(formulas)} (kept as its text); open and "
                           "save the workbook in Excel or LibreOffice so the values are computed")
            extra = [c for c in cells[width:] if c is not None and str(c).strip()]
            if extra:
                for i, c in enumerate(cells[width:], start=width + 1):
                    if c is not None and str(c).strip():
                        values[f"column_{i}"] = scalar(c)
                problem = problem or LONG_SHEET_ROW % {"cells": width + len(extra), "width": width}
            yield SourceRow(n, values, problem=problem)
    finally:
        close()


class Formula(str):
    """The text of a workbook formula whose value was never computed (files written by scripts)."""


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the .xlsx holds a formula (``<f>`` element), read as a stream."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                continue
            tail = b""
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    block = tail + chunk
                    if b"<f>" in block or b"<f " in block or b":f>" in block or b":f " in block:
                        return True
                    tail = block[-8:]
    return False


def _with_formulas(values: Iterator[tuple[Any, ...]], formulas: Iterator[tuple[Any, ...]]
                   ) -> Iterator[tuple[Any, ...]]:
    """Cached values, with the formula's text (as :class:`Formula`) where a formula has none."""
    for cached, written in zip(values, formulas, strict=False):
        if any(c is None and isinstance(f, str) and f.startswith("=") for c, f in zip(cached, written, strict=False)):
            cached = tuple(Formula(f) if c is None and isinstance(f, str) and f.startswith("=") else c
                           for c, f in zip(cached, written, strict=False))
        yield cached


def open_xlsx(path: Path, sheet: str | None) -> TableReader:
    """Open an .xlsx sheet: each cell's saved value; a formula with none saved gives its text, flagged.

    openpyxl gives either the values Excel saved (``data_only``) or the formulas; a workbook written by a
    script has formulas and no saved values, so where it holds formulas at all both are read side by
    side and a row with such a cell is quarantined with the formula text in its raw row.
    """
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        formulas = _has_formulas(path)
        wb_f = load_workbook(path, read_only=True, data_only=False) if formulas else None
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InputError.of(N_("not a readable .xlsx workbook (%(kind)s)"), file=path.name,
                            kind=type(exc).__name__) from None

    def close() -> None:
        wb.close()
        if wb_f is not None:
            wb_f.close()

    if sheet is not None:
        if sheet not in wb.sheetnames:
            close()
            raise InputError.of(NO_SHEET, file=path.name, sheet=repr(sheet), sheets=", ".join(wb.sheetnames))
        ws = wb[sheet]
    else:
        ws = wb.worksheets[0]
    cells: Iterator[tuple[Any, ...]] = ws.iter_rows(values_only=True)
    if wb_f is not None:
        cells = _with_formulas(cells, wb_f[ws.title].iter_rows(values_only=True))
    return _sheet_reader(path, "xlsx", ws.title, cells, ws.max_row or 0, close)


HEADER_BELOW = N_("row %(below)s names the columns (%(names)s), not row %(header)s above it: a title or merged "
                  "cells over the header? Delete the rows above the header, or unmerge them, so that the first "
                  "row names every column")


def _check_header_below(it: Iterator[tuple[Any, ...]], header_row: int, headers: list[str], path: Path
                        ) -> Iterator[tuple[Any, ...]]:
    """``it`` unchanged (its next row put back), after refusing a sheet whose real header is the row below
    the one taken: a group header of merged cells ("Асоба" over two columns) or a title line above the
    column names. Without this every row was quarantined as "filled cells in the row: 4, in the header: 3".

    The row below is taken for the header only when it fills more cells than the header names and at
    least two of its cells are words reckon knows as column names (a data row rarely names fields)."""
    from itertools import chain

    from reckon.ingest.mapping import lookup_header

    number = header_row
    for cells in it:
        number += 1
        if not cells or all(_blank_cell(c) for c in cells):
            continue
        filled = [str(c).strip() for c in cells if not _blank_cell(c)]
        known = [c for c in filled if isinstance(c, str) and lookup_header(c)]
        named = sum(1 for h in headers if not h.startswith("column_"))
        if len(filled) > named and len(known) >= 2 and len(known) > sum(1 for h in headers if lookup_header(h)):
            raise InputError.of(HEADER_BELOW, file=path.name, row=number, below=number, header=header_row,
                                names=", ".join(known[:4]))
        return chain([cells], it)
    return it


def _sheet_reader(path: Path, fmt: str, sheet: str, it: Iterator[tuple[Any, ...]], max_row: int,
                  close: Callable[[], Any]) -> TableReader:
    """A reader over a workbook sheet's cell tuples (.xlsx and .xls alike); ``close`` releases the book,
    also when the sheet has no header."""
    try:
        header_row, headers, width = _sheet_header(it, path)
        it = _check_header_below(it, header_row, headers, path)
    except InputError:
        close()
        raise
    state = {"rows": 0}
    size = path.stat().st_size
    reader = TableReader(path=path, format=fmt, headers=headers, sheet=sheet, size=size,
                         _rows=_sheet_rows(it, header_row, headers, width, state, close), _close=close)
    # Progress for workbooks: the share of sheet rows read, scaled to the file size.
    reader._pos = (lambda: size * state["rows"] / max_row) if max_row else None
    return reader


# Excel's largest date serial (9999-12-31) in the 1900 system; past it a "date" cell is only a number.
_XL_MAX_SERIAL = 2958465


def _xls_value(cell: Any, datemode: int) -> Any:
    """One xlrd cell -> the value the .xlsx reader would give for the same cell.

    xlrd stores every number, dates included, as a float; a cell is a date only through its number
    format (``XL_CELL_DATE``), and the float counts days from an epoch that depends on the workbook's
    ``datemode`` (1900 or 1904 system). Dates become ``datetime`` here (then ISO text in :func:`~reckon.ingest.table.scalar`),
    times of day alone become ``HH:MM:SS``, and integral numbers lose their ``.0`` in :func:`~reckon.ingest.table.scalar`.
    """
    import xlrd

    ctype, value = cell.ctype, cell.value
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_DATE:
        if not 0 <= value <= _XL_MAX_SERIAL:
            return value  # outside any calendar Excel shows: keep the number, as Excel itself does
        if value < 1:  # a time of day with no date
            seconds = round(value * 86400) % 86400
            return time(seconds // 3600, seconds // 60 % 60, seconds % 60).isoformat()
        moment = xlrd.xldate_as_datetime(value, datemode)
        if moment.microsecond:  # xlrd keeps Excel's milliseconds; the register keeps whole seconds
            moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
        return moment
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if ctype == xlrd.XL_CELL_ERROR:
        from xlrd.biffh import error_text_from_code

        return error_text_from_code.get(value, "#ERROR")  # what Excel shows, as openpyxl gives it
    return value  # text or number


def open_xls(path: Path, sheet: str | None) -> TableReader:
    """Open a legacy Excel 97-2003 workbook (BIFF, in an OLE2 container) with xlrd."""
    import xlrd

    def unreadable(exc: BaseException) -> InputError:
        return InputError.of(N_("not a readable Excel 97-2003 .xls workbook (%(kind)s); re-save it from Excel or "
                                "LibreOffice, or pass --format csv if it is really a text export"),
                             file=path.name, kind=type(exc).__name__)

    try:
        # on_demand: only the chosen sheet is parsed. xlrd writes warnings about odd files to
        # ``logfile`` (stdout by default); they would land in the middle of the CLI's output.
        wb = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except Exception as exc:  # XLRDError, CompDocError, struct.error, AssertionError, IndexError ...
        raise unreadable(exc) from None
    names = wb.sheet_names()
    if sheet is not None and sheet not in names:
        wb.release_resources()
        raise InputError.of(NO_SHEET, file=path.name, sheet=repr(sheet), sheets=", ".join(names))
    if not names:
        wb.release_resources()
        raise InputError.of(N_("the workbook has no sheets"), file=path.name)
    try:
        ws = wb.sheet_by_name(sheet) if sheet is not None else wb.sheet_by_index(0)
    except Exception as exc:  # a damaged sheet stream is only found when the sheet is parsed
        wb.release_resources()
        raise unreadable(exc) from None
    datemode = wb.datemode

    def cells() -> Iterator[tuple[Any, ...]]:
        # scalar here, not only per row: a header cell typed 2021 must name the column "2021", not "2021.0".
        for r in range(ws.nrows):
            yield tuple(scalar(_xls_value(c, datemode)) for c in ws.row(r))

    return _sheet_reader(path, "xls", ws.name, cells(), ws.nrows, wb.release_resources)
