"""The site in a real browser (Debian's chromium): both languages, over HTTP and from disk."""
from __future__ import annotations

import re

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
    # each click starts a navigation: wait for the new page (expect retries) instead of reading the old one
    expect(page).to_have_url(re.compile(r"/da/leverandorer/madvaerket\.html$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("link", name="Svenska", exact=True).click()
    expect(page).to_have_url(re.compile(r"/sv/leverantorer/madvaerket\.html$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Om företaget")).to_be_visible()


def test_fallback_text_is_marked_with_its_language(page, base):
    page.goto(f"{base}/da/leverandorer/foreningen-trappsteget.html")
    fallback = page.locator('.bro-markdown[lang="sv"]').first
    expect(fallback).to_be_visible()
    expect(fallback).to_contain_text("findes kun på svensk")


def test_profile_states_each_acts_count(page, base):
    """A work-integration enterprise with trainees: the profile says which act's count reaches 30 % (LOU 4 kap.
    18 § counts those engaged without employment, udbudsloven § 54 only the employees)."""
    page.goto(f"{base}/sv/leverantorer/ekerverkstaden-malmo.html")
    shares = page.locator(".bro-shares li")
    expect(shares).to_have_count(2)
    expect(shares.first).to_have_attribute("data-country", "SE")
    expect(shares.first).to_contain_text("21 av 32")
    expect(page.locator('.bro-shares li[data-country="DK"]')).to_have_attribute("data-reaches", "false")


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
