"""From a list's columns to the register's fields: inferred from headers, or written in a YAML file.

Inference knows header words in English, Russian and Belarusian ("birthday", "дата рождения",
"дата нараджэння" -> birth_date) and then checks the first rows' values: a column whose values mostly do
not parse as its field (a "birthday" column of free text) is left unmapped with a note, instead of sending
every row to quarantine. Unmapped columns are never lost: the raw row keeps every cell.

A YAML mapping names what inference cannot know (a commented example ships as
``reckon/ingest/example_mapping.yaml``)::

    columns:            # source column -> field; "extra.NAME" keeps it in extra; "ignore" skips it
      Прозвішча: surname
      Суддзя: extra.judge
    infer: true         # infer the columns not named above (default)
    dates: {order: dmy, formats: {birth_date: ["%d/%m/%Y"]}}
    values: {sex: {"1": male, "2": female}, status: {"за кратамі": in_custody}}
    lists: {articles: "|;"}
    identity: [id]      # the column(s) that are the source's own id for a row
    read: {encoding: cp1251, delimiter: ";", sheet: Sheet1, json_key: items}

:class:`reckon.ingest.mapper.RowMapper` applies a mapping to rows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from collections.abc import Mapping as TMapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reckon.dates import ORDERS, DateError, parse_partial_date
from reckon.errors import N_, MappingError
from reckon.ingest.fields import (
    FieldError,
    is_blank,
    key,
    normalise_sex,
    normalise_status,
)
from reckon.store.shapes import SEXES, STATUSES

# Bump when parsing of any field changes, so re-imports store the better reading as a new version.
PARSER_VERSION = 1

# What inference tells the reader about the mapping it resolved: stored in English in the import's mapping
# (``MappingSpec.notes``) and said in the reader's language where shown (``said_errors.reason``).
NOTE_UNPARSED = N_("column '%(column)s' looks like %(field)s but only %(good)s of the first %(total)s values parse; "
                   "left unmapped (name it in a mapping file to use it)")
NOTE_ID_REPEATS = N_("column '%(column)s' repeats too often to be a row id; left unmapped")
NOTE_ALSO_LOOKS = N_("column '%(column)s' also looks like %(field)s; the first column is used, this one stays in "
                     "the raw row")
NOTE_NO_NAME = N_("no column holds a name: every row will be quarantined; write a mapping file with columns: "
                  "{YOUR_NAME_COLUMN: full_name}")
NOTE_NO_ID = N_("no id column: rows are matched across re-imports by row number")
MAPPING_NOTES = (NOTE_UNPARSED, NOTE_ID_REPEATS, NOTE_ALSO_LOOKS, NOTE_NO_NAME, NOTE_NO_ID)

# Register fields and how their values are read. "first": the first non-blank mapped column wins;
# "join": every non-blank mapped column is kept, joined with the separator.
FIELDS: dict[str, str] = {
    "external_id": "id",
    "full_name": "first",
    "surname": "first",
    "given_name": "first",
    "patronymic": "first",
    "initials": "first",
    "sex": "sex",
    "birth_date": "date",
    "region": "first",
    "locality": "first",
    "detention_date": "date",
    "release_date": "date",
    "status": "status",
    "articles": "articles",
    "sentence": "join",
    "place_of_detention": "join",
}
JOINERS = {"sentence": "; ", "place_of_detention": ", "}
IGNORE = "ignore"

# Header words per field, most specific first (the order ranks two columns mapped to one field).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "record id", "record_id", "person id", "person_id", "uid", "case id", "№", "no",
                    "nr", "#", "number", "номер", "номер дела", "case number", "case no", "нумар справы", "нумар", "ид", "ід", "идентификатор", "код"),
    "full_name": ("full name", "fullname", "name", "person", "full name as written", "фио", "ф и о",
                  "полное имя", "имя фамилия", "фамилия имя отчество", "фамилия имя", "піб",
                  "прозвішча імя імя па бацьку", "прозвішча імя", "поўнае імя", "імя і прозвішча",
                  "name surname", "surname name", "імя прозвішча", "персона", "asoba", "асоба",
                  "имя и фамилия", "latin name", "name latin", "name en", "name (en)"),
    "surname": ("surname", "last name", "lastname", "family name", "family_name", "фамилия", "прозвішча",
                "прозвище"),
    "given_name": ("given name", "first name", "firstname", "forename", "given", "имя", "імя"),
    "patronymic": ("patronymic", "middle name", "middlename", "father's name", "fathers name",
                   "father name", "отчество", "імя па бацьку", "па бацьку", "бацькава імя"),
    "initials": ("initials", "инициалы", "ініцыялы"),
    "sex": ("sex", "gender", "пол", "стать", "стаць", "gender sex"),
    "birth_date": ("birth date", "birth_date", "birthdate", "date of birth", "dob", "birthday", "born",
                   "birth", "year of birth", "birth year", "birthyear", "дата рождения", "год рождения",
                   "рождение", "родился", "дата нараджэння", "год нараджэння", "нарадзіўся", "нараджэнне",
                   "др", "д р"),
    "region": ("region", "oblast", "voblast", "province", "область", "регион", "край", "вобласць", "рэгіён",
               "рэгион", "area"),
    "locality": ("locality", "city", "town", "settlement", "village", "place", "город", "населенный пункт",
                 "населённый пункт", "место жительства", "горад", "населены пункт", "месца жыхарства",
                 "вёска", "деревня", "residence"),
    "detention_date": ("detention date", "detention_date", "date of detention", "arrested", "arrest date",
                       "date of arrest", "detained", "detained on", "date detained", "дата задержания",
                       "задержан", "дата ареста", "арестован", "дата затрымання", "затрыманы",
                       "дата арышту", "event date", "date of event", "дата события", "дата падзеі"),
    "release_date": ("release date", "release_date", "released", "release", "date of release",
                     "released on", "дата освобождения", "освобожден", "дата вызвалення", "вызвалены"),
    "status": ("status", "state", "current status", "статус", "стан", "состояние"),
    "articles": ("articles", "article", "charges", "charge", "criminal code articles", "criminal articles",
                 "статья", "статьи", "статьи ук", "статья ук", "обвинение", "артыкул", "артыкулы",
                 "артыкулы кк", "абвінавачанне", "ст"),
    "sentence": ("sentence", "decision", "penalty", "punishment", "term", "verdict term", "prison term",
                 "arrest", "fine", "приговор", "наказание", "срок", "арест", "штраф", "прысуд", "пакаранне",
                 "тэрмін", "арышт", "штраф руб"),
    "place_of_detention": ("place of detention", "place_of_detention", "prison", "prison title",
                           "prison_title", "prison address", "prison_address", "institution",
                           "penitentiary", "facility", "colony", "detention facility", "address for letters",
                           "место содержания", "место заключения", "учреждение", "колония", "адрес для писем",
                           "месца ўтрымання", "месца зняволення", "установа", "калонія", "адрас для лістоў"),
    # Not register fields, but worth keeping by name in ``extra`` (the raw row holds them anyway).
    "extra.judge": ("judge", "судья", "суддзя"),
    "extra.court": ("court", "суд"),
    "extra.court_date": ("court date", "court_date", "date of court", "дата суда", "дата суду"),
    "extra.verdict_date": ("verdict date", "verdict_date", "date of verdict", "дата приговора",
                           "дата прысуду"),
    "extra.url": ("url", "link", "source url", "ссылка", "спасылка"),
    # Read by reckon.histories (events of a person's history; docs/histories.md).
    "extra.lawyer": ("lawyer", "councel", "counsel", "defence lawyer", "defense lawyer", "адвокат", "защитник",
                     "абаронца", "адвакат"),
    "extra.prosecutor": ("prosecutor", "прокурор", "пракурор", "state prosecutor"),
    "extra.appeal_date": ("appeal date", "appeal_date", "date of appeal", "дата апелляции", "дата апеляцыі"),
    "extra.declaration": ("declaration", "declaration link", "declaration url", "recognition link",
                          "заявление о признании", "заява аб прызнанні"),
    "extra.recognition_date": ("recognition date", "recognition_date", "recognised on", "recognized on",
                               "date of recognition", "declared on", "дата признания", "дата прызнання"),
    "extra.recognised_by": ("recognised by", "recognized by", "recognised_by", "кем признан", "кім прызнаны"),
    "extra.death_date": ("date of death", "death date", "died on", "дата смерти", "дата смерці"),
    "extra.release_how": ("release reason", "release_how", "released how", "how released", "release type",
                          "основание освобождения", "падстава вызвалення"),
}


def header_key(header: str) -> str:
    """Normalise a header for lookup: lower case, no bracketed notes, separators as single spaces."""
    h = key(re.sub(r"\(.*?\)|\[.*?\]|[,;:]", " ", header)).strip(" *")
    return h or key(header)


_LOOKUP: dict[str, tuple[str, int]] = {}
for _field, _words in SYNONYMS.items():
    for _rank, _word in enumerate(_words):
        _LOOKUP.setdefault(header_key(_word), (_field, _rank))


def lookup_header(header: str) -> str | None:
    """The field a header names, if any ("Дата нараджэння" -> "birth_date")."""
    hit = _LOOKUP.get(header_key(header))
    return hit[0] if hit else None


@dataclass
class MappingSpec:
    """A mapping as data: what the dry run shows and each import batch records."""

    columns: dict[str, str] = field(default_factory=dict)
    infer: bool = True
    date_order: str = "dmy"
    date_formats: dict[str, list[str]] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)
    identity: list[str] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)
    origin: str = "inferred"
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def fingerprint(self) -> str:
        """A hash of what changes stored values (not the notes), to tell a re-import with another mapping."""
        d = self.to_dict()
        d.pop("notes", None)
        d.pop("origin", None)
        d["parser_version"] = PARSER_VERSION
        return hashlib.sha256(json.dumps(d, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def fields_to_columns(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for col, target in self.columns.items():
            if target != IGNORE:
                out.setdefault(target, []).append(col)
        return out


_TOP_KEYS = {"columns", "infer", "dates", "values", "lists", "identity", "read"}
_READ_KEYS = {"encoding", "delimiter", "sheet", "json_key", "format"}


def _valid_target(target: str) -> bool:
    return target == IGNORE or target in FIELDS or (target.startswith("extra.") and len(target) > 6)


def _yaml_line(exc: Exception) -> int | None:
    """The line of the mapping file where YAML found its problem (1-based), when it says."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def load_mapping_file(path: str | Path) -> MappingSpec:
    """Read and check a YAML mapping file; every mistake is a MappingError naming the file, the line (YAML) or the key."""
    import yaml

    path = Path(path)
    where = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MappingError.of(N_("the mapping file does not exist; check the path"), file=str(path)) from None
    except yaml.YAMLError as exc:
        raise MappingError.of(N_("not valid YAML: %(problem)s"), file=where,
                            row=_yaml_line(exc), problem=getattr(exc, "problem", None) or type(exc).__name__) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MappingError.of(N_("a mapping file must be a YAML mapping with keys like 'columns:'"), file=where)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise MappingError.of(N_("unknown key(s) %(keys)s; use %(known)s"), file=where,
                            keys=", ".join(sorted(map(str, unknown))), known=", ".join(sorted(_TOP_KEYS)))
    spec = MappingSpec(origin=str(path.name))
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError.of(N_("'columns' must map column names to fields"), file=where, field="columns")
    for col, target in columns.items():
        target = IGNORE if target is None else str(target).strip()
        if not _valid_target(target):
            raise MappingError.of(N_("column '%(column)s' -> '%(target)s' is not a field; use one of %(fields)s, "
                                   "'extra.NAME' or 'ignore'"), file=where, field="columns", column=col,
                                target=target, fields=", ".join(FIELDS))
        spec.columns[str(col)] = target
    spec.infer = bool(data.get("infer", True))
    dates = data.get("dates") or {}
    if not isinstance(dates, dict):
        raise MappingError.of(N_("'dates' must be a mapping (order, formats)"), file=where, field="dates")
    order = str(dates.get("order", "dmy")).lower()
    if order not in ORDERS:
        raise MappingError.of(N_("dates.order must be one of %(orders)s"), file=where, field="dates",
                            orders=", ".join(ORDERS))
    spec.date_order = order
    formats = dates.get("formats") or {}
    if isinstance(formats, str | list):
        formats = {"*": formats}
    for fname, fmts in formats.items():
        if fname != "*" and FIELDS.get(fname) != "date":
            raise MappingError.of(N_("dates.formats.%(name)s is not a date field"), file=where, field="dates",
                                name=fname)
        fmts = [fmts] if isinstance(fmts, str) else list(fmts)
        for fmt in fmts:
            try:
                date(2000, 1, 2).strftime(fmt)
            except ValueError:
                raise MappingError.of(N_("bad date format '%(format)s'"), file=where, field="dates",
                                    format=fmt) from None
        spec.date_formats[fname] = [str(f) for f in fmts]
    values = data.get("values") or {}
    if not isinstance(values, dict):
        raise MappingError.of(N_("'values' must map fields to value maps"), file=where, field="values")
    for fname, vmap in values.items():
        if fname not in FIELDS:
            raise MappingError.of(N_("values.%(name)s is not a field"), file=where, field="values", name=fname)
        if not isinstance(vmap, dict):
            raise MappingError.of(N_("values.%(name)s must map values to values"), file=where, field="values",
                                name=fname)
        allowed = {"sex": SEXES, "status": STATUSES}.get(fname)
        clean: dict[str, Any] = {}
        for k, v in vmap.items():
            v = None if v is None else str(v)
            if allowed and v not in (*allowed, None, "unknown" if fname == "sex" else None):
                raise MappingError.of(N_("values.%(name)s.%(value)s -> '%(target)s'; use one of %(allowed)s"),
                                    file=where, field="values", name=fname, value=k, target=v,
                                    allowed=", ".join(allowed))
            clean[key(str(k))] = v
        spec.values[fname] = clean
    lists = data.get("lists") or {}
    for fname, delims in dict(lists).items():
        if fname != "articles":
            raise MappingError.of(N_("lists.%(name)s: only 'articles' is a list field"), file=where, field="lists",
                                name=fname)
        spec.lists[fname] = str(delims).replace("\\n", "\n").replace("\\t", "\t")
    identity = data.get("identity") or []
    spec.identity = [identity] if isinstance(identity, str) else [str(c) for c in identity]
    read = data.get("read") or {}
    unknown = set(read) - _READ_KEYS
    if unknown:
        raise MappingError.of(N_("read.%(name)s is unknown; use %(known)s"), file=where, field="read",
                            name=sorted(unknown)[0], known=", ".join(sorted(_READ_KEYS)))
    spec.read = {k: str(v) for k, v in read.items()}
    return spec


