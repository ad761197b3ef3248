"""A buyer and an enterprise use the tender plan in a real browser, over HTTP and from disk."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bro import i18n, plan_filters
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

PLAN = {"da": "da/udbudsplan/index.html", "sv": "sv/upphandlingsplan/index.html"}


@pytest.fixture(params=["http", "file"])
def base(request, http_root, built_site):
    return http_root if request.param == "http" else built_site.as_uri()


def _visible_titles(page) -> list[str]:
    return [t for t in page.locator(".bro-card:visible .bro-card__title").all_inner_texts()]


def test_filters_combine_and_live_in_the_url(page, base, browser):
    page.goto(f"{base}/da/udbudsplan/index.html")
    total = len(_visible_titles(page))
    assert total == 11
    page.select_option("#plan-reservedkind", "yes")
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
    expect(page.locator("#plan-count")).to_have_text("0 kommande upphandlingar och inköp visas · 1 i arkivet")


def test_enterprise_goes_from_its_profile_to_a_matching_entry_and_the_buyer(page, base):
    page.goto(f"{base}/da/leverandorer/fruktbudet-vast.html")
    page.locator("#udbud + ul a").first.click()
    assert page.url.endswith("/da/udbudsplan/goteborg-fruktkorgar-2027.html")
    # the click returns once the new page is committed, not parsed: expect() waits for the list
    expect(page.locator("#kan-levere + p + ul a", has_text="Fruktbudet Väst AB (svb)")).to_have_count(1)
    page.locator(".bro-facts a").first.click()
    assert page.url.endswith("/da/udbudsplan/ordregiver/goteborgs-stad.html")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT, today=TODAY)


def _count_text(catalog, lang: str, shown: list) -> str:
    archived = sum(1 for r in shown if r.is_archived(TODAY))
    return (i18n.label("plan.count", lang, count=len(shown) - archived).text + " · "
            + i18n.label("plan.count_archived", lang, count=archived).text)


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_every_option_of_every_filter_shows_what_the_data_says(page, http_root, catalog, lang):
    """Options come from the catalog (bro.plan_filters), not from a list here; each one's count is checked
    against the entries that match it by the domain's rule (a place matches entries whose area overlaps)."""
    page.goto(f"{http_root}/{PLAN[lang]}")
    records = list(catalog.tenders.values())
    checked = 0
    for control in plan_filters.controls(catalog, lang):
        if control["text"]:
            continue
        select = page.locator(f"#{control['id']}")
        shown_values = select.locator("option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
        assert shown_values == [code for code, _ in control["options"]] and shown_values, control["name"]
        for value in shown_values:
            select.select_option(value)
            shown = [r for r in records if plan_filters.matches(catalog, r, control["name"], value)]
            assert shown, (control["name"], value)
            expect(page.locator("#plan-count")).to_have_text(_count_text(catalog, lang, shown))
            expect(page.locator(".bro-card:visible")).to_have_count(len(shown))
            checked += 1
        select.select_option("")
    assert checked >= 20
    expect(page.locator("#plan-count")).to_have_text(_count_text(catalog, lang, records))


def test_category_and_place_filters_find_entries(page, http_root):
    """The bug of issue 12: 'Kategori' and 'Leveringssted' always showed 0 entries."""
    page.goto(f"{http_root}/{PLAN['sv']}")
    page.select_option("#plan-area", "SE-1480")  # Göteborg: its own entry and Västra Götalandsregionen's
    expect(page.locator(".bro-card:visible")).to_have_count(2)
    page.select_option("#plan-category", "catering")
    expect(page.locator(".bro-card:visible .bro-card__title")).to_have_text(
        ["Fruktkorgar till stadens arbetsplatser – reserverat kontrakt"])
    page.goto(f"{http_root}/{PLAN['da']}#area=DK04")  # Region Midtjylland finds the Aarhus entry
    expect(page.locator(".bro-card:visible a[href$='aarhus-vask-arbejdstoej.html']")).to_have_count(1)


def test_archive_heading_hides_with_its_cards_and_controls_have_borders(page, http_root):
    page.goto(f"{http_root}/{PLAN['da']}")
    expect(page.locator("#arkiv")).to_be_visible()
    page.select_option("#plan-status", "planned")
    expect(page.locator("#arkiv")).to_be_hidden()
    expect(page.locator("#plan-count")).to_contain_text("· 0 i arkivet")
    for control in page.locator(".bro-plan-control").all():
        style = control.evaluate("e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopColor,"
                                 " getComputedStyle(e).borderTopStyle]")
        assert style == ["1px", "rgb(117, 117, 117)", "solid"]
    assert page.locator("#plan-cpv").count() == 1
    # Past the filters, to the list: on a wide screen the link shows when the keyboard reaches it.
    to_results = page.get_by_role("link", name="Vis resultater", exact=True)
    to_results.focus()
    expect(to_results).to_be_in_viewport()
    assert to_results.bounding_box()["width"] > 40  # shown in full, not the 1 px it is before it has focus
    page.keyboard.press("Enter")
    assert page.url.endswith("#kommende")
    expect(page.locator("#plan-status")).to_have_value("planned")  # the anchor is not a filter state
    expect(page.locator("#plan-count")).to_contain_text("· 0 i arkivet")


def test_a_filter_set_offers_its_feeds_and_the_link_works(page, base):
    """An enterprise filters the plan by place and CPV: the page offers the feed of each filter set (the CPV box's
    by its first two digits), none when the filters are cleared; the feed opens from the link (also from disk)."""
    page.goto(f"{base}/da/udbudsplan/index.html")
    follow = page.locator("#plan-follow")
    expect(follow).to_be_hidden()
    page.select_option("#plan-area", "DK-751")
    expect(follow.locator("li:visible")).to_have_count(1)
    expect(follow.locator("li:visible a").first).to_have_text("Nye indkøb i Aarhus")
    page.fill("#plan-cpv", "9831")
    expect(follow.locator("li:visible")).to_have_count(2)
    expect(follow.locator("li:visible a", has_text="CPV-kode 98")).to_have_count(1)
    href = follow.locator("li:visible a").first.get_attribute("href")
    assert href == "foelg/omraade-aarhus.xml"
    page.click("#plan-clear")
    expect(follow).to_be_hidden()
    if base.startswith("http"):  # the theme fetches sitemap.xml beside each <link rel="alternate">: none is missing
        assert not [e for e in page.console_errors if "404" in e], page.console_errors
    response = page.goto(f"{base}/da/udbudsplan/{href}")
    assert response is None or response.ok
