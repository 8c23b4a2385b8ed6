"""Matching officials across sources: which listings (entities) describe the same person.

Each pair of entities that share a blocking key (a full birth date, or a name skeleton / search term) is
scored on its names (:mod:`reckon.names.spellings`) and judged with
its birth dates and sex:

=========================  =================  ======================
birth dates                merge when name ≥  review when name ≥
=========================  =================  ======================
same full day (exact)      0.50               0.35
one refines the other      0.70               0.55
one or both unknown        0.90 (3 words)     0.75
different                  never              0.97 (a typo?)
=========================  =================  ======================

Without birth dates, names of fewer than three words (no patronymic) merge only when near-identical
(≥ 0.97). Different sexes never merge. Two entities of the *same* source are never merged by the model (a list
names a person once); such a pair goes to review instead. Clusters form greedily, best pair first, and a
merge that would put two entities of one source into one official is skipped (one-to-one across lists).

Human decisions (:class:`~reckon.store.sanctions.OfficialMatchDecision`, append-only, latest wins) beat the
model on every run: "same" always merges, "different" never does, even through a chain of other pairs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from reckon.dates import relation as date_relation
from reckon.names.spellings import blocking_keys, compare_spellings, given_keys
from reckon.store import sanctions as store
from reckon.store.sanctions import (
    Official,
    OfficialEntity,
    OfficialMatchDecision,
    OfficialMatchPair,
)


@dataclass(frozen=True)
class MatchSettings:
    merge_exact: float = 0.50
    review_exact: float = 0.35
    merge_compatible: float = 0.70
    review_compatible: float = 0.55
    merge_unknown: float = 0.90
    merge_unknown_short: float = 0.97  # the same, for names of fewer than three words
    review_unknown: float = 0.75
    review_conflict: float = 0.97
    max_block: int = 400


@dataclass
class MatchSummary:
    entities: int = 0
    officials: int = 0
    candidate_pairs: int = 0
    merged_pairs: int = 0
    review_pairs: int = 0
    decisions_applied: int = 0
    comparer: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class _Ent:
    id: int
    source_id: int
    official_id: int
    birth_date: str | None
    sex: str | None
    names: list[str]


def judge(name_score: float, birth: str, sex_conflict: bool, same_source: bool,
          settings: MatchSettings = MatchSettings(), name_parts: int = 3) -> tuple[str, str]:
    """The model's verdict on one pair: (status merged|review|rejected, reason)."""
    if sex_conflict:
        return "rejected", "different sex"
    if birth == "unknown" and name_parts < 3 and settings.merge_unknown <= name_score < settings.merge_unknown_short:
        # without a birth date, a name lacking the patronymic is common: only a near-identical one merges
        return "review", f"names {name_score:.2f} on {name_parts} words only, birth dates unknown"
    merge, review = {
        "exact": (settings.merge_exact, settings.review_exact),
        "compatible": (settings.merge_compatible, settings.review_compatible),
        "unknown": (settings.merge_unknown, settings.review_unknown),
        "conflict": (2.0, settings.review_conflict),
    }[birth]
    if name_score >= merge:
        if same_source:
            return "review", f"names {name_score:.2f}, birth dates {birth}, but both from one source"
        return "merged", f"names {name_score:.2f}, birth dates {birth}"
    if name_score >= review:
        return "review", f"names {name_score:.2f}, birth dates {birth}: doubtful"
    return "rejected", f"names {name_score:.2f}, birth dates {birth}"


def _load(session: Session) -> dict[int, _Ent]:
    ents: dict[int, _Ent] = {}
    for eid, source_id, official_id, birth_date, sex in store.entity_rows(session):
        ents[eid] = _Ent(eid, source_id, official_id, birth_date, sex, [])
    for eid, name in store.entity_names(session):
        if eid in ents:
            ents[eid].names.append(name)
    return ents


def latest_decisions(session: Session) -> dict[tuple[int, int], OfficialMatchDecision]:
    latest: dict[tuple[int, int], OfficialMatchDecision] = {}
    for d in store.decisions_in_order(session):
        latest[(d.entity_a, d.entity_b)] = d
    return latest


def _candidates(ents: dict[int, _Ent], settings: MatchSettings) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for e in ents.values():
        keys = blocking_keys(e.names)
        if e.birth_date and len(e.birth_date) == 10:
            keys.add("b:" + e.birth_date)
        if e.birth_date:
            keys.update(f"y:{e.birth_date[:4]}:{g}" for g in given_keys(e.names))
        for k in keys:
            blocks[k].append(e.id)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > settings.max_block:
            continue
        members = sorted(set(members))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b))
    return pairs


class _Clusters:
    """Union-find that refuses merges forbidden by "different" decisions or by one-to-one across sources."""

    def __init__(self, ents: dict[int, _Ent], cannot: dict[int, set[int]]):
        self.parent = {e: e for e in ents}
        self.members = {e: {e} for e in ents}
        self.sources = {e: {ents[e].source_id} for e in ents}
        self.cannot = cannot

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int, *, one_to_one: bool) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if one_to_one and self.sources[ra] & self.sources[rb]:
            return False
        small, large = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        for x in self.members[small]:
            if self.cannot.get(x, set()) & self.members[large]:
                return False
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)
        self.sources[large] |= self.sources.pop(small)
        return True


