"""A buyer uses the supplier directory in a real browser, over HTTP and from disk (file://)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from bro import directory, search, urls
from bro.catalog import load_catalog
from helpers import ROOT, TODAY

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(params=["http", "file"])
def base(request, http_root, built_site):
    return http_root if request.param == "http" else built_site.as_uri()


def _results(page) -> list[str]:
    return page.locator("#bro-results .bro-card__title").all_inner_texts()


def _search(page, query: str) -> list[str]:
    page.fill("#bro-q", query)
    page.wait_for_function("q => location.hash.includes(encodeURIComponent(q).slice(0, 6)) || !q", arg=query)
    page.wait_for_timeout(50)
    return _results(page)


def test_javascript_replaces_the_static_list(page, base):
    page.goto(f"{base}/da/leverandorer/index.html")
    assert page.locator("#bro-directory").is_visible()
    assert page.locator("#bro-static-list").is_hidden()
    assert page.locator("#bro-status").inner_text() == "18 leverandører"


@pytest.mark.parametrize("lang,query,expected", [
    ("da", "rengøringen", "Städkooperativet Vinden ekonomisk förening"),    # inflected Danish
    ("da", "rengørng", "Fjordvask"),                                         # misspelled
    ("sv", "städningen", "Städkooperativet Vinden ekonomisk förening"),     # inflected Swedish
    ("sv", "stadning", "Städkooperativet Vinden ekonomisk förening"),       # without the ring
    ("sv", "rengøring", "Fjordvask"),                                        # Danish word on the Swedish site
    ("da", "cyklerne", "Cykelværkstedet Kæden ApS"),
    ("sv", "77310000", "Grønne Hænder Odense"),                              # a CPV code
    ("da", "catering aarhus", "Madværket SMBA"),                             # every word must match
])
def test_search_understands_danish_and_swedish(page, base, lang, query, expected):
    segment = "leverandorer" if lang == "da" else "leverantorer"
    page.goto(f"{base}/{lang}/{segment}/index.html")
    assert expected in _search(page, query)


def test_stop_words_and_nonsense(page, base):
    page.goto(f"{base}/da/leverandorer/index.html")
    assert "Madværket SMBA" in _search(page, "catering i aarhus")
    assert _search(page, "xyzzyqwerty") == []
    assert "Ingen leverandører" in page.locator("#bro-status").inner_text()


def test_facets_combine_count_and_live_in_the_url(page, base, browser):
    page.goto(f"{base}/da/leverandorer/index.html")
    page.locator('[data-facet="categories"] .bro-facet__all').click()    # cleaning is not among the six largest
    page.check("#f-categories-cleaning")
    assert page.locator('[data-count-for="categories:cleaning"]').inner_text() == "(2)"
    cleaning = _results(page)
    assert len(cleaning) == 2
    page.select_option("#bro-area", "SE-1880")
    page.wait_for_timeout(50)
    assert _results(page) == ["Städkooperativet Vinden ekonomisk förening"]
    page.check("#f-countries-DK")
    page.wait_for_timeout(50)
    assert _results(page) == []
    page.uncheck("#f-countries-DK")
    url = page.url
    assert "categories=cleaning" in url and "area=SE-1880" in url
    other = browser.new_context().new_page()
    other.goto(url)
    assert other.locator("#f-categories-cleaning").is_checked()
    assert other.locator("#bro-area").input_value() == "SE-1880"
    assert _results(other) == ["Städkooperativet Vinden ekonomisk förening"]
    other.context.close()
    page.click("#bro-clear")
    page.wait_for_timeout(50)
    assert page.locator("#bro-status").inner_text() == "18 leverandører"
    assert "#" not in page.url or page.url.endswith("#")


def test_region_and_eligibility_facets(page, base):
    page.goto(f"{base}/sv/leverantorer/index.html#area=DK04&eligible=1")
    names = _results(page)
    assert "Madværket SMBA" in names                       # Aarhus lies in Region Mittjylland
    assert "Havneservice Esbjerg A/S" not in names         # not eligible


def test_keyboard_only_search_and_facets(page, base):
    page.goto(f"{base}/da/leverandorer/index.html")
    page.locator("#bro-q").focus()
    page.keyboard.type("vask")
    page.wait_for_timeout(300)
    assert "Fjordvask" in _results(page)
    page.locator("#f-countries-SE").focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(100)
    assert "Fjordvask" not in _results(page)
    assert page.locator("#f-countries-SE").is_checked()


def test_shortlist_compare_print_and_copy(page, base):
    page.goto(f"{base}/da/leverandorer/index.html")
    for name in ("Fjordvask", "Madværket SMBA"):
        page.locator(".bro-card", has_text=name).locator(".bro-shortlist-toggle").click()
    assert page.locator("#bro-shortlist-count").inner_text() == "2"
    button = page.locator(".bro-card", has_text="Fjordvask").locator(".bro-shortlist-toggle")
    assert button.get_attribute("aria-pressed") == "true"
    page.click("#bro-shortlist-link")
    assert page.url.split("#")[0].endswith("/da/leverandorer/min-liste.html")
    page.locator("#bro-compare thead th a").first.wait_for()  # drawn once the search data has loaded
    headers = page.locator("#bro-compare thead th a").all_inner_texts()
    assert headers == ["Fjordvask", "Madværket SMBA"]
    mail = page.locator("#bro-mail-text").input_value()
    assert "Fjordvask" in mail and "Madværket SMBA" in mail and "/da/leverandorer/madvaerket.html" in mail
    page.click("#bro-copy")
    page.wait_for_function("() => document.getElementById('bro-copy-status').textContent.length > 0")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator("#bro-print").is_hidden()
    assert page.locator("#bro-compare").is_visible()
    page.emulate_media(media="screen")
    page.locator("#bro-compare thead .bro-remove").first.click()
    expect(page.locator("#bro-compare thead th a")).to_have_text(["Madværket SMBA"])


def test_shortlist_from_a_profile_page_in_the_other_language(page, base):
    page.goto(f"{base}/sv/leverantorer/fjordvask.html")
    page.click(".bro-shortlist-box .bro-shortlist-toggle")
    page.goto(f"{base}/sv/leverantorer/min-lista.html")
    assert page.locator("#bro-compare thead th a").all_inner_texts() == ["Fjordvask"]
    assert page.locator("#bro-compare tbody th").first.inner_text() == "Kort beskrivning"


def test_browser_stemmer_matches_the_index_stemmer(page, http_root):
    words = {"da": ["rengøringen", "cyklerne", "vaskeriet", "arbejdstøj", "frugtordninger", "kommunernes",
                    "beskæftigelse", "leverandørerne", "økologiske", "håndværkere"],
             "sv": ["städningen", "cyklarna", "tvätteriet", "arbetskläder", "fruktkorgarna", "kommunernas",
                    "sysselsättning", "leverantörerna", "ekologiska", "hantverkare"]}
    for lang, segment in (("da", "leverandorer"), ("sv", "leverantorer")):
        page.goto(f"{http_root}/{lang}/{segment}/index.html")
        stems = page.evaluate("([lang, words]) => words.map(w => lunr[lang].stemmer(new lunr.Token(w)).toString())",
                              [lang, words[lang]])
        assert stems == [search.stem(word, lang) for word in words[lang]]


def test_several_shards_load_and_search_across_them(page, sharded_site):
    assert len(list((sharded_site / "da" / "assets" / "bro").glob("directory-shard-*.js"))) == 5  # 1, then 5 each
    page.goto((sharded_site / "da" / "leverandorer" / "index.html").as_uri())
    page.wait_for_function("() => document.getElementById('bro-status').textContent === '18 leverandører'")
    page.check("#f-countries-SE")
    assert page.locator('[data-count-for="countries:DK"]').inner_text() == "(10)"
    assert page.locator("#bro-status").inner_text() == "8 leverandører"
    page.uncheck("#f-countries-SE")
    names = _search(page, "rengøringen")
    assert {"Fjordvask", "Städkooperativet Vinden ekonomisk förening"} <= set(names)
    page.goto((sharded_site / "da" / "leverandorer" / "min-liste.html").as_uri())
    page.evaluate("localStorage.setItem('bro-shortlist', JSON.stringify(['textilverket-bergsjo', 'arkivhjaelpen']))")
    page.reload()  # the table is drawn once the shards holding both have loaded
    expect(page.locator("#bro-compare thead th a")).to_have_text(["Stiftelsen Textilverket i Bergsjö",
                                                                   "Arkivhjælpen ApS"])


@pytest.mark.parametrize("start,label,second,other,other_second", [
    ("da/leverandorer/kategori/rengoering.html", "Rengøring, side for side", "Rengøring, side 2 af 2",
     "sv", "Städning, sida 2 av 2"),
    ("sv/leverantorer/omrade/aarhus.html", "Aarhus, sida för sida", "Aarhus, sida 2 av 2",
     "da", "Aarhus, side 2 af 2"),
])
def test_a_long_browse_list_is_read_page_by_page(browser, paged_site, start, label, second, other, other_second):
    """From page 1 of a category or an area to page 2 with the pager, then to the same page in the other
    language; each page shows the whole list's count and other suppliers, and axe finds nothing to fix."""
    context = browser.new_context(bypass_csp=True)     # axe is injected into the pages
    page = context.new_page()
    page.goto((paged_site / start).as_uri())
    pagers = page.get_by_role("navigation", name=label, exact=True)
    expect(pagers).to_have_count(2)
    expect(pagers.first.locator('[aria-current="page"]')).to_have_text("1")
    count = page.locator("article p", has=page.locator('a[href*="#"]')).first.inner_text()
    shown = page.locator(".bro-list .bro-card__title").all_inner_texts()
    pagers.last.get_by_role("link", name="2", exact=True).click()
    expect(page.locator("h1")).to_have_text(second)
    expect(page).to_have_title(f"{second} – Bro")
    expect(pagers.last.locator('[aria-current="page"]')).to_have_text("2")
    assert page.locator("article p", has=page.locator('a[href*="#"]')).first.inner_text() == count
    later = page.locator(".bro-list .bro-card__title").all_inner_texts()
    assert len(shown) == len(later) == 1 and shown != later
    if AXE.exists():
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})")
        assert [violation["id"] for violation in result["violations"]] == []
    page.goto(page.locator(f'a.bro-lang__link[hreflang="{other}"]').evaluate("a => a.href"))
    expect(page.locator("h1")).to_have_text(other_second)
    context.close()


