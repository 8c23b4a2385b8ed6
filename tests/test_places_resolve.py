"""Places as lists write them: courts, towns, prisons and addresses, and the real Viasna lists."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import shared_path
from reckon.places import Place, resolve
from reckon.places.gazetteer import entries


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Менск, Савецкі", Place("BY-HM", "BY-HM-saviecki", "minsk")),
        ("Менск, Заводзкі", Place("BY-HM", "BY-HM-zavodski", "minsk")),
        ("Менск", Place("BY-HM", None, "minsk")),
        ("Менска", Place("BY-HM", None, "minsk")),
        ("Менск, раённы", Place("BY-MI", "BY-MI-minski", None)),
        ("Гародня", Place("BY-HR", None, "hrodna")),
        ("Гародня, Ленінскі", Place("BY-HR", "BY-HR-hrodna-lieninski", "hrodna")),
        ("Жодзіна", Place("BY-MI", "BY-MI-zodzina", "zodzina")),
        ("Zhodino", Place("BY-MI", "BY-MI-zodzina", "zodzina")),
        ("Mahilioŭ", Place("BY-MA", None, "mahiliou")),
        ("у Магілёве", Place("BY-MA", None, "mahiliou")),
        ("Гомеля", Place("BY-HO", None, "homiel")),
        ("Віцебску", Place("BY-VI", None, "viciebsk")),
        ("у Брэсце", Place("BY-BR", None, "brest")),
        ("Prison No. 4, Mahilioŭ", Place("BY-MA", None, "mahiliou")),
        ("212011, Mahilioŭ, vulica Krupskaj 99A", Place("BY-MA", None, "mahiliou")),
        ("211440, Navapolack, vulica Techničnaja 8", Place("BY-VI", "BY-VI-navapolack", "navapolack")),
        ("суд Фрунзенского района г. Минска", Place("BY-HM", "BY-HM-frunzienski", "minsk")),
        ("Фрунзенский район", Place("BY-HM", "BY-HM-frunzienski", "minsk")),
        ("Жлобинский районный суд", Place("BY-HO", "BY-HO-zlobinski", None)),
        ("Жлобін", Place("BY-HO", "BY-HO-zlobinski", "zlobin")),
        ("Бабруйск, раённы", Place("BY-MA", "BY-MA-babrujski", None)),
        ("Калінкавічы, Калінкавіцкі раённы", Place("BY-HO", "BY-HO-kalinkavicki", None)),
        ("Берасьце, адміністратыўная камісія Ленінскага раёну", Place("BY-BR", "BY-BR-brest-lieninski", "brest")),
        ("Ворша", Place("BY-VI", "BY-VI-arsanski", "orsa")),
        ("ИК-14, Новосады", Place("BY-MI", "BY-MI-barysauski", "navasady")),
        ("Gomel", Place("BY-HO", None, "homiel")),
        ("Minsk Region", Place("BY-MI")),
        ("Гомельская вобласць", Place("BY-HO")),
        ("Минская область, Борисов", Place("BY-MI", "BY-MI-barysauski", "barysau")),
        ("г. Солигорск, ул. Ленина 5", Place("BY-MI", "BY-MI-salihorski", "salihorsk")),
        ("Пружаны, ул. Савецкая 1", Place("BY-BR", "BY-BR-pruzanski", "pruzany")),
        ("225000", Place("BY-BR")),
        ("Maladzechna", Place("BY-MI", "BY-MI-maladziecanski", "maladziecna")),
        ("Glubokoye", Place("BY-VI", "BY-VI-hlybocki", "hlybokaje")),
        ("Pervomaisky district of Vitebsk", Place("BY-VI", "BY-VI-viciebsk-piersamajski", "viciebsk")),
        ("Vitebsk, Zheleznodorozhny district", Place("BY-VI", "BY-VI-viciebsk-cyhunacny", "viciebsk")),
        ("Минский областной суд", Place("BY-MI")),
        ("Minsk Regional Court", Place("BY-MI")),
        ("Минский городской суд", Place("BY-HM", None, "minsk")),
        ("суд Минского района", Place("BY-MI", "BY-MI-minski", None)),
        ("213105, Mahilioŭ, Viejna, Slaŭharadskaja šaša 183", Place("BY-MA", None, "mahiliou")),
        ("Партызанскі праспект 5, Менск", Place("BY-HM", None, "minsk")),
        ("в Ивацевичах", Place("BY-BR", "BY-BR-ivacevicki", "ivacevicy")),
        ("Pre-trial detention center No. 1", None),
        ("Penal colony No. 15", None),
        ("Released awaiting the commencement of the sentence", None),
        ("Ленинский район", None),  # five cities have one: which is not said
        ("", None),
    ],
)
def test_examples(text: str, place: Place | None) -> None:
    assert resolve(text) == place


@given(st.sampled_from([e for e in entries() if e.kind in ("town", "city")]), st.text(max_size=20))
@example(next(e for e in entries() if e.id == "zodzina"), "No. 8, ")
def test_a_named_town_is_found_beside_any_number(entry, noise: str) -> None:  # noqa: ANN001
    noise = "".join(c for c in noise if c.isdigit() or c in " .,№-")
    place = resolve(f"{noise}, {entry.be}")
    assert place is not None and place.locality == entry.id


def _column(name: str, column: str) -> list[str]:
    with shared_path("eval", "lists", name).open(encoding="utf-8", newline="") as fh:
        return [row[column] for row in csv.DictReader(fh) if row[column].strip()]


def test_every_court_and_prison_on_the_real_lists() -> None:
    courts = _column("viasna_admin_cases_2020_sample.csv", "court")
    assert len(courts) == 495
    places = [resolve(c) for c in courts]
    assert all(p is not None for p in places)
    # a count by hand from the raw text: "Менск" with a city district or alone is Minsk city
    by_region = Counter(p.region for p in places)
    assert by_region["BY-HM"] == sum(1 for c in courts if c.startswith("Менск") and "раённы" not in c)
    minsk_districts = Counter(p.district for p in places if p.region == "BY-HM")
    assert minsk_districts["BY-HM-saviecki"] == courts.count("Менск, Савецкі")
    assert minsk_districts[None] == courts.count("Менск")
    assert Counter(p.district for p in places)["BY-MI-zodzina"] == courts.count("Жодзіна")
    assert all(p.district for c, p in zip(courts, places, strict=True) if "," in c)
    # a prison's title names no town: no place; its address does
    assert all(resolve(t) is None for t in _column("viasna_political_prisoners_sample.csv", "prison_title"))
    addresses = _column("viasna_political_prisoners_sample.csv", "prison_address")
    assert [resolve(a).locality for a in addresses] == ["minsk", "mahiliou", "navapolack", "mahiliou", "homiel"]
