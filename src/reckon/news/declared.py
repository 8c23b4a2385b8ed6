"""People an article says were newly recognised as political prisoners.

Two shapes occur: prose ("The other person declared a political prisoner on Monday is teacher Alena
Demchyk"; "Three more people have been recognised … One of them is Ihar Demidau") and lists, where a
sentence ending in ':' ("… granted this status to four people charged under Article 342 …:") introduces
bullet lines "Name (five years’ imprisonment)". The criminal-code article and the sentence are kept as
written.
"""

from __future__ import annotations

import re

from reckon.names.given import known_class
from reckon.news import lexicon as lx
from reckon.news.declared_scope import NAMED_PRISONER, scope_declared
from reckon.news.entities import person_names
from reckon.news.model import DeclaredPrisoner
from reckon.news.numbers import parse_number
from reckon.news.quote_marks import blank, mask_quotes, paired_spans
from reckon.news.text import BODY, BULLET, HEADING, TITLE, Layout, split_sentences

ARTICLE_RE = re.compile(
    r"\b(?:Part\s+\d+\s+of\s+)?(?:Article|Art\.)\s+\d+(?:[.‑-]\d+)?(?:\s*(?:,\s*)?Part\s+\d+)?"
    r"(?:\s+of\s+the\s+(?:Criminal|Administrative)\s+Code(?:\s+of\s+\w+)?)?",
    re.I,
)
_SENTENCE_RE = re.compile(
    r"^\s*((?:\d+(?:[.,]\d+)?|[a-z]+(?:[- ][a-z]+)?)(?:\s+and\s+a\s+half)?\s+(?:years?|months?|days?|weeks?)"
    r"(?:[’']?s?[’']?\s+(?:imprisonment|of imprisonment|in prison|of restricted freedom|of home confinement|"
    r"of personal restraint|of restriction of freedom|in a [\w -]{0,30}colony|of [\w-]+ restriction|"
    r"of arrest|in jail)|(?:\s+and\s+\d+\s+months?))?)",
    re.I,
)
# "have declared Andrei A., Iryna B. and Raman C. political prisoners": a list of names between the verb and
# "political prisoners" may be longer than the few words lexicon.RECOGNITION allows.
_RECOG_NAMES = re.compile(r"\b(recogni[sz](?:e|ed|es|ing)|declared?|declares|declaring|named)\s+"
                          r"(?:(?:[A-Z][\w’'.-]*|and|as well as|the|an?|[a-z-]+(?=\s+[A-Z]))[\s,]+){2,24}(?:as\s+)?(?:a\s+)?political\s+prisoners?\b")
# "published a list of 46 political prisoners, including A and B": the list names them political prisoners
_LIST_PUBLISHED = re.compile(r"\b(?:publish\w*|releas\w*|issu\w*|updat\w*)\s+(?:\w+\s+){0,3}?lists?\s+of\s+"
                             r"(?:[\d,]+\s+|\w+\s+)?political\s+prisoners?\b[^.]{0,40}?\bincluding\b", re.I)
_LIST_INTRO = re.compile(r"\b(list of political prisoners|political prisoners? (list|status)|following (names|"
                         r"people|persons)|recogni[sz]ed|declared)\b", re.I)
# "We consider the following persons (to be) political prisoners:": a statement's own declaration (kept out of
# lexicon.RECOGNITION, where "considers 1,100 people political prisoners" would read as new recognitions)
_CONSIDER = re.compile(r"\b(?:we|they|organi[sz]ations|defenders|activists|watchdogs|community|groups|cent(?:er|re)s?|HRDs|"
                       r"Viasna)\s+(?:\w+\s+){0,3}?"
                       r"(?:consider|regard|deem)s?\b"
                       r"[^.]{0,120}?\bpolitical\s+prisoners?\b", re.I)
