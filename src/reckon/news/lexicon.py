"""Word lists the rules share: counted nouns, cue phrases per category, role and organisation words.

Kept in one place so that a reviewer can read the whole vocabulary of the extractor at a glance.
"""

from __future__ import annotations

import re

# Nouns that make a number a count of people (or of events that happen to people).
PERSON_NOUNS = {
    "people", "persons", "person", "individuals", "individual", "citizens", "belarusians", "russians",
    "ukrainians", "residents", "prisoners", "prisoner", "detainees", "protesters", "protestors",
    "demonstrators", "activists", "journalists", "lawyers", "women", "men", "children", "minors",
    "teenagers", "youngsters", "youths", "students", "pensioners", "officials", "officers", "judges", "prosecutors", "employees",
    "workers", "members", "chiefs", "deputies", "heads", "opponents", "dissidents", "critics", "defendants",
    "convicts", "suspects", "inmates", "victims", "bloggers", "volunteers", "doctors", "teachers",
    "musicians", "artists", "priests", "believers", "foreigners", "nationals", "relatives", "soldiers",
    "servicemen", "conscripts", "politicians", "candidates", "leaders", "observers", "supporters",
    "administrators", "subscribers", "others", "man", "woman", "defenders", "representatives",
    "colleagues", "campaigners", "staff", "staffers", "clergy", "athletes", "scientists", "entrepreneurs",
    "businessmen", "parents", "mothers", "fathers", "migrants", "refugees", "emigrants", "voters", "ex-prisoners",
    "names", "participants", "directors", "managers", "editors", "reporters", "photographers", "cameramen", "anarchists", "rail partisans", "partisans", "fighters", "recruits",
    # peoples, nations and faiths counted as people ("11 Crimean Tatars have also been charged")
    "tatars", "poles", "lithuanians", "latvians", "estonians", "georgians", "armenians", "azerbaijanis",
    "chechens", "kazakhs", "uzbeks", "tajiks", "moldovans", "americans", "germans", "britons", "muslims",
    "christians", "catholics", "protestants", "civilians",
}
EVENT_NOUNS = {
    "detentions": "detained", "arrests": "detained", "detention": "detained", "arrest": "detained",
    "convictions": "convicted", "verdicts": "convicted", "sentences": "convicted",
    "cases": "charged", "criminal cases": "charged", "prosecutions": "charged", "proceedings": "charged",
    "investigations": "charged",
    "deaths": "died", "releases": "released", "pardons": "released",
}
# Plural nouns of things, places and papers: a number before them counts no people, whatever the words after
# ("14 penal colonies holding political prisoners", "1,200 allegations of torture", "300 complaints").
THING_NOUNS = {
    "colonies", "prisons", "jails", "facilities", "institutions", "camps", "cells", "courts", "cities", "towns",
    "villages", "countries", "regions", "districts", "allegations", "complaints", "appeals", "letters",
    "petitions", "signatures", "reports", "articles", "posts", "comments", "messages", "documents", "pages",
    "books", "films", "videos", "photos", "websites", "sites", "channels", "chats", "accounts", "laws",
    "amendments", "hearings", "trials", "episodes", "incidents", "searches", "flights", "buses", "cars",
}
ON_CHARGES = re.compile(r"\b(?:on|over|under)\s+(?:[\w-]+\s+){0,3}?charges\b", re.I)
# "About 5,000 people took part in the march": the size of a crowd, not a count of the repressed
PARTICIPATION = re.compile(r"\b(took part|taking part|take part|participated|participating|attended|attending|"
                           r"turned out|gathered|gathers?|gathering|rallied|marched|joined|drew|signed|took to the streets|came out)\b",
                           re.I)
# "The Council adopted measures against 38 individuals": a jurisdiction's measures are sanctions
MEASURES_AGAINST = re.compile(r"\b(adopt|impos|introduc|extend)\w*\s+(?!(?:repressive|punitive|preventive)\b)"
                              r"(?:\S+\s+){0,2}?measures\s+against\b", re.I)
JURISDICTION_ACTOR = re.compile(r"\b(EU|European Union|Council|Canada|Switzerland|United Kingdom|UK|United States|"
                                r"U\.S\.|US|Japan|Australia|New Zealand|Norway|Iceland|Ukraine|Lithuania|Latvia|"
                                r"Estonia|Poland|Treasury|OFAC)\b")
