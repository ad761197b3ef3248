"""MkDocs hook: the supplier directory's extras — browse pages per category and area, the shortlist page,
the search data script and the lunr.js files it needs (shipped with MkDocs' own search plugin)."""
from __future__ import annotations

from pathlib import Path

import _state
import mkdocs.contrib.search
from _generated import add_bulk_page, add_generated
from _state import BulkPage, Generated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from bro import directory, urls

LUNR_DIR = Path(mkdocs.contrib.search.__file__).parent
LUNR_FILES = {"lunr.js": "templates/search/lunr.js", "lunr.stemmer.support.js": "lunr-language/lunr.stemmer.support.js",
              "lunr.da.js": "lunr-language/lunr.da.js", "lunr.sv.js": "lunr-language/lunr.sv.js"}


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Give the theme's templates the directory's address: the site search's first answer searches the directory
    (overrides/main.html, assets/bro/site-search.js)."""
    config.extra["bro_directory_path"] = urls.output_path("supplier_list", _state.of(config).lang)
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Register the browse pages (every page of each category's and area's list), the pages of the full list,
    the shortlist page, the data script and the lunr files. The lists readable without JavaScript have
    extra.bro_page_size suppliers a page (BRO_PAGE_SIZE: small in tests so that the sample data has several pages),
    passed to every list, so that the directory page's pager, the full list and the browse lists all agree."""
    build = _state.of(config)
    catalog, lang, per_page = build.catalog, build.lang, build.settings.page_size
    pages = [(kind, slug, context) for kind, codes in (("category", catalog.derived.category_counts),
                                                       ("area", catalog.derived.area_counts))
             for code in codes for slug, context in directory.browse_contexts(catalog, kind, code, lang, per_page)]
    pages += [("all", str(page["number"]), directory.all_page_context(catalog, page["number"], lang, per_page))
              for page in directory.pager(catalog, lang, per_page)]
    for kind, slug, context in pages:
        add_bulk_page(files, build, kind, BulkPage(slug, context["title"], f"{kind}.html", dict, (context,)))
    add_generated(files, build, urls.page_source("shortlist", lang), directory.shortlist_title(lang),
                  InclusionLevel.NOT_IN_NAV, Generated("shortlist.html", directory.shortlist_context, (catalog, lang)),
                  hide=["toc"], search={"exclude": True})
    size = build.settings.shard_size
    meta = directory.directory_data(catalog, lang, size)
    files.append(File.generated(config, f"{urls.ASSETS}/directory-data.js",
                                content=directory.data_script("directory", meta)))
    for number, name in enumerate(meta["shards"]):
        shard = directory.shard_data(catalog, lang, number, size)
        files.append(File.generated(config, f"{urls.ASSETS}/{name}", content=directory.data_script("shard", shard)))
    for name, rel in LUNR_FILES.items():
        files.append(File.generated(config, f"{urls.ASSETS}/{name}", abs_src_path=str(LUNR_DIR / rel)))
    return files
