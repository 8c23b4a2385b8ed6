"""Quotes: the words in quotation marks and who said them.

The speaker is found, in order: a speech verb next to the quote (“…,” X said / X said: “…”), a speech
verb elsewhere in the sentence (X said that … “…”), the named subject of the sentence (The European Union
added … “…”), or the speaker of the quote just before (a quote that continues). Pronouns and stand-ins
("he", "his press office", "the statement", "the diplomatic chief") resolve to the last named person or
speaker. Quotes whose speaker is only a generic group ("human rights activists") are left out: they cannot
be attributed. Single quotation marks count only with an adjacent speech verb (they are mostly scare quotes).
"""

from __future__ import annotations

import re

from reckon.names.given import given_sex
from reckon.news import lexicon as lx
from reckon.news.entities import is_place, person_names
from reckon.news.model import Quote
from reckon.news.quote_marks import Span as _Span
from reckon.news.quote_marks import blank, mask_quotes
from reckon.news.quote_marks import quote_spans as _quote_spans
from reckon.news.quote_marks import sentence_bounds as _sentence_bounds
from reckon.news.speaker_np import (
    _SLAVIC_SURNAME,
    GENERIC,
    given_alone,
    last_np,
    lone_surname,
    misspelt,
    named,
    sentence_subject,
    surname_sex,
)
from reckon.news.speaker_refs import (
    IN_INTERVIEW,
    INTERVIEW,
    PERSON_NOUNS,
    announcer,
    described_as,
    is_mention,
    person_subject,
    said_line,
    statement_author,
    title_quote,
)
from reckon.news.text import BODY, BULLET, HEADING, TITLE, Layout

_VERB = rf"(?:{lx.SPEECH_VERBS})"
_STANDIN = re.compile(r"^(his|her|their|its)\s+(\w+\s+){0,2}(office|service|spokes\w+|aide|team|"
                      r"administration|website|channel|account|ministry)\b|^(he|she)$", re.I)
_STATEMENT = re.compile(r"^(the\s+)?(statement|release|press release|report|communiqu\w+|declaration|"
                        r"document|letter|appeal|resolution|message|announcement)\b", re.I)
_LABEL = re.compile(r"^[\s–—-]*(photo|photos|video|image|source|credit|read also|read more|see also|updated|"
                    r"published|illustrative|file photo|copyright|©|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                    r"\s+\d)", re.I)
# "the presidency said", "the ministry added": an institution named by its kind only
_INSTITUTION = re.compile(r"^(the\s+)?(?:(?:presidential|foreign|interior|justice|state|federal|regional|city)\s+)?(presidency|president[’']s office|press service|press office|ministry|"
                          r"government|embassy|council|commission|department|administration|court|committee|"
                          r"agency|parliament|cabinet|kremlin|white house|state department|foreign office|"
                          r"treasury|secretariat|office|association|union)$", re.I)
_DATE_WORDS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|"
                         r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_ROLE_NP = re.compile(r"^the\s+([\w.-]+\s+){0,3}(chief|minister|secretary|president|spokes\w+|official|head|"
                      r"leader|diplomat|ambassador|envoy|chairman|chairwoman|director|politician|activist|"
                      rf"commissioner|rapporteur|prisoner|defender|lawyer|journalist|advocate|{PERSON_NOUNS})\b", re.I)




