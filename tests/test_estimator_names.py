"""Estimators and their intervals by name in Belarusian, Russian and English (issue 18): the CLI's
``reckon estimate --table`` says the estimate, the estimator and how its interval was made in the terminal's
language; ``str(result)`` stays English with the codes, for logs. Real estimators on a small made-up table."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reckon import i18n

LANG_VARS = ("RECKON_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
METHODS = ("loglinear", "stepwise", "dga", "lcmcr")
FAST = {"loglinear": [], "stepwise": ["--interval", "wald"], "dga": [],
        "lcmcr": ["--samples", "40", "--burn-in", "40", "--thinning", "2", "--chains", "2", "--seed", "3"]}


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("names") / "capture.csv"
    path.write_text("A,B,C,count\n1,1,1,12\n1,1,0,20\n1,0,1,18\n0,1,1,15\n1,0,0,60\n0,1,0,50\n0,0,1,45\n",
                    encoding="utf-8")
    return path


def test_every_estimator_has_a_name_in_each_language() -> None:
    for lang in ("be", "ru", "en"):
        with i18n.use(lang):
            names = [i18n.label(m) for m in (*METHODS, "MSE")]
        assert len(set(names)) == len(names)
        assert not set(names) & {*METHODS, "MSE"}, names   # words, never the code
    with i18n.use("be"):
        assert i18n.label("loglinear") == "лог-лінейныя мадэлі"
        assert i18n.label("MSE") == "шматсістэмная ацэнка"
    with i18n.use("ru"):
        assert i18n.label("lcmcr") == "байесовские латентные классы (LCMCR)"


@pytest.mark.parametrize("method", METHODS)
def test_estimate_on_a_table_says_the_estimator_in_belarusian(table: Path, method: str) -> None:
    from reckon.cli import _build

    app = _build()
    args = ["estimate", "--table", str(table), "--method", method, *FAST[method]]
    outputs = {}
    for lang in ("be_BY.UTF-8", "ru_RU.UTF-8", "en_GB.UTF-8"):
        env = {**{v: "" for v in LANG_VARS}, "LANG": lang}
        result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs[lang[:2]] = result.output
    for lang in ("be", "ru", "en"):
        with i18n.use(lang):
            name = i18n.label(method)
        # the progress bar of lcmcr's sweeps may come first (stderr, mixed in by the runner)
        assert any(line.endswith(f"({name}): " + line.rsplit(": ", 1)[-1]) or line.startswith(name)
                   for line in outputs[lang].splitlines()), (lang, outputs[lang])
    assert f"Ацэнка агульнай колькасці ({i18n.translations('be').gettext(i18n.LABELS[method])}):" in outputs["be"]
    assert "estimate of the total" not in outputs["be"] and "Оценка общего числа (" in outputs["ru"]
    for lang in ("be", "ru"):
        interval = next(line for line in outputs[lang].splitlines() if "95 %" in line)
        # how the interval was made is said too (the estimator wrote it in English)
        assert not any(w in interval for w in ("likelihood", "Wald", "posterior", "resamples", "interval")), interval


def test_str_of_a_result_stays_english_with_codes(table: Path) -> None:
    from reckon.estimate import estimator
    from reckon.estimate.table import as_table

    result = estimator("loglinear")(as_table(table))
    with i18n.use("be"):
        text = str(result)
    assert text.startswith("loglinear estimate of the total:") and "multinomial profile likelihood" in text


def test_interval_forms_cover_what_the_estimators_write() -> None:
    from reckon.estimate.result import INTERVAL_METHODS, interval_words

    written = ["BCa bootstrap (200 resamples, selection among the 3 best models repeated on each)",
               "BCa bootstrap (1000 resamples, stepwise selection repeated on each)", "BCa bootstrap (50 resamples)"]
    with i18n.use("be"):
        for text in written:
            said = interval_words(text)
            assert "resamples" not in said and "бутстрэп BCa" in said, said
        for form in INTERVAL_METHODS:
            if "%(" not in form:
                assert interval_words(form) != form
    assert interval_words("a method of no known form") == "a method of no known form"
