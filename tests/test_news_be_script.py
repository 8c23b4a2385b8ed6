"""Issue 16: Belarusian in Łacinka and in Taraškievica read through one Cyrillic view (``be_script``).

Invented articles, people and places. The view must give the same facts as the same article in the official
Cyrillic spelling, with every span pointing into the article as written and names, quotations and sentences
put back in the article's own alphabet."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import figs_sorted
from reckon.news import extract
from reckon.news.be_script import (
    cyr_to_lat,
    drop_soft_signs,
    is_lacinka,
    is_taraskievica,
    lat_to_cyr,
    view_of,
)

_figs = figs_sorted

LACINKA = ("Pravaabaroncy pryznali palitviaźniami jašče piać čałaviek\n\n"
           "Pravaabaroncy 3 lutaha pryznali palitviaźniami jašče piać čałaviek: Tarasa Ziamčuka, Halinu Vierbič, "
           "Mikałaja Sasnoŭskaha, Ivana Kałynu i Paŭła Rudoha. Ahulnaja kolkaść palitviaźniaŭ ciapier składaje 1290 "
           "čałaviek.\n\n"
           "«My nie spynimsia, pakul usie jany nie buduć na voli», — skazała Alena Paŭłava.\n")
CYRILLIC = ("Праваабаронцы прызналі палітвязнямі яшчэ пяць чалавек\n\n"
            "Праваабаронцы 3 лютага прызналі палітвязнямі яшчэ пяць чалавек: Тараса Зямчука, Галіну Вербіч, "
            "Мікалая Сасноўскага, Івана Калыну і Паўла Рудога. Агульная колькасць палітвязняў цяпер складае 1290 "
            "чалавек.\n\n"
            "«Мы не спынімся, пакуль усе яны не будуць на волі», — сказала Алена Паўлава.\n")


def test_lacinka_article_is_read_like_its_cyrillic_twin() -> None:
    lat = extract(LACINKA, published="2031-02-03")
    cyr = extract(CYRILLIC, published="2031-02-03")
    assert lat.supported and lat.language == "be"
    assert _figs(lat) == _figs(cyr) == [(5, "exact", "newly_recognised"), (1290, "exact", "political_prisoners")]
    assert len(lat.declared_political_prisoners) == len(cyr.declared_political_prisoners) == 5
    assert lat.quotes and cyr.quotes and lat.quotes[0].speaker == "Alena Paŭłava"


def test_lacinka_facts_point_into_the_article_as_written() -> None:
    facts = extract(LACINKA, published="2031-02-03")
    assert facts.text == LACINKA
    for f in facts.figures:
        assert LACINKA[f.start:f.end] in ("piać", "1290")
        assert f.sentence in LACINKA
    q = facts.quotes[0]
    assert q.text == LACINKA[q.start:q.end] == "My nie spynimsia, pakul usie jany nie buduć na voli"
    names = {d.name for d in facts.declared_political_prisoners}
    # the nominative is spelled in Łacinka: its stem as the article writes it, the new ending transliterated
    assert {"Taras Ziamčuk", "Halina Vierbič", "Mikałaj Sasnoŭski", "Pavieł Rudy"} <= names
    for d in facts.declared_political_prisoners:
        assert LACINKA[d.start:d.end] in LACINKA and d.context in LACINKA


def test_taraskievica_cues_are_read() -> None:
    text = ("Сьпіс палітвязьняў\n\nПаводле праваабаронцаў, у Беларусі цяпер прыблізна 1200 палітычных зьняволеных, "
            "а зь пачатку году вызваленьне атрымалі 40 чалавек. Сьвет бачыць гэта.\n")
    facts = extract(text, published="2031-05-21")
    assert (1200, "about", "political_prisoners") in _figs(facts)
    assert facts.text == text
    for f in facts.figures:
        assert f.sentence in text and text[f.sentence_start:f.sentence_end] == f.sentence


def test_official_spelling_and_russian_are_not_viewed() -> None:
    assert view_of(CYRILLIC) is None
    assert view_of("Правозащитники признали политзаключенными еще пять человек. Всего 1290 человек.") is None
    assert view_of("Human rights defenders recognised Paŭlina Dziemska as a political prisoner.") is None


def test_detectors() -> None:
    assert is_lacinka(LACINKA) and not is_lacinka(CYRILLIC)
    assert is_taraskievica("зьняволеньне і вызваленьне") and not is_taraskievica("восьмі, дзесьці, пісьмо")


def test_transliteration_examples() -> None:
    assert lat_to_cyr("Mikałaj Statkievič")[0] == "Мікалай Статкевіч"
    assert lat_to_cyr("palitviaźniaŭ")[0] == "палітвязьняў"
    assert lat_to_cyr("abjavili")[0] == "аб’явілі"
    assert lat_to_cyr("Ludmiła")[0] == "Людміла"
    assert drop_soft_signs("зьняволеньне")[0] == "зняволенне"
    assert cyr_to_lat("й", after="а") == "j" and cyr_to_lat("ь", after="н") == ""


_LAT_WORD = st.text(alphabet="abcčdefhijklłmnoprsštuŭvyzžćńśź", min_size=1, max_size=12)


@settings(max_examples=200)
@given(st.lists(_LAT_WORD, min_size=1, max_size=8), st.sampled_from([" ", ", ", " — ", "\n"]))
def test_transliteration_maps_every_character_back(words: list[str], sep: str) -> None:
    text = sep.join(w.capitalize() for w in words)
    cyr, starts, ends = lat_to_cyr(text)
    assert len(cyr) == len(starts) == len(ends)
    assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends, strict=True))
    assert starts == sorted(starts)
    # separators survive where they were
    for i, ch in enumerate(cyr):
        if not ch.isalpha() and ch not in "’":
            assert text[starts[i]:ends[i]] == ch


@settings(max_examples=200)
@given(st.text(alphabet="зсньвлмаеіяю ", min_size=0, max_size=40))
def test_dropping_soft_signs_keeps_a_map(text: str) -> None:
    out, kept = drop_soft_signs(text)
    assert len(out) == len(kept)
    assert "".join(text[i] for i in kept) == out
    assert len(text) - len(out) == sum(1 for i in range(len(text)) if i not in set(kept))


def test_an_abbreviation_in_lacinka() -> None:
    assert lat_to_cyr("ES i ZŠA")[0] == "ЕС і ЗША"
    text = ("Sankcyi\n\nPad sankcyi ES trapili ministr unutranych spraŭ Ivan Kubrakoŭ i jaho namieśnik Mikałaj "
            "Karpiankoŭ.\n")
    assert [(s.target, s.jurisdictions) for s in extract(text, published="2031-01-01").sanctions] == [
        ("Ivan Kubrakoŭ", ["EU"]), ("Mikałaj Karpiankoŭ", ["EU"])]
