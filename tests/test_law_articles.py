"""Articles as lists write them: examples in be/ru/en, properties over generated spellings, the real lists."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import shared_path
from reckon.law import parse_articles
from reckon.law.articles import Article, ArticleReading, label


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("ч. 1 ст. 342 УК", ["BY-CC-342:1"]),
        ("Part 1 of Art. 342", ["BY-CC-342:1"]),
        ("арт. 342 ч. 1 КК", ["BY-CC-342:1"]),
        ("ст.342 ч.1", ["BY-CC-342:1"]),
        ("Art. 130", ["BY-CC-130"]),
        ("23.34 ч.1 КаАП – «парушэнне парадку правядзення масавых мерапрыемстваў»", ["BY-CAO-23.34:1"]),
        ("ч. 2 ст. 293 УК РБ", ["BY-CC-293:2"]),
        ("ст. 20.2 КоАП РФ", ["RU-CAO-20.2"]),
        ("ч. 2 ст. 293 Уголовного кодекса Российской Федерации", ["RU-CC-293:2"]),
        ("ст. 282.2 УК РФ", ["RU-CC-282.2"]),
        ("Art. 361 | Art. 357 | Art. 361-1", ["BY-CC-361", "BY-CC-357", "BY-CC-361-1"]),
        ("361.1 КК", ["BY-CC-361-1"]),
        ("361¹", ["BY-CC-361-1"]),
        ("Part 1 of Article 13 and Article 293", ["BY-CC-13:1", "BY-CC-293"]),
        ("ст. 14, ч.2 ст.293", ["BY-CC-14", "BY-CC-293:2"]),
        ("ч. 1, 2 ст. 342 УК", ["BY-CC-342:1", "BY-CC-342:2"]),
        ("ч.1 и ч.2 ст. 342", ["BY-CC-342:1", "BY-CC-342:2"]),
        ("ст.342 ч.1, ст. 130", ["BY-CC-342:1", "BY-CC-130"]),
        ("ст. ст. 342, 130 УК", ["BY-CC-342", "BY-CC-130"]),
        ("Art. 342(2)", ["BY-CC-342:2"]),
        ("п. 1 ч. 2 ст. 342", ["BY-CC-342:2"]),
        ("Art. 342 — gross violation of public order, Art. 130", ["BY-CC-342", "BY-CC-130"]),
        ("23.34 ч.2КаАП – «x», 23.4 КаАП – «y»", ["BY-CAO-23.34:2", "BY-CAO-23.4"]),
        ("частка 2 артыкула 293 Крымінальнага кодэкса", ["BY-CC-293:2"]),
        ("Part 2 of Article 20.2 of the Code of Administrative Offences of the Russian Federation",
         ["RU-CAO-20.2:2"]),
        ("ст. 342 УК; 23.34 КоАП", ["BY-CC-342", "BY-CAO-23.34"]),
        ("23.34 ч.1 КаАП – «назва; з кропкай з коскай» | 23.4 КаАП", ["BY-CAO-23.34:1", "BY-CAO-23.4"]),
        ("23.34 КаАП – «назва без канца | 23.4 КаАП", ["BY-CAO-23.34", "BY-CAO-23.4"]),
    ],
)
def test_examples(text: str, keys: list[str]) -> None:
    reading = parse_articles(text)
    assert [a.key_part for a in reading.articles] == keys
    assert reading.unparsed == ()


def test_context_decides_a_bare_number() -> None:
    assert parse_articles("342").articles == (Article("BY", "CC", "342"),)
    assert parse_articles("23.34").articles == (Article("BY", "CAO", "23.34"),)
    assert parse_articles("282.2", jurisdiction="RU", code="CC").articles == (Article("RU", "CC", "282.2"),)
    assert parse_articles("ст. 20.2", jurisdiction="RU").articles[0].key == "RU-CAO-20.2"


def test_unreadable_pieces_are_kept_apart() -> None:
    reading = parse_articles("Art. 342 | hooliganism | ?")
    assert [a.key for a in reading.articles] == ["BY-CC-342"]
    assert reading.unparsed == ("hooliganism", "?")
    assert parse_articles("") == parse_articles(None) == parse_articles("   ") == ArticleReading((), ())


def test_attempt_is_its_own_article_and_labels() -> None:
    arts = parse_articles("Part 1 of Article 13 and Article 293").articles
    assert [a.is_attempt for a in arts] == [True, False]
    assert label("BY-CC-342:1", "en") == "gross violation of public order"
    assert label("BY-CC-293", "be") == "масавыя беспарадкі"
    assert Article("BY", "CAO", "23.34").label("ru") == "нарушение порядка массовых мероприятий"
    assert label("BY-CC-999") is None
    # A renumbered article carries its old title, written once.
    assert label("BY-CAO-24.23", "ru") == label("BY-CAO-23.34", "ru")


def test_no_title_is_written_twice() -> None:
    from collections import Counter

    from reckon.law.labels import _TITLES

    assert [t for t, n in Counter(_TITLES.values()).items() if n > 1] == []


_NUMBER = st.builds(lambda n, s: f"{n}-{s}" if s else str(n), st.integers(1, 470),
                    st.one_of(st.none(), st.integers(1, 9)))
_CC_FORMS = (
    "ч. {p} ст. {a} УК", "Part {p} of Art. {a}", "арт. {a} ч. {p} КК", "ст.{a} ч.{p}",
    "частка {p} артыкула {a} Крымінальнага кодэкса", "Article {a} part {p} of the Criminal Code",
    "part {p} of article {a} CC", "ч.{p} ст.{a} УК Республики Беларусь", "Art. {a}({p})",
)


@given(_NUMBER, st.integers(1, 6), st.sampled_from(_CC_FORMS), st.sampled_from(_CC_FORMS))
@example("361-1", 2, "Art. {a}({p})", "ч. {p} ст. {a} УК")
def test_same_article_same_key_in_every_form(a: str, p: int, form1: str, form2: str) -> None:
    one = parse_articles(form1.format(a=a, p=p))
    two = parse_articles(form2.format(a=a, p=p))
    assert [x.key_part for x in one.articles] == [x.key_part for x in two.articles] == [f"BY-CC-{a}:{p}"]


_CAO_FORMS = ("{a}.{b} ч.{p} КаАП", "ч. {p} ст. {a}.{b} КоАП", "Part {p} of Article {a}.{b} of the Code of "
              "Administrative Offences", "арт. {a}.{b} ч. {p} КаАП – «назва»")


@given(st.integers(1, 30), st.integers(1, 99), st.integers(1, 6), st.sampled_from(_CAO_FORMS),
       st.sampled_from(("BY", "RU")))
def test_administrative_forms(a: int, b: int, p: int, form: str, country: str) -> None:
    text = form.format(a=a, b=b, p=p) + (" РФ" if country == "RU" and "КоАП" in form else "")
    expect_country = country if "КоАП" in form else "BY"
    assert [x.key_part for x in parse_articles(text).articles] == [f"{expect_country}-CAO-{a}.{b}:{p}"]


@given(st.lists(st.tuples(st.integers(1, 470), st.sampled_from(_CC_FORMS), st.integers(1, 6)),
                min_size=1, max_size=4),
       st.sampled_from((" | ", "; ", ", ", " and ", " і ", " и ")))
def test_several_articles_in_one_cell(items: list[tuple[int, str, int]], sep: str) -> None:
    text = sep.join(form.format(a=a, p=p) for a, form, p in items)
    got = [x.key_part for x in parse_articles(text).articles]
    assert got == list(dict.fromkeys(f"BY-CC-{a}:{p}" for a, _, p in items))


@given(st.text(max_size=80))
@example("ч. ч. ч. 1 1 1 ст.")
@example("999999.99.99 КаАП")
def test_never_raises(text: str) -> None:
    reading = parse_articles(text)
    for art in reading.articles:
        assert art.code in ("CC", "CAO") and art.jurisdiction in ("BY", "RU") and art.article


def _column(name: str, column: str) -> list[str]:
    path = shared_path("eval", "lists", name)
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[column] for row in csv.DictReader(fh) if row[column].strip()]


def test_every_article_on_the_real_lists_parses() -> None:
    admin = _column("viasna_admin_cases_2020_sample.csv", "article")
    prisoners = _column("viasna_political_prisoners_sample.csv", "articles")
    assert len(admin) == 500 and len(prisoners) == 15
    for value in admin:
        reading = parse_articles(value)
        assert reading.articles and not reading.unparsed, value
        assert all(a.code == "CAO" and a.jurisdiction == "BY" for a in reading.articles)
    for value in prisoners:
        reading = parse_articles(value, code="CC")
        assert reading.articles and not reading.unparsed, value
        assert all(a.code == "CC" for a in reading.articles)
    # a count by article equals a count of the raw text: each cited article once per row
    by_key = Counter(a.key for v in admin for a in parse_articles(v).articles)
    assert by_key["BY-CAO-23.34"] == sum(1 for v in admin if "23.34" in v)
    assert by_key["BY-CAO-23.4"] == sum(1 for v in admin if "23.4 " in v)
    by_key = Counter(a.key for v in prisoners for a in parse_articles(v, code="CC").articles)
    assert by_key["BY-CC-342"] == sum(1 for v in prisoners if "342" in v)
    assert by_key["BY-CC-361-1"] == 1 and by_key["BY-CC-361"] == 2
