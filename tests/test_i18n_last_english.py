"""The last English a Belarusian or Russian reader met: `reckon demo`'s narrative, the errors of accounts,
backups, locks, encryption and sanctions lists, the passphrase prompt, a sanctions file's line messages and
a job's catalogued failure. Each goes through the catalogue; made-up people, files and numbers only.

Why the catalogue file: the Belarusian and Russian words are written after the code (the lead translates
the new messages), so a test that only compared Belarusian text with English would pass on an English
message too. These tests ask instead that a message is one the catalogue holds (``reckon.pot``, as Babel
extracts it) and that the text shown is built from it."""

from __future__ import annotations

import ast
import getpass
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reckon import i18n
from reckon.errors import BusyError, ConfigError, ReckonError

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "reckon"
DEMOS = ["demo.py", "link/demo.py", "news/demo.py", "sanctions/demo.py", "histories/demo.py"]
SAID = {"say", "heading", "table"}
MARKED = {"_", "ngettext", "gettext"}


def catalogue_ids() -> set[str]:
    """The msgids of reckon.pot (a plural entry by its singular and its plural)."""
    with open(SRC / "locale" / "reckon.pot", "rb") as handle:
        catalogue = read_po(handle)
    ids: set[str] = set()
    for message in catalogue:
        ids.update([message.id] if isinstance(message.id, str) else message.id)
    return ids


def _marked(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKED


def _words_outside_messages(node: ast.AST) -> list[str]:
    """String literals with words in ``node`` that no ``_()``/``ngettext()`` holds: markup, joiners and the
    commands a reader types (in backticks, or starting with ``reckon``) are not words to translate."""
    if _marked(node):
        return []
    found = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.replace("[bold]", "").replace("[/]", "").strip(" `;,:—()")
        if any(c.isalpha() for c in text) and not node.value.lstrip().startswith(("`", "reckon ")):
            found.append(node.value)
    skipped: list[ast.AST] = []   # a placeholder's name ({"n": ...}), a key read from data (facts["title"])
    if isinstance(node, ast.Dict):
        skipped = [k for k in node.keys if k is not None]
    elif isinstance(node, ast.Subscript):
        skipped = [node.slice]
    for child in ast.iter_child_nodes(node):
        if child not in skipped:
            found += _words_outside_messages(child)
    return found


def _demo_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in SAID and isinstance(n.func.value, ast.Name) and n.func.value.id in ("ctx", "self")]