ORG_NOUNS = {"entities", "companies", "organisations", "organizations", "firms", "enterprises", "businesses",
             "banks", "bodies", "agencies", "media", "outlets", "groups", "entity", "company"}

# Category cues, strongest first. Each pattern is searched in the clause around the number, quotes masked.
_W = r"(?:\s+\S+){0,6}?"
CUES: list[tuple[str, re.Pattern[str]]] = [
    ("released", re.compile(r"\b(clemency|(?:gained|regained|granted)\s+(?:their\s+|his\s+|her\s+)?freedom|served\s+(?:their|his|her)\s+(?:full\s+)?(?:terms?|sentences?|time)|pardon(ed|s|ing)?|(?<!\bthe\s)releas(ed|es|ing)|(?:ordered|orders|announced|secured|approved)\s+the\s+release|freed|frees|freeing|set free|left (the )?(prison|colony|"
                            r"jail|custody)|walked free|amnest(y|ied)(?!\s+International)|let out)\b", re.I)),
    ("died", re.compile(r"\b(died|dead|killed|deaths?|perished|lost their lives)\b", re.I)),
    ("sanctioned", re.compile(r"\b(sanction(ed|s|ing)?|blacklist(ed|s|ing)?|asset freezes?|travel bans?|"
                              r"restrictive measures|visa (restrictions|bans?)|penalties\s+(?:against|on)|"
                              r"entry bans?|designat(ed|es|ing|ions?)|(froze|frozen)\s+(the\s+)?assets|assets\s+(were\s+)?frozen|"
                              r"freez(e|es|ing)\s+(the\s+)?assets|(has|have|had)\s+(today\s+|now\s+|also\s+)*listed)\b",
                              re.I)),
    ("convicted", re.compile(r"\b(convicted|convicting|convictions?|sentenced|sentencing|verdicts?|jailed|"
                             r"found\s+(?:\w+\s+){0,2}?guilty|"
                             r"received\s+(?:\w+\s+){0,2}?(?:sentences|prison\s+terms|jail\s+terms)|"
                             r"jailing|(?:hand(?:s|ed|ing)?|gave|give[sn]?|impos(?:es|ed|ing))\s+(?:\w+\s+){0,2}?"
                             r"(?:prison|jail)\s+(?:terms|sentences))\b", re.I)),
    ("charged", re.compile(r"\b(charged|indicted|investigating|under investigation|(?:have|has|had|were|was|are|is|being|been)\s+(?:\w+\s+)?prosecuted|criminal (cases?|proceedings|charges|prosecutions?)|accused|suspects?|"
                           r"facing charges|(?:stand|stands|standing|go|goes|went|face|faces|facing)\s+trial|on trial)\b", re.I)),
    ("detained", re.compile(r"\b(detained|detaining|detain|detentions|arrested|arresting|arrests|(?<!house )arrest(?!\s+of)|apprehended|"
                            r"taken into custody|pre-?trial\s+detention|"
                            r"in (?:police )?custody|"
                            r"rounded up|raided)\b", re.I)),
]
RECOGNITION = re.compile(
    r"\blisted\s+as\s+(a\s+)?political\s+prisoners?|"
    r"\b(?:put|placed|added|included|entered)\s+(?:on|to|in|into)\s+the\s+list\s+of\s+political\s+prisoners\b|"
    # (a relative clause between verb and status gives the status to another clause: "an organisation called
    # Bysol that raises funds to support political prisoners")
    r"\b(recogni[sz](?:e|ed|es|ing)|declared?|declares|declaring|named|called|acknowledged|added|label(?:l?ed|s))\b"
    r"(?:\s+(?!(?:that|which|who|whose|support\w*|for)\b)\S+){0,6}?\s+(as\s+)?(a\s+)?political\s+prisoners?"
    r"|\bgranted\s+(this|the|political[- ]prisoner)\s+status|\bnew(ly)?\s+(recogni[sz]ed\s+)?political prisoners"
    # "Statement on recognition of seven political prisoners": the noun of the verb
    r"|\b(recognition|declaration)\s+of\s+(\S+\s+){0,3}?(as\s+)?(a\s+)?political\s+prisoners?\b"
    r"|\bpolitical[- ]prisoner status\b",
    re.I,
)
# the running total since the crackdown began: "since 2020", "since August 2020", "since the disputed 2020
# election", "in all", "over the past four years"
EVER = re.compile(r"\b(since\s+((mid-|early\s+|late\s+|(?:the\s+)?(?:summer|spring|autumn|fall|winter)\s+(?:of\s+)?)?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
                  r"(19|20)\d\d|the\s+((disputed|rigged|fraudulent|presidential|stolen)\s+)?(19|20)\d\d\b|"
                  r"the\s+(summer|spring|autumn|fall|winter|start|beginning|end)\s+of\s+(19|20)\d\d\b|"
                  r"the (start|beginning)(?! of (the|this) (year|month|week)))|in total|in all|overall|altogether|total of|"
                  r"ever|all[- ]time|cumulative(ly)?|(over|in) the (past|last) \w+ years)\b", re.I)
