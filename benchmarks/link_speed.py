"""Wall time and peak memory to dedupe N simulated records: reckon's full model beside a plain Splink model.

Both models run on the same generated records, each in its own child process (so each peak RSS is its own):

* ``reckon``: reckon.link.service.link_frame — name keys from reckon.names (cached per name string),
  birth date parts, the comparisons and blocking rules built from the fields present, the blocking safety
  check, u by random sampling, pooled EM (u fixed, monotone levels), prediction, coherence check,
  constrained clustering.
* ``plain``: Splink as its documentation builds a model, on the same columns: NameComparison on surname
  and given name (split plainly from the full name, no transliteration), DateOfBirthComparison,
  exact sex and region, detention date within a week / two months; two blocking rules, the prior from a
  deterministic rule, u by random sampling, EM on two blocking rules, prediction, Splink's connected
  components at 0.9. (Until issue 19 the baseline split "Surname Given Patronymic" wrongly and linked
  nothing, so reckon was timed against a model that did no work.)

Both print their pairwise F1 against the generator's people, wall and CPU time (the process's, DuckDB's
threads included: on a loaded machine CPU time is the figure to compare); reckon's run also prints each
phase (features and blocking check, training, scoring, clustering), read from its progress callback.

The generator writes names the way several lists would (Belarusian and Russian Cyrillic, passport Latin),
with typos, partial and missing birth dates, over a few thousand surname forms (Zipf-distributed).

Usage: python benchmarks/link_speed.py [--n 1000000] [--seed 1] [--only reckon|plain]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

ROOTS = ["Іван", "Кавал", "Новік", "Марoз", "Волк", "Казл", "Лебедз", "Сакал", "Попел", "Жук", "Кузняц", "Зайц",
         "Павл", "Сямён", "Голуб", "Віннік", "Багдан", "Мельнік", "Шаўц", "Ткач", "Карп", "Бондар", "Гаўрыл",
         "Дзмітр", "Макар", "Нікіцін", "Сцяпан", "Тарас", "Мікалай", "Аляксей", "Міхал", "Пятр", "Рыгор",
         "Сідар", "Лукаш", "Мацкев", "Пашкев", "Станкев", "Юркев", "Марцінов", "Васілев", "Радкев", "Хадасев",
         "Бабар", "Латуш", "Лупік", "Цвірк", "Мартын", "Шапец", "Гурск", "Бяляц", "Ермак", "Кулеш", "Дубров",
         "Крыў", "Гарбач", "Сухав", "Каваленк", "Шчарбак", "Кірыл", "Курыл", "Трафім", "Барыс", "Фёдар", "Ігнат"]
SUFFIXES = ["аў", "оў", "ёў", "енка", "ка", "скі", "іч", "евіч", "овіч", "ук", "юк", "ын", "ін", "ец", "ак"]
GIVEN = [("Уладзімір", "Владимир"), ("Аляксандр", "Александр"), ("Дзмітрый", "Дмитрий"), ("Ігар", "Игорь"),
         ("Сяргей", "Сергей"), ("Андрэй", "Андрей"), ("Мікалай", "Николай"), ("Віктар", "Виктор"),
         ("Юрый", "Юрий"), ("Павел", "Павел"), ("Аляксей", "Алексей"), ("Міхаіл", "Михаил"), ("Іван", "Иван"),
         ("Дзяніс", "Денис"), ("Максім", "Максим"), ("Артём", "Артём"), ("Яўген", "Евгений"), ("Раман", "Роман"),
         ("Святлана", "Светлана"), ("Марыя", "Мария"), ("Вольга", "Ольга"), ("Алена", "Елена"),
         ("Наталля", "Наталья"), ("Таццяна", "Татьяна"), ("Ірына", "Ирина"), ("Ганна", "Анна")]
BE2RU = str.maketrans({"і": "и", "ў": "в", "э": "е", "ы": "ы", "І": "И", "Ў": "В", "Э": "Е"})
LAT = {"а": "a", "б": "b", "в": "v", "г": "h", "д": "d", "е": "ie", "ё": "io", "ж": "zh", "з": "z", "і": "i",
       "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
       "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "ь": "",
       "э": "e", "ю": "iu", "я": "ia", "'": "", "’": ""}


def _lat(text: str) -> str:
    out = "".join(LAT.get(c.lower(), c.lower()) for c in text)
    return out[:1].upper() + out[1:]


def generate(n: int, seed: int) -> list[dict]:
    """n records of about n/1.4 people, as three lists would write them."""
    rng = np.random.default_rng(seed)
    surnames = [r + s for r in ROOTS for s in SUFFIXES]
    zipf = 1.0 / np.arange(1, len(surnames) + 1) ** 0.8
    zipf /= zipf.sum()
    n_people = int(n / 1.4)
    sur = rng.choice(len(surnames), size=n_people, p=zipf)
    giv = rng.integers(0, len(GIVEN), size=n_people)
    fat = rng.integers(0, 18, size=n_people)
    birth = rng.integers(0, 55 * 365, size=n_people)
    det = rng.integers(0, 4 * 365, size=n_people)
    region = rng.integers(0, 7, size=n_people)
    who = np.concatenate([np.arange(n_people), rng.integers(0, n_people, size=n - n_people)])
    style = rng.integers(0, 3, size=n)
    noise = rng.random((n, 4))
    base = np.datetime64("1950-01-01")
    dbase = np.datetime64("2020-08-09")
    regions = ["Minsk", "Brest", "Homiel", "Hrodna", "Mahiliou", "Viciebsk", "Minsk Region"]
    out = []
    for i in range(n):
        p = int(who[i])
        s_be = surnames[sur[p]]
        g_be, g_ru = GIVEN[giv[p]]
        f_be = GIVEN[fat[p]][0]
        if style[i] == 0:
            name = f"{g_be} {f_be}авіч {s_be.upper()}"
        elif style[i] == 1:
            name = f"{s_be.translate(BE2RU)} {g_ru} {GIVEN[fat[p]][1]}ович"
        else:
            name = f"{_lat(g_be)} {_lat(s_be)}"
        if noise[i, 0] < 0.05:
            k = 1 + int(noise[i, 1] * (len(name) - 2))
            name = name[:k] + name[k + 1:]
        bd = str(base + int(birth[p]))
        if noise[i, 2] < 0.1:
            bd = bd[:4]
        elif noise[i, 2] < 0.15:
            bd = None
        out.append({"id": i + 1, "source": f"list{style[i]}", "full_name": name, "birth_date": bd,
                    "sex": "female" if giv[p] >= 18 else "male", "region": regions[region[p]],
                    "detention_date": str(dbase + int(det[p])) if noise[i, 3] > 0.1 else None,
                    "truth": p})
    return out


def pairwise_f1(ids: list[int], labels: list[int], truth: dict[int, int]) -> float:
    """Pairwise F1 of clusters against the generator's people (counted per cell, no pair lists)."""
    import pandas as pd

    df = pd.DataFrame({"c": labels, "t": [truth[i] for i in ids]})

    def pairs(sizes: pd.Series) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    tp, pred, true = pairs(df.groupby(["c", "t"]).size()), pairs(df.groupby("c").size()), pairs(df.groupby("t").size())
    return 2 * tp / (pred + true) if pred + true else 1.0


