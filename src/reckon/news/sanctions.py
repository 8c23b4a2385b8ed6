"""Sanctions statements: who was sanctioned, in which role, by which jurisdictions.

A statement is a sentence with a sanctioning verb ("sanctioned", "introduced personal sanctions against",
"designated", "were placed on the list" in an article about sanctions, "Among them are" right after one)
that names a person (two or more name parts) or refers back with "him"/"her". Jurisdictions are those
named before the verb (the subject: "Canada, the European Union, … sanctioned"), or in "the EU sanctions
list"; else the ones of the article's last sanctioning sentence. Nationality words inside a target's title
("Belarusian Interior Minister") are not jurisdictions.
"""

from __future__ import annotations

import re

from reckon.dates.text import iter_dates
from reckon.names.given import known_class
from reckon.news import lexicon as lx
from reckon.news.entities import Jurisdiction, jurisdictions, person_names
from reckon.news.model import SanctionStatement
from reckon.news.persons import coordinated_marks
from reckon.news.quote_marks import mask_quotes
from reckon.news.sanction_refs import inverted_name, pronoun_kin, title_targets, titled_people
from reckon.news.sanction_removals import removal
from reckon.news.text import BODY, BULLET, HEADING, TITLE, Sentence

_PRONOUN = re.compile(r"\b(against|on|sanctioned|designated|targeted|blacklisted)\s+(?P<who>him|her|them)\b", re.I)
_ROLE_BEFORE = re.compile(
    r"((?:(?:his|her|the|former|acting|first)\s+)?(?:[A-Z][\w’'-]*\s+|of\s+(?:the\s+)?|and\s+|for\s+|"
    r"(?:\w+’s\s+))*?(?:Minister|Deputy|Commander|Head|Chief|Chairman|Chairwoman|Secretary|Director|Judge|"
    r"Prosecutor|President|Governor|Mayor|Officer|Colonel|General|Major|Captain|Lieutenant|Rector|Editor|"
    r"Ambassador|Spokes\w+|Leader|Member|Director-General|Head|Advis[eo]r|Officer|Minister)\b(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*"
    r"(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w’'-]*)*)?)\s*,?\s*$"
)


_LISTED_BY = re.compile(r"\b(Council|EU|Union|UK|Kingdom|States|Treasury|OFAC|Canada|Switzerland|Australia|Japan|"
                        r"Britain|Norway)\s+(?:(?:has|have|had|also|today|now|further)\s+)*(?P<v>listed)\b(?!\s+as\b)")
# A sanction that is only possible, planned, demanded or threatened
_MODAL = re.compile(r"\b(could|(?-i:may)|might|would|should|plans?\s+to|planning\s+to|consider(s|ed|ing)?|"
                    r"threaten(ed|s|ing)?\s+to|wants?\s+to|propos(ed|es|ing)\s+to|weigh(s|ing)?|"
                    r"call(s|ed|ing)?\s+(on|for)|urg(e|es|ed|ing))\b[^.;,]{0,40}$", re.I)
# A sentence right after a sanctioning one that lists its targets: "Among them are …", "The listings include …"
_AMONG = re.compile(r"^\s*(among (them|those)|(?:also\s+)?included are|they (are|include)|these (are|include)|"
                    r"it\s+(?:also\s+)?includes?|the\s+list\s+(?:also\s+)?includes?|(the\s+)?(new\s+)?(listings?|"
                    r"designations?|targets?|designees|those (sanctioned|designated|listed|targeted|added))\s+"
                    r"(also\s+)?(are|include|includes|is))\b", re.I)
# "Similar sanctions were imposed by Canada": the same targets as the sentence before, another jurisdiction
_SIMILAR = re.compile(r"\b(?:similar|the same|identical|matching|equivalent)\s+(?P<who>)(?:sanctions|measures|restrictions|"
                      r"persons|individuals|people|names|officials)\b",
                      re.I)
# "Among those sanctioned is Ivan Example": a sentence that says by itself that it names targets
_AMONG_SANCTIONED = re.compile(r"(?:^|,\s*|\b(?:is|was|are|were)\s+)(?:also\s+)?among\s+(?:those|others|the\s+(?:[\w-]+\s+){0,4}?"
                               r"(?:people|individuals|officials|persons|leaders|figures|members|judges|officers))\s+"
                               r"(?:(?:to\s+be|who\s+(?:were|have\s+been|has\s+been|are))\s+)?"
                               r"(?:(?:newly\s+|now\s+)?(?:sanctioned|designated|targeted|blacklisted|listed|added)\b|"
                               r"(?:on|in)\s+the\s+(?:\w+\s+)?(?:sanctions\s+)?list\b)", re.I)
_SURNAME_SHAPE = re.compile(r"(enka|enko|ovich|evich|ivich|skaya|skaja|ski|sky|skiy|ova|eva|ina|aŭ|oŭ|au|ou|ov|ev|in|yn|"
                            r"chuk|uk|yk|ik|ak|ets|ich|vič|ič|ka|ko|ia|ya)$", re.I)


