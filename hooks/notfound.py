"""MkDocs hook: the 404 page works wherever a host serves it. MkDocs writes root-absolute links into it
(`/assets/…`, as it has no page of its own to be relative to); a host answers any unknown path with it,
so its links are made absolute under the site's published path (extra.bro_site_url + language)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

# Links in attributes, and the theme's root-absolute settings: its config ("base", "search") and scope.
_ROOT_LINK = re.compile(r'(\s(?:href|src)="|"(?:base|search)": ?"|__md_scope=new URL\(")/(?!/)')


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Point the 404 page's root-absolute links and theme settings at the language's folder on the published
    site."""
    page = Path(config.site_dir) / "404.html"
    if not page.exists():
        return
    base = urlsplit(config.extra["bro_site_url"]).path.rstrip("/") + f"/{config.theme['language']}/"
    page.write_text(_ROOT_LINK.sub(lambda m: m.group(1) + base, page.read_text(encoding="utf-8")), encoding="utf-8")
