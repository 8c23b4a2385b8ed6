"""Judges and courts: who handed down which political sentences, read from the persons' histories.

Every verdict event of every history (:mod:`reckon.histories.derive`) names its judge and court as the
lists wrote them, with a normalised key (``judge_key``/``court_key``). Grouped by key, they give per
judge (or court): the cases (one verdict event = one case of one person), the persons, the kinds of case,
the sentences summed (years of imprisonment, days of administrative arrest, fines per currency), the
courts (or judges), and the first and last verdict date.

Whether a judge is on a sanctions list is asked of the officials register through
:class:`reckon.sanctions.service.OfficialIndex` (reckon's name matcher across scripts), never a matcher of
its own. A name of one word (a surname alone, as administrative lists often give it) is not matched: too
many officials share a surname. Spellings of one judge meet when reckon.names finds the same surname and
given name in them (across scripts), or when the register matches them to the same official (a surname
with initials in one list, the full name in another). A court's district and region come from :func:`reckon.places.resolve`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from reckon.errors import InputError
from reckon.histories.derive import text_key
from reckon.histories.intervals import iso
from reckon.link.service import database_url
from reckon.places import district_label, region_label, resolve
from reckon.store import histories as hs
from reckon.store.db import session_scope

CUSTODIAL = ("colony", "prison")   # kinds whose term is imprisonment (arrest days are counted apart)
JUDGE_COLUMNS = ["judge", "spellings", "cases", "criminal", "administrative", "persons", "imprisonment_years", "arrest_days",
                 "fines", "courts", "first", "last", "sanctioned_by", "official_id"]
COURT_COLUMNS = ["court", "region", "district", "cases", "criminal", "administrative", "persons",
                 "imprisonment_years", "arrest_days", "fines", "judges", "first", "last"]


def _ensure_fresh(url: str) -> None:
    from reckon.histories.service import ensure_fresh

    ensure_fresh(url)


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


def _summary(events: list[dict]) -> dict[str, Any]:
    """Cases, persons and sentences of a group of verdict events."""
    years = 0.0
    arrest = 0
    fines: dict[str, float] = defaultdict(float)
    for e in events:
        s = e["details"].get("sentence") or {}
        # a bare term in a criminal case ("3 years") reads as imprisonment, as the histories read it
        custodial = s.get("kind") in CUSTODIAL or (s.get("kind") == "other" and e["details"].get("case_kind") == "criminal")
        if custodial and not s.get("suspended") and s.get("term_days"):
            years += s["term_days"] / 365
        elif s.get("kind") == "arrest" and s.get("term_days"):
            arrest += s["term_days"]
        if s.get("fine_amount"):
            fines[s.get("fine_currency") or "?"] += float(s["fine_amount"])
    kinds = Counter(e["details"].get("case_kind") for e in events)
    dates = sorted(e["date_lo"] for e in events if e.get("date_lo") is not None)
    return {"cases": len(events), "criminal": kinds.get("criminal", 0), "administrative": kinds.get("admin", 0),
            "persons": len({e["subject_id"] for e in events}), "imprisonment_years": round(years, 1),
            "arrest_days": arrest, "fines": {k: round(v, 2) for k, v in sorted(fines.items())},
            "first": iso(dates[0]) if dates else None, "last": iso(dates[-1]) if dates else None}


def _fines_text(fines: dict[str, float]) -> str:
    return ", ".join(f"{v:g} {k}" for k, v in fines.items())


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


def judges(target: Any, *, min_cases: int = 1) -> list[dict[str, Any]]:
    """One row per judge named in any history, most cases first (see the module docstring)."""
    url = database_url(target)
    _ensure_fresh(url)
    with session_scope(url) as s:
        merged = _judges(s)
    rows = []
    for key, (events, match) in merged.items():
        if len(events) < min_cases:
            continue
        courts = sorted({e["details"]["court"] for e in events if e["details"].get("court")})
        spellings = sorted({e["details"]["judge"] for e in events if e["details"].get("judge")})
        rows.append({"judge": _label(events, "judge"), "key": key, "spellings": spellings, **_summary(events),
                     "courts": courts, "sanctioned_by": (match or {}).get("jurisdictions", []),
                     "official_id": (match or {}).get("official_id"), "official": match})
    rows.sort(key=lambda r: (-r["cases"], r["judge"]))
    return rows


def courts(target: Any, *, min_cases: int = 1) -> list[dict[str, Any]]:
    """One row per court named in any history, with its district and region, most cases first."""
    url = database_url(target)
    _ensure_fresh(url)
    with session_scope(url) as s:
        groups = _group(_verdicts(s), "court")
    rows = []
    for key, events in groups.items():
        if len(events) < min_cases:
            continue
        name = _label(events, "court")
        rows.append({"court": name, "key": key, **_place(name), **_summary(events),
                     "judges": sorted({e["details"]["judge"] for e in events if e["details"].get("judge")})})
    rows.sort(key=lambda r: (-r["cases"], r["court"]))
    return rows


def _place(text: str) -> dict[str, Any]:
    place = resolve(text)
    if place is None:
        return {"region": None, "district": None, "region_code": None, "district_id": None}
    return {"region": region_label(place.region), "district": district_label(place.district) if place.district else None,
            "region_code": place.region, "district_id": place.district}


def _cases(events: list[dict]) -> list[dict[str, Any]]:
    out = []
    for e in sorted(events, key=lambda e: (e.get("date_lo") or 0, e["subject_id"])):
        d = e["details"]
        person = e["subject_id"] if e["subject_id"] > 0 else None
        out.append({"date": e["date"] or (iso(e["date_lo"]) if e.get("date_lo") is not None else None),
                    "person_id": person, "record_id": -e["subject_id"] if person is None else None,
                    "record_ids": e["record_ids"], "case_kind": d.get("case_kind"), "court": d.get("court"),
                    "judge": d.get("judge"), "sentence": d.get("sentence_text"),
                    "term_days": (d.get("sentence") or {}).get("term_days"), "disputed": bool(e["alternatives"])})
    return out


def judge_detail(target: Any, key: str) -> dict[str, Any]:
    """One judge: the summary, the sanctions match, and every case (person, date, court, sentence)."""
    url = database_url(target)
    _ensure_fresh(url)
    with session_scope(url) as s:
        events, match = _judges(s).get(key, ([], None))
    if not events:
        raise InputError(f"no verdict names a judge with the key {key[:80]!r}; `reckon judges` lists them")
    name = _label(events, "judge")
    return {"judge": name, "key": key, **_summary(events), "official": match,
            "spellings": sorted({e["details"]["judge"] for e in events if e["details"].get("judge")}),
            "courts": sorted({e["details"]["court"] for e in events if e["details"].get("court")}),
            "verdicts": _cases(events)}


def court_detail(target: Any, key: str) -> dict[str, Any]:
    """One court: where it is, the summary, its judges and every case."""
    url = database_url(target)
    _ensure_fresh(url)
    with session_scope(url) as s:
        events = _group(_verdicts(s), "court").get(key, [])
    if not events:
        raise InputError(f"no verdict names a court with the key {key[:80]!r}; `reckon courts` lists them")
    name = _label(events, "court")
    return {"court": name, "key": key, **_place(name), **_summary(events),
            "judges": sorted({e["details"]["judge"] for e in events if e["details"].get("judge")}),
            "verdicts": _cases(events)}


def table_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row flattened for table/CSV output (lists joined, fines as text)."""
    out = dict(row)
    out["fines"] = _fines_text(row.get("fines") or {})
    for k in ("courts", "judges", "sanctioned_by", "spellings"):
        if isinstance(out.get(k), list):
            out[k] = "; ".join(out[k])
    return out