# Sanctioning wordings the shared lexicon does not carry: "The individual sanctions target …", "the list of persons
# subject to restrictions included …", "decided to add one more person to the black list", "adopted the fifth
# package of sanctions"
_EXTRA_VERB = re.compile(r"\b(?:sanctions|measures|restrictions|listings|designations)\s+(?:also\s+|now\s+)?target\b|"
                         r"\b(?:add|adds|adding|place|places|placing|put|puts|putting)\b[^.;:]{0,50}?\b(?:to|on|in|into)\s+"
                         r"(?:the|its|their|a)\s+(?:\w+\s+){0,2}(?:black\s*list|list)\b|"
                         r"\b(?:adopt|approv|impos|introduc)\w*\s+(?:\S+\s+){0,3}?(?:package|round|set)\s+of\s+(?:new\s+)?"
                         r"(?:sanctions|restrictive measures)\b|"
                         r"\bapprov(?:ed|es|ing)\s+(?:\w+\s+){0,2}?sanctions\s+(?:against|on)\b|"
                         # "the country will sanction … officials", "will also impose sanctions on Belarus"
                         r"\bwill\s+(?:also\s+|now\s+)?(?:sanction|impose\s+(?:\w+\s+)?sanctions?\s+(?:on|against))\b|"
                         # "the decision to suspend the financial assets of Russian President Vladimir Example"
                         r"\b(?:suspend|freez|froze|block)\w*\s+(?:the\s+)?(?:financial\s+)?assets\s+of\b|"
                         # "banned the entry of X", "closed entry for X": an entry ban said with its object after it
                         r"\b(?:ban(?:ned|s|ning)?|bar(?:red|s|ring)?|clos(?:ed|es|ing|e)|den(?:ied|ies|y))\s+"
                         r"(?:the\s+)?entry\s+(?:of|to|for)\b|"
                         # "Also affected by sanctions are X and Y", "The restrictions also affected X": who the
                         # measures reach, said without a sanctioning verb
                         r"\b(?:affected|hit|covered)\s+by\s+(?:the\s+)?(?:\w+\s+)?(?:sanctions|restrictions|"
                         r"restrictive\s+measures|measures|bans?)\b|"
                         r"\b(?:sanctions|restrictions|measures|bans?)\s+(?:also\s+)?(?:affected|affect|affects|hit|"
                         r"covered|cover|covers)\b", re.I)
# "X announced that …", "X, Minister of Foreign Affairs, said on Monday that …": a speaker before the reported clause
_SAID_THAT = re.compile(r"\b(?:announced|said|stated|declared|confirmed|reported|wrote|noted|told\s+[\w ]{1,30}?)\s+"
                        r"(?:on\s+\w+\s+|today\s+|yesterday\s+)?that\b", re.I)
# "The Russian agents were identified as A, B, C and D": a sentence that names people a sanctioning sentence counted
_IDENTIFIED = re.compile(r"^\W{0,3}(?:the|these|those)\s+(?:[\w-]+\s+){0,3}?(?:officials|agents|operatives|individuals|"
                         r"persons|people|officers|judges|prosecutors|men|women)\s+(?:were|are|have\s+been)\s+"
                         r"(?:identified|named)\s+as\b", re.I)
# "(designated as a foreign agent)", "designated as extremist": a label a state gives, not a sanction
_LABEL = re.compile(r"^\s+(?:as|an?)\s", re.I)
# "\"Today, the UK is sanctioning Elena Example …,\" the statement says": a sentence that is a quoted statement
_QUOTED_OPENING = re.compile(r"^\s*[\"“«„]")
_HEADLINE_VERB = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.’'-]*,?\s+(?:and\s+)?){1,4}(?P<v>sanctions|blacklists|designates)\s")
_LIST_INCLUDED = re.compile(r"\b(?:black\s*)?lists?\b[^.;:]{0,70}?\b(?:now\s+|also\s+)?(?:includes?|included|contains|"
                            r"contained|features)\b|\b(?:on|in)\s+the\s+(?:\w+\s+){0,2}list\s+(?:are|were|include[sd]?)\b",
                            re.I)  # "the others on the sanctions list are …"
# A standing total, not a new listing: "a total of 225 individuals, including X, currently are subject to …"
_STOCK = re.compile(r"\b(?:a total of|in total|altogether|currently|already)\b", re.I)
# "(also known as Mikalay … LUKASHENKA and Kolya LUKASHENKO)": other spellings of the name just before
_ALIAS = re.compile(r"\((?:also\s+known\s+as|a\.?k\.?a\.?|also\s+spelled|also\s+written(?:\s+as)?|alias|née|nee)\b[^)]*\)?",
                    re.I)
