"""Shared by Bro's hooks (not a hook itself): adding a generated page to MkDocs' files, either as a MkDocs
page or as a "bulk" page rendered after MkDocs' page loop into a shell page of the same folder; rendering a generated
page's body and giving a page its Content-Security-Policy. The build's state they fill and read is hooks/_state.py."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from _state import BuildState, BulkPage, Generated, Shell
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from bro import csp, provisions, urls

# The shell page of a folder: MkDocs renders it once with Material's templates; every bulk page of the
# folder is that page with these markers replaced (records sit at the same depth, so relative links hold).
# Its file name is in Bro's table of the site's files (no record can take it).
SHELL_SLUG = urls.SHELL_SLUG
SHELL_OTHER = urls.SHELL_OTHER  # the page's own file name in the other language (the language switcher's link)
SHELL_TITLE = "BROBULKTITLE7F3A"
SHELL_DESCRIPTION = "BROBULKDESCRIPTION7F3A"
SHELL_CONTENT = "<!--bro-bulk-content-7f3a-->"  # Material adds the <h1> with the title before it
SHELL_HEAD = "<!--bro-bulk-head-7f3a-->"
# <link rel="alternate"> (languages, feeds): the theme fetches sitemap.xml beside each, an error from disk, so the
# offline copy has none (hooks/offline.py for MkDocs' pages, hooks/bulk.py for the bulk pages' heads)
ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate"[^>]*>')


def add_page(files: Files, config: MkDocsConfig, src_uri: str, title: str, inclusion: InclusionLevel,
             **meta) -> None:
    """Add one generated Markdown file whose front matter carries the (escaped) title and any meta. Generated pages
    are data pages: they use the full width (no table of contents; they have no headings to list)."""
    meta.setdefault("hide", ["toc"])
    front = yaml.safe_dump({"title": str(escape(title)), **meta}, allow_unicode=True)
    file = File.generated(config, src_uri, content=f"---\n{front}---\n", inclusion=inclusion)
    if src_uri in files.src_uris:
        files.remove(files.get_file_from_path(src_uri))
    files.append(file)


def add_generated(files: Files, build: BuildState, src_uri: str, title: str, inclusion: InclusionLevel,
                  body: Generated, **meta) -> None:
    """Add a generated page (add_page) whose body is rendered from a Bro template (hooks/pages.py renders it)."""
    add_page(files, build.config, src_uri, title, inclusion, **meta)
    build.generated[src_uri] = body


def add_bulk_page(files: Files, build: BuildState, kind: str, page: BulkPage) -> None:
    """Register a page of a record kind (supplier, tender, category, area, all) for rendering after the build."""
    if kind not in build.shells:
        src = urls.record_source(kind, SHELL_SLUG, build.lang)
        add_page(files, build.config, src, SHELL_TITLE, InclusionLevel.NOT_IN_NAV, description=SHELL_DESCRIPTION,
                 search={"exclude": True}, bro_shell=True)
        build.shells[kind] = Shell(kind, src)
    build.shells[kind].pages.append(page)
    # Known to MkDocs (so that Markdown links to it resolve) but not built by it: hooks/bulk.py writes it.
    src = urls.record_source(kind, page.slug, build.lang)
    files.append(File.generated(build.config, src, content="", inclusion=InclusionLevel.EXCLUDED))


def render_body(build: BuildState, src_uri: str, body: Generated | BulkPage) -> tuple[str, dict]:
    """A generated page's body from its template in overrides/bro/, with the context it was rendered from; each
    legal citation in its text that names its act links to the act (bro.provisions), as on content pages."""
    root = "../" * src_uri.count("/") or "./"
    context = body.make_context(*body.args)
    html = build.env.get_template(body.template).render(root=root, **context)
    return provisions.link_html(html, build.provisions), context


def protect_page(build: BuildState, html: str) -> str:
    """A built page with its Content-Security-Policy meta tag (see bro.csp); in the offline copy the search
    worker's frame script is allowed too."""
    if build.worker_shim is None:
        return csp.protect(html)
    worker = csp.theme_worker_url(html)
    return csp.protect(html, [_frame_script(str(build.worker_shim), worker)] if worker else [])


@functools.cache
def _frame_script(shim_path: str, worker_url: str) -> str:
    """The worker frame's inline script, read from the shim once per worker URL (pages share a few depths)."""
    return csp.worker_frame_script(Path(shim_path).read_text(encoding="utf-8"), worker_url)
