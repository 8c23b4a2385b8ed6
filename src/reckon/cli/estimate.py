"""CLI of the estimate stage: ``reckon estimate`` on a capture table or on a workspace's linked persons.

    reckon estimate --table uk5.csv --method loglinear [--criterion bic] [--max-order 2] [--json]
    reckon estimate --table uk5.csv --method stepwise --seed 1234
    reckon estimate --table uk5.csv --method dga --delta 0.03125
    reckon estimate --table uk5.csv --method lcmcr --classes 10 --burn-in 10000 --samples 1000 --thinning 100
    reckon estimate --by region [--lists A,B,C] --method loglinear        # on the workspace
    reckon estimate --force                 # estimate although the lists failed a check: not publishable
    reckon estimates [--format table|csv|jsonl]                           # the stored estimates

The command only parses options, calls :mod:`reckon.services.estimate` and prints.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from reckon.cli.common import (
    Format,
    FormatOption,
    WorkspaceOption,
    console,
    drawn_on,
    emit_rows,
    err_console,
    progress,
    workspace,
)
from reckon.i18n import N_, _, label, number


class Method(StrEnum):
    loglinear = "loglinear"
    stepwise = "stepwise"
    dga = "dga"
    lcmcr = "lcmcr"


class Criterion(StrEnum):
    bic = "bic"
    aic = "aic"


class Interval(StrEnum):
    profile = "profile"
    poisson_profile = "poisson-profile"
    wald = "wald"
    bootstrap = "bootstrap"
    bca = "bca"
    none = "none"


class Stratum(StrEnum):
    region = "region"
    year = "year"
    sex = "sex"
    status = "status"
    locality = "locality"
    decade = "decade"


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    items = [x.strip() for x in text.split(",") if x.strip()]
    return items or None


def estimate(
    table: Path | None = typer.Option(
        None, "--table", "-t", dir_okay=False,
        help=N_("Capture table CSV: one 0/1 column per list and a `count` column, or one 0/1 row per person. "
             "Without it, estimate on the workspace's linked persons.")),
    method: Method = typer.Option(Method.loglinear, "--method", "-m", help=N_("Estimator.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Print one JSON object instead of text.")),
    seed: int | None = typer.Option(None, "--seed", help=N_("Random seed (bootstrap, lcmcr).")),
    level: float | None = typer.Option(None, "--level", help=N_("Interval level (default 0.95).")),
    lists: str | None = typer.Option(None, "--lists", help=N_("Use only these lists (comma-separated names).")),
    by: Stratum | None = typer.Option(None, "--by", help=N_("Workspace: estimate per stratum of this attribute too.")),
    criterion: Criterion | None = typer.Option(None, "--criterion", help=N_("loglinear: model choice by bic or aic.")),
    max_order: int | None = typer.Option(
        None, "--max-order", min=1,
        help=N_("loglinear: highest interaction order searched (1 = independence; default 1/2/3/3/2 for 2-6 lists).")),
    model: str | None = typer.Option(None, "--model", help=N_("loglinear: fit this model, e.g. \"A:B + C:D\", no search.")),
    interval: Interval | None = typer.Option(
        None, "--interval",
        help=N_("loglinear: profile (default), poisson-profile, wald, bootstrap, none; stepwise: bca (default), wald, none.")),
    n_boot: int | None = typer.Option(None, "--n-boot", min=10, help=N_("Bootstrap resamples (loglinear bootstrap, stepwise).")),
    pthresh: float | None = typer.Option(None, "--pthresh", help=N_("stepwise: p-value threshold to add a pair (0.02).")),
    delta: float | None = typer.Option(None, "--delta", help=N_("dga: hyper-Dirichlet prior count per cell (2^-k).")),
    classes: int | None = typer.Option(None, "--classes", min=1, help=N_("lcmcr: number of latent classes K (10).")),
    burn_in: int | None = typer.Option(None, "--burn-in", min=0, help=N_("lcmcr: burn-in sweeps (10000).")),
    samples: int | None = typer.Option(None, "--samples", min=1, help=N_("lcmcr: posterior samples kept per chain (1000).")),
    thinning: int | None = typer.Option(None, "--thinning", min=1, help=N_("lcmcr: sweeps between kept samples (100).")),
    chains: int | None = typer.Option(None, "--chains", min=1, help=N_("lcmcr: independent chains (R-hat needs 2+).")),
    force: bool = typer.Option(
        False, "--force",
        help=N_("Estimate even when the lists fail the capture-recapture checks; the estimate is marked not "
             "publishable, with the reasons as warnings.")),
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """Estimate how many people no list saw (multiple-systems estimation).

    With --table, on a capture table; otherwise on the linked persons of the workspace (one list per
    source), in total and per stratum with --by. The lists are checked first (overlap, one population,
    no list drawn from another, enough persons per stratum): a failed check refuses with its reason
    (exit code 3) unless --force. Workspace estimates are stored: `reckon estimates` lists them.
    """
    from reckon.errors import ConfigError, EstimateRefused
    from reckon.estimate.checks import describe_window
    from reckon.estimate.notes import shown, shown_in, text
    from reckon.estimate.result import interval_words
    from reckon.services.estimate import estimate_table_file, estimate_workspace

    options: dict[str, Any] = {
        "seed": seed, "level": level, "criterion": criterion.value if criterion else None,
        "max_order": max_order, "model": model, "interval": interval.value if interval else None,
        "n_boot": n_boot, "pthresh": pthresh, "delta": delta, "classes": classes, "burn_in": burn_in,
        "samples": samples, "thinning": thinning, "chains": chains,
    }
    if interval is not None:
        valid = {"loglinear": {"profile", "poisson-profile", "wald", "bootstrap", "none"},
                 "stepwise": {"bca", "wald", "none"}}.get(method.value, set())
        if interval.value not in valid:
            if valid:
                raise ConfigError.of(N_("--interval %(interval)s does not apply to %(method)s; choose %(choices)s"),
                                     interval=interval.value, method=method.value, choices=", ".join(sorted(valid)))
            raise ConfigError.of(N_("--interval %(interval)s does not apply to %(method)s"),
                                 interval=interval.value, method=method.value)
    list_names = _split(lists)
    if table is not None:
        if by is not None:
            raise ConfigError.of(N_("--by works on a workspace; a --table has no person attributes"))
        result = _with_progress(method.value, as_json,
                                lambda cb: estimate_table_file(table, method.value, lists=list_names,
                                                               progress=cb, force=force, **options))
        if as_json:
            typer.echo(json.dumps(shown_in(result.to_dict()), ensure_ascii=False))
        else:
            typer.echo(result.summary(words=_))
        return

    ws = workspace(ws_path)
    with progress() as bar:
        try:
            result_ws = estimate_workspace(ws, method=method.value, by=by.value if by else None,
                                           lists=list_names, progress=drawn_on(bar, _("estimating (%(method)s)") % {"method": label(method.value)}),
                                           force=force, origin="cli", **options)
        except EstimateRefused as exc:
            if as_json:  # a machine reader gets the refusal as data too; the exit code stays non-zero
                typer.echo(json.dumps({"refused": True, "publishable": False,
                                       "warnings": [shown(r) for r in exc.reasons]},
                                      ensure_ascii=False))
            raise
    if as_json:
        typer.echo(json.dumps(shown_in(result_ws.to_dict()), ensure_ascii=False))
        return
    console.print(_("%(persons)s linked persons on %(n)s lists: %(lists)s")
                  % {"persons": number(result_ws.persons), "n": len(result_ws.lists),
                     "lists": ", ".join(result_ws.lists)}, markup=False, highlight=False)
    rows = result_ws.rows()
    rows[-1]["warnings"] = None  # the total's warnings are printed below, in full
    emit_rows(rows, ["stratum", "observed", "estimate", "lower", "upper", "model"] + (["warnings"] if by else []),
              title=(_("%(method)s estimates by %(by)s") % {"method": label(method.value), "by": label(by.value)}
                     if by else _("%(method)s estimates") % {"method": label(method.value)}))
    total = result_ws.total
    typer.echo(_("%(level)s %% interval (%(how)s) for the total: [%(lower)s, %(upper)s]")
               % {"level": f"{total.level * 100:g}", "how": interval_words(total.interval_method or "") or _("none"),
                  "lower": _fmt(total.lower), "upper": _fmt(total.upper)})
    if result_ws.strata_sum is not None:
        typer.echo(_("sum of the strata estimates: %(sum)s") % {"sum": number(result_ws.strata_sum, 1)})
    if result_ws.data_window:
        typer.echo(_("data window: %(window)s") % {"window": describe_window(result_ws.data_window)})
    typer.echo(_("stored as estimate %(id)s; %(publishable)s")
               % {"id": result_ws.id, "publishable": _("publishable") if result_ws.publishable
                  else _("NOT PUBLISHABLE (forced past failed checks)")})
    for w in result_ws.to_dict()["warnings"]:
        err_console.print(_("warning: %(warning)s") % {"warning": text(w)}, markup=False, highlight=False)


def estimates(
    limit: int = typer.Option(20, "--limit", min=1, help=N_("How many, newest first.")),
    fmt: Format = FormatOption,
    ws_path: Path | None = WorkspaceOption,
) -> None:
    """List the stored estimates: figure, interval, whether publishable, data window, warnings (in full
    with --format csv or jsonl)."""
    from reckon.estimate.checks import describe_window
    from reckon.estimate.notes import text
    from reckon.services.estimate import list_estimates

    rows = []
    brief = fmt == Format.table  # a terminal table gets the window's dates and the number of warnings
    for e in list_estimates(workspace(ws_path), limit):
        window = e["data_window"]
        rows.append({"id": e["id"], "when": e["created_at"], "by": e["actor"], "method": e["method"],
                     "estimate": _round(e["estimate"]), "lower": _round(e["lower"]), "upper": _round(e["upper"]),
                     "observed": e["observed"], "lists": ", ".join(e["lists"]),
                     "publishable": bool(e["publishable"]) if brief else ("yes" if e["publishable"] else "NO"),
                     "data window": (f"{window.get('first') or '?'} – {window.get('last') or '?'}" if brief
                                     else describe_window(window)),
                     "warnings": len(e["warnings"]) if brief else [text(w) for w in e["warnings"]]})
    if not rows and fmt == Format.table:
        typer.echo(_("no estimate stored yet: run `reckon estimate`"))
        return
    emit_rows(rows, ["id", "when", "by", "method", "estimate", "lower", "upper", "observed", "lists",
                     "publishable", "data window", "warnings"], fmt, title=_("stored estimates"))


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _fmt(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞"
    return number(value, 1)


def _with_progress(method: str, quiet: bool, run):
    """Run ``run(callback)``; for lcmcr draw a progress bar of its sweeps on stderr."""
    if method != "lcmcr":
        return run(None)
    with progress() as bar:
        return run(drawn_on(bar, _("lcmcr sweeps")))


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app."""
    app.command("estimate")(estimate)
    app.command("estimates")(estimates)
