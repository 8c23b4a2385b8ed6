"""What a Belarusian documenter met walking reckon on the real sets of ../shared/eval (read in place), on
SQLite and PostgreSQL: English on Belarusian screens (the import's notes and reasons, a mapping file's
mistakes, an empty list, a request's refused value, errors of person, explain, sources and capture
tables), a whole column of bad birth dates dropped without a word by the import, a frequency step that
said "the same detention day" beside two different days, a count's hint that still asked to declare the
list's date once it was declared, and numbers of estimate's output in English signs.

A message still untranslated in the catalogue reads in English; what is asserted is that each one is said
through a catalogued message (the lead's catalogue then carries it) and the parts already catalogued
(file, row, field, the field's words) in Belarusian."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_path
from reckon import i18n, said_errors
from test_i18n import source_msgids

SRC = Path(__file__).resolve().parents[1] / "src"
EU = ("eval", "linkage", "eu_blr_annex_ia_persons.csv")
LISTS = ("eval", "lists")


@pytest.fixture(scope="module")
def catalogued() -> set[str]:
    return source_msgids()


def run(args: list[str], root: Path, lang: str = "be") -> tuple[int, str]:
    """A command as the terminal runs it (``python -m reckon``: errors are printed by the entry point), in
    ``lang``: its exit code and everything it printed, lines joined."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "RECKON_LANG": lang, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "reckon", *args, "--workspace", str(root)], capture_output=True,
                          text=True, env=env, timeout=600)
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def eu_rows(numbers: list[int]) -> tuple[list[str], list[list[str]]]:
    """The EU annex's header and its rows of these row numbers (as the file counts them: header is 1)."""
    with open(shared_path(*EU), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [rows[n - 1] for n in numbers]


def test_the_import_says_a_column_of_bad_dates_was_left_out(workspace, tmp_path, catalogued) -> None:
    """The two EU rows whose birth date is uncertain ("21.11.1964 / 1965", "1979, 1980 or 1981") alone: the
    inferred mapping leaves birth_date out, and only the dry run said so; the import stored the rows without
    a word. Now the import prints the note, through a catalogued message with the field in words."""
    from reckon.ingest.mapping import MAPPING_NOTES, NOTE_NO_NAME, NOTE_UNPARSED

    header, rows = eu_rows([115, 303])
    part = tmp_path / "eu_uncertain_births.csv"
    with open(part, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["full_name" if h == "name_be_cyrl" else h for h in header], *rows])
    code, out = run(["import", str(part), "--source", "eu_part"], workspace.root)
    assert code == 0, out
    with i18n.use("be"):
        words = i18n.label("birth_date")
        expected = i18n.gettext(NOTE_UNPARSED) % {"column": "birth_date", "field": words, "good": "0", "total": "2"}
    assert words != "birth date" and expected in out, out
    assert set(MAPPING_NOTES) <= catalogued and NOTE_NO_NAME in MAPPING_NOTES


def test_eu_list_without_a_mapping_says_why_in_belarusian(workspace, catalogued) -> None:
    """The EU annex names its people in name_* columns no header word knows: every row is quarantined
    "no name in this row", and the note says so; reason and note are catalogued and said through it."""
    from reckon.ingest import import_file
    from reckon.ingest.mapper import NO_NAME
    from reckon.ingest.mapping import NOTE_NO_NAME

    report = import_file(workspace, shared_path(*EU), "eu")
    assert report.quarantined == 312 and NOTE_NO_NAME in report.mapping.notes
    reasons = {reason for (_column, reason) in report.reasons}
    assert NO_NAME in reasons and NO_NAME in catalogued and NOTE_NO_NAME in catalogued
    with i18n.use("be"):
        assert said_errors.reason(NOTE_NO_NAME) == i18n.gettext(NOTE_NO_NAME)
        assert said_errors.reason(NO_NAME) == i18n.gettext(NO_NAME)


