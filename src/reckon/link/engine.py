"""Training and scoring with Splink 5, on DuckDB or Spark: the part of linkage that knows Splink.

:func:`check_rules` counts, before anything is joined, how many comparisons each blocking rule would
generate (an exact group-by count on DuckDB, Splink's blocking analysis for the rules kept) and refuses,
with a :class:`~reckon.errors.ConfigError`, a rule that would not fit in memory. :func:`train` estimates
the model without labels (u by seeded random sampling, the prior from deterministic rules, m by one
pooled, checked EM over several blocking rules: :mod:`reckon.link.training`); :func:`predict` scores all blocked pairs, or only those that involve new records.
"""

from __future__ import annotations

import logging
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from reckon.errors import ConfigError
from reckon.i18n import N_
from reckon.link import training
from reckon.link.settings import Plan, Rule, settings_dict
from reckon.progress import Progress, no_progress

log = logging.getLogger(__name__)

# What one blocked pair costs while Splink scores it (ids, comparison vector, weights; measured on DuckDB
# with a generous margin). Used to turn available memory into a budget of pairs.
BYTES_PER_PAIR = 400
EM_MAX_PAIRS = 1_000_000
# Pairs of each training rule whose comparison vectors EM reads (a seeded sample of larger rules). EM fits a
# few dozen m values from a few thousand distinct vectors; 300,000 pairs give each level of a comparison
# thousands of pairs. (At 200,000 records the vectors of four rules at 1,000,000 pairs each took 6 s of CPU,
# as long as the rest of training; pairwise F1 of benchmarks/link_speed.py did not fall with the sample.)
EM_SAMPLE_PAIRS = 300_000
# Automatic prediction rules are tightened past this many pairs per record (a speed target; the memory
# budget still bounds every rule, a user's too). Below 50,000 records the floor of 1,000,000 pairs
# decides; at 200,000 records 20 (not 40) scored 0.9 million fewer pairs for the same pairwise F1 (0.9675).
PAIRS_PER_RECORD = 20
# Share of true matches the deterministic rules (together) are assumed to find, for the prior.
DETERMINISTIC_RECALL = 0.8


def available_memory() -> int:
    """Bytes of memory available now (MemAvailable), or 4 GiB where that cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # pragma: no cover - non-Linux
        pass
    return 4 << 30


def default_max_pairs() -> int:
    """Pairs that fit in a quarter of the memory available now."""
    return max(1_000_000, int(available_memory() * 0.25 / BYTES_PER_PAIR))


# ---------------------------------------------------------------------------------------------------
# Backends


def duckdb_api():
    import duckdb
    from splink import DuckDBAPI

    con = duckdb.connect(":memory:")
    threads = os.environ.get("RECKON_DUCKDB_THREADS")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return DuckDBAPI(connection=con)


_SPARK = None


def spark_session():
    """One local Spark session per process, with Splink's similarity UDF jar on its class path."""
    global _SPARK
    if _SPARK is not None:
        return _SPARK
    try:
        from pyspark.sql import SparkSession
        from splink.internals.spark.jar_location import similarity_jar_location
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError.of(N_("--engine spark needs pyspark (pip install 'reckon[spark]'): %(problem)s"),
                             problem=str(exc)) from exc
    master = os.environ.get("RECKON_SPARK_MASTER", "local[1]")
    # local mode: a few partitions per core (Spark's default of 200 only adds overhead on one machine)
    partitions = "1" if master == "local[1]" else "8"
    builder = (SparkSession.builder.master(master).appName("reckon-link")
               .config("spark.jars", similarity_jar_location())
               .config("spark.sql.shuffle.partitions", os.environ.get("RECKON_SPARK_PARTITIONS", partitions))
               .config("spark.default.parallelism", os.environ.get("RECKON_SPARK_PARTITIONS", partitions))
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.memory", os.environ.get("RECKON_SPARK_MEMORY", "2g"))
               .config("spark.ui.enabled", "false")
               .config("spark.sql.ansi.enabled", "false"))
    try:
        _SPARK = builder.getOrCreate()
    except Exception as exc:  # pragma: no cover - Java missing and the like
        raise ConfigError.of(N_("could not start Spark (%(kind)s: %(problem)s); is Java 17 installed?"),
                             kind=type(exc).__name__, problem=str(exc)) from exc
    _SPARK.sparkContext.setLogLevel("ERROR")
    _SPARK.sparkContext.setCheckpointDir(os.environ.get("RECKON_SPARK_CHECKPOINTS", "/tmp/reckon-spark-checkpoints"))
    return _SPARK


