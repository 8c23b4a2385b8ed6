"""Moved to :mod:`reckon.services.summary` (the step after every write is a service, not the report's).

Kept for one session only, as a re-export, so that branches written against the old path still import;
``tests/test_architecture_imports.py`` fails on any module that imports it, so it stays unused and goes
once those branches are merged.
"""

from __future__ import annotations

from reckon.services.summary import (  # noqa: F401
    FINGERPRINT_TABLES,
    GENERATION_TABLES,
    NAME,
    SCHEME,
    UNKNOWN,
    Aggregates,
    Snapshot,
    Summary,
    after_change,
    aggregates,
    compute,
    current,
    fingerprint,
    forget,
    fresh_histories,
    generation,
    refresh,
    refresh_soon,
    snapshot,
)

__all__ = ["FINGERPRINT_TABLES", "GENERATION_TABLES", "NAME", "SCHEME", "UNKNOWN", "Aggregates", "Snapshot",
           "Summary", "after_change", "aggregates", "compute", "current", "fingerprint", "forget",
           "fresh_histories", "generation", "refresh", "refresh_soon", "snapshot"]
