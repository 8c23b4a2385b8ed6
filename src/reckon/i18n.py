"""Languages: Belarusian first, then Russian and English, through gettext catalogues (Babel).

Why one module: the web app, the report and the CLI all speak the same catalogue
(``src/reckon/locale/{be,ru,en}/LC_MESSAGES/reckon.po``, compiled to ``.mo`` beside it), format numbers and
dates the same way (Babel's CLDR data for the locale) and name the same codes (statuses, categories, event
kinds) in words. The language in force is a context variable: the web app sets it per request
(:func:`reckon.web.language.locale_for`), ``reckon report --lang`` for the report, so a template or a
message built deep down (a chart's title) follows it without being handed the language.

Messages are marked for extraction with ``_`` (translated now) or ``N_`` (translated where shown: a
label table built at import time). docs/i18n.md gives the extraction and compilation commands.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from reckon.errors import N_

LANGUAGES: tuple[str, ...] = ("be", "ru", "en")
DEFAULT = "be"
NAMES = {"be": "Беларуская", "ru": "Русский", "en": "English"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "reckon"

_current: ContextVar[str | None] = ContextVar("reckon_language", default=None)


def normalise(lang: str | None) -> str | None:
    """'be-BY', 'ru_RU', 'EN' -> 'be', 'ru', 'en'; a language reckon does not speak -> None."""
    if not lang:
        return None
    code = str(lang).strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The browser's most preferred language that reckon speaks (RFC 9110 quality values), else None."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "").split(",")[:20]):
        bits = part.strip().split(";")
        lang = normalise(bits[0])
        if lang is None:
            continue
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if best is None or (q, -i) > (best[0], best[1]):
            best = (q, -i, lang)
    return best[2] if best else None


def fallback() -> str:
    """The language when nothing more specific is set: RECKON_LANG in the environment, else Belarusian."""
    import os

    return normalise(os.environ.get("RECKON_LANG")) or DEFAULT


def pick(user_setting: str | None, accept_language: str | None, workspace_default: str | None) -> str:
    """The user's own setting, else the browser's Accept-Language, else the workspace's, else the
    server's RECKON_LANG, else Belarusian."""
    return (normalise(user_setting) or from_accept_language(accept_language) or normalise(workspace_default)
            or fallback())


def terminal_language() -> str | None:
    """The terminal's language, as gettext programs read it (RECKON_LANG, LANGUAGE, LC_ALL, LC_MESSAGES,
    LANG), or None when none names a language reckon speaks (a C or POSIX locale)."""
    import os

    for var in ("RECKON_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            lang = normalise(part)
            if lang:
                return lang
    return None


def cli_language(workspace_default: str | None = None) -> str:
    """The language of the CLI's messages: the terminal's, else the workspace's default (``[web] language``),
    else English (a terminal that names no language is most likely a server's or a script's)."""
    return terminal_language() or normalise(workspace_default) or "en"


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (English is the msgids themselves)."""
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], domain=DOMAIN)


def current() -> str:
    """The language of this context; outside any (a library call), RECKON_LANG or Belarusian."""
    return _current.get() or fallback()


def set_language(lang: str | None) -> str:
    """Make ``lang`` the language of the current context (a request, a report); returns what was set."""
    chosen = normalise(lang) or fallback()
    _current.set(chosen)
    return chosen


@contextlib.contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Within the block, messages, numbers and dates are in ``lang``."""
    token = _current.set(normalise(lang) or fallback())
    try:
        yield current()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


_ = gettext


def said(message: str) -> str:
    """A message known only at run time (a job's progress) in the language in force: a catalogued message,
    or a count followed by one ("12,000 rows read" through the message "%(n)s rows read"); else as it is.

    Why: a job's progress is written by the stage that runs it, in the one shape of :mod:`reckon.progress`
    (done, total, message); the page that follows the job and the API that feeds it say the message in the
    reader's language, which the stage cannot know."""
    if not message:
        return ""
    text = gettext(message)
    if text != message:
        return text
    import re

    m = re.fullmatch(r"(\d[\d,]*) (.+)", message)
    if m:
        template = "%(n)s " + m.group(2)
        text = gettext(template)
        if text != template:
            return text % {"n": number(int(m.group(1).replace(",", "")))}
    return message


def said_from(text: str, templates: Sequence[str], *, words: Any = None) -> str:
    """An English message a stage built from one of ``templates`` (``"%(name)s: EM estimate rejected ..."``)
    and stored as text, said in the language in force; a text that fits none is returned as it is.

    Why: some stages keep their notes as English text in stored results (a link run's training notes); the
    reader's language is known only where they are shown. ``words`` says a parameter (``words(name, value)``,
    e.g. a comparison's name in words); a parameter that is itself a catalogued message is translated."""
    import re

    for template in templates:
        pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(template))
        m = re.fullmatch(pattern, text)
        if m is None:
            continue
        params = {k: (words(k, v) if words else v) for k, v in m.groupdict().items()}
        params = {k: said_from(v, templates, words=words) if v != text else v for k, v in params.items()}
        return gettext(template) % params
    return said(text)


