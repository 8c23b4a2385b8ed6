"""Persistence of the register: the only package that knows tables and SQL.

Stages keep their own tables in a module here (``models`` for the register core, ``link``, ``news``,
``sanctions``, ``web``), all on one :class:`Base`, with one Alembic migration per stage in a fixed chain.
"""

from reckon.store.audit import audit
from reckon.store.base import Base
from reckon.store.db import dispose_engines, get_engine, session_scope, upgrade

__all__ = ["Base", "audit", "dispose_engines", "get_engine", "session_scope", "upgrade"]
