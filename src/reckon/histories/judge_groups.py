"""Which judge (or court) a verdict names, however the lists spell it: the one grouping of judges.

``reckon judges``/``reckon courts`` (:mod:`reckon.histories.judges`) list these groups and ``reckon count
--by judge``/``court`` (:mod:`reckon.histories.service`) counts persons under them, so both name one judge
alike ("Maryna Fiodarava" = "Фёдарава Марына"). Kept apart from the listing so the count can use it
without an import cycle (the listing refreshes histories through the service).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from reckon.histories.derive import text_key
from reckon.store import histories as hs


def _group(events: list[dict], by: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        key = (e.get("details") or {}).get(f"{by}_key")
        if key:
            out[key].append(e)
    return out


def _label(events: list[dict], field: str) -> str:
    """The spelling most events use (ties: the longest, which usually carries the initials)."""
    names = Counter(e["details"][field] for e in events if e["details"].get(field))
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if names else ""


class _Sanctions:
    """The sanctions lists that hold a judge, through the officials register (empty when it is)."""

    def __init__(self, s: Any) -> None:
        from reckon.sanctions.service import OfficialIndex
        from reckon.sanctions.views import list_officials

        self.index = OfficialIndex(s)
        self.officials = {o["id"]: o for o in list_officials(s)} if self.index.names else {}

    def of(self, name: str) -> dict[str, Any] | None:
        words = [w for w in name.replace(".", " ").split() if w]
        if not self.officials or len(words) < 2:
            return None
        oid, score = self.index.find(name)
        if oid is None:
            return None
        o = self.officials[oid]
        return {"official_id": oid, "official": o["name"], "score": round(score, 3),
                "jurisdictions": o["jurisdictions"], "reported_by": o["reported_by"]}


def split_judges(text: str | None) -> list[str]:
    """The judges one cell names: "Alena Testava, Iryna Probnaja" is two (a panel, or two instances).

    A comma separates judges only when every piece is a name of two words or more, so "Testau, A.D." or
    a court written after the judge is never cut into two judges."""
    if not text or not text.strip():
        return []
    pieces = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    if len(pieces) > 1 and all(len(p.replace(".", " ").split()) >= 2 for p in pieces):
        return pieces
    return [text.strip()]


def _verdicts(s: Any) -> list[dict]:
    return hs.events_for(s, kind="verdict")


SAME_JUDGE = 0.95  # reckon.names.compare: surname and given name agree across scripts (not initials alone)


def _judge_groups(events: list[dict]) -> dict[str, list[dict]]:
    """Verdicts per judge, one judge however the lists spell them ("Alena Testava" = "Тэстава Алена").

    Spellings are merged when reckon.names scores them the same person with full given names; a surname
    with initials only ("Тэстава А.") stays apart, since two judges of one court may share both.
    """
    from itertools import combinations

    from reckon.names import compare, skeleton

    by_key: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        for name in split_judges(e["details"].get("judge")):
            by_key[text_key(name)].append({**e, "details": {**e["details"], "judge": name}})
    label = {k: _label(v, "judge") for k, v in by_key.items()}
    parent = {k: k for k in by_key}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Only spellings sharing the skeletons of two words (surname and given name, in either order and
    # script) are compared: a full name analysis per judge would cost more than the whole listing.
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(by_key):
        words = {skeleton(w) for w in re.split(r"[\s.]+", label[k]) if len(w) > 1}
        for pair in combinations(sorted(w for w in words if w), 2):
            blocks[pair].append(k)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if find(a) != find(b) and compare(label[a], label[b]).score >= SAME_JUDGE:
                    ra, rb = sorted((find(a), find(b)), key=lambda k: (-len(by_key[k]), k))
                    parent[rb] = ra
    out: dict[str, list[dict]] = defaultdict(list)
    for k, evs in by_key.items():
        out[find(k)].extend(evs)
    return out


def _judges(s: Any) -> dict[str, tuple[list[dict], dict[str, Any] | None]]:
    """Verdicts and the sanctions match per judge. Spellings the officials register matches to the same
    official are one judge too ("Тэстава А." and "Alena Testava", when both are that official)."""
    sanctions = _Sanctions(s)
    out: dict[str, tuple[list[dict], dict[str, Any] | None]] = {}
    by_official: dict[int, str] = {}
    groups = _judge_groups(_verdicts(s))
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        events = groups[key]
        match = sanctions.of(_label(events, "judge"))
        first = by_official.get(match["official_id"]) if match else None
        if first is not None:
            out[first][0].extend(events)
            continue
        if match:
            by_official[match["official_id"]] = key
        out[key] = (list(events), match)
    return out


def names_of_keys(s: Any, by: str) -> dict[str, list[str]]:
    """Each stored ``judge_key`` (or ``court_key``) to the judges (courts) it is one of, named as
    :func:`judges` (:func:`courts`) names them, so a count by judge merges spellings exactly as the listing
    does ("Maryna Fiodarava" = "Фёдарава Марына"). A cell naming a panel is every judge of it."""
    if by == "court":
        return {key: [_label(events, "court")] for key, events in _group(_verdicts(s), "court").items()}
    out: dict[str, list[str]] = defaultdict(list)
    for events, _match in _judges(s).values():
        name = _label(events, "judge")
        for e in events:
            key = e["details"].get("judge_key")
            if key and name not in out[key]:
                out[key].append(name)
    return dict(out)
