"""Defects a documenter met walking reckon on the real sets of ../shared/eval (read in place): the page of
a sanctions import crashed, `reckon official --format` took any word, a judge's summary line said
"1 cases ... of 1 persons", and dga's refusal of six lists pointed at a Python method instead of --lists."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import shared_path
from test_web_support import csrf_from, login, make_users, serve

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


def test_official_format_is_table_or_json_only(workspace) -> None:
    """`reckon official N -f csv` (or -f xml) printed the table as if asked for it."""
    from reckon.cli import _build
    from reckon.sanctions import import_sanctions, list_officials

    import_sanctions(workspace, shared_path(*EU), "EU")
    official = str(list_officials(workspace)[0]["id"])
    app, where = _build(), ["--workspace", str(workspace.root)]
    refused = CliRunner().invoke(app, ["official", official, "--format", "csv", *where])
    assert refused.exit_code == 2 and "Official" not in refused.stdout
    shown = CliRunner().invoke(app, ["official", official, "--format", "json", *where])
    assert shown.exit_code == 0 and '"sanctions"' in shown.output


def test_dga_refusal_of_six_lists_names_the_option_that_helps() -> None:
    """The refusal named a Python method (CaptureTable.collapse); the command line's way is --lists, and
    the estimate it points to runs."""
    exe = Path(sys.executable).with_name("reckon")
    table = str(shared_path("eval", "mse", "uk_modern_slavery_2013_6lists.csv"))
    refused = subprocess.run([str(exe), "estimate", "--table", table, "--method", "dga"], capture_output=True,
                             text=True, env={**os.environ, "COLUMNS": "200"})
    assert refused.returncode == 1
    assert "--lists" in refused.stderr and "CaptureTable" not in refused.stderr
    done = subprocess.run([str(exe), "estimate", "--table", table, "--method", "dga", "--lists", "LA,NG,PF,GO,GP",
                           "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["method"] == "dga"


def test_linkage_features_of_extra_fields_in_words(workspace) -> None:
    """The Belarusian review page showed the court and the hearing date of a pair (linkage's features
    "extra_court", "extra_court_date") as "extra court" and "extra court date"; only the judge had its
    word. Every extra field the admin list's mapping keeps now reads as the field does."""
    from sqlalchemy import select

    from reckon.i18n import column, label, use
    from reckon.ingest import import_file
    from reckon.store.db import session_scope
    from reckon.store.models import ImportBatch

    import_file(workspace, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
    with session_scope(workspace.database_url) as s:
        mappings = [b.mapping for b in s.execute(select(ImportBatch)).scalars()]
    extras = {t[6:] for m in mappings for t in m["columns"].values() if str(t).startswith("extra.")}
    assert {"court", "court_date", "judge"} <= extras
    for lang in ("be", "ru"):
        with use(lang):
            for name in extras:
                said = column(f"extra_{name}")
                assert said == label(name) and not said.startswith("extra"), (lang, name, said)


def test_quarantine_reasons_in_the_terminals_and_pages_language(workspace, tmp_path) -> None:
    """A copy of the admin list with impossible dates: the reasons were stored and shown in English
    ("detention_date: month is not 1-12") on Belarusian and Russian screens; csv keeps them as stored."""
    import csv

    from reckon.ingest import import_file

    source = shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[:12]
    rows[3][1], rows[5][1] = "2020-13-45", "31.02.2020"   # file rows 4 and 6: event_date
    broken = tmp_path / "broken.csv"
    with open(broken, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = import_file(workspace, broken, "broken")
    assert report.quarantined == 2
    exe = Path(sys.executable).with_name("reckon")

    def quarantine(lang: str, *args: str) -> str:
        env = {**os.environ, "RECKON_LANG": lang, "COLUMNS": "200"}
        done = subprocess.run([str(exe), "quarantine", "--workspace", str(workspace.root), *args],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "дата затрымання: месяц не ад 1 да 12" in quarantine("be")
    assert "дата задержания: такого дня в этом месяце нет" in quarantine("ru")
    assert "detention_date: month is not 1-12" in quarantine("be", "--format", "csv")
    with serve(workspace) as base:
        make_users(workspace.database_url)
        admin = login(base, "admin")
        admin.post("/language", data={"lang": "be", "next": "/",
                                      "csrf_token": csrf_from(admin.get("/").text)})
        html = admin.get(f"/imports/{last_import(workspace.database_url)}").text
        assert "дата затрымання: месяц не ад 1 да 12" in html and "month is not" not in html
        admin.close()
