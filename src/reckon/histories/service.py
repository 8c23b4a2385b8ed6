"""Histories on a workspace: build them from the current records, count persons on a date, series, one history.

* :func:`refresh` rebuilds the subjects whose records changed since the last build (a digest of each
  subject's current record ids tells), or everything with ``full=True``; the CLI and the web app call it
  after an import or a link run, and :func:`count`/:func:`series` call it lazily when the register's
  signature (records, links, source rules) differs from the last build's.
* :func:`count` and :func:`series` read only the per-subject intervals (``store.histories``): a count is two
  indexed sums, a series one pass over sorted interval ends.
* :func:`history` gives one person's events, with the records and fields each came from, and conflicts.

Before any link run, and for a record no person holds, the record stands for a person of its own; every
result says how many such records it counted (``unlinked_records``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import multiprocessing
import os
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy.orm import Session

from reckon.errors import N_, ConfigError
from reckon.histories.derive import derive
from reckon.histories.intervals import OPEN, complement, counts_on, day, intersect, iso
from reckon.histories.model import STATES, RecordFacts
from reckon.ingest.mapping import lookup_header
from reckon.progress import Progress
from reckon.store import crypto
from reckon.store import histories as hs
from reckon.store import histories_build as hb
from reckon.store.db import get_engine, session_scope
from reckon.store.locks import exclusive

__all__ = ["refresh", "ensure_fresh", "count", "series", "history", "BuildReport", "CountResult",
           "set_source", "STEPS", "DIMENSIONS"]

STEPS = ("day", "week", "month", "year")
DIMENSIONS = ("region", "district", "article", "court", "judge", "sex", "age_band", "source")
_CHUNK = 5_000          # subjects derived and written together
_PARALLEL_MIN = 50_000  # records from which a full build derives in worker processes


@dataclass
class BuildReport:
    mode: str
    subjects_total: int
    subjects_rebuilt: int
    subjects_removed: int
    seconds: float
    workers: int = 0

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class CountResult:
    as_of: str
    status: str
    count: int
    undetermined: int
    by: dict[str, int] = field(default_factory=dict)
    undetermined_by: dict[str, int] = field(default_factory=dict)
    persons: int = 0
    unlinked_records: int = 0
    ever: bool = True  # False: nobody is in this state on any date (e.g. no political-prisoner list declared)
    undated_lists: int = 0  # with a count of nought: political-prisoner lists dated by their import day
    recognised: int = 0  # with no political prisoner on any date: persons recognised all the same (none held)

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "status": self.status, "count": self.count,
                "undetermined": self.undetermined, "by": self.by, "undetermined_by": self.undetermined_by,
                "unlinked_records": self.unlinked_records, "state_ever_held": self.ever}


def _check_status(status: str) -> None:
    if status not in STATES:
        raise ConfigError.of(N_("status must be one of %(states)s, not %(status)r"), states=", ".join(STATES),
                             status=status)


# ---------------------------------------------------------------------------------------------- building


class _Context:
    """What every record's facts need from its source and import, loaded once per build."""

    def __init__(self, s: Session) -> None:
        self.sources = hb.sources(s)
        self.imports = hb.import_batches(s)
        for b in self.imports.values():
            cols = b["columns"]
            b["sentence_cols"] = [c for c, f in cols.items() if f == "sentence"]
            # Columns an older import ignored that reckon now names (lawyer, declaration ...): read from raw.
            b["late"] = {c: f[6:] for c, f in ((c, lookup_header(c)) for c, t in cols.items() if t == "ignore")
                         if f and f.startswith("extra.")}
            b["declares"] = any(f == "extra.declaration" for f in cols.values()) or "declaration" in b["late"].values()
        self.pp_sources = {sid for sid, src in self.sources.items() if src["political_prisoners"]}
        declaring = {sid for sid in self.sources if any(
            b["declares"] for b in self.imports.values() if b.get("source_id") == sid)}
        self.pp_sources |= {sid for sid in declaring if self.sources[sid]["political_prisoners"] is None}

    def facts(self, row: tuple) -> RecordFacts:
        """One record's facts from a row of ``store.histories_build.records_by_id`` (JSON columns as text)."""
        (rid, _pid, sid, import_id, _file, _row, sex, birth, region, locality, det, rel, status, sentence, place,
         articles_text, extra_text, raw_text) = row
        # (a default only for the rare unknown id: a literal default would be built for every record)
        src = self.sources.get(sid) or {"name": str(sid), "kind": "list", "list_date": None}
        imp = self.imports.get(import_id) or {"sentence_cols": [], "late": {}, "date": None}
        extra = _json(extra_text) or {}
        articles = _json(articles_text) or ()
        cells: tuple[str, ...] = (sentence,) if sentence else ()
        if len(imp["sentence_cols"]) > 1 or imp["late"]:
            raw = raw_text if isinstance(raw_text, dict) else (_json(raw_text) or {})
            if len(imp["sentence_cols"]) > 1:
                cells = tuple(str(raw[c]).strip() for c in imp["sentence_cols"] if str(raw.get(c) or "").strip())
            for col, name in imp["late"].items():
                if str(raw.get(col) or "").strip() and name not in extra:
                    extra[name] = str(raw[col]).strip()
        # positional, in RecordFacts' field order: a million records, and keywords cost a fifth more
        return RecordFacts(rid, src["name"], src["kind"], sid in self.pp_sources, src["list_date"] or imp["date"],
                           sex, birth, region, locality, det, rel, status,
                           tuple([a if type(a) is str else str(a) for a in articles if a]), cells, place, extra)


