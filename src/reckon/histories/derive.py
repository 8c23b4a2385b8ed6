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
from collections.abc import Sequence
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
    art_keys: tuple[str, ...]      # the articles' keys and keys with part (read once per distinct cells)
    art_parts: tuple[str, ...]


@dataclass(slots=True)
class _Case:
    kind: str
    accounts: list[_Account] = field(default_factory=list)
    anchor: Bounds | None = None


@lru_cache(maxsize=50_000)
def _articles_read(texts: tuple[str, ...]) -> tuple[tuple[Article, ...], tuple[str, ...], frozenset[str],
                                                     tuple[str, ...], tuple[str, ...]]:
    """A record's article cells read once per distinct combination: the distinct articles (in order), what
    did not parse, the codes, and the articles' keys and keys with part (``Article.key``/``key_part`` are
    properties that format a string on each call; real lists repeat the same cells endlessly)."""
    arts: list[Article] = []
    unparsed: list[str] = []
    for text in texts:
        a, u = articles_of(text)
        arts.extend(a)
        unparsed.extend(u)
    distinct = tuple(dict.fromkeys(arts))
    return (distinct, tuple(unparsed), frozenset(a.code for a in arts), tuple(a.key for a in distinct),
            tuple(a.key_part for a in distinct))


def _account(rec: RecordFacts) -> _Account | None:
    distinct, unparsed, codes, art_keys, art_parts = _articles_read(rec.articles)
    cells = rec.sentence_cells
    sentence = sentence_of(cells) if cells else None
    extra = rec.extra
    verdict = _date(extra.get("verdict_date")) or _date(extra.get("court_date"))
    appeal = extra.get("appeal_date")
    if appeal is not None:
        appeal = _date(appeal)
    speaks = (rec.detention_date or rec.release_date or distinct or sentence or verdict or extra.get("court")
              or extra.get("judge") or rec.status in _CUSTODY_STATUSES)
    if not speaks:
        return None
    if "CC" in codes:
        kind = "criminal"
    elif codes == _CAO or (not codes and sentence is not None and sentence.kind in ("arrest", "fine")):
        kind = "admin"
    else:
        kind = "criminal"
    anchor = bounds(rec.detention_date) or bounds(verdict)
    return _Account(rec, kind, anchor, distinct, unparsed, sentence, verdict, appeal, art_keys, art_parts)


_CAO = frozenset({"CAO"})


def _most_common(got: list[Any]) -> Any:
    """The most frequent value (the first seen among equals), None when there is none: most persons have
    one record, so the counting is skipped when there is nothing to count."""
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
def _birth_year(text: str) -> int | None:
    """The year a birth date (partial ISO) begins in; None when it is not a date."""
    b = bounds(text)
    return date.fromordinal(b[0]).year if b else None


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
        return Event(kind, d, b[0], b[1], case_no, False, [], details or {}, [rid], [fld])
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
def _add_days(ordinal: int, cells: tuple[str, ...]) -> int:
    """The first day after a term begun on ``ordinal``, the term read from the sentence cells (a key that
    hashes at once, where the frozen Sentence hashes its eleven fields on every call)."""
    sentence = sentence_of(cells)
    end = sentence.end_from(date.fromordinal(min(ordinal, date.max.toordinal() - 40_000))) if sentence else None
    return end.toordinal() if end else ordinal


