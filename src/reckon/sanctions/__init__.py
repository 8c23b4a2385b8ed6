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

__all__ = sorted([
    "import_sanctions", "ImportReport", "list_officials", "official_detail", "sanctions_matrix", "sanction_gaps",
    "export_officials", "ftm_lines", "jurisdictions", "add_reported_sanctions", "add_accountability_event",
    "link_cases", "review_queue", "decide", "rematch", "MatchSettings", "demo_sanctions",
])


def __getattr__(name: str) -> Any:  # lazy: importing the package must not load followthemoney or ICU
    if name in ("import_sanctions", "ImportReport"):
        from reckon.sanctions import importer as module
    elif name in ("list_officials", "official_detail", "sanctions_matrix", "sanction_gaps", "export_officials",
                  "ftm_lines", "jurisdictions"):
        from reckon.sanctions import views as module
    elif name in ("add_reported_sanctions", "add_accountability_event", "link_cases", "review_queue", "decide"):
        from reckon.sanctions import service as module
    elif name in ("rematch", "MatchSettings"):
        from reckon.sanctions import matching as module
    elif name == "demo_sanctions":
        from reckon.sanctions import demo as module
    else:
        raise AttributeError(f"module 'reckon.sanctions' has no attribute {name!r}")
    return getattr(module, name)
