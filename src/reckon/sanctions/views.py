"""Read-only views of officials and sanctions: lists, one official, the matrix, the gaps, exports.

A cell of the matrix says how a jurisdiction stands towards an official:

* ``listed``   an official list in force names them (no end date, or one still ahead);
* ``ended``    official lists named them but every such listing has ended;
* ``reported`` only the news reports a sanction (kept apart: never counted as listed);
* empty        nothing known.

Gaps for XX are the officials listed (in force) by at least one other jurisdiction and not listed by XX.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from reckon.dates import is_past
from reckon.errors import N_, InputError
from reckon.sanctions import vocab
from reckon.sanctions.session import use_session
from reckon.store import sanctions as store
from reckon.store.sanctions import (
    Official,
    OfficialEntity,
    OfficialName,
    OfficialPosition,
    Sanction,
)

OFFICIAL_COLUMNS = ("id", "name", "names", "birth_date", "sex", "positions", "jurisdictions",
                    "reported_by", "sources")
GAP_COLUMNS = ("id", "name", "birth_date", "positions", "sanctioned_by", "reported_by_target")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "source"


class _Data:
    """Everything the views need, loaded with one query per table and grouped by official."""

    def __init__(self, session: Session, official_ids: Sequence[int] | None = None):
        ids = set(official_ids) if official_ids is not None else None
        self.sources = store.sources(session)
        self.officials = [o for o in store.officials(session) if ids is None or o.id in ids]
        wanted = {o.id for o in self.officials}
        self.entities: dict[int, list[OfficialEntity]] = defaultdict(list)
        self.entity_by_id: dict[int, OfficialEntity] = {}
        for e in store.entities(session):
            self.entity_by_id[e.id] = e
            if e.official_id in wanted:
                self.entities[e.official_id].append(e)
        self.names: dict[int, list[OfficialName]] = defaultdict(list)
        for n in store.names_in_order(session):
            if n.official_id in wanted:
                self.names[n.official_id].append(n)
        self.positions: dict[int, list[OfficialPosition]] = defaultdict(list)
        for p in store.positions_in_order(session):
            if p.official_id in wanted:
                self.positions[p.official_id].append(p)
        self.sanctions: dict[int, list[Sanction]] = defaultdict(list)
        for s in store.attached_sanctions(session):
            if s.official_id in wanted:
                self.sanctions[s.official_id].append(s)

    def distinct_names(self, oid: int) -> list[str]:
        out: list[str] = []
        for n in self.names.get(oid, []):
            if n.name not in out:
                out.append(n.name)
        return out

    def position_titles(self, oid: int) -> list[str]:
        out: list[str] = []
        for p in self.positions.get(oid, []):
            label = f"{p.title} ({p.agency})" if p.agency and p.agency not in p.title else p.title
            if label not in out:
                out.append(label)
        return out

    def cells(self, oid: int) -> dict[str, str]:
        state: dict[str, str] = {}
        rank = {"": 0, "reported": 1, "ended": 2, "listed": 3}
        for s in self.sanctions.get(oid, []):
            j = s.jurisdiction or "??"
            value = "reported" if s.reported else ("ended" if is_past(s.end_date) else "listed")
            if rank[value] > rank[state.get(j, "")]:
                state[j] = value
        return state


def list_officials(ws_or_session) -> list[dict[str, Any]]:
    """One row per official: id, names, birth date, positions, jurisdictions that list them."""
    with use_session(ws_or_session) as session:
        data = _Data(session)
        rows = []
        for o in data.officials:
            cells = data.cells(o.id)
            rows.append({
                "id": o.id,
                "name": o.display_name,
                "names": data.distinct_names(o.id),
                "birth_date": o.birth_date,
                "sex": o.sex,
                "positions": data.position_titles(o.id),
                "jurisdictions": sorted(j for j, v in cells.items() if v == "listed"),
                "reported_by": sorted(j for j, v in cells.items() if v == "reported"),
                "sources": sorted({data.sources[e.source_id].name for e in data.entities.get(o.id, [])}),
            })
        return rows


def official_detail(ws_or_session, official_id: int) -> dict[str, Any]:
    """Everything about one official: spellings by source, positions, sanctions by jurisdiction, cases."""
    with use_session(ws_or_session) as session:
        if session.get(Official, official_id) is None:
            raise InputError.of(N_("no official with id %(id)s; `reckon officials` lists them"), id=official_id)
        data = _Data(session, [official_id])
        o = data.officials[0]
        src_of_entity = {e.id: data.sources[e.source_id].name for e in data.entities.get(o.id, [])}
        by_j: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in data.sanctions.get(o.id, []):
            by_j[s.jurisdiction or "??"].append(_sanction_dict(s, data.sources[s.source_id].name))
        cases = []
        for link, record in store.official_cases(session, o.id):
            cases.append({"record_id": record.id, "source": data.sources[record.source_id].name,
                          "external_id": record.external_id, "role": link.role, "field": link.field,
                          "value": link.value, "score": link.score})
        events = [{"id": a.id, "kind": a.kind, "count": a.count, "jurisdiction": a.jurisdiction, "date": a.date,
                   "description": a.description, "source_document": a.source_document}
                  for a in store.accountability_events(session, o.id)]
        return {
            "id": o.id, "name": o.display_name, "birth_date": o.birth_date, "sex": o.sex,
            "names": [{"name": n.name, "kind": n.kind, "script": n.script,
                       "source": src_of_entity.get(n.entity_id)} for n in data.names.get(o.id, [])],
            "entities": [{"entity_id": e.id, "source": data.sources[e.source_id].name,
                          "external_id": e.external_id, "birth_date": e.birth_date}
                         for e in data.entities.get(o.id, [])],
            "positions": [{"title": p.title, "agency": p.agency, "country": p.country,
                           "start_date": p.start_date, "end_date": p.end_date,
                           "source": src_of_entity.get(p.entity_id)} for p in data.positions.get(o.id, [])],
            "sanctions": dict(sorted(by_j.items())),
            "cells": dict(sorted(data.cells(o.id).items())),
            "cases": cases,
            "accountability": events,
        }


def _sanction_dict(s: Sanction, source: str) -> dict[str, Any]:
    return {"id": s.id, "jurisdiction": s.jurisdiction, "authority": s.authority, "programme": s.programme,
            "measure": s.measure, "listing_date": s.listing_date, "start_date": s.start_date,
            "end_date": s.end_date, "status": s.status, "reason": s.reason,
            "source_document": s.source_document, "reported": s.reported, "source": source}


def jurisdictions(ws_or_session) -> list[str]:
    """Every jurisdiction with at least one sanction, EU first, then alphabetical."""
    with use_session(ws_or_session) as session:
        found = store.jurisdictions_used(session)
    return sorted(found, key=lambda j: (j != "EU", j))


def _normalise_jurisdictions(values: Sequence[str] | None) -> list[str] | None:
    if not values:
        return None
    out: list[str] = []
    for value in values:
        for part in (p.strip() for p in re.split(r"[,;]", value)):
            if not part:
                continue
            code = vocab.jurisdiction(part)
            if code is None:
                raise InputError.of(N_("jurisdiction %(jurisdiction)r not recognised; use ISO codes (GB, US, LT) or "
                                       "EU"), jurisdiction=part)
            if code not in out:
                out.append(code)
    return out


def sanctions_matrix(ws_or_session, jurisdictions_wanted: Sequence[str] | None = None,
                     ) -> tuple[list[str], list[dict[str, Any]]]:
    """Officials × jurisdictions: (columns, rows); cells are listed / ended / reported / ''."""
    wanted = _normalise_jurisdictions(jurisdictions_wanted)
    with use_session(ws_or_session) as session:
        cols = wanted or jurisdictions(session)
        data = _Data(session)
        rows = []
        for o in data.officials:
            cells = data.cells(o.id)
            row: dict[str, Any] = {"id": o.id, "name": o.display_name, "birth_date": o.birth_date}
            for j in cols:
                row[j] = cells.get(j, "")
            row["listed_by"] = sum(1 for j in cols if row[j] == "listed")
            rows.append(row)
    return ["id", "name", "birth_date", *cols, "listed_by"], rows


def sanction_gaps(ws_or_session, jurisdiction: str) -> list[dict[str, Any]]:
    """Officials listed by other jurisdictions (in force) but not listed by ``jurisdiction``."""
    target = _normalise_jurisdictions([jurisdiction])
    assert target is not None
    code = target[0]
    with use_session(ws_or_session) as session:
        data = _Data(session)
        rows = []
        for o in data.officials:
            cells = data.cells(o.id)
            if cells.get(code) == "listed":
                continue
            others = sorted(j for j, v in cells.items() if v == "listed" and j != code)
            if not others:
                continue
            rows.append({"id": o.id, "name": o.display_name, "birth_date": o.birth_date,
                         "positions": data.position_titles(o.id), "sanctioned_by": others,
                         "reported_by_target": cells.get(code) == "reported"})
        rows.sort(key=lambda r: (-len(r["sanctioned_by"]), r["id"]))
        return rows


def export_officials(ws_or_session, *, include_reported: bool = True,
                     official_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Officials with everything an FtM export needs, ids stable across workspaces (see ftm.py)."""
    with use_session(ws_or_session) as session:
        data = _Data(session, official_ids)
        out = []
        for o in data.officials:
            ents = data.entities.get(o.id, [])
            if not ents:
                continue
            ids = sorted(_ftm_id(e.external_id, e.origin, data.sources[e.source_id].name) for e in ents)
            names_seen: dict[tuple[str, str], None] = {}
            for n in data.names.get(o.id, []):
                names_seen.setdefault((n.kind, n.name), None)
            kind_rank = {"name": 0, "alias": 1, "weak_alias": 2}
            names = [{"name": name, "kind": kind} for kind, name in
                     sorted(names_seen, key=lambda kn: (kind_rank.get(kn[0], 3), kn[1]))]
            # a name given as primary by one source and as alias by another is kept once, as primary
            primary = {n["name"] for n in names if n["kind"] == "name"}
            names = [n for n in names if n["kind"] == "name" or n["name"] not in primary]
            positions = []
            seen_pos: set[tuple] = set()
            for p in data.positions.get(o.id, []):
                key = (p.title, p.agency, p.country, p.start_date, p.end_date, p.position_key, p.occupancy_key)
                if key not in seen_pos:
                    seen_pos.add(key)
                    positions.append({"title": p.title, "agency": p.agency, "country": p.country,
                                      "start_date": p.start_date, "end_date": p.end_date,
                                      "position_key": p.position_key, "occupancy_key": p.occupancy_key})
            positions.sort(key=lambda p: tuple(str(p[k] or "") for k in
                                               ("title", "agency", "start_date", "end_date", "occupancy_key")))
            sanctions = []
            for s in data.sanctions.get(o.id, []):
                if s.reported and not include_reported:
                    continue
                ent = data.entity_by_id.get(s.entity_id) if s.entity_id else None
                origin = ent.origin if ent is not None else "reported"
                d = _sanction_dict(s, data.sources[s.source_id].name)
                d["ftm_id"] = _ftm_id(s.external_id, origin, data.sources[s.source_id].name)
                sanctions.append(d)
            sanctions.sort(key=lambda s: s["ftm_id"])
            births = sorted((e.birth_date for e in ents if e.birth_date), key=lambda d: (-len(d), d))
            places = [e.birth_place for e in ents if e.birth_place]
            out.append({"id": o.id, "ftm_id": ids[0], "name": o.display_name, "names": names,
                        "birth_date": births[0] if births else None, "birth_place": places[0] if places else None,
                        "sex": o.sex, "positions": positions, "sanctions": sanctions,
                        "jurisdictions": sorted(j for j, v in data.cells(o.id).items() if v == "listed")})
        out.sort(key=lambda r: r["ftm_id"])
        return out


def _ftm_id(external_id: str, origin: str, source: str) -> str:
    if origin == "ftm":
        return external_id
    return f"{slug(source)}-{external_id}".replace("/", "-")


def ftm_lines(ws_or_session, *, include_reported: bool = True,
              official_ids: Sequence[int] | None = None) -> Iterator[str]:
    """The officials as FtM JSON lines (Person, Position, Occupancy, PublicBody, Sanction)."""
    import json

    from reckon.sanctions.ftm import official_entities

    emitted: set[str] = set()
    for official in export_officials(ws_or_session, include_reported=include_reported,
                                     official_ids=official_ids):
        for entity in official_entities(official):
            if entity["id"] in emitted:
                continue
            emitted.add(entity["id"])
            yield json.dumps(entity, ensure_ascii=False, sort_keys=True)
