"""The levels of the linkage model's comparisons in words of the reader's language (``reckon explain``, the
review page, training's notes).

A stored model names each level by its ``label_for_charts``. For the comparisons reckon builds, that label
is already the level's meaning in English words, written once in :mod:`reckon.link.settings` (and, for the
evidence beyond the pair, in :mod:`reckon.link.frequency` and :mod:`reckon.link.exclusive`) and marked for
translation: it is shown through the catalogue as it is. Two kinds of label need a look-up first: the
levels Splink builds and names itself ("Array intersection size >= 2", whose text may change between
versions), by comparison and label, and the terser labels of models trained before the settings carried
words (:data:`STORED_BEFORE`, so a workspace linked earlier still reads in words). A label known to neither
is shown as the model stored it. Pure: no Splink import, so the web app can draw the review page without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reckon.i18n import N_, gettext, label

__all__ = ["BY_COMPARISON", "COMPARISONS", "STORED_BEFORE", "comparison_words", "level_words"]

MISSING = N_("missing on one side")
DIFFERENT = N_("different")

# labels of models stored before the settings carried words -> the words the settings now give them
STORED_BEFORE: dict[str, str] = {
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
    "one edit apart": N_("values one character apart"),
    "evidence beyond the pair": N_("evidence beyond the pair"),
}

# comparisons that are not a field of the record (a field is said by reckon.i18n.label): the evidence
# beyond the pair (link.frequency, link.exclusive) and the columns a list's extra facts are compared on
COMPARISONS: dict[str, str] = {
    "given_name_frequency": N_("given name frequency"),
    "surname_frequency": N_("surname frequency"),
    "detention_date_frequency": N_("detention day frequency"),
    "one_to_one": N_("one person per list"),
    "same_event": N_("one event"),
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
    message = BY_COMPARISON.get((comparison, level)) or STORED_BEFORE.get(level)
    if message is None and level.endswith(" is NULL"):
        message = MISSING
    if message is None and level == "All other comparisons":
        message = DIFFERENT
    text = message or level
    return gettext(text) if text else ""   # gettext("") would be the catalogue's header


def comparison_words(name: Any) -> str:
    """A comparison's name (``given_name_frequency``, ``birth_date``, ``extra_judge``) in the language in force."""
    text = str(name or "")
    if text in COMPARISONS:
        return gettext(COMPARISONS[text])
    return label(text.removeprefix("extra_"))