# Codes the data carries, in words. A code without a label is shown with its underscores as spaces.
LABELS: dict[str, str] = {
    "records_indexed": N_("records indexed"), "keys": N_("search keys"),  # the search index job's result
    # states of a person / statuses of a record
    "political_prisoner": N_("political prisoners"),
    "in_custody": N_("held in custody"),
    "persecuted": N_("persecuted"),
    "released": N_("released"),
    "unknown": N_("unknown"),
    # categories of figures reported in the news
    "political_prisoners": N_("political prisoners"),
    "political_prisoners_ever": N_("political prisoners, ever recognised"),
    "detained": N_("detained"),
    "convicted": N_("convicted"),
    "charged": N_("charged"),
    "died": N_("died"),
    "newly_recognised": N_("newly recognised political prisoners"),
    "sanctioned": N_("sanctioned officials"),
    "other": N_("other"),
    # how exact a reported figure is
    "exact": N_("exactly"),
    "at_least": N_("at least"),
    "more_than": N_("more than"),
    "about": N_("about"),
    "up_to": N_("up to"),
    "less_than": N_("less than"),
    # facts found in an article
    "figure": N_("reported figure"),
    "quote": N_("quote"),
    "sanction": N_("sanction statement"),
    "person": N_("person"),
    # events of a history
    "detention": N_("detention"),
    "charge": N_("charge"),
    "verdict": N_("verdict"),
    "appeal": N_("appeal"),
    "recognition": N_("recognised as a political prisoner"),
    "release": N_("release"),
    "death": N_("death"),
    "wanted": N_("put on the wanted list"),
    # kinds of case and of source
    "criminal": N_("criminal"),
    "admin": N_("administrative"),
    "administrative": N_("administrative"),
    "list": N_("list"),
    "news": N_("news"),
    "manual": N_("manual corrections"),
    "sanctions": N_("sanctions list"),
    # record fields
    "full_name": N_("full name"),
    "surname": N_("surname"),
    "given_name": N_("given name"),
    "patronymic": N_("patronymic"),
    "initials": N_("initials"),
    "sex": N_("sex"),
    "birth_date": N_("date of birth"),
    "region": N_("region"),
    "locality": N_("locality"),
    "detention_date": N_("date of detention"),
    "release_date": N_("date of release"),
    "status": N_("status"),
    "articles": N_("articles of the code"),
    "sentence": N_("sentence"),
    "place_of_detention": N_("place of detention"),
    "external_id": N_("the source's own id"),
    "court_date": N_("date of the hearing"),
    "verdict_date": N_("date of the verdict"),
    "appeal_date": N_("date of the appeal"),
    "death_date": N_("date of death"),
    "list_date": N_("date of the list"),
    "recognition_date": N_("date of recognition"),
    "declared_on": N_("date of the statement"),
    "judge": N_("judge"),
    "court": N_("court"),
    "prosecutor": N_("prosecutor"),
    "lawyer": N_("lawyer"),
    "declaration": N_("declaration"),
    "male": N_("male"),
    "female": N_("female"),
    # job kinds and states
    "import": N_("import"),
    "link": N_("linkage"),
    "estimate": N_("estimate"),
    "index": N_("search index"),
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    # roles
    "viewer": N_("viewer"),
    "analyst": N_("analyst"),
    "editor": N_("editor"),
    "admin_role": N_("administrator"),
    # log-linear models without interactions (estimate.loglinear's name of the model, stored with a run)
    "independence (main effects)": N_("independence (main effects)"),
    "main effects": N_("main effects"),
    # a fine in base units (law.sentences: fine_currency "BV", базавыя велічыні)
    "BV": N_("base units"),
    "url": N_("link"),
    # estimators
    "loglinear": N_("log-linear models"),
    "stepwise": N_("stepwise log-linear models"),
    "dga": N_("Bayesian model averaging (dga)"),
    "lcmcr": N_("Bayesian latent classes (LCMCR)"),
    "MSE": N_("multiple-systems estimation"),   # an estimate stored without its method's name
    # what a linkage run counted (its audit entry, its job's result)
    "records": N_("records"),
    "new_records": N_("new records"),
    "pairs_scored": N_("pairs scored"),
    "pairs_stored": N_("pairs stored"),
    "links": N_("links"),
    "persons": N_("persons"),
    "persons_with_several_records": N_("persons with several records"),
    "decisions_applied": N_("review decisions applied"),
    "mode": N_("mode"),
    "engine": N_("engine"),
    "threshold": N_("threshold"),
    "seed": N_("random seed"),
    # officials' table, the audit log's details
    "id": N_("id"),
    "name": N_("name"),
    "listed_by": N_("listed by"),
    "source": N_("source"),
    "file": N_("file"),
    "format": N_("format"),
    "client": N_("client"),
    "role": N_("role"),
    "old": N_("before"),
    "new": N_("new"),
    "changed": N_("changed"),
    "unchanged": N_("unchanged"),
    "quarantined": N_("quarantined"),
    "rows_read": N_("rows read"),
    "token_id": N_("token"),
    "kind": N_("kind"),
    "fields": N_("fields"),
    "decision": N_("decision"),
    "decision_id": N_("decision"),
    "record_id": N_("record"),
    "anchor_record": N_("record corrected"),
    "params": N_("parameters"),
    "public": N_("public"),
    "count": N_("count"),
    "method": N_("method"),
    "username": N_("user"),
    "success": N_("succeeded"),
    "errors": N_("errors"),
    "figures": N_("figures"),
    "declared": N_("declared"),
    "publishable": N_("publishable"),
    "model_probability": N_("the model's probability"),
    "review_pairs": N_("pairs to review"),
    "action": N_("action"),
    "event_id": N_("event"),
    "issuer_name": N_("issuer"),
    "path": N_("page"),
    "person_id": N_("person"),
    "import_id": N_("import"),
    "quarantine_known": N_("already in quarantine"),
    "not_in_file": N_("no longer in the file"),
    "already_imported": N_("already imported"),
    "dry_run": N_("dry run"),
    # what is known of an official's accountability (store.sanctions.ACCOUNTABILITY_KINDS)
    "investigation": N_("investigation"),
    "prosecution": N_("prosecution"),
    "conviction": N_("conviction"),
    "none_reported": N_("none reported"),
    # whose a figure is (news.service.figure_series), what an import of a file did
    "reported": N_("reported"),
    "estimated": N_("estimated"),
    "documented": N_("documented in the register"),
    "imported": N_("imported"),
    "skipped": N_("skipped"),
    "error": N_("error"), "warning": N_("warning"),   # a line of a sanctions list
    # how a linkage run or a histories rebuild went over the register
    "full": N_("in full"),
    "incremental": N_("new records only"),
    "recluster": N_("clustering again"),
    "rescore": N_("scoring again with the last model"),
    "total": N_("total"),
    # kinds of pair in the review queue (link.review)
    "bridge": N_("the only link holding a person together"),
    "link inside a person": N_("a link inside a person"),
    "held apart": N_("held apart"),
    "would merge": N_("would merge two persons"),
    # review decisions
    "same": N_("same person"),
    "different": N_("different persons"),
    "unsure": N_("unsure"),
}