# "… against A, B and C, who are also on the list" after a recognition: more of the recognised
_ALSO_LISTED = re.compile(r"\b(?:who|which)\s+(?:are|is|were|was)\s+also\s+(?:on|in)\s+the\s+list\b", re.I)
# "They also pointed to X, who …" right after a recognition: one more of the recognised
_STATUS_QUOTED = re.compile(r"\s*(?:an?\s+)?political\s+prisoners?[.,]?\s*", re.I)
_FOLLOWUP = re.compile(r"^\s*(thus(?=,)|for example(?=,)|for instance(?=,)|one of them is|among them (?:is|are)|they are|these are|those are|they include|"
                       r"(?:some|several|many|most|six|five|four|three|two) of them(?=\s*[–—-])|"
                       r"(?:other|further|new) additions (?:are|include)|"
                       r"they (?:also )?(?:pointed to|named|listed|added|mentioned)|"
                       r"the (?:first|second|other|third) (?:one|person|man|woman) is|the others are|"
                       r"(?:the|this|that) list (?:now |also )?includes|(?:their |the )?names (?:are|include|of))\b", re.I)


# "They are therefore political prisoners.", "The convicts are thus political prisoners."
_THEY_ARE = re.compile(r"^\s*(?:they|both|all of them|these (?:people|persons|individuals|men|women)|the (?:convicts|"
                       r"defendants|detainees|accused|activists|persons|people|individuals|men|women|prisoners))\s+"
                       r"(?:are|were)\s+(?:therefore\s+|thus\s+|hence\s+|also\s+|now\s+|consequently\s+)*"
                       r"(?:recogni[sz]ed\s+as\s+|considered\s+|deemed\s+)?(?:a\s+)?political\s+prisoners?\b", re.I)
# "Artist Ales Example is a political prisoner": a named subject given the status by a copula
_IS_PP = re.compile(r"^[\s,]*(?:(?:is|are|has\s+been|have\s+been)\s+(?:now\s+|also\s+|therefore\s+|officially\s+)*"
                    r"(?:recogni[sz]ed\s+as\s+|declared\s+|named\s+)?(?:a\s+)?political\s+prisoners?)\b", re.I)


def _copula_declared(lay: Layout) -> list[DeclaredPrisoner]:
    """People a sentence names as its subject and calls political prisoners with "is"/"are" (in prose, a
    heading or a bullet): "Artist Ales Example is a political prisoner", "A and B are political prisoners"."""
    out: list[DeclaredPrisoner] = []
    for block in lay.blocks:
        if block.kind not in (BODY, BULLET, HEADING, TITLE):
            continue
        for s, e in split_sentences(block.text):
            sent = block.text[s:e]
            names = [n for n in person_names(sent) if not n.possessive]
            for k, n in enumerate(names):
                if not _IS_PP.match(sent[n.end:]):
                    continue
                # the subject: this name and the ones joined to it by commas and "and" just before
                group = [n]
                for m in reversed(names[:k]):
                    if re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", sent[m.end:group[0].start]):
                        group.insert(0, m)
                    else:
                        break
                lead = re.findall(r"[\w’'-]+", sent[:group[0].start])
                if len(lead) > 3 or any(w.lower() in ("of", "by", "with", "for", "to", "that", "whether") for w in lead):
                    continue  # "the wife of X is …", "they said that X is …": not a declaration of this shape
                for m in group:
                    out.append(DeclaredPrisoner(name=_without_lead(_HONORIFIC.sub("", m.text)), article=None,
                                                sentence_text=None,
                                                context=sent, start=block.start + s + m.start,
                                                end=block.start + s + m.end))
    return out


def _subject_names(block) -> list[DeclaredPrisoner]:
    """The names a paragraph opens with ("Thus, A, B and C were …"): its subjects, joined by commas and "and"."""
    text = block.text
    lead = re.match(r"^\s*(?:thus|also|in addition|moreover|furthermore),\s*", text, re.I)
    at = lead.end() if lead else 0
    out: list[DeclaredPrisoner] = []
    for n in person_names(text):
        if n.start < at:
            continue
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)?", text[at:n.start]) or n.possessive:
            break
        out.append(DeclaredPrisoner(name=_HONORIFIC.sub("", n.text), article="; ".join(_articles(text)) or None,
                                    sentence_text=None, context=text, start=block.start + n.start,
                                    end=block.start + n.end))
        at = n.end
    return out


