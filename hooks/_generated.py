"""Shared by Bro's hooks (not a hook itself): adding a generated page to MkDocs' files, either as a MkDocs
page or as a "bulk" page rendered after MkDocs' page loop into a shell page of the same folder."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml
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


@dataclass
class BulkPage:
    """One page rendered from a Bro template into its folder's shell."""

    slug: str
    title: str
    template: str
    make_context: object
    args: tuple
    search_text: str | None = None  # text for the site search (None: not listed there)


@dataclass
class Shell:
    """A folder's shell page and the bulk pages that share it."""

    kind: str
    src_uri: str
    pages: list[BulkPage] = field(default_factory=list)


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


def add_bulk_page(files: Files, config: MkDocsConfig, kind: str, page: BulkPage) -> None:
    """Register a page of a record kind (supplier, tender, category, area, all) for rendering after the build."""
    shells: dict[str, Shell] = config.extra.setdefault("bro_bulk", {})
    if kind not in shells:
        src = urls.record_source(kind, SHELL_SLUG, config.theme["language"])
        add_page(files, config, src, SHELL_TITLE, InclusionLevel.NOT_IN_NAV, description=SHELL_DESCRIPTION,
                 search={"exclude": True}, bro_shell=True)
        shells[kind] = Shell(kind, src)
    shells[kind].pages.append(page)
    # Known to MkDocs (so that Markdown links to it resolve) but not built by it: hooks/bulk.py writes it.
    src = urls.record_source(kind, page.slug, config.theme["language"])
    files.append(File.generated(config, src, content="", inclusion=InclusionLevel.EXCLUDED))


def render_body(config: MkDocsConfig, src_uri: str, template: str, make_context, args: tuple) -> tuple[str, dict]:
    """A generated page's body from its template in overrides/bro/, with the context it was rendered from; each
    legal citation in its text that names its act links to the act (bro.provisions), as on content pages."""
    root = "../" * src_uri.count("/") or "./"
    context = make_context(*args)
    html = config.extra["bro_env"].get_template(template).render(root=root, **context)
    table = config.extra.get("bro_provisions")  # read by hooks/provisions.py; citations link as on content pages
    return (provisions.link_html(html, table) if table is not None else html), context


def protect_page(config: MkDocsConfig, html: str) -> str:
    """A built page with its Content-Security-Policy meta tag (see bro.csp); in the offline copy the search
    worker's frame script is allowed too."""
    shim_path = config.extra.get("bro_worker_shim")  # set by hooks/offline.py in the offline copy
    if not shim_path:
        return csp.protect(html)
    worker = csp.theme_worker_url(html)
    return csp.protect(html, [_frame_script(shim_path, worker)] if worker else [])


@functools.cache
def _frame_script(shim_path: str, worker_url: str) -> str:
    """The worker frame's inline script, read from the shim once per worker URL (pages share a few depths)."""
    return csp.worker_frame_script(Path(shim_path).read_text(encoding="utf-8"), worker_url)