# "Currently, 1,525 individuals, including 171 women, are held …": commas may stand between the cue and the state
CURRENT_STATE = re.compile(r"\b(currently|still|now|remain(s|ing)?|at present|continu(?:e|es|ed|ing)\s+to\s+be)\b(?:[\s,]+[^\s,.;]+){0,8}?" +
                           r"\s*(in (places of )?detention|in custody|behind bars|imprisoned|in prisons?|held|jailed)"
                           r"|\b(are|is|were) being held\b|\bbehind bars\b|\bremain (imprisoned|in prison|jailed)", re.I)
# "1,300 prisoners for political reasons", "deprived of liberty in connection with … freedom of conscience":
# political prisoners named by why they are held
POLITICAL_PRISONERS = re.compile(r"\bpolitical prisoners?\b|\bprisoners of conscience\b|\bpolitzek|"
                                 r"\bprisoners\s+(?:for|on)\s+political\s+(?:reasons|grounds|motives)\b|"
                                 r"\bdeprived\s+of\s+(?:their\s+)?(?:liberty|freedom)\s+(?:for|on|in connection with|"
                                 r"because of)\b", re.I)
# persecution short of an arrest: "the homes of 84 relatives were searched", "100 people were interrogated",
# "affected by the raids", "16,000 people were hurt at the protests"; the state's lists of "extremists",
# "terrorists" and the wanted ("625 people were recognised as extremists", "4,700 on the wanted list")
PERSECUTED = re.compile(r"\b(persecut\w*|repress\w*|reprisals?|harass\w*|targeted for|searche[sd]|searching|"
                        r"interrogat\w*|questioned|summoned|raids|hurt|injured|beaten|tortured|intimidat\w*|"
                        r"wanted\s+lists?|(?:extremist|terrorist)s?\s+lists?|lists?\s+of\s+(?:extremists?|terrorists?)|"
                        r"as\s+(?:extremists|terrorists)|extradit\w*)\b", re.I)
SANCTION_LIST = re.compile(r"\b(placed|put|added|included|listed|entered)\b" + _W +
                           r"\s*(on|to|in|into)\s+(the|its|their|a)\s+(\w+\s+){0,3}list\b"
                           r"|\b(among them|also (?:on|in) the list)\b"
                           r"|\b(?:the|its|their)\s+(?:\w+\s+){0,2}lists?\s+(?:now\s+|also\s+)?includes?\b"
                           # "The sanctions include Ivan Example, the head of …"
                           r"|\b(?:the\s+)(?:new\s+|latest\s+)?(?:sanctions|listings|designations)\s+(?:also\s+)?(?:include|includes)\b",
                           re.I)
SANCTION_DOC = re.compile(r"\b(sanction(s|ed|ing)?|blacklist\w*|designat(ed|es|ion)|restrictive measures|"
                          r"special economic measures)\b", re.I)  # the last: Canada's sanctions law
SANCTION_VERB = re.compile(
    r"\b(sanctioned|sanctioning|sanctions?\s+(on|against)|(impose[sd]?|imposing|introduced?|introduces|slapped|extended|levied)\s+(\w+\s+){0,2}"
    r"sanctions|blacklisted|blacklists|designated|designates|designating|(froze|frozen|freez(e|es|ing))\s+(the\s+)?assets|(has|have|had)\s+(today\s+|now\s+|also\s+)*listed|froze\s+(the\s+)?assets|asset freezes?|"
    r"travel bans?|entry bans?|target(s|ed)|(?:banned|barred)\s+(?:\w+\s+){1,12}?from\s+entering|to\s+blacklist|sanctions\s+(\w+\s+){0,3}(officials|judges|individuals|persons)|"
    r"restrictive measures|(restrictions|measures)\s+(will\s+)?(also\s+)?(now\s+)?apply\s+to|"
    r"sanctions\s+(have|has|had|were|was)\s+(also\s+)?(been\s+)?(imposed|introduced|extended|slapped))\b",
    re.I,
)

