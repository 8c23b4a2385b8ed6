"""The general speaker cue of be/ru quotes (reckon.news.cyr_speech): invented sentences only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news.cyr_quotes import extract_cyr_quotes
from reckon.news.cyr_speech import belarusian_text, general_speaker, is_speech_verb
from reckon.news.quote_marks import blank


def _said(text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in extract_cyr_quotes(text)]


def test_verb_in_the_next_sentence_names_the_speaker_be() -> None:
    text = "Суд у Гомелі працягваўся тры дні.\n«Гэта палітычная справа, і ўсе гэта ведаюць». Так лічыць адвакат Марыя Іванова."
    assert _said(text) == [("Марыя Іванова", "Гэта палітычная справа, і ўсе гэта ведаюць")]


def test_verb_in_the_next_sentence_names_the_speaker_ru() -> None:
    text = "Суд в Гомеле длился три дня.\n«Это политическое дело, и все это знают». Так считает адвокат Мария Иванова."
    assert _said(text) == [("Мария Иванова", "Это политическое дело, и все это знают")]


def test_paragraph_before_across_a_blank_line() -> None:
    text = "Адвакат Марыя Іванова пракаментавала прысуд журналістам.\n\n«Гэта палітычная справа, і ўсе гэта ведаюць»."
    assert _said(text) == [("Марыя Іванова", "Гэта палітычная справа, і ўсе гэта ведаюць")]


def test_pronoun_next_to_the_verb_is_not_the_oblique_name_before_it() -> None:
    be = ("Марыя Іванова прыйшла ў суд разам з мужам Алегам Пятровым. На пытанне пра лёс Алега Пятрова яна сказала: "
          "«Мы будзем змагацца да канца, бо іншага шляху няма».")
    ru = ("Мария Иванова пришла в суд вместе с мужем Олегом Петровым. На вопрос о судьбе Олега Петрова она сказала: "
          "«Мы будем бороться до конца, потому что другого пути нет».")
    assert [s for s, _ in _said(be)] == ["Марыя Іванова"]
    assert [s for s, _ in _said(ru)] == ["Мария Иванова"]


def test_no_speech_verb_no_speaker() -> None:
    assert _said("Сябры Пятрова сабраліся каля суда.\n\n«Свабоду палітвязням!»\n\nМіліцыя затрымала траіх.") == []
    assert _said("Алена Сідарава прыйшла на плошчу з «бел-чырвона-белым сцягам» у руках.") == []


def test_speech_verbs_by_lemma() -> None:
    for word in ("сказала", "заявіў", "адзначыла", "паведамілі", "кажа", "піша", "распавёў", "лічыць", "падкрэсліла"):
        assert is_speech_verb(word, True), word
    for word in ("сказала", "заявил", "отмечает", "рассказывал", "подчеркнула", "считает", "написали"):
        assert is_speech_verb(word, False), word
    for word in ("прыйшла", "затрымалі", "суд", "пришла", "задержали", "Иванова"):
        assert not is_speech_verb(word, word[-1] in "іў" or "ы" in word), word


def test_language_of_the_text() -> None:
    assert belarusian_text("Суд у Гомелі працягваўся тры дні.")
    assert not belarusian_text("Суд в Гомеле длился три дня, сообщил Сідараў.")


_GIVEN = st.sampled_from([("Марыя", "Іванова", "female"), ("Алена", "Сідарава", "female"),
                          ("Пётр", "Каваль", "male"), ("Ігар", "Пятровіч", "male")])
_VERB = st.sampled_from([("сказаў", "сказала"), ("заявіў", "заявіла"), ("адзначыў", "адзначыла"),
                         ("паведаміў", "паведаміла"), ("падкрэсліў", "падкрэсліла")])
_WORDS = st.lists(st.sampled_from(["мы", "будзем", "чакаць", "рашэння", "суда", "гэта", "несправядліва", "і", "доўга"]),
                  min_size=4, max_size=12)


@settings(max_examples=40, deadline=None)
@given(_GIVEN, _VERB, _WORDS, st.booleans())
def test_named_speaker_in_an_adjacent_sentence(person, verb, words, after) -> None:
    given_name, surname, sex = person
    form = verb[0] if sex == "male" else verb[1]
    quote = " ".join(words).capitalize()
    intro = f"Пра гэта {form} журналістам {given_name} {surname}."
    text = f"{intro}\n\n«{quote}»." if not after else f"«{quote}». Пра гэта {form} {given_name} {surname}."
    assert _said(text) == [(f"{given_name} {surname}", quote)]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="абвгдзеёжійклмнопрстуўфхцчшыьэюяАБВІЎСМ «»„“\".,!?—\n", max_size=300))
def test_never_raises_and_names_come_from_the_text(text) -> None:
    spans = [(i, text.find("»", i)) for i, ch in enumerate(text) if ch == "«" and text.find("»", i) > i]
    mask = blank(text, [(a, b + 1) for a, b in spans], keep_marks=True)
    for a, b in spans:
        who = general_speaker(text, mask, a, b, belarusian=belarusian_text(text), sex_of=lambda _n: None)
        assert who is None or all(part[:3].lower() in text.lower() for part in who.split())
    extract_cyr_quotes(text)
