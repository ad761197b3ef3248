"""The site in a real browser (Debian's chromium): both languages, over HTTP and from disk."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

PAGES = ["index.html", "da/index.html", "sv/index.html", "da/leverandorer/index.html", "sv/leverantorer/index.html",
         "da/leverandorer/madvaerket.html", "sv/upphandlingsplan/goteborg-fruktkorgar-2027.html", "da/om.html"]


@pytest.fixture(params=["http", "file"])
def base(request, http_root, built_site):
    return http_root if request.param == "http" else built_site.as_uri()


@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_without_outside_requests(page, base, rel):
    page.goto(f"{base}/{rel}")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    outside = [url for url in page.requests if not url.startswith(base) and not url.startswith("data:")]
    assert outside == []


@pytest.mark.parametrize("rel", PAGES)
def test_page_has_no_console_errors_over_http(page, http_root, rel):
    page.goto(f"{http_root}/{rel}")
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []


def test_buyer_goes_from_list_to_profile_and_switches_language(page, base):
    page.goto(f"{base}/da/leverandorer/index.html")
    page.get_by_role("link", name="Madværket").first.click()
    assert page.url.endswith("/da/leverandorer/madvaerket.html")
    assert page.locator("html").get_attribute("lang") == "da"
    page.get_by_role("link", name="Svenska", exact=True).click()
    assert page.url.endswith("/sv/leverantorer/madvaerket.html")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", name="Om företaget").is_visible()


def test_fallback_text_is_marked_with_its_language(page, base):
    page.goto(f"{base}/da/leverandorer/foreningen-trappsteget.html")
    fallback = page.locator('.bro-markdown[lang="sv"]').first
    assert fallback.is_visible()
    assert "findes kun på svensk" in fallback.inner_text()


@pytest.mark.parametrize("how", ["typed", "dictated"])
def test_site_search_finds_pages_and_tender_entries_over_http(page, http_root, how):
    page.goto(f"{http_root}/da/index.html", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()  # as a reader opens the search on a wide screen
    # wait until the search data has loaded ("Indtast søgeord"): from then on only the reader's input starts a search
    expect(page.locator(".md-search-result__meta")).to_have_text("Indtast søgeord", timeout=30000)
    if how == "typed":
        box.press_sequentially("frugtkurve")
    else:  # dictation and menu paste change the box without a key (fill() sends no key events)
        box.fill("frugtkurve")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    # the result list is redrawn while the index loads: wait until it settles on the entry, then check it
    page.wait_for_function("() => (document.querySelector('.md-search-result__item') || {innerText: ''})"
                           ".innerText.toLowerCase().includes('frugtkurve')", timeout=30000)
    assert results.count() >= 1
    assert "Fruktkorgar" in results.first.inner_text() or "frugtkurve" in results.first.inner_text().lower()
