"""What a documenter met in English on Belarusian screens, and small output defects, on the real sets of
../shared/eval (read in place): estimate's refusals, the readers' words for a row that does not fit its
header, the 500 page, job and sanctions labels; "born ?", a bare Accountability header, gaps of a
jurisdiction with no list, and the numbers of compared models that did not say they are BIC.

A message still untranslated in the catalogue reads in English; what is asserted here is that each one is
said through a catalogued message (the lead's catalogue then carries it), and the parts already in the
catalogue (file, row, field) in Belarusian."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon import i18n, said_errors
from reckon.errors import ConfigError, InputError
from test_i18n import source_msgids

EU = ("eval", "linkage", "eu_blr_annex_ia_persons.csv")
MSE = ("eval", "mse")


@pytest.fixture(scope="module")
def catalogued() -> set[str]:
    return source_msgids()


def test_estimate_refusals_are_catalogued_and_said_in_belarusian(catalogued) -> None:
    """dga on six lists, log-linear on eight at order 2, a table with an empty count: each refusal carries
    its message and parameters; the command line says file, row and field in the terminal's language."""
    from reckon.cli.common import error_message
    from reckon.estimate import estimator
    from reckon.estimate.table import CaptureTable

    six = CaptureTable.from_csv(shared_path(*MSE, "uk_modern_slavery_2013_6lists.csv"))
    eight = CaptureTable.from_csv(shared_path(*MSE, "new_orleans_trafficking_8lists_MSEpkg_n186.csv"))
    with pytest.raises(InputError) as dga:
        estimator("dga")(six)
    with pytest.raises(ConfigError) as loglinear:
        estimator("loglinear")(eight, max_order=2)
    for caught in (dga, loglinear):
        assert caught.value.template in catalogued
    assert dga.value.params["k"] == 6 and "--lists" in str(dga.value)
    with i18n.use("be"):
        said, code = error_message(dga.value)
        expected = i18n.gettext(dga.value.template) % {**dga.value.params, "k": "6", "min": "3", "max": "5"}
    assert code == 1 and said.startswith("файл uk_modern_slavery_2013_6lists.csv: ")
    assert expected != i18n.gettext(dga.value.template) % {**dga.value.params}  # said in Belarusian, not English
    assert said.endswith(expected)