def spark_api():
    from splink import SparkAPI

    return SparkAPI(spark_session=spark_session(), break_lineage_method="persist")


def make_api(engine: str):
    if engine == "duckdb":
        return duckdb_api()
    if engine == "spark":
        return spark_api()
    raise ConfigError.of(N_("unknown engine %(engine)r: choose duckdb or spark"), engine=engine)


def _for_backend(frame: pd.DataFrame, engine: str) -> Any:
    """The frame as the backend wants it: Arrow for DuckDB; for Spark, plain types and no empty lists."""
    if engine == "spark":
        import pyarrow as pa

        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame


# ---------------------------------------------------------------------------------------------------
# Blocking safety


@dataclass
class RuleCount:
    rule: str
    purpose: str
    comparisons: int
    kept: bool
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "purpose": self.purpose, "comparisons": self.comparisons, "kept": self.kept,
                "note": self.note}


def count_pairs(con, table: str, columns: tuple[str, ...], compatible_birth: bool = False) -> int:
    """Exact number of pairs a rule of equal columns generates (within blocks, any two records).

    With ``compatible_birth`` (:data:`reckon.link.settings.COMPATIBLE_BIRTH`), counted from group sizes
    too: all pairs of a block, less those where both months are known, plus those back among them with
    the same month or the same day. Swapped days and months are not counted (a few pairs at most).
    """
    cols = ", ".join(f'"{c}"' for c in columns)
    notnull = " AND ".join(f'"{c}" IS NOT NULL' for c in columns)
    if not compatible_birth:
        sql = (f"SELECT coalesce(sum(c * (c - 1) / 2), 0) FROM "
               f"(SELECT count(*)::HUGEINT AS c FROM {table} WHERE {notnull} GROUP BY {cols})")
        return int(con.execute(sql).fetchone()[0])

    def pairs(extra: str = "", where: str = "") -> str:
        by = ", ".join(filter(None, [cols, extra]))
        return (f"(SELECT coalesce(sum(c * (c - 1) / 2), 0) FROM (SELECT count(*)::HUGEINT AS c FROM {table} "
                f"WHERE {notnull}{where} GROUP BY {by}))")

    month, day = ' AND "birth_month" IS NOT NULL', ' AND "birth_day" IS NOT NULL'
    sql = (f"SELECT {pairs()} - {pairs(where=month)} + {pairs('birth_month', month)} "
           f"+ {pairs('birth_day', month + day)} - {pairs('birth_month, birth_day', month + day)}")
    return int(con.execute(sql).fetchone()[0])


@dataclass
class Checked:
    predict: list[Rule] = field(default_factory=list)
    train: list[Rule] = field(default_factory=list)
    counts: list[RuleCount] = field(default_factory=list)
    max_pairs: int = 0
    total_predict_pairs: int = 0