_BRACKET = re.compile(r"\s*\([^()]*\)")
_CREDIT = re.compile(r"\([^()]*(?:[\w.]/\s*[A-Z]|\b(?:[Pp]hoto|via AP|Getty|AFP|Reuters|Pool|Images)\b)[^()]*\)")
_BRACKET_GLOSS = re.compile(r"\([^()\u0400-\u04ff]*[\u0400-\u04ff][^()]*(?:\)|$)")  # (cut at "г." by the sentences)
# "Lukashenko’s son Viktor": a relative named by the given name alone takes the surname before
_KIN = r"(?:(?:eldest|elder|youngest|younger|oldest|\w+-year-old)\s+)?(?:son|daughter|wife|husband|brother|sister|father|mother)"
_RELATIVE = re.compile(r"\b(?P<sur>[A-Z][\w-]+)[’']s\s+" + _KIN + r",?\s+(?P<given>[A-Z][a-z]+)\b(?!\s+[A-Z])|"
                       r"\b" + _KIN + r"\s+of\s+(?:[A-Z][\w.-]+\s+){0,2}(?P<sur2>[A-Z][\w-]+),\s+(?P<given2>[A-Z][a-z]+)\b(?!\s+[A-Z])")
# Partners named with the actor act too: "Canada imposed the sanctions in conjunction with Britain"
_CO_ACTOR = re.compile(r"\b(?:by|in\s+conjunction\s+with|together\s+with|jointly\s+with|in\s+coordination\s+with|"
                       r"in\s+parallel\s+with|alongside|joined\s+by)\s+")


# Sanctions laws name their jurisdiction: a listing under "the Special Economic Measures (Belarus) Regulations"
# is Canada's, under an Executive Order or on the Specially Designated Nationals list the United States'
_LAW_JURISDICTION = (
    (re.compile(r"\bSpecial Economic Measures\b|\bJustice for Victims of Corrupt Foreign Officials\b", re.I), "CA"),
    (re.compile(r"\bExecutive Order\b|\bE\.O\.\s*\d|\bSpecially Designated Nationals\b"), "US"),
    (re.compile(r"\bSanctions and Anti-Money Laundering Act\b"), "GB"),
)
# "… is amended by adding the following in numerical order:" in a sanctions document: the lines below list
_FOLLOWING = re.compile(r"\b(?:the following|as follows)\b[^:]{0,60}:\s*$", re.I)
# "the Specially Designated Nationals (SDN) List", "Belarusian Automobile Plant (BelAZ)": capitalised words
# followed by their own initials in brackets are an institution, not a person
_ACRONYM_AFTER = re.compile(r"^\s*\((?P<a>[A-Z][A-Za-z]{1,7})\)")


# The person a sanctioned official acted against, not a target: "responsible for the death of Alexei Example",
# "for sentencing Russian activists Ivan Example", "colonies where Petr Example was held", "an opponent of X"
_VICTIM_BEFORE = re.compile(r"\b(?:(?:deaths?|killings?|murders?|poisonings?|sentencing|convictions?|persecution|"
                            r"imprisonment|detentions?|arrests?|trials?|cases?|prosecutions?|disappearances?|opponents?|"
                            r"critics?)\s+of|"
                            r"sentenc(?:ing|ed)|where)\s+(?:(?:the|an?|[\w’'-]+)\s+){0,4}$|"
                            # "human rights abuses against Russian opposition leaders, including X, Y and other citizens"
                            r"\b(?:abuses?|violations?|crimes?|attacks?|violence|repression|reprisals?)\s+against\s+"
                            r"(?:[\w’'-]+,?\s+){0,8}$", re.I)
# a name opening a quotation is an organisation's title ("Director of “Independent Expert”")
_OPENING_QUOTE = re.compile(r"[“\"«„]\s*$")
# "We are also placing sanctions on …" in a minister's words: the minister's government acts
_WE = re.compile(r"\b[Ww]e\b")
# "…; Lithuanian and Estonian authorities took similar measures": partners that did the same in the same sentence
_SIMILAR_CLAUSE = re.compile(r"(?:^|[;,]|\band\b)(?P<c>[^;]{0,80}?)\b(?:also\s+)?(?:took|taken|adopted|imposed|introduced|"
                             r"applied)\s+(?:the\s+)?(?:similar|the\s+same|identical)\s+(?:measures|sanctions|steps|bans?)\b")


_VICTIM_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _drop_victims(names: list, text: str) -> list:
    """Names of the people the targets acted against, with the names coordinated with them ("activists X and Y")."""
    return [n for n, victim in zip(names, coordinated_marks(names, text, _VICTIM_BEFORE, _VICTIM_JOINED), strict=True)
            if not victim]


def _similar_clause_jurisdictions(masked: str, from_pos: int) -> list[str]:
    """Jurisdictions of a clause after the sanctioning verb that says they took similar measures."""
    out: list[str] = []
    for m in _SIMILAR_CLAUSE.finditer(masked, from_pos):
        clause = m.group("c")
        out += [j.code for j in jurisdictions(clause) if j.code not in ("BY", "RU") and j.code not in out]
    return out


def _law_jurisdictions(text: str) -> list[str]:
    return [code for rx, code in _LAW_JURISDICTION if rx.search(text)]


