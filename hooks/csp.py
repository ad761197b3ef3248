"""MkDocs hook: a Content-Security-Policy meta tag in every built page, with the hashes of the inline scripts the
theme and Bro's templates write (the policy and its reasons are in bro.csp). A page's rendered Markdown is marked
as its content area, whose scripts are never allowed; a page of content/ is cleaned to what the validator accepts,
and what it gives the theme to show elsewhere (title, description) is made text first."""
from __future__ import annotations

from pathlib import Path

import _state
from _generated import protect_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from bro import content, csp, markdown_text


@event_priority(-100)  # last: after hooks/pages.py has put a generated page's body (or a bulk shell's marker) in
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Mark the page's content area. A page written in content/ (validated before the build) keeps only what the
    validator accepts even so: the tags and attributes its Markdown may make, and the settings Bro knows, as text."""
    if page.file.generated_by is None:  # generated pages: Bro's templates, data sanitized, titles escaped
        keys = content.front_matter_keys(_state.of(config).root / "schemas")
        page.meta = content.theme_meta(page.meta, keys, page.title)
        html = markdown_text.clean_page(html)
    return csp.mark_content(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Note a page the theme rendered (its scripts outside the content area are the theme's and Bro's)."""
    _state.of(config).rendered.add(page.file.abs_dest_path)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig, **kwargs) -> str:
    """The same for the theme's own pages (404.html)."""
    _state.of(config).rendered.add(str(Path(config.site_dir) / template_name))
    return output_content


@event_priority(-90)  # after hooks/bulk.py (-50) has written the record pages
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Rewrite every HTML page of the site with its policy (not in the live preview); an HTML file the theme did
    not render (copied as it is) may run no inline script at all. (`mkdocs serve`: its live-reload script is
    inline and changes on every reload.)"""
    build = _state.of(config)
    if build.serving:
        return
    done = build.protected  # bulk pages: protected once per shell by hooks/bulk.py
    rendered = {str(Path(path)) for path in build.rendered}
    for path in Path(config.site_dir).rglob("*.html"):
        if str(path) in done:
            continue
        html = path.read_text(encoding="utf-8")
        protected = protect_page(build, html) if str(path) in rendered else csp.protect(html, own=False)
        path.write_text(protected, encoding="utf-8")
