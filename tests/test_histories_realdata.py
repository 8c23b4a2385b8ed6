"""Viasna's two real lists, imported and linked: counts of persons on a date against a count done by hand.

The expected numbers are computed here from the CSV files with the csv module and the rules of
docs/histories.md written out plainly per row (no reckon.histories code); only the grouping of rows into
persons is taken from `reckon link`, as a documenter counting by hand would take it from the register.
The political-prisoner list is declared with its own date, 2024-03-04.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from conftest import shared_path
from reckon.histories import service as sv
from reckon.ingest.service import import_file
from reckon.store.rawblocks import raw_rows

PP_FILE = "viasna_political_prisoners_sample.csv"
ADMIN_FILE = "viasna_admin_cases_2020_sample.csv"
LIST_DATE = date(2024, 3, 4)


def _plus(start: date, years: int, months: int) -> date:
    m = start.month - 1 + months
    y, m = start.year + years + m // 12, m % 12 + 1
    import calendar

    return date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


def _term(text_: str) -> tuple[int, int] | None:
    m = re.match(r"(\d+)( 1/2)? years?", text_)
    if m:
        return int(m.group(1)), 6 if m.group(2) else 0
    m = re.match(r"(\d+) months?", text_)
    return (0, int(m.group(1))) if m else None


def _d(text_: str) -> date | None:
    return date.fromisoformat(text_) if text_ else None


def pp_row_state(row: dict, state: str, on: date) -> bool | None:
    """One register row's case on ``on``, by hand: True, False, or None (depends on an unknown date)."""
    start = _d(row["arrested"])
    custodial = "imprisonment" in row["penalty"] and "suspended" not in row["penalty"]
    verdict = _d(row["verdict_date"])
    if start is None and custodial:
        start = verdict
    if state == "persecuted":
        first = start or verdict
        if first is None:
            return True if on >= LIST_DATE else None
        return first <= on
    if start is None or (not custodial and not row["arrested"]):
        return False
    term = _term(row["decision"])
    lo = hi = None   # first free day: earliest and latest
    if row["release_date"]:
        lo = hi = _d(row["release_date"])
    elif custodial and term:
        lo = hi = _plus(start, *term)
    elif not custodial and verdict:
        lo = hi = verdict
    if row["status"] == "active" and (hi is None or hi <= LIST_DATE):
        lo, hi = max(lo or start, LIST_DATE + timedelta(days=1)), None
    elif row["status"] == "former" and (hi is None or hi > LIST_DATE):
        lo, hi = start + timedelta(days=1), LIST_DATE
    if lo is None:
        lo = start + timedelta(days=1)
    if on < start:
        return False
    if on < lo:
        held = True
    elif hi is not None and on >= hi:
        held = False
    else:
        held = None
    if state == "in_custody":
        return held
    if state == "political_prisoner":
        recognised = row["status"] != "np" and on >= LIST_DATE
        return held if recognised and held is not False else False
    raise ValueError(state)


def admin_row_state(row: dict, state: str, on: date) -> bool:
    start = _d(row["event_date"]) or _d(row["court_date"])
    if state == "persecuted":
        return start <= on
    if state == "political_prisoner":
        return False
    arrest = re.match(r"(\d+) сут", row["arrest"])
    court = _d(row["court_date"])
    if arrest:
        end = start + timedelta(days=int(arrest.group(1)))
    elif court:
        end = court
    else:
        end = start + timedelta(days=1)
    return start <= on < end


