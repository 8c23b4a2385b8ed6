"""From the current records of one person to their history: cases, dated events, and states on any day.

Pure (no database). The rules are those of docs/histories.md:

* Each record that speaks of a case (a detention, articles, a sentence, a verdict, a custody status) is
  one *account* of a case. Accounts of the same kind (administrative when every article is of the Code of
  Administrative Offences or the penalty is arrest or a fine, criminal otherwise) whose dates lie within
  ``CASE_WINDOW`` days of each other are one case; an account with no date joins the latest case of its
  kind. Within a case, sources that give incompatible dates make a *disputed* event: the alternatives are
  kept, the day bounds cover them all, never an average.
* Held: from the detention to the release. With no release known, a custodial sentence ends at its term
  (``Sentence.end_from``, a derived release), an administrative fine or a non-custodial sentence at the
  court date, else the list's status at the list's date bounds it (in custody: still held then; released:
  released by then).
* Political prisoner: held in a criminal case and recognised on or before the day. Recognition: a news
  article's declaration, a declaration link, or presence on a political-prisoner list (dated by
  ``extra.recognition_date``, else the article's date, else the list's date); a documenter's correction
  (``--add-event recognition DATE``) replaces those dates. "np" (status persecuted) never counts as
  recognised.
* Persecuted: from the start of the first case on. Released: a custody ended and none holds on the day.

Each state is two interval sets: days on which it is true whatever the partial dates turn out to be
(sure) and days on which it is true for some reading of them (possible). The difference is what a count
reports as ``undetermined``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from reckon.dates import DateError, parse_partial_date
from reckon.histories.intervals import FIRST, OPEN, Bounds, bounds, complement, intersect, union
from reckon.histories.model import Derived, Event, RecordFacts
from reckon.i18n import N_
from reckon.law import Article, Sentence, parse_articles, parse_sentence
from reckon.places import resolve

__all__ = ["derive", "CASE_WINDOW", "articles_of", "sentence_of", "place_of", "text_key"]

CASE_WINDOW = 60
_KIND_ORDER = {k: i for i, k in enumerate(("detention", "charge", "verdict", "appeal", "recognition", "release",
                                           "death", "wanted", "other"))}
_CUSTODY_STATUSES = ("in_custody", "released", "persecuted", "deceased", "wanted")
_NO_IDS: frozenset[int] = frozenset()


@lru_cache(maxsize=200_000)
def articles_of(text: str) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    reading = parse_articles(text)
    return reading.articles, reading.unparsed


@lru_cache(maxsize=200_000)
def sentence_of(cells: tuple[str, ...]) -> Sentence | None:
    return parse_sentence(*cells) if cells else None


@lru_cache(maxsize=200_000)
def place_of(text: str):
    return resolve(text)


@lru_cache(maxsize=200_000)
def text_key(text: str) -> str:
    """A court's or judge's text as a key: spaces collapsed, quotes and trailing dots dropped."""
    return re.sub(r"\s+", " ", text.replace("«", "").replace("»", "").replace('"', "")).strip(" .,;")[:300]


def _date(value: object) -> str | None:
    if value is None or value == "":
        return None
    return _parsed(value) if isinstance(value, str) else _read(value)


@lru_cache(maxsize=200_000)
def _parsed(text: str) -> str | None:
    return _read(text)


def _read(value: object) -> str | None:
    try:
        return parse_partial_date(value)
    except (DateError, ValueError):
        return None


@dataclass(slots=True)
class _Account:
    """One record's account of a case."""

    rec: RecordFacts
    kind: str                      # "admin" | "criminal"
    anchor: Bounds | None
    articles: tuple[Article, ...]
    unparsed: tuple[str, ...]
    sentence: Sentence | None
    verdict: str | None
    appeal: str | None


@dataclass(slots=True)
class _Case:
    kind: str
    accounts: list[_Account] = field(default_factory=list)
    anchor: Bounds | None = None