def _is_acronymed(tokens: list[str], after: str) -> bool:
    m = _ACRONYM_AFTER.match(after)
    if not m:
        return False
    caps = [t[0] for t in tokens if t[:1].isupper()]
    acr = m.group("a")
    return bool(caps) and acr[0] == caps[0] and sum(c in acr for c in caps) >= max(2, len(caps) - 1)


_NON_PERSON_HEAD = re.compile(r"^(?:sea|ocean|river|lake|gulf|bay|island|islands|mountains?|square|street|avenue|"
                              r"bridge|park|airport|station|airlines?|logistics?|holdings?|group|bank|plant|factory|"
                              r"works|company|corporation|university|academy|committee|council|court|ministry|decision|regulation|"
                              r"directive|region|district|oblast|province|county|city|town|village|prison|colony)$",
                              re.I)  # "Council Implementing Decision (CFSP) 2024/2116": a legal act; "the Hrodna Region"


def _person_like(tokens: list[str]) -> bool:
    """A target is a person unless its words say otherwise: a given name reckon.names knows, an East Slavic
    surname shape, a patronymic or official capitals make it a person at once; else a place or company head
    word ("Mediterranean Sea", "Zorbo Holding") or an adjective of region before it ("Eastern …") makes it none."""
    parts = [t.rstrip(".,") for t in tokens if t.rstrip(".")]
    if not parts:
        return False
    if len(parts) >= 3 or any(len(p) >= 4 and p.isupper() for p in parts):
        return True
    if any(known_class(p) for p in parts[:-1]) or _SURNAME_SHAPE.search(parts[-1]):
        return True
    return not (_NON_PERSON_HEAD.match(parts[-1]) or re.search(r"(?:ern|ean)$", parts[0])
                or re.fullmatch(r"(?:East|West|North|South)ern|Central|European", parts[-1]))  # "Middle Eastern"


# Where the part of a sentence that names targets ends: "…, accusing them of jailing opponents of X"
_AFTER_TARGETS = re.compile(r",\s*(?:(?:a|one|two|three|four|five|several|few|\d+)\s+(?:days?|weeks?|months?|years?)\s+|"
                            r"shortly\s+|just\s+|only\s+)?(accusing|saying|citing|alleging|blaming|charging|because|after|following|"
                            r"in response to|for (?:their|his|her|its) role)\b|"
                            # "sanctioned for their connections to the death of X", "sanctioned for supporting X": the
                            # reason follows, and the people in it are not the targets
                            r"\s+for\s+(?:(?:their|his|her|its)\s+)?(?:alleged\s+)?(?:roles?|involvement|support|"
                            r"participation|complicity|connections?|links?|ties|association)\b|"
                            r"\s+for\s+(?:allegedly\s+)?(?:supporting|backing|aiding|helping|assisting|enabling|"
                            r"financing|funding)\b",
                            re.I)
# "Canada, the EU … sanctioned Ivan Demidaŭ. … Britain also sanctioned Demidaŭ": a surname alone names a
# target already seen in the article.
_SURNAME = re.compile(r"[A-Z][\w’'-]+")


def _role(sentence: str, name_start: int, floor: int = 0) -> str | None:
    """The title written just before a name: "Interior Minister Ivan …", "the former director, Dzmitry …".

    ``floor`` is where the previous name ended: a role never reaches back over another person.
    """
    left = sentence[floor:name_start]
    m = _ROLE_BEFORE.search(left)
    if m:
        role = m.group(1).strip().strip(",").strip()
        role = re.split(r",\s+(?:as well as\s+|and\s+)?", role)[-1]
        role = re.sub(r"^(?:among them (?:are|were)|and|as well as)\s+", "", role, flags=re.I)
        role = re.sub(r"^(?:Among|Also|Previously)\s+\w+\s+(?:are|were)\s+", "", role)
        return role.strip() or None
    m = re.search(r"(?:^|,\s*|\band\s+)(?:as well as\s+)?(?P<r>the\s+[^,]{3,120}),\s*$", left, re.I)
    if m:
        return re.sub(r"^the\s+", "", m.group("r").strip(), flags=re.I)
    return None


def is_sanctions_doc(title: str | None, text: str) -> bool:
    head = (title or "") + " " + text[:600]
    return bool(lx.SANCTION_DOC.search(head) or (lx.MEASURES_AGAINST.search(head) and lx.JURISDICTION_ACTOR.search(head)))


