"""Click's usage errors ("Missing option '--source' / '-s'.") in the terminal's language.

Why this module: Typer 0.2x runs its own copy of Click whose messages are plain f-strings (Click's
``gettext`` calls were taken out), so no catalogue can reach them where they are made. The command line
therefore runs the app with Click's standalone mode off, catches the usage error and says it here: the
frame (usage line, "Try ... for help.", the error panel's title) from reckon's catalogue, the message
matched against the English forms Click and Typer write (:data:`TEMPLATES`) and said in the language in
force; a message of a form not listed stays as Click wrote it. Exit codes are Click's.
"""

from __future__ import annotations

from typing import Any

from rich.panel import Panel
from rich.text import Text

from reckon import i18n
from reckon.i18n import N_

# The forms of Click's and Typer's usage messages, most specific first (``i18n.said_from`` takes the first
# that fits the whole message). Parameters are option names, values typed and choices: never data.
TEMPLATES: tuple[str, ...] = (
    N_("No such command %(name)s. Did you mean %(suggestions)s?"),
    N_("No such command %(name)s."),
    N_("No such option: %(name)s (Possible options: %(options)s)"),
    N_("No such option: %(name)s"),
    N_("Missing option %(name)s."),
    N_("Missing argument %(name)s."),
    N_("Missing parameter: %(name)s"),
    N_("Got unexpected extra argument (%(args)s)"),
    N_("Got unexpected extra arguments (%(args)s)"),
    N_("Got unexpected extra argument(s) (%(args)s)"),
    N_("Option %(name)s requires an argument."),
    N_("Option %(name)s requires %(n)s arguments."),
    N_("Option %(name)s does not take a value."),
    N_("Could not open file %(name)s: %(problem)s"),
    N_("Invalid value for %(name)s: %(problem)s"),
    N_("Invalid value: %(problem)s"),
    N_("Value error, %(value)s is not one of %(choices)s."),
    N_("%(value)s is not one of %(choices)s."),
    N_("Value %(value)s is not a valid %(kind)s."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be a valid boolean, unable to interpret input"),
    N_("Path %(path)s does not exist."),
    N_("File %(path)s does not exist."),
    N_("Directory %(path)s does not exist."),
    N_("File %(path)s is a directory."),
    N_("Directory %(path)s is a file."),
    N_("%(value)s is not in the range %(range)s."),
)


def message(exc: Any) -> str:
    """A usage error's message in the language in force (Click's English when its form is not known)."""
    return i18n.said_from(exc.format_message(), TEMPLATES)


def show(exc: Any, console: Any) -> None:
    """Print a usage error as Typer does (usage line, where to find help, the message in a panel), in the
    terminal's language. A call with no arguments at all printed its help already and says nothing more."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        from reckon.cli.helptext import usage_line

        usage = usage_line(ctx.get_usage(), i18n.current())
        console.print(Text(usage), style="yellow")
        if ctx.command.get_help_option(ctx) is not None:
            console.print(Text(i18n.gettext("Try '%(command)s %(option)s' for help.")
                               % {"command": ctx.command_path, "option": ctx.help_option_names[0]}), style="dim")
    console.print(Panel(Text(message(exc)), border_style="red", title=i18n.gettext("Error"), title_align="left"))


def aborted(console: Any) -> None:
    """What an aborted prompt (Ctrl-C, a refused confirmation) prints."""
    console.print(i18n.gettext("Aborted."), style="red")
