"""What the store's values look like, as plain data: the import's reader worker needs it without SQLAlchemy.

Why a module of its own: the reader worker (:mod:`reckon.ingest.worker`) is a fresh interpreter, and every
module it imports is start-up time it spends before its first batch while the importing process waits.
Importing :mod:`reckon.store.models` or :mod:`reckon.store.imports` for a few constants loaded SQLAlchemy
and every model (about 0.4 s of CPU). The store's own modules take these names from here, so each is
written once; nothing here may import SQLAlchemy (``tests/test_register_worker.py`` checks it).
"""

from __future__ import annotations

__all__ = ["SEXES", "STATUSES", "SAME_AS_IDENTITY", "CONTENT_HASH_CHARS", "HASH_BYTES", "RECORD_LENGTHS"]

SEXES = ("male", "female")
STATUSES = ("in_custody", "released", "deceased", "persecuted", "wanted", "unknown")

SAME_AS_IDENTITY = ""
"""What ``record.external_id`` holds when the source's id is the record's identity (migration 0017). No
id is ever blank (a blank cell is no id), so this cannot be taken for a real one."""

CONTENT_HASH_CHARS = 16
"""A record's content hash is the first 64 bits of its sha256: 16 characters in hex, stored as its 8
bytes (:class:`reckon.store.models.ContentHash`). It is only ever compared with the hash of the same
(source, identity)'s current version, to tell a changed row from an unchanged one, so 64 bits leave a
changed row taken for unchanged at odds of 1 in 2**64; no index or join uses it. Records stored with
longer hashes (16 bytes from migration 0015 to 2026-12-07, 64 hex characters before) compare on this
prefix, so re-importing their rows still finds them unchanged."""
HASH_BYTES = CONTENT_HASH_CHARS // 2

RECORD_LENGTHS: dict[str, int] = {
    "identity": 300, "external_id": 300, "full_name": 1000, "surname": 300, "given_name": 300,
    "patronymic": 300, "initials": 20, "sex": 10, "birth_date": 10, "region": 200, "locality": 200,
    "detention_date": 10, "release_date": 10, "status": 20, "sentence": 500, "place_of_detention": 1000,
}
"""The ``record`` table's text columns with a length limit, by column name: :class:`reckon.store.models.Record`
declares its ``String(n)`` columns from this, and an import checks each mapped field against it
(:mod:`reckon.ingest.storable`). A change here needs a migration."""
