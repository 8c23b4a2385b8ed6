"""Officials and sanctions: who is responsible, who sanctions them, where the gaps are.

Public surface (the CLI and the web app call these; each takes a workspace or a session):

* :func:`import_sanctions` — FtM JSON lines or CSV lists into a workspace, then matching across sources.
* :func:`list_officials`, :func:`official_detail`, :func:`sanctions_matrix`, :func:`sanction_gaps`,
  :func:`export_officials`, :func:`ftm_lines` — views and exports.
* :func:`add_reported_sanctions` — sanctions reckon.news finds in articles, kept apart as *reported*.
* :func:`add_accountability_event`, :func:`link_cases`, :func:`review_queue`, :func:`decide`.
* :func:`demo_sanctions` — the synthetic officials step of ``reckon demo``.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "import_sanctions": "reckon.sanctions.importer",
    "SanctionsImportReport": "reckon.sanctions.importer",
    "list_officials": "reckon.sanctions.views",
    "official_detail": "reckon.sanctions.views",
    "sanctions_matrix": "reckon.sanctions.views",
    "sanction_gaps": "reckon.sanctions.views",
    "export_officials": "reckon.sanctions.views",
    "ftm_lines": "reckon.sanctions.views",
    "jurisdictions": "reckon.sanctions.views",
    "add_reported_sanctions": "reckon.sanctions.service",
    "add_accountability_event": "reckon.sanctions.service",
    "link_cases": "reckon.sanctions.service",
    "review_queue": "reckon.sanctions.service",
    "decide": "reckon.sanctions.service",
    "rematch": "reckon.sanctions.matching",
    "MatchSettings": "reckon.sanctions.matching",
    "demo_sanctions": "reckon.sanctions.demo",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:  # lazy: importing the package must not load followthemoney or ICU
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reckon.sanctions' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
