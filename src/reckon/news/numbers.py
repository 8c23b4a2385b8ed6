"""Numbers as news writes them: "1,405", "15", "fifteen", "three dozen", "20 thousand", "1.5 million".

``parse_number`` turns one such phrase into an integer; ``NUMBER_RE`` finds them in running text.
Vague multiples ("dozens", "hundreds", "tens of thousands") are deliberately *not* numbers: no value can
honestly be given for them.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = "dozen"

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_WORD_NUM = (
    rf"(?:(?:{_WORD})(?:-(?:{_WORD}))?"
    rf"(?:\s+(?:and\s+)?(?:hundred|thousand|million|billion|dozen|{_WORD})(?:-(?:{_WORD}))?)*"
    r"|(?:a|one)\s+(?:hundred|thousand|dozen)(?:\s+and\s+(?:" + _WORD + r"))?)"
)
_DIGIT_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|dozen)|\s?(?:k|mln|m)\b)?"

# A number phrase: digits with an optional scale word, or number words. Word boundaries on both sides.
NUMBER_RE = re.compile(
    rf"(?<![\w.,/-])(?:(?P<digits>{_DIGIT_NUM}){_SCALE}|(?P<words>{_WORD_NUM}))(?![\w])",
    re.IGNORECASE,
)


def parse_number(text: str) -> int | None:
    """The integer a number phrase stands for, or None when it is not a definite number.

    >>> parse_number("1,405"), parse_number("three dozen"), parse_number("1.5 million")
    (1405, 36, 1500000)
    """
    t = text.strip().lower().replace("\u00a0", " ").replace("\u202f", " ")
    if not t:
        return None
    m = re.fullmatch(
        r"(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(\.\d+)?\s*(hundred|thousand|million|billion|dozen|k|mln|m)?",
        t,
    )
    if m:
        whole = m.group(1).replace(",", "").replace(" ", "")
        frac = m.group(2) or ""
        scale = m.group(3)
        mult = {"k": 1000, "mln": 1_000_000, "m": 1_000_000, DOZEN: 12}.get(scale or "", SCALES.get(scale or "", 1))
        if frac and not scale and len(frac) == 4 and len(whole) <= 3:
            return int(whole + frac[1:])  # "27.000 Belarusians": a dot between thousands, as Europe prints it
        if frac and not scale:
            return None  # "2.5" people is not a count
        try:
            value = float(whole + frac) * mult
        except ValueError:
            return None
        if value != int(value):
            return None
        return int(value)
    return _parse_words(t)


def _parse_words(t: str) -> int | None:
    tokens = [tok for tok in re.split(r"[\s-]+", t) if tok and tok != "and"]
    if not tokens:
        return None
    total, current, seen = 0, 0, False
    for i, tok in enumerate(tokens):
        if tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "a" and i == 0 and len(tokens) > 1:
            current = 1
            seen = True
        elif tok == DOZEN:
            current = (current or 1) * 12
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok in ("thousand", "million", "billion"):
            total += (current or 1) * SCALES[tok]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def is_dozen(text: str) -> bool:
    """'three dozen' is an estimate of a count; we report it with the qualifier ``about``."""
    return bool(re.search(r"\bdozen\b", text, re.IGNORECASE))
