"""Writing services of the sanctions stage besides imports: sanctions reported in the news, accountability
events, review decisions on matched officials, and links from register cases to officials.

Each takes a workspace or the caller's session (see :mod:`.session`) and writes an audit entry in the
same transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from typing import Any

from sqlalchemy.orm import Session

from reckon.dates import parse_date
from reckon.decisions import DECISIONS
from reckon.errors import N_, InputError
from reckon.names.spellings import blocking_keys, compare_spellings
from reckon.sanctions import vocab
from reckon.sanctions.lines import JURISDICTION_UNKNOWN
from reckon.sanctions.matching import MatchSummary, latest_decisions, rematch
from reckon.sanctions.session import use_session
from reckon.store import sanctions as store
from reckon.store.audit import audit, default_actor
from reckon.store.imports import get_or_create_source
from reckon.store.rawblocks import raw_of
from reckon.store.sanctions import (
    ACCOUNTABILITY_KINDS,
    AccountabilityEvent,
    Official,
    OfficialCaseLink,
    OfficialEntity,
    OfficialMatchDecision,
    Sanction,
)

ATTACH_THRESHOLD = 0.85  # a reported target is attached to an official only on a clear name match


# ------------------------------------------------------------------------------------------ officials index

class OfficialIndex:
    """Find officials by a name written any way (used for news targets and judges in case records)."""

    def __init__(self, session: Session):
        self.names: dict[int, list[str]] = defaultdict(list)
        for oid, name in store.official_names(session):
            if name not in self.names[oid]:
                self.names[oid].append(name)
        self.blocks: dict[str, set[int]] = defaultdict(set)
        for oid, names in self.names.items():
            for key in blocking_keys(names):
                self.blocks[key].add(oid)

    def find(self, name: str, threshold: float = ATTACH_THRESHOLD) -> tuple[int | None, float]:
        """The one official whose names match ``name`` clearly better than any other, and the score."""
        candidates: set[int] = set()
        for key in blocking_keys([name]):
            candidates |= self.blocks.get(key, set())
        scored = sorted(((compare_spellings([name], self.names[oid]).score, oid) for oid in candidates),
                        reverse=True)
        if not scored or scored[0][0] < threshold:
            return None, scored[0][0] if scored else 0.0
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02:
            return None, scored[0][0]  # two officials fit equally well: leave it to a person
        return scored[0][1], scored[0][0]


# ------------------------------------------------------------------------------------ reported sanctions

def _as_dict(statement: Any) -> dict[str, Any]:
    if isinstance(statement, Mapping):
        return dict(statement)
    if is_dataclass(statement) and not isinstance(statement, type):
        return asdict(statement)
    return {k: getattr(statement, k) for k in dir(statement) if not k.startswith("_")
            and not callable(getattr(statement, k))}


def add_reported_sanctions(ws_or_session, statements: Iterable[Any], *, source: str = "news",
                           document: str | None = None, actor: str | None = None) -> dict[str, int]:
    """Record sanctions that articles *report* (reckon.news' SanctionStatement or dicts with target, role,
    jurisdictions, date, sentence; optionally url, measure, official_id), apart from official lists.

    One reported sanction per statement and jurisdiction, flagged ``reported``; the target is attached to
    an official when the names match clearly, otherwise it waits (official_id null) and is attached after a
    later import. Recording the same statement twice changes nothing.
    """
    summary = {"statements": 0, "recorded": 0, "unchanged": 0, "attached": 0, "unattached": 0,
               "skipped": 0}
    with use_session(ws_or_session) as session:
        src = get_or_create_source(session, source, kind="news", description="sanctions reported in news articles")
        index = OfficialIndex(session)
        ids: list[int] = []
        for statement in statements:
            summary["statements"] += 1
            st = _as_dict(statement)
            target = (st.get("target") or "").strip() or None
            codes = st.get("jurisdictions") or st.get("jurisdiction") or []
            if isinstance(codes, str):
                codes = [codes]
            juris = [vocab.jurisdiction(c) for c in codes]
            juris = [j for j in juris if j]
            if not juris:
                summary["skipped"] += 1
                continue
            official_id = st.get("official_id")
            if official_id is not None and session.get(Official, official_id) is None:
                official_id = None
            if official_id is None and target:
                official_id, _ = index.find(target)
            sentence = (st.get("sentence") or "").strip()
            when = parse_date(st.get("date"))
            url = st.get("url") or st.get("source_url") or document
            for j in juris:
                key = "reported/" + hashlib.sha1(json.dumps(
                    [target, st.get("role"), j, when, sentence], ensure_ascii=False).encode()).hexdigest()[:20]
                row = store.sanction_by_key(session, src.id, key)
                if row is not None:
                    summary["unchanged"] += 1
                    if row.official_id is None and official_id is not None:
                        row.official_id = official_id
                    continue
                raw = {k: v for k, v in st.items() if isinstance(v, str | int | float | list | type(None))}
                row = Sanction(source_id=src.id, external_id=key, official_id=official_id, entity_id=None,
                               target_name=(target or st.get("role") or "")[:1000] or None, jurisdiction=j,
                               measure=vocab.measure(st.get("measure")) if st.get("measure") else None,
                               listing_date=when, status="reported", reason=sentence or None,
                               source_document=(url or None) and str(url)[:1000], reported=True, raw=raw)
                session.add(row)
                session.flush()
                ids.append(row.id)
                summary["recorded"] += 1
                summary["attached" if official_id else "unattached"] += 1
        audit(session, "sanctions.reported", actor=actor, target_type="sanction", target_ids=ids,
              source=source, **{k: v for k, v in summary.items()})
    return summary


def attach_reported(session: Session) -> int:
    """Attach waiting reported sanctions whose target name now matches one official clearly."""
    waiting = store.waiting_reported(session)
    if not waiting:
        return 0
    index = OfficialIndex(session)
    attached = 0
    for row in waiting:
        oid, _ = index.find(row.target_name or "")
        if oid is not None:
            row.official_id = oid
            attached += 1
    session.flush()
    return attached


# ------------------------------------------------------------------------------------------ accountability

def add_accountability_event(ws_or_session, official_id: int, kind: str, *, count: int = 1,
                             jurisdiction: str | None = None, date: str | None = None,
                             description: str | None = None, source_document: str | None = None,
                             actor: str | None = None) -> int:
    """Record an investigation, prosecution or conviction — or that none is reported (kind none_reported,
    count 0: "not a single officer has been prosecuted" is a fact worth keeping)."""
    kind = kind.replace("-", "_").strip().lower()
    if kind not in ACCOUNTABILITY_KINDS:
        raise InputError.of(N_("kind %(kind)r not known; use one of %(kinds)s"), kind=kind,
                            kinds=", ".join(ACCOUNTABILITY_KINDS), field="kind")
    if count < 0:
        raise InputError.of(N_("count cannot be negative"), field="count")
    if kind == "none_reported" and count != 0:
        raise InputError.of(N_("a none_reported event has count 0"), field="count")
    with use_session(ws_or_session) as session:
        if session.get(Official, official_id) is None:
            raise InputError.of(N_("no official with id %(id)s"), id=official_id)
        code = vocab.jurisdiction(jurisdiction) if jurisdiction else None
        if jurisdiction and code is None:
            raise InputError.of(JURISDICTION_UNKNOWN, field="jurisdiction")
        event = AccountabilityEvent(official_id=official_id, kind=kind, count=count, jurisdiction=code,
                                    date=parse_date(date), description=description,
                                    source_document=source_document, actor=actor or default_actor())
        session.add(event)
        session.flush()
        audit(session, "sanctions.accountability", actor=actor, target_type="official",
              target_ids=[official_id], kind=kind, count=count, event_id=event.id)
        return event.id


# ------------------------------------------------------------------------------------------------ review

def review_queue(ws_or_session) -> list[dict[str, Any]]:
    """Pairs of listings the matcher doubts and no person has decided yet, most likely first."""
    with use_session(ws_or_session) as session:
        decided = set(latest_decisions(session))
        pairs = [p for p in store.pairs_to_review(session) if (p.entity_a, p.entity_b) not in decided]
        ents = {e.id: e for e in store.entities(session)}
        sources = {i: s.name for i, s in store.sources(session).items()}
        rows = []
        for p in pairs:
            a, b = ents[p.entity_a], ents[p.entity_b]
            rows.append({"pair": p.id, "entity_a": a.id, "entity_b": b.id, "name_a": a.name, "name_b": b.name,
                         "birth_a": a.birth_date, "birth_b": b.birth_date, "source_a": sources.get(a.source_id),
                         "source_b": sources.get(b.source_id), "official_a": a.official_id,
                         "official_b": b.official_id, "score": p.score, "reason": p.reason})
        return rows


def decide(ws_or_session, entity_a: int, entity_b: int, decision: str, *, note: str | None = None,
           actor: str | None = None) -> MatchSummary:
    """Record a person's decision on two listings (same / different / unsure) and re-form the officials.
    Decisions are never changed or deleted; a later one on the same pair supersedes."""
    if decision not in DECISIONS:
        raise InputError.of(N_("decision must be one of %(decisions)s"), decisions=", ".join(DECISIONS),
                            field="decision")
    if entity_a == entity_b:
        raise InputError.of(N_("a listing cannot be compared with itself"))
    a, b = sorted((entity_a, entity_b))
    with use_session(ws_or_session) as session:
        for e in (a, b):
            if session.get(OfficialEntity, e) is None:
                raise InputError.of(N_("no listing (entity) with id %(id)s; `reckon sanctions review` shows them"),
                                    id=e)
        session.add(OfficialMatchDecision(entity_a=a, entity_b=b, decision=decision, note=note,
                                          actor=actor or default_actor()))
        session.flush()
        summary = rematch(session)
        audit(session, "sanctions.decide", actor=actor, target_type="official_entity", target_ids=[a, b],
              decision=decision)
        return summary


# ------------------------------------------------------------------------------------------------ cases

JUDGE_KEYS = ("judge", "судья", "суддзя", "судзьдзя", "суддя")
ROLE_KEYS = {"prosecutor": ("prosecutor", "прокурор", "пракурор"),
             "investigator": ("investigator", "следователь", "следчы"),
             "official": ("official", "officer", "должностное лицо")}


def _role_of(key: str) -> str | None:
    k = key.lower()
    if any(w in k for w in JUDGE_KEYS):
        return "judge"
    for role, words in ROLE_KEYS.items():
        if any(w in k for w in words):
            return role
    return None


MENTION_THRESHOLD = 0.9  # a name in any other field must match an official's full name closely


def link_cases(ws_or_session, *, threshold: float = 0.8, mentions: bool = True,
               actor: str | None = None) -> dict[str, int]:
    """Best effort: link current register records to officials they name.

    A judge (prosecutor, investigator) field, in the raw row or the mapped extras, links with its role
    when it names one official clearly (surname with initials is enough). With ``mentions``, any other text
    field of two or more words that matches an official's name closely links with role ``named``; the
    record's own person (its full name, surname) is never taken for an official. Re-running adds only what
    is new.
    """
    summary = {"records": 0, "names": 0, "links": 0, "new": 0}
    with use_session(ws_or_session) as session:
        index = OfficialIndex(session)
        if not index.names:
            return summary
        existing = store.case_link_keys(session)
        cache: dict[tuple[str, float], tuple[int | None, float]] = {}
        for record in store.current_records(session):
            summary["records"] += 1
            own = {v.strip().lower() for v in (record.full_name, record.surname) if v}
            fields: list[tuple[str, str]] = []
            raw = raw_of(session, [(record.raw, record.raw_block_id, record.raw_offset)])[0]
            for bag in (record.extra or {}, raw or {}):
                if isinstance(bag, dict):
                    fields.extend((str(k), v.strip()) for k, v in bag.items() if isinstance(v, str) and v.strip())
            seen: set[tuple[str, str]] = set()
            for key, value in fields:
                if (key, value) in seen:
                    continue
                seen.add((key, value))
                role = _role_of(key)
                if role is None:
                    if not mentions or value.lower() in own or len(value) > 200 or len(value.split()) < 2:
                        continue
                    if any(ch.isdigit() for ch in value):
                        continue
                    role, need = "named", MENTION_THRESHOLD
                else:
                    need = threshold
                summary["names"] += 1
                if (value, need) not in cache:
                    cache[(value, need)] = index.find(value, need)
                oid, score = cache[(value, need)]
                if oid is None:
                    continue
                summary["links"] += 1
                if (oid, record.id, role) in existing:
                    continue
                existing.add((oid, record.id, role))
                session.add(OfficialCaseLink(official_id=oid, record_id=record.id, role=role, field=key[:200],
                                             value=value[:1000], score=round(score, 4)))
                summary["new"] += 1
        session.flush()
        audit(session, "sanctions.link_cases", actor=actor, target_type="official_case_link", **summary)
    return summary
