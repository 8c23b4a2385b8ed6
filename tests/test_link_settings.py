"""Features, settings from the fields present, and blocking safety (counted before anything is joined)."""

from __future__ import annotations

import pandas as pd
import pytest

from reckon.errors import ConfigError
from reckon.link.engine import check_rules, count_pairs
from reckon.link.features import date_parts, prepare, present_fields
from reckon.link.settings import comparisons, plan


def _records(n: int, **fields) -> list[dict]:
    return [{"id": i + 1, "source": "a" if i % 2 else "b", "full_name": f"Ivan Petrovich IVANOV{'' if i % 3 else 'A'}",
             **fields} for i in range(n)]


def test_partial_dates_and_present_fields() -> None:
    assert date_parts("1975") == (1975, None, None)
    assert date_parts("1975-05") == (1975, 5, None)
    assert date_parts("1975-05-07") == (1975, 5, 7)
    assert date_parts(None) == (None, None, None)
    frame = prepare(_records(10, birth_date="1975-05"))
    assert frame["birth_year"].tolist() == [1975] * 10 and frame["birth_day"].isna().all()
    present = present_fields(frame)
    assert {"surname_key", "given_key", "birth_year"} <= present
    assert "region" not in present and "detention_days" not in present
    names = {c.create_output_column_name() for c in comparisons(present)}
    assert {"surname", "given_name", "birth_date"} <= names and "region" not in names


def test_no_names_is_a_clear_error() -> None:
    frame = prepare([{"id": 1, "source": "a", "birth_date": "1970"}, {"id": 2, "source": "a", "birth_date": "1971"}])
    with pytest.raises(ConfigError, match="no names"):
        comparisons(present_fields(frame))


def test_rules_that_would_not_fit_are_tightened_or_refused() -> None:
    # 3,000 records with one surname: "surname alone" would make 4.5 million comparisons
    recs = _records(3000, sex="male")
    for i, r in enumerate(recs):
        r["birth_date"] = f"{1950 + i % 50}-0{1 + i % 9}-1{i % 10}"
    frame = prepare(recs)
    import duckdb

    con = duckdb.connect()
    con.register("f", frame.drop(columns=["articles"]))
    assert count_pairs(con, "f", ("surname_key",)) > 1_000_000
    checked = check_rules(frame, plan(present_fields(frame)), max_pairs=200_000)
    assert checked.total_predict_pairs <= 200_000
    assert all("surname_key" != r.label() for r in checked.predict), "surname alone must not be kept"
    assert any(not c.kept and c.rule == "surname_key" for c in checked.counts)
    # a rule a user asks for is refused, with the size it would have had
    with pytest.raises(ConfigError, match=r"would generate [\d,]+ comparisons \(about [\d.]+ GB\)"):
        check_rules(frame, plan(present_fields(frame), blocking=[["surname_key"]]), max_pairs=200_000)


@pytest.mark.parametrize("trained, read", [("duckdb", "spark"), ("spark", "duckdb")])
def test_a_model_read_on_the_other_backend_uses_its_function_names(trained: str, read: str) -> None:
    """--rescore --engine spark of a DuckDB model (and back): every comparison's SQL must be the reading
    backend's, or Spark refuses DuckDB's list_intersect (the articles' comparison)."""
    import splink.comparison_library as cl

    from reckon.link.engine import _translate_dialect

    comps = [cl.ArrayIntersectAtSizes("articles", [2, 1]).get_comparison(trained).as_dict(),
             cl.JaroWinklerAtThresholds("surname", [0.9]).get_comparison(trained).as_dict()]
    model = {"sql_dialect": read, "comparisons": comps}
    _translate_dialect(model)
    sql = " ".join(level["sql_condition"] for c in model["comparisons"] for level in c["comparison_levels"])
    lowered = sql.lower()
    assert '"' not in sql and "`" not in sql
    if read == "spark":
        assert "list_intersect(" not in lowered and "array_intersect(articles_l, articles_r)" in lowered
        assert "jaro_winkler(" in lowered and "jaro_winkler_similarity(" not in lowered
    else:
        assert "size(" not in lowered and "array_length(list_intersect(articles_l, articles_r))" in lowered
        assert "jaro_winkler_similarity(" in lowered