class PhaseClock:
    """A progress callback that notes wall and CPU time at each phase boundary, so the run is timed per
    phase without touching the pipeline: features (name keys, dates) and the blocking check up to the
    first "training" call, training up to the first "scoring" call, scoring up to scoring's last call,
    then clustering (frequency and one-to-one weights, clusters, the coherence pass) to the end."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float]] = [("features", time.perf_counter(), time.process_time())]

    def _mark(self, phase: str) -> None:
        if phase not in (m[0] for m in self.marks):
            self.marks.append((phase, time.perf_counter(), time.process_time()))

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        if message in ("training", "scoring"):
            self._mark(message)
        if message == "scoring" and total and done >= total:
            self._mark("clustering")

    def phases(self) -> dict[str, list[float]]:
        """{phase: [wall s, CPU s]} in the order the phases ran."""
        marks = [*self.marks, ("end", time.perf_counter(), time.process_time())]
        return {a[0]: [b[1] - a[1], b[2] - a[2]] for a, b in zip(marks, marks[1:], strict=False)}


def run_reckon(records: list[dict]) -> dict:
    from reckon.link.service import link_frame

    clock = PhaseClock()
    labels, pairs, report = link_frame(records, progress=clock)
    ids = [r["id"] for r in records]
    return {"clusters": len(set(labels.values())), "pairs": len(pairs), "rules": report["rule_counts"],
            "phases": clock.phases(),
            "f1": pairwise_f1(ids, [labels[i] for i in ids], {r["id"]: r["truth"] for r in records})}


def plain_split(full_name: str | None) -> tuple[str | None, str | None]:
    """(given name, surname) the plain way, lower-cased: a word in capitals is the surname; three words
    read "Surname Given Patronymic"; otherwise "Given Surname". No transliteration, no name knowledge."""
    toks = (full_name or "").replace(",", " ").split()
    if not toks:
        return None, None
    caps = [t for t in toks if t.isupper() and len(t) > 1]
    if caps:
        surname = caps[0]
        given = next((t for t in toks if t != surname), None)
    elif len(toks) >= 3:
        surname, given = toks[0], toks[1]
    else:
        given, surname = toks[0], (toks[1] if len(toks) > 1 else None)
    return (given.lower() if given else None), (surname.lower() if surname else None)


def run_plain(records: list[dict]) -> dict:
    """Splink as its documentation builds a model: standard comparisons on the same columns reckon reads
    (name parts, birth date, sex, region, detention date), blocking on surname + birth year and given
    name + birth date, the prior from a deterministic rule, u by random sampling, EM on two blocking
    rules, prediction, connected components at the same threshold (0.9)."""
    import logging

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    rows = []
    for r in records:
        given, surname = plain_split(r["full_name"])
        bd = r["birth_date"]
        rows.append({"unique_id": r["id"], "given_name": given, "surname": surname,
                     "birth_date": bd if bd and len(bd) == 10 else None, "birth_year": (bd or "")[:4] or None,
                     "sex": r["sex"], "region": r["region"], "detention_date": r["detention_date"]})
    df = pd.DataFrame(rows)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[cl.NameComparison("surname"), cl.NameComparison("given_name"),
                     cl.DateOfBirthComparison("birth_date", input_is_string=True),
                     cl.ExactMatch("sex"), cl.ExactMatch("region"),
                     cl.AbsoluteDateDifferenceAtThresholds("detention_date", input_is_string=True,
                                                           metrics=["day", "day"], thresholds=[7, 60])],
        blocking_rules_to_generate_predictions=[block_on("surname", "birth_year"), block_on("given_name", "birth_date")],
        retain_matching_columns=False)
    db = DuckDBAPI()
    linker = Linker(db.register(df), settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("surname", "given_name", "birth_date")],
                                                                  recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "birth_year"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    pred = linker.inference.predict(threshold_match_probability=0.05)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.9).as_pandas_dataframe()
    label = dict(zip(clusters["unique_id"].astype(int), clusters["cluster_id"], strict=True))
    ids = [r["id"] for r in records]
    return {"clusters": int(clusters["cluster_id"].nunique()),
            "pairs": int(pred.as_duckdbpyrelation().count("*").fetchall()[0][0]),
            "f1": pairwise_f1(ids, [label[i] for i in ids], {r["id"]: r["truth"] for r in records})}


def child(model: str, n: int, seed: int) -> None:
    import logging
    import warnings

    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    records = generate(n, seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    result = run_reckon(records) if model == "reckon" else run_plain(records)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"model": model, "n": n, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_gb": peak / 2**20,
                      "rss_after_generation_gb": rss_before / 2**20, **result}, default=str))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["reckon", "plain"])
    ap.add_argument("--child", choices=["reckon", "plain"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.n, args.seed)
        return
    load = os.getloadavg()[0]
    print(f"dedupe {args.n:,} simulated records on {os.cpu_count()} cores (load average {load:.1f})", flush=True)
    results = {}
    for model in ([args.only] if args.only else ["plain", "reckon"]):
        out = subprocess.run([sys.executable, __file__, "--child", model, "--n", str(args.n), "--seed", str(args.seed)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{model}: failed\n{out.stderr[-3000:]}")
            continue
        res = json.loads(out.stdout.strip().splitlines()[-1])
        results[model] = res
        print(f"{model:<7} {res['seconds']:8.1f} s (CPU {res['cpu_seconds']:.1f} s)   peak RSS {res['peak_rss_gb']:.2f} GB "
              f"(of which data {res['rss_after_generation_gb']:.2f} GB)   pairs {res['pairs']:,}   "
              f"clusters {res['clusters']:,}   pairwise F1 {res['f1']:.4f}", flush=True)
        if res.get("phases"):
            print("        " + "   ".join(f"{k} {w:.1f} s (CPU {c:.1f})" for k, (w, c) in res["phases"].items()),
                  flush=True)
    if len(results) == 2:
        r, p = results["reckon"], results["plain"]
        print(f"reckon / plain: time {r['seconds'] / p['seconds']:.2f}x, CPU {r['cpu_seconds'] / p['cpu_seconds']:.2f}x, memory {r['peak_rss_gb'] / p['peak_rss_gb']:.2f}x")


if __name__ == "__main__":
    main()
