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

from reckon import i18n
from reckon.errors import N_, ConfigError
from reckon.estimate import notes
from reckon.services.report import report_data
from reckon.store.audit import audit
from reckon.store.db import session_scope
from reckon.suppression import K_DEFAULT

# The template and stylesheet are the web app's (one look for the page and the file); they are read as
# files, not imported, and the report's data comes from reckon.services.report, as the web's download does.
TEMPLATES = Path(__file__).resolve().parents[1] / "web" / "templates"
STYLESHEET = TEMPLATES.parent / "static" / "app.css"


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
        data = report_data(workspace, public=public, k=k)
        return _env().get_template("report.html").render(
            css=STYLESHEET.read_text(encoding="utf-8"), lang=chosen, **data)


def write_report(workspace: Any, out: Path, *, public: bool = False, actor: str | None = None,
                 lang: str | None = None) -> Path:
    """Write the report; the format follows the suffix (.html or .pdf). Audited as an export."""
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        if not suffix:
            raise ConfigError.of(N_("cannot write a report as a file without suffix; use .html or .pdf"))
        raise ConfigError.of(N_("cannot write a report as %(suffix)s; use .html or .pdf"), suffix=suffix)
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
