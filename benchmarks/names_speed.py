"""Speed of reckon.names: keys per second on distinct synthetic names, pairs compared per second.

Names are synthetic (syllables + real ending patterns; 40 % romanised in one of four schemes), all
distinct, so the whole-name cache does not help; token caches do, as on a real register where given names
and surnames repeat. The last section keys every record of a simulated world with ``keys_many`` (names
repeat across lists, as in linkage).
Usage: python benchmarks/names_speed.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

GIVEN = ["Іван", "Аляксандр", "Сяргей", "Уладзімір", "Дзмітрый", "Вольга", "Таццяна", "Юрый", "Ігар",
         "Наталля", "Иван", "Александр", "Сергей", "Владимир", "Дмитрий", "Ольга", "Татьяна", "Юрий", "Игорь"]
PATR = ["Уладзіміравіч", "Мікалаевіч", "Сяргееўна", "Владимирович", "Николаевна", "Игоревич", ""]
SYL = ["ка", "ра", "ла", "ба", "шэ", "ві", "ма", "на", "цы", "до", "ру", "бе"]
END = ["оў", "аў", "ов", "ава", "ова", "енка", "енко", "скі", "ская", "іч", "ич", "ін", "ук"]
# Belarusian surname endings parsing does not read as surname endings (Лапко, Шумчык, Лапцёнак,
# Дзямярынец): a two-word name with such a surname asks rigour's corpus about it once
END_PLAIN = ["ка", "ко", "ык", "ік", "ёнак", "онак", "ец", "ель", "еня"]
SCHEMES = ["passport_be", "bgn_ru", "lacinka", "icao_ru"]


def synthetic_names(n: int, seed: int = 7, pool: int = 0, ends: list[str] = END) -> list[str]:
    """n distinct names; with ``pool`` > 0 surnames come from that many stems, Zipf-like, as in registers."""
    from reckon.names import romanize

    rng = random.Random(seed)
    stems = ["".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))) for _ in range(pool)]
    weights = [1.0 / (i + 1) for i in range(pool)]
    names: set[str] = set()
    while len(names) < n:
        stem = rng.choices(stems, weights)[0] if pool else "".join(
            rng.choice(SYL) for _ in range(rng.randint(2, 4)))
        surname = stem + rng.choice(ends)
        name = f"{rng.choice(GIVEN)} {rng.choice(PATR)} {surname.capitalize()}".replace("  ", " ")
        if rng.random() < 0.4:  # lists in Latin script: a romanisation of the same kind of name
            name = romanize(name, rng.choice(SCHEMES))
        names.add(name)
    return sorted(names)


def reference_loop() -> float:
    """CPU seconds of a plain Python loop (1e7 additions; about 0.4 s on an idle modern core), printed so
    that figures measured on a loaded, shared machine can be scaled."""
    c0 = time.process_time()
    x = 0
    for i in range(10_000_000):
        x += i
    return time.process_time() - c0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"reference: 1e7-step Python loop took {reference_loop():.2f} CPU-s (~0.4 s on an idle core)")
    for label, pool, ends in (("all-new surnames (worst case)", 0, END),
                              ("all-new surnames, none with a surname ending parsing knows", 0, END_PLAIN),
                              ("register-like: 5,000 surname stems", 5000, END)):
        print(f"-- {label}")
        run(synthetic_names(n, pool=pool, ends=ends), n)
    print("-- repeated words: distinct names made of 600 surnames and the given names/patronymics above")
    run(combined_names(n), n)
    print("-- linkage-like: every record of a simulated world (5 lists, noise medium), names repeat across lists")
    run_records(world_names(n))


def world_names(n: int) -> list[str]:
    """The name column of every record of simulate_world: what linkage keys (one call per record)."""
    from reckon.simulate import simulate_world

    world = simulate_world(seed=3, n_people=max(n * 3 // 5, 100), n_lists=5, noise="medium")
    cols = ("name", "Прозвішча, імя, імя па бацьку", "ФИО", "full_name")
    return [row[c] for rows in world.lists.values() for row in rows for c in cols if c in row][:n]


def run_records(names: list[str]) -> None:
    from reckon.names import keys_many
    from reckon.names.given import name_ids

    name_ids("ivan")
    t0, c0 = time.perf_counter(), time.process_time()
    keys_many(names)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"keys_many: {len(names) / dc:8.0f} records per CPU-second ({len(names) / dt:.0f}/s wall; "
          f"{len(names)} records, {len(set(names))} distinct names)")


def combined_names(n: int) -> list[str]:
    """Distinct names whose words repeat, as in a register (every word seen before: token caches warm)."""
    surnames = [name.split()[-1] for name in synthetic_names(600, seed=11)]
    names = sorted({f"{g} {p} {s}".replace("  ", " ") for g in GIVEN for p in PATR for s in surnames})
    random.Random(2).shuffle(names)
    names = names[:n]
    from reckon.names import keys

    for word_source in names[:2000]:  # meet every word once, outside the timing
        keys(word_source)
    return names[2000:]


def run(names: list[str], n: int) -> None:
    n = len(names)
    from reckon.names import compare, keys
    from reckon.names.given import name_ids

    keys(names[0])  # load data files and rigour's corpus once, outside the timing
    name_ids("ivan")
    t0, c0 = time.perf_counter(), time.process_time()
    for name in names:
        keys(name)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"keys:    {n / dc:10.0f} names per CPU-second ({n / dt:.0f}/s wall; {n} distinct names)")
    t0, c0 = time.perf_counter(), time.process_time()
    for name in names:  # the same names again: what a second pass (or a repeated record) costs
        keys(name)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"keys again: {n / dc:7.0f} names per CPU-second ({n / dt:.0f}/s wall; memoised)")
    rng = random.Random(1)
    pairs = [(rng.choice(names), rng.choice(names)) for _ in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    for a, b in pairs:
        compare(a, b)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"compare: {n / dc:10.0f} pairs per CPU-second ({n / dt:.0f}/s wall; {n} distinct pairs)")
    print("(CPU-seconds are the fair figure on a shared machine: wall time includes waiting for a core)")


if __name__ == "__main__":
    main()
