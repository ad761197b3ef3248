"""A buyer reads the knowledge bank in a real browser: cases filter, and a case leads to suppliers."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect


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
