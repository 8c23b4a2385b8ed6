"""Sanctions and officials lists as CSV: headers inferred, or named in a YAML mapping.

A file with columns such as ``id,name,birth_date,position,jurisdiction,program,measure,listing_date`` needs
no mapping; neither does the EU list's layout (``record_id``, ``name_be_latn`` ... ``name_ru_cyrl``,
``birth_date``, ``gender``, ``position``, ``listing_date``, ``measure``, ``program``). Every column whose
header is a name (``name``, ``name_*``, ``full_name``, ``фио``, ...) is a spelling of the same person unless
``--name-column`` picks some. Rows sharing an id are one official (one row per measure or programme is
common). A mapping file can name columns, add defaults for what a list leaves implicit (its jurisdiction,
programme, authority) and set the separator of multi-valued cells::

    columns:
      id: Ref
      name: [Name 6, Name 1]
      birth_date: DOB
    defaults:
      jurisdiction: GB
      programme: GB-BLR
      authority: OFSI
    separator: ";"

The file's encoding is detected (UTF-8 with or without BOM, UTF-16, cp1251) with the register's detector.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reckon.dates import parse_date
from reckon.errors import N_, ConfigError
from reckon.ingest.fields import key as _key
from reckon.ingest.mapping import lookup_header
from reckon.ingest.readers import open_table
from reckon.sanctions import vocab
from reckon.sanctions.bundle import LineIssue, OfficialData, PositionData, SanctionData
from reckon.sanctions.lines import (  # noqa: F401 - LINE_MESSAGES: where callers and tests found it
    BIRTH_ALTERNATIVES,
    BIRTH_UNREADABLE,
    JURISDICTION_UNKNOWN,
    LINE_MESSAGES,
    NO_NAME_IN,
)

FIELDS = ("id", "name", "surname", "given_name", "patronymic", "alias", "birth_date", "birth_place", "sex",
          "position", "agency", "jurisdiction", "programme", "measure", "authority", "listing_date",
          "start_date", "end_date", "reason", "source_document", "status")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "record id", "entity id", "uid", "ref", "reference", "list id", "group id", "number", "no",
           "№", "identifier", "ид", "ідэнтыфікатар", "номер"),
    "name": ("name", "full name", "fullname", "person", "official", "target", "фио", "ф и о",
             "прозвішча імя імя па бацьку", "фамилия имя отчество", "name 6"),
    "alias": ("alias", "aliases", "aka", "other names", "псевдоним"),
    "birth_date": ("birth date", "birthdate", "date of birth", "dob", "born", "дата рождения",
                   "дата нараджэння", "birth"),
    "birth_place": ("birth place", "place of birth", "birthplace", "pob", "место рождения",
                    "месца нараджэння"),
    "sex": ("sex", "gender", "пол", "пол м ж"),
    "position": ("position", "positions", "title", "role", "function", "post", "должность", "пасада",
                 "occupation"),
    "agency": ("agency", "organisation", "organization", "body", "institution", "court", "орган", "суд",
               "ведомство"),
    "jurisdiction": ("jurisdiction", "country", "sanctioning country", "state", "страна", "краіна",
                     "юрисдикция"),
    "programme": ("program", "programme", "program id", "programme id", "regime", "sanctions regime",
                  "list", "программа"),
    "measure": ("measure", "measures", "sanction", "sanctions", "sanction type", "provisions", "restriction",
                "мера", "меры"),
    "authority": ("authority", "issuer", "issuing authority", "designating authority", "орган санкций"),
    "listing_date": ("listing date", "date listed", "listed", "listed on", "designation date", "date",
                     "date of listing", "дата включения", "дата ўключэння"),
    "start_date": ("start date", "effective date", "in force from", "date of effect"),
    "end_date": ("end date", "delisting date", "date delisted", "expiry", "expires", "until"),
    "reason": ("reason", "reasons", "grounds", "statement of reasons", "justification", "основания",
               "падставы"),
    "source_document": ("source", "source url", "source document", "document", "url", "link", "legal act",
                        "regulation", "источник", "крыніца"),
    "status": ("status", "статус"),
}


_LOOKUP = {_key(s): canon for canon, syns in SYNONYMS.items() for s in syns}
_NAME_HEADER = re.compile(r"^(name|full name|фио)\b")
NAME_PARTS = ("surname", "given_name", "patronymic")
_YEARS = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")   # a year written in a birth date cell
# what the register's header vocabulary (reckon.ingest.mapping) calls the fields sanctions lists share
_REGISTER_FIELDS = {"full_name": "name", "external_id": "id", "birth_date": "birth_date", "sex": "sex",
                    "surname": "surname", "given_name": "given_name", "patronymic": "patronymic"}


def _register_lookup(header: str) -> str | None:
    """The register's header recognition (English, Russian, Belarusian), for the fields lists share."""
    return _REGISTER_FIELDS.get(lookup_header(header) or "")


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Headers and (row number, cells) of a list file, through the register's streaming readers (CSV/TSV
    in any delimiter and encoding, XLSX, XLS, JSON)."""
    rows: list[tuple[int, dict[str, str]]] = []
    with open_table(path) as reader:
        headers = [str(h) for h in reader.headers]
        for row in reader:
            cells = {str(k): _text(v) for k, v in row.values.items()}
            rows.append((row.number, cells if any(cells.values()) else {}))
    return headers, rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def load_mapping(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError.of(N_("mapping %(file)s: cannot be read as YAML (%(problem)s)"), file=str(path),
                             problem=str(exc)) from None
    if not isinstance(data, dict):
        raise ConfigError.of(N_("mapping %(file)s: expected keys 'columns', 'defaults', 'separator'"), file=str(path))
    unknown = set(data) - {"columns", "defaults", "separator", "date_order"}
    if unknown:
        raise ConfigError.of(N_("mapping %(file)s: unknown keys %(keys)s; use columns, defaults, separator"),
                             file=str(path), keys=str(sorted(unknown)))
    for field_name in (data.get("columns") or {}):
        if field_name not in FIELDS:
            raise ConfigError.of(N_("mapping %(file)s: unknown field %(field)r; fields are %(fields)s"),
                                 file=str(path), field=field_name, fields=", ".join(FIELDS))
    for field_name in (data.get("defaults") or {}):
        if field_name not in FIELDS:
            raise ConfigError.of(N_("mapping %(file)s: unknown default %(field)r; fields are %(fields)s"),
                                 file=str(path), field=field_name, fields=", ".join(FIELDS))
    return data


def infer_columns(headers: Sequence[str], mapping: dict[str, Any] | None = None,
                  name_columns: Sequence[str] | None = None) -> dict[str, list[str]]:
    """Which header(s) hold each field. Names may come from several columns; other fields from one."""
    mapping = mapping or {}
    columns: dict[str, list[str]] = {}
    explicit = mapping.get("columns") or {}
    for field_name, cols in explicit.items():
        cols = [cols] if isinstance(cols, str) else list(cols)
        for col in cols:
            if col not in headers:
                raise ConfigError.of(N_("mapping names column %(column)r for %(field)s, but the file has no such "
                                        "column; columns are %(columns)s"), column=col, field=field_name,
                                     columns=", ".join(headers))
        columns[field_name] = cols
    for header in headers:
        k = _key(header)
        canon = _LOOKUP.get(k)
        if canon is None and _NAME_HEADER.match(k):
            canon = "name"
        if canon is None and k.startswith("program"):
            canon = "programme"
        if canon is None:
            canon = _register_lookup(header)
        if canon is None or canon in explicit:
            continue
        if canon in ("name", "alias"):
            columns.setdefault(canon, []).append(header)
        elif canon not in columns:
            columns[canon] = [header]
    if name_columns:
        for col in name_columns:
            if col not in headers:
                raise ConfigError.of(N_("--name-column %(column)r is not a column of the file; columns are "
                                        "%(columns)s"), column=col, columns=", ".join(headers))
        columns["name"] = list(name_columns)
    if not columns.get("name") and not columns.get("surname"):
        raise ConfigError.of(N_("no name column found; name one with --name-column or a mapping (columns are "
                                "%(columns)s)"), columns=", ".join(headers))
    return columns


def _split(value: str, separator: str) -> list[str]:
    return [p.strip() for p in value.split(separator) if p.strip()] if value else []


def read_csv_file(path: Path, mapping: dict[str, Any] | None = None,
                  name_columns: Sequence[str] | None = None) -> tuple[list[OfficialData], list[LineIssue],
                                                                      dict[str, list[str]]]:
    """Officials (with their positions and sanctions) from a CSV list; issues by row number."""
    mapping = mapping or {}
    headers, rows = read_table(path)
    columns = infer_columns(headers, mapping, name_columns)
    defaults = mapping.get("defaults") or {}
    separator = mapping.get("separator") or ";"
    issues: list[LineIssue] = []
    officials: dict[str, OfficialData] = {}

    def get(row: dict[str, str], field_name: str) -> str:
        for col in columns.get(field_name, []):
            if row.get(col):
                return row[col]
        return str(defaults.get(field_name) or "")

    for number, row in rows:
        if not row:
            continue
        names = [row[c] for c in columns.get("name", []) if row.get(c)]
        if not names and columns.get("surname"):  # "Surname Given Patronymic" from separate columns
            composed = " ".join(get(row, part) for part in NAME_PARTS if get(row, part))
            names = [composed] if get(row, "surname") else []
        if not names:
            cols = columns.get("name") or columns.get("surname", [])
            issues.append(LineIssue(number, NO_NAME_IN % {"columns": ", ".join(repr(c) for c in cols)}, field="name"))
            continue
        birth_text = get(row, "birth_date")
        birth = parse_date(birth_text)
        if birth_text and birth is None:
            issues.append(LineIssue(number, BIRTH_UNREADABLE, level="warning",
                                    field="birth_date"))
        elif birth and len(_YEARS.findall(birth_text)) > 1:   # "21.11.1964 / 1965", "1979, 1980 or 1981"
            issues.append(LineIssue(number, BIRTH_ALTERNATIVES % {"stored": birth}, level="warning",
                                    field="birth_date"))
        ext = get(row, "id") or "name-" + hashlib.sha1(
            f"{names[0]}|{birth or ''}".encode()).hexdigest()[:16]
        official = officials.get(ext)
        if official is None:
            official = OfficialData(external_id=ext, names=[], birth_date=birth,
                                    birth_place=get(row, "birth_place") or None,
                                    sex=vocab.sex(get(row, "sex")), raw={"rows": []}, line_number=number,
                                    origin="csv")
            officials[ext] = official
        official.raw["rows"].append(dict(row))
        for name in names:
            if name not in [n for n, _ in official.names]:
                official.names.append((name, "name"))
        for alias in _split(get(row, "alias"), separator):
            if alias not in [n for n, _ in official.names]:
                official.names.append((alias, "alias"))
        agency = get(row, "agency") or None
        for title in _split(get(row, "position"), separator):
            if all(p.title != title for p in official.positions):
                official.positions.append(PositionData(title=title, agency=agency))
        programme = get(row, "programme") or None
        jurisdiction_text = get(row, "jurisdiction")
        jurisdiction = vocab.jurisdiction(jurisdiction_text) if jurisdiction_text else None
        if jurisdiction_text and jurisdiction is None:
            issues.append(LineIssue(number, JURISDICTION_UNKNOWN,
                                    level="warning", field="jurisdiction"))
        jurisdiction = jurisdiction or vocab.programme_jurisdiction(programme)
        measure = vocab.measure(get(row, "measure"))
        listing = get(row, "listing_date")
        if not (jurisdiction or programme or measure or listing or get(row, "authority")):
            continue  # a list of officials without sanctions (e.g. judges and their courts)
        sanction = SanctionData(
            external_id="",
            authority=get(row, "authority") or None,
            jurisdiction=jurisdiction,
            programme=programme,
            measure=measure,
            listing_date=parse_date(listing),
            start_date=parse_date(get(row, "start_date")),
            end_date=parse_date(get(row, "end_date")),
            status=get(row, "status") or None,
            reason=get(row, "reason") or None,
            source_document=get(row, "source_document") or None,
        )
        sanction.reported = bool(sanction.status and "reported" in sanction.status.lower())
        sanction.external_id = f"{ext}/" + hashlib.sha1(
            "|".join(str(x) for x in (sanction.jurisdiction, sanction.programme, sanction.measure,
                                      sanction.listing_date)).encode()).hexdigest()[:12]
        if all(s.external_id != sanction.external_id for s in official.sanctions):
            official.sanctions.append(sanction)
    return list(officials.values()), issues, columns
