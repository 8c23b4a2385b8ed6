"""The words of a person's review decision, one vocabulary for records (linkage) and listings (sanctions).

A reviewer says two records, or two listings of officials, are the ``same`` person, ``different``
people, or is ``unsure``. The store's check constraints, the services, the CLI arguments (``Decision``)
and the web API's schema (``DecisionWord``) all read these three words from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

__all__ = ["DECISIONS", "Decision", "DecisionWord"]

DecisionWord = Literal["same", "different", "unsure"]
DECISIONS: tuple[str, ...] = get_args(DecisionWord)
Decision = StrEnum("Decision", [(word, word) for word in DECISIONS])  # type: ignore[misc]
