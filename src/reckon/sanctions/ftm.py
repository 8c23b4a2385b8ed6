"""FollowTheMoney (OpenSanctions) entities in and out: Person, Sanction, Position, Occupancy as JSON lines.

Reading validates every line against the followthemoney model and keeps going: a broken JSON line, an
entity without an id, an unknown schema or a missing required property is reported by line number and
skipped; everything else imports. Nested entities (OpenSanctions' ``targets.nested.json`` style, where a
property holds a whole entity) are flattened first. Organisations (PublicBody, Organization, ...) are read
only for the names of the agencies that positions belong to.

Writing turns stored officials back into the same kinds of entities with stable ids, so an export
imported into another workspace and exported again gives the same file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reckon.dates import parse_date
from reckon.sanctions import lines as told
from reckon.sanctions import vocab
from reckon.sanctions.bundle import LineIssue, OfficialData, PositionData, SanctionData

IMPORTED = ("Person", "Sanction", "Position", "Occupancy")
AGENCY_SCHEMATA = ("Organization", "PublicBody", "LegalEntity", "Company")
REQUIRED = {"Person": ("name",), "Sanction": ("entity",), "Position": ("name",), "Occupancy": ("holder", "post")}


def looks_like_ftm(path: Path) -> bool:
    """True when the first non-blank line is a JSON object with ``schema`` and ``properties``."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                if not line.startswith("{"):
                    return False
                try:
                    data = json.loads(line)
                except ValueError:
                    return '"schema"' in line and '"properties"' in line
                return isinstance(data, dict) and "schema" in data and "properties" in data
    except OSError:
        return False
    return False


def _flatten(data: dict[str, Any], out: list[dict[str, Any]]) -> dict[str, Any]:
    """Replace nested entity dicts inside properties by their ids, collecting them in ``out``.

    In OpenSanctions' nested form a Person carries its sanctions under the reverse property ``sanctions``
    (and occupancies under ``positionOccupancies``) without pointing back; the back reference
    (``Sanction.entity``, ``Occupancy.holder``) is filled in from the parent here."""
    from followthemoney import model

    props = data.get("properties")
    if not isinstance(props, dict):
        return data
    schema = model.get(data.get("schema") or "") if isinstance(data.get("schema"), str) else None
    flat: dict[str, Any] = {}
    for key, values in props.items():
        if not isinstance(values, list):
            values = [values]
        prop = schema.properties.get(key) if schema is not None else None
        reverse = prop.reverse if prop is not None and prop.stub else None
        new_values = []
        for value in values:
            if isinstance(value, dict) and "schema" in value:
                if reverse is not None and data.get("id") and isinstance(value.get("properties"), dict):
                    back = value["properties"].get(reverse.name) or []
                    back = back if isinstance(back, list) else [back]
                    if data["id"] not in back:
                        value = {**value, "properties": {**value["properties"], reverse.name: [*back, data["id"]]}}
                nested = _flatten(value, out)
                out.append(nested)
                if nested.get("id") and reverse is None:
                    new_values.append(nested["id"])
            else:
                new_values.append(value)
        if new_values or reverse is None:
            flat[key] = new_values
    return {**data, "properties": flat}


def read_entities(lines: Iterable[str]) -> tuple[list[tuple[int, dict[str, Any]]], list[LineIssue]]:
    """Parse and validate JSON lines; returns (line number, clean entity dict) pairs and the issues."""
    from followthemoney import model
    from followthemoney.exc import InvalidData

    entities: list[tuple[int, dict[str, Any]]] = []
    issues: list[LineIssue] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except ValueError as exc:
            issues.append(LineIssue(number, told.NOT_JSON % {"problem": exc.msg, "column": exc.colno}))
            continue
        if not isinstance(data, dict):
            issues.append(LineIssue(number, told.NOT_OBJECT))
            continue
        nested: list[dict[str, Any]] = []
        data = _flatten(data, nested)
        for item in [*nested, data]:
            issue = _check(number, item, model, InvalidData)
            if isinstance(issue, LineIssue):
                issues.append(issue)
                continue
            clean, warnings = issue
            issues.extend(warnings)
            if clean is not None:
                entities.append((number, clean))
    return entities, issues


def _check(number: int, data: dict[str, Any], model, invalid_data) -> LineIssue | tuple[dict | None, list]:
    schema_name = data.get("schema")
    if not schema_name or not isinstance(schema_name, str):
        return LineIssue(number, told.NO_SCHEMA, field="schema")
    schema = model.get(schema_name)
    if schema is None:
        return LineIssue(number, told.UNKNOWN_SCHEMA % {"schema": schema_name, "kept": ", ".join(IMPORTED)},
                         field="schema")
    ident = data.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or not str(ident).strip():
        return LineIssue(number, told.NO_ID % {"schema": schema.name}, field="id")
    if not isinstance(data.get("properties", {}), dict):
        return LineIssue(number, told.PROPERTIES_NOT_OBJECT, field="properties")
    if schema.name not in IMPORTED:
        if any(schema.is_a(s) for s in AGENCY_SCHEMATA if model.get(s)):
            names = (data.get("properties") or {}).get("name") or []
            names = [n for n in (names if isinstance(names, list) else [names]) if isinstance(n, str) and n.strip()]
            return {"id": str(data["id"]), "schema": schema.name, "properties": {"name": names[:1]}}, []
        return (None, [LineIssue(number, told.NOT_KEPT % {"schema": schema.name, "kept": ", ".join(IMPORTED)},
                                 level="warning")])
    warnings: list[LineIssue] = []
    props: dict[str, list[str]] = {}
    for key, values in (data.get("properties") or {}).items():
        values = values if isinstance(values, list) else [values]
        kept = [str(v) for v in values if isinstance(v, str | int | float) and not isinstance(v, bool)]
        if len(kept) < len(values):
            warnings.append(LineIssue(number, told.NOT_TEXT % {"schema": schema.name, "property": str(key)[:40]},
                                      level="warning", field=str(key)[:200]))
        props[str(key)] = [v for v in kept if v.strip()]
    try:
        schema.validate({"properties": props})
    except invalid_data as exc:
        errors = (getattr(exc, "errors", None) or {}).get("properties", {})
        for prop, reason in sorted(errors.items()):
            if prop in REQUIRED[schema.name]:
                return LineIssue(number, told.PROPERTY_REFUSED % {"schema": schema.name, "property": prop,
                                                                   "problem": reason}, field=prop)
            warnings.append(LineIssue(number, told.VALUE_DROPPED % {"schema": schema.name, "property": prop},
                                      level="warning", field=prop))
    except Exception as exc:  # noqa: BLE001 - any other refusal is still one bad line, not a failed import
        return LineIssue(number, told.NOT_VALIDATED % {"schema": schema.name, "kind": type(exc).__name__})
    unknown = sorted(k for k in props if k not in schema.properties)
    if unknown:
        shown = ", ".join(k[:40] for k in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        warnings.append(LineIssue(number, told.UNKNOWN_PROPERTIES % {"schema": schema.name, "properties": shown},
                                  level="warning"))
    try:
        proxy = model.get_proxy({"id": str(data["id"]), "schema": schema.name, "properties": props},
                                cleaned=False)
    except Exception as exc:  # followthemoney refusing a value it cannot clean
        return LineIssue(number, told.NOT_READ % {"schema": schema.name, "kind": type(exc).__name__})
    if not proxy.id:  # followthemoney cleaned the id away (blanks, control characters)
        return LineIssue(number, told.NO_USABLE_ID % {"schema": schema.name}, field="id")
    for prop in REQUIRED[schema.name]:
        if not proxy.get(prop):
            if schema.name == "Person" and prop == "name" and _composed_name(proxy):
                continue
            return LineIssue(number, told.LACKS_PROPERTY % {"schema": schema.name, "property": prop}, field=prop)
    return proxy.to_dict(), warnings


def _composed_name(proxy) -> str | None:
    parts = [proxy.first(p) for p in ("firstName", "fatherName", "middleName", "lastName")]
    name = " ".join(p for p in parts if p)
    return name or None


def _first(props: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in props.get(key, []) or []:
            if value:
                return value
    return None


def to_officials(entities: list[tuple[int, dict[str, Any]]]) -> tuple[list[OfficialData],
                                                                      list[tuple[int, str, SanctionData]],
                                                                      list[LineIssue]]:
    """Group validated entities into officials. Sanctions whose Person is not in this file are returned
    separately as (line, person id, sanction) so the importer can look for the person in the store."""
    persons: dict[str, tuple[int, dict]] = {}
    sanctions: list[tuple[int, dict]] = []
    positions: dict[str, dict] = {}
    occupancies: list[tuple[int, dict]] = []
    agencies: dict[str, str] = {}
    issues: list[LineIssue] = []
    for number, ent in entities:
        schema = ent["schema"]
        if schema == "Person":
            if ent["id"] in persons:
                issues.append(LineIssue(number, told.PERSON_REPEATS, level="warning", field="id"))
            persons[ent["id"]] = (number, ent)
        elif schema == "Sanction":
            sanctions.append((number, ent))
        elif schema == "Position":
            positions[ent["id"]] = ent
        elif schema == "Occupancy":
            occupancies.append((number, ent))
        else:
            name = _first(ent.get("properties", {}), "name")
            if name:
                agencies[ent["id"]] = name

    officials: dict[str, OfficialData] = {}
    for pid, (number, ent) in persons.items():
        props = ent.get("properties", {})
        names: list[tuple[str, str]] = []
        for kind, key in (("name", "name"), ("alias", "alias"), ("alias", "previousName"),
                          ("weak_alias", "weakAlias")):
            for value in props.get(key, []):
                if value and value not in [n for n, _ in names]:
                    names.append((value, kind))
        if not names:
            from followthemoney import model

            composed = _composed_name(model.get_proxy(ent))
            names = [(composed, "name")] if composed else []
        birth_dates = sorted(props.get("birthDate", []), key=lambda d: (-len(d), d))
        official = OfficialData(
            external_id=pid, names=names, birth_date=birth_dates[0] if birth_dates else None,
            birth_place=_first(props, "birthPlace"), sex=vocab.sex(_first(props, "gender")),
            raw=ent, line_number=number, origin="ftm",
        )
        for title in props.get("position", []):
            official.positions.append(PositionData(title=title))
        officials[pid] = official

    for number, occ in occupancies:
        props = occ.get("properties", {})
        holder, post = _first(props, "holder"), _first(props, "post")
        if holder not in officials:
            issues.append(LineIssue(number, told.NO_HOLDER, field="holder"))
            continue
        pos = positions.get(post or "")
        if pos is None:
            issues.append(LineIssue(number, told.NO_POST, field="post"))
            continue
        pprops = pos.get("properties", {})
        org = _first(pprops, "organization")
        officials[holder].positions.append(PositionData(
            title=_first(pprops, "name") or "",
            agency=agencies.get(org or "", None) or (org if org and org not in agencies else None),
            country=vocab.jurisdiction(_first(pprops, "country")),
            start_date=parse_date(_first(props, "startDate", "periodStart")),
            end_date=parse_date(_first(props, "endDate", "periodEnd")),
            position_key=pos["id"], occupancy_key=occ["id"],
        ))

    orphans: list[tuple[int, str, SanctionData]] = []
    for number, ent in sanctions:
        props = ent.get("properties", {})
        target = _first(props, "entity") or ""
        sanction = sanction_from_props(ent["id"], props, raw=ent)
        if target in officials:
            officials[target].sanctions.append(sanction)
        else:
            orphans.append((number, target, sanction))
    for official in officials.values():
        official.positions.sort(key=lambda p: (p.start_date or "", p.title, p.occupancy_key or ""))
        official.sanctions.sort(key=lambda s: s.external_id)
    return list(officials.values()), orphans, issues


def sanction_from_props(sid: str, props: dict[str, list[str]], raw: dict | None = None) -> SanctionData:
    programme = _first(props, "programId", "program")
    country = None
    for value in props.get("country", []):
        country = vocab.jurisdiction(value)
        if country:
            break
    status = _first(props, "status")
    return SanctionData(
        external_id=sid,
        authority=_first(props, "authority"),
        jurisdiction=country or vocab.programme_jurisdiction(programme),
        programme=programme,
        measure=vocab.measure(_first(props, "provisions")),
        listing_date=parse_date(_first(props, "listingDate", "date")),
        start_date=parse_date(_first(props, "startDate")),
        end_date=parse_date(_first(props, "endDate")),
        status=status,
        reason=_first(props, "reason", "summary"),
        source_document=_first(props, "sourceUrl", "programUrl"),
        reported=bool(status and "reported" in status.lower()),
        raw=raw or {},
    )


def read_ftm_file(path: Path) -> tuple[list[OfficialData], list[tuple[int, str, SanctionData]], list[LineIssue]]:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        entities, issues = read_entities(fh)
    officials, orphans, more = to_officials(entities)
    return officials, orphans, issues + more


# ---------------------------------------------------------------------------------------------- export

def _key(*parts: Any) -> str:
    blob = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _entity(eid: str, schema: str, props: dict[str, list[str] | str | None]) -> dict[str, Any]:
    clean: dict[str, list[str]] = {}
    for key, values in props.items():
        if values is None:
            continue
        vals = [values] if isinstance(values, str) else [v for v in values if v]
        seen: list[str] = []
        for v in vals:
            if v not in seen:
                seen.append(v)
        if seen:
            clean[key] = seen
    return {"id": eid, "schema": schema, "properties": clean}


def official_entities(official: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """FtM entities for one official as :func:`reckon.sanctions.views.official_export_rows` gives it."""
    pid = official["ftm_id"]
    names = official["names"]
    primary = [n["name"] for n in names if n["kind"] == "name"] or [n["name"] for n in names[:1]]
    person = _entity(pid, "Person", {
        "name": primary,
        "alias": [n["name"] for n in names if n["kind"] == "alias" and n["name"] not in primary],
        "weakAlias": [n["name"] for n in names if n["kind"] == "weak_alias" and n["name"] not in primary],
        "birthDate": official.get("birth_date"),
        "birthPlace": official.get("birth_place"),
        "gender": official.get("sex"),
        "position": sorted({p["title"] for p in official["positions"] if not p.get("position_key")
                            and not p.get("start_date") and not p.get("end_date") and not p.get("agency")}),
    })
    yield person
    for pos in official["positions"]:
        if not (pos.get("position_key") or pos.get("start_date") or pos.get("end_date") or pos.get("agency")):
            continue
        post_id = pos.get("position_key") or "pos-" + _key(pos["title"], pos.get("agency"), pos.get("country"))
        org_id = None
        if pos.get("agency"):
            org_id = "org-" + _key(pos["agency"])
            yield _entity(org_id, "PublicBody", {"name": pos["agency"]})
        yield _entity(post_id, "Position", {
            "name": pos["title"], "organization": org_id,
            "country": pos["country"].lower() if pos.get("country") else None,
        })
        occ_id = pos.get("occupancy_key") or "occ-" + _key(pid, post_id, pos.get("start_date"),
                                                            pos.get("end_date"))
        yield _entity(occ_id, "Occupancy", {
            "holder": pid, "post": post_id, "startDate": pos.get("start_date"), "endDate": pos.get("end_date"),
        })
    for s in official["sanctions"]:
        programme = s.get("programme")
        is_code = bool(programme and vocab.programme_jurisdiction(programme))
        yield _entity(s["ftm_id"], "Sanction", {
            "entity": pid,
            "authority": s.get("authority"),
            "country": s["jurisdiction"].lower() if s.get("jurisdiction") else None,
            "programId": programme if is_code else None,
            "program": programme if not is_code else None,
            "provisions": s.get("measure"),
            "listingDate": s.get("listing_date"),
            "startDate": s.get("start_date"),
            "endDate": s.get("end_date"),
            "status": s.get("status") or ("reported" if s.get("reported") else None),
            "reason": s.get("reason"),
            "sourceUrl": s.get("source_document"),
        })