def test_a_mapping_naming_a_missing_column_names_both_files(workspace, tmp_path, catalogued) -> None:
    """`--mapping` naming a column the EU annex lacks: the error names the list, the mapping file and the
    field it is about, in the terminal's language; a broken mapping file names its line."""
    from reckon.errors import ConfigError, MappingError
    from reckon.ingest import import_file

    mapping = tmp_path / "eu_be.yaml"
    mapping.write_text("columns:\n  імя: full_name\n", encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        import_file(workspace, shared_path(*EU), "eu", mapping=mapping)
    exc = caught.value
    assert isinstance(exc, ConfigError) and exc.template in catalogued
    assert (exc.file, exc.field, exc.params["mapping"]) == ("eu_blr_annex_ia_persons.csv", "columns", "eu_be.yaml")
    code, out = run(["import", str(shared_path(*EU)), "--source", "eu", "--mapping", str(mapping)], workspace.root)
    assert code == 1 and "Traceback" not in out
    assert out.startswith("памылка: файл eu_blr_annex_ia_persons.csv, поле «"), out
    broken = tmp_path / "broken.yaml"
    broken.write_text("columns:\n  name_be_cyrl: full_name\n  x: [y\n", encoding="utf-8")
    code, out = run(["import", str(shared_path(*EU)), "--source", "eu", "--mapping", str(broken)], workspace.root)
    assert code == 1 and out.startswith("памылка: файл broken.yaml, радок "), out


def test_an_empty_list_and_a_truncated_one(workspace, tmp_path, catalogued) -> None:
    """An empty file: the refusal names file and row in Belarusian. The admin list cut mid-row: the last
    row is stored with its warning, nothing lost, no traceback."""
    from reckon.ingest.readers import open_table

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out = run(["import", str(empty), "--source", "e"], workspace.root)
    assert code == 1 and "Traceback" not in out
    assert out.startswith("памылка: файл empty.csv, радок 1: "), out
    assert "no header row; the first line must name the columns" in catalogued
    cut = tmp_path / "cut.csv"
    cut.write_bytes(shared_path(*LISTS, "viasna_admin_cases_2020_sample.csv").read_bytes()[:20000])
    code, out = run(["import", str(cut), "--source", "cut"], workspace.root)
    assert code == 0 and "Traceback" not in out, out
    with open_table(cut) as reader:
        assert sum(1 for _ in reader) == 64  # every row kept: 63 whole and the cut one with its warning


def test_errors_of_persons_records_and_sources_are_catalogued(workspace, catalogued) -> None:
    """`reckon person 999999`, `reckon explain` before any link, `reckon records --source nosuch`,
    `reckon histories source` with 31.02.2024: each error catalogued, said without a traceback."""
    from reckon.ingest import import_file

    import_file(workspace, shared_path(*LISTS, "viasna_political_prisoners_sample.csv"), "viasna")
    for args, template in (
            (["person", "999999"], "no person with id %(id)s (linkage may not have run yet)"),
            (["explain", "1", "2"], "no trained model yet: run `reckon link` first"),
            (["records", "--source", "nosuch"], "no source named %(names)s; sources are %(sources)s"),
            (["histories", "source", "nosuch"], "no source named '%(source)s'; `reckon sources` lists them")):
        code, out = run(args, workspace.root)
        assert code == 1 and "Traceback" not in out and out.startswith("памылка: "), (args, out)
        assert template in catalogued
    code, out = run(["histories", "source", "viasna", "--list-date", "31.02.2024"], workspace.root)
    with i18n.use("be"):
        said = i18n.gettext("%(option)s %(value)r is not a date; write it as YYYY-MM-DD") % {
            "option": "--list-date", "value": "31.02.2024"}
    assert code == 1 and said in out and said != "--list-date '31.02.2024' is not a date", out


def test_count_hint_once_the_list_has_its_date(workspace) -> None:
    """The real prisoners' list: on a day before its date nobody counts. Before the list is dated, the
    hint says its date is the import's day; once dated (2024-03-04), it said the same, now it does not."""
    from reckon.histories.service import count, set_source
    from reckon.ingest import import_file

    import_file(workspace, shared_path(*LISTS, "viasna_political_prisoners_sample.csv"), "viasna")
    set_source(workspace.database_url, "viasna", political_prisoners=True)
    before = count(workspace.database_url, as_of=__import__("datetime").date(2021, 6, 1))
    assert before.count == 0 and before.ever and before.undated_lists == 1
    code, out = run(["histories", "source", "viasna", "--list-date", "2024-03-04"], workspace.root)
    assert code == 0, out   # as a documenter declares it: the command rebuilds the histories too
    code, out = run(["count", "--as-of", "2021-06-01"], workspace.root, lang="en")
    assert code == 0 and "which is the day of the import" not in out and "declared date" in out, out
    code, out = run(["count", "--as-of", "2024-03-04", "--json"], workspace.root)
    assert '"count": 5' in out  # the five 'active' of the list


def test_a_frequency_step_that_adds_nothing_says_so(viasna_workspace, catalogued) -> None:
    """Two admin records of one person detained on different days: `reckon explain` said "the same
    detention day, weighed by how many were detained that day" beside them, with nought bits."""
    from sqlalchemy import select

    from reckon.config import load_workspace
    from reckon.link import frequency
    from reckon.link.review import explain
    from reckon.store.db import session_scope
    from reckon.store.models import Record

    ws = load_workspace(viasna_workspace)
    with session_scope(ws.database_url) as s:
        rows = s.execute(select(Record.id, Record.person_id, Record.detention_date)
                         .where(Record.person_id.is_not(None), Record.detention_date.is_not(None))).all()
    by_person: dict[int, list[tuple[int, str]]] = {}
    for rid, pid, day in rows:
        by_person.setdefault(pid, []).append((rid, day))
    pair = next((a[0], b[0]) for recs in by_person.values() for a in recs for b in recs
                if a[0] < b[0] and a[1] != b[1])
    steps = {st["comparison"]: st for st in explain(ws, *pair)["steps"]}
    step = steps["detention_date_frequency"]
    assert step["weight"] == 0 and step["level"] == frequency.NOT_SHARED and frequency.NOT_SHARED in catalogued


def test_estimate_numbers_in_the_locales_signs() -> None:
    """The UK 2013 table (five lists): the compared models' BIC and the diagnostics were printed as
    195.8791 and 6,212 between lines written 25 311,29 in Belarusian."""
    from reckon.estimate import estimator
    from reckon.estimate.table import CaptureTable

    table = CaptureTable.from_csv(shared_path("eval", "mse", "uk_modern_slavery_2013_5lists.csv"))
    result = estimator("loglinear")(table)
    with i18n.use("be"):
        text = result.summary(words=i18n.gettext)
    english = result.summary()
    assert re.search(r"^ +\d+\.\d{4}  ", english, re.M)              # programs and logs keep the English
    assert not re.search(r"^ +\d+\.\d{4}  ", text, re.M) and re.search(r"^ +\d+,\d{4}  ", text, re.M), text
    fitted = next(line for line in text.splitlines() if "models_fitted" in line)
    assert "," not in fitted and re.search(r"\d[\s\u00a0\u202f]\d{3}$", fitted), fitted


def test_refused_values_of_an_address_in_the_readers_language(sqlite_workspace, catalogued) -> None:
    """/persons/abc: the page said pydantic's "Input should be a valid integer, unable to parse string as
    an integer" on a Belarusian page; now where (the address), the field in words and why, catalogued."""
    from test_web_support import csrf_from, login, make_users, serve

    with serve(sqlite_workspace) as base:
        make_users(sqlite_workspace.database_url)
        admin = login(base, "admin")
        be = {"Accept-Language": "be"}
        page = admin.get("/persons/abc", headers=be)
        token = csrf_from(admin.get("/", headers=be).text)
        decided = {value: admin.post("/review/decide", headers=be, data={
            "record_a": "1", "record_b": "999999", "decision": value, "csrf_token": token})
            for value in ("maybe", "same")}
        admin.close()
    assert page.status_code == 422 and "Input should be" not in page.text
    with i18n.use("be"):
        said = i18n.gettext("%(field)s: %(message)s") % {
            "field": i18n.gettext("in the address") + ", " + i18n.label("person_id"),
            "message": i18n.gettext("not a whole number")}
        refused = i18n.gettext("the decision must be same, different or unsure")
        missing = i18n.gettext("no record with id %(ids)s") % {"ids": "1, 999999"}
    assert said in page.text and {"in the address", "not a whole number"} <= catalogued
    assert decided["maybe"].status_code == 400 and refused in decided["maybe"].text
    assert decided["same"].status_code == 400 and missing in decided["same"].text, decided["same"].text[-800:]


def test_news_binary_file_said_in_the_terminals_language(workspace, tmp_path, catalogued) -> None:
    """A binary file among articles: the line named "file garbage.bin" in English inside a Belarusian line."""
    blob = tmp_path / "garbage.bin"
    blob.write_bytes(bytes(range(256)) * 8)
    code, out = run(["news", "import", str(blob), "--source", "press"], workspace.root)
    assert "Traceback" not in out and "файл garbage.bin: " in out, out
    assert "the file is binary, not a text, HTML, feed or WARC file" in catalogued


def test_audit_details_keys_in_words(viasna_workspace, tmp_path) -> None:
    """The audit page showed an import's "encoding note" and a read's "command" as raw keys."""
    from conftest import copy_workspace
    from reckon.config import load_workspace
    from test_web_support import login, make_users, serve

    ws = load_workspace(copy_workspace(viasna_workspace, tmp_path / "ws"))
    with serve(ws) as base:
        make_users(ws.database_url)
        admin = login(base, "admin")
        page = admin.get("/audit", headers={"Accept-Language": "be"}).text
        admin.close()
    assert "<th>encoding note</th>" not in page
    with i18n.use("be"):
        assert f"<th>{i18n.gettext('encoding')}</th>" in page


def test_a_workbook_with_merged_cells_over_its_header(workspace, tmp_path, catalogued) -> None:
    """The admin list saved as a workbook the way offices make them: a row of merged group headers over the
    column names. Every row was quarantined as "filled cells in the row: 11, in the header: 3"; now the
    import refuses the file, naming the row that holds the column names, in the terminal's language."""
    import openpyxl

    from reckon.errors import InputError
    from reckon.ingest import import_file
    from reckon.ingest.workbooks import HEADER_BELOW

    with open(shared_path(*LISTS, "viasna_admin_cases_2020_sample.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[:6]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Справа", None, None, "Асоба", None, "Суд", None, None, None, None, None])
    sheet.merge_cells("A1:C1")
    sheet.merge_cells("D1:E1")
    sheet.merge_cells("F1:K1")
    for row in rows:
        sheet.append(row)
    path = tmp_path / "admin_grouped.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        import_file(workspace, path, "admin")
    assert caught.value.template == HEADER_BELOW and HEADER_BELOW in catalogued
    assert (caught.value.file, caught.value.row, caught.value.params["header"]) == ("admin_grouped.xlsx", 2, 1)
    code, out = run(["import", str(path), "--source", "admin"], workspace.root)
    assert code == 1 and out.startswith("памылка: файл admin_grouped.xlsx, радок 2: "), out
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.delete_rows(1)   # the same sheet with its header first imports whole
    book.save(path)
    assert import_file(workspace, path, "admin").new == 5


def test_web_preview_of_a_bad_file_in_the_readers_language(sqlite_workspace, tmp_path) -> None:
    """Uploading an empty list, or the real admin list under a title row, on the import page: the error was
    printed as the stage's English text; now file and row in the page's language."""
    import openpyxl

    from test_web_support import csrf_from, login, make_users, serve

    book = openpyxl.Workbook()
    book.active.append(["Спіс адміністрацыйных спраў 2020"])
    with open(shared_path(*LISTS, "viasna_admin_cases_2020_sample.csv"), encoding="utf-8", newline="") as handle:
        for row in list(csv.reader(handle))[:4]:
            book.active.append(row)
    titled = tmp_path / "titled.xlsx"
    book.save(titled)
    with serve(sqlite_workspace) as base:
        make_users(sqlite_workspace.database_url)
        admin = login(base, "admin")
        said = []
        for name, body in (("empty.csv", b""), ("titled.xlsx", titled.read_bytes())):
            token = csrf_from(admin.get("/imports/new").text)
            page = admin.post("/imports/preview", data={"source": "s", "csrf_token": token},
                              files={"file": (name, body)}, headers={"Accept-Language": "be"})
            assert page.status_code == 400
            said.append(re.search(r'<p class="error" role="alert">([^<]*)</p>', page.text).group(1))
        admin.close()
    assert said[0].startswith("файл empty.csv, радок 1: ") and said[1].startswith("файл titled.xlsx, радок 2: "), said


def test_sanctions_list_with_uncertain_birth_dates_says_so(workspace, catalogued) -> None:
    """The EU annex gives two people several birth dates ("21.11.1964 / 1965", "1979, 1980 or 1981"): the
    import stored the first as if certain, without a word, and its other warnings were English lines with
    the file's name glued on. Now each is a warning naming file and row in the terminal's language."""
    from reckon.sanctions import import_sanctions
    from reckon.sanctions.csvlist import BIRTH_ALTERNATIVES, LINE_MESSAGES

    report = import_sanctions(workspace, shared_path(*EU), "EU")
    warned = {(i.line, i.field) for i in report.issues if i.level == "warning"}
    assert warned == {(115, "birth_date"), (303, "birth_date")}, report.issues
    assert set(LINE_MESSAGES) <= catalogued and "warning" in catalogued
    code, out = run(["sanctions", "import", str(shared_path(*EU)), "--source", "EU2"], workspace.root)
    with i18n.use("be"):
        said = i18n.gettext(BIRTH_ALTERNATIVES) % {"stored": "1979"}
        line = i18n.gettext("line %(line)s") % {"line": "303"}   # a line of the list, as FtM files count them
        start = f"{i18n.label('warning')} файл eu_blr_annex_ia_persons.csv, {line}: "
    assert code == 0 and start + said in out, out


def test_a_wrong_passphrase_said_in_the_terminals_language(tmp_path, catalogued) -> None:
    """The real prisoners' list in an encrypted workspace, opened with a wrong passphrase: the refusal
    was English on a Belarusian terminal."""
    from reckon.store.crypto import ENV

    env = {**os.environ, "PYTHONPATH": str(SRC), "RECKON_LANG": "be", "COLUMNS": "200",
           ENV: "a long enough passphrase for the walk"}

    def cli(*args: str, passphrase: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "reckon", *args], cwd=tmp_path, capture_output=True, text=True,
                              env={**env, **({ENV: passphrase} if passphrase else {})}, timeout=600)

    assert cli("init", "ws", "--encrypt").returncode == 0
    done = cli("import", str(shared_path(*LISTS, "viasna_political_prisoners_sample.csv")), "--source", "viasna",
               "--workspace", "ws")
    assert done.returncode == 0, done.stderr
    wrong = cli("sources", "--workspace", "ws", passphrase="not the passphrase at all")
    template = "wrong passphrase for the encrypted database %(file)s (or the file is damaged); nothing was opened"
    with i18n.use("be"):
        said = i18n.gettext(template) % {"file": "reckon.db"}
    assert wrong.returncode == 3 and "Traceback" not in wrong.stderr and template in catalogued
    assert " ".join(wrong.stderr.split()) == f"памылка: {said}", wrong.stderr