@lru_cache(maxsize=50_000)
def _articles_read(texts: tuple[str, ...]) -> tuple[tuple[Article, ...], tuple[Article, ...], tuple[str, ...],
                                                     frozenset[str]]:
    """A record's article cells read once per distinct combination: every article (in order, repeats
    kept), the distinct ones, what did not parse, and the codes."""
    arts: list[Article] = []
    unparsed: list[str] = []
    for text in texts:
        a, u = articles_of(text)
        arts.extend(a)
        unparsed.extend(u)
    return tuple(arts), tuple(dict.fromkeys(arts)), tuple(unparsed), frozenset(a.code for a in arts)


def _account(rec: RecordFacts) -> _Account | None:
    arts, distinct, unparsed, codes = _articles_read(rec.articles)
    sentence = sentence_of(rec.sentence_cells)
    extra = rec.extra
    verdict = _date(extra.get("verdict_date")) or _date(extra.get("court_date"))
    appeal = _date(extra.get("appeal_date"))
    speaks = (rec.detention_date or rec.release_date or arts or sentence or verdict or extra.get("court")
              or extra.get("judge") or rec.status in _CUSTODY_STATUSES)
    if not speaks:
        return None
    if "CC" in codes:
        kind = "criminal"
    elif codes == {"CAO"} or (not codes and sentence is not None and sentence.kind in ("arrest", "fine")):
        kind = "admin"
    else:
        kind = "criminal"
    anchor = bounds(rec.detention_date) or bounds(verdict)
    return _Account(rec, kind, anchor, distinct, unparsed, sentence, verdict, appeal)


def _most_common(values: Iterator[Any]) -> Any:
    """The most frequent value (the first seen among equals), None when there is none: most persons have
    one record, so the counting is skipped when there is nothing to count."""
    got = list(values)
    if len(got) < 2:
        return got[0] if got else None
    first = got[0]
    if all(v == first for v in got):   # the records agree (the usual case): nothing to count
        return first
    seen: dict[Any, int] = {}
    for v in got:
        seen[v] = seen.get(v, 0) + 1
    return max(seen, key=seen.__getitem__)   # max keeps the first of equals, in the order first seen


@lru_cache(maxsize=65_536)
def _year(ordinal: int) -> int:
    return date.fromordinal(ordinal).year


def _near(a: Bounds, b: Bounds) -> bool:
    return a[0] - CASE_WINDOW <= b[1] and b[0] - CASE_WINDOW <= a[1]


def _cases(accounts: list[_Account]) -> list[_Case]:
    if len(accounts) == 1:   # one account, one case (most persons)
        return [_Case(accounts[0].kind, [accounts[0]], accounts[0].anchor)]
    cases: list[_Case] = []
    dated = sorted(((a, a.anchor) for a in accounts if a.anchor is not None), key=lambda x: (x[1][0], x[0].rec.id))
    for acc, anchor in dated:
        for case in cases:
            if (case.kind == acc.kind and case.anchor is not None and _near(case.anchor, anchor)
                    and (acc.rec.source_kind == "manual"   # corrections amend a case, never start one
                         or all(a.rec.source != acc.rec.source for a in case.accounts))):
                case.accounts.append(acc)
                case.anchor = (min(case.anchor[0], anchor[0]), max(case.anchor[1], anchor[1]))
                break
        else:
            cases.append(_Case(acc.kind, [acc], anchor))
    for acc in sorted((a for a in accounts if not a.anchor), key=lambda a: a.rec.id):
        same = [c for c in cases if c.kind == acc.kind]
        if same:
            same[-1].accounts.append(acc)
        else:
            cases.append(_Case(acc.kind, [acc], None))
    return cases


