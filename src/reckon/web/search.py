"""Search records across spellings: an index of keys per record version, and the query over it.

Keys are the casefolded words of a record's names plus reckon.names's
``search_terms`` (cross-script, cross-language keys: "Dubrakov" and "Дубракоў" share one). Record versions
are append-only, so the index only ever grows by record id; it is rebuilt from scratch when the keying
scheme changes (:func:`search_scheme`). The query keeps current versions only.

Every query word must match (any of its keys exactly, or, for words of 3+ letters, as a prefix of an
indexed word; a single letter is an initial, the start of a name word in any script: "Дубраков И.В."), which uses the B-tree index on ``key`` on SQLite and PostgreSQL alike. (The prefix range
assumes a byte-wise collation for ``key``, as SQLite's default and PostgreSQL's C/C.UTF-8 give.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from sqlalchemy.orm import Session

from reckon.i18n import N_
from reckon.names import search_terms
from reckon.progress import Progress
from reckon.store import web as store
from reckon.store.db import session_scope

STATE = "search_index"
_CLAIMING = "indexing names for search"   # what a SQLite writer queued behind a build is told
BATCH = 20_000
RARITY_CAP = 10_000   # keys counted per word of a several-word query (a surname has ~5,000 at 1 M records)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def words(text: str | None) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


@functools.lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Keys of one casefolded word: itself and its cross-spelling terms. Registers repeat the same given
    names and surnames over and over, so keying word by word (cached) is what makes indexing a million
    records take minutes, not hours; the query side keys its words the same way, so they always meet."""
    out = {word}
    out.update(str(k).casefold() for k in search_terms(word) if k)
    return frozenset(k[:300] for k in out if k)


def keys_for(names: Iterable[str | None]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for word in words(name):
            out.update(word_keys(word))
    return out


def search_scheme() -> str:
    """Names the keying in use: bump it when reckon.names changes its keys, and the index is rebuilt."""
    return "names-2+words-v2"  # names-2: ч and х apart in the surname key


def _state(s: Session) -> dict:
    return store.state(s, STATE) or {}


def pending(url: str) -> tuple[int, int]:
    """(records not yet indexed, records in all) — how far the index lags behind."""
    with session_scope(url) as s:
        st = _state(s)
        scheme_ok = st.get("scheme") == search_scheme()
        upto = int(st.get("max_record_id", 0)) if scheme_ok else 0
        return store.records_after(s, upto), store.records_after(s)


def build(url: str, progress: Progress | None = None, *, limit: int | None = None) -> dict:
    """Index every record not indexed yet (all of them if the scheme changed); returns counts.

    Two builds may run at once (each web import job ends with one, and several workers run jobs side by
    side): each batch claims the index's progress row for its transaction (:func:`reckon.store.web.claim_state`),
    reads how far the index has got, indexes the next records and saves the new mark before letting go,
    so the second build waits for the first's batch and goes on after it; no record is keyed twice."""
    scheme = search_scheme()
    with session_scope(url) as s:
        st = store.claim_state(s, STATE, _CLAIMING)
        if st.get("scheme") != scheme:
            store.clear_search_keys(s)
            store.save_state(s, STATE, {"scheme": scheme, "max_record_id": 0})
        todo = store.records_after(s, int(st.get("max_record_id", 0)) if st.get("scheme") == scheme else 0)
    done = 0
    keys_written = 0
    while True:
        with session_scope(url) as s:
            st = store.claim_state(s, STATE, _CLAIMING)
            if st.get("scheme") != scheme:  # another version of reckon rebuilt the index meanwhile: leave it
                break
            rows = store.record_names_after(s, int(st.get("max_record_id", 0)), BATCH)
            if not rows:
                break
            batch = []
            for rid, full, sur, given, patr in rows:
                for key in keys_for((full, sur, given, patr)):
                    batch.append({"record_id": rid, "key": key})
            store.add_search_keys(s, batch)
            store.save_state(s, STATE, {"scheme": scheme, "max_record_id": rows[-1][0]})
        done += len(rows)
        keys_written += len(batch)
        if progress:
            progress(done, todo, message=N_("indexing names for search"))
        if limit is not None and done >= limit:
            break
    if done:
        store.tidy_search_keys(url)   # statistics for the planner, and index-only reads on PostgreSQL
    return {"records_indexed": done, "keys": keys_written, "scheme": scheme}


@functools.lru_cache(maxsize=512)
def initial_keys(letter: str) -> frozenset[str]:
    """What one letter written as an initial ("И." in "Дубраков И.В.", as courts write names) may begin:
    the letter itself and the first letter of its cross-spelling key (И, І, I and Y all begin "a...",
    В and V "v..."), so that an initial finds a given name or patronymic written in another script."""
    out = {letter}
    extra = search_terms(letter * 2)  # a lone letter is no word to key; doubled, its sound is kept
    if extra:
        out.update(k[:1].casefold() for k in extra if k)
    return frozenset(out)


def search(s: Session, query: str, *, limit: int = 50) -> list[int]:
    """Ids of current records matching every word of ``query`` (any spelling), at most ``limit``."""
    qwords = list(dict.fromkeys(words(query)))[:6]
    terms = [(w, initial_keys(w) if len(w) == 1 else word_keys(w)) for w in qwords]
    return store.search_record_ids(s, terms, limit=limit, rarity_cap=RARITY_CAP)
