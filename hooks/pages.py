"""MkDocs hook: one page per supplier and tender entry (bulk pages, see hooks/bulk.py), a list page per
collection, and the rendering of every generated MkDocs page (other hooks register theirs in the build's state:
hooks/_state.py, BuildState.generated)."""
from __future__ import annotations

import logging
import re

import _state
from _generated import SHELL_CONTENT, add_bulk_page, add_generated, render_body
from _state import BulkPage, Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import directory, opendata, urls, views

_KINDS = {"supplier": "suppliers", "tender": "tenders"}


class _OpenDataLinks(logging.Filter):
    """Pages may link to the open data files (data.md: [suppliers.json](../api/suppliers.json)). MkDocs cannot see
    them, as bro.build writes them outside the language's site, so its warning for exactly these links is an
    info; a link to any other missing file still stops the strict build."""

    _LINK = re.compile(r"contains a link '\.\./" + re.escape(urls.ROOT_OUTPUTS["open_data"].partition("{name}")[0])
                       + r"([^'#?]+)', but the target")

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._LINK.search(record.getMessage()) if record.levelno == logging.WARNING else None
        if match and match.group(1) in _API_NAMES:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_OPEN_DATA_LINKS = _OpenDataLinks()
_API_NAMES = frozenset(opendata.api_names())


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Let the content link to the open data files (see _OpenDataLinks)."""
    logger = logging.getLogger("mkdocs.structure.pages")
    if _OPEN_DATA_LINKS not in logger.filters:
        logger.addFilter(_OPEN_DATA_LINKS)
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add a generated page per record and per collection list, kept out of the sidebar."""
    build = _state.of(config)
    catalog, lang, repository = build.catalog, build.lang, build.settings.repository
    lists = {"supplier": Generated("supplier_list.html", directory.list_context,
                                   (catalog, lang, build.settings.page_size)),
             "tender": Generated("tender_list.html", views.plan_context, (catalog, lang))}
    for kind, attribute in _KINDS.items():
        for slug, record in getattr(catalog, attribute).items():
            # The site search finds entries and suppliers by name (a supplier with only its city and categories:
            # the directory's own search knows the rest, and the site search offers it as its first answer).
            text = (views.search_text if kind == "tender" else views.supplier_search_text)(catalog, record, lang)
            add_bulk_page(files, build, kind, BulkPage(slug, views.record_title(record, lang), f"{kind}.html",
                                                       views.record_context, (catalog, kind, slug, lang, repository),
                                                       text))
        add_generated(files, build, urls.list_source(kind, lang), views.list_title(kind, lang),
                      InclusionLevel.INCLUDED, lists[kind], hide=["toc"])
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Render a generated page's body from its template in overrides/bro/ (a bulk shell gets its marker)."""
    if page.meta.get("bro_shell"):
        return SHELL_CONTENT
    build = _state.of(config)
    body = build.generated.get(page.file.src_uri)
    if body is None:
        return html
    html, page.meta["bro_context"] = render_body(build, page.file.src_uri, body)
    return html
