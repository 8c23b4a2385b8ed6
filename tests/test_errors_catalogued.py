"""Errors a documenter can meet are catalogued (``ReckonError.of``), so the CLI and the web pages say them in
the reader's language; ``str(error)`` stays English for logs and programs. Made-up files only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reckon import i18n
from reckon.errors import ConfigError, InputError, ReckonError
from reckon.said_errors import error_text

SRC = Path(__file__).resolve().parents[1] / "src" / "reckon"
# Raises left in English on purpose: a library caller's programming errors (shapes, grids, priors given as
# arrays, linkage-uncertainty inputs, a sanctions call given neither a workspace nor a session) that no
# command or page can reach; and a correction's bad value, which names its field and no file or row and is
# said through its own catalogued messages (said_errors.in_words, histories.corrections.MESSAGES).
LIBRARY_ONLY = {
    "estimate/dga.py": {"decomposable_graphs", "missing_grid", "negative_binomial_log_prior", "_log_prior_on_grid",
                        "dga_posterior", "estimate_dga"},
    "estimate/_loglinear_model.py": {"__post_init__"},
    "estimate/table.py": {"__post_init__"},
    "estimate/uncertainty.py": {"*"},
    "sanctions/session.py": {"use_session"},
    "histories/corrections.py": {"_parse"},
}
# Every module of the package: a new error a command or a page can show, built from bare English, fails here.
CHECKED = ["."]
# reckon's errors that take their message as the first argument (JobFailure takes a code, EstimateRefused
# coded reasons, web.jobs.Busy a job).
ERRORS = {"InputError", "ConfigError", "WorkspaceError", "ReckonError", "MappingError", "BusyError", "StoreError",
          "PassphraseError", "RateLimited", "SecondFactorNeeded", "TooManyJobs", "NothingToLink"}


def _english_raises(path: Path) -> list[tuple[str, int]]:
    """(function, line) of each error of reckon built from a bare English text in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None   # crypto.PassphraseError(...)
            if name in ERRORS and node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr):
                out.append((fn.name, node.lineno))
    return out


def test_no_user_facing_error_is_built_from_bare_english() -> None:
    found = []
    for part in CHECKED:
        paths = [SRC / part] if part.endswith(".py") else sorted((SRC / part).rglob("*.py"))
        for path in paths:
            rel = path.relative_to(SRC).as_posix()
            allowed = LIBRARY_ONLY.get(rel, set())
            found += [f"{rel}:{line} ({fn})" for fn, line in _english_raises(path)
                      if "*" not in allowed and fn not in allowed]
    assert found == [], "raise these through .of(N_(...)): " + ", ".join(found)


def test_a_bad_capture_table_is_said_in_belarusian_with_its_file_row_and_field(tmp_path: Path) -> None:
    from reckon.estimate.table import CaptureTable

    path = tmp_path / "made_up.csv"
    path.write_text("A,B,count\n1,0,12\n0,1,\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        CaptureTable.from_csv(path)
    assert str(err.value) == "file made_up.csv, row 3, field 'count': count is empty"
    with i18n.use("be"):
        said = error_text(err.value)
    assert said is not None and "файл made_up.csv" in said and "радок 3" in said and "колькасць пустая" in said


def test_whole_numbers_read_alike_in_the_english_text_and_the_said_one(tmp_path: Path) -> None:
    from reckon.ingest.table import MAX_COLUMNS, clean_headers

    with pytest.raises(InputError) as err:
        clean_headers([f"c{i}" for i in range(MAX_COLUMNS + 500)], tmp_path / "wide.csv")
    assert err.value.params["n"] == MAX_COLUMNS + 500
    with i18n.use("en"):
        said = error_text(err.value)
    assert said is not None and f"{MAX_COLUMNS + 500:,}" in str(err.value) and f"{MAX_COLUMNS + 500:,}" in said


def test_an_option_error_of_the_estimators_keeps_its_parameters() -> None:
    from reckon.estimate.table import CaptureTable
    from reckon.services.estimate import run_method

    table = CaptureTable.from_counts({"10": 30, "01": 25, "11": 12})
    with pytest.raises(ConfigError) as err:
        run_method(table, "loglinear", delta=2.0)
    assert err.value.template and err.value.params == {"method": "loglinear", "options": "--delta", "owners": "dga"}
    for level in (0.0, 1.0, 1.5):
        with pytest.raises(ConfigError) as bad:
            run_method(table, "loglinear", level=level)
        assert bad.value.params == {"level": str(level)}


def test_the_import_worker_passes_the_catalogued_message(workspace, tmp_path: Path, monkeypatch) -> None:
    from reckon.ingest import import_file

    monkeypatch.setenv("RECKON_IMPORT_WORKER", "1")
    path = tmp_path / "list.json"
    path.write_text('[{"id": 1, "full_name": "Made Up"} {"id": 2}]', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_file(workspace, path, "made_up")
    assert isinstance(err.value, ReckonError) and err.value.template is not None
    assert err.value.params["item"] == 1 and err.value.file == "list.json" and err.value.row == 2
    with i18n.use("be"):
        said = error_text(err.value)
    assert said is not None and "файл list.json" in said and "радок 2" in said


def test_a_stratum_without_an_estimate_says_why_in_the_readers_language() -> None:
    """A stratum's "no estimate" keeps the error's template and parameters, so the stored warning is said in
    Belarusian later; its English text stays for programs."""
    from reckon.estimate.notes import error_note, note, shown, text
    from reckon.estimate.table import CaptureTable
    from reckon.jsonable import jsonable

    table = CaptureTable.from_counts({"10": 7, "01": 5}, source="region=Made-up")
    with pytest.raises(InputError) as err:
        table.require_overlap()
    warning = note("no_estimate", reason=error_note(err.value))
    assert str(warning).startswith("no estimate: no one is on two lists")
    stored = jsonable(warning)  # as an estimate row keeps it
    with i18n.use("be"):
        assert text(stored) == ("ацэнкі няма: ніхто не трапіў у два спісы: спісы не перасякаюцца, таму колькасць "
                                "тых, каго ніхто не ўбачыў, ацаніць нельга")
        assert shown(stored)["params"]["reason"]["text"] == str(err.value)  # programs keep the English
    assert error_note(ValueError("plain")) == "plain"


def test_an_id_is_said_as_typed_never_as_a_quantity() -> None:
    """"no history for person 12345" must name the id one types back: no "12,345" in English, no "12 345" in
    Belarusian, while a count in the same message shape keeps its separators."""
    err = ConfigError.of("no history for person %(id)s", id=12345)
    assert str(err) == "no history for person 12345"
    for lang in ("en", "be", "ru"):
        with i18n.use(lang):
            said = error_text(err)
        assert said is not None and "12345" in said, (lang, said)
    assert "7,000" in str(ConfigError.of("%(n)s columns", n=7000))
    assert "person 4242" in str(ConfigError.of("person %(person_id)s", person_id=4242))