def _merge(values: Sequence[tuple[str | None, int, str]], kind: str, case_no: int | None,
           details: dict | None = None, manual: frozenset[int] = frozenset()) -> Event | None:
    """One event from the dates several records give; incompatible dates make a disputed event.

    A documenter's correction (a record in ``manual``) that gives this date wins: the dates it replaces
    are kept in ``details["corrected"]``, not counted."""
    if len(values) == 1:   # one record gives the date (most events): nothing to reconcile, nothing to correct
        d, rid, fld = values[0]
        b = bounds(d) if d else None
        if b is None:
            return None
        return Event(kind, d, b[0], b[1], case_no, details=details or {}, record_ids=[rid], fields=[fld])
    dated = [(d, r, f, b) for d, r, f in values if d and (b := bounds(d)) is not None]
    if not dated:
        return None
    fixed = [v for v in dated if v[1] in manual] if manual else None
    if fixed and len(fixed) < len(dated):
        details = {**(details or {}), "corrected": {
            "by": sorted({v[1] for v in fixed}),
            "replaced": [{"date": v[0], "record_id": v[1]} for v in dated if v[1] not in manual]}}
        dated = fixed
    if len(dated) == 1:   # one source: nothing to reconcile
        d, rid, fld, (lo, hi) = dated[0]
        return Event(kind, d, lo, hi, case_no, details=details or {}, record_ids=[rid], fields=[fld])
    ids = sorted({v[1] for v in dated})
    fields = sorted({v[2] for v in dated})
    span = {v[0]: v[3] for v in dated}
    distinct = sorted(span, key=len, reverse=True)
    finest = distinct[0]
    if all(finest.startswith(d) for d in distinct):
        lo, hi = span[finest]
        return Event(kind, finest, lo, hi, case_no, details=details or {}, record_ids=ids, fields=fields)
    alts = [{"date": d, "record_ids": sorted({v[1] for v in dated if v[0] == d})} for d in sorted(distinct)]
    return Event(kind, None, min(b[0] for b in span.values()), max(b[1] for b in span.values()), case_no,
                 alternatives=alts, details=details or {}, record_ids=ids, fields=fields)


def _span(e: Event | None) -> Bounds | None:
    """An event's first and last possible day, when it has a date."""
    return None if e is None or e.lo is None or e.hi is None else (e.lo, e.hi)


def _first(accs: list[_Account], key: str) -> Any:
    """The first non-empty ``extra[key]`` of a case's accounts."""
    if len(accs) == 1:
        return accs[0].rec.extra.get(key) or None
    for a in accs:
        v = a.rec.extra.get(key)
        if v:
            return v
    return None


def _list_day(rec: RecordFacts) -> int | None:
    b = bounds(rec.list_date)
    return b[1] if b else None


@lru_cache(maxsize=200_000)
def _add_days(ordinal: int, sentence: Sentence) -> int:
    end = sentence.end_from(date.fromordinal(min(ordinal, date.max.toordinal() - 40_000)))
    return end.toordinal() if end else ordinal


