"""Entries imported from TED in a real browser, in both languages at desktop and phone width: the plan filtered by
source shows only them (and keeps the choice in the address), their mark and the link to the notice are visible and
reached with the keyboard, and axe finds nothing on the pages that carry them. The site is tests/ted_site.py's: the
importer run against the recorded responses into a copy of the project (the published sample has no TED entry)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from ted_site import IMPORTED, LOT_OPEN, WHOLE
from test_accessibility import AXE, _axe, _tab_to

from bro import urls
from helpers import serve_site

LANGS = ["da", "sv"]
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
LINK = {"da": "Se bekendtgørelse {number} på TED", "sv": "Se annons {number} i TED"}


@pytest.fixture(scope="module")
def ted_root(ted_site):
    with serve_site(ted_site.site) as root:
        yield root


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    context = browser.new_context(viewport=SCREENS[request.param])
    tab = context.new_page()
    tab.console_errors = []
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()


def _plan(root: str, lang: str) -> str:
    return f"{root}/{lang}/{urls.output_path('tender_list', lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_filtered_by_source_shows_only_the_entries_from_ted(screen, browser, ted_root, lang):
    page = screen
    page.goto(_plan(ted_root, lang))
    cards = page.locator(".bro-card:visible")
    expect(cards.first).to_be_visible()
    everything = cards.count()
    toggle = page.locator(".bro-filter-toggle")
    if page.viewport_size["width"] < 900:  # on a phone the filters sit closed behind one button
        toggle.click()
        expect(page.locator("#plan-panel")).to_be_visible()
    page.select_option("#plan-source", "ted")
    expect(cards).to_have_count(len(IMPORTED))
    assert set(cards.evaluate_all("cs => cs.map(c => c.dataset.source)")) == {"ted"}
    for index in range(len(IMPORTED)):
        expect(cards.nth(index).locator(".bro-badge--ted")).to_be_visible()
        expect(cards.nth(index).locator(".bro-ted a")).to_be_visible()
    page.wait_for_function("() => location.hash.includes('source=ted')")
    shared = browser.new_context(viewport=page.viewport_size).new_page()  # the address keeps the filter
    shared.goto(page.url)
    expect(shared.locator(".bro-card:visible")).to_have_count(len(IMPORTED))
    shared.context.close()
    page.select_option("#plan-source", "bro")
    expect(cards).to_have_count(everything - len(IMPORTED))
    expect(page.locator(".bro-card:visible .bro-ted")).to_have_count(0)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_mark_and_the_link_are_visible_and_reached_with_the_keyboard(screen, ted_site, ted_root, lang):
    page = screen
    number = ted_site.catalog.tenders[WHOLE].ted.publication_number
    page.goto(f"{ted_root}/{lang}/{urls.record_path('tender', WHOLE, lang)}")
    note = page.locator(".bro-ted-note")
    expect(note.locator(".bro-badge--ted")).to_be_visible()
    expect(note.locator(".bro-badge--ted")).to_have_text("Fra TED" if lang == "da" else "Från TED")
    link = note.get_by_role("link", name=LINK[lang].format(number=number))
    expect(link).to_be_visible()
    assert _tab_to(page, ".bro-ted-note a") == []  # reached, and the focus is visible on the way
    assert page.evaluate("document.activeElement.href") == ted_site.catalog.tenders[WHOLE].ted.url
    # the profile of the supplier the matching rule finds: the entry with its mark among the open entries
    page.goto(f"{ted_root}/{lang}/{urls.record_path('supplier', 'foreningen-trappsteget', lang)}")
    item = page.locator("#udbud + ul li", has=page.locator(f"a[href$='{LOT_OPEN}.html']"))
    expect(item.locator(".bro-badge--ted")).to_be_visible()
    assert _tab_to(page, "#udbud + ul .bro-ted a") == []


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations_on_the_pages_with_entries_from_ted(browser, ted_root, lang):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make node-setup)")
    context = browser.new_context(bypass_csp=True)  # axe is injected into the page
    page = context.new_page()
    for rel in (urls.record_path("tender", WHOLE, lang), urls.output_path("tender_list", lang) + "#source=ted",
                urls.record_path("supplier", "foreningen-trappsteget", lang)):
        page.goto("about:blank")
        page.goto(f"{ted_root}/{lang}/{rel}")
        expect(page.locator(".bro-ted").first).to_be_visible()
        assert _axe(page, AXE) == [], rel
    context.close()
