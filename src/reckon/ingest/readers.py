"""Streaming readers for list files: CSV/TSV, XLSX, XLS, JSON and NDJSON, all yielding the same shape.

A reader opens a file, says what it found (format, encoding, delimiter, headers) and then yields
:class:`SourceRow` objects one at a time, so a file of millions of rows never sits in memory (a legacy
.xls sheet is the exception: xlrd loads one sheet whole, which the format's 65,536-row limit keeps small).
Row numbers are what a person opening the file would see: the spreadsheet row (the header is row 1) for
CSV, XLSX and XLS, the line for NDJSON, the position in the array (from 1) for JSON.

Broken structure (undecodable bytes, JSON that does not parse, a missing header) raises
:class:`~reckon.errors.InputError` naming the file and row. A CSV row with more cells than the header is
yielded with a ``problem`` so the importer can quarantine it whole.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from reckon.errors import InputError
from reckon.ingest.encoding import SAMPLE_BYTES, detect_encoding

FORMATS = ("csv", "xlsx", "xls", "json", "ndjson")
# Every Excel 97-2003 workbook is an OLE2 compound file; these are its first eight bytes.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = ",;\t|:"

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class SourceRow:
    """One row as read: the cell values by header (verbatim text for CSV), and where it came from."""

    number: int
    values: dict[str, Any]
    problem: str | None = None


@dataclass
class TableReader:
    """An opened list file. Iterate it once for its rows; ``bytes_read`` tracks progress."""

    path: Path
    format: str
    headers: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    size: int = 0
    _rows: Iterator[SourceRow] | None = field(default=None, repr=False)
    _pos: Any = field(default=None, repr=False)
    _close: Any = field(default=None, repr=False)

    @property
    def bytes_read(self) -> int:
        try:
            return int(self._pos()) if self._pos else 0
        except (OSError, ValueError):
            return self.size

    def __iter__(self) -> Iterator[SourceRow]:
        assert self._rows is not None
        return self._rows

    def close(self) -> None:
        if self._close:
            self._close()
            self._close = None

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def guess_format(path: Path) -> str:
    """The format of ``path``: by content where the bytes are unambiguous, else by suffix, else CSV.

    Content wins for the two workbook kinds because offices rename files freely: an Excel 97-2003
    workbook saved as ``list.xlsx`` or ``list.csv`` still starts with the OLE2 signature, and an .xlsx
    saved as ``list.xls`` still starts with the ZIP signature.
    """
    with open(path, "rb") as fh:
        head = fh.read(len(OLE2_MAGIC))
    if head.startswith(OLE2_MAGIC[:4]):
        return "xls"
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".ndjson", ".jsonl"):
        return "ndjson"
    if suffix == ".json":
        return "json"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix == ".xls":
        return "xls"  # not OLE2 either: the .xls reader says it cannot read it
    return "csv"


def open_table(path: str | os.PathLike[str], *, fmt: str | None = None, encoding: str | None = None,
               delimiter: str | None = None, sheet: str | None = None, json_key: str | None = None
               ) -> TableReader:
    """Open ``path`` for streaming, detecting format, encoding and delimiter unless given."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file; check the path", file=str(path))
    fmt = (fmt or guess_format(path)).lower()
    if fmt == "tsv":
        fmt, delimiter = "csv", delimiter or "\t"
    if fmt == "jsonl":
        fmt = "ndjson"
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", file=path.name)
    if fmt == "xlsx":
        return _open_xlsx(path, sheet)
    if fmt == "xls":
        return _open_xls(path, sheet)
    if fmt == "json":
        return _open_json(path, encoding, json_key)
    if fmt == "ndjson":
        return _open_ndjson(path, encoding)
    return _open_csv(path, encoding, delimiter)


# --- text files -----------------------------------------------------------------------------------