def _case_events(case: _Case, no: int) -> tuple[list[Event], Bounds | None, tuple[int, int], bool]:
    """The events of one case, its start bounds, its end bounds (first day not held) and whether it holds."""
    # corrections first, so that where one account's value is taken (court, judge, place) theirs is
    accs = case.accounts
    if len(accs) > 1 and any(a.rec.source_kind == "manual" for a in accs):
        accs = sorted(accs, key=lambda a: a.rec.source_kind != "manual")
        manual = frozenset(a.rec.id for a in accs if a.rec.source_kind == "manual")
    else:   # one account: a correction alone in its case replaces nothing, so nothing to mark
        manual = _NO_IDS
    # One pass over the accounts gathers what each event reads (most cases have a single account).
    dets: list[tuple[str | None, int, str]] = []
    verdicts: list[tuple[str | None, int, str]] = []
    appeals: list[tuple[str | None, int, str]] = []
    releases: list[tuple[str | None, int, str]] = []
    deaths: list[tuple[str | None, int, str]] = []
    sentences: list[tuple[Sentence, int]] = []
    ids: list[int] = []
    place = sentence_text = None
    for a in accs:
        r = a.rec
        rid = r.id
        ids.append(rid)
        dets.append((r.detention_date, rid, "detention_date"))
        verdicts.append((a.verdict, rid, "verdict_date"))
        appeals.append((a.appeal, rid, "appeal_date"))
        releases.append((r.release_date, rid, "release_date"))
        if r.status == "deceased":
            deaths.append((_date(r.extra.get("death_date")), rid, "death_date"))
        if a.sentence is not None:
            sentences.append((a.sentence, rid))
        if place is None and r.place_of_detention:
            place = r.place_of_detention
        if sentence_text is None and r.sentence_cells:
            sentence_text = "; ".join(r.sentence_cells)
    events: list[Event] = []
    by = _first(accs, "detained_by")
    det = _merge(dets, "detention", no, {k: v for k, v in (("place", place), ("by", by)) if v}, manual)
    if det:
        events.append(det)
    if len(accs) == 1:
        arts = list(accs[0].articles)   # already distinct
        art_ids = ids if arts else []
        unparsed = sorted(set(accs[0].unparsed))
    else:
        arts = list(dict.fromkeys(x for a in accs for x in a.articles))
        art_ids = sorted({a.rec.id for a in accs if a.articles})
        unparsed = sorted({u for a in accs for u in a.unparsed})
    if arts:
        events.append(Event("charge", None, None, None, no, details={
            "articles": [x.key_part for x in arts], "unparsed": unparsed},
            record_ids=list(art_ids), fields=["articles"]))
    court = _first(accs, "court")
    judge = _first(accs, "judge")
    verdict = _merge(verdicts, "verdict", no, manual=manual)
    if verdict or sentences or court or judge:
        details: dict[str, Any] = {}
        if court:
            details["court"] = court
            details["court_key"] = text_key(court)
        if judge:
            details["judge"] = judge
            details["judge_key"] = text_key(judge)
        for key in ("prosecutor", "lawyer"):
            value = _first(accs, key)
            if value is not None:
                details[key] = value
        if sentences:
            details["sentence"] = _sentence_dict(sentences[0][0])
        if sentence_text is not None:
            details["sentence_text"] = sentence_text
        if len(sentences) > 1:
            terms = sorted({s.term_days for s, _ in sentences if s.term_days})
            if len(terms) > 1:
                details["sentence_disputed"] = [
                    {"term_days": t, "record_ids": sorted(r for s, r in sentences if s.term_days == t)} for t in terms]
        if verdict is None:
            verdict = Event("verdict", None, None, None, no, record_ids=sorted(set(ids)), fields=["sentence"])
        verdict.details = {**verdict.details, **details} if verdict.details else details
        events.append(verdict)
    appeal = _merge(appeals, "appeal", no, manual=manual)
    if appeal:
        events.append(appeal)

    verdict_days = _span(verdict)
    start = _span(det) or verdict_days
    # A term with no kind after a detention in a criminal case reads as imprisonment (docs/histories.md).
    custodial = [s for s, _ in sentences if s.custodial or (
        s.kind == "other" and s.term_days and not s.suspended and case.kind == "criminal" and det is not None)]
    holds = det is not None or bool(custodial)
    release = _merge(releases + deaths if deaths else releases, "release", no,
                     {"how": N_("death in custody") if any(d[0] for d in deaths) else (_first(accs, "release_how")
                                                                                   or N_("as written"))}, manual)
    if start is None or not holds:
        if release:
            events.append(release)
        return events, start, (OPEN, OPEN), False
    end: tuple[int, int]   # first day free: earliest and latest possible (inclusive; OPEN: maybe never)
    release_days = _span(release)
    if release is not None and release_days is not None:
        end = release_days
        events.append(release)
    else:
        termed = [s for s in custodial if s.term_days]
        if termed:
            end = (min(_add_days(start[0], s) for s in termed), max(_add_days(start[1], s) for s in termed))
            how = N_("end of term")
        elif verdict_days is not None and (sentences or case.kind == "admin"):
            end = verdict_days   # a fine or a non-custodial sentence: released at the verdict
            how = N_("at the verdict")
        elif case.kind == "admin":
            end = (start[0] + 1, start[1] + 1)   # an administrative detention with no outcome: that day
            how = N_("same day")
        else:
            end = (start[0] + 1, OPEN)
            how = None
        end = _by_status(accs, start, end)
        if end[1] < OPEN:
            events.append(Event("release", None, end[0], end[1], no, derived=True,
                                details={"how": how or N_("before the list's date")},
                                record_ids=sorted(set(ids)), fields=["status"]))
    return events, start, end, True


