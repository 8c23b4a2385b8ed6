"""Reading a place out of a list's text: a court, a town, a prison's address.

Lists write places as "Менск, Савецкі", "Жодзіна", "у Магілёве", "суд Фрунзенского района г. Минска",
"Жлобинский районный суд", "Prison No. 4, Mahilioŭ" or "212011, Mahilioŭ, vulica Krupskaj 99A". The text
is cut into words; each word becomes a stem (Cyrillic folded: ё е, і и, э е, ў в, no ь; Latin folded to
ASCII; then one case ending cut off), so "Менска", "Гомеля", "Віцебску", "Магілёве" meet the
gazetteer's "Менск", "Гомель", "Віцебск", "Магілёў"; the stem of a raion's adjective ("Жлобінскі",
"Жлобинского") is indexed beside its centre's name. Word sequences of up to three stems are looked up
in an index built once from every spelling of every entry.

Which entry wins, in order:

1. a city district named with its city ("Менск, Савецкі"), or a city district whose name exists in one
   city only ("Фрунзенскі раён");
2. a raion, when the text says raion/район/district ("Бабруйск, раённы", "Жлобинский районный суд");
   a raion adjective with no such word also counts when no town has that stem;
3. the first city or town named (a city of regional subordination is its own unit: see gazetteer);
4. a region named with "вобласць/область/region" ("Гомельская вобласць", "Minsk Region");
5. the region of a Belarusian postal code (2xxxxx).

Street names are skipped: in a comma-separated part, what follows a street word (вуліца, ул., vulica,
street...) is not read, and what precedes it counts only as a town ("Пружаны ул. Савецкая"), so neither
"vulica Krupskaj" nor "Slaŭharadskaja šaša" is a raion. None when nothing is found; never raises.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import product

from reckon.names.script import repair_homoglyphs
from reckon.names.translit import ascii_fold
from reckon.places.gazetteer import Entry, entries

__all__ = ["resolve_key", "stem", "candidates", "CAPITALS"]

# Region -> the city that is its administrative centre (for "Minsk Region", "Brest Region").
CAPITALS = {"BY-BR": "brest", "BY-VI": "viciebsk", "BY-HO": "homiel", "BY-HR": "hrodna", "BY-MA": "mahiliou",
            "BY-MI": "minsk"}

_CYR_FOLD = str.maketrans({"ё": "е", "і": "и", "э": "е", "ў": "в", "ь": None, "ъ": None, "'": None,
                           "’": None, "ʼ": None, "ґ": "г"})
_CYR_ENDINGS = tuple(sorted(
    "ами ями ого его ему ому ага яга аму ым им ом ем ая яя ое ае ые ыя ия ие ий ый ой ай ую юю ей ых их ою "
    "ам ям ах ях ав ов ев а я у ю е и ы о".split(), key=len, reverse=True))
_LAT_ENDINGS = tuple(sorted("ie ia iu om ym im ej oj aj iy ii yi ij yj a e u y i o".split(), key=len, reverse=True))
_ALTERNATION = (("ц", "т"), ("дз", "д"), ("з", "г"), ("ц", "к"))   # Брэсце -> Брэст, Лагойску...
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", re.U)
_POSTCODE = re.compile(r"(?<!\d)2(\d\d)\d{3}(?!\d)")


def _post_region(code: str) -> str | None:
    """Region of a Belarusian postal code by its first three digits."""
    head = int(code[:3])
    for lo, hi, region in ((210, 211, "BY-VI"), (212, 213, "BY-MA"), (220, 220, "BY-HM"), (222, 223, "BY-MI"),
                           (224, 225, "BY-BR"), (230, 231, "BY-HR"), (246, 247, "BY-HO")):
        if lo <= head <= hi:
            return region
    return None


@lru_cache(maxsize=100_000)
def _fold(word: str) -> tuple[str, tuple[str, ...]]:
    low = word.lower()
    if any("\u0400" <= ch <= "\u04ff" for ch in low):
        return low.translate(_CYR_FOLD), _CYR_ENDINGS
    return ascii_fold(low).replace("'", "").replace("’", ""), _LAT_ENDINGS


@lru_cache(maxsize=100_000)
def candidates(word: str, alternate: bool = True) -> tuple[str, ...]:
    """The forms a word may stand for: folded whole, then without each case ending it may carry (at least
    three letters stay), then with the locative's consonant undone (Брэсце -> брэст)."""
    low, endings = _fold(word)
    out = [low] + [low[: -len(end)] for end in endings if low.endswith(end) and len(low) - len(end) >= 3]
    if alternate:
        out += [s[: -len(a)] + b for s in out[1:] for a, b in _ALTERNATION if s.endswith(a)]
    return tuple(dict.fromkeys(out))


