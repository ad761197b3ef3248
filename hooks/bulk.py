"""MkDocs hook: write the bulk pages (one per supplier, tender entry, category, area and page of the full
list) after MkDocs' page loop. Each is its folder's shell page — rendered once by MkDocs with Material's
templates — with the title, description, head, body and file name filled in. At 10,000 suppliers this
saves Material's template run per page, the most expensive part of the build."""
from __future__ import annotations

import gzip
import json
import re
from html import escape
from pathlib import Path

import _state
from _generated import (
    ALTERNATE,
    SHELL_CONTENT,
    SHELL_DESCRIPTION,
    SHELL_HEAD,
    SHELL_OTHER,
    SHELL_SLUG,
    SHELL_TITLE,
    protect_page,
    render_body,
)
from _state import BuildState, Shell
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from bro import i18n, structured, urls

_MARKERS = re.compile("|".join(map(re.escape, (SHELL_SLUG, SHELL_OTHER, SHELL_TITLE, SHELL_DESCRIPTION, SHELL_CONTENT,
                                               SHELL_HEAD))))


@event_priority(-50)  # after the search plugin has written its index, before the offline plugin inlines it
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Replace every shell page by the bulk pages of its folder; list them in the site search and sitemap."""
    build = _state.of(config)
    site, lang = Path(config.site_dir), build.lang
    head = build.env.get_template("head.html")
    searched, written = [], []
    for shell in build.shells.values():
        shell_path = site / urls.record_path(shell.kind, SHELL_SLUG, lang)
        text = shell_path.read_text(encoding="utf-8")
        if not build.serving:  # no policy in `mkdocs serve`: its live-reload script is inline
            # The policy depends only on the theme's inline scripts, which every page of the folder shares with
            # the shell: computed once here, not per page. A body goes into the shell's content area, whose
            # scripts are never allowed; a head adds only data blocks (JSON-LD), which do not run.
            text = protect_page(build, text)
        parts, markers = _MARKERS.split(text), _MARKERS.findall(text)
        shell_path.unlink()
        for page in shell.pages:
            src = urls.record_source(shell.kind, page.slug, lang)
            body, context = render_body(build, src, page)
            described = structured.head(build.catalog, structured.Page(
                lang, urls.record_path(shell.kind, page.slug, lang), page.title, "", build.settings.site_url),
                build.site or structured.Site({}))
            values = {SHELL_SLUG: page.slug.lower(), SHELL_OTHER: _other_slug(build, shell.kind, page.slug),
                      SHELL_TITLE: escape(page.title), SHELL_CONTENT: body,
                      SHELL_HEAD: head.render(bro=context, bro_head=described) if build.worker_shim is None
                      else ALTERNATE.sub("", head.render(bro=context, bro_head=described)),
                      SHELL_DESCRIPTION: escape(described.description or config.site_description or "")}
            html = parts[0] + "".join(values[marker] + part for marker, part in zip(markers, parts[1:], strict=True))
            path = site / urls.record_path(shell.kind, page.slug, lang)  # the shell's folder, which exists
            path.write_text(html, encoding="utf-8")
            written.append(urls.record_path(shell.kind, page.slug, lang))
            build.protected.add(str(path))
            if page.search_text is not None:
                # Material's search shows title and text as HTML: both escaped, as its own entries are
                searched.append({"location": written[-1], "title": escape(page.title),
                                 "text": escape(page.search_text)})
        _fix_sitemap(site, shell, lang)
    _add_to_search(site, searched)


def _add_to_search(site: Path, docs: list[dict]) -> None:
    """Append entries to the theme's site-search index (its plugin wrote it before this hook runs)."""
    index_path = site / "search" / "search_index.json"
    if not docs or not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"].extend(docs)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _other_slug(build: BuildState, kind: str, slug: str) -> str:
    """A bulk page's file name in the other language: the same, but for a category's or area's page, which is named
    in each language's words."""
    if kind not in urls.TERM_KINDS:
        return slug.lower()
    lang = build.lang
    path = urls.translate_path(urls.record_path(kind, slug, lang), lang, i18n.other(lang), build.catalog.vocab)
    return path.rsplit("/", 1)[-1].removesuffix(".html") if path else slug.lower()


def _fix_sitemap(site: Path, shell: Shell, lang: str) -> None:
    """Replace the shell's sitemap entry by one entry per bulk page (only when the site has a site_url)."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists() or SHELL_SLUG not in (text := sitemap.read_text(encoding="utf-8")):
        return
    block = re.search(r"\s*<url>(?:(?!</url>).)*" + re.escape(SHELL_SLUG) + r".*?</url>", text, re.S)
    entries = "".join(block.group(0).replace(SHELL_SLUG, page.slug.lower()) for page in shell.pages)
    text = text.replace(block.group(0), entries)
    sitemap.write_text(text, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))
