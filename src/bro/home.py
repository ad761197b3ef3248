"""The home page's task tiles: what a visitor came to do, in the order they most often need it. The newcomer's
guide is one click from the home page."""
from __future__ import annotations

from bro import urls

# (key of the labels home.<key>.title / home.<key>.text, the page): a record kind's list page, or a content page.
# TODO(addresses): take the content pages' paths from bro.urls.content_path once the Swedish folders get Swedish names.
TILES = (
    ("find", "supplier"),
    ("plan", "tender"),
    ("start", "vidensbank/kom-i-gang.html"),
    ("knowledge", "vidensbank/index.html"),
    ("contribute", "bidrag/index.html"),
)


def tiles(lang: str) -> list[dict[str, str]]:
    """The tiles of lang's home page: each one's label key and its path from the language root."""
    return [{"key": key, "path": target if "/" in target else urls.record_path(target, "index", lang)}
            for key, target in TILES]
