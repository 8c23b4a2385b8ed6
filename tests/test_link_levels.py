"""The review page names each level of the linkage model in the reader's language (issue 18): every level
the model can have, ours and Splink's own, is in the map by comparison and level, never shown raw."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reckon import i18n
from reckon.link.levels import level_words
from reckon.link.settings import comparisons

ALL_FIELDS = {"surname_key", "surname_skel", "surname_latn", "given_init", "given_key", "given_latn", "given_inits",
              "patronymic_key", "patronymic_skel", "patronymic_latn", "birth_year", "birth_date", "sex", "region",
              "locality", "detention_days", "articles", "extra_case_no"}


def every_level() -> list[tuple[str, str]]:
    out = []
    for comp in comparisons(ALL_FIELDS):
        built = comp.get_comparison("duckdb")
        for level in built.comparison_levels:
            out.append((built.output_column_name, level.label_for_charts))
    return out


def test_every_level_of_the_model_has_words_in_belarusian_and_russian() -> None:
    levels = every_level()
    assert len(levels) > 40 and ("articles", "Array intersection size >= 2") in levels
    for lang in ("be", "ru"):
        with i18n.use(lang):
            raw = [(c, lv) for c, lv in levels if level_words({"comparison": c, "level": lv}) == lv]
        assert raw == [], (lang, raw)
    with i18n.use("be"):
        assert level_words({"comparison": "articles", "level": "Array intersection size >= 1"}) == \
            "адзін агульны артыкул кодэкса"
        assert level_words({"comparison": "surname", "level": "same name in another script or language"}) == \
            "тое самае імя іншым пісьмом або на іншай мове"
        assert level_words({"comparison": "birth_date", "level": "birth_year is NULL"}) == "няма ў адным з запісаў"


NAME_WORDS = re.compile(r"\b(name|names|spelling|spellings|initials?|consonants|patronymic)\b")
NAMES = {"surname", "given_name", "patronymic"}


def test_each_comparison_says_what_its_own_levels_mean() -> None:
    # A date, a place, an article or an extra fact is never described in a name's words, and the words
    # are the settings' own labels (one source: the stored model carries them), not a second table.
    levels = every_level()
    said = {(c, lv): level_words({"comparison": c, "level": lv}) for c, lv in levels}
    assert all(text == lv for (c, lv), text in said.items() if c != "articles")   # English: the label itself
    wrong = [(c, text) for (c, _lv), text in said.items() if c not in NAMES and NAME_WORDS.search(text)]
    assert wrong == []
    by_comparison: dict[str, list[str]] = {}
    for (c, _lv), text in said.items():
        by_comparison.setdefault(c, []).append(text)
    assert by_comparison["detention_date"][-1] == "more than two months apart"
    assert by_comparison["region"][1:] == ["same region", "another region"]
    assert by_comparison["locality"][1:] == ["same place", "same place, one letter apart", "another place"]
    assert by_comparison["extra_case_no"][1:] == ["same value", "values one character apart", "different values"]
    # the evidence beyond the pair: each says what it weighs
    from reckon.link import exclusive, frequency

    assert "detention day" in frequency.LEVELS["detention_date_frequency"]
    assert "surname" in frequency.LEVELS["surname_frequency"]
    assert "given name" in frequency.LEVELS["given_name_frequency"]
    assert "other list" in exclusive.LEVEL
    assert len({*frequency.LEVELS.values(), exclusive.LEVEL}) == 4


def test_a_model_stored_before_the_settings_carried_words_still_reads_in_words() -> None:
    from reckon.link.levels import STORED_BEFORE

    with i18n.use("be"):
        for old, new in STORED_BEFORE.items():
            assert level_words({"comparison": "surname", "level": old}) == i18n.gettext(new)
        assert level_words({"comparison": "surname", "level": "keys one edit apart"}) == \
            level_words({"comparison": "surname", "level": "name keys one letter apart"})


@given(st.text(max_size=40), st.text(max_size=40), st.sampled_from(i18n.LANGUAGES))
def test_an_unknown_level_is_shown_as_stored(comparison: str, level: str, lang: str) -> None:
    with i18n.use(lang):
        said = level_words({"comparison": comparison, "level": level})
        catalogued = i18n.gettext(level) if level else level
    from reckon.link.levels import BY_COMPARISON, STORED_BEFORE

    known = level in STORED_BEFORE or (comparison, level) in BY_COMPARISON or level.endswith(" is NULL") or \
        level == "All other comparisons"
    assert said == catalogued or known   # a label the catalogue knows is said in the language; else as stored
    if lang == "en" and not known:
        assert said == level
