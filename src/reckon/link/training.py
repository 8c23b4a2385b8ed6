"""m estimation that cannot collapse: one pooled EM with u fixed, priors on m, and checks after fitting.

Why not Splink's EM sessions: each session trains m on the pairs of one blocking rule with u and the
share of matches free, and the sessions are then combined level by level. On lists where surnames are
shared by many people, a session can settle on "same surname family" as its class of matches; combined,
such a session gives "different" surnames half the mass of m, a stricter level a lower weight than a
looser one, or a comparison no weight at all (issue 19: F1 0.004 on one world, 0.99 on the next).

Here:
* u comes from Splink's random sampling and stays fixed: EM only has m and the share of matches per
  training block to find, so the non-match class cannot wander;
* the comparison vectors of a sample of each training block's pairs are computed once, in DuckDB, with
  the model's own SQL; a comparison is left out of a block whose rule uses its columns (it agrees there
  by construction), and sex is left out of every name block (a given name or a patronymic fixes it);
* one EM runs over all blocks together (pooled), each block with its own share of matches, and m with
  Dirichlet priors (:func:`prior_m`) so a level no pair reaches keeps a sane value;
* after each M step the levels of a comparison are kept monotone (pool-adjacent-violators on m/u: a
  stricter level never weighs less than a looser one);
* after fitting, :func:`check` asks whether each comparison's top level supports a match and its last
  level ("different") does not, and whether EM converged; a comparison that fails falls back to its
  prior m (still monotone), and the notes say so — ``reckon link`` prints them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from reckon.i18n import N_
from reckon.link.settings import Rule

# Training's notes: stored in the run's settings as English text, said in the reader's language where shown
# (``notes_words``).
NOTE_REJECTED = N_("%(comparison)s: EM estimate rejected (%(problem)s); prior m used")
NOTE_TWO_STAGE = N_("two-stage EM left %(comparisons)s disagreeing at under %(bits)s bit against a match; EM ran "
                    "again over all comparisons together")
NOTE_NOT_CONVERGED = N_("EM did not converge in %(n)s iterations; its estimates are checked anyway")
PROBLEM_UNSEEN = N_("no training block could see it")
PROBLEM_STRICTEST = N_("its strictest level (%(level)s) weighs %(bits)s bits")
PROBLEM_LAST = N_("its last level (%(level)s) weighs %(bits)s bits, for a match")
PROBLEM_MONOTONE = N_("its levels are not monotone")
NOTES = (NOTE_REJECTED, NOTE_TWO_STAGE, NOTE_NOT_CONVERGED, PROBLEM_UNSEEN, PROBLEM_STRICTEST, PROBLEM_LAST,
         PROBLEM_MONOTONE)

M_FLOOR = 0.002
U_FLOOR = 1e-6
PRIOR_STRENGTH = 20.0  # pseudo-pairs of the Dirichlet prior on each comparison's m
MAX_ITERATIONS = 500
TOLERANCE = 1e-5
MIN_TOP_BITS = 1.0  # a comparison whose strictest level weighs less than this says nothing: EM failed
SEX_FROM_NAMES = ("given_key", "given_init", "patronymic_key", "surname_key")


@dataclass
class Comparison:
    """What EM needs of one of the model's comparisons."""

    name: str
    null_sql: str | None
    level_sql: list[str]  # non-null levels, strictest first; the last is usually "ELSE"
    labels: list[str]
    u: np.ndarray
    columns: set[str]

    @property
    def k(self) -> int:
        return len(self.level_sql)


@dataclass
class Fit:
    m: dict[str, np.ndarray]
    lam: dict[str, float]
    iterations: int
    converged: bool
    pairs: dict[str, int]
    notes: list[str] = field(default_factory=list)
    fallback: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {"method": "pooled EM, u fixed, monotone levels", "iterations": self.iterations,
                "converged": self.converged, "pairs_per_block": self.pairs,
                "match_share_per_block": {k: round(v, 6) for k, v in self.lam.items()},
                "fallback": self.fallback, "notes": self.notes}


_COLUMN = re.compile(r'["`]?\b([a-z][a-z0-9_]*?)_([lr])\b["`]?')


