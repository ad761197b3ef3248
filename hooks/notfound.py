"""MkDocs hook: the 404 page works wherever a host serves it. MkDocs writes root-absolute links into it
(`/assets/…`, as it has no page of its own to be relative to); a host answers any unknown path with it, at any depth
and under whatever path the site is published. Its links are made relative to the page's <base>, which holds the
published path (extra.bro_site_url + language) and which the page's first script moves to the language folder the
address shows (overrides/404.html)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import _state
from mkdocs.config.defaults import MkDocsConfig

_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')            # links in attributes: relative to the <base>
_SETTINGS = re.compile(r'("(?:base|search)": ?")/(?!/)')        # the theme's settings, resolved by overrides/404.html
_SCOPE = re.compile(r'new URL\("/", ?location\)')                # the theme's storage scope
BASE = "BRO-NOT-FOUND-BASE"
_BASE_BLOCK = re.compile(r'\s*(<base href="BRO-NOT-FOUND-BASE">.*?<!--/bro-not-found-base-->)', re.S)
_CHARSET = '<meta charset="utf-8">'


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Make the 404 page's root-absolute links and theme settings relative to its <base>, and give the <base> the
    language's folder on the published site."""
    page = Path(config.site_dir) / "404.html"
    if not page.exists():
        return
    build = _state.of(config)
    base = urlsplit(build.settings.site_url).path.rstrip("/") + f"/{build.lang}/"
    html = page.read_text(encoding="utf-8")
    block = _BASE_BLOCK.search(html)   # the <base> and its script: first in <head>, right after <meta charset>
    html = html[:block.start()] + html[block.end():]
    html = html.replace(_CHARSET, _CHARSET + "\n    " + block.group(1), 1)
    html = _ROOT_LINK.sub(r"\1", html)
    html = _SETTINGS.sub(lambda m: m.group(1) + "./", html)
    html = _SCOPE.sub('new URL(".", document.baseURI)', html).replace(BASE, base)
    page.write_text(html, encoding="utf-8")
