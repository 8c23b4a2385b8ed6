"""The gazetteer as data: complete, consistent, its Latin columns generated, every spelling found again."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reckon.names.translit import national_latin
from reckon.places import REGIONS, district_label, locality_label, region_label, resolve
from reckon.places.gazetteer import by_id, entries, romanised


def test_every_region_and_raion() -> None:
    kinds = Counter(e.kind for e in entries())
    assert kinds["region"] == 7 and {e.id for e in entries() if e.kind == "region"} == set(REGIONS)
    raions = Counter(e.region for e in entries() if e.kind == "raion")
    assert sum(raions.values()) == 118
    assert raions == {"BY-BR": 16, "BY-VI": 21, "BY-HO": 21, "BY-HR": 17, "BY-MI": 22, "BY-MA": 21}
    minsk = {e.be for e in entries() if e.kind == "citydistrict" and e.parent == "minsk"}
    assert minsk == {"Савецкі", "Першамайскі", "Партызанскі", "Заводскі", "Ленінскі", "Кастрычніцкі",
                     "Маскоўскі", "Фрунзенскі", "Цэнтральны"}
    towns = {e.latin for e in entries() if e.kind in ("town", "city")}
    assert {"Žodzina", "Navapolack", "Hlybokaje", "Škloŭ", "Horki", "Mazyr", "Ivacevičy", "Viciebsk",
            "Mahilioŭ", "Homieĺ", "Hrodna", "Brest", "Babrujsk", "Minsk"} <= towns


def test_ids_unique_and_parents_exist() -> None:
    ids = [e.id for e in entries()]
    assert len(ids) == len(set(ids))
    table = by_id()
    for e in entries():
        assert e.region in REGIONS
        if e.kind == "region":
            continue
        assert e.parent in table, e.id
        parent = table[e.parent]
        want = {"raion": ("town", "city"), "town": ("raion",), "citydistrict": ("city",), "city": ("raion",)}
        assert parent.kind in want[e.kind], e.id
        if parent.id != "minsk" and e.kind != "city":  # Minsk (BY-HM) heads Minsk raion of Minsk Region
            assert parent.region == e.region, e.id
    # every raion has a town or city as its centre, and every town's raion points back or is another raion
    centres = {e.parent for e in entries() if e.kind == "raion"}
    assert len(centres) == 118


def test_latin_columns_are_generated() -> None:
    for e in entries():
        assert (e.lacinka, e.latin) == romanised(e.be), e.id
    assert national_latin("Магілёў") == "Mahilioŭ" and national_latin("Гомель") == "Homieĺ"
    assert national_latin("Наваполацк") == "Navapolack" and national_latin("Мар'іна Горка") == "Marjina Horka"
    assert national_latin("Ельск") == "Jeĺsk" and national_latin("Іўе") == "Iŭje"


def _query(e, name: str) -> str:  # noqa: ANN001 - a gazetteer Entry
    """The text a list would write to name entry ``e`` by ``name``."""
    latin = name.isascii() or not any("\u0400" <= c <= "\u04ff" for c in name)
    if e.kind == "raion":
        return f"{name} {'District' if latin else 'раён'}"
    if e.kind == "citydistrict":
        city = by_id()[e.parent]
        return f"{city.latin if latin else city.be}, {name}"
    if e.kind == "region":
        return f"{name} {'Region' if latin else 'вобласць'}"
    return name


def _expected(e) -> tuple[str, str | None, str | None]:  # noqa: ANN001
    if e.kind == "raion":
        return e.region, e.id, None
    if e.kind == "citydistrict":
        return e.region, e.id, e.parent
    if e.kind == "town":
        return e.region, e.parent, e.id
    if e.kind == "city":
        has_districts = any(x.parent == e.id for x in entries() if x.kind == "citydistrict")
        return e.region, None if has_districts else f"{e.region}-{e.id}", e.id
    return e.region, None, None


@pytest.mark.parametrize("entry", [e for e in entries() if e.id != "BY-HM"], ids=lambda e: e.id)
def test_every_spelling_resolves_to_its_entry(entry) -> None:  # noqa: ANN001
    for name in entry.names:
        place = resolve(_query(entry, name))
        assert place is not None, name
        assert (place.region, place.district, place.locality) == _expected(entry), name


_SINGLE_WORD = [e for e in entries() if e.kind in ("town", "city") and " " not in e.be and "-" not in e.be]


@given(st.sampled_from(_SINGLE_WORD), st.sampled_from(("be", "ru")), st.sampled_from(("gen", "dat", "loc")),
       st.sampled_from(("", "у ", "в ", "суд г. ")))
def test_case_forms_resolve(entry, lang: str, case: str, prefix: str) -> None:  # noqa: ANN001
    name = entry.be if lang == "be" else entry.ru
    last = name[-1]
    adjective = {"ский": ("ого", "ому", "ом"), "скі": ("ага", "аму", "ім"), "ое": ("ого", "ому", "ом"),
                 "ае": ("ага", "аму", "ім")}
    end = next((e for e in adjective if name.endswith(e)), None)
    if end:                    # Октябрьский, Глыбокае: declined as adjectives
        form = name[: -len(end)] + ("ск" if "ск" in end else "") + dict(
            zip(("gen", "dat", "loc"), adjective[end], strict=True))[case]
    elif last in "аяо":          # Ліда, Лида, Жодино (Russian neuter names are indeclinable: keep them)
        form = name if last == "о" else name[:-1] + {"gen": "ы", "dat": "е", "loc": "е"}[case]
    elif last in "ьй":         # Гомель, Любань: soft stems
        form = name[:-1] + {"gen": "я", "dat": "ю", "loc": "і" if lang == "be" else "е"}[case]
    elif last in "ыіи":        # plural names: Івацэвічы, Горки
        form = name[:-1] + {"gen": "аў" if lang == "be" else "ов", "dat": "ам", "loc": "ах"}[case]
    elif last == "ў":          # Магілёў -> Магілёва
        form = name[:-1] + {"gen": "ва", "dat": "ву", "loc": "ве"}[case]
    else:                      # Менск, Брэст -> Менска, Менску, Менску/Менске
        form = name + {"gen": "а", "dat": "у", "loc": "е"}[case]
    place = resolve(prefix + form)
    assert place is not None and place.locality == entry.id, form


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    place = resolve(text)
    assert place is None or place.region in REGIONS


def test_labels() -> None:
    assert region_label("BY-MA", "en") == "Mahilioŭ Region" and region_label("BY-MA", "be") == "Магілёўская вобласць"
    assert district_label("BY-HO-zlobinski", "be") == "Жлобінскі раён"
    assert district_label("BY-HO-zlobinski", "ru") == "Жлобинский район"
    assert district_label("BY-HO-zlobinski", "en") == "Žlobin District"
    assert district_label("BY-HM-saviecki", "en") == "Saviecki District, Minsk"
    assert district_label("BY-HM-saviecki", "ru") == "Советский район, Минск"
    assert district_label("BY-MI-zodzina", "en") == "Žodzina"
    assert district_label("BY-XX-nowhere") == "BY-XX-nowhere"
    assert locality_label("navapolack", "ru") == "Новополоцк" and locality_label("navapolack") == "Navapolack"
    assert locality_label("mahiliou", "lacinka") == "Mahiloŭ"