# The register's tables, as the report's provenance line names them (highest id of each).
TABLES: dict[str, str] = {
    "record": N_("records"), "import_batch": N_("imports"), "person": N_("linked persons"), "link_run": N_("linkage runs"),
    "review_decision": N_("review decisions"), "source": N_("sources"), "news_figure": N_("reported figures"),
    "job": N_("jobs"), "estimate_run": N_("estimates"), "history_build": N_("history builds"),
    "quarantined_row": N_("quarantined rows"), "web_user": N_("users"), "upload": N_("uploaded file"),
    "report": N_("report"),
}


# Column keys of the CLI's tables (``--format csv|jsonl`` keep the keys; a terminal table shows these words).
# A key missing here is said through :data:`LABELS`, then with its underscores as spaces (never in be/ru: a
# test walks the commands in Belarusian and fails on a header without a Belarusian word).
COLUMNS: dict[str, str] = {
    "id": N_("no."), "row": N_("row"), "version": N_("version"), "identity": N_("identity"),
    "organisation": N_("organisation"), "imports": N_("imports"), "files": N_("files"),
    "last_import": N_("last import"), "finished": N_("finished"), "read": N_("read"), "warned": N_("warnings"),
    "sources": N_("sources"), "reason": N_("reason"), "field": N_("field"),
    "value": N_("value"), "date": N_("date"), "when": N_("when"), "by": N_("by whom"), "title": N_("title"),
    "text": N_("text"), "details": N_("details"), "level": N_("level"), "weight": N_("weight (bits)"),
    "step": N_("step"), "running": N_("running total"), "bar": N_("weight"), "extra": N_("other fields"),
    "display_name": N_("name"), "spellings": N_("spellings"), "birth_dates": N_("dates of birth"),
    "birth_year": N_("year of birth"), "person_a": N_("person A"), "person_b": N_("person B"),
    "record_a": N_("record A"), "record_b": N_("record B"), "match_probability": N_("probability of a match"),
    "impact": N_("what a decision changes"), "cluster_size": N_("records of the person"),
    "content_hash": N_("content hash"), "count": N_("persons"), "undetermined": N_("undetermined"),
    "district": N_("district"), "article": N_("article of the code"), "sex_hint": N_("sex (by the name)"),
    "age_band": N_("age"), "event": N_("event"), "case": N_("case"), "case_kind": N_("kind of case"),
    "cases": N_("cases"), "criminal": N_("criminal"), "administrative": N_("administrative"),
    "imprisonment_years": N_("years of imprisonment"), "arrest_days": N_("days of arrest"), "fines": N_("fines"),
    "courts": N_("courts"), "judges": N_("judges"), "first": N_("first"), "last": N_("last"),
    "sanctioned_by": N_("sanctioned by"), "official_id": N_("official"), "disputed": N_("disputed"),
    "stratum": N_("stratum"), "observed": N_("observed"), "estimate": N_("estimate"), "lower": N_("lower bound"),
    "upper": N_("upper bound"), "model": N_("model"), "warnings": N_("warnings"), "lists": N_("lists"),
    "data window": N_("data window"), "category": N_("category"), "qualifier": N_("how exact"),
    "reporter": N_("reported by"), "reporter_as_written": N_("as written"), "outlet": N_("outlet"),
    "language": N_("language"), "lang": N_("language"),
    "sentence": N_("sentence"), "article_id": N_("article"), "figure_id": N_("figure"), "as_of": N_("as of"),
    "headline": N_("in the headline"), "published": N_("published"), "quotes": N_("quotes"),
    "sanctions": N_("sanctions"), "declared": N_("declared"), "target": N_("whom"),
    "jurisdictions": N_("jurisdictions"), "speaker": N_("speaker"), "sentence_text": N_("sentence"),
    "names": N_("names"), "positions": N_("positions"), "position": N_("position held"),
    "alias": N_("other name"), "birth_place": N_("place of birth"), "jurisdiction": N_("jurisdiction"),
    "source_document": N_("source document"), "reported_by": N_("reported in news"),
    "reported_by_target": N_("reported in news for this jurisdiction"), "agency": N_("agency"),
    "country": N_("country"), "start_date": N_("from"), "end_date": N_("to"), "programme": N_("programme"),
    "measure": N_("measure"), "listing_date": N_("date of listing"), "authority": N_("authority"),
    "reported": N_("reported"), "description": N_("description"), "entity_a": N_("listing A"),
    "entity_b": N_("listing B"), "name_a": N_("name A"), "name_b": N_("name B"), "birth_a": N_("birth A"),
    "birth_b": N_("birth B"), "source_a": N_("source A"), "source_b": N_("source B"), "score": N_("score"),
    "tokens": N_("tokens"), "totp": N_("second factor"), "last_login_at": N_("last login"),
    "disabled": N_("disabled"), "token": N_("token"), "script": N_("script"), "scheme": N_("scheme"),
    "given": N_("given name"), "surname_key": N_("surname key"), "given_key": N_("given name key"),
    "patronymic_key": N_("patronymic key"), "surname_latn": N_("surname in Latin"),
    "given_latn": N_("given name in Latin"), "file_name": N_("file"), "row_number": N_("row"),
    "created": N_("created"), "expires": N_("expires"), "last_used": N_("last used"), "revoked": N_("revoked"),
    "mapped_to": N_("field"), "column": N_("column"), "rows": N_("rows"), "other": N_("other languages"),
    "command": N_("command"), "encoding_note": N_("encoding"),   # an audit entry's details (web audit page)
    "be": N_("in Belarusian"), "ru": N_("in Russian"), "en": N_("in English"),
    # the features of a review pair (link.features), as the review page shows their values
    "given_init": N_("initials"), "birth_month": N_("month of birth"), "birth_day": N_("day of birth"),
    "detention_days": N_("date of detention"),
    # a news figure's sentence: the words of the article, not a penalty ("sentence" is a record's penalty)
    "quoted_sentence": N_("quote"),
    # the demo's tables (reckon.demo): an estimate's interval, a count beside what the lists say and the truth
    "interval": N_("interval"), "lists determine": N_("lists determine"), "truth": N_("truth"),
}


