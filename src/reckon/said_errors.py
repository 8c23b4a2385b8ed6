"""Errors and row reasons in the reader's language: the one place the command line and the web pages say
a stage's error, and why a row was quarantined or stored with a warning.

Why apart from :mod:`reckon.i18n`: errors and a reader's reasons are written by every layer, pure libraries
included, which mark their messages with :func:`reckon.errors.N_` and never import the catalogue; only the
surfaces that show them (``cli.common``, ``web.deps``, the ``reason`` filter of the templates) come here."""

from __future__ import annotations

from reckon import i18n
from reckon.errors import N_, InputError, ReckonError, is_amount
from reckon.ingest.encoding import ENCODING_NOTES
from reckon.ingest.mapping import MAPPING_NOTES
from reckon.ingest.table import ROW_MESSAGES

FIELD_MESSAGE = N_("%(field)s: %(message)s")


def reason(text: object) -> str:
    """Why a row went to quarantine or was stored with a warning, stored in English as the reader wrote it
    ("detention_date: month is not 1-12", "cells missing: 2; ..."), in the current language: the field in
    words and the message when catalogued. An import's notes (what the mapping left out, a guessed
    encoding) are stored and said the same way."""
    # the whole messages first: "cells missing: 2; ..." would read as a field named "cells missing"
    return i18n.said_from(str(text or ""), [*ROW_MESSAGES, *MAPPING_NOTES, *ENCODING_NOTES, FIELD_MESSAGE],
                          words=lambda k, v: i18n.label(v) if k == "field" else v)


def error_text(exc: ReckonError) -> str | None:
    """A catalogued error (raised through ``ReckonError.of``) in the language in force, with the file, row
    and field it names; None for an error raised as plain English text (shown as it is).

    Why one place: the command line and the web pages both show stages' errors to people reading
    Belarusian or Russian, while ``str(exc)`` stays English for logs, the API and programs."""
    if not exc.template:
        return None
    params = {k: i18n.number(v) if is_amount(k, v)
              else reason(v) if k == "reason" else v for k, v in exc.params.items()}
    message = i18n.gettext(exc.template) % params if params else i18n.gettext(exc.template)
    if not isinstance(exc, InputError):
        return message
    where = [i18n.gettext(template) % {key: value} for template, key, value in (
        (N_("file %(file)s"), "file", exc.file), (N_("row %(row)s"), "row", exc.row),
        (N_("field %(field)s"), "field", i18n.label(exc.field) if exc.field else None))
        if value not in (None, "")]
    return i18n.gettext(FIELD_MESSAGE) % {"field": ", ".join(where), "message": message} if where else message