def _line_variables(path: Path) -> dict[str, ast.AST]:
    """``line = ngettext(...)`` assignments, which a said line is then built from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
            for t in n.targets if isinstance(t, ast.Name)}


def test_the_demo_says_no_english_outside_catalogued_messages() -> None:
    """Every line and table title of `reckon demo` is made of messages (``_``, ``ngettext``): a bare English
    literal handed to ``ctx.say``/``ctx.heading``/``ctx.table(title=...)`` fails here."""
    left = []
    for rel in DEMOS:
        path = SRC / rel
        variables = _line_variables(path)
        for call in _demo_calls(path):
            parts = call.args if call.func.attr != "table" else [k.value for k in call.keywords if k.arg == "title"]
            for part in parts:
                if call.func.attr == "table":
                    # a title is a message, or a message filled in with values that hold no words ("95 %")
                    filled = isinstance(part, ast.BinOp) and isinstance(part.op, ast.Mod) and _marked(part.left) \
                        and not _words_outside_messages(part.right)
                    if not (_marked(part) or filled):
                        left.append(f"{rel}:{call.lineno} title")
                    continue
                left += [f"{rel}:{call.lineno} {w!r}" for w in _words_outside_messages(part)]
                for name in (n.id for n in ast.walk(part) if isinstance(n, ast.Name) and n.id in variables):
                    left += [f"{rel}:{call.lineno} {name} {w!r}" for w in _words_outside_messages(variables[name])
                             if isinstance(variables[name], ast.Call) and _marked(variables[name])]
    assert left == [], "wrap these in _() or ngettext(): " + "; ".join(left)


def test_the_demos_messages_are_in_the_extracted_catalogue() -> None:
    """The msgids the demo uses are in reckon.pot as Babel extracts it: a message hidden from the extractor
    (a ``_()`` inside an f-string) would never be translated."""
    ids = catalogue_ids()
    missing = []
    for rel in DEMOS:
        tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if _marked(node):
                missing += [f"{rel}:{node.lineno} {a.value!r}" for a in node.args
                            if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value not in ids]
    assert missing == []


def test_the_demos_register_steps_say_counts_through_the_catalogue(tmp_path: Path) -> None:
    """The register's steps run: each heading and line is its catalogued message filled in (English here;
    Belarusian once translated), the counts as the locale writes them."""
    from reckon.demo import run_demo, step_import, step_summary, step_workspace, step_world

    ctx = run_demo(tmp_path / "demo", seed=5, n_people=40, n_lists=2,
                   steps=[step_workspace, step_world, step_import, step_summary])
    lines = [line for line in ctx.shown if isinstance(line, str)]
    with i18n.use("en"):
        assert lines[0] == f"[bold]{i18n.gettext('1. workspace')}[/] {ctx.root}"
        assert lines[1].startswith(f"[bold]{i18n.gettext('2. synthetic world')}[/] ")
        counts = ctx.results["register"]
        line = i18n.ngettext("holds %(records)s record from %(sources)s sources; %(quarantined)s rows in quarantine",
                             "holds %(records)s records from %(sources)s sources; %(quarantined)s rows in quarantine",
                             counts["records"])
        expected = line % {"records": i18n.number(counts["records"]), "sources": i18n.number(counts["sources"]),
                           "quarantined": i18n.number(counts["quarantined"])}
    assert f"[bold]{i18n.gettext('4. the register')}[/] {expected}" in lines


# --------------------------------------------------------------------------------------------- errors


def test_a_refused_password_says_why_through_the_catalogue() -> None:
    """zxcvbn's own English warning is one of the catalogued reasons, said in the reader's language."""
    from reckon.said_errors import error_text
    from reckon.services.accounts import PASSWORD_WARNINGS, check_password

    reasons = set()
    for weak in ("qwertyuiopas", "password1234", "aaaaaaaaaaaa", "abcdefghijkl", "iloveyou2020", "19801980198"):
        with pytest.raises(ConfigError) as err:
            check_password(weak, "made-up")
        assert err.value.template is not None
        if "reason" in err.value.params:
            reasons.add(err.value.params["reason"])
    assert reasons and reasons <= set(PASSWORD_WARNINGS), reasons - set(PASSWORD_WARNINGS)
    assert set(PASSWORD_WARNINGS) <= catalogue_ids()
    with i18n.use("be"):
        said = error_text(err.value)
        assert said is not None and i18n.gettext(str(err.value.params["reason"])) in said


def test_the_login_page_says_a_refusal_in_its_language(sqlite_workspace) -> None:
    """Too many failed logins: the page shows the catalogued message (the API keeps ``str(exc)``)."""
    from reckon.services.accounts import MAX_FAILURES_PER_NAME_AND_CLIENT, RateLimited, add_user, login
    from reckon.web.deps import said_error

    url = sqlite_workspace.database_url
    add_user(url, "made-up-admin", "admin", "lantern cobalt orchard nine")
    for _ in range(MAX_FAILURES_PER_NAME_AND_CLIENT):
        assert login(url, "made-up-admin", "wrong password", "10.0.0.9") is None
    with pytest.raises(RateLimited) as err:
        login(url, "made-up-admin", "wrong password", "10.0.0.9")
    assert err.value.template is not None
    with i18n.use("be"):
        assert said_error(err.value) == i18n.gettext(err.value.template)


def test_a_lock_held_elsewhere_is_said_with_what_holds_it(sqlite_workspace) -> None:
    """Another run holds the workspace: the refusal and the wait name it through catalogued templates
    (the holder's words are written by another process in English and said where shown)."""
    from reckon.said_errors import error_text, waiting
    from reckon.store.locks import exclusive
    from reckon.store.words import GAVE_UP, RUN_ON_WORKSPACE, WAITING, WHAT

    heard: list[str] = []
    with exclusive(sqlite_workspace.database_url, "made-up"), pytest.raises(BusyError) as err:
        with exclusive(sqlite_workspace.database_url, "made-up", on_wait=heard.append, timeout=0.3):
            pass
    assert err.value.template is not None and err.value.template != GAVE_UP   # the short form: no write began
    assert err.value.params["what"] == RUN_ON_WORKSPACE % {"name": "made-up"}
    assert heard == [WAITING % {"what": RUN_ON_WORKSPACE % {"name": "made-up"}}]
    marked = "⟨{}⟩".format
    assert "⟨name⟩" in i18n.said_from(str(err.value.params["what"]), WHAT, words=lambda k, v: marked(k))
    with i18n.use("be"):
        what = i18n.gettext(RUN_ON_WORKSPACE) % {"name": "made-up"}
        said = error_text(err.value)
        assert said is not None and what in said
        assert waiting(heard[0]) == i18n.gettext(WAITING) % {"what": what}


def test_the_passphrase_prompt_is_said_in_the_terminals_language(monkeypatch) -> None:
    from reckon.store import crypto

    asked: list[str] = []
    monkeypatch.delenv(crypto.ENV, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "made up passphrase")
    with i18n.use("be"):
        crypto.ask_passphrase(confirm=True, prompt=crypto.NEW_PASSPHRASE)
        new = i18n.gettext(crypto.NEW_PASSPHRASE)
        assert asked == [f"{new}: ", i18n.gettext(crypto.AGAIN) % {"prompt": new} + ": "]
    assert {crypto.PASSPHRASE, crypto.NEW_PASSPHRASE, crypto.AGAIN} <= catalogue_ids()


def _fits(text: str, templates: tuple[str, ...]) -> bool:
    """Whether ``text`` is one of ``templates`` filled in (said_from marks each parameter it matched)."""
    return text in templates or "⟨" in i18n.said_from(text, templates, words=lambda k, v: f"⟨{k}⟩")


def test_every_line_message_of_a_followthemoney_file_is_catalogued() -> None:
    """Broken lines of a made-up FtM file: each issue is one of the catalogued line messages, so the import
    summary, `reckon quarantine` and the quarantine page say it in the reader's language."""
    from reckon.said_errors import reason
    from reckon.sanctions.ftm import read_entities, to_officials
    from reckon.sanctions.lines import LINE_MESSAGES

    lines = [
        '{"id": "p1", "schema": "Person", "properties": {"name": ["Made Up Official"]}}',
        "not json at all",
        "[1, 2]",
        '{"id": "x", "properties": {}}',
        '{"id": "g1", "schema": "Ghost", "properties": {}}',
        '{"schema": "Person", "properties": {"name": ["No Id"]}}',
        '{"id": "p2", "schema": "Person", "properties": []}',
        '{"id": "p3", "schema": "Person", "properties": {"name": ["Made Up"], "shoeSize": ["44"]}}',
        '{"id": "p4", "schema": "Person", "properties": {"birthDate": ["1970"]}}',
        '{"id": "p1", "schema": "Person", "properties": {"name": ["Made Up Again"]}}',
        '{"id": "o1", "schema": "Occupancy", "properties": {"holder": ["nobody"], "post": ["none"]}}',
        '{"id": "a1", "schema": "Address", "properties": {"full": ["Made-up street 1"]}}',
    ]
    entities, issues = read_entities(lines)
    issues += to_officials(entities)[2]
    assert len(issues) >= 10
    unsaid = [i.message for i in issues if not _fits(i.message, LINE_MESSAGES)]
    assert unsaid == []
    assert set(LINE_MESSAGES) <= catalogue_ids()
    with i18n.use("be"):   # a register row's "no name in this row" is still its own message, not a list's
        assert reason("full_name: no name in this row") == i18n.gettext("%(field)s: %(message)s") % {
            "field": i18n.label("full_name"), "message": i18n.gettext("no name in this row")}


def test_a_jobs_catalogued_failure_keeps_its_template_for_the_page() -> None:
    from reckon.said_errors import message_of
    from reckon.web.joberrors import code_of, said_error

    err = ConfigError.of("unknown backup format %(format)r; use sqlite or json", format="tar")
    code = code_of(err)
    assert code["params"]["template"] == err.template and code["params"]["values"] == {"format": "tar"}
    with i18n.use("en"):
        assert said_error(code, str(err)) == str(err)
    with i18n.use("be"):
        assert said_error(code, str(err)) == message_of(err.template, err.params)


def test_the_command_line_says_an_unexpected_error_by_its_kind_in_its_language() -> None:
    from reckon.cli.common import error_message
    from reckon.web.joberrors import MESSAGES

    with i18n.use("be"):
        said, code = error_message(KeyError("a made-up key that could be data"))
        assert code == 70 and said == i18n.gettext(MESSAGES["unexpected"]) % {"type": "KeyError"}
        assert "made-up key" not in said
    err = ReckonError.of("this process serves no workspace at that database; run `reckon worker`")
    with i18n.use("be"):
        assert error_message(err)[0] == i18n.gettext(err.template or "")


def test_a_lock_is_named_by_its_label_never_by_a_homonym() -> None:
    """"another link run": the lock's name is a code said as its label (linkage), not through the catalogue
    as a message, where "link" is a hyperlink."""
    from reckon.said_errors import waiting
    from reckon.store.words import RUN_ON_WORKSPACE, WAITING

    text = WAITING % {"what": RUN_ON_WORKSPACE % {"name": "link"}}
    with i18n.use("be"):
        said = waiting(text)
        assert i18n.label("link") in said and i18n.gettext("link") not in said
