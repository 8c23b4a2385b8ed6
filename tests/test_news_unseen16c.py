"""Cyrillic quotations' marks and governed titles, and recognitions followed by a paragraph a person (issue 16).

Every example below is invented (people, places, organisations, numbers): the failure classes a fresh batch
of real Belarusian and Russian articles showed (kept outside the project), written anew.
"""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import quotes
from reckon.news import extract
from reckon.news.cyr_quotes import extract_cyr_quotes, quote_spans

_quotes = partial(quotes, width=24, hint="x.txt")


def _declared(text: str) -> list[str]:
    return [d.name for d in extract(text, source_hint="x.txt").declared_political_prisoners]


# --- quotations ------------------------------------------------------------------------------------------

def test_a_quotation_governed_by_a_preposition_is_no_speech() -> None:
    text = ('Суд аштрафаваў актывістку Ганну\nЛапко. Яе пакаралі за "парушэнне парадку правядзення масавых '
            'мерапрыемстваў".')
    assert _quotes(text) == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="абвгдежзиклмнопрстуфхцчшыэюя ,", min_size=1, max_size=60).filter(lambda s: s.strip(" ,")))
def test_a_low_double_quote_outermost_closes_with_a_guillemet(inner: str) -> None:
    text = f"Слова.\n„{inner}».\n"
    spans = quote_spans(text)
    assert [(s.open_at, s.close_at) for s in spans] == [(text.index("„"), text.index("»"))]


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="абвгдежзиклмнопрстуфхцчшыэюя ", min_size=0, max_size=40))
def test_the_quote_rules_never_fail_on_arbitrary_text_around_a_colon(noise: str) -> None:
    extract_cyr_quotes(f"{noise}: «{noise} сказал {noise}». {noise}")


# --- recognitions followed by a paragraph a person ----------------------------------------------------------

def test_a_counted_recognition_takes_the_names_that_open_the_next_paragraphs() -> None:
    text = ("Политзаключенными признаны еще три человека.\n\n"
            "Максим Дорохов, 34 года, из Гомеля. Его задержали в мае.\n\n"
            "Иван Сидорчук — программист из Минска.\n\n"
            "Ольга Кузьмина, пенсионерка.\n\n"
            "Андрей Смирнов рассказал об этом журналистам.")
    assert _declared(text) == ["Максим Дорохов", "Иван Сидорчук", "Ольга Кузьмина"]


def test_a_counted_recognition_in_belarusian() -> None:
    text = ("Праваабаронцы прызналі палітвязнямі яшчэ дваіх чалавек.\n\n"
            "Максім Дарохаў, 34 гады, з Гомеля. Яго затрымалі ў траўні.\n\n"
            "Вольга Кузьміна — пенсіянерка з Мінска.")
    assert _declared(text) == ["Максім Дарохаў", "Вольга Кузьміна"]


_GIVEN = ["Максим", "Иван", "Ольга", "Анна", "Сергей", "Павел"]
_SURNAME = ["Дорохов", "Сидорчук", "Кузьмина", "Левченко", "Марчук", "Ткачук"]


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=2))
def test_no_more_names_than_the_recognition_counted(count: int, extra: int) -> None:
    words = {1: "один человек", 2: "два человека", 3: "три человека", 4: "четыре человека"}
    people = [f"{_GIVEN[i]} {_SURNAME[i]}" for i in range(count + extra)]
    paras = [f"{p}, житель Бреста. Его задержали в мае." for p in people]
    text = f"Политзаключенными признаны еще {words[count]}.\n\n" + "\n\n".join(paras)
    assert _declared(text) == people[:count]


def test_an_undeclined_surname_leaves_a_sure_nominative_given_name_as_it_is() -> None:
    from reckon.news.cyr_names import find_person_names

    assert [n.nominative for n in find_person_names("Анна Левченко, жительница Бреста", belarusian=False)] == \
        ["Анна Левченко"]
    assert [n.nominative for n in find_person_names("Ивана Ткаченко задержали", belarusian=False)] == \
        ["Иван Ткаченко"]


def test_a_declared_name_in_an_oblique_case_keeps_the_words_on_the_page() -> None:
    text = "Правозащитники признали политзаключенными Степана Горбунова и Ларису Мельчук.\n"
    got = [(d.name, d.written) for d in extract(text, source_hint="x.txt").declared_political_prisoners]
    assert got == [("Степан Горбунов", "Степана Горбунова"), ("Лариса Мельчук", "Ларису Мельчук")]


def test_a_declared_name_in_the_nominative_has_no_second_spelling() -> None:
    text = "Политзаключенными признаны:\nСтепан Горбунов, 1990 г. р.;\nЛариса Мельчук, 1975 г. р.\n"
    got = [(d.name, d.written) for d in extract(text, source_hint="x.txt").declared_political_prisoners]
    assert got == [("Степан Горбунов", None), ("Лариса Мельчук", None)]
