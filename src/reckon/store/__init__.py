"""Persistence of the register: the only package that knows tables and SQL.

Stages keep their own tables in a module here (``models`` for the register core, ``link``, ``news``,
``sanctions``, ``web``), all on one :class:`~reckon.store.base.Base`, with one Alembic migration per stage
in a fixed chain. Import what you need from its module (``reckon.store.db``, ``reckon.store.audit``): this
package imports nothing itself, so the modules without SQLAlchemy (``shapes``, ``packing``, ``rows``) stay
light for the import's reader worker (:mod:`reckon.ingest.worker`).
"""