def _by_status(accs: list[_Account], start: Bounds, end: tuple[int, int]) -> tuple[int, int]:
    """Narrow an inferred end with what each list's status says on the list's date."""
    lo, hi = end
    for a in accs:
        day = _list_day(a.rec)
        if day is None or day < start[0]:
            continue
        if a.rec.status == "in_custody":      # still held on the list's date
            lo = max(lo, day + 1)
            if hi < lo:
                hi = OPEN
        elif a.rec.status in ("released", "deceased") and hi > day:   # "persecuted" (np) says nothing
            lo, hi = min(start[0] + 1, day), day   # free by the list's date, on a day nobody wrote down
    return lo, max(lo, hi)


@lru_cache(maxsize=10_000)
def _sentence_dict(s: Sentence) -> dict:
    return {"kind": s.kind, "regime": s.regime, "years": s.years, "months": s.months, "days": s.days,
            "term_days": s.term_days, "fine_amount": s.fine_amount, "fine_currency": s.fine_currency,
            "suspended": s.suspended}


def _recognition(rec: RecordFacts) -> Event | None:
    if rec.status == "persecuted":
        return None                        # Viasna's "np": persecuted, not recognised
    ex = rec.extra
    if ex.get("declared_political_prisoner"):
        by, when, fld = "news", _date(ex.get("recognition_date")) or _date(ex.get("declared_on")), "declared_on"
    elif ex.get("declaration"):
        by, when, fld = "declaration", _date(ex.get("recognition_date")) or rec.list_date, "list_date"
    elif rec.political_prisoner_list:
        by, when, fld = "list", _date(ex.get("recognition_date")) or rec.list_date, "list_date"
    elif rec.source_kind == "manual" and ex.get("recognition_date"):
        by, when, fld = "manual", _date(ex["recognition_date"]), "recognition_date"   # `--add-event recognition`
    else:
        return None
    b = bounds(when)
    if b is None:
        return None
    return Event("recognition", when, b[0], b[1], details={
        "by": ex.get("recognised_by") or by, "source": rec.source, "link": ex.get("declaration"),
        "dated_by": "recognition_date" if ex.get("recognition_date") else fld},
        record_ids=[rec.id], fields=["recognition_date" if ex.get("recognition_date") else fld])


def _corrected_recognition(recog: list[Event]) -> list[Event]:
    """A documenter's recognition date (``reckon person ID --add-event recognition DATE``) wins over the
    lists' and articles' dates, as a correction of any other event does: they are kept in its
    ``details["corrected"]`` and not counted."""
    manual = [e for e in recog if e.details["by"] == "manual"]
    if not manual or len(manual) == len(recog):
        return recog
    replaced = [{"date": e.date, "record_id": rid} for e in recog if e.details["by"] != "manual"
                for rid in e.record_ids]
    for e in manual:
        e.details["corrected"] = {"by": sorted({rid for m in manual for rid in m.record_ids}), "replaced": replaced}
    return manual


def _other_events(recs: Sequence[RecordFacts]) -> list[Event]:
    out: list[Event] = []
    if not any(r.status in ("deceased", "wanted") for r in recs):   # most subjects: nothing to look for
        return out
    for kind, status in (("death", "deceased"), ("wanted", "wanted")):
        hits = [r for r in recs if r.status == status]
        if hits:
            ev = _merge([(_date(r.extra.get(f"{kind}_date")) or r.list_date, r.id, "status") for r in hits], kind, None)
            if ev:
                ev.details = {"dated_by": "list date" if not hits[0].extra.get(f"{kind}_date") else f"{kind}_date"}
                out.append(ev)
    return out


