"""MkDocs hook: a Content-Security-Policy meta tag in every built page, with the hashes of the page's own inline
scripts (the policy and its reasons are in bro.csp)."""
from __future__ import annotations

from pathlib import Path

from _generated import protect_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

_RUN = {"serving": False}


def on_startup(command: str, **kwargs) -> None:
    """Remember whether this is `mkdocs serve`: its live-reload script is inline and changes on every reload."""
    _RUN["serving"] = command == "serve"


@event_priority(-90)  # after hooks/bulk.py (-50) has written the record pages
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Rewrite every HTML page of the site with its policy (not in the live preview)."""
    if _RUN["serving"]:
        return
    done = config.extra.get("bro_protected", set())  # bulk pages: protected once per shell by hooks/bulk.py
    for path in Path(config.site_dir).rglob("*.html"):
        if str(path) not in done:
            path.write_text(protect_page(config, path.read_text(encoding="utf-8")), encoding="utf-8")
