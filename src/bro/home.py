"""The home page's task tiles: what a visitor came to do, in the order they most often need it. The newcomer's
guide is one click from the home page."""
from __future__ import annotations

from bro import urls

# (key of the labels home.<key>.title / home.<key>.text, the page) - a record kind's list, or a content page.
TILES = (
    ("find", "supplier"),
    ("plan", "tender"),
    ("start", "vidensbank/kom-i-gang.html"),
    ("knowledge", "vidensbank/index.html"),
    ("contribute", "bidrag/index.html"),
)


def _content_path(page: str, lang: str) -> str:
    """A content page's path in lang (the Swedish folders may get Swedish names: bro.urls decides)."""
    translate = getattr(urls, "content_path", None)
    if translate is not None:  # TODO(addresses): bro.urls.content_path takes a key; the integrator maps these pages
        try:
            return translate(page, lang)
        except (KeyError, ValueError, TypeError):
            pass
    return page


def tiles(lang: str) -> list[dict[str, str]]:
    """The tiles of lang's home page: each one's label key and its path from the language root."""
    return [{"key": key, "path": urls.record_path(target, "index", lang) if "/" not in target
             else _content_path(target, lang)} for key, target in TILES]
