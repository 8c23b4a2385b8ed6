"""Issue 16, third round: rules written against a fresh batch of real articles no rule had seen.

The articles stay outside the project; every example here restates a rule in invented words and names.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_shapes import figs, quotes
from reckon.news import extract
from reckon.news.cyr_names import find_person_names
from reckon.news.cyr_quotes import quote_spans

_figs = figs
_quotes = quotes


EN_GIVEN = ["Ales", "Iryna", "Pavel", "Volha", "Mikita", "Hanna", "Dzmitry", "Palina", "Yury", "Tatsiana"]
EN_SURNAMES = ["Barysau", "Kavalenka", "Mikhnevich", "Zhuravel", "Lapitski", "Kozyrava", "Sedrak", "Hurmach",
               "Vintsuk", "Drapeika"]


def _en_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


EN_NAMES = st.lists(st.tuples(st.sampled_from(EN_GIVEN), st.sampled_from(EN_SURNAMES)), min_size=2, max_size=6,
                    unique_by=lambda t: t[1]).map(lambda ts: [f"{g} {s}" for g, s in ts])
EN_FRAMES = [
    "Rights groups add names\n\nZembla, May 3. We consider the following persons political prisoners: {list}.",
    "Rights groups add names\n\nThe human rights community recognized {list} as political prisoners on Monday.",
    "Rights groups add names\n\nOn Friday, rights defenders in Zembla said they consider {list} political prisoners.",
    "Rights groups add names\n\nThe organizations demand the release of {list} and recognize them as political "
    "prisoners.",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EN_NAMES, st.sampled_from(EN_FRAMES))
def test_english_declaration_frames_yield_exactly_the_names(names: list[str], frame: str) -> None:
    facts = extract(frame.format(list=_en_list(names)), source_hint="t.txt")
    assert sorted(d.name for d in facts.declared_political_prisoners) == sorted(names)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EN_NAMES)
def test_a_numbered_list_under_a_recognition_title_names_the_declared(names: list[str]) -> None:
    # "Statement on recognition of N political prisoners" over "Thus:" and numbered items, no verb of its own
    items = "\n".join(f"  {i}. {n} was sentenced under Article 342 of the Criminal Code;" for i, n in
                      enumerate(names, start=1))
    text = ("zembla rights centre\n\nStatement on recognition of new political prisoners\n\n"
            "The authorities keep prosecuting peaceful protesters. Thus:\n\n" + items)
    facts = extract(text, source_hint="t.txt")
    assert facts.title == "Statement on recognition of new political prisoners"
    assert sorted(d.name for d in facts.declared_political_prisoners) == sorted(names)


def test_bullets_under_a_list_updated_title_name_the_declared() -> None:
    text = ("Political prisoner list updated with 3 new people\n\nJoint statement of the rights community\n\n"
            "In connection with charges brought and sentences handed down\n\n"
            "  • under Article 342 against Mr. Ales Barysau, Ms. Iryna Kavalenka,\n"
            "  • under Article 369 against Mr. Pavel Mikhnevich,\n")
    facts = extract(text, source_hint="t.txt")
    assert [d.name for d in facts.declared_political_prisoners] == ["Ales Barysau", "Iryna Kavalenka",
                                                                    "Pavel Mikhnevich"]
    assert (3, "exact", "newly_recognised") in {(f.value, f.qualifier, f.category) for f in facts.figures}


def test_english_counts_of_trials_and_of_the_disappeared() -> None:
    facts = extract("Zembla news\n\nThe rights centre said that at least 33 activists would stand trial this week."
                    "\n\nThe Zembla sanctions regime names those responsible for the disappearances of four people.",
                    source_hint="t.txt")
    assert _figs(facts) == {(33, "at_least", "charged")}


def test_english_sanctions_list_includes_and_entry_bans() -> None:
    facts = extract("Sanctions news\n\nThe UK sanctions list now includes Ivan Petrau and Anna Sidarava.",
                    source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Petrau", ["GB"]),
                                                                      ("Anna Sidarava", ["GB"])]
    facts = extract("Sanctions news\n\nLithuania and Latvia banned Ivan Petrau from entering their territory.",
                    source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Ivan Petrau", ["LT", "LV"])]


def test_a_sanctions_statement_said_twice_is_kept_once() -> None:
    facts = extract("Zembla officials sanctioned\n\nThe United Kingdom imposed sanctions on Ivan Petrau and other "
                    "officials.\n\nThe new sanctions include a travel ban and asset freeze on three individuals: "
                    "Ivan Petrau; Anna Sidarava; Pavel Mikhnevich.", source_hint="t.txt")
    targets = [(s.target, tuple(s.jurisdictions)) for s in facts.sanctions]
    assert sorted(targets) == [("Anna Sidarava", ("GB",)), ("Ivan Petrau", ("GB",)), ("Pavel Mikhnevich", ("GB",))]


def test_a_curly_quotation_closed_by_a_straight_mark() -> None:
    facts = extract("Zembla news\n\nOpposition leader Iryna Kavalenka said there are “hundreds of innocent "
                    "people\" still behind bars.", source_hint="t.txt")
    assert _quotes(facts) == [("Iryna Kavalenka", "hundreds of innocent people")]


# --- Russian and Belarusian quotes ---------------------------------------------------------------------------

RU_SPEAKERS = [("Иван Петров", "сказал"), ("Олег Кузнецов", "заявил"), ("Анна Сидорова", "сказала"),
               ("Мария Зорина", "добавила"), ("Ирина Лесная", "заявила")]
RU_SPEECH = ["Мы продолжим работу", "Это было тяжело для всех нас", "Люди ждут перемен уже много лет",
             "Никто не должен сидеть за слова"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(RU_SPEAKERS), st.sampled_from(RU_SPEECH), st.sampled_from(["—", "-", "–"]))
def test_a_dash_line_of_direct_speech_with_its_own_attribution(speaker, speech: str, dash: str) -> None:
    name, verb = speaker
    text = f"Новости дня\n\nВ Зембле прошла встреча.\n{dash} {speech}, {dash} {verb} {name}."
    facts = extract(text, source_hint="t.txt")
    assert _quotes(facts) == [(name, speech)]


def test_dialogue_lines_a_role_before_addressees_and_a_continuing_verb() -> None:
    text = ("Встреча в Зембле\n\nОсвобожденные встретились со Светланой Зориной.\n"
            "- Вы свободны, и это главное, - призвала лидер движения присутствующих Сергея Петрова, Игоря Лисова.\n"
            "- Нам кажется, что впереди много работы, - продолжила политик.\n"
            "- Там остаются «забытые» люди, - прокомментировал Сергей Петров.")
    facts = extract(text, source_hint="t.txt")
    assert _quotes(facts) == [("Светлана Зорина", "Вы свободны, и это главное"),
                              ("Светлана Зорина", "Нам кажется, что впереди много работы"),
                              ("Сергей Петров", "Там остаются «забытые» люди")]


def test_russian_closing_marks_mixed_and_nested_straight_quotes() -> None:
    assert [(s.open_at, s.close_at) for s in quote_spans("Он: “Мы здесь“ и “там»")] == [(4, 13), (17, 21)]
    text = "Новости дня\n\n\"Жена говорит дочери: \"Это папа!\" Она бросается к нему\", – сказал Иван Петров."
    facts = extract(text, source_hint="t.txt")
    assert _quotes(facts) == [("Иван Петров", 'Жена говорит дочери: "Это папа!" Она бросается к нему')]


def test_a_headline_surname_colon_quote_and_a_given_name_alone() -> None:
    text = ("Петров: «Мы не сдадимся никогда»\n\nОлег Петров и Светлана Зорина выступили в Зембле. "
            "\"Он был задержан без причины\", - говорит Светлана.")
    facts = extract(text, source_hint="t.txt")
    assert _quotes(facts) == [("Петров", "Мы не сдадимся никогда"), ("Светлана Зорина", "Он был задержан без причины")]


def test_an_organisation_named_in_quotation_marks_speaks() -> None:
    facts = extract("Новости дня\n\n«Власти продолжают преследование несогласных», — говорится в заявлении "
                    "правозащитного центра «Зорька».", source_hint="t.txt")
    assert _quotes(facts) == [("правозащитный центр «Зорька»", "Власти продолжают преследование несогласных")]
    facts = extract("Навіны дня\n\n«Улады працягваюць пераслед нязгодных», — гаворыцца ў заяве праваабарончага "
                    "цэнтра «Зорька».", source_hint="t.txt")
    assert _quotes(facts) == [("праваабарончы цэнтр «Зорька»", "Улады працягваюць пераслед нязгодных")]


def test_a_womans_name_in_the_nominative_stays_hers() -> None:
    assert [n.nominative for n in find_person_names("сказала Анна Сидорова.", belarusian=False)] == ["Анна Сидорова"]
    # a man's name in the genitive is still read as one, and the vowel -ок drops in the cases comes back
    assert [n.nominative for n in find_person_names("признали Александра Ильина", belarusian=False)] == \
        ["Александр Ильин"]
    assert [n.nominative for n in find_person_names("признали Олега Мазка", belarusian=False)] == ["Олег Мазок"]


# --- Russian and Belarusian sanctions, figures and dates -------------------------------------------------------

def test_similar_measures_join_and_a_son_named_by_given_name() -> None:
    text = ("Британия и Канада ввели санкции\n\nВеликобритания ввела санкции против Ивана Зорина и его сына "
            "Павла. Аналогичные меры ввела Канада.\n\nКроме них под санкции попал глава ведомства Олег Лисов.")
    facts = extract(text, source_hint="t.txt")
    got = {(s.target, tuple(s.jurisdictions)) for s in facts.sanctions}
    assert got == {("Иван Зорин", ("GB", "CA")), ("Павел Зорин", ("GB", "CA")), ("Олег Лисов", ("GB", "CA"))}


def test_sanctions_an_oblique_name_before_a_speech_verb_and_frozen_assets() -> None:
    facts = extract("Санкции\n\nСанкции введены против Ивана Петрова и его заместителя Анны Сидоровой, сообщил "
                    "МИД Канады.", source_hint="t.txt")
    assert {s.target for s in facts.sanctions} == {"Иван Петров", "Анна Сидорова"}
    facts = extract("Санкции\n\nЯпония заморозила активы Ивана Петрова.", source_hint="t.txt")
    assert [(s.target, s.jurisdictions) for s in facts.sanctions] == [("Иван Петров", ["JP"])]


def test_belarusian_punishments_and_the_status_just_named() -> None:
    facts = extract("Падлікі\n\nЗа месяц налічылі:\n\n97 чалавек пакараныя арыштамі;\n\n105 чалавек атрымалі "
                    "штрафы.\n\nЗа тры дні статус палітвязня атрымаў 31 чалавек.", source_hint="t.txt")
    assert _figs(facts) == {(97, "exact", "convicted"), (105, "exact", "convicted"),
                            (31, "exact", "newly_recognised")}


def test_a_rubric_date_stamp_and_an_update_stamp_are_no_titles() -> None:
    facts = extract("Протесты в Зембле, 29 сен 2020, 17:16\n\nЗембла ввела санкции против чиновников\n\n"
                    "Суд приговорил к разным срокам еще 9 участников протестов.", source_hint="t.txt")
    assert facts.published == "2020-09-29" and facts.title == "Зембла ввела санкции против чиновников"
    assert _figs(facts) == {(9, "exact", "convicted")}
    facts = extract("Последнее обновление: 23.11.2031 14:59\n\nЗембла ввела санкции\n\nТекст статьи.",
                    source_hint="t.txt")
    assert facts.published is None and facts.title == "Зембла ввела санкции"  # an update is no publication


RU_Q = "Власти продолжают преследовать несогласных граждан"


def test_attributions_with_a_medium_a_press_office_a_pronoun_and_new_verbs() -> None:
    cases = {
        f"«{RU_Q}», — отметил в разговоре с «Зорькой» Иван Петров.": "Иван Петров",
        f"«{RU_Q}», — пояснил «Зорьке» юрист Иван Петров.": "Иван Петров",
        f"«{RU_Q}», — пишет «Зорька Навін».": "Зорька Навін",
        f"«{RU_Q}», — сообщили в пресс-службе МВД.": "пресс-служба МВД",
        f"«{RU_Q}», — уверен Иван Петров.": "Иван Петров",
        f"«{RU_Q}», — подытожила Анна Сидорова.": "Анна Сидорова",
        f"Иван Петров выступил в Зембле. Он подчеркнул: «{RU_Q}».": "Иван Петров",
    }
    for sentence, speaker in cases.items():
        facts = extract("Новости дня\n\n" + sentence, source_hint="t.txt")
        assert _quotes(facts) == [(speaker, RU_Q)], sentence


def test_present_counts_in_english_and_russian_word_orders() -> None:
    facts = extract("Zembla news\n\nThe rights centre currently recognizes 1,150 people as political prisoners.\n\n"
                    "Roughly 900 people are imprisoned on political grounds in Ostrava.", source_hint="t.txt")
    assert _figs(facts) == {(1150, "exact", "political_prisoners"), (900, "about", "political_prisoners")}
    facts = extract("Новости дня\n\nВсего за годы репрессий политзаключенными признаны более 4000 человек.\n\n"
                    "Из-за решетки вышли 18 политзаключенных, отбывших срок.", source_hint="t.txt")
    assert _figs(facts) == {(4000, "more_than", "political_prisoners_ever"), (18, "exact", "released")}


def test_quoted_as_saying() -> None:
    facts = extract("Zembla news\n\n\"We will never release them,\" Ivan Petrau was quoted as saying by the state agency.",
                    source_hint="t.txt")
    assert _quotes(facts) == [("Ivan Petrau", "We will never release them")]


def test_by_her_words_names_the_person_by_sex() -> None:
    facts = extract("Новости дня\n\nАнна Сидорова и Иван Петров выступили в Зембле. По ее словам, «власти "
                    "продолжают преследовать несогласных граждан».", source_hint="t.txt")
    assert _quotes(facts) == [("Анна Сидорова", "власти продолжают преследовать несогласных граждан")]
    facts = extract("Навіны дня\n\nГанна Сідарава і Іван Пятроў выступілі ў Зембле. Паводле яго слоў, „улады "
                    "працягваюць пераследаваць нязгодных“.", source_hint="t.txt")
    assert _quotes(facts) == [("Іван Пятроў", "улады працягваюць пераследаваць нязгодных")]


def test_there_also_refers_to_the_last_speaker_and_boilerplate_below_is_nobody() -> None:
    text = ("Новости дня\n\n«Зембла решительно осуждает эти приговоры», — говорится в сообщении МИД Зембли.\n"
            "Там также призвали власти «немедленно освободить всех задержанных за мирный протест».\n"
            "- Напомним, 9 августа 2031 года прошли выборы.")
    facts = extract(text, source_hint="t.txt")
    speakers = [q.speaker for q in facts.quotes]
    assert len(speakers) == 2 and speakers[0] == speakers[1] and "Зембл" in speakers[0]
