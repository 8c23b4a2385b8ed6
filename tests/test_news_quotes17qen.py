"""Issue 16, English quotes round (h17qen): who speaks when the article names the speaker by a reference rather than
at the verb ("According to him, …", "As it states, …", "the veteran campaigner said"), and what in marks is no
speech. Found on a fresh batch of real English article openings (kept outside the project, keyed by hand before the
extractor ran; see docs/news.md). Every example restates a mechanism in invented words, places and names; the
parsers get hypothesis properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract
from reckon.news.quote_marks import quote_spans, sentence_bounds
from reckon.news.speaker_np import given_alone
from reckon.news.speaker_refs import described_as, is_mention, statement_author
from reckon.news.text import layout


def _quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text[:24]) for q in extract(text, published="2031-04-28").quotes]


def test_a_sentence_opened_with_according_to_is_its_sources_words() -> None:
    text = ("News\n\nThis was stated by Teodor Prykladny, deputy minister of Zembla, in an interview with a radio.\n\n"
            "According to him, Zembla will keep helping the families, \"whom the guards keep from their sons.\"\n")
    assert _quotes(text) == [("Teodor Prykladny", "whom the guards keep fro")]


def test_according_to_opening_a_sentence_reaches_single_marks_too() -> None:
    text = ("News\n\nZemblan envoy Teodor Prykladny spoke on Monday about the prisoners of the north.\n\n"
            "According to him, the measures stay ‘until the guards free every prisoner of the north’.\n")
    assert _quotes(text) == [("Teodor Prykladny", "until the guards free ev")]


def test_a_stop_closing_a_quotation_ends_its_sentence() -> None:
    text = ("News\n\nThe statement was signed by Zemblan envoy Teodor Prykladny on Monday.\n\n"
            "He wrote that “the guards hold ninety prisoners.” According to the envoy, we speak of “people "
            "from every walk of life.”\n")
    assert [s for s, _ in _quotes(text)] == ["Teodor Prykladny", "Teodor Prykladny"]
    para = text.split("\n\n")[2]
    spans = quote_spans(para)
    s0, s1 = sentence_bounds(para, spans[1].open_at, spans)
    assert para[s0:].startswith("According to the envoy") and para[:s1].rstrip().endswith("life.”")


def test_a_quotation_closed_by_a_stop_and_then_attributed_stays_one_sentence() -> None:
    para = "“We will not give up.” Teodor Prykladny said on Monday."
    spans = quote_spans(para)
    assert sentence_bounds(para, spans[0].open_at, spans) == (0, len(para))


def test_it_states_is_the_author_of_the_statement_just_mentioned() -> None:
    text = ("News\n\nThe measures stay, says a written statement by Foreign Minister Ona Prykladava.\n\n"
            "As it states, “the council holds more than ninety people in its cells.”\n")
    assert _quotes(text) == [("Ona Prykladava", "the council holds more t")]


def test_the_statement_reads_after_a_caption_with_its_photo_credit() -> None:
    text = ("News\n\nOna Prykladava, foreign minister of Zembla, said in Friday’s statement that the measures stay.\n\n"
            "Ona Prykladava. Photo: Jan Fotograf / Zembla Agency\n\n"
            "“We call again for the release of every prisoner of the north,” the statement reads.\n")
    assert _quotes(text) == [("Ona Prykladava", "We call again for the re")]


def test_statement_author_reads_the_common_forms() -> None:
    assert statement_author("This is stated in a written statement by Secretary Ona Prykladava.") == \
        "Secretary Ona Prykladava"
    assert statement_author("Ona Prykladava, a minister, said in Thursday’s statement that …") == "Ona Prykladava"
    assert statement_author("The ministry gave no details.") is None


def test_a_description_points_back_to_the_person_the_article_is_about() -> None:
    text = ("News\n\nJust days ago, Mr. Tomas Prykladu was driven from the colony to the border and freed.\n\n"
            "Mr. Prykladu had served half of his term in the colony of the north.\n\n"
            "“It is like leaving a room without air,” the veteran human rights campaigner said on Friday.\n")
    assert _quotes(text) == [("Tomas Prykladu", "It is like leaving a roo")]


def test_the_interlocutor_is_the_one_the_interview_was_given_by() -> None:
    text = ("News\n\nThis was stated by Teodor Prykladny, Deputy Secretary of State of Zembla, in an interview.\n\n"
            "The interlocutor also said that the regime \"sells the sovereignty of the country.\"\n")
    assert _quotes(text) == [("Teodor Prykladny", "sells the sovereignty of")]


def test_an_institutions_spokesman_is_the_speaker_the_article_describes_from_it() -> None:
    text = ("News\n\nThis was stated by Teodor Prykladny, Deputy Secretary of State of Zembla, in an interview.\n\n"
            "\"Our measures are aimed at the regime,\" Prykladny said.\n\n"
            "\"And until we see a change, we will press on,\" said the State Department spokesman.\n")
    assert [s for s, _ in _quotes(text)] == ["Teodor Prykladny", "Teodor Prykladny"]
    assert described_as("Teodor Prykladny", "State Department", text)
    assert not described_as("Teodor Prykladny", "Kremlin", text)


def test_an_apposition_between_the_name_and_its_verb_is_passed_over() -> None:
    text = ("News\n\nAs the bus crossed the border, Mikola Prykladau, newly freed after 5 years in the colony, "
            "shouted: “Long live the north.”\n\n"
            "Hanna Prykladava, Zembla Watch’s Senior Campaigner, said: “The silence about him is worrying.”\n")
    assert _quotes(text) == [("Mikola Prykladau", "Long live the north."),
                             ("Hanna Prykladava", "The silence about him is")]


def test_a_long_first_line_closing_a_quoted_sentence_is_body_not_title() -> None:
    text = ("As the bus crossed the border, Mikola Prykladau, newly freed after five long years in the colony of "
            "the north, shouted: “Long live the north.”\n"
            "It was an unusual cry from a man who had spent half his life in the cells of Zembla.\n")
    assert _quotes(text) == [("Mikola Prykladau", "Long live the north.")]


def test_she_said_goes_on_with_the_speaker_when_no_sex_is_known() -> None:
    text = ("News\n\n“The sentences are troubling,” said Ravi Zorin, spokesperson for the Zembla Watch office.\n\n"
            "Zembla Watch chief Ulo Marsk has called for an end to the arrests, she said.\n\n"
            "Three other members, Teodor Prykladny and Jan Prykladau among them, were given sentences.\n\n"
            "“We remain deeply concerned about the prisoners,” she said.\n")
    assert [s for s, _ in _quotes(text)] == ["Ravi Zorin", "Ravi Zorin"]


def test_a_single_marked_sentence_goes_on_after_an_attributed_one() -> None:
    text = ("News\n\n'It was his voice, but not his manner,' Ona Prykladava said. 'I think they made him call.'\n")
    assert _quotes(text) == [("Ona Prykladava", "It was his voice, but no"), ("Ona Prykladava", "I think they made him ca")]


def test_a_named_body_with_lower_case_words_speaks_as_written() -> None:
    text = ("News\n\nSentences announced on Friday signal “ongoing repression” in the north, the Zembla human "
            "rights agency says.\n")
    assert _quotes(text) == [("Zembla human rights agency", "ongoing repression")]


def test_the_authorities_as_subject_attribute_no_scare_quotes() -> None:
    text = ("News\n\nThe Zemblan authorities will keep the measures until Ostland considers that “repression” has "
            "stopped in the republic.\n")
    assert _quotes(text) == []


def test_a_name_or_a_cited_word_in_marks_is_no_speech() -> None:
    text = ("News\n\nThe Treasury is designating the “Department of Financial Checks of the Zemblan State” and "
            "four of its members, the treasury said.\n\n"
            "He sent a message with the word \"masks\", the press service of Ona Prykladava said.\n")
    assert _quotes(text) == []
    assert is_mention("Department of Financial Checks of the Zemblan State", "designating the ")
    assert not is_mention("We Will Win.", "she said, ")


def test_a_hard_wrapped_name_date_and_quotation_stay_in_their_paragraph() -> None:
    text = ("News\n\nA fifth prisoner – prominent human rights defender Ales\nPrykladski – has been jailed since "
            "November on\ncharges of evasion. At a meeting on 24\nJanuary he said so.\n"
            "“It’s a positive step,” said Jan Zorin, director of the\nZembla programme.\n“The\nauthorities must "
            "release the remaining\nprisoners of conscience.”\n")
    lay = layout(text)
    body = [b.text for b in lay.blocks if b.kind == "body"]
    assert body[0].endswith("he said so.") and body[2].startswith("“The\nauthorities")
    assert [s for s, _ in _quotes(text)] == ["Jan Zorin", "Jan Zorin"]


def test_a_quotation_opened_after_a_colon_and_left_open_runs_to_the_paragraphs_end() -> None:
    para = "Ona Prykladava, a campaigner, said: “The lack of news about him is worrying. He was not seen since […]"
    spans = quote_spans(para)
    assert len(spans) == 1 and para[spans[0].start:].startswith("The lack")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abc .!?“”\"'’‘XY", max_size=80), st.data())
def test_sentence_bounds_hold_the_position(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(min_value=0, max_value=len(text)))
    spans = quote_spans(text)
    s0, s1 = sentence_bounds(text, pos, spans)
    assert 0 <= s0 <= len(text) and 0 <= s1 <= len(text)
    assert s0 <= pos or s0 <= s1


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abcXYZ ,.’'statemnbyAJ", max_size=90))
def test_statement_author_is_a_phrase_of_the_sentence(sentence: str) -> None:
    author = statement_author(sentence)
    assert author is None or author in sentence


def test_x_quotes_y_gives_the_words_to_the_one_quoted() -> None:
    text = ("News\n\nHuman rights defender Hanna Prykladava has received a letter from Ales Zorinski, jailed "
            "since May.\n\n“He is holding on,” Hanna Prykladava said.\n\n"
            "Besides, imprisoned Zorinski has started collecting songs. “There are people of flesh and blood "
            "here,” Ms Prykladava quotes the political prisoner.\n")
    assert _quotes(text) == [("Hanna Prykladava", "He is holding on"), ("Ales Zorinski", "There are people of fles")]


def test_a_line_announcing_a_speaker_gives_him_the_paragraph_below_without_marks() -> None:
    text = ("News\n\nZembla has imposed sanctions on eight officials of Ostland, the ministry announced today.\n\n"
            "Foreign Secretary Jan Prykladny said:\n\n"
            "Today Zembla has sent a clear message to the regime of Ostland.\n\n"
            "The list includes:\n\nThe guards of the northern colony.\n")
    assert _quotes(text) == [("Jan Prykladny", "Today Zembla has sent a ")]


def test_the_name_of_an_investigation_is_no_speech_whoever_speaks() -> None:
    text = ("News\n\nSpokesman for Radio Zorka, Jan Prykladny, said it was connected with an investigation opened by "
            "police in the capital into “rioting” on 19 December.\n")
    assert _quotes(text) == []


def test_a_person_the_sentence_only_describes_says_nothing() -> None:
    text = ("News\n\nTeodor Prykladny is on the list of people suspected of organising protests \"of social unrest\".\n\n"
            "Ona Prykladava pledged to \"supplement our measures against the guards.\"\n")
    assert [s for s, _ in _quotes(text)] == ["Ona Prykladava"]


def test_an_attribution_after_a_lost_closing_mark_ends_the_quotation() -> None:
    text = ("News\n\nMany journalists left Zembla in 2031.\n\n“Journalists face not only repression but also the "
            "loss of aid, which puts many offices on the verge of closing, told the head of the union Jan Prykladny "
            "at a briefing.\n")
    assert _quotes(text) == [("Jan Prykladny", "Journalists face not onl")]


def test_a_quotation_after_narration_about_the_last_speaker_is_still_his() -> None:
    text = ("News\n\n“They loaded me like a sack of flour,” Ales Prykladski said. “We are goods for sale.”\n\n"
            "In prison, Mr. Prykladski worked in a carpentry shop for eight hours a day.\n\n"
            "He had to lift wood scraps, according to reports from Zorka.\n\n"
            "“It was physically hard for me, considering my age,”\n")
    assert [s for s, _ in _quotes(text)] == ["Ales Prykladski"] * 3


def test_a_given_name_alone_is_the_one_person_named_in_full_with_it() -> None:
    text = ("News\n\nMaryja Prykladava was released on Monday after two years in the colony.\n\n"
            "Maryja noted: “The cells were cold all winter.”\n")
    assert _quotes(text) == [("Maryja Prykladava", "The cells were cold all ")]


def test_a_verb_first_attribution_names_the_speaker_after_it() -> None:
    text = ("News\n\nZembla Radio welcomed the release of its reporter on Monday.\n\n"
            "Said ZR/ZL President and CEO Jan Prykladny, “We are grateful to everyone who helped.”\n")
    assert _quotes(text) == [("Jan Prykladny", "We are grateful to every")]


def test_single_marks_right_after_a_verb_of_speech_are_speech() -> None:
    text = ("News\n\nFormer prisoner Ona Prykladava spoke on Monday about the colony of the north.\n\n"
            "Prykladava recalled ‘the guards never let us sleep at night’ during the first months.\n")
    assert _quotes(text) == [("Ona Prykladava", "the guards never let us ")]


def test_only_a_known_given_name_stands_for_a_full_name() -> None:
    assert given_alone("Maryja", {"Prykladava": "Maryja Prykladava"}) == "Maryja Prykladava"
    # a caption run together ("the organisation Zorka Ales Prykladski") makes no person of the organisation
    assert given_alone("Zorka", {"Prykladski": "Zorka Ales Prykladski"}) is None
    assert given_alone("Maryja", {"Prykladava": "Maryja Prykladava", "Zorina": "Maryja Zorina"}) is None
