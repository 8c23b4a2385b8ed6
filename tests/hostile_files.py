"""A seeded generator of hostile list files (CSV, TSV, JSON, NDJSON, XLSX) made of synthetic people.

Each file is a plausible list of made-up people (Faker, Russian and Belarusian-looking names) with one or
two hostile traits: NUL bytes, NaN, overlong names and ids, stray non-UTF-8 bytes in UTF-8 text, formula
cells with no cached value, duplicate headers and JSON keys, odd-length UTF-16, lone surrogates, deeply
nested JSON, a file of a single NUL byte... Used by tests/test_ingest_fuzz.py and by
benchmarks/hostile_imports.py (which counts outcomes over 300 files on SQLite and PostgreSQL).

Every :class:`Hostile` says how many data rows the file holds (``rows``; None when the file is broken
as a whole and must be refused with a clear error) and which names it holds, so a caller can check
that every data row ends as a record or in quarantine and that no name is ever printed.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "tsv", "json", "ndjson", "xlsx")


@dataclass
class Hostile:
    path: Path
    traits: list[str]
    rows: int | None  # data rows in the file; None: the file as a whole is broken (a clear error is right)
    names: list[str] = field(default_factory=list)
    values: int | None = None  # cells holding a value (each must be in a stored raw row after a clean import)


def _people(rng: random.Random, fake: Faker, n: int) -> list[dict[str, object]]:
    out = []
    for i in range(n):
        out.append({"id": str(1000 + i), "ФИО": f"{fake.last_name()} {fake.first_name()} {fake.middle_name()}",
                    "дата рождения": fake.date_of_birth(minimum_age=18, maximum_age=80).strftime("%d.%m.%Y"),
                    "статус": rng.choice(["active", "former", "np"]),
                    "регион": rng.choice(["Minsk", "Brest", "Gomel", "Grodno"])})
    return out


# -- traits on the rows (any format) ---------------------------------------------------------------

def _cell(rng: random.Random, rows: list[dict[str, object]]) -> tuple[dict[str, object], str]:
    row = rng.choice(rows)
    return row, rng.choice(["ФИО", "регион", "статус"])


def nul_in_cell(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = f"{row[col]}\x00x"


def long_name(rng, rows, fmt):
    rng.choice(rows)["ФИО"] = "Ан" * 700


def long_id(rng, rows, fmt):
    rng.choice(rows)["id"] = "9" * 400


def long_region(rng, rows, fmt):
    rng.choice(rows)["регион"] = "Б" * 250


def control_chars(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = f"\x01\x1b[31m{row[col]}\u202e\u200b"


def emoji_and_bidi(rng, rows, fmt):
    rng.choice(rows)["ФИО"] = "Ганна 🙂 Тэст \u200f\u05d0"


def empty_values(rng, rows, fmt):
    row = rng.choice(rows)
    for k in row:
        if k != "id":
            row[k] = ""


def quotes_and_delims(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = f'"{row[col]}";, \t|"'


def newline_in_cell(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = f"{row[col]}\r\nline2\rline3"


def formula_like_text(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = "=HYPERLINK(\"x\")"


def repeated_ids(rng, rows, fmt):
    if len(rows) > 1:
        rows[-1]["id"] = rows[0]["id"]


def nan_value(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = float("nan") if fmt in ("json", "ndjson") else "NaN"


def inf_value(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = float("inf") if fmt in ("json", "ndjson") else "inf"


def odd_types(rng, rows, fmt):
    row = rng.choice(rows)
    if fmt in ("json", "ndjson"):
        row["id"] = 10**30
        row["статус"] = {"nested": [1, {"deep": True}]}
        row["регион"] = None
    else:
        row["id"] = "1e400"


def lone_surrogate_escape(rng, rows, fmt):
    row, col = _cell(rng, rows)
    row[col] = f"{row[col]}\ud800" if fmt in ("json", "ndjson") else f"{row[col]}"


ROW_TRAITS: dict[str, Callable] = {f.__name__: f for f in (
    nul_in_cell, long_name, long_id, long_region, control_chars, emoji_and_bidi, empty_values,
    quotes_and_delims, newline_in_cell, formula_like_text, repeated_ids, nan_value, inf_value, odd_types,
    lone_surrogate_escape)}

# -- traits on the file as written -----------------------------------------------------------------

FILE_TRAITS = ("stray_byte", "cp1251", "crlf", "bom", "duplicate_headers", "ragged", "utf16_odd",
               "utf16_lone_surrogate", "many_columns", "xlsx_formulas", "header_nul", "duplicate_keys",
               "deep_json", "truncated_json", "single_nul", "empty_file", "header_only", "huge_cell")
_TEXT_ONLY = {"stray_byte", "cp1251", "crlf", "bom", "utf16_odd", "utf16_lone_surrogate", "header_nul"}
_BY_FORMAT = {
    "csv": sorted(_TEXT_ONLY | {"duplicate_headers", "ragged", "many_columns", "header_only", "huge_cell",
                                "single_nul", "empty_file"}),
    "json": sorted(_TEXT_ONLY | {"duplicate_keys", "deep_json", "truncated_json", "header_only", "huge_cell",
                                 "single_nul", "empty_file"}),
    "xlsx": ["xlsx_formulas", "xlsx_formulas", "single_nul", "empty_file"],
}
_BY_FORMAT["tsv"] = _BY_FORMAT["csv"]
_BY_FORMAT["ndjson"] = [t for t in _BY_FORMAT["json"] if t != "header_only"]


def _filled(rows: list[dict[str, object]]) -> int:
    """Cells holding a value (not empty, not null): what must all be found again in the store."""
    return sum(1 for r in rows for v in r.values() if v not in ("", None))


def _text_table(rows: list[dict[str, object]], delimiter: str, headers: list[str] | None = None,
                newline: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    heads = headers or list(rows[0])
    w.writerow(heads)
    for r in rows:
        w.writerow([r.get(h, "") for h in list(rows[0])[:len(heads)]] if headers else list(r.values()))
    return buf.getvalue()


def _json_text(rows: list[dict[str, object]], fmt: str) -> str:
    if fmt == "ndjson":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return json.dumps(rows, ensure_ascii=False, indent=1)


def _write_xlsx(path: Path, rows: list[dict[str, object]], formulas: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    heads = list(rows[0])
    ws.append(heads)
    for r in rows:  # a workbook cannot hold control characters: openpyxl refuses them
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else
                   str(v) if isinstance(v, float) else v for v in r.values()])
    if formulas:
        n = len(rows) + 1
        ws.cell(row=n, column=3, value="=TEXT(DATE(1990,1,1),\"dd.mm.yyyy\")")  # mixed row
        ws.append([f"=A{n}&\"1\"", "=B2", "=C2", "=D2", "=E2"])  # a row of only formulas
    wb.save(path)


def generate(folder: Path, n: int, seed: int = 14) -> list[Hostile]:
    """``n`` hostile files in ``folder``, the same for the same seed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    fake = Faker(["ru_RU"])
    fake.seed_instance(seed)
    out: list[Hostile] = []
    for i in range(n):
        out.append(_one(folder, i, rng, fake))
    return out


