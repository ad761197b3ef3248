"""MkDocs hook: each legal citation on a content page that names its act links to the act's text
(bro.provisions; the table is data/provisions.yml, read into the build's state by hooks/_state.py)."""
from __future__ import annotations

import _state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from bro import provisions


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Link the citations of a page written in content/ (generated pages are left as they are)."""
    build = _state.of(config)
    if page.file.src_uri in build.generated:
        return markdown
    return provisions.link_citations(markdown, build.provisions)
