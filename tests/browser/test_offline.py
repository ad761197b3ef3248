"""The offline copy in a real browser, unpacked from its zip and opened from disk (file://): navigation, language
switch, directory search and facets, site search, tender filters and shortlist in both languages. And on every page
type, over HTTP (the website) and from disk (the offline copy): no console error, no Content-Security-Policy
violation, no request to anything but the site itself."""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import zipfile

import pytest
from playwright.sync_api import expect

from bro.build import build
from bro.offline import pack
from helpers import ROOT, TODAY

SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
# Per language: the site's folder names and the words a reader sees and types.
L = {
    "da": {"suppliers": "leverandorer", "plan": "udbudsplan", "area": "omraade", "all": "alle", "list": "min-liste",
           "buyer": "ordregiver", "cases": "eksempler", "events": "arrangementer", "glossary": "ordliste",
           "kb": "vidensbank", "law": "reserverede-kontrakter", "innovation": "innovationspartnerskaber",
           "contribute": "bidrag", "data": "data", "cleaning": "rengoering", "aarhus": "aarhus",
           "nav_suppliers": "Leverandører", "nav_plan": "Udbudsplan", "language": "Dansk",
           "query": "rengøringen", "knowledge": "innovationspartnerskab", "tender": "frugtkurve",
           "tender_title": "Frugtkurve til byens arbejdspladser", "status": "18 leverandører"},
    "sv": {"suppliers": "leverantorer", "plan": "upphandlingsplan", "area": "omrade", "all": "alla",
           "list": "min-lista", "buyer": "myndighet", "cases": "exempel", "events": "evenemang", "glossary": "ordlista",
           "kb": "kunskapsbank", "law": "reserverade-kontrakt", "innovation": "innovationspartnerskap",
           "contribute": "bidra", "data": "oppna-data", "cleaning": "stadning", "aarhus": "aarhus",
           "nav_suppliers": "Leverantörer", "nav_plan": "Upphandlingsplan", "language": "Svenska",
           "query": "städningen", "knowledge": "innovationspartnerskap", "tender": "fruktkorgar",
           "tender_title": "Fruktkorgar till stadens arbetsplatser", "status": "18 leverantörer"},
}
# Records for the record page types (the same slugs exist in both languages). 404.html has its own test: its links
# are absolute under the published path (hooks/notfound.py).
PAGE_TYPES = ["index.html", "{suppliers}/index.html", "{suppliers}/madvaerket.html",
              "{suppliers}/kategori/{cleaning}.html", "{suppliers}/{area}/{aarhus}.html", "{suppliers}/{all}/1.html",
              "{suppliers}/{list}.html", "{plan}/index.html", "{plan}/goteborg-fruktkorgar-2027.html",
              "{plan}/{buyer}/goteborgs-stad.html", "{kb}/index.html", "{kb}/{law}.html",
              "{kb}/{cases}/index.html", "{kb}/{cases}/goteborg-fruktkorgar-2020.html",
              "{kb}/{events}.html", "{kb}/{glossary}.html", "{contribute}/index.html", "{data}.html"]
