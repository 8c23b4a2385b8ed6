"""Feature preparation: from register records to the flat frame Splink compares.

One row per current record: its id and source, the cross-language name keys (from :mod:`reckon.names`,
computed once per distinct name string), birth date parts from the partial ISO date ("1975",
"1975-05", "1975-05-05"), sex, region, detention date and articles. Columns that no record fills are
dropped later by :mod:`reckon.link.settings`, so comparisons exist only for fields that are present.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from reckon.link.extras import describes_person
from reckon.names.linkage import LinkKeys as Keys
from reckon.names.linkage import link_columns
from reckon.names.linkage import link_keys as keys_for

FEATURE_COLUMNS = [
    "unique_id", "source_dataset", "surname_key", "given_key", "patronymic_key", "initials", "given_init",
    "surname_latn", "given_latn", "patronymic_latn", "given_inits", "surname_skel", "patronymic_skel", "sex", "birth_date", "birth_year", "birth_month",
    "birth_day", "region", "locality", "detention_days", "articles",
]
# Up to this many identifying fields kept in Record.extra (a passport number, an address, a case number)
# become comparisons too, when most records of at least two sources fill them.
MAX_EXTRA = 4

RECORD_FIELDS = ("id", "source", "full_name", "surname", "given_name", "patronymic", "initials", "sex",
                 "birth_date", "birth_year", "region", "locality", "detention_date", "articles", "extra")

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_EPOCH = date(1970, 1, 1)
T = TypeVar("T")


def date_parts(value: Any) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a partial ISO date; missing parts are None."""
    if value is None:
        return None, None, None
    m = _DATE.match(str(value))
    if not m:
        return None, None, None
    y, mo, d = (int(g) if g else None for g in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        mo, d = None, None
    if d is not None and not 1 <= d <= 31:
        d = None
    return y, mo, d


def day_number(value: Any) -> int | None:
    y, mo, d = date_parts(value)
    if y is None or mo is None or d is None:
        return None
    try:
        return (date(y, mo, d) - _EPOCH).days
    except ValueError:
        return None


def day_text(number: int) -> str:
    """The ISO date of a :func:`day_number` (what a reviewer reads beside the model's day count)."""
    return (_EPOCH + timedelta(days=int(number))).isoformat()


def name_string(rec: Mapping[str, Any]) -> str | None:
    """The string whose keys stand for the record's name: the full name, else the parts joined."""
    full = (rec.get("full_name") or "").strip()
    if full:
        return full
    surname = (rec.get("surname") or "").strip()
    parts = [p for p in ((rec.get("given_name") or "").strip(), (rec.get("patronymic") or "").strip()) if p]
    if surname and parts:
        return " ".join(parts + [surname.upper()])
    if surname and rec.get("initials"):
        return f"{surname} {rec['initials']}"
    return surname or " ".join(parts) or None


ORDER_MIN_NAMES = 20  # two-word names a source needs before its usual order is trusted
ORDER_MAJORITY = 0.75  # share of them read in one order for that order to be the list's


@lru_cache(maxsize=200_000)
def _surname_position(name: str) -> int | None:
    """0 or 1: which word of a two-word name the name keys read as the surname (None if neither)."""
    words = name.split()
    latn = keys_for(name).surname_latn
    if not latn:
        return None
    hits = [i for i, w in enumerate(words) if _surname_latn(w) == latn]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=200_000)
def _surname_latn(word: str) -> str | None:
    """The canonical Latin form of one word read as a surname (capitals tell the name keys so)."""
    return keys_for(word.upper() + " X").surname_latn


def name_strings(records: list[Mapping[str, Any]]) -> list[str | None]:
    """Each record's name string, with two-word names read in the order their list writes them.

    A list writes names one way ("Given Surname" in Viasna's lists), but a given name the name parser
    does not know ("Katsiaryna Shulha") can be read the other way round, and the pair then loses both
    name comparisons. When most two-word names of a source read one way, the others are read that way
    too (the surname marked in capitals, which is how reckon.names is told).
    """
    names = [name_string(rec) for rec in records]
    two = [i for i, n in enumerate(names) if n and len(n.split()) == 2 and not any(w.isupper() for w in n.split())
           and not (records[i].get("surname") or "").strip()]
    by_source: dict[str, list[int]] = {}
    for i in two:
        by_source.setdefault(str(records[i].get("source")), []).append(i)
    for idx in by_source.values():
        if len(idx) < ORDER_MIN_NAMES:
            continue
        pos = {i: _surname_position(names[i]) for i in idx}
        known = [p for p in pos.values() if p is not None]
        if not known:
            continue
        usual = max((0, 1), key=known.count)
        if known.count(usual) < ORDER_MAJORITY * len(known):
            continue
        for i, p in pos.items():
            if p is not None and p != usual:
                words = names[i].split()
                words[usual] = words[usual].upper()
                names[i] = " ".join(words)
    return names


