"""MkDocs hook: the knowledge bank's collections — a page per case and a filterable list of cases, the
events page with its calendar file, and the Danish–Swedish glossary."""
from __future__ import annotations

import _state
from _generated import add_generated
from _state import Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import feeds, i18n, knowledge, thresholds, urls


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the generated knowledge-bank pages and the events calendar."""
    build = _state.of(config)
    catalog, lang, settings = build.catalog, build.lang, build.settings
    for slug in catalog.cases:
        context = knowledge.case_context(catalog, slug, lang)
        add_generated(files, build, urls.record_source("case", slug, lang), context["title"],
                      InclusionLevel.NOT_IN_NAV, Generated("case.html", dict, (context,)))
    base = settings.site_url
    pages = [("case_list.html", urls.list_source("case", lang), "case.list_title", knowledge.cases_context, ()),
             ("events.html", urls.page_source("events", lang), "events.title", knowledge.events_context,
              (settings.repository, base, settings.editors_email)),
             ("glossary.html", urls.page_source("glossary", lang), "glossary.title", knowledge.glossary_context, ())]
    for template, src, title, make_context, more in pages:
        add_generated(files, build, src, i18n.label(title, lang).text, InclusionLevel.INCLUDED,
                      Generated(template, make_context, (catalog, lang, *more)))
    files.append(File.generated(config, urls.output_path("events_calendar", lang),
                                content=feeds.events_calendar(catalog, lang, base)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Put the EU thresholds in force (data/thresholds.yml) where a content page has the marker."""
    build = _state.of(config)
    return thresholds.expand(markdown, build.catalog.thresholds, build.lang, build.catalog.today)
