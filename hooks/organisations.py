"""MkDocs hook: who helps where. A page per support organisation (data/organisations/), one "who helps where" page
per country (the organisations by region, filtered by tool and region), and the "who can help" block at the end of
each tool page of the knowledge bank. What each shows is decided in bro.organisations; the templates display it."""
from __future__ import annotations

import _state
from _generated import add_generated
from _state import Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import i18n, organisations, urls


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the organisations' pages (out of the menu) and the countries' pages (in the knowledge bank's menu)."""
    build = _state.of(config)
    catalog, lang = build.catalog, build.lang
    for slug, org in catalog.organisations.items():
        add_generated(files, build, urls.record_source("organisation", slug, lang), org.name,
                      InclusionLevel.NOT_IN_NAV,
                      Generated("organisation.html", organisations.organisation_context, (catalog, slug, lang)))
    for country in organisations.COUNTRIES:
        title = i18n.label(f"help.title_{country.lower()}", lang).text
        add_generated(files, build, urls.source_of(urls.help_path(country, lang)), title, InclusionLevel.INCLUDED,
                      Generated("help_country.html", organisations.country_context, (catalog, country, lang)))
    return files


@event_priority(-110)  # after hooks/csp.py has cleaned and marked the page's own text: the block is Bro's template
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """End each tool page of the knowledge bank with who can help with its tool."""
    build = _state.of(config)
    key = organisations.page_key(page.file.src_uri, build.lang)
    context = organisations.who_can_help(build.catalog, key, build.lang) if key else None
    if context is None:
        return html
    root = "../" * page.file.src_uri.count("/") or "./"
    return html + build.env.get_template("who_can_help.html").render(root=root, **context)