def column(key: Any) -> str:
    """A table column's key (``match_probability``) as its header in the current language."""
    text = str(key)
    return gettext(COLUMNS[text]) if text in COLUMNS else label(text)


def role_label(role: Any) -> str:
    """A user's role in words: ``admin`` is the administrator, not the administrative case kind that
    :data:`LABELS` says for the same code."""
    return label("admin_role" if role == "admin" else role)


def table_label(name: Any) -> str:
    text = str(name)
    return gettext(TABLES[text]) if text in TABLES else label(text)


def coded(value: Any) -> Any:
    """A value that may be a code the data carries (``political_prisoner`` in an audit entry): in words when
    it is one (:data:`LABELS`), else as it is (a file's name, a person's id stay untouched)."""
    return gettext(LABELS[value]) if isinstance(value, str) and value in LABELS else value


def label(code: Any) -> str:
    """A code (``political_prisoners_ever``, ``in_custody``) in words of the current language."""
    if code is None:
        return ""
    text = str(code)
    # a fact a list keeps by name (a correction's "extra.court"; linkage's feature "extra_court")
    if text.startswith(("extra.", "extra_")) and text[6:] in LABELS:
        text = text[6:]
    if text in LABELS:
        return gettext(LABELS[text])
    return text.replace("_", " ") if text.isascii() and "_" in text else text