def test_empty_count_names_file_row_and_field_in_the_terminals_language(tmp_path, catalogued) -> None:
    """A real table with one count emptied: the refusal names the file, the row and the field in words."""
    from reckon.estimate.table import CaptureTable

    source = shared_path(*MSE, "western_us_sex_trafficking_5lists.csv")
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][-1] = ""
    broken = tmp_path / "western.csv"
    with open(broken, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(InputError) as caught:
        CaptureTable.from_csv(broken)
    assert caught.value.template == "count is empty" and caught.value.template in catalogued
    with i18n.use("be"):
        said = said_errors.error_text(caught.value)
        field = i18n.label(rows[0][-1])
        assert said == f"файл western.csv, радок 3, поле «{field}»: " + i18n.gettext("count is empty"), said


def test_a_short_and_a_long_row_are_said_through_catalogued_messages(tmp_path, catalogued) -> None:
    """The admin list with one row cut short and one too long: the stored warning and quarantine reason
    keep the English words (csv, the API), and are said through their catalogued message on screen."""
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.ingest.table import LONG_ROW, SHORT_ROW

    source = shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv")
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[:8]
    width = len(rows[0])
    rows[2] = rows[2][:4]
    rows[4] = [*rows[4], "x", "y"]
    broken = tmp_path / "broken.csv"
    with open(broken, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = import_file(init_workspace(tmp_path / "ws"), broken, "broken")
    assert SHORT_ROW in catalogued and LONG_ROW in catalogued
    [warning] = report.warnings
    assert warning["row"] == 3 and warning["reason"] == SHORT_ROW % {"missing": width - 4, "cells": 4,
                                                                      "width": width}
    with i18n.use("be"):
        assert said_errors.reason(warning["reason"]) == i18n.gettext(SHORT_ROW) % {
            "missing": str(width - 4), "cells": "4", "width": str(width)}
        reasons = [reason for (_column, reason) in report.reasons]
        long_said = [said_errors.reason(r) for r in reasons]
        long_expected = [i18n.gettext(LONG_ROW) % {"cells": str(width + 2), "width": str(width)}]
    assert reasons == [LONG_ROW % {"cells": width + 2, "width": width}]
    assert long_said == long_expected and long_said != reasons  # said in Belarusian, stored in English


def test_the_500_page_is_in_the_readers_language(sqlite_workspace, catalogued) -> None:
    """The page of an unexpected error was a fixed English line outside the site's layout."""
    import asyncio

    from starlette.requests import Request

    from reckon.web.app import create_app

    app = create_app(sqlite_workspace, start_indexer=False)
    handler = app.exception_handlers[Exception]
    scope = {"type": "http", "method": "GET", "path": "/persons", "raw_path": b"/persons", "query_string": b"",
             "headers": [(b"accept-language", b"be")], "app": app, "scheme": "http", "server": ("x", 80),
             "client": ("127.0.0.1", 1), "root_path": ""}
    response = asyncio.run(handler(Request(scope), RuntimeError("boom")))
    page = response.body.decode()
    assert response.status_code == 500 and 'lang="be"' in page and "boom" not in page
    assert "Internal error: see the server log." in catalogued
    with i18n.use("be"):
        assert i18n.gettext("Internal error: see the server log.") in page


def test_job_and_sanctions_fields_have_words(catalogued) -> None:
    """The search index job's result and a sanctions list's fields read as codes with spaces."""
    for code in ("records_indexed", "keys"):   # a job's result is shown through label
        assert i18n.LABELS.get(code) in catalogued, code
    for code in ("position", "birth_place", "alias", "jurisdiction", "source_document"):  # a mapping's targets
        assert i18n.COLUMNS.get(code) in catalogued, code


def test_official_without_birth_date_or_accountability(workspace) -> None:
    """`reckon official N` said "born ?" and printed an empty Accountability table as a bare header;
    `sanctions gaps -j US` listed every official without saying that no US list is in the register."""
    from reckon.cli import _build
    from reckon.sanctions import import_sanctions, list_officials

    import_sanctions(workspace, shared_path(*EU), "EU")
    undated = [o for o in list_officials(workspace) if not o["birth_date"]]
    assert undated, "the EU annex has officials without a birth date"
    app, where, env = _build(), ["--workspace", str(workspace.root)], {"RECKON_LANG": "en", "COLUMNS": "200"}
    shown = CliRunner().invoke(app, ["official", str(undated[0]["id"]), *where], env=env)
    assert shown.exit_code == 0, shown.output
    assert "born" not in shown.stdout.splitlines()[0]
    assert "no accountability measures recorded for this official" in shown.stdout
    gaps = CliRunner().invoke(app, ["sanctions", "gaps", "-j", "US", *where], env=env)
    assert gaps.exit_code == 0 and "no sanctions list of US is in the register" in gaps.stderr
    eu = CliRunner().invoke(app, ["sanctions", "gaps", "-j", "EU", *where], env=env)
    assert eu.exit_code == 0 and "no sanctions list" not in eu.stderr


def test_models_compared_say_what_their_numbers_are() -> None:
    """The list of log-linear models printed BIC values without a word, and the JSON named them "weight"
    (kept for programs); dga's are posterior probabilities."""
    from reckon.estimate import estimator
    from reckon.estimate.table import CaptureTable

    table = CaptureTable.from_csv(shared_path(*MSE, "western_us_sex_trafficking_5lists.csv"))
    loglinear = estimator("loglinear")(table)
    assert "models compared (20), best first, by BIC (lower is better):" in loglinear.summary()
    first = json.loads(json.dumps(loglinear.to_dict()))["models"][0]
    assert first["bic"] == first["weight"] == loglinear.models[0][1]
    dga = estimator("dga")(table)
    assert "by posterior probability" in dga.summary()
    top = dga.to_dict()["models"][0]
    assert top["probability"] == top["weight"] and 0 < top["probability"] <= 1
