"""Which language a paragraph or an article is written in: Belarusian, Russian, English, or another.

Rule-based on purpose. The three languages reckon reads are told apart by their letters far more reliably
than a statistical model does on short news paragraphs: Belarusian alone writes ``ў`` and uses ``і`` where
Russian writes ``и``; Russian alone writes ``и``, ``щ``, ``ъ``; Ukrainian has ``ї``, ``є``, ``ґ``. Latin
text is English when its common function words are English; Polish, German, Italian, Slovak, French and
Spanish are recognised by their own letters and function words so that such an article is reported as
*unsupported* instead of silently yielding nothing. It is a few microseconds a paragraph, needs no model,
and cannot download anything.
"""

from __future__ import annotations

import re
from collections import Counter

SUPPORTED = ("be", "ru", "en")

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]")
# a gloss in brackets: "Ivan Example, Judge of the City Court (Иван Пример, судья городского суда)"
_BRACKETED = re.compile(r"\([^()]*\)")
_BE_ONLY = set("ўЎ")
_BE_LIKE = set("іІ")  # also Ukrainian
_RU_ONLY = set("иИщЩъЪ")
_UK_ONLY = set("їЇєЄґҐ")
_BE_WORDS = {"і", "ў", "у", "не", "што", "гэта", "як", "для", "пра", "ад", "да", "з", "па", "таксама", "яшчэ",
             "чалавек", "беларусі", "праваабаронцы", "якія", "калі"}
_RU_WORDS = {"и", "в", "не", "что", "это", "как", "для", "о", "от", "до", "с", "по", "также", "еще", "ещё",
             "человек", "беларуси", "правозащитники", "которые", "если"}

_LATIN_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by", "were", "has",
           "have", "are", "said", "from", "his", "her", "their", "at", "it", "this", "which", "political"},
    "pl": {"i", "w", "na", "się", "że", "nie", "do", "z", "jest", "od", "jak", "przez", "oraz", "są", "został",
           "według", "więźniów", "także", "dla", "po", "tym"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "sich", "auf", "für", "dem", "eine",
           "ein", "zu", "im", "wurde", "auch", "es"},
    "it": {"il", "di", "che", "la", "e", "per", "un", "una", "del", "della", "sono", "nel", "con", "gli", "le",
           "ha", "non", "da", "anche", "alla"},
    "fr": {"le", "la", "les", "des", "et", "est", "une", "un", "du", "dans", "que", "qui", "pour", "pas", "sur",
           "au", "sont", "avec", "par", "été"},
    "es": {"el", "la", "los", "las", "y", "es", "una", "un", "del", "en", "que", "por", "con", "para", "se",
           "fue", "son", "al", "como", "su"},
    "sk": {"a", "v", "sa", "na", "je", "že", "do", "z", "po", "ako", "aj", "bol", "boli", "podľa", "ktorý",
           "ktoré", "pre", "od", "ešte", "väzňov"},
}
_LATIN_LETTERS = {"pl": set("ąćęłńśźżĄĆĘŁŃŚŹŻ"), "de": set("äöüßÄÖÜ"), "sk": set("ľĺŕťďňôäĽĹŔŤĎŇÔ"),
                  "fr": set("éèêàçœÉÈÊÀÇ"), "es": set("ñ¿¡Ñ"), "it": set("àèìòù")}
_LACINKA = set("ŭŬćĆńŃśŚźŹčČšŠžŽłŁ")  # Belarusian Łacinka shares letters with Polish and Czech


def detect(text: str) -> str | None:
    """The language of a paragraph: ``be``, ``ru``, ``uk``, ``en``, ``pl``, … or None when it has no words.

    Cyrillic is decided by letters (and, for short paragraphs with none of the telling letters, by function
    words); Latin by function words, then by the letters only one language writes. What stands in brackets is
    an aside (a name's spelling in another script, a translation): the words outside decide when there are any.
    """
    outside = _BRACKETED.sub(" ", text) if "(" in text else text
    if outside is not text and re.search(r"[^\W\d_]{2}", outside):
        text = outside
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    if cyr == 0 and lat == 0:
        return None
    if cyr >= lat:
        return _cyrillic(text)
    return _latin(text)


def _cyrillic(text: str) -> str:
    letters = Counter(ch for ch in text if ch in _BE_ONLY or ch in _BE_LIKE or ch in _RU_ONLY or ch in _UK_ONLY)
    low = text.lower()
    be = sum(letters[c] for c in _BE_ONLY) + low.count("шч") + low.count("дзь")  # Belarusian spellings
    be_like = sum(letters[c] for c in _BE_LIKE)
    ru = sum(letters[c] for c in _RU_ONLY)
    uk = sum(letters[c] for c in _UK_ONLY)
    if uk and uk >= be:
        return "uk"
    if be or be_like > ru:
        return "be"
    if ru:
        return "ru"
    words = [w.lower() for w in _WORD.findall(text)]
    be_hits = sum(w in _BE_WORDS for w in words)
    ru_hits = sum(w in _RU_WORDS for w in words)
    return "be" if be_hits > ru_hits else "ru"


def _latin(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _LATIN_WORDS.items()}
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += sum(ch in letters for ch in text) // 2
    low = text.lower()
    if sum(ch in _LACINKA for ch in text) >= 3 and ("ŭ" in low or (
            any(ch in low for ch in "čšž") and not any(ch in low for ch in "ąęóżáéíúýäôľĺŕřěů"))):
        # Łacinka: ŭ, or č/š/ž without the vowels Polish (ą ę ó ż), Slovak and Czech (á é í ý ô ř ě …) write
        return "be-latn"
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return "en"
    return best


def article_language(paragraphs: list[str]) -> tuple[str | None, dict[str, int]]:
    """The main language of an article (by letters written in each language) and the letters per language.

    The title and short furniture lines weigh what their length weighs; a Belarusian quotation inside a
    Russian article leaves the article Russian.
    """
    weight: Counter[str] = Counter()
    for p in paragraphs:
        # a paragraph is in the language of its own words: a long Belarusian quotation framed by
        # "— заявила Тихановская" is a Russian paragraph (real: a Russian article quoting her in Belarusian)
        outside = _QUOTED.sub(" ", p)
        lang = detect(outside) if _WORD.search(outside) else detect(p)
        if lang in ("en", "pl") and len(_WORD.findall(outside)) < 5 and detect(p) == "be-latn":
            lang = "be-latn"  # "«…», — skazała Hanna P.": too few Latin words outside to tell Łacinka from English
        if lang:
            weight[lang] += len(_WORD.findall(p))
    if not weight:
        return None, {}
    return weight.most_common(1)[0][0], dict(weight)


def is_supported(lang: str | None) -> bool:
    return lang in SUPPORTED
