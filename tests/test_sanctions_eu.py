"""The bar on real data: the EU Belarus list imported twice (Belarusian-Latin names, then Russian-Cyrillic
names) gives one official per person, with at most 3 pairs sent to review. Skips without ../shared."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from conftest import shared_path
from reckon.sanctions import import_sanctions, list_officials, review_queue, sanction_gaps
from reckon.store.db import session_scope
from reckon.store.sanctions import OfficialEntity


def test_eu_list_in_two_scripts_gives_312_officials(sqlite_workspace) -> None:
    path = shared_path("eval", "linkage", "eu_blr_annex_ia_persons.csv")
    ws = sqlite_workspace
    first = import_sanctions(ws, path, "eu-be-latn", name_columns=["name_be_latn"])
    second = import_sanctions(ws, path, "eu-ru-cyrl", name_columns=["name_ru_cyrl"])
    assert first.entities_read == 312 and first.errors == []
    # rows without a Russian-Cyrillic name are reported by row, not dropped silently
    assert all(e.field == "name" for e in second.errors) and second.entities_read + len(second.errors) == 312

    officials = list_officials(ws)
    assert len(officials) == 312
    assert len(review_queue(ws)) <= 3
    # the row id is the truth: no official mixes two rows
    with session_scope(ws.database_url) as session:
        groups: dict[int, set[str]] = defaultdict(set)
        for official_id, external_id in session.execute(select(OfficialEntity.official_id,
                                                               OfficialEntity.external_id)):
            groups[official_id].add(external_id)
    assert all(len(ids) == 1 for ids in groups.values())
    # everyone is listed by the EU (programme EU-BLR), so nobody is a gap for the EU and all are for GB
    assert all(o["jurisdictions"] == ["EU"] for o in officials)
    assert sanction_gaps(ws, "EU") == [] and len(sanction_gaps(ws, "GB")) == 312
    # importing both again changes nothing
    again = import_sanctions(ws, path, "eu-ru-cyrl", name_columns=["name_ru_cyrl"])
    assert (again.new, again.changed) == (0, 0) and len(list_officials(ws)) == 312
