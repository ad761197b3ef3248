"""MkDocs hook: the supplier directory's extras — browse pages per category and area, the shortlist page,
the search data script and the lunr.js files it needs (shipped with MkDocs' own search plugin)."""
from __future__ import annotations

from pathlib import Path

import mkdocs.contrib.search
from _generated import BulkPage, add_bulk_page, add_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from bro import directory, urls

LUNR_DIR = Path(mkdocs.contrib.search.__file__).parent
LUNR_FILES = {"lunr.js": "templates/search/lunr.js", "lunr.stemmer.support.js": "lunr-language/lunr.stemmer.support.js",
              "lunr.da.js": "lunr-language/lunr.da.js", "lunr.sv.js": "lunr-language/lunr.sv.js"}


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Suppliers per page of the lists readable without JavaScript (extra.bro_page_size, BRO_PAGE_SIZE: small in
    tests so that the sample data has several pages). Set once for the build, so that the directory page's pager,
    the full list and the browse lists all agree."""
    directory.PAGE_SIZE = int(config.extra.get("bro_page_size") or directory.PAGE_SIZE)
    # the site search's first answer searches the directory (overrides/main.html, assets/bro/site-search.js)
    config.extra["bro_directory_path"] = urls.SEGMENTS["supplier"][config.theme["language"]] + "/index.html"
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Register the browse pages (every page of each category's and area's list), the pages of the full list,
    the shortlist page, the data script and the lunr files."""
    catalog, lang = config.extra["bro_catalog"], config.theme["language"]
    generated = config.extra["bro_generated"]
    pages = [(kind, slug, context) for kind, codes in (("category", catalog.derived.category_counts),
                                                       ("area", catalog.derived.area_counts))
             for code in codes for slug, context in directory.browse_contexts(catalog, kind, code, lang)]
    pages += [("all", str(page["number"]), directory.all_page_context(catalog, page["number"], lang))
              for page in directory.pager(catalog, lang)]
    for kind, slug, context in pages:
        add_bulk_page(files, config, kind, BulkPage(slug, context["title"], f"{kind}.html", dict, (context,)))
    src = urls.page_source("shortlist", lang)
    add_page(files, config, src, directory.shortlist_title(lang), InclusionLevel.NOT_IN_NAV, hide=["toc"],
             search={"exclude": True})
    generated[src] = ("shortlist.html", directory.shortlist_context, (catalog, lang))
    size = int(config.extra.get("bro_shard_size") or directory.SHARD_SIZE)
    meta = directory.directory_data(catalog, lang, size)
    files.append(File.generated(config, f"{urls.ASSETS}/directory-data.js",
                                content=directory.data_script("directory", meta)))
    for number, name in enumerate(meta["shards"]):
        shard = directory.shard_data(catalog, lang, number, size)
        files.append(File.generated(config, f"{urls.ASSETS}/{name}", content=directory.data_script("shard", shard)))
    for name, rel in LUNR_FILES.items():
        files.append(File.generated(config, f"{urls.ASSETS}/{name}", abs_src_path=str(LUNR_DIR / rel)))
    return files
