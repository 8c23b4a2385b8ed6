"""Small synthetic worlds with known truth, for linkage tests and benchmarks.

``reckon.simulate`` is the project's simulator; this module is the link stage's own minimal one, so link
tests and benchmarks do not depend on it: persons with Belarusian and Russian name forms, birth dates,
sex and region, seen by several lists that spell names in different scripts and lose or garble fields.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

# (Belarusian Cyrillic, Russian Cyrillic) common surnames in male form (no real public figure's name);
# the female form is derived.
SURNAMES = [
    ("Макараў", "Макаров"), ("Бычкоў", "Бычков"), ("Карпаў", "Карпов"), ("Ткачэнка", "Ткаченко"),
    ("Шульга", "Шульга"), ("Радчанка", "Радченко"), ("Садоўскі", "Садовский"), ("Раманаў", "Романов"),
    ("Гайдук", "Гайдук"), ("Караткевіч", "Короткевич"), ("Мельнік", "Мельник"), ("Кавалёў", "Ковалёв"),
    ("Шаўчэнка", "Шевченко"), ("Бондар", "Бондарь"), ("Новік", "Новик"), ("Казлоў", "Козлов"),
    ("Марозаў", "Морозов"), ("Васілеўскі", "Василевский"), ("Жукаў", "Жуков"), ("Кузняцоў", "Кузнецов"),
    ("Лебедзеў", "Лебедев"), ("Сакалоў", "Соколов"), ("Паповіч", "Попович"), ("Ермаковіч", "Ермакович"),
    ("Гурскі", "Гурский"), ("Дзмітрыеў", "Дмитриев"), ("Ягоraў", "Егоров"), ("Сцепаненка", "Степаненко"),
    ("Марчанка", "Марченко"), ("Станкевіч", "Станкевич"), ("Бялецкі", "Белецкий"), ("Русак", "Русак"),
    ("Мацкевіч", "Мацкевич"), ("Тарасевіч", "Тарасевич"), ("Хадасевіч", "Ходасевич"), ("Радзевіч", "Радевич"),
    ("Бурак", "Бурак"), ("Цвірка", "Цвирко"), ("Пашкевіч", "Пашкевич"), ("Юркевіч", "Юркевич"),
]
# (Belarusian, Russian, sex)
GIVEN = [
    ("Уладзімір", "Владимир", "male"), ("Аляксандр", "Александр", "male"), ("Дзмітрый", "Дмитрий", "male"),
    ("Ігар", "Игорь", "male"), ("Сяргей", "Сергей", "male"), ("Андрэй", "Андрей", "male"),
    ("Мікалай", "Николай", "male"), ("Віктар", "Виктор", "male"), ("Юрый", "Юрий", "male"),
    ("Павел", "Павел", "male"), ("Аляксей", "Алексей", "male"), ("Міхаіл", "Михаил", "male"),
    ("Святлана", "Светлана", "female"), ("Марыя", "Мария", "female"), ("Вольга", "Ольга", "female"),
    ("Алена", "Елена", "female"), ("Наталля", "Наталья", "female"), ("Таццяна", "Татьяна", "female"),
    ("Ірына", "Ирина", "female"), ("Ганна", "Анна", "female"), ("Кацярына", "Екатерина", "female"),
    ("Юлія", "Юлия", "female"), ("Людміла", "Людмила", "female"), ("Марына", "Марина", "female"),
]
FATHERS = [("Уладзімір", "Владимир"), ("Аляксандр", "Александр"), ("Віктар", "Виктор"), ("Сяргей", "Сергей"),
           ("Мікалай", "Николай"), ("Іван", "Иван"), ("Пётр", "Пётр"), ("Анатоль", "Анатолий")]
REGIONS = ["Minsk", "Brest", "Homiel", "Hrodna", "Mahiliou", "Viciebsk", "Minsk Region"]


def _female_surname(be: str, ru: str) -> tuple[str, str]:
    def fem(s: str, lang: str) -> str:
        for male, female in (("аў", "ава"), ("оў", "ова"), ("ёў", "ёва"), ("еў", "ева"), ("ов", "ова"), ("ев", "ева"),
                             ("ёв", "ёва"), ("скі", "ская"), ("цкі", "цкая"), ("ский", "ская"), ("цкий", "цкая"),
                             ("ін", "іна"), ("ин", "ина")):
            if s.endswith(male):
                return s[: -len(male)] + female
        return s
    return fem(be, "be"), fem(ru, "ru")


def _patronymic(father_be: str, father_ru: str, sex: str) -> tuple[str, str]:
    be_stem = father_be.rstrip("ь").rstrip("й")
    ru_stem = father_ru.rstrip("ь").rstrip("й")
    if sex == "male":
        return be_stem + ("авіч" if not be_stem.endswith(("ы", "і")) else "евіч"), ru_stem + "ович"
    return be_stem + ("аўна" if not be_stem.endswith(("ы", "і")) else "еўна"), ru_stem + "овна"


_LATIN_RU = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
             "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
             "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
             "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "u", "'": "", "ґ": "g"}
_LATIN_BE = dict(_LATIN_RU, г="h", ў="u", і="i", е="ie", я="ia", ю="iu", й="i", ц="ts", х="kh", ё="io")


def latin(text: str, lang: str) -> str:
    table = _LATIN_BE if lang == "be" else _LATIN_RU
    out = []
    for ch in text:
        lower = ch.lower()
        t = table.get(lower, lower)
        out.append(t.capitalize() if ch.isupper() and t else t)
    return "".join(out)


@dataclass
class Person:
    pid: int
    sex: str
    forms: dict[str, tuple[str, str, str]]  # lang -> (surname, given, patronymic)
    birth: str
    region: str


def make_people(n: int, rng: random.Random) -> list[Person]:
    people = []
    for pid in range(n):
        sur_be, sur_ru = rng.choice(SURNAMES)
        g_be, g_ru, sex = rng.choice(GIVEN)
        f_be, f_ru = rng.choice(FATHERS)
        if sex == "female":
            sur_be, sur_ru = _female_surname(sur_be, sur_ru)
        p_be, p_ru = _patronymic(f_be, f_ru, sex)
        y, m, d = rng.randint(1940, 2004), rng.randint(1, 12), rng.randint(1, 28)
        people.append(Person(pid, sex, {"be": (sur_be, g_be, p_be), "ru": (sur_ru, g_ru, p_ru)},
                             f"{y:04d}-{m:02d}-{d:02d}", rng.choice(REGIONS)))
    return people


def _typo(s: str, rng: random.Random) -> str:
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.random()
    if op < 0.4:
        return s[:i] + s[i + 1:]
    if op < 0.7:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + s[i] + s[i:]


def observe(person: Person, style: str, noise: float, rng: random.Random) -> dict[str, Any]:
    """One list's record of a person. Styles: be_cyrl, ru_cyrl, be_latn, ru_latn, court (surname+initials)."""
    lang = "be" if style.startswith("be") else "ru"
    sur, giv, pat = person.forms[lang]
    if style.endswith("latn"):
        sur, giv, pat = latin(sur, lang), latin(giv, lang), latin(pat, lang)
    if rng.random() < noise:
        sur = _typo(sur, rng)
    if rng.random() < noise / 2:
        giv = _typo(giv, rng)
    rec: dict[str, Any] = {"truth": person.pid, "sex": person.sex if rng.random() > noise else None}
    if style == "court":
        rec["full_name"] = f"{sur} {giv[0]}.{pat[0]}."
    elif rng.random() < noise:
        rec["full_name"] = f"{giv} {sur.upper()}"
    else:
        rec["full_name"] = f"{giv} {pat} {sur.upper()}"
    birth = person.birth
    r = rng.random()
    if r < noise:
        birth = birth[:4]
    elif r < 1.5 * noise:
        birth = None
    elif r < 1.8 * noise:
        y, m, d = birth.split("-")
        birth = f"{y}-{d}-{m}" if int(d) <= 12 else f"{int(y) + 1:04d}-{m}-{d}"
    rec["birth_date"] = birth
    rec["region"] = person.region if rng.random() > noise else None
    return rec


