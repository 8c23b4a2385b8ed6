"""Defects a documenter met walking reckon on the real sets of ../shared/eval (read in place): the page of
a sanctions import crashed, `reckon official --format` took any word, a judge's summary line said
"1 cases ... of 1 persons", and dga's refusal of six lists pointed at a Python method instead of --lists."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from conftest import shared_path
from test_web_support import login, make_users, serve

EU = ("eval", "linkage", "eu_blr_annex_ia_persons.csv")


def last_import(url: str) -> int:
    from sqlalchemy import func, select

    from reckon.store.db import session_scope
    from reckon.store.models import ImportBatch

    with session_scope(url) as s:
        return s.execute(select(func.max(ImportBatch.id))).scalar_one()


def test_page_of_a_sanctions_import_shows_its_columns(workspace) -> None:
    """A sanctions list's mapping is field -> its columns (a list); the import page read it as column ->
    field and answered 500 ('list object' has no attribute 'startswith')."""
    from reckon.sanctions import import_sanctions

    import_sanctions(workspace, shared_path(*EU), "EU")
    with serve(workspace) as base:
        make_users(workspace.database_url)
        admin = login(base, "admin")
        page = admin.get(f"/imports/{last_import(workspace.database_url)}")
        assert page.status_code == 200, page.text[:300]
        cells = re.findall(r"<td>([^<]*)</td>", page.text)
        # every name column of the file is shown, each going to the name
        for column in ("name_be_latn", "name_ru_latn", "name_be_cyrl", "name_ru_cyrl", "listing_date"):
            assert column in cells
        assert cells[cells.index("listing_date") + 1] == "date of listing"
        admin.close()