def _norm_text(value: Any) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip().lower()
    return text or None


def _norm_article(value: Any) -> str | None:
    text = _norm_text(value)
    if not text:
        return None
    # "Part 2 of Art. 293", "ч. 2 ст. 293", "293-2", "293.2" -> "293.2"; keep the bare number otherwise.
    nums = re.findall(r"\d+(?:\.\d+)?", text)
    if not nums:
        return text
    part = re.search(r"(?:part|ч\.?|часть|частка)\s*(\d+)", text)
    article = re.search(r"(?:art\.?|article|ст\.?|статья|артыкул)\s*(\d+(?:\.\d+)?)", text)
    if article:
        return article.group(1) + (f".{part.group(1)}" if part else "")
    return nums[0] if len(nums) == 1 else ".".join(nums[:2])


def _sex(value: Any) -> str | None:
    text = _norm_text(value)
    if not text:
        return None
    if text in {"m", "male", "м", "муж", "мужской", "man", "мужчына"}:
        return "male"
    if text in {"f", "female", "ж", "жен", "женский", "woman", "жанчына"}:
        return "female"
    return text if text in {"male", "female"} else None


def _each(values: list[Any], fn: Callable[[Any], T]) -> list[T]:
    """``fn`` of each value, computed once per distinct value: lists repeat their regions, dates, sexes."""
    seen: dict[Any, T] = {}
    out = []
    for v in values:
        try:
            out.append(seen[v])
        except KeyError:
            out.append(seen.setdefault(v, fn(v)))
        except TypeError:  # an unhashable value (a list): computed each time
            out.append(fn(v))
    return out


def _initials(given: Any, keys: Keys) -> str | None:
    """A record's initials: as the source gave them (the first letter romanised, so Cyrillic meets Latin),
    else those of its name keys."""
    initials = (given or "").strip()
    init = re.sub(r"[^\w]", "", initials).lower() if initials else (keys.initials or "")
    if init and not keys.given_latn:
        from reckon.names.coarse import coarse_latin as romanize

        init = romanize(init)
    return init or None


def _articles(values: Any) -> list[str] | None:
    return sorted({a for a in (_norm_article(x) for x in values) if a}) or None if values else None


