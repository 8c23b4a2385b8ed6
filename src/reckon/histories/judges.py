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

from collections import Counter, defaultdict
from typing import Any

from reckon.errors import N_, InputError
from reckon.histories.intervals import iso
from reckon.histories.judge_groups import (  # noqa: F401  (split_judges: the CLI and tests import it from here)
    _group,
    _judges,
    _label,
    _verdicts,
    split_judges,
)
from reckon.link.service import database_url
from reckon.places import district_label, region_label, resolve
from reckon.store.db import session_scope

CUSTODIAL = ("colony", "prison")   # kinds whose term is imprisonment (arrest days are counted apart)
JUDGE_COLUMNS = ["judge", "spellings", "cases", "criminal", "administrative", "persons", "imprisonment_years", "arrest_days",
                 "fines", "courts", "first", "last", "sanctioned_by", "official_id"]
COURT_COLUMNS = ["court", "region", "district", "cases", "criminal", "administrative", "persons",
                 "imprisonment_years", "arrest_days", "fines", "judges", "first", "last"]


def _ensure_fresh(url: str) -> None:
    from reckon.histories.service import ensure_fresh

    ensure_fresh(url)


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
        raise InputError.of(N_("no verdict names a judge with the key %(key)r; `reckon judges` lists them"),
                            key=key[:80])
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
        raise InputError.of(N_("no verdict names a court with the key %(key)r; `reckon courts` lists them"),
                            key=key[:80])
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