def comparisons_of(linker) -> list[Comparison]:
    """The model's comparisons (SQL per level, u per level) from a Splink linker with u estimated."""
    out = []
    for comp in linker._settings_obj.comparisons:
        null_sql = None
        levels, labels, us = [], [], []
        for lv in comp.comparison_levels:
            if lv.is_null_level:
                null_sql = lv.sql_condition
                continue
            levels.append(lv.sql_condition)
            labels.append(lv.label_for_charts)
            u = lv.u_probability
            us.append(U_FLOOR if not isinstance(u, int | float) or u < U_FLOOR else float(u))
        cols = {m.group(1) for sql in levels + [null_sql or ""] for m in _COLUMN.finditer(sql)}
        u_arr = np.asarray(us, dtype=float)
        out.append(Comparison(comp.output_column_name, null_sql, levels, labels, u_arr / u_arr.sum(), cols))
    return out


_QUOTED = re.compile(r'["`]([A-Za-z_][A-Za-z0-9_]*)["`]')
# Function names of a comparison that differ between the backends: (DuckDB, Spark). Splink transpiles
# DuckDB's array_length to Spark's SIZE itself, but not the others.
_FUNCTIONS = (("jaro_winkler_similarity", "jaro_winkler"), ("list_intersect", "array_intersect"),
              ("array_length", "size"))


def unquoted(sql: str) -> str:
    """Identifiers without quotes (DuckDB's " or Spark's `; reckon's column names need neither)."""
    return _QUOTED.sub(r"\1", sql)


def in_dialect(sql: str, dialect: str) -> str:
    """A comparison's condition with the function names of ``dialect`` ("duckdb" or "spark"): a model
    trained on Spark is read by DuckDB (here, and at --engine duckdb) and the other way round."""
    for duck, spark in _FUNCTIONS:
        old, new = (duck, spark) if dialect == "spark" else (spark, duck)
        sql = re.sub(rf"\b{old}\(", f"{new}(", sql, flags=re.IGNORECASE)
    return sql


def _side(sql: str) -> str:
    """A level's condition over the l./r. aliases of a self-join (Splink writes ``"col_l"``), in DuckDB's
    function names (the comparison vectors are always computed by DuckDB, whatever trains the model)."""
    return _COLUMN.sub(lambda m: f'{m.group(2)}."{m.group(1)}"', in_dialect(sql, "duckdb"))


def gamma_sql(comp: Comparison) -> str:
    parts = ["CASE"]
    if comp.null_sql:
        parts.append(f"WHEN {_side(comp.null_sql)} THEN -1")
    for i, sql in enumerate(comp.level_sql):
        if sql.strip().upper() == "ELSE":
            parts.append(f"ELSE {i}")
            break
        parts.append(f"WHEN {_side(sql)} THEN {i}")
    else:
        parts.append(f"ELSE {comp.k - 1}")
    return " ".join(parts) + " END"