def _json(text: str | None) -> Any:
    """A JSON column's text parsed; orjson first (fast), the standard library for what it refuses (NaN,
    integers past 64 bits) so that no stored value stops a build."""
    if not text:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _subjects(rows: Iterator[tuple[int, int | None]]) -> Iterator[tuple[int, int | None, list[int]]]:
    """Group the ordered (record id, person id) stream into subjects: a person's records, or one unlinked
    record. Yields (subject id, person id, record ids)."""
    cur_pid: int | None = None
    group: list[int] = []
    for rid, pid in rows:
        if pid is None:
            yield -rid, None, [rid]
            continue
        if pid != cur_pid and group:
            yield cur_pid, cur_pid, group  # type: ignore[misc]
            group = []
        cur_pid = pid
        group.append(rid)
    if group:
        yield cur_pid, cur_pid, group  # type: ignore[misc]


def _digest(ids: list[int]) -> str:
    return hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()


def _rows_for(subject_id: int, person_id: int | None, digest: str, facts: list[RecordFacts],
              out: dict[str, list[tuple]]) -> None:
    """The stored rows of one subject, as tuples in the orders of ``store.histories_build.*_COLS``.

    The subject's events are serialised here, in one JSON text (``store.histories.EVENT_FIELDS`` arrays),
    in the process that derived them, and left as orjson's UTF-8 bytes: a worker's result then goes back
    as plain bytes (marshal copies them; a str with Cyrillic in it marshal would encode, and the writer decode
    and the driver encode again), and the writer has nothing left to do but insert."""
    d = derive(facts)
    conflicts = 0
    packed = []
    lo_min = hi_max = None
    for e in d.events:
        if e.alternatives:
            conflicts += 1
        if e.lo is not None:
            if lo_min is None or e.lo < lo_min:
                lo_min = e.lo
            if e.hi is not None and (hi_max is None or e.hi > hi_max):
                hi_max = e.hi
        packed.append((e.case_no, e.kind, e.date, e.lo, e.hi, e.derived, e.alternatives, e.details, e.record_ids,
                       e.fields))
    out["events"].append((subject_id, lo_min, hi_max, orjson.dumps(packed)))
    one: list[str | None] = [None, None, None]   # its key of each of hs.SUBJECT_DIMS (derive gives at most one)
    keys = out["keys"]
    for dim, values in d.keys.items():
        slot = _SUBJECT_DIM_SLOT.get(dim)
        if slot is not None:
            one[slot] = values[0][:300] if values else None
            continue
        for k in values:
            keys.append((subject_id, dim, k[:300]))
    out["subjects"].append((subject_id, person_id, digest, len(facts), len(d.events), conflicts, d.birth_year,
                            *one))
    spans = out["spans"]
    for state, ivs in d.sure.items():
        for lo, hi in ivs:
            spans.append((subject_id, state, True, lo, hi))
        maybe = d.possible[state]
        if maybe != ivs:   # the days it is possibly but not surely true: undetermined
            for lo, hi in intersect(maybe, complement(ivs)):
                spans.append((subject_id, state, False, lo, hi))


_SUBJECT_DIM_SLOT = {dim: i for i, dim in enumerate(hs.SUBJECT_DIMS)}

Chunk = list[tuple[int, int | None, str | None, list[int]]]   # (subject id, person id, digest, record ids)


