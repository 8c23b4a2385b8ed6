"""Belarus's national romanisation of geographic names (Mahilioŭ, Homieĺ, Navapolack, Žodzina).

Why here and not in reckon.names: the national system (instruction on the transliteration of
Belarusian geographic names, 2000, revised 2007, the system the UN recommends for Belarus) is the one
maps, signs and Viasna's English pages use for places ("Mahilioŭ", "Navapolack"); reckon.names renders
people's names in Łacinka, BGN, passport and ICAO, none of which gives these forms. It is a letter
table with two context rules, so it is written out rather than built from ICU.

Rules: е ё ю я are je jo ju ja at the start of a word and after a vowel, ў, an apostrophe or ь, and
ie io iu ia after a consonant; ь softens the letter before it (ль ĺ, нь ń, сь ś, зь ź, ць ć) and is
dropped elsewhere; і after an apostrophe is ji; г is h, х is ch.
"""

from __future__ import annotations

__all__ = ["national_latin"]

_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e",
    "ъ": "",
}
_IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_SOFT = {"л": "ĺ", "н": "ń", "с": "ś", "з": "ź", "ц": "ć"}
_VOWELS = set("аеёіиоуыэюя")
_APOSTROPHES = set("'’ʼ`")


def _word(word: str) -> str:
    out: list[str] = []
    prev = ""
    for ch in word.lower():
        if ch in _IOTATED:
            after_consonant = prev.isalpha() and prev not in _VOWELS and prev not in ("ў", "ь", "ъ")
            out.append(("i" if after_consonant else "j") + _IOTATED[ch])
        elif ch == "і" and prev in _APOSTROPHES:
            out.append("ji")
        elif ch == "ь":
            if prev in _SOFT and out:
                out[-1] = _SOFT[prev]
        elif ch in _APOSTROPHES:
            pass
        else:
            out.append(_PLAIN.get(ch, ch))
        prev = ch
    text = "".join(out)
    if word[:1].isupper() and text:
        text = text[0].upper() + text[1:]
    return text


def national_latin(text: str) -> str:
    """``text`` (Belarusian Cyrillic) in the national Latin system: "Магілёў" -> "Mahilioŭ"."""
    out, word = [], []
    for ch in text:
        if ch.isalpha() or ch in _APOSTROPHES:
            word.append(ch)
        else:
            if word:
                out.append(_word("".join(word)))
                word = []
            out.append(ch)
    if word:
        out.append(_word("".join(word)))
    return "".join(out)
