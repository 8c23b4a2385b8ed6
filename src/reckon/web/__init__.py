"""The web app and JSON API (``reckon serve``): pages, API, access control, jobs, search.

Start with :func:`reckon.web.app.create_app`; the CLI's ``serve`` runs it under uvicorn.
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    """Lazy, so importing reckon.web does not pull in FastAPI for the CLI's other commands."""
    from reckon.web.app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