def _derive_chunk(ctx: _Context, s: Session, chunk: Chunk) -> dict[str, list[tuple]]:
    """Read the records of a chunk of subjects and derive their rows.

    Records are read by the ids the digest was made of, so what is stored always matches its digest even
    when an import or a link run changed the register since the subjects were listed (the next refresh then
    sees the change)."""
    rows = hb.records_by_id(s, [i for c in chunk for i in c[3]], [c[1] for c in chunk if c[1] is not None])
    out: dict[str, list[tuple]] = {"subjects": [], "events": [], "spans": [], "keys": []}
    for subject_id, person_id, digest, ids in chunk:
        _rows_for(subject_id, person_id, digest or _digest(ids), [ctx.facts(rows[i]) for i in ids if i in rows], out)
    return out


_WORKER: tuple[_Context, str] | None = None


def _worker_init(ctx: _Context, url: str) -> None:
    global _WORKER
    _WORKER = (ctx, url)
    gc.disable()   # as in refresh(): nothing derived forms cycles, and the collector's passes cost x2.5


def _worker_derive(chunk: Chunk) -> bytes:
    """A worker reads its chunk's records itself: the process that writes then has only writing to do.

    The rows go back marshalled, not pickled: they are only tuples of str, int, bool and None, which
    marshal writes in a third of pickle's time and reads back in two thirds (60,000 persons' 1.3 million
    rows: 0.51 s against 1.33 s to write, 0.51 s against 0.75 s to read), on both sides of the pipe."""
    assert _WORKER is not None
    ctx, url = _WORKER
    with Session(get_engine(url)) as s:
        return marshal.dumps(_derive_chunk(ctx, s, chunk))


def _auto_workers(records: int, full: bool) -> int:
    """Derivation processes for a build: for a large full build, at least two and one per core beyond the
    writing process (at most 3); none (derive in-process) otherwise.

    Each worker reads its own chunks' records, so the writing process only lists subjects, inserts and
    indexes (a third of the work). Measured at 200,000 records: in one process 20.8 s of CPU; with two
    workers 7.8 s in the writer and 17.1 s across the workers, so on 2 free cores the wall time is about
    the larger of the two halves. Starting a worker costs about a second, which a lazy refresh of a few
    persons must not pay."""
    cores = os.cpu_count() or 1
    if not full or records < _PARALLEL_MIN or cores < 2:
        return 0
    return min(3, max(2, cores - 1))


def refresh(url: str, *, full: bool = False, actor: str = "cli", progress: Progress | None = None,
            workers: int | None = None) -> BuildReport:
    """Bring the histories up to date with the current records (incrementally unless ``full``).

    ``workers``: derivation processes (0: derive in this process; None: chosen by size, see
    :func:`_auto_workers`). The stored rows are the same, in the same order, whatever the number."""
    t0 = time.perf_counter()
    engine = get_engine(url)
    # Millions of small objects live briefly here: the cyclic collector's passes over them cost more than the
    # derivation itself (x2.5 measured), and nothing built here forms cycles that need it.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        # one build at a time per workspace, across processes: two imports that end together would
        # otherwise both add the same new persons
        with exclusive(url, "histories"):
            return _refresh(url, engine, full, actor, progress, t0, workers)
    finally:
        if was_enabled:
            gc.enable()


def _refresh(url: str, engine: Any, full: bool, actor: str, progress: Progress | None, t0: float,
             workers: int | None) -> BuildReport:
    with session_scope(url) as s:
        ctx = _Context(s)
        signature = hb.register_signature(s)
        if workers is None:
            workers = _auto_workers(signature["records"], full)
        if crypto.is_encrypted_url(url):
            workers = 0   # the key (typed, or derived with the workspace's cost) lives in this process only
        known = {} if full else hb.subject_digests(s)
        if full:
            hb.build_cache(s)
        report = _build(url, engine, s, ctx, signature, known, full, actor, progress, t0, workers)
    if progress:
        progress(signature["records"], signature["records"])
    return report


