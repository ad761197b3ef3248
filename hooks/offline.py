"""MkDocs hook for the offline copy (Material's offline plugin, on only with BRO_OFFLINE=true): the site search
runs from disk through the iframe-worker shim served by the site itself, and no page asks for sitemap.xml."""
from __future__ import annotations

from pathlib import Path

import _state
from _generated import ALTERNATE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from bro import urls

SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"  # from the npm registry: `make node-setup`
SHIM_URI = f"{urls.ASSETS}/iframe-worker-shim.js"


def _is_offline(config: MkDocsConfig) -> bool:
    """True in the offline build (the offline plugin is enabled)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


# after hooks/data.py (100), which starts the build's state; before the offline plugin, which adds the shim from
# unpkg.com unless one is configured
@event_priority(50)
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Offline: configure the site's own copy of the iframe-worker shim as the theme's polyfill."""
    if not _is_offline(config):
        return config
    build = _state.of(config)
    shim = build.root / SHIM
    if not shim.is_file():
        raise Abort(f"Bro: the offline copy needs {SHIM}; run `make node-setup` (it needs npm).")
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM_URI]  # the theme's setting
    build.worker_shim = shim  # hooks/csp.py allows the script the shim writes into its frame
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Offline: copy the shim into the built site."""
    shim = _state.of(config).worker_shim
    if shim is not None:
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(shim)))
    return files


def on_post_page(output: str, page: Page | None, config: MkDocsConfig, **kwargs) -> str:
    """Offline: drop <link rel="alternate">, beside which the theme would fetch sitemap.xml (an error from disk)."""
    # The offline copy is not for search engines; the header's language switch links each page's counterpart.
    return ALTERNATE.sub("", output) if _state.of(config).worker_shim is not None else output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig, **kwargs) -> str:
    """Offline: the same for the theme's own pages (404.html)."""
    return on_post_page(output_content, None, config) if template_name.endswith(".html") else output_content