def _locale() -> Locale:
    return _locale_of(current())


@lru_cache(maxsize=16)
def _locale_of(lang: str) -> Locale:
    """Babel's locale of a language, parsed once (a page formats dozens of numbers and dates)."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@lru_cache(maxsize=16)
def _signs(lang: str) -> tuple[str, str]:
    """The group separator and minus sign the language writes whole numbers with (Latin digits)."""
    symbols = _locale_of(lang).number_symbols.get("latn", {})
    return symbols.get("group", ","), symbols.get("minusSign", "-")


def number(value: Any, digits: int = 0) -> str:
    """A count or figure as the locale writes it (1 405 in be/ru, 1,405 in en); None -> '—'."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(value)
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, float) and value != value:  # NaN
        return "—"
    if digits == 0:   # Babel's "#,##0" (groups of three) without its pattern machinery: a page has dozens
        n = round(value)
        group, minus = _signs(current())
        text = f"{abs(n):,}"
        if group != ",":
            text = text.replace(",", group)
        return minus + text if n < 0 else text
    return format_decimal(round(value, digits), format="#,##0." + "0" * digits, locale=_locale())


def decimal(value: float, places: int | None = None, *, signed: bool = False) -> str:
    """A measured value (a probability, 12.5 years, an estimate) as the locale writes it, to three decimals
    at most: 0,969 and 8 550,5 in be/ru, 0.969 and 8,550.5 in en. With ``places``, exactly that many (a
    recall of 1.0000 says it was measured to four places, where "1" would hide it). ``signed`` writes a
    plus before a positive value too (+10,93 bits of evidence for, -0,21 against)."""
    if value != value:  # NaN
        return "—"
    pattern = "#,##0." + ("0" * places if places else "###") if places != 0 else "#,##0"
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=_locale())


