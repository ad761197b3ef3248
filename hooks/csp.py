"""MkDocs hook: a Content-Security-Policy meta tag in every built page, with the hashes of the page's own inline
scripts (the policy and its reasons are in bro.csp)."""
from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from bro import csp

_RUN = {"serving": False}


def on_startup(command: str, **kwargs) -> None:
    """Remember whether this is `mkdocs serve`: its live-reload script is inline and changes on every reload."""
    _RUN["serving"] = command == "serve"


@event_priority(-90)  # after hooks/bulk.py (-50) has written the record pages
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Rewrite every HTML page of the site with its policy (not in the live preview)."""
    if _RUN["serving"]:
        return
    shim_path = config.extra.get("bro_worker_shim")  # set by hooks/offline.py in the offline copy
    shim = Path(shim_path).read_text(encoding="utf-8") if shim_path else None
    frame_script = functools.lru_cache(maxsize=None)(lambda url: csp.worker_frame_script(shim, url))
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        worker = csp.theme_worker_url(html) if shim else None
        path.write_text(csp.protect(html, [frame_script(worker)] if worker else []), encoding="utf-8")