def _sample(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(SAMPLE_BYTES)


def _text_stream(path: Path, encoding: str | None) -> tuple[io.TextIOWrapper, Any, str]:
    enc = encoding or detect_encoding(_sample(path))
    try:
        "".encode(enc)
    except LookupError:
        raise InputError(f"unknown encoding {enc!r}", file=path.name) from None
    raw = open(path, "rb")  # noqa: SIM115 - closed by the reader
    text = io.TextIOWrapper(raw, encoding=enc, errors="strict", newline="")
    return text, raw.tell, enc


def _decode_error(path: Path, row: int, enc: str) -> InputError:
    return InputError(
        f"bytes that are not valid {enc}; re-save the file as UTF-8 or pass --encoding (e.g. cp1251)",
        file=path.name, row=row,
    )


def _locate_decode_error(path: Path, enc: str, delimiter: str | None, skip_lines: int = 0) -> int:
    """The row (as numbered for the user) holding the first undecodable bytes; only on the error path."""
    with open(path, encoding=enc, errors="surrogateescape", newline="") as fh:
        for _ in range(skip_lines):
            fh.readline()
        if delimiter is None:  # line-based formats
            for number, line in enumerate(fh, start=1):
                if _has_surrogate(line):
                    return number
            return 1
        for number, cells in enumerate(csv.reader(fh, delimiter=delimiter, strict=False), start=1 + skip_lines):
            if any(_has_surrogate(c) for c in cells):
                return number
    return 1


def _has_surrogate(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _clean_headers(headers: list[Any]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(headers, start=1):
        name = re.sub(r"\s+", " ", str(h if h is not None else "").replace("\ufeff", "")).strip()
        if not name:
            name = f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV sample: csv.Sniffer, else the candidate most frequent in the header."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:50]
    if not lines:
        return ","
    sample = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = None
    header = lines[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], -_DELIMITERS.index(d)))
    if found and counts.get(found, 0) > 0 and (counts[found] >= counts[best] or found != ":"):
        # Sniffer looks at consistency over rows; trust it unless the header disagrees strongly.
        if counts[found] * 2 >= counts[best]:
            return found
    return best if counts[best] > 0 else ","


def _open_csv(path: Path, encoding: str | None, delimiter: str | None) -> TableReader:
    text, pos, enc = _text_stream(path, encoding)
    try:
        head = text.read(64 * 1024)
    except UnicodeDecodeError:
        text.close()
        raise _decode_error(path, 1, enc) from None
    # Excel writes "sep=;" as the first line of some exports.
    first_line = head.split("\n", 1)[0].strip()
    skip_sep_line = False
    if re.fullmatch(r"sep=.", first_line, flags=re.IGNORECASE):
        delimiter = delimiter or first_line[4]
        skip_sep_line = True
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(
            head.split("\n", 1)[1] if skip_sep_line and "\n" in head else head)
    if delimiter == "\\t":
        delimiter = "\t"
    text.seek(0)
    if skip_sep_line:
        text.readline()
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except UnicodeDecodeError:
        text.close()
        raise _decode_error(path, 1, enc) from None
    except csv.Error as exc:
        text.close()
        raise InputError(f"the header row cannot be read as CSV: {exc}", file=path.name, row=1) from None
    if not header or not any(h.strip() for h in header):
        text.close()
        raise InputError("no header row; the first line must name the columns", file=path.name, row=1)
    headers = _clean_headers(header)
    first_row = 3 if skip_sep_line else 2

    def rows() -> Iterator[SourceRow]:
        width = len(headers)
        number = first_row - 1
        try:
            for cells in reader:
                number += 1
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # blank line
                if len(cells) == width:
                    yield SourceRow(number, dict(zip(headers, cells, strict=True)))
                elif len(cells) < width:
                    yield SourceRow(number, dict(zip(headers, cells + [""] * (width - len(cells)),
                                                     strict=True)))
                else:
                    values = dict(zip(headers, cells[:width], strict=True))
                    for i, extra in enumerate(cells[width:], start=width + 1):
                        values[f"column_{i}"] = extra
                    yield SourceRow(number, values,
                                    problem=f"{len(cells)} cells but the header has {width}; check quoting")
        except UnicodeDecodeError:
            bad = _locate_decode_error(path, enc, delimiter, 1 if skip_sep_line else 0)
            raise _decode_error(path, bad, enc) from None
        except csv.Error as exc:
            raise InputError(f"cannot be read as CSV: {exc}", file=path.name, row=number + 1) from None
        finally:
            text.close()

    return TableReader(path=path, format="csv", headers=headers, encoding=enc, delimiter=delimiter,
                       size=path.stat().st_size, _rows=rows(), _pos=pos, _close=text.close)


def _scalar(value: Any) -> Any:
    """JSON/XLSX cell -> what the raw row keeps: text and numbers as they are, dates as ISO text."""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _open_ndjson(path: Path, encoding: str | None) -> TableReader:
    text, pos, enc = _text_stream(path, encoding)
    # Headers: the keys of the first object (later objects may add keys; all are kept in the raw row).
    headers: list[str] = []
    try:
        for line in text:
            line = line.strip()
            if line:
                first = json.loads(line)
                if isinstance(first, dict):
                    headers = [str(k) for k in first]
                break
    except (json.JSONDecodeError, UnicodeDecodeError):
        pass  # reported with its line number while iterating
    text.seek(0)

    def rows() -> Iterator[SourceRow]:
        number = 0
        try:
            for line in text:
                number += 1
                stripped = line.strip()
                if not stripped:
                    continue
                try:
                    obj = json.loads(stripped)
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {number} is not valid JSON ({exc.msg} at column {exc.colno}); "
                                     "fix or remove that line", file=path.name, row=number) from None
                if not isinstance(obj, dict):
                    raise InputError(f"line {number} holds a JSON {type(obj).__name__}, not an object; "
                                     "each line must be one object", file=path.name, row=number)
                yield SourceRow(number, {str(k): _scalar(v) for k, v in obj.items()})
        except UnicodeDecodeError:
            raise _decode_error(path, _locate_decode_error(path, enc, None), enc) from None
        finally:
            text.close()

    return TableReader(path=path, format="ndjson", headers=headers, encoding=enc,
                       size=path.stat().st_size, _rows=rows(), _pos=pos, _close=text.close)


