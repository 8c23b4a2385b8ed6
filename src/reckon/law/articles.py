"""Criminal-code and administrative-code articles: one key however a list writes them.

Lists write the same article as "ч. 1 ст. 342 УК", "Part 1 of Art. 342", "арт. 342 ч. 1 КК", "ст.342 ч.1"
or "23.34 ч.1 КаАП – «...»"; counts by article need one key for all of them, so a cell is read as a
sequence of tokens (numbers, "part" and "article" words, code names, country names, separators) by a
small state machine rather than by one regular expression per spelling.

How a cell is read:

- a number after "ч./частка/part" is a part; it belongs to the article written right after it
  ("ч. 1 ст. 342", "Part 1 of Art. 342"), otherwise to the article written just before it
  ("арт. 342 ч. 1 КК", "23.34 ч.1 КаАП"); "ч. 1, 2 ст. 342" gives two articles (parts 1 and 2);
- every other number of one to three digits (with ".34", "-1" or a superscript) is an article;
  numbers after "п./пункт/item" are items and are skipped; quoted titles («...», "...") and the title
  after a dash are dropped;
- an article takes the code named after it in the same piece of the cell (pieces are separated by
  | ; or a new line), else the code named before it in that piece;
- with no code named, the caller's context decides (``code=``: a criminal-case list passes "CC"); with
  no context a dotted number ("23.34") is read as the Code of Administrative Offences and a plain one
  ("342") as the Criminal Code: that is how Belarusian and Russian codes number their articles;
- the country is Russia when the piece says so ("УК РФ", "КоАП РФ", "Russian Federation"), Belarus when
  it says so ("УК РБ"), else the caller's ``jurisdiction``;
- attempt, preparation and complicity (BY CC 13, 14, 16; RU CC 30, 33) stay articles of their own beside
  the substantive article ("Part 1 of Article 13 and Article 293" gives BY-CC-13:1 and BY-CC-293).

Keys are normalised per code: Belarus's Criminal Code numbers inserted articles with a dash (361-1;
"361.1" and "361¹" are read as 361-1), Russia's with a dot (282.2), both administrative codes with dots
(23.34, 20.2). A piece that holds no article goes to ``unparsed``; nothing raises.

Labels (``label(key, lang)``) are short titles written for this project from public knowledge of the
codes, in be, ru and en; administrative labels are those of Belarus's 2003 Code (in force to 1 March
2021), the one the lists of 2020-2021 cite, plus the renumbered articles of the 2021 Code where the
numbers do not clash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reckon.law.labels import LABELS, label

__all__ = ["Article", "ArticleReading", "parse_articles", "label", "LABELS", "JURISDICTIONS", "CODES",
           "ATTEMPT_ARTICLES"]

JURISDICTIONS = ("BY", "RU")
CODES = ("CC", "CAO")  # criminal code; code of administrative offences

# Articles of the general part that qualify another article: preparation, attempt, complicity.
ATTEMPT_ARTICLES = {"BY": ("13", "14", "16"), "RU": ("30", "33")}


@dataclass(frozen=True, slots=True)
class Article:
    """One article (and part) of one code of one country, e.g. BY CC 342 part 1."""

    jurisdiction: str          # "BY" | "RU"
    code: str                  # "CC" | "CAO"
    article: str               # "342", "23.34", "293", "361-1"
    part: str | None = None    # "1", "2"

    @property
    def key(self) -> str:
        """Stable text key: "BY-CC-342", "BY-CC-342.1" with a part is NOT used; parts go in ``key_part``."""
        return f"{self.jurisdiction}-{self.code}-{self.article}"

    @property
    def key_part(self) -> str:
        return self.key if self.part is None else f"{self.key}:{self.part}"

    @property
    def is_attempt(self) -> bool:
        """True for preparation, attempt or complicity (an article that qualifies another one)."""
        return self.code == "CC" and self.article in ATTEMPT_ARTICLES.get(self.jurisdiction, ())

    def label(self, lang: str = "en") -> str | None:
        """The article's short title in ``lang`` (be, ru, en), or None when reckon has none."""
        return label(self.key, lang)


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """What one cell of articles said: the articles found and the pieces that could not be read."""

    articles: tuple[Article, ...]
    unparsed: tuple[str, ...]


# --- words -------------------------------------------------------------------------------------------

# Multi-word names of codes and countries become one marker token before the cell is tokenised.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:уголовн|крымінальн|criminal)\w*\s+(?:кодекс|кодэкс|code)\w*", " @cc "),
    (r"(?:кодекс|кодэкс|code)\w*\s+(?:\w+\s+){0,2}(?:административн|адміністрацыйн|administrative)\w*"
     r"(?:\s+(?:правонарушени|правапарушэнн|offen[cs]e|violation)\w*)?", " @cao "),
    (r"(?:административн|адміністрацыйн|administrative)\w*\s+(?:кодекс|кодэкс|code)\w*", " @cao "),
    (r"(?:российск|расійск|расейск)\w*\s+федерац\w*|russian\s+federation|федэрац\w*", " @ru "),
    (r"(?:республик|рэспублік)\w*\s+беларус\w*|republic\s+of\s+belarus", " @by "),
)
_PHRASE_RE = [(re.compile(p, re.I), r) for p, r in _PHRASES]

