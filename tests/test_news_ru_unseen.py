"""Russian news on unseen articles (issue 16, h16ru round): general mechanisms, restated in invented sentences.

Figures: people by the dictionary's animacy, a bare total, a count held for beliefs, a labelled count line, two
counts sharing one noun, half a hundred, a count with no cue taking the event of the sentences before it, added
terms, criminal prosecution, counted detentions, entry-ban lists. Quotes: groups and institutions as speakers,
a press office as the source of a statement, a pronoun preferring a person to an institution, verbs of saying
by their lemma, "по словам" before a quoted paragraph, a closing mark shared by two quotations.
"""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import quotes
from reckon.news import extract
from reckon.news.cyr_names import animate_noun
from reckon.news.cyr_numbers import find_numbers
from reckon.news.cyr_quotes import quote_spans
from reckon.news.cyr_speech import institution_source

_quotes = partial(quotes, width=30, hint=None)


def _figures(text: str) -> list[tuple[int, str, str]]:
    return [(f.value, f.qualifier, f.category) for f in extract(text).figures]


# --- figures -----------------------------------------------------------------------------------------------------

def test_a_noun_of_people_no_list_names_counts_by_animacy() -> None:
    text = "Суд в Бресте арестовал 23 волонтёров, которые помогали семьям заключённых.\n"
    assert _figures(text) == [(23, "exact", "detained")]
    assert animate_noun("волонтёров") and animate_noun("политзеков")
    assert not animate_noun("детей") and not animate_noun("пикетов") and not animate_noun("Иванов")


def test_children_are_no_count_of_the_persecuted() -> None:
    assert _figures("Осуждённого активиста помиловали. У него трое детей и 12 внуков.\n") == []


def test_a_bare_total_after_a_count_of_the_recognised() -> None:
    text = "Правозащитники сообщили, что в стране появилось пять новых политзаключённых, а всего их 1234.\n"
    assert _figures(text) == [(5, "exact", "newly_recognised"), (1234, "exact", "political_prisoners")]


def test_people_held_for_their_beliefs_are_political_prisoners() -> None:
    text = "Из этого числа 210 человек лишены свободы по религиозным мотивам, 45 - по иным политическим мотивам.\n"
    assert _figures(text) == [(210, "exact", "political_prisoners"), (45, "exact", "political_prisoners")]


def test_journalists_behind_bars_for_their_work() -> None:
    text = "К концу года из-за своей работы за решёткой находились 27 журналистов.\n"
    assert _figures(text) == [(27, "exact", "political_prisoners")]


def test_a_related_stories_list_is_no_part_of_the_article() -> None:
    text = ("Правозащитники признали политзаключёнными ещё 12 человек.\n\nЧитайте также\n"
            "- Канада ввела санкции против 17 чиновников\n- В Гродно задержали 40 человек\n")
    assert _figures(text) == [(12, "exact", "newly_recognised")]


def test_labelled_count_lines_are_facts_not_headings() -> None:
    text = ("Акции прошли в нескольких городах.\nГомель\nЗадержанные: не менее 35 человек\nБрест\n"
            "Задержанные: около 20 человек\n")
    assert _figures(text) == [(35, "at_least", "detained"), (20, "about", "detained")]


def test_two_counts_share_one_noun() -> None:
    text = "Больше всего задержанных в Гродно и Бресте – 120 и 85 человек соответственно.\n"
    assert _figures(text) == [(120, "exact", "detained"), (85, "exact", "detained")]


def test_half_a_hundred_and_more_than_a_hundred() -> None:
    assert _figures("В Витебске задержаны около полусотни человек.\n") == [(50, "about", "detained")]
    assert [n.value for n in find_numbers("запрет для более чем сотни граждан")] == [100]
    assert find_numbers("сотни граждан") == []  # hundreds, no number


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["полсотни", "полусотни", "паўсотні"]), st.sampled_from(["около", "почти", "более", ""]))
def test_half_a_hundred_is_fifty_in_any_company(word: str, qualifier: str) -> None:
    found = find_numbers(f"{qualifier} {word} человек".strip())
    assert [n.value for n in found] == [50]


def test_added_terms_are_convictions_not_recognitions() -> None:
    assert _figures("Ещё девяти политзаключённым добавили сроки.\n") == [(9, "exact", "convicted")]


def test_criminal_prosecution_is_a_charge() -> None:
    text = "Как минимум 15 адвокатов подверглись уголовному преследованию.\n"
    assert _figures(text) == [(15, "at_least", "charged")]


def test_counted_detentions() -> None:
    assert _figures("Правозащитникам известно о 31 факте задержания за день.\n") == [(31, "exact", "detained")]


def test_a_count_takes_the_event_of_the_sentence_before() -> None:
    text = ("Правозащитники начали собирать данные о задержанных на акции в Гомеле. В списке уже 64 человека.\n")
    assert _figures(text) == [(64, "exact", "detained")]


