"""Short titles of the articles lists cite most, in Belarusian, Russian and English.

Written for reckon from public knowledge of the codes (paraphrased, never the codes' own wording), so a
count by article can say "BY-CC-342 gross violation of public order" instead of a bare number. The
administrative titles are those of Belarus's 2003 Code of Administrative Offences (in force to
1 March 2021, the code the lists of 2020 cite); the 2021 Code renumbered them and its numbers that do not
clash with the 2003 ones are listed too. An article with no title here simply has none (``label`` gives
None): the key is still exact.
"""

from __future__ import annotations

__all__ = ["LABELS", "label"]

# key -> (be, ru, en)
_TITLES: dict[str, tuple[str, str, str]] = {
    # Belarus, Criminal Code (1999)
    "BY-CC-13": ("падрыхтоўка да злачынства", "приготовление к преступлению", "preparation for a crime"),
    "BY-CC-14": ("замах на злачынства", "покушение на преступление", "attempted crime"),
    "BY-CC-16": ("суўдзел у злачынстве", "соучастие в преступлении", "complicity in a crime"),
    "BY-CC-130": ("распальванне варожасці", "разжигание вражды", "incitement of hatred"),
    "BY-CC-130-1": ("рэабілітацыя нацызму", "реабилитация нацизма", "rehabilitation of Nazism"),
    "BY-CC-191": ("перашкода выбарчым правам", "воспрепятствование избирательным правам",
                  "obstruction of electoral rights"),
    "BY-CC-218": ("наўмыснае знішчэнне або пашкоджанне маёмасці",
                  "умышленное уничтожение или повреждение имущества",
                  "intentional destruction or damage of property"),
    "BY-CC-243": ("ухіленне ад выплаты падаткаў", "уклонение от уплаты налогов", "tax evasion"),
    "BY-CC-285": ("стварэнне злачыннай арганізацыі або ўдзел у ёй",
                  "создание преступной организации либо участие в ней",
                  "creating or joining a criminal organisation"),
    "BY-CC-289": ("акт тэрарызму", "акт терроризма", "act of terrorism"),
    "BY-CC-293": ("масавыя беспарадкі", "массовые беспорядки", "mass riots"),
    "BY-CC-295": ("незаконны абарот зброі", "незаконный оборот оружия", "illegal handling of weapons"),
    "BY-CC-309": ("пашкоджанне транспартных сродкаў або шляхоў зносін",
                  "повреждение транспортных средств или путей сообщения",
                  "damage to transport or communication routes"),
    "BY-CC-339": ("хуліганства", "хулиганство", "hooliganism"),
    "BY-CC-341": ("апаганьванне будынкаў і псаванне маёмасці", "осквернение сооружений и порча имущества",
                  "desecration of buildings and damage to property"),
    "BY-CC-342": ("грубае парушэнне грамадскага парадку", "грубое нарушение общественного порядка",
                  "gross violation of public order"),
    "BY-CC-356": ("здрада дзяржаве", "измена государству", "high treason"),
    "BY-CC-357": ("змова з мэтай захопу ўлады", "заговор с целью захвата власти",
                  "conspiracy to seize power"),
    "BY-CC-361": ("заклікі да дзеянняў супраць нацыянальнай бяспекі",
                  "призывы к действиям против национальной безопасности",
                  "calls for actions against national security"),
    "BY-CC-361-1": ("стварэнне экстрэмісцкага фарміравання або ўдзел у ім",
                    "создание экстремистского формирования либо участие в нем",
                    "creating or joining an extremist formation"),
    "BY-CC-361-4": ("садзейнічанне экстрэмісцкай дзейнасці", "содействие экстремистской деятельности",
                    "assisting extremist activity"),
    "BY-CC-363": ("супраціўленне міліцыянеру", "сопротивление сотруднику милиции",
                  "resisting a police officer"),
    "BY-CC-364": ("гвалт або пагроза супраць міліцыянера", "насилие либо угроза в отношении сотрудника милиции",
                  "violence or threats against a police officer"),
    "BY-CC-366": ("гвалт або пагроза супраць службовай асобы",
                  "насилие либо угроза в отношении должностного лица",
                  "violence or threats against an official"),
    "BY-CC-367": ("паклёп на Прэзідэнта", "клевета в отношении Президента", "defamation of the President"),
    "BY-CC-368": ("абраза Прэзідэнта", "оскорбление Президента", "insulting the President"),
    "BY-CC-369": ("абраза прадстаўніка ўлады", "оскорбление представителя власти",
                  "insulting a government official"),
    "BY-CC-369-1": ("дыскрэдытацыя Рэспублікі Беларусь", "дискредитация Республики Беларусь",
                    "discrediting the Republic of Belarus"),
    "BY-CC-370": ("знявага дзяржаўных сімвалаў", "надругательство над государственными символами",
                  "desecration of state symbols"),
    "BY-CC-411": ("злоснае непадпарадкаванне адміністрацыі калоніі",
                  "злостное неповиновение администрации исправительного учреждения",
                  "wilful disobedience to the colony administration"),
    # Belarus, Code of Administrative Offences (2003)
    "BY-CAO-9.3": ("абраза", "оскорбление", "insult"),
    "BY-CAO-17.1": ("дробнае хуліганства", "мелкое хулиганство", "petty hooliganism"),
    "BY-CAO-17.3": ("распіванне алкаголю ў грамадскім месцы", "распитие алкоголя в общественном месте",
                    "drinking alcohol in public"),
    "BY-CAO-17.11": ("распаўсюд экстрэмісцкіх матэрыялаў", "распространение экстремистских материалов",
                     "distributing extremist materials"),
    "BY-CAO-22.9": ("парушэнне заканадаўства пра СМІ", "нарушение законодательства о СМИ",
                    "violating the mass media law"),
    "BY-CAO-23.4": ("непадпарадкаванне патрабаванню службовай асобы",
                    "неповиновение требованию должностного лица",
                    "disobeying an official's lawful demand"),
    "BY-CAO-23.34": ("парушэнне парадку масавых мерапрыемстваў", "нарушение порядка массовых мероприятий",
                     "violating the rules on mass events"),
    "BY-CAO-24.1": ("непавага да суда", "неуважение к суду", "contempt of court"),
    # Russia
    "RU-CC-30": ("падрыхтоўка і замах на злачынства", "приготовление и покушение на преступление",
                 "preparation for and attempt at a crime"),
    "RU-CC-207.3": ("фэйкі пра армію", "публичное распространение заведомо ложной информации об армии",
                    "spreading 'false information' about the army"),
    "RU-CC-280.3": ("дыскрэдытацыя арміі (паўторна)", "повторная дискредитация армии",
                    "repeatedly discrediting the army"),
    "RU-CC-282.2": ("удзел у экстрэмісцкай арганізацыі", "участие в экстремистской организации",
                    "joining an extremist organisation"),
    "RU-CC-275": ("дзяржаўная здрада", "государственная измена", "high treason"),
    "RU-CAO-20.2": ("парушэнне парадку публічных мерапрыемстваў", "нарушение порядка публичных мероприятий",
                    "violating the rules on public events"),
    "RU-CAO-20.3.3": ("дыскрэдытацыя арміі", "дискредитация армии", "discrediting the army"),
}

# Articles whose title is another's: the 2021 administrative Code renumbered these 2003 articles, and
# Russia's complicity article is Belarus's.
_SAME_AS = {
    "BY-CAO-19.1": "BY-CAO-17.1",
    "BY-CAO-19.11": "BY-CAO-17.11",
    "BY-CAO-24.23": "BY-CAO-23.34",
    "RU-CC-33": "BY-CC-16",
}

_LANGS = ("be", "ru", "en")
LABELS: dict[str, dict[str, str]] = {
    k: dict(zip(_LANGS, v, strict=True))
    for k, v in [*_TITLES.items(), *((k, _TITLES[same]) for k, same in _SAME_AS.items())]
}


def label(key: str, lang: str = "en") -> str | None:
    """The short title of the article ``key`` ("BY-CC-342" or "BY-CC-342:1") in be, ru or en, or None."""
    titles = LABELS.get(key.split(":", 1)[0])
    if titles is None:
        return None
    return titles.get(lang) or titles["en"]
