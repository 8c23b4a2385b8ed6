"""Numbers as Belarusian and Russian news write them.

Digits with spaces or dots between thousands ("1 496", "1.405"), a decimal comma before a scale
("3,3 тыс.", "1,5 тысячы"), ranges ("250-255"), a leading plus ("+8 новых"), and number words in every
case form ("семнадцати", "пяцёра", "трёх", "васьмі", "тысяча"), including collective numerals ("двое",
"восьмерых") and "десяток"/"дзясятак" (about ten). The case forms are written out here rather than taken
from a morphological analyser: the set is closed (a few hundred forms in two languages), Belarusian has no
analyser dictionary in the packages reckon can use, and a table is exact and fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FORMS: dict[int, str] = {
    # Russian | Belarusian, space separated; every case form a news text uses
    1: "один одна одно одного одной одному одним одном одну адзін адна адно аднаго адной аднаму адным адну",
    2: "два две двух двум двумя дзве двума дзвюх дзвюма",
    3: "три трех трёх трем трём тремя тры трох тром трыма",
    4: "четыре четырех четырёх четырем четырём четырьмя чатыры чатырох чатыром чатырма",
    5: "пять пяти пятью пяць пяці пяццю",
    6: "шесть шести шестью шэсць шасці шасцю",
    7: "семь семи семью сем сямі сямю",
    8: "восемь восьми восемью восьмью восем васьмі васьмю",
    9: "девять девяти девятью дзевяць дзевяці дзевяццю",
    10: "десять десяти десятью дзесяць дзесяці дзесяццю",
    11: "одиннадцать одиннадцати адзінаццаць адзінаццаці",
    12: "двенадцать двенадцати дванаццаць дванаццаці",
    13: "тринадцать тринадцати трынаццаць трынаццаці",
    14: "четырнадцать четырнадцати чатырнаццаць чатырнаццаці",
    15: "пятнадцать пятнадцати пятнаццаць пятнаццаці",
    16: "шестнадцать шестнадцати шаснаццаць шаснаццаці",
    17: "семнадцать семнадцати сямнаццаць сямнаццаці",
    18: "восемнадцать восемнадцати васямнаццаць васямнаццаці",
    19: "девятнадцать девятнадцати дзевятнаццаць дзевятнаццаці",
    20: "двадцать двадцати двадцатью дваццаць дваццаці",
    30: "тридцать тридцати трыццаць трыццаці",
    40: "сорок сорока сорак сарака",
    50: "пятьдесят пятидесяти пяцьдзесят пяцідзесяці",
    60: "шестьдесят шестидесяти шэсцьдзесят шасцідзесяці",
    70: "семьдесят семидесяти семдзесят сямідзесяці",
    80: "восемьдесят восьмидесяти восемдзесят васьмідзесяці",
    90: "девяносто девяноста дзевяноста",
    100: "сто ста",
    200: "двести двухсот двумстам дзвесце",
    300: "триста трехсот трёхсот трыста трохсот",
    400: "четыреста четырехсот четырёхсот чатырыста чатырохсот",
    500: "пятьсот пятисот пяцьсот пяцісот",
    600: "шестьсот шестисот шэсцьсот шасцісот",
    700: "семьсот семисот семсот сямісот",
    800: "восемьсот восьмисот восемсот васьмісот",
    900: "девятьсот девятисот дзевяцьсот дзевяцісот",
}
_COLLECTIVE: dict[int, str] = {
    2: "двое двоих двоим дваіх",
    3: "трое троих троим траіх",
    4: "четверо четверых чацвёра чацвярых",
    5: "пятеро пятерых пяцёра пяцярых",
    6: "шестеро шестерых шасцёра шасцярых",
    7: "семеро семерых сямёра сямярых",
    8: "восьмеро восьмерых васьмёра васьмярых",
    9: "девятеро девятерых дзевяцёра дзевяцярых",
    10: "десятеро десятерых дзесяцёра дзесяцярых",
}
_THOUSAND = "тысяча тысячи тысяч тысячу тысячей тысячам тысячами тысячы тысячай"
_MILLION = "миллион миллиона миллионов мільён мільёны мільёнаў мільёна"
_TEN_ABOUT = "десяток десятка дзясятак дзясятка дзесятак дзесятка"
# "два дзясяткі", "три десятка": tens after a number; alone ("дзясяткі людзей") they are no number
_TENS_PLURAL = set("дзясяткі дзесяткі десятки".split())
# "дзве сотні прапагандыстаў", "три сотни человек": hundreds after a number; alone ("сотні палітвязняў") they are
# no number
_HUNDREDS_PLURAL = set("сотни сотен сотням сотнями сотнях сотні сотняў сотнямі".split())
# "полторы тысячи", "паўтары тысячы": one and a half, a number only before a scale word
_ONE_AND_HALF = set("полтора полторы полутора паўтара паўтары".split())
# "больш за паўтысячы прозвішчаў": half a thousand
_HALF_THOUSAND = set("паўтысячы полтысячи пол-тысячи".split())
# "около полусотни человек", "паўсотні затрыманых": half a hundred
_HALF_HUNDRED = set("полсотни полусотни полусотне полусотней пол-сотни паўсотні паўсотню паўсотняй".split())
# "больше тысячи человек": a thousand after a qualifier; "тысячи людей" alone are thousands, no number
_QUALIFIED_THOUSAND = re.compile(r"(?:более|больше|свыше|больш\s+за|звыш|около|каля|почти|амаль|не\s+менее|"
                                 r"не\s+менш\s+за|до|да)(?:\s+чем)?\s+$", re.IGNORECASE)

# "двое", "пяцёра": collective numerals count people (or pairs), so alone they are a count of people
COLLECTIVE_WORDS = frozenset(f for forms in _COLLECTIVE.values() for f in forms.split())

WORD_VALUES: dict[str, int] = {}
for _value, _forms in (*_FORMS.items(), *_COLLECTIVE.items()):
    for _f in _forms.split():
        WORD_VALUES[_f] = _value
for _f in _HALF_THOUSAND:
    WORD_VALUES[_f] = 500
for _f in _HALF_HUNDRED:
    WORD_VALUES[_f] = 50
_SCALE_VALUES = {**{f: 1000 for f in _THOUSAND.split()}, **{f: 1_000_000 for f in _MILLION.split()}}
_ABOUT_TEN = set(_TEN_ABOUT.split())

_ALL_WORDS = sorted({*WORD_VALUES, *_SCALE_VALUES, *_ABOUT_TEN, *_TENS_PLURAL, *_HUNDREDS_PLURAL, *_ONE_AND_HALF}, key=len,
                    reverse=True)
_WORD_ALT = "|".join(_ALL_WORDS)
_WORD_SEQ = rf"(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*"
_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:,\d+)?"
_SCALE = r"(?:\s*(?:тыс\.|тыс\b|тысяч\w*|млн\.?|миллион\w*|мільён\w*))?"

NUMBER_RE = re.compile(
    rf"(?<![\w.,/:-])(?P<plus>\+\s?)?(?:(?P<digits>{_DIGITS})(?P<scale>{_SCALE})"
    rf"(?:[-–](?P<high>\d+))?|(?P<words>{_WORD_SEQ}))(?![\w]|[.:/,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: int
    text: str
    is_range: bool = False  # "250-255": the value is the lower bound
    plus: bool = False  # "+8": a count of new ones
    about: bool = False  # "дзясятак": about ten
    words: bool = False  # written in words


def _digits_value(digits: str, scale: str) -> int | None:
    raw = digits.replace("\u00a0", " ").replace("\u202f", " ")
    mult = 1
    s = scale.strip().lower()
    if s.startswith(("тыс",)):
        mult = 1000
    elif s.startswith(("млн", "миллион", "мільён")):
        mult = 1_000_000
    if "," in raw:
        whole, frac = raw.split(",", 1)
        if mult == 1 and len(frac) == 3:
            return int(whole + frac)
        return round(float(f"{whole.replace(' ', '')}.{frac}") * mult)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return int(raw.replace(".", "")) * mult
    return int(raw.replace(" ", "")) * mult


_VAGUE_SCALES = {"тысяч", "тысячи", "тысячам", "тысячами", "тысячы", "тысячаў", "миллионов", "миллионы",
                  "мільёнаў", "мільёны"}


def _words_value(text: str) -> tuple[int | None, bool]:
    if text.lower() in _VAGUE_SCALES:
        return None, False  # "тысяч людей": thousands, not a number
    total, current, about, half = 0, 0, False, False
    for word in text.lower().split():
        if word in _ABOUT_TEN or word in _TENS_PLURAL:
            if word in _TENS_PLURAL and not current:
                return None, False  # "дзясяткі затрыманых": tens of them, no number
            current = (current or 1) * 10  # "десяток": about ten; "два десятка": about twenty
            about = True
        elif word in _HUNDREDS_PLURAL:
            if not current or current >= 10:
                return None, False  # "сотни задержанных": hundreds of them, no number
            current *= 100
        elif word in _ONE_AND_HALF:
            half = True
        elif word in _SCALE_VALUES:
            total += (current or 1) * _SCALE_VALUES[word] + (_SCALE_VALUES[word] // 2 if half else 0)
            current, half = 0, False
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        else:
            return None, about
    if half:
        return None, about  # "полтора года": no scale after it, no count
    return total + current, about


# "19 тыс. 335 человек", "2 тысячи 40 задержанных": the hundreds after a thousands scale belong to the number
# (not a second number of their own); a day of a month after it ("… тыс. 17 сентября") does not
_THOUSANDS_REST = re.compile(r"[ \u00a0]+(\d{1,3})(?![\d.,:/-]|[ \u00a0]*(?:январ|феврал|март|апрел|ма[яй]|июн|июл|"
                             r"август|сентябр|октябр|ноябр|декабр|студзен|лют|сакав|красав|траўн|чэрвен|ліпен|жнів|"
                             r"верас|кастрычн|лістапад|снеж|тыс))", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number phrase in ``text`` with its value (spans index ``text``)."""
    out: list[NumberMatch] = []
    taken = 0  # the end of the last number: "335" of "19 тыс. 335" is read with the thousands
    for m in NUMBER_RE.finditer(text):
        if m.start() < taken:
            continue
        if m.group("digits"):
            value = _digits_value(m.group("digits"), m.group("scale") or "")
            if value is None:
                continue
            end = m.end()
            rest = _THOUSANDS_REST.match(text, end) if (m.group("scale") or "").strip().lower().startswith("тыс") \
                and value % 1000 == 0 and not m.group("high") else None
            if rest:
                value, end = value + int(rest.group(1)), rest.end()
            taken = end
            out.append(NumberMatch(m.start(), end, value, text[m.start():end], is_range=bool(m.group("high")),
                                   plus=bool(m.group("plus"))))
        else:
            value, about = _words_value(m.group("words"))
            if value is None and m.group("words").lower() in ("тысячи", "тысячы") and \
                    _QUALIFIED_THOUSAND.search(text[max(0, m.start() - 15):m.start()]):
                value = 1000
            if value is None and m.group("words").lower() in ("сотни", "сотні") and \
                    _QUALIFIED_THOUSAND.search(text[max(0, m.start() - 15):m.start()]):
                value = 100  # "для более чем сотни белорусов": a hundred after a qualifier
            if value is None or value == 0:
                continue
            out.append(NumberMatch(m.start(), m.end(), value, m.group(0), plus=bool(m.group("plus")), about=about,
                                   words=True))
    return out


def parse_number(text: str) -> int | None:
    """The value of one number phrase ("1 496", "семнадцати", "3,3 тыс."), else None."""
    found = find_numbers(text.strip())
    return found[0].value if len(found) == 1 else None
