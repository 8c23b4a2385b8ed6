"""The warnings an estimate carries, as a message code and parameters, said in the reader's language.

Why codes: an estimate is stored once and read later by people who read Belarusian, Russian or English
(the CLI, the web pages, the API, the report, the public dashboard). A warning stored as English text
could only ever be shown in English, so a warning is stored as ``{"code", "params", "text"}``: the code
names its message below, the parameters are numbers, list names, ISO dates and codes (no words of any
language), and ``text`` is the English wording, kept for programs and for anyone reading the raw row.
Each surface calls :func:`text` to say it in the language in force (:mod:`reckon.i18n`). Rows stored
before codes existed hold plain text and are shown as they are.

A :class:`Note` is also the ``str`` of its English text, so the code that built, joined, compared and
printed warnings as strings keeps working unchanged; :mod:`reckon.jsonable` stores it as its dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reckon.i18n import N_, day, gettext, label, ngettext, number, use

__all__ = ["MESSAGES", "Note", "as_dict", "error_note", "note", "shown", "shown_in", "text"]


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with plural forms for extraction (``-k Nn_:1,2``); translated where shown."""
    return singular, plural


# code -> message (``%(name)s`` parameters); a pair has plural forms chosen by the parameter ``n``.
MESSAGES: dict[str, str | tuple[str, str]] = {
    # the checks of the lists (reckon.estimate.checks)
    "too_few_persons": Nn_("only %(n)s person%(where)s is on any list, fewer than %(min)s: too few to estimate "
                           "how many were missed",
                           "only %(n)s persons%(where)s are on any list, fewer than %(min)s: too few to estimate "
                           "how many were missed"),
    "little_overlap": Nn_("only %(n)s person%(where)s appears on more than one list (at least %(min)s are needed): "
                          "with so little overlap the number nobody recorded cannot be estimated with any "
                          "confidence",
                          "only %(n)s persons%(where)s appear on more than one list (at least %(min)s are needed): "
                          "with so little overlap the number nobody recorded cannot be estimated with any "
                          "confidence"),
    "contained": N_("%(both)s of %(size)s persons on list %(inner)s are also on list %(outer)s%(where)s: a list "
                    "drawn from another adds no independent sighting"),
    "nearly_contained": N_("%(both)s of %(size)s persons on list %(inner)s are also on list %(outer)s%(where)s: if "
                           "one list was compiled from the other, the estimate is too low"),
    "pair_sparse": Nn_("lists %(first)s and %(second)s have only %(n)s person in common%(where)s; the estimate is "
                       "uncertain",
                       "lists %(first)s and %(second)s have only %(n)s persons in common%(where)s; the estimate is "
                       "uncertain"),
    "pairs_sparse": N_("%(sparse)s of %(pairs)s pairs of lists have fewer than %(min)s persons in common%(where)s: "
                       "%(shown)s%(more)s; a model that lets those lists depend on each other rests on few persons"),
    "different_kinds": N_("list %(a)s is of %(kind_a)s (%(a_kind)s of %(a_records)s records) and list %(b)s of "
                          "%(kind_b)s (%(b_kind)s of %(b_records)s records): they count different populations, so "
                          "their overlap says nothing about who is missing"),
    "disjoint_statuses": N_("list %(a)s holds only persons %(statuses_a)s and list %(b)s only persons "
                            "%(statuses_b)s: no one can be on both, so they are not samples of one population"),
    "status_mix": N_("lists %(a)s and %(b)s differ in status (%(mix_a)s against %(mix_b)s): they may cover "
                     "different groups"),
    "periods_apart": N_("list %(a)s records detentions from %(a_from)s to %(a_to)s and list %(b)s from %(b_from)s "
                        "to %(b_to)s: the periods do not overlap"),
    "periods_differ": N_("lists %(a)s (%(a_from)s to %(a_to)s) and %(b)s (%(b_from)s to %(b_to)s) cover mostly "
                         "different periods"),
    "no_common_region": N_("lists %(a)s and %(b)s share no region: they cover different places"),
    "region_mix": N_("lists %(a)s (%(mix_a)s) and %(b)s (%(mix_b)s) cover mostly different regions"),
    "thin_groups": N_("%(thin)s of %(groups)s groups by %(by)s have too few persons or too little overlap to "
                      "estimate (%(shown)s%(more)s); choose broader groups or estimate the total only"),
    # the workspace estimate (reckon.services.estimate)
    "not_publishable": N_("not publishable: %(reason)s"),
    "unlinked": Nn_("%(n)s current record is not linked to a person and left out",
                    "%(n)s current records are not linked to a person and left out"),
    "sources_left_out": N_("sources not in --lists left out: %(sources)s"),
    "not_lists_left_out": N_("sources that are not lists (news, other) left out: %(sources)s; name them in "
                             "--lists to count them as lists"),
    "not_lists_named": N_("sources that are not lists (news, other) counted as lists because --lists names them: "
                          "%(sources)s; a news report is no capture system of its own, so the estimate may be "
                          "biased"),
    "thin_persons": Nn_("thin: only %(n)s person (fewer than %(min)s); the estimate is very uncertain",
                        "thin: only %(n)s persons (fewer than %(min)s); the estimate is very uncertain"),
    "thin_overlap": Nn_("thin: only %(n)s person is on more than one list",
                        "thin: only %(n)s persons are on more than one list"),
    "lists_saw_nobody": N_("lists that saw nobody here: %(lists)s; estimated with the others"),
    "no_estimate": N_("no estimate: %(reason)s"),
    "unknown_stratum": Nn_("%(n)s person has no %(by)s in any record (stratum 'unknown')",
                           "%(n)s persons have no %(by)s in any record (stratum 'unknown')"),
    "thin_strata": N_("%(thin)s of %(strata)s strata are thin or could not be estimated: %(shown)s%(more)s"),
    # the estimators (reckon.estimate.loglinear, stepwise, dga, lcmcr, uncertainty)
    "max_order_reduced": N_("max order %(asked)s reduced to %(max)s: the interaction of all %(k)s lists cannot be "
                            "estimated"),
    "models_without_mle": N_("%(n)s of %(fitted)s models were left out: their maximum-likelihood estimate does not "
                             "exist for this table (sparse cells)"),
    "models_not_identifiable": Nn_("%(n)s model was left out as not identifiable",
                                   "%(n)s models were left out as not identifiable"),
    "model_uncertainty": N_("model uncertainty: the chosen model has only %(share)s %% of the %(criterion)s weight; "
                            "consider the bootstrap interval"),
    "bootstrap_no_model": N_("%(n)s of %(total)s bootstrap resamples had no usable model"),
    "upper_unbounded_model": N_("the upper end of the interval is unbounded: the data cannot rule out a very large "
                                "unobserved population under this model"),
    "minus_infinity": N_("interaction %(term)s estimated at minus infinity: no one is on all of %(lists)s, so those "
                         "cells are fixed at zero"),
    "minus_infinity_two": N_("interaction %(term)s estimated at minus infinity: no one is on both lists"),
    "few_observed": Nn_("only %(n)s individual observed: the estimate is very uncertain",
                        "only %(n)s individuals observed: the estimate is very uncertain"),
    "sparse_table": N_("sparse table: %(empty)s of %(cells)s observable capture patterns are empty"),
    "estimate_ten_times": N_("the estimate is more than ten times the number observed: the lists overlap too little "
                             "for a stable estimate"),
    "more_parameters": N_("the model has more parameters than cells"),
    "no_acceleration": N_("the jackknife acceleration could not be computed (a delete-one table has an unbounded "
                          "estimate): the interval is bias-corrected only"),
    "no_bootstrap_interval": N_("the bootstrap interval could not be computed (no usable resample)"),
    "resamples_unbounded": N_("%(n)s of %(total)s resamples had an unbounded estimate (lists overlapping too little)"),
    "upper_unbounded": N_("the upper end of the interval is unbounded"),
    "resamples_not_fitted": N_("%(n)s of %(total)s bootstrap resamples could not be fitted"),
    "grid_cut": N_("%(share)s %% of the posterior of N lies in the top 1 %% of the grid (N up to %(top)s): the grid "
                   "may cut the posterior off; widen it (max_missing_mult or missing)"),
    "grid_start": N_("the first grid point (N = %(first)s) holds %(share)s %% of the posterior: the grid may start "
                     "too high"),
    "empty_cells": N_("%(empty)s of %(cells)s observable cells are empty: the data say little about high-order "
                      "interactions and the prior (delta) matters"),
    "chains_disagree": N_("chains disagree (R-hat of N = %(rhat)s > %(limit)s): the sampler has not converged or "
                          "the posterior has several modes; run longer (burn_in, thinning) or more chains and "
                          "compare the chain medians"),
    "few_draws": N_("few effective draws of N (bulk ESS %(ess)s < %(limit)s): the interval is unreliable; increase "
                    "samples or thinning"),
    "classes_full": N_("all K = %(k)s latent classes were occupied in some draws: the truncation may bind; try a "
                       "larger K"),
    "single_chain": N_("a single chain cannot show disagreement between chains; run several (chains >= 4)"),
    "linkage_widens": N_("linkage uncertainty widens the %(level)s %% interval by %(share)s %%"),
}

