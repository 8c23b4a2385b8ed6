"""Sex, status, articles and names as lists write them, with properties for the article splitter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.ingest.fields import (
    FieldError,
    compose_full_name,
    normalise_sex,
    normalise_status,
    split_articles,
    split_initials,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("м", "male"), ("ж", "female"), ("М", "male"), ("Ж.", "female"), ("male", "male"), ("Female", "female"),
     ("M", "male"), ("f", "female"), ("мужской", "male"), ("жаночы", "female"), ("мужчына", "male"),
     ("", None), (None, None), ("-", None), ("н/д", None)],
)
def test_sex(value: str | None, expected: str | None) -> None:
    assert normalise_sex(value) == expected


def test_sex_value_map_and_unknown_codes() -> None:
    assert normalise_sex("1", {"1": "male", "2": "female"}) == "male"
    with pytest.raises(FieldError, match="values.sex"):
        normalise_sex("1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("active", "in_custody"), ("In custody", "in_custody"), ("за кратамі", "in_custody"),
     ("под стражей", "in_custody"), ("former", "released"), ("released", "released"),
     ("освобождена", "released"), ("вызвалены", "released"), ("np", "persecuted"), ("NP", "persecuted"),
     ("died", "deceased"), ("памёр", "deceased"), ("умер", "deceased"), ("died in custody", "deceased"),
     ("wanted", "wanted"), ("у вышуку", "wanted"), ("released on 2022-11-30", "released"),
     ("unknown", "unknown"), ("Политзаключённый", "in_custody"), ("былы палітвязень", "released"),
     ("", None), (None, None)],
)
def test_status(value: str | None, expected: str | None) -> None:
    assert normalise_status(value) == expected


def test_status_map_overrides_and_unknown_words_raise() -> None:
    assert normalise_status("сидит", {"сидит": "in_custody"}) == "in_custody"
    with pytest.raises(FieldError):
        normalise_status("сидит")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Part 2 of Art. 293 | Art. 342", ["Part 2 of Art. 293", "Art. 342"]),
        ("23.34 ч.1 КаАП", ["23.34 ч.1 КаАП"]),
        ("23.34 ч.1 КаАП – «парушэньне парадку, правілаў», 23.4 КаАП – «непадпарадкаваньне»",
         ["23.34 ч.1 КаАП", "23.4 КаАП"]),
        ("Art. 342, Art. 130", ["Art. 342", "Art. 130"]),
        ("342, 130", ["342", "130"]),
        ("ч. 2, 3 ст. 293 УК", ["ч. 2, 3 ст. 293 УК"]),
        ("ст. 342 УК РБ; ст. 130 УК РБ", ["ст. 342 УК РБ", "ст. 130 УК РБ"]),
        ("Part 2 of Art. 293 — participation in riots", ["Part 2 of Art. 293"]),
        ("Part 1 of Article 13 and Article 293", ["Part 1 of Article 13 and Article 293"]),
        ("Art. 361\nArt. 130", ["Art. 361", "Art. 130"]),
        ("", []),
        (None, []),
        (["Art. 342", "Art. 130 | Art. 361"], ["Art. 342", "Art. 130", "Art. 361"]),
    ],
)
def test_articles(text: object, expected: list[str]) -> None:
    assert split_articles(text) == expected


def test_articles_custom_delimiters_and_descriptions() -> None:
    assert split_articles("342 / 130", delimiters="/") == ["342", "130"]
    assert split_articles("Art. 342 — riots", keep_description=True) == ["Art. 342 — riots"]


ARTICLE = st.builds(
    lambda part, num, code: f"{part}{num}{code}",
    st.sampled_from(["", "Part 1 of ", "ч. 2 ", "Part 3 of "]),
    st.sampled_from(["Art. 342", "Art. 130", "ст. 293", "23.34", "арт. 361-1", "Art. 369"]),
    st.sampled_from(["", " УК", " КаАП", " CC"]),
)


@settings(deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=6), st.sampled_from([" | ", "; ", ", ", "\n"]))
def test_joined_articles_split_back(items: list[str], sep: str) -> None:
    assert split_articles(sep.join(items)) == items


@settings(deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=6))
def test_splitting_is_idempotent(items: list[str]) -> None:
    once = split_articles(" | ".join(items))
    assert split_articles(" | ".join(once)) == once


@settings(deadline=None)
@given(st.text(max_size=60))
def test_splitter_never_invents_text(text: str) -> None:
    flat = "".join(text.split())
    for item in split_articles(text, keep_description=True):
        assert "".join(item.split()) in flat.replace("|", "").replace(";", "") or all(
            ch in flat for ch in "".join(item.split()))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Соц С.В.", ("Соц", "С.В.")), ("С.В. Соц", ("Соц", "С.В.")), ("Соц С. В.", ("Соц", "С.В.")),
     ("Andrei Chamiuk", None), ("Цыбзік Генрых", None)],
)
def test_split_initials(name: str, expected: tuple[str, str] | None) -> None:
    assert split_initials(name) == expected


def test_compose_full_name() -> None:
    assert compose_full_name("Іваноў", "Іван", "Іванавіч") == "Іваноў Іван Іванавіч"
    assert compose_full_name("Іваноў", None, None, "І.І.") == "Іваноў І.І."
    assert compose_full_name(None, None, None) is None