def _build(url: str, engine: Any, s: Session, ctx: _Context, signature: dict[str, Any], known: dict[int, str], full: bool,
           actor: str, progress: Progress | None, t0: float, workers: int) -> BuildReport:
    """List the subjects, derive the changed ones (here or in workers) and write them, in one transaction."""
    if full:
        hb.drop_indexes(s)   # first: the old rows are then removed from the tables alone
        hb.clear(s)
    seen: set[int] = set()
    rebuilt = 0
    done = 0
    # Chunks are derived in order (here, or by workers with at most 2 per worker in flight, so memory
    # stays bounded) and written in order, each after removing the old rows of its subjects.
    pending: deque[tuple[list[int], int, Any]] = deque()
    pool = (multiprocessing.get_context("spawn").Pool(workers, _worker_init, (ctx, url))
            if workers > 0 else None)

    def write(stale: list[int], upto: int, result: Any) -> None:
        out = marshal.loads(result.get()) if pool is not None else result
        hb.remove_subjects(s, stale)
        hb.write_rows(s, **out)
        if progress:
            progress(upto, signature["records"])

    def submit(chunk: Chunk, stale: list[int], upto: int) -> None:
        if pool is None:
            write(stale, upto, _derive_chunk(ctx, s, chunk))
            return
        pending.append((stale, upto, pool.apply_async(_worker_derive, (chunk,))))
        while len(pending) > 2 * workers:
            write(*pending.popleft())

    try:
        chunk: Chunk = []
        stale: list[int] = []
        with engine.connect() as reader, Session(bind=reader) as rs:
            for subject_id, person_id, ids in _subjects(hb.current_subjects(rs)):
                seen.add(subject_id)
                done += len(ids)
                # a full build compares no digests: the process that derives the subject computes it
                digest = _digest(ids) if known else None
                if digest is not None and known.get(subject_id) == digest:
                    continue
                if subject_id in known:
                    stale.append(subject_id)
                chunk.append((subject_id, person_id, digest, ids))
                rebuilt += 1
                if len(chunk) >= _CHUNK:
                    submit(chunk, stale, done)
                    chunk, stale = [], []
        removed = [sid for sid in known if sid not in seen]
        submit(chunk, stale + removed, done)
        while pending:
            write(*pending.popleft())
    finally:
        if pool is not None:
            pool.terminate()
    if full:
        hb.create_indexes(s)
    hb.refresh_statistics(s)
    seconds = time.perf_counter() - t0
    mode = "full" if full else "incremental"
    hb.add_build(s, mode=mode, signature=signature, subjects_total=len(seen), subjects_rebuilt=rebuilt,
                 subjects_removed=len(removed), seconds=round(seconds, 3), actor=actor)
    return BuildReport(mode, len(seen), rebuilt, len(removed), round(seconds, 3), workers)


_FRESH_LOCK = threading.Lock()


def ensure_fresh(url: str) -> BuildReport | None:
    """Refresh when the register changed since the last build; None when it was already up to date.

    One refresh at a time per process: the web app's pages (person, dashboard) ask from several threads,
    and two refreshes of the same subjects would insert them twice."""
    with _FRESH_LOCK:
        with session_scope(url) as s:
            build = hb.last_build(s)
            if build is not None and build.signature == hb.register_signature(s):
                return None
        return refresh(url, actor="lazy")


def set_source(url: str, source: str, *, political_prisoners: bool = True, list_date: str | None = None,
               actor: str = "cli") -> None:
    """Declare a source a political-prisoner list (or not) and its list's own date."""
    from reckon.dates import DateError, parse_partial_date
    from reckon.store.audit import audit

    try:
        when = parse_partial_date(list_date, order="dmy") if list_date else None
    except DateError:
        raise ConfigError.of(N_("%(option)s %(value)r is not a date; write it as YYYY-MM-DD"), option="--list-date",
                             value=list_date) from None
    with session_scope(url) as s:
        if hs.set_source_rule(s, source, political_prisoners=political_prisoners, list_date=when, actor=actor) is None:
            raise ConfigError.of(N_("no source named '%(source)s'; `reckon sources` lists them"), source=source)
        audit(s, "histories.source", actor=actor, target_type="source", source=source,
              political_prisoners=political_prisoners, list_date=when)


# ---------------------------------------------------------------------------------------------- counting


def count(url: str, *, as_of: date | None = None, status: str = "political_prisoner", by: str | None = None,
          fresh: bool = True) -> CountResult:
    """Persons in ``status`` on ``as_of`` (default today), with those that depend on a partial date apart."""
    _check_status(status)
    if by is not None and by not in DIMENSIONS:
        raise ConfigError.of(N_("--by must be one of %(dimensions)s, not %(by)r"), dimensions=", ".join(DIMENSIONS),
                             by=by)
    if fresh:
        ensure_fresh(url)
    when = as_of or date.today()
    d = day(when)
    with session_scope(url) as s:
        sure, undetermined = hs.count_rows(s, status, d)
        persons, unlinked = hs.subjects_counted(s)
        result = CountResult(when.isoformat(), status, sure, undetermined, persons=persons,
                             unlinked_records=unlinked, ever=bool(sure or undetermined) or hs.state_ever(s, status))
        if status == "political_prisoner" and not (sure or undetermined) and result.ever:
            # why nobody: the hint differs once every list has its own date (the import day no longer counts)
            ctx = _Context(s)
            result.undated_lists = sum(1 for sid in ctx.pp_sources if not ctx.sources[sid]["list_date"])
        if status == "political_prisoner" and not result.ever:
            # recognised but never held in a criminal case (news alone names no arrest): say so, not "no list"
            result.recognised = hs.recognised_subjects(s)
        if by:
            per = _merged_count(s, status, d, by) if by in ("judge", "court") else hs.count_by(s, status, d, by)
            result.by = {k: v[0] for k, v in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0])) if v[0]}
            result.undetermined_by = {k: v[1] for k, v in sorted(per.items()) if v[1]}
    return result


