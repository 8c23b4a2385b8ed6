"""What a history is made of: the facts one record states, the events derived from them, a person's states.

Pure data (no database). :class:`RecordFacts` is what :mod:`reckon.histories.derive` reads from one current
record; :class:`Event` is one dated thing that happened to a person, with the records and fields it came
from; :class:`Derived` is a subject's whole derivation: events, cases, the day intervals on which each
state is surely or possibly true, and the keys it is counted under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EVENT_KINDS = ("detention", "charge", "verdict", "appeal", "recognition", "release", "death", "wanted", "other")
STATES = ("in_custody", "political_prisoner", "persecuted", "released")


@dataclass(slots=True)
class RecordFacts:
    """The fields of one current record that histories read, with its source's rules resolved.

    Not frozen: a build makes one per record (a million), and a frozen dataclass's __init__ costs several
    times more; nothing changes one after it is made."""

    id: int
    source: str
    source_kind: str = "list"
    political_prisoner_list: bool = False   # the source is a list of recognised political prisoners
    list_date: str | None = None            # the list's own date (partial ISO): its rule, else import day
    sex: str | None = None
    birth_date: str | None = None
    region: str | None = None
    locality: str | None = None
    detention_date: str | None = None
    release_date: str | None = None
    status: str | None = None
    articles: tuple[str, ...] = ()
    sentence_cells: tuple[str, ...] = ()    # the cells the sentence was joined from, as written
    place_of_detention: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Event:
    """One dated event. ``date`` is the partial date as agreed by the sources, None when unknown or disputed.

    ``lo``/``hi`` are the first and last possible day (ordinals); ``alternatives`` lists the dates sources
    gave when they disagree (each with its record ids): a disputed date is counted like a partial one.
    ``derived`` marks events reckon inferred (a release at the end of a served term).
    """

    kind: str
    date: str | None = None
    lo: int | None = None
    hi: int | None = None
    case_no: int | None = None
    derived: bool = False
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    record_ids: list[int] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)

    @property
    def disputed(self) -> bool:
        return bool(self.alternatives)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "date_lo": self.lo, "date_hi": self.hi,
                "case_no": self.case_no, "derived": self.derived, "alternatives": self.alternatives,
                "details": self.details, "record_ids": self.record_ids, "fields": self.fields}


@dataclass(slots=True)
class Derived:
    """A subject's history: events in order, and per state the sure and possible day intervals."""

    events: list[Event]
    sure: dict[str, list[tuple[int, int]]]
    possible: dict[str, list[tuple[int, int]]]
    keys: dict[str, list[str]]
    birth_year: int | None = None

    @property
    def conflicts(self) -> list[Event]:
        return [e for e in self.events if e.disputed]

    def state_on(self, state: str, day: int) -> bool | None:
        """True, False, or None (undetermined: it depends on a partial or disputed date)."""
        if any(lo <= day < hi for lo, hi in self.sure.get(state, ())):
            return True
        if any(lo <= day < hi for lo, hi in self.possible.get(state, ())):
            return None
        return False