# Words a parameter stands for, by code (kinds of case, statuses as the checks group them).
WORDS: dict[str, str] = {
    "administrative": N_("administrative cases"),
    "criminal": N_("criminal cases"),
    "in_custody": N_("in custody"),
    "released": N_("released"),
    "persecuted": N_("persecuted, not recognised"),
}
_IN = N_(" in %(where)s")  # a stratum named after a count ("only 4 persons in region=Minsk ...")
_OR = N_("or")
_PAIR = N_("%(first)s and %(second)s (%(n)s)")
_MORE = N_("and %(n)s more")  # after a list cut short


class Note(str):
    """One warning: the ``str`` of its English text, with the ``code`` and ``params`` that say it again in
    any language (see the module docstring)."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any]) -> Note:
        if code not in MESSAGES:
            raise KeyError(f"no message {code!r}")
        plain = {k: as_dict(v) for k, v in params.items()}
        with use("en"):
            english = _say(code, plain)
        self = super().__new__(cls, english)
        self.code = code
        self.params = plain
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled across processes (jobs) as code and params
        return (Note, (self.code, self.params))

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "text": str(self)}


def note(code: str, **params: Any) -> Note:
    """A warning with message ``code`` (a key of :data:`MESSAGES`) and its parameters."""
    return Note(code, params)


def error_note(exc: Exception) -> Any:
    """Why a stratum has no estimate, as a warning's parameter: a catalogued error (``ReckonError.of``) as its
    template and parameters, said in the reader's language by :func:`text`, with its English text; any
    other error as its text.

    Why: "no estimate: only 1 list saw anyone here" is stored once and read in Belarusian or Russian later."""
    template, params = getattr(exc, "template", None), getattr(exc, "params", None)
    if not template or not isinstance(params, Mapping):
        return str(exc)
    return {"template": template, "params": dict(params), "text": str(exc)}


def as_dict(value: Any) -> Any:
    """A Note as its stored dict; anything else unchanged (tuples as lists, for JSON)."""
    if isinstance(value, Note):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [as_dict(v) for v in value]
    return value


def text(warning: Any) -> str:
    """A warning in the language in force: a Note, its stored dict, or old plain text (shown as stored)."""
    if isinstance(warning, Note):
        return _say(warning.code, warning.params)
    if isinstance(warning, Mapping):
        code, params = warning.get("code"), warning.get("params")
        if isinstance(code, str) and code in MESSAGES and isinstance(params, Mapping):
            try:
                return _say(code, params)
            except (KeyError, TypeError, ValueError):  # a row written by another version: its own text
                pass
        template = warning.get("template")
        if isinstance(template, str) and isinstance(params, Mapping):  # a catalogued error (error_note)
            try:
                return gettext(template) % {k: number(v) if isinstance(v, int) and not isinstance(v, bool) else v
                                            for k, v in params.items()}
            except (KeyError, TypeError, ValueError):
                pass
        return str(warning.get("text", ""))
    return "" if warning is None else str(warning)


def shown(warning: Any) -> dict[str, Any]:
    """A warning for a program (API, ``--json``): its code and parameters (None and {} for old plain text)
    and its text in the language in force."""
    if isinstance(warning, Note):
        code, params = warning.code, warning.params
    elif isinstance(warning, Mapping):
        code, params = warning.get("code"), dict(warning.get("params") or {})
    else:
        code, params = None, {}
    return {"code": code, "params": params, "text": text(warning)}


def shown_in(estimate: Mapping[str, Any]) -> dict[str, Any]:
    """An estimate's dict (stored, or ``to_dict`` of a fresh one) with every list of warnings in it, its
    total's and its strata's too, as :func:`shown` gives them."""
    out = dict(estimate)
    if isinstance(out.get("warnings"), list):
        out["warnings"] = [shown(w) for w in out["warnings"]]
    if isinstance(out.get("total"), Mapping):
        out["total"] = shown_in(out["total"])
    if isinstance(out.get("strata"), list):
        out["strata"] = [shown_in(s) if isinstance(s, Mapping) else s for s in out["strata"]]
    return out


def _say(code: str, params: Mapping[str, Any]) -> str:
    message = MESSAGES[code]
    values = {k: _value(k, v) for k, v in params.items()}
    values.setdefault("where", "")
    values.setdefault("more", "")
    if isinstance(message, tuple):
        n = params.get("n", 0)
        return ngettext(message[0], message[1], int(n) if isinstance(n, int | float) else 0) % values
    return gettext(message) % values


def _value(key: str, value: Any) -> str:
    """A parameter in words of the language in force; the key says what it is."""
    if isinstance(value, Mapping):  # a nested warning (the reason of "not publishable")
        return text(value)
    if key == "where":
        return gettext(_IN) % {"where": value} if value else ""
    if key.startswith("kind_"):
        return gettext(WORDS[value]) if value in WORDS else label(value)
    if key.startswith("statuses_"):
        return f" {gettext(_OR)} ".join(gettext(WORDS.get(v, v)) if v in WORDS else str(v) for v in value)
    if key.startswith("mix_"):  # [[word, percent], ...]
        return ", ".join(f"{gettext(WORDS[w]) if w in WORDS else w} {number(p)} %" for w, p in value)
    if key.endswith(("_from", "_to")):
        return day(value)
    if key == "by":
        return label(value)
    if key == "shown" and value and isinstance(value[0], list | tuple):  # pairs of lists: [[x, y, m], ...]
        return ", ".join(gettext(_PAIR) % {"first": x, "second": y, "n": number(m)} for x, y, m in value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if key == "more":
        return " " + gettext(_MORE) % {"n": number(value)} if value else ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value != int(value):  # R-hat 1.23, a share 0.5: two decimals at most
        return number(value, 2).rstrip("0").rstrip(".,")
    return number(value)
