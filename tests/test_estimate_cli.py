"""`reckon estimate` as a user runs it: on capture tables, and on a real workspace's linked persons."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import shared_path
from reckon.cli import _build
from reckon.errors import ConfigError, EstimateRefused, ReckonError, WorkspaceError
from reckon.estimate import CaptureTable
from reckon.services.estimate import capture_data, estimate_workspace, run_method

REQUIRED_KEYS = {"method", "observed", "estimate", "lower", "upper", "level", "model", "settings", "seed",
                 "warnings"}


@pytest.fixture(scope="module")
def app():
    return _build()


def run(app, *args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def mse(name: str) -> str:
    return str(shared_path("eval", "mse", name))


def test_table_json_loglinear(app):
    result = run(app, "estimate", "--table", mse("western_us_sex_trafficking_5lists.csv"), "--method", "loglinear",
                 "--max-order", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert REQUIRED_KEYS <= set(data)
    assert data["method"] == "loglinear" and data["model"] == "A:E"
    assert data["estimate"] == pytest.approx(2483.38, rel=1e-3)  # issue 5 target (BIC, order 2)
    assert data["observed"] == 345 and data["level"] == 0.95
    assert data["lower"] < data["estimate"] < data["upper"]
    assert data["settings"]["max_order"] == 2 and data["settings"]["criterion"] == "bic"


def test_table_text_and_independence(app):
    result = run(app, "estimate", "--table", mse("uk_modern_slavery_2013_5lists.csv"), "--max-order", "1",
                 "--interval", "poisson-profile")
    assert result.exit_code == 0, result.output
    # uk_modern_slavery_2013_5lists.csv,Independence (main effects),...,13444.13,12004.03,15160.33
    assert "13,444.13" in result.stdout
    assert "[12,004.00, 15,160.29]" in result.stdout
    assert "independence" in result.stdout


def test_table_stepwise_seeded(app):
    args = ["estimate", "--table", mse("western_us_sex_trafficking_5lists.csv"), "--method", "stepwise",
            "--seed", "11", "--n-boot", "200", "--json"]
    a = json.loads(run(app, *args).stdout)
    b = json.loads(run(app, *args).stdout)
    assert a["estimate"] == pytest.approx(2483.38, rel=1e-3)
    assert a["seed"] == 11 and (a["lower"], a["upper"]) == (b["lower"], b["upper"])


def test_per_individual_table_and_lists(app, tmp_path):
    rng = np.random.default_rng(2)
    caught = rng.random((3000, 3)) < [0.3, 0.2, 0.25]
    caught = caught[caught.any(axis=1)].astype(int)
    path = tmp_path / "people.csv"
    path.write_text("A,B,C\n" + "\n".join(",".join(map(str, r)) for r in caught) + "\n", encoding="utf-8")
    data = json.loads(run(app, "estimate", "--table", str(path), "--max-order", "1", "--json").stdout)
    assert data["observed"] == len(caught)
    assert data["estimate"] == pytest.approx(3000, rel=0.1)
    two = json.loads(run(app, "estimate", "--table", str(path), "--lists", "A,C", "--json").stdout)
    assert two["lists"] == ["A", "C"] and two["observed"] < len(caught)


def test_dga_and_lcmcr_dispatch(app):
    data = json.loads(run(app, "estimate", "--table", mse("spina_bifida_3lists_dga_madigan_york.csv"), "--method",
                          "dga", "--delta", "1", "--json").stdout)
    assert data["method"] == "dga" and REQUIRED_KEYS <= set(data)
    assert data["observed"] == 626 and data["lower"] < data["estimate"] < data["upper"]
    result = run(app, "estimate", "--table", mse("spina_bifida_3lists_dga_madigan_york.csv"), "--method", "lcmcr",
                 "--classes", "2", "--burn-in", "50", "--samples", "40", "--thinning", "2", "--chains", "2",
                 "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "lcmcr" and data["seed"] == 3 and data["observed"] == 626


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--method", "loglinear", "--delta", "2"], "does not take --delta (for dga)"),
        (["--method", "stepwise", "--classes", "3"], "does not take --classes (for lcmcr)"),
        (["--method", "loglinear", "--interval", "bca"], "--interval bca does not apply to loglinear"),
        (["--by", "region"], "--by works on a workspace"),
        (["--lists", "LA,XX"], "unknown list 'XX'"),
    ],
)
def test_option_errors_are_clear(app, args, message):
    with pytest.raises(ReckonError, match=re.escape(message)):
        run(app, "estimate", "--table", mse("uk_modern_slavery_2013_5lists.csv"), *args)


def test_missing_estimator_module_is_a_clear_error(monkeypatch):
    t = CaptureTable.from_counts({(1, 0, 0): 5, (0, 1, 0): 4, (0, 0, 1): 3, (1, 1, 0): 2, (0, 1, 1): 1})
    monkeypatch.setitem(sys.modules, "reckon.estimate.lcmcr", None)
    with pytest.raises(ConfigError, match="lcmcr method is not available"):
        run_method(t, "lcmcr")


def test_real_process_bad_table_and_json(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,count\n1,0,5\n0,1,-1\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("reckon")
    proc = subprocess.run([str(exe), "estimate", "--table", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "bad.csv" in proc.stderr and "row 3" in proc.stderr and "negative" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run([str(exe), "estimate", "--table", mse("western_us_sex_trafficking_5lists.csv"),
                           "--max-order", "1", "--json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["estimate"] == pytest.approx(2007.14, rel=1e-3)


# ---- workspace mode ---------------------------------------------------------------------------------------

TRUE_N = {"north": 900, "south": 700, "tiny": 12}
P_CAPTURE = (0.35, 0.25, 0.3)


def _populate(ws, *, link: bool = True, seed: int = 4, unknown: bool = False) -> dict[str, int]:
    """Synthetic persons seen independently by three sources, written with ORM inserts, linked by hand."""
    from reckon.store.db import session_scope
    from reckon.store.models import ImportBatch, Person, Record, Source

    rng = np.random.default_rng(seed)
    observed = {}
    with session_scope(ws.database_url) as s:
        sources = [Source(name=n, kind="list") for n in ("viasna", "partner", "court")]
        s.add_all(sources)
        s.flush()
        batches = [ImportBatch(source_id=src.id, file_name=f"{src.name}.csv", file_sha256="0" * 64,
                               file_format="csv") for src in sources]
        s.add_all(batches)
        s.flush()
        row = 0
        for region, n in TRUE_N.items():
            seen = 0
            for i in range(n):
                caught = rng.random(3) < P_CAPTURE
                if not caught.any():
                    continue
                seen += 1
                person = Person(display_name=None)
                s.add(person)
                s.flush()
                year = f"{2020 + i % 3}-0{1 + i % 9}-15"
                first = int(np.flatnonzero(caught)[0])
                for j in np.flatnonzero(caught):
                    row += 1
                    # some records lack the region; the person's first record always has it
                    rec_region = region if (j == first or (i + j) % 7) else None
                    rec = Record(source_id=sources[j].id, import_id=batches[j].id, identity=f"{region}-{i}-{j}",
                                 content_hash=f"{row:064d}", file_name=batches[j].file_name, row_number=row,
                                 raw={}, region=rec_region, sex="female" if i % 2 else "male",
                                 detention_date=year, person_id=person.id if link else None)
                    s.add(rec)
            observed[region] = seen
        # one record nobody linked, to be reported and left out
        s.add(Record(source_id=sources[0].id, import_id=batches[0].id, identity="loose", content_hash="f" * 64,
                     file_name="viasna.csv", row_number=row + 1, raw={}, region="north"))
        if unknown:  # a linked person whose records say nothing of the region
            person = Person(display_name=None)
            s.add(person)
            s.flush()
            s.add(Record(source_id=sources[1].id, import_id=batches[1].id, identity="noregion",
                         content_hash="e" * 64, file_name="partner.csv", row_number=row + 2, raw={},
                         person_id=person.id))
    return observed


def test_workspace_estimate_by_region(app, workspace):
    observed = _populate(workspace)
    with pytest.raises(EstimateRefused, match=r"1 of 3 groups by region .* \(tiny\)"):  # the thin stratum
        run(app, "estimate", "--workspace", str(workspace.root), "--by", "region")
    result = run(app, "estimate", "--workspace", str(workspace.root), "--by", "region", "--json", "--force")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["publishable"] is False and data["total"]["publishable"] is False
    assert any(w["text"].startswith("not publishable: 1 of 3 groups by region") for w in data["warnings"])
    assert data["lists"] == ["viasna", "partner", "court"]
    assert data["persons"] == sum(observed.values())
    total = data["total"]
    assert REQUIRED_KEYS <= set(total)
    assert total["observed"] == sum(observed.values())
    assert total["lower"] < sum(TRUE_N.values()) < total["upper"]
    strata = {s["stratum"]: s for s in data["strata"]}
    assert set(strata) == {"north", "south", "tiny"}  # region read from the person's records
    for region in ("north", "south"):
        est = strata[region]["result"]
        assert strata[region]["persons"] == observed[region]
        assert est["lower"] < TRUE_N[region] < est["upper"]
        assert not strata[region]["thin"]
    assert strata["tiny"]["thin"]
    assert any("thin" in w["text"] for w in strata["tiny"]["warnings"])
    assert any("not linked" in w["text"] for w in data["warnings"])
    assert any("thin or could not be estimated: tiny" in w["text"] for w in data["warnings"])


def test_workspace_text_output_lists_and_year(app, workspace):
    _populate(workspace)
    result = run(app, "estimate", "--workspace", str(workspace.root), "--by", "year", "--lists", "viasna,court")
    assert result.exit_code == 0, result.output
    assert "viasna, court" in result.stdout
    for year in ("2020", "2021", "2022", "total"):
        assert year in result.stdout
    out = estimate_workspace(workspace, method="stepwise", by="sex", n_boot=50, seed=1)
    assert {s.value for s in out.strata} == {"female", "male"}
    assert out.total.method == "stepwise"
    assert out.strata_sum is not None


def test_workspace_without_links_says_run_link(workspace):
    _populate(workspace, link=False)
    with pytest.raises(WorkspaceError, match="run `reckon link` first"):
        capture_data(workspace)


def test_workspace_empty_and_bad_choices(sqlite_workspace):
    with pytest.raises(WorkspaceError, match="no records"):
        estimate_workspace(sqlite_workspace)
    _populate(sqlite_workspace, unknown=True)
    with pytest.raises(ConfigError, match="no source named 'nope'"):
        capture_data(sqlite_workspace, lists=["viasna", "nope"])
    with pytest.raises(ConfigError, match="unknown stratum"):
        capture_data(sqlite_workspace, by="shoe_size")
    data = capture_data(sqlite_workspace, by="region")
    assert data.unlinked == 1 and data.persons == data.patterns.shape[0]
    assert data.strata.count("unknown") == 1  # the one person with no region on any record
    out = estimate_workspace(sqlite_workspace, by="region", interval="none", force=True)
    assert any("1 person has no region" in w for w in out.warnings)
    unknown = next(s for s in out.strata if s.value == "unknown")
    assert unknown.result is None and "no estimate" in unknown.warnings[-1]


def test_the_cli_offers_every_method_of_the_one_registry() -> None:
    from reckon.cli.estimate import Method
    from reckon.estimate import METHODS, estimator

    assert tuple(m.value for m in Method) == METHODS
    assert [estimator(m).__name__ for m in METHODS] == [f"estimate_{m}" for m in METHODS]