def extract_sanctions(sentences: list[Sentence], *, sanctions_doc: bool, published=None,
                      fallback_year: int | None = None, speakers: set[str] | None = None) -> list[SanctionStatement]:
    out: list[SanctionStatement] = []
    context: list[str] = []
    last_targets: list[str] = []
    prev_was_sanction = False
    heading_armed = False
    speakers = speakers or set()
    known: dict[str, str] = {}  # surname -> the full name of a target already seen
    named: dict[str, str] = {}  # surname -> the full name of anyone the article names
    for s in sentences:
        for n in person_names(s.text):
            named.setdefault(n.text.split()[-1], n.text)
    titled = titled_people([s.text for s in sentences])
    list_armed = False  # a sanctioning sentence ending in ':' introduces bullet lines that name the targets
    dangling = False  # a sanctioning sentence ending in ':' or a dash goes on in the next line, whatever its layout
    pending: list[SanctionStatement] = []  # statements whose jurisdiction only a later sentence names
    prev_context: list[str] = []
    seen_sanction = False  # "The list … also includes X": a list named after a sanctioning sentence is its list
    for s in sentences:
        masked = mask_quotes(s.text)
        verb = lx.SANCTION_VERB.search(masked)
        if verb is None and _QUOTED_OPENING.match(s.text):
            # a statement quoted whole ("… the statement says"): its own words name the actor and the targets
            inner = lx.SANCTION_VERB.search(s.text)
            if inner and (_subject_jurisdictions(s.text, inner.start()) or
                          (context and _WE.search(s.text[:inner.start()]))):
                masked, verb = s.text, inner  # "\"We are also placing sanctions on X,\" the minister said"
        if verb is not None and re.match(r"designat", verb.group(), re.I) and _LABEL.match(masked[verb.end():]):
            verb = lx.SANCTION_VERB.search(masked, verb.end())  # "(designated as a foreign agent)": a label
        if verb is None:
            measures = lx.MEASURES_AGAINST.search(masked)  # "Switzerland adopted measures against …"
            verb = measures if measures and lx.JURISDICTION_ACTOR.search(masked[:measures.start()]) else None
        if verb and re.search(r"\btarget", verb.group(), re.I) and not sanctions_doc:
            verb = None
        if verb is None and sanctions_doc:
            actor = _LISTED_BY.search(masked)  # "The Council also listed Ivan S.", "the UK has listed …"
            verb = re.compile(r"listed\b").search(masked, actor.start("v")) if actor else None
        if verb and _MODAL.search(masked[max(0, verb.start() - 60):verb.start()]):
            verb = None  # "The EU could impose sanctions on …", "threatened to sanction": nothing was imposed
        if verb is None:
            verb = _EXTRA_VERB.search(masked)
        if verb is None and s.kind in (TITLE, HEADING):
            m = _HEADLINE_VERB.match(masked)  # "NZ sanctions Belarus leaders"
            verb = re.compile(r"\S+").search(masked, m.start("v")) if m else None
        if verb and _STOCK.search(masked[:verb.start()]) and not re.search(r"\b(?:new|newly|today|additional)\b",
                                                                            masked, re.I):
            # "a total of 225 individuals … currently are subject to travel bans": the standing list; its actor
            # still says whose sanctions the next sentence means ("The US has already imposed sanctions on 24
            # Belarusians … They also sanctioned X")
            context = context or _subject_jurisdictions(masked, verb.start())
            verb = None
        listed = (sanctions_doc or seen_sanction) and (lx.SANCTION_LIST.search(masked) or _LIST_INCLUDED.search(masked))
        among = (prev_was_sanction and _AMONG.match(masked)) or _AMONG_SANCTIONED.search(masked) or \
            (seen_sanction and _IDENTIFIED.match(masked))
        following = sanctions_doc and verb is None and not listed and _FOLLOWING.search(s.text)
        trigger = verb or listed or among or following
        # "The Council removed X from the list", "lifted the sanctions on X": the people named are off the list
        removed = removal(masked)
        if removed is not None and not (trigger and trigger.end() <= removed.start()):
            verb = listed = among = following = trigger = None
        own = _subject_jurisdictions(masked, trigger.start() if trigger else None) if trigger else []
        own = own or (_law_jurisdictions(s.text) if trigger or s.kind in (TITLE, HEADING) else [])
        if verb and own:
            own = own + [c for c in _similar_clause_jurisdictions(masked, verb.end()) if c not in own]
        continued = dangling and s.kind != TITLE  # the line after "… to the black list of officials –"
        # the last item of a list, without its closing mark, reads like a heading: still an item
        continued = continued or (s.kind == HEADING and list_armed and _name_line(s.text))
        dangling = False
        if s.kind in (TITLE, HEADING) and not continued:
            list_armed = False  # "Inquiries" above a contact line ends the list of targets
            if own and not context:
                context = own  # "Regulations Amending the Special Economic Measures (Belarus) Regulations"
            if verb or listed:
                if own:
                    context = own
                heading_armed = s.kind == HEADING and sanctions_doc
            continue
        if s.kind not in (BODY, BULLET) and not continued:
            continue
        is_sanction = bool(verb or listed or among or following)
        name_line = list_armed and s.kind == BODY and _name_line(s.text)
        in_target_list = (s.kind == BULLET and list_armed) or continued or name_line
        if in_target_list and not is_sanction:
            is_sanction = True  # "Those sanctioned today are:" then one bullet (or one name line) per target
        elif s.kind != BULLET and not continued and not name_line:
            list_armed = False
        from_heading = False
        if not is_sanction and heading_armed:
            from_heading = True
            is_sanction = True
        heading_armed = False
        if not is_sanction:
            prev_was_sanction = False
            continue
        prev_context = list(context)
        if own:
            context = own
            for st in pending:  # "the list … included X. … The British Foreign Office … adopted the package"
                st.jurisdictions[:] = own
            pending = []
        juris = own or list(context)
        if s.kind != BULLET and not name_line:
            list_armed = s.text.rstrip().endswith(":")
        all_names = person_names(s.text)
        names = [n for n in all_names if n.text not in speakers and not n.possessive
                 and not _is_acronymed(n.tokens, s.text[n.end:])]
        # "Minister Anna Example, Minister of Foreign Affairs, today announced that Canada is imposing sanctions
        # against …": whoever speaks before the clause that holds the sanctions is no target
        said = _SAID_THAT.search(masked, 0, trigger.start()) if trigger else None
        if said:
            names = [n for n in names if n.start >= said.end()]
        # "…, Foreign Secretary Jan Example told Reuters": who announces is no target
        names = [n for n in names if not re.match(r"\s*(?:said|says|told|tells|announced|stated|wrote|added|encouraged|"
                                                  r"urged|called|threatened|warned)\b",
                                                  s.text[n.end:])]
        # "violations under President Alexander Example": the ruler named as the time, not a target
        names = [n for n in names if not re.search(r"\bunder\s+(?:(?:President|leader|ruler|dictator)\s+)?$",
                                                   s.text[:n.start])]
        names = [n for n in names if not re.search(r"\b(by|regime of|supporters of|ally of)\s*$", s.text[:n.start], re.I)
                 and not _OPENING_QUOTE.search(s.text[:n.start])]
        names = _drop_victims(names, s.text)
        # "companies linked to the regime of Belarusian dictator Alexander Example": the ruler names the regime
        names = [n for n in names if not re.search(r"\b(?:regime|rule|government|administration)\s+of\s+"
                                                   r"(?:[\w’'-]+\s+){1,3}$", s.text[:n.start], re.I)]
        # "relatives of President X", "companies related to businessman X": someone tied to the targets
        aliases = [m.span() for m in _ALIAS.finditer(s.text)]
        # "Ivan Example (Ivan Examplov)": a bracket right after a name holds another spelling of it
        aliases += [(n.end, m.end()) for n in names if (m := _BRACKET.match(s.text, n.end))]
        # "Ivan Example, Judge of the City Court (Иван Пример, судья …)": a name in Cyrillic in brackets is the
        # same person spelled in the original
        aliases += [m.span() for m in _BRACKET_GLOSS.finditer(s.text)]
        # "(Pavel Example/BelTA Pool Photo via AP)": a photographer's credit
        aliases += [m.span() for m in _CREDIT.finditer(s.text)]
        names = [n for n in names if not any(a <= n.start < b for a, b in aliases)]
        names = [n for n in names if not re.search(r"\b(?:relatives|family|associates?|cronies|children|wife|husband|sons?|"
                                                   r"daughters?|father|mother|brother|sister|widow)\s+"
                                                   r"of\s+(?:[\w’'-]+\s+){0,5}$|\bnamed\s+(?:after|for)\s+(?:[\w’'-]+\s+){0,3}$|"
                                                   r"\bassociated\s+with\s+(?:[\w’'-]+\s+){0,3}$|\b(?:related|linked|tied|connected|"
                                                   r"belonging)\s+to\s+(?:[\w’'-]+\s+){0,3}$|\bowned\s+by\s+"
                                                   r"(?:[\w’'-]+\s+){0,3}$", s.text[:n.start], re.I)]
        names = [n for n in names if _person_like(n.tokens) and not re.search(
            r"\b(?:compan(?:y|ies)|firms?|entit(?:y|ies)|enterprises?|banks?|plants?|factor(?:y|ies)|holdings?|"
            r"operators?|carriers?|manufacturers?)\s+$", s.text[:n.start], re.I)]  # "companies Vlate Logistik"
        # "entities that benefit from the Alexander Lukashenko regime": the regime's leader names the regime
        names = [n for n in names if not re.match(r"^[’']?s?\s+(regime|government|administration)\b",
                                                  s.text[n.end:], re.I)]
        # "known for his close ties to Russian President Vladimir Putin": a person the target is tied to
        names = [n for n in names if not re.search(r"\b(ties\s+to|close\s+to|ally|allies\s+with|friend\s+of|backer\s+of|"
                                                   r"patron\s+of)\s+(?:[\w’'-]+\s+){0,3}$", s.text[:n.start], re.I)]
        stop_at = _targets_end(masked, trigger.end() if trigger else 0)
        if removed is not None:
            stop_at = min(stop_at, removed.start())  # "… sanctioned A and removed B from the list": A only
        names = [n for n in names if n.start < stop_at]
        if not names and (verb or among):
            # "Lukashenko was among the leaders to be sanctioned": a surname of someone the article names in full
            scan_from = verb.end() if verb and not among else 0
            for m in _SURNAME.finditer(masked, scan_from, stop_at):
                full = known.get(m.group()) or (named.get(m.group()) if among else None)
                if full and not any(n.start <= m.start() < n.end for n in all_names) and \
                        not re.search(r"\b(?:by|of|to|with)\s+$", masked[:m.start()]) and \
                        not re.match(r"[’']s\b|\s+(?:regime|government|administration)\b", masked[m.end():]):
                    names = [_Name(full, m.start(), m.end())]
                    break
        elif names and verb:
            # "… on eight individuals, including Example, son Victor Example and …": a target already named in
            # full comes back by surname among the new ones
            for m in _SURNAME.finditer(masked, verb.end(), stop_at):
                full = known.get(m.group())
                if full and not any(n.start <= m.start() < n.end for n in names) and \
                        not re.match(r"[’']s\b", masked[m.end():]):
                    names.append(_Name(full, m.start(), m.end()))
            names.sort(key=lambda n: n.start)
        # "Lukashenko's wife, Halina, has been sanctioned": in the passive the relative stands before the verb
        passive = bool(trigger) and re.search(r"\b(?:been|was|were|is|are)\s+(?:also\s+)?$", masked[:trigger.start()])
        for m in _RELATIVE.finditer(masked, trigger.end() if trigger and not passive else 0, stop_at):
            g = "given" if m.group("given") else "given2"
            sur = m.group("sur") or m.group("sur2")
            if known_class(m.group(g)) and not any(n.start <= m.start(g) < n.end for n in names):
                names.append(_Name(f"{m.group(g)} {sur}", m.start(g), m.end(g)))
        # "…, including the President and key members of his Administration": the one person the article titles so
        names += [n for n in title_targets(masked, trigger.start() if trigger else 0, titled, _targets_end)
                  if n.text not in {x.text for x in names} and (removed is None or n.start < removed.start())]
        # "… as well as his wife Volha": the relative takes the surname of the person named just before
        names += [n for n in pronoun_kin(masked, names, trigger.end() if trigger else 0, stop_at, known_class)
                  if not any(x.start <= n.start < x.end for x in names)]
        # "- EXAMPLE, Ivan Ivanavich (Chair of the Minsk City Court);": a list line in the inverted form names one
        # person, and what follows in its brackets is the role
        inverted = inverted_name(s.text) if in_target_list or following else None
        if inverted is not None:
            names = [inverted]
        names.sort(key=lambda n: n.start)
        if from_heading:
            names = [n for n in names if _role(s.text, n.start)]
        dates = [v for _a, _b, v in iter_dates(s.text, published, fallback_year) if v]
        when = dates[0] if dates else None
        targets_here: list[str] = []
        floor = 0
        for n in names:
            targets_here.append(n.text)
            known.setdefault(n.text.split()[-1], n.text)
            role = _role(s.text, n.start, floor)
            if role is None and in_target_list and n.start < 3:
                tail = re.match(r"^\s*[,–—-]\s*(?P<r>(?:No\.\s*\d|[^;.])+)", s.text[n.end:])
                role = tail.group("r").strip().rstrip(";,") if tail else None  # "- Ihar V., Chair of the Court"
            floor = n.end
            out.append(SanctionStatement(target=n.text, role=role, jurisdictions=list(juris),
                                         date=when, sentence=s.text, sentence_start=s.start, sentence_end=s.end))
        pron = _PRONOUN.search(masked) or _SIMILAR.search(masked)
        if not names and pron and not last_targets and own and pron.re is _SIMILAR:
            context = list(dict.fromkeys(prev_context + own))  # "The same persons were added to the Swiss list"
        if not names and pron and last_targets:
            for t in (last_targets if pron.group("who").lower() in ("them", "") else last_targets[-1:]):
                out.append(SanctionStatement(target=t, role=None, jurisdictions=list(juris), date=when,
                                             sentence=s.text, sentence_start=s.start, sentence_end=s.end))
        if targets_here:
            last_targets = targets_here
        if not juris:
            pending.extend(st for st in out if not st.jurisdictions and st not in pending)
        dangling = bool(re.search(r"(?::|\s[–—-])\s*$", s.text))
        prev_was_sanction = True
        seen_sanction = True
    return _once(out)