def _merged_count(s: Any, status: str, d: int, by: str) -> dict[str, tuple[int, int]]:
    """Per judge (court) as ``reckon judges`` (``reckon courts``) names them: one judge however the lists
    spell them, each person counted once per judge; persons with no judge are "unknown"."""
    from reckon.histories.judge_groups import names_of_keys

    names = names_of_keys(s, by)
    seen: dict[str, dict[int, bool]] = defaultdict(dict)
    for key, subject, sure in hs.keyed_subjects(s, status, d, by):
        for name in names.get(key, [key]):
            seen[name][subject] = seen[name].get(subject, False) or sure
    out = {name: (sum(subs.values()), sum(not v for v in subs.values())) for name, subs in seen.items()}
    unknown = hs.count_by(s, status, d, by).get("unknown")
    if unknown:
        out["unknown"] = unknown
    return out


def _dates(start: date, end: date, step: str) -> list[date]:
    """``start``, then every step after it up to ``end``, then ``end`` itself when no step lands on it: a
    documenter asking for a series to 4 March wants the count on 4 March, not on the step before it."""
    if step not in STEPS:
        raise ConfigError.of(N_("--step must be one of %(steps)s, not %(step)r"), steps=", ".join(STEPS), step=step)
    if end < start:
        raise ConfigError.of(N_("--to is before --from"))
    import calendar

    months = {"month": 1, "year": 12}.get(step, 0)
    out, cur, i = [], start, 0
    while cur <= end:
        out.append(cur)
        if len(out) > 100_000:
            raise ConfigError.of(N_("a series has at most %(n)s points; use a longer --step"), n=100_000)
        i += 1
        try:
            if months:   # the same day of each month or year (the month's last day when shorter: 29 February)
                y, m = divmod(start.month - 1 + i * months, 12)
                year, month = start.year + y, m + 1
                cur = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
            else:
                cur = start + timedelta(days=i * (7 if step == "week" else 1))
        except (ValueError, OverflowError):   # past the last representable day
            break
    if out[-1] < end:   # the date asked for is always the last point ("as of 4 March"), off the grid or not
        out.append(end)
    return out


def series(url: str, *, start: date, end: date, step: str = "month", status: str = "political_prisoner",
           fresh: bool = True) -> list[dict[str, Any]]:
    """The count on each date from ``start`` to ``end``: one pass over the sorted interval ends."""
    _check_status(status)
    days = _dates(start, end, step)
    if fresh:
        ensure_fresh(url)
    with session_scope(url) as s:
        ends = hs.span_ends(s, status)
    counts = counts_on(ends, [day(x) for x in days])
    return [{"date": x.isoformat(), "status": status, "count": int(counts[True][i]),
             "undetermined": int(counts[False][i])} for i, x in enumerate(days)]


# ---------------------------------------------------------------------------------------------- one person


def history(target: str | Session, person_id: int, *, record: bool = False) -> dict[str, Any] | None:
    """One person's history (``record=True``: an unlinked record's): events with sources, conflicts, states.

    ``target`` is a database URL or an open session. None when there is no such subject (yet).
    """
    subject = -person_id if record else person_id
    if isinstance(target, str):
        ensure_fresh(target)
        with session_scope(target) as s:
            return _history(s, subject)
    return _history(target, subject)


def _history(s: Session, subject: int) -> dict[str, Any] | None:
    summary, events, keys = hs.history_rows(s, subject)
    if summary is None:
        return None
    spans = hs.spans_of(s, subject)
    for e in events:
        e["date_first"], e["date_last"] = iso(e["date_lo"]), iso(e["date_hi"])
    states = [{"state": x["state"], "undetermined": not x["sure"], "from": iso(x["lo"]),
               "until": None if x["hi"] >= OPEN else iso(x["hi"])} for x in spans]
    return {**summary, "events": events, "conflicts": [e for e in events if e["alternatives"]],
            "keys": keys, "states": states}