# Every Content-Security-Policy violation, also those the console might word differently.
RECORD_VIOLATIONS = ("window.__broViolations = []; document.addEventListener('securitypolicyviolation', "
                     "e => window.__broViolations.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory):
    """`make offline`'s zip, built once for this module and unpacked: the folder bro/ opened from disk."""
    if not SHIM.is_file():
        message = "node_modules/iframe-worker is missing: run `make node-setup` (needs npm)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    work = tmp_path_factory.mktemp("offline")
    assert build(ROOT, work / "site", today=TODAY, offline=True) == 0
    pack(work / "site", work / "bro-offline.zip")
    with zipfile.ZipFile(work / "bro-offline.zip") as archive:
        archive.extractall(work / "unpacked")
    return work / "unpacked" / "bro"


@pytest.fixture
def disk(offline_root, page):
    """The unpacked offline copy's address (file://…/bro), with the page recording policy violations."""
    page.add_init_script(RECORD_VIOLATIONS)
    return offline_root.as_uri()


def _assert_clean(page, base: str) -> None:
    """No console error, no policy violation and no request outside the site so far."""
    assert page.console_errors == []
    assert page.evaluate("window.__broViolations") == []
    assert [url for url in page.requests if not url.startswith(base) and not url.startswith("data:")] == []


def _site_search(page, words: str) -> list[str]:
    """Type into the header's search box (keyboard only) and return the result links once they settle."""
    page.keyboard.press("/")
    page.keyboard.type(words, delay=20)
    page.locator(".md-search-result__item:not(.bro-site-search)").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    return [link.get_attribute("href") for link in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_reader_finds_the_way_from_the_landing_page(page, disk, lang):
    words = L[lang]
    page.goto(f"{disk}/index.html")
    page.locator(f'a.bro-landing__enter[href="{lang}/index.html"]').click()
    assert page.url == f"{disk}/{lang}/index.html"
    assert page.locator("html").get_attribute("lang") == lang
    page.locator(".md-nav--primary .md-nav__link", has_text=words["nav_suppliers"]).first.click()
    assert page.url == f"{disk}/{lang}/{words['suppliers']}/index.html"
    page.locator(".md-nav--primary .md-nav__link", has_text=words["nav_plan"]).first.click()
    assert page.url == f"{disk}/{lang}/{words['plan']}/index.html"
    page.locator(".md-header a.md-logo").click()
    assert page.url == f"{disk}/{lang}/index.html"
    _assert_clean(page, disk)


@pytest.mark.parametrize("lang,other", [("da", "sv"), ("sv", "da")])
def test_language_switch_leads_to_the_same_profile(page, disk, lang, other):
    page.goto(f"{disk}/{lang}/{L[lang]['suppliers']}/madvaerket.html")
    page.get_by_role("link", name=L[other]["language"], exact=True).click()
    assert page.url == f"{disk}/{other}/{L[other]['suppliers']}/madvaerket.html"
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").inner_text().startswith("Madværket")
    _assert_clean(page, disk)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_directory_search_and_facets_from_disk(page, disk, lang):
    words = L[lang]
    page.goto(f"{disk}/{lang}/{words['suppliers']}/index.html")
    assert page.locator("#bro-status").inner_text() == words["status"]
    page.locator("#bro-q").fill(words["query"])
    page.wait_for_function("() => location.hash.includes('q=')")
    titles = page.locator("#bro-results .bro-card__title")
    assert "Städkooperativet Vinden ekonomisk förening" in titles.all_inner_texts()
    page.locator("#bro-q").fill("")
    page.locator('[data-facet="categories"] .bro-facet__all').click()    # cleaning is not among the six largest
    page.check("#f-categories-cleaning")
    assert page.locator('[data-count-for="categories:cleaning"]').inner_text() == "(2)"
    page.check("#f-countries-DK")
    assert titles.all_inner_texts() == ["Havneservice Esbjerg A/S"]
    _assert_clean(page, disk)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_site_search_finds_knowledge_and_tender_entries_from_disk(page, disk, lang):
    words = L[lang]
    page.goto(f"{disk}/{lang}/{words['kb']}/{words['cases']}/index.html")  # two folders deep: a relative worker URL
    links = _site_search(page, words["knowledge"])
    assert f"{disk}/{lang}/{words['kb']}/{words['innovation']}.html" in {href.split("?")[0] for href in links}
    page.goto(f"{disk}/{lang}/index.html")
    _site_search(page, words["tender"])
    # the first answer searches the directory; the entry comes after it
    entry = ".md-search-result__item:not(.bro-site-search)"
    page.wait_for_function("([t, css]) => document.querySelector(css).innerText.includes(t)",
                           arg=[words["tender_title"], entry], timeout=15000)
    page.locator(f"{entry} > a").first.click()
    assert page.url.split("?")[0] == f"{disk}/{lang}/{words['plan']}/goteborg-fruktkorgar-2027.html"
    _assert_clean(page, disk)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_tender_filters_from_disk(page, disk, lang):
    page.goto(f"{disk}/{lang}/{L[lang]['plan']}/index.html")
    cards = page.locator(".bro-card:visible .bro-card__title")
    total = cards.count()
    page.select_option("#plan-reservedkind", "yes")
    assert 0 < cards.count() < total
    assert "reservedkind=yes" in page.url
    page.click("#plan-clear")
    assert cards.count() == total
    _assert_clean(page, disk)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_shortlist_from_disk(page, disk, lang):
    words = L[lang]
    page.goto(f"{disk}/{lang}/{words['suppliers']}/index.html")
    page.locator(".bro-card", has_text="Fjordvask").locator(".bro-shortlist-toggle").click()
    assert page.locator("#bro-shortlist-count").inner_text() == "1"
    page.click("#bro-shortlist-link")
    assert page.url.split("#")[0] == f"{disk}/{lang}/{words['suppliers']}/{words['list']}.html"
    expect(page.locator("#bro-compare thead th a")).to_have_text(["Fjordvask"])
    _assert_clean(page, disk)


def _visit_every_page_type(page, base: str, lang: str, search: bool) -> dict[str, list[str]]:
    """Open each page type (searching on the first of each folder depth); return what went wrong, page by page."""
    # The search frame's inline script names the worker by a path relative to the page: its hash differs by depth.
    page.add_init_script(RECORD_VIOLATIONS)
    problems, searched_depths = {}, set()
    for rel in ["../index.html", *(f"{lang}/" + pattern.format(**L[lang]) for pattern in PAGE_TYPES)]:
        page.console_errors.clear()
        page.requests.clear()
        page.goto(f"{base}/{rel.removeprefix('../')}")
        page.wait_for_load_state("networkidle")
        if search and rel.count("/") not in searched_depths and page.locator("input.md-search__input").count():
            searched_depths.add(rel.count("/"))
            _site_search(page, L[lang]["tender"])
        outside = [url for url in page.requests if not url.startswith(base) and not url.startswith("data:")]
        found = [*page.console_errors, *page.evaluate("window.__broViolations"), *outside]
        if found:
            problems[rel] = found
    return problems


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_page_type_is_clean_over_http(page, http_root, lang):
    assert _visit_every_page_type(page, http_root, lang, search=False) == {}


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_page_type_is_clean_from_disk_with_site_search(page, offline_root, lang):
    assert _visit_every_page_type(page, offline_root.as_uri(), lang, search=True) == {}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """No access log on the test output."""

    def log_message(self, *args):
        pass


def test_not_found_pages_are_clean_under_the_published_path(page, built_site, tmp_path):
    html = (built_site / "da" / "404.html").read_text(encoding="utf-8")
    prefix = re.search(r'<base href="(/[^"]*)da/">', html).group(1)  # /bro/ on GitHub Pages
    root = built_site
    if prefix.strip("/"):  # serve the site under its published path
        root = tmp_path / "served"
        (root / prefix.strip("/")).parent.mkdir(parents=True)
        (root / prefix.strip("/")).symlink_to(built_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        page.add_init_script(RECORD_VIOLATIONS)
        for lang in ("da", "sv"):
            page.goto(f"{origin}{prefix}{lang}/404.html")
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").first.inner_text() == {"da": "Siden findes ikke", "sv": "Sidan finns inte"}[lang]
            # the link to the other language's front page works under the published path too
            other = {"da": "sv", "sv": "da"}[lang]
            page.locator(f'div[lang="{other}"] a').click()
            page.wait_for_load_state("networkidle")
            assert page.url == f"{origin}{prefix}{other}/index.html"
            page.goto(f"{origin}{prefix}{lang}/404.html")
            page.wait_for_load_state("networkidle")
            _assert_clean(page, origin)
    finally:
        server.shutdown()
