"""``reckon report``: the dashboard's content as one self-contained HTML or PDF file for publication.

Plots are inline SVG, the stylesheet is inline, nothing is fetched: the file opens offline and can be
archived as it is. Every section states the data snapshot (time, schema revision, highest ids of the
register's tables), and each estimate its method, settings and seed. The public variant carries only
suppressed aggregates (cells below k hidden, plus the cells that would reveal them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

import reckon
from reckon import i18n
from reckon.errors import ConfigError
from reckon.estimate import notes
from reckon.i18n import N_
from reckon.report import dashboard, published
from reckon.report.suppression import K_DEFAULT
from reckon.store.audit import audit
from reckon.store.db import session_scope

TEMPLATES = Path(__file__).resolve().parents[1] / "web" / "templates"

METHODS = {
    "register": N_("Counts are of current record versions in the register (every list row kept with its file, row "
                "and source); a record changed by a later import is counted once, in its latest version."),
    "persons": N_("Persons are clusters of records that linkage (Splink, with human review decisions overriding "
               "the model) found to describe the same individual. Without a linkage run, counts are of records."),
    "estimates": N_("Estimates of the total, documented or not, come from multiple-systems estimation "
                 "(capture–recapture) on the overlaps of the lists. Before estimating, reckon checks that the "
                 "lists can serve for it: they overlap enough, describe one population (the same kind of case, "
                 "period and place), none is drawn from another, and each group has enough persons. Each "
                 "estimate states its interval, the period its lists describe, its warnings, its method, "
                 "settings and seed; one made although a check failed is marked not for publication and never "
                 "appears in the public report."),
    "figures": N_("Reported figures are the counts others published (e.g. 'at least 1,405 political prisoners as "
               "of 4 March, according to Viasna'), extracted from news with the article they come from."),
    "suppression": N_("Public figures hide every count of 1 to {k_minus} people and, by secondary suppression, "
                   "enough other cells that no hidden count can be recomputed from rows, columns and totals."),
}


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return i18n.install(env, note=notes.text)


def default_language(workspace: Any) -> str:
    """The workspace's language (``[web] language`` in reckon.toml), else RECKON_LANG, else Belarusian."""
    from reckon.config import settings

    return i18n.normalise(settings(workspace, "web").get("language")) or i18n.fallback()


def render_html(workspace: Any, *, public: bool = False, k: int = K_DEFAULT, lang: str | None = None) -> str:
    """The report in ``lang`` (be, ru, en; default: the workspace's language)."""
    with i18n.use(lang or default_language(workspace)) as chosen:
        with session_scope(workspace.database_url) as s:
            view = dashboard.build(workspace, s, public=public, k=k)
        reported = published.side_by_side(workspace.database_url, view.get("figures"), k=k if public else None)
        css = (TEMPLATES.parent / "static" / "app.css").read_text(encoding="utf-8")
        methods = {key: i18n.gettext(text).replace("{k_minus}", str(k - 1)) for key, text in METHODS.items()}
        return _env().get_template("report.html").render(
            view=view, css=css, methods=methods, public=public, version=reckon.__version__, k=k, lang=chosen,
            reported=reported, estimators=published.methods_used(view.get("estimates")))


def write_report(workspace: Any, out: Path, *, public: bool = False, actor: str | None = None,
                 lang: str | None = None) -> Path:
    """Write the report; the format follows the suffix (.html or .pdf). Audited as an export."""
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ConfigError(f"cannot write a report as {suffix or 'a file without suffix'}; use .html or .pdf")
    html = render_html(workspace, public=public, lang=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pdf":
        from weasyprint import HTML

        # base_url points nowhere on the network: the document has no external references to resolve.
        HTML(string=html, base_url=str(out.parent)).write_pdf(str(out))
    else:
        out.write_text(html, encoding="utf-8")
    with session_scope(workspace.database_url) as s:
        audit(s, "export.report", actor=actor, target_type="report", file=str(out.name), public=public)
    return out