def _without_lead(name: str) -> str:
    """"Artist Ales Example" at a line's start: a capitalised occupation before a given name is no part of it."""
    parts = name.split()
    while len(parts) > 2 and not known_class(parts[0]) and known_class(parts[1]):
        parts = parts[1:]
    return " ".join(parts)


def _articles(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", m.group()).strip() for m in ARTICLE_RE.finditer(text)]


# "Mr. Siarhei K.", "Ms Tamara Zh.": the courtesy title is not part of the name as the register writes it
_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)", re.I)
# a line that is only a name and its particulars ("Alena V., born 1985,", "Mr. Andrei B. (Article 342)"):
# after the name come punctuation, brackets or nothing, never a verb of a sentence
_NAME_LINE_REST = re.compile(r"^\s*(?:$|[,(–—:;.]|-\s)")
_SPEECH = re.compile(r"\b(said|says|told|stated|noted|added|wrote)\b", re.I)
_SENTENCE_VERB = re.compile(r"\b(is|are|was|were|has|have|had|said|says|will|would|been)\b", re.I)
# "… and recognise them as political prisoners": a recognition that points back at a list just given
_BACK_REF = re.compile(r"\b(them|these (?:persons|people|individuals|men|women)|all of them|the above|"
                       r"(?:the\s+)?(?:above-?mentioned|aforementioned|listed) (?:persons|people|individuals))\b", re.I)


def _bullet_name(text: str) -> tuple[str | None, str]:
    lead = _HONORIFIC.match(text)
    skip = lead.end() if lead else 0
    body = text[skip:]
    head = re.split(r"\s*[(,–—:;]\s*|\s+-\s+", body, maxsplit=1)[0].strip()
    head = head.rstrip(".") if not re.search(r"\b[A-Z]\.$", head) else head
    rest = body[len(head):].lstrip(".") if head else body
    words = head.split()
    if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words if w[0].isalpha()) and not re.search(r"\d", head):
        return head, rest
    names = person_names(body)
    if names and names[0].start < 3:
        return names[0].text, body[names[0].end:]
    return None, rest


def _name_line(text: str, item_shaped: bool = False) -> str | None:
    """The name a short line of a list of names gives (a list set as plain lines, not bullets), else None.

    ``item_shaped``: the line is one of a run of list items ("Ales N., born 1980, was sentenced to 3 years;"),
    so a verb after the name is the item's particulars; a verb of speech still makes it a sentence."""
    if len(text) > (300 if item_shaped else 160):
        return None
    name, rest = _bullet_name(text)
    if not name or not (_NAME_LINE_REST.match(rest) or item_shaped):
        return None
    if re.match(r"^\.\s+[A-Z]", rest):
        return name  # "Ales N. He was sentenced to …": the name stands as a sentence of its own
    verb = _SPEECH.search(rest) if item_shaped else _SENTENCE_VERB.search(rest.split("(")[0])
    return None if verb else name


def _sentence_text(rest: str) -> str | None:
    m = re.search(r"\(([^)]*)\)?", rest)
    inner = m.group(1) if m else rest
    # "(Article 342 of the Criminal Code, three years of imprisonment)": the term may follow the article
    for part in re.split(r"[,;]\s*|\s[–—-]\s", inner.strip(" –—-")):
        # "(sentenced to 5 years in prison)": the term after the verb
        part = re.sub(r"^(?:was\s+|been\s+)?sentenced\s+to\s+", "", part, flags=re.I)
        sm = _SENTENCE_RE.match(part)
        if sm:
            return sm.group(1).strip()
    return None


# "recognised eleven more people as political prisoners": the count of the recognised, which a paragraph naming
# exactly that many people below it then lists ("the police took in custody A (…), B (…), …")
_RECOG_COUNT = re.compile(r"\b(?:recogni(?:[sz]\w*|tion)|declar\w*|label\w*|list\w*|add\w*)\s+(?:of\s+)?(?:another\s+|a\s+further\s+)?"
                          r"(?P<n>[\w,-]+)\s+(?:more\s+|new\s+|other\s+)?(?:people|persons|individuals|activists|"
                          r"men|women|defenders)\b[^.]{0,40}?\bpolitical\s+prisoners?\b", re.I)


