"""A buyer reads the knowledge bank in a real browser: cases filter, and a case leads to suppliers."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bro import urls


@pytest.fixture(params=["http", "file"])
def base(request, http_root, built_site):
    return http_root if request.param == "http" else built_site.as_uri()


def test_buyer_reads_the_law_finds_a_case_and_jumps_to_suppliers(page, base):
    page.goto(f"{base}/sv/kunskapsbank/reserverade-kontrakt.html")
    assert "LOU 4 kap. 18 §" in page.locator("article").inner_text()
    page.goto(f"{base}/sv/kunskapsbank/exempel/index.html")
    page.select_option("#case-instrument", "reserved_contract")
    visible = page.locator(".bro-card:visible .bro-card__title").all_inner_texts()
    assert len(visible) >= 3
    assert "instrument=reserved_contract" in page.url
    page.locator(".bro-card:visible .bro-card__title a", has_text="frukt").first.click()
    expect(page.locator("#samme + ul a", has_text="Fruktbudet Väst AB (svb)")).to_have_count(1)
    page.locator("#samme + ul a", has_text="Fruktbudet").click()
    assert page.url.endswith("/sv/leverantorer/fruktbudet-vast.html")


def test_glossary_in_both_languages(page, base):
    page.goto(f"{base}/da/vidensbank/ordliste.html")
    row = page.locator("tr", has=page.locator('th[lang="da"]', has_text="udbud")).first
    assert "upphandling" in row.inner_text()
    assert page.locator('td[lang="sv"]').count() >= 40


@pytest.mark.parametrize(("lang", "none", "past", "suggest"), [
    ("da", "Der er ingen kommende arrangementer lige nu.", "Tidligere arrangementer",
     "Foreslå et arrangement på GitHub"),
    ("sv", "Det finns inga kommande evenemang just nu.", "Tidigare evenemang", "Föreslå ett evenemang på GitHub"),
])
def test_events_page_says_nothing_is_coming_and_offers_the_calendar(page, base, lang, none, past, suggest):
    """No event lies ahead in the sample data: the reader sees that first, can fetch the calendar, finds how to
    suggest an event, and reads the past ones under their own heading."""
    page.goto(f"{base}/{lang}/{urls.PAGES['events'][lang]}.html")
    first = page.locator("article p").first
    expect(first).to_have_text(none)
    expect(first).to_be_in_viewport()
    calendar = page.locator('article a[type="text/calendar"]')
    expect(calendar).to_have_count(1)
    assert calendar.get_attribute("href").endswith(".ics")
    expect(page.locator("article a", has_text=suggest)).to_have_attribute("href", re.compile(r"/issues/new\?title="))
    expect(page.locator('article a[href^="mailto:"]')).to_have_count(1)
    expect(page.locator("article h2", has_text=past)).to_have_count(1)
    expect(page.locator(f"article h2:has-text('{past}') ~ ul .bro-card")).to_have_count(5)
