"""Errors and row reasons in the reader's language: the one place the command line and the web pages say
a stage's error, and why a row was quarantined or stored with a warning.

Why apart from :mod:`reckon.i18n`: errors and a reader's reasons are written by every layer, pure libraries
included, which mark their messages with :func:`reckon.errors.N_` and never import the catalogue; only the
surfaces that show them (``cli.common``, ``web.deps``, the ``reason`` filter of the templates) come here."""

from __future__ import annotations

from collections.abc import Mapping

from reckon import i18n
from reckon.errors import N_, InputError, ReckonError, is_amount
from reckon.ingest.encoding import ENCODING_NOTES
from reckon.ingest.mapper import NO_NAME
from reckon.ingest.mapping import MAPPING_NOTES
from reckon.ingest.table import ROW_MESSAGES
from reckon.sanctions.lines import LINE_MESSAGES
from reckon.store.words import DOING, WAITING, WHAT

FIELD_MESSAGE = N_("%(field)s: %(message)s")


def reason(text: object) -> str:
    """Why a row went to quarantine or was stored with a warning, stored in English as the reader wrote it
    ("detention_date: month is not 1-12", "cells missing: 2; ..."), in the current language: the field in
    words and the message when catalogued. An import's notes (what the mapping left out, a guessed
    encoding) are stored and said the same way."""
    # the whole messages first: "cells missing: 2; ..." would read as a field named "cells missing"
    # a sanctions list's line messages too (reckon.sanctions.lines); the register's "no name in this row"
    # before them, which their "no name in %(columns)s" would also fit
    return i18n.said_from(str(text or ""), [*ROW_MESSAGES, *MAPPING_NOTES, *ENCODING_NOTES, NO_NAME,
                                            *LINE_MESSAGES, FIELD_MESSAGE],
                          words=lambda k, v: i18n.label(v) if k == "field" else v)


def waiting(text: object) -> str:
    """A message known only at run time (a job's or a command's step, :func:`reckon.i18n.said`), a wait
    behind another writer included ("waiting for the import of list.csv into 'viasna' to finish"): stored
    and passed in English by the store's locks (the holder's words come from another process), said in the
    current language."""
    return i18n.said_from(str(text or ""), [WAITING, *WHAT], words=_lock_words)


def _lock_words(key: str, value: str) -> str:
    """A lock's name ("link") in words, as a label: said through the catalogue as a message it would be
    another word that is spelled alike (a hyperlink)."""
    return i18n.label(value) if key == "name" else value


def _param(key: str, value: object) -> object:
    """A parameter of a catalogued error as the reader reads it: quantities with the locale's separators, a
    reason or a lock holder's words (themselves catalogued English) through the catalogue."""
    if is_amount(key, value):
        return i18n.number(value)
    if key == "reason":
        return reason(value)
    if key == "what":
        return i18n.said_from(str(value), WHAT, words=_lock_words)
    if key == "doing":
        return i18n.said_from(str(value), DOING)
    return value


def in_words(exc: ReckonError) -> str:
    """Any error of reckon as a person reads it in the language in force: a catalogued one through
    :func:`error_text`; a bad value that names its field and no row (a correction's "month is not 1-12",
    its message from :data:`reckon.histories.corrections.MESSAGES`) as the field in words and the message
    through the catalogue; else as the stage wrote it.

    Why one place: the command line (``cli.common.error_message``) and the pages (``web.deps.said_error``)
    say a stage's error alike."""
    said = error_text(exc)
    if said is not None:
        return said
    if isinstance(exc, InputError) and exc.field and exc.row is None:
        return i18n.gettext(FIELD_MESSAGE) % {"field": i18n.label(exc.field), "message": i18n.said(exc.message)}
    return str(exc)


def message_of(template: str, params: Mapping[str, object]) -> str:
    """A catalogued error's message (its template and parameters, as ``ReckonError.of`` keeps them) in the
    language in force, without the file, row and field it names. A job's stored failure keeps the same
    two (:mod:`reckon.web.joberrors`), so its page says it as the terminal would."""
    values = {k: _param(k, v) for k, v in params.items()}
    return i18n.gettext(template) % values if values else i18n.gettext(template)


def error_text(exc: ReckonError) -> str | None:
    """A catalogued error (raised through ``ReckonError.of``) in the language in force, with the file, row
    and field it names; None for an error raised as plain English text (shown as it is).

    Why one place: the command line and the web pages both show stages' errors to people reading
    Belarusian or Russian, while ``str(exc)`` stays English for logs, the API and programs."""
    if not exc.template:
        return None
    message = message_of(exc.template, exc.params)
    if not isinstance(exc, InputError):
        return message
    where = [i18n.gettext(template) % {key: value} for template, key, value in (
        (N_("file %(file)s"), "file", exc.file), (N_("row %(row)s"), "row", exc.row),
        (N_("field %(field)s"), "field", i18n.label(exc.field) if exc.field else None))
        if value not in (None, "")]
    return i18n.gettext(FIELD_MESSAGE) % {"field": ", ".join(where), "message": message} if where else message