def check_rules(frame: pd.DataFrame, plan: Plan, *, max_pairs: int | None = None) -> Checked:
    """Count every candidate rule first; tighten or drop the ones that would not fit; refuse user rules."""
    import duckdb

    budget = int(max_pairs or default_max_pairs())
    auto_budget = budget if max_pairs else min(budget, max(1_000_000, PAIRS_PER_RECORD * len(frame)))
    out = Checked(max_pairs=budget)
    con = duckdb.connect(":memory:")
    try:
        con.register("features", frame.drop(columns=["articles"]))
        live: list[list[Any]] = []  # [rule, columns, tighten left, count] of prediction rules kept so far
        for rule in plan.predict_rules + plan.train_rules:
            cols = tuple(rule.columns)
            n = count_pairs(con, "features", cols, rule.compatible_birth)
            extra = list(rule.tighten)
            limit = budget if rule.purpose == "predict" else max(budget, 50 * EM_MAX_PAIRS)
            target = auto_budget if rule.purpose == "predict" and not (rule.user or rule.essential) else limit
            while n > target and extra:
                out.counts.append(RuleCount(rule.with_columns(cols).label(), rule.purpose, n, False,
                                            f"over the target of {target:,} pairs; tightened"))
                cols = cols + (extra.pop(0),)
                n = count_pairs(con, "features", cols, rule.compatible_birth)
            if n > limit:
                gb = n * BYTES_PER_PAIR / 2**30
                msg = (f"blocking rule {rule.with_columns(cols).label()} would generate {n:,} comparisons (about {gb:,.1f} GB), "
                       f"more than the budget of {limit:,} pairs for the memory available")
                if rule.user or rule.purpose == "predict" and not (plan.predict_rules and len(plan.predict_rules) > 1):
                    raise ConfigError(msg + "; use a stricter rule (add a field such as birth_year) or raise "
                                      "--max-pairs on a machine with more memory")
                out.counts.append(RuleCount(rule.with_columns(cols).label(), rule.purpose, n, False, msg + "; dropped"))
                continue
            if rule.purpose == "predict":
                live.append([rule, cols, extra, n])
            else:
                kept = rule.with_columns(cols)
                out.counts.append(RuleCount(kept.label(), rule.purpose, n, True))
                out.train.append(kept)
        # Together the prediction rules must fit too: tighten the largest automatic rule, else drop it.
        while sum(item[3] for item in live) > auto_budget:
            total = sum(item[3] for item in live)
            auto = [item for item in live if not item[0].user and not item[0].essential]
            tightenable = [item for item in auto if item[2]]
            if tightenable:
                item = max(tightenable, key=lambda it: it[3])
                out.counts.append(RuleCount(item[0].with_columns(item[1]).label(), "predict", item[3], False,
                                            "the rules together exceed the target; tightened"))
                item[1] = item[1] + (item[2].pop(0),)
                item[3] = count_pairs(con, "features", item[1], item[0].compatible_birth)
            elif total <= budget:
                break  # over the speed target, within memory: keep them
            elif auto and len(live) > 1:
                item = max(auto, key=lambda it: it[3])
                out.counts.append(RuleCount(item[0].with_columns(item[1]).label(), "predict", item[3], False,
                                            "the rules together exceed the memory budget; dropped"))
                live.remove(item)
            elif len(live) > 1 and any(not it[0].user for it in live):
                item = max((it for it in live if not it[0].user), key=lambda it: it[3])
                out.counts.append(RuleCount(item[0].with_columns(item[1]).label(), "predict", item[3], False,
                                            "the rules together exceed the memory budget; dropped last"))
                live.remove(item)
            else:
                raise ConfigError.of(N_("the blocking rules together would generate up to %(total)s comparisons, "
                                        "more than the budget of %(budget)s pairs; use stricter rules or raise "
                                        "--max-pairs"), total=int(total), budget=int(budget))
        for rule, cols, _extra, n in live:
            kept = rule.with_columns(cols)
            out.counts.append(RuleCount(kept.label(), "predict", n, True))
            out.predict.append(kept)
            out.total_predict_pairs += n
    finally:
        con.close()
    if not out.predict:
        raise ConfigError.of(N_("every blocking rule would generate more comparisons than fit in memory (budget "
                                "%(budget)s pairs); add fields or raise --max-pairs"), budget=int(budget))
    return out


def splink_blocking_analysis(linker, rules: list[Rule], n_records: int) -> list[dict[str, Any]]:
    """Splink's own cumulative count of the kept prediction rules (sampled on large inputs)."""
    proportion = 1.0 if n_records <= 200_000 else max(0.02, min(1.0, 200_000 / n_records))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        records = linker.blocking_analysis.count_comparisons_from_blocking_rules(
            [r.splink() for r in rules], record_sample_proportion=proportion)
    return [{"rule": r["blocking_rule"], "marginal": int(r["marginal_comparison_count"]),
             "cumulative": int(r["cumulative_comparison_count"]), "estimate": bool(r["is_estimate"])}
            for r in records]


# ---------------------------------------------------------------------------------------------------
# Training and prediction


@dataclass
class Model:
    """A trained Splink model and the linker that holds the data it was trained on."""

    linker: Any
    api: Any
    table: Any
    settings: dict[str, Any]
    engine: str

    def to_json(self) -> dict[str, Any]:
        return self.linker.misc.save_model_to_json()