def _case_events(case: _Case, no: int) -> tuple[list[Event], Bounds | None, tuple[int, int], bool]:
    """The events of one case, its start bounds, its end bounds (first day not held) and whether it holds."""
    # corrections first, so that where one account's value is taken (court, judge, place) theirs is
    accs = case.accounts
    one = len(accs) == 1
    if not one and any(a.rec.source_kind == "manual" for a in accs):
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
    sentences: list[tuple[Sentence, int, tuple[str, ...]]] = []
    ids: list[int] = []
    place = sentence_text = None
    for a in accs:
        r = a.rec
        rid = r.id
        ids.append(rid)
        dets.append((r.detention_date, rid, "detention_date"))
        verdicts.append((a.verdict, rid, "verdict_date"))
        if a.appeal:
            appeals.append((a.appeal, rid, "appeal_date"))
        if r.release_date:
            releases.append((r.release_date, rid, "release_date"))
        if r.status == "deceased":
            deaths.append((_date(r.extra.get("death_date")), rid, "death_date"))
        if a.sentence is not None:
            sentences.append((a.sentence, rid, r.sentence_cells))
        if place is None and r.place_of_detention:
            place = r.place_of_detention
        if sentence_text is None and r.sentence_cells:
            cells = r.sentence_cells
            sentence_text = cells[0] if len(cells) == 1 else "; ".join(cells)
    if one:   # a case's first non-empty extra value of each key: its one account's
        extra = accs[0].rec.extra
        by, court, judge = extra.get("detained_by") or None, extra.get("court") or None, extra.get("judge") or None
    else:
        by, court, judge = _first(accs, "detained_by"), _first(accs, "court"), _first(accs, "judge")
    events: list[Event] = []
    det_details = {}
    if place:
        det_details["place"] = place
    if by:
        det_details["by"] = by
    det = _merge(dets, "detention", no, det_details, manual)
    if det:
        events.append(det)
    if one:
        acc = accs[0]
        parts = list(acc.art_parts)   # already distinct
        art_ids = ids if parts else []
        unparsed = sorted(set(acc.unparsed)) if acc.unparsed else []
    else:
        parts = list(dict.fromkeys(x for a in accs for x in a.art_parts))
        art_ids = sorted({a.rec.id for a in accs if a.articles})
        unparsed = sorted({u for a in accs for u in a.unparsed})
    if parts:
        events.append(Event("charge", None, None, None, no, False, [], {"articles": parts, "unparsed": unparsed},
                            list(art_ids), ["articles"]))
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
            details["sentence"] = _sentence_dict(sentences[0][2])
        if sentence_text is not None:
            details["sentence_text"] = sentence_text
        if len(sentences) > 1:
            terms = sorted({s.term_days for s, _, _ in sentences if s.term_days})
            if len(terms) > 1:
                details["sentence_disputed"] = [
                    {"term_days": t, "record_ids": sorted(r for s, r, _ in sentences if s.term_days == t)}
                    for t in terms]
        if verdict is None:
            verdict = Event("verdict", None, None, None, no, False, [], {}, sorted(set(ids)), ["sentence"])
        verdict.details = {**verdict.details, **details} if verdict.details else details
        events.append(verdict)
    if appeals:
        appeal = _merge(appeals, "appeal", no, manual=manual)
        if appeal:
            events.append(appeal)

    verdict_days = None if verdict is None or verdict.lo is None or verdict.hi is None else (verdict.lo, verdict.hi)
    start: Bounds | None = verdict_days
    if det is not None:   # a merged event always has its days
        assert det.lo is not None and det.hi is not None
        start = (det.lo, det.hi)
    # A term with no kind after a detention in a criminal case reads as imprisonment (docs/histories.md).
    custodial = [(s, cells) for s, _, cells in sentences if s.custodial or (
        s.kind == "other" and s.term_days and not s.suspended and case.kind == "criminal" and det is not None)]
    holds = det is not None or bool(custodial)
    if releases or deaths:
        release = _merge(releases + deaths if deaths else releases, "release", no,
                         {"how": N_("death in custody") if any(d[0] for d in deaths) else (
                             _first(accs, "release_how") or N_("as written"))}, manual)
    else:
        release = None
    if start is None or not holds:
        if release:
            events.append(release)
        return events, start, (OPEN, OPEN), False
    end: tuple[int, int]   # first day free: earliest and latest possible (inclusive; OPEN: maybe never)
    if release is not None:   # a merged release always has its days
        assert release.lo is not None and release.hi is not None
        end = (release.lo, release.hi)
        events.append(release)
    else:
        termed = [cells for s, cells in custodial if s.term_days]
        if termed:
            if len(termed) == 1:
                end = (_add_days(start[0], termed[0]), _add_days(start[1], termed[0]))
            else:
                end = (min(_add_days(start[0], c) for c in termed), max(_add_days(start[1], c) for c in termed))
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
            events.append(Event("release", None, end[0], end[1], no, True, [],
                                {"how": how or N_("before the list's date")},
                                [ids[0]] if one else sorted(set(ids)), ["status"]))
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
def _sentence_dict(cells: tuple[str, ...]) -> dict:
    """A sentence as stored in a verdict's details, read from its cells (see :func:`_add_days`)."""
    s = sentence_of(cells)
    assert s is not None
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
    dated_by = "recognition_date" if ex.get("recognition_date") else fld
    return Event("recognition", when, b[0], b[1], None, False, [], {
        "by": ex.get("recognised_by") or by, "source": rec.source, "link": ex.get("declaration"),
        "dated_by": dated_by}, [rec.id], [dated_by])


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
    for kind, status in (("death", "deceased"), ("wanted", "wanted")):
        hits = [r for r in recs if r.status == status]
        if hits:
            ev = _merge([(_date(r.extra.get(f"{kind}_date")) or r.list_date, r.id, "status") for r in hits], kind, None)
            if ev:
                ev.details = {"dated_by": "list date" if not hits[0].extra.get(f"{kind}_date") else f"{kind}_date"}
                out.append(ev)
    return out


