"""MkDocs hook: the open-data pages' lists of files, feeds and CSV columns, filled in from the registry of open-data
files (bro.opendata) where a content page has {{ open_data.files }}, {{ open_data.feeds }} or
{{ open_data.columns.<file> }}."""
from __future__ import annotations

import _state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from bro import opendata


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Fill in the open-data placeholders of a page written in content/ (generated pages are left as they are)."""
    build = _state.of(config)
    if page.file.src_uri in build.generated:
        return markdown
    return opendata.expand(markdown, build.catalog, build.lang, page.file.src_uri)
