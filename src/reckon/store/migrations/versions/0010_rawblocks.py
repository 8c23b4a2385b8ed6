"""raw rows of imports leave the record row: zstd-compressed blocks (raw_block), records point into them

Adds the ``raw_block`` table and ``record.raw_block_id`` / ``record.raw_offset``, then moves every
record's raw row into blocks: per import, in file order, 1,000 lines per block, each block with its row
range and the sha256 of its lines; the record keeps the empty object in ``raw`` (the column stays NOT NULL,
so SQLite need not rebuild the record table, which other tables reference). The bytes of each raw row are
kept as the database held them (JSON text), so what was read is what is read back.

Revision ID: 0010
Revises: 0009
"""

import hashlib
import json

import sqlalchemy as sa
import zstandard
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BLOCK_ROWS = 1000  # as reckon.store.rawblocks.BLOCK_ROWS (a migration does not import the code it outlives)

_record = sa.table("record", sa.column("id", sa.Integer), sa.column("import_id", sa.Integer),
                   sa.column("file_name", sa.String), sa.column("row_number", sa.Integer),
                   sa.column("raw", sa.JSON), sa.column("raw_block_id", sa.Integer),
                   sa.column("raw_offset", sa.Integer))
_block = sa.table("raw_block", sa.column("id", sa.Integer), sa.column("import_id", sa.Integer),
                  sa.column("file_name", sa.String), sa.column("first_row", sa.Integer),
                  sa.column("last_row", sa.Integer), sa.column("rows", sa.Integer), sa.column("sha256", sa.String),
                  sa.column("data", sa.LargeBinary))


def _line(text: str | bytes | None) -> bytes:
    """One row's JSON as one line (JSON text laid out on several lines is re-encoded on one)."""
    data = (text or "{}").encode() if not isinstance(text, bytes) else text
    if b"\n" in data:
        data = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()
    return data


def upgrade() -> None:
    op.create_table(
        "raw_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("first_row", sa.Integer(), nullable=False),
        sa.Column("last_row", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["import_batch.id"], name=op.f("fk_raw_block_import_id_import_batch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raw_block")),
    )
    op.create_index(op.f("ix_raw_block_import_id"), "raw_block", ["import_id"], unique=False)
    op.add_column("record", sa.Column("raw_block_id", sa.Integer(), nullable=True))
    op.add_column("record", sa.Column("raw_offset", sa.Integer(), nullable=True))
    _move_rows()


def _move_rows() -> None:
    """Every record's raw row into blocks, import by import, in file order."""
    conn = op.get_bind()
    compressor = zstandard.ZstdCompressor(level=3, write_checksum=True)
    imports = [i for (i,) in conn.execute(sa.select(_record.c.import_id).distinct().order_by(_record.c.import_id))]
    raw_text = sa.cast(_record.c.raw, sa.Text)
    for import_id in imports:
        rows = conn.execute(sa.select(_record.c.id, _record.c.file_name, _record.c.row_number, raw_text)
                            .where(_record.c.import_id == import_id, _record.c.raw_block_id.is_(None))
                            .order_by(_record.c.row_number, _record.c.id)).all()
        for start in range(0, len(rows), BLOCK_ROWS):
            part = rows[start:start + BLOCK_ROWS]
            payload = b"\n".join(_line(r[3]) for r in part)
            block_id = conn.execute(sa.insert(_block).returning(_block.c.id), {
                "import_id": import_id, "file_name": part[0][1], "first_row": part[0][2], "last_row": part[-1][2],
                "rows": len(part), "sha256": hashlib.sha256(payload).hexdigest(),
                "data": compressor.compress(payload)}).scalar_one()
            conn.execute(sa.update(_record).where(_record.c.id == sa.bindparam("rid"))
                         .values(raw={}, raw_block_id=block_id, raw_offset=sa.bindparam("off")),
                         [{"rid": r[0], "off": i} for i, r in enumerate(part)])


def downgrade() -> None:
    conn = op.get_bind()
    decompressor = zstandard.ZstdDecompressor()
    for block_id, data in conn.execute(sa.select(_block.c.id, _block.c.data)).all():
        lines = decompressor.decompress(data).split(b"\n")
        ids = conn.execute(sa.select(_record.c.id, _record.c.raw_offset)
                           .where(_record.c.raw_block_id == block_id)).all()
        conn.execute(sa.update(_record).where(_record.c.id == sa.bindparam("rid"))
                     .values(raw=sa.bindparam("doc")),
                     [{"rid": rid, "doc": json.loads(lines[off])} for rid, off in ids])
    with op.batch_alter_table("record", recreate="never") as batch:
        batch.drop_column("raw_offset")
        batch.drop_column("raw_block_id")
    op.drop_index(op.f("ix_raw_block_import_id"), table_name="raw_block")
    op.drop_table("raw_block")