DAY = "d MMMM y"          # 4 March 2024 · 4 сакавіка 2024 · 4 марта 2024: no abbreviations, no "г."
MOMENT = "d MMMM y, HH:mm"


def day(value: Any, form: str = DAY) -> str:
    """An ISO date ('2024-03-04'), partial date ('2024-03', '2024') or datetime, as the locale writes it.

    A partial date stays partial: a month is written as month and year, never as its first day."""
    if value is None or value == "":
        return ""
    loc = _locale()
    if isinstance(value, datetime):
        return format_datetime(value, MOMENT, locale=loc)
    if isinstance(value, date):
        return format_date(value, form, locale=loc)
    text = str(value)
    try:
        if len(text) >= 19 and text[10] in "T ":
            return format_datetime(datetime.fromisoformat(text[:19]), MOMENT, locale=loc)
        if len(text) >= 10:
            return format_date(date.fromisoformat(text[:10]), form, locale=loc)
        if len(text) == 7 and text[4] == "-":
            return format_date(date(int(text[:4]), int(text[5:7]), 1), "LLLL y", locale=loc)
    except ValueError:
        return text
    return text


def join(items: Sequence[Any]) -> str:
    """A short list joined as the language does (commas)."""
    return ", ".join(str(i) for i in items)


def install(env: Any, **filters: Any) -> Any:
    """Give a Jinja2 environment the i18n extension, reckon's catalogue and its filters (and ``filters``
    the caller adds: ``note``, the warning of an estimate said from its code, which lives above this module).

    The gettext callables read the context's language at call time, so one environment serves requests
    in every language at once."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters["label"] = label
    env.filters["coded"] = coded
    env.filters["tr"] = said  # a message known only at run time (a job's), translated when catalogued
    env.filters["num"] = number
    env.filters["dec"] = decimal
    env.filters["table_label"] = table_label
    env.filters["column"] = column
    env.filters["role"] = role_label
    env.filters["day"] = day
    env.globals["current_language"] = current
    env.globals["LANGUAGES"] = [(code, NAMES[code]) for code in LANGUAGES]
    env.filters.update(filters)
    return env
