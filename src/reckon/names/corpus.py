"""rigour's person-name corpus, asked once per word and remembered on disk.

Why: rigour builds its corpus (Wikidata given-name labels, behind ``rigour.names.analyze_names``) in
memory at the first question of each process, which takes seconds; ``reckon names show NAME`` or ``reckon
news extract ARTICLE`` asked it a handful of words and spent almost all their time building it. The
corpus cannot be listed, so what reckon needs of it — for each word it asked, the Wikidata ids of the
given-name items the word is a label of — is kept in an index in the user's cache directory
(``$XDG_CACHE_HOME/reckon``, else ``~/.cache/reckon``; directory 0700, file 0600, because the words are
parts of people's names). A word found there never reaches rigour, so a command whose words were all
asked before does not build the corpus at all.

The index is a SQLite file named after rigour's and reckon's versions: another version of either is a
new, empty index (the old files are removed), filled again as words are asked. Nothing is fetched from
the network; when the directory cannot be written, the corpus is asked directly, as before.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

__all__ = ["CorpusIndex", "cache_dir", "corpus_ids", "index"]

FORMAT = 1  # the question asked of the corpus (see corpus_ids); bump when it changes
_PREFIX = "names-corpus-"


def cache_dir() -> Path:
    """The user's cache directory for reckon (XDG base directories)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reckon"


def versions() -> str:
    """rigour's and reckon's package versions, and the index format: what the index file is keyed by."""
    from importlib.metadata import PackageNotFoundError, version

    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:  # a checkout run from its source tree
            return "0"

    return f"rigour{of('rigour')}-reckon{of('reckon')}-f{FORMAT}"


def corpus_ids(token: str) -> frozenset[str]:
    """Wikidata ids of the given-name items ``token`` (already stripped, lower case) is a label of,
    straight from rigour's corpus."""
    from rigour.names import analyze_names
    from rigour.names.tag import NameTypeTag

    ids: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], symbols=True, phonetics=False, numerics=False):
        for sym in name.symbols:
            if sym.category.value == "NAME":
                ids.add(sym.id)
    return frozenset(ids)


class CorpusIndex:
    """The on-disk index of corpus answers in ``directory`` for ``key`` (the versions).

    Reads are one indexed SELECT; new answers are written in batches (and at exit), so a link run that
    asks a hundred thousand new words does not commit once per word.
    """

    FLUSH_EVERY = 2000

    def __init__(self, directory: Path, key: str, ask: Callable[[str], frozenset[str]] = corpus_ids) -> None:
        self.path = directory / f"{_PREFIX}{key}.sqlite"
        self.ask = ask
        self.asked = 0  # words that went to the corpus in this process
        self._pending: dict[str, str] = {}
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        try:
            self._conn = self._open(directory)
        except (OSError, sqlite3.Error):  # a read-only home, a full disk: ask the corpus directly
            self._conn = None

    def _open(self, directory: Path) -> sqlite3.Connection:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        for old in directory.glob(f"{_PREFIX}*.sqlite*"):  # another version's index: rebuilt, not reused
            if not old.name.startswith(self.path.name):
                old.unlink(missing_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        os.chmod(self.path, 0o600)
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        conn.execute("CREATE TABLE IF NOT EXISTS ids (token TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID")
        return conn

    @property
    def enabled(self) -> bool:
        return self._conn is not None

    def get(self, token: str) -> frozenset[str]:
        """The ids of ``token``: from the index, else from the corpus (and then kept)."""
        conn = self._conn
        if conn is None:
            self.asked += 1
            return self.ask(token)
        with self._lock:
            hit = self._pending.get(token)
            if hit is None:
                try:
                    row = conn.execute("SELECT ids FROM ids WHERE token = ?", (token,)).fetchone()
                except sqlite3.Error:
                    row = None
                hit = row[0] if row else None
        if hit is not None:
            return frozenset(hit.split()) if hit else frozenset()
        self.asked += 1
        ids = self.ask(token)
        with self._lock:
            self._pending[token] = " ".join(sorted(ids))
            if len(self._pending) >= self.FLUSH_EVERY:
                self._flush_locked()
        return ids

    def flush(self) -> None:
        with self._lock:
            self._flush_locked()

    def _flush_locked(self) -> None:
        if not self._pending or self._conn is None:
            return
        rows = list(self._pending.items())
        self._pending.clear()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("INSERT OR IGNORE INTO ids (token, ids) VALUES (?, ?)", rows)
            self._conn.execute("COMMIT")
        except sqlite3.Error:  # another process holds the lock too long: these words are asked again later
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        self.flush()
        if self._conn is not None:
            self._conn.close()
            self._conn = None


_INDEX: CorpusIndex | None = None
_INDEX_LOCK = threading.Lock()


def index() -> CorpusIndex:
    """The process's index, opened at the first question (not at import)."""
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:
            if _INDEX is None:
                _INDEX = CorpusIndex(cache_dir(), versions())
                atexit.register(_INDEX.close)
    return _INDEX