class _JsonStream:
    """Incremental reader of one big JSON document: objects of an array are decoded one at a time."""

    def __init__(self, text: io.TextIOBase, path: Path) -> None:
        self.text, self.path = text, path
        self.buf = ""
        self.i = 0
        self.eof = False
        self.consumed = 0  # characters before buf, for error positions
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.text.read(1 << 16)
        if not chunk:
            self.eof = True
            return False
        self.consumed += self.i
        self.buf = self.buf[self.i:] + chunk
        self.i = 0
        return True

    def peek(self) -> str:
        while True:
            while self.i < len(self.buf) and self.buf[self.i] in " \t\r\n\ufeff":
                self.i += 1
            if self.i < len(self.buf):
                return self.buf[self.i]
            if not self._fill():
                return ""

    def expect(self, ch: str, what: str) -> None:
        got = self.peek()
        if got != ch:
            raise self.error(f"expected {what}, found {got!r}" if got else f"expected {what}, found the end")
        self.i += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.i)
            except json.JSONDecodeError as exc:
                # Only text cut at the buffer's end is worth more reading; a real error is reported now.
                near_end = exc.pos >= len(self.buf) - 64 or exc.msg.startswith("Unterminated")
                if near_end and self._fill():
                    continue
                raise self.error(f"not valid JSON ({exc.msg})") from None
            # A number or literal cut at the buffer's end would decode short: make sure more text follows.
            if end >= len(self.buf) and not self.eof and self._fill():
                continue
            self.i = end
            return obj

    def error(self, message: str) -> InputError:
        offset = self.consumed + self.i
        return InputError(f"{message} near character {offset}; the JSON file is broken")


def _open_json(path: Path, encoding: str | None, json_key: str | None) -> TableReader:
    text, pos, enc = _text_stream(path, encoding)
    stream = _JsonStream(text, path)
    key_used: str | None = None
    try:
        start = stream.peek()
        if start == "{":
            # An object holding the array: {"meta": {...}, "items": [...]}. Use ``json_key`` or the first
            # key whose value is an array.
            stream.i += 1
            while True:
                if stream.peek() == "}":
                    raise InputError("the JSON object holds no array of rows; pass --json-key or give an "
                                     "array of objects", file=path.name)
                k = stream.value()
                stream.expect(":", "':'")
                if stream.peek() == "[" and (json_key is None or k == json_key):
                    key_used = str(k)
                    break
                stream.value()  # skip this member
                if stream.peek() == ",":
                    stream.i += 1
        elif start != "[":
            raise InputError("a JSON list file must be an array of objects or an object holding one",
                             file=path.name)
        stream.expect("[", "'['")
    except InputError as exc:
        text.close()
        raise exc if exc.file else InputError(str(exc), file=path.name) from None
    except UnicodeDecodeError:
        text.close()
        raise _decode_error(path, 1, enc) from None

    # Headers: keys of the first object, read ahead and replayed.
    first: Any = None
    try:
        if stream.peek() != "]":
            first = stream.value()
    except InputError as exc:
        text.close()
        raise InputError(f"item 1: {exc}", file=path.name, row=1) from None
    except UnicodeDecodeError:
        text.close()
        raise _decode_error(path, 1, enc) from None
    headers = [str(k) for k in first] if isinstance(first, dict) else []

    def rows() -> Iterator[SourceRow]:
        number = 0
        obj = first
        try:
            while obj is not None:
                number += 1
                if not isinstance(obj, dict):
                    raise InputError(f"item {number} is a JSON {type(obj).__name__}, not an object",
                                     file=path.name, row=number)
                yield SourceRow(number, {str(k): _scalar(v) for k, v in obj.items()})
                try:
                    nxt = stream.peek()
                    if nxt == ",":
                        stream.i += 1
                        obj = stream.value()
                    elif nxt == "]":
                        obj = None
                    else:
                        raise stream.error(f"after item {number} expected ',' or ']'")
                except InputError as exc:
                    raise InputError(f"item {number + 1}: {exc}", file=path.name, row=number + 1) from None
        except UnicodeDecodeError:
            raise _decode_error(path, number + 1, enc) from None
        finally:
            text.close()

    reader = TableReader(path=path, format="json", headers=headers, encoding=enc, size=path.stat().st_size,
                         _rows=rows(), _pos=pos, _close=text.close)
    reader.sheet = key_used
    return reader