def _known_surnames(sent: str, doc: str) -> list:
    """People a sentence names by surname alone, as full names the article gave them before."""
    full: dict[str, object] = {}
    for n in person_names(doc):
        if len(n.tokens) >= 2 and not n.possessive:
            full.setdefault(n.tokens[-1], n)
    out = []
    for m in re.finditer(r"\b[A-Z][\w’'-]+\b(?![’']s)", sent):
        known = full.get(m.group())
        if known is not None and m.start() > 0:
            out.append(type(known)(text=known.text, start=m.start(), end=m.end(), tokens=known.tokens,
                                   possessive=False))
    return out


def _counted_list(lay: Layout) -> list[DeclaredPrisoner]:
    """The people of the paragraph that names as many people as a recognition just counted, else none.

    Names only count when their number matches the count exactly: a paragraph naming fewer or more people
    is about someone else (the judge, the lawyer), and a wrong guess would put a name in the register."""
    # "The statement on the recognition of 9 people as political prisoners" counts for the body below it
    blocks = [b for b in lay.blocks if b.kind in (BODY, BULLET, TITLE)]
    for i, block in enumerate(blocks):
        m = _RECOG_COUNT.search(mask_quotes(block.text, keep_marks=False))
        value = parse_number(m.group("n")) if m else None
        if not value or value < 2 or value > 60:
            continue
        for later in [b for b in blocks[i + 1:] if b.kind != TITLE][:3]:
            # "A (director of the Example Band), B (…)": what the brackets say of a person names no one else
            brackets = [mm.span() for mm in re.finditer(r"\([^)]*\)", later.text)]
            names = [n for n in person_names(later.text) if not n.possessive
                     and not any(x < n.start < y for x, y in brackets)]
            unique = list(dict.fromkeys(_HONORIFIC.sub("", n.text) for n in names))
            if len(unique) != value:
                continue
            found = []
            for n in names:
                name = _HONORIFIC.sub("", n.text)
                if any(d.name == name for d in found):
                    continue
                found.append(DeclaredPrisoner(name=name, article="; ".join(_articles(later.text[n.end:n.end + 80]
                                                                                      .split(")")[0])) or None,
                                              sentence_text=None, context=later.text,
                                              start=later.start + n.start, end=later.start + n.end))
            return found
    return []


