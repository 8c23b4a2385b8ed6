"""Sentences and penalties as lists write them: kind, regime, term, fine.

A penalty is usually spread over several cells ("4 1/2 years" + "imprisonment in a medium-security penal
colony"; "15 сут."; "20 б.в. 540,00 руб."), so ``parse_sentence`` reads them together as one text and
looks for three independent things, each by its own words in be, ru and en:

- the term: numbers with a unit of years, months or days ("4 1/2 years", "2 г. 6 мес.", "19 months",
  "15 сут.", "паўтара года"); fractions become months or days as written (4 1/2 years -> 4 y 6 m);
- the kind: the strongest penalty named (death > life > prison > colony > arrest > restricted freedom >
  home confinement > corrective labour > community service > fine), with the colony's regime; a term
  with "imprisonment"/"лишение свободы" but no institution is a colony with an unknown regime; a term
  of days alone is an arrest (administrative lists write "15 сут." and nothing else);
- the fine: an amount of money ("540,00 руб." -> 540.0 BYN; roubles are Belarusian unless the caller
  says ``jurisdiction="RU"``) and/or a number of base units ("20 б.в.", "30 базовых величин"); both are
  kept, the money in ``fine_amount``/``fine_currency`` and the base units in ``fine_base_units``; base
  units alone give ``fine_amount`` = the units and ``fine_currency`` = "BV".

"Suspended", "условно", "умоўна", "адтэрміноўка", "отсрочка" set ``suspended``; with no institution
named the kind is "suspended". Home confinement ("хатняя хімія", "домашняя химия", restricted freedom
"without being sent to an open-type institution") is told apart from restricted freedom in an open
facility ("хімія"). Life imprisonment sets ``life`` (no term). Nothing raises; None when nothing is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["Sentence", "parse_sentence", "KINDS", "REGIMES"]

KINDS = ("colony", "prison", "arrest", "fine", "restricted_freedom", "home_confinement", "suspended",
         "community_service", "death", "other", "corrective_labour")
REGIMES = ("general", "medium", "high", "special", "colony_settlement")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A normalised penalty. ``years``/``months``/``days`` keep the term as written (4 1/2 years -> 4, 6, 0)."""

    kind: str                        # one of KINDS
    regime: str | None = None        # one of REGIMES, for colonies
    years: int = 0
    months: int = 0
    days: int = 0
    fine_amount: float | None = None
    fine_currency: str | None = None  # "BYN", "RUB", "BV" (base units, базавыя велічыні)
    suspended: bool = False
    fine_base_units: float | None = None  # "20 б.в. 540,00 руб." keeps 20 here and 540.0 BYN above
    life: bool = False                    # life imprisonment: custodial, with no term

    @property
    def custodial(self) -> bool:
        """True when the person is held while serving it (colony, prison, arrest)."""
        return self.kind in ("colony", "prison", "arrest") and not self.suspended

    @property
    def term_days(self) -> int | None:
        """The term as a number of days (years of 365, months of 30); None when there is no term."""
        total = self.years * 365 + self.months * 30 + self.days
        return total or None

    def end_from(self, start: date) -> date | None:
        """The calendar day the term ends when it starts on ``start`` (years and months by the calendar)."""
        if not self.term_days:
            return None
        month = start.month - 1 + self.months
        year = start.year + self.years + month // 12
        month = month % 12 + 1
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        day = min(start.day, [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        return date(year, month, day) + timedelta(days=self.days)


# --- the term ----------------------------------------------------------------------------------------

_HALF_WORDS = r"полтора|полторы|паўтара|паўтары|one\s+and\s+a\s+half"
_NUMBER = (r"(?P<half>" + _HALF_WORDS + r")|(?P<n>\d+)(?:(?:\s+|\s*-\s*)(?P<fn>\d)\s*/\s*(?P<fd>\d)"
           r"|\s*(?P<uni>[½¼¾])|[.,](?P<dec>\d{1,2}))?")
_UNITS = {
    "y": r"years?|yrs?|год(?:а|ов)?|лет|гады|гадоў|гадоу|гад(?:а|у)?|г\.?(?=\s|$|\d|,)",
    "m": r"months?|мес(?:яц(?:а|ев)?|\.)?|месяц(?:ы|аў|ау)|мес|мсц|м-?цаў",
    "d": r"days?|сут(?:ок|ки|\.)?|сутак|день|дня|дней|дн\.?|дзень|дзён|дзен|дні|діб",
}
_TERM = re.compile(r"(?<![\d.,])(?:" + _NUMBER + r")\s*(?P<unit>" + "|".join(
    f"(?P<{k}>{v})" for k, v in _UNITS.items()) + r")(?![^\W\d_])", re.I)
_UNICODE_FRACTIONS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4)}


