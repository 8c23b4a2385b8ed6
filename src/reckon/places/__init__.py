"""Places of Belarus: regions, districts and the towns that hold courts and prisons, in four spellings.

Pure library. ``resolve("Менск, Савецкі")``, ``resolve("Жодзіна")``, ``resolve("Prison No. 4, Mahilioŭ")``
give a :class:`Place` with district and region. The gazetteer ships as project data (places/data/) and
names its source.

INTERFACE STUB (to be completed): the signatures and dataclasses are fixed; the data is minimal.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Place", "resolve", "REGIONS", "region_label", "district_label"]

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
    return REGIONS[code][lang]


def district_label(district: str, lang: str = "en") -> str:
    return district


def resolve(text: str | None) -> Place | None:
    """The place a list's text names (a court, a town, a prison address), or None. Never raises."""
    if not text:
        return None
    low = text.lower()
    for code, names in REGIONS.items():
        if any(n.split()[0].lower()[:5] in low for n in names.values()):
            return Place(code)
    return None
