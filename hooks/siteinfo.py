"""MkDocs hook: the placeholders of a content page ({{ operator.name }}, {{ authorities.DK.accessibility }} …) filled in
from data/site.yml, who runs Bro, and the editors' ({{ editors.email }}) from the build's settings (mkdocs.yml's
extra.bro_editors_email) (bro.siteinfo; the validator has refused any placeholder that names nothing)."""
from __future__ import annotations

import _state
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from bro import siteinfo


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Fill in the placeholders of a page written in content/ (generated pages are left as they are)."""
    build = _state.of(config)
    if page.file.src_uri in build.generated:
        return markdown
    try:
        editors = siteinfo.editors(build.settings.editors_email, build.lang)
        return siteinfo.expand(markdown, build.catalog.site, build.lang, editors)
    except siteinfo.PlaceholderError as error:
        raise Abort(f"Bro: {page.file.src_uri}: the placeholder '{error}' names nothing in {siteinfo.FILE}.") from None