def _any(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.link import run_link
    from reckon.store.db import get_engine

    ws = init_workspace(tmp_path_factory.mktemp("real") / "ws")
    for name, source in ((PP_FILE, "viasna_pp"), (ADMIN_FILE, "viasna_admin")):
        import_file(ws, shared_path("eval", "lists", name), source)
    run_link(ws)
    sv.set_source(ws.database_url, "viasna_pp", political_prisoners=True, list_date=LIST_DATE.isoformat())
    with get_engine(ws.database_url).connect() as c:
        # Row numbers, not the lists' ids: the administrative list repeats an id for a person's second case.
        found = c.execute(text("select s.name, r.row_number, r.person_id, r.id from record r "
                               "join source s on s.id = r.source_id")).all()
        raws = raw_rows(c, [r[3] for r in found])
        found = [(src, n, pid, raws[rid]) for src, n, pid, rid in found]
    person = {(src, n): pid for src, n, pid, _ in found}
    raw = {(src, n): json.loads(r) if isinstance(r, str) else r for src, n, _, r in found}
    rows = []
    for name, source in ((PP_FILE, "viasna_pp"), (ADMIN_FILE, "viasna_admin")):
        with shared_path("eval", "lists", name).open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                assert raw[(source, n)]["id"] == row["id"]
                rows.append((source, person[(source, n)], row))
    return ws, rows


def _by_hand(rows, state: str, on: date) -> tuple[int, int, dict[int, bool | None]]:
    per: dict[int, list[bool | None]] = {}
    for source, pid, row in rows:
        fn = pp_row_state if source == "viasna_pp" else admin_row_state
        per.setdefault(pid, []).append(fn(row, state, on))
    states = {pid: _any(v) for pid, v in per.items()}
    return (sum(v is True for v in states.values()), sum(v is None for v in states.values()), states)


CASES = [("in_custody", date(2020, 11, 16)), ("in_custody", date(2020, 9, 1)), ("in_custody", LIST_DATE),
         ("in_custody", date(2015, 6, 1)), ("political_prisoner", LIST_DATE),
         ("political_prisoner", date(2024, 12, 1)), ("persecuted", date(2020, 10, 1)),
         ("persecuted", date(2023, 1, 1))]


@pytest.mark.parametrize(("state", "on"), CASES)
def test_counts_by_status_match_a_count_by_hand(linked, state, on) -> None:
    ws, rows = linked
    res = sv.count(ws.database_url, as_of=on, status=state)
    sure, undetermined, _ = _by_hand(rows, state, on)
    assert (res.count, res.undetermined) == (sure, undetermined)
    assert res.unlinked_records == 0
    assert len({pid for _, pid, _ in rows}) < len(rows)   # persons, not records


def test_count_by_article_matches_a_count_by_hand(linked) -> None:
    ws, rows = linked
    _, _, states = _by_hand(rows, "political_prisoner", LIST_DATE)
    expected: dict[str, int] = {}
    for pid in {pid for pid, s in states.items() if s is True}:
        arts = set()
        for _source, p, row in rows:
            if p == pid and row.get("articles"):
                arts |= {f"BY-CC-{a}" for a in re.findall(r"Art(?:icle|\.)\s*(\d+(?:-\d+)?)", row["articles"])}
            if p == pid and row.get("article"):   # a person counts under every article of their history
                arts |= {f"BY-CAO-{a}" for a in re.findall(r"(\d+\.\d+)(?:\s*ч\.\s*\d+)?\s*КаАП", row["article"])}
        for a in arts:
            expected[a] = expected.get(a, 0) + 1
    res = sv.count(ws.database_url, as_of=LIST_DATE, status="political_prisoner", by="article")
    assert res.by == dict(sorted(expected.items(), key=lambda kv: (-kv[1], kv[0])))
    assert res.count == 5


# Where each court and prison of the two lists is, read by hand (ISO 3166-2:BY regions; districts as
# REGION-slug of the district's name, a city of regional subordination being its own district). Courts are
# written "city[, district court]": a Minsk district's court is that district of Minsk City, "раённы" the
# district around the city, a city alone its own district unless it has districts of its own (Minsk,
# Homieĺ, Mahilioŭ ...: then only the region is known). Prisons are placed by the city of their address.
REGION = {
    "BY-HM": "Менск, Minsk",
    "BY-MI": "Жодзіна, Барысаў, Салігорск, Слуцк, Маладзечна, Вілейка, Валожын, Дзяржынск, Старыя Дарогі",
    "BY-BR": "Берасьце, Пінск, Баранавічы, Камянец, Пружаны, Ганцавічы, Кобрын, Столін",
    "BY-HR": "Гародня, Смаргонь, Наваградак, Ліда, Сьвіслач, Ваўкавыск, Слонім",
    "BY-HO": "Гомель, Homieĺ, Сьветлагорск, Мазыр, Калінкавічы, Жлобін, Рэчыца",
    "BY-MA": "Магілёў, Mahilioŭ, Бабруйск, Горкі, Глуск, Слаўгарад, Бялынічы",
    "BY-VI": "Віцебск, Паставы, Глыбокае, Міёры, Ворша, Полацак, Докшыцы, Navapolack",
}
CITY_REGION = {c: r for r, cities in REGION.items() for c in cities.split(", ")}
CITY_DISTRICTS = {"Савецкі": "saviecki", "Цэнтральны": "centralny", "Першамайскі": "piersamajski",
                  "Маскоўскі": "maskouski", "Фрунзенскі": "frunzienski", "Ленінскі": "lieninski",
                  "Заводзкі": "zavodski", "Кастрычніцкі": "kastrycnicki", "Партызанскі": "partyzanski",
                  "Чыгуначны": "cyhunacny"}
CITY_SLUG = {"Магілёў": "mahiliou", "Гомель": "homiel", "Віцебск": "viciebsk", "Гародня": "hrodna",
             "Берасьце": "brest"}
OWN_DISTRICT = {"Жодзіна": "zodzina", "Пінск": "pinsk", "Navapolack": "navapolack", "Барысаў": None}
RAION = {"Баранавічы": "baranavicki", "Паставы": "pastauski", "Смаргонь": "smarhonski", "Рэчыца": "recycki",
         "Старыя Дарогі": "staradarozski", "Міёры": "mijorski"}
CITIES_WITH_DISTRICTS = {"Менск", "Minsk", "Гомель", "Homieĺ", "Магілёў", "Mahilioŭ", "Берасьце", "Гародня",
                         "Віцебск"}


def _place_by_hand(court: str, address: str) -> tuple[str, str | None] | None:
    """(region, district or None) of a court cell or a prison address; None when neither names a place."""
    if court:
        city, _, rest = (x.strip() for x in court.partition(","))
        if city == "Менск" and rest == "раённы":
            return "BY-MI", "BY-MI-minski"     # the Minsk District court sits in Minsk Region
        region = CITY_REGION[city]
        if city == "Менск" and rest in CITY_DISTRICTS:
            return region, f"BY-HM-{CITY_DISTRICTS[rest]}"
        if rest in CITY_DISTRICTS:   # a district of a regional centre
            return region, f"{region}-{CITY_SLUG[city]}-{CITY_DISTRICTS[rest]}"
        if rest == "раённы":
            return region, f"{region}-{RAION[city]}"
        if not rest and city not in CITIES_WITH_DISTRICTS:
            return region, f"{region}-{OWN_DISTRICT[city]}" if OWN_DISTRICT[city] else None
        return region, None
    parts = [x.strip() for x in address.split(",")]
    if len(parts) < 2:
        return None
    region = CITY_REGION[parts[1]]
    return region, (f"{region}-{OWN_DISTRICT[parts[1]]}" if parts[1] in OWN_DISTRICT else None)


def _places_by_hand(rows, state: str, on: date) -> tuple[dict[str, int], dict[str, int]]:
    """Persons surely in ``state`` on ``on`` per region and per district: the first place of their courts,
    then of their prisons, in the order of the lists' rows; a district only in that region."""
    _, _, states = _by_hand(rows, state, on)
    regions: dict[str, int] = {}
    districts: dict[str, int] = {}
    for pid in (p for p, s in states.items() if s is True):
        mine = [row for _, p, row in rows if p == pid]
        region = district = None
        for field in ("court", "prison"):
            for row in mine:
                got = (_place_by_hand(row.get("court") or "", "") if field == "court"
                       else _place_by_hand("", row.get("prison_address") or ""))
                if got is None:
                    continue
                region = region or got[0]
                if district is None and got[1] and got[0] == region:
                    district = got[1]
            if region and district:
                break
        regions[region or "unknown"] = regions.get(region or "unknown", 0) + 1
        districts[district or "unknown"] = districts.get(district or "unknown", 0) + 1
    return regions, districts


def _ranked(d: dict[str, int]) -> dict[str, int]:
    return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))


