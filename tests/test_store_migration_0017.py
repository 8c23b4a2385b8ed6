"""The source's own id stored once (migration 0017), on SQLite and PostgreSQL.

Where a record's external id is its identity the store keeps '' in ``external_id`` and every reader gets
the id spelt out (``Record.external_id``, ``read_records``, the link queries). What must hold: every id
reads back as it was in the file, repeats (numbered ``#2``) included, within a batch, across batches and
on a re-import; downgrading to 0016 writes every id out in full, and upgrading again stores the same as
an import does; a blank id written by hand before 0017 stays no id.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from conftest import shared_path
from reckon.ingest.prepare import Prepared, same_as_identity
from reckon.ingest.service import import_file
from reckon.store.db import alembic_config, dispose_engines, get_engine, upgrade
from reckon.store.imports import number_repeats, spell_out_ids
from reckon.store.link_queries import link_rows
from reckon.store.models import Record
from reckon.store.records import records_read

HEADER = "id,ФИО,Дата рождения\n"


def _stored(url: str) -> dict[str, str | None]:
    """identity -> what the external_id column holds, read past the model."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT identity, external_id FROM record")).all())
    engine.dispose()
    return rows


def _read(url: str) -> list[dict]:
    with get_engine(url).connect() as conn:
        return [{k: v for k, v in d.items() if k != "raw"} for d in records_read(conn, include_old=True)]


def test_ids_read_back_as_written_through_repeats_batches_and_reimports(workspace, tmp_path: Path) -> None:
    url = workspace.database_url
    path = tmp_path / "list.csv"
    rows = [("A", "Тэст Адзін"), ("B", "Тэст Два"), ("A", "Тэст Тры"), ("", "Тэст Без"), ("C", "Тэст Чатыры"),
            ("A", "Тэст Пяць"), ("B#2", "Тэст Шэсць")]
    path.write_text(HEADER + "".join(f"{i},{n},1975\n" for i, n in rows), encoding="utf-8")
    assert import_file(workspace, path, "partner", batch_size=2).new == 7  # repeats across batches
    got = {d["identity"]: d["external_id"] for d in _read(url)}
    assert got == {"A": "A", "B": "B", "A#2": "A", "row:5": None, "C": "C", "A#3": "A", "B#2": "B#2"}
    stored = _stored(url)
    assert stored == {"A": "", "B": "", "A#2": "A", "row:5": None, "C": "", "A#3": "A", "B#2": ""}
    # a re-import (the table of ids seen numbers repeats) with one row changed and a new repeat
    path.write_text(HEADER + "".join(f"{i},{n},1975\n" for i, n in [*rows, ("C", "Тэст Сем")])
                    .replace("Тэст Тры", "Тэст Тры Іначай"), encoding="utf-8")
    report = import_file(workspace, path, "partner", batch_size=3)
    assert (report.new, report.changed) == (1, 1)
    got = {(d["identity"], d["version"]): d["external_id"] for d in _read(url)}
    assert got[("A#2", 2)] == "A" and got[("C#2", 1)] == "C" and got[("C", 1)] == "C"
    with get_engine(url).connect() as conn:
        assert conn.execute(select(Record.external_id).where(Record.identity == "C#2")).scalar_one() == "C"
        assert conn.execute(select(Record.identity).where(Record.external_id == "A", Record.is_current.is_(True))
                            .order_by(Record.identity)).scalars().all() == ["A", "A#2", "A#3"]


def test_downgrade_spells_ids_out_and_upgrade_stores_them_once_again(workspace) -> None:
    url = workspace.database_url
    import_file(workspace, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
    before, compact = _read(url), _stored(url)
    with Session(get_engine(url)) as session:
        links_before = [tuple(r) for r in link_rows(session)]
    assert compact and set(compact.values()) == {""}
    dispose_engines()
    command.downgrade(alembic_config(url), "0016")
    dispose_engines()
    assert _stored(url) == {d["identity"]: d["external_id"] for d in before}  # in full, as 0016 reads them
    engine = create_engine(url)
    with engine.begin() as conn:  # a record with a blank id, as a hand-made row before 0017 could hold
        conn.execute(text("UPDATE record SET external_id = '' WHERE identity = :i"), {"i": before[0]["identity"]})
    engine.dispose()
    upgrade(url)
    dispose_engines()
    assert _stored(url) == {**compact, before[0]["identity"]: None}
    after = _read(url)
    assert after[1:] == before[1:] and after[0] == {**before[0], "external_id": None}
    with Session(get_engine(url)) as session:
        links = [tuple(r) for r in link_rows(session)]
    assert links[1:] == links_before[1:] and links[0][1] is None and links_before[0][1] is not None


def test_a_blank_id_from_a_value_map_is_no_id(sqlite_workspace, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("id,code,ФИО\n1,x,Тэст Адзін\n2,y,Тэст Два\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  code: external_id\n  ФИО: full_name\nidentity: [id]\n"
                       "values:\n  external_id:\n    x: ''\n", encoding="utf-8")
    import_file(sqlite_workspace, path, "partner", mapping=mapping)
    got = {d["identity"]: d["external_id"] for d in _read(sqlite_workspace.database_url)}
    assert got == {"1": None, "2": "y"}


@given(st.lists(st.one_of(st.none(), st.sampled_from(["A", "B", "A#2", "row:9", "Б-1"])), min_size=1, max_size=30),
       st.integers(min_value=0, max_value=3))
def test_every_id_reads_back_whatever_the_numbering(ids: list[str | None], earlier: int) -> None:
    """What an import stores (same_as_identity, then spell_out_ids after numbering) reads back, as
    Record.external_id does (stored '' is the identity), as the id of the file."""
    bases = [f"row:{n}" if i is None else i for n, i in enumerate(ids)]
    batch = Prepared(fields=("external_id",), identities=bases, columns=[same_as_identity(ids, bases)])
    final, _ = number_repeats(bases, {"A": earlier} if earlier else {})
    spell_out_ids(batch, final)
    spell_out_ids(batch, final)  # safe to repeat (a retried batch)
    read = [ident if stored == "" else stored for ident, stored in zip(final, batch.columns[0], strict=True)]
    assert read == ids