def _one(folder: Path, i: int, rng: random.Random, fake: Faker) -> Hostile:
    fmt = FORMATS[i % len(FORMATS)]
    rows = _people(rng, fake, rng.randint(1, 25))
    names = [str(r["ФИО"]) for r in rows]  # as generated, before any trait changes one
    traits: list[str] = []
    for _ in range(rng.randint(0, 2)):
        name = rng.choice(list(ROW_TRAITS))
        ROW_TRAITS[name](rng, rows, fmt)
        traits.append(name)
    file_trait = rng.choice(_BY_FORMAT[fmt]) if rng.random() < 0.7 else None
    suffix = {"tsv": "tsv", "ndjson": "ndjson"}.get(fmt, fmt)
    path = folder / f"hostile_{i:03d}.{suffix}"
    n_rows: int | None = len(rows)
    if file_trait:
        traits.append(file_trait)
    if file_trait == "single_nul":
        path.write_bytes(b"\x00")
        return Hostile(path, traits, None, [])
    if file_trait == "empty_file":
        path.write_bytes(b"")
        return Hostile(path, traits, None, [])
    if fmt == "xlsx":
        formulas = file_trait == "xlsx_formulas"
        _write_xlsx(path, rows, formulas)
        values = _filled([{k: (ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
                           for k, v in r.items()} for r in rows]) + (5 if formulas else 0)
        return Hostile(path, traits, n_rows + (1 if formulas else 0), names, values)
    values = _filled(rows)
    if fmt in ("json", "ndjson"):
        text = _json_text(rows, fmt)
        if file_trait == "duplicate_keys":
            values += 1
            text = text.replace('"ФИО": ', '"ФИО": "Ганна Дубль", "ФИО": ', 1)
        elif file_trait == "deep_json":
            deep = "[" * 5000 + "]" * 5000
            text = (text.replace('"регион": ', f'"регион": {deep}, "x": ', 1))
            n_rows = None
        elif file_trait == "truncated_json":
            text = text[: max(1, len(text) * 2 // 3)]
            n_rows = None
        elif file_trait == "header_only" and fmt == "json":
            text, n_rows, names, values = "[]", 0, [], 0
        elif file_trait == "huge_cell":
            text = text.replace('"статус": ', '"big": "' + "ж" * 200_000 + '", "статус": ', 1)
            values += 1
    else:
        delim = "\t" if fmt == "tsv" else rng.choice([",", ";"])
        headers = None
        if file_trait == "duplicate_headers":
            headers = ["id", "ФИО", "ФИО_2", "ФИО", "регион"][: len(rows[0])]
            for r in rows:
                r["ФИО_2"] = "Ганна"
            # rebuild rows in the header's order so every value is written
            rows = [{"id": r["id"], "ФИО": r["ФИО"], "ФИО_2": "Ганна", "ФИО_b": r["ФИО"] + " b",
                     "регион": r["регион"]} for r in rows]
            values = _filled(rows)
            buf = io.StringIO()
            w = csv.writer(buf, delimiter=delim, lineterminator="\n")
            w.writerow(headers)
            for r in rows:
                w.writerow(list(r.values()))
            text = buf.getvalue()
        elif file_trait == "ragged":
            text = _text_table(rows, delim)
            lines = text.split("\n")
            lines[1] = lines[1] + delim + "extra" + delim + "more"
            text = "\n".join(lines)
            values += 2
        elif file_trait == "many_columns":
            heads = list(rows[0]) + [f"c{j}" for j in range(3000)]
            text = delim.join(heads) + "\n" + "".join(
                delim.join([str(v) for v in r.values()] + ["v"] * 3000) + "\n" for r in rows)
            values += 3000 * len(rows)
        elif file_trait == "header_only":
            text, n_rows, names, values = delim.join(rows[0]) + "\n", 0, [], 0
        elif file_trait == "huge_cell":
            values += rows[0]["регион"] in ("", None)
            rows[0]["регион"] = "ж" * 200_000
            text = _text_table(rows, delim)
        else:
            text = _text_table(rows, delim, newline="\r\n" if file_trait == "crlf" else "\n")
    data = _encode(text, file_trait, rng)
    path.write_bytes(data)
    return Hostile(path, traits, n_rows, names, values if n_rows is not None else None)


def _encode(text: str, trait: str | None, rng: random.Random) -> bytes:
    if trait == "cp1251":
        return text.encode("cp1251", errors="replace")
    if trait == "utf16_odd":
        return text.encode("utf-16") + b"\x00"
    if trait == "utf16_lone_surrogate":
        data = text.encode("utf-16-le", errors="surrogatepass")
        cut = len(data) * 3 // 4 // 2 * 2
        return b"\xff\xfe" + data[:cut] + b"\x00\xd8" + data[cut:]
    if trait == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", errors="surrogatepass")
    data = text.encode("utf-8", errors="surrogatepass")
    if trait == "header_nul":
        return data.replace(b"\n", b"\x00\n", 1)
    if trait == "stray_byte":
        # one byte that is not UTF-8, inside a data row (past the header), at a cell boundary
        lines = data.split(b"\n")
        if len(lines) > 2:
            k = rng.randrange(1, len(lines) - 1)
            lines[k] = lines[k][:3] + b"\xff" + lines[k][3:]
        return b"\n".join(lines)
    return data


def run_cli(args: list[str]) -> tuple[int, str, str | None]:
    """Run ``reckon ARGS`` in this process: exit code, everything printed, and the type of an exception
    that escaped the command (None if none did; one that did is what a user sees as a traceback)."""
    from reckon.cli import main

    out = io.StringIO()
    old = sys.argv
    sys.argv = ["reckon", *args]
    code, escaped = 0, None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:  # noqa: BLE001 - counting what escapes is the point
        code, escaped = 1, type(exc).__name__
        out.write(traceback.format_exc())
    finally:
        sys.argv = old
    return code, out.getvalue(), escaped


def stored_rows(url: str, source: str) -> int | None:
    """Records plus quarantined rows written by the latest import into ``source`` (None: no source)."""
    from sqlalchemy import func, select

    from reckon.store.db import get_engine
    from reckon.store.models import ImportBatch, QuarantinedRow, Record, Source

    with get_engine(url).connect() as conn:
        sid = conn.execute(select(Source.id).where(Source.name == source)).scalar()
        if sid is None:
            return None
        imp = conn.execute(select(func.max(ImportBatch.id)).where(ImportBatch.source_id == sid)).scalar()
        recs = conn.execute(select(func.count()).select_from(Record).where(Record.import_id == imp)).scalar()
        quar = conn.execute(select(func.count()).select_from(QuarantinedRow)
                            .where(QuarantinedRow.import_id == imp)).scalar()
        return int(recs) + int(quar)


def stored_values(url: str, source: str) -> int:
    """Cells holding a value in the raw rows (records and quarantine) of the latest import into ``source``."""
    from sqlalchemy import func, select

    from reckon.store.db import get_engine
    from reckon.store.models import ImportBatch, QuarantinedRow, Record, Source
    from reckon.store.rawblocks import raw_rows

    with get_engine(url).connect() as conn:
        sid = conn.execute(select(Source.id).where(Source.name == source)).scalar()
        imp = conn.execute(select(func.max(ImportBatch.id)).where(ImportBatch.source_id == sid)).scalar()
        ids = conn.execute(select(Record.id).where(Record.import_id == imp)).scalars().all()
        raws = [*raw_rows(conn, ids).values(),
                *conn.execute(select(QuarantinedRow.raw).where(QuarantinedRow.import_id == imp)).scalars()]
    return sum(1 for raw in raws for v in (raw or {}).values() if v not in ("", None))