_LOOSE = (("shch", "s"), ("sch", "s"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("kh", "c"), ("ts", "c"),
          ("tz", "c"), ("cz", "c"), ("dz", "d"), ("h", "c"), ("g", "c"), ("w", "v"), ("x", "ks"))


@lru_cache(maxsize=100_000)
def loose(word: str) -> str | None:
    """A Latin word's consonant skeleton ("Maladzechna", "Maladziečna", "Molodechno" -> "~mldcn"), for
    spellings no romanisation gives; None for Cyrillic words and skeletons under three letters."""
    low, _ = _fold(word)
    if not low.isascii():
        return None
    for a, b in _LOOSE:
        low = low.replace(a, b)
    skeleton = re.sub(r"[aeiouyj]", "", low)
    skeleton = re.sub(r"(.)\1+", r"\1", skeleton)
    return "~" + skeleton if len(skeleton) >= 3 else None


def stem(word: str) -> str:
    """A word's main stem: folded, with its longest case ending cut off."""
    forms = candidates(word, False)
    return forms[1] if len(forms) > 1 else forms[0]


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text)]


_RAION_WORDS = "раён раёна раёну раёне раённы раённага раённым район района районе районный районного " \
               "р-н district rayon raion rajon"
_REGION_WORDS = ("вобласць вобласці вобл область области обл абласны абласнога областной областного region "
                 "regional oblast voblast voblasc voblasts")
_STREET_WORDS = ("вуліца вул улица ул праспект просп пр-т завулак переулок пер шаша шоссе плошча площадь "
                 "тракт бульвар мікрараён микрорайон vulica vul ulitsa ulica ul prospekt praspiekt "
                 "zavulak pereulok shosse sasa street avenue lane road plosca ploshchad square bulvar trakt")
@cache
def _markers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    def stems(words: str) -> frozenset[str]:
        return frozenset(stem(w) for w in words.split()) | frozenset(w for w in words.split())
    return stems(_RAION_WORDS), stems(_REGION_WORDS), stems(_STREET_WORDS)


@cache
def _index() -> dict[tuple[str, ...], tuple[Entry, ...]]:
    """Word-form sequence -> entries, built once from every spelling of every entry (each word under every
    form it may stand for, so "Браслаў" and "Браслава" meet whichever ending is cut)."""
    index: dict[tuple[str, ...], list[Entry]] = {}
    for e in entries():
        for name in e.names:
            words = _WORD.findall(name)
            if not words:
                continue
            keys = list(product(*(candidates(w, False) for w in words)))
            skeleton = tuple(loose(w) for w in words)
            if all(skeleton):
                keys.append(skeleton)  # type: ignore[arg-type]
            for key in keys:
                if e not in index.setdefault(key, []):
                    index[key].append(e)
    return {k: tuple(v) for k, v in index.items()}


def _lookup(words: list[tuple[str, ...]]) -> tuple[Entry, ...]:
    """Entries named by these words in any of their forms; failing that, by their Latin skeletons."""
    index = _index()
    found: dict[Entry, None] = {}
    for key in product(*(tuple(f for f in w if f[0] != "~") for w in words)):
        found.update(dict.fromkeys(index.get(key, ())))
    if not found:
        skeleton = tuple(w[-1] for w in words)
        if all(k[0] == "~" for k in skeleton):
            return index.get(skeleton, ())
    return tuple(found)


def _matches(words: list[tuple[str, ...]]) -> list[tuple[int, tuple[Entry, ...]]]:
    """(position, entries) of every place named, longest word sequences first, left to right."""
    out: list[tuple[int, tuple[Entry, ...]]] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            if i + n <= len(words) and all(words[i:i + n]):
                found = _lookup(words[i:i + n])
                if found:
                    out.append((i, found))
                    i += n
                    break
        else:
            i += 1
    return out


