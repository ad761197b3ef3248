"""MkDocs hook: each knowledge-bank page on a legal tool ends with "who has done it", the buyers that have used the
tool (bro.peers, rendered from overrides/bro/peers.html), its own section apart from any other; and the page "who
has done it" with every tool (overrides/bro/peers_overview.html)."""
from __future__ import annotations

import _state
from _generated import add_generated
from _state import Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import i18n, peers, urls, views


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the page "who has done it": every tool with the buyers that have used it."""
    build = _state.of(config)
    add_generated(files, build, urls.page_source("peers", build.lang), i18n.label("peers.title", build.lang).text,
                  InclusionLevel.INCLUDED, Generated("peers_overview.html", views.peers_context,
                                                     (build.catalog, build.lang)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Add the section's heading and marker at the end of a tool's page (content pages only)."""
    build = _state.of(config)
    section = None if page.file.src_uri in build.generated else peers.tool_section(page.file.src_uri, build.lang)
    return f"{markdown.rstrip()}\n\n{section}" if section else markdown


@event_priority(-110)  # after hooks/csp.py has cleaned the page's own text: the section is Bro's template
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Put the rendered list where the marker's paragraph is."""
    marker = f"<p>{peers.MARKER}</p>"
    if marker not in html:
        return html
    build = _state.of(config)
    tool = peers.tool_of_page(page.file.src_uri, build.lang)
    if tool is None:
        return html
    root = "../" * page.file.src_uri.count("/") or "./"
    body = build.env.get_template("peers.html").render(root=root, **views.tool_peers_context(build.catalog, tool,
                                                                                             build.lang))
    return html.replace(marker, body, 1)