@pytest.mark.parametrize(("state", "on"), [("in_custody", date(2020, 11, 16)), ("in_custody", date(2020, 9, 1)),
                                           ("political_prisoner", LIST_DATE)])
def test_count_by_district_and_region_match_a_count_by_hand(linked, state, on) -> None:
    """Region and district per person from the court and prison cells, read by hand (no reckon.places)."""
    ws, rows = linked
    regions, districts = _places_by_hand(rows, state, on)
    by_region = sv.count(ws.database_url, as_of=on, status=state, by="region")
    by_district = sv.count(ws.database_url, as_of=on, status=state, by="district")
    assert by_region.by == _ranked(regions)
    assert by_district.by == _ranked(districts)
    assert sum(by_region.by.values()) == sum(by_district.by.values()) == by_region.count
    assert regions.get("unknown", 0) < by_region.count / 5   # the places are read, not left empty


def test_every_article_and_sentence_of_the_lists_is_read(linked) -> None:
    """Report: how many article and sentence cells reckon.law reads (the issue's 'parse every value')."""
    from reckon.law import parse_articles, parse_sentence

    _, rows = linked
    arts = [row.get("articles") or row.get("article") for _, _, row in rows]
    arts = [a for a in arts if a]
    read = sum(1 for a in arts if parse_articles(a).articles and not parse_articles(a).unparsed)
    sentences = [(row["decision"], row["penalty"]) if "decision" in row else (row["arrest"], row["fine"])
                 for _, _, row in rows]
    sentences = [s for s in sentences if any(s)]
    parsed = sum(1 for s in sentences if parse_sentence(*s) is not None and parse_sentence(*s).kind != "other")
    print(f"articles read: {read}/{len(arts)}; sentences read: {parsed}/{len(sentences)}")
    assert read == len(arts) and parsed == len(sentences)