def _keys(recs: Sequence[RecordFacts], accounts: list[_Account], events: list[Event]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {"source": sorted({r.source for r in recs})}
    sexes = _most_common(r.sex for r in recs if r.sex)
    if sexes is not None:
        keys["sex"] = [sexes]
    keys["article"] = sorted({a.key for acc in accounts for a in acc.articles})
    courts: set[str] = set()
    judges: set[str] = set()
    for e in events:   # one pass over the verdicts for both keys
        if e.kind == "verdict":
            details = e.details
            if details.get("court_key"):
                courts.add(details["court_key"])
            if details.get("judge_key"):
                judges.add(details["judge_key"])
    keys["court"] = sorted(courts)
    keys["judge"] = sorted(judges)
    place = None
    district = None
    for attr in ("region", "locality", "court", "place_of_detention"):
        for r in recs:
            text = r.extra.get("court") if attr == "court" else getattr(r, attr)
            p = place_of(text) if text else None
            if p is None:
                continue
            place = place or p
            if p.district and district is None and p.region == place.region:
                district = p.district
        if place and district:
            break
    if place:
        keys["region"] = [place.region]
        if district:
            keys["district"] = [district]
    return {k: v for k, v in keys.items() if v}


def derive(recs: Sequence[RecordFacts]) -> Derived:
    """The history of the subject these records describe (one person, or one unlinked record)."""
    accounts = [a for a in (_account(r) for r in recs) if a is not None]
    events: list[Event] = []
    held_sure: list[tuple[int, int]] = []
    held_poss: list[tuple[int, int]] = []
    crim_sure: list[tuple[int, int]] = []
    crim_poss: list[tuple[int, int]] = []
    ended_sure: list[tuple[int, int]] = []
    ended_poss: list[tuple[int, int]] = []
    pers_sure: list[tuple[int, int]] = []
    pers_poss: list[tuple[int, int]] = []
    order: list[tuple[int, int, int]] = []   # each event's sort key (undated ones sort with their case's start)
    for no, case in enumerate(_cases(accounts), start=1):
        evs, start, end, holds = _case_events(case, no)
        undated = start[0] if start else OPEN
        for e in evs:
            e.details.setdefault("case_kind", case.kind)
            order.append((e.lo if e.lo is not None else undated, _KIND_ORDER.get(e.kind, 99), e.case_no or 0))
        events.extend(evs)
        if start is None:   # a case nobody dated: persecuted by the list's date at the latest
            days = [d for d in (_list_day(a.rec) for a in case.accounts) if d is not None]
            if days:
                pers_poss.append((FIRST, OPEN))
                pers_sure.append((min(days), OPEN))
            continue
        pers_sure.append((start[1], OPEN))
        pers_poss.append((start[0], OPEN))
        if not holds:
            continue
        certain, maybe = (start[1], end[0]), (start[0], end[1])
        held_sure.append(certain)
        held_poss.append(maybe)
        if case.kind == "criminal":
            crim_sure.append(certain)
            crim_poss.append(maybe)
        if end[1] < OPEN:
            ended_sure.append((end[1], OPEN))
        if end[0] < OPEN:
            ended_poss.append((end[0], OPEN))
    recog = _corrected_recognition([e for e in (_recognition(r) for r in recs) if e is not None])
    events.extend(recog)
    events.extend(_other_events(recs))
    order.extend((e.lo if e.lo is not None else OPEN, _KIND_ORDER.get(e.kind, 99), e.case_no or 0)
                 for e in events[len(order):])
    if len(events) > 1:   # a stable sort of the events by their keys
        events = [events[i] for i in sorted(range(len(events)), key=order.__getitem__)]
    rec_days = [b for b in (_span(e) for e in recog) if b is not None]
    rec_sure = [(min(b[1] for b in rec_days), OPEN)] if rec_days else []
    rec_poss = [(min(b[0] for b in rec_days), OPEN)] if rec_days else []
    hs, hp = union(held_sure), union(held_poss)
    es, ep = union(ended_sure), union(ended_poss)
    sure = {"in_custody": hs, "political_prisoner": intersect(union(crim_sure), union(rec_sure)),
            "persecuted": union(pers_sure), "released": intersect(es, complement(hp))}
    possible = {"in_custody": hp, "political_prisoner": intersect(union(crim_poss), union(rec_poss)),
                "persecuted": union(pers_poss), "released": intersect(ep, complement(hs))}
    births = [b for b in (bounds(r.birth_date) for r in recs) if b]
    birth_year = _most_common(_year(b[0]) for b in births)
    return Derived(events, sure, possible, _keys(recs, accounts, events), birth_year)
