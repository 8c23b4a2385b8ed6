"""The levels of the linkage model's comparisons in words of the reader's language (the review page).

Why a map: a stored model names each level by its ``label_for_charts``, which is our own English phrase
(``reckon.link.settings``) or Splink's own text for a comparison Splink builds ("Array intersection size
>= 2"). Neither can be shown to a Belarusian or Russian reviewer, and Splink's text may change between
versions, so each level is looked up here by comparison and level label; a label not in the map is shown
as the model stored it. Pure: no Splink import, so the web app can draw the review page without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reckon.i18n import N_, gettext, label

__all__ = ["BY_COMPARISON", "COMPARISONS", "LEVELS", "comparison_words", "level_words"]

# our own labels (reckon.link.settings), the same words whatever the comparison
LEVELS: dict[str, str] = {
    "missing on one side": N_("missing on one side"),
    "different": N_("different"),
    "same": N_("same"),
    "same spelling": N_("same spelling"),
    "same cross-language key": N_("same name in another script or language"),
    "same consonant skeleton": N_("same consonants"),
    "Latin forms one edit apart": N_("Latin spellings one letter apart"),
    "Latin forms two edits apart": N_("Latin spellings two letters apart"),
    "Latin forms within two edits": N_("Latin spellings at most two letters apart"),
    "keys one edit apart": N_("name keys one letter apart"),
    "long keys two edits apart": N_("long name keys two letters apart"),
    "equivalent given name": N_("the same given name in another form"),
    "initials compatible": N_("initials agree"),
    "same patronymic key": N_("same patronymic"),
    "same initial": N_("same initial"),
    "same full date": N_("same full date"),
    "same year, the rest unknown on one side": N_("same year, the rest unknown on one side"),
    "day and month swapped": N_("day and month swapped"),
    "same year, day or month differs": N_("same year, day or month differs"),
    "same year, day and month differ": N_("same year, day and month differ"),
    "same day and month, year differs": N_("same day and month, year differs"),
    "years one apart": N_("years one apart"),
    "one edit apart": N_("one letter apart"),
    "same day": N_("same day"),
    "within a week": N_("within a week"),
    "within two months": N_("within two months"),
    "evidence beyond the pair": N_("evidence beyond the pair (how common the name is)"),
}

# comparisons that are not a field of the record (a field is said by reckon.i18n.label): the evidence
# beyond the pair (link.frequency, link.exclusive) and the columns a list's extra facts are compared on
COMPARISONS: dict[str, str] = {
    "given_name_frequency": N_("given name frequency"),
    "surname_frequency": N_("surname frequency"),
    "detention_date_frequency": N_("detention day frequency"),
    "one_to_one": N_("one person per list"),
    "detention_days": N_("date of detention"),
}

# levels Splink names itself, by comparison and its label
BY_COMPARISON: dict[tuple[str, str], str] = {
    ("articles", "articles is NULL"): N_("missing on one side"),
    ("articles", "Array intersection size >= 2"): N_("two or more articles of the code in common"),
    ("articles", "Array intersection size >= 1"): N_("one article of the code in common"),
    ("articles", "All other comparisons"): N_("no article of the code in common"),
}


def level_words(step: Mapping[str, Any]) -> str:
    """A step of a pair's explanation (``comparison``, ``level``) as its level reads in the language in force."""
    comparison, level = str(step.get("comparison") or ""), str(step.get("level") or "")
    message = BY_COMPARISON.get((comparison, level)) or LEVELS.get(level)
    if message is None and level.endswith(" is NULL"):
        message = LEVELS["missing on one side"]
    if message is None and level == "All other comparisons":
        message = LEVELS["different"]
    return gettext(message) if message else level


def comparison_words(name: Any) -> str:
    """A comparison's name (``given_name_frequency``, ``birth_date``, ``extra_judge``) in the language in force."""
    text = str(name or "")
    if text in COMPARISONS:
        return gettext(COMPARISONS[text])
    return label(text.removeprefix("extra_"))
