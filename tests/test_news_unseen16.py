"""Rules for the failures issue 16's spent held-out half showed, each restated on made-up articles.

The held-out articles stay outside the project; these examples (invented people, places and numbers) state
each rule for the class of text it covers: lists of names set as plain lines, courtesy titles, pronoun
speakers, running totals, a jurisdiction's "measures against", crowd sizes, and the same in Belarusian and
Russian.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import figs, quotes
from reckon.news import extract
from reckon.news.declared import _bullet_name, _name_line

_figs = figs
_quotes = quotes

MEN = ["Siarhei Kazlou", "Andrei Barysevich", "Ihar Novik", "Uladzimir Sakalou", "Ryhor Kuzmich", "Pavel Darashkevich"]
WOMEN = ["Tamara Zhuk", "Alena Vasilevich", "Volha Kraucova", "Natallia Bialko", "Hanna Lapko", "Maryja Sidarenka"]


def _declared(text: str) -> list[str]:
    return [d.name for d in extract(text, source_hint="t.txt").declared_political_prisoners]


# --- English: declared political prisoners --------------------------------------------------------------

def test_names_one_a_line_after_a_recognition_colon() -> None:
    text = ("Rights defenders recognise three more political prisoners\n\n"
            "The human rights community of Zembla recognised as political prisoners:\n"
            "Alena Vasilevich, born 1985,\nPavel Darashkevich, born 1991,\nIhar Novik.\n"
            "They are charged under Article 342 of the Criminal Code.\n")
    assert _declared(text) == ["Alena Vasilevich", "Pavel Darashkevich", "Ihar Novik"]


def test_the_following_persons_with_courtesy_titles() -> None:
    text = ("Statement\n\nThe prosecution of three teachers is politically motivated. "
            "We consider the following persons as political prisoners:\n"
            "Mr. Siarhei Kazlou\nMs. Tamara Zhuk\nMr. Andrei Barysevich\nWe demand their release.\n")
    assert _declared(text) == ["Siarhei Kazlou", "Tamara Zhuk", "Andrei Barysevich"]


def test_bullets_with_courtesy_titles_and_particulars() -> None:
    text = ("Statement\n\nThe human rights organisations have recognised the following persons as political "
            "prisoners:\n\n- Mr. Uladzimir Sakalou, a teacher from Ostrava;\n- Ms. Volha Kraucova, a nurse;\n"
            "- Mr. Ryhor Kuzmich.\n\nThe charges are unfounded.\n")
    assert _declared(text) == ["Uladzimir Sakalou", "Volha Kraucova", "Ryhor Kuzmich"]


def test_a_list_that_a_later_recognition_points_back_to() -> None:
    text = ("Statement\n\nCriminal proceedings have been opened against:\n"
            "Mr. Siarhei Kazlou, born 1985,\nMs. Tamara Zhuk (Article 361 of the Criminal Code).\n"
            "Human rights defenders recognise them as political prisoners.\n")
    facts = extract(text, source_hint="t.txt")
    assert [(d.name, d.article) for d in facts.declared_political_prisoners] == [
        ("Siarhei Kazlou", None), ("Tamara Zhuk", "Article 361 of the Criminal Code")]


def test_list_items_with_their_sentences() -> None:
    text = ("Viasna recognizes 3 new political prisoners\n\nToday, rights groups recognized as political prisoners "
            "three people convicted for their civic activity:\n\n"
            "Ales Novik, born 1980, was sentenced to 3 years in prison;\n"
            "Hanna Lis, born 1992, was sentenced to 2 years;\nIhar Zubrytski was sentenced to 4 years.\n")
    assert _declared(text) == ["Ales Novik", "Hanna Lis", "Ihar Zubrytski"]


def test_they_are_names_every_one() -> None:
    text = ("Statement\n\nHuman rights defenders have named four new political prisoners. They are Ales Novik, "
            "Hanna Lis, Ihar Zubrytski and Maryja Kruk.\n")
    assert _declared(text) == ["Ales Novik", "Hanna Lis", "Ihar Zubrytski", "Maryja Kruk"]


def test_names_in_the_sentence_after_the_recognition() -> None:
    for follow in ("These are Ales Novik, Hanna Lis and Ihar Zubrytski.",
                   "\nThe list includes Ales Novik, Hanna Lis and Ihar Zubrytski."):
        text = f"Statement\n\nHuman rights defenders recognised three more people as political prisoners. {follow}\n"
        assert _declared(text) == ["Ales Novik", "Hanna Lis", "Ihar Zubrytski"], follow


def test_a_name_standing_as_a_sentence_opens_a_list_item() -> None:
    text = ("Statement\n\nThe human rights community recognised the following people as political prisoners:\n\n"
            "Ales Novik. He was sentenced to 3 years for a comment.\n\nHanna Lis. She was detained in March.\n")
    assert _declared(text) == ["Ales Novik", "Hanna Lis"]


def test_names_after_a_colon_nobody_declares_stay_out() -> None:
    text = "Digest\n\nThe following people were detained this week:\nIhar Novik\nHanna Lapko\nPolice say more may follow.\n"
    assert _declared(text) == []


def test_names_after_against_in_a_recognition_sentence() -> None:
    text = ("Statement\n\nHuman rights defenders recognised as political prisoners the defendants in the case "
            "against Ryhor Kuzmich and Natallia Bialko.\n")
    assert _declared(text) == ["Ryhor Kuzmich", "Natallia Bialko"]


@given(st.sampled_from(MEN + WOMEN), st.sampled_from(["", "Mr. ", "Ms. ", "Mrs ", "Dr. "]),
       st.sampled_from(["", ",", ".", ", born 1987,", " (Article 342)", " – a student;", "; "]))
def test_a_name_line_gives_the_name_without_its_title(name: str, title: str, tail: str) -> None:
    assert _name_line(f"{title}{name}{tail}") == name
    assert _bullet_name(f"{title}{name}{tail}")[0] == name


@given(st.sampled_from(MEN + WOMEN), st.sampled_from([" was detained on Monday.", " is a teacher.", " said so.",
                                                      " has been sentenced to three years."]))
def test_a_sentence_is_no_name_line(name: str, rest: str) -> None:
    assert _name_line(name + rest) is None


# --- English: quotes -----------------------------------------------------------------------------------

def test_she_said_is_the_woman_not_the_man_named_last() -> None:
    text = ("Court\n\nAlena Vasilevich was sentenced to five years. Her lawyer, Ihar Novik, attended the hearing.\n"
            "“The case is political from the first day to the last,” she said after the verdict.")
    assert _quotes(text) == [("Alena Vasilevich", "The case is political from the first day to the last")]


def test_a_pronoun_with_nobody_of_that_sex_gets_no_speaker() -> None:
    text = "Court\n\nIhar Novik attended the hearing.\n“The verdict was written in advance,” she said."
    assert all(speaker != "Ihar Novik" for speaker, _ in _quotes(text))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(MEN), st.sampled_from(WOMEN), st.booleans(), st.sampled_from(["she", "he"]))
def test_pronoun_speaker_agrees_in_sex(man: str, woman: str, woman_first: bool, pronoun: str) -> None:
    first, second = (woman, man) if woman_first else (man, woman)
    text = (f"Hearing\n\n{first} came to the court on Monday. {second} was there too.\n"
            f"“We will appeal the decision,” {pronoun} said.")
    want = woman if pronoun == "she" else man
    assert _quotes(text) == [(want, "We will appeal the decision")]


def test_courtesy_title_and_surname_speaker() -> None:
    text = "Court\n\nTamara Zhuk was detained in May.\n“I did nothing wrong,” Ms. Zhuk said in court."
    assert _quotes(text) == [("Tamara Zhuk", "I did nothing wrong")]


def test_speakers_named_on_lines_of_their_own() -> None:
    text = ("Former prisoners speak out\n\nSeveral former political prisoners met the press in Vilnius:\n"
            "Siarhei Kazlou\nTamara Zhuk\nAndrei Barysevich\n"
            "“Prison conditions are inhuman,” Mr. Kazlou said. Ms. Zhuk agreed. “I was kept in solitary for 40 days,” "
            "she said.\n")
    assert _quotes(text) == [("Siarhei Kazlou", "Prison conditions are inhuman"),
                             ("Tamara Zhuk", "I was kept in solitary for 40 days")]
    assert _declared(text) == []


def test_a_possessive_name_is_not_the_subject() -> None:
    text = ("Court\n\nIhar Zubrytski was fined. Ihar Zubrytski's wife, Maryja Kruk, spoke to journalists.\n"
            "“He has done nothing wrong,” she said.")
    assert _quotes(text) == [("Maryja Kruk", "He has done nothing wrong")]


def test_according_to_before_the_quote() -> None:
    text = "Court\n\nAccording to Tamara Zhuk, “the trial was a farce from start to finish.”"
    assert _quotes(text) == [("Tamara Zhuk", "the trial was a farce from start to finish.")]


# --- English: figures ----------------------------------------------------------------------------------

def test_more_than_recognised_since_a_year_is_the_running_total() -> None:
    facts = extract("Zembla\n\nMore than 3,760 people have been recognized as political prisoners since 2020, "
                    "1,150 of whom are still behind bars.", source_hint="t.txt")
    assert _figs(facts) == {(3760, "more_than", "political_prisoners_ever"), (1150, "exact", "political_prisoners")}
    facts = extract("Zembla\n\nRights defenders recognised five more political prisoners on Monday.",
                    source_hint="t.txt")
    assert _figs(facts) == {(5, "exact", "newly_recognised")}


def test_running_total_phrasings() -> None:
    for sentence in ("Since the 2020 presidential election, more than 3,760 people have been recognized as political "
                     "prisoners.",
                     "Over 3,760 people have been recognised as political prisoners since the disputed 2020 election.",
                     "Since mid-2020, more than 3,760 Zemblans have been declared political prisoners.",
                     "Since August 2020, over 3,760 people have been recognised as political prisoners."):
        assert _figs(extract("Zembla\n\n" + sentence, source_hint="t.txt")) == {
            (3760, "more_than", "political_prisoners_ever")}, sentence
    facts = extract("Zembla\n\nOver 3,760 people have been recognised as political prisoners since 2020, and 1,150 "
                    "remain behind bars.", source_hint="t.txt")
    assert _figs(facts) == {(3760, "more_than", "political_prisoners_ever"), (1150, "exact", "political_prisoners")}


def test_bringing_the_total_since_a_year() -> None:
    facts = extract("Zembla\n\nHuman rights defenders recognized 12 more people as political prisoners, bringing "
                    "the total since 2020 to more than 3,760.", source_hint="t.txt")
    assert _figs(facts) == {(12, "exact", "newly_recognised"), (3760, "more_than", "political_prisoners_ever")}


def test_a_jurisdictions_measures_against_people_are_sanctions() -> None:
    facts = extract("Zembla\n\nThe Council adopted measures against 38 individuals responsible for the repression.",
                    source_hint="t.txt")
    assert _figs(facts) == {(38, "exact", "sanctioned")}


def test_measures_against_named_people_are_sanctions_statements() -> None:
    facts = extract("Zembla adopts measures\n\nOn Monday, the Council adopted measures against 38 individuals. The "
                    "list includes Ivan Kubrakou, the interior minister, and Hanna Lisouskaya, a judge.",
                    source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Kubrakou", ["EU"]),
                                                                     ("Hanna Lisouskaya", ["EU"])]
    ru = extract("Новость\n\nШвейцария приняла меры против 38 человек, в том числе министра внутренних дел Ивана "
                 "Кубракова и судьи Анны Лисовской.", source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in ru.sanctions] == [("Иван Кубраков", ["CH"]), ("Анна Лисовская", ["CH"])]
    regime = extract("Новость\n\nВласти приняли меры против активиста Ивана Кубракова.", source_hint="t.txt")
    assert regime.sanctions == []


def test_detained_on_politically_motivated_charges() -> None:
    facts = extract("Zembla\n\nIn January, 150 people faced persecution, including 35 detained on politically "
                    "motivated charges.", source_hint="t.txt")
    assert _figs(facts) == {(150, "exact", "persecuted"), (35, "exact", "detained")}


def test_on_charges_says_why_not_how_many_were_charged() -> None:
    facts = extract("Zembla\n\nAt least 28 people were detained on politically motivated criminal charges last week. "
                    "Criminal charges were brought against 12 people.", source_hint="t.txt")
    assert _figs(facts) == {(28, "at_least", "detained"), (12, "exact", "charged")}


def test_counts_of_things_and_crowds_stay_out() -> None:
    facts = extract("Zembla\n\nZembla has 14 penal colonies holding political prisoners. About 5,000 people took "
                    "part in the march. The protest drew more than 2,000 people, and police detained 35 of them.",
                    source_hint="t.txt")
    assert _figs(facts) == {(35, "exact", "detained")}


# --- Belarusian and Russian ------------------------------------------------------------------------------

def _cyr_quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text[:20]) for q in extract(text, source_hint="t.txt").quotes]


def test_cyr_quote_with_a_comma_and_no_dash() -> None:
    ru = ("Новость\n\nПравозащитница Анна Петрова прокомментировала приговор.\n"
          "«Это политически мотивированное дело, и мы будем добиваться пересмотра», заявила Петрова.")
    # a surname alone is the person the article named in full before
    assert _cyr_quotes(ru) == [("Анна Петрова", "Это политически моти")]
    be = ("Навіна\n\nПраваабаронца Ганна Пятрова пракаментавала прысуд.\n"
          "„Гэта палітычна матываваная справа, і мы будзем дамагацца перагляду“, заявіла Пятрова.")
    assert _cyr_quotes(be) == [("Ганна Пятрова", "Гэта палітычна матыв")]


def test_cyr_pronoun_speaker_by_the_verbs_gender() -> None:
    text = ("Новость\n\nИван Сидоров пришёл в суд вместе с Марией Ивановой. Мария Иванова вышла на свободу утром. "
            "«Я очень рада, что снова дома», сказала она.")
    assert _cyr_quotes(text) == [("Мария Иванова", "Я очень рада, что сн")]


def test_cyr_pronoun_skips_a_speaker_of_the_other_sex() -> None:
    text = ("Новость\n\nАдвокат Иван Сидоров пришёл в суд.\n"
            "«Обвинение не представило никаких доказательств вины», заявила Петрова.\n"
            "«Мы будем обжаловать этот приговор в Верховном суде», добавил он.")
    assert _cyr_quotes(text) == [("Петрова", "Обвинение не предста"), ("Иван Сидоров", "Мы будем обжаловать ")]


def test_cyr_speaker_after_according_to_is_read_in_the_genitive() -> None:
    text = "Навіна\n\nПаводле слоў Івана Сідарава, «абвінавачанне не прадставіла ніякіх доказаў віны»."
    assert _cyr_quotes(text) == [("Іван Сідараў", "абвінавачанне не пра")]
    text = "Навіна\n\nПаводле слоў Ганны Пятровай, «абвінавачанне не прадставіла ніякіх доказаў віны»."
    assert _cyr_quotes(text) == [("Ганна Пятрова", "абвінавачанне не пра")]


def test_cyr_speaker_after_as_said() -> None:
    text = "Новость\n\nКак рассказала Мария Иванова, «в колонии на политзаключенных постоянно давят»."
    assert _cyr_quotes(text) == [("Мария Иванова", "в колонии на политза")]
    text = "Навіна\n\nЯк расказала Марыя Іванова, «у калоніі на палітвязняў увесь час ціснуць»."
    assert _cyr_quotes(text) == [("Марыя Іванова", "у калоніі на палітвя")]


def test_belarusian_given_names_in_ya() -> None:
    text = ("Навіна\n\nМарыя Іванова выйшла на волю.\n"
            "«Я правяла ў калоніі тры гады і ні пра што не шкадую», сказала яна.")
    assert _cyr_quotes(text) == [("Марыя Іванова", "Я правяла ў калоніі ")]
    text = "Навіна\n\nПаводле слоў Марыі Івановай, «у калоніі на палітвязняў увесь час ціснуць»."
    assert _cyr_quotes(text) == [("Марыя Іванова", "у калоніі на палітвя")]


def test_cyr_names_one_a_line() -> None:
    be = ("Праваабаронцы прызналі палітвязнямі яшчэ трох чалавек\n\n"
          "Беларуская праваабарончая супольнасць прызнала палітвязнямі:\n"
          "Алена Васілевіч, 1985 г. н.,\nПавел Дарашкевіч, 1991 г. н.,\nІгар Лемяшэўскі.\n"
          "Іх абвінавачваюць паводле артыкула 342 Крымінальнага кодэкса.\n")
    assert _declared(be) == ["Алена Васілевіч", "Павел Дарашкевіч", "Ігар Лемяшэўскі"]
    ru = ("Правозащитники признали политзаключенными еще троих\n\n"
          "Правозащитное сообщество признало политзаключенными следующих лиц:\n"
          "Алена Василевич, 1985 г. р.,\nПавел Дорошкевич, 1991 г. р.,\nИгорь Лемешевский.\n")
    assert _declared(ru) == ["Алена Василевич", "Павел Дорошкевич", "Игорь Лемешевский"]


def test_cyr_list_items_with_their_own_sentences() -> None:
    be = ("Навіна\n\nПраваабаронцы прызналі палітвязнямі:\nАлена Васілевіч. Яе асудзілі на тры гады.\n"
          "Павел Дарашкевіч. Яго затрымалі ў сакавіку.\n")
    assert _declared(be) == ["Алена Васілевіч", "Павел Дарашкевіч"]
    ru = ("Новость\n\nПравозащитники признали политзаключенными:\nАлена Василевич, 1985 г. р., осуждена на 3 года;\n"
          "Павел Дорошкевич, задержан в марте;\nИгорь Лемешевский.\n")
    assert _declared(ru) == ["Алена Василевич", "Павел Дорошкевич", "Игорь Лемешевский"]


def test_cyr_list_pointed_back_to() -> None:
    text = ("Заява\n\nКрымінальны пераслед пачаты супраць наступных асоб:\nСяргей Казлоў\nТамара Жук\n"
            "Праваабаронцы прызнаюць іх палітвязнямі і патрабуюць вызвалення.\n")
    assert _declared(text) == ["Сяргей Казлоў", "Тамара Жук"]
    text = "Навіна\n\nНа гэтым тыдні затрымалі наступных людзей:\nСяргей Казлоў\nТамара Жук\nСуд адбудзецца пазней.\n"
    assert _declared(text) == []


def test_cyr_figure_cues() -> None:
    cases = {
        "За тыдзень па палітычна матываваных абвінавачваннях былі затрыманыя 35 чалавек.": {(35, "exact", "detained")},
        "Савет ЕС ужыў абмежавальныя меры ў дачыненні да 38 асоб.": {(38, "exact", "sanctioned")},
        "Совет ЕС принял меры против 38 человек, ответственных за репрессии.": {(38, "exact", "sanctioned")},
        "С 2020 года политзаключенными признаны более 3760 человек.": {(3760, "more_than", "political_prisoners_ever")},
        "В акции протеста приняли участие около 5000 человек.": set(),
        "З жніўня 2020 года палітвязнямі прызналі больш за 3760 чалавек.": {
            (3760, "more_than", "political_prisoners_ever")},
        "После президентских выборов 2020 года политзаключенными были признаны более 3760 человек.": {
            (3760, "more_than", "political_prisoners_ever")},
    }
    for sentence, want in cases.items():
        assert _figs(extract("Навіна дня\n\n" + sentence + "\n", source_hint="t.txt")) == want, sentence


BE_NAMES = ["Алена Васілевіч", "Павел Дарашкевіч", "Ігар Лемяшэўскі", "Тамара Жук", "Сяргей Казлоў", "Ганна Пятрова"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(BE_NAMES), min_size=2, max_size=5, unique=True),
       st.sampled_from(["", ",", ".", ", 1985 г. н.,", " (арт. 342 КК)"]))
def test_cyr_any_list_of_name_lines_is_declared(names: list[str], tail: str) -> None:
    text = ("Навіна\n\nПраваабарончая супольнасць прызнала палітвязнямі:\n"
            + "".join(f"{n}{tail}\n" for n in names) + "Іх судзяць у Мінску.\n")
    assert _declared(text) == names


@given(st.sampled_from(["заявила", "сказала", "адзначыла", "заявіла", "сказаў", "заявил", "адзначыў", "говорит"]))
def test_verb_sex(verb: str) -> None:
    from reckon.news.cyr_quotes import _verb_sex

    want = None if verb == "говорит" else ("female" if verb.endswith("ла") else "male")
    assert _verb_sex(verb) == want
