"""Sentences and penalties as lists write them: kind, regime, term, fine.

INTERFACE STUB (to be completed): the signatures and dataclasses are fixed; the parsing is minimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Sentence", "parse_sentence", "KINDS", "REGIMES"]

KINDS = ("colony", "prison", "arrest", "fine", "restricted_freedom", "home_confinement", "suspended",
         "community_service", "death", "other")
REGIMES = ("general", "medium", "high", "special", "colony_settlement")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A normalised penalty. ``years``/``months``/``days`` keep the term as written (4 1/2 years -> 4, 6, 0)."""

    kind: str                        # one of KINDS
    regime: str | None = None        # one of REGIMES, for colonies
    years: int = 0
    months: int = 0
    days: int = 0
    fine_amount: float | None = None
    fine_currency: str | None = None  # "BYN", "RUB", "BV" (base units, базавыя велічыні)
    suspended: bool = False

    @property
    def custodial(self) -> bool:
        """True when the person is held while serving it (colony, prison, arrest)."""
        return self.kind in ("colony", "prison", "arrest") and not self.suspended

    @property
    def term_days(self) -> int | None:
        """The term as a number of days (years of 365, months of 30); None when there is no term."""
        total = self.years * 365 + self.months * 30 + self.days
        return total or None

    def end_from(self, start: date) -> date | None:
        """The calendar day the term ends when it starts on ``start`` (years and months by the calendar)."""
        if not self.term_days:
            return None
        month = start.month - 1 + self.months
        year = start.year + self.years + month // 12
        month = month % 12 + 1
        day = min(start.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30,
                              31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        from datetime import timedelta
        return date(year, month, day) + timedelta(days=self.days)


_YEARS = re.compile(r"(\d+)\s*(?:years?|гад|год|лет)", re.I)


def parse_sentence(*texts: str | None) -> Sentence | None:
    """One sentence from the cells that describe it (term, penalty kind, fine). None when nothing is known."""
    text = " ".join(t for t in texts if t)
    if not text:
        return None
    m = _YEARS.search(text)
    return Sentence("colony", years=int(m.group(1))) if m else Sentence("other")
