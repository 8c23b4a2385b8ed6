"""Splink settings built from the fields present: comparisons, blocking rules, training rules.

Every comparison is written in SQL that DuckDB and Spark both understand and compute alike; fuzzy levels
are edit distances from Splink's level library (each backend's own levenshtein function). Nothing here looks at the
data except :func:`reckon.link.features.present_fields`, which says which columns are filled.

Each level's ``label_for_charts`` is what the level means, in English words for a reader (marked for
translation): the stored model keeps it, and ``reckon explain``, the review page and training's notes
show it in the reader's language through :mod:`reckon.link.levels`. So the words are written once, here,
and say what the comparison's level means (a date "within a week", a place "another place"), never a name
level's words on a date or a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import splink.comparison_library as cl

from reckon.errors import ConfigError
from reckon.i18n import N_


def _null(cols: list[str]) -> dict[str, Any]:
    cond = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return {"sql_condition": cond, "label_for_charts": N_("missing on one side"), "is_null_level": True}


def _level(cond: str, label: str) -> dict[str, Any]:
    return {"sql_condition": cond, "label_for_charts": label}


LATN_TWO_MIN = 6  # letters a Latin surname needs on both sides before two edits may still be one name
_ELSE = {"sql_condition": "ELSE", "label_for_charts": N_("different")}


def _level_else(label: str) -> dict[str, Any]:
    """The last level under words that say what "different" means for the comparison (another region)."""
    return {"sql_condition": "ELSE", "label_for_charts": label}


def _lev(col: str, distance: int, label: str) -> dict[str, Any]:
    """Edit distance, not Jaro-Winkler: DuckDB's and Splink's Spark Jaro-Winkler differ (0.89 and 0.86 for
    srgei/sergei), so one model would put a pair on different levels on the two backends; Levenshtein
    distance is the same number everywhere (``levenshtein`` in both; :func:`training.in_dialect` renames
    what differs).

    The lengths are compared first: two strings whose lengths differ by more than ``distance`` cannot be
    within it, the test is nearly free, and a pair that fails it skips the edit distance (most pairs of
    different people reach these levels, and the edit distances were the costliest part of scoring).
    The level holds exactly the pairs it held without the test.
    """
    return _level(f"abs(length({col}_l) - length({col}_r)) <= {distance} AND "
                  f"levenshtein({col}_l, {col}_r) <= {distance}", label)


def comparisons(present: set[str]) -> list[Any]:
    """The comparisons for the fields present (names, birth date, sex, region, detention, articles)."""
    out: list[Any] = []
    if "surname_key" in present:
        levels: list[Any] = [_null(["surname_key"]),
                  _level("surname_latn_l = surname_latn_r", N_("same spelling")),
                  _level("surname_key_l = surname_key_r", N_("same name in another script or language"))]
        if "surname_skel" in present:
            levels.append(_level("surname_skel_l = surname_skel_r", N_("same consonants")))
        if "surname_latn" in present:
            # two edits in a short name make another name (Baida / Baibak), not a typo: the level asks for
            # six letters on both sides (a transliteration of a short name meets on the keys above)
            two_latn = _lev("surname_latn", 2, N_("Latin spellings two letters apart"))
            two_latn["sql_condition"] = (f"length(surname_latn_l) >= {LATN_TWO_MIN} AND "
                                         f"length(surname_latn_r) >= {LATN_TWO_MIN} AND " + two_latn["sql_condition"])
            levels += [_lev("surname_latn", 1, N_("Latin spellings one letter apart")), two_latn]
        # Ваўкоў / Волков, Мікалаеў / Николаев: the keys themselves a little apart; a typo (Козлов /
        # Kozalu, Еорова / Yahorava) moves a key by about two edits
        # (two edits on a short key, or on its first letter, is another name: the level asks for neither)
        two = ("length(surname_key_l) >= 5 AND length(surname_key_r) >= 5 AND "
               "substr(surname_key_l, 1, 1) = substr(surname_key_r, 1, 1) AND "
               "abs(length(surname_key_l) - length(surname_key_r)) <= 2 AND "
               "levenshtein(surname_key_l, surname_key_r) <= 2")
        levels += [_lev("surname_key", 1, N_("name keys one letter apart")), _level(two, N_("long name keys two letters apart"))]
        out.append(cl.CustomComparison(levels + [_ELSE], output_column_name="surname",
                                       comparison_description="surname"))
    if "given_init" in present:
        levels = [_null(["given_init"])]
        if "given_key" in present:
            levels += [_level("given_latn_l = given_latn_r", N_("same spelling")),
                       _level("given_key_l = given_key_r", N_("the same given name in another form"))]
        if "given_latn" in present:
            levels += [_lev("given_latn", 1, N_("Latin spellings one letter apart"))]
        if "given_key" in present:  # a typo (Uadzimir, Никовай) moves the class key by one edit
            levels += [_lev("given_key", 1, N_("name keys one letter apart"))]
        compatible = "given_init_l = given_init_r"
        if "given_inits" in present:  # Волков В.Е. / Ваўкоў Уладзімір: any initial the name takes in the lists
            compatible += (" OR (given_key_l IS NULL AND instr(given_inits_r, given_init_l) > 0)"
                           " OR (given_key_r IS NULL AND instr(given_inits_l, given_init_r) > 0)")
        levels += [_level(compatible, N_("initials agree")), _ELSE]
        out.append(cl.CustomComparison(levels, output_column_name="given_name", comparison_description="given name"))
    if "patronymic_key" in present:
        levels = [_null(["patronymic_key"]),
                  _level("patronymic_key_l = patronymic_key_r", N_("same patronymic"))]
        if "patronymic_skel" in present:
            levels.append(_level("patronymic_skel_l = patronymic_skel_r", N_("same consonants")))
        if "patronymic_latn" in present:
            levels += [_lev("patronymic_latn", 2, N_("Latin spellings at most two letters apart"))]
        levels += [_level("substr(patronymic_key_l, 1, 1) = substr(patronymic_key_r, 1, 1)", N_("same initial")), _ELSE]
        out.append(cl.CustomComparison(levels, output_column_name="patronymic", comparison_description="patronymic"))
    if "birth_year" in present:
        same_y = "birth_year_l = birth_year_r"
        levels = [_null(["birth_year"])]
        if "birth_date" in present:
            levels.append(_level("birth_date_l = birth_date_r", N_("same full date")))
        levels += [
            _level(f"{same_y} AND (birth_month_l IS NULL OR birth_month_r IS NULL OR birth_month_l = birth_month_r)"
                   " AND (birth_day_l IS NULL OR birth_day_r IS NULL OR birth_day_l = birth_day_r)",
                   N_("same year, the rest unknown on one side")),
            _level(f"{same_y} AND birth_month_l = birth_day_r AND birth_day_l = birth_month_r",
                   N_("day and month swapped")),
            _level(f"{same_y} AND (birth_month_l = birth_month_r OR birth_day_l = birth_day_r)",
                   N_("same year, day or month differs")),
            _level(f"{same_y}", N_("same year, day and month differ")),
            _level("birth_month_l = birth_month_r AND birth_day_l = birth_day_r AND abs(birth_year_l - birth_year_r) <= 10",
                   N_("same day and month, year differs")),
            _level("abs(birth_year_l - birth_year_r) <= 1", N_("years one apart")),
            _ELSE,
        ]
        out.append(cl.CustomComparison(levels, output_column_name="birth_date", comparison_description="birth date"))
    if "sex" in present:
        out.append(cl.CustomComparison([_null(["sex"]), _level("sex_l = sex_r", N_("same")), _ELSE],
                                       output_column_name="sex", comparison_description="sex"))
    if "region" in present:
        out.append(cl.CustomComparison([_null(["region"]), _level("region_l = region_r", N_("same region")),
                                        _level_else(N_("another region"))],
                                       output_column_name="region", comparison_description="region"))
    if "locality" in present:
        out.append(cl.CustomComparison(
            [_null(["locality"]), _level("locality_l = locality_r", N_("same place")),
             _lev("locality", 1, N_("same place, one letter apart")), _level_else(N_("another place"))],
            output_column_name="locality", comparison_description="locality"))
    for col in sorted(c for c in present if c.startswith("extra_")):
        out.append(cl.CustomComparison(
            [_null([col]), _level(f"{col}_l = {col}_r", N_("same value")),
             _lev(col, 1, N_("values one character apart")), _level_else(N_("different values"))],
            output_column_name=col, comparison_description=col.replace("_", " ", 1)))
    if "detention_days" in present:
        diff = "abs(detention_days_l - detention_days_r)"
        out.append(cl.CustomComparison(
            [_null(["detention_days"]), _level(f"{diff} = 0", N_("same day")),
             _level(f"{diff} <= 7", N_("within a week")), _level(f"{diff} <= 60", N_("within two months")),
             _level_else(N_("more than two months apart"))],
            output_column_name="detention_date", comparison_description="detention date"))
    if "articles" in present:
        arts = cl.ArrayIntersectAtSizes("articles", [2, 1])
        out.append(arts.configure(term_frequency_adjustments=False) if hasattr(arts, "configure") else arts)
    if not any(c for c in out if getattr(c, "_output_column_name", None) in {"surname", "given_name"}):
        raise ConfigError.of(N_("records carry no names (no full name, surname or given name in any record): "
                                "linkage needs at least names; check the import mapping"))
    return out


# Birth dates that may belong to one person once the year agrees: a month or day unknown on one side, the
# same month, the same day (a typo in the other), or day and month swapped. Two full dates that differ in
# both day and month are another person unless the names or the detention date say otherwise, and the
# other rules (names + detention day, given name + birth month...) find those; in a (surname, year)
# block such pairs are most of the pairs (seven in ten at 200,000 records), and they would all be scored.
COMPATIBLE_BIRTH = ('(l."birth_month" IS NULL OR r."birth_month" IS NULL OR l."birth_month" = r."birth_month" '
                    'OR l."birth_day" = r."birth_day" '
                    'OR (l."birth_month" = r."birth_day" AND l."birth_day" = r."birth_month"))')


@dataclass
class Rule:
    """A blocking rule as equality of columns (portable across backends, countable in advance), optionally
    restricted to pairs whose birth dates are compatible (:data:`COMPATIBLE_BIRTH`)."""

    columns: tuple[str, ...]
    purpose: str = "predict"  # predict | train
    tighten: tuple[str, ...] = ()  # columns to add, one at a time, if the rule would not fit
    user: bool = False
    essential: bool = False  # finds the easy pairs: kept whatever the speed target, dropped only for memory
    compatible_birth: bool = False  # and the birth dates are compatible beyond the (equal) year

    @property
    def sql(self) -> str:
        eq = " AND ".join(f'l."{c}" = r."{c}"' for c in self.columns)
        return f"{eq} AND {COMPATIBLE_BIRTH}" if self.compatible_birth else eq

    def label(self) -> str:
        return " + ".join(self.columns) + (" (compatible birth dates)" if self.compatible_birth else "")

    def with_columns(self, columns: tuple[str, ...]) -> Rule:
        """The same rule on other columns (a tightened rule keeps its purpose, origin and date condition)."""
        return Rule(tuple(columns), purpose=self.purpose, user=self.user, essential=self.essential,
                    compatible_birth=self.compatible_birth)

    def splink(self) -> Any:
        """The rule as Splink takes it: ``block_on`` for plain equality, else the SQL, written for DuckDB (quoted
        identifiers) and translated by Splink for Spark, where double quotes would be string literals."""
        from splink import block_on
        from splink.blocking_rule_library import CustomRule

        return CustomRule(self.sql, sql_dialect="duckdb") if self.compatible_birth else block_on(*self.columns)


@dataclass
class Plan:
    present: set[str]
    predict_rules: list[Rule] = field(default_factory=list)
    train_rules: list[Rule] = field(default_factory=list)
    deterministic_rules: list[Rule] = field(default_factory=list)


def plan(present: set[str], blocking: list[list[str]] | None = None) -> Plan:
    """Candidate blocking and training rules for the fields present (checked against memory later)."""
    p = Plan(present=set(present))
    has = present.__contains__
    tighten = tuple(c for c in ("given_init", "birth_year", "sex") if has(c))
    if blocking:
        for cols in blocking:
            missing = [c for c in cols if c not in present]
            if missing:
                raise ConfigError.of(N_("blocking rule %(rule)s uses fields no record has: %(fields)s"),
                                     rule=" + ".join(cols), fields=", ".join(missing))
            p.predict_rules.append(Rule(tuple(cols), user=True))
    else:
        # The easy pairs first (surname key + birth year, names + detention day): these rules are small and
        # are never tightened or dropped for the speed target, so a budget cut cannot lose them.
        for cols in (("surname_key", "birth_year"), ("surname_key", "detention_days"),
                     ("given_key", "detention_days")):
            if all(has(c) for c in cols):
                p.predict_rules.append(Rule(cols, essential=True, tighten=("sex",) if has("sex") else (),
                                            compatible_birth="birth_year" in cols and has("birth_month")))
        if has("surname_key"):
            p.predict_rules.append(Rule(("surname_key",), tighten=tighten))
        if has("given_key") and has("birth_year"):
            p.predict_rules.append(Rule(("given_key", "birth_year"), tighten=("birth_month",) if has("birth_month") else ()))
        if has("given_key") and has("patronymic_key"):
            p.predict_rules.append(Rule(("given_key", "patronymic_key"), tighten=("birth_year",) if has("birth_year") else ()))
        if has("birth_date"):
            p.predict_rules.append(Rule(("birth_date",), tighten=tuple(c for c in ("given_init", "sex") if has(c))))
        if has("surname_latn") and has("birth_year"):
            p.predict_rules.append(Rule(("surname_latn", "birth_year"), compatible_birth=has("birth_month")))
        if has("birth_year") and has("detention_days"):
            p.predict_rules.append(Rule(("birth_year", "detention_days")))
        for col in sorted(c for c in present if c.startswith("extra_")):
            p.predict_rules.append(Rule((col,), tighten=("given_init",) if has("given_init") else ()))
    if not p.predict_rules:
        raise ConfigError.of(N_("no blocking rule can be built from the fields present; records need at least a "
                                "surname"))
    # Training (EM) rules, one name part each: EM can only tell matches from non-matches with several
    # comparisons left outside the block (two name parts in the block leave one, and EM is then
    # unidentifiable), and together the rules let every comparison learn its m values at least twice
    # (Splink skips a comparison on pairs blocked by its own columns and takes the median across rules).
    if has("surname_key"):
        p.train_rules.append(Rule(("surname_key",), purpose="train",
                                  tighten=tuple(c for c in ("sex", "birth_year", "region") if has(c))))
    if has("given_key"):
        p.train_rules.append(Rule(("given_key",), purpose="train",
                                  tighten=tuple(c for c in ("birth_year", "sex", "region") if has(c))))
    if has("patronymic_key"):
        p.train_rules.append(Rule(("patronymic_key",), purpose="train",
                                  tighten=tuple(c for c in ("birth_year", "sex", "region") if has(c))))
    if has("birth_date"):
        p.train_rules.append(Rule(("birth_date",), purpose="train", tighten=("sex",) if has("sex") else ()))
    # Deterministic rules (near-certain matches), together, to estimate the share of matching pairs. Several
    # rules, because lists differ in what they hold (a court list has surname, initials and dates only).
    for cols in (("surname_key", "given_key", "birth_date"), ("surname_key", "given_key", "patronymic_key"),
                 ("surname_key", "birth_date"), ("surname_key", "given_init", "birth_year", "detention_days"),
                 ("given_key", "patronymic_key", "birth_date")):
        if all(has(c) for c in cols):
            p.deterministic_rules.append(Rule(cols, purpose="prior"))
    if not p.deterministic_rules and has("surname_key") and has("given_key"):
        p.deterministic_rules.append(Rule(("surname_key", "given_key"), purpose="prior"))
    return p


def settings_dict(present: set[str], predict_rules: list[Rule]) -> dict[str, Any]:
    """Arguments for Splink's SettingsCreator: every record against every other, whatever its source.

    "dedupe_only" over the records of all sources, not "link_and_dedupe": the pairs are the same (record
    ids are unique across sources, and pairs within a source are wanted too), but "link_and_dedupe" keys
    every record by the string source || '-__-' || id, so each blocked pair costs two string
    concatenations, a string comparison and string joins; integer ids made scoring a fifth cheaper.
    """
    return dict(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        source_dataset_column_name="source_dataset",
        comparisons=comparisons(present),
        blocking_rules_to_generate_predictions=[r.splink() for r in predict_rules],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
        max_iterations=25,
        em_convergence=0.0001,
    )
