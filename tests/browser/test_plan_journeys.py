"""A buyer and an enterprise use the tender plan in a real browser, over HTTP and from disk."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect


@pytest.fixture(params=["http", "file"])
def base(request, http_root, built_site):
    return http_root if request.param == "http" else built_site.as_uri()


def _visible_titles(page) -> list[str]:
    return [t for t in page.locator(".bro-card:visible .bro-card__title").all_inner_texts()]


def test_filters_combine_and_live_in_the_url(page, base, browser):
    page.goto(f"{base}/da/udbudsplan/index.html")
    total = len(_visible_titles(page))
    assert total == 10
    page.select_option("#plan-reserved", "yes")
    reserved = _visible_titles(page)
    assert 0 < len(reserved) < total
    page.select_option("#plan-threshold", "below")
    assert len(_visible_titles(page)) < len(reserved)
    assert "reservedkind=yes" in page.url and "threshold=below" in page.url
    other = browser.new_context().new_page()
    other.goto(page.url)
    assert _visible_titles(other) == _visible_titles(page)
    other.context.close()
    page.click("#plan-clear")
    assert len(_visible_titles(page)) == total


def test_buyer_filter_and_cpv_prefix(page, base):
    page.goto(f"{base}/sv/upphandlingsplan/index.html#buyer=goteborgs-stad")
    assert _visible_titles(page) == ["Fruktkorgar till stadens arbetsplatser – reserverat kontrakt"]
    page.goto(f"{base}/sv/upphandlingsplan/index.html#cpv=9831")
    titles = _visible_titles(page)
    assert titles and all("ttvätt" in t.lower() or "tvätt" in t.lower() for t in titles)
    assert page.locator("#plan-count").inner_text().endswith("visas")


def test_enterprise_goes_from_its_profile_to_a_matching_entry_and_the_buyer(page, base):
    page.goto(f"{base}/da/leverandorer/fruktbudet-vast.html")
    page.locator("#udbud + ul a").first.click()
    assert page.url.endswith("/da/udbudsplan/goteborg-fruktkorgar-2027.html")
    # the click returns once the new page is committed, not parsed: expect() waits for the list
    expect(page.locator("#kan-levere + p + ul a", has_text="Fruktbudet Väst AB (svb)")).to_have_count(1)
    page.locator(".bro-facts a").first.click()
    assert page.url.endswith("/da/udbudsplan/ordregiver/goteborgs-stad.html")
