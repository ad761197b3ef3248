"""Who has done it, in a real browser: a Danish buyer on the reserved-contracts page finds a municipality that has
reserved a contract, and its entry, in one click, and the body that advises in the municipality's region in two,
at desktop and phone width."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bro import peers, urls


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_danish_buyer_finds_a_municipality_that_reserved_a_contract_in_one_click(browser, http_root, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(f"{http_root}/da/{urls.content_path('reserved_contracts', 'da')}")
        section = page.locator(f"#{peers.ANCHORS['da']} + .bro-peers")
        expect(page.locator(f"h2#{peers.ANCHORS['da']}")).to_have_text(re.compile(r"^Hvem har gjort det\?"))
        # Danish buyers first: the first buyer listed is a Danish municipality with a page of its own
        first = section.locator(".bro-peers__buyers > li").first
        expect(first.locator(".bro-peers__buyer a")).to_have_text("Aarhus Kommune")
        expect(first).to_contain_text("(Danmark)")
        entry = first.locator("ul a", has_text="Vask og leje af arbejdstøj")
        expect(entry).to_have_count(1)
        entry.click()  # the one click
        expect(page).to_have_url(re.compile(re.escape(urls.record_path("tender", "aarhus-vask-arbejdstoej", "da"))
                                            + "$"))
        expect(page.locator("article.bro-tender")).to_contain_text("Reserveret kontrakt")
        # back on the tool's page: the municipality's own page (click 1) lists the tools it has used and who helps
        # in its region, Region Midtjylland; the advisory body's page is click 2
        page.go_back()
        first.locator(".bro-peers__buyer a").click()
        expect(page).to_have_url(re.compile(re.escape(urls.record_path("buyer", "aarhus-kommune", "da")) + "$"))
        expect(page.locator("h2#redskaber + p + div a", has_text="Reserveret kontrakt")).to_have_count(1)
        expect(page.locator("h2#hjaelp + p")).to_contain_text("Region Midtjylland")
        page.locator("h2#hjaelp ~ ul a", has_text="Kooperationen").click()
        expect(page).to_have_url(re.compile(re.escape(urls.record_path("organisation", "kooperationen", "da")) + "$"))
        expect(page.locator("h1")).to_have_text("Kooperationen")
    finally:
        context.close()