# --- workbooks ------------------------------------------------------------------------------------

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
        raise InputError("the sheet is empty; the first row must name the columns", file=path.name)
    # Drop empty trailing header cells (workbooks report the sheet's full width).
    width = len(header)
    while width and (header[width - 1] is None or not str(header[width - 1]).strip()):
        width -= 1
    return number, _clean_headers(list(header[:width])), width


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
            values = {h: ("" if c is None else _scalar(c)) for h, c in zip(headers, cells, strict=False)}
            for h in headers[len(cells):]:
                values[h] = ""
            problem = None
            extra = [c for c in cells[width:] if c is not None and str(c).strip()]
            if extra:
                for i, c in enumerate(cells[width:], start=width + 1):
                    if c is not None and str(c).strip():
                        values[f"column_{i}"] = _scalar(c)
                problem = f"{width + len(extra)} filled cells but the header has {width}"
            yield SourceRow(n, values, problem=problem)
    finally:
        close()


def _open_xlsx(path: Path, sheet: str | None) -> TableReader:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__})", file=path.name) from None
    if sheet is not None:
        if sheet not in wb.sheetnames:
            wb.close()
            raise InputError(f"no sheet {sheet!r}; the workbook has {', '.join(wb.sheetnames)}",
                             file=path.name)
        ws = wb[sheet]
    else:
        ws = wb.worksheets[0]
    return _sheet_reader(path, "xlsx", ws.title, ws.iter_rows(values_only=True), ws.max_row or 0, wb.close)


def _sheet_reader(path: Path, fmt: str, sheet: str, it: Iterator[tuple[Any, ...]], max_row: int,
                  close: Callable[[], Any]) -> TableReader:
    """A reader over a workbook sheet's cell tuples (.xlsx and .xls alike); ``close`` releases the book,
    also when the sheet has no header."""
    try:
        header_row, headers, width = _sheet_header(it, path)
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
    ``datemode`` (1900 or 1904 system). Dates become ``datetime`` here (then ISO text in :func:`_scalar`),
    times of day alone become ``HH:MM:SS``, and integral numbers lose their ``.0`` in :func:`_scalar`.
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


def _open_xls(path: Path, sheet: str | None) -> TableReader:
    """Open a legacy Excel 97-2003 workbook (BIFF, in an OLE2 container) with xlrd."""
    import xlrd

    def unreadable(exc: BaseException) -> InputError:
        return InputError(f"not a readable Excel 97-2003 .xls workbook ({type(exc).__name__}); re-save it "
                          "from Excel or LibreOffice, or pass --format csv if it is really a text export",
                          file=path.name)

    try:
        # on_demand: only the chosen sheet is parsed. xlrd writes warnings about odd files to
        # ``logfile`` (stdout by default); they would land in the middle of the CLI's output.
        wb = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except Exception as exc:  # XLRDError, CompDocError, struct.error, AssertionError, IndexError ...
        raise unreadable(exc) from None
    names = wb.sheet_names()
    if sheet is not None and sheet not in names:
        wb.release_resources()
        raise InputError(f"no sheet {sheet!r}; the workbook has {', '.join(names)}", file=path.name)
    if not names:
        wb.release_resources()
        raise InputError("the workbook has no sheets", file=path.name)
    try:
        ws = wb.sheet_by_name(sheet) if sheet is not None else wb.sheet_by_index(0)
    except Exception as exc:  # a damaged sheet stream is only found when the sheet is parsed
        wb.release_resources()
        raise unreadable(exc) from None
    datemode = wb.datemode

    def cells() -> Iterator[tuple[Any, ...]]:
        # _scalar here, not only per row: a header cell typed 2021 must name the column "2021", not "2021.0".
        for r in range(ws.nrows):
            yield tuple(_scalar(_xls_value(c, datemode)) for c in ws.row(r))

    return _sheet_reader(path, "xls", ws.name, cells(), ws.nrows, wb.release_resources)