def test_comparison_vectors_of_a_spark_model_are_duckdb_sql() -> None:
    """Reckon's EM computes comparison vectors in DuckDB even when Spark trains: Spark's names are swapped."""
    from reckon.link.training import _side

    sql = _side("SIZE(ARRAY_INTERSECT(`articles_l`, `articles_r`)) >= 2 AND jaro_winkler(surname_l, surname_r) > 0.9")
    assert sql == ('array_length(list_intersect(l."articles", r."articles")) >= 2 '
                   'AND jaro_winkler_similarity(l."surname", r."surname") > 0.9')


def _dated(rng, i: int) -> dict:
    """A record of one of two surnames, born in 1980, with a full date, a month only, or the year only."""
    kind = rng.integers(0, 4)
    month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
    birth = ("1980" if kind == 0 else f"1980-{month:02d}" if kind == 1 else f"1980-{month:02d}-{day:02d}")
    return {"id": i + 1, "source": "a" if i % 2 else "b", "full_name": f"Ivan {'IVANOV' if i % 3 else 'PETROV'}",
            "birth_date": birth}


def test_the_compatible_birth_rule_keeps_what_a_date_could_share_and_counts_it_exactly() -> None:
    """surname key + birth year, restricted to dates that may be one person's: its count from group sizes
    is the count of the join (less swapped day and month, which the count leaves out), and the pairs it
    drops are exactly those whose months and days both differ."""
    import duckdb
    import numpy as np

    from reckon.link.diagnose import blocking_recall
    from reckon.link.settings import Rule

    rng = np.random.default_rng(3)
    frame = prepare([_dated(rng, i) for i in range(400)])
    rule = next(r for r in plan(present_fields(frame)).predict_rules if r.columns == ("surname_key", "birth_year"))
    assert rule.compatible_birth and rule.essential and "(compatible birth dates)" in rule.label()
    con = duckdb.connect()
    con.register("f", frame.drop(columns=["articles"]))
    joined = con.execute(f"SELECT l.unique_id, r.unique_id FROM f l JOIN f r ON {rule.sql} "
                         "AND l.unique_id < r.unique_id").fetchall()
    swapped = con.execute(f"SELECT count(*) FROM f l JOIN f r ON {rule.sql} AND l.unique_id < r.unique_id AND "
                          "l.birth_month <> r.birth_month AND l.birth_day <> r.birth_day").fetchone()[0]
    assert count_pairs(con, "f", rule.columns, True) == len(joined) - swapped
    assert len(joined) < 0.6 * count_pairs(con, "f", rule.columns), "many same-year pairs have other dates"
    # blocking recall reads the same condition as the SQL
    every = [(a, b) for a in range(1, 120) for b in range(a + 1, 120)]
    found = blocking_recall(frame, [rule], every)["rules"][0]["finds"]
    assert found == sum(1 for a, b in joined if b < 120)
    by_id = frame.set_index("unique_id")
    for a, b in every[:2000]:
        x, y = by_id.loc[a], by_id.loc[b]
        if x["surname_key"] != y["surname_key"]:
            continue
        months = [x["birth_month"], y["birth_month"]]
        if any(m is pd.NA for m in months) or x["birth_month"] == y["birth_month"]:
            assert (a, b) in set(joined), "a date unknown on one side, or the same month, is kept"
    assert Rule(("surname_key",)).splink() is not None and Rule(("surname_key",), compatible_birth=True).splink()


def test_edit_distance_levels_hold_exactly_the_pairs_within_the_distance() -> None:
    """The length test before the edit distance is a shortcut only: on Latin, Cyrillic and mixed strings
    the level's condition and the bare edit distance agree on every pair."""
    import duckdb
    import numpy as np

    from reckon.link.settings import _lev

    rng = np.random.default_rng(7)
    letters = list("abcdeiklnorsuvyzабвгдеёжзіклмнорсуўхцчшыэюя")
    words = ["".join(rng.choice(letters, size=rng.integers(0, 9))) for _ in range(300)]
    words += [w[:-1] for w in words[:50]] + [w + "a" for w in words[50:100]] + [w[1:] + "ф" for w in words[100:150]]
    pairs = [(words[i], words[j]) for i, j in rng.integers(0, len(words), size=(4000, 2))]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (name_l VARCHAR, name_r VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", pairs)
    for d in (1, 2):
        cond = _lev("name", d, "x")["sql_condition"]
        differ = con.execute(f"SELECT count(*) FROM t WHERE ({cond}) <> (levenshtein(name_l, name_r) <= {d})").fetchone()[0]
        inside = con.execute(f"SELECT count(*) FROM t WHERE {cond}").fetchone()[0]
        assert differ == 0 and inside > 50