def _linker(frame: pd.DataFrame, settings: Any, engine: str, api=None):
    from splink import Linker, SettingsCreator

    api = api or make_api(engine)
    table = api.register(_for_backend(frame, engine))
    if isinstance(settings, dict) and "comparisons" in settings and "sql_dialect" not in settings:
        settings = SettingsCreator(**settings)
    linker = Linker(table, settings, log_level=logging.ERROR)
    return linker, api, table


def train(frame: pd.DataFrame, plan: Plan, checked: Checked, *, seed: int, engine: str = "duckdb",
          progress: Progress = no_progress) -> tuple[Model, dict[str, Any]]:
    """Estimate the model without labels; returns it with a report of what was trained how."""
    settings = settings_dict(plan.present, checked.predict)
    linker, api, table = _linker(frame, settings, engine)
    report: dict[str, Any] = {"em_rules": [], "prior": None}
    steps = 4
    progress(0, steps, N_("training"))
    n = len(frame)
    prior = None
    if plan.deterministic_rules:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                linker.training.estimate_probability_two_random_records_match(
                    [r.splink() for r in plan.deterministic_rules], recall=DETERMINISTIC_RECALL)
            prior = linker._settings_obj._probability_two_random_records_match
        except Exception as exc:  # few records, or no deterministic match at all
            log.info("prior from deterministic rules failed: %s", exc)
    total = n * (n - 1) / 2 or 1
    if not prior or prior <= 0 or prior >= 1:
        # Without a usable deterministic estimate: expect about one match per record across sources.
        prior = min(0.5, max(1e-9, n / total))
        linker._settings_obj._probability_two_random_records_match = prior
    report["prior"] = prior
    progress(1, steps, N_("training"))
    u_pairs = max(1e5, min(2e6, total))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    progress(2, steps, N_("training"))
    comps = training.comparisons_of(linker)
    counts = {c.rule: c.comparisons for c in checked.counts if c.kept and c.purpose == "train"}
    data = training.comparison_vectors(frame, comps, checked.train, max_pairs=EM_SAMPLE_PAIRS, seed=seed,
                                       counts=counts)
    progress(steps - 1, steps, N_("training"))
    fit = training.fit(comps, data, training.masks(comps, checked.train))
    training.apply(linker, comps, fit)
    report["em"] = fit.report()
    report["em_rules"] = [{"rule": r.label(), "ok": bool(fit.pairs.get(r.label())), "pairs": fit.pairs.get(r.label(), 0)}
                          for r in checked.train]
    if fit.notes:
        log.info("training: %s", "; ".join(fit.notes))
    linker._settings_obj._probability_two_random_records_match = prior
    progress(steps, steps, N_("training"))
    return Model(linker, api, table, settings, engine), report


def load(frame: pd.DataFrame, model_json: dict[str, Any], engine: str = "duckdb") -> Model:
    """A linker over ``frame`` with a model trained before (for incremental scoring and explanations)."""
    model_json = dict(model_json)
    model_json["sql_dialect"] = "spark" if engine == "spark" else "duckdb"
    model_json.pop("linker_uid", None)
    for br in model_json.get("blocking_rules_to_generate_predictions", []):
        if isinstance(br, dict):
            br["sql_dialect"] = model_json["sql_dialect"]
    _translate_dialect(model_json)
    linker, api, table = _linker(frame, model_json, engine)
    return Model(linker, api, table, model_json, engine)


_MODEL_COLUMN = re.compile(r"\b([a-z][a-z0-9_]*?)_[lr]\b")


def model_columns(model_json: dict[str, Any]) -> set[str]:
    """The feature columns a stored model's comparisons read (``surname_key``, ``extra_judge``...).

    Read from the model itself, so a frame built to score under it (:func:`reckon.link.features.prepare`
    with ``columns=``) carries every one of them, whatever the records at hand fill.
    """
    out: set[str] = set()
    for comp in model_json.get("comparisons", []):
        for level in comp.get("comparison_levels", []):
            cond = training.unquoted(level.get("sql_condition", ""))
            out |= set(_MODEL_COLUMN.findall(cond))
    return out


