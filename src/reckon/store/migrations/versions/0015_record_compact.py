"""record: the file name and time move to the import, content hashes as bytes, the person index partial

A list import wrote the same file name and the same timestamp into each of its records (a million
records, a million copies: 35 of an imported record's 257 bytes on SQLite); both are the import's and
stay on ``import_batch`` (``file_name``, ``started_at``), which ``Record.file_name`` / ``created_at`` read
through. The content hash is kept as its bytes (16, not 32 hex characters): PostgreSQL's column becomes
``bytea`` (hex text converted, any other text kept as its UTF-8); SQLite's column keeps what it holds
(hex text stays readable, new hashes are blobs). ``ix_record_person_id`` covers linked records only: an
import's records are all unlinked, and every query by person asks for a person.

Before the columns go, every record's file name is checked against its import's: they are equal by
construction (imports, news, corrections all name the import's file), and if some are not, the
migration stops and says how many, rather than lose them.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    differ = conn.execute(sa.text(
        "SELECT count(*) FROM record JOIN import_batch b ON b.id = record.import_id "
        "WHERE record.file_name <> b.file_name")).scalar_one()
    if differ:
        raise RuntimeError(f"migration 0015: {differ} records name another file than their import; "
                           "nothing was changed (the file name moves onto the import)")
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        op.execute("ALTER TABLE record ALTER COLUMN content_hash TYPE bytea USING CASE "
                   "WHEN content_hash ~ '^([0-9a-f][0-9a-f])*$' THEN decode(content_hash, 'hex') "
                   "ELSE convert_to(content_hash, 'UTF8') END")
    for column in ("file_name", "created_at"):
        # SQLite (3.35+) drops a column in place: no rebuild of a table others reference.
        op.execute(f"ALTER TABLE record DROP COLUMN {column}")
    op.drop_index("ix_record_person_id", "record")
    op.create_index("ix_record_person_id", "record", ["person_id"], postgresql_where=sa.text("person_id IS NOT NULL"),
                    sqlite_where=sa.text("person_id IS NOT NULL"))


def downgrade() -> None:
    conn = op.get_bind()
    op.drop_index("ix_record_person_id", "record")
    op.create_index("ix_record_person_id", "record", ["person_id"])
    timestamp = "TIMESTAMP WITHOUT TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME"
    op.execute("ALTER TABLE record ADD COLUMN file_name VARCHAR(500) NOT NULL DEFAULT ''")
    op.execute(f"ALTER TABLE record ADD COLUMN created_at {timestamp} NOT NULL DEFAULT '1970-01-01 00:00:00'")
    op.execute("UPDATE record SET file_name = (SELECT b.file_name FROM import_batch b WHERE b.id = record.import_id), "
               "created_at = (SELECT b.started_at FROM import_batch b WHERE b.id = record.import_id)")
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE record ALTER COLUMN file_name DROP DEFAULT")
        op.execute("ALTER TABLE record ALTER COLUMN created_at DROP DEFAULT")
        op.execute("ALTER TABLE record ALTER COLUMN content_hash TYPE VARCHAR(64) USING encode(content_hash, 'hex')")
    else:  # hashes written as blobs since 0015 back to hex text
        op.execute("UPDATE record SET content_hash = lower(hex(content_hash)) WHERE typeof(content_hash) = 'blob'")