_CODE_WORDS = {"ук": "CC", "кк": "CC", "cc": "CC", "упк": None, "cao": "CAO", "коап": "CAO",
               "каап": "CAO", "coao": "CAO", "@cc": "CC", "@cao": "CAO"}
_JUR_WORDS = {"рф": "RU", "rf": "RU", "russia": "RU", "росії": "RU", "@ru": "RU",
              "рб": "BY", "rb": "BY", "belarus": "BY", "беларусі": "BY", "@by": "BY"}
_PART_WORDS = frozenset("ч часть части частью частка часткі часткай частцы частка part parts pt".split())
_ART_WORDS = frozenset(("ст стст статья статьи статье статью статей статьёй статьей артыкул артыкула "
                        "артыкулы артыкулам артыкулу арт артарт art arts article articles"
                        " §").split())
_ITEM_WORDS = frozenset("п пп пункт пункта пункту пунктом item items para paragraph clause".split())
_FILLER = frozenset("of to the в во з са с ад and і и й та or або или in with".split())
_CONJ = frozenset("and і и й та or або или".split())

_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_TOKEN = re.compile(
    r"(?P<mark>@(?:cc|cao|ru|by))"
    r"|(?P<num>\d+(?:[.\-]\d+){0,2}(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?)(?:\s*\(\s*(?P<paren>\d{1,2})\s*\))?"
    r"|(?P<word>§|[^\W\d_]+)"
    r"|(?P<strong>[|;\n])"
    r"|(?P<sep>[,/+&])",
)
# Titles: «...», "...", “...”, „...“ and the text after a spaced dash up to the next piece or article.
_QUOTED = re.compile(r"«[^»]*»|«[^»|;\n]*|\"[^\"]*\"|\"[^\"|;\n]*|“[^”]*”|“[^”|;\n]*|„[^“”]*[“”]|„[^“”|;\n]*"
                     r"|\([^)]*[^\d\s)][^)]*\)")
_DASH_TITLE = re.compile(
    r"\s[-–—]\s[^|;\n]*?(?=[|;\n]|$|,\s*(?:ч\s*\.|ст\s*\.|част|арт|part|art|\d))", re.I)


@dataclass(slots=True)
class _Found:
    number: str
    part: str | None
    piece: int       # index of the piece (between strong separators)
    pos: int         # token index, to find the nearest code marker


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\r", "\n")
    text = _QUOTED.sub(" ", text)
    text = _DASH_TITLE.sub(" ", text)
    text = text.lower().replace("ё", "е")
    for rx, rep in _PHRASE_RE:
        text = rx.sub(rep, text)
    return text


