"""Sanctions statements in English news (issue 16): the wordings fresh articles used, restated on made-up text.

Every person, court and number here is invented. Each test states one general rule: spellings in
"(also known as …)" are the same person, a relative named by the given name alone takes the family's
surname, partners named "in conjunction with" the actor act too, a whole list after "joined" is out, a
line after a sanctioning sentence that ends in a dash names its targets, a list whose jurisdiction only a
later sentence names takes it from there, "the same persons were added to the Swiss list" adds a
jurisdiction, and a standing total ("a total of …, including X, currently are subject to …") lists nobody.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reckon.news import extract

GIVEN = ["Viktor", "Dmitry", "Natalia", "Ivan", "Olga", "Sergei", "Anna", "Pavel"]
SURNAMES = ["Zarubenka", "Kavalchuk", "Miraslauski", "Tsiareshka", "Hrynevich", "Lapatsin"]


def _pairs(text: str) -> set[tuple[str, str]]:
    facts = extract(text, source_hint="t.txt")
    return {(s.target.split()[-1].upper(), j) for s in facts.sanctions for j in s.jurisdictions}


def test_also_known_as_spellings_are_no_other_targets() -> None:
    text = ("Regulations Amending the Special Economic Measures (Zembla) Regulations\n\n"
            "1 Part 1 of Schedule 1 to the Regulations is amended by adding the following in numerical order:\n\n"
            "  • 7 Pavel Ivanovich KAVALCHUK (born on May 2, 1970) (also known as Paval Ivanavich KAVALCHUK and "
            "Pavlo KOVALCHUK)\n"
            "  • 8 Olga Sergeevna LAPATSINA (born on June 3, 1981) (also known as Volha Siarheyeuna LAPATSINA)\n")
    assert _pairs(text) == {("KAVALCHUK", "CA"), ("LAPATSINA", "CA")}


def test_a_relative_named_by_the_given_name_takes_the_surname() -> None:
    text = ("Ruritania and Britain impose sanctions on Zembla's president\n\n"
            "Canada imposed the sanctions in conjunction with Britain against 9 officials, specifically targeting "
            "Ivan Zarubenka. According to the Foreign Office, the list of those targeted includes Zarubenka's son "
            "Dmitry, who is also his father's security adviser.\n")
    pairs = _pairs(text)
    assert {("ZARUBENKA", "CA"), ("ZARUBENKA", "GB")} <= pairs
    targets = [s.target for s in extract(text, source_hint="t.txt").sanctions]
    assert "Dmitry Zarubenka" in targets


def test_the_son_of_a_named_father_is_a_target_not_the_father() -> None:
    text = ("Sanctions list\n\nThe Ukrainian government approved sanctions against 12 citizens of Zembla. "
            "The list, in particular, includes the eldest son of Ivan Hrynevich, Sergei, and the press secretary "
            "Anna Tsiareshka.\n")
    targets = {s.target for s in extract(text, source_hint="t.txt").sanctions}
    assert targets == {"Sergei Hrynevich", "Anna Tsiareshka"}


def test_a_list_after_joined_is_not_the_actor() -> None:
    text = ("Sanctions on Zembla officials\n\n"
            "The United States joined Britain, the European Union and Canada on Monday in levying sanctions against "
            "officials of Zembla. The Treasury Department said it has frozen the assets of 6 individuals. Among "
            "those targeted were the press secretary Natalia Miraslauski and the judge Pavel Lapatsin.\n")
    assert _pairs(text) == {("MIRASLAUSKI", "US"), ("LAPATSIN", "US")}


def test_a_line_after_a_sentence_ending_in_a_dash_names_the_target() -> None:
    text = ("EU updates the Zembla list\n\n"
            "The EU Council has added one name to the list. On July 2, the Council of the EU decided to add one more "
            "person to the black list of officials –\nOlga Kavalchuk, Ostrov District Court judge.\n"
            "She sentenced a blogger to three years.\n")
    assert _pairs(text) == {("KAVALCHUK", "EU")}


def test_a_later_sentence_gives_the_jurisdiction_of_an_opening_list() -> None:
    text = ("Also, the list of persons subject to restrictions included the head of the Ostrov police Ivan "
            "Hrynevich and judge Anna Zarubenka.\n\n"
            "Restrictions imply a ban on entry and an asset freeze. The British Foreign Office stressed that it had "
            "adopted the sixth package of sanctions together with the authorities of the EU, the United States "
            "and Canada.\n")
    assert _pairs(text) == {("HRYNEVICH", "GB"), ("ZARUBENKA", "GB")}


def test_the_same_persons_added_to_another_list_add_its_jurisdiction() -> None:
    text = ("Ruritania aligns with EU sanctions on Zembla\n\n"
            "On March 3, the Council of the European Union decided to impose restrictive measures on an additional "
            "9 individuals. The same persons have been added to the Swiss black list.\n\n"
            "The decision targets members of the judiciary and propaganda outlets (e.g. anchorman Pavel Lapatsin).\n")
    assert _pairs(text) == {("LAPATSIN", "EU"), ("LAPATSIN", "CH")}


def test_a_standing_total_lists_nobody() -> None:
    text = ("EU sanctions Zembla judge\n\n"
            "The Council of the EU added Ivan Tsiareshka, an Ostrov judge, to its sanctions list on Monday. "
            "A total of 200 individuals, including President Sergei Kavalchuk, currently are subject to EU travel "
            "bans.\n")
    assert _pairs(text) == {("TSIARESHKA", "EU")}


def test_a_surname_the_article_named_in_full_among_the_sanctioned() -> None:
    text = ("NZ sanctions Zembla leaders\n\n"
            "The Government has sanctioned the leaders and military of Zembla.\n\n"
            "Zembla has for decades been ruled by Sergei Kavalchuk, a strongman.\n\n"
            "Kavalchuk was among the Zemblan political and military leaders to be sanctioned by the Government, "
            "the minister said.\n")
    assert _pairs(text) == {("KAVALCHUK", "NZ")}


def test_sanctions_target_and_associated_with_the_ruler() -> None:
    text = ("US sanctions Zembla\n\n"
            "New Zealand has imposed travel bans on selected individuals associated with the regime of President "
            "Sergei Kavalchuk.\n\n"
            "The individual sanctions target Zembla's Deputy Minister of the Interior Pavel Ivanavich Lapatsin "
            "(Lapatsin), who is blamed for the crackdown.\n")
    assert ("KAVALCHUK", "NZ") not in _pairs(text)
    assert ("LAPATSIN", "NZ") in _pairs(text)


def test_the_others_on_the_sanctions_list_are_targets() -> None:
    text = ("UK, Ruritania sanction Zembla leader\n\n"
            "The UK and Canada on Tuesday imposed coordinated sanctions on Zembla's leader Sergei Kavalchuk and "
            "five senior figures.\n\n"
            "Besides Kavalchuk, the others on the sanctions list are Ivan Petrovich Hrynevich, chief of staff; "
            "Anna Zarubenka, minister of internal affairs; and Pavel Lapatsin, commander of the police.\n")
    assert {("HRYNEVICH", "GB"), ("ZARUBENKA", "CA"), ("LAPATSIN", "GB")} <= _pairs(text)


def test_a_surname_after_used_by_is_no_target() -> None:
    text = ("UK sanctions Zembla\n\n"
            "The UK and Canada imposed new sanctions against Sergei Kavalchuk's regime on Monday.\n\n"
            "London also imposed financial sanctions on state banks and banned technical assistance to aircraft "
            "used by Kavalchuk and his associates.\n\n"
            "The UK imposed personal sanctions on businessman Ivan Hrynevich, an associate of Sergei Kavalchuk.\n")
    assert _pairs(text) == {("HRYNEVICH", "GB")}


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(SURNAMES), st.sampled_from(GIVEN), st.sampled_from(GIVEN),
       st.sampled_from(["son", "daughter", "wife", "eldest son", "brother"]))
def test_kin_by_given_name_property(surname: str, father: str, kin: str, word: str) -> None:
    """Whatever the names, "X's <kin> Given" in a sanctioning sentence makes "Given X" a target, and any
    spelling in "(also known as …)" adds none."""
    text = (f"UK sanctions Zembla officials\n\n"
            f"Britain sanctioned {father} {surname} and {surname}'s {word} {kin} on Friday. "
            f"The list also names {father} {surname}ov (also known as {father[:3]} {surname}aŭ).\n")
    targets = [s.target for s in extract(text, source_hint="t.txt").sanctions]
    assert f"{kin} {surname}" in targets
    assert not any(t.endswith(f"{surname}aŭ") for t in targets)