# A cue in a wish, demand or condition ("until all … are released") reports no event.
# "are set to be released", "due to be freed": a release announced and scheduled, not wished for.
IRREALIS = re.compile(r"\b(until|unless|demand\w*|call\w*\s+for|ask(ed|s|ing)?\s+for|appl(y|ied|ies)\s+for|seek\w*|sought|urg\w*|should|must|(?<!set )(?<!due )(?<!continue )(?<!continues )(?<!continued )to be|will be|would be|"
                      r"could be|hoped?|hopes|hoping|may be|might be)\b[^.;]{0,80}$", re.I)

QUALIFIER_BEFORE = [
    ("at_least", re.compile(r"\b(at least|no fewer than|no less than|not less than|a minimum of|"
                            r"at a minimum)\s*$", re.I)),
    ("more_than", re.compile(r"(\b(more than|over|upwards of|in excess of|above|exceeding|exceeds?|exceeded|"
                             r"surpass(ing|ed|es)?|topped|tops)|>)\s*$", re.I)),
    ("up_to", re.compile(r"\b(up to|as many as|at most|no more than|not more than|a maximum of)\s*$", re.I)),
    ("less_than", re.compile(r"(\b(fewer than|less than|under|below|nearly under)|<)\s*$", re.I)),
    ("about", re.compile(r"(\b(around|about|some|nearly|almost|approximately|approx\.|roughly|an estimated|"
                         r"estimated|close to|circa|ca\.|about|an approximate|just over|just under|"
                         r"well over|upward of)|~)\s*$", re.I)),
]

