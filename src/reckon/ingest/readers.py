"""Streaming readers for list files: CSV/TSV, XLSX, XLS, JSON and NDJSON, all yielding the same shape.

A reader opens a file, says what it found (format, encoding, delimiter, headers) and then yields
:class:`SourceRow` objects one at a time, so a file of millions of rows never sits in memory (a legacy
.xls sheet is the exception: xlrd loads one sheet whole, which the format's 65,536-row limit keeps small).
Row numbers are what a person opening the file would see: the spreadsheet row (the header is row 1) for
CSV, XLSX and XLS, the line for NDJSON, the position in the array (from 1) for JSON. The workbook
readers live in :mod:`reckon.ingest.workbooks`.

Broken structure (JSON that does not parse, a missing header, past a limit: columns, cell size, nesting)
raises :class:`~reckon.errors.InputError` naming the file and row. A row that can be read but not kept
as it is (more cells than the header, bytes the encoding cannot decode, a formula with no saved value)
is yielded with a ``problem`` so the importer can quarantine it whole. A CSV row of fewer cells than the
header is kept (its missing cells empty) with a ``warning`` the import's report names.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reckon.errors import N_, InputError
from reckon.ingest.encoding import ESCAPES, SAMPLE_BYTES, bad_byte_offsets, detect, has_escaped
from reckon.ingest.table import (
    LONG_ROW,
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_JSON_DEPTH,
    SHORT_ROW,
    SourceRow,
    TableReader,
    TooDeep,
    clean_headers,
    scalar,
)

FORMATS = ("csv", "xlsx", "xls", "json", "ndjson")
# Every Excel 97-2003 workbook is an OLE2 compound file; these are its first eight bytes.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = ",;\t|:"


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
        raise InputError.of(N_("no such file; check the path"), file=str(path))
    fmt = (fmt or guess_format(path)).lower()
    if fmt == "tsv":
        fmt, delimiter = "csv", delimiter or "\t"
    if fmt == "jsonl":
        fmt = "ndjson"
    if fmt not in FORMATS:
        raise InputError.of(N_("unknown format '%(format)s'; use one of %(formats)s"), file=path.name, format=fmt,
                           formats=", ".join(FORMATS))
    if fmt in ("xlsx", "xls"):
        from reckon.ingest.workbooks import open_xls, open_xlsx

        return (open_xlsx if fmt == "xlsx" else open_xls)(path, sheet)
    if fmt == "json":
        return _open_json(path, encoding, json_key)
    if fmt == "ndjson":
        return _open_ndjson(path, encoding)
    return _open_csv(path, encoding, delimiter)


# --- text files -----------------------------------------------------------------------------------

def _sample(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(SAMPLE_BYTES)


def _text_stream(path: Path, encoding: str | None) -> tuple[io.TextIOWrapper, Any, str, str | None]:
    """The file as text, undecodable bytes escaped (never an exception mid-file): see :class:`_BadBytes`."""
    note = None
    if encoding:
        enc = encoding
    else:
        guess = detect(_sample(path))
        enc, note = guess.encoding, guess.note
    try:
        "".encode(enc)
    except LookupError:
        raise InputError.of(N_("unknown encoding '%(encoding)s'"), file=path.name, encoding=enc) from None
    raw = open(path, "rb")  # noqa: SIM115 - closed by the reader
    text = io.TextIOWrapper(raw, encoding=enc, errors="reckon-escape", newline="")
    return text, raw.tell, enc, note


class _BadBytes:
    """Finds rows holding bytes the file's encoding cannot decode, and their byte offsets.

    The text stream decodes with the ``reckon-escape`` handler, which keeps each such byte as one
    escape character and counts it (:data:`~reckon.ingest.encoding.ESCAPES`). Rows are only searched
    once that count has moved since the file was opened, so a clean file costs one integer compare a
    row. The byte offsets are found (once, by a second pass over the bytes) only for a file that has
    some: the n-th escape character met in row order is the n-th undecodable byte of the file.
    """

    def __init__(self, path: Path, enc: str) -> None:
        self.path, self.enc = path, enc
        self.start = ESCAPES[0]
        self.met = 0
        self._offsets: list[int] | None = None

    def problem(self, values: Any) -> str | None:
        if ESCAPES[0] == self.start:
            return None
        found = has_escaped(values)
        if not found:
            return None
        if self._offsets is None:
            self._offsets = bad_byte_offsets(self.path, self.enc)
        first = self._offsets[self.met] if self.met < len(self._offsets) else None
        self.met += found
        where = f" at byte offset {first}" if first is not None else ""
        return (f"bytes that are not valid {self.enc}{where}; the rest of the file was read as {self.enc}. "
                "Fix those bytes, or pass --encoding if the whole file is in another encoding")


def short_row(cells: int, width: int) -> str:
    """The warning for a row of fewer cells than the header: kept (its last fields empty), but said, since
    a row that lost cells usually lost them to a broken line or a missing delimiter."""
    return SHORT_ROW % {"missing": width - cells, "cells": cells, "width": width}


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
    text, pos, enc, note = _text_stream(path, encoding)
    bad = _BadBytes(path, enc)
    head = text.read(64 * 1024)
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
    # the csv module's cell limit is one setting for the whole process, and other libraries set it on
    # import (followthemoney does): set ours each time a reader is made
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        text.close()
        raise InputError.of(N_("the header row cannot be read as CSV: %(problem)s"), file=path.name, row=1,
                           problem=str(exc)) from None
    if not header or not any(h.strip() for h in header):
        text.close()
        raise InputError.of(N_("no header row; the first line must name the columns"), file=path.name, row=1)
    try:
        headers = clean_headers(header, path)
    except InputError:
        text.close()
        raise
    first_row = 3 if skip_sep_line else 2

    def rows() -> Iterator[SourceRow]:
        width = len(headers)
        number = first_row - 1
        try:
            for cells in reader:
                number += 1
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # blank line
                problem = bad.problem(cells)
                if len(cells) == width:
                    yield SourceRow(number, dict(zip(headers, cells, strict=True)), problem)
                elif len(cells) < width:
                    yield SourceRow(number, dict(zip(headers, cells + [""] * (width - len(cells)),
                                                     strict=True)), problem, short_row(len(cells), width))
                else:
                    if len(cells) > MAX_COLUMNS:
                        raise InputError(f"{len(cells):,} cells, more than the {MAX_COLUMNS:,} a list may have",
                                         file=path.name, row=number)
                    values = dict(zip(headers, cells[:width], strict=True))
                    for i, extra in enumerate(cells[width:], start=width + 1):
                        values[f"column_{i}"] = extra
                    yield SourceRow(number, values, problem or
                                    LONG_ROW % {"cells": len(cells), "width": width})
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise InputError.of(N_("a cell longer than %(n)s characters; check the quoting"), n=MAX_FIELD_CHARS,
                                     file=path.name, row=number + 1) from None
            raise InputError.of(N_("cannot be read as CSV: %(problem)s"), file=path.name, row=number + 1,
                               problem=str(exc)) from None
        finally:
            text.close()

    return TableReader(path=path, format="csv", headers=headers, encoding=enc, delimiter=delimiter,
                       size=path.stat().st_size, encoding_note=note, _rows=rows(), _pos=pos, _close=text.close)


def _keep_every_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object with every member: a repeated key gets ``_2``, ``_3`` as repeated headers do."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    names = clean_headers([k for k, _v in pairs])
    return dict(zip(names, (v for _k, v in pairs), strict=True))


def _too_deep(path: Path, row: int) -> InputError:
    return InputError(f"a value nested more than {MAX_JSON_DEPTH} levels deep; a list row must be flat",
                      file=path.name, row=row)


def _loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_keep_every_key)


def _open_ndjson(path: Path, encoding: str | None) -> TableReader:
    text, pos, enc, note = _text_stream(path, encoding)
    bad = _BadBytes(path, enc)
    # Headers: the keys of the first object (later objects may add keys; all are kept in the raw row).
    headers: list[str] = []
    try:
        for line in text:
            line = line.strip()
            if line:
                first = _loads(line)
                if isinstance(first, dict):
                    headers = [str(k) for k in first]
                break
    except (json.JSONDecodeError, RecursionError):
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
                    obj = _loads(stripped)
                    if not isinstance(obj, dict):
                        raise InputError(f"line {number} holds a JSON {type(obj).__name__}, not an object; "
                                         "each line must be one object", file=path.name, row=number)
                    values = {str(k): scalar(v) for k, v in obj.items()}
                except json.JSONDecodeError as exc:
                    if has_escaped(stripped):  # broken by undecodable bytes: that line only is quarantined
                        values = {"line": stripped}
                        yield SourceRow(number, values, bad.problem(values))
                        continue
                    raise InputError(f"line {number} is not valid JSON ({exc.msg} at column {exc.colno}); "
                                     "fix or remove that line", file=path.name, row=number) from None
                except (RecursionError, TooDeep):
                    raise _too_deep(path, number) from None
                yield SourceRow(number, values, bad.problem(values))
        finally:
            text.close()

    return TableReader(path=path, format="ndjson", headers=headers, encoding=enc, encoding_note=note,
                       size=path.stat().st_size, _rows=rows(), _pos=pos, _close=text.close)


class _JsonStream:
    """Incremental reader of one big JSON document: objects of an array are decoded one at a time.

    Kept rather than ijson: lists written by Python hold NaN and Infinity, which ijson refuses for the whole
    file, while here the decoder reads them and only their row is quarantined (tests/hostile_files.py).
    """

    def __init__(self, text: io.TextIOBase, path: Path) -> None:
        self.text, self.path = text, path
        self.buf = ""
        self.i = 0
        self.eof = False
        self.consumed = 0  # characters before buf, for error positions
        self.decoder = json.JSONDecoder(object_pairs_hook=_keep_every_key)

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
            except RecursionError:
                raise self.error(f"nested more than {MAX_JSON_DEPTH} levels deep") from None
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
    text, pos, enc, note = _text_stream(path, encoding)
    bad = _BadBytes(path, enc)
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

    # Headers: keys of the first object, read ahead and replayed.
    first: Any = None
    try:
        if stream.peek() != "]":
            first = stream.value()
    except InputError as exc:
        text.close()
        raise InputError(f"item 1: {exc}", file=path.name, row=1) from None
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
                try:
                    values = {str(k): scalar(v) for k, v in obj.items()}
                except TooDeep:
                    raise _too_deep(path, number) from None
                yield SourceRow(number, values, bad.problem(values))
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
        finally:
            text.close()

    reader = TableReader(path=path, format="json", headers=headers, encoding=enc, size=path.stat().st_size,
                         encoding_note=note, _rows=rows(), _pos=pos, _close=text.close)
    reader.sheet = key_used
    return reader
