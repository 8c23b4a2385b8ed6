"""Places of Belarus: regions, districts and the towns that hold courts and prisons, in four spellings.

Pure library. ``resolve("Менск, Савецкі")``, ``resolve("Жодзіна")``, ``resolve("Prison No. 4, Mahilioŭ")``
give a :class:`Place` with district and region. The gazetteer ships as project data
(places/data/gazetteer.tsv): the administrative division of Belarus as of 2024 (Belstat's SOATO
classifier as summarised by Wikipedia's "Districts of Belarus"), every entry in Belarusian, Russian,
Łacinka and the national Latin (generated with reckon.names).

How a Place is made (see gazetteer.py for the kinds): ``region`` is always an ISO 3166-2:BY code;
``district`` is the district-level unit: a raion (``BY-MI-barysauski``), a city district
(``BY-HM-saviecki``), or a city of regional subordination without city districts (``BY-MI-zodzina``);
a city with city districts named without one ("Гародня", "Менск") gives district None and the city as
``locality``, because which city district is not known. A town gives its raion as district and itself as
locality. Resolution rules: reckon/places/resolve.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from reckon.places.gazetteer import by_id, entries
from reckon.places.resolve import resolve_key

__all__ = ["Place", "resolve", "REGIONS", "region_label", "district_label", "locality_label", "entries"]

# ISO 3166-2:BY codes.
REGIONS: dict[str, dict[str, str]] = {
    "BY-HM": {"be": "Мінск", "ru": "Минск", "en": "Minsk City"},
    "BY-BR": {"be": "Брэсцкая вобласць", "ru": "Брестская область", "en": "Brest Region"},
    "BY-HO": {"be": "Гомельская вобласць", "ru": "Гомельская область", "en": "Homiel Region"},
    "BY-HR": {"be": "Гродзенская вобласць", "ru": "Гродненская область", "en": "Hrodna Region"},
    "BY-MA": {"be": "Магілёўская вобласць", "ru": "Могилёвская область", "en": "Mahilioŭ Region"},
    "BY-MI": {"be": "Мінская вобласць", "ru": "Минская область", "en": "Minsk Region"},
    "BY-VI": {"be": "Віцебская вобласць", "ru": "Витебская область", "en": "Viciebsk Region"},
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is: region (ISO code), district id (None when only the region is known), town."""

    region: str                  # a key of REGIONS
    district: str | None = None  # a stable district id from the gazetteer, e.g. "BY-HM-saviecki"
    locality: str | None = None  # a stable town id from the gazetteer, e.g. "zodzina"


def region_label(code: str, lang: str = "en") -> str:
    """The region's name in be, ru or en ("Minsk Region"); the code itself when it is not a region."""
    names = REGIONS.get(code)
    return names.get(lang, names["en"]) if names else code


def _name(e, lang: str) -> str:  # noqa: ANN001 - a gazetteer Entry
    return {"be": e.be, "ru": e.ru, "lacinka": e.lacinka}.get(lang, e.latin)


_DISTRICT_WORD = {"be": "раён", "ru": "район", "lacinka": "rajon", "en": "District"}


def district_label(district: str, lang: str = "en") -> str:
    """A district's name: "Жлобінскі раён", "Жлобинский район", "Žlobin District", "Saviecki District,
    Minsk", "Žodzina" (a city that is its own unit); the id itself when the gazetteer has no such id."""
    table = by_id()
    e = table.get(district)
    if e is None and district.count("-") >= 2:
        e = table.get(district.split("-", 2)[2])  # a city unit: "BY-MI-zodzina" -> "zodzina"
        return _name(e, lang) if e is not None and e.kind == "city" else district
    if e is None:
        return district
    word = _DISTRICT_WORD.get(lang, "District")
    if e.kind == "raion":
        if lang in ("be", "ru", "lacinka"):
            return f"{_name(e, lang)} {word}"
        centre = table.get(e.parent or "")
        return f"{_name(centre, lang) if centre else e.latin} {word}"
    if e.kind == "citydistrict":
        city = table.get(e.parent or "")
        where = f", {_name(city, lang)}" if city else ""
        return f"{_name(e, lang)} {word}{where}"
    return _name(e, lang)


def locality_label(locality: str, lang: str = "en") -> str:
    """A town's or city's name in be, ru, lacinka or en (national Latin); the id itself when unknown."""
    e = by_id().get(locality)
    return _name(e, lang) if e is not None else locality


def resolve(text: str | None) -> Place | None:
    """The place a list's text names (a court, a town, a prison address), or None. Never raises."""
    if not text or not isinstance(text, str):
        return None
    found = resolve_key(" ".join(text.split()))
    return Place(*found) if found else None
