"""Browse pages in the built site: page 1 of each category and area at its old address, with a pager only when
its list needs more than one page; built with one supplier a page (BRO_PAGE_SIZE), the sample data's lists run
to several pages, each a whole page of its own, reachable from the pager and from the other language."""
from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
from test_html_validity import VNU, _describe, _is_material_toggle, _missing, _vnu

from bro import urls
from bro.catalog import load_catalog
from bro.vocab import load_vocabularies
from helpers import ROOT, TODAY

LANGS = ("da", "sv")
PAGE_WORDS = {"da": ("side", "af"), "sv": ("sida", "av")}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _lists(catalog) -> list[tuple[str, str, int]]:
    """(kind, code, number of suppliers) of every browse page."""
    return [("category", code, n) for code, n in catalog.derived.category_counts.items()] + [
        ("area", code, n) for code, n in catalog.derived.area_counts.items()]


@functools.cache
def catalog_vocab():
    """The real vocabularies, which name the browse pages (bro.urls.term_slugs)."""
    return load_vocabularies(ROOT / "data" / "vocabularies", ROOT)


def _page(site: Path, lang: str, kind: str, code: str, number: int = 1) -> Path:
    return site / lang / urls.term_path(catalog_vocab(), kind, code, lang, number)


def _pagers(html: str) -> list[str]:
    return re.findall(r'<nav class="bro-pager" aria-label="([^"]*)">', html)


def test_browse_pages_keep_their_address_and_show_no_pager_when_the_list_fits(built_site, catalog):
    for lang in LANGS:
        for kind, code, count in _lists(catalog):
            page = _page(built_site, lang, kind, code)
            html = page.read_text(encoding="utf-8")
            assert _pagers(html) == [], page
            assert html.count('<li class="bro-card') == count, page
            assert not _page(built_site, lang, kind, code, 2).exists()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_a_long_list_is_written_and_linked(paged_site, catalog, lang):
    word, of = PAGE_WORDS[lang]
    for kind, code, count in _lists(catalog):
        assert not _page(paged_site, lang, kind, code, count + 1).exists()
        for number in range(1, count + 1):
            page = _page(paged_site, lang, kind, code, number)
            html = page.read_text(encoding="utf-8")
            assert html.count('<li class="bro-card') == 1, page
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
            assert heading.endswith(f", {word} {number} {of} {count}") == (number > 1), (page, heading)
            assert f"{count} " in re.search(r"<p>(\d+ [^<]*)<a ", html).group(1)    # the whole list's count
            pagers = _pagers(html)
            assert len(pagers) == (2 if count > 1 else 0), page
            assert all(label.endswith({"da": ", side for side", "sv": ", sida för sida"}[lang]) for label in pagers)
            if count > 1:
                assert re.findall(r'<span aria-current="page">(\d+)</span>', html) == [str(number)] * 2
                links = re.findall(r'<li><a href="([^"]+)">(\d+)</a>', html)
                assert len(links) == 2 * (count - 1)
                for href, shown in links:
                    assert (page.parent / href).resolve() == _page(paged_site, lang, kind, code, int(shown)), href


def test_later_pages_are_whole_pages_in_both_languages(paged_site):
    """Written into the shell like page 1 (hooks/bulk.py): own title and file name, and the language switcher
    leads to the same page of the list in the other language."""
    for rel in ("da/leverandorer/kategori/rengoering.2.html", "sv/leverantorer/omrade/aarhus.2.html"):
        page = paged_site / rel
        html = page.read_text(encoding="utf-8")
        assert "7f3a" not in html.lower() and html.count("<h1") == 1
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
        assert re.search(r"<title>" + re.escape(heading) + " – Bro</title>", html)
        lang, inner = rel.split("/", 1)
        for other in LANGS:   # the header's switcher (the first hreflang links lead to the language's home page)
            there = inner if other == lang else urls.translate_path(inner, lang, other, catalog_vocab())
            assert there.endswith(".2.html"), there
            href = re.search(r'href="([^"]+/' + re.escape(there) + ')" hreflang="' + other + '"', html).group(1)
            assert (page.parent / href).resolve().is_file(), href
    area = (paged_site / "sv/leverantorer/omrade/aarhus.2.html").read_text(encoding="utf-8")
    assert 'id="bredere"' in area      # the links to the region's and the country's pages stand on every page


def test_paged_browse_pages_are_valid_html(paged_site, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        _missing("the Nu HTML Checker needs java and node_modules/vnu-jar (make node-setup)")
    pages = [paged_site / lang / path for lang in LANGS
             for path in (_page(paged_site, lang, "category", "cleaning", 1).relative_to(paged_site / lang),
                          _page(paged_site, lang, "category", "cleaning", 2).relative_to(paged_site / lang),
                          _page(paged_site, lang, "area", "DK-751", 1).relative_to(paged_site / lang),
                          _page(paged_site, lang, "area", "DK-751", 2).relative_to(paged_site / lang),
                          urls.record_path("all", "2", lang))]
    errors = [_describe(m, paged_site) for m in _vnu(java, pages) if not _is_material_toggle(m)]
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("lang", LANGS)
def test_directory_intro_counts_every_supplier_not_the_first_page(paged_site, catalog, lang):
    """The directory's first sentence says how many suppliers Bro lists, also when its static list shows one page."""
    html = (paged_site / lang / urls.output_path("supplier_list", lang)).read_text(encoding="utf-8")
    intro = re.search(r'<article[^>]*>.*?<p>(\d+) ', html, re.S).group(1)
    assert int(intro) == len(catalog.suppliers) > 1
