"""MkDocs hook: each legal citation on a content page that names its act links to the act's text
(bro.provisions; the table is data/provisions.yml)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from bro import provisions


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Read the table of provisions once per build."""
    config.extra["bro_provisions"] = provisions.load_provisions(Path(config.config_file_path).parent)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Link the citations of a page written in content/ (generated pages are left as they are)."""
    if page.file.src_uri in config.extra.get("bro_generated", {}):
        return markdown
    return provisions.link_citations(markdown, config.extra["bro_provisions"])
