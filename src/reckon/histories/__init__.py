"""Persons and their histories: dated events derived from records, and the count of persons on any date.

Pure parts: :mod:`~reckon.histories.intervals` (partial dates as day bounds, interval sets),
:mod:`~reckon.histories.model` (facts, events) and :mod:`~reckon.histories.derive` (the rules of
docs/histories.md). :mod:`~reckon.histories.service` builds them on a workspace and counts.
"""

from reckon.histories.model import STATES, Derived, Event, RecordFacts

__all__ = ["STATES", "Derived", "Event", "RecordFacts"]
