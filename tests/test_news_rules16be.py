"""Issue 16, Belarusian round (h16be): rules written against a fresh batch of real Belarusian article openings
(kept outside the project, keyed by hand before the extractor ran; see docs/news.md). Every example restates a
rule in invented words, places and names; the quotation-mark parser gets hypothesis properties."""

from __future__ import annotations

from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from news_shapes import quotes
from reckon.news import extract
from reckon.news.cyr_marks import quote_spans
from reckon.news.cyr_names import find_person_names

_quotes = partial(quotes, width=30)


def _declared(facts):
    return [d.name for d in facts.declared_political_prisoners]


def test_a_statement_in_its_own_first_person_declares_the_names_it_quotes() -> None:
    text = ("Навіны\n\nПраваабарончыя арганізацыі Зямлі прынялі супольную заяву, у якой прызналі палітвязнямі яшчэ "
            "2 чалавекі.\n\n„Мы ацэньваем пераслед Рыгора Сідарава і Алены Пятровай, якіх абвінавацілі па арт. 342 КК "
            "(„Групавыя дзеянні”), як палітычна матываваны і прызнаем іх палітычнымі зняволенымі”, – гаворыцца ў "
            "заяве.\n")
    facts = extract(text, published="2031-04-28")
    assert _declared(facts) == ["Рыгор Сідараў", "Алена Пятрова"]
    # "— гаворыцца ў заяве" with nobody named after it: whoever the article said made the statement
    assert [q.speaker for q in facts.quotes] == ["Праваабарончыя арганізацыі Зямлі"]


def test_a_single_organisation_recognises_too() -> None:
    text = "Навіны\n\nПраваабарончы цэнтр «Зорка» прызнаў палітвязнем Пятра Клімовіча з Лагойска.\n"
    assert _declared(extract(text, published="2031-04-28")) == ["Пётр Клімовіч"]


def test_names_in_a_recognition_list_with_ages_and_places() -> None:
    text = ("Навіны\n\nПраваабаронцы прызналі палітвязнямі яшчэ 3 чалавекі: 45-гадовага Івана Сідарава з Гомеля, "
            "23-гадовую Алену Пятрову з Мінска і Пятра Клімовіча з Бабруйска.\n")
    assert _declared(extract(text, published="2031-04-28")) == ["Іван Сідараў", "Алена Пятрова", "Пётр Клімовіч"]
    listed = ("Навіны\n\nПраваабарончы цэнтр «Зорка» прызнаў палітвязнямі яшчэ трох чалавек. Гэта 45-гадовы жыхар "
              "Гомеля Іван Сідараў, 23-гадовая мінчанка Алена Пятрова і пенсіянер з Бабруйска Пётр Клімовіч.\n")
    assert _declared(extract(listed, published="2031-04-28")) == ["Іван Сідараў", "Алена Пятрова", "Пётр Клімовіч"]


def test_belarusian_names_come_back_to_their_nominative() -> None:
    names = find_person_names("сустрэўся з Дзмітрыем Паўлічэнкам і Уладзіславам Зянёвым, абараняў Уладзіслава "
                              "Зяневіча", belarusian=True)
    assert [n.nominative for n in names] == ["Дзмітрый Паўлічэнка", "Уладзіслаў Зянёў", "Уладзіслаў Зяневіч"]


def test_a_quotation_the_opening_cuts_off_after_a_colon_is_the_introduced_speakers() -> None:
    text = ("Ліст з калоніі\n\nПалітвязень Андрэй Лозік напісаў ліст. Лозік адзначае: \"Прайшлі ўсе святы, нічога "
            "не змянілася. Я чакаю, але ведаю, што чаканне будзе доўгім, і")
    assert _quotes(extract(text, published="2031-05-22")) == [("Андрэй Лозік", "Прайшлі ўсе святы, нічога не з")]


def test_a_straight_mark_closed_by_a_curly_one() -> None:
    text = ("Узнагарода\n\nСтаршыня цэнтра Алесь Барысевіч адзначыў:\n\n\"Вось ужо дваццаць гадоў мы працуем "
            "для людзей, і будзем працаваць далей”.\n")
    assert _quotes(extract(text, published="2031-03-12")) == [("Алесь Барысевіч", "Вось ужо дваццаць гадоў мы пра")]


def test_a_surname_alone_before_the_verb_of_the_question_above_is_the_speaker() -> None:
    text = ("Сустрэча\n\nЖурналіст Арцём Самусевіч выпадкова сустрэўся з былым камандзірам Дзмітрыем Паўлічэнкам. "
            "Ён задаў некалькі пытанняў.\n\n«Ён гаварыў спакойна, але не глядзеў на мяне», — кажа Самусевіч.\n\n"
            "Што Паўлічэнка адказаў на пытанне пра сваю ролю?\n\n«Мяне робяць страшыдлам. Я нікога не забіваў і не "
            "збіраюся апраўдвацца».\n")
    assert [q.speaker for q in extract(text, published="2031-03-12").quotes] == ["Арцём Самусевіч", "Дзмітрый Паўлічэнка"]


