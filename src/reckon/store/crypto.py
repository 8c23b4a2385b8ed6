"""Encryption at rest: a workspace database that is useless to whoever copies the folder.

Why this shape:

* The database is SQLCipher (AES-256 pages with an HMAC each, WAL and journal included), reached through
  the ``sqlcipher3`` binding and plugged into SQLAlchemy with a ``creator``, so every query of reckon runs
  unchanged on it.
* The 256-bit page key comes from the passphrase through argon2id (memory-hard: a seized laptop's copy
  cannot be brute-forced on GPUs cheaply). SQLCipher's own PBKDF2 is bypassed with a raw key, so opening a
  connection costs no key derivation; argon2id runs once per process.
* The argon2 salt is the 16-byte salt SQLCipher keeps at the start of the file. The file therefore
  describes itself: encrypting, re-keying and restoring each replace ONE file with an atomic rename, and a
  crash at any moment leaves either the old or the new database whole, never a key that no longer fits.
  ``reckon.toml`` holds only the argon2 cost parameters, which never change after ``init``.
* A database file that starts with SQLite's plain header is plain; anything else is encrypted.
* The passphrase comes from ``RECKON_PASSPHRASE`` (scripts, tests) or a prompt on a terminal. Without
  either, one clear error: nothing opens, nothing is written in clear.
"""

from __future__ import annotations

import getpass
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool

from reckon.errors import N_, ReckonError

SCHEME = "sqlite+sqlcipher:///"
PLAIN_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
MIN_PASSPHRASE = 10
ENV = "RECKON_PASSPHRASE"
# The terminal's prompts, said in the terminal's language (the CLI holds it while a command runs).
PASSPHRASE = N_("Workspace passphrase")
NEW_PASSPHRASE = N_("New passphrase")
AGAIN = N_("%(prompt)s (again)")


def said(message: str) -> str:
    """A catalogued prompt in the language in force. Why lazily: the store opens databases for programs
    that never prompt, and the catalogue is read only when a person is asked."""
    from reckon import i18n

    return i18n.gettext(message)


