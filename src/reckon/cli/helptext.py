"""``reckon ... --help`` in the terminal's language: the commands' and options' help, Typer's frame words.

Why this module: Typer 0.2x renders help through ``typer.rich_utils``, whose frame words ("Options",
"Arguments", "Commands", "[default: …]", "[required]") are module constants translated once, at import,
by the standard library's gettext in its own domain, and whose help texts are whatever the commands were
declared with. The help texts are declared in English (the msgids: an option's ``help=N_(...)``, a
command's docstring, which :func:`extract` hands to Babel), so one hook translates them where Typer renders:
:func:`install` wraps the ``format_help`` of Typer's command and group classes so that, just before a page
is printed, the command, its parameters, its subcommands' one-line helps and the frame constants are said in
the language of the CLI's messages (:func:`language`). Nothing happens on a run without ``--help`` (no
catalogue is read, nothing heavy is imported), so start-up is unchanged.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from contextvars import ContextVar
from typing import IO, Any

from reckon import i18n
from reckon.i18n import N_

# Typer's frame words (typer.rich_utils constants) -> the message saying them. Placeholders stay ``{}``.
FRAME: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
}
ORIGINAL: dict[str, str] = {}   # the constants as Typer set them, restored for English

# Click's words in a usage line and the help option's own help.
USAGE = N_("Usage: ")
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
HELP_OPTION = N_("Show this message and exit.")

_rendering: ContextVar[str | None] = ContextVar("reckon_help_language", default=None)


def language() -> str:
    """The language of a help page: the terminal's, else the default of the workspace found from
    RECKON_WORKSPACE or the current folder (read from its reckon.toml, nothing opened), else English:
    :func:`reckon.i18n.cli_language`, as for the CLI's messages. ``--workspace`` is not parsed yet when
    ``--help`` is (Click handles it first), so it is not consulted."""
    if i18n.terminal_language():
        return i18n.cli_language()
    from reckon.config import find_root, settings
    from reckon.errors import ReckonError

    try:
        root = find_root()
    except ReckonError:
        return i18n.cli_language()
    return i18n.cli_language(str(settings(root, "web").get("language") or ""))


def say(text: str | None, lang: str) -> str | None:
    """A help text in ``lang``: its catalogued translation, else as declared."""
    if not text:
        return text
    return i18n.translations(lang).gettext(text)


def usage_line(text: str, lang: str) -> str:
    """A usage line ("Usage: reckon count [OPTIONS]") with Click's words in ``lang``; names, options and
    argument names stay as typed."""
    if lang == "en":
        return text
    words = i18n.translations(lang).gettext
    if text.startswith(USAGE):
        text = words(USAGE) + text[len(USAGE):]
    return text.replace(SUBCOMMAND_METAVAR, words(SUBCOMMAND_METAVAR)).replace(OPTIONS_METAVAR,
                                                                               words(OPTIONS_METAVAR))


def _translate(command: Any, ctx: Any, lang: str) -> None:
    """Say one command's help, its parameters' help and panel names, and its subcommands' help in ``lang``.

    In place: Typer builds the Click command tree afresh for every run of the app, and a help page ends the
    run. Saying a text twice is harmless (a translation is not itself a msgid)."""
    command.help = say(command.help, lang)
    command.short_help = say(command.short_help, lang)
    for param in command.get_params(ctx):
        if getattr(param, "help", None):
            param.help = say(param.help, lang)
        if getattr(param, "rich_help_panel", None):
            param.rich_help_panel = say(param.rich_help_panel, lang)
    list_commands = getattr(command, "list_commands", None)
    if list_commands is None:
        return
    for name in list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None:
            sub.help = say(sub.help, lang)
            sub.short_help = say(sub.short_help, lang)
            if getattr(sub, "rich_help_panel", None):
                sub.rich_help_panel = say(sub.rich_help_panel, lang)


def _frame(lang: str) -> None:
    """Typer's frame constants in ``lang`` (set before each page: a test process renders several languages)."""
    from typer import rich_utils

    if not ORIGINAL:
        ORIGINAL.update({name: getattr(rich_utils, name) for name in FRAME})
    for name, message in FRAME.items():
        setattr(rich_utils, name, ORIGINAL[name] if lang == "en" else i18n.translations(lang).gettext(message))


def install() -> None:
    """Wrap the ``format_help`` and ``get_usage`` of Typer's command classes once (idempotent)."""
    from typer.core import TyperCommand, TyperGroup

    for cls in (TyperCommand, TyperGroup):
        if getattr(cls, "_reckon_help", False):
            continue
        cls.format_help = _format_help(cls.format_help)  # type: ignore[method-assign]
        cls.get_usage = _get_usage(cls.get_usage)  # type: ignore[method-assign]
        setattr(cls, "_reckon_help", True)  # noqa: B010 - marks the class as wrapped


def _format_help(original: Any) -> Any:
    def format_help(self: Any, ctx: Any, formatter: Any) -> Any:
        lang = language()
        token = _rendering.set(lang)
        try:
            with i18n.use(lang):
                _translate(self, ctx, lang)
                _frame(lang)
                return original(self, ctx, formatter)
        finally:
            _rendering.reset(token)

    return format_help


def _get_usage(original: Any) -> Any:
    def get_usage(self: Any, ctx: Any) -> str:
        text = original(self, ctx)
        lang = _rendering.get()
        return usage_line(text, lang) if lang else text   # only on a help page: usage errors say their own

    return get_usage


# --- extraction: the commands' docstrings are their help (Typer reads them); Babel is shown them here ---

def extract(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
            options: Any) -> Iterator[tuple[Any, ...]]:
    """Babel extraction method for the CLI's modules (babel.cfg): the messages Babel's Python extractor
    finds, and the docstring of every command or callback as Typer shows it (``inspect.getdoc``), so that a
    command's help stays its docstring and is still catalogued."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    tree = ast.parse(fileobj.read())
    for node, doc in commands(tree):
        yield node.lineno, None, doc, []


def commands(tree: ast.Module) -> Iterator[tuple[ast.FunctionDef, str]]:
    """The functions of a module that are commands or callbacks (decorated with ``X.command(...)`` /
    ``X.callback(...)``, or registered as ``X.command(...)(function)``), with their help as Typer reads it."""
    registered = {call.args[0].id for call in ast.walk(tree)
                  if isinstance(call, ast.Call) and _registration(call.func) and call.args
                  and isinstance(call.args[0], ast.Name)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        doc = ast.get_docstring(node, clean=False)
        if not doc:
            continue
        if node.name in registered or any(_registration(d) for d in node.decorator_list):
            yield node, inspect.cleandoc(doc)


def _registration(node: ast.expr) -> bool:
    """``X.command(...)`` or ``X.callback(...)``: a call that registers a function with a Typer app."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("command", "callback"))
