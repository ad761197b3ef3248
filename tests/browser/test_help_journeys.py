"""Who helps where, in a real browser: a buyer filters the support organisations by tool and region."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bro import urls

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("lang", "instrument", "region", "count"), [
    ("sv", "Partnerskap (IOP)", "Västra Götalands län", "2 organisationer visas"),
    ("da", "Partnerskab", "Västra Götalands län", "2 organisationer vises"),
])
def test_buyer_filters_support_organisations_by_iop_and_vastra_gotaland(page, http_root, width, lang, instrument,
                                                                      region, count):
    """Without a filter every Swedish organisation shows; IOP in Västra Götaland leaves Göteborgsregionen (its
    municipalities) and Upphandlingsmyndigheten (the whole country), each once; the count is announced, the state
    is in the address, and the organisation's page is one click away."""
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{http_root}/{lang}/{urls.help_path('SE', lang)}")
    cards = page.locator(".bro-card:visible .bro-card__title")
    expect(cards).to_have_count(5)
    page.get_by_label(urls_label(lang, "instrument")).select_option(label=instrument)
    page.get_by_label(urls_label(lang, "region")).select_option(label=region)
    status = page.locator("#help-count")
    expect(status).to_have_text(count)
    expect(status).to_have_attribute("role", "status")
    expect(cards).to_have_text(["Upphandlingsmyndigheten", "Göteborgsregionen (GR)"])
    expect(page.locator("section[data-bro-group]:visible h2")).to_have_text(
        [("Hela Sverige" if lang == "sv" else "Hele Sverige"), "Västra Götalands län"])
    assert "instrument=partnership" in page.url and "region=SE-14" in page.url
    page.reload()  # the state survives in the address
    expect(cards).to_have_count(2)
    page.locator(".bro-card:visible .bro-card__title a", has_text="Göteborgsregionen").click()
    expect(page.locator("h1")).to_have_text("Göteborgsregionen (GR)")
    expect(page.locator("article a", has_text="Lokalt stöd i social hänsyn")).to_have_count(1)


def urls_label(lang: str, control: str) -> str:
    """The filter's visible label (the page's own words)."""
    return {("sv", "instrument"): "Verktyg", ("sv", "region"): "Län eller region",
            ("da", "instrument"): "Redskab", ("da", "region"): "Region"}[lang, control]


def test_the_full_list_shows_without_javascript(browser, http_root):
    """Progressive enhancement: without scripts the filters stay hidden and every organisation is listed."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{http_root}/sv/{urls.help_path('SE', 'sv')}")
    expect(page.locator("form.bro-filter")).to_be_hidden()
    expect(page.locator(".bro-card .bro-card__title")).to_have_count(5)
    context.close()


def test_a_tool_page_ends_with_who_can_help(page, http_root):
    page.goto(f"{http_root}/sv/{urls.content_path('partnerships', 'sv')}")
    block = page.locator("section.bro-who-can-help")
    expect(block.locator("h2")).to_have_text("Vem kan hjälpa till")
    expect(block.locator("li a")).to_contain_text(["Göteborgsregionen (GR)", "Upphandlingsmyndigheten"])
    block.locator("a", has_text="Hitta hjälp nära er i Sverige").click()
    expect(page.locator("#help-instrument")).to_have_value("partnership")
    expect(page.locator("#help-count")).to_have_text("2 organisationer visas")