def test_a_count_in_a_quoted_paragraph_reads_its_own_sentence() -> None:
    text = ("Наблюдательница рассказала, что её увезли в автозаке.\n"
            "\"Меня привезли в РУВД. Там было около 40 человек. Потом нам вернули документы и отпустили\".\n")
    assert _figures(text) == [(40, "about", "detained")]


def test_saying_that_is_no_recognition() -> None:
    text = "Правозащитники добавили, что в РУВД находятся не менее 40 задержанных.\n"
    assert _figures(text) == [(40, "at_least", "detained")]


def test_entry_ban_lists_are_sanctions_and_a_weighed_extension_keeps_the_ban() -> None:
    assert _figures("МИД Литвы внёс в список невъездных 27 человек.\n") == [(27, "exact", "sanctioned")]
    text = ("Поскольку срок запрета на въезд для 88 граждан истекает, министерство рассматривает его продление.\n")
    assert _figures(text) == [(88, "exact", "sanctioned")]
    assert _figures("ЕС может внести в чёрный список 15 чиновников.\n") == []


# --- quotes ------------------------------------------------------------------------------------------------------

def test_a_group_speaks_as_written() -> None:
    text = "Суд закончился.\n«Власть боится мирных людей и сажает их на годы», — пишут правозащитники.\n"
    assert _quotes(text) == [("правозащитники", "Власть боится мирных людей и с")]


def test_a_plural_role_is_not_the_person_named_before() -> None:
    text = ("Осуждены Иван Петров и Олег Сидоров.\n"
            "«Это преследование за мирные слова и ничего больше», — считают правозащитники.\n")
    assert _quotes(text) == [("правозащитники", "Это преследование за мирные сл")]


def test_a_press_office_is_the_source_of_its_statement() -> None:
    text = ("Решение о помиловании принято к празднику. «Все они признали вину и раскаялись», говорится в "
            "сообщении пресс-службы.\n«Среди них есть люди пенсионного возраста», говорится в сообщении.\n")
    assert [s for s, _ in _quotes(text)] == ["пресс-служба", "пресс-служба"]


def test_an_impersonal_statement_after_a_press_office() -> None:
    text = ("Решение, как подчеркнули в пресс-службе министерства, приурочено к празднику.\n"
            "Отмечается, что все освобождённые \"обязались вести законопослушный образ жизни\".\n")
    assert [s for s, _ in _quotes(text)] == ["пресс-служба министерства"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["сообщении", "заявлении"]), st.sampled_from(["пресс-службы", "министерства", "комитета"]))
def test_institution_source_reads_any_statement_of_an_institution(statement: str, institution: str) -> None:
    found = institution_source(f"об этом говорится в {statement} {institution} Литвы.")
    assert found is not None and found[1].split()[-1] == "Литвы"
    assert institution_source("В Минске прошла акция.") is None


def test_an_organisation_in_its_own_twitter() -> None:
    text = ("Правозащитный центр \"Опора\" начал собирать данные о задержанных.\n"
            "В Twitter организации отмечается, что людей отвезли в РУВД.\n"
            "\"Пишут, что в РУВД около ста человек\", – говорится в сообщении.\n")
    assert [s for s, _ in _quotes(text)] == ['Правозащитный центр "Опора"']


def test_a_pronoun_prefers_a_person_to_an_institution() -> None:
    text = ("Соединенные Штаты ввели ограничения против граждан, \"преследующих оппозицию за рубежом\". "
            "Об этом говорится в заявлении госсекретаря Петра Смирнягина.\n"
            "\"Мы вводим визовые ограничения против этих людей\", - сообщил он.\n")
    assert [s for s, _ in _quotes(text)][-1] == "Пётр Смирнягин"


def test_a_verb_of_saying_by_its_lemma() -> None:
    text = "\"Я доверяю женщинам больше, чем мужчинам, и скажу это снова\", – повторял Иван Сидоров много раз.\n"
    assert _quotes(text) == [("Иван Сидоров", "Я доверяю женщинам больше, чем")]


def test_a_role_after_its_adjective_or_before_a_comma_is_the_person_named_before() -> None:
    text = ("Указ подписан, сообщила пресс-секретарь Анна Кравцова.\n"
            "Цель — «создать условия для мирного урегулирования конфликта», пояснила официальный представитель "
            "ведомства.\n\"Все они сегодня покинули страну\", – указала пресс-секретарь, её слова передает агентство.\n")
    assert [s for s, _ in _quotes(text)] == ["Анна Кравцова", "Анна Кравцова"]


def test_by_words_before_a_quoted_paragraph_name_the_person_met() -> None:
    text = ("Корреспондент встретил наблюдательницу Ольгу Петрову. По словам девушки, её трижды пересаживали "
            "из автозака в автозак.\n\"Я стояла на остановке вместе с другими прохожими. Меня увезли в РУВД\".\n")
    assert _quotes(text) == [("Ольга Петрова", "Я стояла на остановке вместе с")]