def _once(statements: list[SanctionStatement]) -> list[SanctionStatement]:
    """One statement per target and set of jurisdictions: an article that names the same listing twice ("will
    sanction … Alexander Example" then "including President Example") reports one sanction."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[SanctionStatement] = []
    for st in statements:
        key = ((st.target or "").casefold(), tuple(sorted(st.jurisdictions)))
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


def _name_line(text: str) -> bool:
    """A short line that is a list item: a name first, then only its particulars ("Ivan Example, judge")."""
    names = person_names(text) if len(text) <= 140 else []
    return bool(names) and names[0].start <= 2 and re.match(r"\s*(?:$|[,(–—:;]|-\s)", text[names[0].end:]) is not None


class _Name:
    """A target named by surname alone, shaped like entities.Name where the loop above needs it."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end


def _targets_end(masked: str, from_pos: int) -> int:
    """Where the targets of a sanctioning sentence end: a name after "…, accusing them of" is no target."""
    m = _AFTER_TARGETS.search(masked, from_pos)
    return m.start() if m else len(masked)


# "PARIS, France - ", "KYIV (Reuters) — ": a dateline opening the sentence
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]+)?\s*(?:\([^)]{1,30}\)\s*)?[-–—]\s")


def _subject_jurisdictions(masked: str, verb_at: int | None) -> list[str]:
    """Jurisdictions that act in the sentence: named before the sanctioning verb, or '<EU> sanctions list'."""
    found: list[str] = []
    skipped_end = -1
    dateline = _DATELINE.match(masked)
    for j in jurisdictions(masked):
        if dateline and j.end <= dateline.end():
            continue  # "PARIS, France - …": where the story was filed, not who acts
        if skipped_end >= 0 and re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?",
                                             masked[skipped_end:j.start]):
            skipped_end = j.end
            continue  # "joined Britain, the European Union and Canada": the whole list is out, not its head only
        skipped_end = -1
        if not _actor(masked, j, verb_at):
            skipped_end = j.end
            continue
        if j.code not in found:
            found.append(j.code)
    if not found and verb_at is not None and re.search(r"\b[Tt]he (?:EU\s+)?Council\b(?!\s+of\s+Europe)"
                                                        r"(?!\s+of\s+the\s+(?!EU\b|European Union\b))",
                                                        masked[:verb_at]):
        found.append("EU")  # "The Council today decided to impose restrictive measures": the Council of the EU
    return found


