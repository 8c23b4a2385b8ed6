"""Coarse skeletons, officials' spellings and linkage columns of reckon.names (synthetic names only).

These were linkage's and sanctions' own copies until they moved into reckon.names; the rules tested here
are the ones those stages rely on (benchmarks/link_eval.py and benchmarks/sanctions_eval.py give the
figures on the real EU list)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.names import parse
from reckon.names.coarse import coarse_latin, consonant_skeleton, given_head_skeleton, head_skeleton
from reckon.names.linkage import link_keys, linkage_reading, skeleton_keys
from reckon.names.spellings import blocking_keys, compare_spellings, given_keys, skeleton_compare, variants


def test_consonant_skeletons_bring_spellings_together() -> None:
    same = [("ЛАЎРЫНАЎ", "Lavrinov"),            # ў after a vowel, -аў = -ov, akanne
            ("Lupakoŭ", "ЛУПАКОВ"),              # Łacinka ŭ
            ("Lupakou", "Lupakov"),              # passport -ou
            ("Цімашоўская", "Timashovskaya"),    # ц = т, -ская
            ("Дзянiс", "Dzianis"),               # a Latin i inside a Cyrillic word
            ("Harašenka", "Гарашенко"),          # Łacinka š, г = h, -а = -о
            ("Вольга", "Ольга"),                 # prosthetic в
            ("ШЕЙКІН", "SHEIKIN")]
    for a, b in same:
        assert consonant_skeleton(a) == consonant_skeleton(b), (a, b)
    assert consonant_skeleton("Иванов") != consonant_skeleton("Петров")
    assert compare_spellings(["Ivan Uladzimiravich LUPAKOU"], ["Иван Владимирович ЛУПАКОВ"]).score > 0.9
    assert compare_spellings(["Ivan Uladzimiravich LUPAKOU"], ["Пётр Сергеевич ЛАВРИНОВ"]).score < 0.5


def test_variants_of_written_names() -> None:
    assert variants("Maksim HALOUKA (GALOVKO)") == ["Maksim HALOUKA", "Maksim GALOVKO"]
    assert variants("Аляксандр ПЕТРОЎ; Александр ПЕТРОВ") == ["Аляксандр ПЕТРОЎ", "Александр ПЕТРОВ"]
    assert variants("Ivan Ivanavich, BARAN") == ["Ivan Ivanavich BARAN"]
    assert variants("Юрый ЛУПIКАЎ, ЛУПIКОЎ") == ["Юрый ЛУПIКАЎ", "Юрый ЛУПIКОЎ"]
    assert variants("Ihar SHAPAVAL/SHAPOVAL") == ["Ihar SHAPAVAL", "Ihar SHAPOVAL"]


def test_blocking_and_given_keys_meet_across_scripts() -> None:
    a, b = ["Ivan Uladzimiravich LUPAKOU"], ["Иван Владимирович ЛУПАКОВ"]
    assert blocking_keys(a) & blocking_keys(b)
    assert given_keys(a) & given_keys(b)
    assert not blocking_keys(a) & blocking_keys(["Пётр ЛАВРИНОВ"])


def test_head_skeletons_keep_the_first_letter() -> None:
    assert head_skeleton("Лупакоў") == head_skeleton("Lupakov") == head_skeleton("Lupakou") == "lpkv"
    assert head_skeleton("Аляксей") == "alks" and given_head_skeleton("Аляксей") == "lks"
    assert given_head_skeleton("Уладзімір") == given_head_skeleton("Vladimir")
    assert head_skeleton("123") == "" and consonant_skeleton("—") == ""


def test_linkage_columns_of_a_name() -> None:
    k = link_keys("Лупакоў Іван Паўлавіч")
    assert k.surname_key == link_keys("Lupakov Ivan Pavlovich").surname_key == link_keys("Lupakou Ivan").surname_key
    assert k.patronymic_latn == "paulavich" and k.sex_hint == "male"
    assert skeleton_keys("Лупакоў Іван Паўлавіч") == skeleton_keys("Lupakov Ivan Pavlovich") == ("lpkv", "pvlvC")
    assert link_keys("") == link_keys("1234") and skeleton_keys("—") == (None, None)


def test_linkage_reading_rereads_surname_plus_patronymic_as_given_plus_surname() -> None:
    name = "Іванавіч ЛУПАКЕВІЧ"
    (p,) = parse(name)
    assert p.surname and p.patronymic and not p.given  # what the parser reads
    r = linkage_reading(name)
    assert (r.given, r.surname, r.patronymic) == (p.surname, p.patronymic, "")
    assert linkage_reading("Іван Лупакевіч") == parse("Іван Лупакевіч")[0]  # an ordinary name is left alone
    assert linkage_reading("…") is None


_LETTERS = st.text(alphabet="абвгдеёжзийклмнопрстуўфхцчшщыьэюяіABCDEFGHIJKLMNOPRSTUVYZabcdefhiklmnorstuvzłŭšč",
                   min_size=1, max_size=14)


@settings(max_examples=200, deadline=None)
@given(_LETTERS, _LETTERS)
def test_skeleton_compare_is_symmetric_and_bounded(a: str, b: str) -> None:
    s = skeleton_compare(a, b)
    assert 0.0 <= s <= 1.0
    assert abs(s - skeleton_compare(b, a)) < 1e-9
    assert skeleton_compare(a, a) == 1.0 or not consonant_skeleton(a)
    assert consonant_skeleton(a) == consonant_skeleton(a.upper())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_coarse_latin_is_lower_case_ascii_letters(text: str) -> None:
    out = coarse_latin(text)
    assert out == "" or (out.isascii() and out.isalpha() and out.islower())
    assert head_skeleton(text) == "" or head_skeleton(text).isascii()