def _place(e: Entry, *, city_districts: frozenset[str]) -> tuple[str, str | None, str | None]:
    if e.kind == "citydistrict":
        return e.region, e.id, e.parent
    if e.kind == "raion":
        return e.region, e.id, None
    if e.kind == "city":
        return e.region, (None if e.id in city_districts else f"{e.region}-{e.id}"), e.id
    if e.kind == "town":
        return e.region, e.parent, e.id
    return e.region, None, None


@cache
def _cities_with_districts() -> frozenset[str]:
    return frozenset(e.parent for e in entries() if e.kind == "citydistrict" and e.parent)


@cache
def _raion_of_centre() -> dict[str, Entry]:
    """Town or city id -> the raion it heads ("Бабруйск, раённы" is Babrujsk raion)."""
    return {e.parent: e for e in entries() if e.kind == "raion" and e.parent}


def _read(text: str) -> tuple[str, str | None, str | None] | None:
    raion_words, region_words, street_words = _markers()
    stems: list[str] = []
    words: list[tuple[str, ...]] = []
    street: set[int] = set()   # words before a street word: "Слаўгарадская шаша" names no raion
    for part in re.split(r"[,;|\n]", repair_homoglyphs(text)):
        part_words = _WORD.findall(part)
        part_stems = [stem(w) for w in part_words]
        at = next((i for i, s in enumerate(part_stems) if s in street_words), None)
        if at is not None:  # "ул. Ленина 5", "vulica Krupskaj": the street's name is no place
            part_words, part_stems = part_words[:at], part_stems[:at]
            street.update(range(len(stems), len(stems) + at))
        stems.extend(part_stems)
        words.extend(candidates(w) + ((loose(w),) if loose(w) else ()) for w in part_words)
        stems.append("")  # a part boundary: no name runs across it
        words.append(())
    found = [(i, es if i not in street else tuple(e for e in es if e.kind in ("city", "town")))
             for i, es in _matches(words)]
    post = _POSTCODE.search(text)
    region_hint = _post_region(post.group(0)) if post else None
    cds = _cities_with_districts()
    has_raion = any(s in raion_words for s in stems)
    region_at = {i - 1 for i, s in enumerate(stems) if s in region_words} | \
                {i + 1 for i, s in enumerate(stems) if s in region_words}

    def pick(cands: list[Entry]) -> Entry | None:
        if region_hint:
            hinted = [c for c in cands if c.region == region_hint]
            cands = hinted or cands
        return cands[0] if len({c.id for c in cands}) == 1 else None

    named_cities = {e.id for _, es in found for e in es if e.kind in ("city", "town")}
    # 1. a city district with its city, or a city district whose name only one city has
    for _, es in found:
        cd = [e for e in es if e.kind == "citydistrict"]
        with_city = [e for e in cd if e.parent in named_cities]
        if with_city or (len(cd) == 1 and not named_cities):
            return _place((with_city or cd)[0], city_districts=cds)
    # 2. a raion, said to be one or named by its adjective
    for pos, es in found:
        if pos in region_at:
            continue
        raions = [e for e in es if e.kind == "raion"]
        if has_raion:
            heads = _raion_of_centre()
            raions += [heads[e.id] for e in es if e.id in heads]
        places = [e for e in es if e.kind in ("city", "town")]
        if raions and (has_raion or not places):
            chosen = pick(list(dict.fromkeys(raions)))
            if chosen:
                return _place(chosen, city_districts=cds)
    # 3. the first city or town named
    for pos, es in found:
        if pos in region_at:
            continue
        chosen = pick([e for e in es if e.kind in ("city", "town")])
        if chosen:
            return _place(chosen, city_districts=cds)
    # 4. a region said to be one
    for pos, es in found:
        if pos in region_at:
            regions = [e.region for e in es if e.kind == "region" and e.region != "BY-HM"]
            regions += [r for e in es if e.kind == "city" for r, c in CAPITALS.items() if c == e.id]
            if regions:
                return regions[0], None, None
    # 5. the postal code
    return (region_hint, None, None) if region_hint else None


@lru_cache(maxsize=262_144)
def resolve_key(text: str) -> tuple[str, str | None, str | None] | None:
    """(region, district, locality) for ``text``, cached: a million-row list repeats its courts."""
    try:
        return _read(text)
    except Exception:  # noqa: BLE001 - a place is a nice-to-have on a row: it never stops an import
        return None