def _actor(masked: str, j: Jurisdiction, verb_at: int | None) -> bool:
    """Whether jurisdiction ``j`` acts in the sentence, rather than being the targets' country ("Belarusian
    officials"), a partner that acted earlier ("joined the EU sanctions") or a place named in passing."""
    after = masked[j.end:j.end + 40]
    before = masked[max(0, j.start - 30):j.start]
    if re.match(r"^\s*(sanctions?\s+list|black\s*list|list)\b", after, re.I):
        return True  # "the EU sanctions list", "the Swiss black list"
    if verb_at is not None and j.end <= verb_at and re.fullmatch(
            r"\s+(?:Federal\s+)?(?:Foreign\s+(?:Ministry|Office)|government|authorities|cabinet)\s+"
            r"(?:(?:has|have|had|also|now|today)\s+)*", masked[j.end:verb_at]):
        return True  # "The Latvian Foreign Ministry has banned …": the ministry is the subject of the verb
    adjective_of_person = re.match(r"^\s+(?:[A-Z][\w-]*\s+){0,3}(Minister|Deputy|Commander|officials?|citizens|"
                                   r"nationals|judges?|prosecutors?|people|individuals|entities|companies|"
                                   r"President|Interior|Defence|Defense|KGB|police|authorities|regime|"
                                   r"government|state|Officials|human|opposition|security|Ministry)\b", after)
    if adjective_of_person or (before.endswith("(") and after.startswith(")")):
        return False  # "the Special Economic Measures (Belarus) Regulations": the law's subject, no actor
    if j.adjective and not re.match(r"^\s+(?:Federal\s+|National\s+|State\s+)?(government|authorities|foreign (office|"
                                    r"ministry)|ministry|treasury|parliament|cabinet|council|state department|department)\b",
                                    after, re.I):
        return False
    if re.search(r"\b(join(ed|s|ing)?|align(ed|s|ing)?\s+(itself\s+)?with|follow(ed|s|ing)?|mirror(ed|s|ing)?|"
                 r"adopt(ed|s|ing)?|implement(ed|s|ing)?|transpos(ed|es|ing))\s+(the\s+)?(?:(?:new|latest|recent|"
                 r"same|further|previous|earlier)\s+){0,2}$", before, re.I):
        return False  # "Switzerland joined the EU sanctions": the EU acted earlier, not in this sentence
    relative = verb_at is not None and j.end <= verb_at and re.fullmatch(
        r"(?:\s*(?:,|\band\b)\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})*\s*,?\s*(?:which|who)\s+"
        r"(?:(?:also|has|have|had|now|then|too|later|likewise|subsequently)\s+)*", masked[j.end:verb_at])
    co_actor = re.search(_CO_ACTOR.pattern + r"(?:the\s+)?$", before)
    if not relative and not co_actor and re.search(r"\b(in|of|against|on|from|to|with|for|partners,?)\s+(the\s+)?$",
                                                   before, re.I) \
            and not re.search(r"\bCouncil\s+of\s+(?:the\s+)?$", before):
        return False  # "coordinated with Australia" is no actor, "…with Australia, which also sanctioned" is
    if verb_at is None:
        return False
    if j.start > verb_at:
        agents = list(_CO_ACTOR.finditer(masked, verb_at, j.start))
        agent = agents[-1] if agents else None  # the last co-actor before the jurisdiction
        between = masked[agent.end():j.start] if agent else None
        if agent is None or not re.fullmatch(r"(?:(?:the\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,3}?(?:,\s*|\s+and\s+))*"
                                             r"(?:the\s+)?", between or ""):
            return False  # only "sanctioned by the EU and the US", "… in conjunction with Britain" name actors after the verb
    return True
