"""What the store writes in English for people to read: who holds a lock, what the database refused, why an
operation ended. Kept as catalogued templates (``N_``) that a surface says in its reader's language.

Why a light module of its own: the words are written where the reader is unknown (a lock's holder file is
written by another process, a job fails in a worker), stored or passed as English text, and said where
shown (:mod:`reckon.said_errors`, the job page, the terminal); the surfaces that say them must not load
SQLAlchemy to know them (``reckon names show`` starts without it)."""

from __future__ import annotations

from reckon.errors import N_

# who holds the workspace's write lock, or a lock of a kind of run (store.locks)
IMPORT_OF = N_("the import of %(file)s into '%(source)s'")
IMPORT_INTO = N_("another import into '%(source)s'")
RUN_ON_WORKSPACE = N_("another %(name)s run on this workspace")
RUN_ON_DATABASE = N_("another %(name)s run on this database")
WHAT = (IMPORT_OF, IMPORT_INTO, RUN_ON_WORKSPACE, RUN_ON_DATABASE, N_("claiming a job"), N_("a job's progress"),
        N_("indexing names for search"), N_("another writer"), N_("another reckon process"),
        N_("another reckon process (an import, a link run or a web job)"))
WAITING = N_("waiting for %(what)s to finish")
GAVE_UP = N_("gave up after %(seconds)s s waiting for %(what)s to finish; nothing was written. Try again when "
             "it is done (RECKON_LOCK_WAIT sets the wait)")

# what was being done when the database refused (store.db.database_error)
OPERATION = N_("the operation")
IMPORT_OF_FILE = N_("the import of %(file)s")
FIRST_LOOK = N_("the worker's first look at the job queue")
DOING = (OPERATION, IMPORT_OF_FILE, FIRST_LOOK)

# why an operation ended when the error is not one of reckon's (store.db.public_message)
OUT_OF_MEMORY = N_("out of memory; try a smaller file or a machine with more memory")
UNEXPECTED = N_("unexpected %(type)s; nothing of the data is shown here. Run again with RECKON_DEBUG=1 for the "
                "traceback and report it")
ENDED = (OUT_OF_MEMORY, UNEXPECTED)