class PassphraseError(ReckonError):
    """The passphrase is missing, too short or wrong: nothing was opened."""

    exit_code = 3


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost: 3 passes over 64 MiB take a few tenths of a second once, and make every guess cost
    the same to an attacker (RFC 9106's second recommended option, with one lane)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1

    def as_toml(self) -> list[str]:
        return ["[encryption]", 'cipher = "sqlcipher4"', 'kdf = "argon2id"', f"time_cost = {self.time_cost}",
                f"memory_kib = {self.memory_kib}", f"parallelism = {self.parallelism}"]

    @classmethod
    def from_toml(cls, section: dict) -> KdfParams:
        try:
            return cls(int(section.get("time_cost", 3)), int(section.get("memory_kib", 65536)),
                       int(section.get("parallelism", 1)))
        except (TypeError, ValueError):
            raise ReckonError.of(N_("reckon.toml [encryption]: time_cost, memory_kib and parallelism must be "
                                    "whole numbers")) from None


_PARAMS: dict[str, KdfParams] = {}
_KEYS: dict[str, bytes] = {}
_PASSPHRASE: list[str] = []  # the one passphrase typed at the prompt in this process (not re-asked)


def url_for(path: Path) -> str:
    return SCHEME + str(path.resolve())


def is_encrypted_url(url: str) -> bool:
    return url.startswith(SCHEME)


def path_of(url: str) -> Path:
    return Path(url[len(SCHEME):])


def is_plain_file(path: Path) -> bool:
    """True for an existing plain SQLite file (or an empty one SQLite has not written yet)."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    return head == PLAIN_MAGIC or head == b""


def register(path: Path, params: KdfParams) -> None:
    """Say which argon2 cost the database at ``path`` was keyed with (from its workspace's config)."""
    _PARAMS[str(path.resolve())] = params


def ask_passphrase(*, confirm: bool = False, prompt: str = PASSPHRASE) -> str:
    """RECKON_PASSPHRASE, else ask on the terminal (twice when ``confirm``); else a one-line error.
    ``prompt`` is a catalogued message (:data:`PASSPHRASE`, :data:`NEW_PASSPHRASE`), said here."""
    env = os.environ.get(ENV)
    if env:
        return env
    if not confirm and _PASSPHRASE:
        return _PASSPHRASE[0]
    if not sys.stdin.isatty():
        raise PassphraseError.of(N_("this workspace is encrypted: set %(env)s or run the command in a terminal "
                                    "to be asked for the passphrase"), env=ENV)
    asked = said(prompt)
    first = getpass.getpass(f"{asked}: ")
    if confirm and getpass.getpass(said(AGAIN) % {"prompt": asked} + ": ") != first:
        raise PassphraseError.of(N_("the two passphrases differ; nothing was changed"))
    if not confirm:
        _PASSPHRASE[:] = [first]
    return first


def check_new_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError.of(N_("the passphrase needs at least %(n)s characters (a few random words are best)"),
                                 n=MIN_PASSPHRASE)
    return passphrase


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism, hash_len=32,
                           type=Type.ID)


def _file_salt(path: Path) -> bytes:
    with open(path, "rb") as handle:
        salt = handle.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise PassphraseError.of(N_("%(file)s is too short to be an encrypted reckon database"), file=str(path))
    return salt


def _key_pragma(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's raw-key form (no PBKDF2); with a salt, a new file is created with that salt."""
    return f"\"x'{key.hex()}{salt.hex() if salt else ''}'\""


def _raw_connect(path: Path, pragma: str | None):
    import sqlcipher3

    con = sqlcipher3.connect(str(path), timeout=30, check_same_thread=False)
    con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our one-line error, not a log dump
    if pragma is not None:
        con.execute(f"PRAGMA key = {pragma}")
    return con


def _verify(con, path: Path) -> None:
    import sqlcipher3

    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        con.close()
        raise PassphraseError.of(N_("wrong passphrase for the encrypted database %(file)s (or the file is "
                                    "damaged); nothing was opened"), file=path.name) from None


def key_for(path: Path) -> bytes:
    """The page key of the existing encrypted database at ``path``, derived once per process."""
    name = str(path.resolve())
    key = _KEYS.get(name)
    if key is None:
        params = _PARAMS.get(name)
        if params is None:
            raise PassphraseError.of(N_("%(file)s is encrypted but was not opened through its workspace"),
                                     file=path.name)
        key = derive_key(ask_passphrase(), _file_salt(path), params)
        _verify(_raw_connect(path, _key_pragma(key)), path)
        _KEYS[name] = key
    return key


def connect(path: Path):
    """A DB-API connection to the encrypted database, keyed, ready for reckon's pragmas."""
    if not path.exists():
        raise PassphraseError.of(N_("the encrypted database %(file)s is missing; restore it from a backup"),
                                 file=str(path))
    con = _raw_connect(path, _key_pragma(key_for(path)))
    # Every page read from disk is decrypted and checked: a larger page cache (32 MiB, SQLite's default is
    # 2 MiB) keeps the hot pages of an import or a link run decrypted once.
    con.execute("PRAGMA cache_size = -32768")
    return con


def engine(url: str) -> Engine:
    """A pooled SQLAlchemy engine over SQLCipher (SQLAlchemy's pysqlite dialect, sqlcipher3 as its DB-API)."""
    import sqlcipher3

    sqlcipher3.register_adapter(type(None), {}.get)  # as store.db does for sqlite3, for import speed
    path = path_of(url)
    return create_engine("sqlite://", creator=lambda: connect(path), module=sqlcipher3, poolclass=QueuePool)


def create_database(path: Path, passphrase: str, params: KdfParams) -> None:
    """A new, empty encrypted database at ``path`` (which must not exist)."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = derive_key(check_new_passphrase(passphrase), salt, params)
    con = _raw_connect(path, _key_pragma(key, salt))
    con.execute("CREATE TABLE reckon_init (x)")  # the first page is written: the file now carries its salt
    con.execute("DROP TABLE reckon_init")
    con.commit()
    con.close()
    os.chmod(path, 0o600)
    register(path, params)
    _KEYS[str(path.resolve())] = key


def rewrite(path: Path, passphrase: str, params: KdfParams, *, plain: bool) -> None:
    """Replace the database at ``path`` by a copy encrypted under ``passphrase`` (new salt), crash-safely.

    The copy is written beside it with ``sqlcipher_export``, fsynced, then renamed over the old file and
    the folder fsynced: at every moment one whole database is at ``path``. Callers must have closed every
    other connection (store.db.dispose_engines) so nothing is left in a WAL file.
    """
    salt = secrets.token_bytes(SALT_BYTES)
    new_key = derive_key(check_new_passphrase(passphrase), salt, params)
    tmp = path.with_name(path.name + ".rekey")
    tmp.unlink(missing_ok=True)
    con = _raw_connect(path, None) if plain else connect(path)
    try:
        if not plain:
            _verify(con, path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")  # the WAL is folded in and removed
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"ATTACH DATABASE ? AS rekeyed KEY {_key_pragma(new_key, salt)}", (str(tmp),))
        con.execute("SELECT sqlcipher_export('rekeyed')")
        con.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        con.commit()
        con.execute("DETACH DATABASE rekeyed")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.chmod(tmp, 0o600)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    register(path, params)
    _KEYS[str(path.resolve())] = new_key


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def forget() -> None:
    """Drop every key and remembered passphrase of this process (tests; after a rekey)."""
    _KEYS.clear()
    _PASSPHRASE.clear()
