"""MkDocs hook: the knowledge bank's collections — a page per case and a filterable list of cases, the
events page with its calendar file, and the Danish–Swedish glossary."""
from __future__ import annotations

from _generated import add_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import feeds, i18n, knowledge, thresholds, urls


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the generated knowledge-bank pages and the events calendar."""
    catalog, lang = config.extra["bro_catalog"], config.theme["language"]
    generated = config.extra["bro_generated"]
    for slug in catalog.cases:
        context = knowledge.case_context(catalog, slug, lang)
        src = urls.record_source("case", slug, lang)
        add_page(files, config, src, context["title"], InclusionLevel.NOT_IN_NAV)
        generated[src] = ("case.html", dict, (context,))
    base = config.extra["bro_site_url"].rstrip("/") + "/"
    pages = [("case_list.html", urls.list_source("case", lang), "case.list_title", knowledge.cases_context, ()),
             ("events.html", urls.page_source("events", lang), "events.title", knowledge.events_context,
              (config.extra.get("bro_repository"), base, config.extra.get("bro_editors_email"))),
             ("glossary.html", urls.page_source("glossary", lang), "glossary.title", knowledge.glossary_context, ())]
    for template, src, title, make_context, more in pages:
        add_page(files, config, src, i18n.label(title, lang).text, InclusionLevel.INCLUDED)
        generated[src] = (template, make_context, (catalog, lang, *more))
    files.append(File.generated(config, urls.output_path("events_calendar", lang),
                                content=feeds.events_calendar(catalog, lang, base)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Put the EU thresholds in force (data/thresholds.yml) where a content page has the marker."""
    catalog = config.extra["bro_catalog"]
    return thresholds.expand(markdown, catalog.thresholds, config.theme["language"], catalog.today)
