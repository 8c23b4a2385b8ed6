"""Sentences that take people off a sanctions list rather than put them on it.

"The Council decided to remove 24 officials from the list", "Са спісу выключаныя A, B …", "сняли санкции с X",
"delisted", "lifted the sanctions on X": the people named there are no longer sanctioned, and a documenter who
counts who is sanctioned must not count them. Both the English and the Cyrillic sanctions rules ask this module
whether a sentence is such a removal before they read targets from it (one implementation for the three
languages). The words are a closed list: a removal is said in a handful of verbs, and a table is exact.
"""

from __future__ import annotations

import re

# A list or register of sanctioned people, as the removal verbs take it ("from the EU sanctions list", "the black
# list", "из санкционного списка", "са спісу", "з сьпісу").
_LIST_EN = r"(?:black\s*list|blacklist|list|register|sanctions)"
_LIST_CYR = r"(?:спіс|сьпіс|спис|перелік|перечн|реестр|рээстр)\w*"
_REMOVE_CYR = r"(?:выключ|исключ|выдал|удал|вычеркн|выкрасл|выведз|вывел|вывед)\w*"

_REMOVAL = re.compile(
    # English: "removed … from the list", "took X off the sanctions list", "delisted", "lifted sanctions on"
    r"\b(?:remov|delet|exclud|strik|struck|drop)\w*\s+(?:[\w’'.-]+\s+){0,8}?(?:from|off)\s+(?:the\s+|its\s+|their\s+|a\s+)?"
    r"(?:[\w’'-]+\s+){0,3}?" + _LIST_EN + r"\b|"
    r"\b(?:take|takes|taking|took|taken)\s+(?:[\w’'.-]+\s+){0,8}?off\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){0,3}?"
    + _LIST_EN + r"\b|"
    r"\bde-?list(?:ed|ing|s)?\b|"
    r"\b(?:lift|lifts|lifted|lifting|rescind\w*|revok\w*|repeal\w*|withdr[ae]w\w*)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w’'-]+\s+){0,2}?(?:sanctions|restrictive\s+measures|travel\s+bans?|asset\s+freezes?)\s+(?:on|against|imposed)\b|"
    # Belarusian and Russian: "выключыць … са спісу", "исключил из списка", "Са спісу выключаныя", "зняў санкцыі з"
    + _REMOVE_CYR + r"\s+(?:\S+\s+){0,8}?(?:з|са|из|изо|со|с)\s+(?:\S+\s+){0,3}?" + _LIST_CYR + r"|"
    r"(?:^|[\s(«\"])(?:з|са|из|изо|со)\s+(?:\S+\s+){0,3}?" + _LIST_CYR + r"\s+(?:\S+\s+){0,3}?" + _REMOVE_CYR + r"|"
    r"(?:зня|сня|адмян|отмен|скасав|скасоў|ослаб|аслаб)\w*\s+(?:\S+\s+){0,2}?(?:санкц|абмежаван|ограничени)\w*",
    re.IGNORECASE,
)


# "refused to lift the sanctions on X", "не будут исключены из списка": X stays sanctioned
_KEPT = re.compile(r"(?:\b(?:not|never|no|refus\w*|reject\w*|declin\w*|den(?:y|ied|ies))\b|n[’']t\b|"
                   r"(?<![\w])(?:не|ня|отказ\w*|адмов\w*)(?![\w]))\s*(?:\S+\s+){0,3}$", re.IGNORECASE)


def removal(text: str) -> re.Match[str] | None:
    """The words that take someone off a sanctions list in ``text``, if it says so (and does not deny it)."""
    m = _REMOVAL.search(text)
    if m is None or _KEPT.search(text[max(0, m.start() - 40):m.start()]):
        return None
    return m
