"""MkDocs hook: one page per supplier and tender entry, a list page per collection, and the rendering of
every generated page (other hooks register theirs in config.extra['bro_generated'])."""
from __future__ import annotations

from pathlib import Path

from _generated import add_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import directory, urls, views
from bro.render import make_environment

_KINDS = {"supplier": "suppliers", "tender": "tenders"}
_LISTS = {"supplier": ("supplier_list.html", directory.list_context),
          "tender": ("tender_list.html", views.plan_context)}


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add a generated page per record and per collection list, kept out of the sidebar."""
    catalog, lang = config.extra["bro_catalog"], config.theme["language"]
    repository = config.extra.get("bro_repository")
    generated: dict = {}
    for kind, attribute in _KINDS.items():
        for slug, record in getattr(catalog, attribute).items():
            src = urls.record_source(kind, slug, lang)
            # Suppliers are searched in the directory (stemmed, both languages); keeping their pages out of
            # the theme's site search keeps its index and the build small at 10,000 suppliers.
            meta = {"search": {"exclude": True}} if kind == "supplier" else {}
            add_page(files, config, src, views.record_title(record, lang), InclusionLevel.NOT_IN_NAV, **meta)
            generated[src] = (f"{kind}.html", views.record_context, (catalog, kind, slug, lang, repository))
        src = urls.list_source(kind, lang)
        add_page(files, config, src, views.list_title(kind, lang), InclusionLevel.INCLUDED, hide=["toc"])
        generated[src] = _LISTS[kind] + ((catalog, lang),)
    config.extra["bro_generated"] = generated
    config.extra["bro_env"] = make_environment(Path(config.config_file_path).parent / "overrides" / "bro",
                                               lang, catalog.vocab)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Render a generated page's body from its template in overrides/bro/."""
    target = config.extra["bro_generated"].get(page.file.src_uri)
    if target is None:
        return html
    template, make_context, args = target
    root = "../" * page.file.src_uri.count("/") or "./"
    page.meta["bro_context"] = context = make_context(*args)
    return config.extra["bro_env"].get_template(template).render(root=root, **context)
