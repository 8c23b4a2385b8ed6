"""The one place where the web app and the report reach the other stages' service functions.

Stages land at different times, so every call here is lazy and tolerant: a missing module or function
gives ``None`` (the page then says e.g. "no linkage run yet") instead of an error. Arguments are passed by
name and only those the function declares, so small signature differences between stages do not break
the pages. When a stage's API settles, this is the file to adjust; routes never import stages directly.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable
from typing import Any

from reckon.jsonable import jsonable as plain  # the one encoder; this module's callers say plain

log = logging.getLogger(__name__)


class Unavailable(Exception):
    """The capability is not installed yet (its stage has not landed)."""


def find(module: str, *names: str) -> Callable[..., Any] | None:
    """The first of ``names`` that ``module`` defines, or None when the module or names are absent."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` with those keyword arguments its signature names."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return fn(*args, **kwargs)
    params = sig.parameters
    # Only the keywords a function names: a **options catch-all (e.g. an estimator's settings) must not
    # receive the web app's bookkeeping (actor, ...).
    return fn(*args, **{k: v for k, v in kwargs.items() if k in params})


def _safe(label: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Unavailable:
        return None
    except Exception as exc:  # a stage's failure must not take the dashboard down
        log.warning("%s unavailable: %s", label, type(exc).__name__)
        return None


# --- register / import ---------------------------------------------------------------------------------

def import_file_fn() -> Callable[..., Any] | None:
    return find("reckon.ingest", "import_file")


def search_terms(text: str) -> set[str] | None:
    fn = find("reckon.names", "search_terms")
    if fn is None:
        return None
    try:
        return {str(t) for t in fn(text) if t}
    except Exception as exc:  # a names failure degrades search to plain words, never to an error page
        log.warning("reckon.names.search_terms failed: %s", type(exc).__name__)
        return None


def search_scheme() -> str:
    """Names the keying in use, so the search index is rebuilt when reckon.names arrives or changes."""
    fn = find("reckon.names", "search_terms")
    if fn is None:
        return "words-v2"
    try:
        import reckon.names as names

        return f"names-{getattr(names, '__version__', '1')}+words-v2"
    except ImportError:  # pragma: no cover
        return "words-v2"


# --- linkage -------------------------------------------------------------------------------------------

def next_review_item(workspace: Any, actor: str) -> Any:
    fn = find("reckon.link", "next_review_item")
    if fn is None:
        raise Unavailable("linkage is not installed yet")
    from reckon.errors import ReckonError

    try:
        return call(fn, workspace, actor=actor)
    except ReckonError as exc:  # e.g. "nothing to review yet: run `reckon link` first"
        raise Unavailable(str(exc)) from exc


def decide(workspace: Any, record_a: int, record_b: int, decision: str, actor: str, note: str | None,
           seen: int | None = None) -> Any:
    """A review decision; ``seen`` is the decision in force the editor was shown (a conflict otherwise)."""
    fn = find("reckon.link", "decide")
    if fn is None:
        raise Unavailable("linkage is not installed yet")
    if "pair" in inspect.signature(fn).parameters:
        return call(fn, workspace, (record_a, record_b), decision, actor=actor, note=note, seen=seen)
    return call(fn, workspace, record_a, record_b, decision, actor=actor, note=note, seen=seen)


def explain(workspace: Any, record_a: int, record_b: int) -> Any:
    fn = find("reckon.link", "explain")
    if fn is None:
        raise Unavailable("linkage is not installed yet")
    return call(fn, workspace, record_a, record_b)


def link_fn() -> Callable[..., Any] | None:
    return find("reckon.link", "link_workspace", "run_link", "link")


# --- estimates -----------------------------------------------------------------------------------------

def estimates(workspace: Any) -> list[dict] | None:
    """The stored estimates (CLI and web alike), newest first, each with its warnings and data window."""
    fn = find("reckon.services.estimate", "list_estimates")
    if fn is None:
        return None
    return _safe("estimates", lambda: plain(call(fn, workspace))) or None


def estimate_fn() -> Callable[..., Any] | None:
    return (find("reckon.services.estimate", "estimate_workspace", "run_estimate")
            or find("reckon.estimate", "estimate_workspace"))


# --- news ----------------------------------------------------------------------------------------------

def figures(workspace: Any) -> list[dict] | None:
    """Figures published by others (not the register's own count, which the dashboard draws itself)."""
    fn = (find("reckon.news.service", "figure_series", "list_figures")
          or find("reckon.news", "figure_series", "list_figures", "figures"))
    if fn is None:
        return None
    rows = _safe("figures", lambda: plain(call(fn, workspace)))
    if not rows:
        return None
    rows = [r for r in rows if not isinstance(r, dict) or r.get("kind") != "documented"]
    return rows or None


def articles(workspace: Any) -> list[dict] | None:
    fn = find("reckon.news.service", "list_articles") or find("reckon.news", "list_articles", "articles")
    if fn is None:
        return None
    return _safe("articles", lambda: plain(call(fn, workspace))) or None


def article(workspace: Any, article_id: int) -> dict | None:
    """One article with its text and its facts, each with the span it was found at."""
    fn = find("reckon.news.service", "article_facts", "get_article") or find("reckon.news", "get_article")
    if fn is None:
        raise Unavailable("news")
    art = plain(call(fn, workspace, article_id))
    if art and not art.get("text"):
        art.update(_article_spans(workspace, article_id))
    return art


def _article_spans(workspace: Any, article_id: int) -> dict:
    """Text and fact spans straight from the news stage's tables (read only), when its service leaves
    them out."""
    try:
        from reckon.store.db import session_scope
        from reckon.store.news import NewsArticle
    except ImportError:
        return {}
    with session_scope(workspace.database_url) as s:
        art = s.get(NewsArticle, article_id)
        if art is None:
            return {}
        facts = [{"start": f.start, "end": f.end, "kind": "figure", "value": f"{f.value:,} {f.category or ''}".strip(),
                  "reporter": f.reporter, "as_of": f.as_of, "qualifier": f.qualifier} for f in art.figures]
        facts += [{"start": q.start, "end": q.end, "kind": "quote", "value": q.speaker or "quote"}
                  for q in art.quotes]
        facts += [{"start": x.sentence_start, "end": x.sentence_end, "kind": "sanction",
                   "value": f"{x.target or ''} {', '.join(x.jurisdictions or [])}".strip()} for x in art.sanctions]
        return {"text": art.text, "facts": facts}


# --- sanctions -----------------------------------------------------------------------------------------

def sanctions_matrix(workspace: Any) -> Any:
    """{"columns": [...], "rows": [{column: value}]}: officials × jurisdictions (listed / ended / reported)."""
    fn = find("reckon.sanctions", "sanctions_matrix", "matrix") or find("reckon.sanctions.views", "sanctions_matrix")
    if fn is None:
        return None
    value = _safe("sanctions", lambda: plain(call(fn, workspace)))
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], list):
        value = {"columns": value[0], "rows": value[1]}
    if isinstance(value, dict) and not value.get("rows"):
        return None
    return value
