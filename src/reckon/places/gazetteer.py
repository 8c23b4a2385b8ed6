"""The gazetteer of Belarus (places/data/gazetteer.tsv): loading, ids, spellings and the lookup index.

Source of the facts: the administrative division of Belarus as of 2024 (6 regions and Minsk city,
118 raions, city districts), from Belstat's classifier of administrative-territorial units (SOATO) as
summarised by Wikipedia's "Districts of Belarus" and the regions' own pages, names written for reckon
in Belarusian and Russian; the Latin columns are generated, not typed: ``lacinka`` by
``reckon.names.translit.romanize(be, "lacinka")`` and ``latin`` by the national romanisation
(``reckon.names.translit.national_latin``); tests/test_places_gazetteer.py checks they are current.

Kinds of entry and how a :class:`~reckon.places.Place` is built from them:

- ``region``: one of the 6 regions or Minsk city (ISO 3166-2:BY code).
- ``raion``: a district of a region; id ``BY-MI-barysauski``; its parent is its administrative centre.
- ``city``: Minsk and the cities of regional subordination (Brest, Baranavičy, Pinsk, Viciebsk,
  Navapolack, Homieĺ, Hrodna, Žodzina, Mahilioŭ, Babrujsk). In law they are not part of any raion,
  even when they are a raion's centre. A city without city districts is a district-level unit of its
  own (district id ``BY-MI-zodzina``); a city divided into city districts gives district None unless
  the text names the city district; its parent column names the raion it lies in or heads (for
  reference only).
- ``citydistrict``: a city district (Minsk's nine: ``BY-HM-saviecki``; others ``BY-HO-homiel-saviecki``).
- ``town``: a raion's centre or another town that holds a court, a pre-trial prison or a colony; it
  belongs to its raion (district = the raion's id, locality = the town's id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reckon.names.translit import ascii_fold, national_latin, romanize

__all__ = ["Entry", "entries", "by_id", "romanised", "DATA", "KINDS"]

DATA = Path(__file__).with_name("data") / "gazetteer.tsv"
KINDS = ("region", "city", "citydistrict", "raion", "town")
COLUMNS = ("kind", "id", "region", "parent", "be", "ru", "lacinka", "latin", "aliases")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the gazetteer."""

    kind: str
    id: str
    region: str
    parent: str | None      # raion: its centre's id; town: its raion's id; city district: its city's id
    be: str
    ru: str
    lacinka: str
    latin: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling: the four of the file, the aliases, and BGN, passport and ICAO renderings."""
        extra = (romanize(self.be, "bgn_be"), romanize(self.be, "passport_be"),
                 romanize(self.ru, "bgn_ru"), romanize(self.ru, "icao_ru"))
        return tuple(dict.fromkeys((self.be, self.ru, self.lacinka, self.latin, *self.aliases, *extra)))


def slug(text: str) -> str:
    """ASCII id part from a Latin name: "Mar'jina Horka" -> "marjina-horka"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def romanised(be: str) -> tuple[str, str]:
    """The generated Latin columns of a Belarusian name: (Łacinka, national Latin). Hyphenated names are
    romanised part by part, so each part keeps its capital (Buda-Kašalova)."""
    return "-".join(romanize(part, "lacinka") for part in be.split("-")), national_latin(be)


@cache
def entries() -> tuple[Entry, ...]:
    """Every entry of the gazetteer, in file order (read once)."""
    out: list[Entry] = []
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if cells[0] == "kind":  # the column names
                continue
            cells += [""] * (len(COLUMNS) - len(cells))
            row = dict(zip(COLUMNS, cells, strict=False))
            out.append(Entry(row["kind"], row["id"], row["region"], row["parent"] or None, row["be"], row["ru"],
                             row["lacinka"], row["latin"],
                             tuple(a for a in row["aliases"].split("|") if a)))
    return tuple(out)


@cache
def by_id() -> dict[str, Entry]:
    """Entries by id (district ids and locality ids share one namespace: they never clash)."""
    return {e.id: e for e in entries()}


def regenerate(path: Path = DATA) -> int:
    """Rewrite the file's lacinka and latin columns from its be column; the number of rows changed.

    Run ``python -m reckon.places.gazetteer`` after editing names: the test suite fails while they differ.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = 0
    for i, line in enumerate(lines):
        cells = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(cells) < len(COLUMNS) - 1 or cells[0] == "kind":
            continue
        generated = romanised(cells[4])
        if tuple(cells[6:8]) != generated:
            cells[6:8] = generated
            lines[i] = "\t".join(cells) + "\n"
            changed += 1
    path.write_text("".join(lines), encoding="utf-8")
    return changed


if __name__ == "__main__":
    print(f"{regenerate()} rows regenerated in {DATA}")