def _keys(recs: Sequence[RecordFacts], accounts: list[_Account], events: list[Event]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {"source": [recs[0].source] if len(recs) == 1 else sorted({r.source for r in recs})}
    sexes = _most_common([r.sex for r in recs if r.sex])
    if sexes is not None:
        keys["sex"] = [sexes]
    keys["article"] = sorted({k for acc in accounts for k in acc.art_keys})
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
    # the place named by the records' regions, else localities, courts, places of detention (in that order)
    for texts in ([r.region for r in recs], [r.locality for r in recs], [r.extra.get("court") for r in recs],
                  [r.place_of_detention for r in recs]):
        for text in texts:
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
    kind_order = _KIND_ORDER
    for no, case in enumerate(_cases(accounts), start=1):
        evs, start, end, holds = _case_events(case, no)
        undated = start[0] if start else OPEN
        case_kind = case.kind
        for e in evs:
            e.details.setdefault("case_kind", case_kind)
            order.append((e.lo if e.lo is not None else undated, kind_order.get(e.kind, 99), no))
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
    recog = _corrected_recognition([e for e in map(_recognition, recs) if e is not None])
    events.extend(recog)
    if any(r.status in ("deceased", "wanted") for r in recs):   # most subjects: nothing to look for
        events.extend(_other_events(recs))
    # recognitions, deaths and wanted notices belong to no case (0) and always have their days
    order.extend((e.lo, kind_order.get(e.kind, 99), 0) for e in events[len(order):])  # type: ignore[misc]
    if len(events) > 1:   # a stable sort of the events by their keys
        events = [events[i] for i in sorted(range(len(events)), key=order.__getitem__)]
    # the recognised days: from the earliest recognition on (one interval, nothing to unite)
    rec_sure: list[tuple[int, int]] = [(min(e.hi for e in recog), OPEN)] if recog else []  # type: ignore[list-item,type-var]
    rec_poss: list[tuple[int, int]] = [(min(e.lo for e in recog), OPEN)] if recog else []  # type: ignore[list-item,type-var]
    hs, hp = union(held_sure), union(held_poss)
    es, ep = union(ended_sure), union(ended_poss)
    sure = {"in_custody": hs, "political_prisoner": intersect(union(crim_sure), rec_sure),
            "persecuted": union(pers_sure), "released": intersect(es, complement(hp))}
    possible = {"in_custody": hp, "political_prisoner": intersect(union(crim_poss), rec_poss),
                "persecuted": union(pers_poss), "released": intersect(ep, complement(hs))}
    years = [_birth_year(r.birth_date) for r in recs if r.birth_date]
    birth_year = _most_common([y for y in years if y is not None])
    return Derived(events, sure, possible, _keys(recs, accounts, events), birth_year)