# Words that are never part of a person's name, though capitalised.
ROLE_WORDS = {
    "minister", "deputy", "first", "interior", "internal", "affairs", "defence", "defense", "foreign",
    "secretary", "president", "vice", "prime", "chairman", "chairwoman", "chair", "head", "chief", "director",
    "director-general", "commander", "general", "colonel", "major", "lieutenant", "captain", "judge",
    "prosecutor", "prosecutor-general", "leader", "opposition", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "mayor", "governor", "presidential", "spokespersons", "senator", "rep", "mr", "mrs", "ms", "dr", "sir", "former", "acting",
    "state", "chancellor", "king", "queen", "pope", "nobel", "laureate", "activist", "journalist", "lawyer",
    "officer", "member", "rector", "editor", "editor-in-chief", "founder", "coordinator", "advisor",
    "adviser", "aide", "envoy", "commissioner", "representative", "high", "special", "rapporteur", "his",
    "her", "their", "its", "justice", "attorney", "police", "security", "the", "a", "an", "said", "says",
    "told", "political", "prisoner", "strongman", "dictator", "ruler", "authoritarian", "self-proclaimed",
    "exiled", "belarus", "belarusian", "russian", "ukrainian", "british", "american", "german", "polish",
    "pole", "poles", "ukrainians", "russians", "belarusians", "lithuanians", "latvians", "estonians",
    "georgians", "americans", "germans", "citizen", "national", "underaged", "teenager",
    "lithuanian", "latvian", "estonian", "french", "canadian", "european", "us", "u.s.", "uk", "eu", "un",
    "senior", "campaigner", "interlocutor",
}
ORG_WORDS = {
    "department", "council", "union", "commission", "committee", "center", "centre", "office", "ministry",
    "agency", "treasury", "court", "service", "services", "government", "parliament", "assembly", "group",
    "foundation", "association", "institute", "party", "movement", "house", "media", "news", "information",
    "rights", "human", "helsinki", "bank", "company", "corporation", "inc", "ltd", "llc", "university",
    "school", "academy", "church", "radio", "tv", "television", "channel", "telegraph", "press", "times",
    "post", "review", "journal", "daily", "network", "initiative", "fund", "alliance", "coalition",
    "federation", "organisation", "organization", "directorate", "administration", "executive", "city",
    "regional", "district", "troops", "army", "forces", "guard", "kgb", "fsb", "gubopik", "omon", "election",
    "central", "supreme", "constitutional", "republic", "republican", "national", "international", "world",
    "united", "nations", "kingdom", "states", "european", "prize", "peace", "day", "week", "crisis",
    "combating", "organized", "organised", "crime", "corruption", "main", "staff", "control", "assets",
    "programme", "program", "project", "platform", "statement", "declaration", "order", "decree", "law",
    "code", "article", "part", "street", "square", "avenue", "colony", "prison", "detention", "facility",
    "airlines", "airline", "airways", "enterprise", "enterprises", "plant", "factory", "holding", "holdings",
    "hospital", "embassy", "consulate", "mission", "delegation", "senate", "duma", "congress", "cabinet",
    "presidium", "board", "bureau", "inspectorate", "investigative", "militia", "riot", "coverage",
    "politics", "economy", "society", "culture", "sport", "opinion", "analysis", "interview", "video",
    "photo", "solidarity", "freedom", "democracy", "protest", "protests", "march", "revolution",
    "measures", "regulations", "regulation", "economic", "sanctions", "act", "olympic", "paralympic",
    "unit", "investigation", "intelligence", "cross", "invest", "club",
}
COMMON_CAPS = {
    "the", "a", "an", "in", "on", "as", "at", "of", "for", "by", "with", "among", "also", "after", "before",
    "since", "when", "while", "but", "and", "or", "this", "that", "these", "those", "today", "yesterday",
    "previously", "according", "besides", "however", "here", "there", "we", "he", "she", "they", "it", "his",
    "her", "their", "our", "its", "one", "two", "three", "some", "many", "most", "all", "both", "each",
    "every", "no", "not", "if", "so", "then", "thus", "meanwhile", "earlier", "later", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mass", "read", "share", "source", "photo", "number", "statement", "wartime", "restriction", "repressions",
    "reuters", "ap", "afp", "despite", "during", "following", "under", "from", "to", "into", "over", "why",
    "what", "who", "how", "where", "year", "years", "people", "police", "ten", "half", "only", "more",
    "other", "another", "such", "new", "former", "current", "state", "federal", "regional", "local", "flag",
    "press", "releases", "executive", "elections", "election", "internet", "telegram", "instagram",
    "facebook", "twitter", "youtube", "viber", "whatsapp", "tiktok", "vk", "ok", "english", "russian",
}
GENERIC_SPEAKERS = re.compile(
    r"^(the\s+)?((human\s+)?rights\s+(groups?|defenders|activists|organi[sz]ations|watchdogs|centres?|centers?)|"
    r"activists|sources|opposition( sources)?|officials|authorities|police|experts|analysts|observers|"
    r"witnesses|relatives|lawyers|media|reports?|protesters|critics|residents|locals|people|many|some|"
    r"others|they|it)\b",
    re.I,
)
SPEECH_VERBS = (
    r"(?:was|were|is) quoted as saying|said|says|say|told|tells|added|adds|reads|read out|stressed|stresses|noted|notes|wrote|writes|stated|states|"
    r"explained|explains|cited|cites|quoted|quotes|emphasi[sz]ed|emphasi[sz]es|declared|declares|insisted|"
    r"warned|warns|argued|argues|continued|concluded|lamented|laments|announced|announces|commented|"
    r"shouted|shouts|chanted|exclaimed|yelled|"
    r"claimed|claims|urged|urges|recalled|recalls|asked|replied|responded|answered|answers|asking|reported|reports|posted|tweeted|"
    r"admitted|acknowledged|confirmed|confirms|denied|complained|underlined|pointed out|called|calls|"
    r"described|describes|condemned|condemns|demanded|demands|criticised|criticized|praised|praises|"
    r"informed|informs|specified|clarified|highlighted|indicated|observed|remarked|revealed|assured|affirmed|"
    r"mentioned|disclosed|conceded|summed up"
)
REPORT_VERBS = (
    r"said|says|say|reported|reports|report|told|estimate|estimates|estimated|identified|identify|counted|"
    r"count|counts|documented|documents|recorded|records|registered|knows? of|are aware of|is aware of|"
    r"believe|believes|claims?|claimed|put the number|puts the number|stated|states|wrote|writes|"
    r"announced|announces|published|calculated|listed|lists|declared|declares|have declared|has declared|"
    r"informed|informs|noted|notes|confirmed|confirms|points? out|pointed out|"
    r"recognised|recognized|named|tallied|learned of|learnt of|demand|demands|"
    r"(?:adopted|issued|released)\s+(?:a|an|the|their)\s+(?:joint\s+)?(?:statement|report|declaration|appeal)"
)