def _translate_dialect(model_json: dict[str, Any]) -> None:
    """A model trained on one backend, read on the other: unquote identifiers (DuckDB quotes with ",
    Spark with `; reckon's column names need neither) and swap the function names that differ
    (:func:`training.in_dialect`)."""
    dialect = model_json["sql_dialect"]
    for br in model_json.get("blocking_rules_to_generate_predictions", []):
        if isinstance(br, dict) and "blocking_rule" in br:
            br["blocking_rule"] = training.unquoted(br["blocking_rule"])
    for comp in model_json.get("comparisons", []):
        for level in comp.get("comparison_levels", []):
            level["sql_condition"] = training.in_dialect(training.unquoted(level.get("sql_condition", "")), dialect)


PAIR_COLUMNS = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]


def _collect(sdf, engine: str) -> pd.DataFrame:
    if engine == "spark":
        df = sdf.as_spark_dataframe().toPandas()
    else:
        df = sdf.as_pandas_dataframe()
    return df


def tidy_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Pairs with record_a < record_b, the weights per comparison, one row per pair (best score)."""
    mw_cols = [c for c in df.columns if c.startswith("mw_")]
    a = df["unique_id_l"].astype("int64").to_numpy()
    b = df["unique_id_r"].astype("int64").to_numpy()
    out = pd.DataFrame({
        "record_a": pd.Series(a).where(a < b, b).to_numpy(),
        "record_b": pd.Series(b).where(a < b, a).to_numpy(),
        "match_probability": df["match_probability"].astype(float).to_numpy(),
        "match_weight": df["match_weight"].astype(float).to_numpy(),
    })
    for c in mw_cols:
        out[c] = df[c].astype(float).to_numpy()
    out = out.sort_values(["record_a", "record_b", "match_weight"], ascending=[True, True, False])
    return out.drop_duplicates(["record_a", "record_b"]).reset_index(drop=True)


def predict(model: Model, floor: float, *, new_ids: set[int] | None = None, frame: pd.DataFrame | None = None,
            progress: Progress = no_progress) -> pd.DataFrame:
    """Score blocked pairs at or above ``floor``: all of them, or only those touching ``new_ids``."""
    progress(0, 1, N_("scoring"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if new_ids is None:
            sdf = model.linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
            df = _collect(sdf, model.engine)
        else:
            assert frame is not None
            is_new = frame["unique_id"].isin(list(new_ids))
            new = model.api.register(_for_backend(frame[is_new].reset_index(drop=True), model.engine))
            parts = [_collect(model.linker.inference.predict_within(
                new, threshold_match_probability=floor, warning_mode="never"), model.engine)]
            if (~is_new).any():
                old = model.api.register(_for_backend(frame[~is_new].reset_index(drop=True), model.engine))
                parts.append(_collect(model.linker.inference.predict_between(
                    new, old, threshold_match_probability=floor, warning_mode="never"), model.engine))
            parts = [p for p in parts if len(p)]
            df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PAIR_COLUMNS)
    progress(1, 1, N_("scoring"))
    if not len(df):
        return pd.DataFrame(columns=["record_a", "record_b", "match_probability", "match_weight"])
    return tidy_pairs(df)


def score_within_groups(model: Model, frame: pd.DataFrame, group_of: dict[int, int]) -> pd.DataFrame:
    """Score every pair of records that share a group (a cluster), whatever the blocking rules say."""
    from splink import block_on

    sub = frame[frame["unique_id"].isin(list(group_of))].copy()
    if len(sub) < 2:
        return pd.DataFrame(columns=["record_a", "record_b", "match_probability", "match_weight"])
    sub["reckon_group"] = sub["unique_id"].map(group_of).astype("int64")
    table = model.api.register(_for_backend(sub.reset_index(drop=True), model.engine))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sdf = model.linker.inference.predict_within(
            table, blocking_rules_to_generate_predictions=[block_on("reckon_group")], warning_mode="never")
    df = _collect(sdf, model.engine)
    if not len(df):
        return pd.DataFrame(columns=["record_a", "record_b", "match_probability", "match_weight"])
    return tidy_pairs(df)


def prior_weight(model_json: dict[str, Any]) -> float:
    lam = float(model_json.get("probability_two_random_records_match") or 1e-4)
    return math.log2(lam / (1 - lam))
