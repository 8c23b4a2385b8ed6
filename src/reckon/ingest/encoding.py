"""Which text encoding a list file is in: BOMs first, then strict UTF-8, then Cyrillic code pages.

Belarusian and Russian Excel exports are often cp1251 (sometimes KOI8-R or the DOS cp866); generic
detectors guess these poorly on short files, so reckon scores the candidate Cyrillic code pages itself
(real text has lower-case letters after the first of a word) and asks charset-normalizer only when the
text is not Cyrillic at all.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reckon.errors import N_

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


# -- undecodable bytes ------------------------------------------------------------------------------
# Files are decoded with the "reckon-escape" error handler: each byte the encoding cannot decode becomes
# one character U+DC00 + byte (as Python's surrogateescape does, but for any byte and any codec, UTF-16
# included), so reading never stops mid-file and the byte is known again. ESCAPES counts such bytes in
# this process; readers compare it before and after to know whether a row needs searching at all.
ESCAPES = [0]
_ESCAPED = re.compile("[\udc00-\udcff]")


def _escape(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    ESCAPES[0] += len(bad)
    return "".join(chr(0xDC00 + b) for b in bad), exc.end


codecs.register_error("reckon-escape", _escape)


def has_escaped(values: Any) -> int:
    """How many escaped bytes ``values`` (text, or cells of a row, nested as JSON) hold."""
    if isinstance(values, str):
        return len(_ESCAPED.findall(values))
    if isinstance(values, dict):
        values = values.values()
    if isinstance(values, list | tuple) or hasattr(values, "__iter__"):
        return sum(has_escaped(v) for v in values if isinstance(v, str | dict | list))
    return 0


def bad_byte_offsets(path: Path, encoding: str) -> list[int]:
    """The byte offset of every byte of ``path`` that ``encoding`` cannot decode, in file order."""
    offsets: list[int] = []
    fed = 0

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        base = fed - (len(exc.object) - len(chunk))  # bytes the decoder held back from the last chunk
        offsets.extend(range(base + exc.start, base + exc.end))
        return "\ufffd", exc.end

    with _RECORDING, open(path, "rb") as fh:  # the handler is process-wide: one recording at a time
        codecs.register_error("reckon-record", record)
        decoder = codecs.getincrementaldecoder(encoding)("reckon-record")
        while True:
            chunk = fh.read(1 << 20)
            decoder.decode(chunk, final=not chunk)
            if not chunk:
                break
            fed += len(chunk)
    return offsets


_RECORDING = threading.Lock()


@dataclass(frozen=True)
class Guess:
    encoding: str
    note: str | None = None  # said to the user when letters depend on a guess


def detect_encoding(sample: bytes) -> str:
    """The Python codec name to read a file whose first bytes are ``sample``."""
    return detect(sample).encoding


def _utf8_mostly(sample: bytes, *, cut: bool = False) -> bool:
    """UTF-8 with some broken lines or stray bytes: read as UTF-8, quarantining the rows that hold them.

    Two signs, either enough, both measured on the sample's lines (``cut``: the sample stops mid-file,
    so its last line is partial and left out):

    - as many lines hold well-formed multi-byte characters and no undecodable byte as lines hold an
      undecodable byte (ASCII-only lines say nothing). A line in a Cyrillic code page is almost never
      well-formed UTF-8 by accident: of the 526 lines and 1,912 distinct Cyrillic words of the real
      Viasna admin-cases list written in cp1251, none decodes as UTF-8 (7 December 2026). So even one
      such line per broken line means UTF-8 text was written, and the ties go to UTF-8: its broken lines
      are quarantined whole (nothing lost, each named by its byte offset), while a code page would
      silently change every letter of the well-formed lines;
    - the file's undecodable bytes are rare beside its well-formed characters (a few stray bytes in
      long lines of UTF-8 text, which the line count alone may miss).
    """
    text = sample.decode("utf-8", "surrogateescape")  # not reckon-escape: a probe must not move ESCAPES
    lines = text.splitlines()
    if cut and len(lines) > 1:
        lines.pop()
    good_lines = broken_lines = well_formed = bad = 0
    for line in lines:
        line_bad = len(_ESCAPED.findall(line))
        line_good = sum(1 for ch in line if ord(ch) > 127) - line_bad
        bad += line_bad
        well_formed += line_good
        if line_bad:
            broken_lines += 1
        elif line_good:
            good_lines += 1
    return (good_lines > 0 and good_lines >= broken_lines) or well_formed >= 2 * bad


def detect(sample: bytes) -> Guess:
    """The encoding to read a file whose first bytes are ``sample``, with a note when it is a guess."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return Guess(name)
    if not sample:
        return Guess("utf-8")
    # UTF-16 without a BOM: every other byte is zero in mostly-ASCII text.
    head = sample[:4096]
    if len(head) >= 4:
        even_zero = head[0::2].count(0) / (len(head) / 2)
        odd_zero = head[1::2].count(0) / (len(head) / 2)
        if odd_zero > 0.3 and even_zero < 0.05:
            return Guess("utf-16-le")
        if even_zero > 0.3 and odd_zero < 0.05:
            return Guess("utf-16-be")
    if _utf8_ok(sample) or _utf8_mostly(sample, cut=len(sample) >= SAMPLE_BYTES):
        return Guess("utf-8")
    scores: dict[str, float] = {}
    for page in _CYRILLIC_PAGES:
        text = sample.decode(page, errors="replace")
        if _CYR.search(text):
            scores[page] = _cyrillic_score(text)
    ranked = sorted(scores, key=lambda p: (-scores[p], _CYRILLIC_PAGES.index(p)))
    if ranked and scores[ranked[0]] > 0.5:
        best = ranked[0]
        runner = scores[ranked[1]] if len(ranked) > 1 else 0.0
        confidence = scores[best] * (1 - runner / scores[best] / 2)
        return Guess(best, _guess_note(best, confidence, ranked[1] if len(ranked) > 1 else None))
    from charset_normalizer import from_bytes

    match = from_bytes(sample).best()
    if match is not None:
        return Guess(match.encoding, _guess_note(match.encoding, max(0.0, 1 - match.chaos), None))
    return Guess("cp1251", _guess_note("cp1251", 0.0, None))


# The note of a guessed encoding: stored in English with the import, said by ``said_errors.reason``.
GUESSED = N_("not UTF-8: read as %(encoding)s, a guess with confidence %(confidence)s; the letters of every name "
             "depend on it, so check a few, or pass --encoding")
GUESSED_NEXT = N_("not UTF-8: read as %(encoding)s, a guess with confidence %(confidence)s (next best: %(next)s); "
                  "the letters of every name depend on it, so check a few, or pass --encoding")
ENCODING_NOTES = (GUESSED_NEXT, GUESSED)


def _guess_note(encoding: str, confidence: float, runner_up: str | None) -> str:
    params = {"encoding": encoding, "confidence": f"{confidence:.0%}", "next": runner_up}
    return (GUESSED_NEXT if runner_up else GUESSED) % params