def prepare(records: Iterable[Mapping[str, Any]], columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The feature frame for Splink, one row per record (dicts with :data:`RECORD_FIELDS`).

    The one builder of features for training, prediction and explanations. Which ``extra_*`` columns a
    frame carries depends on the records it is built from, so a frame built to score records under an
    existing model passes ``columns`` (the model's fields, its run's ``present``): the frame then carries
    exactly the model's extra columns, empty where these records do not fill them, and two records can be
    scored under a model trained on thousands.

    Built column by column, each value computed once per distinct input (a name string is parsed once
    however many records carry it; the same for dates, sexes, regions): at 200,000 records a loop over
    records building a dict each took as long as the name keys themselves.
    """
    records_list = list(records)
    names = name_strings(records_list)
    empty = (Keys(), (None, None))
    keyed = [link_columns(n) if n else empty for n in names]
    keys = [k for k, _sk in keyed]
    field = [[rec.get(f) for rec in records_list] for f in ("initials", "birth_date", "birth_year", "sex")]
    inits = [_initials(i, k) if i or (k.initials and not k.given_latn) else k.initials  # the common case inline
             for i, k in zip(field[0], keys, strict=True)]
    parts = _each(field[1], date_parts)
    years = [y if y is not None else (int(fy) if fy else None) for (y, _m, _d), fy in zip(parts, field[2], strict=True)]
    frame = pd.DataFrame({
        "unique_id": [int(rec["id"]) for rec in records_list],
        "source_dataset": [str(rec.get("source") or "default") for rec in records_list],
        "surname_key": [k.surname_key for k in keys],
        "given_key": [k.given_key for k in keys],
        "patronymic_key": [k.patronymic_key for k in keys],
        "initials": inits,
        "given_init": [(k.given_latn or i or "")[:1] or None for k, i in zip(keys, inits, strict=True)],
        "surname_latn": [k.surname_latn for k in keys],
        "given_latn": [k.given_latn for k in keys],
        "patronymic_latn": [k.patronymic_latn for k in keys],
        "given_inits": None,
        "surname_skel": [sk[0] for _k, sk in keyed],
        "patronymic_skel": [sk[1] for _k, sk in keyed],
        "sex": [s or k.sex_hint for s, k in zip(_each(field[3], _sex), keys, strict=True)],
        "birth_date": [f"{y:04d}-{m:02d}-{d:02d}" if y and m and d else None for y, m, d in parts],
        "birth_year": years,
        "birth_month": [m for _y, m, _d in parts],
        "birth_day": [d for _y, _m, d in parts],
        "region": _each([rec.get("region") for rec in records_list], _norm_text),
        "locality": _each([rec.get("locality") for rec in records_list], _norm_text),
        "detention_days": _each([rec.get("detention_date") for rec in records_list], day_number),
        "articles": [_articles(rec.get("articles")) for rec in records_list],
    }, columns=FEATURE_COLUMNS)
    correct_given_typos(frame)
    frame["given_inits"] = given_initials(frame)
    wanted = None if columns is None else sorted(c for c in columns if c.startswith("extra_"))
    for key, values in _extra_columns(records_list, wanted).items():
        frame[key] = values
    for col in ("birth_year", "birth_month", "birth_day", "detention_days"):
        frame[col] = pd.array(frame[col], dtype="Int64")
    frame["unique_id"] = frame["unique_id"].astype(np.int64)
    return frame


TYPO_MAX_COUNT = 2  # a given-name spelling seen this often or less may be a typo of a common one
TYPO_MIN_RATIO = 10  # ... when a spelling one edit away is this many times (and 10 times) as common


def correct_given_typos(frame: pd.DataFrame) -> None:
    """Give a rare, misspelt given name the class key of the common spelling one edit away (in place).

    A typo in a Belarusian given name ("Mkalai", "Volca") leaves it unknown to the name classes, so its key
    is its own skeleton and the pair with "Николай"/"Ольга" of the other list lands on "different" (−7
    bits) although the surname and the full birth date agree. Lists are made of many people with few given
    names: a spelling seen once or twice, one edit (or one swap) from a spelling seen dozens of times, is
    that spelling misspelt. Only the key is corrected (the Latin form stays as written, so "same
    spelling" still needs the same letters); a spelling near two common names of different classes is
    left alone. The frame's own counts decide, so the rule needs no list of names.
    """
    import duckdb

    given = frame[["given_latn", "given_key"]].dropna()
    if len(given) < 50:
        return
    counts = given.groupby("given_latn").size()
    rare = counts[counts <= TYPO_MAX_COUNT]
    key_counts = given.groupby("given_key").size()
    rare = rare[[key_counts.get(k, 0) <= TYPO_MAX_COUNT
                 for k in given.drop_duplicates("given_latn").set_index("given_latn").loc[rare.index, "given_key"]]]
    common = counts[counts >= max(10, TYPO_MIN_RATIO * TYPO_MAX_COUNT, 0.0005 * len(frame))]
    if not len(rare) or not len(common):
        return
    key_of = given.drop_duplicates("given_latn").set_index("given_latn")["given_key"]
    con = duckdb.connect(":memory:")
    try:
        con.register("rare_df", pd.DataFrame({"v": rare.index}))
        con.register("common_df", pd.DataFrame({"w": common.index, "k": key_of.loc[common.index].to_numpy()}))
        hits = con.execute(
            "SELECT v, min(k) AS k FROM rare_df JOIN common_df ON substr(v, 1, 1) = substr(w, 1, 1) "
            "AND abs(length(v) - length(w)) <= 1 AND damerau_levenshtein(v, w) = 1 "
            "GROUP BY v HAVING count(DISTINCT k) = 1").fetchall()
    finally:
        con.close()
    if hits:
        fix = dict(hits)
        mask = frame["given_latn"].isin(fix)
        frame.loc[mask, "given_key"] = frame.loc[mask, "given_latn"].map(fix)


def given_initials(frame: pd.DataFrame) -> pd.Series:
    """Per record with a full given name, every initial its name takes in the lists at hand, as one string.

    A court list writes "Волков В.Е." where the partner's list writes "Ваўкоў Уладзімір": the initial of
    Владимир is В, of Уладзімір У (Ольга/Вольга, Николай/Мікалай, Евгений/Яўген, Григорий/Рыгор,
    Екатерина/Кацярына likewise). The given-name class key ties the two spellings; the initials of a class
    are those of the spellings the records of that class show (first letters of their Latin forms), so an
    initial-only record is compatible with every spelling of the name, in either language.
    """
    given = frame[["given_key", "given_latn"]].dropna()
    if not len(given):
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    seen = given.assign(first=given["given_latn"].str[:1]).groupby("given_key")["first"].agg(set)
    known = _class_initials()
    letters = {key: "".join(sorted(firsts | known.get(key, set()))) for key, firsts in seen.items()}
    return frame["given_key"].map(letters).where(frame["given_key"].notna(), None)


@lru_cache(maxsize=1)
def _class_initials() -> dict[str, set[str]]:
    """Given-name class key -> the Latin initials of the forms reckon.names knows for it (Ольга: o, v...)."""
    try:
        from reckon.names.given import vocabulary
    except ImportError:  # pragma: no cover - the built-in name keys have no classes
        return {}
    from reckon.names.coarse import coarse_latin as romanize

    out: dict[str, set[str]] = {}
    voc = vocabulary()
    for form, key in list(voc.forms.items()) + [(head, key) for key, head in voc.heads.items()]:
        first = romanize(form[:1].lower())[:1] if form else ""
        if "a" <= first <= "z":
            out.setdefault(key, set()).add(first)
    return out


def extra_column(key: str) -> str:
    """The feature column for an identifying field kept in ``Record.extra``."""
    return "extra_" + re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")[:40]


def _extra_columns(records: list[Mapping[str, Any]], wanted: list[str] | None = None) -> dict[str, list[str | None]]:
    """``extra_<name>`` columns for the identifying extra fields most records of two or more sources fill
    (or exactly the ``wanted`` ones, for scoring under a model trained before)."""
    if wanted is not None:
        out_w: dict[str, list[str | None]] = {}
        for col in wanted:
            values: list[str | None] = []
            for rec in records:
                hit = [v for k, v in (rec.get("extra") or {}).items() if extra_column(k) == col
                       and v not in (None, "") and not isinstance(v, dict | list)]
                values.append(_norm_text(hit[0]) if hit else None)
            out_w[col] = values
        return out_w
    filled: dict[str, dict[str, int]] = {}
    per_source: dict[str, int] = {}
    for rec in records:
        src = str(rec.get("source"))
        per_source[src] = per_source.get(src, 0) + 1
        for key, value in (rec.get("extra") or {}).items():
            if value not in (None, "") and not isinstance(value, dict | list):
                filled.setdefault(key, {})
                filled[key][src] = filled[key].get(src, 0) + 1
    chosen = []
    for key, by_src in filled.items():
        good = [s for s, k in by_src.items() if k >= 0.5 * per_source[s]]
        if len(good) >= 2 and describes_person(key, ((r.get("extra") or {}).get(key) for r in records)):
            chosen.append((-sum(by_src.values()), key))
    chosen = [k for _n, k in sorted(chosen)[:MAX_EXTRA]]
    out: dict[str, list[str | None]] = {}
    for key in chosen:
        out[extra_column(key)] = [_norm_text((rec.get("extra") or {}).get(key)) for rec in records]
    return out


def present_fields(frame: pd.DataFrame, min_share: float = 0.01) -> set[str]:
    """Feature columns that enough records fill (at least ``min_share`` of them, and 2 records)."""
    n = len(frame)
    out = set()
    for col in [c for c in frame.columns if c in FEATURE_COLUMNS[2:] or c.startswith("extra_")]:
        filled = int(frame[col].notna().sum())
        if filled >= 2 and filled >= min_share * n:
            out.add(col)
    return out
