"""MkDocs hook: the language switcher leads to the same page in the other language."""
from __future__ import annotations

import _state
import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from bro import addresses, home, i18n, urls
from bro.dates import format_day

NAMES = {"da": "Dansk", "sv": "Svenska"}


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files, **kwargs) -> jinja2.Environment:
    """Give Material's templates Bro's interface labels in the site's language."""
    lang = _state.of(config).lang
    env.globals["bro_ui"] = lambda key, **params: i18n.label(key, lang, **params)
    env.globals["bro_ui_in"] = lambda code, key, **params: i18n.label(key, code, **params)
    env.globals["bro_date"] = lambda value: format_day(value, lang)
    env.globals["bro_page"] = lambda key: urls.content_path(key, lang)  # a content page's address (bro.urls)
    env.globals["bro_mailto"] = addresses.mailto_href
    env.globals["bro_home_tiles"] = home.tiles(lang)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """Point the switcher's entries at this page's counterpart in each language.
    (config.extra.alternate keeps the language roots: Material's script reads sitemap.xml beside them.)"""
    build = _state.of(config)
    lang, path = build.lang, page.file.dest_uri
    context["bro_alternates"] = [_alternate(path, lang, code, build.catalog) for code in ("da", "sv")]
    if page.is_homepage:  # the home page's task tiles use the full width (overrides/main.html)
        page.meta["hide"] = ["toc"]
    context["bro_lang"] = lang
    context["bro_other_lang"] = i18n.other(lang)
    return context


def _alternate(path: str, lang: str, code: str, catalog) -> dict:
    """One entry of the switcher: this page in language `code`, or that language's home page, saying so, when the
    page has no counterpart there."""
    if code == lang:
        target = path
    elif urls.SHELL_SLUG in path:  # a bulk pages' shell: hooks/bulk.py puts each page's name in the other language
        target = urls.translate_path(path, lang, code).replace(urls.SHELL_SLUG, urls.SHELL_OTHER)
    else:
        target = urls.translate_path(path, lang, code, catalog.vocab if catalog else None)
    entry = {"name": NAMES[code], "lang": code, "link": f"../{code}/{target or urls.content_path('home', code)}"}
    if target is None:
        entry["note"] = i18n.label("content.no_counterpart", lang).text
    return entry
