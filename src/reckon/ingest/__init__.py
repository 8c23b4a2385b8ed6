"""Getting lists into the register: readers, mappings, field parsers, the import service, queries.

Public surface (the CLI, the demo and the web app call these)::

    from reckon.ingest import import_file, ImportReport
    from reckon.ingest.records import list_sources, list_records, list_quarantine, iter_export_records
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["ImportReport", "import_file"]

if TYPE_CHECKING:  # pragma: no cover
    from reckon.ingest.service import ImportReport, import_file


def __getattr__(name: str) -> Any:
    # Lazy, so importing a submodule does not load SQLAlchemy models.
    if name in __all__:
        from reckon.ingest import service

        return getattr(service, name)
    raise AttributeError(name)