def _tokens(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, value, extra) for each token: kinds mark, num, word, strong, sep."""
    out: list[tuple[str, str, str | None]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup != "paren" else "num"
        if m.group("num") is not None:
            out.append(("num", m.group("num"), m.group("paren")))
        else:
            out.append((kind or "sep", m.group(kind or "sep"), None))
    return out


def _norm_number(raw: str, jurisdiction: str, code: str) -> str | None:
    """The article number as the code itself numbers it, or None when it cannot be an article."""
    sup = raw.translate(_SUPERSCRIPT)
    if sup != raw:  # 361¹ -> 361-1
        base = re.match(r"[\d.\-]+", raw)
        head = base.group(0) if base else ""
        sup = f"{head}-{raw[len(head):].translate(_SUPERSCRIPT)}"
    parts = re.split(r"[.\-]", sup)
    if not all(p.isdigit() for p in parts):
        return None
    parts = [str(int(p)) for p in parts]
    if not 0 < int(parts[0]) < 1000:
        return None
    if len(parts) == 1:
        return parts[0]
    if code == "CAO":
        return ".".join(parts) if int(parts[0]) <= 40 else None
    return ("-" if jurisdiction == "BY" else ".").join(parts)


def _pieces_text(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[|;\n]", text)]


@lru_cache(maxsize=65536)
def _parse(text: str, jurisdiction: str, code: str | None) -> ArticleReading:
    toks = _tokens(_clean(text))
    found: list[_Found] = []
    codes: list[tuple[int, int, str]] = []       # (pos, piece, code)
    jurs: list[tuple[int, int, str]] = []        # (pos, piece, jurisdiction)
    piece = 0
    mode: str | None = None                      # "part" | "item" | "art"
    pending: list[str] = []                      # part numbers waiting for their article

    def attach_back() -> None:
        """Parts written after their article ("ст. 342 ч. 1") go to the last article of the piece."""
        nonlocal pending
        if not pending:
            return
        last = found[-1] if found and found[-1].piece == piece else None
        if last is not None and last.part is None:
            idx = len(found) - 1
            found[idx].part = pending[0]
            found.extend(_Found(last.number, p, piece, last.pos) for p in pending[1:])
            pending = []

    i = 0
    while i < len(toks):
        kind, value, extra = toks[i]
        nxt = next((t for t in toks[i + 1:] if not (t[0] == "word" and t[1] in ("of", "to", "the"))), None)
        if kind == "strong":
            attach_back()
            pending, mode, piece = [], None, piece + 1
        elif kind == "num":
            if mode == "part" and re.fullmatch(r"\d{1,2}", value):
                pending.append(value)
                # a part list goes on through separators to another number ("ч. 1, 2 ст. 342");
                # it ends before an article word (its article follows) or anything else (it precedes)
                after = next((t for t in toks[i + 1:] if not (t[0] == "sep" or t[1] in _CONJ
                                                               or t[1] in ("of", "to", "the"))), None)
                if after is not None and after[0] == "num" and nxt is not None \
                        and (nxt[0] != "word" or nxt[1] in _CONJ):
                    pass
                elif nxt is not None and nxt[0] == "word" and nxt[1] in _ART_WORDS:
                    mode = "art"
                else:
                    attach_back()
                    mode = None
            elif mode == "item":
                mode = None
            elif re.fullmatch(r"\d{1,3}(?:[.\-]\d{1,3}){0,2}[¹²³⁴⁵⁶⁷⁸⁹⁰]*", value):
                parts = pending or [None]
                for p in parts:
                    found.append(_Found(value, extra or p, piece, i))
                pending = []
                mode = "art" if mode == "art" else None
        elif kind == "mark" or (kind == "word" and (value in _CODE_WORDS or value in _JUR_WORDS)):
            attach_back()
            if value in _JUR_WORDS:
                jurs.append((i, piece, _JUR_WORDS[value]))
            elif _CODE_WORDS.get(value):
                codes.append((i, piece, _CODE_WORDS[value]))
            mode = None
        elif kind == "word":
            if value in _PART_WORDS:
                mode = "part"
            elif value in _ART_WORDS:
                mode = "art"
            elif value in _ITEM_WORDS:
                mode = "item"
            elif value not in _FILLER:
                attach_back()
                mode = None
        i += 1
    attach_back()

    articles: list[Article] = []
    for f in found:
        marker = _nearest(codes, f)
        jur = _nearest_jur(jurs, f, marker) or jurisdiction
        the_code = marker[2] if marker else (code or ("CAO" if "." in f.number else "CC"))
        number = _norm_number(f.number, jur, the_code)
        if number is not None:
            articles.append(Article(jur, the_code, number, f.part))
    texts = _pieces_text(_QUOTED.sub(" ", text))  # the same pieces the tokens were counted in
    read = {f.piece for f in found}
    unparsed = tuple(t for n, t in enumerate(texts) if t and n not in read)
    return ArticleReading(tuple(dict.fromkeys(articles)), unparsed)


def _nearest(codes: list[tuple[int, int, str]], f: _Found) -> tuple[int, int, str] | None:
    """The code named after the article in its piece, else the one named before it in that piece."""
    after = [c for c in codes if c[1] == f.piece and c[0] > f.pos]
    if after:
        return min(after)
    before = [c for c in codes if c[1] == f.piece and c[0] < f.pos]
    return max(before) if before else None


def _nearest_jur(jurs: list[tuple[int, int, str]], f: _Found, code: tuple[int, int, str] | None) -> str | None:
    """The country named closest to the article's code (or to the article) within its piece."""
    same = [j for j in jurs if j[1] == f.piece]
    if not same:
        return None
    anchor = code[0] if code is not None else f.pos
    return min(same, key=lambda j: (abs(j[0] - anchor), j[0] < anchor))[2]


def parse_articles(text: str | None, *, jurisdiction: str = "BY", code: str | None = None) -> ArticleReading:
    """Every article in ``text`` (several may be listed with | ; , or "and"). Never raises.

    ``jurisdiction`` is the country when the text names none; ``code`` ("CC" or "CAO") is the code when
    the text names none (the list's context: a list of criminal cases passes "CC"); without it a dotted
    number is read as an administrative article and a plain one as a criminal one.
    """
    if not text or not isinstance(text, str):
        return ArticleReading((), ())
    if jurisdiction not in JURISDICTIONS:
        jurisdiction = "BY"
    if code not in CODES:
        code = None
    try:
        return _parse(text, jurisdiction, code)
    except Exception:  # noqa: BLE001 - a parser of free text must never stop an import
        return ArticleReading((), (text.strip(),))