def rematch(session: Session, settings: MatchSettings | None = None,
            changed: set[int] | None = None) -> MatchSummary:
    """Score candidate pairs, store merged/review pairs, form clusters and give each cluster one official.

    With ``changed`` (the listings an import added or altered), only pairs involving them are scored again;
    the stored verdicts on all other pairs stand, since neither of their listings changed. Clusters are
    always formed anew from every verdict and decision.
    """
    settings = settings or MatchSettings()
    session.flush()
    ents = _load(session)
    summary = MatchSummary(entities=len(ents), comparer="reckon.names")
    decisions = latest_decisions(session)
    pairs = _candidates(ents, settings)
    pairs |= {p for p in decisions if p[0] in ents and p[1] in ents}
    summary.candidate_pairs = len(pairs)

    scored: list[tuple[float, int, int, str]] = []
    existing = store.match_pairs(session)
    keep: set[tuple[int, int]] = set()
    if changed is not None:
        for (a, b), row in existing.items():
            if a in changed or b in changed or a not in ents or b not in ents:
                continue
            keep.add((a, b))
            pairs.discard((a, b))
            if row.status == "merged":
                scored.append((row.score, a, b, row.status))
            elif row.status == "review" and (a, b) not in decisions:
                summary.review_pairs += 1
        pairs = {(a, b) for a, b in pairs if a in changed or b in changed or (a, b) in decisions}
    for a, b in sorted(pairs):
        ea, eb = ents[a], ents[b]
        match = compare_spellings(ea.names, eb.names)
        birth = date_relation(ea.birth_date, eb.birth_date)
        sex_conflict = bool(ea.sex and eb.sex and ea.sex != eb.sex)
        status, reason = judge(match.score, birth, sex_conflict, ea.source_id == eb.source_id, settings,
                               match.parts)
        if status == "rejected" and (a, b) not in decisions:
            continue
        score = match.score + {"exact": 0.3, "compatible": 0.1, "unknown": 0.0, "conflict": -0.3}[birth]
        keep.add((a, b))
        row = existing.get((a, b))
        if row is None:
            row = OfficialMatchPair(entity_a=a, entity_b=b)
            session.add(row)
        row.score, row.name_score, row.birth, row.status, row.reason = (
            round(score, 4), round(match.score, 4), birth, status, reason)
        if status == "merged":
            scored.append((score, a, b, status))
        elif status == "review" and (a, b) not in decisions:
            summary.review_pairs += 1
    for key, row in existing.items():
        if key not in keep:
            session.delete(row)

    cannot: dict[int, set[int]] = defaultdict(set)
    must: list[tuple[int, int]] = []
    for (a, b), d in decisions.items():
        if a not in ents or b not in ents:
            continue
        summary.decisions_applied += 1
        if d.decision == "different":
            cannot[a].add(b)
            cannot[b].add(a)
        elif d.decision == "same":
            must.append((a, b))
    clusters = _Clusters(ents, cannot)
    for a, b in must:
        if not clusters.union(a, b, one_to_one=False):
            summary.notes.append(f"decisions on entities {a} and {b} contradict each other; 'different' kept")
    for _score, a, b, _ in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        decision = decisions.get((a, b))
        if decision is not None and decision.decision == "different":
            continue
        if clusters.union(a, b, one_to_one=True):
            summary.merged_pairs += 1
    _assign_officials(session, ents, clusters)
    summary.officials = store.count_officials(session)
    return summary


def _assign_officials(session: Session, ents: dict[int, _Ent], clusters: _Clusters) -> None:
    groups: dict[int, list[int]] = defaultdict(list)
    for e in ents:
        groups[clusters.find(e)].append(e)
    taken: set[int] = set()
    target: dict[int, int] = {}  # entity -> official
    new_groups: list[list[int]] = []
    for members in sorted(groups.values(), key=lambda m: (-len(m), min(m))):
        votes: dict[int, int] = defaultdict(int)
        for e in members:
            votes[ents[e].official_id] += 1
        choice = next((o for o, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if o not in taken),
                      None)
        if choice is None:
            new_groups.append(members)
            continue
        taken.add(choice)
        for e in members:
            target[e] = choice
    for members in new_groups:
        official = Official()
        session.add(official)
        session.flush()
        taken.add(official.id)
        for e in members:
            target[e] = official.id

    # Where does each old official go? To the official that received most of its entities.
    moved: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for e, off in target.items():
        moved[ents[e].official_id][off] += 1
    remap = {old: max(dest.items(), key=lambda kv: (kv[1], -kv[0]))[0] for old, dest in moved.items()}

    changed = [e for e, off in target.items() if ents[e].official_id != off]
    for e in changed:
        store.move_entity(session, e, target[e])
        ents[e].official_id = target[e]
    live = set(target.values())
    for old, new in remap.items():
        if old == new or old in live:
            continue
        store.move_official_facts(session, old, new)
    orphans = [o for o in store.official_ids(session) if o not in live]
    for old in orphans:
        if old not in remap:  # an official whose entities are all gone: keep what was recorded about it
            if store.has_accountability(session, old):
                live.add(old)
                continue
            store.detach_official(session, old)
        store.drop_official(session, old)
    session.flush()
    refresh_officials(session, live)


def refresh_officials(session: Session, ids: set[int] | None = None) -> None:
    """Recompute each official's display name, birth date and sex from its entities (oldest first)."""
    by_official: dict[int, list[OfficialEntity]] = defaultdict(list)
    for ent in store.entities(session):
        if ids is None or ent.official_id in ids:
            by_official[ent.official_id].append(ent)
    officials = {o.id: o for o in store.officials(session) if o.id in by_official}
    for oid, members in by_official.items():
        official = officials.get(oid)
        if official is None:
            continue
        births = sorted((e.birth_date for e in members if e.birth_date), key=lambda d: (-len(d), d))
        display = members[0].name
        latin = [e.name for e in members if e.name and e.name.isascii()]
        if latin:
            display = latin[0]
        sex = next((e.sex for e in members if e.sex), None)
        if (official.display_name, official.birth_date, official.sex) != (display, births[0] if births else None,
                                                                           sex):
            official.display_name = display[:500] if display else None
            official.birth_date = births[0] if births else None
            official.sex = sex