# Number words lists use for terms ("два года", "тры гады", "five years"), read as digits first.
_NUMERALS = {
    1: "один одна одного адзін адна аднаго one", 2: "два две двух дзве двух two", 3: "три трёх трех тры трох three",
    4: "четыре четырёх четырех чатыры чатырох four", 5: "пять пяти пяць five", 6: "шесть шести шэсць six",
    7: "семь семи сем seven", 8: "восемь восьми восем eight", 9: "девять девяти дзевяць nine",
    10: "десять десяти дзесяць ten", 11: "одиннадцать адзінаццаць eleven", 12: "двенадцать дванаццаць twelve",
    13: "тринадцать трынаццаць thirteen", 14: "четырнадцать чатырнаццаць fourteen",
    15: "пятнадцать пятнаццаць fifteen", 20: "двадцать дваццаць twenty", 25: "двадцать пять дваццаць пяць",
    30: "тридцать трыццаць thirty",
}
_NUMERAL_WORDS = {w: n for n, words in _NUMERALS.items() for w in words.split() if n != 25}
_NUMERAL_RE = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(map(re.escape, _NUMERAL_WORDS), key=len, reverse=True))
                         + r")(?![^\W\d_])", re.I)


def _digits(text: str) -> str:
    """Number words as digits ("два года" -> "2 года"); "двадцать пять" -> "20 5" is joined to 25."""
    out = _NUMERAL_RE.sub(lambda m: str(_NUMERAL_WORDS[m.group(1).lower()]), text)
    return re.sub(r"\b([23])0 ([1-9])\b", r"\g<1>\2", out)


def _term(text: str) -> tuple[int, int, int]:
    years = months = days = 0
    seen: set[str] = set()
    for m in _TERM.finditer(text):
        unit = "y" if m.group("y") else "m" if m.group("m") else "d"
        if unit in seen:
            continue  # a second term of the same unit (a probation period, an earlier verdict) is not added
        seen.add(unit)
        whole, frac = _quantity(m)
        if unit == "y":
            years += whole
            months += round(frac * 12)
        elif unit == "m":
            months += whole
            days += round(frac * 30)
        else:
            days += whole
    return years, months, days


def _quantity(m: re.Match[str]) -> tuple[int, float]:
    if m.group("half"):
        return 1, 0.5
    whole = int(m.group("n"))
    if m.group("fn"):
        num, den = int(m.group("fn")), int(m.group("fd"))
        return whole, (num / den if den and num < den else 0.0)
    if m.group("uni"):
        a, b = _UNICODE_FRACTIONS[m.group("uni")]
        return whole, a / b
    if m.group("dec"):
        return whole, float("0." + m.group("dec"))
    return whole, 0.0


# --- the fine ----------------------------------------------------------------------------------------

_AMOUNT = r"(?P<amt>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?"
_BASE_UNITS = re.compile(
    r"(?P<bu>\d+(?:[.,]\d+)?)\s*(?:б\.?\s*в\.?|базов\w*\s+величин\w*|базав\w*\s+велічын\w*|base\s+units?|"
    r"bv\b|б/в)", re.I)
_MONEY = re.compile(
    _AMOUNT + r"\s*(?P<cur>(?:(?:бел|рос|рас|рус|belarusian|russian)\w*\.?\s*)?(?:руб\w*\.?|р\.|rubles?|roubles?)"
    r"|byn|byr|rub|₽|usd|\$|eur|€|долл\w*|еўра|евро)", re.I)
_CURRENCY = {"$": "USD", "usd": "USD", "долл": "USD", "eur": "EUR", "€": "EUR", "еўра": "EUR",
             "евро": "EUR", "₽": "RUB", "rub": "RUB", "byn": "BYN", "byr": "BYR", "рос": "RUB", "рас": "RUB",
             "рус": "RUB", "russian": "RUB", "бел": "BYN", "belarusian": "BYN"}


def _fine(text: str, jurisdiction: str) -> tuple[float | None, str | None, float | None]:
    units = None
    bu = _BASE_UNITS.search(text)
    if bu:
        units = float(bu.group("bu").replace(",", "."))
        text = text[:bu.start()] + " " + text[bu.end():]
    money = _MONEY.search(text)
    if money:
        amount = float(re.sub(r"\D", "", money.group("amt")) + "." + (money.group("cents") or "0"))
        cur = money.group("cur").lower()
        code = next((v for k, v in _CURRENCY.items() if cur.startswith(k)), None)
        if code is None:  # roubles with no country: the caller's
            code = "RUB" if jurisdiction == "RU" else "BYN"
        return amount, code, units
    if units is not None:
        return units, "BV", units
    return None, None, None


# --- the kind ----------------------------------------------------------------------------------------

def _rx(*alts: str) -> re.Pattern[str]:
    return re.compile("|".join(alts), re.I)


