"""One Belarusian orthography for the rules: Łacinka and Taraškievica read as Cyrillic Narkamaŭka.

Belarusian news is written three ways: Cyrillic in the official spelling (Narkamaŭka), Cyrillic in the
classical spelling (Taraškievica: Radio Svaboda writes "палітвязьняў", "зьняволеньне", "Эўразьвяз") and in
the Latin alphabet (Łacinka: Nasha Niva's Latin edition writes "palitviaźniaŭ", "Mikałaj Statkievič"). The
``cyr_*`` rules are written once, for the official Cyrillic spelling. Rather than teaching every cue, name
ending and number word two more spellings, the article is read through a *view*: the same text transliterated
(Łacinka → Cyrillic, a fixed letter-for-letter correspondence) and with Taraškievica's assimilative soft
signs dropped ("зьняволеньне" → "зняволенне"), with an offset map from every view character back to the
article. The facts found in the view are then put back: spans through the map, and the words (names,
quotations, sentences) as the article writes them, in its own alphabet.

Only articles the language detector calls Belarusian Łacinka (``be-latn``, which main reckon left unread) or
Belarusian Cyrillic with Taraškievica spellings go through the view; Russian and English never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

_VOWELS_LAT = set("aeiouyŭ")
_IOTA = {"a": "я", "e": "е", "o": "ё", "u": "ю", "i": "і"}
_PLAIN = {"a": "а", "b": "б", "c": "ц", "č": "ч", "d": "д", "e": "э", "f": "ф", "g": "г", "h": "г", "i": "і",
          "k": "к", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "š": "ш", "t": "т", "u": "у",
          "ŭ": "ў", "v": "в", "w": "в", "y": "ы", "z": "з", "ž": "ж", "ł": "л", "x": "кс", "q": "к",
          "ć": "ць", "ń": "нь", "ś": "сь", "ź": "зь", "j": "й", "l": "ль"}
_LAT_LETTERS = set(_PLAIN) | {"ĺ"}
_LACINKA_ONLY = set("ŭćńśźčšžł")

# Taraškievica writes the softness of a consonant before a soft one ("зьняволеньне", "сьвет", "дзьве");
# the official spelling does not. Number words keep their own soft sign ("восьмі", "дзесьці").
# The following consonant must itself be soft (a soft vowel or sign after it): the official spelling writes
# "ацэньваць", "Гунько" with a soft sign before a hard one, which stays.
_TARASK_SOFT = re.compile(r"(?<=[зсн])ь(?=[бвдзлмнпсфц]ь?[еёюяіь])", re.IGNORECASE)
_KEEP_SOFT = re.compile(r"\b(?:вось|вась|дзесь|пісьм|пiсьм|вазьм|возьм|восьм)", re.IGNORECASE)


@dataclass
class View:
    """A spelling of ``original`` the Cyrillic rules read, and where each of its characters came from."""

    text: str
    original: str
    starts: list[int]  # original start of view character i
    ends: list[int]  # original end (exclusive) of view character i
    latin: bool  # the article was in Łacinka: words put back are written in Łacinka

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.text:
            return start, end
        s = self.starts[min(max(start, 0), len(self.starts) - 1)] if start < len(self.starts) else len(self.original)
        e = self.ends[min(max(end - 1, 0), len(self.ends) - 1)] if end > start else s
        return s, e

    def back(self, value: str | None) -> str | None:
        """The article's own spelling of a string the rules produced from the view."""
        if not value:
            return value
        at = self.text.find(value)
        if at >= 0:
            s, e = self.span(at, at + len(value))
            return self.original[s:e]
        out, pos = [], 0
        for m in _WORD.finditer(value):
            out.append(value[pos:m.start()])
            out.append(self._word_back(m.group()))
            pos = m.end()
        out.append(value[pos:])
        return "".join(out)

    def _word_back(self, word: str) -> str:
        # the longest beginning of the word the view has at a word start ("Мікалай" from "Мікалая"): its
        # letters as the article writes them, and the rest (a nominative ending) spelled in the article's alphabet
        for k in range(len(word), max(1, len(word) - 4), -1):
            m = re.search(r"(?<!\w)" + re.escape(word[:k]), self.text)
            if m:
                s, e = self.span(m.start(), m.end())
                rest = word[k:]
                return self.original[s:e] + (cyr_to_lat(rest, after=word[k - 1]) if self.latin else rest)
        return cyr_to_lat(word) if self.latin else word


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_lacinka(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    marks = sum(ch.lower() in _LACINKA_ONLY for ch in text)
    # real Łacinka pages: 7-9% of the letters are ŭ ć ń ś ź č š ž ł; an English page naming a few Belarusians, far fewer
    return letters > 0 and text.lower().count("ŭ") >= 2 and marks * 30 >= letters


def is_taraskievica(text: str) -> bool:
    """Belarusian Cyrillic in the classical spelling: soft signs written before soft consonants."""
    hits = [m for m in _TARASK_SOFT.finditer(text) if not _kept(text, m.start())]
    return len(hits) >= 2


def _kept(text: str, at: int) -> bool:
    begin = at
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return bool(_KEEP_SOFT.match(text, begin))


def lat_to_cyr(text: str) -> tuple[str, list[int], list[int]]:
    """Łacinka → Cyrillic, letter by letter, with the original span of every output character."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)

    def emit(chunk: str, s: int, e: int, upper: bool, all_caps: bool) -> None:
        for k, ch in enumerate(chunk):
            if all_caps or (upper and k == 0):
                ch = ch.upper()
            out.append(ch)
            starts.append(s)
            ends.append(e)

    while i < n:
        ch = text[i]
        low = ch.lower()
        if low not in _LAT_LETTERS:
            emit(ch, i, i + 1, False, False)
            i += 1
            continue
        upper = ch.isupper()
        j = i
        while j < n and text[j].isalpha():
            j += 1
        word = text[i:j]
        all_caps = len(word) > 1 and word.isupper()
        prev = text[i - 1].lower() if i > 0 else ""
        after_vowel = not prev.isalpha() or prev in _VOWELS_LAT or prev in "'’"
        nxt = text[i + 1].lower() if i + 1 < n else ""
        nxt2 = text[i + 2].lower() if i + 2 < n else ""
        if low == "c" and nxt == "h":
            emit("х", i, i + 2, upper, all_caps)
            i += 2
            continue
        if low == "j" and nxt in _IOTA:
            chunk = _IOTA[nxt]
            if prev.isalpha() and prev not in _VOWELS_LAT:
                chunk = "’" + chunk  # "abjavili" → "аб’явілі"
            emit(chunk, i, i + 2, upper, all_caps)
            i += 2
            continue
        if low == "i" and nxt in "aeou" and nxt and not after_vowel:
            emit(_IOTA[nxt], i, i + 2, upper, all_caps)  # "bie" → "бе": the i softens the consonant before
            i += 2
            continue
        if low == "l":
            if nxt in "aeoui" and nxt:
                emit("л" + _IOTA[nxt], i, i + 2, upper, all_caps)
                i += 2
                continue
            emit("ль", i, i + 1, upper, all_caps)
            i += 1
            continue
        if low == "ł" and nxt == "e":
            emit("лэ", i, i + 2, upper, all_caps)
            i += 2
            continue
        if low in "ćńśź" and nxt == "i" and nxt2 in "aeou" and nxt2:
            emit(_PLAIN[low][0] + _IOTA[nxt2], i, i + 3, upper, all_caps)  # "ćia" → "ця"
            i += 3
            continue
        # an abbreviation's E is the Cyrillic Е ("ES" is "ЕС", the European Union), elsewhere Э ("eks" → "экс")
        emit("е" if low == "e" and all_caps else _PLAIN[low], i, i + 1, upper, all_caps)
        i += 1
    return "".join(out), starts, ends


_CYR_BACK = {"а": "a", "б": "b", "в": "v", "г": "h", "д": "d", "ж": "ž", "з": "z", "і": "i", "и": "i", "й": "j",
             "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
             "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "ы": "y", "э": "e", "’": "j", "'": "j"}
_CYR_IOTA = {"я": "a", "е": "e", "ё": "o", "ю": "u"}
_SOFTEN = {"н": "ń", "с": "ś", "з": "ź", "ц": "ć", "л": "l"}


def cyr_to_lat(word: str, after: str = "") -> str:
    """Cyrillic → Łacinka for the letters a rule wrote itself (a nominative ending: "-й", "-ь", "-а")."""
    out: list[str] = []
    prev = after.lower()
    for ch in word:
        low = ch.lower()
        if low in _CYR_IOTA:
            piece = ("i" if prev and prev.isalpha() and prev not in "аеёіоуыэюяў" else "j") + _CYR_IOTA[low]
            if prev == "л":
                piece = _CYR_IOTA[low]
                if out and out[-1] == "ł":
                    out[-1] = "l"
        elif low == "ь":
            if out and prev in _SOFTEN:
                out[-1] = _SOFTEN[prev]
            piece = ""
        elif low == "і" and prev == "л" and out and out[-1] == "ł":
            out[-1] = "l"
            piece = "i"
        else:
            piece = _CYR_BACK.get(low, low)
        out.append(piece.capitalize() if ch.isupper() else piece)
        prev = low
    return "".join(out)


def drop_soft_signs(text: str) -> tuple[str, list[int]]:
    """Taraškievica → the official spelling's soft signs; returns the new text and the kept positions."""
    keep = [i for i in range(len(text))]
    for m in _TARASK_SOFT.finditer(text):
        if not _kept(text, m.start()):
            keep[m.start()] = -1
    kept = [i for i in keep if i >= 0]
    return "".join(text[i] for i in kept), kept


def view_of(text: str, *, latin: bool | None = None) -> View | None:
    """The Cyrillic official-spelling view of a Belarusian Łacinka or Taraškievica article, else None.

    ``latin``: the caller already knows the article is in Łacinka (the language detector said ``be-latn``)."""
    latin = is_lacinka(text) if latin is None else latin
    if latin:
        cyr, starts, ends = lat_to_cyr(text)
    elif is_taraskievica(text):
        cyr, starts, ends = text, list(range(len(text))), list(range(1, len(text) + 1))
    else:
        return None
    plain, kept = drop_soft_signs(cyr)
    plain = re.sub(r"(?<![^\W\d_])Эў", "Еў", plain)  # "Эўропа", "Эўразвяз": the official spelling's "Еў"
    return View(text=plain, original=text, starts=[starts[k] for k in kept], ends=[ends[k] for k in kept],
                latin=latin)


_SPAN_PAIRS = (("start", "end"), ("sentence_start", "sentence_end"))
_STRINGS = ("sentence", "reporter", "counted", "target", "role", "speaker", "text", "name", "article",
            "sentence_text", "context", "recognised_by", "written", "note")


def restore(facts: Any, view: View) -> Any:
    """Put facts found in the view back into the article: spans through the offset map, words as written."""
    for group in ("figures", "sanctions", "quotes", "declared_political_prisoners"):
        for item in getattr(facts, group):
            _restore_item(item, view)
    for p in facts.persons:
        p.name = view.back(p.name) or p.name
        p.spellings = [view.back(s) or s for s in p.spellings]
    facts.title = view.back(facts.title)
    facts.outlet = view.back(facts.outlet)
    facts.text = view.original
    return facts


def _restore_item(item: Any, view: View) -> None:
    assert is_dataclass(item)
    names = {f.name for f in fields(item)}
    quote_text = None
    if "text" in names and "start" in names and view.text[item.start:item.end] == item.text:
        s, e = view.span(item.start, item.end)
        quote_text = view.original[s:e]
    for a, b in _SPAN_PAIRS:
        if a in names and b in names:
            s, e = view.span(getattr(item, a), getattr(item, b))
            setattr(item, a, s)
            setattr(item, b, e)
    for name in _STRINGS:
        if name in names and isinstance(getattr(item, name), str):
            setattr(item, name, view.back(getattr(item, name)))
    if quote_text is not None:
        item.text = quote_text