# --- issue 12: results first, relevance, zero results, site search ---------------------------------------------

DIRECTORY = {"da": "da/leverandorer/index.html", "sv": "sv/leverantorer/index.html"}
CLEANING = {"da": "rengøring", "sv": "städning"}


@pytest.mark.parametrize("lang", ["da", "sv"])
@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_search_box_count_and_first_result_above_the_fold(browser, http_root, lang, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{http_root}/{DIRECTORY[lang]}")
    status = page.locator("#bro-status")
    expect(status).to_have_text("18 leverandører" if lang == "da" else "18 leverantörer")
    assert status.get_attribute("aria-live") == "polite" and status.is_visible()
    page.fill("#bro-q", CLEANING[lang])
    expect(status).to_have_text(re.compile(r"^[1-9] leverand|^[1-9] leverant"))   # the count changes as one types
    box = page.locator("#bro-q").bounding_box()
    card = page.locator("#bro-results .bro-card").first.bounding_box()
    assert box["y"] + box["height"] < height
    assert card["y"] + 60 < height, f"first result at {card['y']} px"
    toggle = page.locator(".bro-filter-toggle")
    if width < 900:
        expect(toggle).to_be_visible()
        expect(page.locator("#bro-filters-panel")).to_be_hidden()            # closed by default on a phone
        toggle.click()
        expect(page.locator("#bro-filters-panel")).to_be_visible()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.check("#f-countries-DK")
        expect(toggle).to_have_text(re.compile(r"^(Filtre|Filter) \(1\)$"))
    else:
        expect(toggle).to_be_hidden()
        expect(page.locator("#bro-filters-panel")).to_be_visible()          # side column on wide screens
        panel, main = page.locator(".bro-filter-side").bounding_box(), page.locator(".bro-filter-main").bounding_box()
        assert panel["x"] + panel["width"] <= main["x"]
    page.close()


def test_every_facet_option_is_reachable_and_counts_what_the_data_says(page, http_root):
    catalog = load_catalog(ROOT, today=TODAY)
    page.goto(f"{http_root}/{DIRECTORY['da']}")
    expect(page.locator("#bro-status")).to_have_text("18 leverandører")
    scrolling = page.evaluate("""() => [...document.querySelectorAll('#bro-filters-panel *')]
        .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)).map(e => e.className)""")
    assert scrolling == []
    for button in page.locator(".bro-facet__all").all():
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
    for facet in directory.FACETS:
        name = facet.name
        expected = Counter(code for r in catalog.suppliers.values() for code in set(facet.codes(r)))
        boxes = page.locator(f'input[name="{name}"]')
        assert boxes.count() >= len(expected)
        for code in [box.get_attribute("value") for box in boxes.all()]:
            expect(page.locator(f"#f-{name}-{code}")).to_be_visible()
            expect(page.locator(f'[data-count-for="{name}:{code}"]')).to_have_text(f"({expected[code]})")


@pytest.mark.parametrize("lang,query,expected,absent", [
    ("sv", "städ", "Städkooperativet Vinden ekonomisk förening", "Grönt Jobb Skåne"),   # no "stad"
    ("da", "vaskeri", "Fjordvask", None),                      # industrivaskeri
    ("da", "cykelreparation", "Cykelværkstedet Kæden ApS", None),   # cykel… + reparation
    ("da", "opmagasinering", "Cykelværkstedet Kæden ApS", None),    # only in the description
])
def test_relevance_compounds_and_no_false_typos(page, http_root, lang, query, expected, absent):
    page.goto(f"{http_root}/{DIRECTORY[lang]}")
    expect(page.locator("#bro-status")).to_have_text(re.compile("^18 "))
    found = _search(page, query)
    assert expected in found
    if absent:
        assert absent not in found
    if query == "städ":
        catalog = load_catalog(ROOT, today=TODAY)
        with_stad = [r.data["name"] for r in catalog.suppliers.values()
                     if re.search(r"\bstad", search._text(catalog, r.slug).lower())
                     and "städ" not in search._text(catalog, r.slug).lower()]
        assert not set(with_stad) & set(found), with_stad


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_zero_results_suggest_a_wider_area_a_filter_to_drop_and_the_plan(page, http_root, lang):
    page.goto(f"{http_root}/{DIRECTORY[lang]}#area=DK-751&categories=cleaning")   # Aarhus, cleaning: nobody
    expect(page.locator("#bro-status")).to_contain_text("Ingen" if lang == "da" else "Inga")
    suggest = page.locator("#bro-suggest")
    expect(suggest).to_be_visible()
    options = suggest.locator(".bro-suggest__option")
    texts = options.all_inner_texts()
    assert any("Rengøring" in t or "Städning" in t for t in texts), texts      # drop the named filter
    country = "Hele Danmark" if lang == "da" else "Hela Danmark"
    assert any(country in t for t in texts), texts                             # widen to the country
    hrefs = [a.get_attribute("href") for a in suggest.locator("a").all()]
    assert any(h.endswith(urls.content_path("announce", lang)) for h in hrefs), hrefs   # announce the need
    assert any(h.endswith(urls.output_path("peers", lang)) for h in hrefs), hrefs       # who has done it
    widen = options.filter(has_text=country)
    count = int(re.search(r"\((\d+)\)", widen.inner_text()).group(1))
    widen.click()
    expect(page.locator("#bro-results .bro-card")).to_have_count(count)
    assert "area=DK" in page.url and "DK-751" not in page.url
    expect(suggest).to_be_hidden()


@pytest.mark.parametrize("lang", ["da", "sv"])
def test_site_search_offers_the_directory_and_finds_suppliers_and_entries_by_name(page, http_root, lang):
    catalog = load_catalog(ROOT, today=TODAY)
    entry = next(iter(catalog.tenders.values())).data["title"][lang]
    page.goto(f"{http_root}/{lang}/index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("Fjordvask")
    first = page.locator(".md-search-result__list > li").first
    label = "Søg i leverandørlisten efter »Fjordvask«" if lang == "da" else "Sök i leverantörslistan efter ”Fjordvask”"
    expect(first).to_have_text(label)
    expect(page.locator(".md-search-result__list")).to_contain_text("Fjordvask", timeout=10000)
    expect(page.locator(".md-search-result__item:not(.bro-site-search)").first).to_contain_text("Fjordvask")
    box.fill(entry)
    expect(page.locator(".md-search-result__item:not(.bro-site-search)").first).to_contain_text(entry.split()[0])
    box.fill("rengøring")
    expect(first).to_contain_text("»rengøring«" if lang == "da" else "”rengøring”")
    page.locator(".bro-site-search a").click()
    page.wait_for_url(re.compile(r"/leveran[dt]orer/index\.html#q=reng"))
    expect(page.locator("#bro-q")).to_have_value("rengøring")


def test_language_switch_keeps_the_query_and_filters(page, http_root):
    page.goto(f"{http_root}/{DIRECTORY['da']}")
    expect(page.locator("#bro-status")).to_have_text("18 leverandører")
    page.fill("#bro-q", "rengøring")
    page.check("#f-countries-DK")
    page.wait_for_function("() => location.hash.includes('countries=DK') && location.hash.includes('q=')")
    href = page.locator('a[hreflang="sv"]').first.get_attribute("href")
    assert "q=reng" in href and "countries=DK" in href
    page.goto(page.locator('a[hreflang="sv"]').first.evaluate("a => a.href"))
    expect(page.locator("#bro-q")).to_have_value("rengøring")
    expect(page.locator("#f-countries-DK")).to_be_checked()


def test_an_option_with_hits_shows_without_show_all(page, http_root):
    """A long facet shows its largest options first; while a search narrows the list, an option further down that
    has hits shows too, so the category the reader typed is never hidden behind "Vis alle"."""
    page.goto(f"{http_root}/da/leverandorer/index.html")
    cleaning = page.locator("#f-categories-cleaning")
    expect(page.locator("#bro-results .bro-card").first).to_be_visible()
    expect(cleaning).to_be_hidden()                     # not among the largest categories of the sample data
    _search(page, "rengøring")
    expect(cleaning).to_be_visible()
    expect(page.locator("label[for='f-categories-cleaning']")).to_contain_text("(2)")
    _search(page, "")
    expect(cleaning).to_be_hidden()


def test_an_empty_shortlist_offers_no_tools(page, http_root):
    """Print, copy and empty mean nothing without suppliers: they show once the list has one."""
    page.goto(f"{http_root}/da/leverandorer/min-liste.html")
    expect(page.locator("#bro-shortlist-empty")).to_be_visible()
    expect(page.locator("#bro-copy")).to_be_hidden()
    expect(page.locator("#bro-mail-text")).to_be_hidden()
    page.goto(f"{http_root}/da/leverandorer/index.html")
    page.locator(".bro-card", has_text="Fjordvask").locator(".bro-shortlist-toggle").click()
    page.goto(f"{http_root}/da/leverandorer/min-liste.html")
    expect(page.locator("#bro-copy")).to_be_visible()
    expect(page.locator("#bro-shortlist-empty")).to_be_hidden()
