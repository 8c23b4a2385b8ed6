"""A synthetic world of persecuted people and the partial, messy lists that document them.

Why: linkage and estimation can only be judged against a truth nobody has for real registers. Here
every row knows which person it is, and the total is known. Each list writes names its own way
(Belarusian or Russian Cyrillic, passport-style or BGN Latin, Łacinka, surname with initials), with
typos, partial or missing birth dates, shifted detention dates and duplicate rows inside one list, at a
noise level the caller chooses. Everything is drawn from one seeded generator: same seed, same world.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from reckon.simulate.captures import CaptureSettings, capture_matrix
from reckon.simulate.names_data import (
    ARTICLES,
    FEMALE_GIVEN,
    MALE_GIVEN,
    MORE_SURNAMES,
    REGION_WEIGHTS,
    REGIONS,
    SURNAMES,
)

NOISE_LEVELS: dict[str, dict[str, float]] = {
    # typo: a name gets one edit; missing_birth: no birth date; partial_birth: only year or month;
    # jitter: detention date off by 1-3 days; duplicate: the person appears twice in one list.
    "none": {"typo": 0.0, "missing_birth": 0.0, "partial_birth": 0.0, "jitter": 0.0, "duplicate": 0.0},
    "low": {"typo": 0.03, "missing_birth": 0.05, "partial_birth": 0.10, "jitter": 0.05, "duplicate": 0.01},
    "medium": {"typo": 0.10, "missing_birth": 0.15, "partial_birth": 0.25, "jitter": 0.15, "duplicate": 0.03},
    "high": {"typo": 0.25, "missing_birth": 0.30, "partial_birth": 0.40, "jitter": 0.30, "duplicate": 0.06},
    # the two-list worlds of issue 19: birth dates nearly always given (true pairs share surname key and
    # birth date), the other noise as "low"
    "lists": {"typo": 0.03, "missing_birth": 0.01, "partial_birth": 0.03, "jitter": 0.05, "duplicate": 0.01},
}


@dataclass(frozen=True)
class ListStyle:
    """How one documenting organisation writes its list."""

    name: str
    language: str            # "be" or "ru": which Cyrillic form of the name the list starts from
    scheme: str | None       # romanisation scheme, or None to keep Cyrillic
    order: str               # "given_surname", "surname_given_patronymic", "surname_initials"
    birth: str               # "iso", "dmy", "year"
    sex: str                 # "en" (male/female) or "cyr" (м/ж)
    columns: dict[str, str]  # field -> header as the organisation writes it
    base_rate: float


STYLES: tuple[ListStyle, ...] = (
    ListStyle("viasna", "be", "passport_be", "given_surname", "iso", "en",
              {"id": "id", "name": "name", "sex": "gender", "birth": "birthday", "region": "region",
               "detained": "arrested", "articles": "articles", "status": "status"}, 0.55),
    ListStyle("partner", "be", None, "surname_given_patronymic", "dmy", "cyr",
              {"id": "№", "name": "Прозвішча, імя, імя па бацьку", "sex": "Пол", "birth": "Дата нараджэння",
               "region": "Вобласць", "detained": "Дата затрымання", "articles": "Артыкулы"}, 0.30),
    ListStyle("court", "ru", None, "surname_initials", "year", "cyr",
              {"id": "номер дела", "name": "ФИО", "sex": "пол", "birth": "год рождения", "region": "регион",
               "detained": "дата задержания", "articles": "статья"}, 0.25),
    ListStyle("news", "ru", "bgn_ru", "given_surname", "year", "en",
              {"id": "id", "name": "full_name", "region": "region", "detained": "detained",
               "birth": "birth_year"}, 0.15),
    ListStyle("lacinka", "be", "lacinka", "given_surname", "dmy", "en",
              {"id": "id", "name": "name", "sex": "sex", "birth": "birth_date", "region": "region",
               "detained": "detention_date"}, 0.20),
)


@dataclass(frozen=True)
class World:
    """The lists as documenters would export them, and the truth behind them."""

    seed: int
    noise: str
    n_total: int
    lists: dict[str, list[dict[str, str]]]
    columns: dict[str, list[str]]
    truth: dict[tuple[str, str], int]
    people: list[dict[str, Any]] = field(repr=False)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def n_documented(self) -> int:
        """People on at least one list: what a perfect linkage would count."""
        return len(set(self.truth.values()))

    def capture_table(self) -> dict[tuple[int, ...], int]:
        """True capture histories (pattern over lists -> people), as perfect linkage would give them."""
        names = list(self.lists)
        seen: dict[int, set[str]] = {}
        for (list_name, _row), pid in self.truth.items():
            seen.setdefault(pid, set()).add(list_name)
        table: dict[tuple[int, ...], int] = {}
        for lists_of_person in seen.values():
            pattern = tuple(int(n in lists_of_person) for n in names)
            table[pattern] = table.get(pattern, 0) + 1
        return table

    def true_pairs(self) -> set[tuple[tuple[str, str], tuple[str, str]]]:
        """Every pair of rows (across and within lists) that describe the same person."""
        by_person: dict[int, list[tuple[str, str]]] = {}
        for key, pid in self.truth.items():
            by_person.setdefault(pid, []).append(key)
        pairs = set()
        for keys in by_person.values():
            keys.sort()
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    pairs.add((a, b))
        return pairs

    def write_csvs(self, folder: Path) -> dict[str, Path]:
        """Write each list as a UTF-8 CSV with its own headers; returns list name -> path."""
        return write_lists(self.lists, self.columns, folder)


def _zipf_weights(n: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _feminine(surname: str, language: str) -> str:
    rules = (
        (("аў", "ава"), ("оў", "ова"), ("еў", "ева"), ("ёў", "ёва"), ("скі", "ская"), ("цкі", "цкая"),
         ("ін", "іна"), ("ын", "ына"))
        if language == "be" else
        (("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ский", "ская"), ("цкий", "цкая"), ("ин", "ина"),
         ("ын", "ына"))
    )
    for old, new in rules:
        if surname.endswith(old):
            return surname[: -len(old)] + new
    return surname


def _romanize(text: str, scheme: str) -> str:
    from reckon.names import romanize

    return romanize(text, scheme)


_ALPHABETS = {
    "cyr": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "lat": "abcdefghijklmnoprstuvyz",
}


def _typo(rng: np.random.Generator, text: str) -> str:
    """One keyboard-style edit inside a word (never the first letter, which people rarely get wrong)."""
    positions = [i for i, ch in enumerate(text) if ch.isalpha() and i > 0 and text[i - 1].isalpha()]
    if not positions:
        return text
    i = int(rng.choice(positions))
    kind = int(rng.integers(0, 3))
    ch = text[i]
    if kind == 0:  # substitution within the same script
        alphabet = _ALPHABETS["cyr"] if "\u0400" <= ch.lower() <= "\u04ff" else _ALPHABETS["lat"]
        new = alphabet[int(rng.integers(0, len(alphabet)))]
        return text[:i] + (new.upper() if ch.isupper() else new) + text[i + 1:]
    if kind == 1 and len(text) > 3:  # deletion
        return text[:i] + text[i + 1:]
    if i + 1 < len(text) and text[i + 1].isalpha():  # transposition
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


def _render_name(person: dict[str, Any], style: ListStyle, rng: np.random.Generator, p_typo: float) -> str:
    lang = style.language
    surname, given, patronymic = person[f"surname_{lang}"], person[f"given_{lang}"], person[f"patronymic_{lang}"]
    if style.order == "surname_initials":
        text = f"{surname} {given[0]}.{patronymic[0]}."
    elif style.order == "surname_given_patronymic":
        text = f"{surname} {given} {patronymic}"
    else:
        text = f"{given} {surname}"
    if style.scheme:
        text = _romanize(text, style.scheme)
    if p_typo and rng.random() < p_typo:
        text = _typo(rng, text)
    return text


def _render_birth(born: date, style: ListStyle, rng: np.random.Generator, noise: dict[str, float]) -> str:
    if rng.random() < noise["missing_birth"]:
        return ""
    if style.birth == "year":
        return str(born.year)
    partial = rng.random() < noise["partial_birth"]
    if style.birth == "iso":
        return f"{born.year}" if partial else born.isoformat()
    return f"{born.month:02d}.{born.year}" if partial else f"{born.day}.{born.month}.{born.year}"


def _render_date(day: date, style: ListStyle) -> str:
    return day.isoformat() if style.birth in ("iso", "year") and style.sex == "en" else day.strftime("%d.%m.%Y")


def _render_articles(articles: list[str], style: ListStyle) -> str:
    if style.scheme is None:  # Cyrillic lists cite the code in their own language
        art_word, code = ("ст.", "УК") if style.language == "ru" else ("арт.", "КК")
        out = []
        for art in articles:
            number = art.split("Art. ")[1]
            part = art.split(" of ")[0].replace("Part ", "") if art.startswith("Part") else None
            out.append(f"ч. {part} {art_word} {number} {code}" if part else f"{art_word} {number} {code}")
        return ", ".join(out)
    return " | ".join(articles)


def _people(rng: np.random.Generator, n: int,
            surnames: tuple[tuple[str, str], ...] = SURNAMES, surname_zipf: float = 0.7) -> list[dict[str, Any]]:
    sw = _zipf_weights(len(surnames), surname_zipf)
    mw, fw = _zipf_weights(len(MALE_GIVEN), 0.9), _zipf_weights(len(FEMALE_GIVEN), 0.9)
    start_birth, span_birth = date(1950, 1, 1), (date(2004, 12, 31) - date(1950, 1, 1)).days
    start_det, span_det = date(2020, 8, 9), (date(2024, 12, 31) - date(2020, 8, 9)).days
    people = []
    for pid in range(n):
        female = rng.random() < 0.2
        s_be, s_ru = surnames[int(rng.choice(len(surnames), p=sw))]
        father = MALE_GIVEN[int(rng.integers(0, len(MALE_GIVEN)))]
        if female:
            g_be, g_ru = FEMALE_GIVEN[int(rng.choice(len(FEMALE_GIVEN), p=fw))]
            s_be, s_ru = _feminine(s_be, "be"), _feminine(s_ru, "ru")
            p_be, p_ru = father[2] + "ўна", father[3] + "вна"
        else:
            g_be, g_ru = MALE_GIVEN[int(rng.choice(len(MALE_GIVEN), p=mw))][:2]
            p_be, p_ru = father[2] + "віч", father[3] + "вич"
        n_articles = int(rng.integers(1, 4))
        people.append({
            "person_id": pid, "sex": "female" if female else "male",
            "surname_be": s_be, "surname_ru": s_ru, "given_be": g_be, "given_ru": g_ru,
            "patronymic_be": p_be, "patronymic_ru": p_ru,
            "birth_date": start_birth + timedelta(days=int(rng.integers(0, span_birth))),
            "region": REGIONS[int(rng.choice(len(REGIONS), p=np.asarray(REGION_WEIGHTS) / sum(REGION_WEIGHTS)))],
            "detained": start_det + timedelta(days=int(rng.integers(0, span_det))),
            "articles": sorted(set(rng.choice(ARTICLES, size=n_articles, replace=False).tolist())),
            "status": "in_custody" if rng.random() < 0.3 else "released",
        })
    return people


def simulate_world(*, seed: int, n_people: int = 1000, n_lists: int = 3, noise: str = "low",
                   heterogeneity: float = 0.8, dependence: float = 0.5) -> World:
    """Draw ``n_people`` persecuted people and ``n_lists`` lists (2–5) that each see part of them.

    List styles come in a fixed order (viasna, partner, court, news, lacinka) so that small worlds
    already mix Latin and Cyrillic spellings. ``heterogeneity`` and ``dependence`` are the capture knobs
    of :class:`CaptureSettings`; ``noise`` is one of NOISE_LEVELS.
    """
    if noise not in NOISE_LEVELS:
        raise ValueError(f"noise must be one of {', '.join(NOISE_LEVELS)}, not {noise!r}")
    if not 2 <= n_lists <= len(STYLES):
        raise ValueError(f"n_lists must be between 2 and {len(STYLES)}")
    if n_people < 1:
        raise ValueError("n_people must be at least 1")
    rng = np.random.default_rng(seed)
    levels = NOISE_LEVELS[noise]
    styles = STYLES[:n_lists]
    people = _people(rng, n_people)
    # Visibility is higher in the capital: documenters reach Minsk cases more easily.
    visibility = rng.normal(0.0, 1.0, size=n_people) + np.array([0.3 if p["region"] == "Minsk" else 0.0
                                                                   for p in people])
    settings = CaptureSettings(base=tuple(s.base_rate for s in styles), heterogeneity=heterogeneity,
                               dependence=dependence)
    seen = capture_matrix(rng, n_people, settings, visibility=visibility)

    lists: dict[str, list[dict[str, str]]] = {}
    columns: dict[str, list[str]] = {}
    truth: dict[tuple[str, str], int] = {}
    for j, style in enumerate(styles):
        rows: list[dict[str, str]] = []
        members = [int(i) for i in np.flatnonzero(seen[:, j])]
        copies = members + [i for i in members if rng.random() < levels["duplicate"]]
        order = rng.permutation(len(copies))
        for k, idx in enumerate(order, start=1):
            person = people[copies[int(idx)]]
            row_id = f"{style.name[:2].upper()}-{k:06d}"
            detained = person["detained"]
            if rng.random() < levels["jitter"]:
                detained += timedelta(days=int(rng.integers(-3, 4)) or 1)
            values = {
                "id": row_id,
                "name": _render_name(person, style, rng, levels["typo"]),
                "sex": (person["sex"] if style.sex == "en" else ("м" if person["sex"] == "male" else "ж")),
                "birth": _render_birth(person["birth_date"], style, rng, levels),
                "region": person["region"],
                "detained": _render_date(detained, style),
                "articles": _render_articles(person["articles"], style),
                "status": {"in_custody": "active", "released": "former"}[person["status"]],
            }
            rows.append({header: values[fieldname] for fieldname, header in style.columns.items()})
            truth[(style.name, row_id)] = person["person_id"]
        lists[style.name] = rows
        columns[style.name] = list(style.columns.values())
    return World(seed=seed, noise=noise, n_total=n_people, lists=lists, columns=columns, truth=truth,
                 people=people, settings={"n_people": n_people, "n_lists": n_lists, "noise": noise,
                                          "heterogeneity": heterogeneity, "dependence": dependence,
                                          "base_rates": settings.base})


# The two lists of :func:`simulate_two_lists`: field -> header, as each organisation writes it.
VIASNA_COLUMNS = {"id": "id", "name": "name", "status": "status", "sex": "gender", "birth": "birthday",
                  "detained": "arrested", "released": "released"}
PARTNER_COLUMNS = {"id": "№", "name": "ФИО", "birth": "Дата рождения", "detained": "Дата задержания",
                   "released": "Дата освобождения"}
NAMES_AND_BIRTH = ("id", "name", "birth")


def simulate_two_lists(*, seed: int, n_people: int = 2000, n_both: int = 850, noise: str = "lists",
                       columns: str = "all") -> World:
    """Two lists of one population shaped like Belarusian lists, for linkage that must not collapse.

    Every one of ``n_people`` people is on at least one list and ``n_both`` on both. A Viasna-style list
    writes "Given Surname" in Belarusian Latin (passport style) with status, gender and ISO dates; a
    partner's list writes "Surname Given Patronymic" in Russian Cyrillic under Russian headers with
    dd.mm.yyyy dates and no sex. Surnames are drawn evenly from a stock of about 150, so each is shared by
    a dozen people, and given names recombine with them (namesakes happen, as in life). ``columns="names_birth"``
    keeps only the id, the name and the birth date in both lists.
    """
    if noise not in NOISE_LEVELS:
        raise ValueError(f"noise must be one of {', '.join(NOISE_LEVELS)}, not {noise!r}")
    if columns not in ("all", "names_birth"):
        raise ValueError(f"columns must be 'all' or 'names_birth', not {columns!r}")
    if not 0 <= n_both <= n_people:
        raise ValueError("n_both must be between 0 and n_people")
    rng = np.random.default_rng(seed)
    levels = NOISE_LEVELS[noise]
    # about 150 surnames drawn evenly: each is shared by a dozen people, none by a hundred
    people = _people(rng, n_people, SURNAMES + MORE_SURNAMES, surname_zipf=0.0)
    for person in people:
        if person["status"] == "released":
            person["released"] = person["detained"] + timedelta(days=int(rng.integers(10, 900)))
    order = [int(i) for i in rng.permutation(n_people)]
    rest = order[n_both:]
    half = int(rng.binomial(len(rest), 0.5))
    members = {"viasna": order[:n_both] + rest[:half], "partner": order[:n_both] + rest[half:]}
    styles = {"viasna": (VIASNA_COLUMNS, "be", "passport_be", "given_surname"),
              "partner": (PARTNER_COLUMNS, "ru", None, "surname_given_patronymic")}
    lists: dict[str, list[dict[str, str]]] = {}
    header_of: dict[str, list[str]] = {}
    truth: dict[tuple[str, str], int] = {}
    for name, (cols, language, scheme, order_kind) in styles.items():
        style = ListStyle(name, language, scheme, order_kind, "iso" if scheme else "dmy", "en", cols, 0.0)
        keep = [f for f in cols if columns == "all" or f in NAMES_AND_BIRTH]
        ids = members[name]
        copies = ids + [i for i in ids if rng.random() < levels["duplicate"]]
        rows = []
        for k, idx in enumerate(rng.permutation(len(copies)), start=1):
            person = people[copies[int(idx)]]
            row_id = f"{name[:2].upper()}-{k:06d}"
            detained = person["detained"]
            if rng.random() < levels["jitter"]:
                detained += timedelta(days=int(rng.integers(-3, 4)) or 1)
            released = person.get("released")
            birth = _render_birth(person["birth_date"], style, rng, levels)
            if not scheme and birth.count(".") == 2:  # the partner pads day and month: dd.mm.yyyy
                birth = person["birth_date"].strftime("%d.%m.%Y")
            values = {"id": row_id, "name": _render_name(person, style, rng, levels["typo"]),
                      "status": {"in_custody": "active", "released": "former"}[person["status"]],
                      "sex": person["sex"], "birth": birth,
                      "detained": detained.isoformat() if scheme else detained.strftime("%d.%m.%Y"),
                      "released": "" if released is None else
                      (released.isoformat() if scheme else released.strftime("%d.%m.%Y"))}
            rows.append({cols[f]: values[f] for f in keep})
            truth[(name, row_id)] = person["person_id"]
        lists[name] = rows
        header_of[name] = [cols[f] for f in keep]
    return World(seed=seed, noise=noise, n_total=n_people, lists=lists, columns=header_of, truth=truth,
                 people=people, settings={"n_people": n_people, "n_both": n_both, "noise": noise,
                                          "columns": columns, "kind": "two_lists"})


def write_lists(lists: dict[str, list[dict[str, Any]]], columns: dict[str, list[str]],
                folder: Path) -> dict[str, Path]:
    """Each list as a UTF-8 CSV with its own headers, as an organisation would hand it over; name -> path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, rows in lists.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns[name])
            writer.writeheader()
            writer.writerows(rows)
        paths[name] = path
    return paths