def test_the_relative_speaks_not_the_one_whose_relative_she_is() -> None:
    text = ("Палітвязень Іван Сідараў\n\nІван Сідараў сядзіць у ізалятары. «Скаргаў на здароўе няма, трымаецца "
            "нармальна», — сказала Свабодзе жонка палітвязня Алена. Вось што жонка Івана Сідарава паведаміла пра "
            "скаргу:\n\n«Учора ў яго быў адвакат, усё падрыхтавалі і адправілі».\n")
    speakers = [q.speaker for q in extract(text, published="2031-06-01").quotes]
    assert len(speakers) == 2 and "Сідараў" not in speakers[1] and speakers[1] == speakers[0]


def test_the_subject_of_a_headline_before_its_colon_speaks() -> None:
    text = ("Праваабаронцы выступілі з заявай да Дня салідарнасці: «Свабоду ўсім палітвязням!»\n\n"
            "Праваабарончыя арганізацыі 21 траўня звярнуліся да ўладаў.\n")
    assert [q.speaker for q in extract(text, published="2031-05-21").quotes] == ["Праваабаронцы"]


def test_we_read_in_the_organisations_statement() -> None:
    text = ("Навіны\n\nПраваабарончы цэнтар „Зорка” заступіўся за палітвязня Пятра Клімовіча.\n\n„Праваабарончы "
            "цэнтар з разуменнем ставіцца да такіх заяў. Мы падтрымліваем любыя захады дзеля вызвалення”, - чытаем у "
            "заяве арганізацыі.\n")
    speakers = [q.speaker for q in extract(text, published="2031-01-26").quotes]
    assert len(speakers) == 1 and speakers[0].endswith("„Зорка”")


_WORDS = st.lists(st.sampled_from(["мы", "чакаем", "Вясна", "свабоду", "і", "далей", "—", ",", "."]), max_size=12)


@settings(max_examples=150)
@given(_WORDS, st.sampled_from(['"', "«", "„", "“"]), st.booleans())
def test_an_unclosed_quotation_after_a_colon_runs_to_the_end(words: list[str], mark: str, new_line: bool) -> None:
    body = " ".join(["Слова", *words, "канец"])
    intro = "Іван Сідараў адзначае:" + ("\n" if new_line else " ")
    text = intro + mark + body
    spans = quote_spans(text)
    assert len(spans) == 1 and spans[0].open_at == len(intro)
    assert text[spans[0].open_at + 1:spans[0].close_at].rstrip() == body.rstrip()


@settings(max_examples=150)
@given(st.text(alphabet="аб «»„“”\"\n:.,", max_size=60))
def test_quotation_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = quote_spans(text)
    for sp in spans:
        assert 0 <= sp.open_at < sp.close_at <= len(text)


def _targets(facts):
    return [(s.target, s.jurisdictions) for s in facts.sanctions]


def test_belarusian_sanctions_targets_in_the_nominative() -> None:
    text = ("Санкцыі\n\nЗямля ўвяла санкцыі супраць старшыні камісіі Ігара Карпенкі, суддзі Марыны Фёдаравай і "
            "дырэктара завода Івана Галаватага.\n")
    names = [t for t, _ in _targets(extract(text, published="2031-01-01"))]
    assert names == ["Ігар Карпенка", "Марына Фёдарава", "Іван Галаваты"]


def test_an_entry_ban_is_a_sanction() -> None:
    text = ("Санкцыі\n\nЛітва, Латвія і Эстонія забаранілі ўезд 118 чыноўнікам з Тарландыі, у тым ліку "
            "Аляксандру Лукашэнку.\n")
    facts = extract(text, published="2031-01-01")
    assert _targets(facts) == [("Аляксандр Лукашэнка", ["LT", "LV", "EE"])]


def test_sanctions_in_lacinka() -> None:
    text = ("Sankcyi\n\nZŠA ŭvieli sankcyi suprać staršyni kamisii Ihara Karpienki i sudździ Maryny Fiodaravaj. "
            "Taksama pad sankcyi trapiŭ Ivan Tertel. Ciapier u śpisie 25 čałaviek.\n")
    assert _targets(extract(text, published="2031-01-01")) == [
        ("Ihar Karpienka", ["US"]), ("Maryna Fiodarava", ["US"]), ("Ivan Tertel", ["US"])]


def test_a_mans_dative_and_a_womans_accusative() -> None:
    names = find_person_names("дапамагалі Івану Пятрову і бачылі Алену Сідараву", belarusian=True)
    assert [n.nominative for n in names] == ["Іван Пятроў", "Алена Сідарава"]