def extract_declared(lay: Layout) -> list[DeclaredPrisoner]:
    out: list[DeclaredPrisoner] = []
    blocks = lay.blocks
    list_article: list[str] | None = None
    in_list = False
    recognised_context = 0  # sentences left in which "One of them is …" still refers to the recognised
    # "Statement on recognition of seven political prisoners": the title says what the article's first list
    # is, so the list a colon introduces ("… Thus:" + numbered items) names the recognised
    titled = bool(lay.title and (lx.RECOGNITION.search(lay.title) or _LIST_INTRO.search(lay.title)))
    pending: list[DeclaredPrisoner] = []  # names listed after "… against:" before anyone declared them
    pending_open = False
    item_run = False
    # "Political prisoner list updated with 28 new people" over bullets "under Article 342 … against Mr. A,
    # Ms. B, …": under such a title the people its bullets name are the recognised, when nothing else says so
    titled_bullets: list[DeclaredPrisoner] = []
    # "Thus, A, B and C were taken into custody …;" / "D was sentenced …;": under such a title, paragraphs set as
    # the items of a list (ending in ";") name the recognised as their subjects, when nothing else says so
    titled_items: list[DeclaredPrisoner] = []
    items_run = False
    list_shaped = False  # the items of the last colon list ended in ";": a later list keeps that shape
    for block in blocks:
        if titled and (block.kind == BODY or block.kind == HEADING and items_run):  # a cut last item looks a heading
            item = block.text.rstrip().endswith(";")
            if item or items_run:
                titled_items.extend(_subject_names(block))
            items_run = item
        if titled and block.kind == BULLET and not in_list and not pending_open:
            for n in person_names(block.text):
                titled_bullets.append(DeclaredPrisoner(name=_HONORIFIC.sub("", n.text), article="; ".join(
                    _articles(block.text)) or None, sentence_text=None, context=block.text,
                    start=block.start + n.start, end=block.start + n.end))
        # a list item ends in ";" or "," (or is the last of such a run): its name may be followed by a verb
        shaped = block.text.rstrip().endswith((";", ",")) or item_run or (in_list and list_shaped)
        line_name = _name_line(block.text, shaped) if block.kind in (HEADING, BODY) and (in_list or pending_open) \
            else None
        item_run = bool(line_name) and block.text.rstrip().endswith((";", ","))
        if line_name and in_list:
            list_shaped = item_run
        if (block.kind == BULLET or line_name) and not in_list and pending_open:
            name, rest = _bullet_name(block.text)
            if name:
                arts = list(list_article or []) + [a for a in _articles(rest) if a not in (list_article or [])]
                pending.append(DeclaredPrisoner(name=name, article="; ".join(arts) or None,
                                                sentence_text=_sentence_text(rest), context=block.text,
                                                start=block.start, end=block.end))
                continue
        if (block.kind == BULLET or line_name) and in_list:
            name, rest = _bullet_name(block.text)
            if name:
                arts = list(list_article or [])
                for a in _articles(rest):
                    if a not in arts:
                        arts.append(a)
                out.append(DeclaredPrisoner(name=name, article="; ".join(arts) or None,
                                            sentence_text=_sentence_text(rest), context=block.text,
                                            start=block.start, end=block.end))
            continue
        if block.kind != BODY:
            if block.kind not in ("marker",):
                in_list = False
            continue
        was_list = in_list
        in_list = False
        if not pending_open:
            pending = []
        pending_open = False
        inline_list = False
        prev_names: list = []  # people the sentence before named, with its offset
        for s, e in split_sentences(block.text):
            sent = block.text[s:e]
            if prev_names and _THEY_ARE.match(sent):
                # "We consider the persecution of A, B and C politically motivated. They are therefore political
                # prisoners.": the next sentence declares the people the one before it named
                for n, off in prev_names:
                    out.append(DeclaredPrisoner(name=_HONORIFIC.sub("", n.text), article=None, sentence_text=None,
                                                context=block.text[off:s].strip(), start=block.start + off + n.start,
                                                end=block.start + off + n.end))
                recognised_context = 3
                prev_names = []
                continue
            prev_names = [(n, s) for n in person_names(sent) if not n.possessive and
                          not re.search(r"\b(?:wife|husband|son|daughter|mother|father|lawyer|by|with|from)\s+(?:of\s+)?$",
                                        sent[:n.start], re.I)]
            # quotations are masked, except the status itself: "have recognized X as “a political prisoner.”"
            masked = blank(sent, paired_spans(sent), keep_marks=False, term=_STATUS_QUOTED.fullmatch)
            recog = bool(lx.RECOGNITION.search(masked) or _RECOG_NAMES.search(masked) or _CONSIDER.search(masked)
                         or _LIST_PUBLISHED.search(masked))
            ends_colon = sent.rstrip().endswith(":")
            # "10 political prisoners … were released: A, B, …": a list of the released (or of the dead, the
            # sentenced) in a recognition's neighbourhood names no one newly recognised
            intro = sent[:sent.find(":")] if ":" in sent else sent
            # "In a statement released yesterday, they listed …": a released statement frees no one
            intro = re.sub(r"\b(?:statement|report|document|list|video|data|figures|information|appeal)s?\s+"
                           r"(?:was\s+|were\s+|(?:has|have)\s+been\s+)?released\b", " ", intro, flags=re.I)
            other_event = not recog and any(rx.search(intro) for cat, rx in lx.CUES if cat in ("released", "died"))
            if ends_colon and not other_event and (recog or recognised_context or was_list or (titled and not out)):
                list_shaped = list_shaped and was_list
                in_list = True
                list_article = _articles(sent)
                recognised_context = 3
                continue
            if recog and pending and _BACK_REF.search(masked):
                out.extend(pending)  # "… against: [names]. We recognise them as political prisoners."
                pending = []
                recognised_context = 3
                continue
            if ends_colon:
                pending_open, pending = True, []
                list_article = _articles(sent)
            colon = sent.find(":")
            inline = colon > 0 and not other_event and (recog or recognised_context or _LIST_INTRO.search(sent[:colon]))
            tail_names = person_names(sent[colon + 1:], colon + 1) if inline else []
            if inline and len(tail_names) >= 2 or (inline_list and person_names(sent)
                                                    and person_names(sent)[0].start < 3):
                arts_intro = _articles(sent[:colon]) if colon > 0 else []
                for n in (tail_names if tail_names else person_names(sent)):
                    rest = sent[n.end:n.end + 200]
                    own = _articles(rest.split(",")[0] if not rest.lstrip().startswith("(") else
                                    rest[:rest.find(")") + 1 if ")" in rest else len(rest)])
                    arts = arts_intro + [a for a in own if a not in arts_intro]
                    out.append(DeclaredPrisoner(name=n.text, article="; ".join(arts) or None,
                                                sentence_text=_sentence_text(rest) if rest.lstrip().startswith("(")
                                                else None, context=sent, start=block.start + s + n.start,
                                                end=block.start + s + n.end))
                inline_list = True
                recognised_context = 3
                continue
            inline_list = False
            also_listed = recognised_context and _ALSO_LISTED.search(sent)
            if recog or (recognised_context and _FOLLOWUP.match(sent)) or also_listed:
                found = person_names(sent)
                if recog and not found:
                    found = _known_surnames(sent, lay.text)  # "recognized Ivashyn as …" after "Dzyanis Ivashyn"
                for n in found:
                    if re.search(r"\b(said|says|reported|reports)\b", sent[n.end:n.end + 12]):
                        continue
                    if NAMED_PRISONER.search(sent[:n.start]):
                        continue  # "the trial of the political prisoner X": one recognised before, named in passing
                    them = re.search(r"\b(?:recogni[sz]\w*|declar\w*|consider\w*)\s+them\s+(?:as\s+|to\s+be\s+)?political\s+"
                                     r"prisoners?", masked, re.I)
                    if re.search(r"\b(of|by|with|from|for|to)\s+$", sent[:n.start]) and \
                            not re.search(r"\b(?:names\s+of|pointed\s+to|status\s+(?:[\w-]+\s+){0,4}to)\s+$",
                                          sent[:n.start], re.I) and \
                            not (them and n.end <= them.start()):
                        # "the release of A, B and C, and recognize them as political prisoners" names them
                        continue  # "the wife of Ales B.", "signed by …": someone else ("the names of X" is X)
                    rec = lx.RECOGNITION.search(masked) or _RECOG_NAMES.search(masked)
                    if rec and n.end <= rec.start() and re.fullmatch(r"[\s,]*((has|have|had|also|now|then|"
                                                                      r"again)\s+)*", masked[n.end:rec.start()]):
                        continue  # the one who declares, not the declared
                    arts = _articles(sent)
                    out.append(DeclaredPrisoner(name=n.text, article="; ".join(arts) or None, sentence_text=None,
                                                context=sent, start=block.start + s + (n.start),
                                                end=block.start + s + n.end))
                    if _FOLLOWUP.match(sent) and re.match(r"^\s*(one of them|the (?:first|second|other|third))\b", sent,
                                                          re.I):
                        break  # "One of them is X": one name; "They are X, Y and Z": all
            recognised_context = 3 if recog else max(0, recognised_context - 1)
    if not out and titled_bullets:
        out = titled_bullets
    if not out and titled_items:
        out = titled_items
    out.extend(_copula_declared(lay))
    if not out:
        out = _counted_list(lay)
    # the general mechanism: every person a recognition statement's scope names, whatever the construction
    for d in scope_declared(lay):
        d.name = _without_lead(_HONORIFIC.sub("", d.name))
        out.append(d)
    # one entry per name
    seen: set[str] = set()
    unique = []
    for d in out:
        key = d.name.lower()
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique
