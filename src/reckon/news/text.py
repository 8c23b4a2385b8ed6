"""Plain-text article layout: title, dateline, captions, boilerplate, headings, bullets, sentences.

News pages saved as text keep their furniture: a "Minsk 13:46" stamp, a photo caption and its credit in
brackets, "Share:", teasers of related stories that end in "…", subscription notices. Facts must come only
from the article's own body, so every line is classified first; spans always index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reckon.dates.months import EN_MONTH_PATTERN as _MON
from reckon.dates.months import EN_MONTHS

BODY, TITLE, HEADING, BULLET = "body", "title", "heading", "bullet"
CAPTION, CREDIT, BOILER, TEASER, MARKER = "caption", "credit", "boilerplate", "teaser", "marker"

_BOILER_RES = [
    re.compile(r"^(share|share this( article)?|print|tags?|related( news| stories)?|advertisement|comments?"
               r"|subscribe\b.*|follow us\b.*|read (more|also|our|the)\b.*|see also\b.*|more on this\b.*"
               r"|текст на русском|русская версия|українська версія|беларуская версія|на беларускай мове"
               r"|press releases?|news|top stories|latest news|menu(?:\s+(?:search|поиск|пошук))?|home"
               r"|комментарии|каментары|читайте также|чытайце таксама|читать по-русски|чытаць па-беларуску"
               r"|цяпер чытаюць|сейчас читают|самое читаемое|самае чытанае|most read|kamientary"
               r"|общество|грамадства|политика|палітыка|в стране и мире|у краіне і свеце|новости|навіны|"
               r"клас|панылы сорам|ха-ха|ого|сумна|абуральна|dmca|\d{1,5})\s*:?\s*$", re.IGNORECASE),
    # accessibility links a page opens with (Radio Liberty's services, DW): furniture, never the title
    re.compile(r"^(лінкі ўнівэрсальнага доступу|ссылки для упрощенного доступа|accessibility links|"
               r"skip to (main )?content|перейти к содержанию|перайсці да зместу)\s*$", re.IGNORECASE),
    re.compile(r"^(подпишитесь|падпішыцеся|падпісвайцеся|поддержать команду|падтрымаць каманду|"
               r"каб сачыць за|мы штодня публікуем|новини від|подписывайтесь на)\b", re.IGNORECASE),
    re.compile(r"^(кто эти люди|хто гэтыя людзі|список всех политзаключенных|спіс усіх палітвязняў)\b.{0,120}"
               r"(здесь|тут|по ссылке|па спасылцы)\.?$", re.IGNORECASE),
    re.compile(r"^[\w .'\-]{1,40}\s+\d{1,2}:\d{2}$"),  # "Minsk 13:46"
    # a market ticker a page opens with ("• USD87.37", "• OIL85.69", "• 171"): furniture, never the title
    re.compile(r"^[•\-*–·▪◦●]\s+(?:[A-Z]{3,5}\s?\d+(?:[.,]\d+)?|\d{1,5})$"),
    re.compile(r"^\d{1,2}:\d{2}(\s*(am|pm))?$", re.IGNORECASE),
    re.compile(r"available only to|all rights reserved|cookies?\b.*\bconsent|©", re.IGNORECASE),
    re.compile(r"^(by|author:?)\s+[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}$"),  # byline
    # a scraped tag cloud: its words, then the same words again at its end ("A B C tags … A B C")
    re.compile(r"^(?=.{0,400}$)(?P<tags>[^\s.!?]+(?:\s+[^\s.!?]+){2,})\s[^.!?]*\s(?P=tags)$"),
]
_RELATED = re.compile(r"^(related( news| stories)?|read (more|also)|see also|more on this|читайте также|читайте ещ[её]|"
                      r"чытайце таксама|по теме|па тэме|смотрите также|глядзіце таксама|цяпер чытаюць|"
                      r"сейчас читают|самое читаемое|самае чытанае|most read)\b", re.IGNORECASE)
# "Pahonia Logo", "Made-up Cabinet logo": an image's alt text (a site's logo) copied with the page, never a title
LOGO_ALT = re.compile(r"(?:\blogo|\bлоготип|\bлагатып)\w*\s*$", re.IGNORECASE)
# "⚡️Вызваленыя …": an emoji or pictograph (with its variation selector) before a title's first letter
_LEADING_SYMBOLS = re.compile("^[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+\\s*")
# "date 2031-05-04 Title of the story": a page's ISO date opening a line (extract.printed_date reads it)
ISO_DATE_PREFIX = re.compile(r"^(?:(?:date|published|дата)\s*:?\s*)?(?P<date>(?:19|20)\d\d-\d\d-\d\d)(?:\s+|$)",
                             re.IGNORECASE)
# "Three enterprises were also designated for": a sentence the page cut off, not a heading
_CUT_SENTENCE = re.compile(r"\s(?:for|of|to|the|a|an|and|with|by|from|in|on|at|as|that|which|were|was|are|is)\s*$")
# "December 7, 2031" alone on the first line: the page's date, not the story's title
_DATE_ONLY = re.compile(r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d|\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d|"
                        r"\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)$")
# "Протесты в Белоруссии, 29 сен 2020, 17:16": a rubric and the page's date stamp above the title; "Последнее
# обновление: 23.11.2024 14:59" too, though an update is no publication date (extract.printed_date skips it)
_RUBRIC_STAMP = re.compile(r"^(?:[^\W\d_][^\d,.!?:]{0,40},\s*|(?:last updated|updated|последнее обновление|обновлено|"
                           r"абноўлена|апошняе абнаўленне)\s*:?\s*)?"
                           r"(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|\d{1,2}\s+[^\W\d_]{3,9}\.?\s+(?:19|20)\d\d)"
                           r"(?:\s*(?:г\.|года)?\s*[,/|–—-]?\s*\d{1,2}:\d{2})?$", re.IGNORECASE)
_CREDIT_RES = [
    re.compile(r"^\(.{1,120}\)$"),
    re.compile(r"^(source|photo|photos|image|credit|illustration|picture|фота|фото)\s*:", re.IGNORECASE),
    # "Jan Example. Photo: Ann Sample / Agency": a caption with its credit on one line
    re.compile(r"^[^.!?:\n]{2,80}\.\s+(?:photo|photos|image|picture|фота|фото)\s*(?:by\b|:)\s*[^.!?\n]{2,80}$", re.IGNORECASE),
]
_BULLET_RE = re.compile(r"^(?:[•\-*–·▪◦●]|\d{1,2}[.)])\s+")
_MARKER_RE = re.compile(r"^[•\-*–·▪◦●]$")
# "March 4, Pozirk. " / "4 March 2024, Minsk (BelTA) – " / "(Reuters) -" / "Washington – "
DATELINE_RES = [
    re.compile(rf"^(?P<date>{_MON}\s+\d{{1,2}}(?:,\s+(?:19|20)\d\d)?|\d{{1,2}}\s+{_MON}(?:\s+(?:19|20)\d\d)?),\s+"
               r"(?P<outlet>[A-Z][\w\-+.& ]{1,40}?)\.\s+"),
    re.compile(r"^(?P<place>[A-Z][^()\n]{0,60}?)?\s*\((?P<outlet>[A-Z][\w\-+.& ]{1,30})\)\s*[-–—]+\s*"),
    re.compile(rf"^(?P<place>[A-Z][A-Z\- ]+),\s+(?P<date>{_MON}\s+\d{{1,2}}(?:,\s+(?:19|20)\d\d)?)\.?\s+"
               r"/(?P<outlet>[A-Z][\w\- ]{1,30})/\.?\s+"),
    re.compile(r"^(?P<place>[A-Z][a-z]+(?:[ ,]+[A-Z][a-z.]+)?)\s+[–—-]\s+(?=[A-Z])"),
]
_TERMINAL = tuple('.!?:;…"”’»)')
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "art", "arts", "vs", "etc", "e.g", "i.e", "gen", "lt", "col",
    "sgt", "sen", "rep", "gov", "pres", "prof", "inc", "ltd", "co", "corp", "dept", "jr", "sr", "u.s", "u.k",
    "e.o", "e.u", "u.n", "p", "pp", "para", "ch", "vol", "cf", "approx", "est", "ave", "mt", "ft", "op",
    *[m for m in EN_MONTHS if len(m) <= 4],
}


@dataclass
class Block:
    start: int
    end: int
    text: str
    kind: str
    para: int


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    kind: str  # the kind of block it lies in
    block: int
    para: int


@dataclass
class Layout:
    text: str
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    dateline_date: str | None = None  # as written, e.g. "March 4"

    def sentences(self, kinds: tuple[str, ...] = (BODY, BULLET, TITLE, HEADING)) -> list[Sentence]:
        out: list[Sentence] = []
        for i, block in enumerate(self.blocks):
            if block.kind not in kinds:
                continue
            for s, e in split_sentences(block.text):
                out.append(Sentence(block.start + s, block.start + e, block.text[s:e], block.kind, i, block.para))
        return out


def _lines(text: str):
    pos = 0
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        stripped = raw.strip()
        if not stripped:
            yield None
            continue
        lead = len(raw) - len(raw.lstrip())
        yield (line_start + lead, line_start + lead + len(stripped), stripped)


# "Задержанные: более 300 человек", "Detained: 45": a labelled field with a count, a fact of the page, no heading
_FIELD = re.compile(r"^[^:\d]{2,40}:\s+\D{0,30}\d")


def _is_heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 16
        and not _FIELD.match(line)
        and not line.endswith(_TERMINAL)
        and (line[0].isupper() or line[0].isdigit())
        and not _CUT_SENTENCE.search(line)
    )


def layout(text: str, *, title: str | None = None) -> Layout:
    """Classify every line of a plain-text article (``title`` given when HTML metadata knows it)."""
    lay = Layout(text=text)
    lines: list[tuple[int, int, str] | None] = list(_lines(text))
    para = 0
    raw_blocks: list[Block] = []
    prev_item: tuple[int, int, str] | None = None
    for item in lines:
        if item is None:
            para += 1
            prev_item = None
            continue
        s, e, line = item
        if prev_item is not None and raw_blocks and _wrapped(prev_item[2], line):
            # a hard line break inside a sentence ("… приняли решение\nрасширить …"): one paragraph
            b = raw_blocks[-1]
            raw_blocks[-1] = Block(b.start, e, text[b.start:e], BODY, b.para)
            prev_item = item
            continue
        raw_blocks.append(Block(s, e, line, BODY, para))
        prev_item = item
        para += 1  # one paragraph per line: news text puts each paragraph on its own line
    known_title = title.strip() if title else None
    seen_title = False
    after_share = False
    for i, b in enumerate(raw_blocks):
        line = b.text
        if after_share:
            b.kind = BOILER
            continue
        if any(rx.search(line) for rx in _BOILER_RES):
            b.kind = BOILER
            if re.match(r"^share\b", line, re.IGNORECASE):
                after_share = True
            continue
        if _MARKER_RE.match(line):
            b.kind = MARKER
            continue
        if any(rx.match(line) for rx in _CREDIT_RES):
            b.kind = CREDIT
            prev = _prev_content(raw_blocks, i)
            if prev is not None and prev.kind in (HEADING, BODY) and _is_heading_like(prev.text):
                prev.kind = CAPTION
            continue
        if known_title and _same(line, known_title):
            b.kind = TITLE if not seen_title else BOILER
            seen_title = True
            continue
        if not seen_title and known_title is None and (_DATE_ONLY.match(line) or _RUBRIC_STAMP.match(line)):
            b.kind = BOILER  # the page's date line above its title (extract.printed_date still reads it)
            continue
        if not seen_title and known_title is None and (LOGO_ALT.search(line) and len(line.split()) <= 6 or (
                line[:1].islower() and len(line.split()) <= 6 and not line.endswith(_TERMINAL))):
            b.kind = BOILER  # "viasna on patreon": the site's furniture above the title, never a title
            continue
        if not seen_title and known_title is None and _BULLET_RE.match(line) and \
                len(line.split()) <= 6 and not line.endswith(_TERMINAL):
            b.kind = BOILER  # "• Актуальнае", "• Медыяправа": the site's menu above the title, which comes next
            continue
        if not seen_title and known_title is None:
            words = line.split()
            probe = ISO_DATE_PREFIX.sub("", line) or line  # "date 2031-05-04 Title": the title after the date
            probe = _LEADING_SYMBOLS.sub("", probe) or probe
            # a long line closing a quoted sentence ('… shouted: “God bless us.”') is the opening's first sentence
            closes = len(words) > 20 and re.search(r"[.!?][”\"’»]$", line) is not None
            if len(words) <= 30 and not line.endswith((".", "!", "?", ":")) and not closes and \
                    (probe[0].isupper() or probe[0].isdigit()):
                b.kind = TITLE
                seen_title = True
                known_title = line
                continue
            seen_title = True  # first content line is body: no title on this page
            known_title = ""
        if seen_title and known_title and _same(line, known_title):
            b.kind = BOILER  # the title repeated
            continue
        if i and raw_blocks[i - 1].kind == MARKER and not line.endswith(":"):
            b.kind = BULLET  # "-" alone on its line, then the item: the item is a bullet
            continue
        if _BULLET_RE.match(line):
            b.kind = BULLET
            m = _BULLET_RE.match(line)
            b.start += m.end()
            b.text = line[m.end():]
            continue
        if _is_heading_like(line):
            b.kind = HEADING
            continue
        b.kind = BODY
    # The page's opening cut mid-sentence: a last line with no stop after body text ("Of those newly added to the
    # list, 18 were imprisoned on charges related") is that sentence, not a heading over nothing.
    content = [b for b in raw_blocks if b.kind not in (BOILER, MARKER, CREDIT)]
    if len(content) >= 2 and content[-1].kind == HEADING and content[-2].kind in (BODY, BULLET) and \
            len(content[-1].text.split()) >= 6 and re.search(r"\s[a-z]", content[-1].text):
        content[-1].kind = BODY
    # Teasers: a trailing paragraph cut with "…" (and the heading above it) is a link to another story.
    for i, b in enumerate(raw_blocks):
        if b.kind == BODY and b.text.rstrip().endswith(("…", "...")):
            rest = [x for x in raw_blocks[i + 1:] if x.kind not in (BOILER, MARKER, CREDIT)]
            if not rest or all(x.kind == HEADING for x in rest):
                b.kind = TEASER
                prev = _prev_content(raw_blocks, i)
                if prev is not None and prev.kind == HEADING:
                    prev.kind = TEASER
    # "Читайте также" / "Read also" over a list: the bullets and headings under it are links to other stories.
    for i, b in enumerate(raw_blocks):
        if b.kind == BOILER and _RELATED.match(b.text.strip()):
            for x in raw_blocks[i + 1:]:
                # a story's headline set as a plain line ("В Гомеле вынесли приговор семи парням …"): short, no stop
                headline = x.kind == BODY and len(x.text) < 300 and not re.search(r"[.!?…:;]\s*$", x.text)
                if x.kind not in (BULLET, HEADING, MARKER) and not headline:
                    break
                x.kind = TEASER
    # Datelines open the first body paragraph: record outlet and date, and keep the text after them.
    for b in raw_blocks:
        if b.kind != BODY:
            continue
        for rx in DATELINE_RES:
            m = rx.match(b.text)
            if m:
                groups = m.groupdict()
                if groups.get("outlet"):
                    lay.outlet = groups["outlet"].strip()
                if groups.get("date"):
                    lay.dateline_date = groups["date"]
                b.start += m.end()
                b.text = b.text[m.end():]
                break
        break
    lay.blocks = raw_blocks
    titles = [b.text for b in raw_blocks if b.kind == TITLE]
    lay.title = titles[0] if titles else (title or None)
    return lay


def _wrapped(line: str, nxt: str) -> bool:
    """Is ``nxt`` the continuation of ``line`` after a hard line break? The line stops without closing
    punctuation and the next one goes on in lower case (a new paragraph or list item starts upper case)."""
    if _BULLET_RE.match(nxt):
        return False
    # "… travel bans\non 156 officials", "On\nJanuary 31, 2011, …": a line that ends in a word no sentence or
    # heading ends with goes on in the next line, whatever its first letter
    last = line.split()[-1].lower() if line.split() else ""
    if last in _OPEN_ENDINGS and not line.endswith(_TERMINAL):
        return True
    if len(line.split()) >= 8 and not line.endswith(_TERMINAL) and not line.endswith((":", "—", "–")) \
            and nxt[:1].isdigit():
        return True  # "… The Council blacklisted\n19 more in March": a long line cut before a number
    if re.search(r"\b\d{1,2}$", line) and re.match(rf"(?:{_MON})\b", nxt):
        return True  # "At a meeting on 24\nJanuary 2012, …": a date broken over two lines
    if not line.endswith(_TERMINAL) and len(line.split()) < 3 and line.count("“") > line.count("”"):
        return True  # "“The\nBelarusian authorities must …": a quotation opened on a line of its own goes on
    if not line.endswith(_TERMINAL) and nxt[:1].isupper() and line.split() and nxt.split() and \
            re.fullmatch(r"[A-Z][a-z]+", line.split()[-1]) and len(nxt.split()) > 2:
        from reckon.names.given import given_sex  # loaded only for such a line
        from reckon.news.entities import person_names
        pair = f"{line.split()[-1]} {nxt.split()[0]}".rstrip(",;:–—")
        if given_sex(line.split()[-1]) and any(n.text == pair for n in person_names(pair)):
            # "… human rights defender Ales\nBialiatski – has been …": a Latin given name and its surname broken
            # over two lines (a list of names, one a line, stays a list: its lines are names alone)
            return True
    return (len(line.split()) >= 3 and not line.endswith(_TERMINAL) and not line.endswith(("—", "–"))
            and nxt[:1].islower())


_OPEN_ENDINGS = {"on", "in", "of", "to", "for", "the", "a", "an", "and", "or", "by", "with", "from", "at", "that",
                 "be", "would", "will", "their", "its", "his", "her", "as", "than", "into", "about", "between"}


def _prev_content(blocks: list[Block], i: int) -> Block | None:
    for j in range(i - 1, -1, -1):
        if blocks[j].kind not in (MARKER,):
            return blocks[j]
    return None


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _same(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 8:
        return False
    return _norm(a) == _norm(b)


_SPLIT_RE = re.compile(r"([.!?…]+)([\"”’»)\]]*)(\s+)(?=[\"“‘«(\[]?[A-ZА-ЯЁІЎĀ-ž0-9À-Þ])")


# the parts of a criminal-code citation before its number: "по ч. 2 ст. 342 УК", "паводле арт. 130 КК", "п. 3"
CITATION_ABBREVIATIONS = {"ст", "стст", "ч", "арт", "п", "пп", "гл", "абз", "подп", "падп"}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in one paragraph: stops before a capital, not after abbreviations or initials,
    and never inside a quotation that closes later in the paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    quote_open = _quote_state(text) if any(q in text for q in '“”"«»') else None
    for m in _SPLIT_RE.finditer(text):
        end = m.end(2)
        punct = m.group(1)
        before = text[start:m.start(1)]
        last = re.search(r"([\w.]+)$", before)
        token = last.group(1).lower() if last else ""
        if punct == "." and not m.group(2):
            if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
                continue
            if token in CITATION_ABBREVIATIONS and text[m.end(3):m.end(3) + 1].isdigit():
                continue  # "асуджаны паводле арт. 368 КК": the citation goes on, the sentence too
            if re.fullmatch(r"[a-zа-я]", token) and last and last.group(1).isupper():
                continue  # an initial: "Janet K. Demowski"
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
                continue  # "U.S" / "E.O"
            if token in ("тыс", "млн", "млрд") and text[m.end(3):m.end(3) + 1].isdigit():
                continue  # "19 тыс. 335 человек": one number, the scale's dot ends no sentence
        if quote_open is not None and quote_open[m.start(1)] and not m.group(2):
            continue
        spans.append((start, end))
        start = m.end(3)
    if start < len(text):
        tail = text[start:].rstrip()
        if tail:
            spans.append((start, start + len(tail)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _quote_state(text: str) -> list[bool]:
    """For each character: is it inside a double quotation that is closed later in the paragraph?"""
    state = [False] * (len(text) + 1)
    opens = []
    straight_open: int | None = None
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "“«„":
            opens.append(i)
        elif ch in "”»" and opens:
            pairs.append((opens.pop(), i))
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                pairs.append((straight_open, i))
                straight_open = None
    diff = [0] * (len(text) + 2)
    for a, b in pairs:
        diff[a + 1] += 1
        diff[b] -= 1
    depth = 0
    for k in range(len(text) + 1):
        depth += diff[k]
        state[k] = depth > 0
    return state