# Order matters: the first kind whose words occur wins (the strongest penalty named).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("death", _rx(r"смертн\w* казн", r"расстрел", r"смяротн\w* пакаранн", r"расстрэл", r"death\s+penalty",
                  r"capital\s+punishment", r"sentenced\s+to\s+death")),
    ("life", _rx(r"пожизненн", r"пажыццёв", r"пажыццев", r"life\s+(?:imprisonment|sentence|term)",
                 r"\bfor\s+life\b")),
    ("prison", _rx(r"тюрьм", r"тюремн", r"турм", r"\bprison", r"крыт\w+ (?:рэжым|режим)")),
    ("colony", _rx(r"колони", r"калоні", r"penal\s+colony", r"\bcolony", r"\bИК\b")),
    ("home_confinement", _rx(r"хатн\w+\s+хімі", r"домашн\w+\s+хими", r"home\s+(?:confinement|arrest)",
                             r"domashn\w*\s+khimi", r"без\s+направлени", r"без\s+накіраванн",
                             r"without\s+(?:being\s+)?sen[dt]")),
    ("restricted_freedom", _rx(r"ограничени\w*\s+свобод", r"абмежаванн\w*\s+вол", r"restrict\w*\s+(?:of\s+)?"
                               r"freedom", r"restricted\s+liberty", r"хімі", r"хими", r"khimi",
                               r"open[\s-]+(?:type|penal)")),
    ("arrest", _rx(r"арест", r"арышт", r"\barrest", r"\bсут\b", r"\bсут\.", r"сутак", r"суток",
                   r"\bдіб\b")),
    ("corrective_labour", _rx(r"исправительн\w*\s+работ", r"выпраўлен\w*\s+работ", r"corrective\s+labou?r",
                              r"correctional\s+labou?r")),
    ("community_service", _rx(r"обществен\w*\s+работ", r"грамадск\w*\s+работ", r"community\s+(?:service|work)",
                              r"public\s+works")),
    ("imprisonment", _rx(r"лишени\w*\s+свобод", r"лиш\.\s*св", r"пазбаўленн\w*\s+вол", r"imprison",
                         r"incarcerat", r"custod")),
    ("fine", _rx(r"штраф", r"\bfine", r"б\.?\s*в\.", r"базов", r"базав")),
)
_REGIMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("colony_settlement", _rx(r"колони\w*[\s-]+поселени", r"калоні\w*[\s-]+пасяленн", r"settlement")),
    ("special", _rx(r"особ\w+\s+режим", r"асабл\w+\s+рэжым", r"special[\s-]+(?:regime|security)")),
    ("high", _rx(r"строг\w+\s+режим", r"строг\w+\s+рэжым", r"\bstrict", r"high[\s-]+security",
                 r"maximum[\s-]+security")),
    ("medium", _rx(r"усилен\w+\s+режим", r"[уў]змоцнен\w+\s+рэжым", r"medium[\s-]+security", r"\breinforced")),
    ("general", _rx(r"общ\w+\s+режим", r"агульн\w+\s+рэжым", r"general[\s-]+(?:security|regime)",
                    r"minimum[\s-]+security")),
)
_SUSPENDED = _rx(r"suspended", r"probation", r"условн", r"умоўн", r"адтэрміноўк", r"отсрочк",
                 r"испытательн", r"deferred")


@lru_cache(maxsize=65536)
def _parse(text: str, jurisdiction: str) -> Sentence | None:
    norm = text.replace("ё", "е").replace("Ё", "Е")
    fine_amount, fine_currency, base_units = _fine(norm, jurisdiction)
    fineless = _MONEY.sub(" ", _BASE_UNITS.sub(" ", norm))
    years, months, days = _term(_digits(fineless))
    kind = next((k for k, rx in _KINDS if rx.search(fineless if k != "fine" else norm)), None)
    suspended = bool(_SUSPENDED.search(norm))
    regime = next((r for r, rx in _REGIMES if rx.search(norm)), None)
    life = kind == "life"
    if life:
        kind, regime = ("colony", regime or "special")
    if kind == "imprisonment":
        kind = "colony"
    if kind is None:
        if fine_amount is not None:
            kind = "fine"
        elif days and not years and not months:
            kind = "arrest"
        elif suspended:
            kind = "suspended"
        elif years or months or days:
            kind = "other"
        else:
            return None
    if suspended and kind in ("other", "colony") and regime is None:
        kind = "suspended"
    if kind != "colony":
        regime = None
    return Sentence(kind=kind, regime=regime, years=years, months=months, days=days,
                    fine_amount=fine_amount, fine_currency=fine_currency, suspended=suspended,
                    fine_base_units=base_units, life=life)


def parse_sentence(*texts: str | None, jurisdiction: str = "BY") -> Sentence | None:
    """One sentence from the cells that describe it (term, penalty kind, fine). None when nothing is known.

    ``jurisdiction`` says whose roubles a bare "руб." means (BY: BYN, RU: RUB).
    """
    text = " ".join(t.strip() for t in texts if isinstance(t, str) and t.strip())
    if not text:
        return None
    return _parse(" ".join(text.split()), jurisdiction)
