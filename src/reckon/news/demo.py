"""A synthetic article for the demo (fictional people, numbers and wording, shaped like a news site's page)."""

from __future__ import annotations

DEMO_ARTICLE = """Vitebsk 10:12

Rights groups recognise seven more political prisoners as crackdown widens

Court building in Vitebsk on June 2
(Demo press service)

June 3, Demo Herald. Seven more people have been declared political prisoners by rights groups in Belarus.

In their joint statement of yesterday the groups granted this status to three men tried under Article 342 of the Criminal Code:

  • Ales Zmitrovič (three years' imprisonment)
  • Hryhor Pałujan (sentence unknown)
  • Taras Viertaš (charged)

and to four others tried under Article 130:

  • Maryja Sałaviej (two years)
  • Janina Kruk (sentence unknown)
  • Paŭlina Dziemska (charged)
  • Stas Miražeŭski (charged)

As of June 3, human rights defenders counted at least 1,512 political prisoners (including 171 women); many cases are never reported to them. Opposition sources put the number of political prisoners at around 4,800.

At least 6,200 people have faced persecution for political reasons since 2020, according to the Demo Rights Centre.

“We will not stop until every one of them is free,” said Demo Rights Centre head Lavon Kazłoŭski.

Canada, the European Union and the United Kingdom sanctioned Deputy Interior Minister Piatro Hrebień over the arrests. Lithuania and Poland introduced personal sanctions against him.

Share:
"""


def demo_article() -> str:
    """The text of a SYNTHETIC article: every person and number in it is invented."""
    return DEMO_ARTICLE


def import_demo(workspace, *, include_seed: bool = True, actor: str | None = None):
    """Import the synthetic article (and the real seed article when ../shared is beside the project).

    Returns the list of import results; the demo prints their facts.
    """
    from reckon.news.service import import_seed_if_present, import_text

    results = [import_text(workspace, demo_article(), file_name="demo_article_synthetic.txt",
                           source="news-demo", published="2031-06-03", actor=actor)]
    if include_seed:
        seed = import_seed_if_present(workspace, actor=actor)
        if seed is not None:
            results.append(seed)
    return results


def step_news(ctx) -> None:
    """``reckon demo`` step: import the synthetic article (and the seed page if present) and show its facts."""
    from reckon.i18n import _, label, ngettext, number
    from reckon.news.service import article_facts, figure_series, list_articles

    results = import_demo(ctx.workspace)
    ctx.results["news"] = results
    ctx.heading(_("news"), _("articles imported: %(articles)s") % {"articles": ", ".join(
        ngettext("%(file)s (%(status)s, %(n)s figure, %(declared)s declared)",
                 "%(file)s (%(status)s, %(n)s figures, %(declared)s declared)", r.figures)
        % {"file": r.file, "status": label(r.status), "n": number(r.figures), "declared": number(r.declared)}
        for r in results)})
    for row in list_articles(ctx.workspace):
        facts = article_facts(ctx.workspace, row["id"])
        if facts is None:
            continue
        ctx.say(f"   [bold]{facts['title'] or facts['file_name']}[/] — {facts['outlet'] or '?'}, "
                + str(facts["published"] or _("date unknown")))
        ctx.table([f for f in facts["figures"] if not f["headline"]],
                  ["value", "qualifier", "category", "reporter", "as_of"], title=_("figures"))
        if facts["sanctions"]:
            ctx.table(facts["sanctions"], ["target", "role", "jurisdictions"], title=_("sanctions"))
        if facts["quotes"]:
            ctx.table(facts["quotes"], ["speaker", "text"], title=_("quotes"))
    series = figure_series(ctx.workspace, category="political_prisoners")
    ctx.say("   " + ngettext("reported vs documented political-prisoner figures: %(n)s point (%(command)s)",
                             "reported vs documented political-prisoner figures: %(n)s points (%(command)s)",
                             len(series))
            % {"n": number(len(series)), "command": "`reckon figures --category political_prisoners --plot figures.svg`"})