def _sample_ok(fname: str, values: Sequence[Any], spec: MappingSpec) -> tuple[bool, int, int]:
    """Do most non-blank sample values of a column parse as ``fname``? (ok, good, total)."""
    kind = FIELDS.get(fname)
    filled = [v for v in values if not is_blank(v)]
    if kind not in ("date", "sex", "status") or not filled:
        return True, len(filled), len(filled)
    good = 0
    for v in filled:
        try:
            if kind == "date":
                parse_partial_date(v, spec.date_order, tuple(spec.date_formats.get(fname, ())))
            elif kind == "sex":
                normalise_sex(v, spec.values.get("sex"))
            else:
                normalise_status(v, spec.values.get("status"))
            good += 1
        except (DateError, FieldError):
            pass
    return good * 2 >= len(filled), good, len(filled)


def resolve_mapping(headers: Sequence[str], sample: Iterable[TMapping[str, Any]],
                    spec: MappingSpec | None = None, file: str | None = None) -> MappingSpec:
    """Complete ``spec`` (or a fresh one) for a file with these headers, checking the first rows.

    Columns named in the spec must exist in the file (a MappingError naming both files otherwise). With ``infer`` on, the
    other headers are looked up in :data:`SYNONYMS`; inferred columns whose sample values mostly do not
    parse are dropped with a note.
    """
    spec = spec or MappingSpec()
    resolved = MappingSpec(**{**spec.to_dict(), "columns": {}, "notes": list(spec.notes)})
    header_set = set(headers)
    by_key = {header_key(h): h for h in headers}
    for col, target in spec.columns.items():
        actual = col if col in header_set else by_key.get(header_key(col))
        if actual is None:
            raise MappingError.of(N_("the mapping %(mapping)s names column '%(column)s', which the file does not "
                                   "have; its columns are: %(columns)s"), file=file, field="columns",
                                mapping=spec.origin or "", column=col, columns=", ".join(headers))
        resolved.columns[actual] = target
    for col in spec.identity:
        if col not in header_set and header_key(col) not in by_key:
            raise MappingError.of(N_("the mapping %(mapping)s names identity column '%(column)s', which the file "
                                   "does not have"), file=file, field="identity", mapping=spec.origin or "",
                                column=col)
    resolved.identity = [c if c in header_set else by_key[header_key(c)] for c in spec.identity]
    rows = list(sample)
    if spec.infer:
        ranked: list[tuple[str, int, int, str]] = []
        for pos, h in enumerate(headers):
            if h in resolved.columns:
                continue
            hit = _LOOKUP.get(header_key(h))
            if hit:
                ranked.append((hit[0], hit[1], pos, h))
        for fname, _rank, _pos, h in sorted(ranked):
            ok, good, total = _sample_ok(fname, [r.get(h) for r in rows], resolved)
            if not ok:
                resolved.notes.append(NOTE_UNPARSED % {"column": h, "field": fname, "good": good, "total": total})
                continue
            # An id column must be unique-ish to serve as the source's id; a mostly repeated one is not.
            if FIELDS.get(fname) == "id":
                vals = [str(r.get(h)) for r in rows if not is_blank(r.get(h))]
                if vals and len(set(vals)) * 2 < len(vals):
                    resolved.notes.append(NOTE_ID_REPEATS % {"column": h})
                    continue
            if FIELDS.get(fname) in ("id", "sex", "date", "status", "articles") and fname in \
                    resolved.fields_to_columns():
                resolved.notes.append(NOTE_ALSO_LOOKS % {"column": h, "field": fname})
                continue
            resolved.columns[h] = fname
    mapped = resolved.fields_to_columns()
    if not any(f in mapped for f in ("full_name", "surname", "given_name")):
        resolved.notes.append(NOTE_NO_NAME)
    if "external_id" not in mapped and not resolved.identity:
        resolved.notes.append(NOTE_NO_ID)
    resolved.columns = {h: resolved.columns.get(h, IGNORE) for h in headers}
    return resolved
