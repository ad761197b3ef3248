"""MkDocs hook: one page per supplier and tender entry, and a list page per collection."""
from __future__ import annotations

from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bro import urls, views
from bro.render import make_environment

_KINDS = {"supplier": "suppliers", "tender": "tenders"}


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add a generated page per record and per collection list, kept out of the sidebar."""
    catalog, lang = config.extra["bro_catalog"], config.theme["language"]
    generated: dict[str, tuple[str, str | None]] = {}
    for kind, attribute in _KINDS.items():
        records = getattr(catalog, attribute)
        for slug, record in records.items():
            src = urls.record_source(kind, slug, lang)
            _add(files, config, src, views.record_title(record, lang), InclusionLevel.NOT_IN_NAV)
            generated[src] = (kind, slug)
        src = urls.list_source(kind, lang)
        _add(files, config, src, views.list_title(kind, lang), InclusionLevel.INCLUDED)
        generated[src] = (kind, None)
    config.extra["bro_generated"] = generated
    config.extra["bro_env"] = make_environment(Path(config.config_file_path).parent / "overrides" / "bro",
                                               lang, catalog.vocab)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Render a generated page's body from its template in overrides/bro/."""
    target = config.extra["bro_generated"].get(page.file.src_uri)
    if target is None:
        return html
    kind, slug = target
    catalog, lang = config.extra["bro_catalog"], config.theme["language"]
    root = "../" * page.file.src_uri.count("/") or "./"
    env = config.extra["bro_env"]
    if slug is None:
        context = views.list_context(catalog, kind, lang)
        return env.get_template(f"{kind}_list.html").render(root=root, **context)
    context = views.record_context(catalog, kind, slug, lang, config.extra.get("bro_repository"))
    return env.get_template(f"{kind}.html").render(root=root, **context)


def _add(files: Files, config: MkDocsConfig, src_uri: str, title: str, inclusion: InclusionLevel) -> None:
    """Add one generated Markdown file whose front matter carries the (escaped) title."""
    front = yaml.safe_dump({"title": str(escape(title))}, allow_unicode=True)
    file = File.generated(config, src_uri, content=f"---\n{front}---\n", inclusion=inclusion)
    if src_uri in files.src_uris:
        files.remove(files.get_file_from_path(src_uri))
    files.append(file)
