"""Which text encoding a list file is in: BOMs first, then strict UTF-8, then Cyrillic code pages.

Belarusian and Russian Excel exports are often cp1251 (sometimes KOI8-R or the DOS cp866); generic
detectors guess these poorly on short files, so reckon scores the candidate Cyrillic code pages itself
(real text has lower-case letters after the first of a word) and asks charset-normalizer only when the
text is not Cyrillic at all.
"""

from __future__ import annotations

import codecs
import re

SAMPLE_BYTES = 256 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic")
_CYR = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff]+")


def _utf8_ok(sample: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(sample, final=False)  # a character cut at the end of the sample is fine
    except UnicodeDecodeError:
        return False
    return True


def _cyrillic_score(text: str) -> float:
    """How much ``text`` looks like real Cyrillic prose: share of well-cased Cyrillic words."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    good = 0
    for w in words:
        tail = w[1:]
        if tail == tail.lower() or w == w.upper():
            good += len(w)
    letters = sum(len(w) for w in words)
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return good / max(letters, 1) * (letters / max(non_ascii, 1))


def detect_encoding(sample: bytes) -> str:
    """The Python codec name to read a file whose first bytes are ``sample``."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if not sample:
        return "utf-8"
    # UTF-16 without a BOM: every other byte is zero in mostly-ASCII text.
    head = sample[:4096]
    if len(head) >= 4:
        even_zero = head[0::2].count(0) / (len(head) / 2)
        odd_zero = head[1::2].count(0) / (len(head) / 2)
        if odd_zero > 0.3 and even_zero < 0.05:
            return "utf-16-le"
        if even_zero > 0.3 and odd_zero < 0.05:
            return "utf-16-be"
    if _utf8_ok(sample):
        return "utf-8"
    best, best_score = None, 0.0
    for page in _CYRILLIC_PAGES:
        text = sample.decode(page, errors="replace")
        if not _CYR.search(text):
            continue
        score = _cyrillic_score(text)
        if score > best_score + 1e-9:
            best, best_score = page, score
    if best is not None and best_score > 0.5:
        return best
    from charset_normalizer import from_bytes

    match = from_bytes(sample).best()
    if match is not None:
        return match.encoding
    return "cp1251"