def test_a_short_quotation_with_a_dash_attribution_is_speech() -> None:
    text = "Навіны\n\n«Мы не спынімся», — заявіла лідарка руху Ганна Пятрова ў Лідзе.\n"
    assert [q.speaker for q in extract(text, published="2031-01-01").quotes] == ["Ганна Пятрова"]
    assert extract("Навіны\n\nЦэнтр «Зорка Поўначы» працуе.\n", published="2031-01-01").quotes == []


def test_an_organisation_in_quotation_marks_speaks() -> None:
    text = ("Навіны\n\nПраваабарончы цэнтр «Зорка» сочыць за справай. Як паведаміла «Зорка», «палітвязня зноў "
            "змясцілі ў карцэр».\n\n«Яго трымаюць там ужо месяц», — адзначаюць у «Зорцы».\n")
    assert [q.speaker for q in extract(text, published="2031-01-01").quotes] == ["Зорка", "Зорка"]


def test_a_group_of_people_speaks_as_written() -> None:
    text = "Навіны\n\n«Мы перакананыя, што толькі разам можна дамагчыся вызвалення ўсіх», - кажуць ініцыятары кампаніі.\n"
    assert [q.speaker for q in extract(text, published="2031-01-01").quotes] == ["ініцыятары кампаніі"]


def test_a_statement_signed_on_the_line_below() -> None:
    text = ("Узнагарода\n\nЦэнтр «Зорка» атрымаў прэмію.\n\n\"З гонарам абвяшчаем пра ўручэнне прэміі цэнтру за "
            "абарону правоў чалавека ў Тарландыі”.\n\nU.S. Mission to Demoland\n\nСтаршыня цэнтра падзякаваў.\n")
    assert [q.speaker for q in extract(text, published="2031-03-12").quotes] == ["U.S. Mission to Demoland"]
    caption = ("Навіны\n\n«Мы будзем працаваць далей, нягледзячы ні на што і ні на каго».\n\nФота Андрэя Лісава\n")
    assert extract(caption, published="2031-03-12").quotes == []


def test_a_section_heading_below_a_quotation_signs_nothing() -> None:
    text = ("Навіны\n\nСтаршыня цэнтра Алесь Барысевіч выступіў на сустрэчы.\n\n«Мы будзем працаваць далей, "
            "нягледзячы ні на што, і вызвалім усіх».\n\nСправа Барысевіча\n\nСуд прызначыў яму тры гады.\n")
    speakers = [q.speaker for q in extract(text, published="2031-03-12").quotes]
    assert "Справа Барысевіча" not in speakers


def test_who_rights_defenders_consider_political_prisoners_are_declared() -> None:
    text = "Навіны\n\nПраваабаронцы лічаць палітвязнямі мастака Івана Сідарава і журналістку Алену Пятрову.\n"
    assert _declared(extract(text, published="2031-01-01")) == ["Іван Сідараў", "Алена Пятрова"]
    quoted = ("Навіны\n\n«Мы лічым Івана Сідарава і Алену Пятрову палітычнымі зняволенымі», — гаворыцца ў заяве "
              "праваабаронцаў.\n")
    assert _declared(extract(quoted, published="2031-01-01")) == ["Іван Сідараў", "Алена Пятрова"]
    # "лічаць" with the status in another case is an opinion about a number, not a recognition
    opinion = "Навіны\n\nПраваабаронцы лічаць, што палітвязняў у краіне значна больш за 1200 чалавек.\n"
    facts = extract(opinion, published="2031-01-01")
    assert _declared(facts) == [] and all(f.category != "newly_recognised" for f in facts.figures)


def test_lacinka_without_u_breve_is_still_belarusian() -> None:
    text = "Noviny\n\nPravaabaroncy ličać palitviaźniami Ivana Sidarava i Alenu Piatrovu.\n"
    facts = extract(text, published="2031-01-01")
    assert facts.language == "be" and _declared(facts) == ["Ivan Sidaraŭ", "Alena Piatrova"]


def test_more_belarusian_speech_verbs() -> None:
    text = "Навіны\n\nГанна Пятрова ўпэўненая, што «суд быў несправядлівы ад пачатку».\n"
    assert [q.speaker for q in extract(text, published="2031-01-01").quotes] == ["Ганна Пятрова"]
    text = "Навіны\n\n«Суд быў несправядлівы ад пачатку і да канца», — адзначылі ў цэнтры «Зорка».\n"
    assert [q.speaker for q in extract(text, published="2031-01-01").quotes][0].endswith("«Зорка»")


def test_a_lacinka_quotation_with_a_short_attribution() -> None:
    text = ("Noviny\n\nSud u Homieli ŭčora razhledzieŭ spravu aktyvista. Pravaabaroncy ličać jaho palitviaźniem.\n\n"
            "«Sud byŭ niespraviadlivy ad pačatku i da kanca», — skazała Hanna Piatrova.\n")
    facts = extract(text, published="2031-01-01")
    assert facts.language == "be" and [q.speaker for q in facts.quotes] == ["Hanna Piatrova"]
