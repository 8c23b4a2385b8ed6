"""record: the source's own id stored once, not twice, where it is the record's identity

A list with an id column gave every record the same text twice: as its ``identity`` (what re-imports
find it by) and as its ``external_id`` (what the register shows), 9-20 bytes of each record. From this
revision ``external_id`` holds '' (``models.SAME_AS_IDENTITY``) where it equals the identity, and
``Record.external_id`` (``models.external_id_of`` in SQL) spells it out; imports write it so. Upgrading
stores the existing records so; downgrading spells every id out again, so code of 0016 reads them as
before.

No id is blank: the importer reads a blank cell as no id (NULL). A record written otherwise with ''
before this revision (by hand) had no id either, and is given NULL first, so that it does not read as
its identity.

On SQLite the upgrade leaves the freed bytes as free space in the table's pages, which later records
fill; ``VACUUM`` gives them back to the file system at once. PostgreSQL's next vacuum does the same.

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE record SET external_id = NULL WHERE external_id = ''")
    op.execute("UPDATE record SET external_id = '' WHERE external_id = identity")


def downgrade() -> None:
    op.execute("UPDATE record SET external_id = identity WHERE external_id = ''")
