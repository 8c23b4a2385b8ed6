"""Typed errors shared by every stage.

Each error says what went wrong *and what to do*; messages never contain personal data (names, birth
dates), only files, row numbers, field names and counts.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction without translating it (it is translated where shown).

    Why here: a pure library (reckon.estimate) raises catalogued errors through :meth:`ReckonError.of`
    without importing reckon.i18n; reckon.i18n re-exports this one marker."""
    return message


class ReckonError(Exception):
    """Base of every error reckon raises on purpose; the CLI prints it without a traceback."""

    exit_code = 1
    template: str | None = None      # the message as catalogued (reckon.i18n), when raised through ``of``
    params: dict[str, object] = {}

    @classmethod
    def of(cls, template: str, **params: object) -> ReckonError:
        """An error whose message is a catalogued template (marked ``N_`` where raised) and its parameters.

        Why: ``str(error)`` stays English for logs, the API and programs, while the command line says the
        same message in the terminal's language (:func:`reckon.said_errors.in_words`, used by the CLI and the web
        app). Parameters are files, options, list names, counts and ids, never personal data."""
        exc = cls(english(template, params))
        exc.template, exc.params = template, dict(params)
        return exc


def is_amount(key: str, value: object) -> bool:
    """Whether a message parameter is a quantity, written with thousands separators ("2,500 columns").

    Why: an id is a name, not a quantity: "person 12345" must read as the id one types back, never
    "person 12,345" or "12 345"; parameters called ``id`` or ``*_id`` stay as they are."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and key != "id" and not key.endswith("_id"))


def english(template: str, params: dict[str, object]) -> str:
    """A catalogued message in English, quantities with thousands separators ("2,500 columns") as the
    reader's language shows them (:func:`reckon.said_errors.error_text`); ids as typed (:func:`is_amount`)."""
    if not params:
        return template
    return template % {k: f"{v:,}" if is_amount(k, v) else v for k, v in params.items()}


class WorkspaceError(ReckonError):
    """No workspace where one was expected, or a broken one."""


class InputError(ReckonError):
    """Bad input data: names the file, row and field where known."""

    @classmethod
    def of(cls, template: str, *, file: str | None = None, row: int | None = None,  # type: ignore[override]
           field: str | None = None, **params: object) -> InputError:
        """A catalogued message (see :meth:`ReckonError.of`) that also names where: file, row and field,
        said in the reader's language around the message."""
        exc = cls(english(template, params), file=file, row=row, field=field)
        exc.template, exc.params = template, dict(params)
        return exc

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(
            part for part in (
                f"file {file}" if file else "",
                f"row {row}" if row is not None else "",
                f"field {field!r}" if field else "",
            ) if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        # kept apart so a page can say the message and the field in its reader's language (web.app)
        self.message, self.file, self.row, self.field = message, file, row, field


class ConfigError(ReckonError):
    """Bad settings, options or mapping files."""


class MappingError(InputError, ConfigError):
    """A mapping file that cannot be used, or that does not fit the list: a setting (ConfigError) whose
    message names where, as bad input does: the mapping file and its line or key, or the list's file and
    the column it lacks (said in the reader's language through ``InputError.of``)."""


class EstimateRefused(ReckonError):
    """The lists cannot serve as capture–recapture systems here; ``reasons`` holds one line per failed check.

    Not an input error: the data may be fine, it just does not answer this question. ``--force`` estimates
    anyway and marks the estimate not publishable.
    """

    exit_code = 3

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        lines = "\n".join(f"- {r}" for r in self.reasons)
        super().__init__(f"reckon will not estimate on these lists:\n{lines}\n"
                         "Estimate on lists of one population, or force it (--force, or the box on the web "
                         "app's estimates page): the estimate is then marked not publishable.")


class BusyError(ReckonError):
    """Another writer holds the workspace (an import, a link run) longer than we would wait."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class StoreError(ReckonError):
    """The database refused an operation; the message names the table or constraint, never the values."""

    kind: str = ""     # the driver's error class (store.db.database_error sets both), for a job's failure
    detail: str = ""   # the server's first line, never its DETAIL (which may quote values)