class SpeakerTracker:
    """Remembers the last named person, subject and speaker, to resolve 'he' and 'the statement'."""

    def __init__(self, doc_text: str) -> None:
        self.last_person: str | None = None
        self.last_subject: str | None = None
        self.last_speaker: str | None = None
        self.full_names: dict[str, str] = {}
        self.doc = doc_text
        self.person_newer = False  # a person was named after the last speaker spoke
        self.recent: list[str] = []  # people named so far, the most recent last
        self.prev_subject: str | None = None  # the person a complete sentence just seen opened with
        self.last_sayer: str | None = None  # the person last seen before a verb of speech ("Raab said in …")
        self.statement_by: str | None = None  # who issued the statement the text last mentioned ("it states")
        for line in doc_text.split("\n"):  # a list of names one a line is read line by line
            for n in person_names(line):
                self.full_names.setdefault(n.tokens[-1], n.text)

    def see(self, text: str) -> None:
        names = person_names(text)
        for n in names:
            if not n.possessive and (re.match(rf"\s*(?:{_VERB})\b", text[n.end:]) or
                                     re.search(rf"\b(?:{_VERB})\s+by\s+$", text[:n.start])):
                self.last_sayer = self.expand(n.text)  # "Raab said", "This was stated by Jan Example"
        # "the 46-year-old Tsikhanouski travelled …": a surname alone, of someone the article named in full, is a
        # mention of that person too ("he" in the next sentence may be them)
        seen = [(n.start, n.text) for n in names]
        for m in re.finditer(r"(?<![\w’'-])([A-Z][\w’'-]{2,})(?![\w’'-])", text):
            alone = m.group(1) not in self.full_names and lone_surname(m.group(1)) and \
                re.match(r"\s+(?:also\s+|then\s+)?[a-z]+(?:ed|s)\b", text[m.end():]) is not None  # "Prykladau answered"
            if (alone or m.group(1) in self.full_names and self.full_names[m.group(1)] != m.group(1)) and \
                    not any(n.start <= m.start() < n.end for n in names) and \
                    not re.match(r"[’']s\b", text[m.end():m.end() + 2]):
                seen.append((m.start(), m.group(1)))
        seen.sort()
        if seen:
            self.last_person = seen[-1][1]
            self.person_newer = bool(self.last_speaker) and self.expand(self.last_person) != self.last_speaker
            for _, text_name in seen:
                full = self.expand(text_name)
                if full in self.recent:
                    self.recent.remove(full)
                self.recent.append(full)
        for m in re.finditer(r"[^.!?]*?[.!?]+(?=\s+[A-Z“\"]|\s*$)", text):
            self.prev_subject = person_subject(m.group(), self)
        subj = sentence_subject(text)
        if subj:
            self.last_subject = subj
        author = statement_author(text)
        if author:
            self.statement_by = self.resolve(author) or self.statement_by

    def sex(self, name: str) -> str | None:
        """A person's sex as the article shows it: "Ms./Mrs. Surname" or "Mr. Surname", else the given name."""
        surname = re.escape(name.split()[-1])
        m = re.search(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w’'.-]*\s+)?{surname}\b", self.doc)
        if m:
            return "male" if m.group(1) == "Mr" else "female"
        full = self.expand(name).split()
        return given_sex(full[0]) if len(full) > 1 else surname_sex(full[0]) if full else None

    def pronoun(self, word: str) -> str | None:
        """Who "he"/"she" stands for: the person the previous sentence opened with, the last speaker, then the
        people named most recently, the first whose sex agrees; nobody rather than someone of the other sex."""
        want = "male" if word == "he" else "female"
        people = [c for c in (self.prev_subject, self.last_speaker, *reversed(self.recent))
                  if c and (person_names(c) or c in self.full_names.values() or lone_surname(c))]
        if self.last_sayer and self.last_sayer in people and self.sex(self.last_sayer) in (want, None) and \
                self.last_sayer in self.recent[-3:]:
            return self.last_sayer  # "…, Raab said in an interview. “…,” he said": the one just said to speak
        if self.prev_subject and people and people[0] == self.prev_subject and self.sex(self.prev_subject) is None:
            return self.prev_subject  # "Minister Omar Example tweeted …" then "“…,” he said": the one just speaking
        for c in people:
            if self.sex(c) == want:
                return c
        unknown = [c for c in people if self.sex(c) is None]
        if unknown and (len(set(unknown)) == 1 or self.last_speaker in unknown):
            return unknown[0] if len(set(unknown)) == 1 else self.last_speaker  # "she said": the one speaking goes on
        if not [c for c in people if self.sex(c) in (want, None)] and self.last_speaker and \
                self.sex(self.last_speaker) is None \
                and not self.last_speaker.isupper():
            return self.last_speaker  # "Lukashenka said … “…,” he told reporters": the speaker goes on
        return None

    def institution(self, noun: str) -> str:
        """The fullest name the article gives an institution it then calls "the presidency": "the Zemblan
        presidency", "the Council of the European Union", "the EU Council"; else the word itself."""
        kind = re.escape(noun)
        best: str | None = None
        # "the Foreign Ministry of Belarus": capitalised words before the noun, "of …" after it, or both
        for m in re.finditer(rf"\b((?:[A-Z][\w’'.-]*[ \t]+){{0,4}})(?i:{kind})\b(?:[ \t]+of[ \t]+"
                             rf"(?:the[ \t]+)?((?:[A-Z][\w’'.-]*[ \t]*){{1,5}}))?", self.doc):
            if not m.group(1) and not m.group(2):
                continue
            found = re.sub(r"^the\s+", "", m.group(0).strip(), flags=re.I)
            if best is None or len(found) > len(best):
                best = found
        return best if best else noun[:1].upper() + noun[1:]

    def expand(self, name: str) -> str:
        parts = name.split()
        if len(parts) == 1 and name in self.full_names:
            return self.full_names[name]
        if len(parts) == 1:
            # "Biliatski" once for the "Ales Bialiatski" named; "Maryja noted" for the one "Maryja" named in full
            return misspelt(name, self.full_names) or given_alone(name, self.full_names) or name
        return name

    def resolve(self, np: str | None) -> str | None:
        if not np:
            return None
        np = np.strip().strip(",").lstrip("–—- ").strip()  # "“…”, – the report says"
        np = re.sub(r"^(?:as|like)\s+(?=\w)", "", np, flags=re.I)  # "As it states, “…”"
        low = np.lower()
        if _LABEL.match(low):
            return None  # "Photo: …", "Updated: …", "March 5, 2031": a page's label or a date, never a speaker
        if re.fullmatch(r"he|she|him|her", low):  # "… the agency quoted him as saying": the object is the speaker
            return self.pronoun("he" if low in ("he", "him") else "she")
        if low == "it" and self.statement_by:
            return self.statement_by  # "As it states, “…”" after "a statement by Jan Example": the statement's author
        if low == "it":
            # "“…,” it said" after "the presidency said …": the institution last speaking or last acting
            for c in (self.last_speaker, self.last_subject):
                if c and not person_names(c) and c not in self.full_names.values() and not _LABEL.match(c.lower()):
                    owned = re.search(rf"{re.escape(c)}\s+((?:[a-z]+\s+){{0,2}}(?:office|ministry|government|council|"
                                      rf"department|service|presidency|embassy|commission|parliament))\b", self.doc) \
                        if re.search(r"[’']s$", c) else None
                    return f"{c} {owned.group(1)}" if owned else c  # "Britain's" + "foreign office"
            return None
        titled = re.fullmatch(r"(?:mr|mrs|ms|miss|dr)\.?\s+([A-Z][\w’'-]+)", np, re.I)
        if titled:
            return self.expand(titled.group(1))  # "Ms. Zhuk said": the full name the article gave before
        if _STANDIN.match(low):
            return self.last_person or self.last_speaker
        kin = re.fullmatch(r"(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})[’']s\s+(?P<kin>wife|husband|mother|father|"
                           r"sister|brother|daughter|son|lawyer|attorney)", np)
        if kin:
            # "said Ales Example's wife": the relative, as the article named her ("Anna Sample, the wife of … Ales
            # Example"); never the one whose relative she is
            surname = re.escape(kin.group("who").split()[-1])
            m = re.search(rf"(?P<p>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+),\s+(?:the\s+)?{kin.group('kin')}\s+of\s+[^.;]{{0,80}}?"
                          rf"\b{surname}\b", self.doc) or \
                re.search(rf"\b{surname}[’']s\s+{kin.group('kin')},\s+(?P<p>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)", self.doc)
            return m.group("p") if m and person_names(m.group("p")) else None
        owner = re.match(r"^(?P<who>.+?)[’']s\s+(?:\w+\s+)?(?:statement|press release|post|tweet|letter|message|website|"
                         r"spokes\w+|press service|press office)$", np)
        if owner and not _STATEMENT.match(owner.group("who").lower()):
            return self.resolve(owner.group("who"))  # "“…,” Jan Example’s statement says"
        source = re.match(r"^(?:an?|the)\s+(?:\w+\s+)?(?:statement|press release|release|communiqu\w+|document|report)\s+"
                          r"(?:from|by|of)\s+(?:the\s+)?(?P<who>.+)$", np, re.I)
        if source:
            return self.resolve(source.group("who"))  # "“…,” reads a press release from the Ministry of X"
        team = re.match(r"^(?:the\s+)?(?P<org>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)\s+(?P<kind>team|staff)$", np)
        if team:
            return f"{team.group('org')} {team.group('kind')}"  # "the Example team wrote": the team speaks
        if re.fullmatch(r"(?:the\s+)?(?:rights\s+|human rights\s+)?(?:watchdog|organi[sz]ation|ngo|group|centre|center)", low):
            # "the rights watchdog urges …", "according to the NGO": the organisation the text is about
            subject = self.last_subject
            if subject and not person_names(subject) and self.expand(subject) == subject and not is_place(subject) \
                    and not _DATE_WORDS.search(subject) and not _SLAVIC_SURNAME.search(subject):
                return named(subject, self.doc) or subject
            return None
        if _STATEMENT.match(low):
            # "“…,” the statement reads": the last speaker's, else the organisation the text is about ("Article 19,
            # a rights group, has urged …"); a country or a date the last sentence opened with issued no statement
            subject = self.last_subject
            if subject and (is_place(re.sub(r"^the\s+", "", subject, flags=re.I)) or _DATE_WORDS.search(subject)
                            or not re.search(r"[A-Za-z]{2,}", subject)):
                subject = None
            return self.statement_by or self.last_speaker or subject
        if re.fullmatch(r"[\d\s,./-]+", low):
            return None  # "On July 14" left "14": a date is never a speaker
        inst = _INSTITUTION.match(low)
        if inst:
            return self.institution(inst.group(2))
        owned = re.match(r"^(?:[Tt]he\s+)?((?!The\b)(?:[A-Z][\w’'.-]*\s+){1,2})((?:[a-z]+\s+){0,2}\w+)$",
                         re.sub(r"\s+(?:in|to)\s+[A-Z][\w.]*$", "", np))  # "the U.S. embassy in Belarus"
        # "the British government", "the UN human rights agency": a named body's institution speaks as written
        if owned and _INSTITUTION.match(owned.group(2).lower().split()[-1]) and not person_names(owned.group(1)):
            return f"{owned.group(1)}{owned.group(2)}"  # "the British government", "the Zemblan foreign ministry"
        spokes = re.match(r"^(?:the\s+)?((?:[A-Z][\w’'-]*\s+){1,6})(spokes\w+|press secretary)$", np)
        if spokes and not person_names(spokes.group(1)):
            for who in (self.last_speaker, self.last_sayer):
                if who and person_names(who) and described_as(who, spokes.group(1), self.doc):
                    return who  # "the State Department spokesman" for the "Deputy Secretary of State" speaking
            return f"{spokes.group(1)}{spokes.group(2)}"  # "the European External Action Service spokesperson"
        role = _ROLE_NP.match(low)
        if role and not person_names(np):
            # "the minister said": the person last named, if the article gives them that title; else the title
            head = role.group(2)
            title = re.sub(r"^the\s+", "", np, flags=re.I)
            formal = all(w[:1].isupper() for w in title.split())  # "The Foreign Secretary", not "the diplomatic chief"
            if not formal and not self.last_speaker and self.last_sayer:
                return self.last_sayer  # "This was stated by Jan Example …" then "The interlocutor said": the source
            if not formal and not self.last_speaker and len(set(self.recent)) > 1:
                # "“…,” the politician said" before anyone spoke: the one the article names most, not the last
                def mentions(who: str) -> int:
                    return len(re.findall(rf"\b{re.escape(who.split()[-1])}\b", self.doc))
                best = max(reversed(self.recent), key=mentions)
                if mentions(best) > mentions(self.recent[-1]):
                    return best
            org = re.search(r"\b(?:of|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|and|of|for))*)", np)
            for who in (self.last_speaker, self.last_person):  # "the director of the X Office": X's, not the last one's
                if who and org and not re.search(rf"{re.escape(who)}[^.]{{0,120}}{re.escape(org.group(1))}|"
                                                 rf"{re.escape(org.group(1))}[^.]{{0,40}}{re.escape(who)}", self.doc):
                    continue
                if who and (not formal or re.search(rf"\b{head}\w*\b[^.]{{0,80}}{re.escape(who)}|"
                                                    rf"{re.escape(who)}[^.]{{0,80}}\b{head}", self.doc, re.I)):
                    return who
            return title if formal else None
        if GENERIC(np):
            return None
        name = named(np, self.doc)
        if name is None and re.fullmatch(r"[A-Z][\w’'-]+", np):
            # "Borrel added …" after "Josep Borrell": the same man; "Maryja noted" after "Maryja Prykladava"
            name = misspelt(np, self.full_names) or given_alone(np, self.full_names)
        return self.expand(name) if name else None


def extract_quotes(lay: Layout, doc_text: str | None = None) -> list[Quote]:
    """Quotes of the body and bullets; ``doc_text`` (the article's own text) tells names from words."""
    quotes: list[Quote] = []
    tracker = SpeakerTracker(doc_text if doc_text is not None else lay.text)
    prev_speaker_block: int | None = None
    single_block: int | None = None  # the paragraph of the last attributed quotation in single marks
    continues_prev = False  # the last quote ran to its paragraph's end with no closing mark
    for bi, block in enumerate(lay.blocks):
        if block.kind == HEADING:
            tracker.see(block.text)  # a line that is only a name ("Tamara Zh.") names someone "she" may be
        if block.kind == TITLE:
            quotes.extend(title_quote(block.text, block.start, tracker))
        said = said_line(lay.blocks[bi - 1].text) if bi > 0 and lay.blocks[bi - 1].kind == BODY and \
            block.kind in (BODY, HEADING) and not re.search(r"[“”\"«»]", block.text) else None
        who = tracker.resolve(said) if said else None
        if who:  # "Foreign Secretary Jan Example said:" on a line of its own, his words below it without marks
            quotes.append(Quote(speaker=tracker.expand(who), text=block.text.strip(), start=block.start,
                                end=block.start + len(block.text.strip()), sentence=block.text.strip()))
            tracker.last_speaker = tracker.expand(who)
        if block.kind not in (BODY, BULLET):
            continue
        text = block.text
        spans = _quote_spans(text, last=bi == len(lay.blocks) - 1)
        cursor = 0
        prev_close: int | None = None  # where the last attributed quotation of this paragraph closed
        carry, continues_prev = continues_prev, False
        for sp in spans:
            # people and subjects seen before this quote
            tracker.see(mask_quotes(text[cursor:sp.open_at], keep_marks=False))
            cursor = sp.open_at
            quoted = text[sp.start:sp.end].strip()
            quoted_clean = quoted.rstrip(" ,")
            n_words = len(re.findall(r"\w+", quoted_clean))
            lead = text[:sp.open_at]
            said_as = re.search(r"\b(?:called|dubbed|termed|described\s+(?:\w+\s+)?as)\s+(?:an?\s+|the\s+)?$", lead, re.I)
            if n_words < 1 or (n_words <= 2 and quoted_clean[:1].isupper() and not re.search(r"[.!?,]$", quoted)
                               and not said_as):
                continue  # the Human Rights Center “Zorka”: a name in quotation marks, not speech
            if n_words <= 3 and quoted_clean[:1].isupper() and re.search(
                    r"\b(?:Cent(?:er|re)|Committee|Association|Union|Party|Movement|Foundation|Initiative)\s*$", lead):
                continue  # "the founder of the Human Rights Center “Zorka,” one of …": the comma is the sentence's
            if not re.search(r"[.!?,…]$", quoted) and re.match(
                    r"^\s*(case|cases|trial|article|campaign|operation|movement|programme|program|project|channel|show|"
                    r"newspaper|party|initiative|law|bill|brand|platform|foundation|group)\b", text[sp.close_at:], re.I) \
                    and all(w[:1].isupper() for w in re.findall(r"[\w’'-]{4,}", quoted_clean)[:1]):
                continue  # the “Slander against the Leader” case: the name of a case or a campaign, not speech
            if n_words == 1 and not re.search(r"[.!?,]$", quoted) and quoted_clean[:1].islower() and \
                    re.search(r"\b(?:an?|the)\s+$", lead) and re.match(r"^\s*[a-z]", text[sp.close_at:]) and not said_as:
                continue  # an “extremist” organisation, a "farce" that …: a word held at a distance, not speech
            if quoted_clean[:1].islower() and n_words <= 4 and re.search(
                    r"\b(?:investigation|probe|inquiry|case)\s+(?:\w+\s+){0,8}?(?:into|on|of)\s*$", lead, re.I):
                continue  # "an investigation opened by police into “rioting”": the name of a case, whoever speaks
            if quoted_clean[:1].islower() and re.search(r"\b(guilty of|charged with|accused of|convicted of|"
                                                       r"charges? of|sentenced for|suspected of|under|arrested for|detained for|"
                                                       r"fined for|jailed for|accused in)\s*(?:and\s*)?$",
                                                       _mask(lead, spans), re.I) and \
                    not _has_verb_nearby(text, sp, spans, *_sentence_bounds(text, sp.open_at, spans)):
                continue  # "found guilty of “insulting the president”": an offence's name, unless someone says it
            if quoted_clean[:1].islower() and re.search(r"\b(?:as|in)\s+(?:an?|the)\s*$", lead) and not re.search(
                    rf"\b{_VERB}\b", _mask(text, spans)[_sentence_bounds(text, sp.open_at, spans)[0]:sp.open_at]):
                continue  # "sentenced … as an “organizer of a terrorist conspiracy”": a verdict's label, not speech
            if re.search(r"\b(?:graffiti|signs?|banners?|posters?|placards?|slogans?|inscriptions?|t-shirts?)\s+"
                         r"(?:reading|that read|which read|with the words|saying)\s*$", lead, re.I):
                continue  # "graffiti reading “…”": words on a wall, not speech
            if is_mention(quoted_clean, lead):
                continue  # the “Department of Financial Investigations”, the word “masks”: a name or a word cited
            if re.search(r"\b(comment on|read also|read more|see also|related:?)\W*$", lead, re.I):
                continue  # "Be the first to comment on “…”": a page's headline in a teaser, not speech
            if carry and not lead.strip() and quotes:
                q = quotes[-1]  # the next paragraph of a quotation left open: the same quote goes on
                quotes[-1] = Quote(speaker=q.speaker, text=f"{q.text} {quoted_clean}", start=q.start,
                                   end=block.start + sp.start + len(quoted_clean), sentence=q.sentence)
                carry = False
                continues_prev = sp.close_at >= len(text) and not text.rstrip().endswith(("”", "\"", "»"))
                continue
            s0, s1 = _sentence_bounds(text, sp.open_at, spans)
            between = _mask(text, spans)[prev_close:sp.open_at] if prev_close is not None else None
            if between is not None and prev_close > s0 and len(between) < 60 and quotes and quotes[-1].speaker \
                    and not re.search(rf"\b(?:{_VERB})\b", between) and not person_names(between) \
                    and re.match(r"^\W*(?:and|or|but)\b", between):
                # "… deemed “neither free nor fair” and were “conducted in …”": one voice, two fragments
                speaker = quotes[-1].speaker
            else:
                speaker = _speaker(text, sp, spans, s0, s1, tracker)
            if speaker is None and (not sp.single or single_block == bi):
                # continuation: an unattributed quote right after an attributed one ('…,' she said. 'I think …')
                if quotes and quotes[-1].speaker and (prev_speaker_block in (bi, bi - 1)) \
                        and not _has_verb_nearby(text, sp, spans, s0, s1) and \
                        (not _mask(text, spans)[s0:sp.open_at].strip() or prev_speaker_block == bi):
                    speaker = quotes[-1].speaker
            if speaker is None and not text[:sp.open_at].strip() and bi > 0 and lay.blocks[bi - 1].kind == BODY:
                # "John Example, a director at the group, said:" as a paragraph of its own, the quote below it
                pm = re.search(rf"(?P<np>[^.;:!?“”\"]{{1,120}}?)\s+(?:{_VERB})\b[^.;!?“”]{{0,60}}:\s*$",
                               lay.blocks[bi - 1].text)
                if pm:
                    speaker = tr_resolve_np(tracker, pm.group("np"))
            if speaker is None and not text[:sp.open_at].strip() and bi > 0 and lay.blocks[bi - 1].kind == BODY:
                speaker = announcer(lay.blocks[bi - 1].text, tracker)
            if speaker is None and not text[:sp.open_at].strip() and bi > 0:
                # "… he gave an interview to Radio Zorka." / "“When I was …”": the interview's words
                prev = lay.blocks[bi - 1]
                m = INTERVIEW.search(prev.text) if prev.kind == BODY else None
                speaker = tracker.pronoun(m.group("p").lower()) if m else None
                if speaker is None and prev.kind == BODY:
                    # "In an interview with …, Jan Example called on …" over paragraphs of quotation only
                    fronted = IN_INTERVIEW.match(prev.text)
                    speaker = person_subject(prev.text[fronted.end():], tracker) if fronted else None
            if speaker is None and not text[:sp.open_at].strip() and not sp.single and quotes and \
                    quotes[-1].speaker == tracker.last_speaker and not tracker.person_newer and \
                    person_names(quotes[-1].speaker) and not _has_verb_nearby(text, sp, spans, s0, s1):
                # a paragraph opening with an unattributed quotation, no one else named since the last speaker
                # spoke (the page's narration about him between): his words go on
                speaker = quotes[-1].speaker
            if speaker is None:
                continue
            speaker = tracker.expand(speaker)
            tracker.last_speaker = speaker
            tracker.person_newer = False
            prev_speaker_block = bi
            single_block = bi if sp.single else None
            prev_close = sp.close_at
            quotes.append(Quote(speaker=speaker, text=quoted_clean, start=block.start + sp.start,
                                end=block.start + sp.start + len(quoted_clean),
                                sentence=text[s0:s1].strip()))
            continues_prev = sp.close_at >= len(text) and not text.rstrip().endswith(("”", "\"", "»"))
        tracker.see(mask_quotes(text[cursor:], keep_marks=False))
    return quotes


def tr_resolve_np(tr: SpeakerTracker, np: str) -> str | None:
    """The speaker a phrase before a speech verb names ("John Example, a director at the group")."""
    first = np.split(",")[0].strip()
    return tr.resolve(first) or tr.resolve(last_np(np) or "")


def _has_verb_nearby(text: str, sp: _Span, spans: list[_Span], s0: int, s1: int) -> bool:
    outside = _mask(text, spans)[s0:s1]
    return bool(re.search(rf"\b{_VERB}\b", outside))


def _mask(text: str, spans: list[_Span]) -> str:
    # "Ms. Zhuk said": the dot of a courtesy title ends no phrase (blanked, keeping offsets)
    return blank(re.sub(r"\b(Mr|Ms|Mrs|Dr)\.", r"\1 ", text), [(s.open_at, s.close_at) for s in spans], keep_marks=False)


def _speaker(text: str, sp: _Span, spans: list[_Span], s0: int, s1: int, tr: SpeakerTracker) -> str | None:
    masked = _mask(text, spans)
    after = masked[sp.close_at:s1]
    before = masked[s0:sp.open_at]
    # 0. “…” – Jana Example, spokesperson
    m = re.match(r"^\s*[–—-]\s*(?P<np>[^,.;!?(]{3,80})", after)
    if m and person_names(m.group("np")):
        return tr.resolve(m.group("np"))
    m = re.match(r"^[\s,]*according to\s+(?P<np>[^,.;!?(]{2,80})", after, re.I)
    if m:
        return tr.resolve(m.group("np"))
    m = re.match(r"^[\s,]*[^.!?“”]{0,60}?\bquot(?:es|ed|ing)\s+(?P<np>[^!?;]{2,90}?)\s+as\s+say(?:ing|s)\b", after)
    if m:
        return tr.resolve(m.group("np"))  # "…,” the document quotes Secretary Jan Example as saying
    m = re.match(r"^[\s,]*(?P<by>[^.!?“”,]{2,60}?)\s+(?:quotes|quoted|cites|cited)\s+(?!as\b)(?P<np>[^,.;!?“”]{2,60})[.!?]?\s*$",
                 after)
    if m and tr.resolve(m.group("np")):
        # "“…” Ms Example quotes the political prisoner": the one quoted speaks, never the one quoting
        by, who = tr.resolve(m.group("by")), tr.resolve(m.group("np"))
        others = [p for p in reversed(tr.recent) if p != by]
        return who if who != by else others[0] if others else None
    # 1. “…,” X said / “…,” said X / “…” X stressed
    m = re.match(rf"^[\s,]*(?P<np>[^\s,.!?][^.!?]{{0,119}}?)\s+(?:{_VERB})\b", after)
    if m and not re.search(r"\b(that|which|who|since|when|because|after|before|as|if|while)\b", m.group("np")) \
            and not re.match(r"^[\s,]*(against|in|on|of|for|to|with|by|from|at|and|but|or|as|since|when|had|has|have|"
                             r"was|were|is|are|would|will|could)\b",
                             m.group("np")):
        parts = [p.strip() for p in m.group("np").split(",") if p.strip()]
        cands = (parts[:1] + parts[-1:]) if parts else []
        # "… to “highly Europeanized” Belarusians, Kalesnikava said:": a person's name before a plural noun
        cands.sort(key=lambda c: not (person_names(c) or c in tr.full_names))
        for cand in cands:
            who = tr.resolve(cand)
            if who:
                return who
        if not (re.search(r"[.!?]\W*$", text[sp.start:sp.close_at]) and re.match(r"^\s+[A-Z]", after)):
            return None
        # "“… the law again.” Some individuals … have reported …": a new sentence with a nameless subject
    m = re.match(rf"^[\s,]*(?:{_VERB})\s+(?P<np>(?:[^,.;!?]|(?<=\b[A-Z])\.)" + "{1,90})", after)
    if m:
        # "…,” said their lawyer, Aliaksandr D.: the name in apposition to a title
        appos = re.match(r"^\s*,\s*(?P<name>[^,.;!?]{3,60})", after[m.end():])
        if not person_names(m.group("np")) and appos and person_names(appos.group("name")) \
                and person_names(appos.group("name"))[0].start == 0:
            return tr.resolve(appos.group("name"))
        return tr.resolve(m.group("np"))
    # "According to Tamara Zh., “…”"
    m = re.search(r"\baccording to\s+(?P<np>[^,.;:!?]{2,80}),\s*$", before, re.I) or \
        re.search(r"^\s*(?:quote|quoting|words)\s+(?:from|of|by)\s+(?P<np>[^,.;:!?]{2,60}):\s*$", before, re.I)
    if m:
        return tr.resolve(m.group("np"))  # "Quote from Viasna: “…”": a news agency's label for whose words follow
    # "…, with Secretary of State Jan Example saying in an interview, “…”"
    m = re.search(r"(?P<np>[^,.;:!?]{1,90}?)\s+(?:saying|telling|adding|noting|writing)\b[^.;!?]{0,40}[:,]\s*$", before) or \
        re.search(r"\bwith\s+(?P<np>[^,.;:!?]{1,90}?)\s+(?:saying|calling|describing|adding|noting|writing|telling|"
                  r"accusing|urging)\b[^.;!?]{0,160}$", before)
    if m:
        who = tr.resolve(re.sub(r"^\s*(?:with|and|as)\s+", "", last_np(m.group("np")) or ""))
        if who:
            return who
    # "the elections, which the EU deemed “…”": a judgement the relative clause's named subject passes
    m = re.search(r"\b(?:which|whom|that)\s+(?P<np>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+"
                  r"(?:deemed|called|termed|described\s+as|branded|labell?ed)\s*$", before)
    if m:
        who = tr.resolve(m.group("np"))
        if who:
            return who
    # 2. X said (in a statement): “…”; X recalled ‘…’ (single marks right after the verb)
    m = re.search(rf"(?P<np>[^,.;:!?]{{1,90}}?)\s+(?:{_VERB})\b[^.;!?]{{0,40}}[:,]\s*$", before) or \
        (re.search(rf"(?P<np>[^,.;:!?]{{1,90}}?)\s+(?:{_VERB})\s*$", before) if sp.single else None)
    if m:
        return tr.resolve(last_np(m.group("np")))
    opening = before.lstrip()
    m = re.match(rf"(?:{_VERB})\s+(?P<np>[^,;:!?“”\"]{{2,90}}),?\s*$", opening[:1].lower() + opening[1:])
    if m:
        # "Said ZR/ZL President Jan Example, “…”": the verb first, the person in the phrase after it
        names = person_names(m.group("np"))
        return tr.resolve(names[-1].text if names else m.group("np"))
    # "According to him, the sanctions stay ‘until …’": a sentence opened with its source speaks all through it
    m = re.match(r"\s*According to\s+(?P<np>[^,;:!?“”\"]{2,80}?),", before)
    if m and not re.search(rf"\b{_VERB}\b", before[m.end():]):
        return tr.resolve(m.group("np"))
    if sp.single:
        return None
    # 3. a speech verb elsewhere in the sentence: X said that … “…” / … “…”, X added.
    closed = re.search(r"[.!?]\W*$", text[sp.start:sp.close_at]) is not None
    for vm in re.finditer(rf"\b(?:{_VERB})\b", masked[s0:s1]):
        k = s0 + vm.start()
        left = masked[s0:k]
        if re.search(r"\b(?:was|were|is|are|been|be|being)\s+$", left, re.I) and \
                not re.match(r"(?i:quoted)", vm.group()):
            continue  # "When the award was announced, …": a passive verb has no speaker in front of it
        np = last_np(left)
        if np and np.lower() in ("but", "and", "yet", "then", "or", "also", "but also", "and then"):
            break  # "The ministry gave no details, but warned of “…”": the verb shares the sentence's subject
        who: str | None = None
        if np and not re.search(r"\d", np):
            who = tr.resolve(np)
        else:
            right = re.match(r"\s+(?P<np>[^,.;!?]{1,80})", masked[k + len(vm.group()):s1])
            if not right:
                continue
            who = tr.resolve(right.group("np"))
        if who is None and k >= sp.close_at and closed:
            # "“… the law again.” Some individuals … have reported": the next sentence's nameless subject
            continue
        if who is None and np and k < sp.open_at and not GENERIC(np) and not person_names(np):
            continue  # "Sentences announced on Friday signal “…”, the agency says": a participle; the verb after speaks
        return who
    # 4. the sentence's own named subject
    sentence = text[s0:s1]
    # "On January 31, 2011, the EU Council imposed … for “…”": the subject after an opening date or adverbial
    sentence = re.sub(r"^\s*(?:(?:on|in|since|by|last|earlier|later|this|that)\b[^,.;:“\"]{1,30}(?:,\s*\d{4})?,\s*)+",
                      "", sentence, flags=re.I)
    # "Concurrently, the State Department imposed …": a sentence adverb before the subject
    sentence = re.sub(r"^\s*(?:[A-Z][a-z]+ly|Meanwhile|However|Separately|Also|Moreover|Likewise)\s*,\s*", "", sentence)
    # "Alongside the United States, Canada and the EU, Britain has …": the subject after a fronted phrase
    front = re.match(r"^\s*(?:Alongside|Along with|Together with|Like|Unlike|Following|In (?:coordination|concert|"
                     r"parallel) with)\b", sentence)
    low = re.search(r"\s(?!(?:and|the|of|for)\b)[a-z]", sentence[front.end():]) if front else None
    if front and low and sentence.rfind(",", 0, front.end() + low.start()) > 0:
        sentence = sentence[sentence.rfind(",", 0, front.end() + low.start()) + 1:]
    subj = sentence_subject(sentence)
    if subj and not GENERIC(subj) and not GENERIC(" ".join(sentence.split()[:4])):
        who = named(subj, tr.doc)
        # a body acts through its documents ("The EU added … for their role in “…”"), a person by what they do
        # ("X pledged to “…”"); a person the sentence only describes ("X is on the list of those suspected of “…”")
        # says nothing
        person = who and (person_names(who) or who in tr.full_names or lone_surname(who))
        rest = sentence[sentence.find(subj) + len(subj):] if subj in sentence else ""
        return None if person and re.match(r"\s+(?:is|was|are|were|has been|had been)\b", rest) else who
    return None