def test_an_attribution_verb_does_not_reach_into_the_sentence_before() -> None:
    text = ("Сейчас он находится в колонии в Коми, заявила Мария Светлова. По её словам, Иван "
            "«читает по две книги в неделю и пишет письма».\n")
    assert [s for s, _ in _quotes(text)] == ["Мария Светлова"]


def test_an_unnamed_witness_whose_quotation_shares_its_closing_mark() -> None:
    text = ("Задержания прошли внезапно.\n«Мы пошли домой, а там уже трое его выводят. Он сказал мне: «Это милиция», "
            "— рассказала соседка.\n")
    assert _quotes(text) == [("соседка", "Мы пошли домой, а там уже трое")]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюя ", min_size=5, max_size=40).filter(lambda s: s.strip()),
       st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюя ", min_size=1, max_size=20).filter(lambda s: s.strip()),
       st.sampled_from(["рассказала", "сказал", "заявила"]))
def test_a_shared_closing_mark_closes_both_quotations(outer: str, inner: str, verb: str) -> None:
    text = f"«{outer} «{inner}», — {verb} соседка."
    spans = quote_spans(text)
    assert len(spans) == 1 and spans[0].open_at == 0 and text[spans[0].close_at] == "»"
    # a properly closed pair stays two levels: one outer span
    closed = f"«{outer} «{inner}» и дальше», — {verb} соседка."
    assert [(s.open_at, closed[s.close_at]) for s in quote_spans(closed)] == [(0, "»")]


# --- declared, and recognitions that are not ------------------------------------------------------------------

def test_a_list_after_a_noun_and_a_dash_names_the_recognised() -> None:
    text = ("Правозащитный центр заявил, что в стране появилось три новых политзаключенных, а всего их 57.\n\n"
            "Новые политзеки - Олег Мартынов, Ирина Соколова, Павел Зуев, которым предъявлены обвинения.\n")
    assert [d.name for d in extract(text).declared_political_prisoners] == ["Олег Мартынов", "Ирина Соколова",
                                                                           "Павел Зуев"]


def test_added_as_a_speech_verb_recognises_nobody() -> None:
    text = ("\"Мы осуждаем попытки вернуть в страну спортсменку Анну Лебедеву силой\", - добавил госсекретарь.\n")
    assert extract(text).declared_political_prisoners == []


def test_about_this_says_whose_statement_a_fragment_is() -> None:
    text = ("Соединенные Штаты ввели ограничения против граждан за деятельность, \"направленную против оппозиции\"."
            "Об этом говорится в заявлении госсекретаря Петра Смирнягина.\n")
    assert [s for s, _ in _quotes(text)] == ["Пётр Смирнягин"]


def test_a_latin_look_alike_in_a_russian_word_is_read_as_cyrillic() -> None:
    text = "C начала кампании правозащитники признали политзаключенными уже 212 человек.\n"  # a Latin C
    figures = extract(text).figures
    assert [(f.value, f.category) for f in figures] == [(212, "political_prisoners_ever")]
    assert figures[0].sentence.startswith("C начала")  # the sentence as the page printed it


def test_names_added_to_a_list_of_the_persecuted_are_recognitions() -> None:
    text = ("Число политических заключенных выросло до 512.\nЗа полгода 64 новых имени было включено в список "
            "преследуемых, 21 человек из этого списка вышел на свободу.\n")
    assert _figures(text) == [(512, "exact", "political_prisoners"), (64, "exact", "newly_recognised"),
                              (21, "exact", "released")]


def test_a_list_count_after_a_stock_of_political_prisoners() -> None:
    text = "Число политических заключенных выросло до 512.\nВ начале года в списках было 448 имён.\n"
    assert _figures(text) == [(512, "exact", "political_prisoners"), (448, "exact", "political_prisoners")]


def test_a_sub_count_held_now_is_of_political_prisoners() -> None:
    text = "Известно о 640 фигурантах уголовных дел, из них более 230 уже находятся в местах лишения свободы.\n"
    assert _figures(text) == [(640, "exact", "charged"), (230, "more_than", "political_prisoners")]


def test_a_bare_total_reached_by_a_count_of_people_named_far_before() -> None:
    text = ("Число фигурантов открытых против противников режима уголовных дел увеличилось за месяц на 12 и "
            "достигло 390.\n")
    assert _figures(text) == [(390, "exact", "charged")]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["За полгода", "Минувшего года", "У 2023 года", "С прошлого года"]), st.integers(11, 999))
def test_a_word_ending_in_da_is_no_ceiling(opening: str, n: int) -> None:
    figures = extract(f"Число политзаключенных растёт.\n{opening} {n} человек признаны политзаключенными.\n").figures
    assert [f.qualifier for f in figures if f.value == n] == ["exact"]
