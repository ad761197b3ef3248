"""MkDocs hook: every page's description, Open Graph properties and JSON-LD (bro.structured), put in its head by
overrides/bro/head.html (the bulk pages get theirs in hooks/bulk.py)."""
from __future__ import annotations

import datetime as dt
import html

import _state
import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from bro import history, structured


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files, **kwargs) -> jinja2.Environment:
    """Note every page's title (the breadcrumbs name the pages above a page) and the home page's description; MkDocs
    has read every page by now, and renders none before this event."""
    build = _state.of(config)
    titles, description = {}, ""
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.meta.get("bro_shell"):
            continue
        titles[file.dest_uri] = _title(page)
        if page.is_homepage:
            description = html.unescape(str(page.meta.get("description") or ""))
    changed = history.last_changed(build.root, "cases", build.catalog.today)
    build.site = structured.Site(titles, description, changed)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """The page's structured data for its head; a page without a description of its own gets the one it describes
    (its record's, escaped: the theme prints the description as it is)."""
    if page.meta.get("bro_shell"):
        return context
    build = _state.of(config)
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, str):
        reviewed = dt.date.fromisoformat(reviewed)
    own = html.unescape(str(page.meta.get("description") or ""))  # stored escaped, as the title (_title)
    described = structured.head(build.catalog, structured.Page(
        build.lang, page.file.dest_uri, _title(page), own, build.settings.site_url,
        reviewed if isinstance(reviewed, dt.date) else None), build.site or structured.Site({}))
    page.meta["bro_head"] = described
    if not own and described.description:
        page.meta["description"] = str(escape(described.description))
    return context


def _title(page: Page) -> str:
    """A page's title as plain text, as its <title> has it (the home page's own title, not its name in the
    navigation). The theme prints a page's title and description as they are, so both are stored escaped: a
    generated page's by hooks/_generated.py, a content page's by hooks/csp.py (bro.content.theme_meta)."""
    return html.unescape(str(page.meta.get("title") or page.title or ""))
