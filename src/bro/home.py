"""The home page's task tiles: what a visitor came to do, in the order they most often need it. The newcomer's
guide is one click from the home page."""
from __future__ import annotations

from bro import urls

# (key of the labels home.<key>.title / home.<key>.text, the page): a record kind's list page, or a content page
# (a key of bro.urls.CONTENT_PAGES).
TILES = (
    ("find", "supplier"),
    ("plan", "tender"),
    ("start", "getting_started"),
    ("knowledge", "knowledge"),
    ("contribute", "contribute"),
)


def tiles(lang: str) -> list[dict[str, str]]:
    """The tiles of lang's home page: each one's label key and its path from the language root."""
    return [{"key": key, "path": urls.content_path(target, lang) if target in urls.CONTENT_PAGES
             else urls.record_path(target, "index", lang)}
            for key, target in TILES]