LIST_STYLES = [("list_be", "be_cyrl", 0.7), ("list_ru", "ru_latn", 0.6), ("list_court", "ru_cyrl", 0.5)]


def world(n_people: int = 300, noise: float = 0.1, seed: int = 0, lists=LIST_STYLES,
          dup_rate: float = 0.0) -> dict[str, list[dict[str, Any]]]:
    """Records per list (each with its ``truth`` person id and an ``external_id``)."""
    rng = random.Random(seed)
    people = make_people(n_people, rng)
    out: dict[str, list[dict[str, Any]]] = {}
    for name, style, coverage in lists:
        recs = []
        for p in people:
            if rng.random() < coverage:
                recs.append(observe(p, style, noise, rng))
                if rng.random() < dup_rate:
                    recs.append(observe(p, style, noise, rng))
        for i, r in enumerate(recs):
            r["external_id"] = f"{name}-{i + 1}"
        out[name] = recs
    return out


def insert_records(url: str, source: str, rows: list[dict[str, Any]], *, file_name: str = "synthetic.csv") -> list[int]:
    """Put rows into the register as one import of one source (the ORM path; for tests and benchmarks)."""
    import hashlib
    import json

    from sqlalchemy import select

    from reckon.store.base import utcnow
    from reckon.store.db import session_scope
    from reckon.store.models import ImportBatch, Record, Source

    fields = {"external_id", "full_name", "surname", "given_name", "patronymic", "initials", "sex", "birth_date",
              "region", "locality", "detention_date", "articles"}
    with session_scope(url) as s:
        src = s.scalars(select(Source).where(Source.name == source)).first()
        if src is None:
            src = Source(name=source, kind="list")
            s.add(src)
            s.flush()
        batch = ImportBatch(source_id=src.id, file_name=file_name, file_sha256="0" * 64, file_format="csv",
                            rows_read=len(rows), rows_new=len(rows), finished_at=utcnow())
        s.add(batch)
        s.flush()
        objs = []
        for i, row in enumerate(rows, start=1):
            mapped = {k: v for k, v in row.items() if k in fields}
            raw = {k: (v if not isinstance(v, list) else "; ".join(v)) for k, v in row.items()}
            bd = mapped.get("birth_date")
            ident = str(row.get("external_id") or i)
            objs.append(Record(
                source_id=src.id, import_id=batch.id, identity=ident, version=1, is_current=True,
                content_hash=hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest(),
                file_name=file_name, row_number=i, raw=raw, articles=mapped.pop("articles", None) or [],
                birth_year=int(bd[:4]) if bd else None, **{k: v for k, v in mapped.items()}))
        s.add_all(objs)
        s.flush()
        return [o.id for o in objs]