def comparison_vectors(frame: pd.DataFrame, comps: list[Comparison], rules: list[Rule], *,
                       max_pairs: int, seed: int, counts: dict[str, int] | None = None
                       ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per training rule, the distinct gamma vectors (comparisons as columns, -1 = missing) of a seeded
    sample of its pairs, with how many pairs have each."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.register("features_df", frame)
        con.execute("CREATE TABLE f AS SELECT * FROM features_df")
        gammas = ", ".join(f"{gamma_sql(c)} AS g{i}" for i, c in enumerate(comps))
        out = {}
        for rule in rules:
            on = " AND ".join(f'l."{c}" = r."{c}"' for c in rule.columns)
            n = (counts or {}).get(rule.label(), 0)
            keep = ""
            if n > max_pairs:
                # a seeded 1-in-k sample of the left records: each pair is kept with chance 1/k as when pairs
                # are drawn, but the filter runs before the join, so the pairs left out are never built
                k = max(2, math.ceil(n / max_pairs))
                keep = f" AND hash(l.unique_id, {int(seed)}) % {k} = 0"
            # the distinct comparison vectors and how many pairs have each: what EM needs, a few thousand rows
            sql = (f"SELECT *, count(*) AS reckon_n FROM (SELECT {gammas} FROM f AS l JOIN f AS r "
                   f"ON {on} AND l.unique_id < r.unique_id{keep}) GROUP BY ALL")
            arr = con.execute(sql).fetchnumpy()
            rows = (np.column_stack([arr[f"g{i}"] for i in range(len(comps))]).astype(np.int8)
                    if len(comps) and len(arr["reckon_n"]) else np.zeros((0, len(comps)), dtype=np.int8))
            out[rule.label()] = (rows, np.asarray(arr["reckon_n"], dtype=float))
        return out
    finally:
        con.close()


def prior_m(comp: Comparison) -> np.ndarray:
    """Sane m before any data: most matches on the strictest level, a few on each looser one, few "different".

    The strictest level holds 60 %, the next ones share 35 % in halves, "different" keeps 1 %; what
    matters is that every level has some mass and the order is monotone in m/u once u is known.
    """
    k = comp.k
    if k == 1:
        return np.ones(1)
    m = np.zeros(k)
    m[0] = 0.6
    rest = np.array([0.5 ** i for i in range(1, k - 1)]) if k > 2 else np.zeros(0)
    if len(rest):
        m[1:k - 1] = 0.35 * rest / rest.sum()
    else:
        m[0] = 0.95
    m[k - 1] = 0.01 if k > 2 else 0.05
    m = np.maximum(m, M_FLOOR)
    return monotone(m / m.sum(), comp.u)


def monotone(m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """m adjusted so that m/u never rises from a stricter level to a looser one (pool adjacent violators).

    Pooling two levels gives both the likelihood ratio of their union (sum m / sum u), which keeps the
    total m of the pool: the least change to the estimates that makes the weights monotone.
    """
    blocks: list[list[float]] = []  # [m sum, u sum, count]
    for mi, ui in zip(m.tolist(), u.tolist(), strict=True):
        blocks.append([mi, ui, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            top = blocks.pop()
            blocks[-1] = [blocks[-1][0] + top[0], blocks[-1][1] + top[1], blocks[-1][2] + top[2]]
    out = np.empty_like(m)
    i = 0
    for msum, usum, cnt in blocks:
        out[i:i + cnt] = u[i:i + cnt] * (msum / usum)
        i += cnt
    return out


def masks(comps: list[Comparison], rules: list[Rule]) -> dict[str, np.ndarray]:
    """Per rule, which comparisons EM may learn from (those whose columns the rule does not fix)."""
    out = {}
    for rule in rules:
        cols = set(rule.columns)
        names_fixed = bool(cols & set(SEX_FROM_NAMES))
        out[rule.label()] = np.array([not (c.columns & cols) and not (c.name == "sex" and names_fixed)
                                      for c in comps])
    return out


IDENTITY = ("surname", "given_name", "patronymic", "birth_date", "sex")


def _step(comps, patterns, mask, prior, m, lam, score_with, learn):
    """One EM step: posteriors from the comparisons in ``score_with``, new m for those in ``learn``."""
    logu = [np.log(c.u) for c in comps]
    counts = [PRIOR_STRENGTH * p for p in prior]
    new_lam = {}
    for key, (g, n) in patterns.items():
        use = mask[key]
        score = np.full(len(g), math.log(lam[key] / (1 - lam[key])))
        for j in range(len(comps)):
            if use[j] and score_with[j]:
                col = g[:, j]
                ok = col >= 0
                score[ok] += (np.log(m[j]) - logu[j])[col[ok]]
        p = 1.0 / (1.0 + np.exp(-np.clip(score, -60, 60)))
        new_lam[key] = float(min(max((p * n).sum() / n.sum(), 1e-6), 1 - 1e-6))
        p = p * n
        for j, comp in enumerate(comps):
            if use[j] and learn[j]:
                col = g[:, j]
                ok = col >= 0
                counts[j] += np.bincount(col[ok], weights=p[ok], minlength=comp.k)[:comp.k]
    new_m = []
    for j, comp in enumerate(comps):
        if not learn[j]:
            new_m.append(m[j])
            continue
        mj = np.maximum(counts[j] / counts[j].sum(), M_FLOOR)
        new_m.append(monotone(mj / mj.sum(), comp.u))
    return new_m, new_lam


IDENTIFIER_U = 0.002  # an extra field two random records share less often than this identifies a person


def identity_comparisons(comps: list[Comparison]) -> set[str]:
    """The comparisons that describe the person: names, birth date, sex, and every identifying field kept in
    ``extra`` that two random records almost never share (a passport or social-security number, an
    address) — not one that many records share (a judge, a court), which describes an event."""
    return set(IDENTITY) | {c.name for c in comps if c.name.startswith("extra_") and c.u[0] <= IDENTIFIER_U}


DIFFERENT_BITS = 1.0  # an identity field that disagrees must count at least this much against a match


def _em(comps, patterns, mask, prior, learn):
    m = [p.copy() for p in prior]
    lam = {k: 0.1 for k in patterns}
    it = 0
    for it in range(1, MAX_ITERATIONS + 1):  # noqa: B007 - the count is reported
        new_m, new_lam = _step(comps, patterns, mask, prior, m, lam, learn, learn)
        delta = max([float(np.max(np.abs(a - b))) for a, b in zip(new_m, m, strict=True)] +
                    [abs(new_lam[k] - lam[k]) for k in patterns] + [0.0])
        m, lam = new_m, new_lam
        if delta < TOLERANCE:
            return m, lam, it, True
    return m, lam, it, False


def fit(comps: list[Comparison], data: dict[str, Any], mask: dict[str, np.ndarray],
        identity_names: set[str] | None = None) -> Fit:
    """Pooled EM over every training block at once, u fixed, m with priors, monotone after each step.

    Two stages. EM first learns the comparisons that describe the person (names, birth date, sex, an
    identifying number: :func:`identity_comparisons`) from those alone; the others (detention date, articles, judge, region...) describe an event, and records
    of different people arrested at one protest agree on them together, so they would pull co-arrested
    namesakes into the class of matches. Their m is then read off the pairs, weighted by the match
    probability the person's comparisons give (one M step).
    """
    prior = [prior_m(c) for c in comps]
    # EM sees each distinct comparison vector once, with its count: a few thousand patterns, not millions of pairs
    patterns: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for key, g in data.items():
        if isinstance(g, tuple):  # already distinct vectors with counts (comparison_vectors)
            if len(g[0]):
                patterns[key] = (g[0], np.asarray(g[1], dtype=float))
        elif len(g):
            rows, n = np.unique(g, axis=0, return_counts=True)
            patterns[key] = (rows, n.astype(float))
    trained = np.array([any(mask[k][j] for k in patterns) for j in range(len(comps))], dtype=bool)
    names = identity_comparisons(comps) if identity_names is None else identity_names
    identity = np.array([c.name in names for c in comps], dtype=bool) & trained
    first = identity if identity.any() else trained
    m, lam, it, converged = _em(comps, patterns, mask, prior, first)
    notes = []
    weak = [c.name for j, c in enumerate(comps) if first[j] and c.k > 2 and weights(m[j], c.u)[-1] > -DIFFERENT_BITS]
    if weak and (first != trained).any():
        # the person's comparisons alone left a disagreement on an identity field meaning almost nothing: the
        # first stage found no clear class of matches (a list with initials and birth years only), so EM
        # runs again over every comparison together
        notes.append(NOTE_TWO_STAGE % {"comparisons": ", ".join(weak), "bits": f"{DIFFERENT_BITS:g}"})
        first = trained
        m, lam, it, converged = _em(comps, patterns, mask, prior, first)
    rest = trained & ~first
    if rest.any():
        m, _ = _step(comps, patterns, mask, prior, m, lam, first, rest)
    result = Fit({c.name: m[j] for j, c in enumerate(comps)}, lam, it, converged,
                 {k: int(g[1].sum()) if isinstance(g, tuple) else int(len(g)) for k, g in data.items()})
    result.notes += notes
    if not converged:
        result.notes.append(NOTE_NOT_CONVERGED % {"n": MAX_ITERATIONS})
    check(comps, result, prior, {c.name: bool(trained[j]) for j, c in enumerate(comps)})
    return result


def weights(m: np.ndarray, u: np.ndarray) -> np.ndarray:
    return np.log2(m / u)


def check(comps: list[Comparison], result: Fit, prior: list[np.ndarray], trained: dict[str, bool]) -> None:
    """Keep every comparison informative and its levels monotone; fall back to the prior where EM failed."""
    for j, comp in enumerate(comps):
        m = result.m[comp.name]
        w = weights(m, comp.u)
        problem = None
        if not trained[comp.name]:
            problem = PROBLEM_UNSEEN
        elif comp.k > 1 and w[0] < min(MIN_TOP_BITS, 0.5 * math.log2(1 / comp.u[0])):
            problem = PROBLEM_STRICTEST % {"level": comp.labels[0], "bits": f"{w[0]:+.2f}"}
        elif comp.k > 1 and w[-1] > 0:
            problem = PROBLEM_LAST % {"level": comp.labels[-1], "bits": f"{w[-1]:+.2f}"}
        elif np.any(np.diff(w) > 1e-9):
            problem = PROBLEM_MONOTONE
        if problem:
            result.m[comp.name] = prior[j]
            result.fallback.append(comp.name)
            result.notes.append(NOTE_REJECTED % {"comparison": comp.name, "problem": problem})


def apply(linker, comps: list[Comparison], result: Fit) -> None:
    """Write the fitted m (and the floored u EM used) into the linker's comparisons."""
    by_name = {c.name: c for c in comps}
    for comp in linker._settings_obj.comparisons:
        c = by_name.get(comp.output_column_name)
        if c is None:
            continue
        levels = [lv for lv in comp.comparison_levels if not lv.is_null_level]
        for lv, m, u in zip(levels, result.m[c.name].tolist(), c.u.tolist(), strict=True):
            lv.m_probability = float(m)
            lv.u_probability = float(u)
