"""Corrections by documenters: a field or event of a person set by hand, never by editing an import.

``correct(workspace, person_id, {"release_date": "2024-06-01"}, note=..., actor=...)`` parses each value
with the same field parsers imports use, then writes one Record of the ``manual`` source on that person
(see :mod:`reckon.store.corrections`), pinned to the person by a standing "same" review decision so that
every later ``reckon link`` keeps it there, and audits it (``person.correct``). The person's history,
derived from all current records, then shows the correction as its own source, with who and when.

Why a record and not an edit: an imported row is evidence of what a list said; overwriting it would
erase that. A correction is one more source that says something, and says who said it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reckon.dates import DateError, parse_partial_date, partial_year
from reckon.errors import ConfigError, InputError
from reckon.i18n import N_
from reckon.ingest.fields import FieldError, clean_text, normalise_sex, normalise_status, split_articles
from reckon.link.service import database_url
from reckon.store import corrections as store
from reckon.store.audit import audit, default_actor
from reckon.store.db import session_scope

DATE_FIELDS = ("birth_date", "detention_date", "release_date")
TEXT_FIELDS = ("full_name", "surname", "given_name", "patronymic", "region", "locality", "sentence",
               "place_of_detention")
# Facts lists keep by name in Record.extra (as imports map them): dates among them are parsed as dates.
EXTRA_DATE_FIELDS = ("court_date", "verdict_date", "appeal_date", "death_date", "recognition_date")
EXTRA_TEXT_FIELDS = ("judge", "court", "prosecutor", "lawyer", "declaration")
FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "sex", "status", "articles", *EXTRA_TEXT_FIELDS, *EXTRA_DATE_FIELDS)
MAX_NOTE = 2000


# ``--add-event KIND DATE``: the field whose date makes that event in a history (docs/histories.md).
EVENT_FIELDS = {"detention": "detention_date", "verdict": "verdict_date", "appeal": "appeal_date",
                "recognition": "recognition_date", "release": "release_date", "death": "death_date"}


def event_assignments(kind: str, when: str) -> dict[str, str]:
    """The fields an added event sets: ``death`` also sets the status, since a death date alone says nothing."""
    if kind not in EVENT_FIELDS:
        raise ConfigError.of(N_("an event is one of %(kinds)s, not %(kind)r"), kinds=", ".join(EVENT_FIELDS),
                             kind=kind[:40])
    out = {EVENT_FIELDS[kind]: when}
    if kind == "death":
        out["status"] = "deceased"
    return out


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["release_date=2024-06-01", "judge=..."]`` -> a dict; a field named twice is an error."""
    out: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise ConfigError.of(N_("--set takes FIELD=VALUE, not %(item)r; fields: %(fields)s"), item=item[:40],
                                 fields=", ".join(FIELDS))
        if field in out:
            raise ConfigError.of(N_("--set names the field %(field)r twice"), field=field)
        out[field] = value
    return out


# the messages a bad correction can carry, catalogued so the person page says them in its language
MESSAGES = (N_("not a date"), N_("year outside 1-9999"), N_("month is not 1-12"),
            N_("day does not exist in that month"), N_("a day needs a month"), N_("a correction needs a value (blank values say nothing)"),
            N_("value longer than 1000 characters"))


def _parse(field: str, value: str) -> Any:
    """One value as imports would store it; raises InputError naming the field (never the value)."""
    if field not in FIELDS:
        raise ConfigError.of(N_("cannot set %(field)r: settable fields are %(fields)s"), field=field,
                             fields=", ".join(FIELDS))
    try:
        if field in DATE_FIELDS or field in EXTRA_DATE_FIELDS:
            parsed: Any = parse_partial_date(value)
        elif field == "sex":
            parsed = normalise_sex(value)
        elif field == "status":
            parsed = normalise_status(value)
        elif field == "articles":
            parsed = split_articles(value) or None
        else:
            parsed = clean_text(value)
    except (DateError, FieldError) as exc:
        raise InputError(f"{exc}", file="correction", field=field) from None
    if parsed in (None, "", []):
        raise InputError("a correction needs a value (blank values say nothing)", file="correction", field=field)
    if isinstance(parsed, str) and len(parsed) > 1000:
        raise InputError("value longer than 1000 characters", file="correction", field=field)
    return parsed


def correct(target: Any, person_id: int, values: Mapping[str, str], *, note: str | None = None,
            actor: str | None = None) -> dict[str, Any]:
    """Store one correction of ``person_id`` (all ``values`` in one record) and pin it to the person."""
    if not values:
        raise ConfigError.of(N_("nothing to correct: give at least one FIELD=VALUE"))
    parsed = {f: _parse(f, v) for f, v in values.items()}
    fields = {f: v for f, v in parsed.items() if f not in EXTRA_TEXT_FIELDS + EXTRA_DATE_FIELDS}
    extra = {f: v for f, v in parsed.items() if f in EXTRA_TEXT_FIELDS + EXTRA_DATE_FIELDS}
    if "birth_date" in fields:
        fields["birth_year"] = partial_year(fields["birth_date"])
    note = (note or "").strip()[:MAX_NOTE] or None
    actor = actor or default_actor()
    with session_scope(database_url(target)) as s:
        if not store.person_exists(s, person_id):
            raise InputError.of(N_("no person with id %(id)s (run `reckon link` first, or see `reckon persons`)"),
                                id=str(person_id))
        src = store.manual_source(s)
        anchor = store.anchor_record(s, person_id, src.id)
        if anchor is None:
            raise InputError.of(N_("person %(id)s holds no current record to attach a correction to"), id=person_id)
        rec = store.insert_correction(s, person_id=person_id, fields=fields, extra=extra, note=note, actor=actor)
        decision = store.pin(s, rec.id, anchor, actor=actor, note=f"correction of person {person_id}")
        audit(s, "person.correct", actor=actor, target_type="person", target_ids=[person_id],
              record_id=rec.id, anchor_record=anchor, decision_id=decision.id, fields=sorted(parsed))
        return {"person_id": person_id, "record_id": rec.id, "anchor_record": anchor, "decision_id": decision.id,
                "fields": {k: v for k, v in parsed.items()}, "note": note, "actor": actor}


def corrections(target: Any, person_id: int) -> list[dict[str, Any]]:
    """The corrections standing on a person, oldest first: what each set, who and when, and why."""
    with session_scope(database_url(target)) as s:
        return store.corrections_of(s, person_id)
