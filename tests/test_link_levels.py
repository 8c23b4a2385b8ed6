"""The review page names each level of the linkage model in the reader's language (issue 18): every level
the model can have, ours and Splink's own, is in the map by comparison and level, never shown raw."""

from __future__ import annotations

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
        assert level_words({"comparison": "surname", "level": "same cross-language key"}) == \
            "тое самае імя іншым пісьмом або на іншай мове"
        assert level_words({"comparison": "birth_date", "level": "birth_year is NULL"}) == "няма ў адным з запісаў"


@given(st.text(max_size=40), st.text(max_size=40), st.sampled_from(i18n.LANGUAGES))
def test_an_unknown_level_is_shown_as_stored(comparison: str, level: str, lang: str) -> None:
    with i18n.use(lang):
        said = level_words({"comparison": comparison, "level": level})
    from reckon.link.levels import BY_COMPARISON, LEVELS

    known = level in LEVELS or (comparison, level) in BY_COMPARISON or level.endswith(" is NULL") or \
        level == "All other comparisons"
    assert said == level or known
