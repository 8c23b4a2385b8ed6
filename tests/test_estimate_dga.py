"""dga: Bayesian model averaging over decomposable graphs, against the R package dga's own figures.

Every target is deterministic (exact arithmetic on a grid), so each is checked to ±0.1 % or exactly.
The figures come from ../shared/eval/mse/published_estimates.csv (columns dataset_file, method, settings)
and, for the 3-list example, from the dga package's test file.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import shared_path
from reckon.errors import ConfigError, InputError
from reckon.estimate.dga import (
    decomposable_graphs,
    dga_posterior,
    estimate_dga,
    missing_grid,
    negative_binomial_log_prior,
)
from reckon.estimate.table import CaptureTable


def load(name: str) -> CaptureTable:
    return CaptureTable.from_csv(shared_path("eval", "mse", name))


def close(value: float, target: float, rel: float = 1e-3) -> bool:
    return abs(value - target) <= rel * abs(target)


# ---- the graphs ---------------------------------------------------------------------------------------

def test_number_of_decomposable_graphs_matches_dga_graph_sets() -> None:
    # dga ships graphs3, graphs4, graphs5 with 8, 61 and 822 graphs (all labelled chordal graphs).
    assert [len(decomposable_graphs(k)) for k in (3, 4, 5)] == [8, 61, 822]


def test_cliques_and_separators() -> None:
    graphs = {g.edges: g for g in decomposable_graphs(4)}
    lists = ("A", "B", "C", "D")
    star = graphs[((0, 1), (0, 2), (0, 3))]
    assert star.describe(lists) == "[A*B][A*C][A*D]"
    assert sorted(star.separators) == [0b1000, 0b1000]  # {A} twice
    chain = graphs[((0, 1), (1, 2))]
    assert chain.describe(lists) == "[A*B][B*C][D]"
    assert len(chain.cliques) - len(chain.separators) == 2  # two connected components
    assert decomposable_graphs(4)[0].describe(lists) == "[A][B][C][D]"
    # the 4-cycle A-B-C-D-A has no chord: not decomposable, not enumerated
    assert ((0, 1), (0, 3), (1, 2), (2, 3)) not in graphs


def test_missing_grid_is_msetools_default() -> None:
    grid = missing_grid(100)
    assert grid[0] == 1 and grid[-1] == 3000
    assert len(grid) == len(set(grid.tolist())) <= 1000
    assert np.all(np.diff(grid) > 0)


# ---- published targets ----------------------------------------------------------------------------------

def test_spina_bifida_three_lists_madigan_york() -> None:
    # published_estimates.csv, spina_bifida_3lists_dga_madigan_york.csv, "Madigan & York BMA (dga test)":
    # delta = 1, NB prior a = 13.14, b = 55.17, Nmissing 1:300; top model prob 0.37, Bayes 731, mode 729;
    # averaged Bayes 731, mode 728. Source: HRDAG/DGA tests/testthat/test-BMAfunctions.R.
    table = load("spina_bifida_3lists_dga_madigan_york.csv")
    result = estimate_dga(table, delta=1.0, prior=negative_binomial_log_prior(13.14, 55.17),
                          missing=np.arange(1, 301))
    top = result.extra["top_model"]
    assert round(top["probability"], 2) == 0.37
    assert round(top["bayes_relative_squared_loss"]) == 731
    assert top["mode"] == 729
    assert round(result.extra["bayes_relative_squared_loss"]) == 731
    assert result.extra["posterior_mode"] == 728
    assert result.models[0][0] == top["model"]
    assert sum(w for _m, w in result.models) == pytest.approx(1.0)
    assert result.observed == 626
    assert result.lower < result.estimate < result.upper


@pytest.mark.parametrize(("name", "target", "lower", "upper"), [
    # published_estimates.csv rows "dga (BMA decomposable graphs)" / "dga, as above": delta = 2^-5,
    # prior 1/N, Nmissing = unique(round(seq(1, 30 n, len = 1000))), median, 95 % equal-tail
    # (package_output from OlivierBinette/MSETools real_data_analysis cache, `ests`).
    ("uk_modern_slavery_2013_5lists.csv", 23016, 10408, 33481),
    ("western_us_sex_trafficking_5lists.csv", 2128, 1340, 3868),
    ("new_orleans_trafficking_5lists_SparseMSE_n185.csv", 869, 514, 1763),
    ("netherlands_trafficking_5lists.csv", 50270, 41616, 203328),
])
def test_five_list_targets(name: str, target: float, lower: float, upper: float) -> None:
    result = estimate_dga(load(name))
    assert close(result.estimate, target), result.estimate
    assert close(result.lower, lower), result.lower
    assert close(result.upper, upper), result.upper
    assert result.method == "dga" and result.level == 0.95 and result.seed is None
    assert result.settings["delta"] == 2 ** -5
    assert result.diagnostics["graphs_averaged"] == 822


# ---- properties -----------------------------------------------------------------------------------------

def test_relabelling_lists_changes_nothing() -> None:
    table = load("western_us_sex_trafficking_5lists.csv")
    shuffled = table.collapse(("C", "E", "A", "D", "B"))
    a, b = estimate_dga(table), estimate_dga(shuffled)
    assert (a.estimate, a.lower, a.upper) == (b.estimate, b.lower, b.upper)
    assert a.models[0][1] == pytest.approx(b.models[0][1])


def test_saturated_graph_is_the_dirichlet_multinomial() -> None:
    # the complete graph's marginal likelihood is the Dirichlet-multinomial of the full table
    from scipy.special import gammaln

    table = load("spina_bifida_3lists_dga_madigan_york.csv")
    full = table.full_array(flat=True).astype(float)
    grid = np.arange(1, 51)
    post = dga_posterior(full, grid, 0.5, np.zeros(grid.shape[0]))
    complete = [i for i, g in enumerate(post.graphs) if len(g.edges) == 3][0]
    n = full.sum()
    expected = []
    for m in grid:
        cells = full.copy()
        cells[0] = m
        expected.append(gammaln(8 * 0.5) - gammaln(n + m + 4.0) + np.sum(gammaln(cells + 0.5) - gammaln(0.5))
                        + gammaln(n + m + 1) - gammaln(m + 1.0))
    got = post.log_weights[complete]
    assert np.allclose(got - got[0], np.array(expected) - expected[0])


def test_prior_options() -> None:
    table = load("spina_bifida_3lists_dga_madigan_york.csv")
    grid = np.arange(1, 301)
    flat = estimate_dga(table, delta=1, prior="uniform", missing=grid)
    inverse = estimate_dga(table, delta=1, prior="1/N", missing=grid)
    as_array = estimate_dga(table, delta=1, prior=-np.log(grid + 626.0), missing=grid)
    assert inverse.estimate == as_array.estimate
    assert flat.estimate >= inverse.estimate  # 1/N pulls towards smaller totals
    with pytest.raises(ConfigError, match="one value per grid point"):
        estimate_dga(table, prior=np.zeros(3), missing=grid)
    with pytest.raises(ConfigError, match="unknown prior"):
        estimate_dga(table, prior="jeffreys")


def test_grid_edge_warning() -> None:
    table = load("spina_bifida_3lists_dga_madigan_york.csv")
    result = estimate_dga(table, delta=1, missing=np.arange(1, 40))
    assert any("grid may cut" in w for w in result.warnings)


def test_result_is_json_safe() -> None:
    result = estimate_dga(load("new_orleans_trafficking_5lists_SparseMSE_n185.csv"))
    data = json.loads(json.dumps(result.to_dict()))
    for key in ("method", "observed", "estimate", "lower", "upper", "level", "model", "settings"):
        assert key in data
    post = data["extra"]["posterior_N"]
    assert len(post["N"]) == len(post["probability"]) > 10
    assert "dga" in result.summary()


# ---- bad input ------------------------------------------------------------------------------------------

def test_two_lists_rejected() -> None:
    table = CaptureTable.from_counts({(1, 0): 781, (0, 1): 254, (1, 1): 167})
    with pytest.raises(InputError, match="3 to 5 lists"):
        estimate_dga(table)


def test_six_lists_rejected() -> None:
    with pytest.raises(InputError, match="3 to 5 lists.*has 6"):
        estimate_dga(load("uk_modern_slavery_2013_6lists.csv"))


def test_one_list_rejected_by_the_table() -> None:
    with pytest.raises(InputError, match="at least two lists"):
        estimate_dga(CaptureTable.from_counts({(1,): 5}))


@pytest.mark.parametrize("kwargs", [{"delta": 0}, {"delta": -1.0}, {"level": 1.0},
                                    {"missing": [5, 3, 9]}, {"missing": [1.5, 2.0]}])
def test_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        estimate_dga(load("spina_bifida_3lists_dga_madigan_york.csv"), **kwargs)


# ---- plots ----------------------------------------------------------------------------------------------

def test_plots_are_deterministic_svg() -> None:
    import xml.etree.ElementTree as ET

    from reckon.estimate.plots import estimates_svg, model_weights_svg, posterior_svg

    result = estimate_dga(load("western_us_sex_trafficking_5lists.csv"))
    for svg in (posterior_svg(result, truth=2500), model_weights_svg(result, top=5), estimates_svg([result])):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
    assert posterior_svg(result) == posterior_svg(result)
    assert "[A*B]" in model_weights_svg(result, top=5) or "A*" in model_weights_svg(result, top=5)
    no_posterior = estimate_dga(load("western_us_sex_trafficking_5lists.csv")).__class__(
        method="loglinear", observed=10, estimate=20.0)
    with pytest.raises(ValueError, match="no posterior"):
        posterior_svg(no_posterior)
